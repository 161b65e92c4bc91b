//! The user's own experience stories (SPEC §16): the file they live in
//! (`$SRE_DRILL_HOME/stories.yaml`, `file.rs`), the id a story keeps, and the prompt a
//! story is drilled as: category `behavioural`, three minutes, and the rubric of a
//! strong story. Pure apart from reading the file; nothing here asks or prints.

pub mod file;

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::bank::{Category, FollowUp, Level, Prompt, PromptId, RubricPoint, Source};
pub use file::{ID_PREFIX, append_to, id_is_well_formed, item_yaml, load, parse};

/// The category stories are drilled and logged under.
pub const CATEGORY: &str = "behavioural";
/// A story's time box: an answer to "tell me about a time ..." runs two to three minutes.
pub const MINUTES: u32 = 3;
/// Quiet planning before telling it, when timed.
pub const THINK_SECONDS: u32 = 30;

/// One story, as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Story {
    /// `story-SLUG`; the history refers to it, so it never changes.
    pub id: String,
    pub title: String,
    pub situation: String,
    /// What you had to do (may be empty).
    pub task: String,
    /// What you did yourself.
    pub action: String,
    pub result: String,
    /// The figures that show the result: "40 minutes of errors", "3% of orders".
    pub numbers: Vec<String>,
    /// What you learned or changed afterwards (may be empty).
    pub learned: String,
    /// The topics it can answer for, in the user's words: "kubernetes", "on-call".
    pub topics: Vec<String>,
}

/// `story-` and a slug of `title` (`Checkout went down!` → story-checkout-went-down),
/// made unique with `-2`, `-3` ... against `taken`.
#[must_use]
pub fn suggest_id(title: &str, taken: impl Fn(&str) -> bool) -> String {
    let title = deunicode::deunicode(title);
    let mut base = ID_PREFIX.trim_end_matches('-').to_owned();
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if base.len() + word.len() + 1 > 48 {
            break;
        }
        base.push('-');
        base.push_str(&word.to_ascii_lowercase());
    }
    if base.len() <= ID_PREFIX.len() {
        base = format!("{ID_PREFIX}untitled");
    }
    if !taken(&base) {
        return base;
    }
    (2..100_000)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// What a strong story does, in the order an interviewer listens for it. The second and
/// third points are must-haves; the third also listens for the story's own numbers.
#[must_use]
pub fn rubric(numbers: &[String]) -> Vec<RubricPoint> {
    let phrases = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let mut result_words = numbers.to_vec();
    result_words.extend(phrases(&[
        "minutes of downtime",
        "error rate",
        "percent",
        "went from",
        "dropped to",
        "down to",
        "users affected",
    ]));
    vec![
        RubricPoint {
            point: "Sets a concrete situation in a few sentences: when it was, which system, who was affected".to_owned(),
            must: false,
            listen_for: phrases(&[
                "customers",
                "users",
                "affected",
                "alert fired",
                "we noticed",
                "impact",
                "at the time",
            ]),
            by_check: false,
        },
        RubricPoint {
            point: "Says in \"I\" what you did yourself, apart from what the team did".to_owned(),
            must: true,
            listen_for: phrases(&[
                "i decided",
                "i paged",
                "i rolled back",
                "i checked",
                "i read",
                "i looked",
                "i found",
                "i noticed",
                "i traced",
                "i measured",
                "i set",
                "i added",
                "i changed",
                "i fixed",
                "i wrote",
                "i built",
                "i ran",
                "i asked",
                "i proposed",
                "i led",
                "my role",
                "i personally",
            ]),
            by_check: false,
        },
        RubricPoint {
            point: "Gives a measurable result: a number you can stand behind (minutes, percent, users, money)".to_owned(),
            must: true,
            listen_for: result_words,
            by_check: false,
        },
        RubricPoint {
            point: "Says what you learned or what changed afterwards".to_owned(),
            must: false,
            listen_for: phrases(&[
                "i learned",
                "since then",
                "next time",
                "taught me",
                "runbook",
                "new alert",
                "we changed",
            ]),
            by_check: false,
        },
        RubricPoint::plain(
            "Tells it within the time box, reaching your own actions in the first minute",
        ),
    ]
}

/// The pitfalls an interviewer notes in a story.
const PITFALLS: &[&str] = &[
    "Says \"we\" all the way through, so the interviewer cannot tell what you did",
    "Has no result in numbers, only \"it got fixed\"",
    "Spends most of the time on background and runs past the time box",
    "Blames a colleague or another team",
];

fn follow_ups() -> Vec<FollowUp> {
    vec![
        FollowUp {
            ask: "If it happened again tomorrow, what would you do differently?".to_owned(),
            listen_for: vec![
                "differently".to_owned(),
                "sooner".to_owned(),
                "instead".to_owned(),
            ],
            ..FollowUp::plain("")
        },
        FollowUp {
            ask: "How did you measure the result you quoted?".to_owned(),
            listen_for: vec![
                "dashboard".to_owned(),
                "metrics".to_owned(),
                "logs".to_owned(),
                "tickets".to_owned(),
            ],
            ..FollowUp::plain("")
        },
        FollowUp::plain("What did the rest of the team do, and how did you work with them?"),
    ]
}

