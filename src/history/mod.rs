//! The history file: JSON Lines, append-only. Four kinds of line: an attempt, written
//! the moment its grade is chosen; (from format 2) a follow-up answer, written the
//! moment that follow-up is graded; (from format 3) the attempt's note, written when it
//! is typed, and a regrade, written by `history regrade`. The last three name their
//! attempt by id. Readers fold them into their attempts (a regrade counts for an
//! attempt earlier in the file; the latest one is the grade), so everything above this
//! module sees whole attempts. The README's "The history file" section is the format's
//! one written definition; `tests/fixtures/history-v3.jsonl` shows every kind.
//!
//! `append` is the only writer: append mode, the file lock, one `write_all` of the whole
//! line, `sync_data`. The file is never rewritten in place. `read` tolerates damage: a
//! torn or hand-broken line is reported once with its line number and skipped.

use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::bank::{Category, Level, PromptId};
use crate::jsonl;
pub use store::{Damage, report_damage};

pub mod cache;
pub mod record;
mod scan;
pub mod sessions;
pub mod store;

/// The record format version written by this build: 2 adds follow-up lines, the
/// suggested grade and points, and the scenario transcript; 3 writes the attempt at its
/// grade with the note on a line of its own, adds regrade lines, and numbers each
/// scenario action by the typed line it came from.
pub const VERSION: u32 = 3;

/// The most an answer, a note or a follow-up answer keeps (1 MiB); the rest is cut
/// with a visible note, so every history line stays small enough to write whole.
pub const ANSWER_CAP: usize = 1 << 20;

/// Cuts `text` to [`ANSWER_CAP`] bytes at a character boundary and says so at its end.
/// Returns the text and how many bytes were cut (0 when nothing was).
#[must_use]
pub fn cap_text(mut text: String) -> (String, usize) {
    if text.len() <= ANSWER_CAP {
        return (text, 0);
    }
    let mut end = ANSWER_CAP;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text.len() - end;
    text.truncate(end);
    let _ = write!(
        text,
        "\n[cut: {cut} more bytes; sre-drill keeps the first 1 MiB of an answer]"
    );
    (text, cut)
}

/// One graded attempt at one prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub v: u32,
    pub id: String,
    pub session: String,
    #[serde(with = "rfc3339")]
    pub started: DateTime<FixedOffset>,
    #[serde(with = "rfc3339")]
    pub finished: DateTime<FixedOffset>,
    pub prompt: PromptId,
    #[serde(default)]
    pub title: String,
    pub category: Category,
    pub level: Level,
    #[serde(default)]
    pub tags: Vec<String>,
    pub timed: bool,
    /// The time box in seconds (what `--timed` counted down, or would have).
    pub time_box_secs: u64,
    #[serde(default)]
    pub think_secs: u64,
    pub answer_secs: u64,
    #[serde(default)]
    pub overtime_secs: u64,
    #[serde(default)]
    pub hints_used: u32,
    #[serde(default)]
    pub answer: String,
    pub rubric: Coverage,
    pub grade: u8,
    #[serde(default)]
    pub follow_ups: Vec<FollowUpAnswer>,
    #[serde(default)]
    pub note: String,
    /// True when the user stopped mid-prompt and chose to log what they had.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    #[serde(default)]
    pub version: String,
    /// Hands-on lab data; absent for drills, so their records are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lab: Option<LabRecord>,
    /// The grade sre-drill suggested (SPEC §11); the user's choice is `grade`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_grade: Option<u8>,
    /// The conversation with the interviewer, for scenario prompts (SPEC §10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<ScenarioRecord>,
    /// The clarifying questions asked of a prompt with `facts:` that is not a scenario,
    /// each with what it matched (SPEC §15; format 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conversation: Vec<Action>,
    /// The last `!check` run in the answer, for checked coding prompts (SPEC §12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckRecord>,
    /// Who graded a mock interview (SPEC §13); absent when the user graded themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graded_by: Option<String>,
    /// Rubric points the interviewer ticked live, in the order ticked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ticks: Vec<Tick>,
    /// Pitfalls (1-based) the interviewer saw.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pitfalls_seen: Vec<u32>,
    /// Later changes of the grade (regrade lines folded in, oldest first); `grade` is
    /// then the latest. Never written on an attempt line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regrades: Vec<Regraded>,
}

/// A grade changed after the attempt was logged: from what, to what, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regraded {
    pub from: u8,
    pub grade: u8,
    #[serde(with = "rfc3339")]
    pub at: DateTime<FixedOffset>,
}

