//! What a checked lab is, and the labs as loaded. Only data and small look-ups.

use crate::bank::{Category, Diagnostic, FollowUp, Level, Prompt, PromptId, Severity, Source};
use crate::lab::answer::Rule;
use crate::lab::generators::Generator;
use crate::text::did_you_mean;

/// The category lab attempts are logged under.
pub const CATEGORY: &str = "lab";
/// Tries a lab allows before the answer is shown.
pub const TRIES: u32 = 3;

/// One checked lab.
#[derive(Debug, Clone)]
pub struct Lab {
    pub id: String,
    pub title: String,
    pub level: Level,
    pub tags: Vec<String>,
    pub minutes: u32,
    pub brief: String,
    pub generator: Generator,
    pub question: String,
    pub rule: Rule,
    pub hints: Vec<String>,
    pub follow_ups: Vec<String>,
    pub source: Source,
    /// True when this user lab replaced a built-in lab with the same id.
    pub overrides_built_in: bool,
}

impl Lab {
    /// The lab as a prompt, for the session's header, picks and follow-ups.
    #[must_use]
    pub fn as_prompt(&self) -> Prompt {
        Prompt {
            id: PromptId(self.id.clone()),
            title: self.title.clone(),
            category: Category::new(CATEGORY),
            level: self.level,
            tags: self.tags.clone(),
            minutes: self.minutes,
            think_seconds: None,
            prompt: self.brief.clone(),
            hints: self.hints.clone(),
            rubric: Vec::new(),
            pitfalls: Vec::new(),
            follow_ups: self.follow_ups.iter().map(|q| FollowUp::plain(q)).collect(),
            why: None,
            listen_for: Vec::new(),
            red_flags: Vec::new(),
            scenario: None,
            facts: Vec::new(),
            source: self.source.clone(),
            check: None,
            answer: None,
            formerly: Vec::new(),
            overrides_built_in: self.overrides_built_in,
        }
    }
}

/// What one lab file yielded.
#[derive(Debug, Default)]
pub struct ParsedLabs {
    pub labs: Vec<Lab>,
    pub diagnostics: Vec<Diagnostic>,
}

impl ParsedLabs {
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// All labs: built-in, then the user's packs on top (same id replaces), with one
/// warning per skipped file or lab.
#[derive(Debug, Default)]
pub struct Labs {
    pub labs: Vec<Lab>,
    pub warnings: Vec<String>,
}

impl Labs {
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Lab> {
        self.labs.iter().find(|l| l.id == id)
    }

    /// Ids close to `id`, for an "unknown lab" message.
    #[must_use]
    pub fn close_ids(&self, id: &str) -> Vec<&str> {
        let ids: Vec<&str> = self.labs.iter().map(|l| l.id.as_str()).collect();
        let mut close: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|l| !id.is_empty() && (l.contains(id) || id.contains(*l)))
            .take(5)
            .collect();
        if close.is_empty() {
            close.extend(did_you_mean(id, &ids));
        }
        close
    }
}
