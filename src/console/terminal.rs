//! The real terminal: typing under a live countdown, and dialoguer menus.
//!
//! During the timed answer phase one loop owns the terminal: raw mode behind a guard
//! that always restores it, `event::poll` every 100 ms, and a single indicatif line at
//! the bottom whose message carries the line being typed. Committed lines are printed
//! above it with `ProgressBar::println`, so the countdown never garbles the typing.
//! Remaining time is read from the Clock on every redraw. In raw mode Ctrl-C is a key.

use std::io::{self, Write};
use std::time::Duration;

use ::console::{StyledObject, Term, style};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Editor, Input, MultiSelect, Select};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};

use super::plain::minutes_label;
use super::{AnswerSpec, Answered, Console, Header, Reveal, Stop};
use crate::clock::Clock;
use crate::grade::Grade;
use crate::session::timer::{Countdown, Left, clock_face};

const POLL: Duration = Duration::from_millis(100);

pub struct Terminal {
    color: bool,
    theme: Box<dyn Theme>,
    term: Term,
}

impl Terminal {
    #[must_use]
    pub fn new(color: bool) -> Self {
        Self {
            color,
            theme: theme(color),
            term: Term::stderr(),
        }
    }

    fn paint(
        &self,
        text: &str,
        how: impl FnOnce(StyledObject<String>) -> StyledObject<String>,
    ) -> String {
        if self.color {
            how(style(text.to_owned())).to_string()
        } else {
            text.to_owned()
        }
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1).max(20)
    }
}

/// dialoguer's look: colours when allowed, plain text otherwise.
#[must_use]
pub fn theme(color: bool) -> Box<dyn Theme> {
    if color {
        Box::new(ColorfulTheme::default())
    } else {
        Box::new(SimpleTheme)
    }
}

/// Restores the terminal: raw mode off, cursor shown. Safe to call at any time.
pub fn restore_terminal() {
    use std::io::IsTerminal;
    let _ = terminal::disable_raw_mode();
    if !io::stderr().is_terminal() {
        return;
    }
    let mut err = io::stderr();
    let _ = err.write_all(b"\x1b[?25h");
    let _ = err.flush();
}

/// Raw mode for as long as it lives.
struct RawMode;

