//! `stats`: per category and per tag — attempts, average grade, the standing the one
//! weakness rule ranks by (`review::weak`), rubric coverage, median time against the
//! time box, overtime rate, hints, checked runs, labs solved, scenario findings and risky
//! steps — and the trend over weeks.
//!
//! The period is the whole history, or the last N weeks (the week holding `now` and the
//! N - 1 before it). Weeks start on Monday in the offset of `now`; the last week is the
//! one holding `now`, and it takes part in no comparison until it has ended.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta};
use serde::Serialize;

use super::record::Record;
use super::weak::{Latest, PromptStat, RECENT_PER_AREA, Standing, prompt_stats_of, weaker};
use super::{FastMap, FastSet};
use crate::grade::Grade;

/// `change` compares the last this-many complete weeks with the same span before them.
pub const CHANGE_WEEKS: i64 = 4;
/// Fewer attempts than this in the two compared spans together, and a change is too
/// few attempts to say anything about.
pub const MIN_ATTEMPTS_TO_COMPARE: usize = 20;
/// How many weakest prompts `stats --json` lists (and the report shows; the text
/// shows the first few).
pub const WEAKEST_PROMPTS: usize = 10;
/// The longest trend of a whole history: a hand-edited date from long ago must not
/// make one entry per week since then.
pub const MAX_TREND_WEEKS: usize = 1040;

/// Which attempts `stats` looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Period {
    /// Every attempt in the history.
    All,
    /// The attempts of the last N weeks: the week holding now and the N - 1 before it.
    Weeks(usize),
}

/// The period as `stats --json` states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodInfo {
    /// `None` for the whole history.
    pub weeks: Option<usize>,
    /// The Monday of the first week in the trend.
    pub from: NaiveDate,
    /// Weeks in the trend (the first attempt's week to this one, for the whole history).
    pub trend_weeks: usize,
}

/// Everything `stats` shows.
#[derive(Debug, Serialize)]
pub struct Stats<'a> {
    pub period: PeriodInfo,
    pub attempts: usize,
    pub sessions: usize,
    pub first: Option<DateTime<FixedOffset>>,
    pub last: Option<DateTime<FixedOffset>>,
    pub overall: Group,
    /// Weakest first, by the one rule (`review::weak`).
    pub categories: Vec<Group>,
    /// Skill areas, weakest first, by the one rule (`review::weak`).
    pub tags: Vec<Group>,
    /// Weakest first, by the one rule; the first is the weakest prompt.
    pub weakest_prompts: Vec<PromptStat<'a>>,
    /// Self grades against partner grades, per category where both exist (SPEC §13).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub graders: Vec<super::graders::GraderComparison>,
    /// Each grader's attempts: yourself first, then each partner, with the suggested
    /// grades of the same attempts.
    pub graded_by: Vec<super::graders::GraderRow>,
    /// Attempts per day with practice, oldest first, in the offset of now.
    pub practice_days: Vec<PracticeDay>,
    /// The spaced-repetition figures (`review::progress`), over the whole history;
    /// filled in by the command, which has the bank and the schedule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<super::progress::Progress>,
}

/// A day with practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PracticeDay {
    pub date: NaiveDate,
    pub attempts: usize,
}

