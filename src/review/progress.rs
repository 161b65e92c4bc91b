//! The spaced-repetition figures a flash-card user expects (Anki's statistics): true
//! retention over the last 30 days, the spread of intervals, new / young / mature
//! counts, prompts tried of all per level, and the current streak.
//!
//! Pure over the schedule (the cards `due` lists: practised prompts still in the bank,
//! and practised labs), the records, the bank's prompts and the labs' ids, with `now`
//! passed in. Nothing here reads files or the clock, and nothing prints.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use serde::Serialize;

use super::FastSet;
use super::record::Record;
use super::schedule::Card;
use crate::bank::{Level, Prompt};
use crate::grade::Grade;

/// Days that retention looks back over.
pub const RETENTION_DAYS: i64 = 30;
/// A card whose interval is at least this many days is mature; below it, young.
pub const MATURE_DAYS: i64 = 21;
/// The lowest grade that counts as recalled: 2 Hard.
pub const PASSING_GRADE: u8 = 2;

/// Everything this module computes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub retention: Retention,
    /// How far out the scheduled prompts are, by bucket, shortest first.
    pub intervals: Vec<IntervalBucket>,
    /// The middle interval of the scheduled prompts, in days; `None` when none is.
    pub median_interval_days: Option<i64>,
    /// Bank prompts and labs never practised.
    pub new: usize,
    /// Scheduled prompts and labs with an interval under [`MATURE_DAYS`] days.
    pub young: usize,
    /// Scheduled prompts and labs with an interval of [`MATURE_DAYS`] days or more.
    pub mature: usize,
    /// Bank prompts practised at least once, of all, per level (entry, mid, senior).
    pub levels: Vec<LevelCount>,
    /// Labs practised at least once, of all.
    pub labs_tried: usize,
    pub labs_total: usize,
    pub streak: Streak,
}

/// Reviews of due prompts in the last [`RETENTION_DAYS`] days, and how many of them
/// were graded [`PASSING_GRADE`] or better.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Retention {
    pub days: i64,
    pub reviews: usize,
    pub passed: usize,
    /// `passed / reviews`; `None` without reviews.
    pub rate: Option<f64>,
}

/// Scheduled prompts whose interval is `min_days..=max_days` (`None`: no upper end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IntervalBucket {
    pub min_days: i64,
    pub max_days: Option<i64>,
    pub prompts: usize,
}

/// The buckets of [`Progress::intervals`]: 1 day, 2-6 days, 1-3 weeks, 3 weeks to
/// 3 months, longer.
pub const BUCKETS: [(i64, Option<i64>); 5] = [
    (0, Some(1)),
    (2, Some(6)),
    (7, Some(MATURE_DAYS - 1)),
    (MATURE_DAYS, Some(90)),
    (91, None),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LevelCount {
    pub level: &'static str,
    pub tried: usize,
    pub total: usize,
}

/// Days in a row with at least one attempt, in the offset of now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Streak {
    /// The run that ends today, or yesterday when today has no attempt yet (the
    /// streak is still alive until today ends); 0 when neither day has one.
    pub current_days: usize,
    pub practised_today: bool,
    /// The longest run in the history.
    pub longest_days: usize,
}

