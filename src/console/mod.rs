//! The session's view of the person: a `Console` trait with two implementations.
//!
//! `Terminal` owns a real terminal (raw-mode typing under a live countdown, dialoguer
//! menus); `Plain` speaks the line protocol of SPEC §3 over any reader and writer, for
//! pipes, scripts and tests. The session never writes to the terminal except through
//! this trait.

mod editor;
mod menu;
pub use editor::choose as editor_command;
pub mod fit;
mod partner;
mod partner_terminal;
mod plain;
mod prompter;
mod terminal;
pub mod text;
mod tty;

pub use partner::{Brief, Listen, Listened, PartnerScreen, SheetLine, parse_pitfalls, sheet};
pub use plain::Plain;
pub use prompter::{PlainPrompter, Prompter, TermPrompter, prompter};
pub use terminal::{Terminal, restore_terminal, theme};
pub use text::{stderr_width, stdout_width};
pub use tty::remember as remember_terminal;
pub use tty::settle as settle_terminal;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::bank::Prompt;
use crate::clock::Clock;
use crate::countdown::Countdown;
use crate::grade::Grade;

/// Set when a Ctrl-C read by a menu (which raises SIGINT) has been turned into
/// [`Stop::Interrupted`], so the signal watcher in main leaves the ending to the session.
static INTERRUPT_HANDLED: AtomicBool = AtomicBool::new(false);

/// Says that the session is handling the Ctrl-C that just arrived.
pub fn interrupt_handled() {
    INTERRUPT_HANDLED.store(true, Ordering::SeqCst);
}

/// True (once) when the session said it handles the last Ctrl-C.
pub fn take_interrupt_handled() -> bool {
    INTERRUPT_HANDLED.swap(false, Ordering::SeqCst)
}

/// The exit code of a SIGTERM or SIGHUP being handled (130, 129), 0 when none is.
static TERMINATING: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

/// Says that the process is ending on a SIGTERM or SIGHUP with `code`: from now on no
/// question is asked (none could be answered), and main leaves the exit to the signal
/// watcher.
pub fn set_terminating(code: i32) {
    TERMINATING.store(code, Ordering::SeqCst);
}

/// True when the process is ending on a SIGTERM or SIGHUP. Waits a moment for the
/// signal watcher to say so, since an interrupted read returns before the watcher
/// wakes, and a Ctrl-C and a SIGTERM interrupt a read alike.
#[must_use]
pub fn ending_on_signal() -> bool {
    let until = std::time::Instant::now() + std::time::Duration::from_millis(500);
    while std::time::Instant::now() < until {
        if terminating().is_some() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    terminating().is_some()
}

/// The exit code of the SIGTERM or SIGHUP the process is ending on, if any.
#[must_use]
pub fn terminating() -> Option<i32> {
    match TERMINATING.load(Ordering::SeqCst) {
        0 => None,
        code => Some(code),
    }
}

/// Turns off colours in everything drawn through the `console` crate (dialoguer's
/// themes, indicatif), for `NO_COLOR`, `TERM=dumb` and `--no-color`.
pub fn disable_colors() {
    ::console::set_colors_enabled(false);
    ::console::set_colors_enabled_stderr(false);
}

/// Why a question got no answer.
#[derive(Debug)]
pub enum Stop {
    /// Input ended (plain mode): graded attempts stay, the partial one is dropped.
    EndOfInput,
    /// Ctrl-C: offer to log the partial attempt, restore the terminal, exit 130.
    Interrupted,
    Failed(anyhow::Error),
}

impl Stop {
    /// What a stop means to a command: Ctrl-C is [`crate::error::Interrupted`] (exit
    /// 130), a failure stays itself, and input that ended is an error unless the
    /// caller handled it first.
    #[must_use]
    pub fn into_error(self) -> anyhow::Error {
        match self {
            Stop::Failed(err) => err,
            Stop::Interrupted => crate::error::Interrupted.into(),
            Stop::EndOfInput => anyhow::anyhow!("input ended"),
        }
    }
}

/// The console's reads and writes: a failure here is the terminal's (or the pipe's),
/// and says so, so a full disk is not blamed for a closed terminal or the other way.
impl From<std::io::Error> for Stop {
    fn from(err: std::io::Error) -> Self {
        Stop::Failed(anyhow::Error::new(err).context("cannot write to the terminal"))
    }
}

/// What the header shows about the prompt being served.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    pub index: usize,
    pub total: usize,
    pub prompt: &'a Prompt,
    pub timed: bool,
    pub time_box: Duration,
}

