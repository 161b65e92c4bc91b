//! The optional fields a record may carry beyond what the review records keep: the
//! suggested grade (SPEC §11) and the scenario summary (SPEC §10).
//!
//! Histories written before those fields existed have neither, and most lines of any
//! history have neither, so a line is parsed only when it mentions one of them. Lines
//! that do not parse are skipped here; the review reader already reported them. Reads
//! from any `Read`; never opens a file.

use std::borrow::Cow;
use std::io::{self, Read};

use memchr::memmem;

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

/// The history is scanned in pieces of about this size, each ending at a line end.
const CHUNK: usize = 4 << 20;

/// The records of `input` that carry a suggested grade or a scenario summary, in file
/// order.
///
/// # Errors
/// Reading from `input` failed.
pub fn read(mut input: impl Read) -> io::Result<Vec<Extra>> {
    let finders = [
        memmem::Finder::new(b"\"suggested_grade\""),
        memmem::Finder::new(b"\"scenario\""),
    ];
    let mut out = Vec::new();
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK);
    loop {
        let kept = buf.len();
        buf.resize(kept + CHUNK, 0);
        let mut filled = kept;
        while filled < buf.len() {
            match input.read(&mut buf[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
        let end_of_input = filled < buf.len();
        buf.truncate(filled);
        let whole_lines = if end_of_input {
            buf.len()
        } else {
            memchr::memrchr(b'\n', &buf).map_or(0, |i| i + 1)
        };
        scan(&buf[..whole_lines], &finders, &mut out);
        buf.drain(..whole_lines);
        if end_of_input {
            return Ok(out);
        }
    }
}

/// Parses the lines of `block` that mention one of the fields.
fn scan(block: &[u8], finders: &[memmem::Finder<'_>], out: &mut Vec<Extra>) {
    let mut lines: Vec<(usize, usize)> = finders
        .iter()
        .flat_map(|f| f.find_iter(block))
        .map(|at| {
            let start = memchr::memrchr(b'\n', &block[..at]).map_or(0, |i| i + 1);
            let end = memchr::memchr(b'\n', &block[at..]).map_or(block.len(), |i| at + i);
            (start, end)
        })
        .collect();
    lines.sort_unstable();
    lines.dedup();
    for (start, end) in lines {
        if let Some(extra) = parse(&block[start..end]) {
            out.push(extra);
        }
    }
}

fn parse(line: &[u8]) -> Option<Extra> {
    let parsed: Line<'_> = serde_json::from_slice(line).ok()?;
    let started = DateTime::parse_from_rfc3339(&parsed.started).ok()?;
    if parsed.suggested_grade.is_none() && parsed.scenario.is_none() {
        return None;
    }
    Some(Extra {
        started,
        category: parsed.category.into_owned(),
        grade: parsed.grade,
        suggested_grade: parsed.suggested_grade,
        scenario: parsed.scenario,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_that_straddle_two_pieces_are_read_whole() {
        let line = r#"{"started":"2026-03-02T09:00:00+00:00","category":"coding","grade":3,"suggested_grade":2}"#;
        let filler = "x".repeat(CHUNK - 10);
        let text = format!("{filler}\n{line}\n{line}");
        let extras = read(text.as_bytes()).unwrap();
        assert_eq!(extras.len(), 2);
        assert!(extras.iter().all(|e| e.suggested_grade == Some(2)));
    }

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
