//! Spaced repetition with FSRS (the rs-fsrs crate), derived from history on every run.
//!
//! Each prompt is a card identified by its prompt id, so editing a prompt's text keeps
//! its schedule. Its attempts are replayed in time order through FSRS's long-term
//! scheduler (intervals in whole days: a drill is practised in sessions, not minutes
//! apart), with grades 1-4 as Again/Hard/Good/Easy. There is no second state file.

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use rs_fsrs::{Card as FsrsCard, Parameters, Rating, State};
use serde::Serialize;

use super::record::Record;

/// One prompt's spaced-repetition state after replaying its history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card<'a> {
    pub prompt: &'a str,
    /// Title and category as the latest attempt recorded them.
    pub title: &'a str,
    pub category: &'a str,
    /// When FSRS wants the prompt practised again.
    pub due: DateTime<Utc>,
    pub last_review: DateTime<Utc>,
    pub last_grade: u8,
    /// Graded attempts replayed.
    pub reps: u32,
    /// Attempts graded Again.
    pub lapses: u32,
    /// Days between the last attempt and `due`.
    pub interval_days: i64,
    pub stability: f64,
    pub difficulty: f64,
    /// The reviews made when the prompt was due (not its first attempt): when, and the
    /// grade given. Retention is counted from these (`review::progress`).
    #[serde(skip)]
    pub due_reviews: Vec<DueReview>,
}

/// One review of a prompt that was due at the time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueReview {
    pub at: DateTime<Utc>,
    pub grade: u8,
}

impl Card<'_> {
    #[must_use]
    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        self.due <= now
    }
}

fn rating(grade: u8) -> Option<Rating> {
    match grade {
        1 => Some(Rating::Again),
        2 => Some(Rating::Hard),
        3 => Some(Rating::Good),
        4 => Some(Rating::Easy),
        _ => None,
    }
}

/// FSRS with its published default weights, day-based intervals and no fuzz, so the
/// same history always gives the same schedule.
fn parameters() -> Parameters {
    Parameters {
        enable_short_term: false,
        enable_fuzz: false,
        ..Parameters::default()
    }
}

/// One review, exactly as rs-fsrs's long-term scheduler (`FSRS::next` with
/// `enable_short_term: false` and no fuzz) computes it, from the crate's own formulas.
/// The crate's entry point also previews the three other grades, formats a fuzz seed
/// and fills a hash map on every call; replaying 100,000 attempts through it was a
/// third of the time `due` took. Here only what the grade given needs is computed: its
/// interval is clamped against the next lower grade's (Again's against Hard's), so
/// the stabilities up to it, and its own difficulty. A test holds the two to the same
/// result.
fn review(p: &Parameters, last: &FsrsCard, now: DateTime<Utc>, rating: Rating) -> FsrsCard {
    let mut next = last.clone();
    next.reps += 1;
    next.last_review = now;
    next.state = State::Review;
    let grades = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];
    let index = grades
        .iter()
        .position(|g| *g == rating)
        .expect("a rating is one of the four grades");
    let (d, s) = (last.difficulty, last.stability);
    let recall = if last.state == State::New {
        next.elapsed_days = 0;
        0.0
    } else {
        next.elapsed_days = (now - last.last_review).num_days();
        last.get_retrievability(now)
    };
    let stability = |g: Rating| {
        if last.state == State::New {
            p.init_stability(g)
        } else if g == Rating::Again {
            p.next_forget_stability(d, s, recall)
        } else {
            p.next_recall_stability(d, s, recall, g)
        }
    };
    // `Parameters::next_interval` without fuzz, its constant factor worked out once.
    let factor = p.request_retention.powf(1.0 / Parameters::DECAY) - 1.0;
    let interval = |stability: f64| {
        (stability / Parameters::FACTOR * factor)
            .round()
            .clamp(1.0, f64::from(p.maximum_interval))
    };
    let chosen = stability(rating);
    let mut intervals = [0.0; 4];
    for (i, g) in grades.iter().enumerate().take(index.max(1) + 1) {
        intervals[i] = interval(if i == index { chosen } else { stability(*g) });
    }
    let mut scheduled = intervals[0].min(intervals[1]);
    for own in &intervals[1..=index] {
        scheduled = own.max(scheduled + 1.0);
    }
    next.stability = chosen;
    next.difficulty = if last.state == State::New {
        p.init_difficulty(rating)
    } else {
        p.next_difficulty(d, rating)
    };
    next.scheduled_days = scheduled as i64;
    next.due = now + TimeDelta::days(scheduled as i64);
    if rating == Rating::Again && last.state != State::New {
        next.lapses += 1;
    }
    next
}

