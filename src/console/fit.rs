//! Text sized to the terminal: status lines that never wrap, and prose wrapped to the
//! width. Pure functions of text and a width; nothing here writes to the terminal.

use ::console::{measure_text_width, truncate_str};

/// Columns a status line may use: one less than the width, so the cursor never
/// reaches the last column (where terminals wrap and `\r` no longer returns to the
/// start of the line).
#[must_use]
pub fn room(width: usize) -> usize {
    width.saturating_sub(1).max(1)
}

/// The first of `variants` (longest first) that fits in `width` columns, or the last
/// one cut to fit with an ellipsis.
#[must_use]
pub fn fit(variants: &[&str], width: usize) -> String {
    let room = room(width);
    for v in variants {
        if measure_text_width(v) <= room {
            return (*v).to_owned();
        }
    }
    let last = variants.last().copied().unwrap_or_default();
    truncate_str(last, room, "…").into_owned()
}

/// How many rows a line `len` columns wide takes in a terminal `width` wide.
#[must_use]
pub fn rows(len: usize, width: usize) -> usize {
    if width == 0 || len == 0 {
        1
    } else {
        len.div_ceil(width)
    }
}

/// A status line drawn in place: what it takes to erase it before the next draw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drawn {
    len: usize,
    width: usize,
}

impl Drawn {
    /// A line of `text` (styles ignored) drawn on a terminal `width` wide.
    #[must_use]
    pub fn new(text: &str, width: usize) -> Self {
        Self {
            len: measure_text_width(text),
            width,
        }
    }

    /// The escape codes that erase the line now that the terminal is `width` wide,
    /// leaving the cursor at its start. A terminal that narrowed has reflowed the line
    /// onto more rows, with the cursor on the last of them: go up to the first and
    /// clear to the end of the screen.
    #[must_use]
    pub fn erase_at(self, width: usize) -> String {
        let before = rows(self.len, self.width);
        let now = rows(self.len, width);
        if now > before {
            format!("\x1b[{}A\r\x1b[J", now - before)
        } else {
            "\r\x1b[2K".to_owned()
        }
    }

    /// Whether the line needs more rows at `width` than it had when drawn.
    #[must_use]
    pub fn reflowed_at(self, width: usize) -> bool {
        rows(self.len, width) > rows(self.len, self.width)
    }
}

/// The planning line, shortened for narrow terminals.
#[must_use]
pub fn plan_line(left: &str, width: usize) -> String {
    fit(
        &[
            &format!("Plan in silence: {left} left. Press Enter to start answering."),
            &format!("Plan in silence: {left} left. Enter to answer."),
            &format!("Plan: {left} left · Enter to answer"),
            &format!("{left} left · Enter"),
            &format!("{left} left"),
        ],
        width,
    )
}

/// The countdown face and the tail of the line being typed, fitted to `width`:
/// returns the face (cut if even it does not fit) and the typed text to show after
/// ` > ` (empty when there is no room for it).
#[must_use]
pub fn status_parts(face: &str, typed: &str, width: usize) -> (String, Option<String>) {
    let room = room(width);
    let face_len = measure_text_width(face);
    if face_len + 3 >= room {
        return (truncate_str(face, room, "…").into_owned(), None);
    }
    (face.to_owned(), Some(tail(typed, room - face_len - 3)))
}

