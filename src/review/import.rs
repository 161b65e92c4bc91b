//! `history import`: which records of another history file are new here.
//!
//! Identity is the attempt id, so importing the same file twice, or a file that already
//! shares records with this one (a git merge, a copy from another laptop), adds nothing
//! twice. Writing is the caller's job, through `History::append`.

use std::collections::HashSet;

use crate::grade::Grade;
use crate::history::Attempt;

/// The outcome of comparing an incoming history with this one.
#[derive(Debug, Default)]
pub struct Merge<'a> {
    /// Records to append, oldest first.
    pub new: Vec<&'a Attempt>,
    /// Records whose id is already here (or earlier in the incoming file).
    pub duplicates: usize,
    /// Records with an empty id or a grade outside 1..=4.
    pub invalid: usize,
}

/// Picks the incoming records that are not in `existing`.
#[must_use]
pub fn merge<'a>(existing: &[Attempt], incoming: &'a [Attempt]) -> Merge<'a> {
    let mut known: HashSet<&str> = existing.iter().map(|a| a.id.as_str()).collect();
    let mut out = Merge::default();
    for a in incoming {
        if a.id.trim().is_empty() || Grade::new(a.grade).is_none() {
            out.invalid += 1;
        } else if known.insert(a.id.as_str()) {
            out.new.push(a);
        } else {
            out.duplicates += 1;
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
    }
}