impl Story {
    /// The story as written, shown after it has been told.
    #[must_use]
    pub fn as_written(&self) -> String {
        let mut text = format!("your story as you wrote it ({}):", self.id);
        let mut part = |name: &str, value: &str| {
            if !value.trim().is_empty() {
                let _ = write!(text, "\n{name}: {}", value.trim());
            }
        };
        part("Situation", &self.situation);
        part("Task", &self.task);
        part("Action", &self.action);
        part("Result", &self.result);
        part("Numbers", &self.numbers.join("; "));
        part("Learned", &self.learned);
        text
    }

    /// The prompt the story is drilled as: category `behavioural`, [`MINUTES`] minutes,
    /// the rubric of a strong story, the situation and the numbers as hints, and the
    /// story as written shown after the answer. `tags` are the skill areas its topics
    /// stand for; `file` is where it lives.
    #[must_use]
    pub fn to_prompt(&self, tags: Vec<String>, file: &Path) -> Prompt {
        let mut prompt = format!(
            "Tell me about this, from your own experience: \"{}\".\n\nTell it as in the interview, in about {MINUTES} minutes: the situation in a few sentences, what you did yourself (say \"I\"), the result in numbers, and what you learned.",
            self.title
        );
        if !self.topics.is_empty() {
            let _ = write!(prompt, "\nIt answers for: {}.", self.topics.join(", "));
        }
        let mut hints = vec![format!(
            "Situation, as you wrote it: {}",
            self.situation.trim()
        )];
        if !self.numbers.is_empty() {
            hints.push(format!("Your numbers: {}", self.numbers.join("; ")));
        }
        Prompt {
            id: PromptId(self.id.clone()),
            title: self.title.clone(),
            category: Category::new(CATEGORY),
            level: Level::Mid,
            tags,
            minutes: MINUTES,
            think_seconds: Some(THINK_SECONDS),
            prompt,
            hints,
            rubric: rubric(&self.numbers),
            pitfalls: PITFALLS.iter().map(|p| (*p).to_owned()).collect(),
            follow_ups: follow_ups(),
            why: None,
            listen_for: Vec::new(),
            red_flags: Vec::new(),
            scenario: None,
            facts: Vec::new(),
            source: Source::File(file.to_path_buf()),
            check: None,
            answer: Some(self.as_written()),
            formerly: Vec::new(),
            overrides_built_in: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story() -> Story {
        Story {
            id: "story-disk-full".to_owned(),
            title: "Checkout went down: the disk was full".to_owned(),
            situation: "Black Friday; checkout returned 500s.".to_owned(),
            task: String::new(),
            action: "I found the deleted log held open and truncated it.".to_owned(),
            result: "Back in 12 minutes.".to_owned(),
            numbers: vec!["12 minutes".to_owned()],
            learned: "Rotate logs.".to_owned(),
            topics: vec!["linux".to_owned()],
        }
    }

    #[test]
    fn a_story_is_a_three_minute_behavioural_prompt_with_the_rubric_of_a_strong_story() {
        let p = story().to_prompt(vec!["linux".to_owned()], Path::new("/h/stories.yaml"));
        assert_eq!(p.id.0, "story-disk-full");
        assert_eq!(p.category.as_str(), "behavioural");
        assert_eq!(p.minutes, 3);
        assert_eq!(p.tags, ["linux"]);
        let musts: Vec<&str> = p
            .rubric
            .iter()
            .filter(|r| r.must)
            .map(|r| r.point.as_str())
            .collect();
        assert_eq!(musts.len(), 2);
        assert!(musts[0].contains("in \"I\""), "{musts:?}");
        assert!(musts[1].contains("measurable result"), "{musts:?}");
        assert!(p.rubric[2].listen_for.contains(&"12 minutes".to_owned()));
        assert!(p.rubric[4].point.contains("within the time box"));
        let shown = p.answer.unwrap();
        assert!(shown.contains("Action: I found the deleted log"), "{shown}");
        assert!(
            !shown.contains("Task:"),
            "an empty part is left out: {shown}"
        );
        assert_eq!(p.hints.len(), 2);
        assert_eq!(p.source, Source::File("/h/stories.yaml".into()));
    }

    #[test]
    fn ids_come_from_the_title_and_stay_unique() {
        let none = |_: &str| false;
        assert_eq!(
            suggest_id("Checkout went down: the disk was full!", none),
            "story-checkout-went-down-the-disk-was-full"
        );
        assert_eq!(suggest_id("Über-Störung", none), "story-uber-storung");
        assert_eq!(suggest_id("!!!", none), "story-untitled");
        let taken = |id: &str| id == "story-outage" || id == "story-outage-2";
        assert_eq!(suggest_id("Outage", taken), "story-outage-3");
        assert!(id_is_well_formed(&suggest_id(&"word ".repeat(40), none)));
    }

    #[test]
    fn the_rubric_is_what_the_bank_checker_accepts_of_a_behavioural_prompt() {
        let p = story().to_prompt(vec![], Path::new("s.yaml"));
        assert!(p.rubric.len() >= crate::bank::schema::minimum_points(&p.category));
    }
}
