//! Honest grading (SPEC §11): which rubric points the user's own words suggest, and a
//! suggested grade from the points confirmed, must-haves, hints, overtime and, for
//! scenarios, the evidence found, the cause and risky steps. The user still decides.
//!
//! Pure over a prompt's points and an attempt's facts; it never asks or prints.

use crate::bank::{FollowUp, RubricPoint, Vocabulary};
use crate::grade::Grade;
use crate::hearing::{self, Line, Phrase};
use crate::history::ScenarioRecord;

/// A point suggested by what the user typed: its number (1-based) and the words that
/// matched ("lsof +L1").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggested {
    pub point: u32,
    pub words: String,
}

/// Words too common in rubric points to say anything on their own.
const GENERIC: &[&str] = &[
    "about", "after", "again", "before", "check", "checks", "explains", "first", "names", "other",
    "rather", "still", "their", "there", "these", "those", "under", "using", "which", "while",
    "would", "without", "whether", "where", "every", "asks", "says", "states",
];

/// The points whose `listen_for` phrases occur in `text` (each phrase within one line);
/// a point without `listen_for` is suggested only when most of its own distinctive
/// words stand together on one line.
#[must_use]
pub fn suggest_points(
    points: &[RubricPoint],
    text: &str,
    vocabulary: &Vocabulary,
) -> Vec<Suggested> {
    let lines: Vec<Line> = text.lines().map(Line::new).collect();
    let mut out = Vec::new();
    for (i, point) in points.iter().enumerate() {
        let number = i as u32 + 1;
        if point.listen_for.is_empty() {
            if let Some(words) = own_words_match(&point.point, text) {
                out.push(Suggested {
                    point: number,
                    words,
                });
            }
            continue;
        }
        let phrases = vocabulary.expand(&point.listen_for);
        if let Some(p) = phrases
            .iter()
            .map(|p| Phrase::new(p))
            .find(|p| lines.iter().any(|l| p.matches(l)))
        {
            out.push(Suggested {
                point: number,
                words: p.text().to_owned(),
            });
        }
    }
    out
}

/// The cautious rule for points without `listen_for`: at least three distinctive words
/// of the point (five letters or more, not generic), and most of them, on one line.
fn own_words_match(point: &str, text: &str) -> Option<String> {
    let mut words: Vec<String> = hearing::words(point)
        .into_iter()
        .filter(|w| w.chars().count() >= 5 && !GENERIC.contains(&w.as_str()))
        .collect();
    words.dedup();
    if words.len() < 3 {
        return None;
    }
    let need = (words.len() * 3).div_ceil(5).max(3);
    for line in text.lines() {
        let l = Line::new(line);
        let hit: Vec<&String> = words
            .iter()
            .filter(|w| Phrase::new(w).matches(&l))
            .collect();
        if hit.len() >= need {
            return Some(hit.iter().map(|w| w.as_str()).collect::<Vec<_>>().join(" "));
        }
    }
    None
}

/// What the grade suggestion is computed from.
#[derive(Debug, Clone, Default)]
pub struct Facts<'a> {
    pub points: &'a [RubricPoint],
    /// The points the user confirmed (1-based).
    pub covered: &'a [u32],
    pub hints_used: u32,
    pub hints_total: usize,
    pub overtime: bool,
    pub scenario: Option<&'a ScenarioRecord>,
    /// A checked coding run: (passed, total).
    pub check: Option<(u32, u32)>,
}

/// A suggested grade and the one reason that weighed most.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeSuggestion {
    pub grade: Grade,
    pub reason: String,
}

/// A checker run that passed every case proves the points marked `by_check: true`:
/// they join the suggested ticks (with "the check passed" as the words heard).
pub fn suggest_checked(
    suggested: &mut Vec<Suggested>,
    points: &[RubricPoint],
    passed: u32,
    total: u32,
) {
    if total == 0 || passed < total {
        return;
    }
    for (i, p) in points.iter().enumerate() {
        let number = i as u32 + 1;
        if p.by_check && !suggested.iter().any(|s| s.point == number) {
            suggested.push(Suggested {
                point: number,
                words: "the check passed".to_owned(),
            });
        }
    }
    suggested.sort_by_key(|s| s.point);
}

