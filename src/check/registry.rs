//! Every built-in checker, by name, and the small helpers their generators share.

use super::{Checker, algorithms, bugs, logs, systems};
use crate::rng::Rng;

/// The built-in checkers; a prompt's `check: {checker: NAME}` must name one of these.
pub const CHECKERS: &[Checker] = &[
    logs::TOP_5XX_CLIENTS,
    logs::LATENCY_PERCENTILES,
    systems::DISK_PROCESS_ALERT,
    algorithms::TOKEN_BUCKET,
    algorithms::RETRY_BACKOFF,
    algorithms::LRU_CACHE,
    logs::MERGE_LOG_STREAMS,
    algorithms::ALERT_FLAP,
    systems::CRON_NEXT_RUNS,
    algorithms::ERROR_BUDGET,
    systems::CONFIG_DIFF,
    systems::MEMINFO,
    logs::LONGEST_OUTAGE,
    logs::ERROR_BURST,
    systems::CIDR_ALLOWLIST,
    algorithms::SLO_BURN_RATE,
    systems::MAINTENANCE_WINDOWS,
    logs::SLOW_ENDPOINTS,
    logs::LOG_ORDER,
    algorithms::PARSE_DURATIONS,
    bugs::BUG_CERT_EXPIRY,
    bugs::BUG_BUSIEST_MINUTE,
    bugs::BUG_CONFIG_OVERRIDES,
];

/// The checker called `name`.
#[must_use]
pub fn find(name: &str) -> Option<&'static Checker> {
    CHECKERS.iter().find(|c| c.name == name)
}

/// Lines in the large case: big enough that a quadratic solution cannot finish in the
/// time limit, small enough that a linear one in Python takes well under a second.
pub(super) const LARGE: usize = 100_000;

/// Field values with non-ASCII letters, for the unicode cases.
pub(super) const UNICODE: &[&str] = &[
    "café",
    "naïve",
    "日本語",
    "Zürich",
    "Ελλάδα",
    "москва",
    "🚀launch",
    "señor",
    "ünïcødé",
];

/// Lines joined with a newline after each.
pub(super) fn text(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A short lower-case name like `api-7`.
pub(super) fn name(rng: &mut Rng, stem: &str, spread: u64) -> String {
    format!("{stem}-{}", rng.below(spread))
}

/// `num / den` as a percentage with one decimal, halves rounded up (toward +∞).
pub(super) fn percent(num: i128, den: i128) -> String {
    let tenths = (2 * num * 1000 + den).div_euclid(2 * den);
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
}

/// A generated count as a signed number (times and offsets are signed).
pub(super) fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A decimal number of ASCII digits only (Python's `int()` also takes other digits).
pub(super) fn number(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 18 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_checker_has_the_edge_cases() {
        // Generating every checker's large case is slow in a debug build: once each.
        let mut names: Vec<&str> = CHECKERS.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CHECKERS.len());
        assert!(CHECKERS.len() >= 20);
        for checker in CHECKERS {
            let params = checker.params(&crate::bank::CheckSpec {
                checker: checker.name.to_owned(),
                params: Vec::new(),
            });
            let cases = checker.generate(7, &params);
            let names: Vec<&str> = cases.iter().map(|(c, _)| c.name).collect();
            for (case, expected) in &cases {
                assert!(
                    expected.len() < crate::check::OUTPUT_CAP / 2,
                    "{} {}: the expected output is near the output cap",
                    checker.name,
                    case.name
                );
            }
            for want in ["empty", "malformed", "boundary", "unicode", "large"] {
                assert!(names.contains(&want), "{}: no {want} case", checker.name);
            }
        }
    }

    #[test]
    fn edge_cases_take_new_values_with_each_seed_and_the_same_ones_again() {
        type Edge = (&'static str, String, Vec<(&'static str, String)>);
        for checker in CHECKERS {
            let params = checker.params(&crate::bank::CheckSpec {
                checker: checker.name.to_owned(),
                params: Vec::new(),
            });
            let edges = |seed| -> Vec<Edge> {
                (checker.cases)(&mut Rng::new(seed), &params)
                    .into_iter()
                    .filter(|c| ["malformed", "ties", "boundary"].contains(&c.name))
                    .map(|c| (c.name, c.input.stdin, c.input.files))
                    .collect()
            };
            let (first, again, other) = (edges(3), edges(3), edges(4));
            assert_eq!(first.len(), 3, "{}", checker.name);
            assert_eq!(first, again, "{}: the same seed, other cases", checker.name);
            for (a, b) in first.iter().zip(&other) {
                assert_ne!(
                    a, b,
                    "{} {}: the same input for two seeds",
                    checker.name, a.0
                );
            }
        }
    }
}
