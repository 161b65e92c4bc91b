//! Which attempts a reading command looks at: `--since`, `--category`, `--prompt`.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta};

use super::record::Record;
use crate::history::Attempt;

/// The start of the period the user asked about: `7d`, `2w`, `12h`, `today` or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// This long before now.
    Ago(TimeDelta),
    /// Midnight at the start of this day, in the offset of `now`.
    Day(NaiveDate),
    /// Midnight at the start of today.
    Today,
}

impl Since {
    /// Reads `7d`, `2w`, `1y` (365 days), `12h`, `today` or `2026-01-01`.
    ///
    /// # Errors
    /// A sentence naming the text and the forms that work.
    pub fn parse(text: &str) -> Result<Since, String> {
        let t = text.trim().to_ascii_lowercase();
        let bad = || {
            format!(
                "'{text}' is not a point in time; use a form like 7d, 2w, 1y, 12h, today or 2026-01-01"
            )
        };
        if t == "today" {
            return Ok(Since::Today);
        }
        if let Ok(day) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
            return Ok(Since::Day(day));
        }
        let Some(unit) = t.chars().last() else {
            return Err(bad());
        };
        let number = &t[..t.len() - unit.len_utf8()];
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n: i64 = number.parse().map_err(|_| bad())?;
        let hours = match unit {
            'h' => Some(n),
            'd' => n.checked_mul(24),
            'w' => n.checked_mul(24 * 7),
            'y' => n.checked_mul(24 * 365),
            _ => return Err(bad()),
        };
        let delta = hours
            .filter(|h| *h <= 24 * 366 * 100)
            .and_then(TimeDelta::try_hours)
            .ok_or_else(|| format!("'{text}' reaches back more than a hundred years"))?;
        Ok(Since::Ago(delta))
    }

    /// The first moment included, seen from `now`.
    #[must_use]
    pub fn cutoff(self, now: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        let midnight = |day: NaiveDate| {
            day.and_time(NaiveTime::MIN)
                .and_local_timezone(*now.offset())
                .single()
                .unwrap_or(now)
        };
        match self {
            Since::Ago(delta) => now.checked_sub_signed(delta).unwrap_or(now),
            Since::Day(day) => midnight(day),
            Since::Today => midnight(now.date_naive()),
        }
    }
}

/// What the user narrowed the history to. Empty fields match everything.
#[derive(Debug, Clone, Default)]
pub struct AttemptFilter {
    /// Attempts started at or after this moment.
    pub since: Option<DateTime<FixedOffset>>,
    /// Category name, compared without regard to case.
    pub category: Option<String>,
    /// Prompt id, exact.
    pub prompt: Option<String>,
}

impl AttemptFilter {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.since.is_none() && self.category.is_none() && self.prompt.is_none()
    }

    #[must_use]
    pub fn matches(&self, attempt: &Attempt) -> bool {
        self.accepts(
            attempt.started,
            attempt.category.as_str(),
            &attempt.prompt.0,
        )
    }

    #[must_use]
    pub fn matches_record(&self, record: &Record) -> bool {
        self.accepts(record.started, &record.category, &record.prompt)
    }

    fn accepts(&self, started: DateTime<FixedOffset>, category: &str, prompt: &str) -> bool {
        self.since.is_none_or(|t| started >= t)
            && self
                .category
                .as_deref()
                .is_none_or(|c| category.eq_ignore_ascii_case(c))
            && self.prompt.as_deref().is_none_or(|p| prompt == p)
    }

    /// The matching attempts, in file order.
    #[must_use]
    pub fn apply(&self, attempts: Vec<Attempt>) -> Vec<Attempt> {
        if self.is_empty() {
            return attempts;
        }
        attempts.into_iter().filter(|a| self.matches(a)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::tests::attempt;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn since_reads_durations_dates_and_today() {
        assert_eq!(Since::parse("7d"), Ok(Since::Ago(TimeDelta::days(7))));
        assert_eq!(Since::parse("2w"), Ok(Since::Ago(TimeDelta::days(14))));
        assert_eq!(Since::parse("12H"), Ok(Since::Ago(TimeDelta::hours(12))));
        assert_eq!(Since::parse("1y"), Ok(Since::Ago(TimeDelta::days(365))));
        assert_eq!(Since::parse("today"), Ok(Since::Today));
        assert_eq!(
            Since::parse("2026-01-01"),
            Ok(Since::Day(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()))
        );
        for bad in ["", "d", "7", "7x", "-7d", "2026-13-01", "7d3h", "ünï"] {
            assert!(
                Since::parse(bad)
                    .unwrap_err()
                    .contains("not a point in time"),
                "{bad}"
            );
        }
        assert!(
            Since::parse("99999999999999w")
                .unwrap_err()
                .contains("hundred years")
        );
    }

    #[test]
    fn cutoffs_are_taken_in_the_offset_of_now() {
        let now = at("2026-03-10T15:30:00+02:00");
        assert_eq!(
            Since::Ago(TimeDelta::days(7)).cutoff(now),
            at("2026-03-03T15:30:00+02:00")
        );
        assert_eq!(Since::Today.cutoff(now), at("2026-03-10T00:00:00+02:00"));
        assert_eq!(
            Since::parse("2026-03-01").unwrap().cutoff(now),
            at("2026-03-01T00:00:00+02:00")
        );
    }

    #[test]
    fn a_filter_keeps_attempts_matching_every_field() {
        let attempts = vec![
            attempt("a", "p1", "coding", "2026-03-01T10:00:00+00:00", 3),
            attempt("b", "p2", "Troubleshooting", "2026-03-05T10:00:00+00:00", 2),
            attempt("c", "p2", "troubleshooting", "2026-02-01T10:00:00+00:00", 1),
        ];
        let filter = AttemptFilter {
            since: Some(at("2026-03-01T00:00:00+00:00")),
            category: Some("troubleshooting".to_owned()),
            prompt: None,
        };
        let kept: Vec<String> = filter
            .apply(attempts.clone())
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(kept, vec!["b"]);
        let by_prompt = AttemptFilter {
            prompt: Some("p2".to_owned()),
            ..AttemptFilter::default()
        };
        assert_eq!(by_prompt.apply(attempts.clone()).len(), 2);
        assert_eq!(AttemptFilter::default().apply(attempts.clone()).len(), 3);
        let records = crate::review::record::records(&attempts);
        let kept: Vec<&str> = records
            .iter()
            .filter(|r| filter.matches_record(r))
            .map(|r| &*r.id)
            .collect();
        assert_eq!(kept, vec!["b"]);
    }
}
