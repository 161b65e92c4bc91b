//! The interviewer's live screen on a real terminal.
//!
//! As in the drill's answer phase, one loop owns the terminal while the candidate
//! answers: raw mode behind a guard, `event::poll` every 100 ms, one indicatif line at
//! the bottom (countdown, ticks so far, the line being typed), and everything else
//! printed above it with `ProgressBar::println`, so the countdown never garbles a
//! tick or a note. Remaining time is read from the Clock on every redraw.

use ::console::StyledObject;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::fit::{prose as wrap, tail};
use super::partner::{Brief, Listen, Listened, PartnerScreen, SheetLine, secs_since, sheet};

use super::terminal::{Key, RawMode, RawStderr, next_key};
use super::{Prompter, Stop, Terminal};
use crate::countdown::{Left, clock_face};
use std::fmt::Write as _;
use std::time::Duration;

/// How a piece of the status line is painted.
type Style = fn(StyledObject<String>) -> StyledObject<String>;

/// What a key pressed on an empty line means.
fn quick_key(c: char, points: usize) -> Option<QuickKey> {
    match c {
        'h' => Some(QuickKey::Hint),
        'p' => Some(QuickKey::Pitfall),
        _ => c
            .to_digit(10)
            .filter(|d| *d >= 1 && points <= 9 && *d as usize <= points)
            .map(QuickKey::Tick),
    }
}

enum QuickKey {
    Tick(u32),
    Pitfall,
    Hint,
}

/// A committed line that is only numbers (`3`, `10 11`) ticks those points; `p2`
/// marks pitfalls. Anything else is a note.
fn numbers(line: &str, total: usize) -> Option<Vec<u32>> {
    let words: Vec<&str> = line.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return None;
    }
    words
        .iter()
        .map(|w| {
            w.parse::<u32>()
                .ok()
                .filter(|n| *n >= 1 && *n as usize <= total)
        })
        .collect()
}

impl Terminal {
    fn say(&self, bar: &ProgressBar, lead: &str, text: &str, how: Style) {
        let width = self
            .width()
            .min(100)
            .saturating_sub(lead.chars().count() + 2)
            .max(20);
        let pad = " ".repeat(lead.chars().count());
        let mut first = true;
        for para in text.lines() {
            for line in wrap(para, width) {
                let head = if first { lead } else { &pad };
                first = false;
                bar.println(format!(
                    "{}{}",
                    self.paint(head, StyledObject::dim),
                    self.paint(&line, how)
                ));
            }
        }
    }
}

