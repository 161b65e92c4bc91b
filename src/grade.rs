//! The self-assessed grade, on the spaced-repetition scale.

use std::fmt;

/// 1 Again · 2 Hard · 3 Good · 4 Easy; checked on construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Grade(u8);

impl Grade {
    pub const NAMES: [&'static str; 4] = ["again", "hard", "good", "easy"];
    pub const AGAIN: Grade = Grade(1);
    pub const HARD: Grade = Grade(2);
    pub const GOOD: Grade = Grade(3);
    pub const EASY: Grade = Grade(4);

    #[must_use]
    pub fn new(value: u8) -> Option<Grade> {
        (1..=4).contains(&value).then_some(Grade(value))
    }

    #[must_use]
    pub fn value(self) -> u8 {
        self.0
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        Self::NAMES[usize::from(self.0 - 1)]
    }

    /// Reads `1`-`4` or a grade name, in any case.
    #[must_use]
    pub fn parse(text: &str) -> Option<Grade> {
        let text = text.trim().to_ascii_lowercase();
        if let Ok(n) = text.parse::<u8>() {
            return Grade::new(n);
        }
        Self::NAMES
            .iter()
            .position(|n| *n == text)
            .and_then(|i| Grade::new(i as u8 + 1))
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.name();
        let mut chars = name.chars();
        let first = chars
            .next()
            .map(|c| c.to_ascii_uppercase())
            .unwrap_or_default();
        write!(f, "{} {first}{}", self.0, chars.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_parse_from_numbers_and_names() {
        assert_eq!(Grade::parse("3"), Grade::new(3));
        assert_eq!(Grade::parse(" Easy "), Grade::new(4));
        assert_eq!(Grade::parse("again"), Grade::new(1));
        assert_eq!(Grade::parse("5"), None);
        assert_eq!(Grade::parse("0"), None);
        assert_eq!(Grade::parse("good-ish"), None);
        assert_eq!(Grade::new(2).unwrap().to_string(), "2 Hard");
    }
}
