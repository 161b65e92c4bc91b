//! The question bank: prompt types, parsing YAML prompt files with line/column
//! diagnostics, and loading the built-in bank plus the user's folders.
//!
//! This module never prints and never reads history; it turns files into prompts
//! and problems.

mod builtin;
mod expansion;
mod files;
mod load;
mod parse;
pub mod schema;
mod types;
mod write;
mod yaml;

pub use crate::text::{
    did_you_mean, duration_secs as parse_duration_secs, edit_distance, is_kebab,
};
pub use expansion::{MAX_ALIAS_BYTES, MAX_ALIAS_EVENTS};
pub use files::{Found, ReadProblem, find_prompt_files, is_prompt_file_name, read_prompt_file};
pub use load::{
    Bank, LoadReport, ResourceFile, VOCABULARY_FILE, load, parse_vocabulary, read_vocabulary,
};
pub use parse::{
    Diagnostic, Parsed, Severity, parse_built_in_tree, parse_prompt_bytes, parse_prompt_file,
};
pub use types::{
    Category, CheckSpec, Event, Evidence, Fix, FollowUp, FollowUpPool, Level, Prompt, PromptId,
    Reply, Resource, RubricPoint, SKILL_AREAS, Scenario, Source, Vocabulary,
};
pub use write::{
    Draft, add_scenario_to, append_to, check_draft, check_writable, item_yaml, write_atomically,
};
pub use yaml::{FileKind, MAX_DEPTH, MAX_FILE_BYTES, parse_typed as parse_typed_yaml};

/// The built-in topic map (`drills/topics.yaml`): (name shown in messages, YAML text,
/// the same as JSON).
#[must_use]
pub fn builtin_topics() -> (&'static str, &'static str, &'static str) {
    builtin::TOPICS
}

/// The built-in bank's prompt files as YAML: (name, text), for tests and `validate`.
pub fn builtin_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    builtin::PROMPT_FILES
        .iter()
        .map(|(name, yaml, _)| (*name, *yaml))
}
