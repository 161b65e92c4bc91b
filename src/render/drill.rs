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

/// What `drill weak` says before it starts: which areas it focuses on and why, then
/// the rule that ranked them.
#[must_use]
pub fn weak_notice(tags: &[TagStat<'_>], focus: &[&str]) -> Option<String> {
    let parts: Vec<String> = focus
        .iter()
        .map(|f| match tags.iter().find(|t| t.tag == *f) {
            Some(t) => format!("{f} (recent score {:.1})", t.standing.recent_score),
            None => format!("{f} (not practised yet)"),
        })
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "Weak spots first: prompts whose recent score is below Good, then {}.\n{}",
            parts.join(", "),
            super::review::weakness_rule()
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
            standing: crate::review::weak::Standing {
                recent_attempts: 3,
                recent_grades: vec![1, 2, 4],
                recent_must_missed: 1,
                recent_counted: vec![1.0, 2.0, 1.5],
                recent_grade: 7.0 / 3.0,
                recent_score: 1.5,
                recent_coverage: 0.5,
                recent_rubric_attempts: 3,
                last: DateTime::parse_from_rfc3339("2026-01-05T09:00:00+00:00").unwrap(),
            },
        }];
        let notice = weak_notice(&tags, &["dns", "tls"]).unwrap();
        let (first, rule) = notice.split_once('\n').unwrap();
        assert_eq!(
            first,
            "Weak spots first: prompts whose recent score is below Good, then dns (recent score 1.5), tls (not practised yet)."
        );
        assert_eq!(rule, crate::render::review::weakness_rule());
        assert_eq!(weak_notice(&tags, &[]), None);
    }

    #[test]
    fn only_some_says_it_or_them_all() {
        assert_eq!(only_some(1), "Only 1 prompt matches; serving it.");
        assert_eq!(only_some(2), "Only 2 prompts match; serving them all.");
    }
}
