//! Asking the person something outside a drill: a line, lines, one of a list, yes or
//! no. [`PlainPrompter`] speaks the line protocol over any reader and writer (pipes,
//! scripts, tests, `TERM=dumb`); [`TermPrompter`] uses dialoguer on stderr, and a menu
//! of our own (`menu.rs`) for one of a list. Which one a command gets is decided by
//! [`prompter`] from the resolved Config.
//!
//! Ctrl-C becomes [`Stop::Interrupted`] here ([`from_dialoguer`], [`from_io`]) and
//! nowhere else. Nothing here decides what a stop means to a command.

use std::io::{self, BufRead, Write};

use ::console::{Key, Term, style};
use dialoguer::theme::Theme;
use dialoguer::{Confirm, Input, MultiSelect};

use super::Stop;

/// One way of asking questions: a terminal with menus, or the plain line protocol.
pub trait Prompter {
    /// True on a terminal (menus, line editing); false for the plain line protocol.
    fn is_terminal(&self) -> bool;

    /// One line. An empty answer is `default` when there is one.
    ///
    /// # Errors
    /// End of input, Ctrl-C, or the terminal failed.
    fn line(&mut self, question: &str, default: Option<&str>) -> Result<String, Stop>;

    /// One line that `check` accepts, asked again with its complaint until it does. A
    /// terminal checks before it shows the answer as accepted.
    ///
    /// # Errors
    /// As [`Prompter::line`].
    fn line_checked(
        &mut self,
        question: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Stop> {
        loop {
            let line = self.line(question, default)?;
            match check(&line) {
                Ok(()) => return Ok(line),
                Err(complaint) => self.complain(&complaint)?,
            }
        }
    }

    /// One of `items`; on a terminal a menu, in plain mode a line (empty for `default`),
    /// which the caller checks.
    ///
    /// # Errors
    /// As [`Prompter::line`].
    fn choose(&mut self, question: &str, items: &[&str], default: usize) -> Result<String, Stop>;

    /// Any number of `items` (indexes from 0, in order), with `ticked` ticked at
    /// first. On a terminal a menu where space ticks; in plain mode one line of
    /// numbers from 1 (`1 3`, `all`, or empty for none), asked again until it reads.
    ///
    /// # Errors
    /// As [`Prompter::line`].
    fn choose_several(
        &mut self,
        question: &str,
        items: &[String],
        ticked: &[bool],
    ) -> Result<Vec<usize>, Stop>;

    /// Lines up to a line `.` (`until_dot`) or an empty line. On a terminal Ctrl-D at
    /// the start of a line ends them too.
    ///
    /// # Errors
    /// As [`Prompter::line`].
    fn lines(&mut self, question: &str, until_dot: bool) -> Result<Vec<String>, Stop>;

    /// Yes or no. In plain mode one line after `question [Y/n]`: `y`/`yes` or `n`/`no`
    /// in any case, anything else (or the end of input) is `default`.
    ///
    /// # Errors
    /// Ctrl-C, or input/output failed.
    fn confirm(&mut self, question: &str, default: bool) -> Result<bool, Stop>;

    /// A complaint about the last answer; the question is asked again.
    ///
    /// # Errors
    /// Output failed.
    fn complain(&mut self, text: &str) -> Result<(), Stop>;

    /// A line of information.
    ///
    /// # Errors
    /// Output failed.
    fn say(&mut self, text: &str) -> Result<(), Stop>;
}

/// The prompter a command should use: the terminal when `terminal` (the Config's
/// decision, narrowed by a command's `--plain`), else the plain protocol on stdin and
/// stderr.
#[must_use]
pub fn prompter(terminal: bool, color: bool) -> Box<dyn Prompter> {
    if terminal {
        Box::new(TermPrompter::new(color))
    } else {
        Box::new(
            PlainPrompter::new(io::stdin().lock(), io::stderr()).with_width(super::stderr_width()),
        )
    }
}

/// dialoguer reports Ctrl-C as an interrupted read.
pub(super) fn from_dialoguer(err: dialoguer::Error) -> Stop {
    let dialoguer::Error::IO(io) = err;
    from_io(io)
}

/// A key read in raw mode reports Ctrl-C as an interrupted read (and raises SIGINT,
/// which the signal watcher in main then leaves to the caller).
pub(super) fn from_io(err: io::Error) -> Stop {
    if err.kind() == io::ErrorKind::Interrupted {
        super::interrupt_handled();
        super::restore_terminal();
        Stop::Interrupted
    } else {
        Stop::Failed(err.into())
    }
}

/// The plain line protocol over any reader and writer. The plain drill console
/// (`console::Plain`) reads and writes through one of these too.
pub struct PlainPrompter<R, W> {
    input: R,
    pub(super) out: W,
    /// The columns of the terminal the writer is, if it is one: what is said is
    /// wrapped to it. A pipe gets every line whole, as the protocol has it.
    width: Option<usize>,
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    pub fn new(input: R, out: W) -> Self {
        Self {
            input,
            out,
            width: None,
        }
    }

