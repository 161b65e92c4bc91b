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
use dialoguer::Input;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};

use super::fit::{self, Drawn};
use super::plain::minutes_label;
use super::prompter::from_dialoguer;
use super::{AnswerSpec, Answered, Console, Header, Prompter, Reveal, Role, Stop};
use crate::clock::Clock;
use crate::countdown::{Countdown, Left, clock_face};
use crate::grade::Grade;

/// How a piece of the status line is painted.
type Style = fn(StyledObject<String>) -> StyledObject<String>;

const POLL: Duration = Duration::from_millis(100);

/// How long after the answer box opens an Enter on the empty line is taken as a key
/// pressed for the planning phase, not as "I answered aloud and am done".
const STRAY_ENTER: Duration = Duration::from_secs(2);

/// The four grades as the interviewer of a mock interview gives them to the candidate.
pub(super) const INTERVIEWER_GRADES: [&str; 4] = [
    "1 Again: missed the core of it",
    "2 Hard: got there, with gaps or hints",
    "3 Good: a solid answer",
    "4 Easy: could teach this",
];

pub struct Terminal {
    color: bool,
    /// The menus and lines it shares with every other dialogue.
    pub(super) prompter: super::TermPrompter,
    /// The command line `--editor` runs.
    editor: std::ffi::OsString,
    pub(super) theme: Box<dyn Theme>,
    pub(super) term: Term,
}

impl Terminal {
    #[must_use]
    pub fn new(color: bool, editor: std::ffi::OsString) -> Self {
        Self {
            color,
            prompter: super::TermPrompter::new(color),
            editor,
            theme: theme(color),
            term: Term::stderr(),
        }
    }

    pub(super) fn paint(
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

    pub(super) fn width(&self) -> usize {
        usize::from(self.term.size().1).max(20)
    }
}

/// `Suggested: 2 Hard (reason)` in `width` columns. The reason can name a whole
/// must-have point, so it wraps at words, continuation lines under the grade.
fn suggestion_lines(s: &crate::grading::GradeSuggestion, width: usize) -> Vec<String> {
    fit::wrap(&format!("{} ({})", s.grade, s.reason), width, "Suggested: ")
}

/// A row of [`fit::wrap`] split into the label it starts with (or the spaces that
/// stand under it) and the text after it, so each can be painted.
pub(super) fn split_label<'a>(row: &'a str, label: &str) -> (&'a str, &'a str) {
    if row == label.trim_end() {
        return (row, "");
    }
    if let Some(rest) = row.strip_prefix(label) {
        return (&row[..label.len()], rest);
    }
    let spaces = row.len() - row.trim_start_matches(' ').len();
    row.split_at(spaces.min(::console::measure_text_width(label)))
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
    super::tty::put_back();
    if !io::stderr().is_terminal() {
        return;
    }
    let mut err = io::stderr();
    let _ = err.write_all(b"\x1b[?25h\x1b[?2004l");
    let _ = err.flush();
}

/// Bracketed paste for as long as it lives: the terminal marks pasted text, so a paste
/// of any size arrives as one event and never as keys that a menu could take.
struct BracketedPaste;

impl BracketedPaste {
    fn on() -> io::Result<Self> {
        crossterm::execute!(io::stderr(), crossterm::event::EnableBracketedPaste)?;
        Ok(BracketedPaste)
    }
}

impl Drop for BracketedPaste {
    fn drop(&mut self) {
        let _ = crossterm::execute!(io::stderr(), crossterm::event::DisableBracketedPaste);
    }
}

/// Raw mode for as long as it lives.
pub(super) struct RawMode;

