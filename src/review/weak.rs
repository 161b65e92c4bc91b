//! Weak spots: the one rule for "weakest", and the order `drill weak` serves prompts in.
//!
//! The rule, the same for a prompt, a skill area (tag) and a category, and used by
//! `stats`, `plan`, `drill weak` and the report alike: each is ranked by its *recent
//! score*, the average of its most recent grades (the last [`RECENT_PER_PROMPT`] of a
//! prompt, the last [`RECENT_PER_AREA`] attempts in a skill area or category), where an
//! attempt that missed a must-have counts as [`MUST_MISSED_COUNTS_AS`] at most, whatever
//! grade it was given (SPEC §11: a missed must-have fails the answer). Lowest score first; ties go
//! to the lower recent rubric coverage, then to what was practised longest ago, then by
//! name. "Recent" means an old bad week stops counting once the user has practised past
//! it. The words for it are `render::review::weakness_rule`; the figures it ranks by are
//! carried on every ranked item ([`Standing`]), so what is shown is what was ranked.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::FastMap;
use super::record::Record;
use crate::bank::Prompt;
use crate::grade::Grade;

/// Attempts of one prompt that make up its recent score.
pub const RECENT_PER_PROMPT: usize = 3;
/// Attempts in one skill area (tag) or category that make up its recent score.
pub const RECENT_PER_AREA: usize = 10;
/// The most an attempt that missed a must-have counts as in a recent score: below a Hard.
pub const MUST_MISSED_COUNTS_AS: f64 = 1.5;
/// A recent score below Good is weak.
pub const WEAK_BELOW: f64 = 3.0;

/// How a prompt, skill area or category stands lately: the figures the rule ranks by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    /// Attempts the recent figures cover (at most the window).
    pub recent_attempts: usize,
    /// Their grades as given, oldest first.
    pub recent_grades: Vec<u8>,
    /// How many of them missed a must-have (each counts [`MUST_MISSED_COUNTS_AS`] at most).
    pub recent_must_missed: usize,
    /// The grades as each counts in the score, oldest first.
    pub recent_counted: Vec<f64>,
    /// Average of the grades as given.
    pub recent_grade: f64,
    /// What the rule ranks by: the average of `recent_counted`.
    pub recent_score: f64,
    /// Rubric coverage over the recent attempts with a rubric, 0.0..=1.0 (1.0 when
    /// none had one).
    pub recent_coverage: f64,
    /// Recent attempts whose rubric was reviewed (a standalone `check` run has none).
    pub recent_rubric_attempts: usize,
    pub last: DateTime<FixedOffset>,
}

impl Standing {
    /// The standing of `recent` (oldest first, not empty).
    #[must_use]
    pub fn of(recent: &[&Record]) -> Standing {
        let counted: Vec<f64> = recent.iter().map(|a| counted(a)).collect();
        Standing {
            recent_attempts: recent.len(),
            recent_grades: recent.iter().map(|a| a.grade).collect(),
            recent_must_missed: recent.iter().filter(|a| a.rubric.must_missed > 0).count(),
            recent_grade: super::mean(recent.iter().map(|a| f64::from(a.grade))).unwrap_or(0.0),
            recent_score: super::mean(counted.iter().copied()).unwrap_or(0.0),
            recent_counted: counted,
            recent_coverage: coverage(recent),
            recent_rubric_attempts: recent.iter().filter(|a| a.has_rubric()).count(),
            last: recent.last().map_or_else(DateTime::default, |a| a.finished),
        }
    }

    /// Below Good lately, by the rule.
    #[must_use]
    pub fn is_weak(&self) -> bool {
        self.recent_score < WEAK_BELOW
    }
}

/// Rubric coverage over the attempts with a rubric; a prompt only ever checked counts
/// as covered.
fn coverage(recent: &[&Record]) -> f64 {
    super::mean(
        recent
            .iter()
            .filter(|a| a.has_rubric())
            .map(|a| a.coverage()),
    )
    .or_else(|| super::mean(recent.iter().map(|a| a.coverage())))
    .unwrap_or(0.0)
}

