//! The report's figures: everything the HTML page shows, gathered once.
//!
//! Pure over what `stats --json` and `due --json` print for the same history at the
//! same moment (`commands::review::figures` computes both once, labs and all), so the
//! page and those commands cannot disagree. The weekly charts show the last
//! [`Report::weeks`] weeks of `stats`' trend; the calendar covers every week of the
//! period asked for (`--since`), those before the first attempt empty. What the page
//! counts by day (the calendar, the due forecast) is counted here from `stats`'
//! practice days and `due`'s list. Nothing here reads files or the clock, and nothing
//! prints; `render::report` turns a [`Report`] into HTML.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};

use crate::review::schedule::DueList;
use crate::review::stats::{Group, Stats, Week, week_start};

/// Days in the due forecast, today first.
pub const FORECAST_DAYS: usize = 30;
/// The longest weekly trend the page draws.
pub const MAX_WEEKS: usize = 104;

/// Everything on the page.
#[derive(Debug)]
pub struct Report<'a> {
    pub now: DateTime<FixedOffset>,
    /// Weeks in the weekly charts: the last this-many of `stats`' trend (the weeks of
    /// the period that the history reaches).
    pub weeks: usize,
    /// `stats --json` for the whole history, spaced-repetition figures included.
    pub stats: Stats<'a>,
    /// Attempts per day, from the Monday of the period's first week to the Sunday of
    /// this one (days before the history and after today count 0): whole weeks, at
    /// most [`MAX_WEEKS`].
    pub calendar: Vec<Day>,
    /// Prompts and labs coming due per day, today first; today includes everything
    /// overdue.
    pub forecast: Vec<Day>,
    /// Prompts and labs due now (today's bar counts these and those coming due later
    /// today), and how many of them are labs.
    pub due_now: usize,
    pub due_labs: usize,
    /// Practised prompts the bank no longer has, left out of the forecast as `due` does.
    pub not_in_bank: usize,
    /// Categories with suggested grades, the most generous self-grading first; each
    /// carries `stats`' `calibration` (grade minus suggested grade).
    pub calibration: Vec<Group>,
}

/// A day and how many attempts (calendar) or due prompts (forecast) fall on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub count: usize,
}

impl Report<'_> {
    /// Nothing graded yet: the page says how to start instead of drawing empty charts.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.stats.attempts == 0
    }

    /// The weeks of a trend that the page shows: the last [`Report::weeks`].
    #[must_use]
    pub fn shown<'t>(&self, trend: &'t [Week]) -> &'t [Week] {
        &trend[trend.len().saturating_sub(self.weeks)..]
    }

    /// Weeks in the calendar: every week of the period.
    #[must_use]
    pub fn calendar_weeks(&self) -> usize {
        self.calendar.len() / 7
    }
}

/// Weeks of the period: from the week of `since` to this week, at least 1 and at most
/// [`MAX_WEEKS`].
#[must_use]
pub fn period_weeks(now: DateTime<FixedOffset>, since: DateTime<FixedOffset>) -> usize {
    let this_week = week_start(now.date_naive());
    let since_week = week_start(since.with_timezone(now.offset()).date_naive());
    let back = usize::try_from((this_week - since_week).num_days() / 7).unwrap_or(0);
    (back + 1).clamp(1, MAX_WEEKS)
}

/// Weeks the weekly charts show: those of the period, at most the `trend_weeks` of the
/// history (from its first attempt's week).
#[must_use]
pub fn weeks(
    trend_weeks: usize,
    now: DateTime<FixedOffset>,
    since: DateTime<FixedOffset>,
) -> usize {
    period_weeks(now, since).min(trend_weeks).max(1)
}

/// Gathers the page's figures from `stats` (over the whole history, with its
/// spaced-repetition figures) and the due list at `now`, as `due` computes it.
#[must_use]
pub fn report<'a>(
    stats: Stats<'a>,
    due: &DueList<'_>,
    not_in_bank: usize,
    now: DateTime<FixedOffset>,
    since: DateTime<FixedOffset>,
) -> Report<'a> {
    let weeks = weeks(stats.period.trend_weeks, now, since);
    let calendar_weeks = period_weeks(now, since);
    let offset = *now.offset();
    let this_week = week_start(now.date_naive());
    let first_day = this_week - TimeDelta::weeks(i64::try_from(calendar_weeks).unwrap_or(1) - 1);
    let mut calendar: Vec<Day> = (0..calendar_weeks * 7)
        .map(|i| Day {
            date: first_day + TimeDelta::days(i64::try_from(i).unwrap_or(0)),
            count: 0,
        })
        .collect();
    for d in &stats.practice_days {
        if let Ok(i) = usize::try_from((d.date - first_day).num_days())
            && let Some(slot) = calendar.get_mut(i)
        {
            slot.count += d.attempts;
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

    let mut calibration: Vec<Group> = stats
        .categories
        .iter()
        .filter(|g| g.calibration.is_some())
        .cloned()
        .collect();
    calibration.sort_by(|a, b| {
        let (ca, cb) = (a.calibration.unwrap_or(0.0), b.calibration.unwrap_or(0.0));
        cb.total_cmp(&ca).then_with(|| a.name.cmp(&b.name))
    });
    Report {
        now,
        weeks,
        stats,
        calendar,
        forecast,
        due_now: due.due.len(),
        due_labs: due
            .due
            .iter()
            .filter(|c| c.category == crate::lab::CATEGORY)
            .count(),
        not_in_bank,
        calibration,
    }
}
