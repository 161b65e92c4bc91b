//! Text measured and painted for a terminal: widths in columns (emoji and accents
//! count as they show, colour codes not at all), padding and cutting to a width, and
//! colours. Renderers outside console/ use these instead of a terminal library.
//! Nothing here writes to the terminal; [`stdout_width`] and [`stderr_width`] only ask
//! its size.

use ::console::{Alignment, measure_text_width, pad_str, style, truncate_str};

/// How a piece of text is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Bold,
    Dim,
    Green,
    Yellow,
    Red,
    RedBold,
}

/// `text` in `paint`'s colour or weight (when colours are enabled at all).
#[must_use]
pub fn paint(text: &str, paint: Paint) -> String {
    let styled = style(text);
    match paint {
        Paint::Bold => styled.bold(),
        Paint::Dim => styled.dim(),
        Paint::Green => styled.green(),
        Paint::Yellow => styled.yellow(),
        Paint::Red => styled.red(),
        Paint::RedBold => styled.red().bold(),
    }
    .to_string()
}

/// Columns `text` takes on a terminal, colour codes left out.
#[must_use]
pub fn width_of(text: &str) -> usize {
    measure_text_width(text)
}

/// Pads or cuts (with `…`) to exactly `width` columns; keeps colour codes intact.
#[must_use]
pub fn pad_to(text: &str, width: usize) -> String {
    pad_str(text, width, Alignment::Left, Some("…")).into_owned()
}

/// Cuts to at most `width` columns, with `…` when cut.
#[must_use]
pub fn cut_to(text: &str, width: usize) -> String {
    truncate_str(text, width, "…").into_owned()
}

/// The width of the terminal on stdout, when stdout is one.
#[must_use]
pub fn stdout_width() -> Option<usize> {
    ::console::Term::stdout()
        .size_checked()
        .map(|(_, cols)| usize::from(cols))
}

/// The width of the terminal on stderr, when stderr is one: what the plain protocol's
/// prose is wrapped to when a person reads it there.
#[must_use]
pub fn stderr_width() -> Option<usize> {
    ::console::Term::stderr()
        .size_checked()
        .map(|(_, cols)| usize::from(cols))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_columns_not_bytes_or_colour_codes() {
        assert_eq!(width_of("Zürich 🚀"), 9);
        assert_eq!(
            width_of(&style("red").red().force_styling(true).to_string()),
            3
        );
        assert_eq!(pad_to("ab", 4), "ab  ");
        assert_eq!(width_of(&pad_to("Acme 🚀 Rockets", 8)), 8);
        assert_eq!(cut_to("abcdef", 4), "abc…");
        assert_eq!(cut_to("abc", 4), "abc");
    }
}