/// Replays one prompt's attempts (already in time order) into a card.
fn replay<'a>(p: &Parameters, attempts: &[&'a Record]) -> Option<Card<'a>> {
    let last = attempts.last()?;
    let mut card = FsrsCard::default();
    let mut lapses = 0;
    let mut reps = 0;
    let mut due_reviews = Vec::new();
    for a in attempts {
        let Some(r) = rating(a.grade) else {
            continue;
        };
        let at = a.finished.with_timezone(&Utc);
        if card.state != State::New && at >= card.due {
            due_reviews.push(DueReview { at, grade: a.grade });
        }
        card = review(p, &card, at, r);
        reps += 1;
        if r == Rating::Again {
            lapses += 1;
        }
    }
    (reps > 0).then(|| Card {
        prompt: &last.prompt,
        title: &last.title,
        category: &last.category,
        due: card.due,
        last_review: card.last_review,
        last_grade: last.grade,
        reps,
        lapses,
        interval_days: card.scheduled_days,
        stability: card.stability,
        difficulty: card.difficulty,
        due_reviews,
    })
}

/// Every practised prompt's card, sorted by prompt id.
#[must_use]
pub fn schedule(records: &[Record]) -> Vec<Card<'_>> {
    let p = parameters();
    let groups = super::by_prompt(records);
    if records.len() < PARALLEL_FROM {
        return replay_all(&p, &groups);
    }
    // Prompts replay independently: the first groups, holding about half the
    // attempts, on another thread; the order stays that of `groups`.
    let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
    let (first, second) = groups.split_at(half_point(&sizes));
    std::thread::scope(|scope| {
        let first = scope.spawn(|| replay_all(&p, first));
        let mut second = replay_all(&p, second);
        let mut cards = first
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        cards.append(&mut second);
        cards
    })
}

/// How many of the groups, of these sizes, make up the first half of the attempts:
/// the fewest whose attempts reach half of all of them.
fn half_point(sizes: &[usize]) -> usize {
    let half = sizes.iter().sum::<usize>() / 2;
    let mut seen = 0;
    sizes
        .iter()
        .position(|n| {
            seen += n;
            seen >= half
        })
        .map_or(sizes.len(), |i| i + 1)
}

fn replay_all<'a>(p: &Parameters, groups: &[Vec<&'a Record>]) -> Vec<Card<'a>> {
    groups.iter().filter_map(|group| replay(p, group)).collect()
}

/// Below this many attempts a second thread costs more than it saves.
const PARALLEL_FROM: usize = 2_000;

/// The schedule seen from `now`: what is due (most overdue first) and what comes due
/// later (soonest first). Ties go by prompt id.
#[derive(Debug, Default, Serialize)]
pub struct DueList<'a> {
    pub due: Vec<Card<'a>>,
    pub upcoming: Vec<Card<'a>>,
}

impl DueList<'_> {
    /// Ids of the due prompts, most overdue first: the order drills serve them in.
    #[must_use]
    pub fn due_ids(&self) -> Vec<&str> {
        self.due.iter().map(|c| c.prompt).collect()
    }
}

