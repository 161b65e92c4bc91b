//! Who graded an attempt (SPEC §13): the user themselves, or a partner in a mock
//! interview. `stats --graded-by` filters by it, and `stats` compares the two kinds of
//! grade per category where both exist. Pure over records.

use serde::Serialize;

use super::record::Record;
use crate::grade::Grade;

/// What `--graded-by` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GradedBy {
    /// Self-graded attempts (no `graded_by`).
    Me,
    /// Attempts graded by any partner.
    AnyPartner,
    /// Attempts graded by this partner (any case).
    Named(String),
}

impl GradedBy {
    /// `self`, `partner`, or a partner's name.
    #[must_use]
    pub fn parse(text: &str) -> Self {
        let t = text.trim();
        if t.eq_ignore_ascii_case("self") {
            GradedBy::Me
        } else if t.eq_ignore_ascii_case("partner") {
            GradedBy::AnyPartner
        } else {
            GradedBy::Named(t.to_owned())
        }
    }

    #[must_use]
    pub fn matches(&self, r: &Record) -> bool {
        match (self, r.graded_by.as_deref()) {
            (GradedBy::Me, None) | (GradedBy::AnyPartner, Some(_)) => true,
            (GradedBy::Named(name), Some(by)) => by.eq_ignore_ascii_case(name),
            _ => false,
        }
    }
}

/// Self grades against partner grades in one category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraderComparison {
    pub category: String,
    pub self_attempts: usize,
    pub self_average: f64,
    pub partner_attempts: usize,
    pub partner_average: f64,
    /// Self average minus partner average: above zero, the user grades themselves
    /// more kindly than partners do.
    pub difference: f64,
}

/// Per category with both self-graded and partner-graded attempts (grades 1..=4),
/// sorted by category name.
#[must_use]
pub fn compare(records: &[&Record]) -> Vec<GraderComparison> {
    let mut by: std::collections::BTreeMap<&str, [(usize, u64); 2]> =
        std::collections::BTreeMap::new();
    for r in records.iter().filter(|r| Grade::new(r.grade).is_some()) {
        let slot = usize::from(r.graded_by.is_some());
        let entry = by.entry(&r.category).or_default();
        entry[slot].0 += 1;
        entry[slot].1 += u64::from(r.grade);
    }
    by.into_iter()
        .filter(|(_, [me, partner])| me.0 > 0 && partner.0 > 0)
        .map(|(category, [me, partner])| {
            let mean = |(n, sum): (usize, u64)| sum as f64 / n as f64;
            GraderComparison {
                category: category.to_owned(),
                self_attempts: me.0,
                self_average: mean(me),
                partner_attempts: partner.0,
                partner_average: mean(partner),
                difference: mean(me) - mean(partner),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::record::records;
    use crate::review::tests::attempt;

    #[test]
    fn self_and_partner_grades_are_compared_where_both_exist() {
        let mut a = vec![
            attempt("s.1", "p1", "coding", "2026-03-01T10:00:00+00:00", 4),
            attempt("s.2", "p2", "coding", "2026-03-01T10:10:00+00:00", 3),
            attempt("s.3", "p3", "coding", "2026-03-02T10:00:00+00:00", 2),
            attempt("s.4", "p4", "reliability", "2026-03-02T10:00:00+00:00", 2),
        ];
        a[2].graded_by = Some("Sam".to_owned());
        let r = records(&a);
        let refs: Vec<&Record> = r.iter().collect();
        let c = compare(&refs);
        assert_eq!(c.len(), 1, "reliability has no partner grade");
        assert_eq!(c[0].category, "coding");
        assert!((c[0].self_average - 3.5).abs() < 1e-9);
        assert!((c[0].partner_average - 2.0).abs() < 1e-9);
        assert!((c[0].difference - 1.5).abs() < 1e-9);

        assert!(GradedBy::parse("SELF").matches(&r[0]));
        assert!(!GradedBy::parse("self").matches(&r[2]));
        assert!(GradedBy::parse("partner").matches(&r[2]));
        assert!(GradedBy::parse("sam").matches(&r[2]));
        assert!(!GradedBy::parse("Kim").matches(&r[2]));
    }
}