/// The figures for one category, one tag, or everything.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub name: String,
    pub attempts: usize,
    pub average_grade: f64,
    /// What the weakness rule ranks by (the last attempts of the group).
    #[serde(flatten)]
    pub standing: Standing,
    /// Mean share of rubric points covered, 0.0..=1.0, over the attempts with a rubric
    /// (labs have none: they are solved or not).
    pub coverage: f64,
    /// Attempts that `coverage` averages over: all but the labs.
    pub rubric_attempts: usize,
    /// Lab attempts and how many of them were solved.
    pub lab_attempts: usize,
    pub labs_solved: usize,
    pub median_answer_secs: u64,
    pub median_time_box_secs: u64,
    pub timed_attempts: usize,
    /// Share of timed attempts that ran over the time box; `None` without timed attempts.
    pub overtime_rate: Option<f64>,
    /// Hints asked for, in all, and the attempts that asked for any.
    pub hints_used: u64,
    pub attempts_with_hints: usize,
    /// Attempts with a checked run (SPEC §12), and those whose last run passed every case.
    pub checked_runs: usize,
    pub checked_passed: usize,
    /// One entry per week, oldest first.
    pub trend: Vec<Week>,
    /// Average grade of the last [`CHANGE_WEEKS`] complete weeks minus the
    /// [`CHANGE_WEEKS`] before them; `None` unless both spans lie in the period, both
    /// have attempts, and together they have at least [`MIN_ATTEMPTS_TO_COMPARE`].
    pub change: Option<f64>,
    /// Attempts in the two compared spans together.
    pub compared_attempts: usize,
    /// Average of grade minus suggested grade over the attempts that have a suggestion
    /// (SPEC §11): above zero, the user grades themselves more kindly than the evidence.
    pub calibration: Option<f64>,
    /// Attempts with a suggested grade (what `calibration` averages over).
    pub suggested_attempts: usize,
    /// Scenario attempts, with the mean share of key evidence found and how often the
    /// cause was named (SPEC §10); `None` without scenario attempts.
    pub scenario_attempts: usize,
    pub key_evidence_found: Option<f64>,
    pub cause_named_rate: Option<f64>,
    /// Risky steps taken in scenarios, in all, and the scenario attempts with any.
    pub risky_steps: u64,
    pub risky_attempts: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    /// The Monday the week starts on.
    pub start: NaiveDate,
    /// False for the week holding now: it has not ended, so it is compared with nothing.
    pub complete: bool,
    pub attempts: usize,
    pub average_grade: Option<f64>,
    /// Over the week's attempts with a rubric; `None` when it had none.
    pub coverage: Option<f64>,
    pub scenario_attempts: usize,
    /// Mean share of key evidence found in the week's scenarios; `None` without any.
    pub key_evidence_found: Option<f64>,
    pub causes_named: usize,
}

/// What one week of one group adds up.
#[derive(Debug, Clone, Copy, Default)]
struct WeekAcc {
    n: usize,
    grades: u64,
    coverage: f64,
    rubric_n: usize,
    scenarios: usize,
    key_share: f64,
    causes: usize,
}

#[derive(Default)]
struct Acc<'a> {
    /// The latest attempts, for the standing the weakness rule ranks by.
    latest: Latest<'a, RECENT_PER_AREA>,
    n: usize,
    grades: u64,
    coverage: f64,
    rubric_n: usize,
    labs: (usize, usize),
    answer_secs: Vec<u64>,
    box_secs: Vec<u64>,
    timed: usize,
    over: usize,
    hints: (u64, usize),
    checked: (usize, usize),
    weeks: Vec<WeekAcc>,
    /// Attempts and grade sums of the recent and the earlier span for `change`.
    recent: (usize, u64),
    earlier: (usize, u64),
    /// Attempts with a suggestion, and the sum of grade minus suggestion.
    calibrated: (usize, i64),
    /// Scenario attempts, the sum of their key-evidence shares, and causes named.
    scenarios: (usize, f64, usize),
    /// Risky steps in all, and scenario attempts with any.
    risky: (u64, usize),
    /// Attempts and grade sums, self-graded and partner-graded (SPEC §13).
    graders: super::graders::SelfAndPartner,
}

/// A scenario's share of key evidence found: one without key evidence is fully found.
fn key_share(s: &super::record::Findings) -> f64 {
    if s.key_total == 0 {
        1.0
    } else {
        f64::from(s.key_found) / f64::from(s.key_total)
    }
}