/// The end of `text` that fits in `width` columns, with an ellipsis in front when cut.
#[must_use]
pub fn tail(text: &str, width: usize) -> String {
    if measure_text_width(text) <= width {
        return text.to_owned();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1; // the ellipsis
    for c in text.chars().rev() {
        let w = measure_text_width(c.encode_utf8(&mut [0; 4]));
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    kept.reverse();
    format!("…{}", kept.into_iter().collect::<String>())
}

/// One line of output wrapped to `width` columns with a hanging indent: continuation
/// lines start under the text after the line's own indent and its marker (`1. `, `- `,
/// or a first word followed by two or more spaces, as in `found   df`). A line that
/// fits is returned as it is.
#[must_use]
pub fn hanging(line: &str, width: usize) -> Vec<String> {
    hanging_with(line, width, textwrap::WordSplitter::HyphenSplitter)
}

/// [`hanging`] for report-like prose full of dates, ids and commands: lines break only
/// at spaces, never at the hyphens inside `2026-11-02` or `ts-disk-full` (a word longer
/// than the whole line is still cut).
#[must_use]
pub fn hanging_at_spaces(line: &str, width: usize) -> Vec<String> {
    hanging_with(line, width, textwrap::WordSplitter::NoHyphenation)
}

fn hanging_with(line: &str, width: usize, splitter: textwrap::WordSplitter) -> Vec<String> {
    let width = width.max(20);
    if measure_text_width(line) <= width {
        return vec![line.to_owned()];
    }
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let hang = " ".repeat((indent + output_marker(rest)).min(width / 2));
    let options = textwrap::Options::new(width)
        .subsequent_indent(&hang)
        .break_words(true)
        .word_splitter(splitter);
    textwrap::wrap(line, options)
        .into_iter()
        .map(String::from)
        .collect()
}

/// Text whose line breaks mean something (command output, a colleague's lines), never
/// joined across lines: each line wraps to `width` at spaces, never inside a word (a
/// row of output keeps every field, so a file name at its end stays readable); a single
/// word longer than the whole line is cut with `…`.
#[must_use]
pub fn as_written(text: &str, width: usize) -> Vec<String> {
    let width = width.max(10);
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            out.push(String::new());
            continue;
        }
        let options = textwrap::Options::new(width)
            .break_words(false)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for piece in textwrap::wrap(line, options) {
            // A single word longer than the line (a long path) is cut, not split.
            if measure_text_width(&piece) > width {
                out.push(cut(&piece, width));
            } else {
                out.push(piece.into_owned());
            }
        }
    }
    out
}

/// `line` cut to `width` columns, ending in `…` when something was cut.
fn cut(line: &str, width: usize) -> String {
    truncate_str(line, width, "…").into_owned()
}

/// The hanging indent of a line of output: a list marker (`12. `, `- `), or a first
/// word followed by two or more spaces; 0 when there is none.
fn output_marker(text: &str) -> usize {
    if let Some(width) = list_marker(text) {
        return width;
    }
    let word = text
        .bytes()
        .take_while(|b| !b.is_ascii_whitespace())
        .count();
    let spaces = text[word..].bytes().take_while(|b| *b == b' ').count();
    if word > 0 && spaces >= 2 {
        word + spaces
    } else {
        0
    }
}

