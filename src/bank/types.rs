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
    "kubernetes",
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

/// A category: one of the built-in ones or a custom one from a user file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Category(pub String);

impl Category {
    pub const BUILT_IN: [&'static str; 6] = [
        "coding",
        "troubleshooting",
        "reliability",
        "design",
        "behavioural",
        "company",
    ];

    /// Words `drill` gives a meaning of its own; no category may take them.
    pub const RESERVED: [&'static str; 4] = ["all", "due", "weak", "posting"];

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
            "design" => 45,
            "company" => 5,
            "behavioural" => 3,
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
    pub rubric: Vec<RubricPoint>,
    pub pitfalls: Vec<String>,
    pub follow_ups: Vec<FollowUp>,
    pub why: Option<String>,
    pub listen_for: Vec<String>,
    pub red_flags: Vec<String>,
    /// The interviewer's side of an interactive troubleshooting prompt (SPEC §10).
    pub scenario: Option<Scenario>,
    /// Clarifying questions the interviewer answers in any category (SPEC §15):
    /// "read/write ratio?" → "about 100 to 1".
    pub facts: Vec<Reply>,
    pub source: Source,
    /// A coding prompt's built-in checker (SPEC §12).
    pub check: Option<CheckSpec>,
    /// The model answer to the opening question, shown after the candidate's answer
    /// (a design round's first stage).
    pub answer: Option<String>,
    /// Ids this prompt had before (a rename or a merge): the history of those ids
    /// counts as this prompt's, unless another prompt still uses the id.
    pub formerly: Vec<PromptId>,
    /// True when this user prompt replaced a built-in prompt with the same id.
    pub overrides_built_in: bool,
}

impl Prompt {
    /// The points the user ticks after answering: the rubric, or what to listen for
    /// in the company's answer (plain points, nothing to listen for in the user's words).
    #[must_use]
    pub fn points(&self) -> Vec<RubricPoint> {
        if self.category.is_company() {
            self.listen_for
                .iter()
                .map(|t| RubricPoint::plain(t))
                .collect()
        } else {
            self.rubric.clone()
        }
    }

    /// The texts of [`Prompt::points`].
    #[must_use]
    pub fn point_texts(&self) -> Vec<String> {
        self.points().into_iter().map(|p| p.point).collect()
    }

    /// The questions of the prompt's own follow-ups.
    #[must_use]
    pub fn follow_up_questions(&self) -> Vec<String> {
        self.follow_ups.iter().map(|f| f.ask.clone()).collect()
    }
}

/// One rubric point: a plain string in YAML, or `{point, must, listen_for}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RubricPoint {
    pub point: String,
    /// The answer fails without it: a miss caps the suggested grade at 2 Hard.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub must: bool,
    /// Phrases whose use suggests the point was covered (matched by `crate::hearing`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listen_for: Vec<String>,
    /// A passing `check` (or `!check`) proves the point: it is ticked when the checker
    /// passes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_check: bool,
}

impl RubricPoint {
    #[must_use]
    pub fn plain(text: &str) -> Self {
        Self {
            point: text.to_owned(),
            must: false,
            listen_for: Vec::new(),
            by_check: false,
        }
    }

    /// True when the YAML form needs the map (anything beyond the text).
    #[must_use]
    pub fn is_plain(&self) -> bool {
        !self.must && self.listen_for.is_empty() && !self.by_check
    }
}

impl fmt::Display for RubricPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.point)
    }
}

/// One follow-up: a plain string in YAML, or `{ask, listen_for, minutes}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub ask: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listen_for: Vec<String>,
    /// Its own time box when timed (otherwise a quarter of the prompt's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// The stage of a design round this question opens (`scale-out`,
    /// `failure-domains`, `bill-of-materials`, ...): a prompt whose follow-ups have
    /// stages asks every one of them, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// The model answer, shown right after the candidate has answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
}

impl FollowUp {
    #[must_use]
    pub fn plain(text: &str) -> Self {
        Self {
            ask: text.to_owned(),
            listen_for: Vec::new(),
            minutes: None,
            stage: None,
            answer: None,
        }
    }

    #[must_use]
    pub fn is_plain(&self) -> bool {
        self.listen_for.is_empty()
            && self.minutes.is_none()
            && self.stage.is_none()
            && self.answer.is_none()
    }
}

/// An interactive troubleshooting scenario (SPEC §10): what the interviewer answers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Scenario {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Reply>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risky: Vec<Reply>,
    pub cause: Reply,
    /// What happens when the candidate mitigates (SPEC §15).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<Event>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otherwise: Option<String>,
}

/// Phrases that ask for something, and what the interviewer says back.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reply {
    pub ask: Vec<String>,
    pub say: String,
}

/// A mitigation the candidate may try, what it does, and whether it fixes the incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub ask: Vec<String>,
    pub say: String,
    pub good: bool,
}

/// What a check shows; `key` evidence is part of the path to the cause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub id: String,
    pub ask: Vec<String>,
    pub say: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub key: bool,
}

/// The incident moving on: said once `after` has passed in the answer phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    #[serde(with = "secs_as_duration")]
    pub after: u64,
    pub say: String,
}

/// `after` is written as a duration (`6m`, `90s`) and kept in seconds.
mod secs_as_duration {
    use serde::{Deserialize, Deserializer, Serializer};

    #[allow(clippy::trivially_copy_pass_by_ref)]
    pub fn serialize<S: Serializer>(secs: &u64, s: S) -> Result<S::Ok, S::Error> {
        if secs.is_multiple_of(60) {
            s.serialize_str(&format!("{}m", secs / 60))
        } else {
            s.serialize_str(&format!("{secs}s"))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        let text = String::deserialize(d)?;
        crate::bank::parse_duration_secs(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a duration like 90s or 6m"))
        })
    }
}

/// The built-in vocabulary: a name -> the phrases and commands that mean it, so an
/// `ask` or `listen_for` list can say `~disk-usage` instead of twenty phrases.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    pub vocabulary: std::collections::BTreeMap<String, Vec<String>>,
}

impl Vocabulary {
    /// The phrases of `list`, with every `~name` replaced by that entry's phrases
    /// (an unknown name stays as it is, so it matches nothing useful; `validate` reports it).
    #[must_use]
    pub fn expand(&self, list: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for phrase in list {
            match phrase
                .strip_prefix('~')
                .and_then(|n| self.vocabulary.get(n))
            {
                Some(words) => out.extend(words.iter().cloned()),
                None => out.push(phrase.clone()),
            }
        }
        out
    }

    /// Adds entries from another file; a name defined again gets its phrases appended.
    pub fn extend(&mut self, other: Vocabulary) {
        for (name, words) in other.vocabulary {
            self.vocabulary.entry(name).or_default().extend(words);
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