impl<'a> Acc<'a> {
    fn add(&mut self, a: &'a Record, weeks_back: Option<i64>, window: usize) {
        self.latest.push(a);
        let grade = u64::from(a.grade);
        // A lab's one "point" is whether it was solved, not rubric coverage.
        let lab = &*a.category == crate::lab::CATEGORY;
        // A standalone check run logs no rubric: it stays out of coverage too.
        let rubric = !lab && a.has_rubric();
        let coverage = if rubric { a.coverage() } else { 0.0 };
        self.n += 1;
        self.grades += grade;
        if lab {
            self.labs.0 += 1;
            self.labs.1 += usize::from(a.rubric.total > 0 && a.rubric.covered >= a.rubric.total);
        } else if rubric {
            self.rubric_n += 1;
            self.coverage += coverage;
        }
        self.answer_secs.push(a.answer_secs);
        self.box_secs.push(a.time_box_secs);
        super::graders::count(&mut self.graders, a);
        self.hints.0 += u64::from(a.hints_used);
        self.hints.1 += usize::from(a.hints_used > 0);
        if let Some(c) = a.check {
            self.checked.0 += 1;
            self.checked.1 += usize::from(c.all_passed());
        }
        if let Some(s) = a.suggested_grade {
            self.calibrated.0 += 1;
            self.calibrated.1 += i64::from(a.grade) - i64::from(s);
        }
        if let Some(s) = &a.scenario {
            self.scenarios.0 += 1;
            self.scenarios.1 += key_share(s);
            self.scenarios.2 += usize::from(s.cause_named);
            self.risky.0 += u64::from(s.risky);
            self.risky.1 += usize::from(s.risky > 0);
        }
        if a.timed {
            self.timed += 1;
            if a.overtime_secs > 0 {
                self.over += 1;
            }
        }
        let Some(back) = weeks_back else {
            return;
        };
        if let Ok(i) = usize::try_from(back)
            && i < window
        {
            if self.weeks.is_empty() {
                self.weeks = vec![WeekAcc::default(); window];
            }
            let w = &mut self.weeks[window - 1 - i];
            w.n += 1;
            w.grades += grade;
            w.coverage += coverage;
            w.rubric_n += usize::from(rubric);
            if let Some(s) = &a.scenario {
                w.scenarios += 1;
                w.key_share += key_share(s);
                w.causes += usize::from(s.cause_named);
            }
        }
        // The week holding now (back 0) is compared with nothing until it ends.
        if (1..=CHANGE_WEEKS).contains(&back) {
            self.recent.0 += 1;
            self.recent.1 += grade;
        } else if (CHANGE_WEEKS + 1..=2 * CHANGE_WEEKS).contains(&back) {
            self.earlier.0 += 1;
            self.earlier.1 += grade;
        }
    }

    fn finish(mut self, name: String, starts: &[NaiveDate], comparable: bool) -> Group {
        let standing = self.latest.standing();
        let n = self.n.max(1) as f64;
        let avg = |(count, sum): (usize, u64)| (count > 0).then(|| sum as f64 / count as f64);
        let last = starts.len().saturating_sub(1);
        let trend = starts
            .iter()
            .enumerate()
            .map(|(i, start)| {
                let w = self.weeks.get(i).copied().unwrap_or_default();
                Week {
                    start: *start,
                    complete: i < last,
                    attempts: w.n,
                    average_grade: avg((w.n, w.grades)),
                    coverage: (w.rubric_n > 0).then(|| w.coverage / w.rubric_n as f64),
                    scenario_attempts: w.scenarios,
                    key_evidence_found: (w.scenarios > 0).then(|| w.key_share / w.scenarios as f64),
                    causes_named: w.causes,
                }
            })
            .collect();
        let compared = self.recent.0 + self.earlier.0;
        let change = avg(self.recent)
            .zip(avg(self.earlier))
            .filter(|_| comparable && compared >= MIN_ATTEMPTS_TO_COMPARE)
            .map(|(r, e)| r - e);
        Group {
            name,
            attempts: self.n,
            average_grade: self.grades as f64 / n,
            standing,
            coverage: self.coverage / self.rubric_n.max(1) as f64,
            rubric_attempts: self.rubric_n,
            lab_attempts: self.labs.0,
            labs_solved: self.labs.1,
            median_answer_secs: median(&mut self.answer_secs),
            median_time_box_secs: median(&mut self.box_secs),
            timed_attempts: self.timed,
            overtime_rate: (self.timed > 0).then(|| self.over as f64 / self.timed as f64),
            hints_used: self.hints.0,
            attempts_with_hints: self.hints.1,
            checked_runs: self.checked.0,
            checked_passed: self.checked.1,
            trend,
            change,
            compared_attempts: compared,
            calibration: (self.calibrated.0 > 0)
                .then(|| self.calibrated.1 as f64 / self.calibrated.0 as f64),
            suggested_attempts: self.calibrated.0,
            scenario_attempts: self.scenarios.0,
            key_evidence_found: (self.scenarios.0 > 0)
                .then(|| self.scenarios.1 / self.scenarios.0 as f64),
            cause_named_rate: (self.scenarios.0 > 0)
                .then(|| self.scenarios.2 as f64 / self.scenarios.0 as f64),
            risky_steps: self.risky.0,
            risky_attempts: self.risky.1,
        }
    }
}

