//! What the review functions read from an attempt: a compact record without the
//! answer texts, read from the history file line by line.
//!
//! `stats`, `due`, `plan`, drills and the `history` table stream the history file
//! through [`read`] into these: read in pieces and parsed on all cores, answers and
//! follow-ups checked but not kept, and the strings that repeat on every line (prompt
//! ids, titles, categories, tags, session ids) stored once per piece. That keeps them fast and small on a large history
//! (SPEC §9, docs/performance.md). A full [`Attempt`] converts with [`Record::from`].
//!
//! The fields a line must have, and their types, are those of [`Attempt`]: a line is
//! damaged here exactly when `History::read` finds it damaged (a test holds the two to
//! that). This module reads from any `Read`; it never opens a file.

use std::borrow::Cow;
use std::fmt;
use std::hash::BuildHasherDefault;
use std::io::{self, Read};
use std::sync::{Arc, mpsc};

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use crate::bank::Level;
use crate::hash::FastHasher;
use crate::history::Attempt;

/// One graded attempt, as far as reviewing is concerned.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub v: u32,
    pub id: Box<str>,
    pub session: Arc<str>,
    pub started: DateTime<FixedOffset>,
    pub finished: DateTime<FixedOffset>,
    pub prompt: Arc<str>,
    pub title: Arc<str>,
    pub category: Arc<str>,
    pub level: Level,
    pub tags: Box<[Arc<str>]>,
    pub timed: bool,
    pub time_box_secs: u64,
    pub think_secs: u64,
    pub answer_secs: u64,
    pub overtime_secs: u64,
    pub hints_used: u32,
    pub rubric: Points,
    pub grade: u8,
    pub partial: bool,
    /// The grade sre-drill suggested, when the attempt had one (SPEC §11).
    pub suggested_grade: Option<u8>,
    /// For scenario attempts: what the investigation found (SPEC §10).
    pub scenario: Option<Findings>,
    /// Who graded a mock interview (SPEC §13); `None` when self-graded.
    pub graded_by: Option<Arc<str>>,
    /// For checked coding attempts: the last run's cases passed, of how many (SPEC §12).
    pub check: Option<Checked>,
}

/// The findings of a scenario attempt, without its transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Findings {
    pub key_found: u32,
    pub key_total: u32,
    pub cause_named: bool,
    /// Risky steps taken: how many risky entries the candidate hit.
    #[serde(default, deserialize_with = "count_strings")]
    pub risky: u32,
}

/// The last `!check` run of a checked coding attempt, without its command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Checked {
    pub passed: u32,
    pub total: u32,
    #[serde(rename = "command")]
    _command: Text,
}

impl Checked {
    #[must_use]
    pub fn new(passed: u32, total: u32) -> Self {
        Checked {
            passed,
            total,
            _command: Text,
        }
    }

    /// Every case passed (a run with no cases passed nothing).
    #[must_use]
    pub fn all_passed(&self) -> bool {
        self.total > 0 && self.passed >= self.total
    }
}

/// How many of a prompt's points the user ticked, and how many there were.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Points {
    #[serde(deserialize_with = "count_u32s")]
    pub covered: u32,
    pub total: u32,
    /// Must-have points not ticked.
    #[serde(default, deserialize_with = "count_u32s")]
    pub must_missed: u32,
}

impl Record {
    /// Covered share of the rubric in 0.0..=1.0, as [`crate::history::Coverage::ratio`]
    /// computes it: a prompt without points counts as fully covered.
    #[must_use]
    pub fn coverage(&self) -> f64 {
        if self.rubric.total == 0 {
            1.0
        } else {
            f64::from(self.rubric.covered) / f64::from(self.rubric.total)
        }
    }

    /// False for an attempt whose rubric was never reviewed (a standalone `check` run
    /// logs no points): averages of rubric coverage leave it out.
    #[must_use]
    pub fn has_rubric(&self) -> bool {
        self.rubric.total > 0
    }
}

