//! Text sized to the terminal: status lines that never wrap, and every prose text
//! wrapped to the width at words ([`wrap`]). Pure functions of text and a width;
//! nothing here writes to the terminal.

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

/// Rows narrower than this beside a label start on the row below it instead.
const MIN_ROOM: usize = 10;

/// Every text shown as prose goes through here: `text` fitted to `width` columns, its
/// first row after `label` (`"  interviewer: "`, `"  │ "`, or `""`), every later row
/// under the label: a hanging indent of the label's width (at most half the width; a
/// label that leaves less than ten columns gets a row of its own, cut with `…`).
///
/// Prose wraps at spaces and only there: never inside a word, a date (`2026-11-02`),
/// an id (`ts-disk-full`), a path or a URL. A word longer than the room gets a row of
/// its own and is cut with `…`. Widths are display columns: a wide character counts
/// two, a colour code none. Tabs become spaces to the next multiple of eight.
///
/// Which text is prose and which is pre-formatted:
/// - A text of one line is prose, however it is spaced: a title, a hint, a rubric
///   point, a one-line reply, a line the candidate typed.
/// - A text of several lines is pre-formatted (a reply or a model-path item with
///   command output, a log, a table, a config file): its line breaks are its writer's,
///   so its rows are kept one by one, never joined or reflowed into each other (a
///   trailing line break, as YAML's `|` leaves, does not count).
/// - In it, a row laid out in columns (past its marker, three or more spaces between
///   two words, or two after anything but `.`, `,`, `;`, `:`, `!` or `?`) is kept as
///   written. When such a row is too wide to stand beside the label, the label takes
///   a row of its own and the text starts under it, two columns in from the label's
///   own indent, so a table gets nearly the whole width. A row still too wide folds
///   at spaces like any other: its columns no longer line up, but nothing in it is
///   hidden (a prompt's table may hold the one figure the answer turns on).
/// - Any other row of it (a sentence, a log line, a command) has no columns to keep,
///   and what it says is often the evidence itself ("16-20 replicas at night", "grows
///   again until rotation is fixed"): it folds at spaces, its continuation rows two
///   columns further in than the row, so it still reads as one row.
/// - A row's own indent and marker say where its continuation rows start: after a
///   list marker (`- `, `* `, `• `, `1. `, `2) `) or a first word followed by two or
///   more spaces (`found   app-errors`, `missed  dns`), under the text that follows.
///
/// Blank rows are kept; trailing spaces and trailing blank rows are not.
#[must_use]
pub fn wrap(text: &str, width: usize, label: &str) -> Vec<String> {
    let width = width.max(2);
    let rows = rows_of(text);
    let several = rows.len() > 1;
    let label_w = measure_text_width(label);
    let mut base = label_w.min(width / 2);
    let mut out = Vec::new();
    // A table too wide to stand beside the label gets the width under it instead.
    let table_below = several
        && !label.trim().is_empty()
        && rows
            .iter()
            .any(|row| in_columns(&row[lead_of(row)..]) && measure_text_width(row) > width - base);
    let mut first = if table_below || label_w + MIN_ROOM > width {
        out.push(cut(label.trim_end(), width));
        if table_below {
            base = (indent_of(label) + 2).min(width / 2);
        }
        " ".repeat(base)
    } else {
        label.to_owned()
    };
    let pad = " ".repeat(base);
    for row in &rows {
        let prefix = std::mem::replace(&mut first, pad.clone());
        let room = width - measure_text_width(&prefix);
        if row.is_empty() {
            out.push(prefix.trim_end().to_owned());
            continue;
        }
        let mut lead = lead_of(row);
        if several && in_columns(&row[lead..]) {
            if measure_text_width(row) <= room {
                out.push(format!("{prefix}{row}"));
                continue;
            }
            // Folded, a row of columns continues just inside its own indent: its
            // first word is a cell, not a marker to hang under.
            lead = indent_of(row);
        }
        let lead_w = measure_text_width(&row[..lead]);
        let hang = if several && lead_w == indent_of(row) {
            lead_w + 2
        } else {
            lead_w
        };
        for (i, piece) in fold(row, lead, room, hang.min(room / 3))
            .into_iter()
            .enumerate()
        {
            let prefix = if i == 0 { &prefix } else { &pad };
            out.push(format!("{prefix}{piece}").trim_end().to_owned());
        }
    }
    out
}

/// The rows of `text`: tabs expanded, trailing spaces and trailing blank rows dropped.
fn rows_of(text: &str) -> Vec<String> {
    let mut rows: Vec<String> = text
        .lines()
        .map(|line| {
            let mut row = String::new();
            let mut col = 0;
            for c in line.chars() {
                if c == '\t' {
                    let next = (col / 8 + 1) * 8;
                    row.extend(std::iter::repeat_n(' ', next - col));
                    col = next;
                } else {
                    row.push(c);
                    col += measure_text_width(c.encode_utf8(&mut [0; 4]));
                }
            }
            row.trim_end().to_owned()
        })
        .collect();
    while rows.len() > 1 && rows.last().is_some_and(String::is_empty) {
        rows.pop();
    }
    if rows.is_empty() {
        rows.push(String::new());
    }
    rows
}

