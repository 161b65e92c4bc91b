//! One of a list on the real terminal: the menu behind [`super::TermPrompter`]'s
//! `choose`, drawn in dialoguer's look (the theme's prompt, items and answer line) but
//! with keys of our own. Up/Down (k/j, Tab/Shift-Tab) move and stop at the first and
//! last item instead of wrapping, Home/End jump there, a digit 1-9 moves to that item
//! (lists of up to nine), and Enter confirms.
//!
//! The menu reads keys with crossterm in raw mode behind the same guard as the answer
//! phase, so the terminal is put back on every way out: an answer, an error, Ctrl-C, a
//! panic. Ctrl-C, a key in raw mode, does what the `console` crate's menus did: it
//! raises SIGINT and becomes an interrupted read, which [`from_io`] turns into
//! [`Stop::Interrupted`] and marks as handled for the signal watcher in main.

use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use dialoguer::theme::Theme;

use super::Stop;
use super::prompter::from_io;
use super::terminal::RawMode;

/// What a key does to a menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The cursor goes to this item (perhaps the one it is on).
    To(usize),
    Confirm,
    Interrupt,
    Ignore,
}

/// What `key` does to a menu of `len` items with the cursor on `at`.
fn step(key: KeyEvent, at: usize, len: usize) -> Step {
    if key.kind == KeyEventKind::Release {
        return Step::Ignore;
    }
    let last = len.saturating_sub(1);
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c') if ctrl => Step::Interrupt,
        KeyCode::Char(_) if ctrl => Step::Ignore,
        KeyCode::Up | KeyCode::BackTab | KeyCode::Char('k') => Step::To(at.saturating_sub(1)),
        KeyCode::Down | KeyCode::Tab | KeyCode::Char('j') => Step::To((at + 1).min(last)),
        KeyCode::Home => Step::To(0),
        KeyCode::End => Step::To(last),
        KeyCode::Char(digit @ '1'..='9') if len <= 9 => {
            let n = digit as usize - '0' as usize;
            if n <= len {
                Step::To(n - 1)
            } else {
                Step::Ignore
            }
        }
        KeyCode::Enter => Step::Confirm,
        _ => Step::Ignore,
    }
}

/// The first item shown when `room` items fit and the cursor is on `at`: the window
/// that started at `top` moves only as far as it must to keep the cursor in it.
fn scrolled(top: usize, at: usize, room: usize, len: usize) -> usize {
    let room = room.max(1);
    let top = if at < top {
        at
    } else if at >= top + room {
        at + 1 - room
    } else {
        top
    };
    top.min(len.saturating_sub(room))
}

/// The menu's lines: the question, then the items from `top` that fit in `room`, the
/// one at `at` marked. A menu that does not fit says where the cursor is.
fn frame(
    theme: &dyn Theme,
    question: &str,
    items: &[&str],
    at: usize,
    top: usize,
    room: usize,
) -> Vec<String> {
    let mut prompt = String::new();
    let _ = theme.format_select_prompt(&mut prompt, question);
    if items.len() > room {
        let _ = write!(prompt, " [{}/{}]", at + 1, items.len());
    }
    let mut lines = vec![prompt];
    for (i, item) in items.iter().enumerate().skip(top).take(room) {
        let mut line = String::new();
        let _ = theme.format_select_prompt_item(&mut line, item, i == at);
        lines.push(line);
    }
    lines
}

/// The rows `lines` take on a terminal `width` columns wide.
fn rows(lines: &[String], width: usize) -> usize {
    let width = width.max(1);
    lines
        .iter()
        .flat_map(|l| l.split('\n'))
        .map(|l| ::console::measure_text_width(l).div_ceil(width).max(1))
        .sum()
}

/// Writes `lines` in raw mode (each newline with a carriage return), leaving the
/// cursor at the end of the last one.
fn put(out: &mut impl Write, lines: &[String]) -> io::Result<()> {
    out.write_all(lines.join("\n").replace('\n', "\r\n").as_bytes())
}