impl From<&Attempt> for Record {
    fn from(a: &Attempt) -> Self {
        Record {
            v: a.v,
            id: a.id.as_str().into(),
            session: a.session.as_str().into(),
            started: a.started,
            finished: a.finished,
            prompt: a.prompt.0.as_str().into(),
            title: a.title.as_str().into(),
            category: a.category.as_str().into(),
            level: a.level,
            tags: a.tags.iter().map(|t| t.as_str().into()).collect(),
            timed: a.timed,
            time_box_secs: a.time_box_secs,
            think_secs: a.think_secs,
            answer_secs: a.answer_secs,
            overtime_secs: a.overtime_secs,
            hints_used: a.hints_used,
            rubric: Points {
                covered: u32::try_from(a.rubric.covered.len()).unwrap_or(u32::MAX),
                total: a.rubric.total,
                must_missed: u32::try_from(a.rubric.must_missed.len()).unwrap_or(u32::MAX),
            },
            grade: a.grade,
            partial: a.partial,
            suggested_grade: a.suggested_grade,
            scenario: a.scenario.as_ref().map(|s| Findings {
                key_found: s.key_found,
                key_total: s.key_total,
                cause_named: s.cause_named,
                risky: u32::try_from(s.risky.len()).unwrap_or(u32::MAX),
            }),
            graded_by: a.graded_by.as_deref().map(Arc::from),
            check: a.check.as_ref().map(|c| Checked::new(c.passed, c.total)),
        }
    }
}

/// Every attempt as a record.
#[must_use]
pub fn records(attempts: &[Attempt]) -> Vec<Record> {
    attempts.iter().map(Record::from).collect()
}

/// One line of the history file as serde sees it: strings borrowed from the line
/// where they hold no escapes, the texts only checked.
#[derive(Deserialize)]
struct Line<'a> {
    v: u32,
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    session: Cow<'a, str>,
    #[serde(deserialize_with = "rfc3339")]
    started: DateTime<FixedOffset>,
    #[serde(deserialize_with = "rfc3339")]
    finished: DateTime<FixedOffset>,
    #[serde(borrow)]
    prompt: Cow<'a, str>,
    #[serde(default, borrow)]
    title: Cow<'a, str>,
    #[serde(borrow)]
    category: Cow<'a, str>,
    level: Level,
    #[serde(default, borrow)]
    tags: Vec<Cow<'a, str>>,
    timed: bool,
    time_box_secs: u64,
    #[serde(default)]
    think_secs: u64,
    answer_secs: u64,
    #[serde(default)]
    overtime_secs: u64,
    #[serde(default)]
    hints_used: u32,
    #[serde(default, rename = "answer")]
    _answer: Text,
    rubric: Points,
    grade: u8,
    #[serde(default, rename = "follow_ups")]
    _follow_ups: FollowUps,
    #[serde(default, rename = "note")]
    _note: Text,
    #[serde(default)]
    partial: bool,
    #[serde(default, rename = "version")]
    _version: Text,
    #[serde(default)]
    suggested_grade: Option<u8>,
    #[serde(default)]
    scenario: Option<Findings>,
    #[serde(default, borrow)]
    graded_by: Option<Cow<'a, str>>,
    #[serde(default)]
    check: Option<Checked>,
    #[serde(default, rename = "ticks")]
    _ticks: Vec<crate::history::Tick>,
    #[serde(default, rename = "pitfalls_seen")]
    _pitfalls_seen: Vec<u32>,
}