/// The figures at `now`. `cards` are the scheduled prompts and labs (as `due` lists
/// them), `days` the days with an attempt (oldest first, each once: [`days`]),
/// `prompts` the bank, `labs` the labs' ids.
#[must_use]
pub fn progress<'c, 'p: 'c>(
    cards: impl IntoIterator<Item = &'c Card<'p>>,
    days: &[NaiveDate],
    prompts: &[Prompt],
    labs: &[&str],
    now: DateTime<FixedOffset>,
) -> Progress {
    let cards: Vec<&Card<'_>> = cards.into_iter().collect();
    let since = now.with_timezone(&Utc) - TimeDelta::days(RETENTION_DAYS);
    let until = now.with_timezone(&Utc);
    let (mut reviews, mut passed) = (0, 0);
    for review in cards.iter().flat_map(|c| &c.due_reviews) {
        if review.at > since && review.at <= until {
            reviews += 1;
            passed += usize::from(review.grade >= PASSING_GRADE);
        }
    }
    let mut intervals: Vec<i64> = cards.iter().map(|c| c.interval_days).collect();
    intervals.sort_unstable();
    let median_interval_days = (!intervals.is_empty()).then(|| intervals[intervals.len() / 2]);
    let buckets = BUCKETS
        .iter()
        .map(|&(min_days, max_days)| IntervalBucket {
            min_days,
            max_days,
            prompts: intervals
                .iter()
                .filter(|&&d| d >= min_days && max_days.is_none_or(|m| d <= m))
                .count(),
        })
        .collect();
    let young = intervals.iter().filter(|&&d| d < MATURE_DAYS).count();
    let scheduled: FastSet<&str> = cards.iter().map(|c| c.prompt).collect();
    let levels = Level::ALL
        .iter()
        .map(|level| {
            let of_level = prompts.iter().filter(|p| p.level == *level);
            LevelCount {
                level: level.as_str(),
                tried: of_level
                    .clone()
                    .filter(|p| scheduled.contains(p.id.0.as_str()))
                    .count(),
                total: of_level.count(),
            }
        })
        .collect::<Vec<_>>();
    let labs_tried = labs.iter().filter(|l| scheduled.contains(*l)).count();
    let everything = prompts.len() + labs.len();
    Progress {
        retention: Retention {
            days: RETENTION_DAYS,
            reviews,
            passed,
            rate: (reviews > 0).then(|| passed as f64 / reviews as f64),
        },
        intervals: buckets,
        median_interval_days,
        new: everything.saturating_sub(cards.len()),
        young,
        mature: intervals.len() - young,
        levels,
        labs_tried,
        labs_total: labs.len(),
        streak: streak(days, now.date_naive()),
    }
}

