//! Plain mode: the exact line protocol of SPEC §3 over any reader and writer.
//!
//! No colours, no cursor movement, no waiting on a clock: prompts and questions go to
//! the writer (stderr), answers are read line by line. End of input is `Stop::EndOfInput`.

use std::io::{BufRead, Write};
use std::time::Duration;

use super::prompter::{PlainPrompter, Prompter};
use super::{AnswerSpec, Answered, Console, Header, Reveal, Stop, parse_points};
use crate::clock::Clock;
use crate::countdown::{Countdown, clock_face};
use crate::grade::Grade;

/// The drill console of the line protocol: the session's screens, read and written
/// through the same [`PlainPrompter`] as every other question asked in plain mode.
pub struct Plain<R, W> {
    p: PlainPrompter<R, W>,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    pub fn new(input: R, out: W) -> Self {
        Self {
            p: PlainPrompter::new(input, out),
        }
    }

    /// Wraps what it says to `width` columns, for a person reading the protocol on a
    /// terminal (see [`PlainPrompter::with_width`]).
    #[must_use]
    pub fn with_width(mut self, width: Option<usize>) -> Self {
        self.p = self.p.with_width(width);
        self
    }

    /// Writes `text` after `label`, wrapped on a terminal.
    pub(super) fn put(&mut self, label: &str, text: &str) -> std::io::Result<()> {
        self.p.put(label, text)
    }

    /// A reply for the interviewer to read out after `label`: under it on a terminal,
    /// and on a pipe on one line, its line breaks as ` / `, as the protocol has it.
    pub(super) fn put_read_out(&mut self, label: &str, text: &str) -> std::io::Result<()> {
        if self.p.width().is_some() {
            return self.p.put(label, text);
        }
        writeln!(self.p.out, "{label}{}", text.replace('\n', " / "))
    }

    /// What the interviewer says after `label`: under it on a terminal, and on a pipe
    /// one labelled line per line, as the protocol has it.
    pub(super) fn put_reply(&mut self, label: &str, text: &str) -> std::io::Result<()> {
        if self.p.width().is_some() {
            return self.p.put(label, text);
        }
        for l in super::interviewer_lines(text, label) {
            writeln!(self.p.out, "{l}")?;
        }
        Ok(())
    }

    /// The reader and writer back, for tests that inspect the transcript.
    pub fn into_parts(self) -> (R, W) {
        self.p.into_parts()
    }

    /// The writer, for the other screens that speak this protocol.
    pub(super) fn out(&mut self) -> &mut W {
        &mut self.p.out
    }

    /// One line; the end of input stops the session.
    pub(super) fn line(&mut self) -> Result<String, Stop> {
        self.p.read()?.ok_or(Stop::EndOfInput)
    }

    /// Asks `question` until `parse` accepts a line; complaints go on one line each.
    pub(super) fn ask<T>(
        &mut self,
        question: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, Stop> {
        loop {
            self.p.ask(question)?;
            let line = self.line()?;
            match parse(&line) {
                Ok(value) => return Ok(value),
                Err(complaint) => self.p.complain(&complaint)?,
            }
        }
    }
}

impl<R: BufRead, W: Write> Console for Plain<R, W> {
    fn header(&mut self, h: &Header<'_>) -> Result<(), Stop> {
        let p = h.prompt;
        writeln!(self.p.out)?;
        self.put("", &h.banner())?;
        self.put("", &p.title)?;
        writeln!(self.p.out)?;
        self.p.put_prose(&p.prompt)?;
        writeln!(self.p.out)?;
        Ok(())
    }

    fn plan(&mut self, _countdown: Countdown, _clock: &dyn Clock) -> Result<(), Stop> {
        // Planning is silent and has no line in the protocol: a script does not wait.
        Ok(())
    }

    fn answer(&mut self, spec: &AnswerSpec<'_>) -> Result<Answered, Stop> {
        let check = if spec.check.is_some() {
            "; a line `!check CMD` runs your program against the checker's cases"
        } else {
            ""
        };
        let how = format!("Answer below; end with a line `.`; a line `?` shows a hint{check}.");
        match spec.countdown {
            Some(countdown) => self.put(
                "",
                &format!("Time box {}. {how}", clock_face(countdown.limit(), false)),
            )?,
            None => self.put("", &how)?,
        }
        self.p.out.flush()?;
        let mut answered = Answered::default();
        let mut lines: Vec<String> = Vec::new();
        let started = spec.clock.now();
        loop {
            let line = self.line()?;
            if let Some(interviewer) = spec.interviewer {
                let secs = spec
                    .clock
                    .now()
                    .saturating_duration_since(started)
                    .as_secs();
                for event in interviewer.borrow_mut().due(secs) {
                    self.put_reply("interviewer: ", &event)?;
                }
                if !matches!(line.trim(), "." | "?")
                    && super::check_command(&line).is_none()
                    && let Some(reply) = interviewer.borrow_mut().hear(&line, secs)
                {
                    self.put_reply("interviewer: ", &reply)?;
                }
            }
            if let (Some(command), Some(run)) = (super::check_command(&line), spec.check) {
                self.put_reply("check: ", &crate::render::check::run_text(&run(command)))?;
                continue;
            }
            match line.as_str() {
                "." => break,
                "?" => {
                    let next = answered.hints_used as usize;
                    if let Some(hint) = spec.hints.get(next) {
                        answered.hints_used += 1;
                        self.put(&format!("Hint {}/{}: ", next + 1, spec.hints.len()), hint)?;
                    } else if spec.hints.is_empty() {
                        self.put("", "This prompt has no hints.")?;
                    } else {
                        self.put("", "No more hints.")?;
                    }
                }
                _ => lines.push(line),
            }
        }
        lines.join("\n").trim_end().clone_into(&mut answered.text);
        Ok(answered)
    }

