//! Weak spots: the prompts and tags with the lowest recent grades, and the order
//! `drill weak` serves prompts in.
//!
//! "Recent" is the last [`RECENT_PER_PROMPT`] attempts of a prompt and the last
//! [`RECENT_PER_TAG`] attempts carrying a tag, so an old bad week stops counting once
//! the user has practised past it.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::FastMap;
use super::record::Record;
use crate::bank::Prompt;
use crate::grade::Grade;

/// Attempts of one prompt that make up its recent grade.
pub const RECENT_PER_PROMPT: usize = 3;
/// Attempts carrying one tag that make up its recent grade.
pub const RECENT_PER_TAG: usize = 10;
/// A recent grade below Good is weak.
pub const WEAK_BELOW: f64 = 3.0;

/// How one prompt has gone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PromptStat<'a> {
    pub prompt: &'a str,
    pub title: &'a str,
    pub category: &'a str,
    pub attempts: usize,
    pub average_grade: f64,
    /// The last few grades, oldest first.
    pub recent_grades: Vec<u8>,
    pub recent_grade: f64,
    /// What weakness is ranked by: the recent grade, where an attempt that missed a
    /// must-have counts as below Hard whatever the self-grade (SPEC §11).
    pub recent_standing: f64,
    /// Rubric coverage over the recent attempts with a rubric, 0.0..=1.0 (1.0 when
    /// none had one).
    pub recent_coverage: f64,
    /// Recent attempts whose rubric was reviewed (a standalone `check` run has none).
    pub recent_rubric_attempts: usize,
    pub last: DateTime<FixedOffset>,
}

/// How one tag (skill area) has gone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagStat<'a> {
    pub tag: &'a str,
    pub attempts: usize,
    pub average_grade: f64,
    pub recent_attempts: usize,
    pub recent_grade: f64,
    /// As [`PromptStat::recent_standing`].
    pub recent_standing: f64,
    pub recent_coverage: f64,
    pub last: DateTime<FixedOffset>,
}

fn summarize(recent: &[&Record]) -> (f64, f64) {
    let grade = super::mean(recent.iter().map(|a| f64::from(a.grade))).unwrap_or(0.0);
    // Over the attempts with a rubric; a prompt only ever checked counts as covered.
    let coverage = super::mean(
        recent
            .iter()
            .filter(|a| a.has_rubric())
            .map(|a| a.coverage()),
    )
    .or_else(|| super::mean(recent.iter().map(|a| a.coverage())))
    .unwrap_or(0.0);
    (grade, coverage)
}

/// An attempt's grade for ranking weakness: a missed must-have puts it at 1.5, below a
/// self-graded Hard, whatever the user chose.
fn standing(a: &Record) -> f64 {
    let grade = f64::from(a.grade);
    if a.rubric.must_missed > 0 {
        grade.min(1.5)
    } else {
        grade
    }
}

fn standing_of(recent: &[&Record]) -> f64 {
    super::mean(recent.iter().map(|a| standing(a))).unwrap_or(0.0)
}

fn tail<'s, 'r>(items: &'s [&'r Record], n: usize) -> &'s [&'r Record] {
    &items[items.len().saturating_sub(n)..]
}

/// Weakest first: lowest recent grade, then lowest recent coverage, then practised
/// longest ago, then by name.
fn weaker(
    a: (f64, f64, DateTime<FixedOffset>, &str),
    b: (f64, f64, DateTime<FixedOffset>, &str),
) -> std::cmp::Ordering {
    a.0.total_cmp(&b.0)
        .then_with(|| a.1.total_cmp(&b.1))
        .then_with(|| a.2.cmp(&b.2))
        .then_with(|| a.3.cmp(b.3))
}