/// Erases what took `rows` rows, the cursor being on the last of them, and leaves the
/// cursor where the first began.
fn erase(out: &mut impl Write, rows: usize) -> io::Result<()> {
    if rows == 0 {
        return Ok(());
    }
    out.write_all(b"\r")?;
    if rows > 1 {
        write!(out, "\x1b[{}A", rows - 1)?;
    }
    out.write_all(b"\x1b[J")
}

/// The cursor hidden for as long as it lives.
struct HiddenCursor;

impl HiddenCursor {
    fn on() -> io::Result<Self> {
        crossterm::execute!(io::stderr(), crossterm::cursor::Hide)?;
        Ok(HiddenCursor)
    }
}

impl Drop for HiddenCursor {
    fn drop(&mut self) {
        let _ = crossterm::execute!(io::stderr(), crossterm::cursor::Show);
    }
}

/// Drops the keys crossterm has already read past the one that ended the menu. The
/// next question reads the terminal through the `console` crate and would never see
/// them; kept, they would reach the next crossterm reader (a planning phase, an answer)
/// as keys nobody meant for it.
fn drop_type_ahead() {
    while event::poll(Duration::ZERO).unwrap_or(false) {
        if event::read().is_err() {
            break;
        }
    }
}

/// Asks `question` with a menu of `items` on stderr, the cursor on `default` at first,
/// and returns the index picked. After Enter the menu gives way to one line with the
/// question and the answer.
///
/// # Errors
/// Ctrl-C ([`Stop::Interrupted`]), no terminal or no items, or the terminal failed.
pub(super) fn choose(
    theme: &dyn Theme,
    question: &str,
    items: &[&str],
    default: usize,
) -> Result<usize, Stop> {
    if !io::stderr().is_terminal() {
        return Err(from_io(io::Error::new(
            io::ErrorKind::NotConnected,
            "not a terminal",
        )));
    }
    if items.is_empty() {
        return Err(Stop::Failed(anyhow::anyhow!(
            "a menu needs at least one item: {question}"
        )));
    }
    let mut at = default.min(items.len() - 1);
    let mut top = 0;
    let mut drawn = 0;
    let mut out = io::stderr();
    let raw = RawMode::on().map_err(from_io)?;
    let cursor = HiddenCursor::on().map_err(from_io)?;
    loop {
        let (height, width) = crossterm::terminal::size().map_or((24, 80), |(w, h)| (h, w));
        let (height, width) = (usize::from(height), usize::from(width));
        // The question's line, and one spare row so the menu never scrolls itself.
        let room = height.saturating_sub(2).max(1);
        top = scrolled(top, at, room, items.len());
        // One row each, cut with `…` rather than wrapped by the terminal mid-word.
        let lines: Vec<String> = frame(theme, question, items, at, top, room)
            .iter()
            .map(|l| super::fit::fit(&[l], width))
            .collect();
        erase(&mut out, drawn)?;
        put(&mut out, &lines)?;
        out.flush()?;
        drawn = rows(&lines, width);
        let key = match event::read().map_err(from_io)? {
            Event::Key(key) => step(key, at, items.len()),
            _ => Step::Ignore,
        };
        match key {
            Step::To(to) => at = to,
            Step::Ignore => {}
            Step::Confirm => {
                let mut answer = String::new();
                let _ = theme.format_select_prompt_selection(&mut answer, question, items[at]);
                let answer = super::fit::fit(&[&answer], width);
                erase(&mut out, drawn)?;
                put(&mut out, &[answer, String::new()])?;
                out.flush()?;
                drop_type_ahead();
                return Ok(at);
            }
            Step::Interrupt => {
                // The menu stays on screen; what comes next starts on a line of its own.
                put(&mut out, &[String::new(), String::new()])?;
                out.flush()?;
                drop_type_ahead();
                drop(cursor);
                drop(raw);
                let _ = signal_hook::low_level::raise(signal_hook::consts::SIGINT);
                return Err(from_io(io::ErrorKind::Interrupted.into()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dialoguer::theme::SimpleTheme;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn the_cursor_stops_at_either_end_instead_of_wrapping() {
        assert_eq!(step(key(KeyCode::Down), 3, 4), Step::To(3));
        assert_eq!(step(key(KeyCode::Char('j')), 3, 4), Step::To(3));
        assert_eq!(step(key(KeyCode::Tab), 3, 4), Step::To(3));
        assert_eq!(step(key(KeyCode::Up), 0, 4), Step::To(0));
        assert_eq!(step(key(KeyCode::Char('k')), 0, 4), Step::To(0));
        assert_eq!(step(key(KeyCode::BackTab), 0, 4), Step::To(0));
        assert_eq!(step(key(KeyCode::Down), 1, 4), Step::To(2));
        assert_eq!(step(key(KeyCode::Up), 2, 4), Step::To(1));
        assert_eq!(step(key(KeyCode::Home), 2, 4), Step::To(0));
        assert_eq!(step(key(KeyCode::End), 0, 4), Step::To(3));
    }

    #[test]
    fn a_digit_moves_to_that_item_without_confirming_it() {
        assert_eq!(step(key(KeyCode::Char('3')), 0, 4), Step::To(2));
        assert_eq!(step(key(KeyCode::Char('1')), 3, 4), Step::To(0));
        assert_eq!(step(key(KeyCode::Char('5')), 0, 4), Step::Ignore);
        assert_eq!(step(key(KeyCode::Char('0')), 0, 4), Step::Ignore);
        assert_eq!(step(key(KeyCode::Char('9')), 0, 9), Step::To(8));
        assert_eq!(
            step(key(KeyCode::Char('2')), 0, 12),
            Step::Ignore,
            "past nine items a digit would be ambiguous"
        );
        assert_eq!(step(key(KeyCode::Enter), 2, 4), Step::Confirm);
        assert_eq!(step(key(KeyCode::Char(' ')), 2, 4), Step::Ignore);
    }

    #[test]
    fn ctrl_c_interrupts_and_released_keys_do_nothing() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(step(ctrl_c, 1, 4), Step::Interrupt);
        let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        assert_eq!(step(ctrl_j, 1, 4), Step::Ignore);
        let mut released = key(KeyCode::Down);
        released.kind = KeyEventKind::Release;
        assert_eq!(step(released, 1, 4), Step::Ignore);
    }

    #[test]
    fn a_long_list_scrolls_only_as_far_as_the_cursor_needs() {
        assert_eq!(scrolled(0, 2, 5, 20), 0);
        assert_eq!(scrolled(0, 5, 5, 20), 1);
        assert_eq!(scrolled(4, 2, 5, 20), 2);
        assert_eq!(scrolled(0, 19, 5, 20), 15);
        assert_eq!(scrolled(3, 1, 10, 4), 0, "everything fits");
    }

    #[test]
    fn the_frame_is_the_themes_prompt_then_its_items() {
        let items = ["1 Again", "2 Hard", "3 Good", "4 Easy"];
        assert_eq!(
            frame(&SimpleTheme, "Grade", &items, 2, 0, 10),
            ["Grade:", "  1 Again", "  2 Hard", "> 3 Good", "  4 Easy"]
        );
        assert_eq!(
            frame(&SimpleTheme, "Grade", &items, 3, 2, 2),
            ["Grade: [4/4]", "  3 Good", "> 4 Easy"]
        );
    }

    #[test]
    fn rows_count_wrapped_lines_and_ignore_colours() {
        let lines = [
            "\x1b[32mabc\x1b[0m".to_owned(),
            "x".repeat(25),
            String::new(),
        ];
        assert_eq!(rows(&lines, 10), 1 + 3 + 1);
        assert_eq!(rows(&["x".repeat(10)], 10), 1, "a full row does not wrap");
    }

    #[test]
    fn erasing_goes_back_to_the_first_row_and_clears_below() {
        let mut out = Vec::new();
        erase(&mut out, 3).unwrap();
        assert_eq!(out, b"\r\x1b[2A\x1b[J");
        let mut out = Vec::new();
        erase(&mut out, 0).unwrap();
        assert!(out.is_empty());
    }
}