/// Prose wrapped to `width` columns: lines of a paragraph are joined and re-wrapped
/// (the source's line breaks are not the reader's); blank lines stay; indented lines,
/// fenced blocks and `$ ` commands are kept as written (command output and code); a
/// list item (`- `, `* `, `1. `) starts a new paragraph with a hanging indent.
#[must_use]
pub fn prose(text: &str, width: usize) -> Vec<String> {
    let width = width.max(10);
    let mut out = Vec::new();
    let mut para = String::new();
    let mut hang = 0;
    let mut fenced = false;
    let flush = |para: &mut String, hang: usize, out: &mut Vec<String>| {
        if para.is_empty() {
            return;
        }
        let indent = " ".repeat(hang);
        let options = textwrap::Options::new(width)
            .subsequent_indent(&indent)
            .break_words(true);
        out.extend(textwrap::wrap(para, options).into_iter().map(String::from));
        para.clear();
    };
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            flush(&mut para, hang, &mut out);
            fenced = !fenced;
            out.push(line.trim_end().to_owned());
            continue;
        }
        if fenced || line.starts_with(char::is_whitespace) && !trimmed.is_empty() {
            flush(&mut para, hang, &mut out);
            out.push(line.trim_end().to_owned());
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut para, hang, &mut out);
            out.push(String::new());
            continue;
        }
        if line.starts_with("$ ") {
            flush(&mut para, hang, &mut out);
            out.push(line.trim_end().to_owned());
            continue;
        }
        if let Some(marker) = list_marker(line) {
            flush(&mut para, hang, &mut out);
            hang = marker;
        } else if para.is_empty() {
            hang = 0;
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(line.trim_end());
    }
    flush(&mut para, hang, &mut out);
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// The width of a list item's marker and its space, if `line` starts a list item.
fn list_marker(line: &str) -> Option<usize> {
    for bullet in ["- ", "* ", "• "] {
        if line.starts_with(bullet) {
            return Some(bullet.chars().count());
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")) {
        return Some(digits + 2);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_prose_breaks_at_spaces_not_inside_dates_or_ids() {
        let line =
            "96 attempts, over the last 4 weeks (since 2026-11-02; ts-disk-full-at-night first)";
        for width in 20..line.len() {
            for piece in hanging_at_spaces(line, width) {
                assert!(!piece.ends_with('-'), "{width}: {piece:?}");
                assert!(
                    measure_text_width(&piece) <= width.max(20),
                    "{width}: {piece:?}"
                );
            }
        }
        assert!(
            hanging(line, 48).iter().any(|p| p.ends_with('-')),
            "the other one does"
        );
    }

    #[test]
    fn command_output_keeps_its_lines() {
        let output = "COMMAND  PID USER\nwebapp  2143 www-data\n";
        assert_eq!(
            as_written(output, 60),
            vec!["COMMAND  PID USER", "webapp  2143 www-data"]
        );
        let long = as_written("a-very-long-unbroken-path/var/log/webapp/app.log", 20);
        assert_eq!(long.len(), 1, "{long:?}");
        assert!(
            long[0].ends_with('…') && measure_text_width(&long[0]) <= 20,
            "{long:?}"
        );
        // A long row of output wraps at a space and keeps every field.
        let row = as_written(
            "webapp  2143 www-data  7w   REG    8,1 32212254720     0  /var/log/app.log (deleted)",
            60,
        );
        assert_eq!(row.len(), 2, "{row:?}");
        assert!(row[1].ends_with("(deleted)"), "{row:?}");
    }

    #[test]
    fn a_prose_reply_wraps_at_words_never_inside_one() {
        let reply = "The kubelet forwards signals to the container runtime, which decides what happens next.";
        let lines = as_written(reply, 30);
        assert!(lines.len() > 1, "{lines:?}");
        let words: Vec<&str> = reply.split(' ').collect();
        for l in &lines {
            for w in l.split(' ') {
                assert!(words.contains(&w), "a word was split: {w:?} in {lines:?}");
            }
        }
    }

    #[test]
    fn a_long_debrief_line_wraps_under_its_text_not_under_its_number() {
        let line =
            "  2. dns-lookup: ;; connection timed out; no servers could be reached at 10.0.0.2";
        let wrapped = hanging(line, 40);
        assert!(wrapped.len() > 1, "{wrapped:?}");
        assert!(
            wrapped.iter().all(|l| measure_text_width(l) <= 40),
            "{wrapped:?}"
        );
        assert!(wrapped[0].starts_with("  2. dns-lookup:"));
        for l in &wrapped[1..] {
            assert!(
                l.starts_with("     ") && !l.starts_with("      "),
                "hang of 5: {l:?}"
            );
        }
        let missed = hanging(
            "  missed  dns (ask like: what does the resolver say for the name)",
            30,
        );
        assert!(missed[1].starts_with("          "), "{missed:?}");
        assert_eq!(hanging("short line", 40), vec!["short line"]);
    }

    #[test]
    fn the_plan_line_shortens_then_truncates_and_never_reaches_the_last_column() {
        for width in 1..=120 {
            let line = plan_line("1:30", width);
            assert!(measure_text_width(&line) < width.max(2), "{width}: {line}");
        }
        assert_eq!(
            plan_line("1:30", 80),
            "Plan in silence: 1:30 left. Press Enter to start answering."
        );
        assert_eq!(plan_line("1:30", 40), "Plan: 1:30 left · Enter to answer");
        assert_eq!(plan_line("1:30", 12), "1:30 left");
        assert_eq!(plan_line("1:30", 6), "1:30…");
    }

    #[test]
    fn the_status_line_fits_any_width() {
        let face = " 12:00 left ";
        for width in 1..=100 {
            let (f, typed) = status_parts(face, "kubectl get pods -n payments", width);
            let len = measure_text_width(&f) + typed.map_or(0, |t| 3 + measure_text_width(&t));
            assert!(len < width.max(2), "{width}: {len}");
        }
        assert_eq!(
            status_parts(face, "kubectl get pods", 40),
            (face.to_owned(), Some("kubectl get pods".to_owned()))
        );
        assert_eq!(
            status_parts(face, "kubectl get pods", 24),
            (face.to_owned(), Some("…et pods".to_owned()))
        );
        assert_eq!(status_parts(face, "x", 10), (" 12:00 l…".to_owned(), None));
    }

    #[test]
    fn the_typed_line_shows_its_tail_when_too_long() {
        assert_eq!(tail("hello", 10), "hello");
        assert_eq!(tail("hello world", 6), "…world");
    }

    #[test]
    fn rows_count_the_wrapped_rows_of_a_line() {
        assert_eq!(rows(58, 80), 1);
        assert_eq!(rows(58, 50), 2);
        assert_eq!(rows(100, 50), 2);
        assert_eq!(rows(0, 50), 1);
    }

    #[test]
    fn a_line_is_erased_in_place_and_from_its_first_row_after_the_terminal_narrows() {
        let line = plan_line("1:30", 80);
        let drawn = Drawn::new(&line, 80);
        assert_eq!(drawn.erase_at(80), "\r\x1b[2K");
        assert_eq!(drawn.erase_at(120), "\r\x1b[2K");
        assert_eq!(drawn.erase_at(50), "\x1b[1A\r\x1b[J");
        assert_eq!(drawn.erase_at(20), "\x1b[2A\r\x1b[J");
        assert!(drawn.reflowed_at(50));
        assert!(!drawn.reflowed_at(60));
        assert_eq!(Drawn::default().erase_at(40), "\r\x1b[2K");
    }

    #[test]
    fn prose_joins_source_lines_and_rewraps_them() {
        let text =
            "A service looks up account metadata from a slow API\nthousands of times a second.";
        assert_eq!(
            prose(text, 40),
            [
                "A service looks up account metadata from",
                "a slow API thousands of times a second.",
            ]
        );
    }

    #[test]
    fn prose_keeps_blank_lines_code_and_command_output() {
        let text = "Run this:\n\n    $ df -h /var\n    /dev/sda1  100G  100G  0 100% /var\n$ uptime\nThen tell me what you see in the output above.";
        assert_eq!(
            prose(text, 20),
            [
                "Run this:",
                "",
                "    $ df -h /var",
                "    /dev/sda1  100G  100G  0 100% /var",
                "$ uptime",
                "Then tell me what",
                "you see in the",
                "output above.",
            ]
        );
        let fenced = "```\nlong line of code that must stay\n```";
        assert_eq!(
            prose(fenced, 10),
            ["```", "long line of code that must stay", "```"]
        );
    }

    #[test]
    fn prose_never_breaks_a_word_that_fits_and_hangs_list_items() {
        let text = "- checks the error budget before the rollout\n- names the rollback";
        assert_eq!(
            prose(text, 24),
            [
                "- checks the error",
                "  budget before the",
                "  rollout",
                "- names the rollback",
            ]
        );
        for line in prose("reliability reliability reliability", 15) {
            assert!(line == "reliability" || line.is_empty(), "{line}");
        }
    }
}
