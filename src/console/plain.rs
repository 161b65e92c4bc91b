//! Plain mode: the exact line protocol of SPEC §3 over any reader and writer.
//!
//! No colours, no cursor movement, no waiting on a clock: prompts and questions go to
//! the writer (stderr), answers are read line by line. End of input is `Stop::EndOfInput`.

use std::io::{BufRead, Write};
use std::time::Duration;

use super::{AnswerSpec, Answered, Console, Header, Reveal, Stop, parse_points};
use crate::clock::Clock;
use crate::grade::Grade;
use crate::session::timer::{Countdown, clock_face};

pub struct Plain<R, W> {
    input: R,
    out: W,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    pub fn new(input: R, out: W) -> Self {
        Self { input, out }
    }

    /// The reader and writer back, for tests that inspect the transcript.
    pub fn into_parts(self) -> (R, W) {
        (self.input, self.out)
    }

    /// The writer, for the other screens that speak this protocol.
    pub(super) fn out(&mut self) -> &mut W {
        &mut self.out
    }

    pub(super) fn line(&mut self) -> Result<String, Stop> {
        let mut buf = Vec::new();
        let n = self.input.read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Err(Stop::EndOfInput);
        }
        let text = String::from_utf8_lossy(&buf);
        Ok(text.trim_end_matches(['\n', '\r']).to_owned())
    }

    /// Asks `question` until `parse` accepts a line; complaints go on one line each.
    pub(super) fn ask<T>(
        &mut self,
        question: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, Stop> {
        loop {
            writeln!(self.out, "{question}")?;
            self.out.flush()?;
            let line = self.line()?;
            match parse(&line) {
                Ok(value) => return Ok(value),
                Err(complaint) => writeln!(self.out, "sre-drill: {complaint}")?,
            }
        }
    }
}

impl<R: BufRead, W: Write> Console for Plain<R, W> {
    fn header(&mut self, h: &Header<'_>) -> Result<(), Stop> {
        let p = h.prompt;
        writeln!(
            self.out,
            "\n[{}/{}] {} · {} · {}",
            h.index,
            h.total,
            p.category,
            p.level,
            minutes_label(h.time_box)
        )?;
        writeln!(self.out, "{}\n", p.title)?;
        writeln!(self.out, "{}\n", p.prompt)?;
        Ok(())
    }

    fn plan(&mut self, _countdown: Countdown, _clock: &dyn Clock) -> Result<(), Stop> {
        // Planning is silent and has no line in the protocol: a script does not wait.
        Ok(())
    }

    fn answer(&mut self, spec: &AnswerSpec<'_>) -> Result<Answered, Stop> {
        if let Some(countdown) = spec.countdown {
            writeln!(
                self.out,
                "Time box {}. Answer below; end with a line `.`; a line `?` shows a hint.",
                clock_face(countdown.limit(), false)
            )?;
        } else {
            writeln!(
                self.out,
                "Answer below; end with a line `.`; a line `?` shows a hint."
            )?;
        }
        self.out.flush()?;
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
                    for l in super::interviewer_lines(&event, "interviewer: ") {
                        writeln!(self.out, "{l}")?;
                    }
                }
                if !matches!(line.trim(), "." | "?")
                    && super::check_command(&line).is_none()
                    && let Some(reply) = interviewer.borrow_mut().hear(&line, secs)
                {
                    for l in super::interviewer_lines(&reply, "interviewer: ") {
                        writeln!(self.out, "{l}")?;
                    }
                }
            }
            if let (Some(command), Some(run)) = (super::check_command(&line), spec.check) {
                for l in run(command).lines() {
                    writeln!(self.out, "check: {l}")?;
                }
                continue;
            }
            match line.as_str() {
                "." => break,
                "?" => {
                    let next = answered.hints_used as usize;
                    if let Some(hint) = spec.hints.get(next) {
                        answered.hints_used += 1;
                        writeln!(self.out, "Hint {}/{}: {hint}", next + 1, spec.hints.len())?;
                    } else if spec.hints.is_empty() {
                        writeln!(self.out, "This prompt has no hints.")?;
                    } else {
                        writeln!(self.out, "No more hints.")?;
                    }
                }
                _ => lines.push(line),
            }
        }
        lines.join("\n").trim_end().clone_into(&mut answered.text);
        Ok(answered)
    }

    fn points(&mut self, reveal: &Reveal<'_>) -> Result<Vec<u32>, Stop> {
        writeln!(self.out, "\n{}", reveal.heading)?;
        for (i, point) in reveal.points.iter().enumerate() {
            writeln!(self.out, "  {}. {point}", i + 1)?;
        }
        if !reveal.warnings.is_empty() {
            writeln!(self.out, "{}", reveal.warnings_heading)?;
            for w in reveal.warnings {
                writeln!(self.out, "  - {w}")?;
            }
        }
        if reveal.points.is_empty() {
            return Ok(Vec::new());
        }
        let total = reveal.points.len();
        let suggested: Vec<u32> = reveal.suggested.iter().map(|s| s.point).collect();
        let shown: Vec<String> = suggested.iter().map(ToString::to_string).collect();
        writeln!(
            self.out,
            "suggested points: {}",
            if shown.is_empty() {
                "none".to_owned()
            } else {
                shown.join(" ")
            }
        )?;
        for s in reveal.suggested {
            writeln!(self.out, "  {}: you wrote \"{}\"", s.point, s.words)?;
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
            writeln!(self.out, "suggested grade: {} ({})", s.grade, s.reason)?;
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
        writeln!(
            self.out,
            "Note, next time I would ... (one line, may be empty):"
        )?;
        self.out.flush()?;
        Ok(self.line()?.trim().to_owned())
    }

    fn follow_up(
        &mut self,
        index: usize,
        total: usize,
        question: &str,
        _time_box: Option<Duration>,
    ) -> Result<(), Stop> {
        writeln!(self.out, "\nFollow-up {index}/{total}: {question}")?;
        Ok(())
    }

    fn confirm_partial(&mut self) -> Result<bool, Stop> {
        Ok(false)
    }

    fn info(&mut self, text: &str) -> Result<(), Stop> {
        writeln!(self.out, "{text}")?;
        Ok(())
    }

    fn ask_line(
        &mut self,
        question: &str,
        _countdown: Option<Countdown>,
        _clock: &dyn Clock,
    ) -> Result<String, Stop> {
        writeln!(self.out, "{question}")?;
        self.out.flush()?;
        self.line()
    }
}

/// `10 min`, `90 s`, `1 h 30 min`.
#[must_use]
pub fn minutes_label(d: Duration) -> String {
    let secs = d.as_secs();
    if !secs.is_multiple_of(60) {
        return format!("{secs} s");
    }
    let minutes = secs / 60;
    if minutes >= 60 && minutes.is_multiple_of(60) {
        format!("{} h", minutes / 60)
    } else if minutes > 60 {
        format!("{} h {} min", minutes / 60, minutes % 60)
    } else {
        format!("{minutes} min")
    }
}
