//! Domain types of the bank: what a prompt is once it has been checked.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The skill areas of SPEC §6; tags outside this list are warned about.
pub const SKILL_AREAS: &[&str] = &[
    "software-engineering",
    "distributed-systems",
    "operating-systems",
    "networking",
    "databases",
    "security",
    "reliability",
    "troubleshooting",
    "customer-support",
    "linux",
    "cloud",
    "git",
    "monitoring",
    "incident-response",
    "on-call",
];

/// A prompt's stable identity: history refers to it, so editing a prompt's text keeps
/// its history.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PromptId(pub String);

impl fmt::Display for PromptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A category: the four built-in ones or a custom one from a user file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Category(pub String);

impl Category {
    pub const BUILT_IN: [&'static str; 4] = ["coding", "troubleshooting", "reliability", "company"];

    #[must_use]
    pub fn new(name: &str) -> Self {
        Self(name.to_owned())
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Company prompts are questions for the interviewer: `listen_for` instead of a rubric.
    #[must_use]
    pub fn is_company(&self) -> bool {
        self.0 == "company"
    }

    #[must_use]
    pub fn is_built_in(&self) -> bool {
        Self::BUILT_IN.contains(&self.0.as_str())
    }

    /// The time box a prompt of this category gets when its file does not say.
    #[must_use]
    pub fn default_minutes(&self) -> u32 {
        match self.0.as_str() {
            "coding" => 30,
            "company" => 5,
            _ => 10,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Entry,
    Mid,
    Senior,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Entry, Level::Mid, Level::Senior];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Entry => "entry",
            Level::Mid => "mid",
            Level::Senior => "senior",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == text)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a prompt came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    BuiltIn,
    File(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::BuiltIn => f.write_str("built-in"),
            Source::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// One checked prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub id: PromptId,
    pub title: String,
    pub category: Category,
    pub level: Level,
    pub tags: Vec<String>,
    pub minutes: u32,
    pub think_seconds: Option<u32>,
    pub prompt: String,
    pub hints: Vec<String>,
    pub rubric: Vec<String>,
    pub pitfalls: Vec<String>,
    pub follow_ups: Vec<String>,
    pub why: Option<String>,
    pub listen_for: Vec<String>,
    pub red_flags: Vec<String>,
    pub source: Source,
    /// A coding prompt's built-in checker (SPEC §12).
    pub check: Option<CheckSpec>,
    /// True when this user prompt replaced a built-in prompt with the same id.
    pub overrides_built_in: bool,
}

impl Prompt {
    /// The points the user ticks after answering: the rubric, or what to listen for
    /// in the company's answer.
    #[must_use]
    pub fn points(&self) -> &[String] {
        if self.category.is_company() {
            &self.listen_for
        } else {
            &self.rubric
        }
    }
}

/// A coding prompt's `check:` block: a built-in checker's name and the numbers it
/// takes. Data only: nothing in a prompt file is ever run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckSpec {
    pub checker: String,
    pub params: Vec<(String, i64)>,
}

/// The general pool of reliability follow-ups asked after a prompt's own.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpPool {
    pub follow_ups: Vec<String>,
}

/// A free study resource for a skill area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub name: String,
    pub kind: String,
    pub url: String,
    pub areas: Vec<String>,
}