/// An attempt's grade as it counts in a recent score: a missed must-have holds it to
/// [`MUST_MISSED_COUNTS_AS`] at most.
fn counted(a: &Record) -> f64 {
    let grade = f64::from(a.grade);
    if a.rubric.must_missed > 0 {
        grade.min(MUST_MISSED_COUNTS_AS)
    } else {
        grade
    }
}

/// The rule's order between two ranked items: weaker first.
#[must_use]
pub fn weaker(a: (&Standing, &str), b: (&Standing, &str)) -> std::cmp::Ordering {
    a.0.recent_score
        .total_cmp(&b.0.recent_score)
        .then_with(|| a.0.recent_coverage.total_cmp(&b.0.recent_coverage))
        .then_with(|| a.0.last.cmp(&b.0.last))
        .then_with(|| a.1.cmp(b.1))
}

/// One ranked group of attempts: a prompt, a skill area or a category.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked<'a> {
    pub name: &'a str,
    pub attempts: usize,
    pub average_grade: f64,
    /// The latest attempt in the group.
    pub latest: &'a Record,
    pub standing: Standing,
}

/// The latest `N` records of one group seen so far, with how many it has seen and the
/// sum of their grades: what a ranking needs, kept as the records stream by instead of
/// collecting every group whole. Records mostly arrive in time order, and then taking
/// one in overwrites the oldest kept in a ring.
#[derive(Debug)]
pub struct Latest<'a, const N: usize> {
    /// Until full, the records oldest first from index 0; once full, a ring whose
    /// oldest record is at `head`.
    ring: [Option<&'a Record>; N],
    head: usize,
    len: usize,
    seen: usize,
    grades: u64,
}

impl<const N: usize> Default for Latest<'_, N> {
    fn default() -> Self {
        Latest {
            ring: [None; N],
            head: 0,
            len: 0,
            seen: 0,
            grades: 0,
        }
    }
}

/// `a` comes no later than `b`: by `finished`, then by id.
fn no_later(a: &Record, b: &Record) -> bool {
    match a.finished.cmp(&b.finished) {
        std::cmp::Ordering::Equal => a.id <= b.id,
        order => order == std::cmp::Ordering::Less,
    }
}

impl<'a, const N: usize> Latest<'a, N> {
    /// Takes `r` in, keeping the latest `N` records (by `finished`, then id).
    pub fn push(&mut self, r: &'a Record) {
        self.seen += 1;
        self.grades += u64::from(r.grade);
        if N == 0 {
            return;
        }
        if self.len == N {
            let newest = self.ring[(self.head + N - 1) % N];
            if newest.is_some_and(|newest| no_later(newest, r)) {
                self.ring[self.head] = Some(r);
                self.head = (self.head + 1) % N;
                return;
            }
            // Out of time order: older than everything kept, or in between.
            if self.ring[self.head].is_some_and(|oldest| !no_later(oldest, r)) {
                return;
            }
            // Drop the oldest, take `r` in as the newest, then move it back past the
            // kept records that are later than it: usually one or two.
            let mut at = self.head;
            self.ring[at] = Some(r);
            self.head = (self.head + 1) % N;
            while at != self.head {
                let before = (at + N - 1) % N;
                if self.ring[before].is_none_or(|x| no_later(x, r)) {
                    break;
                }
                self.ring.swap(at, before);
                at = before;
            }
            return;
        }
        let kept = &mut self.ring[..=self.len];
        let at = kept[..kept.len() - 1]
            .iter()
            .rposition(|x| x.is_some_and(|x| no_later(x, r)))
            .map_or(0, |i| i + 1);
        kept[at..].rotate_right(1);
        kept[at] = Some(r);
        self.len += 1;
    }

    /// The records kept, oldest first.
    fn in_order(&self) -> impl Iterator<Item = &'a Record> + '_ {
        (0..self.len).filter_map(|i| self.ring[(self.head + i) % N.max(1)])
    }