/// A rubric point (1-based) ticked by an interviewer, seconds into the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tick {
    pub point: u32,
    pub secs: u64,
}

/// A checked coding run: the command and how many generated cases it passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRecord {
    pub command: String,
    pub passed: u32,
    pub total: u32,
}

/// What happened in a scenario: every line with what it matched, and the findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioRecord {
    pub actions: Vec<Action>,
    pub key_found: u32,
    pub key_total: u32,
    pub cause_named: bool,
    pub cause_secs: Option<u64>,
    /// The risky entries hit, each as its first `ask` phrase.
    #[serde(default)]
    pub risky: Vec<String>,
    /// The fixes applied (format 3), in entry order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<FixApplied>,
    /// How many of the scenario's fixes mitigate (format 3): a good fix applied counts
    /// toward the suggested grade like a key evidence found.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub good_fixes: u32,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A scenario's fix (1-based) the candidate applied, and whether it mitigated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixApplied {
    pub fix: u32,
    pub good: bool,
}

/// One clause the candidate typed in a scenario (or a prompt with `facts:`), and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub secs: u64,
    /// The typed line of the answer it came from, from 1; clauses of one line share
    /// it. Absent in records older than format 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    pub line: String,
    /// `fact:N`, `evidence:ID`, `risky:N`, `cause`, `otherwise`, or null for a note.
    pub matched: Option<String>,
}

/// A follow-up answer written on a line of its own as soon as it is graded, so a stop
/// later in the session loses nothing already graded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpRecord {
    pub kind: FollowUpKind,
    pub v: u32,
    /// `ATTEMPT.fN`: unique, so imports merge these lines by id like attempts.
    pub id: String,
    /// The attempt this answers.
    pub attempt: String,
    #[serde(with = "rfc3339")]
    pub finished: DateTime<FixedOffset>,
    #[serde(flatten)]
    pub answer: FollowUpAnswer,
}

/// The `kind` of a follow-up line; attempt lines have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUpKind {
    #[serde(rename = "follow_up")]
    FollowUp,
}

/// The attempt's "next time I would ..." note (format 3), written after the attempt
/// line, when the note is typed. An empty note writes no line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRecord {
    pub kind: NoteKind,
    pub v: u32,
    /// `ATTEMPT.note`.
    pub id: String,
    pub attempt: String,
    #[serde(with = "rfc3339")]
    pub finished: DateTime<FixedOffset>,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteKind {
    #[serde(rename = "note")]
    Note,
}

impl NoteRecord {
    #[must_use]
    pub fn new(attempt: &str, finished: DateTime<FixedOffset>, note: String) -> Self {
        Self {
            kind: NoteKind::Note,
            v: VERSION,
            id: format!("{attempt}.note"),
            attempt: attempt.to_owned(),
            finished,
            note,
        }
    }
}

/// A corrected grade (format 3, `history regrade`): the latest regrade line of an
/// attempt is its grade; the attempt line keeps the grade first chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegradeRecord {
    pub kind: RegradeKind,
    pub v: u32,
    /// `ATTEMPT.rYYYYMMDDHHMMSS`: unique per second, so two machines' regrades merge.
    pub id: String,
    pub attempt: String,
    #[serde(with = "rfc3339")]
    pub finished: DateTime<FixedOffset>,
    pub grade: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegradeKind {
    #[serde(rename = "regrade")]
    Regrade,
}

impl RegradeRecord {
    #[must_use]
    pub fn new(attempt: &str, finished: DateTime<FixedOffset>, grade: u8) -> Self {
        Self {
            kind: RegradeKind::Regrade,
            v: VERSION,
            id: format!("{attempt}.r{}", finished.format("%Y%m%d%H%M%S")),
            attempt: attempt.to_owned(),
            finished,
            grade,
        }
    }
}

/// What a hands-on lab adds to its attempt (hints are in `hints_used`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabRecord {
    /// The seed the lab folder was generated from (`sre-drill lab ID --seed N` again).
    pub seed: u64,
    /// Answers typed, at most three.
    pub tries: u32,
    pub solved: bool,
    /// The planted answer, as shown after the lab.
    #[serde(default)]
    pub expected: String,
}

/// Which revealed points the user ticked (1-based) and how many there were.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Coverage {
    pub covered: Vec<u32>,
    pub total: u32,
    /// The points sre-drill suggested from the user's words (SPEC §11).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggested: Vec<u32>,
    /// Must-have points the user did not tick.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub must_missed: Vec<u32>,
}