impl Header<'_> {
    /// "[1/3] troubleshooting · mid · 15 min": where the prompt stands in the session.
    #[must_use]
    pub fn banner(&self) -> String {
        format!(
            "[{}/{}] {} · {} · {}",
            self.index,
            self.total,
            self.prompt.category,
            self.prompt.level,
            plain::minutes_label(self.time_box)
        )
    }
}

/// Who is at the keyboard while a candidate answers, so a screen words its help and its
/// grades for them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Role {
    /// The candidate, answering (typed or aloud) and grading their own answer.
    #[default]
    Candidate,
    /// The interviewer of a mock interview: the candidate answers aloud, the interviewer
    /// may take notes, and grades the candidate.
    Interviewer,
}

/// What an answer phase needs to know.
pub struct AnswerSpec<'a> {
    pub hints: &'a [String],
    /// For scenario prompts: who answers each line, and the timeline.
    pub interviewer: Option<&'a std::cell::RefCell<crate::scenario::Interviewer>>,
    /// For checked coding prompts: runs a `!check CMD` line, returns what to show under it.
    pub check: Option<&'a dyn Fn(&str) -> crate::check::CheckRun>,
    /// Some when timed: the live countdown to show.
    pub countdown: Option<Countdown>,
    pub clock: &'a dyn Clock,
    /// Write the answer in `$EDITOR` instead of the terminal.
    pub editor: bool,
    /// Who types: the candidate, or an interviewer taking notes.
    pub role: Role,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answered {
    pub text: String,
    pub hints_used: u32,
    /// Ctrl-C during the answer: the text so far is kept for the partial attempt.
    pub interrupted: bool,
}

/// The revealed points and the notes shown beside them.
pub struct Reveal<'a> {
    pub heading: &'a str,
    pub points: &'a [String],
    /// Points the user's own words suggest, with the words that matched.
    pub suggested: &'a [crate::grading::Suggested],
    /// Pitfalls or red flags: shown, not ticked.
    pub warnings_heading: &'a str,
    pub warnings: &'a [String],
}

/// One row of the end-of-session summary.
#[derive(Debug, Clone)]
pub struct SummaryRow {
    pub title: String,
    pub time: Duration,
    pub time_box: Duration,
    pub overtime: bool,
    pub covered: usize,
    pub total: usize,
    pub grade: Grade,
}