/// A line that names an attempt: checked as `History::read` checks it; a regrade's
/// grade is kept, the rest are not review records.
#[derive(Deserialize)]
#[serde(untagged)]
enum KindLine {
    FollowUp(#[allow(dead_code)] crate::history::FollowUpRecord),
    Note(#[allow(dead_code)] crate::history::NoteRecord),
    Regrade(crate::history::RegradeRecord),
}

/// Keeps one copy of each string that repeats across records.
#[derive(Debug, Default)]
pub(super) struct Interner(std::collections::HashSet<Arc<str>, BuildHasherDefault<FastHasher>>);

impl Interner {
    pub(super) fn get(&mut self, text: &str) -> Arc<str> {
        if let Some(known) = self.0.get(text) {
            return Arc::clone(known);
        }
        let new: Arc<str> = Arc::from(text);
        self.0.insert(Arc::clone(&new));
        new
    }
}

impl Line<'_> {
    fn into_record(self, strings: &mut Interner) -> Record {
        Record {
            v: self.v,
            id: self.id.as_ref().into(),
            session: strings.get(&self.session),
            started: self.started,
            finished: self.finished,
            prompt: strings.get(&self.prompt),
            title: strings.get(&self.title),
            category: strings.get(&self.category),
            level: self.level,
            tags: self.tags.iter().map(|t| strings.get(t)).collect(),
            timed: self.timed,
            time_box_secs: self.time_box_secs,
            think_secs: self.think_secs,
            answer_secs: self.answer_secs,
            overtime_secs: self.overtime_secs,
            hints_used: self.hints_used,
            rubric: self.rubric,
            grade: self.grade,
            partial: self.partial,
            suggested_grade: self.suggested_grade,
            scenario: self.scenario,
            graded_by: self.graded_by.map(|g| strings.get(&g)),
            check: self.check,
        }
    }
}

/// A follow-up, checked as [`crate::history::FollowUpAnswer`] would be, then dropped.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct FollowUp {
    #[serde(rename = "question")]
    _question: Text,
    #[serde(default, rename = "answer")]
    _answer: Text,
    #[serde(rename = "grade")]
    _grade: u8,
    #[serde(default, rename = "answer_secs")]
    _answer_secs: u64,
}

/// The follow-ups, each checked, none kept.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct FollowUps;

impl<'de> Deserialize<'de> for FollowUps {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FollowUps;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of follow-ups")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FollowUps, A::Error> {
                while seq.next_element::<FollowUp>()?.is_some() {}
                Ok(FollowUps)
            }
        }
        d.deserialize_seq(V)
    }
}

/// A string field that must be a string but is not kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Text;

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Text, E> {
                Ok(Text)
            }
        }
        d.deserialize_str(V)
    }
}

/// Counts a JSON array of point numbers without keeping it.
fn count_u32s<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    d.deserialize_seq(Count::<u32>::new("a list of point numbers"))
}

/// Counts a JSON array of strings without keeping them.
fn count_strings<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    d.deserialize_seq(Count::<Text>::new("a list of strings"))
}

/// Counts the elements of a JSON array, each read as a `T` and dropped.
struct Count<T> {
    expecting: &'static str,
    element: std::marker::PhantomData<T>,
}

impl<T> Count<T> {
    fn new(expecting: &'static str) -> Self {
        Self {
            expecting,
            element: std::marker::PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Count<T> {
    type Value = u32;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<u32, A::Error> {
        let mut n: u32 = 0;
        while seq.next_element::<T>()?.is_some() {
            n = n.saturating_add(1);
        }
        Ok(n)
    }
}

fn rfc3339<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
    let text = <Cow<'de, str>>::deserialize(d)?;
    DateTime::parse_from_rfc3339(&text).map_err(de::Error::custom)
}

/// Records read from a history file, and the 1-based numbers of damaged lines.
#[derive(Debug, Default)]
pub struct ReviewRecords {
    pub records: Vec<Record>,
    pub damaged: Vec<usize>,
    /// Regrade lines whose attempt was not among `records` before them: a reader of
    /// the lines appended to a history applies these to the records read before.
    pub pending: Vec<Regrade>,
}

/// A regrade line: the attempt it names, its grade, and how many records came
/// before it (only those can be the attempt it changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regrade {
    pub attempt: Box<str>,
    pub grade: u8,
    pub after: usize,
}

impl ReviewRecords {
    /// Applies regrades in file order, each to its attempt among the first `after`
    /// records (the latest one counts); returns those whose attempt is not there.
    pub fn apply(&mut self, regrades: Vec<Regrade>) -> Vec<Regrade> {
        if regrades.is_empty() {
            return regrades;
        }
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, r) in self.records.iter().enumerate() {
            index.entry(&r.id).or_insert(i);
        }
        let mut found: Vec<(usize, u8)> = Vec::new();
        let mut left = Vec::new();
        for g in regrades {
            match index.get(&*g.attempt) {
                Some(&i) if i < g.after => found.push((i, g.grade)),
                _ => left.push(g),
            }
        }
        for (i, grade) in found {
            self.records[i].grade = grade;
        }
        left
    }
}

