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

/// Attempts and grade sums of one category: self-graded, then partner-graded.
pub type SelfAndPartner = [(usize, u64); 2];

/// Adds `r` to the sums of its category (`stats` keeps them as it counts).
pub fn count(sums: &mut SelfAndPartner, r: &Record) {
    let slot = usize::from(r.graded_by.is_some());
    sums[slot].0 += 1;
    sums[slot].1 += u64::from(r.grade);
}

/// The comparison of a category with both self-graded and partner-graded attempts.
#[must_use]
pub fn comparison(category: &str, [me, partner]: SelfAndPartner) -> Option<GraderComparison> {
    (me.0 > 0 && partner.0 > 0).then(|| {
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
}

/// Per category with both self-graded and partner-graded attempts (grades 1..=4),
/// sorted by category name.
#[must_use]
pub fn compare(records: &[&Record]) -> Vec<GraderComparison> {
    let mut by: std::collections::BTreeMap<&str, SelfAndPartner> =
        std::collections::BTreeMap::new();
    for r in records.iter().filter(|r| Grade::new(r.grade).is_some()) {
        count(by.entry(&r.category).or_default(), r);
    }
    by.into_iter()
        .filter_map(|(category, sums)| comparison(category, sums))
        .collect()
}

/// One grader's attempts: the user themselves (`self`) or a partner by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraderRow {
    /// `self`, or the partner's name as the first of their records spells it.
    pub grader: String,
    pub partner: bool,
    pub attempts: usize,
    pub average_grade: f64,
    /// Of those attempts, the ones with a suggested grade, and the averages of the grade
    /// given and of the grade suggested over just those.
    pub suggested_attempts: usize,
    pub average_grade_with_suggestion: Option<f64>,
    pub average_suggested: Option<f64>,
}

/// Each grader's attempts (grades 1..=4): `self` first, then partners by name (any
/// case is one partner). Empty without attempts.
#[must_use]
pub fn by_grader(records: &[&Record]) -> Vec<GraderRow> {
    // Per grader as written: attempts, grade sum, and over the attempts with a
    // suggestion: count, grade sum, suggestion sum. Names are shared strings, so this
    // pass allocates nothing per record.
    type Sums = (usize, u64, usize, u64, u64);
    let add = |sums: &mut Sums, r: &Record| {
        sums.0 += 1;
        sums.1 += u64::from(r.grade);
        if let Some(s) = r.suggested_grade {
            sums.2 += 1;
            sums.3 += u64::from(r.grade);
            sums.4 += u64::from(s);
        }
    };
    let mut written: super::FastMap<Option<&str>, Sums> = super::FastMap::default();
    let mut order: Vec<Option<&str>> = Vec::new();
    // Most attempts are self-graded: those are summed without a lookup.
    let mut own = Sums::default();
    for r in records.iter().filter(|r| Grade::new(r.grade).is_some()) {
        let Some(by) = r.graded_by.as_deref() else {
            add(&mut own, r);
            continue;
        };
        let sums = written.entry(Some(by)).or_insert_with(|| {
            order.push(Some(by));
            Sums::default()
        });
        add(sums, r);
    }
    if own.0 > 0 {
        written.insert(None, own);
        order.insert(0, None);
    }
    // Then any case is one partner, named as their first record spells it.
    let mut by: std::collections::BTreeMap<(bool, String), (String, Sums)> =
        std::collections::BTreeMap::new();
    for name in order {
        let sums = written[&name];
        let key = (name.is_some(), name.unwrap_or("self").to_lowercase());
        let entry = by
            .entry(key)
            .or_insert_with(|| (name.unwrap_or("self").to_owned(), Sums::default()));
        let e = &mut entry.1;
        e.0 += sums.0;
        e.1 += sums.1;
        e.2 += sums.2;
        e.3 += sums.3;
        e.4 += sums.4;
    }
    by.into_iter()
        .map(|((partner, _), (name, (n, sum, sn, ssum, suggested)))| {
            let mean = |sum: u64, n: usize| (n > 0).then(|| sum as f64 / n as f64);
            GraderRow {
                grader: name,
                partner,
                attempts: n,
                average_grade: mean(sum, n).unwrap_or(0.0),
                suggested_attempts: sn,
                average_grade_with_suggestion: mean(ssum, sn),
                average_suggested: mean(suggested, sn),
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

    #[test]
    fn each_grader_has_a_row_with_the_suggested_grades_of_the_same_attempts() {
        let mut a = vec![
            attempt("s.1", "p1", "coding", "2026-03-01T10:00:00+00:00", 4),
            attempt("s.2", "p2", "coding", "2026-03-01T10:10:00+00:00", 3),
            attempt("s.3", "p3", "coding", "2026-03-02T10:00:00+00:00", 2),
            attempt("s.4", "p4", "reliability", "2026-03-02T10:00:00+00:00", 1),
        ];
        a[0].suggested_grade = Some(2);
        a[2].graded_by = Some("Sam".to_owned());
        a[2].suggested_grade = Some(3);
        a[3].graded_by = Some("sam".to_owned());
        let r = records(&a);
        let refs: Vec<&Record> = r.iter().collect();
        let rows = by_grader(&refs);
        let row =
            |grader: &str, partner, attempts, average_grade: f64, with: f64, s: f64| GraderRow {
                grader: grader.to_owned(),
                partner,
                attempts,
                average_grade,
                suggested_attempts: 1,
                average_grade_with_suggestion: Some(with),
                average_suggested: Some(s),
            };
        assert_eq!(
            rows,
            vec![
                row("self", false, 2, 3.5, 4.0, 2.0),
                row("Sam", true, 2, 1.5, 2.0, 3.0),
            ]
        );
    }
}
