//! The interviewer's screen for a mock interview (SPEC §13): the sheet shown from the
//! start (prompt to read out, rubric, hints, pitfalls, follow-ups, the scenario's
//! replies), and the listening phase in which the interviewer ticks points, marks
//! pitfalls, gives hints and takes notes.
//!
//! `PartnerScreen` extends `Console`, so grades and follow-ups go through the same
//! questions as a drill. The plain protocol is here; the live terminal screen is in
//! `partner_terminal.rs`. Nothing here decides the order of a session or writes records.

use std::cell::RefCell;
use std::io::{BufRead, Write};
use std::time::Duration;

use super::plain::minutes_label;
use super::{Console, Plain, Stop, parse_points};
use crate::bank::{FollowUp, Prompt, Vocabulary};
use crate::clock::Clock;
use crate::countdown::{Countdown, clock_face, whole_secs};
use crate::grading;
use crate::history::Tick;
use crate::scenario::Interviewer;

/// What the interviewer sees before the candidate starts.
pub struct Brief<'a> {
    pub index: usize,
    pub total: usize,
    pub prompt: &'a Prompt,
    pub time_box: Duration,
    pub timed: bool,
    pub follow_ups: &'a [FollowUp],
    pub interviewer: &'a str,
}

/// What the listening phase needs.
pub struct Listen<'a> {
    pub prompt: &'a Prompt,
    /// Looks up the scenario's reply to what the interviewer types.
    pub scenario: Option<&'a RefCell<Interviewer>>,
    pub countdown: Option<Countdown>,
    pub clock: &'a dyn Clock,
    pub vocabulary: &'a Vocabulary,
}

/// What the interviewer recorded while the candidate answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listened {
    /// The interviewer's notes, one line each.
    pub notes: String,
    /// Points ticked, in the order ticked (a point ticked twice is un-ticked).
    pub ticks: Vec<Tick>,
    /// Pitfalls seen (1-based), sorted.
    pub pitfalls: Vec<u32>,
    pub hints_used: u32,
    pub interrupted: bool,
}