/// Splits cards into due and upcoming at `now`.
#[must_use]
pub fn due_at(cards: Vec<Card<'_>>, now: DateTime<FixedOffset>) -> DueList<'_> {
    let now = now.with_timezone(&Utc);
    let (mut due, mut upcoming): (Vec<Card<'_>>, Vec<Card<'_>>) =
        cards.into_iter().partition(|c| c.is_due(now));
    let order = |a: &Card<'_>, b: &Card<'_>| a.due.cmp(&b.due).then_with(|| a.prompt.cmp(b.prompt));
    due.sort_by(order);
    upcoming.sort_by(order);
    DueList { due, upcoming }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::record::records;
    use crate::review::tests::attempt;

    /// Interval, lapses and reps of prompt `p` after each of `grades`, every attempt
    /// made on the day the previous one came due.
    fn practise_on_time(grades: &[u8]) -> Vec<(i64, u32, u32)> {
        let mut attempts = Vec::new();
        let mut steps = Vec::new();
        let mut when = DateTime::parse_from_rfc3339("2026-01-01T09:00:00+00:00").unwrap();
        for (i, g) in grades.iter().enumerate() {
            attempts.push(attempt(
                &format!("a{i}"),
                "p",
                "coding",
                &when.to_rfc3339(),
                *g,
            ));
            let rs = records(&attempts);
            let card = schedule(&rs).remove(0);
            when = card.due.fixed_offset();
            steps.push((card.interval_days, card.lapses, card.reps));
        }
        steps
    }

    #[test]
    fn each_review_matches_the_rs_fsrs_long_term_scheduler() {
        use rand::{Rng, SeedableRng};
        let fsrs = rs_fsrs::FSRS::new(parameters());
        let p = parameters();
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let grades = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];
        for _ in 0..200 {
            let mut now = DateTime::parse_from_rfc3339("2025-01-01T09:00:00+00:00")
                .unwrap()
                .with_timezone(&Utc);
            let (mut theirs, mut ours) = (FsrsCard::default(), FsrsCard::default());
            for _ in 0..rng.random_range(1..30) {
                let rating = grades[rng.random_range(0..4)];
                theirs = fsrs.next(theirs, now, rating).card;
                ours = review(&p, &ours, now, rating);
                assert_eq!(ours, theirs);
                now += TimeDelta::minutes(rng.random_range(0..60 * 24 * 90));
            }
        }
    }

    #[test]
    fn a_long_history_replayed_on_two_threads_gives_each_card_as_one_thread_does() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        let start = DateTime::parse_from_rfc3339("2025-01-01T09:00:00+00:00").unwrap();
        // Uneven groups: a few prompts practised often, many rarely.
        let attempts: Vec<_> = (0..PARALLEL_FROM * 3)
            .map(|i| {
                let prompt = format!("p{}", rng.random_range(0..40u32).pow(2) / 7);
                let when = start + TimeDelta::minutes(rng.random_range(0..60 * 24 * 700));
                attempt(
                    &format!("a{i}"),
                    &prompt,
                    "coding",
                    &when.to_rfc3339(),
                    rng.random_range(1..=4),
                )
            })
            .collect();
        let rs = records(&attempts);
        let p = parameters();
        let one_thread = replay_all(&p, &crate::review::by_prompt(&rs));
        assert!(one_thread.len() > 20);
        assert_eq!(schedule(&rs), one_thread);
    }

    #[test]
    fn the_second_thread_gets_the_first_groups_up_to_half_the_attempts() {
        assert_eq!(half_point(&[4, 4, 4, 4]), 2);
        assert_eq!(half_point(&[3, 1, 1, 1]), 1);
        assert_eq!(half_point(&[1, 1, 1, 5]), 4);
        assert_eq!(half_point(&[2, 3, 5]), 2);
        assert_eq!(half_point(&[]), 0);
    }

    #[test]
    fn intervals_grow_after_good_and_easy() {
        let steps = practise_on_time(&[3, 3, 3, 4]);
        let intervals: Vec<i64> = steps.iter().map(|s| s.0).collect();
        assert!(intervals.windows(2).all(|w| w[1] > w[0]), "{intervals:?}");
        assert!(intervals[0] >= 1);
    }

    #[test]
    fn an_again_shrinks_the_interval() {
        let steps = practise_on_time(&[3, 3, 3, 1]);
        let (before, after) = (steps[2].0, steps[3].0);
        assert!(after < before, "{before} -> {after}");
        assert_eq!((steps[3].1, steps[3].2), (1, 4));
    }

    #[test]
    fn easy_schedules_further_out_than_good_and_good_than_hard_and_again() {
        let first = |g| practise_on_time(&[g])[0].0;
        assert!(first(1) < first(3));
        assert!(first(3) < first(4));
        // A Hard counts as a review of its own, between Again and Good.
        let hard = practise_on_time(&[2]);
        assert_eq!(hard[0].2, 1, "a Hard review is replayed");
        assert!(first(1) <= first(2) && first(2) < first(3));
    }

    #[test]
    fn attempts_are_replayed_in_time_order_whatever_the_file_order() {
        let ordered = vec![
            attempt("a", "p", "coding", "2026-01-01T09:00:00+00:00", 1),
            attempt("b", "p", "coding", "2026-01-02T09:00:00+00:00", 4),
        ];
        let shuffled = vec![ordered[1].clone(), ordered[0].clone()];
        let (ordered, shuffled) = (records(&ordered), records(&shuffled));
        assert_eq!(schedule(&ordered), schedule(&shuffled));
        assert_eq!(schedule(&ordered)[0].last_grade, 4);
    }

    #[test]
    fn due_lists_most_overdue_first_then_the_rest_soonest_first() {
        let attempts = vec![
            attempt("a", "old-again", "coding", "2026-01-01T09:00:00+00:00", 1),
            attempt("b", "new-again", "coding", "2026-01-09T09:00:00+00:00", 1),
            attempt("c", "good", "coding", "2026-01-09T09:00:00+00:00", 3),
            attempt("d", "easy", "coding", "2026-01-09T09:00:00+00:00", 4),
        ];
        let now = DateTime::parse_from_rfc3339("2026-01-10T12:00:00+00:00").unwrap();
        let rs = records(&attempts);
        let list = due_at(schedule(&rs), now);
        assert_eq!(list.due_ids(), vec!["old-again", "new-again"]);
        let upcoming: Vec<&str> = list.upcoming.iter().map(|c| c.prompt).collect();
        assert_eq!(upcoming, vec!["good", "easy"]);
        assert!(list.upcoming[0].due > now.with_timezone(&Utc));
    }

    #[test]
    fn a_card_comes_due_exactly_at_its_due_time() {
        let attempts = vec![attempt("a", "p", "coding", "2026-01-01T09:00:00+00:00", 3)];
        let rs = records(&attempts);
        let due = schedule(&rs)[0].due.fixed_offset();
        let just_before = due_at(schedule(&rs), due - TimeDelta::seconds(1));
        assert!(just_before.due.is_empty());
        assert_eq!(due_at(schedule(&rs), due).due_ids(), vec!["p"]);
    }

    #[test]
    fn only_reviews_made_when_the_prompt_was_due_count_as_due_reviews() {
        let attempts = vec![
            // New: not a review of a due prompt.
            attempt("a", "p", "coding", "2026-01-01T09:00:00+00:00", 1),
            // Again brings it back the next day: a day and a half later it is due.
            attempt("b", "p", "coding", "2026-01-02T21:00:00+00:00", 3),
            // An hour later it is not due again.
            attempt("c", "p", "coding", "2026-01-02T22:00:00+00:00", 2),
        ];
        let rs = records(&attempts);
        let card = schedule(&rs).remove(0);
        let seen: Vec<(String, u8)> = card
            .due_reviews
            .iter()
            .map(|r| (r.at.to_rfc3339(), r.grade))
            .collect();
        assert_eq!(seen, vec![("2026-01-02T21:05:00+00:00".to_owned(), 3)]);
    }

    #[test]
    fn grades_outside_one_to_four_are_not_replayed() {
        let attempts = vec![
            attempt("a", "p", "coding", "2026-01-01T09:00:00+00:00", 3),
            attempt("b", "p", "coding", "2026-01-02T09:00:00+00:00", 9),
            attempt("c", "q", "coding", "2026-01-02T09:00:00+00:00", 0),
        ];
        let rs = records(&attempts);
        let cards = schedule(&rs);
        assert_eq!(cards.len(), 1);
        assert_eq!(cards[0].reps, 1);
    }
}