    /// The latest record kept.
    fn latest(&self) -> Option<&'a Record> {
        self.in_order().last()
    }

    /// The standing of the records kept: what the rule ranks by.
    #[must_use]
    pub fn standing(&self) -> Standing {
        Standing::of(&self.in_order().collect::<Vec<_>>())
    }
}

/// Ranks the groups `keys` puts each graded record in (a record may be in several),
/// keeping the last `N` attempts of each for its standing, weakest first. Records whose
/// grade is outside 1..=4 are left out.
pub fn rank<'a, const N: usize>(
    records: impl IntoIterator<Item = &'a Record>,
    keys: impl Fn(&'a Record, &mut dyn FnMut(&'a str)),
) -> Vec<Ranked<'a>> {
    let mut groups: FastMap<&'a str, Latest<'a, N>> = FastMap::default();
    for r in records
        .into_iter()
        .filter(|r| Grade::new(r.grade).is_some())
    {
        keys(r, &mut |key| groups.entry(key).or_default().push(r));
    }
    let mut out: Vec<Ranked<'a>> = groups
        .into_iter()
        .filter_map(|(name, group)| {
            Some(Ranked {
                name,
                attempts: group.seen,
                average_grade: group.grades as f64 / group.seen as f64,
                latest: group.latest()?,
                standing: group.standing(),
            })
        })
        .collect();
    out.sort_by(|a, b| weaker((&a.standing, a.name), (&b.standing, b.name)));
    out
}

/// How one prompt has gone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PromptStat<'a> {
    pub prompt: &'a str,
    pub title: &'a str,
    pub category: &'a str,
    pub attempts: usize,
    pub average_grade: f64,
    #[serde(flatten)]
    pub standing: Standing,
}

/// How one skill area (tag) has gone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagStat<'a> {
    pub tag: &'a str,
    pub attempts: usize,
    pub average_grade: f64,
    #[serde(flatten)]
    pub standing: Standing,
}

/// Every practised prompt, weakest first by the rule.
#[must_use]
pub fn prompt_stats(records: &[Record]) -> Vec<PromptStat<'_>> {
    prompt_stats_of(records)
}

/// [`prompt_stats`] of any selection of records.
pub fn prompt_stats_of<'a>(records: impl IntoIterator<Item = &'a Record>) -> Vec<PromptStat<'a>> {
    rank::<RECENT_PER_PROMPT>(records, |r, key| key(&r.prompt))
        .into_iter()
        .map(|g| PromptStat {
            prompt: g.name,
            title: &g.latest.title,
            category: &g.latest.category,
            attempts: g.attempts,
            average_grade: g.average_grade,
            standing: g.standing,
        })
        .collect()
}

/// Every skill area (tag) practised, weakest first by the rule.
#[must_use]
pub fn tag_stats(records: &[Record]) -> Vec<TagStat<'_>> {
    rank::<RECENT_PER_AREA>(records, |r, key| {
        for tag in &r.tags {
            key(tag);
        }
    })
    .into_iter()
    .map(|g| TagStat {
        tag: g.name,
        attempts: g.attempts,
        average_grade: g.average_grade,
        standing: g.standing,
    })
    .collect()
}

/// Every category practised, weakest first by the rule.
#[must_use]
pub fn category_ranks(records: &[Record]) -> Vec<Ranked<'_>> {
    rank::<RECENT_PER_AREA>(records, |r, key| key(&r.category))
}