impl RawMode {
    fn on() -> io::Result<Self> {
        terminal::enable_raw_mode()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

/// indicatif's view of stderr while in raw mode: every newline carries a carriage return.
#[derive(Debug)]
struct RawStderr;

impl RawStderr {
    fn put(s: &str) -> io::Result<()> {
        let mut err = io::stderr().lock();
        err.write_all(s.as_bytes())
    }
}

impl TermLike for RawStderr {
    fn width(&self) -> u16 {
        terminal::size().map_or(80, |(w, _)| w)
    }
    fn height(&self) -> u16 {
        terminal::size().map_or(24, |(_, h)| h)
    }
    fn move_cursor_up(&self, n: usize) -> io::Result<()> {
        if n > 0 {
            Self::put(&format!("\x1b[{n}A"))
        } else {
            Ok(())
        }
    }
    fn move_cursor_down(&self, n: usize) -> io::Result<()> {
        if n > 0 {
            Self::put(&format!("\x1b[{n}B"))
        } else {
            Ok(())
        }
    }
    fn move_cursor_right(&self, n: usize) -> io::Result<()> {
        if n > 0 {
            Self::put(&format!("\x1b[{n}C"))
        } else {
            Ok(())
        }
    }
    fn move_cursor_left(&self, n: usize) -> io::Result<()> {
        if n > 0 {
            Self::put(&format!("\x1b[{n}D"))
        } else {
            Ok(())
        }
    }
    fn write_line(&self, s: &str) -> io::Result<()> {
        Self::put(&format!("{}\r\n", s.replace('\n', "\r\n")))
    }
    fn write_str(&self, s: &str) -> io::Result<()> {
        Self::put(s)
    }
    fn clear_line(&self) -> io::Result<()> {
        Self::put("\r\x1b[2K")
    }
    fn flush(&self) -> io::Result<()> {
        io::stderr().flush()
    }
}

/// One key, as the answer loop sees it.
enum Key {
    Char(char),
    Backspace,
    Enter,
    ClearLine,
    Finish,
    Interrupt,
    Other,
}

fn key_of(ev: KeyEvent) -> Key {
    if ev.kind == KeyEventKind::Release {
        return Key::Other;
    }
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    match ev.code {
        KeyCode::Char('c') if ctrl => Key::Interrupt,
        KeyCode::Char('d') if ctrl => Key::Finish,
        KeyCode::Char('u') if ctrl => Key::ClearLine,
        KeyCode::Char(_) if ctrl => Key::Other,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Tab => Key::Char(' '),
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Enter => Key::Enter,
        _ => Key::Other,
    }
}

/// Waits up to `POLL` for a key.
fn next_key() -> io::Result<Option<Key>> {
    if event::poll(POLL)? {
        if let Event::Key(ev) = event::read()? {
            return Ok(Some(key_of(ev)));
        }
        return Ok(Some(Key::Other));
    }
    Ok(None)
}

/// dialoguer reports Ctrl-C as an interrupted read.
fn from_dialoguer(err: dialoguer::Error) -> Stop {
    let dialoguer::Error::IO(io) = err;
    if io.kind() == io::ErrorKind::Interrupted {
        super::interrupt_handled();
        restore_terminal();
        Stop::Interrupted
    } else {
        Stop::Failed(io.into())
    }
}

/// The start of `text` that fits in `width` columns, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let head: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{head}…")
}

/// The tail of `text` that fits in `width` columns, with an ellipsis when cut.
fn tail(text: &str, width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= width {
        return text.to_owned();
    }
    let keep = width.saturating_sub(1);
    let start = chars.len() - keep;
    format!("…{}", chars[start..].iter().collect::<String>())
}

impl Terminal {
    /// The status line under the typing: countdown (or elapsed time) and the current line.
    fn status(
        &self,
        countdown: Option<&Countdown>,
        clock: &dyn Clock,
        started: std::time::Instant,
        current: &str,
    ) -> String {
        let now = clock.now();
        let (face, plain_len) = match countdown {
            Some(c) => match c.left(now) {
                Left::Remaining(d) => {
                    let text = format!(" {} left ", clock_face(d, true));
                    let len = text.chars().count();
                    (self.paint(&text, |s| s.black().on_green()), len)
                }
                Left::Overtime(d) => {
                    let text = format!(" overtime +{} ", clock_face(d, false));
                    let len = text.chars().count();
                    (self.paint(&text, |s| s.white().on_red().bold()), len)
                }
            },
            None => {
                let text = format!(
                    " {} ",
                    clock_face(now.saturating_duration_since(started), false)
                );
                let len = text.chars().count();
                (self.paint(&text, StyledObject::dim), len)
            }
        };
        let room = self.width().saturating_sub(plain_len + 4);
        format!("{face} > {}", tail(current, room))
    }

    /// The interviewer's words, under the line that asked, above the status line.
    fn say_as_interviewer(&self, bar: &ProgressBar, text: &str) {
        let width = self.width().min(100).saturating_sub(16).max(20);
        let mut first = true;
        for para in text.lines() {
            for line in wrap(para, width) {
                let lead = if first {
                    "  interviewer: "
                } else {
                    "               "
                };
                first = false;
                bar.println(format!(
                    "{}{}",
                    self.paint(lead, StyledObject::dim),
                    self.paint(&line, StyledObject::cyan)
                ));
            }
        }
    }

