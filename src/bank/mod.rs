//! The question bank: prompt types, parsing YAML prompt files with line/column
//! diagnostics, and loading the built-in bank plus the user's folders.
//!
//! This module never prints and never reads history; it turns files into prompts
//! and problems.

mod builtin;
mod load;
mod parse;
mod types;
mod yaml;

pub use load::{Bank, LoadReport, load};
pub use parse::{
    Diagnostic, Parsed, Severity, did_you_mean, parse_prompt_bytes, parse_prompt_file,
};
pub use types::{Category, FollowUpPool, Level, Prompt, PromptId, Resource, SKILL_AREAS, Source};
pub use yaml::MAX_FILE_BYTES;

/// The built-in bank's files, for tests and for `list`.
#[must_use]
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    builtin::PROMPT_FILES
}