/// Every practised prompt, weakest first.
#[must_use]
pub fn prompt_stats(records: &[Record]) -> Vec<PromptStat<'_>> {
    let mut out: Vec<PromptStat<'_>> = super::by_prompt(records)
        .into_iter()
        .filter_map(|group| {
            let last = *group.last()?;
            let recent = tail(&group, RECENT_PER_PROMPT);
            let (recent_grade, recent_coverage) = summarize(recent);
            Some(PromptStat {
                prompt: &last.prompt,
                title: &last.title,
                category: &last.category,
                attempts: group.len(),
                average_grade: summarize(&group).0,
                recent_grades: recent.iter().map(|a| a.grade).collect(),
                recent_grade,
                recent_standing: standing_of(recent),
                recent_coverage,
                recent_rubric_attempts: recent.iter().filter(|a| a.has_rubric()).count(),
                last: last.finished,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        weaker(
            (a.recent_standing, a.recent_coverage, a.last, a.prompt),
            (b.recent_standing, b.recent_coverage, b.last, b.prompt),
        )
    });
    out
}

/// Every tag practised, weakest first.
#[must_use]
pub fn tag_stats<'a>(records: &'a [Record]) -> Vec<TagStat<'a>> {
    let mut by_tag: FastMap<&'a str, Vec<&'a Record>> = FastMap::default();
    for r in records.iter().filter(|r| Grade::new(r.grade).is_some()) {
        for tag in &r.tags {
            by_tag.entry(tag).or_default().push(r);
        }
    }
    let mut out: Vec<TagStat<'a>> = by_tag
        .into_iter()
        .filter_map(|(tag, mut group)| {
            group.sort_by(|a, b| a.finished.cmp(&b.finished).then_with(|| a.id.cmp(&b.id)));
            let last = *group.last()?;
            let recent = tail(&group, RECENT_PER_TAG);
            let (recent_grade, recent_coverage) = summarize(recent);
            Some(TagStat {
                tag,
                attempts: group.len(),
                average_grade: summarize(&group).0,
                recent_attempts: recent.len(),
                recent_grade,
                recent_standing: standing_of(recent),
                recent_coverage,
                last: last.finished,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        weaker(
            (a.recent_standing, a.recent_coverage, a.last, a.tag),
            (b.recent_standing, b.recent_coverage, b.last, b.tag),
        )
    });
    out
}

/// The order `drill weak` serves prompts in (`stats` weakest first, ids from `prompts`):
/// 1. practised prompts whose recent grade is below Good, weakest first;
/// 2. never-practised prompts carrying a focus tag, entry level first, then by id;
/// 3. the other practised prompts carrying a focus tag, weakest first.
///
/// Prompts no longer in the bank are left out.
#[must_use]
pub fn drill_order<'a>(
    prompts: &'a [Prompt],
    stats: &[PromptStat<'_>],
    focus_tags: &[&str],
) -> Vec<&'a str> {
    let in_bank: HashMap<&str, &'a Prompt> = prompts.iter().map(|p| (p.id.0.as_str(), p)).collect();
    let focused = |p: &Prompt| p.tags.iter().any(|t| focus_tags.contains(&t.as_str()));
    let mut out: Vec<&'a str> = Vec::new();
    let mut taken: HashSet<&str> = HashSet::new();
    for s in stats.iter().filter(|s| s.recent_standing < WEAK_BELOW) {
        if let Some(p) = in_bank.get(s.prompt)
            && taken.insert(p.id.0.as_str())
        {
            out.push(&p.id.0);
        }
    }
    let seen: HashSet<&str> = stats.iter().map(|s| s.prompt).collect();
    let mut fresh: Vec<&'a Prompt> = prompts
        .iter()
        .filter(|p| focused(p) && !seen.contains(p.id.0.as_str()))
        .collect();
    fresh.sort_by(|a, b| a.level.cmp(&b.level).then_with(|| a.id.cmp(&b.id)));
    for p in fresh {
        if taken.insert(p.id.0.as_str()) {
            out.push(&p.id.0);
        }
    }
    for s in stats {
        if let Some(p) = in_bank.get(s.prompt)
            && focused(p)
            && taken.insert(p.id.0.as_str())
        {
            out.push(&p.id.0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Level;
    use crate::review::record::records;
    use crate::review::tests::{attempt, prompt};

    #[test]
    fn a_missed_must_have_ranks_weaker_than_a_low_self_grade_alone() {
        let mut missed = attempt(
            "m",
            "missed-diagnosis",
            "troubleshooting",
            "2026-01-05T09:00:00+00:00",
            4,
        );
        missed.rubric.must_missed = vec![1];
        let hard = attempt(
            "h",
            "graded-hard",
            "troubleshooting",
            "2026-01-05T09:00:00+00:00",
            2,
        );
        let recs = records(&[missed, hard]);
        let stats = prompt_stats(&recs);
        assert_eq!(stats[0].prompt, "missed-diagnosis", "{stats:?}");
        // The grade the user chose is still what is shown.
        assert!((stats[0].recent_grade - 4.0).abs() < 1e-9);
        assert!(stats[0].recent_standing < 2.0);
        let tags = tag_stats(&recs);
        assert!(tags.iter().all(|t| t.recent_standing < t.recent_grade));
    }

    #[test]
    fn prompts_rank_by_their_last_three_grades() {
        let attempts = vec![
            // p was bad long ago and is good now.
            attempt("a1", "p", "coding", "2026-01-01T09:00:00+00:00", 1),
            attempt("a2", "p", "coding", "2026-01-02T09:00:00+00:00", 1),
            attempt("a3", "p", "coding", "2026-01-03T09:00:00+00:00", 4),
            attempt("a4", "p", "coding", "2026-01-04T09:00:00+00:00", 4),
            attempt("a5", "p", "coding", "2026-01-05T09:00:00+00:00", 4),
            attempt("b1", "q", "coding", "2026-01-05T09:00:00+00:00", 2),
        ];
        let rs = records(&attempts);
        let stats = prompt_stats(&rs);
        let order: Vec<&str> = stats.iter().map(|s| s.prompt).collect();
        assert_eq!(order, vec!["q", "p"]);
        assert_eq!(stats[1].recent_grades, vec![4, 4, 4]);
        assert!((stats[1].average_grade - 14.0 / 5.0).abs() < 1e-9);
        assert_eq!(stats[1].attempts, 5);
    }

    #[test]
    fn equal_grades_rank_by_coverage() {
        let mut low = attempt("a", "low", "coding", "2026-01-01T09:00:00+00:00", 2);
        low.rubric.covered = vec![1];
        let mut high = attempt("b", "high", "coding", "2026-01-01T09:00:00+00:00", 2);
        high.rubric.covered = vec![1, 2, 3];
        let attempts = [high, low];
        let rs = records(&attempts);
        let stats = prompt_stats(&rs);
        assert_eq!(stats[0].prompt, "low");
    }

    #[test]
    fn tags_rank_by_their_last_ten_attempts() {
        let mut attempts = Vec::new();
        for i in 0..12 {
            let mut a = attempt(
                &format!("n{i}"),
                "net",
                "troubleshooting",
                &format!("2026-01-{:02}T09:00:00+00:00", i + 1),
                if i < 2 { 4 } else { 2 },
            );
            a.tags = vec!["networking".to_owned()];
            attempts.push(a);
        }
        let mut db = attempt("d", "db", "coding", "2026-01-20T09:00:00+00:00", 3);
        db.tags = vec!["databases".to_owned()];
        attempts.push(db);
        let rs = records(&attempts);
        let tags = tag_stats(&rs);
        assert_eq!(tags[0].tag, "networking");
        assert_eq!((tags[0].attempts, tags[0].recent_attempts), (12, 10));
        assert!((tags[0].recent_grade - 2.0).abs() < 1e-9);
        assert_eq!(tags[1].tag, "databases");
    }

    #[test]
    fn weak_drills_serve_weak_prompts_then_new_ones_in_weak_areas() {
        let bank = vec![
            prompt("weak", "coding", Level::Mid, &["git"]),
            prompt("fine", "coding", Level::Mid, &["networking"]),
            prompt("new-senior", "coding", Level::Senior, &["networking"]),
            prompt("new-entry", "coding", Level::Entry, &["networking"]),
            prompt("other", "coding", Level::Entry, &["cloud"]),
        ];
        let attempts = vec![
            attempt("a", "weak", "coding", "2026-01-01T09:00:00+00:00", 1),
            attempt("b", "fine", "coding", "2026-01-01T09:00:00+00:00", 4),
            attempt("c", "gone", "coding", "2026-01-01T09:00:00+00:00", 1),
        ];
        let rs = records(&attempts);
        let stats = prompt_stats(&rs);
        let order = drill_order(&bank, &stats, &["networking"]);
        assert_eq!(order, vec!["weak", "new-entry", "new-senior", "fine"]);
    }
}
