//! Loading the whole bank: the built-in files, then the user's folders on top.
//!
//! A bad user file never stops the built-in bank from loading: it is skipped and
//! reported in one line with a pointer to `sre-drill validate`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};

use super::builtin;
use super::files::{find_prompt_files, read_prompt_file};
use super::parse::{Parsed, Severity, parse_built_in_tree, parse_prompt_bytes};
use super::types::{Category, FollowUpPool, Prompt, Resource, Vocabulary};
use super::yaml;
use crate::bad_input;

/// The merged bank.
#[derive(Debug, Default)]
pub struct Bank {
    pub prompts: Vec<Prompt>,
    pub follow_up_pool: Vec<String>,
    pub resources: Vec<Resource>,
    /// What `~name` stands for in `ask` and `listen_for` lists.
    pub vocabulary: Vocabulary,
}

/// What loading had to say: one line per skipped file or dropped prompt.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub warnings: Vec<String>,
}

impl Bank {
    /// All categories with at least one prompt, built-in ones first.
    #[must_use]
    pub fn categories(&self) -> Vec<Category> {
        let mut out: Vec<Category> = Category::BUILT_IN
            .iter()
            .map(|c| Category::new(c))
            .collect();
        for p in &self.prompts {
            if !out.contains(&p.category) {
                out.push(p.category.clone());
            }
        }
        out.retain(|c| self.prompts.iter().any(|p| &p.category == c));
        out
    }

    #[must_use]
    /// The prompt with `id`, or the one that lists `id` under `formerly:` (an old id
    /// still works on the command line; a live id always wins).
    pub fn get(&self, id: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|p| p.id.0 == id).or_else(|| {
            self.prompts
                .iter()
                .find(|p| p.formerly.iter().any(|f| f.0 == id))
        })
    }

    /// The category or prompt id closest to a mistyped `word`; a near former id names
    /// the prompt's current id.
    #[must_use]
    pub fn closest_name(&self, word: &str) -> Option<String> {
        let categories = self.categories();
        let mut names: Vec<&str> = categories.iter().map(Category::as_str).collect();
        names.extend(self.prompts.iter().map(|p| p.id.0.as_str()));
        names.extend(
            self.prompts
                .iter()
                .flat_map(|p| p.formerly.iter().map(|f| f.0.as_str())),
        );
        let near = crate::text::did_you_mean(word, &names)?;
        Some(
            self.get(near)
                .map_or_else(|| near.to_owned(), |p| p.id.0.clone()),
        )
    }

    /// The prompts that carry a former id (`formerly:`), by that id. An id a prompt
    /// still uses is never mapped, and when two prompts claim the same former id the
    /// first in the bank keeps it.
    #[must_use]
    pub fn renames(&self) -> HashMap<&str, &Prompt> {
        let live: std::collections::HashSet<&str> =
            self.prompts.iter().map(|p| p.id.0.as_str()).collect();
        let mut out = HashMap::new();
        for p in &self.prompts {
            for old in &p.formerly {
                if !live.contains(old.0.as_str()) {
                    out.entry(old.0.as_str()).or_insert(p);
                }
            }
        }
        out
    }
}

/// Loads the built-in bank and every `*.yaml` under `user_dirs` (missing folders that
/// were not named explicitly are fine). `explicit` folders must exist.
///
/// # Errors
/// An explicit `--bank` folder that does not exist (bad input), or the built-in bank
/// failing to parse (a bug, caught by the bank test).
pub fn load(default_dir: Option<&Path>, explicit: &[PathBuf]) -> Result<(Bank, LoadReport)> {
    let mut bank = Bank::default();
    let mut report = LoadReport::default();
    for (name, _, json) in builtin::PROMPT_FILES {
        let root =
            yaml::from_json(json).with_context(|| format!("the built-in {name} is broken"))?;
        let parsed = parse_built_in_tree(name, &root);
        if let Some(problem) = parsed
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
        {
            anyhow::bail!("the built-in bank is broken: {problem}");
        }
        bank.prompts.extend(parsed.prompts);
    }
    let (name, _, json) = builtin::FOLLOW_UPS;
    let pool: FollowUpPool =
        serde_json::from_str(json).with_context(|| format!("the built-in {name} is broken"))?;
    bank.follow_up_pool = pool.follow_ups;
    let (name, _, json) = builtin::RESOURCES;
    let resources: ResourceFile =
        serde_json::from_str(json).with_context(|| format!("the built-in {name} is broken"))?;
    bank.resources = resources.resources;
    let (name, _, json) = builtin::VOCABULARY;
    bank.vocabulary =
        serde_json::from_str(json).with_context(|| format!("the built-in {name} is broken"))?;

    let mut files = Vec::new();
    if let Some(dir) = default_dir
        && dir.is_dir()
    {
        collect_yaml(dir, &mut files, &mut report);
    }
    for dir in explicit {
        if !dir.is_dir() {
            return Err(bad_input!(
                "--bank {}: no such folder; give a folder that holds prompt files (*.yaml)",
                dir.display()
            ));
        }
        collect_yaml(dir, &mut files, &mut report);
    }
    // A `vocabulary.yaml` in a user folder extends the built-in vocabulary.
    let (vocab_files, files): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|p| p.file_name().is_some_and(|n| n == VOCABULARY_FILE));
    for path in &vocab_files {
        match read_vocabulary(path) {
            Ok(v) => bank.vocabulary.extend(v),
            Err(err) => report.warnings.push(format!(
                "skipped {}: {err}; run `sre-drill validate {}` for details",
                path.display(),
                path.display()
            )),
        }
    }
    let mut user_ids: HashMap<String, PathBuf> = HashMap::new();
    let built_in: HashMap<String, usize> = bank
        .prompts
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.0.clone(), i))
        .collect();
    for (path, parsed) in files.iter().zip(parse_files(&files)) {
        let parsed = match parsed {
            Ok(parsed) => parsed,
            Err(err) => {
                report.warnings.push(format!(
                    "skipped {}: {err}; run `sre-drill validate {}` for details",
                    path.display(),
                    path.display()
                ));
                continue;
            }
        };
        let errors: Vec<_> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if let Some(first) = errors.first() {
            let more = match errors.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            // The diagnostic starts with the path: "skipped FILE:3:5: ...".
            report.warnings.push(format!(
                "skipped {first}{more}; run `sre-drill validate {}` for details",
                path.display()
            ));
            continue;
        }
        for mut prompt in parsed.prompts {
            if let Some(first) = user_ids.get(&prompt.id.0) {
                report.warnings.push(format!(
                    "skipped prompt '{}' in {}: the id is already used in {}",
                    prompt.id,
                    path.display(),
                    first.display()
                ));
                continue;
            }
            user_ids.insert(prompt.id.0.clone(), path.clone());
            if let Some(&slot) = built_in.get(&prompt.id.0) {
                prompt.overrides_built_in = true;
                bank.prompts[slot] = prompt;
            } else {
                bank.prompts.push(prompt);
            }
        }
    }
    Ok((bank, report))
}