/// The history is read in pieces of about this size, each ending at a line end.
const CHUNK: usize = 2 << 20;

/// Reads JSON Lines from `input`, skipping blank lines and noting damaged ones.
///
/// The input is read in pieces of about [`CHUNK`] bytes, cut at line ends; when there
/// is more than one piece, they are parsed on worker threads (one per core, at most
/// four) while the next pieces are read, and put back together in file order. Memory
/// stays at the records plus a few pieces in flight, whatever the file's size.
///
/// # Errors
/// Reading from `input` failed.
pub fn read(mut input: impl Read) -> io::Result<ReviewRecords> {
    let mut carry = Vec::new();
    let Some(first) = next_chunk(&mut input, &mut carry, Vec::new())? else {
        return Ok(ReviewRecords::default());
    };
    if carry.is_empty() && first.len() < CHUNK {
        return Ok(assemble(vec![(0, parse_chunk(&first))]));
    }
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 4));
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = mpsc::channel();
        // Parsed pieces' buffers come back to be read into again: a fresh 2 MiB
        // buffer per piece costs more in page faults than parsing it.
        let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
        let mut queues = Vec::with_capacity(workers);
        for _ in 0..workers {
            let (tx, rx) = mpsc::sync_channel::<(usize, Vec<u8>)>(2);
            let done = done_tx.clone();
            let free = free_tx.clone();
            scope.spawn(move || {
                for (index, chunk) in rx {
                    if done.send((index, parse_chunk(&chunk))).is_err() {
                        return;
                    }
                    let _ = free.send(chunk);
                }
            });
            queues.push(tx);
        }
        drop((done_tx, free_tx));
        let mut sent = 0;
        let mut next = Some(first);
        while let Some(chunk) = next {
            // A worker only stops early if the receiver is gone, which cannot happen
            // here; a failed send just leaves that piece out.
            let _ = queues[sent % workers].send((sent, chunk));
            sent += 1;
            next = next_chunk(
                &mut input,
                &mut carry,
                free_rx.try_recv().unwrap_or_default(),
            )?;
        }
        drop(queues);
        Ok(assemble(done_rx.iter().collect()))
    })
}

/// [`read`] over bytes already in memory.
#[must_use]
pub fn parse(bytes: &[u8]) -> ReviewRecords {
    read(bytes).unwrap_or_default()
}

/// The next piece of `input`, read into `buffer` (emptied first; a new one is made
/// big enough to need no growing): what was carried over, plus about [`CHUNK`]
/// bytes, cut after the last line end (the rest is carried to the next piece).
/// `None` at the end.
fn next_chunk(
    input: &mut impl Read,
    carry: &mut Vec<u8>,
    mut chunk: Vec<u8>,
) -> io::Result<Option<Vec<u8>>> {
    chunk.clear();
    chunk.reserve(CHUNK + carry.len().max(CHUNK / 8));
    chunk.append(carry);
    loop {
        let scanned = chunk.len();
        let read = input.by_ref().take(CHUNK as u64).read_to_end(&mut chunk)?;
        if read == 0 {
            return Ok((!chunk.is_empty()).then_some(chunk));
        }
        if let Some(end) = chunk[scanned..].iter().rposition(|&b| b == b'\n') {
            carry.extend_from_slice(&chunk[scanned + end + 1..]);
            chunk.truncate(scanned + end + 1);
            return Ok(Some(chunk));
        }
    }
}

/// One piece parsed: its records, its damaged lines (1-based within the piece) and
/// how many line ends it holds.
struct Piece {
    parsed: ReviewRecords,
    newlines: usize,
}