    fn points(&mut self, reveal: &Reveal<'_>) -> Result<Vec<u32>, Stop> {
        // Must-have points come marked `* `; the heading says what the mark means.
        let legend = if reveal.points.iter().any(|p| p.starts_with("* ")) {
            " (* must-have)"
        } else {
            ""
        };
        writeln!(self.p.out)?;
        self.put("", &format!("{}{legend}", reveal.heading))?;
        for (i, point) in reveal.points.iter().enumerate() {
            self.put("", &format!("  {}. {point}", i + 1))?;
        }
        if !reveal.warnings.is_empty() {
            self.put("", reveal.warnings_heading)?;
            for w in reveal.warnings {
                self.put("", &format!("  - {w}"))?;
            }
        }
        if reveal.points.is_empty() {
            return Ok(Vec::new());
        }
        let total = reveal.points.len();
        let suggested: Vec<u32> = reveal.suggested.iter().map(|s| s.point).collect();
        let shown: Vec<String> = suggested.iter().map(ToString::to_string).collect();
        writeln!(
            self.p.out,
            "suggested points: {}",
            if shown.is_empty() {
                "none".to_owned()
            } else {
                shown.join(" ")
            }
        )?;
        for s in reveal.suggested {
            self.put("", &format!("  {}: you wrote \"{}\"", s.point, s.words))?;
        }
        self.ask(
            "Points covered (numbers like `1 3`, `all`, `auto` for the suggested ones, or empty for none):",
            |line| parse_points(line, total, &suggested),
        )
    }

    fn grade(
        &mut self,
        question: &str,
        suggestion: Option<&crate::grading::GradeSuggestion>,
    ) -> Result<Grade, Stop> {
        if let Some(s) = suggestion {
            self.put("suggested grade: ", &format!("{} ({})", s.grade, s.reason))?;
        }
        self.ask(
            &format!("{question} (1 again, 2 hard, 3 good, 4 easy):"),
            |line| {
                Grade::parse(line).ok_or_else(|| {
                    format!(
                        "'{}' is not a grade; answer 1-4 or again/hard/good/easy",
                        line.trim()
                    )
                })
            },
        )
    }

    fn note(&mut self) -> Result<String, Stop> {
        self.p
            .ask("Note, next time I would ... (one line, may be empty):")?;
        Ok(self.line()?.trim().to_owned())
    }

    fn follow_up(
        &mut self,
        index: usize,
        total: usize,
        question: &str,
        _time_box: Option<Duration>,
    ) -> Result<(), Stop> {
        writeln!(self.p.out)?;
        self.put(&format!("Follow-up {index}/{total}: "), question)?;
        Ok(())
    }

    fn confirm_partial(&mut self) -> Result<bool, Stop> {
        Ok(false)
    }

    fn info(&mut self, text: &str) -> Result<(), Stop> {
        self.p.say(text)
    }

    fn ask_line(
        &mut self,
        question: &str,
        _countdown: Option<Countdown>,
        _clock: &dyn Clock,
    ) -> Result<String, Stop> {
        self.p.ask(question)?;
        self.line()
    }
}

/// `10 min`, `1 min 30 s`, `1 h 30 min`: the one duration format of every screen.
#[must_use]
pub fn minutes_label(d: Duration) -> String {
    crate::render::duration_words(d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::minutes_label;
    use std::time::Duration;

    #[test]
    fn time_boxes_read_as_the_readme_writes_them() {
        assert_eq!(minutes_label(Duration::from_secs(150)), "2 min 30 s");
        assert_eq!(minutes_label(Duration::from_secs(90)), "1 min 30 s");
        assert_eq!(minutes_label(Duration::from_secs(600)), "10 min");
        assert_eq!(minutes_label(Duration::from_secs(5400)), "1 h 30 min");
        assert_eq!(minutes_label(Duration::from_secs(45)), "45 s");
    }
}