impl Coverage {
    /// Covered share in 0.0..=1.0; a prompt without points counts as fully covered.
    #[must_use]
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.covered.len() as f64 / f64::from(self.total)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpAnswer {
    pub question: String,
    #[serde(default)]
    pub answer: String,
    pub grade: u8,
    #[serde(default)]
    pub answer_secs: u64,
    /// The grade suggested from the follow-up's `listen_for`, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_grade: Option<u8>,
}

/// Timestamps as RFC 3339 with whole seconds and an explicit offset (`+00:00`, never `Z`).
mod rfc3339 {
    use chrono::{DateTime, FixedOffset, SecondsFormat};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::Secs, false))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text).map_err(serde::de::Error::custom)
    }
}

/// Everything read from a history file.
#[derive(Debug, Default)]
pub struct Loaded {
    pub attempts: Vec<Attempt>,
    pub damaged: Vec<Damage>,
}

/// The history file at a path.
#[derive(Debug, Clone)]
pub struct History {
    path: PathBuf,
}

impl History {
    #[must_use]
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes sure a record can be appended, before the user spends time answering:
    /// creates the folder and the file if needed and opens it for appending.
    ///
    /// # Errors
    /// The folder or file cannot be created or opened for writing.
    pub fn check_writable(&self) -> Result<()> {
        jsonl::create_parent(&self.path).with_context(|| {
            format!(
                "cannot create the data folder {}; set SRE_DRILL_HOME or --history to a writable place",
                self.path.parent().unwrap_or(&self.path).display()
            )
        })?;
        self.open_append().map(drop)
    }

    fn open_append(&self) -> Result<File> {
        jsonl::open(&self.path).with_context(|| {
            format!(
                "cannot write the history file {}; check its permissions or pass --history FILE",
                self.path.display()
            )
        })
    }

    /// Appends one record as one line: under the file lock, one write, synced. If the
    /// file ends in a torn line, the record starts on a fresh line; if the write fails,
    /// the file is left as it was.
    ///
    /// # Errors
    /// The file cannot be opened, locked, written or synced.
    pub fn append(&self, attempt: &Attempt) -> Result<()> {
        let line = serde_json::to_vec(attempt).context("cannot encode the attempt")?;
        jsonl::append(&self.path, &line)
            .with_context(|| format!("cannot append to the history file {}", self.path.display()))
    }

    /// Appends one graded follow-up as a line of its own, like [`History::append`].
    ///
    /// # Errors
    /// As for [`History::append`].
    pub fn append_follow_up(&self, record: &FollowUpRecord) -> Result<()> {
        self.append_line(record, "the follow-up")
    }

    /// Appends an attempt's note as a line of its own, like [`History::append`].
    ///
    /// # Errors
    /// As for [`History::append`].
    pub fn append_note(&self, record: &NoteRecord) -> Result<()> {
        self.append_line(record, "the note")
    }

    /// Appends a regrade line, like [`History::append`].
    ///
    /// # Errors
    /// As for [`History::append`].
    pub fn append_regrade(&self, record: &RegradeRecord) -> Result<()> {
        self.append_line(record, "the regrade")
    }

    fn append_line(&self, record: &impl Serialize, what: &str) -> Result<()> {
        let line = serde_json::to_vec(record).with_context(|| format!("cannot encode {what}"))?;
        jsonl::append(&self.path, &line)
            .with_context(|| format!("cannot append to the history file {}", self.path.display()))
    }

    /// Reads every record; a missing file is an empty history.
    ///
    /// # Errors
    /// The file exists but cannot be read.
    pub fn read(&self) -> Result<Loaded> {
        let bytes = jsonl::read_if_exists(&self.path)
            .with_context(|| {
                format!(
                    "cannot read the history file {}; set SRE_DRILL_HOME to a folder (or --history to a file) you can read",
                    self.path.display()
                )
            })?;
        Ok(bytes.map_or_else(Loaded::default, |b| parse(&b)))
    }
}

/// A line of the history: one of the kinds that name an attempt (they have `kind`),
/// or an attempt.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Line {
    FollowUp(FollowUpRecord),
    Note(NoteRecord),
    Regrade(RegradeRecord),
    Attempt(Box<Attempt>),
}

/// Parses the history's JSON Lines, skipping blank lines and recording damaged ones,
/// and folds the lines that name an attempt into it ([`fold`]).
#[must_use]
pub fn parse(bytes: &[u8]) -> Loaded {
    let (lines, damaged) = jsonl::parse::<Line>(bytes);
    Loaded {
        attempts: fold(lines),
        damaged: damaged.into_iter().map(|line| Damage { line }).collect(),
    }
}