/// Parses one piece. A piece that is valid UTF-8 as a whole (the usual case) is
/// checked once and its lines parsed as `str`, which spares `serde_json` a UTF-8 check
/// per string; otherwise line by line as bytes, so a bad byte damages only its own
/// line, as it does for `History::read`.
fn parse_chunk(chunk: &[u8]) -> Piece {
    let mut parsed = ReviewRecords {
        // A record line is rarely shorter than 400 bytes.
        records: Vec::with_capacity(chunk.len() / 400),
        damaged: Vec::new(),
        pending: Vec::new(),
    };
    let mut strings = Interner::default();
    let mut newlines = 0;
    if let Ok(text) = std::str::from_utf8(chunk) {
        for (index, line) in text.split('\n').enumerate() {
            newlines = index;
            // The usual line takes the fast path; anything it is unsure of, serde.
            if let Some(record) = super::scan::attempt(line, &mut strings) {
                parsed.records.push(record);
            } else {
                take(
                    &mut parsed,
                    &mut strings,
                    index,
                    line.as_bytes(),
                    serde_json::from_str(line),
                );
            }
        }
    } else {
        for (index, line) in chunk.split(|&b| b == b'\n').enumerate() {
            newlines = index;
            take(
                &mut parsed,
                &mut strings,
                index,
                line,
                serde_json::from_slice(line),
            );
        }
    }
    Piece { parsed, newlines }
}

/// Keeps what serde made of line `index` (0-based): a record, nothing for a blank or
/// follow-up line, or damage.
fn take(
    parsed: &mut ReviewRecords,
    strings: &mut Interner,
    index: usize,
    line: &[u8],
    decoded: Result<Line<'_>, serde_json::Error>,
) {
    if line.iter().all(u8::is_ascii_whitespace) {
        return;
    }
    match decoded {
        Ok(l) => parsed.records.push(l.into_record(strings)),
        // A line that names an attempt: not damage; a regrade changes a grade.
        Err(_) => match serde_json::from_slice::<KindLine>(line) {
            Ok(KindLine::Regrade(r)) => parsed.pending.push(Regrade {
                attempt: r.attempt.into(),
                grade: r.grade,
                after: parsed.records.len(),
            }),
            Ok(_) => {}
            Err(_) => parsed.damaged.push(index + 1),
        },
    }
}

