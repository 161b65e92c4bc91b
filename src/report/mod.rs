//! The report's figures: everything the HTML page shows, gathered once.
//!
//! Pure over the records, the due list and `now`. The figures come from the same review
//! functions `stats` and `due` use (`review::stats::stats`, `review::weak::prompt_stats`,
//! the due list of `commands::review::due_list`), so the page and `stats --json` /
//! `due --json` cannot disagree. What those commands do not compute (attempts per day,
//! the due forecast by day, scenario evidence per week) is counted here from the same
//! records. Nothing here reads files or the clock, and nothing prints; `render::report`
//! turns a [`Report`] into HTML.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta};

use crate::grade::Grade;
use crate::review::record::Record;
use crate::review::schedule::DueList;
use crate::review::stats::{Group, Stats, stats};
use crate::review::weak::{PromptStat, prompt_stats};

/// Prompts in the weakest-prompts table.
pub const WEAKEST: usize = 10;
/// Days in the due forecast, today first.
pub const FORECAST_DAYS: usize = 30;
/// The longest weekly trend, as `stats --weeks` allows.
pub const MAX_WEEKS: usize = 104;

/// Everything on the page.
#[derive(Debug)]
pub struct Report<'a> {
    pub now: DateTime<FixedOffset>,
    /// Weeks in the trend and the calendar: `stats --json --weeks` with this number
    /// gives the same trend.
    pub weeks: usize,
    pub stats: Stats<'a>,
    /// Attempts per day, from the Monday of the first trend week to the Sunday of this
    /// one (days after today count 0).
    pub calendar: Vec<Day>,
    /// Prompts coming due per day, today first; today includes everything overdue.
    pub forecast: Vec<Day>,
    /// Prompts due now (today's bar counts these and those coming due later today).
    pub due_now: usize,
    /// Practised prompts the bank no longer has, left out of the forecast as `due` does.
    pub not_in_bank: usize,
    /// The weakest prompts, weakest first; the first five are `stats`' weakest prompts.
    pub weakest: Vec<PromptStat<'a>>,
    /// Categories with suggested grades, the most generous self-grading first; each
    /// carries `stats`' `calibration` (grade minus suggested grade).
    pub calibration: Vec<Group>,
    /// Scenario attempts per trend week (same weeks as the trend).
    pub scenarios: Vec<ScenarioWeek>,
}

/// A day and how many attempts (calendar) or due prompts (forecast) fall on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub count: usize,
}

/// Scenario attempts in one week.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioWeek {
    pub start: NaiveDate,
    pub attempts: usize,
    /// Mean share of key evidence found, 0.0..=1.0; `None` without attempts.
    pub key_share: Option<f64>,
    /// Attempts that named the cause.
    pub cause_named: usize,
}

impl Report<'_> {
    /// Nothing graded yet: the page says how to start instead of drawing empty charts.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.stats.attempts == 0
    }
}

/// The Monday of `day`'s week, as `stats` counts weeks.
fn week_start(day: NaiveDate) -> NaiveDate {
    day - TimeDelta::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Weeks in the trend: from the week of `since` (or of the first attempt, if later) to
/// this week, at most [`MAX_WEEKS`].
#[must_use]
pub fn weeks(
    records: &[Record],
    now: DateTime<FixedOffset>,
    since: DateTime<FixedOffset>,
) -> usize {
    let offset = *now.offset();
    let this_week = week_start(now.date_naive());
    let first = records
        .iter()
        .filter(|r| Grade::new(r.grade).is_some())
        .map(|r| r.started)
        .min()
        .map_or(now, |first| first.max(since));
    let first_week = week_start(first.with_timezone(&offset).date_naive());
    let back = usize::try_from((this_week - first_week).num_days() / 7).unwrap_or(0);
    (back + 1).min(MAX_WEEKS)
}

/// Gathers the page's figures.
///
/// `due` is the due list at `now`, as `due` computes it.
#[must_use]
pub fn report<'a>(
    records: &'a [Record],
    due: &DueList<'_>,
    not_in_bank: usize,
    now: DateTime<FixedOffset>,
    since: DateTime<FixedOffset>,
) -> Report<'a> {
    let weeks = weeks(records, now, since);
    let stats = stats(records, now, Some(weeks));
    let offset = *now.offset();
    let first_day = stats
        .overall
        .trend
        .first()
        .map_or_else(|| week_start(now.date_naive()), |w| w.start);
    let days = weeks * 7;
    let mut calendar: Vec<Day> = (0..days)
        .map(|i| Day {
            date: first_day + TimeDelta::days(i64::try_from(i).unwrap_or(0)),
            count: 0,
        })
        .collect();
    for r in records.iter().filter(|r| Grade::new(r.grade).is_some()) {
        let day = r.started.with_timezone(&offset).date_naive();
        if let Ok(i) = usize::try_from((day - first_day).num_days())
            && let Some(slot) = calendar.get_mut(i)
        {
            slot.count += 1;
        }
    }

    let today = now.date_naive();
    let mut forecast: Vec<Day> = (0..FORECAST_DAYS)
        .map(|i| Day {
            date: today + TimeDelta::days(i64::try_from(i).unwrap_or(0)),
            count: 0,
        })
        .collect();
    for card in due.due.iter().chain(&due.upcoming) {
        let day = card.due.with_timezone(&offset).date_naive();
        let i = usize::try_from((day - today).num_days()).unwrap_or(0);
        if let Some(slot) = forecast.get_mut(i) {
            slot.count += 1;
        }
    }

    let mut weakest = prompt_stats(records);
    weakest.truncate(WEAKEST);

    // Per trend week: attempts, sum of key-evidence shares, causes named.
    let mut per_week = vec![(0usize, 0.0f64, 0usize); stats.overall.trend.len()];
    for r in records.iter().filter(|r| Grade::new(r.grade).is_some()) {
        let Some(s) = &r.scenario else {
            continue;
        };
        let day = r.started.with_timezone(&offset).date_naive();
        if let Ok(i) = usize::try_from((day - first_day).num_days() / 7)
            && day >= first_day
            && let Some(slot) = per_week.get_mut(i)
        {
            slot.0 += 1;
            // As `stats` counts it: a scenario without key evidence is fully found.
            slot.1 += if s.key_total == 0 {
                1.0
            } else {
                f64::from(s.key_found) / f64::from(s.key_total)
            };
            slot.2 += usize::from(s.cause_named);
        }
    }
    let scenarios = stats
        .overall
        .trend
        .iter()
        .zip(per_week)
        .map(|(w, (n, shares, named))| ScenarioWeek {
            start: w.start,
            attempts: n,
            key_share: (n > 0).then(|| shares / n as f64),
            cause_named: named,
        })
        .collect();

    let mut report = Report {
        now,
        weeks,
        stats,
        calendar,
        forecast,
        due_now: due.due.len(),
        not_in_bank,
        weakest,
        calibration: Vec::new(),
        scenarios,
    };
    let mut calibration: Vec<Group> = report
        .stats
        .categories
        .iter()
        .filter(|g| g.calibration.is_some())
        .cloned()
        .collect();
    calibration.sort_by(|a, b| {
        let (ca, cb) = (a.calibration.unwrap_or(0.0), b.calibration.unwrap_or(0.0));
        cb.total_cmp(&ca).then_with(|| a.name.cmp(&b.name))
    });
    report.calibration = calibration;
    report
}
