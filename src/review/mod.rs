//! Reviewing progress: statistics, spaced repetition, weak spots and the study plan.
//!
//! Pure functions over `&[Attempt]` with `now` passed in. Nothing here reads files,
//! the clock or the terminal, and nothing prints; `commands::review` gathers the inputs
//! and `render::review` turns the results into text.

pub mod filter;
pub mod graders;
pub mod import;
pub mod plan;
pub mod progress;
/// The slim review records live with the history file they are read from.
pub use crate::history::record;
pub mod schedule;
pub mod sessions;
pub mod stats;
pub mod unheard;
pub mod weak;

use crate::grade::Grade;
use record::Record;

/// Each prompt's records in time order (by `finished`, then id), prompts sorted by id.
/// Records whose grade is outside 1..=4 (a hand-edited file) are left out.
#[must_use]
pub fn by_prompt(records: &[Record]) -> Vec<Vec<&Record>> {
    let mut groups: FastMap<&str, Vec<&Record>> = FastMap::default();
    for r in records.iter().filter(|r| Grade::new(r.grade).is_some()) {
        groups.entry(&r.prompt).or_default().push(r);
    }
    let mut out: Vec<Vec<&Record>> = groups.into_values().collect();
    for group in &mut out {
        group.sort_by(|a, b| a.finished.cmp(&b.finished).then_with(|| a.id.cmp(&b.id)));
    }
    out.sort_by(|a, b| {
        let (a, b) = (a.first().map(|r| &r.prompt), b.first().map(|r| &r.prompt));
        a.cmp(&b)
    });
    out
}

pub use crate::hash::{FastHasher, FastMap, FastSet};

/// Mean of a non-empty iterator of numbers; `None` when it is empty.
fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

#[cfg(test)]
pub(crate) mod tests {
    //! Record and prompt builders for the review tests.

    use chrono::DateTime;

    use crate::bank::{Category, Level, Prompt, PromptId, RubricPoint, Source};
    use crate::history::{Attempt, Coverage, VERSION};

    /// An untimed attempt at `prompt` started at `started` (RFC 3339), graded `grade`,
    /// with 2 of 4 points covered and 5 minutes against a 10-minute box.
    pub fn attempt(id: &str, prompt: &str, category: &str, started: &str, grade: u8) -> Attempt {
        let t = DateTime::parse_from_rfc3339(started).unwrap();
        Attempt {
            v: VERSION,
            id: id.to_owned(),
            session: format!("s-{id}"),
            started: t,
            finished: t + chrono::TimeDelta::minutes(5),
            prompt: PromptId(prompt.to_owned()),
            title: format!("Title of {prompt}"),
            category: Category::new(category),
            level: Level::Mid,
            tags: vec![],
            timed: false,
            time_box_secs: 600,
            think_secs: 0,
            answer_secs: 300,
            overtime_secs: 0,
            hints_used: 0,
            answer: String::new(),
            rubric: Coverage {
                covered: vec![1, 2],
                total: 4,
                ..Coverage::default()
            },
            grade,
            follow_ups: vec![],
            note: String::new(),
            partial: false,
            version: "0.1.0".to_owned(),
            lab: None,
            suggested_grade: None,
            scenario: None,
            conversation: Vec::new(),
            check: None,
            graded_by: None,
            ticks: Vec::new(),
            pitfalls_seen: Vec::new(),
            regrades: Vec::new(),
        }
    }

    pub fn prompt(id: &str, category: &str, level: Level, tags: &[&str]) -> Prompt {
        Prompt {
            id: PromptId(id.to_owned()),
            title: format!("Title of {id}"),
            category: Category::new(category),
            level,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            minutes: 10,
            think_seconds: None,
            prompt: "p".to_owned(),
            hints: vec![],
            rubric: vec![RubricPoint::plain("a"), RubricPoint::plain("b")],
            pitfalls: vec![],
            follow_ups: vec![],
            why: None,
            listen_for: vec![],
            red_flags: vec![],
            scenario: None,
            facts: Vec::new(),
            source: Source::BuiltIn,
            check: None,
            answer: None,
            formerly: Vec::new(),
            overrides_built_in: false,
        }
    }
}
