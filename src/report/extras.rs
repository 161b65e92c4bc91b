//! The optional fields a record may carry beyond what the review records keep: the
//! suggested grade (SPEC §11) and the scenario summary (SPEC §10).
//!
//! Histories written before those fields existed have neither, and most lines of any
//! history have neither, so a line is parsed only when it mentions one of them. Lines
//! that do not parse are skipped here; the review reader already reported them. Reads
//! from any `BufRead`; never opens a file.

use std::borrow::Cow;
use std::io::{self, BufRead};

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

/// One record's optional fields, with what is needed to place them.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    pub started: DateTime<FixedOffset>,
    pub category: String,
    pub grade: u8,
    pub suggested_grade: Option<u8>,
    pub scenario: Option<Scenario>,
}

/// The part of a record's `scenario` object the report draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Scenario {
    pub key_found: u32,
    pub key_total: u32,
    #[serde(default)]
    pub cause_named: bool,
}

impl Scenario {
    /// Share of the key evidence found, 0.0..=1.0 (a scenario without key evidence
    /// counts as fully found).
    #[must_use]
    pub fn key_share(&self) -> f64 {
        if self.key_total == 0 {
            1.0
        } else {
            (f64::from(self.key_found) / f64::from(self.key_total)).min(1.0)
        }
    }
}

#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    started: Cow<'a, str>,
    #[serde(borrow)]
    category: Cow<'a, str>,
    grade: u8,
    #[serde(default)]
    suggested_grade: Option<u8>,
    #[serde(default)]
    scenario: Option<Scenario>,
}

/// The records of `input` that carry a suggested grade or a scenario summary.
///
/// # Errors
/// Reading from `input` failed.
pub fn read(mut input: impl BufRead) -> io::Result<Vec<Extra>> {
    let mut out = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(out);
        }
        let Ok(text) = std::str::from_utf8(&line) else {
            continue;
        };
        if !text.contains("\"suggested_grade\"") && !text.contains("\"scenario\"") {
            continue;
        }
        let Ok(parsed) = serde_json::from_str::<Line<'_>>(text) else {
            continue;
        };
        let Ok(started) = DateTime::parse_from_rfc3339(&parsed.started) else {
            continue;
        };
        if parsed.suggested_grade.is_none() && parsed.scenario.is_none() {
            continue;
        }
        out.push(Extra {
            started,
            category: parsed.category.into_owned(),
            grade: parsed.grade,
            suggested_grade: parsed.suggested_grade,
            scenario: parsed.scenario,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lines_with_a_suggestion_or_a_scenario_are_kept() {
        let text = concat!(
            r#"{"v":1,"started":"2026-03-01T09:00:00+00:00","category":"coding","grade":3}"#,
            "\n",
            r#"{"v":1,"started":"2026-03-02T09:00:00+00:00","category":"coding","grade":3,"suggested_grade":2}"#,
            "\n",
            "not json but mentions \"scenario\"\n",
            r#"{"v":1,"started":"2026-03-03T09:00:00+00:00","category":"troubleshooting","grade":2,"suggested_grade":null,"scenario":{"actions":[],"key_found":2,"key_total":4,"cause_named":true,"cause_secs":100,"risky":[]}}"#,
            "\n",
        );
        let extras = read(text.as_bytes()).unwrap();
        assert_eq!(extras.len(), 2);
        assert_eq!(extras[0].suggested_grade, Some(2));
        assert_eq!(extras[0].scenario, None);
        let s = extras[1].scenario.unwrap();
        assert!(s.cause_named);
        assert!((s.key_share() - 0.5).abs() < 1e-9);
    }
}
