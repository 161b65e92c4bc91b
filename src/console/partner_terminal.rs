//! The interviewer's live screen on a real terminal.
//!
//! As in the drill's answer phase, one loop owns the terminal while the candidate
//! answers: raw mode behind a guard, `event::poll` every 100 ms, one indicatif line at
//! the bottom (countdown, ticks so far, the line being typed), and everything else
//! printed above it with `ProgressBar::println`, so the countdown never garbles a
//! tick or a note. Remaining time is read from the Clock on every redraw.
//!
//! Every command is a whole line ended by Enter (`3` ticks point 3, `p2` marks pitfall
//! 2, `h` gives a hint, `r` shows the scenario's replies in full, `.` ends); any other
//! line is a note, kept as typed. No key acts
//! on its own, so a note that starts with a digit, `h` or `p` stays a note.

use ::console::StyledObject;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::fit::{self, tail};
use super::partner::{Brief, Listen, Listened, PartnerScreen, SheetLine, secs_since, sheet};

use super::terminal::{Key, RawMode, RawStderr, next_key};
use super::{Console, Prompter, Role, Stop, Terminal};
use crate::countdown::{Left, clock_face};
use std::fmt::Write as _;
use std::time::Duration;

/// How a piece of the status line is painted.
type Style = fn(StyledObject<String>) -> StyledObject<String>;

/// What a line typed on the interviewer's screen means. Commands are whole lines, so a
/// note that starts with a digit, `h` or `p` is a note.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Command {
    /// Nothing typed.
    Empty,
    /// `.`: the candidate is done.
    End,
    /// `h`: give the next hint.
    Hint,
    /// `3`, `3 5`, `10,11`: tick (or untick) these points.
    Tick(Vec<u32>),
    /// `p2`, `p 2 3`: mark (or unmark) these pitfalls (red flags for company prompts).
    Pitfall(Vec<u32>),
    /// A command with a number that is not on the sheet: said, not kept as a note.
    Wrong(String),
    /// `r`: show the scenario's replies in full.
    Replies,
    /// Any other line.
    Note,
}

/// Reads `line` against a sheet of `points` rubric points and `warnings` pitfalls (or
/// red flags, `warning` naming one).
fn command(line: &str, points: usize, warnings: usize, warning: &str) -> Command {
    let line = line.trim();
    match line {
        "" => return Command::Empty,
        "." => return Command::End,
        "h" => return Command::Hint,
        "r" => return Command::Replies,
        _ => {}
    }
    if let Some(ns) = numbers(line) {
        return match ns.iter().find(|n| **n == 0 || **n as usize > points) {
            None => Command::Tick(ns),
            Some(n) => Command::Wrong(format!(
                "There is no point {n}: the rubric has 1 to {points}. To keep a number as a note, add a word."
            )),
        };
    }
    if let Some(ns) = line.strip_prefix('p').and_then(numbers) {
        return match ns.iter().find(|n| **n == 0 || **n as usize > warnings) {
            None => Command::Pitfall(ns),
            Some(_) if warnings == 0 => Command::Wrong(format!("This prompt has no {warning}s.")),
            Some(n) => Command::Wrong(format!(
                "There is no {warning} {n}: the sheet has p1 to p{warnings}."
            )),
        };
    }
    Command::Note
}

/// The numbers of a line that is only numbers (`3`, `10 11`, `1,3`); `None` for any
/// other line, or an empty one.
fn numbers(line: &str) -> Option<Vec<u32>> {
    let words: Vec<&str> = line.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return None;
    }
    words.iter().map(|w| w.parse::<u32>().ok()).collect()
}