impl Listened {
    /// The ticked points, sorted.
    #[must_use]
    pub fn covered(&self) -> Vec<u32> {
        let mut out: Vec<u32> = self.ticks.iter().map(|t| t.point).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Ticks `point` at `secs`, or un-ticks it when it is already ticked; true when
    /// it is now ticked.
    pub fn toggle(&mut self, point: u32, secs: u64) -> bool {
        if let Some(i) = self.ticks.iter().position(|t| t.point == point) {
            self.ticks.remove(i);
            false
        } else {
            self.ticks.push(Tick { point, secs });
            true
        }
    }

    /// Marks pitfall `n` seen, or unmarks it; true when it is now marked.
    pub fn toggle_pitfall(&mut self, n: u32) -> bool {
        if let Some(i) = self.pitfalls.iter().position(|p| *p == n) {
            self.pitfalls.remove(i);
            false
        } else {
            self.pitfalls.push(n);
            self.pitfalls.sort_unstable();
            true
        }
    }
}

/// The screen a mock interview is run on.
pub trait PartnerScreen: Console {
    /// Shows the prompt to read out and the interviewer's sheet.
    ///
    /// # Errors
    /// Output failed.
    fn brief(&mut self, brief: &Brief<'_>) -> Result<(), Stop>;

    /// The candidate answers; the interviewer ticks, marks, hints and notes.
    ///
    /// # Errors
    /// Interrupted, end of input or output failed.
    fn listen(&mut self, spec: &Listen<'_>) -> Result<Listened, Stop>;

    /// The interviewer's grade for the candidate, starting from the suggestion.
    ///
    /// # Errors
    /// Interrupted, end of input or output failed.
    fn partner_grade(
        &mut self,
        suggestion: Option<&crate::grading::GradeSuggestion>,
    ) -> Result<crate::grade::Grade, Stop> {
        self.grade("Grade for the candidate", suggestion)
    }

    /// The interviewer's note for the candidate.
    ///
    /// # Errors
    /// Interrupted, end of input or output failed.
    fn partner_note(&mut self) -> Result<String, Stop>;
}

/// A line of the sheet: a heading, an item (a text for [`super::fit::wrap`]: a
/// paragraph of prose, or pre-formatted rows), or a row (one line, cut with `…` when it
/// is too long), so the terminal can style and fit them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetLine {
    Heading(String),
    Item(String),
    Row(String),
    Blank,
}

/// The interviewer's sheet, the same on every screen and short enough to sit beside a
/// video call (40 lines at 100 columns for the built-in bank): what to read out, then
/// one row per rubric point and pitfall (the keys refer to them), the scenario's
/// replies as one row each with what triggers them in plain words, and one line for
/// the hints and the follow-ups. `r` during the interview shows the replies in full
/// ([`replies`]).
#[must_use]
pub fn sheet(brief: &Brief<'_>) -> Vec<SheetLine> {
    use SheetLine::{Blank, Heading, Item, Row};
    let p = brief.prompt;
    let mut out = vec![
        Heading(format!(
            "[{}/{}] {} · {} · {}{} · interviewer: {}",
            brief.index,
            brief.total,
            p.category,
            p.level,
            minutes_label(brief.time_box),
            if brief.timed { " timed" } else { "" },
            brief.interviewer
        )),
        Heading(p.title.clone()),
        Heading("Read this out:".to_owned()),
    ];
    // A prompt that ships a script (a bug-squash task) is read out up to the script;
    // the candidate reads the rest on their own screen (`sre-drill show ID`).
    let lines: Vec<&str> = p.prompt.lines().collect();
    let shown = if lines.len() > READ_OUT_LINES {
        READ_OUT_LINES - 1
    } else {
        lines.len()
    };
    for para in super::fit::paragraphs(&lines[..shown].join("\n")) {
        out.push(if para.is_empty() {
            Blank
        } else {
            Item(indented(&para, "  "))
        });
    }
    if shown < lines.len() {
        out.push(Row(format!(
            "  … {} more lines for the candidate to read: sre-drill show {}",
            lines.len() - shown,
            p.id
        )));
    }
    out.push(Blank);
    let points = p.points();
    out.push(Heading(
        "Rubric (tick with its number; * = must-have):".to_owned(),
    ));
    for (i, point) in points.iter().enumerate() {
        out.push(Row(format!(
            "  {:>2}{} {}",
            i + 1,
            if point.must { "*" } else { " " },
            point.point
        )));
    }
    let (warn_heading, warnings) = if p.category.is_company() {
        ("Red flags (p then the number):", &p.red_flags)
    } else {
        ("Pitfalls (p then the number):", &p.pitfalls)
    };
    if !warnings.is_empty() {
        out.push(Heading(warn_heading.to_owned()));
        for (i, w) in warnings.iter().enumerate() {
            out.push(Row(format!("  p{} {w}", i + 1)));
        }
    }
    if let Some(s) = &p.scenario {
        out.push(Heading(
            "Replies (type what the candidate asks; r shows them in full):".to_owned(),
        ));
        if !s.facts.is_empty() {
            let topics: Vec<String> = s.facts.iter().map(|f| trigger(&f.ask, 1)).collect();
            out.push(Row(format!("  facts: {}", topics.join(" · "))));
        }
        for e in s.evidence.iter().filter(|e| e.key) {
            out.push(Row(format!(
                "  KEY {} → {}",
                trigger(&e.ask, 2),
                first_line(&e.say)
            )));
        }
        let other: Vec<String> = s
            .evidence
            .iter()
            .filter(|e| !e.key)
            .map(|e| trigger(&e.ask, 1))
            .collect();
        if !other.is_empty() {
            out.push(Row(format!("  also answers: {}", other.join(" · "))));
        }
        if !s.risky.is_empty() {
            let steps: Vec<String> = s.risky.iter().map(|r| trigger(&r.ask, 1)).collect();
            out.push(Row(format!(
                "  RISKY (challenge them): {}",
                steps.join(" · ")
            )));
        }
        out.push(Row(format!(
            "  cause: {} → {}",
            trigger(&s.cause.ask, 2),
            first_line(&s.cause.say)
        )));
        if !s.timeline.is_empty() {
            let times: Vec<String> = s
                .timeline
                .iter()
                .map(|t| clock_face(Duration::from_secs(t.after), false))
                .collect();
            out.push(Row(format!(
                "  the screen says when to read out the events at {}",
                times.join(", ")
            )));
        }
    }
    let mut tail = Vec::new();
    if !p.hints.is_empty() {
        tail.push(format!(
            "{} hint{} (h gives the next, in order)",
            p.hints.len(),
            if p.hints.len() == 1 { "" } else { "s" }
        ));
    }
    if !brief.follow_ups.is_empty() {
        tail.push(format!(
            "{} follow-up{} after the grade",
            brief.follow_ups.len(),
            if brief.follow_ups.len() == 1 { "" } else { "s" }
        ));
    }
    if !tail.is_empty() {
        out.push(Row(tail.join(" · ")));
    }
    out
}

/// The most prompt lines the sheet reads out.
const READ_OUT_LINES: usize = 14;

/// Every reply of a scenario in full, with what triggers it: what `r` shows.
#[must_use]
pub fn replies(prompt: &Prompt) -> Vec<SheetLine> {
    use SheetLine::{Heading, Item};
    let Some(s) = &prompt.scenario else {
        return vec![Item("This prompt has no scenario replies.".to_owned())];
    };
    let mut out = vec![Heading("Replies in full:".to_owned())];
    let mut reply = |tag: &str, ask: &[String], say: &str| {
        out.push(Item(format!("  {tag}{}:", trigger(ask, 4))));
        out.push(Item(indented(say.trim_end(), "      ")));
    };
    for f in &s.facts {
        reply("fact · ", &f.ask, &f.say);
    }
    for e in &s.evidence {
        reply(
            if e.key {
                "KEY evidence · "
            } else {
                "evidence · "
            },
            &e.ask,
            &e.say,
        );
    }
    for r in &s.risky {
        reply("RISKY action · ", &r.ask, &r.say);
    }
    reply("the cause · ", &s.cause.ask, &s.cause.say);
    for t in &s.timeline {
        out.push(Item(format!(
            "  at {} say: {}",
            clock_face(Duration::from_secs(t.after), false),
            t.say.replace('\n', " ")
        )));
    }
    if let Some(o) = &s.otherwise {
        out.push(Item(format!("  anything else: {o}")));
    }
    out
}

/// What triggers a reply, in plain words: its first `n` phrases, a shared vocabulary
/// name (`~recent-changes`) read as words ("recent changes").
fn trigger(ask: &[String], n: usize) -> String {
    let mut words: Vec<String> = Vec::new();
    for a in ask {
        let plain = a
            .strip_prefix('~')
            .map_or_else(|| a.clone(), |name| name.replace('-', " "));
        if !words.contains(&plain) {
            words.push(plain);
        }
        if words.len() == n {
            break;
        }
    }
    words.join(" / ")
}

/// Every line of `text` after `indent`.
fn indented(text: &str, indent: &str) -> String {
    text.lines()
        .map(|l| format!("{indent}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first non-empty line of a reply, with `…` when there is more.
fn first_line(say: &str) -> String {
    let mut lines = say.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or_default();
    if lines.next().is_some() {
        format!("{first} …")
    } else {
        first.to_owned()
    }
}

/// Seconds since `started`, whole.
pub(super) fn secs_since(clock: &dyn Clock, started: std::time::Instant) -> u64 {
    whole_secs(clock.now().saturating_duration_since(started))
}

/// Parses a pitfalls line: numbers from 1 to `total`, or empty.
///
/// # Errors
/// A sentence saying what is wrong with the line.
pub fn parse_pitfalls(line: &str, total: usize) -> Result<Vec<u32>, String> {
    if line.trim().eq_ignore_ascii_case("all") || line.trim().eq_ignore_ascii_case("auto") {
        return Err(format!(
            "'{}' is not a pitfall list; give numbers from 1 to {total} or an empty line",
            line.trim()
        ));
    }
    parse_points(line, total, &[]).map_err(|_| {
        format!(
            "'{}' is not a pitfall list; give numbers from 1 to {total} (like `2`) or an empty line for none",
            line.trim()
        )
    })
}

impl<R: BufRead, W: Write> PartnerScreen for Plain<R, W> {
    fn brief(&mut self, brief: &Brief<'_>) -> Result<(), Stop> {
        writeln!(self.out())?;
        for line in sheet(brief) {
            match line {
                SheetLine::Heading(t) | SheetLine::Item(t) | SheetLine::Row(t) => {
                    self.put("", &t)?;
                }
                SheetLine::Blank => writeln!(self.out())?,
            }
        }
        Ok(())
    }

    fn listen(&mut self, spec: &Listen<'_>) -> Result<Listened, Stop> {
        let started = spec.clock.now();
        let p = spec.prompt;
        let limit = spec
            .countdown
            .map(|c| format!("Time box {}. ", clock_face(c.limit(), false)))
            .unwrap_or_default();
        writeln!(self.out())?;
        self.put(
            "",
            &format!(
                "{limit}Notes, one line each; end with a line `.`; a line `?` gives the next hint."
            ),
        )?;
        self.out().flush()?;
        let mut listened = Listened::default();
        let mut notes: Vec<String> = Vec::new();
        loop {
            let line = self.line()?;
            let secs = secs_since(spec.clock, started);
            if let Some(s) = spec.scenario {
                for event in s.borrow_mut().due(secs) {
                    self.put_read_out("now say: ", &event)?;
                }
            }
            match line.trim() {
                "." => break,
                "?" => {
                    let next = listened.hints_used as usize;
                    if let Some(hint) = p.hints.get(next) {
                        listened.hints_used += 1;
                        self.put(&format!("Hint {}/{}: ", next + 1, p.hints.len()), hint)?;
                    } else {
                        self.put("", "No more hints.")?;
                    }
                }
                _ => {
                    if let Some(s) = spec.scenario
                        && let Some(reply) = s.borrow_mut().hear(&line, secs)
                    {
                        self.put_read_out("read out: ", &reply)?;
                    }
                    notes.push(line);
                }
            }
        }
        notes.join("\n").trim_end().clone_into(&mut listened.notes);
        let points = p.points();
        let suggested: Vec<u32> =
            grading::suggest_points(&points, &listened.notes, spec.vocabulary)
                .iter()
                .map(|s| s.point)
                .collect();
        if !points.is_empty() {
            let shown: Vec<String> = suggested.iter().map(ToString::to_string).collect();
            let shown = if shown.is_empty() {
                "none".to_owned()
            } else {
                shown.join(" ")
            };
            self.put("suggested points from the notes: ", &shown)?;
            let total = points.len();
            let covered = self.ask(
                "Points covered (numbers like `1 3`, `all`, `auto` for the suggested ones, or empty for none):",
                |line| parse_points(line, total, &suggested),
            )?;
            let secs = secs_since(spec.clock, started);
            for point in covered {
                listened.toggle(point, secs);
            }
        }
        let warnings = if p.category.is_company() {
            p.red_flags.len()
        } else {
            p.pitfalls.len()
        };
        if warnings > 0 {
            listened.pitfalls = self.ask(
                "Pitfalls seen (numbers like `2`, or empty for none):",
                |line| parse_pitfalls(line, warnings),
            )?;
        }
        Ok(listened)
    }

    fn partner_note(&mut self) -> Result<String, Stop> {
        self.put("", "Note for the candidate (one line, may be empty):")?;
        self.out().flush()?;
        Ok(self.line()?.trim().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Beside a video call a window is about 40 lines: every built-in prompt's sheet,
    /// drawn at 100 columns with the line that starts the clock, fits.
    #[test]
    fn every_built_in_sheet_fits_forty_lines_at_a_hundred_columns() {
        let (bank, _) = crate::bank::load(None, &[]).unwrap();
        let mut worst = (0, String::new());
        for p in &bank.prompts {
            let lines: usize = sheet(&Brief {
                index: 1,
                total: 3,
                prompt: p,
                time_box: Duration::from_secs(600),
                timed: true,
                follow_ups: &p.follow_ups[..p.follow_ups.len().min(1)],
                interviewer: "Sam",
            })
            .iter()
            .map(|line| match line {
                SheetLine::Item(t) => super::super::fit::wrap(t, 100, "").len(),
                _ => 1,
            })
            .sum::<usize>()
                + 2;
            if lines > worst.0 {
                worst = (lines, p.id.0.clone());
            }
        }
        assert!(worst.0 <= 40, "{} takes {} lines", worst.1, worst.0);
    }

    #[test]
    fn a_point_ticked_twice_is_unticked_and_covered_is_sorted() {
        let mut l = Listened::default();
        assert!(l.toggle(3, 10));
        assert!(l.toggle(1, 20));
        assert!(!l.toggle(3, 30));
        assert!(l.toggle(2, 40));
        assert_eq!(l.covered(), vec![1, 2]);
        assert_eq!(
            l.ticks,
            vec![Tick { point: 1, secs: 20 }, Tick { point: 2, secs: 40 }]
        );
    }

    #[test]
    fn pitfall_lines_take_numbers_or_nothing() {
        assert_eq!(parse_pitfalls("2 1", 3), Ok(vec![1, 2]));
        assert_eq!(parse_pitfalls("", 3), Ok(vec![]));
        assert!(parse_pitfalls("4", 3).unwrap_err().contains("1 to 3"));
        assert!(parse_pitfalls("all", 3).is_err());
    }
}