/// The spaces a row starts with.
fn indent_of(row: &str) -> usize {
    row.len() - row.trim_start_matches(' ').len()
}

/// The byte length of a row's indent and marker: where the text that continuation rows
/// hang under starts.
fn lead_of(row: &str) -> usize {
    let indent = indent_of(row);
    let rest = &row[indent..];
    if let Some(marker) = list_marker(rest) {
        return indent + marker;
    }
    let word = rest.find(' ').unwrap_or(rest.len());
    let spaces = rest[word..].len() - rest[word..].trim_start_matches(' ').len();
    if word > 0 && spaces >= 2 && word + spaces < rest.len() {
        indent + word + spaces
    } else {
        indent
    }
}

/// Whether `text` is laid out in columns: three or more spaces between two words, or
/// two after anything but punctuation (two spaces after a full stop are a typing
/// habit, not a column).
fn in_columns(text: &str) -> bool {
    let mut rest = text.trim();
    while let Some(at) = rest.find("  ") {
        let before = rest[..at].chars().last();
        let run = rest[at..].len() - rest[at..].trim_start_matches(' ').len();
        if run >= 3 || !matches!(before, Some('.' | ',' | ';' | ':' | '!' | '?')) {
            return true;
        }
        rest = &rest[at + run..];
    }
    false
}

/// One row folded at spaces to `room` columns: the first piece keeps the row's indent
/// and marker (its first `lead` bytes), the rest start `hang` columns in. A row that
/// fits comes back as it is.
fn fold(row: &str, lead: usize, room: usize, hang: usize) -> Vec<String> {
    if measure_text_width(row) <= room {
        return vec![row.to_owned()];
    }
    let mut pieces = Vec::new();
    let mut line = row[..lead].to_owned();
    let mut used = measure_text_width(&line);
    let mut empty = true;
    let mut gap = "";
    let mut rest = &row[lead..];
    while !rest.is_empty() {
        let end = rest.find(' ').unwrap_or(rest.len());
        let word = &rest[..end];
        let after = rest[end..].len() - rest[end..].trim_start_matches(' ').len();
        let spaces = &rest[end..end + after];
        rest = &rest[end + after..];
        let w = measure_text_width(word);
        let g = if empty { 0 } else { gap.len() };
        if used + g + w <= room {
            if !empty {
                line.push_str(gap);
            }
            line.push_str(word);
            used += g + w;
        } else {
            if !empty {
                pieces.push(std::mem::take(&mut line));
                line = " ".repeat(hang);
                used = hang;
            }
            if used + w <= room {
                line.push_str(word);
                used += w;
            } else {
                // A word longer than the whole row: cut, on a row of its own.
                line.push_str(&cut(word, room.saturating_sub(used).max(2)));
                used = room;
            }
        }
        empty = false;
        gap = spaces;
    }
    pieces.push(line);
    pieces
}

/// `line` cut to `width` columns, ending in `…` when something was cut.
fn cut(line: &str, width: usize) -> String {
    truncate_str(line, width, "…").into_owned()
}

/// A written text (a prompt, the answer screen's help) wrapped to `width` columns:
/// each of its [`paragraphs`] through [`wrap`].
#[must_use]
pub fn prose(text: &str, width: usize) -> Vec<String> {
    paragraphs(text)
        .iter()
        .flat_map(|p| wrap(p, width, ""))
        .collect()
}