pub trait Console {
    /// Shows the header and the prompt text.
    ///
    /// # Errors
    /// Output failed.
    fn header(&mut self, header: &Header<'_>) -> Result<(), Stop>;

    /// Silent planning until the countdown ends or the user presses Enter.
    ///
    /// # Errors
    /// Interrupted or output failed.
    fn plan(&mut self, countdown: Countdown, clock: &dyn Clock) -> Result<(), Stop>;

    /// The answer phase: notes (or nothing, when answered aloud), with hints on request.
    ///
    /// # Errors
    /// Interrupted, end of input or output failed.
    fn answer(&mut self, spec: &AnswerSpec<'_>) -> Result<Answered, Stop>;

    /// Reveals the points and asks which were covered (1-based numbers).
    ///
    /// # Errors
    /// Interrupted, end of input or output failed.
    fn points(&mut self, reveal: &Reveal<'_>) -> Result<Vec<u32>, Stop>;

    /// Asks for a grade, starting from the suggestion when there is one.
    ///
    /// # Errors
    /// Interrupted, end of input or output failed.
    fn grade(
        &mut self,
        question: &str,
        suggestion: Option<&crate::grading::GradeSuggestion>,
    ) -> Result<Grade, Stop>;

    /// As [`Console::grade`], asked of `role`: an interviewer grades the candidate, so
    /// the grades are worded for them. The line protocol is the same for both.
    ///
    /// # Errors
    /// Interrupted, end of input or output failed.
    fn grade_as(
        &mut self,
        _role: Role,
        question: &str,
        suggestion: Option<&crate::grading::GradeSuggestion>,
    ) -> Result<Grade, Stop> {
        self.grade(question, suggestion)
    }

    /// Asks for the optional "next time I would ..." note.
    ///
    /// # Errors
    /// Interrupted, end of input or output failed.
    fn note(&mut self) -> Result<String, Stop>;

    /// Shows a follow-up question before its answer phase.
    ///
    /// # Errors
    /// Output failed.
    fn follow_up(
        &mut self,
        index: usize,
        total: usize,
        question: &str,
        time_box: Option<Duration>,
    ) -> Result<(), Stop>;

    /// After Ctrl-C: log the partial attempt?
    ///
    /// # Errors
    /// Interrupted again or output failed.
    fn confirm_partial(&mut self) -> Result<bool, Stop>;

    /// A line of information (hint shown, file saved, ...).
    ///
    /// # Errors
    /// Output failed.
    fn info(&mut self, text: &str) -> Result<(), Stop>;

    /// Asks for one line, such as a lab's answer (one line per try), with the time
    /// left when `countdown` is given. The default shows the question and keeps the
    /// first line of an answer phase; `Plain` reads exactly one line.
    ///
    /// # Errors
    /// Interrupted, end of input or output failed.
    fn ask_line(
        &mut self,
        question: &str,
        countdown: Option<Countdown>,
        clock: &dyn Clock,
    ) -> Result<String, Stop> {
        self.info(question)?;
        let answered = self.answer(&AnswerSpec {
            hints: &[],
            interviewer: None,
            check: None,
            countdown,
            clock,
            editor: false,
            role: Role::Candidate,
        })?;
        if answered.interrupted {
            return Err(Stop::Interrupted);
        }
        Ok(answered.text.lines().next().unwrap_or_default().to_owned())
    }
}

/// The command of a `!check CMD` answer line, if the line is one.
#[must_use]
pub fn check_command(line: &str) -> Option<&str> {
    let rest = line.trim().strip_prefix("!check")?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| rest.trim())
}

/// What the interviewer says, one `prefix`ed line per line of `text`.
#[must_use]
pub fn interviewer_lines(text: &str, prefix: &str) -> Vec<String> {
    text.lines().map(|l| format!("{prefix}{l}")).collect()
}

/// Parses a points line: numbers separated by spaces or commas, `all`, `auto` (the
/// suggested points), or empty.
///
/// # Errors
/// A sentence saying what is wrong with the line.
pub fn parse_points(line: &str, total: usize, suggested: &[u32]) -> Result<Vec<u32>, String> {
    let line = line.trim();
    if line.eq_ignore_ascii_case("all") {
        return Ok((1..=total as u32).collect());
    }
    if line.eq_ignore_ascii_case("auto") {
        return Ok(suggested.to_vec());
    }
    let mut out = Vec::new();
    for word in line.split([' ', ',', '\t']).filter(|w| !w.is_empty()) {
        match word.parse::<u32>() {
            Ok(n) if n >= 1 && (n as usize) <= total => {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
            _ => {
                return Err(format!(
                    "'{word}' is not a point number; give numbers from 1 to {total} (like `1 3`), `all`, `auto` for the suggested ones, or an empty line for none"
                ));
            }
        }
    }
    out.sort_unstable();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::parse_points;

    #[test]
    fn points_lines_accept_spaces_commas_all_and_empty() {
        assert_eq!(parse_points("1 3,4", 5, &[]), Ok(vec![1, 3, 4]));
        assert_eq!(parse_points("3 1 3", 5, &[]), Ok(vec![1, 3]));
        assert_eq!(parse_points("all", 3, &[]), Ok(vec![1, 2, 3]));
        assert_eq!(parse_points("", 3, &[2]), Ok(vec![]));
        assert_eq!(parse_points("AUTO", 3, &[1, 3]), Ok(vec![1, 3]));
        assert!(
            parse_points("6", 5, &[])
                .unwrap_err()
                .contains("from 1 to 5")
        );
        assert!(parse_points("one", 5, &[]).is_err());
        assert!(parse_points("0", 5, &[]).is_err());
    }
}