/// The file name that holds vocabulary entries instead of prompts.
pub const VOCABULARY_FILE: &str = "vocabulary.yaml";

/// Reads a vocabulary file through the bounded YAML reader.
///
/// # Errors
/// A sentence naming the line and what is wrong.
pub fn read_vocabulary(path: &Path) -> Result<Vocabulary, String> {
    let bytes = read_prompt_file(path).map_err(|e| e.to_string())?;
    let text = std::str::from_utf8(&bytes).map_err(|_| "the file is not valid UTF-8".to_owned())?;
    parse_vocabulary(text)
}

/// Parses the text of a vocabulary file: `vocabulary:` mapping names to phrase lists.
///
/// # Errors
/// A sentence naming the line and what is wrong.
pub fn parse_vocabulary(text: &str) -> Result<Vocabulary, String> {
    use super::yaml::Value;
    let root = yaml::parse(text).map_err(|e| format!("{}:{}: {}", e.line, e.column, e.message))?;
    let Value::Map(top) = &root.value else {
        return Err("1:1: expected `vocabulary:` with names and their phrases".to_owned());
    };
    let mut out = Vocabulary::default();
    for (key, value) in top {
        if key.text != "vocabulary" {
            return Err(format!(
                "{}:{}: unknown field `{}`; a vocabulary file has only `vocabulary:`",
                key.line, key.column, key.text
            ));
        }
        let Value::Map(entries) = &value.value else {
            return Err(format!(
                "{}:{}: `vocabulary:` must map names to lists of phrases",
                value.line, value.column
            ));
        };
        for (name, list) in entries {
            if !super::is_kebab(&name.text) {
                return Err(format!(
                    "{}:{}: vocabulary name '{}' must be lower-case words joined by dashes",
                    name.line, name.column, name.text
                ));
            }
            let Value::Seq(items) = &list.value else {
                return Err(format!(
                    "{}:{}: `{}` must be a list of phrases",
                    list.line, list.column, name.text
                ));
            };
            let mut phrases = Vec::new();
            for item in items {
                match &item.value {
                    Value::Str(s) if !crate::hearing::Phrase::new(s).is_empty() => {
                        phrases.push(s.trim().to_owned());
                    }
                    _ => {
                        return Err(format!(
                            "{}:{}: each phrase of `{}` must be text with at least one word that is not filler",
                            item.line, item.column, name.text
                        ));
                    }
                }
            }
            out.vocabulary
                .entry(name.text.clone())
                .or_default()
                .extend(phrases);
        }
    }
    Ok(out)
}

/// Reads and checks the user's files on every core, results in the order given.
fn parse_files(files: &[PathBuf]) -> Vec<Result<Parsed, String>> {
    let parse = |path: &PathBuf| {
        read_prompt_file(path)
            .map(|bytes| parse_prompt_bytes(path, &bytes))
            .map_err(|err| err.to_string())
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(files.len());
    if workers <= 1 {
        return files.iter().map(parse).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<Parsed, String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        mine.push((i, parse(path)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut out: Vec<Result<Parsed, String>> = files
        .iter()
        .map(|_| Err("the file could not be checked".to_owned()))
        .collect();
    for (i, parsed) in done.drain(..) {
        out[i] = parsed;
    }
    out
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceFile {
    pub resources: Vec<Resource>,
}

/// Every prompt file below `dir`; folders that cannot be listed are reported.
fn collect_yaml(dir: &Path, out: &mut Vec<PathBuf>, report: &mut LoadReport) {
    let found = find_prompt_files(dir);
    for (dir, err) in found.unreadable {
        report
            .warnings
            .push(format!("skipped folder {}: {err}", dir.display()));
    }
    // `labs/` holds lab files (sre-drill lab), not prompts.
    let labs = dir.join("labs");
    out.extend(found.files.into_iter().filter(|p| !p.starts_with(&labs)));
}