/// The paragraphs of a written text, for [`wrap`]: the lines of a paragraph joined
/// into one (the writer's line breaks are not the reader's), a list item (`- `, `1. `)
/// a paragraph of its own, a blank line an empty string, and indented lines, fenced
/// blocks and `$ ` commands (code, command output) one text with their line breaks,
/// so [`wrap`] keeps them as the pre-formatted rows they are.
#[must_use]
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut para = String::new();
    let mut code: Vec<&str> = Vec::new();
    let mut fenced = false;
    let put = |text: String, out: &mut Vec<String>| {
        if !text.is_empty() {
            out.push(text);
        }
    };
    for line in text.lines() {
        let trimmed = line.trim_start();
        let fence = trimmed.starts_with("```");
        if fence
            || fenced
            || line.starts_with("$ ")
            || line.starts_with(char::is_whitespace) && !trimmed.is_empty()
        {
            fenced ^= fence;
            put(std::mem::take(&mut para), &mut out);
            code.push(line);
            continue;
        }
        put(code.join("\n"), &mut out);
        code.clear();
        if trimmed.is_empty() {
            put(std::mem::take(&mut para), &mut out);
            out.push(String::new());
            continue;
        }
        if list_marker(line).is_some() {
            put(std::mem::take(&mut para), &mut out);
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(line.trim_end());
    }
    put(para, &mut out);
    put(code.join("\n"), &mut out);
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// The width of a list item's marker and its space, if `line` starts a list item.
fn list_marker(line: &str) -> Option<usize> {
    for bullet in ["- ", "* ", "• "] {
        if line.starts_with(bullet) {
            return Some(bullet.len());
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

    /// Every word of `text`, in order, as the rows show them (cut words excepted).
    fn words(rows: &[String]) -> Vec<String> {
        rows.iter()
            .flat_map(|r| r.split_whitespace().map(str::to_owned))
            .collect()
    }

    fn widest(rows: &[String]) -> usize {
        rows.iter()
            .map(|r| measure_text_width(r))
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn prose_wraps_at_spaces_never_inside_a_word_a_date_an_id_a_path_or_a_url() {
        let text = "96 attempts since 2026-11-02 (ts-disk-full-at-night first); the kubelet forwards signals to ledger-peers.ledger.svc.cluster.local, see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/ and /var/log/webapp/app.log";
        for width in 10..=120 {
            let rows = wrap(text, width, "");
            assert!(widest(&rows) <= width, "{width}: {rows:?}");
            for (row, next) in rows.iter().zip(&rows[1..]) {
                assert!(!row.ends_with('-'), "{width}: {row:?}");
                assert!(!next.starts_with(' '), "{width}: {next:?}");
            }
            // Every word shown is whole or cut with `…`, and only a word wider than
            // the row is cut.
            let shown = words(&rows);
            for w in &shown {
                assert!(
                    text.split(' ').any(|t| t == w) || w.ends_with('…'),
                    "{width}: {w:?} split in {rows:?}"
                );
            }
            for t in text.split(' ').filter(|t| t.len() <= width) {
                assert!(shown.iter().any(|w| w == t), "{width}: {t:?} in {rows:?}");
            }
        }
        assert_eq!(
            wrap(text, 40, "")[..3],
            [
                "96 attempts since 2026-11-02",
                "(ts-disk-full-at-night first); the",
                "kubelet forwards signals to",
            ]
        );
    }

    #[test]
    fn a_word_longer_than_the_row_gets_a_row_of_its_own_cut_with_an_ellipsis() {
        let rows = wrap(
            "see https://example.com/a/very/long/path/that/cannot/fit/anywhere now",
            30,
            "",
        );
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[0], "see");
        assert!(rows[1].starts_with("https://") && rows[1].ends_with('…'));
        assert_eq!(measure_text_width(&rows[1]), 30);
        assert_eq!(rows[2], "now");
    }

    #[test]
    fn a_label_hangs_every_later_row_under_it() {
        let reply = "About 3% of order placements fail while it happens, roughly 400 yesterday and 250 so far today.";
        let rows = wrap(reply, 40, "  interviewer: ");
        assert_eq!(
            rows,
            [
                "  interviewer: About 3% of order",
                "               placements fail while it",
                "               happens, roughly 400",
                "               yesterday and 250 so far",
                "               today.",
            ]
        );
        let rows = wrap(reply, 100, "  interviewer: ");
        assert_eq!(
            rows,
            [
                "  interviewer: About 3% of order placements fail while it happens, roughly 400 yesterday and 250 so",
                "               far today.",
            ]
        );
        // The echo of a typed line, however it was spaced.
        let rows = wrap(
            "kubectl get pods  -n shop and then describe the failing one",
            30,
            "  │ ",
        );
        assert_eq!(
            rows,
            [
                "  │ kubectl get pods  -n shop",
                "    and then describe the",
                "    failing one",
            ]
        );
        // A label too wide to leave room gets a row of its own.
        let rows = wrap(
            "a title of a few words",
            20,
            "chk-maintenance-windows  mid  ",
        );
        assert_eq!(
            rows,
            [
                "chk-maintenance-win…",
                "          a title of",
                "          a few",
                "          words",
            ]
        );
        assert_eq!(wrap("", 40, "  "), [""]);
        assert_eq!(wrap("short line", 40, ""), ["short line"]);
    }

    #[test]
    fn a_row_hangs_under_its_own_marker() {
        let found = wrap(
            "  found   app-errors (at 0:02, you: \"what does orders log when it fails?\")",
            40,
            "",
        );
        assert_eq!(
            found,
            [
                "  found   app-errors (at 0:02, you:",
                "          \"what does orders log when it",
                "          fails?\")",
            ]
        );
        let step = wrap(
            "  2. dns-lookup: ;; connection timed out; no servers could be reached at 10.0.0.2",
            40,
            "",
        );
        assert!(step.len() > 1 && widest(&step) <= 40, "{step:?}");
        for row in &step[1..] {
            assert!(
                row.starts_with("     ") && !row.starts_with("      "),
                "{row:?}"
            );
        }
        let item = wrap("- checks the error budget before the rollout", 24, "");
        assert_eq!(
            item,
            ["- checks the error", "  budget before the", "  rollout"]
        );
    }

    #[test]
    fn pre_formatted_rows_are_kept_never_joined_and_folded_only_when_too_wide() {
        let output = "$ kubectl get networkpolicy -n shop\nNAME                  POD-SELECTOR   AGE\nallow-dns-egress      <none>         23h\nHPA history: above 28 replicas yesterday from 11:10 to 19:40 and today since 11:18.";
        assert_eq!(
            wrap(output, 100, "  interviewer: "),
            [
                "  interviewer: $ kubectl get networkpolicy -n shop",
                "               NAME                  POD-SELECTOR   AGE",
                "               allow-dns-egress      <none>         23h",
                "               HPA history: above 28 replicas yesterday from 11:10 to 19:40 and today since 11:18.",
            ]
        );
        assert_eq!(
            wrap(output, 40, "  interviewer: "),
            [
                "  interviewer:",
                "    $ kubectl get networkpolicy -n shop",
                "    NAME                  POD-SELECTOR",
                "      AGE",
                "    allow-dns-egress      <none>",
                "      23h",
                "    HPA history: above 28 replicas",
                "      yesterday from 11:10 to 19:40 and",
                "      today since 11:18.",
            ]
        );
        // A table too wide beside the label goes under it, and folds only when even
        // that is too narrow: nothing in it is hidden.
        let lsof = "COMMAND  PID     USER  FD  TYPE DEVICE    SIZE/OFF NLINK  NAME\nwebapp  2143 www-data  7w   REG    8,1 32212254720     0  /var/log/webapp/app.log (deleted)";
        assert_eq!(
            wrap(lsof, 100, "  interviewer: "),
            [
                "  interviewer:",
                "    COMMAND  PID     USER  FD  TYPE DEVICE    SIZE/OFF NLINK  NAME",
                "    webapp  2143 www-data  7w   REG    8,1 32212254720     0  /var/log/webapp/app.log (deleted)",
            ]
        );
        let rows = wrap(lsof, 80, "  interviewer: ");
        assert!(
            rows.iter()
                .all(|r| measure_text_width(r) <= 80 && !r.ends_with('…')),
            "{rows:?}"
        );
        assert!(rows.last().unwrap().ends_with("(deleted)"), "{rows:?}");
        // Rows are never joined, even when one stops mid-sentence.
        let rows = wrap("start 15:00 local,\nno bandwidth limit.", 100, "");
        assert_eq!(rows, ["start 15:00 local,", "no bandwidth limit."]);
        // Blank rows stay, trailing ones and tabs do not.
        assert_eq!(wrap("a\tb\n\nc\n\n", 40, ""), ["a       b", "", "c"]);
        // Two spaces after a full stop are not columns.
        assert_eq!(
            wrap("It failed.  Then it ran again and passed.\nok", 30, ""),
            ["It failed.  Then it ran again", "  and passed.", "ok"]
        );
    }

    #[test]
    fn wide_characters_count_as_the_columns_they_take() {
        let text = "日本語のテキストは一文字が二列を使います 東京 大阪 名古屋 札幌 福岡 🚀🚀🚀";
        for width in [10, 20, 40, 100] {
            let rows = wrap(text, width, "  ");
            assert!(widest(&rows) <= width, "{width}: {rows:?}");
        }
        assert_eq!(wrap("🚀🚀 🚀🚀 🚀🚀", 10, ""), ["🚀🚀 🚀🚀", "🚀🚀"]);
        assert_eq!(
            wrap("東京 大阪 名古屋 札幌", 12, ""),
            ["東京 大阪", "名古屋 札幌"]
        );
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
    fn prose_keeps_blank_lines_and_code_as_pre_formatted_rows() {
        let text = "Run this:\n\n    $ df -h /var\n    /dev/sda1  100G  100G  0 100% /var\n$ uptime\nThen tell me what you see in the output above.";
        assert_eq!(
            prose(text, 20),
            [
                "Run this:",
                "",
                "    $ df -h /var",
                "    /dev/sda1  100G",
                "      100G  0 100%",
                "      /var",
                "$ uptime",
                "Then tell me what",
                "you see in the",
                "output above.",
            ]
        );
        let fenced = "```\nlong line of code that must stay\n```";
        assert_eq!(
            prose(fenced, 10),
            [
                "```",
                "long line",
                "  of code",
                "  that",
                "  must",
                "  stay",
                "```"
            ]
        );
    }

    #[test]
    fn prose_hangs_list_items() {
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
