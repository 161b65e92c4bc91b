//! Comparing a program's output with the expected output, and the line diff shown for
//! the first failure.

use super::Order;

/// The lines that are compared: trailing whitespace cut from each line, trailing empty
/// lines dropped, and with [`Order::AnyOrder`] the lines sorted.
#[must_use]
pub fn normalise(text: &str, order: Order) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(|l| l.trim_end().to_owned()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    if order == Order::AnyOrder {
        lines.sort();
    }
    lines
}

/// One line of a diff: ` ` in both, `-` expected only, `+` printed only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub mark: char,
    pub text: String,
}

/// How many lines around the first difference the diff looks at.
const WINDOW: usize = 40;
/// Lines of common context kept before the first difference.
const CONTEXT: usize = 2;

/// A line diff of the region around the first difference (a longest common
/// subsequence over at most [`WINDOW`] lines of each side, so it stays cheap on large
/// outputs).
#[must_use]
pub fn line_diff(expected: &[String], got: &[String]) -> Vec<DiffLine> {
    let first = expected.iter().zip(got).take_while(|(a, b)| a == b).count();
    if first == expected.len() && first == got.len() {
        return Vec::new();
    }
    let start = first.saturating_sub(CONTEXT);
    let a = &expected[start..expected.len().min(first + WINDOW)];
    let b = &got[start..got.len().min(first + WINDOW)];
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let line = |mark: char, text: &String| DiffLine {
        mark,
        text: text.clone(),
    };
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(line(' ', &a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(line('-', &a[i]));
            i += 1;
        } else {
            out.push(line('+', &b[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn trailing_whitespace_and_empty_lines_do_not_count() {
        assert_eq!(normalise("a  \nb\t\n\n\n", Order::Exact), lines("a\nb"));
        assert_eq!(normalise("b\na\n", Order::AnyOrder), lines("a\nb"));
        assert_eq!(normalise("", Order::Exact), Vec::<String>::new());
    }

    #[test]
    fn the_diff_marks_missing_and_extra_lines() {
        let diff = line_diff(&lines("a\nb\nc"), &lines("a\nx\nc"));
        let marks: String = diff.iter().map(|d| d.mark).collect();
        assert_eq!(marks, " -+ ");
        assert!(line_diff(&lines("a"), &lines("a")).is_empty());
    }
}