    /// Wraps what it writes to `width` columns (the terminal's, when the writer is
    /// one) through [`super::fit::wrap`].
    #[must_use]
    pub fn with_width(mut self, width: Option<usize>) -> Self {
        self.width = width;
        self
    }

    /// The width it wraps to, if any.
    pub(super) fn width(&self) -> Option<usize> {
        self.width
    }

    /// Writes `text` after `label`: wrapped under the label on a terminal, as it is
    /// on a pipe.
    pub(super) fn put(&mut self, label: &str, text: &str) -> std::io::Result<()> {
        match self.width {
            Some(width) => {
                for row in super::fit::wrap(text, width, label) {
                    writeln!(self.out, "{row}")?;
                }
                Ok(())
            }
            None => writeln!(self.out, "{label}{text}"),
        }
    }

    /// A written text (a prompt): its paragraphs wrapped on a terminal, as it is on a
    /// pipe.
    pub(super) fn put_prose(&mut self, text: &str) -> std::io::Result<()> {
        match self.width {
            Some(width) => {
                for row in super::fit::prose(text, width.min(100)) {
                    writeln!(self.out, "{row}")?;
                }
                Ok(())
            }
            None => writeln!(self.out, "{text}"),
        }
    }

    /// The reader and writer back.
    pub fn into_parts(self) -> (R, W) {
        (self.input, self.out)
    }

    /// One line without its line ending; `None` at end of input.
    pub(super) fn read(&mut self) -> Result<Option<String>, Stop> {
        let mut buf = Vec::new();
        let read = self.input.read_until(b'\n', &mut buf).map_err(|err| {
            Stop::Failed(
                anyhow::Error::new(err).context("cannot read the answer from standard input"),
            )
        })?;
        if read == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&buf);
        Ok(Some(text.trim_end_matches(['\n', '\r']).to_owned()))
    }

    /// Writes `question` on a line of its own and flushes it.
    pub(super) fn ask(&mut self, question: &str) -> Result<(), Stop> {
        self.put("", question)?;
        self.out.flush()?;
        Ok(())
    }
}

impl<R: BufRead, W: Write> Prompter for PlainPrompter<R, W> {
    fn is_terminal(&self) -> bool {
        false
    }

    fn line(&mut self, question: &str, default: Option<&str>) -> Result<String, Stop> {
        match default {
            Some(d) => self.ask(&format!("{question} (empty for {d}):"))?,
            None => self.ask(&format!("{question}:"))?,
        }
        let line = self.read()?.ok_or(Stop::EndOfInput)?;
        Ok(match default {
            Some(d) if line.trim().is_empty() => d.to_owned(),
            _ => line,
        })
    }

    fn choose(&mut self, question: &str, items: &[&str], default: usize) -> Result<String, Stop> {
        let fallback = items.get(default).copied();
        self.line(&format!("{question} ({})", items.join(", ")), fallback)
    }

    fn choose_several(
        &mut self,
        question: &str,
        items: &[String],
        _ticked: &[bool],
    ) -> Result<Vec<usize>, Stop> {
        for (i, item) in items.iter().enumerate() {
            self.put("", &format!("  {}. {item}", i + 1))?;
        }
        loop {
            self.ask(&format!(
                "{question} (numbers like `1 3`, `all`, or empty for none):"
            ))?;
            let line = self.read()?.ok_or(Stop::EndOfInput)?;
            match super::parse_points(&line, items.len(), &[]) {
                Ok(points) => return Ok(points.into_iter().map(|p| p as usize - 1).collect()),
                Err(complaint) => self.complain(&complaint)?,
            }
        }
    }