/// Puts parsed pieces back together in file order, numbering damaged lines from the
/// start of the file.
fn assemble(mut pieces: Vec<(usize, Piece)>) -> ReviewRecords {
    pieces.sort_by_key(|(index, _)| *index);
    let mut out = ReviewRecords {
        records: Vec::with_capacity(pieces.iter().map(|(_, p)| p.parsed.records.len()).sum()),
        damaged: Vec::new(),
        pending: Vec::new(),
    };
    let mut lines_before = 0;
    let mut regrades = Vec::new();
    for (_, piece) in pieces {
        let before = out.records.len();
        regrades.extend(piece.parsed.pending.into_iter().map(|mut g| {
            g.after += before;
            g
        }));
        out.records.extend(piece.parsed.records);
        out.damaged.extend(
            piece
                .parsed
                .damaged
                .into_iter()
                .map(|line| line + lines_before),
        );
        lines_before += piece.newlines;
    }
    out.pending = out.apply(regrades);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::tests::attempt;

    const V1: &str = include_str!("../../tests/fixtures/history-v1.jsonl");

    #[test]
    fn a_record_reads_the_same_as_the_attempt_it_was_written_from() {
        let mut a = attempt("a", "p", "coding", "2026-03-01T09:00:00+01:00", 3);
        a.answer = "line one\nline \"two\"".to_owned();
        a.tags = vec!["linux".to_owned(), "git".to_owned()];
        a.rubric.covered = vec![1, 3, 4];
        let line = serde_json::to_string(&a).unwrap();
        let parsed = parse(line.as_bytes());
        assert_eq!(parsed.records, vec![Record::from(&a)]);
        assert_eq!(parsed.records[0].rubric.covered, 3);
        assert!((parsed.records[0].coverage() - a.rubric.ratio()).abs() < 1e-12);
    }

    #[test]
    fn a_checked_run_passes_only_when_it_ran_cases_and_passed_them_all() {
        let run = |passed, total| Checked {
            passed,
            total,
            _command: Text,
        };
        assert!(run(7, 7).all_passed());
        assert!(!run(6, 7).all_passed());
        assert!(
            !run(0, 0).all_passed(),
            "a run with no cases passed nothing"
        );
    }

    #[test]
    fn damage_is_judged_as_history_read_judges_it() {
        let good = V1.lines().find(|l| !l.trim().is_empty()).unwrap();
        let mut lines = vec![good.to_owned()];
        let value: serde_json::Value = serde_json::from_str(good).unwrap();
        // Break each field in turn: drop it, then give it the wrong type.
        for key in value.as_object().unwrap().keys() {
            let mut dropped = value.clone();
            dropped.as_object_mut().unwrap().remove(key);
            lines.push(dropped.to_string());
            let mut wrong = value.clone();
            wrong[key] = serde_json::json!({"wrong": [1]});
            lines.push(wrong.to_string());
        }
        let mut nested = value.clone();
        nested["follow_ups"] = serde_json::json!([{"question": 1, "grade": 3}]);
        lines.push(nested.to_string());
        nested["follow_ups"] = serde_json::json!([{"question": "q", "grade": 3}]);
        lines.push(nested.to_string());
        nested["rubric"] = serde_json::json!({"covered": ["1"], "total": 4});
        lines.push(nested.to_string());
        lines.push("{\"v\":1,\"id\":".to_owned());
        let text = lines.join("\n");
        let full = crate::history::parse(text.as_bytes());
        let slim = parse(text.as_bytes());
        let full_damaged: Vec<usize> = full.damaged.iter().map(|d| d.line).collect();
        assert_eq!(slim.damaged, full_damaged);
        assert_eq!(slim.records, records(&full.attempts));
        assert!(slim.records.len() > 1 && !slim.damaged.is_empty());
    }

    #[test]
    fn a_partner_graded_record_keeps_its_grader_and_is_judged_as_history_read_judges_it() {
        let mut a = attempt("a", "p", "coding", "2026-03-01T09:00:00+01:00", 2);
        a.graded_by = Some("Sam".to_owned());
        a.ticks = vec![crate::history::Tick { point: 2, secs: 41 }];
        a.pitfalls_seen = vec![1];
        let value = serde_json::to_value(&a).unwrap();
        let mut lines = vec![value.to_string()];
        for (key, wrong) in [
            ("graded_by", serde_json::json!(7)),
            ("ticks", serde_json::json!([{"point": "2", "secs": 41}])),
            ("ticks", serde_json::json!([{"point": 2}])),
            ("pitfalls_seen", serde_json::json!(["1"])),
        ] {
            let mut broken = value.clone();
            broken[key] = wrong;
            lines.push(broken.to_string());
        }
        let text = lines.join("\n");
        let full = crate::history::parse(text.as_bytes());
        let slim = parse(text.as_bytes());
        let full_damaged: Vec<usize> = full.damaged.iter().map(|d| d.line).collect();
        assert_eq!(full_damaged, vec![2, 3, 4, 5]);
        assert_eq!(slim.damaged, full_damaged);
        assert_eq!(slim.records, vec![Record::from(&a)]);
        assert_eq!(slim.records[0].graded_by.as_deref(), Some("Sam"));
    }

    #[test]
    fn risky_steps_and_a_checked_run_are_kept_and_judged_as_history_read_judges_them() {
        let mut a = attempt("a", "p", "coding", "2026-03-01T09:00:00+01:00", 3);
        a.scenario = Some(crate::history::ScenarioRecord {
            actions: Vec::new(),
            key_found: 1,
            key_total: 2,
            cause_named: false,
            cause_secs: None,
            risky: vec!["reboot".to_owned(), "rm -rf".to_owned()],
            fixes: Vec::new(),
            good_fixes: 0,
        });
        a.check = Some(crate::history::CheckRecord {
            command: "./solve".to_owned(),
            passed: 4,
            total: 6,
        });
        let value = serde_json::to_value(&a).unwrap();
        let mut lines = vec![value.to_string()];
        for (key, wrong) in [
            ("check", serde_json::json!({"passed": 1, "total": 2})),
            (
                "check",
                serde_json::json!({"command": 1, "passed": 1, "total": 2}),
            ),
            (
                "check",
                serde_json::json!({"command": "x", "passed": "1", "total": 2}),
            ),
        ] {
            let mut broken = value.clone();
            broken[key] = wrong;
            lines.push(broken.to_string());
        }
        let text = lines.join("\n");
        let full = crate::history::parse(text.as_bytes());
        let slim = parse(text.as_bytes());
        let full_damaged: Vec<usize> = full.damaged.iter().map(|d| d.line).collect();
        assert_eq!(full_damaged, vec![2, 3, 4]);
        assert_eq!(slim.damaged, full_damaged);
        assert_eq!(slim.records, vec![Record::from(&a)]);
        let r = &slim.records[0];
        assert_eq!(r.scenario.map(|s| s.risky), Some(2));
        assert_eq!(r.check, Some(Checked::new(4, 6)));
        assert!(!Checked::new(4, 6).all_passed() && Checked::new(6, 6).all_passed());
    }

    #[test]
    fn unusual_but_valid_lines_read_as_history_read_reads_them() {
        let good = V1.lines().find(|l| !l.trim().is_empty()).unwrap();
        let value: serde_json::Value = serde_json::from_str(good).unwrap();
        let mut lines = vec![good.to_owned()];
        for (key, v) in [
            (
                "answer",
                serde_json::json!("tab\there \u{e9} \u{1F600} \"q\" back\\slash"),
            ),
            ("note", serde_json::json!("\u{1}\u{7f}")),
            ("title", serde_json::json!("needs \"escapes\"")),
            ("suggested_grade", serde_json::json!(null)),
            ("suggested_grade", serde_json::json!(2)),
            ("grade", serde_json::json!(9)),
            ("grade", serde_json::json!(3.0)),
            ("hints_used", serde_json::json!(-1)),
            ("tags", serde_json::json!([])),
            (
                "follow_ups",
                serde_json::json!([{"question": "q", "grade": 2, "suggested_grade": null}]),
            ),
            (
                "rubric",
                serde_json::json!({"covered": [], "total": 0, "suggested": [1]}),
            ),
            ("started", serde_json::json!("2026-11-27T09:57:14Z")),
            ("started", serde_json::json!("2026-02-30T09:57:14+00:00")),
        ] {
            let mut changed = value.clone();
            changed[key] = v;
            lines.push(changed.to_string());
        }
        // Whitespace between tokens, a surrogate escape, a duplicate key, trailing text.
        lines.push(good.replacen(':', " : ", 3).replacen(',', " ,\t", 3));
        lines.push(good.replacen("\"answer\":\"", "\"answer\":\"\\ud83d\\ude00", 1));
        lines.push(good.replacen("\"answer\":\"", "\"answer\":\"\\ud83d", 1));
        lines.push(good.replacen('{', "{\"grade\":2,", 1));
        lines.push(format!("{good} x"));
        lines.push(format!("  {good}  "));
        let text = lines.join("\n");
        let full = crate::history::parse(text.as_bytes());
        let slim = parse(text.as_bytes());
        let full_damaged: Vec<usize> = full.damaged.iter().map(|d| d.line).collect();
        assert_eq!(slim.damaged, full_damaged);
        assert_eq!(slim.records, records(&full.attempts));
        assert!(slim.records.len() > 10 && !slim.damaged.is_empty());
    }

    #[test]
    fn a_bad_byte_damages_only_its_own_line() {
        let good = V1.lines().find(|l| !l.trim().is_empty()).unwrap();
        let mut bytes = format!("{good}\n{good}\n\n{good}").into_bytes();
        let second = good.len() + 1 + good.find("High").unwrap();
        bytes[second] = 0xff;
        let parsed = parse(&bytes);
        assert_eq!(parsed.records.len(), 2);
        assert_eq!(parsed.damaged, vec![2]);
        let full = crate::history::parse(&bytes);
        assert_eq!(
            full.damaged.iter().map(|d| d.line).collect::<Vec<_>>(),
            vec![2]
        );
    }

    #[test]
    fn repeated_strings_are_stored_once() {
        let good = V1.lines().find(|l| !l.trim().is_empty()).unwrap();
        let parsed = parse(format!("{good}\n{good}\n").as_bytes());
        let [a, b] = &parsed.records[..] else {
            panic!("two records expected");
        };
        assert!(Arc::ptr_eq(&a.prompt, &b.prompt));
        assert!(Arc::ptr_eq(&a.tags[0], &b.tags[0]));
        assert_eq!(parsed.damaged, Vec::<usize>::new());
    }

    #[test]
    fn a_long_history_read_in_pieces_keeps_order_and_line_numbers() {
        let good = V1.lines().find(|l| !l.trim().is_empty()).unwrap();
        let id = "\"id\":\"20261127-095714-fb9d8acc.1\"";
        assert!(good.contains(id));
        let mut text = String::new();
        let mut expected_damage = Vec::new();
        let mut line = 0;
        while text.len() <= CHUNK * 3 + 12345 {
            line += 1;
            if line % 997 == 0 {
                text.push_str("{torn\n");
                expected_damage.push(line);
            } else if line % 1999 == 0 {
                text.push('\n');
            } else {
                text.push_str(&good.replace(id, &format!("\"id\":\"{line}\"")));
                text.push('\n');
            }
        }
        text.push_str("{\"no\": \"line end\"}");
        expected_damage.push(line + 1);
        let parsed = parse(text.as_bytes());
        assert_eq!(parsed.damaged, expected_damage);
        let full = crate::history::parse(text.as_bytes());
        assert_eq!(parsed.records, records(&full.attempts));
        let ids: Vec<usize> = parsed
            .records
            .iter()
            .map(|r| r.id.parse().unwrap())
            .collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "file order is kept");
    }

    #[test]
    fn a_regrade_in_a_later_piece_reaches_its_attempt_in_an_earlier_one() {
        let good = V1.lines().find(|l| !l.trim().is_empty()).unwrap();
        let id = "\"id\":\"20261127-095714-fb9d8acc.1\"";
        let attempt = |n: usize| good.replace(id, &format!("\"id\":\"{n}\"")) + "\n";
        let regrade = |n: usize, grade: u8| {
            format!(
                "{{\"kind\":\"regrade\",\"v\":3,\"id\":\"{n}.r\",\"attempt\":\"{n}\",\
                 \"finished\":\"2026-12-08T08:00:00+01:00\",\"grade\":{grade}}}\n"
            )
        };
        let mut text = String::new();
        let mut n = 0;
        while text.len() <= CHUNK * 2 + 999 {
            n += 1;
            text.push_str(&attempt(n));
        }
        // In the last piece: a regrade of the fifth attempt, one of an attempt written
        // after it (too early to count), then that attempt.
        text.push_str(&regrade(5, 1));
        text.push_str(&regrade(n + 1, 1));
        text.push_str(&attempt(n + 1));
        let parsed = parse(text.as_bytes());
        let grade = |id: &str| parsed.records.iter().find(|r| &*r.id == id).unwrap().grade;
        assert_ne!(grade("4"), 1);
        assert_eq!(grade("5"), 1);
        assert_ne!(grade(&(n + 1).to_string()), 1);
        let full = crate::history::parse(text.as_bytes());
        assert_eq!(parsed.records, records(&full.attempts));
    }

    #[test]
    fn pieces_end_at_line_ends_and_lose_nothing() {
        let text = format!(
            "{}\n{}\n{}",
            "a".repeat(CHUNK + 5),
            "b".repeat(10),
            "c".repeat(CHUNK * 2)
        );
        let mut input = text.as_bytes();
        let mut carry = Vec::new();
        let mut pieces: Vec<Vec<u8>> = Vec::new();
        // Buffers are handed back dirty, as the readers' workers hand them back.
        let mut spare = b"left over".to_vec();
        while let Some(piece) = next_chunk(&mut input, &mut carry, spare).unwrap() {
            pieces.push(piece.clone());
            spare = piece;
        }
        assert_eq!(pieces.concat(), text.as_bytes());
        for piece in &pieces[..pieces.len() - 1] {
            assert_eq!(piece.last(), Some(&b'\n'));
        }
    }

    #[test]
    fn the_v1_fixture_keeps_loading() {
        let parsed = parse(V1.as_bytes());
        assert!(parsed.damaged.is_empty());
        assert!(!parsed.records.is_empty());
        assert_eq!(parsed.records[0].v, 1);
    }
}
