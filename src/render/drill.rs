//! The texts `drill` prints around a session: the weak-spots notice, the "nothing due"
//! answer, and the note when fewer prompts match than were asked for.
//!
//! Writes to any `impl Write` or returns the line; never reads input.

use std::io::Write;

use chrono::{DateTime, FixedOffset};

use crate::bank::Bank;
use crate::review::schedule::DueList;
use crate::review::weak::TagStat;
use crate::session::select::Filter;

/// Said before the session when fewer prompts match than were asked for.
#[must_use]
pub fn only_some(matching: usize) -> String {
    format!(
        "Only {}; serving {}.",
        crate::text::plural(matching, "prompt matches", "prompts match"),
        if matching == 1 { "it" } else { "them all" }
    )
}

/// The line `drill weak` starts with: which areas it focuses on, and why.
#[must_use]
pub fn weak_notice(tags: &[TagStat<'_>], focus: &[&str]) -> Option<String> {
    let parts: Vec<String> = focus
        .iter()
        .map(|f| match tags.iter().find(|t| t.tag == *f) {
            Some(t) => format!("{f} (recent grade {:.1})", t.recent_grade),
            None => format!("{f} (not practised yet)"),
        })
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "Weak spots first: prompts graded below Good lately, then {}.",
            parts.join(", ")
        )
    })
}

/// `drill due` with nothing due: say when the next prompt comes due.
///
/// # Errors
/// Writing failed.
pub fn nothing_due(
    out: &mut impl Write,
    due: &DueList<'_>,
    bank: &Bank,
    filter: &Filter,
    now: DateTime<FixedOffset>,
) -> std::io::Result<()> {
    let filtered = !filter.tags.is_empty() || !filter.levels.is_empty();
    writeln!(
        out,
        "Nothing is due now{}.",
        if filtered { " among those filters" } else { "" }
    )?;
    if let Some(next) = due.upcoming.first().filter(|_| !filtered) {
        writeln!(
            out,
            "Next: {} ({}) on {}; see `sre-drill due`.",
            next.prompt,
            bank.get(next.prompt)
                .map_or(next.title, |p| p.title.as_str()),
            next.due
                .with_timezone(now.offset())
                .format("%Y-%m-%d %H:%M")
        )?;
    }
    writeln!(
        out,
        "To practise anyway: sre-drill drill all (prompts you have not seen come first)."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weak_notice_gives_each_area_its_recent_grade_or_says_it_is_new() {
        let tags = [TagStat {
            tag: "dns",
            attempts: 3,
            average_grade: 2.0,
            recent_attempts: 2,
            recent_grade: 1.5,
            recent_standing: 0.0,
            recent_coverage: 0.5,
            last: DateTime::parse_from_rfc3339("2026-01-05T09:00:00+00:00").unwrap(),
        }];
        assert_eq!(
            weak_notice(&tags, &["dns", "tls"]).as_deref(),
            Some(
                "Weak spots first: prompts graded below Good lately, then dns (recent grade 1.5), tls (not practised yet)."
            )
        );
        assert_eq!(weak_notice(&tags, &[]), None);
    }

    #[test]
    fn only_some_says_it_or_them_all() {
        assert_eq!(only_some(1), "Only 1 prompt matches; serving it.");
        assert_eq!(only_some(2), "Only 2 prompts match; serving them all.");
    }
}