impl RawMode {
    pub(super) fn on() -> io::Result<Self> {
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
pub(super) struct RawStderr;

impl RawStderr {
    pub(super) fn put(s: &str) -> io::Result<()> {
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
pub(super) enum Key {
    Char(char),
    Backspace,
    Enter,
    ClearLine,
    Finish,
    Interrupt,
    /// Text pasted with bracketed paste on: arrives whole, newlines included.
    Paste(String),
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
pub(super) fn next_key() -> io::Result<Option<Key>> {
    if event::poll(POLL)? {
        return Ok(Some(match event::read()? {
            Event::Key(ev) => key_of(ev),
            Event::Paste(text) => Key::Paste(text),
            _ => Key::Other,
        }));
    }
    Ok(None)
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
        let (text, paint): (String, Style) = match countdown {
            Some(c) => match c.left(now) {
                Left::Remaining(d) => (format!(" {} left ", clock_face(d, true)), |s| {
                    s.black().on_green()
                }),
                Left::Overtime(d) => (format!(" overtime +{} ", clock_face(d, false)), |s| {
                    s.white().on_red().bold()
                }),
            },
            None => (
                format!(
                    " {} ",
                    clock_face(now.saturating_duration_since(started), false)
                ),
                StyledObject::dim,
            ),
        };
        let (face, typed) = fit::status_parts(&text, current, usize::from(self.raw_width()));
        let face = self.paint(&face, paint);
        match typed {
            Some(typed) => format!("{face} > {typed}"),
            None => face,
        }
    }

    /// The suggestion, if any, then a menu of the four grades (`items`, 1 to 4) that
    /// starts on it.
    pub(super) fn grade_menu(
        &mut self,
        question: &str,
        items: &[&str; 4],
        suggestion: Option<&crate::grading::GradeSuggestion>,
    ) -> Result<Grade, Stop> {
        if let Some(s) = suggestion {
            for part in suggestion_lines(s, self.width()) {
                self.term
                    .write_line(&self.paint(&part, StyledObject::yellow))?;
            }
        }
        let default = suggestion.map_or(2, |s| usize::from(s.grade.value()) - 1);
        let picked = self.prompter.choose(question, items, default)?;
        let index = items.iter().position(|i| *i == picked).unwrap_or(2);
        Ok(Grade::new(index as u8 + 1).unwrap_or(Grade::GOOD))
    }

    /// The real width; `width()` keeps a floor of 20 for wrapping prose.
    fn raw_width(&self) -> u16 {
        self.term.size().1
    }

    /// The interviewer's words, under the line that asked, above the status line.
    fn say_as_interviewer(&self, bar: &ProgressBar, text: &str) {
        let lead = "  interviewer: ";
        for row in fit::wrap(text, self.width().min(100), lead) {
            let (head, rest) = split_label(&row, lead);
            bar.println(format!(
                "{}{}",
                self.paint(head, StyledObject::dim),
                self.paint(rest, StyledObject::cyan)
            ));
        }
    }

    /// A line the candidate typed, shown back as `  │ line`, wrapped at words under
    /// itself.
    fn echo(&self, line: &str) -> Vec<String> {
        let lead = "  │ ";
        fit::wrap(line, self.width(), lead)
            .iter()
            .map(|row| match row.strip_prefix(lead) {
                Some(rest) => format!("  {} {rest}", self.paint("│", StyledObject::dim)),
                None => row.clone(),
            })
            .collect()
    }

    /// `text` wrapped to the width under `label`, all in one paint.
    pub(super) fn painted(&self, text: &str, label: &str, how: Style) -> Vec<String> {
        fit::wrap(text, self.width().min(100), label)
            .iter()
            .map(|row| self.paint(row, how))
            .collect()
    }

    /// The answer written in the user's editor, shown back before the rubric; `None`
    /// when the editor failed (said on the terminal) and the answer is to be typed.
    fn answer_in_editor(&mut self, spec: &AnswerSpec<'_>) -> Result<Option<Answered>, Stop> {
        let command = self.editor.clone();
        if let Some(c) = spec.countdown {
            let line = format!(
                "Opening your editor; the time box is {}. Save and quit to finish.",
                clock_face(c.limit(), false)
            );
            for row in fit::wrap(&line, self.width(), "") {
                self.term.write_line(&row)?;
            }
        }
        let text = match super::editor::edit(&command) {
            super::editor::Edited::Text(text) => text,
            super::editor::Edited::Failed(why) => {
                let line = format!("{why}; type your answer here instead.");
                for row in self.painted(&line, "", StyledObject::yellow) {
                    self.term.write_line(&row)?;
                }
                return Ok(None);
            }
        };
        if text.trim().is_empty() {
            self.term
                .write_line(&self.paint("You wrote nothing.", StyledObject::dim))?;
        } else {
            self.term
                .write_line(&self.paint("You wrote:", StyledObject::dim))?;
            for line in text.lines() {
                for row in self.echo(line) {
                    self.term.write_line(&row)?;
                }
            }
        }
        Ok(Some(Answered {
            text,
            ..Answered::default()
        }))
    }
}

impl Console for Terminal {
    fn header(&mut self, h: &Header<'_>) -> Result<(), Stop> {
        let p = h.prompt;
        let line = h.banner();
        self.term.write_line("")?;
        for row in self.painted(&line, "", |s| s.cyan().bold()) {
            self.term.write_line(&row)?;
        }
        for row in self.painted(&p.title, "", StyledObject::bold) {
            self.term.write_line(&row)?;
        }
        self.term.write_line("")?;
        for line in fit::prose(&p.prompt, self.width().min(100)) {
            self.term.write_line(&line)?;
        }
        self.term.write_line("")?;
        Ok(())
    }

    fn plan(&mut self, countdown: Countdown, clock: &dyn Clock) -> Result<(), Stop> {
        let _raw = RawMode::on()?;
        let mut err = io::stderr();
        let mut last = Drawn::default();
        while let Left::Remaining(left) = countdown.left(clock.now()) {
            let width = usize::from(self.raw_width());
            let text = fit::plan_line(&clock_face(left, true), width);
            write!(err, "{}", last.erase_at(width))?;
            write!(err, "{}", self.paint(&text, StyledObject::dim))?;
            last = Drawn::new(&text, width);
            err.flush()?;
            match next_key()? {
                Some(Key::Enter) => break,
                Some(Key::Interrupt) => {
                    write!(err, "{}", last.erase_at(usize::from(self.raw_width())))?;
                    return Err(Stop::Interrupted);
                }
                _ => {}
            }
        }
        write!(err, "{}", last.erase_at(usize::from(self.raw_width())))?;
        err.flush()?;
        Ok(())
    }

    fn answer(&mut self, spec: &AnswerSpec<'_>) -> Result<Answered, Stop> {
        if spec.editor
            && let Some(answered) = self.answer_in_editor(spec)?
        {
            return Ok(answered);
        }
        let help = match spec.role {
            Role::Candidate => {
                "Type notes (Enter for a new line; a line with . or Ctrl-D finishes; ? for a hint).\n\nAnswering aloud? Press Enter on the empty line when you are done."
            }
            Role::Interviewer => {
                "The candidate answers aloud. Type notes on the answer if you like (Enter for a new line; a line with . or Ctrl-D finishes).\n\nThe candidate answered aloud? Press Enter on the empty line when they are done."
            }
        };
        let help = if spec.check.is_some() && spec.role == Role::Candidate {
            format!(
                "{help}\n\nA line `!check CMD` (like `!check python3 solution.py`) runs your program against the checker's generated cases; passing them all ticks the rubric points a check proves."
            )
        } else {
            help.to_owned()
        };
        for line in fit::prose(&help, self.width().min(100)) {
            if !line.is_empty() {
                self.term
                    .write_line(&self.paint(&line, StyledObject::dim))?;
            }
        }
        let clock = spec.clock;
        let started = clock.now();
        let mut answered = Answered::default();
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut rang = false;
        let mut shown = Drawn::default();

        let raw = RawMode::on()?;
        let paste = BracketedPaste::on()?;
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
                let said = match spec.role {
                    Role::Candidate => "  Time is up. Finish your thought; overtime is logged.",
                    Role::Interviewer => "  Time is up; let the candidate finish their thought.",
                };
                for row in self.painted(said, "", StyledObject::red) {
                    bar.println(row);
                }
            }
            if let Some(interviewer) = spec.interviewer {
                let secs = clock.now().saturating_duration_since(started).as_secs();
                for event in interviewer.borrow_mut().due(secs) {
                    self.say_as_interviewer(&bar, &event);
                }
            }
            let width = usize::from(self.raw_width());
            if shown.reflowed_at(width) {
                let erase = shown.erase_at(width);
                bar.suspend(|| {
                    let _ = RawStderr::put(&erase);
                });
            }
            let status = self.status(spec.countdown.as_ref(), clock, started, &current);
            shown = Drawn::new(&status, width);
            bar.set_message(status);
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
                Some(Key::Paste(text)) => {
                    // Pasted lines are answer lines as they are: a `.` or `?` inside a
                    // paste neither finishes the answer nor asks for a hint.
                    let text = text.replace("\r\n", "\n").replace('\r', "\n");
                    let mut pieces = text.split('\n').peekable();
                    while let Some(piece) = pieces.next() {
                        current.push_str(piece);
                        if pieces.peek().is_some() {
                            let line = std::mem::take(&mut current);
                            for row in self.echo(&line) {
                                bar.println(row);
                            }
                            lines.push(line);
                        }
                    }
                }
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
                        // An empty Enter in the first moments is the key that was
                        // meant for the planning phase as it ended, not "done aloud".
                        "" if lines.is_empty()
                            && clock.now().saturating_duration_since(started) < STRAY_ENTER => {}
                        "" if lines.is_empty() => break Ok(()),
                        "?" => {
                            let next = answered.hints_used as usize;
                            let text = match spec.hints.get(next) {
                                Some(hint) => {
                                    answered.hints_used += 1;
                                    format!("Hint {}/{}: {hint}", next + 1, spec.hints.len())
                                }
                                None if spec.hints.is_empty() => {
                                    "This prompt has no hints.".to_owned()
                                }
                                None => "No more hints.".to_owned(),
                            };
                            for row in self.painted(&text, "  ", StyledObject::yellow) {
                                bar.println(row);
                            }
                        }
                        _ if spec.check.is_some() && super::check_command(&line).is_some() => {
                            for row in self.echo(&line) {
                                bar.println(row);
                            }
                            bar.println(self.paint("  Running the check...", StyledObject::dim));
                            if let (Some(run), Some(command)) =
                                (spec.check, super::check_command(&line))
                            {
                                let text = crate::render::check::run_text(&run(command));
                                for row in self.painted(&text, "  ", StyledObject::yellow) {
                                    bar.println(row);
                                }
                            }
                        }
                        _ => {
                            for row in self.echo(&line) {
                                bar.println(row);
                            }
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
        drop(paste);
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
            let width = self.width().min(100);
            for w in reveal.warnings {
                for row in fit::wrap(&format!("  - {w}"), width, "") {
                    self.term.write_line(&row)?;
                }
            }
            self.term.write_line("")?;
        }
        if reveal.points.is_empty() {
            return Ok(Vec::new());
        }
        let items = rubric_items(
            reveal,
            self.width().min(100),
            usize::from(self.term.size().0),
        );
        let defaults: Vec<bool> = (1..=reveal.points.len())
            .map(|n| reveal.suggested.iter().any(|s| s.point as usize == n))
            .collect();
        // The menu draws `? ` before the heading and ` ›` after it.
        let room = self.width().saturating_sub(4);
        let heading = if reveal.suggested.is_empty() {
            fit::fit(
                &[
                    &format!("{} (Space ticks, Enter confirms)", reveal.heading),
                    &format!("{} (Space, Enter)", reveal.heading),
                    reveal.heading,
                ],
                room,
            )
        } else {
            fit::fit(
                &[
                    &format!(
                        "{} (ticked: what your words suggest; Space changes, Enter confirms)",
                        reveal.heading
                    ),
                    &format!("{} (ticked: suggested; Space, Enter)", reveal.heading),
                    &format!("{} (ticked: suggested)", reveal.heading),
                    reveal.heading,
                ],
                room,
            )
        };
        if reveal.points.iter().any(|p| p.starts_with("* ")) {
            let legend = "* must-have: without it the answer fails";
            for row in self.painted(legend, "", StyledObject::dim) {
                self.term.write_line(&row)?;
            }
        }
        let picked = self.prompter.choose_several(&heading, &items, &defaults)?;
        let out: Vec<u32> = picked.into_iter().map(|i| i as u32 + 1).collect();
        let line = format!("Covered {} of {} points.", out.len(), reveal.points.len());
        for row in self.painted(&line, "", StyledObject::green) {
            self.term.write_line(&row)?;
        }
        Ok(out)
    }

    fn grade(
        &mut self,
        question: &str,
        suggestion: Option<&crate::grading::GradeSuggestion>,
    ) -> Result<Grade, Stop> {
        let items = [
            "1 Again: I missed the core of it",
            "2 Hard: got there, with gaps or help",
            "3 Good: a solid answer",
            "4 Easy: I could teach this",
        ];
        self.grade_menu(question, &items, suggestion)
    }

    fn grade_as(
        &mut self,
        role: Role,
        question: &str,
        suggestion: Option<&crate::grading::GradeSuggestion>,
    ) -> Result<Grade, Stop> {
        match role {
            Role::Candidate => self.grade(question, suggestion),
            Role::Interviewer => {
                if suggestion.is_none() {
                    // Nothing typed suggests a grade: say so, so the menu's starting
                    // place is not read as one.
                    let line = "No grade is suggested: grade what you heard (a number 1-4 or the arrows, then Enter).";
                    for part in fit::prose(line, self.width().min(100)) {
                        self.term
                            .write_line(&self.paint(&part, StyledObject::dim))?;
                    }
                }
                self.grade_menu(question, &INTERVIEWER_GRADES, suggestion)
            }
        }
    }

    fn note(&mut self) -> Result<String, Stop> {
        let text = self
            .prompter
            .line("Next time I would ... (optional)", None)?;
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
        for row in self.painted(&label, "", |s| s.cyan().bold()) {
            self.term.write_line(&row)?;
        }
        for line in fit::prose(question, self.width().min(100)) {
            self.term.write_line(&line)?;
        }
        Ok(())
    }

    fn confirm_partial(&mut self) -> Result<bool, Stop> {
        if super::ending_on_signal() {
            // A SIGTERM or SIGHUP: nobody is there to answer.
            return Ok(false);
        }
        restore_terminal();
        self.term.write_line("")?;
        self.prompter
            .confirm("Stopped. Log the partial attempt?", false)
    }

    fn info(&mut self, text: &str) -> Result<(), Stop> {
        for row in fit::wrap(text, self.width(), "") {
            self.term.write_line(&row)?;
        }
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

/// The rubric menu's items, wrapped to `width` with what the answer suggested on a line
/// of its own; each item on one line, cut to fit, when the wrapped menu would not fit
/// in `height` rows (the menu pages by items, not by lines).
fn rubric_items(reveal: &Reveal<'_>, width: usize, height: usize) -> Vec<String> {
    let wrote = |i: usize| {
        reveal
            .suggested
            .iter()
            .find(|s| s.point as usize == i + 1)
            .map(|s| format!("(you wrote: {})", s.words))
    };
    // The menu puts a 4-column mark before each item; continuation rows line up.
    let room = width.saturating_sub(5);
    let wrapped: Vec<String> = reveal
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut lines = fit::prose(p, room);
            if let Some(w) = wrote(i) {
                lines.extend(fit::prose(&w, room));
            }
            lines.join("\n    ")
        })
        .collect();
    let rows: usize = wrapped.iter().map(|item| item.lines().count()).sum();
    if rows + 3 <= height {
        return wrapped;
    }
    reveal
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let item = wrote(i).map_or_else(|| p.clone(), |w| format!("{p}  {w}"));
            fit::fit(&[&item], width.saturating_sub(4))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_countdown_reads_the_clock_not_the_number_of_polls() {
        use crate::clock::ManualClock;
        let clock = ManualClock::at(
            chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00").unwrap(),
        );
        let terminal = Terminal::new(false, "vi".into());
        let started = clock.now();
        let countdown = Countdown::new(started, Duration::from_secs(600));
        let status = |typed: &str| terminal.status(Some(&countdown), &clock, started, typed);
        assert!(
            status("df -h").starts_with(" 10:00 left "),
            "{}",
            status("df -h")
        );
        // Time passes with no key and no poll in between: the status still knows.
        clock.advance(Duration::from_secs(4 * 60 + 30));
        assert!(status("").starts_with(" 5:30 left "), "{}", status(""));
        clock.advance(Duration::from_secs(6 * 60 + 30));
        assert!(status("").starts_with(" overtime +1:00 "), "{}", status(""));
        // Untimed: the elapsed time, from the same clock.
        let untimed = terminal.status(None, &clock, started, "");
        assert!(untimed.starts_with(" 11:00 "), "{untimed}");
    }

    #[test]
    fn a_long_suggestion_wraps_at_words_within_the_width() {
        let s = crate::grading::GradeSuggestion {
            grade: Grade::HARD,
            reason: "missed a must-have: Scopes the policy to the exact actions and resources, s3:GetObject on the source bucket's objects".to_owned(),
        };
        let lines = super::suggestion_lines(&s, 60);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 60), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with("  ")), "{lines:?}");
        let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
        assert_eq!(words.join(" "), format!("Suggested: 2 Hard ({})", s.reason));
    }
}