impl PartnerScreen for Terminal {
    fn brief(&mut self, brief: &Brief<'_>) -> Result<(), Stop> {
        let width = self.width().min(100);
        self.term.write_line("")?;
        let mut first = true;
        for line in sheet(brief) {
            match line {
                SheetLine::Heading(t) => {
                    let styled = if first {
                        self.paint(&t, |s| s.cyan().bold())
                    } else {
                        self.paint(&t, StyledObject::bold)
                    };
                    first = false;
                    self.term.write_line(&styled)?;
                }
                SheetLine::Item(t) => {
                    for l in wrap(&t, width) {
                        self.term.write_line(&l)?;
                    }
                }
                SheetLine::Blank => self.term.write_line("")?,
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_lines)] // one loop owns the screen; splitting it hides the order
    fn listen(&mut self, spec: &Listen<'_>) -> Result<Listened, Stop> {
        let p = spec.prompt;
        let points = p.points();
        let warnings = if p.category.is_company() {
            &p.red_flags
        } else {
            &p.pitfalls
        };
        let tick_keys = if points.len() <= 9 {
            format!("1-{} ticks a point (again unticks)", points.len())
        } else {
            "a number + Enter ticks a point".to_owned()
        };
        let legend = format!(
            "Keys: {tick_keys} · p then a number marks a pitfall · h gives the next hint · other text + Enter is a note · . + Enter ends"
        );
        self.term.write_line("")?;
        for l in wrap(&legend, self.width().min(100)) {
            self.term.write_line(&self.paint(&l, StyledObject::dim))?;
        }
        let clock = spec.clock;
        let started = clock.now();
        let mut listened = Listened::default();
        let mut notes: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut pitfall_next = false;
        let mut rang = false;

        let raw = RawMode::on()?;
        let bar = ProgressBar::with_draw_target(
            None,
            ProgressDrawTarget::term_like_with_hz(Box::new(RawStderr), 20),
        );
        bar.set_style(ProgressStyle::with_template("{msg}").map_err(|e| Stop::Failed(e.into()))?);
        let tick = |this: &Self, listened: &mut Listened, point: u32| {
            let secs = secs_since(clock, started);
            let text = points
                .get(point as usize - 1)
                .map_or("", |pt| pt.point.as_str());
            let at = clock_face(Duration::from_secs(secs), false);
            if listened.toggle(point, secs) {
                this.say(
                    &bar,
                    &format!("  ✓ {point} at {at}  "),
                    text,
                    StyledObject::green,
                );
            } else {
                this.say(
                    &bar,
                    "  ",
                    &format!("✗ {point} unticked at {at}"),
                    StyledObject::dim,
                );
            }
        };
        let pitfall = |this: &Self, listened: &mut Listened, n: u32| {
            let at = clock_face(Duration::from_secs(secs_since(clock, started)), false);
            let text = warnings.get(n as usize - 1).map_or("", String::as_str);
            if listened.toggle_pitfall(n) {
                this.say(
                    &bar,
                    &format!("  ! pitfall {n} at {at}  "),
                    text,
                    StyledObject::red,
                );
            } else {
                this.say(
                    &bar,
                    "  ",
                    &format!("✗ pitfall {n} unmarked at {at}"),
                    StyledObject::dim,
                );
            }
        };
        let outcome = loop {
            let secs = secs_since(clock, started);
            if let Some(c) = &spec.countdown
                && !rang
                && matches!(c.left(clock.now()), Left::Overtime(_))
            {
                rang = true;
                bar.suspend(|| {
                    let _ = RawStderr::put("\x07");
                });
                bar.println(self.paint("  Time is up.", StyledObject::red));
            }
            if let Some(s) = spec.scenario {
                for event in s.borrow_mut().due(secs) {
                    self.say(&bar, "  now say: ", &event, StyledObject::cyan);
                }
            }
            bar.set_message(self.listen_status(spec, &listened, started, &current, pitfall_next));
            let key = match next_key() {
                Ok(key) => key,
                Err(err) => break Err(Stop::from(err)),
            };
            match key {
                None | Some(Key::Other) => {}
                Some(Key::Char(c)) if pitfall_next => {
                    pitfall_next = false;
                    match c.to_digit(10) {
                        Some(n) if n >= 1 && n as usize <= warnings.len() => {
                            pitfall(self, &mut listened, n);
                        }
                        _ => {
                            current.push('p');
                            current.push(c);
                        }
                    }
                }
                Some(Key::Char(c)) if current.is_empty() => match quick_key(c, points.len()) {
                    Some(QuickKey::Tick(n)) => tick(self, &mut listened, n),
                    Some(QuickKey::Pitfall) if !warnings.is_empty() => pitfall_next = true,
                    Some(QuickKey::Hint) => {
                        let next = listened.hints_used as usize;
                        let text = match p.hints.get(next) {
                            Some(hint) => {
                                listened.hints_used += 1;
                                format!("Hint {}/{} given: {hint}", next + 1, p.hints.len())
                            }
                            None if p.hints.is_empty() => "This prompt has no hints.".to_owned(),
                            None => "No more hints.".to_owned(),
                        };
                        self.say(&bar, "  ", &text, StyledObject::yellow);
                    }
                    _ => current.push(c),
                },
                Some(Key::Char(c)) => current.push(c),
                // A paste is text for the note being typed, on one line.
                Some(Key::Paste(text)) => current.push_str(&text.replace(['\r', '\n'], " ")),
                Some(Key::Backspace) => {
                    if pitfall_next {
                        pitfall_next = false;
                    } else {
                        current.pop();
                    }
                }
                Some(Key::ClearLine) => current.clear(),
                Some(Key::Interrupt) => {
                    listened.interrupted = true;
                    break Ok(());
                }
                Some(Key::Finish) => break Ok(()),
                Some(Key::Enter) => {
                    pitfall_next = false;
                    let line = std::mem::take(&mut current);
                    let trimmed = line.trim();
                    if trimmed == "." {
                        break Ok(());
                    }
                    if trimmed.is_empty() {
                        continue;
                    }
                    if let Some(ns) = numbers(trimmed, points.len()) {
                        for n in ns {
                            tick(self, &mut listened, n);
                        }
                    } else if let Some(ns) = trimmed
                        .strip_prefix('p')
                        .and_then(|rest| numbers(rest, warnings.len()))
                    {
                        for n in ns {
                            pitfall(self, &mut listened, n);
                        }
                    } else {
                        bar.println(format!("  {} {line}", self.paint("│", StyledObject::dim)));
                        if let Some(s) = spec.scenario
                            && let Some(reply) = s.borrow_mut().hear(&line, secs)
                        {
                            self.say(&bar, "  read out: ", &reply, StyledObject::cyan);
                        }
                        notes.push(line);
                    }
                }
            }
        };
        bar.finish_and_clear();
        drop(raw);
        outcome?;
        if !current.trim().is_empty() {
            notes.push(current);
        }
        notes.join("\n").trim_end().clone_into(&mut listened.notes);
        if !listened.interrupted {
            let covered: Vec<String> = listened.covered().iter().map(ToString::to_string).collect();
            let mut line = format!(
                "Ticked {} of {} points{} in {}",
                covered.len(),
                points.len(),
                if covered.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", covered.join(" "))
                },
                clock_face(clock.now().saturating_duration_since(started), false)
            );
            if !listened.pitfalls.is_empty() {
                let seen: Vec<String> = listened.pitfalls.iter().map(ToString::to_string).collect();
                let _ = write!(line, "; pitfalls seen: {}", seen.join(" "));
            }
            if listened.hints_used > 0 {
                let _ = write!(line, "; hints given: {}", listened.hints_used);
            }
            self.term
                .write_line(&self.paint(&line, StyledObject::green))?;
        }
        Ok(listened)
    }