    fn answer_in_editor(&mut self, spec: &AnswerSpec<'_>) -> Result<Answered, Stop> {
        if let Some(c) = spec.countdown {
            self.term.write_line(&format!(
                "Opening your editor; the time box is {}. Save and quit to finish.",
                clock_face(c.limit(), false)
            ))?;
        }
        let text = Editor::new()
            .extension(".md")
            .edit("")
            .map_err(from_dialoguer)?
            .unwrap_or_default();
        Ok(Answered {
            text: text.trim_end().to_owned(),
            ..Answered::default()
        })
    }
}

impl Console for Terminal {
    fn header(&mut self, h: &Header<'_>) -> Result<(), Stop> {
        let p = h.prompt;
        let line = format!(
            "[{}/{}] {} · {} · {}",
            h.index,
            h.total,
            p.category,
            p.level,
            minutes_label(h.time_box)
        );
        self.term.write_line("")?;
        self.term
            .write_line(&self.paint(&line, |s| s.cyan().bold()))?;
        self.term
            .write_line(&self.paint(&p.title, StyledObject::bold))?;
        self.term.write_line("")?;
        for line in wrap(&p.prompt, self.width().min(100)) {
            self.term.write_line(&line)?;
        }
        self.term.write_line("")?;
        Ok(())
    }

    fn plan(&mut self, countdown: Countdown, clock: &dyn Clock) -> Result<(), Stop> {
        let _raw = RawMode::on()?;
        let mut err = io::stderr();
        while let Left::Remaining(left) = countdown.left(clock.now()) {
            let text = format!(
                "Plan in silence: {} left. Press Enter to start answering.",
                clock_face(left, true)
            );
            write!(err, "\r\x1b[2K{}", self.paint(&text, StyledObject::dim))?;
            err.flush()?;
            match next_key()? {
                Some(Key::Enter) => break,
                Some(Key::Interrupt) => {
                    write!(err, "\r\x1b[2K")?;
                    return Err(Stop::Interrupted);
                }
                _ => {}
            }
        }
        write!(err, "\r\x1b[2K")?;
        err.flush()?;
        Ok(())
    }

    fn answer(&mut self, spec: &AnswerSpec<'_>) -> Result<Answered, Stop> {
        if spec.editor {
            return self.answer_in_editor(spec);
        }
        self.term.write_line(&self.paint(
            "Type notes (Enter for a new line; a line with . or Ctrl-D finishes; ? for a hint).\nAnswering aloud? Press Enter on the empty line when you are done.",
            StyledObject::dim,
        ))?;
        let clock = spec.clock;
        let started = clock.now();
        let mut answered = Answered::default();
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut rang = false;

        let raw = RawMode::on()?;
        let bar = ProgressBar::with_draw_target(
            None,
            ProgressDrawTarget::term_like_with_hz(Box::new(RawStderr), 20),
        );
        bar.set_style(ProgressStyle::with_template("{msg}").map_err(|e| Stop::Failed(e.into()))?);
        let outcome = loop {
            if let Some(c) = &spec.countdown
                && !rang
                && matches!(c.left(clock.now()), Left::Overtime(_))
            {
                rang = true;
                bar.suspend(|| {
                    let _ = RawStderr::put("\x07");
                });
                bar.println(self.paint(
                    "  Time is up. Finish your thought; overtime is logged.",
                    StyledObject::red,
                ));
            }
            if let Some(interviewer) = spec.interviewer {
                let secs = clock.now().saturating_duration_since(started).as_secs();
                for event in interviewer.borrow_mut().due(secs) {
                    self.say_as_interviewer(&bar, &event);
                }
            }
            bar.set_message(self.status(spec.countdown.as_ref(), clock, started, &current));
            let key = match next_key() {
                Ok(key) => key,
                Err(err) => break Err(Stop::from(err)),
            };
            match key {
                None | Some(Key::Other) => {}
                Some(Key::Char(c)) => current.push(c),
                Some(Key::Backspace) => {
                    current.pop();
                }
                Some(Key::ClearLine) => current.clear(),
                Some(Key::Interrupt) => {
                    answered.interrupted = true;
                    break Ok(());
                }
                Some(Key::Finish) => {
                    if !current.is_empty() {
                        lines.push(std::mem::take(&mut current));
                    }
                    break Ok(());
                }
                Some(Key::Enter) => {
                    let line = std::mem::take(&mut current);
                    match line.trim() {
                        "." => break Ok(()),
                        "" if lines.is_empty() => break Ok(()),
                        "?" => {
                            let next = answered.hints_used as usize;
                            let text = match spec.hints.get(next) {
                                Some(hint) => {
                                    answered.hints_used += 1;
                                    format!("  Hint {}/{}: {hint}", next + 1, spec.hints.len())
                                }
                                None if spec.hints.is_empty() => {
                                    "  This prompt has no hints.".to_owned()
                                }
                                None => "  No more hints.".to_owned(),
                            };
                            bar.println(self.paint(&text, StyledObject::yellow));
                        }
                        _ => {
                            bar.println(
                                format!("  {}", self.paint("│", StyledObject::dim)) + " " + &line,
                            );
                            if let Some(interviewer) = spec.interviewer {
                                let secs = clock.now().saturating_duration_since(started).as_secs();
                                let reply = interviewer.borrow_mut().hear(&line, secs);
                                if let Some(reply) = reply {
                                    self.say_as_interviewer(&bar, &reply);
                                }
                            }
                            lines.push(line);
                        }
                    }
                }
            }
        };
        bar.finish_and_clear();
        drop(raw);
        let elapsed = clock.now().saturating_duration_since(started);
        let summary = match spec.countdown.map(|c| c.left(clock.now())) {
            Some(Left::Overtime(over)) => format!(
                "Answered in {} (overtime +{}).",
                clock_face(elapsed, false),
                clock_face(over, false)
            ),
            _ => format!("Answered in {}.", clock_face(elapsed, false)),
        };
        outcome?;
        if answered.interrupted {
            answered.text = finish_text(&lines, &current);
        } else {
            self.term
                .write_line(&self.paint(&summary, StyledObject::dim))?;
            answered.text = finish_text(&lines, "");
        }
        Ok(answered)
    }

