//! `stats`: per category and per tag — attempts, average grade, rubric coverage,
//! median time against the time box, overtime rate — and the trend over weeks.
//!
//! Weeks start on Monday in the offset of `now`; the last week is the one holding `now`.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta};
use serde::Serialize;

use super::record::Record;
use super::weak::{PromptStat, prompt_stats};
use super::{FastMap, FastSet};
use crate::grade::Grade;

/// Weeks in the trend when the caller does not choose.
pub const DEFAULT_WEEKS: usize = 12;
/// `change` compares the last this-many weeks with the same span before them.
pub const CHANGE_WEEKS: i64 = 4;
/// How many weakest prompts `stats` names.
pub const WEAKEST_PROMPTS: usize = 5;

/// Everything `stats` shows.
#[derive(Debug, Serialize)]
pub struct Stats<'a> {
    pub attempts: usize,
    pub sessions: usize,
    pub first: Option<DateTime<FixedOffset>>,
    pub last: Option<DateTime<FixedOffset>>,
    pub overall: Group,
    /// Weakest first (lowest average grade).
    pub categories: Vec<Group>,
    /// Weakest first (lowest average grade).
    pub tags: Vec<Group>,
    pub weakest_prompts: Vec<PromptStat<'a>>,
    /// Self grades against partner grades, per category where both exist (SPEC §13).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub graders: Vec<super::graders::GraderComparison>,
}

/// The figures for one category, one tag, or everything.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub name: String,
    pub attempts: usize,
    pub average_grade: f64,
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
    /// One entry per week, oldest first.
    pub trend: Vec<Week>,
    /// Average grade of the last [`CHANGE_WEEKS`] weeks minus the weeks before them;
    /// `None` unless both spans have attempts.
    pub change: Option<f64>,
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
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    /// The Monday the week starts on.
    pub start: NaiveDate,
    pub attempts: usize,
    pub average_grade: Option<f64>,
    /// Over the week's attempts with a rubric; `None` when it had none.
    pub coverage: Option<f64>,
}

#[derive(Default)]
struct Acc {
    n: usize,
    grades: u64,
    coverage: f64,
    rubric_n: usize,
    labs: (usize, usize),
    answer_secs: Vec<u64>,
    box_secs: Vec<u64>,
    timed: usize,
    over: usize,
    /// Per week back from now: attempts, grade sum, coverage sum.
    weeks: Vec<(usize, u64, f64, usize)>,
    /// Attempts and grade sums of the recent and the earlier span for `change`.
    recent: (usize, u64),
    earlier: (usize, u64),
    /// Attempts with a suggestion, and the sum of grade minus suggestion.
    calibrated: (usize, i64),
    /// Scenario attempts, the sum of their key-evidence shares, and causes named.
    scenarios: (usize, f64, usize),
}

