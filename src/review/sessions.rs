//! The rows of the `history` table: one per session, newest first.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::record::Record;

/// One practice session, summed up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRow<'a> {
    pub id: &'a str,
    /// When its first attempt started.
    pub started: DateTime<FixedOffset>,
    /// The category of its prompts, or `mixed`.
    pub category: &'a str,
    /// The partner who graded it, for a mock interview (SPEC §13); `None` when
    /// self-graded.
    pub graded_by: Option<&'a str>,
    pub prompts: usize,
    pub average_grade: f64,
    /// Planning and answering time of all its attempts.
    pub secs: u64,
}

/// Sums up each session, newest first, in the order of
/// [`crate::history::sessions::sessions`].
#[must_use]
pub fn sessions(records: &[Record]) -> Vec<SessionRow<'_>> {
    crate::history::sessions::sessions(records, |r| &r.session, |r| r.started)
        .into_iter()
        .map(|s| {
            let first = s.attempts[0];
            let mut row = SessionRow {
                id: s.id,
                started: first.started,
                category: &first.category,
                graded_by: s.attempts.iter().find_map(|r| r.graded_by.as_deref()),
                prompts: s.attempts.len(),
                average_grade: 0.0,
                secs: 0,
            };
            let mut grades: u64 = 0;
            for r in &s.attempts {
                if row.category != &*r.category {
                    row.category = "mixed";
                }
                row.secs = row
                    .secs
                    .saturating_add(r.think_secs.saturating_add(r.answer_secs));
                grades += u64::from(r.grade);
            }
            row.average_grade = grades as f64 / row.prompts as f64;
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::record::records;
    use crate::review::tests::attempt;

    #[test]
    fn sessions_sum_their_attempts_newest_first() {
        let mut attempts = vec![
            attempt("a1", "p", "coding", "2026-03-01T09:00:00+00:00", 2),
            attempt("a2", "q", "coding", "2026-03-01T09:20:00+00:00", 4),
            attempt("b1", "r", "coding", "2026-03-02T09:00:00+00:00", 1),
            attempt("b2", "s", "reliability", "2026-03-02T08:00:00+00:00", 3),
        ];
        for a in &mut attempts {
            a.session = a.id[..1].to_owned();
            a.think_secs = 60;
        }
        let rs = records(&attempts);
        let rows = sessions(&rs);
        let summary: Vec<(&str, &str, usize, f64, u64)> = rows
            .iter()
            .map(|r| (r.id, r.category, r.prompts, r.average_grade, r.secs))
            .collect();
        assert_eq!(
            summary,
            vec![("b", "mixed", 2, 2.0, 720), ("a", "coding", 2, 3.0, 720)]
        );
        assert_eq!(rows[0].started.to_rfc3339(), "2026-03-02T08:00:00+00:00");
        assert_eq!(rows[0].graded_by, None);
    }

    #[test]
    fn a_mock_interview_names_its_partner() {
        let mut attempts = vec![
            attempt("a1", "p", "coding", "2026-03-01T09:00:00+00:00", 2),
            attempt("a2", "q", "reliability", "2026-03-01T09:20:00+00:00", 4),
        ];
        for a in &mut attempts {
            a.session = "a".to_owned();
            a.graded_by = Some("Sam".to_owned());
        }
        let rs = records(&attempts);
        let rows = sessions(&rs);
        assert_eq!(
            (rows[0].category, rows[0].graded_by),
            ("mixed", Some("Sam"))
        );
    }

    #[test]
    fn sessions_started_in_the_same_second_go_by_file_order() {
        let mut attempts = vec![
            attempt("z", "p", "coding", "2026-03-01T09:00:00+00:00", 2),
            attempt("a", "q", "coding", "2026-03-01T09:00:00+00:00", 4),
        ];
        attempts[0].session = "zzz".to_owned();
        attempts[1].session = "aaa".to_owned();
        let rs = records(&attempts);
        let ids: Vec<&str> = sessions(&rs).iter().map(|r| r.id).collect();
        assert_eq!(ids, vec!["aaa", "zzz"], "the one written later first");
    }
}
