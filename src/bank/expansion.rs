//! The alias budget of a prompt file: how much YAML its aliases (`*name`) add once each
//! is replaced by what its anchor holds.
//!
//! Generated files (`PyYAML` and most emitters) use an alias wherever the same list
//! appears twice, so the number of aliases says nothing about danger; what costs time
//! and memory is the expansion. One pass over the parser's events sizes every anchor
//! and adds up what each alias replays, and the first alias that takes the total over
//! the budget is named by its line and column. This module only measures: syntax
//! errors are left to the real parse.

use serde_saphyr::granit_parser::{Event, Parser};
use std::collections::HashMap;

/// Most YAML nodes that aliases may add to one file, counting each alias as all it holds.
pub const MAX_ALIAS_EVENTS: usize = 250_000;
/// Most bytes of text that aliases may add to one file.
pub const MAX_ALIAS_BYTES: usize = 8 * 1024 * 1024;

/// What an anchored node, or all aliases together, expand to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Size {
    /// Parser events: one per scalar, two per list or mapping (start and end).
    pub events: usize,
    /// Bytes of scalar text.
    pub bytes: usize,
}

impl Size {
    fn add(&mut self, other: Size) {
        self.events = self.events.saturating_add(other.events);
        self.bytes = self.bytes.saturating_add(other.bytes);
    }

    fn over_budget(self) -> bool {
        self.events > MAX_ALIAS_EVENTS || self.bytes > MAX_ALIAS_BYTES
    }
}

/// The alias where the expansion went over the budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    /// 1-based line and column of the `*name`.
    pub line: u32,
    pub column: u32,
    /// What all aliases up to and including this one expand to.
    pub expanded: Size,
}

/// Measures the aliases of `text`; `Ok(total)` when they stay within the budget.
///
/// # Errors
/// The first alias that takes the total over [`MAX_ALIAS_EVENTS`] or [`MAX_ALIAS_BYTES`].
/// Text the parser refuses is not an error here: the measure stops there and the real
/// parse reports it.
pub fn measure(text: &str) -> Result<Size, Breach> {
    // Expanded size of each anchor once its node is complete.
    let mut anchors: HashMap<usize, Size> = HashMap::new();
    // Open lists and mappings: (anchor id, expanded size so far).
    let mut open: Vec<(usize, Size)> = Vec::new();
    let mut total = Size::default();
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        let (anchor, size) = match event {
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                open.push((
                    anchor,
                    Size {
                        events: 1,
                        bytes: 0,
                    },
                ));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((anchor, mut size)) = open.pop() else {
                    continue;
                };
                size.add(Size {
                    events: 1,
                    bytes: 0,
                });
                (anchor, size)
            }
            Event::Scalar(value, _, anchor, _) => (
                anchor,
                Size {
                    events: 1,
                    bytes: value.len(),
                },
            ),
            Event::Alias(id) => {
                // An alias to a node still open (a recursive reference) has no size yet;
                // the real parse refuses it.
                let size = anchors.get(&id).copied().unwrap_or(Size {
                    events: 1,
                    bytes: 0,
                });
                total.add(size);
                if total.over_budget() {
                    return Err(Breach {
                        line: span.start.line() as u32,
                        column: span.start.col() as u32 + 1,
                        expanded: total,
                    });
                }
                (0, size)
            }
            _ => continue,
        };
        if anchor != 0 {
            anchors.insert(anchor, size);
        }
        if let Some((_, parent)) = open.last_mut() {
            parent.add(size);
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn an_alias_counts_everything_its_anchor_holds() {
        let total = measure("a: &t [x, yy]\nb: *t\nc: *t\n").unwrap();
        // Each alias replays a list: start, two scalars, end; three bytes of text.
        assert_eq!(
            total,
            Size {
                events: 8,
                bytes: 6
            }
        );
    }

    #[test]
    fn nested_aliases_multiply() {
        let total = measure("a: &a [x, x]\nb: &b [*a, *a]\nc: *b\n").unwrap();
        // *a twice inside b (4 + 4), then *b replays b whole (2 + 8).
        assert_eq!(total.events, 18);
    }

    #[test]
    fn the_breach_names_the_alias_that_crossed_the_budget() {
        let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            writeln!(text, "a{i}: &a{i} [{refs}]").unwrap();
        }
        let breach = measure(&text).unwrap_err();
        let line = text.lines().nth(breach.line as usize - 1).unwrap();
        let at = &line[breach.column as usize - 1..];
        assert!(at.starts_with('*'), "{breach:?} points at {at:?}");
        assert!(breach.expanded.events > MAX_ALIAS_EVENTS);
    }

    #[test]
    fn broken_yaml_is_left_to_the_parser() {
        assert!(measure("a: [1, 2\nb: *nothing\n").is_ok());
    }
}