/// Whole attempts from the lines of a history, in file order. A follow-up line joins
/// its attempt wherever it is (once, however often it was imported); a note line sets
/// the attempt's note; a regrade line changes the grade of an attempt that comes
/// before it in the file, the last one counting. A line whose attempt is not in the
/// file is kept nowhere, as there is nothing to show it under.
#[must_use]
pub fn fold(lines: Vec<Line>) -> Vec<Attempt> {
    let mut attempts: Vec<Attempt> = Vec::with_capacity(lines.len());
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut follow_ups = Vec::new();
    let mut notes = Vec::new();
    for line in lines {
        match line {
            Line::Attempt(a) => {
                index.entry(a.id.clone()).or_insert(attempts.len());
                attempts.push(*a);
            }
            Line::FollowUp(f) => follow_ups.push(f),
            Line::Note(n) => notes.push(n),
            Line::Regrade(r) => {
                if let Some(&i) = index.get(&r.attempt) {
                    let a = &mut attempts[i];
                    a.regrades.push(Regraded {
                        from: a.grade,
                        grade: r.grade,
                        at: r.finished,
                    });
                    a.grade = r.grade;
                }
            }
        }
    }
    for n in notes {
        if let Some(&i) = index.get(&n.attempt) {
            attempts[i].note = n.note;
        }
    }
    fold_follow_ups(&mut attempts, follow_ups);
    attempts
}