/// The days with a graded attempt, in the offset of `now`, oldest first, each once.
/// (`stats` counts the same days as its `practice_days`.)
#[must_use]
pub fn days(records: &[Record], now: DateTime<FixedOffset>) -> Vec<NaiveDate> {
    let offset = *now.offset();
    let mut days: Vec<NaiveDate> = records
        .iter()
        .filter(|r| Grade::new(r.grade).is_some())
        .map(|r| r.started.with_timezone(&offset).date_naive())
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// The current and the longest run of days with an attempt, up to `today`.
fn streak(days: &[NaiveDate], today: NaiveDate) -> Streak {
    let days: Vec<NaiveDate> = days.iter().copied().filter(|d| *d <= today).collect();
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<NaiveDate> = None;
    for day in &days {
        run = match previous {
            Some(p) if *day - p == TimeDelta::days(1) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        previous = Some(*day);
    }
    let practised_today = days.last() == Some(&today);
    let alive = days
        .last()
        .is_some_and(|last| today - *last <= TimeDelta::days(1));
    Streak {
        current_days: if alive { run } else { 0 },
        practised_today,
        longest_days: longest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::record::records;
    use crate::review::schedule::{due_at, schedule};
    use crate::review::tests::{attempt, prompt};

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn retention_counts_the_reviews_of_due_prompts_in_the_last_thirty_days() {
        let attempts = vec![
            // p: first seen long ago, then reviewed when due: once passed, once failed.
            attempt("p1", "p", "coding", "2026-01-01T09:00:00+00:00", 1),
            attempt("p2", "p", "coding", "2026-03-01T09:00:00+00:00", 3),
            attempt("p3", "p", "coding", "2026-03-20T09:00:00+00:00", 1),
            // q: reviewed when due, but before the 30 days.
            attempt("q1", "q", "coding", "2026-01-01T09:00:00+00:00", 3),
            attempt("q2", "q", "coding", "2026-02-01T09:00:00+00:00", 2),
            // r: new within the 30 days, and again the same day (not due): no review.
            attempt("r1", "r", "coding", "2026-03-10T09:00:00+00:00", 4),
            attempt("r2", "r", "coding", "2026-03-10T10:00:00+00:00", 1),
        ];
        let rs = records(&attempts);
        let cards = schedule(&rs);
        let now = at("2026-03-25T12:00:00+00:00");
        let p = progress(&cards, &days(&rs, now), &[], &[], now);
        assert_eq!(
            p.retention,
            Retention {
                days: 30,
                reviews: 2,
                passed: 1,
                rate: Some(0.5)
            }
        );
    }

    #[test]
    fn new_young_and_mature_partition_the_bank_and_the_labs() {
        let bank = vec![
            prompt("a", "coding", Level::Entry, &[]),
            prompt("b", "coding", Level::Entry, &[]),
            prompt("c", "coding", Level::Mid, &[]),
            prompt("d", "coding", Level::Senior, &[]),
        ];
        let mut attempts = Vec::new();
        // "a" practised Easy several times over months: a long interval.
        for (i, day) in ["2025-06-01", "2025-06-20", "2025-08-01", "2025-11-01"]
            .iter()
            .enumerate()
        {
            attempts.push(attempt(
                &format!("a{i}"),
                "a",
                "coding",
                &format!("{day}T09:00:00+00:00"),
                4,
            ));
        }
        attempts.push(attempt("c", "c", "coding", "2026-03-01T09:00:00+00:00", 1));
        attempts.push(attempt("l", "lab-x", "lab", "2026-03-01T09:00:00+00:00", 3));
        let rs = records(&attempts);
        let now = at("2026-03-02T12:00:00+00:00");
        let list = due_at(schedule(&rs), now);
        let cards = list.due.iter().chain(&list.upcoming);
        let p = progress(cards, &days(&rs, now), &bank, &["lab-x", "lab-y"], now);
        assert_eq!((p.new, p.young, p.mature), (3, 2, 1), "{p:?}");
        assert_eq!(p.new + p.young + p.mature, bank.len() + 2);
        let levels: Vec<(&str, usize, usize)> = p
            .levels
            .iter()
            .map(|l| (l.level, l.tried, l.total))
            .collect();
        assert_eq!(
            levels,
            vec![("entry", 1, 2), ("mid", 1, 1), ("senior", 0, 1)]
        );
        assert_eq!((p.labs_tried, p.labs_total), (1, 2));
        let in_buckets: usize = p.intervals.iter().map(|b| b.prompts).sum();
        assert_eq!(in_buckets, 3, "every scheduled prompt is in one bucket");
        assert_eq!(
            p.intervals[0].prompts, 1,
            "the Again of yesterday comes back in a day"
        );
        assert_eq!(p.intervals[4].prompts, 1, "four Easy grades months apart");
    }

    #[test]
    fn the_streak_runs_to_today_or_to_yesterday_while_today_is_still_open() {
        let day = |d: &str| attempt(d, "p", "coding", &format!("{d}T09:00:00+00:00"), 3);
        let history = [
            day("2026-03-01"),
            day("2026-03-02"),
            day("2026-03-03"),
            day("2026-03-04"),
            day("2026-03-08"),
            day("2026-03-09"),
        ];
        let rs = records(&history);
        let on = |now: &str| streak(&days(&rs, at(now)), at(now).date_naive());
        let s = on("2026-03-09T20:00:00+00:00");
        assert_eq!(
            s,
            Streak {
                current_days: 2,
                practised_today: true,
                longest_days: 4
            }
        );
        let s = on("2026-03-10T08:00:00+00:00");
        assert_eq!((s.current_days, s.practised_today), (2, false));
        let s = on("2026-03-11T08:00:00+00:00");
        assert_eq!(s.current_days, 0);
        // A day after today (a clock set wrong) breaks no streak.
        let s = on("2026-03-08T20:00:00+00:00");
        assert_eq!(
            (s.current_days, s.practised_today, s.longest_days),
            (1, true, 4)
        );
        // Days are counted in the offset of now: 23:30 UTC on the 9th is the 10th at +02:00.
        let late = [attempt("x", "p", "coding", "2026-03-09T23:30:00+00:00", 3)];
        let rs = records(&late);
        let now = at("2026-03-10T12:00:00+02:00");
        let s = streak(&days(&rs, now), now.date_naive());
        assert!(s.practised_today);
    }
}