/// The order `drill weak` serves prompts in (`stats` weakest first, ids from `prompts`):
/// 1. practised prompts whose recent score is below Good, weakest first;
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
    for s in stats.iter().filter(|s| s.standing.is_weak()) {
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
    use crate::history::Attempt;
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
        let shown = &stats[0].standing;
        assert!((shown.recent_grade - 4.0).abs() < 1e-9);
        // An Again that missed a must-have still counts as the Again it was.
        let mut again = attempt("x", "x", "coding", "2026-01-05T09:00:00+00:00", 1);
        again.rubric.must_missed = vec![2];
        assert!((counted(&Record::from(&again)) - 1.0).abs() < 1e-9);
        assert_eq!(shown.recent_counted, vec![MUST_MISSED_COUNTS_AS]);
        assert!((shown.recent_score - MUST_MISSED_COUNTS_AS).abs() < 1e-9);
        assert_eq!(shown.recent_must_missed, 1);
        let tags = tag_stats(&recs);
        assert!(
            tags.iter()
                .all(|t| t.standing.recent_score < t.standing.recent_grade)
        );
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
        assert_eq!(stats[1].standing.recent_grades, vec![4, 4, 4]);
        assert!((stats[1].average_grade - 14.0 / 5.0).abs() < 1e-9);
        assert_eq!(stats[1].attempts, 5);
    }

    #[test]
    fn the_latest_attempts_are_found_whatever_the_file_order() {
        let mut attempts = Vec::new();
        for i in 0..25u32 {
            let mut a = attempt(
                &format!("a{i:02}"),
                "p",
                "coding",
                &format!("2026-01-{:02}T09:00:00+00:00", i + 1),
                u8::try_from(1 + i % 4).unwrap(),
            );
            a.tags = vec!["linux".to_owned()];
            attempts.push(a);
        }
        let in_order = records(&attempts);
        // Every third record moved to the front, the rest reversed.
        let mut shuffled: Vec<Attempt> = attempts.iter().step_by(3).cloned().collect();
        let rest: Vec<Attempt> = attempts
            .iter()
            .rev()
            .filter(|a| !shuffled.contains(a))
            .cloned()
            .collect();
        shuffled.extend(rest);
        let shuffled = records(&shuffled);
        assert_eq!(prompt_stats(&in_order), prompt_stats(&shuffled));
        assert_eq!(tag_stats(&in_order), tag_stats(&shuffled));
        let p = &prompt_stats(&in_order)[0];
        assert_eq!(
            p.standing.recent_grades,
            vec![3, 4, 1],
            "days 23, 24 and 25"
        );
        assert_eq!(p.attempts, 25);
        let t = &tag_stats(&in_order)[0];
        assert_eq!(t.standing.recent_attempts, 10);
        assert_eq!(t.standing.last.to_rfc3339(), "2026-01-25T09:05:00+00:00");
    }

    #[test]
    fn the_latest_kept_are_the_last_by_time_then_id_in_any_order_of_arrival() {
        use rand::seq::SliceRandom;
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(5);
        for round in 0..200 {
            let n: usize = rng.random_range(0..30);
            let attempts: Vec<Attempt> = (0..n)
                .map(|i| {
                    // Few distinct times, so ties on time go to the id.
                    let hour = rng.random_range(0..6);
                    attempt(
                        &format!("a{i:02}"),
                        "p",
                        "coding",
                        &format!("2026-01-01T{hour:02}:00:00+00:00"),
                        3,
                    )
                })
                .collect();
            let mut rs = records(&attempts);
            if round % 2 == 0 {
                rs.shuffle(&mut rng);
            } else {
                rs.sort_by(|a, b| a.finished.cmp(&b.finished).then_with(|| a.id.cmp(&b.id)));
            }
            let mut latest = Latest::<'_, 4>::default();
            for r in &rs {
                latest.push(r);
            }
            let mut expected: Vec<&Record> = rs.iter().collect();
            expected.sort_by(|a, b| a.finished.cmp(&b.finished).then_with(|| a.id.cmp(&b.id)));
            let expected: Vec<&str> = expected[n.saturating_sub(4)..]
                .iter()
                .map(|r| &*r.id)
                .collect();
            let kept: Vec<&str> = latest.in_order().map(|r| &*r.id).collect();
            assert_eq!(kept, expected, "round {round}");
            assert_eq!(latest.seen, n);
        }
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
        assert_eq!(
            (tags[0].attempts, tags[0].standing.recent_attempts),
            (12, 10)
        );
        assert!((tags[0].standing.recent_score - 2.0).abs() < 1e-9);
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