impl Acc {
    fn add(&mut self, a: &Record, weeks_back: Option<i64>, window: usize) {
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
        if let Some(s) = a.suggested_grade {
            self.calibrated.0 += 1;
            self.calibrated.1 += i64::from(a.grade) - i64::from(s);
        }
        if let Some(s) = a.scenario {
            self.scenarios.0 += 1;
            self.scenarios.1 += if s.key_total == 0 {
                1.0
            } else {
                f64::from(s.key_found) / f64::from(s.key_total)
            };
            self.scenarios.2 += usize::from(s.cause_named);
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
                self.weeks = vec![(0, 0, 0.0, 0); window];
            }
            let w = &mut self.weeks[window - 1 - i];
            w.0 += 1;
            w.1 += grade;
            w.2 += coverage;
            w.3 += usize::from(rubric);
        }
        if back < CHANGE_WEEKS {
            self.recent.0 += 1;
            self.recent.1 += grade;
        } else if back < 2 * CHANGE_WEEKS {
            self.earlier.0 += 1;
            self.earlier.1 += grade;
        }
    }

    fn finish(mut self, name: String, starts: &[NaiveDate]) -> Group {
        let n = self.n.max(1) as f64;
        let avg = |(count, sum): (usize, u64)| (count > 0).then(|| sum as f64 / count as f64);
        let trend = starts
            .iter()
            .enumerate()
            .map(|(i, start)| {
                let (count, grades, coverage, rubric) =
                    self.weeks.get(i).copied().unwrap_or_default();
                Week {
                    start: *start,
                    attempts: count,
                    average_grade: avg((count, grades)),
                    coverage: (rubric > 0).then(|| coverage / rubric as f64),
                }
            })
            .collect();
        Group {
            name,
            attempts: self.n,
            average_grade: self.grades as f64 / n,
            coverage: self.coverage / self.rubric_n.max(1) as f64,
            rubric_attempts: self.rubric_n,
            lab_attempts: self.labs.0,
            labs_solved: self.labs.1,
            median_answer_secs: median(&mut self.answer_secs),
            median_time_box_secs: median(&mut self.box_secs),
            timed_attempts: self.timed,
            overtime_rate: (self.timed > 0).then(|| self.over as f64 / self.timed as f64),
            trend,
            change: avg(self.recent).zip(avg(self.earlier)).map(|(r, e)| r - e),
            calibration: (self.calibrated.0 > 0)
                .then(|| self.calibrated.1 as f64 / self.calibrated.0 as f64),
            suggested_attempts: self.calibrated.0,
            scenario_attempts: self.scenarios.0,
            key_evidence_found: (self.scenarios.0 > 0)
                .then(|| self.scenarios.1 / self.scenarios.0 as f64),
            cause_named_rate: (self.scenarios.0 > 0)
                .then(|| self.scenarios.2 as f64 / self.scenarios.0 as f64),
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

fn week_start(day: NaiveDate) -> NaiveDate {
    day - TimeDelta::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Computes the statistics of `attempts` as seen at `now`, with a trend of `weeks`
/// weeks (default: from the first attempt's week to now, at most [`DEFAULT_WEEKS`]).
/// Attempts with a grade outside 1..=4 are left out.
#[must_use]
pub fn stats(attempts: &[Record], now: DateTime<FixedOffset>, weeks: Option<usize>) -> Stats<'_> {
    let graded: Vec<&Record> = attempts
        .iter()
        .filter(|a| Grade::new(a.grade).is_some())
        .collect();
    let offset = *now.offset();
    let this_week = week_start(now.date_naive());
    let weeks_back = |a: &Record| {
        let start = week_start(a.started.with_timezone(&offset).date_naive());
        let back = (this_week - start).num_days() / 7;
        (back >= 0).then_some(back)
    };
    let earliest = graded.iter().min_by_key(|a| a.started);
    let first = earliest.map(|a| a.started);
    let last = graded.iter().map(|a| a.started).max();
    let window = weeks.unwrap_or_else(|| {
        let span = earliest.and_then(|a| weeks_back(a)).unwrap_or(0);
        usize::try_from(span + 1)
            .unwrap_or(DEFAULT_WEEKS)
            .min(DEFAULT_WEEKS)
    });
    let window = window.max(1);
    let starts: Vec<NaiveDate> = (0..window)
        .rev()
        .map(|back| this_week - TimeDelta::weeks(i64::try_from(back).unwrap_or(0)))
        .collect();

    let mut overall = Acc::default();
    let mut categories: FastMap<&str, Acc> = FastMap::default();
    let mut tags: FastMap<&str, Acc> = FastMap::default();
    let mut sessions: FastSet<&str> = FastSet::default();
    for a in &graded {
        let back = weeks_back(a);
        overall.add(a, back, window);
        categories
            .entry(&*a.category)
            .or_default()
            .add(a, back, window);
        for tag in &a.tags {
            tags.entry(&**tag).or_default().add(a, back, window);
        }
        sessions.insert(&*a.session);
    }
    let finish_all = |groups: FastMap<&str, Acc>| {
        let mut out: Vec<Group> = groups
            .into_iter()
            .map(|(name, acc)| acc.finish(name.to_owned(), &starts))
            .collect();
        out.sort_by(|a, b| {
            a.average_grade
                .total_cmp(&b.average_grade)
                .then_with(|| a.coverage.total_cmp(&b.coverage))
                .then_with(|| a.name.cmp(&b.name))
        });
        out
    };
    let mut weakest_prompts = prompt_stats(attempts);
    weakest_prompts.truncate(WEAKEST_PROMPTS);
    Stats {
        attempts: graded.len(),
        sessions: sessions.len(),
        first,
        last,
        overall: overall.finish("all".to_owned(), &starts),
        categories: finish_all(categories),
        tags: finish_all(tags),
        weakest_prompts,
        graders: super::graders::compare(&graded),
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
        let s = stats(&rs, now(), None);
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
        let s = stats(&rs, now(), None);
        assert_eq!((s.overall.attempts, s.overall.rubric_attempts), (2, 1));
        assert!((s.overall.average_grade - 2.5).abs() < 1e-9);
        assert!((s.overall.coverage - 0.25).abs() < 1e-9);
        assert!((s.overall.trend.last().unwrap().coverage.unwrap() - 0.25).abs() < 1e-9);
        assert!((s.weakest_prompts[0].recent_coverage - 0.25).abs() < 1e-9);
        let only = records(&[checked]);
        let s = stats(&only, now(), None);
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
        let s = stats(&rs, now(), None);
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
        let s = stats(&rs, now(), None);
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
        let s = stats(&rs, now(), None);
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
        assert_eq!(stats(&rs, now(), Some(12)).overall.trend.len(), 12);
    }

    #[test]
    fn weeks_follow_the_offset_of_now() {
        // Sunday 23:30 in UTC is already Monday in UTC+2.
        let attempts = vec![attempt("a", "p", "coding", "2026-03-08T23:30:00+00:00", 3)];
        let rs = records(&attempts);
        let utc = stats(&rs, now(), Some(2));
        assert_eq!(utc.overall.trend[0].attempts, 1);
        let rs = records(&attempts);
        let plus_two = stats(
            &rs,
            now().with_timezone(&FixedOffset::east_opt(7200).unwrap()),
            Some(2),
        );
        assert_eq!(plus_two.overall.trend[1].attempts, 1);
    }

    #[test]
    fn change_compares_the_last_four_weeks_with_the_four_before() {
        let attempts = vec![
            attempt("a", "p", "coding", "2026-01-20T09:00:00+00:00", 1),
            attempt("b", "p", "coding", "2026-02-02T09:00:00+00:00", 2),
            attempt("c", "p", "coding", "2026-02-20T09:00:00+00:00", 3),
            attempt("d", "p", "coding", "2026-03-10T09:00:00+00:00", 4),
        ];
        let rs = records(&attempts);
        let s = stats(&rs, now(), None);
        // Recent: weeks of Feb 16 .. Mar 9 (grades 3, 4); earlier: Jan 19 .. Feb 9 (1, 2).
        assert_eq!(s.overall.change, Some(2.0));
        let rs = records(&attempts);
        let recent_only = stats(&rs[3..], now(), None);
        assert_eq!(recent_only.overall.change, None);
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
        let s = stats(&rs, now(), None);
        assert_eq!(s.sessions, 2);
        let weakest: Vec<&str> = s.weakest_prompts.iter().map(|p| p.prompt).collect();
        assert_eq!(weakest, vec!["p2", "p3", "p6", "p1", "p5"]);
    }
}