/// Must-have points not among `covered` (1-based).
#[must_use]
pub fn must_missed(points: &[RubricPoint], covered: &[u32]) -> Vec<u32> {
    points
        .iter()
        .enumerate()
        .filter(|(i, p)| p.must && !covered.contains(&(*i as u32 + 1)))
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

/// The suggested grade (SPEC §11): weighted coverage (a must-have counts three times),
/// less for hints and overtime; for scenarios, key evidence weighs in, a cause not
/// named or a missed must-have caps it at 2 Hard, and each risky step costs.
#[must_use]
pub fn suggest_grade(f: &Facts<'_>) -> GradeSuggestion {
    let weight = |p: &RubricPoint| if p.must { 3.0 } else { 1.0 };
    let total: f64 = f.points.iter().map(weight).sum();
    let got: f64 = f
        .points
        .iter()
        .enumerate()
        .filter(|(i, _)| f.covered.contains(&(*i as u32 + 1)))
        .map(|(_, p)| weight(p))
        .sum();
    let mut score = if total > 0.0 { got / total } else { 1.0 };
    let mut reasons: Vec<String> = Vec::new();
    if total > 0.0 {
        reasons.push(format!(
            "covered {} of {} points",
            f.covered.len(),
            f.points.len()
        ));
    }
    if let Some(s) = f.scenario {
        // A good fix applied counts like a key evidence found.
        let fixed = s.fixes.iter().filter(|x| x.good).count() as u32;
        let (found, total) = (
            s.key_found + fixed.min(s.good_fixes),
            s.key_total + s.good_fixes,
        );
        let share = if total == 0 {
            1.0
        } else {
            f64::from(found) / f64::from(total)
        };
        score = 0.6 * score + 0.4 * share;
        reasons.push(format!(
            "found {} of {} key evidence",
            s.key_found, s.key_total
        ));
        if fixed > 0 {
            reasons.push("fixed it".to_owned());
        }
        if !s.risky.is_empty() {
            score -= 0.15 * s.risky.len() as f64;
            reasons.push(format!("risky: {}", s.risky.join(", ")));
        }
    }
    if let Some((passed, all)) = f.check.filter(|(_, all)| *all > 0) {
        score = 0.7 * score + 0.3 * f64::from(passed) / f64::from(all);
        reasons.push(format!("{passed} of {all} checked cases passed"));
    }
    if f.hints_used > 0 {
        let share = f64::from(f.hints_used) / f.hints_total.max(1) as f64;
        score -= 0.2 * share.min(1.0);
        reasons.push(format!(
            "{} hint{}",
            f.hints_used,
            if f.hints_used == 1 { "" } else { "s" }
        ));
    }
    if f.overtime {
        score -= 0.1;
        reasons.push("over the time box".to_owned());
    }
    let mut grade = if score >= 0.85 {
        Grade::EASY
    } else if score >= 0.6 {
        Grade::GOOD
    } else if score >= 0.3 {
        Grade::HARD
    } else {
        Grade::AGAIN
    };
    let missed = must_missed(f.points, f.covered);
    let mut cap: Option<String> = None;
    if let Some(first) = missed.first() {
        cap = Some(format!(
            "missed a must-have: {}",
            f.points[*first as usize - 1].point
        ));
    } else if f.scenario.is_some_and(|s| !s.cause_named) {
        cap = Some("the cause was not named".to_owned());
    }
    if let Some(why) = cap {
        if grade > Grade::HARD {
            grade = Grade::HARD;
        }
        return GradeSuggestion { grade, reason: why };
    }
    GradeSuggestion {
        grade,
        reason: if reasons.is_empty() {
            "nothing to weigh".to_owned()
        } else {
            reasons.join(", ")
        },
    }
}

/// A follow-up's suggested grade from its `listen_for`; `None` when it has none.
#[must_use]
pub fn suggest_follow_up(
    follow_up: &FollowUp,
    answer: &str,
    vocabulary: &Vocabulary,
) -> Option<GradeSuggestion> {
    if follow_up.listen_for.is_empty() {
        return None;
    }
    let heard = heard_in(follow_up, answer, vocabulary);
    let (grade, reason) = if answer.trim().is_empty() {
        (Grade::AGAIN, "no answer typed".to_owned())
    } else if heard.is_empty() {
        (Grade::HARD, "none of the ideas listened for".to_owned())
    } else {
        (
            heard_grade(follow_up, &heard),
            format!("you mentioned: {}", heard.join(", ")),
        )
    };
    Some(GradeSuggestion { grade, reason })
}

/// In a mock interview the candidate answers a follow-up aloud and the typed text is
/// the interviewer's notes, often none: only the ideas listened for that the notes
/// mention suggest a grade. Notes that mention none, or no notes, suggest nothing,
/// since what was said is not in them.
#[must_use]
pub fn suggest_follow_up_from_notes(
    follow_up: &FollowUp,
    notes: &str,
    vocabulary: &Vocabulary,
) -> Option<GradeSuggestion> {
    let heard = heard_in(follow_up, notes, vocabulary);
    if heard.is_empty() {
        return None;
    }
    Some(GradeSuggestion {
        grade: heard_grade(follow_up, &heard),
        reason: format!("your notes mention: {}", heard.join(", ")),
    })
}

/// The phrases of the follow-up's `listen_for` (with the vocabulary's synonyms) that
/// a line of `text` matches.
fn heard_in(follow_up: &FollowUp, text: &str, vocabulary: &Vocabulary) -> Vec<String> {
    let phrases = vocabulary.expand(&follow_up.listen_for);
    let lines: Vec<Line> = text.lines().map(Line::new).collect();
    phrases
        .into_iter()
        .filter(|p| {
            let p = Phrase::new(p);
            lines.iter().any(|l| p.matches(l))
        })
        .collect()
}

/// Easy when half the ideas listened for (at least two) were heard, else Good.
fn heard_grade(follow_up: &FollowUp, heard: &[String]) -> Grade {
    if heard.len() * 2 >= follow_up.listen_for.len().max(2) {
        Grade::EASY
    } else {
        Grade::GOOD
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(text: &str, must: bool, listen: &[&str]) -> RubricPoint {
        RubricPoint {
            point: text.into(),
            must,
            listen_for: listen.iter().map(|s| (*s).to_owned()).collect(),
            by_check: false,
        }
    }

    fn rubric() -> Vec<RubricPoint> {
        vec![
            point(
                "Explains that a deleted file held open still uses space",
                true,
                &["deleted open", "lsof +L1", "still open", "/proc fd"],
            ),
            point("Checks when the growth started", false, &[]),
            point(
                "Frees space safely",
                false,
                &["truncate", "restart the writer"],
            ),
        ]
    }

    #[test]
    fn listen_for_phrases_suggest_points_with_the_words_that_matched() {
        let text = "df says full but du disagrees\nran lsof +L1 to see it";
        let s = suggest_points(&rubric(), text, &Vocabulary::default());
        assert_eq!(
            s,
            vec![Suggested {
                point: 1,
                words: "lsof +L1".into()
            }]
        );
        let other = "the process keeps the handle: it's deleted but still open";
        assert_eq!(
            suggest_points(&rubric(), other, &Vocabulary::default())[0].point,
            1
        );
    }

    #[test]
    fn a_point_without_listen_for_needs_most_of_its_own_words_on_one_line() {
        let p = vec![point(
            "Rotates application logs by size with logrotate",
            false,
            &[],
        )];
        let v = Vocabulary::default();
        assert_eq!(
            suggest_points(&p, "rotate application logs with logrotate", &v).len(),
            1
        );
        assert!(suggest_points(&p, "look at the application", &v).is_empty());
    }

    #[test]
    fn a_missed_must_have_caps_the_suggestion_at_hard() {
        let r = rubric();
        let s = suggest_grade(&Facts {
            points: &r,
            covered: &[2, 3],
            ..Facts::default()
        });
        assert_eq!(s.grade, Grade::HARD);
        assert!(
            s.reason.starts_with("missed a must-have: Explains"),
            "{}",
            s.reason
        );
        let all = suggest_grade(&Facts {
            points: &r,
            covered: &[1, 2, 3],
            ..Facts::default()
        });
        assert_eq!(all.grade, Grade::EASY);
    }

    #[test]
    fn the_must_have_cap_holds_even_when_every_other_point_is_covered() {
        // Eight of nine points, all but the must-have: 8 of 11 weighted is Good
        // without the cap.
        let mut r = vec![point("The must-have", true, &[])];
        r.extend((1..=8).map(|i| point(&format!("Point {i}"), false, &[])));
        let covered: Vec<u32> = (2..=9).collect();
        let s = suggest_grade(&Facts {
            points: &r,
            covered: &covered,
            ..Facts::default()
        });
        assert_eq!(s.grade, Grade::HARD, "{s:?}");
        assert!(s.reason.starts_with("missed a must-have"), "{}", s.reason);
    }

    #[test]
    fn a_scenario_whose_cause_was_not_named_is_capped_at_hard() {
        let r = rubric();
        let found_all = |cause_named: bool| ScenarioRecord {
            actions: vec![],
            key_found: 3,
            key_total: 3,
            cause_named,
            cause_secs: cause_named.then_some(60),
            risky: vec![],
            fixes: vec![],
            good_fixes: 0,
        };
        let named = found_all(true);
        let unnamed = found_all(false);
        let with = |s: &ScenarioRecord| {
            suggest_grade(&Facts {
                points: &r,
                covered: &[1, 2, 3],
                scenario: Some(s),
                ..Facts::default()
            })
        };
        assert_eq!(with(&named).grade, Grade::EASY);
        let capped = with(&unnamed);
        assert_eq!(capped.grade, Grade::HARD);
        assert_eq!(capped.reason, "the cause was not named");
    }

    /// A point without `listen_for` needs three fifths of its distinctive words (at
    /// least three) on one line: six words need four, three are not enough.
    #[test]
    fn own_words_need_three_fifths_of_a_points_distinctive_words() {
        let point = "uptime, memory pressure, nightly backups, replication";
        let words = |line: &str| own_words_match(point, line);
        assert_eq!(words("uptime memory pressure"), None);
        assert!(words("uptime memory pressure nightly").is_some());
    }

    /// The parts of the suggestion at their edges: an empty rubric is no shortfall and
    /// says nothing about points; a check with cases weighs in (none passed costs a
    /// grade); a fix applied counts and is said, and none is not; risky steps add up.
    #[test]
    fn a_check_weighs_three_tenths_and_hints_a_fifth_of_their_share() {
        let r = rubric();
        // Points 1 and 2 of 3 (the must-have weighs three): 4 of 5, a score of 0.8.
        let with = |check: Option<(u32, u32)>, hints: (u32, usize)| {
            suggest_grade(&Facts {
                points: &r,
                covered: &[1, 2],
                check,
                hints_used: hints.0,
                hints_total: hints.1,
                ..Facts::default()
            })
        };
        // 0.7 * 0.8 + 0.3 * 0/4 = 0.56: Hard.
        assert_eq!(with(Some((0, 4)), (0, 0)).grade, Grade::HARD);
        // 0.7 * 0.8 + 0.3 * 3/4 = 0.785: Good.
        assert_eq!(with(Some((3, 4)), (0, 0)).grade, Grade::GOOD);
        // All three points, one hint of four: 1.0 - 0.2 * 1/4 = 0.95: Easy.
        let all = suggest_grade(&Facts {
            points: &r,
            covered: &[1, 2, 3],
            hints_used: 1,
            hints_total: 4,
            ..Facts::default()
        });
        assert_eq!(all.grade, Grade::EASY, "{}", all.reason);
        assert!(all.reason.contains("1 hint"), "{}", all.reason);
        // No hint used: none named.
        let none = with(None, (0, 4));
        assert!(!none.reason.contains("hint"), "{}", none.reason);
    }

    #[test]
    fn the_suggestion_at_its_edges() {
        let r = rubric();
        let empty = suggest_grade(&Facts::default());
        assert_eq!(empty.grade, Grade::EASY);
        assert!(!empty.reason.contains("covered"), "{}", empty.reason);
        let all = suggest_grade(&Facts {
            points: &r,
            covered: &[1, 2, 3],
            ..Facts::default()
        });
        assert_eq!(all.grade, Grade::EASY);
        assert!(
            all.reason.contains("covered 3 of 3 points"),
            "{}",
            all.reason
        );
        let no_cases = suggest_grade(&Facts {
            points: &r,
            covered: &[1, 2, 3],
            check: Some((0, 0)),
            ..Facts::default()
        });
        assert_eq!(
            no_cases.grade,
            Grade::EASY,
            "a check with no cases weighs nothing"
        );
        let failing_check = suggest_grade(&Facts {
            points: &r,
            covered: &[1, 2, 3],
            check: Some((0, 7)),
            ..Facts::default()
        });
        assert_eq!(failing_check.grade, Grade::GOOD, "{}", failing_check.reason);
        let passing_check = suggest_grade(&Facts {
            points: &r,
            covered: &[1, 2, 3],
            check: Some((7, 7)),
            ..Facts::default()
        });
        assert_eq!(
            passing_check.grade,
            Grade::EASY,
            "a check that passes every case keeps the grade: {}",
            passing_check.reason
        );

        let scenario = |key_found: u32, fixed: bool, risky: usize| ScenarioRecord {
            actions: vec![],
            key_found,
            key_total: 3,
            cause_named: true,
            cause_secs: Some(60),
            risky: vec!["reboot".to_owned(); risky],
            fixes: if fixed {
                vec![crate::history::FixApplied { fix: 1, good: true }]
            } else {
                vec![]
            },
            good_fixes: 1,
        };
        let with = |s: &ScenarioRecord| {
            suggest_grade(&Facts {
                points: &r,
                covered: &[1, 2, 3],
                scenario: Some(s),
                ..Facts::default()
            })
        };
        let fixed = with(&scenario(3, true, 0));
        assert_eq!(fixed.grade, Grade::EASY, "{}", fixed.reason);
        let not_fixed = with(&scenario(3, false, 0));
        assert!(
            !not_fixed.reason.contains("fixed it"),
            "{}",
            not_fixed.reason
        );
        let two_risky = with(&scenario(3, true, 2));
        assert_eq!(two_risky.grade, Grade::GOOD, "{}", two_risky.reason);
    }

    #[test]
    fn a_good_fix_counts_like_a_key_evidence_found() {
        let r = rubric();
        let record = |fixed: bool| ScenarioRecord {
            actions: vec![],
            key_found: 1,
            key_total: 3,
            cause_named: true,
            cause_secs: Some(60),
            risky: vec![],
            fixes: if fixed {
                vec![crate::history::FixApplied { fix: 1, good: true }]
            } else {
                vec![]
            },
            good_fixes: 1,
        };
        let grade = |s: &ScenarioRecord| {
            suggest_grade(&Facts {
                points: &r,
                covered: &[1, 2],
                scenario: Some(s),
                ..Facts::default()
            })
        };
        let (without, with) = (grade(&record(false)), grade(&record(true)));
        assert!(with.grade > without.grade, "{with:?} vs {without:?}");
        assert!(with.reason.contains("fixed it"), "{}", with.reason);
    }

    #[test]
    fn an_empty_answer_suggests_again() {
        let r = rubric();
        let s = suggest_grade(&Facts {
            points: &r,
            covered: &[],
            ..Facts::default()
        });
        assert_eq!(s.grade, Grade::AGAIN.min(s.grade));
        assert!(s.grade <= Grade::HARD);
    }

    #[test]
    fn hints_overtime_and_risky_steps_lower_the_suggestion() {
        let r = vec![point("a", false, &[]), point("b", false, &[])];
        let clean = suggest_grade(&Facts {
            points: &r,
            covered: &[1, 2],
            ..Facts::default()
        });
        let helped = suggest_grade(&Facts {
            points: &r,
            covered: &[1, 2],
            hints_used: 3,
            hints_total: 3,
            overtime: true,
            ..Facts::default()
        });
        assert!(helped.grade < clean.grade, "{helped:?} vs {clean:?}");
        let scenario = ScenarioRecord {
            actions: vec![],
            key_found: 3,
            key_total: 3,
            cause_named: true,
            cause_secs: Some(60),
            risky: vec!["reboot".into(), "kill -9".into()],
            fixes: vec![],
            good_fixes: 0,
        };
        let risky = suggest_grade(&Facts {
            points: &r,
            covered: &[1, 2],
            scenario: Some(&scenario),
            ..Facts::default()
        });
        assert!(risky.grade < clean.grade);
        assert!(risky.reason.contains("risky: reboot, kill -9"));
    }

    #[test]
    fn a_check_that_passes_every_case_ticks_the_points_it_proves_and_no_others() {
        let mut points = vec![
            point("Correct on the edge cases", true, &[]),
            point("Names tests", false, &[]),
        ];
        points[0].by_check = true;
        let mut suggested = Vec::new();
        suggest_checked(&mut suggested, &points, 6, 7);
        assert!(suggested.is_empty(), "6 of 7 proves nothing");
        suggest_checked(&mut suggested, &points, 0, 0);
        assert!(suggested.is_empty(), "no cases prove nothing");
        suggest_checked(&mut suggested, &points, 7, 7);
        assert_eq!(suggested.iter().map(|s| s.point).collect::<Vec<_>>(), [1]);
        // With the point ticked, the must-have no longer caps the suggested grade.
        let covered: Vec<u32> = suggested.iter().map(|s| s.point).collect();
        assert!(must_missed(&points, &covered).is_empty());
    }

    #[test]
    fn follow_ups_with_listen_for_get_a_suggestion() {
        let f = FollowUp {
            listen_for: vec!["canary".into(), "one host first".into()],
            ..FollowUp::plain("How would you roll it out?")
        };
        let v = Vocabulary::default();
        assert_eq!(suggest_follow_up(&f, "", &v).unwrap().grade, Grade::AGAIN);
        assert_eq!(
            suggest_follow_up(&f, "just ship it", &v).unwrap().grade,
            Grade::HARD
        );
        let good = suggest_follow_up(&f, "canary on one host first, then batches", &v).unwrap();
        assert_eq!(good.grade, Grade::EASY);
        assert!(good.reason.contains("canary"));
        assert!(suggest_follow_up(&FollowUp::plain("Why?"), "x", &v).is_none());
        // Easy takes half the ideas (at least two): one of three is Good.
        let three = FollowUp {
            listen_for: vec!["canary".into(), "one host first".into(), "rollback".into()],
            ..FollowUp::plain("How would you roll it out?")
        };
        assert_eq!(
            suggest_follow_up(&three, "a canary", &v).unwrap().grade,
            Grade::GOOD
        );
        assert_eq!(
            suggest_follow_up(&three, "a canary, then rollback", &v)
                .unwrap()
                .grade,
            Grade::EASY
        );
    }

    #[test]
    fn an_interviewers_notes_suggest_a_follow_up_grade_only_from_what_they_mention() {
        let f = FollowUp {
            listen_for: vec!["canary".into(), "one host first".into()],
            ..FollowUp::plain("How would you roll it out?")
        };
        let v = Vocabulary::default();
        // Answered aloud, nothing typed: no "no answer typed", no grade at all.
        assert!(suggest_follow_up_from_notes(&f, "", &v).is_none());
        assert!(suggest_follow_up_from_notes(&f, "  \n", &v).is_none());
        // Notes without the ideas are not a transcript: they do not mark it down.
        assert!(suggest_follow_up_from_notes(&f, "confident, quick", &v).is_none());
        let heard = suggest_follow_up_from_notes(&f, "said canary", &v).unwrap();
        assert_eq!(heard.grade, Grade::EASY);
        assert_eq!(heard.reason, "your notes mention: canary");
        assert!(suggest_follow_up_from_notes(&FollowUp::plain("Why?"), "x", &v).is_none());
    }
}
