//! `history import`: which records of another history file are new here.
//!
//! Identity is the attempt id, so importing the same file twice, or a file that already
//! shares records with this one (a git merge, a copy from another laptop), adds nothing
//! twice. A record whose id is here with different content is a conflict: the record
//! here is kept, and the conflicts are counted for the caller to report. Writing is the
//! caller's job, through `History::append`.

use std::collections::HashMap;

use crate::grade::Grade;
use crate::history::Attempt;

/// The outcome of comparing an incoming history with this one.
#[derive(Debug, Default)]
pub struct Merge<'a> {
    /// Records to append, oldest first.
    pub new: Vec<&'a Attempt>,
    /// Records already here, identical (or repeated in the incoming file).
    pub duplicates: usize,
    /// Records whose id is already here (or earlier in the incoming file) with different
    /// content; the first record with that id is kept.
    pub conflicts: usize,
    /// The id of the first conflict, to name in the report.
    pub first_conflict: Option<&'a str>,
    /// Records with an empty id or a grade outside 1..=4.
    pub invalid: usize,
}

/// Picks the incoming records that are not in `existing`.
#[must_use]
pub fn merge<'a>(existing: &[Attempt], incoming: &'a [Attempt]) -> Merge<'a> {
    let mut known: HashMap<&str, &Attempt> = existing.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut out = Merge::default();
    for a in incoming {
        if a.id.trim().is_empty() || Grade::new(a.grade).is_none() {
            out.invalid += 1;
        } else if let Some(kept) = known.get(a.id.as_str()) {
            if *kept == a {
                out.duplicates += 1;
            } else {
                out.conflicts += 1;
                out.first_conflict.get_or_insert(a.id.as_str());
            }
        } else {
            known.insert(a.id.as_str(), a);
            out.new.push(a);
        }
    }
    out.new
        .sort_by(|a, b| a.finished.cmp(&b.finished).then_with(|| a.id.cmp(&b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::tests::attempt;

    #[test]
    fn only_unknown_ids_are_new_and_each_only_once() {
        let here = vec![attempt("a", "p", "coding", "2026-01-01T09:00:00+00:00", 3)];
        let there = vec![
            attempt("c", "p", "coding", "2026-01-03T09:00:00+00:00", 3),
            attempt("a", "p", "coding", "2026-01-01T09:00:00+00:00", 3),
            attempt("b", "p", "coding", "2026-01-02T09:00:00+00:00", 2),
            attempt("b", "p", "coding", "2026-01-02T09:00:00+00:00", 2),
            attempt("", "p", "coding", "2026-01-02T09:00:00+00:00", 2),
            attempt("z", "p", "coding", "2026-01-02T09:00:00+00:00", 7),
        ];
        let merge = merge(&here, &there);
        let ids: Vec<&str> = merge.new.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, vec!["b", "c"], "oldest first");
        assert_eq!((merge.duplicates, merge.invalid), (2, 2));
        assert_eq!((merge.conflicts, merge.first_conflict), (0, None));
    }

    #[test]
    fn the_same_id_with_other_content_is_a_conflict_and_the_record_here_stays() {
        let here = vec![attempt("a", "p", "coding", "2026-01-01T09:00:00+00:00", 3)];
        let there = vec![
            attempt("a", "p", "coding", "2026-01-01T09:00:00+00:00", 1),
            attempt("b", "p", "coding", "2026-01-02T09:00:00+00:00", 2),
            attempt("b", "q", "coding", "2026-01-02T09:00:00+00:00", 2),
        ];
        let merge = merge(&here, &there);
        let ids: Vec<&str> = merge.new.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, vec!["b"]);
        assert_eq!(
            merge.new[0].prompt.0, "p",
            "the first record with an id wins"
        );
        assert_eq!((merge.conflicts, merge.first_conflict), (2, Some("a")));
        assert_eq!(merge.duplicates, 0);
    }
}