    fn lines(&mut self, question: &str, until_dot: bool) -> Result<Vec<String>, Stop> {
        let how = if until_dot {
            "end with a line `.`"
        } else {
            "one per line; an empty line ends"
        };
        self.ask(&format!("{question} ({how}):"))?;
        let mut lines = Vec::new();
        loop {
            let line = self.read()?.ok_or(Stop::EndOfInput)?;
            if ends_lines(&line, until_dot) {
                return Ok(lines);
            }
            lines.push(line);
        }
    }

    fn confirm(&mut self, question: &str, default: bool) -> Result<bool, Stop> {
        self.ask(&format!(
            "{question} {}",
            if default { "[Y/n]" } else { "[y/N]" }
        ))?;
        let line = self.read()?.unwrap_or_default();
        Ok(match line.trim().to_lowercase().as_str() {
            "y" | "yes" => true,
            "n" | "no" => false,
            _ => default,
        })
    }

    fn complain(&mut self, text: &str) -> Result<(), Stop> {
        self.put("sre-drill: ", text)?;
        Ok(())
    }

    fn say(&mut self, text: &str) -> Result<(), Stop> {
        self.put("", text)?;
        Ok(())
    }
}

fn ends_lines(line: &str, until_dot: bool) -> bool {
    if until_dot {
        line == "."
    } else {
        line.trim().is_empty()
    }
}

/// dialoguer on a real terminal (stderr), lines typed with the terminal's line editing;
/// one of a list is our own menu (`menu.rs`): number keys, no wrapping.
pub struct TermPrompter {
    term: Term,
    theme: Box<dyn Theme>,
    color: bool,
}

impl TermPrompter {
    #[must_use]
    pub fn new(color: bool) -> Self {
        Self {
            term: Term::stderr(),
            theme: super::theme(color),
            color,
        }
    }

    fn paint_dim(&self, text: &str) -> String {
        if self.color {
            style(text).dim().to_string()
        } else {
            text.to_owned()
        }
    }

    /// One typed line; `None` for Ctrl-D at its start. Ctrl-C is an interrupted read.
    fn typed_line(&self) -> io::Result<Option<String>> {
        let mut chars: Vec<char> = Vec::new();
        loop {
            match self.term.read_key()? {
                Key::Char('\u{4}') if chars.is_empty() => {
                    self.term.write_line("")?;
                    return Ok(None);
                }
                Key::Backspace => {
                    if let Some(ch) = chars.pop() {
                        self.term
                            .clear_chars(::console::measure_text_width(&ch.to_string()))?;
                    }
                }
                Key::Char(ch) if !ch.is_control() || ch == '\t' => {
                    chars.push(ch);
                    self.term.write_str(ch.encode_utf8(&mut [0; 4]))?;
                }
                Key::Enter => {
                    self.term.write_line("")?;
                    return Ok(Some(chars.into_iter().collect()));
                }
                _ => {}
            }
            self.term.flush()?;
        }
    }
}

impl Prompter for TermPrompter {
    fn is_terminal(&self) -> bool {
        true
    }

    fn line(&mut self, question: &str, default: Option<&str>) -> Result<String, Stop> {
        self.line_checked(question, default, &|_| Ok(()))
    }

