//! Attempts grouped into practice sessions: the one grouping behind the `history`
//! table and `history show`.

use std::hash::BuildHasherDefault;

use chrono::{DateTime, FixedOffset};

use crate::hash::FastHasher;

/// One session's attempts (or records), in the order they started.
#[derive(Debug, Clone, PartialEq)]
pub struct Session<'a, T> {
    pub id: &'a str,
    pub attempts: Vec<&'a T>,
}

impl<T> Session<'_, T> {
    /// When its first attempt started.
    #[must_use]
    pub fn started(
        &self,
        started: impl Fn(&T) -> DateTime<FixedOffset>,
    ) -> Option<DateTime<FixedOffset>> {
        self.attempts.first().map(|a| started(a))
    }
}

/// Groups `items` by session, newest first: by the start of each session's first
/// attempt, and for sessions that started in the same second, the one whose first line
/// comes later in the file first. Within a session, attempts go by start time, then
/// file order.
pub fn sessions<'a, T>(
    items: &'a [T],
    session: impl Fn(&'a T) -> &'a str,
    started: impl Fn(&T) -> DateTime<FixedOffset>,
) -> Vec<Session<'a, T>> {
    let mut by_id: std::collections::HashMap<&'a str, usize, BuildHasherDefault<FastHasher>> =
        std::collections::HashMap::default();
    // Sessions in order of their first line in the file.
    let mut out: Vec<Session<'a, T>> = Vec::new();
    for item in items {
        let id = session(item);
        let index = *by_id.entry(id).or_insert_with(|| {
            out.push(Session {
                id,
                attempts: Vec::new(),
            });
            out.len() - 1
        });
        out[index].attempts.push(item);
    }
    for s in &mut out {
        s.attempts.sort_by_key(|a| started(a));
    }
    // Stable, after reversing file order: same-second sessions keep "later line first".
    out.reverse();
    out.sort_by_key(|s| std::cmp::Reverse(s.started(&started)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn sessions_go_newest_first_with_their_attempts_in_start_order() {
        let items = [
            ("a", at("2026-03-01T09:10:00+00:00")),
            ("b", at("2026-03-02T09:00:00+00:00")),
            ("a", at("2026-03-01T09:00:00+00:00")),
        ];
        let got = sessions(&items, |i| i.0, |i| i.1);
        let ids: Vec<&str> = got.iter().map(|s| s.id).collect();
        assert_eq!(ids, vec!["b", "a"]);
        assert_eq!(got[1].attempts, vec![&items[2], &items[0]]);
    }

    #[test]
    fn sessions_started_in_the_same_second_go_by_their_first_line() {
        // Both start at 09:00:00. "late" has its first line after "early"'s first line,
        // though "early" also has the file's last line: "late" is the newer session.
        let t = at("2026-03-01T09:00:00+00:00");
        let items = [
            ("early", t),
            ("late", t),
            ("late", t + chrono::TimeDelta::minutes(5)),
            ("early", t + chrono::TimeDelta::minutes(9)),
        ];
        let ids: Vec<&str> = sessions(&items, |i| i.0, |i| i.1)
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids, vec!["late", "early"]);
    }
}