    fn points(&mut self, reveal: &Reveal<'_>) -> Result<Vec<u32>, Stop> {
        self.term.write_line("")?;
        if !reveal.warnings.is_empty() {
            self.term
                .write_line(&self.paint(reveal.warnings_heading, StyledObject::bold))?;
            for w in reveal.warnings {
                self.term.write_line(&format!("  - {w}"))?;
            }
            self.term.write_line("")?;
        }
        if reveal.points.is_empty() {
            return Ok(Vec::new());
        }
        let items: Vec<String> = reveal
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let item = match reveal.suggested.iter().find(|s| s.point as usize == i + 1) {
                    Some(s) => format!("{p}  (you wrote: {})", s.words),
                    None => p.clone(),
                };
                // One screen line per item: the menu redraws by counting lines.
                fit(&item, self.width().saturating_sub(4))
            })
            .collect();
        let defaults: Vec<bool> = (1..=reveal.points.len())
            .map(|n| reveal.suggested.iter().any(|s| s.point as usize == n))
            .collect();
        let heading = if reveal.suggested.is_empty() {
            format!("{} (Space ticks, Enter confirms)", reveal.heading)
        } else {
            format!(
                "{} (ticked: what your words suggest; Space changes, Enter confirms)",
                reveal.heading
            )
        };
        let picked = MultiSelect::with_theme(self.theme.as_ref())
            .with_prompt(heading)
            .items(&items)
            .defaults(&defaults)
            .report(false)
            .interact_on(&self.term)
            .map_err(from_dialoguer)?;
        let mut out: Vec<u32> = picked.into_iter().map(|i| i as u32 + 1).collect();
        out.sort_unstable();
        let line = format!("Covered {} of {} points.", out.len(), reveal.points.len());
        self.term
            .write_line(&self.paint(&line, StyledObject::green))?;
        Ok(out)
    }

    fn grade(
        &mut self,
        question: &str,
        suggestion: Option<&crate::grading::GradeSuggestion>,
    ) -> Result<Grade, Stop> {
        if let Some(s) = suggestion {
            let line = format!("Suggested: {} ({})", s.grade, s.reason);
            self.term
                .write_line(&self.paint(&line, StyledObject::yellow))?;
        }
        let items = [
            "1 Again: I missed the core of it",
            "2 Hard: got there, with gaps or help",
            "3 Good: a solid answer",
            "4 Easy: I could teach this",
        ];
        let picked = Select::with_theme(self.theme.as_ref())
            .with_prompt(question)
            .items(items)
            .default(suggestion.map_or(2, |s| usize::from(s.grade.value()) - 1))
            .interact_on(&self.term)
            .map_err(from_dialoguer)?;
        Ok(Grade::new(picked as u8 + 1).unwrap_or(Grade::GOOD))
    }

    fn note(&mut self) -> Result<String, Stop> {
        let text: String = Input::with_theme(self.theme.as_ref())
            .with_prompt("Next time I would ... (optional)")
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map_err(from_dialoguer)?;
        Ok(text.trim().to_owned())
    }

    fn follow_up(
        &mut self,
        index: usize,
        total: usize,
        question: &str,
        time_box: Option<Duration>,
    ) -> Result<(), Stop> {
        self.term.write_line("")?;
        let label = match time_box {
            Some(b) => format!("Follow-up {index}/{total} · {}", minutes_label(b)),
            None => format!("Follow-up {index}/{total}"),
        };
        self.term
            .write_line(&self.paint(&label, |s| s.cyan().bold()))?;
        for line in wrap(question, self.width().min(100)) {
            self.term.write_line(&line)?;
        }
        Ok(())
    }

    fn confirm_partial(&mut self) -> Result<bool, Stop> {
        restore_terminal();
        self.term.write_line("")?;
        Confirm::with_theme(self.theme.as_ref())
            .with_prompt("Stopped. Log the partial attempt?")
            .default(false)
            .interact_on(&self.term)
            .map_err(from_dialoguer)
    }

    fn info(&mut self, text: &str) -> Result<(), Stop> {
        self.term.write_line(text)?;
        Ok(())
    }

    fn ask_line(
        &mut self,
        question: &str,
        countdown: Option<Countdown>,
        clock: &dyn Clock,
    ) -> Result<String, Stop> {
        let prompt = match countdown.map(|c| c.left(clock.now())) {
            Some(Left::Remaining(d)) => format!("{question} [{} left]", clock_face(d, true)),
            Some(Left::Overtime(d)) => format!("{question} [overtime +{}]", clock_face(d, false)),
            None => question.to_owned(),
        };
        let text: String = Input::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map_err(from_dialoguer)?;
        Ok(text.trim().to_owned())
    }
}

fn finish_text(lines: &[String], current: &str) -> String {
    let mut all = lines.to_vec();
    if !current.is_empty() {
        all.push(current.to_owned());
    }
    all.join("\n").trim_end().to_owned()
}

/// Wraps text to `width` columns at spaces, keeping blank lines.
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.lines() {
        if para.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        let indent: String = para.chars().take_while(|c| c.is_whitespace()).collect();
        let mut line = indent.clone();
        for word in para.split_whitespace() {
            let len = line.chars().count();
            if len > indent.len() && len + 1 + word.chars().count() > width {
                out.push(std::mem::replace(&mut line, indent.clone()));
            }
            if line.chars().count() > indent.len() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_and_blank_lines() {
        assert_eq!(
            wrap("aaa bbb ccc\n\nddd", 7),
            vec!["aaa bbb", "ccc", "", "ddd"]
        );
    }

    #[test]
    fn the_typed_line_shows_its_tail_when_too_long() {
        assert_eq!(tail("hello", 10), "hello");
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("hello", 6), "hello");
        assert_eq!(tail("hello world", 6), "…world");
    }
}