    fn partner_grade(
        &mut self,
        suggestion: Option<&crate::grading::GradeSuggestion>,
    ) -> Result<crate::grade::Grade, Stop> {
        let items = [
            "1 Again: missed the core of it",
            "2 Hard: got there, with gaps or hints",
            "3 Good: a solid answer",
            "4 Easy: could teach this",
        ];
        self.grade_menu("Grade for the candidate", &items, suggestion)
    }

    fn partner_note(&mut self) -> Result<String, Stop> {
        let text = self
            .prompter
            .line("Note for the candidate (optional)", None)?;
        Ok(text.trim().to_owned())
    }
}

impl Terminal {
    /// The bottom line: countdown (or elapsed), ticks so far, the line being typed.
    fn listen_status(
        &self,
        spec: &Listen<'_>,
        listened: &Listened,
        started: std::time::Instant,
        current: &str,
        pitfall_next: bool,
    ) -> String {
        let now = spec.clock.now();
        let (face, paint): (String, Style) = match spec.countdown.map(|c| c.left(now)) {
            Some(Left::Remaining(d)) => (format!(" {} left ", clock_face(d, true)), |s| {
                s.black().on_green()
            }),
            Some(Left::Overtime(d)) => (format!(" overtime +{} ", clock_face(d, false)), |s| {
                s.white().on_red().bold()
            }),
            None => (
                format!(
                    " {} ",
                    clock_face(now.saturating_duration_since(started), false)
                ),
                StyledObject::dim,
            ),
        };
        let covered: Vec<String> = listened.covered().iter().map(ToString::to_string).collect();
        let ticks = format!(
            " ticked {}/{}{}",
            covered.len(),
            spec.prompt.points().len(),
            if covered.is_empty() {
                String::new()
            } else {
                format!(" [{}]", covered.join(" "))
            }
        );
        let typing = if pitfall_next { "p…" } else { current };
        let used = face.chars().count() + ticks.chars().count() + 4;
        let room = self.width().saturating_sub(used);
        format!(
            "{}{ticks} > {}",
            self.paint(&face, paint),
            tail(typing, room)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_on_an_empty_line_tick_mark_or_hint() {
        assert!(matches!(quick_key('3', 5), Some(QuickKey::Tick(3))));
        assert!(quick_key('6', 5).is_none());
        assert!(quick_key('0', 5).is_none());
        assert!(
            quick_key('1', 12).is_none(),
            "past 9 points, numbers are typed"
        );
        assert!(matches!(quick_key('p', 5), Some(QuickKey::Pitfall)));
        assert!(matches!(quick_key('h', 5), Some(QuickKey::Hint)));
        assert!(quick_key('x', 5).is_none());
    }

    #[test]
    fn a_line_of_numbers_ticks_and_anything_else_is_a_note() {
        assert_eq!(numbers("10 11", 12), Some(vec![10, 11]));
        assert_eq!(numbers("13", 12), None);
        assert_eq!(numbers("checks df -i", 12), None);
    }
}