/// Puts each follow-up line under its attempt, skipping one already there (same
/// question and answer), so a history imported twice shows each follow-up once.
pub fn fold_follow_ups(attempts: &mut [Attempt], follow_ups: Vec<FollowUpRecord>) {
    if follow_ups.is_empty() {
        return;
    }
    let index: std::collections::HashMap<String, usize> = attempts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    for f in follow_ups {
        if let Some(&i) = index.get(&f.attempt)
            && !attempts[i].follow_ups.contains(&f.answer)
        {
            attempts[i].follow_ups.push(f.answer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample(id: &str) -> Attempt {
        let t = DateTime::parse_from_rfc3339("2026-11-27T10:00:00+01:00").unwrap();
        Attempt {
            v: VERSION,
            id: id.to_owned(),
            session: "s1".to_owned(),
            started: t,
            finished: t,
            prompt: PromptId("ts-x".to_owned()),
            title: "X".to_owned(),
            category: Category::new("troubleshooting"),
            level: Level::Mid,
            tags: vec!["linux".to_owned()],
            timed: true,
            time_box_secs: 600,
            think_secs: 0,
            answer_secs: 30,
            overtime_secs: 0,
            hints_used: 0,
            answer: "line one\nline \"two\"".to_owned(),
            rubric: Coverage {
                covered: vec![1, 3],
                total: 4,
                ..Coverage::default()
            },
            grade: 3,
            follow_ups: vec![],
            note: String::new(),
            partial: false,
            version: "0.1.0".to_owned(),
            lab: None,
            suggested_grade: None,
            scenario: None,
            conversation: Vec::new(),
            check: None,
            graded_by: None,
            ticks: Vec::new(),
            pitfalls_seen: Vec::new(),
            regrades: Vec::new(),
        }
    }

    #[test]
    fn appended_records_read_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::new(dir.path().join("sub/history.jsonl"));
        history.check_writable().unwrap();
        history.append(&sample("a")).unwrap();
        history.append(&sample("b")).unwrap();
        let loaded = history.read().unwrap();
        assert_eq!(loaded.attempts, vec![sample("a"), sample("b")]);
        assert!(loaded.damaged.is_empty());
    }

    #[test]
    fn damaged_lines_are_skipped_and_numbered() {
        let good = serde_json::to_string(&sample("a")).unwrap();
        let text = format!("{good}\nnot json\n\n{good}\n{{\"v\":1,\"id\":");
        let loaded = parse(text.as_bytes());
        assert_eq!(loaded.attempts.len(), 2);
        assert_eq!(loaded.damaged, vec![Damage { line: 2 }, Damage { line: 5 }]);
    }

    #[test]
    fn an_append_after_a_torn_line_starts_a_fresh_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        std::fs::write(&path, b"{\"v\":1,\"id\":\"torn").unwrap();
        let history = History::new(path);
        history.append(&sample("a")).unwrap();
        let loaded = history.read().unwrap();
        assert_eq!(loaded.attempts, vec![sample("a")]);
        assert_eq!(loaded.damaged, vec![Damage { line: 1 }]);
    }

    #[test]
    fn a_follow_up_line_imported_twice_is_folded_in_once() {
        let a = sample("a");
        let answer = FollowUpAnswer {
            question: "How would you roll it out?".to_owned(),
            answer: "one host first".to_owned(),
            grade: 3,
            answer_secs: 20,
            suggested_grade: None,
        };
        let line = FollowUpRecord {
            kind: FollowUpKind::FollowUp,
            v: VERSION,
            id: "a.f1".to_owned(),
            attempt: "a".to_owned(),
            finished: a.finished,
            answer,
        };
        let f = serde_json::to_string(&line).unwrap();
        let text = format!("{}\n{f}\n{f}\n", serde_json::to_string(&a).unwrap());
        let loaded = parse(text.as_bytes());
        assert_eq!(loaded.attempts[0].follow_ups.len(), 1);
    }

    #[test]
    fn note_and_regrade_lines_fold_into_their_attempt_and_the_latest_grade_counts() {
        let a = sample("a");
        let t = a.finished;
        let lines = [
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&NoteRecord::new("a", t, "page earlier".to_owned())).unwrap(),
            serde_json::to_string(&RegradeRecord::new("a", t, 1)).unwrap(),
            serde_json::to_string(&RegradeRecord::new(
                "a",
                t + chrono::Duration::seconds(1),
                4,
            ))
            .unwrap(),
            // A regrade of an attempt not (yet) in the file changes nothing.
            serde_json::to_string(&RegradeRecord::new("b", t, 1)).unwrap(),
            serde_json::to_string(&sample("b")).unwrap(),
        ];
        let loaded = parse(lines.join("\n").as_bytes());
        assert!(loaded.damaged.is_empty());
        let a = &loaded.attempts[0];
        assert_eq!(a.note, "page earlier");
        assert_eq!(a.grade, 4);
        let changes: Vec<(u8, u8)> = a.regrades.iter().map(|r| (r.from, r.grade)).collect();
        assert_eq!(changes, vec![(3, 1), (1, 4)]);
        assert_eq!(loaded.attempts[1].grade, 3);
        // The review reader agrees.
        let slim = record::parse(lines.join("\n").as_bytes());
        let grades: Vec<u8> = slim.records.iter().map(|r| r.grade).collect();
        assert_eq!(grades, vec![4, 3]);
    }

    #[test]
    fn an_answer_over_one_mib_is_cut_with_a_note() {
        let (kept, cut) = cap_text("é".repeat(ANSWER_CAP));
        assert_eq!(cut, ANSWER_CAP);
        assert!(kept.len() < ANSWER_CAP + 100);
        assert!(kept.ends_with("sre-drill keeps the first 1 MiB of an answer]"));
        assert_eq!(cap_text("short".to_owned()), ("short".to_owned(), 0));
    }

    #[test]
    fn a_cut_in_the_middle_of_a_character_keeps_less_not_more() {
        // 1 MiB is not a multiple of three, so the cap falls inside a "€".
        let text = "€".repeat(ANSWER_CAP / 3 + 10);
        let total = text.len();
        let (kept, cut) = cap_text(text);
        let body = kept.split("\n[cut:").next().unwrap();
        assert_eq!(
            body.len(),
            ANSWER_CAP - 1,
            "the cut steps back to the boundary"
        );
        assert_eq!(cut, total - body.len());
    }

    #[test]
    fn a_scenario_with_no_good_fix_writes_no_good_fixes_field() {
        // Format 3 added `good_fixes`; a scenario without one writes the line it
        // wrote before, so older readers and the fixtures stay byte-for-byte.
        let mut record = ScenarioRecord {
            actions: Vec::new(),
            key_found: 1,
            key_total: 2,
            cause_named: false,
            cause_secs: None,
            risky: Vec::new(),
            fixes: Vec::new(),
            good_fixes: 0,
        };
        let line = serde_json::to_string(&record).unwrap();
        assert!(!line.contains("good_fixes"), "{line}");
        record.good_fixes = 2;
        let line = serde_json::to_string(&record).unwrap();
        assert!(line.contains("\"good_fixes\":2"), "{line}");
    }

    #[test]
    fn a_missing_file_is_an_empty_history() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = History::new(dir.path().join("none.jsonl")).read().unwrap();
        assert!(loaded.attempts.is_empty());
    }
}