    fn line_checked(
        &mut self,
        question: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Stop> {
        let mut input = Input::<String>::with_theme(self.theme.as_ref())
            .with_prompt(question)
            .allow_empty(true)
            .validate_with(|line: &String| check(line));
        if let Some(d) = default {
            input = input.default(d.to_owned());
        }
        input.interact_text_on(&self.term).map_err(from_dialoguer)
    }

    fn choose(&mut self, question: &str, items: &[&str], default: usize) -> Result<String, Stop> {
        let picked = super::menu::choose(self.theme.as_ref(), question, items, default)?;
        Ok(items.get(picked).copied().unwrap_or_default().to_owned())
    }

    fn choose_several(
        &mut self,
        question: &str,
        items: &[String],
        ticked: &[bool],
    ) -> Result<Vec<usize>, Stop> {
        let mut picked = MultiSelect::with_theme(self.theme.as_ref())
            .with_prompt(question)
            .items(items)
            .defaults(ticked)
            .report(false)
            .interact_on(&self.term)
            .map_err(from_dialoguer)?;
        picked.sort_unstable();
        Ok(picked)
    }

    fn lines(&mut self, question: &str, until_dot: bool) -> Result<Vec<String>, Stop> {
        let (how, prefix) = if until_dot {
            ("end with a line `.` or Ctrl-D", "  ")
        } else {
            ("one per line; an empty line ends", "  - ")
        };
        self.term.write_line(&format!(
            "{question} {}",
            self.paint_dim(&format!("({how})"))
        ))?;
        let mut lines = Vec::new();
        loop {
            self.term.write_str(prefix)?;
            self.term.flush()?;
            match self.typed_line().map_err(from_io)? {
                Some(line) if !ends_lines(&line, until_dot) => lines.push(line),
                _ => return Ok(lines),
            }
        }
    }

    fn confirm(&mut self, question: &str, default: bool) -> Result<bool, Stop> {
        Confirm::with_theme(self.theme.as_ref())
            .with_prompt(question)
            .default(default)
            .interact_on(&self.term)
            .map_err(from_dialoguer)
    }

    fn complain(&mut self, text: &str) -> Result<(), Stop> {
        let width = usize::from(self.term.size().1);
        for row in super::fit::wrap(text, width, "") {
            let row = if self.color {
                style(row).red().to_string()
            } else {
                row
            };
            self.term.write_line(&row)?;
        }
        Ok(())
    }

    fn say(&mut self, text: &str) -> Result<(), Stop> {
        let width = usize::from(self.term.size().1);
        for row in super::fit::wrap(text, width, "") {
            self.term.write_line(&row)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_protocol_reads_lines_and_defaults() {
        let input = "\nx\n.\na\n\n";
        let mut out = Vec::new();
        let mut ask = PlainPrompter::new(input.as_bytes(), &mut out);
        assert_eq!(ask.line("Level", Some("mid")).unwrap(), "mid");
        assert_eq!(ask.lines("Text", true).unwrap(), ["x"]);
        assert_eq!(ask.lines("List", false).unwrap(), ["a"]);
        assert!(matches!(ask.line("More", None), Err(Stop::EndOfInput)));
        let shown = String::from_utf8(out).unwrap();
        assert_eq!(
            shown,
            "Level (empty for mid):\nText (end with a line `.`):\nList (one per line; an empty line ends):\nMore:\n"
        );
    }

    #[test]
    fn a_plain_confirmation_takes_yes_or_no_and_otherwise_the_default() {
        let input = "n\nYES\nwhatever\n";
        let mut out = Vec::new();
        let mut ask = PlainPrompter::new(input.as_bytes(), &mut out);
        assert!(!ask.confirm("Go?", true).unwrap());
        assert!(ask.confirm("Go?", false).unwrap());
        assert!(ask.confirm("Go?", true).unwrap());
        assert!(!ask.confirm("Go?", false).unwrap(), "end of input");
        let shown = String::from_utf8(out).unwrap();
        assert_eq!(shown, "Go? [Y/n]\nGo? [y/N]\nGo? [Y/n]\nGo? [y/N]\n");
    }

    #[test]
    fn a_checked_line_is_asked_again_with_the_complaint() {
        let input = "x\nok\n";
        let mut out = Vec::new();
        let mut ask = PlainPrompter::new(input.as_bytes(), &mut out);
        let check = |l: &str| {
            if l == "ok" {
                Ok(())
            } else {
                Err(format!("'{l}' is not ok"))
            }
        };
        assert_eq!(ask.line_checked("Say ok", None, &check).unwrap(), "ok");
        let shown = String::from_utf8(out).unwrap();
        assert_eq!(shown, "Say ok:\nsre-drill: 'x' is not ok\nSay ok:\n");
    }

    #[test]
    fn several_are_chosen_in_plain_mode_by_number_and_a_bad_line_is_asked_again() {
        let input = "4\n3 1\n\n";
        let mut out = Vec::new();
        let mut ask = PlainPrompter::new(input.as_bytes(), &mut out);
        let items = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(ask.choose_several("Which", &items, &[]).unwrap(), [0, 2]);
        assert!(
            ask.choose_several("Which", &items[..1], &[])
                .unwrap()
                .is_empty()
        );
        let shown = String::from_utf8(out).unwrap();
        let question = "Which (numbers like `1 3`, `all`, or empty for none):";
        assert_eq!(
            shown,
            format!(
                "  1. a\n  2. b\n  3. c\n{question}\nsre-drill: {}\n{question}\n  1. a\n{question}\n",
                super::super::parse_points("4", 3, &[]).unwrap_err()
            )
        );
    }
}