impl Terminal {
    fn say(&self, bar: &ProgressBar, lead: &str, text: &str, how: Style) {
        for row in fit::wrap(text, self.width().min(100), lead) {
            let (head, rest) = super::terminal::split_label(&row, lead);
            bar.println(format!(
                "{}{}",
                self.paint(head, StyledObject::dim),
                self.paint(rest, how)
            ));
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
                    let how: Style = if first {
                        |s| s.cyan().bold()
                    } else {
                        StyledObject::bold
                    };
                    first = false;
                    for row in self.painted(&t, "", how) {
                        self.term.write_line(&row)?;
                    }
                }
                SheetLine::Item(t) => {
                    for l in fit::wrap(&t, width, "") {
                        self.term.write_line(&l)?;
                    }
                }
                SheetLine::Row(t) => self.term.write_line(&fit::fit(&[&t], width))?,
                SheetLine::Blank => self.term.write_line("")?,
            }
        }
        // The clock starts when the prompt has been read out, not while it is read.
        let start = "Read it out, then press Enter to start the clock.";
        for row in self.painted(start, "", StyledObject::yellow) {
            self.term.write_line(&row)?;
        }
        let raw = RawMode::on()?;
        let pressed = loop {
            match next_key() {
                Ok(Some(Key::Enter | Key::Finish)) => break Ok(()),
                Ok(Some(Key::Interrupt)) => break Err(Stop::Interrupted),
                Ok(_) => {}
                Err(err) => break Err(Stop::from(err)),
            }
        };
        drop(raw);
        pressed
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
        let warning = if p.category.is_company() {
            "red flag"
        } else {
            "pitfall"
        };
        let legend = format!(
            "Type a line, then Enter: {} ticks that point (again unticks) · p and a number marks a {warning} (p2) · h gives the next hint{} · . ends · any other line is a note, kept whole",
            if points.len() == 1 {
                "1".to_owned()
            } else {
                format!("1-{}", points.len())
            },
            if p.scenario.is_some() {
                " · r shows the replies in full"
            } else {
                ""
            }
        );
        self.term.write_line("")?;
        for row in self.painted(&legend, "", StyledObject::dim) {
            self.term.write_line(&row)?;
        }
        let clock = spec.clock;
        let started = clock.now();
        let mut listened = Listened::default();
        let mut notes: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut rang = false;

        let raw = RawMode::on()?;
        let bar = ProgressBar::with_draw_target(
            None,
            ProgressDrawTarget::term_like_with_hz(Box::new(RawStderr), 20),
        );
        bar.set_style(ProgressStyle::with_template("{msg}").map_err(|e| Stop::Failed(e.into()))?);
        let tick = |listened: &mut Listened, point: u32| {
            let secs = secs_since(clock, started);
            let text = points
                .get(point as usize - 1)
                .map_or("", |pt| pt.point.as_str());
            let at = clock_face(Duration::from_secs(secs), false);
            if listened.toggle(point, secs) {
                self.say(
                    &bar,
                    &format!("  ✓ {point} at {at}  "),
                    text,
                    StyledObject::green,
                );
            } else {
                self.say(
                    &bar,
                    "  ",
                    &format!("✗ {point} unticked at {at}"),
                    StyledObject::dim,
                );
            }
        };
        let pitfall = |listened: &mut Listened, n: u32| {
            let at = clock_face(Duration::from_secs(secs_since(clock, started)), false);
            let text = warnings.get(n as usize - 1).map_or("", String::as_str);
            if listened.toggle_pitfall(n) {
                self.say(
                    &bar,
                    &format!("  ! {warning} {n} at {at}  "),
                    text,
                    StyledObject::red,
                );
            } else {
                self.say(
                    &bar,
                    "  ",
                    &format!("✗ {warning} {n} unmarked at {at}"),
                    StyledObject::dim,
                );
            }
        };
        // One typed line: a command, or a note kept whole. True when it ends.
        let take = |listened: &mut Listened, notes: &mut Vec<String>, line: String| {
            match command(&line, points.len(), warnings.len(), warning) {
                Command::Empty => {}
                Command::End => return true,
                Command::Tick(ns) => {
                    for n in ns {
                        tick(listened, n);
                    }
                }
                Command::Pitfall(ns) => {
                    for n in ns {
                        pitfall(listened, n);
                    }
                }
                Command::Hint => {
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
                Command::Wrong(why) => self.say(&bar, "  ", &why, StyledObject::yellow),
                Command::Replies => {
                    let width = self.width().min(100);
                    for line in super::partner::replies(p) {
                        match line {
                            SheetLine::Heading(t) => {
                                for row in self.painted(&t, "", StyledObject::bold) {
                                    bar.println(row);
                                }
                            }
                            // A reply's rows as it has them: columns cut, the rest
                            // folded at words under their indent.
                            SheetLine::Item(t) | SheetLine::Row(t) => {
                                for l in fit::wrap(&t, width, "") {
                                    bar.println(l);
                                }
                            }
                            SheetLine::Blank => bar.println(""),
                        }
                    }
                }
                Command::Note => {
                    bar.println(format!("  {} {line}", self.paint("│", StyledObject::dim)));
                    if let Some(s) = spec.scenario
                        && let Some(reply) = s.borrow_mut().hear(&line, secs_since(clock, started))
                    {
                        self.say(&bar, "  read out: ", &reply, StyledObject::cyan);
                    }
                    notes.push(line);
                }
            }
            false
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
            bar.set_message(self.listen_status(spec, &listened, started, &current));
            let key = match next_key() {
                Ok(key) => key,
                Err(err) => break Err(Stop::from(err)),
            };
            match key {
                None | Some(Key::Other) => {}
                Some(Key::Char(c)) => current.push(c),
                // A paste is text for the line being typed, on one line.
                Some(Key::Paste(text)) => current.push_str(&text.replace(['\r', '\n'], " ")),
                Some(Key::Backspace) => {
                    current.pop();
                }
                Some(Key::ClearLine) => current.clear(),
                Some(Key::Interrupt) => {
                    listened.interrupted = true;
                    break Ok(());
                }
                // Ctrl-D ends, taking the line being typed as if Enter came first.
                Some(Key::Finish) => {
                    take(&mut listened, &mut notes, std::mem::take(&mut current));
                    break Ok(());
                }
                Some(Key::Enter) => {
                    if take(&mut listened, &mut notes, std::mem::take(&mut current)) {
                        break Ok(());
                    }
                }
            }
        };
        bar.finish_and_clear();
        drop(raw);
        outcome?;
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
            for row in self.painted(&line, "", StyledObject::green) {
                self.term.write_line(&row)?;
            }
        }
        Ok(listened)
    }

    fn partner_grade(
        &mut self,
        suggestion: Option<&crate::grading::GradeSuggestion>,
    ) -> Result<crate::grade::Grade, Stop> {
        self.grade_as(Role::Interviewer, "Grade for the candidate", suggestion)
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
        let used = face.chars().count() + ticks.chars().count() + 4;
        let room = self.width().saturating_sub(used);
        format!(
            "{}{ticks} > {}",
            self.paint(&face, paint),
            tail(current, room)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Command {
        command(line, 7, 3, "pitfall")
    }

    #[test]
    fn a_command_is_a_whole_line() {
        assert_eq!(read("3"), Command::Tick(vec![3]));
        assert_eq!(read(" 3 5 "), Command::Tick(vec![3, 5]));
        assert_eq!(read("1,7"), Command::Tick(vec![1, 7]));
        assert_eq!(read("p2"), Command::Pitfall(vec![2]));
        assert_eq!(read("p 1 3"), Command::Pitfall(vec![1, 3]));
        assert_eq!(read("h"), Command::Hint);
        assert_eq!(read("."), Command::End);
        assert_eq!(read("  "), Command::Empty);
        assert_eq!(
            command("10 11", 12, 0, "pitfall"),
            Command::Tick(vec![10, 11])
        );
    }

    #[test]
    fn a_line_that_starts_like_a_command_is_a_note() {
        for note in [
            "30 seconds stop means SIGKILL",
            "how long is the grace period?",
            "p99 went up first",
            "3am page",
        ] {
            assert_eq!(read(note), Command::Note, "{note}");
        }
        assert_eq!(read("hint"), Command::Note);
        assert_eq!(read("p"), Command::Note);
        assert_eq!(read(".."), Command::Note);
    }

    #[test]
    fn a_number_off_the_sheet_is_said_not_noted() {
        assert!(
            matches!(read("8"), Command::Wrong(w) if w.contains("no point 8") && w.contains("1 to 7"))
        );
        assert!(matches!(read("0"), Command::Wrong(_)));
        assert!(matches!(read("p4"), Command::Wrong(w) if w.contains("no pitfall 4")));
        assert!(
            matches!(command("p1", 7, 0, "red flag"), Command::Wrong(w) if w.contains("no red flags"))
        );
    }
}