/// The middle value (the mean of the two middle ones for an even count); 0 when empty.
fn median(values: &mut [u64]) -> u64 {
    if values.is_empty() {
        return 0;
    }
    let len = values.len();
    let (lower, upper, _) = values.select_nth_unstable(len / 2);
    let upper = *upper;
    if len % 2 == 1 {
        return upper;
    }
    let lower = lower.iter().copied().max().unwrap_or(upper);
    lower + (upper - lower) / 2
}

/// The Monday of `day`'s week.
#[must_use]
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - TimeDelta::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Computes the statistics of `attempts` over `period` as seen at `now`. Attempts with a
/// grade outside 1..=4 are left out, and with [`Period::Weeks`] so are those before its
/// first week.
#[must_use]
pub fn stats(attempts: &[Record], now: DateTime<FixedOffset>, period: Period) -> Stats<'_> {
    let offset = *now.offset();
    let this_week = week_start(now.date_naive());
    let day_of = |a: &Record| a.started.with_timezone(&offset).date_naive();
    let weeks_back_from = |day: NaiveDate| {
        let back = (this_week - week_start(day)).num_days() / 7;
        (back >= 0).then_some(back)
    };
    let weeks_back = |a: &Record| weeks_back_from(day_of(a));
    let in_period = |a: &Record| match period {
        Period::All => true,
        Period::Weeks(n) => weeks_back(a).is_none_or(|b| usize::try_from(b).is_ok_and(|b| b < n)),
    };
    let records = || attempts.iter().filter(|a| in_period(a));
    let graded: Vec<&Record> = records()
        .filter(|a| Grade::new(a.grade).is_some())
        .collect();
    let earliest = graded.iter().min_by_key(|a| a.started);
    let first = earliest.map(|a| a.started);
    let last = graded.iter().map(|a| a.started).max();
    let window = match period {
        Period::Weeks(n) => n,
        Period::All => {
            let span = earliest.and_then(|a| weeks_back(a)).unwrap_or(0);
            usize::try_from(span + 1).map_or(MAX_TREND_WEEKS, |w| w.min(MAX_TREND_WEEKS))
        }
    }
    .max(1);
    // Both compared spans must lie inside the period.
    let comparable = match period {
        Period::All => true,
        Period::Weeks(n) => i64::try_from(n).is_ok_and(|n| n > 2 * CHANGE_WEEKS),
    };
    let starts: Vec<NaiveDate> = (0..window)
        .rev()
        .map(|back| this_week - TimeDelta::weeks(i64::try_from(back).unwrap_or(0)))
        .collect();

    let mut overall = Acc::default();
    overall.answer_secs.reserve_exact(graded.len());
    overall.box_secs.reserve_exact(graded.len());
    let mut categories: FastMap<&str, Acc> = FastMap::default();
    let mut tags: FastMap<&str, Acc> = FastMap::default();
    let mut sessions: FastSet<&str> = FastSet::default();
    let mut days: FastMap<NaiveDate, usize> = FastMap::default();
    for a in &graded {
        let day = day_of(a);
        let back = weeks_back_from(day);
        overall.add(a, back, window);
        categories
            .entry(&*a.category)
            .or_default()
            .add(a, back, window);
        for tag in &a.tags {
            tags.entry(&**tag).or_default().add(a, back, window);
        }
        sessions.insert(&*a.session);
        *days.entry(day).or_default() += 1;
    }
    let mut graders: Vec<super::graders::GraderComparison> = categories
        .iter()
        .filter_map(|(name, acc)| super::graders::comparison(name, acc.graders))
        .collect();
    graders.sort_by(|a, b| a.category.cmp(&b.category));
    // Each group with the standing the one weakness rule ranks by, weakest first.
    let finish_ranked = |groups: FastMap<&str, Acc<'_>>| {
        let mut out: Vec<Group> = groups
            .into_iter()
            .map(|(name, acc)| acc.finish(name.to_owned(), &starts, comparable))
            .collect();
        out.sort_by(|a, b| weaker((&a.standing, &a.name), (&b.standing, &b.name)));
        out
    };
    let mut weakest_prompts = prompt_stats_of(records());
    weakest_prompts.truncate(WEAKEST_PROMPTS);
    let mut practice_days: Vec<PracticeDay> = days
        .into_iter()
        .map(|(date, attempts)| PracticeDay { date, attempts })
        .collect();
    practice_days.sort_by_key(|d| d.date);
    Stats {
        period: PeriodInfo {
            weeks: match period {
                Period::All => None,
                Period::Weeks(n) => Some(n),
            },
            from: starts.first().copied().unwrap_or(this_week),
            trend_weeks: window,
        },
        attempts: graded.len(),
        sessions: sessions.len(),
        first,
        last,
        overall: overall.finish("all".to_owned(), &starts, comparable),
        categories: finish_ranked(categories),
        tags: finish_ranked(tags),
        weakest_prompts,
        graders,
        graded_by: super::graders::by_grader(&graded),
        practice_days,
        progress: None,
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Attempt;
    use crate::review::record::records;
    use crate::review::tests::attempt;

    fn now() -> DateTime<FixedOffset> {
        // A Wednesday.
        DateTime::parse_from_rfc3339("2026-03-11T12:00:00+00:00").unwrap()
    }

    fn timed(mut a: Attempt, answer: u64, time_box: u64, covered: &[u32], total: u32) -> Attempt {
        a.timed = true;
        a.answer_secs = answer;
        a.time_box_secs = time_box;
        a.overtime_secs = answer.saturating_sub(time_box);
        a.rubric.covered = covered.to_vec();
        a.rubric.total = total;
        a
    }

    #[test]
    fn groups_count_average_and_cover() {
        let attempts = vec![
            timed(
                attempt("a", "p", "coding", "2026-03-09T09:00:00+00:00", 2),
                500,
                600,
                &[1],
                4,
            ),
            timed(
                attempt("b", "p", "coding", "2026-03-10T09:00:00+00:00", 3),
                700,
                600,
                &[1, 2, 3],
                4,
            ),
            timed(
                attempt("c", "q", "coding", "2026-03-10T09:00:00+00:00", 4),
                300,
                1200,
                &[1, 2],
                2,
            ),
            attempt("d", "r", "reliability", "2026-03-10T09:00:00+00:00", 1),
        ];
        let rs = records(&attempts);
        let s = stats(&rs, now(), Period::All);
        assert_eq!(s.attempts, 4);
        let coding = s.categories.iter().find(|g| g.name == "coding").unwrap();
        assert_eq!(coding.attempts, 3);
        assert!((coding.average_grade - 3.0).abs() < 1e-9);
        assert!((coding.coverage - (0.25 + 0.75 + 1.0) / 3.0).abs() < 1e-9);
        assert_eq!(coding.median_answer_secs, 500);
        assert_eq!(coding.median_time_box_secs, 600);
        assert_eq!(coding.timed_attempts, 3);
        assert!((coding.overtime_rate.unwrap() - 1.0 / 3.0).abs() < 1e-9);
        let reliability = s
            .categories
            .iter()
            .find(|g| g.name == "reliability")
            .unwrap();
        assert_eq!(reliability.overtime_rate, None);
        assert_eq!(s.categories[0].name, "reliability", "weakest first");
    }

    #[test]
    fn a_check_run_without_a_rubric_counts_its_grade_but_not_coverage() {
        let mut drilled = attempt("a", "chk-x", "coding", "2026-03-10T09:00:00+00:00", 2);
        drilled.rubric.covered = vec![1];
        drilled.rubric.total = 4;
        let mut checked = attempt("b", "chk-x", "coding", "2026-03-10T10:00:00+00:00", 3);
        checked.rubric = crate::history::Coverage::default();
        let rs = records(&[drilled, checked.clone()]);
        let s = stats(&rs, now(), Period::All);
        assert_eq!((s.overall.attempts, s.overall.rubric_attempts), (2, 1));
        assert!((s.overall.average_grade - 2.5).abs() < 1e-9);
        assert!((s.overall.coverage - 0.25).abs() < 1e-9);
        assert!((s.overall.trend.last().unwrap().coverage.unwrap() - 0.25).abs() < 1e-9);
        assert!((s.weakest_prompts[0].standing.recent_coverage - 0.25).abs() < 1e-9);
        let only = records(&[checked]);
        let s = stats(&only, now(), Period::All);
        assert_eq!(s.overall.rubric_attempts, 0);
        assert_eq!(s.overall.trend.last().unwrap().coverage, None);
    }

    #[test]
    fn labs_count_as_solved_or_not_and_stay_out_of_rubric_coverage() {
        let mut solved = attempt("a", "lab-x", "lab", "2026-03-09T09:00:00+00:00", 4);
        solved.rubric.covered = vec![1];
        solved.rubric.total = 1;
        let mut unsolved = attempt("b", "lab-y", "lab", "2026-03-10T09:00:00+00:00", 1);
        unsolved.rubric.covered = vec![];
        unsolved.rubric.total = 1;
        let mut prompt = attempt("c", "p", "coding", "2026-03-10T09:00:00+00:00", 2);
        prompt.rubric.covered = vec![1];
        prompt.rubric.total = 4;
        let rs = records(&[solved, unsolved, prompt]);
        let s = stats(&rs, now(), Period::All);
        assert!(
            (s.overall.coverage - 0.25).abs() < 1e-9,
            "{}",
            s.overall.coverage
        );
        assert_eq!(s.overall.rubric_attempts, 1);
        assert_eq!((s.overall.lab_attempts, s.overall.labs_solved), (2, 1));
        let week = s.overall.trend.last().unwrap();
        assert!((week.coverage.unwrap() - 0.25).abs() < 1e-9);
        let lab = s.categories.iter().find(|g| g.name == "lab").unwrap();
        assert_eq!(
            (lab.rubric_attempts, lab.lab_attempts, lab.labs_solved),
            (0, 2, 1)
        );
    }

    #[test]
    fn medians_of_even_counts_take_the_middle_two() {
        assert_eq!(median(&mut [4, 1, 3, 2]), 2);
        assert_eq!(median(&mut [10, 20]), 15);
        assert_eq!(median(&mut [7]), 7);
        assert_eq!(median(&mut []), 0);
    }

    #[test]
    fn a_tag_counts_every_attempt_that_carries_it() {
        let mut a = attempt("a", "p", "coding", "2026-03-09T09:00:00+00:00", 2);
        a.tags = vec!["linux".to_owned(), "git".to_owned()];
        let mut b = attempt("b", "q", "troubleshooting", "2026-03-09T09:00:00+00:00", 4);
        b.tags = vec!["linux".to_owned()];
        let attempts = [a, b];
        let rs = records(&attempts);
        let s = stats(&rs, now(), Period::All);
        let linux = s.tags.iter().find(|g| g.name == "linux").unwrap();
        assert_eq!(linux.attempts, 2);
        assert!((linux.average_grade - 3.0).abs() < 1e-9);
        assert_eq!(s.tags[0].name, "git");
    }

    #[test]
    fn the_trend_has_one_entry_per_week_ending_with_this_one() {
        let attempts = vec![
            attempt("a", "p", "coding", "2026-02-23T09:00:00+00:00", 1),
            attempt("b", "p", "coding", "2026-03-01T23:00:00+00:00", 3),
            attempt("c", "p", "coding", "2026-03-09T00:30:00+00:00", 4),
        ];
        let rs = records(&attempts);
        let s = stats(&rs, now(), Period::All);
        let weeks: Vec<(String, usize, Option<f64>)> = s
            .overall
            .trend
            .iter()
            .map(|w| (w.start.to_string(), w.attempts, w.average_grade))
            .collect();
        assert_eq!(
            weeks,
            vec![
                ("2026-02-23".to_owned(), 2, Some(2.0)),
                ("2026-03-02".to_owned(), 0, None),
                ("2026-03-09".to_owned(), 1, Some(4.0)),
            ]
        );
        assert_eq!(stats(&rs, now(), Period::Weeks(12)).overall.trend.len(), 12);
    }

    #[test]
    fn weeks_follow_the_offset_of_now() {
        // Sunday 23:30 in UTC is already Monday in UTC+2.
        let attempts = vec![attempt("a", "p", "coding", "2026-03-08T23:30:00+00:00", 3)];
        let rs = records(&attempts);
        let utc = stats(&rs, now(), Period::Weeks(2));
        assert_eq!(utc.overall.trend[0].attempts, 1);
        let rs = records(&attempts);
        let plus_two = stats(
            &rs,
            now().with_timezone(&FixedOffset::east_opt(7200).unwrap()),
            Period::Weeks(2),
        );
        assert_eq!(plus_two.overall.trend[1].attempts, 1);
    }

    /// `n` attempts at `prompt` graded `grade`, on the given day.
    fn many(n: usize, prompt: &str, day: &str, grade: u8) -> Vec<Attempt> {
        (0..n)
            .map(|i| {
                attempt(
                    &format!("{prompt}-{day}-{i}"),
                    prompt,
                    "coding",
                    &format!("{day}T09:{i:02}:00+00:00"),
                    grade,
                )
            })
            .collect()
    }

    #[test]
    fn change_compares_the_last_four_complete_weeks_with_the_four_before() {
        // Now is Wednesday 11 March: the week of 9 March has not ended.
        let mut attempts = many(10, "p", "2026-01-20", 1); // earlier span
        attempts.extend(many(10, "p", "2026-02-18", 3)); // recent span
        attempts.extend(many(5, "p", "2026-03-10", 4)); // this week: not compared
        let rs = records(&attempts);
        let s = stats(&rs, now(), Period::All);
        assert_eq!(s.overall.change, Some(2.0));
        assert_eq!(s.overall.compared_attempts, 20);
        let trend = &s.overall.trend;
        assert!(!trend.last().unwrap().complete && trend[trend.len() - 2].complete);
    }

    #[test]
    fn a_change_needs_twenty_attempts_in_the_weeks_compared() {
        let mut attempts = many(9, "p", "2026-01-20", 1);
        attempts.extend(many(10, "p", "2026-02-18", 3));
        attempts.extend(many(30, "p", "2026-03-10", 4));
        let rs = records(&attempts);
        let s = stats(&rs, now(), Period::All);
        assert_eq!((s.overall.change, s.overall.compared_attempts), (None, 19));
    }

    #[test]
    fn a_period_of_weeks_keeps_only_its_attempts_and_compares_only_inside_it() {
        let mut attempts = many(10, "p", "2026-01-20", 1);
        attempts.extend(many(10, "p", "2026-02-18", 3));
        let rs = records(&attempts);
        let all = stats(&rs, now(), Period::All);
        assert_eq!(all.attempts, 20);
        assert_eq!(all.period.weeks, None);
        assert_eq!(all.period.trend_weeks, 8, "from the first attempt's week");
        let last_five = stats(&rs, now(), Period::Weeks(5));
        assert_eq!(last_five.attempts, 10);
        assert_eq!(last_five.overall.trend.len(), 5);
        assert_eq!(
            last_five.overall.change, None,
            "the earlier span is outside"
        );
        assert_eq!(
            last_five.period.from,
            NaiveDate::from_ymd_opt(2026, 2, 9).unwrap()
        );
        assert!((last_five.overall.average_grade - 3.0).abs() < 1e-9);
    }

    #[test]
    fn groups_are_ordered_by_the_weakness_rule_and_carry_its_figures() {
        // Coding: good long ago, bad lately; reliability: the other way round. By the
        // average over the period they tie; by the rule, coding is weaker now.
        let mut attempts = many(10, "c", "2026-02-02", 4);
        attempts.extend(many(10, "c", "2026-03-02", 1));
        let mut rel = many(10, "r", "2026-02-02", 1);
        rel.extend(many(10, "r", "2026-03-02", 4));
        for a in &mut rel {
            a.category = crate::bank::Category::new("reliability");
            a.tags = vec!["reliability".to_owned()];
        }
        attempts.extend(rel);
        let rs = records(&attempts);
        let s = stats(&rs, now(), Period::All);
        let names: Vec<&str> = s.categories.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, vec!["coding", "reliability"]);
        assert!((s.categories[0].standing.recent_score - 1.0).abs() < 1e-9);
        assert_eq!(s.categories[0].standing.recent_attempts, 10);
        let ranked: Vec<&str> = crate::review::weak::category_ranks(&rs)
            .iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(names, ranked);
    }

    #[test]
    fn self_and_partner_grades_are_compared_as_the_graders_module_compares_them() {
        let mut attempts = vec![
            attempt("a", "p", "coding", "2026-03-09T09:00:00+00:00", 4),
            attempt("b", "p", "coding", "2026-03-09T10:00:00+00:00", 2),
            attempt("c", "q", "reliability", "2026-03-09T11:00:00+00:00", 2),
            attempt("d", "r", "design", "2026-03-09T11:00:00+00:00", 1),
            attempt("e", "r", "design", "2026-03-09T12:00:00+00:00", 3),
        ];
        attempts[1].graded_by = Some("Sam".to_owned());
        attempts[4].graded_by = Some("Kim".to_owned());
        let rs = records(&attempts);
        let refs: Vec<&Record> = rs.iter().collect();
        let s = stats(&rs, now(), Period::All);
        assert_eq!(s.graders, crate::review::graders::compare(&refs));
        let names: Vec<&str> = s.graders.iter().map(|g| g.category.as_str()).collect();
        assert_eq!(names, ["coding", "design"]);
    }

    #[test]
    fn hints_checked_runs_and_risky_steps_are_counted() {
        let mut a = attempt("a", "p", "coding", "2026-03-09T09:00:00+00:00", 3);
        a.hints_used = 2;
        a.check = Some(crate::history::CheckRecord {
            command: "./x".to_owned(),
            passed: 5,
            total: 5,
        });
        let mut b = attempt("b", "p", "coding", "2026-03-09T10:00:00+00:00", 2);
        b.check = Some(crate::history::CheckRecord {
            command: "./x".to_owned(),
            passed: 4,
            total: 5,
        });
        let mut c = attempt("c", "q", "troubleshooting", "2026-03-09T11:00:00+00:00", 2);
        c.hints_used = 1;
        c.scenario = Some(crate::history::ScenarioRecord {
            actions: Vec::new(),
            key_found: 1,
            key_total: 2,
            cause_named: true,
            cause_secs: None,
            risky: vec!["reboot".to_owned(), "kill".to_owned()],
            fixes: Vec::new(),
            good_fixes: 0,
        });
        let rs = records(&[a, b, c]);
        let s = stats(&rs, now(), Period::All);
        let all = &s.overall;
        assert_eq!((all.hints_used, all.attempts_with_hints), (3, 2));
        assert_eq!((all.checked_runs, all.checked_passed), (2, 1));
        assert_eq!((all.risky_steps, all.risky_attempts), (2, 1));
        let week = all.trend.last().unwrap();
        assert_eq!((week.scenario_attempts, week.causes_named), (1, 1));
        assert_eq!(week.key_evidence_found, Some(0.5));
        assert_eq!(
            s.practice_days,
            vec![PracticeDay {
                date: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
                attempts: 3
            }]
        );
    }

    #[test]
    fn sessions_and_the_weakest_prompts_are_reported() {
        let mut attempts = Vec::new();
        for (i, g) in [4, 3, 1, 2, 4, 3, 2].into_iter().enumerate() {
            let mut a = attempt(
                &format!("a{i}"),
                &format!("p{i}"),
                "coding",
                "2026-03-10T09:00:00+00:00",
                g,
            );
            a.session = format!("s{}", i % 2);
            attempts.push(a);
        }
        let rs = records(&attempts);
        let s = stats(&rs, now(), Period::All);
        assert_eq!(s.sessions, 2);
        let weakest: Vec<&str> = s.weakest_prompts.iter().map(|p| p.prompt).collect();
        assert_eq!(weakest, vec!["p2", "p3", "p6", "p1", "p5", "p0", "p4"]);
    }
}
