//! Reading lab files: one file's text through the bank's bounded YAML reader and the
//! checks, the built-in labs embedded by build.rs, and the user's folders on top.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::check::{RawFile, check_lab};
use super::types::{Labs, ParsedLabs};
use crate::bad_input;
use crate::bank::{
    Diagnostic, FileKind, Severity, Source, find_prompt_files, parse_typed_yaml, read_prompt_file,
};
use crate::text::did_you_mean;

/// The built-in lab files: every `drills/labs/*.yaml`, listed by build.rs.
mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_labs.rs"));
}

/// Parses and checks one lab file; `path` is how it is named in messages.
#[must_use]
pub fn parse_lab_file(path: &str, text: &str, source: &Source) -> ParsedLabs {
    let mut out = ParsedLabs::default();
    let mut error = |line: u32, column: u32, message: String| {
        out.diagnostics.push(Diagnostic {
            path: path.to_owned(),
            // A parser error without a position points at the start of the file.
            line: line.max(1),
            column: column.max(1),
            severity: Severity::Error,
            message,
        });
    };
    if text
        .trim_start_matches('\u{feff}')
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        error(
            1,
            1,
            "the file is empty; a lab file has `labs:` with a list of labs".to_owned(),
        );
        return out;
    }
    let raw = match parse_typed_yaml::<RawFile>(text, FileKind::Lab) {
        Ok(raw) => raw,
        Err(err) => {
            let message = match unknown_field(&err.message) {
                Some(message) => message,
                None => err.message,
            };
            error(err.line, err.column, message);
            return out;
        }
    };
    let mut seen: HashMap<String, (u32, u32)> = HashMap::new();
    for raw_lab in raw.labs {
        let (lab, problems) = check_lab(raw_lab.value, source);
        let before = out.diagnostics.len();
        for p in problems {
            out.diagnostics.push(Diagnostic {
                path: path.to_owned(),
                line: p.line,
                column: p.column,
                severity: Severity::Error,
                message: p.message,
            });
        }
        if let Some((lab, pos)) = lab {
            if let Some((l, c)) = seen.get(&lab.id) {
                out.diagnostics.push(Diagnostic {
                    path: path.to_owned(),
                    line: pos.0,
                    column: pos.1,
                    severity: Severity::Error,
                    message: format!("duplicate id '{}': already used at {path}:{l}:{c}; give each lab its own id", lab.id),
                });
                continue;
            }
            seen.insert(lab.id.clone(), pos);
            if out.diagnostics.len() == before {
                out.labs.push(lab);
            }
        }
    }
    out
}

/// serde's "unknown field `x`, expected one of a, b" with the closest field named.
fn unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let known: Vec<&str> = expected
        .split_once("expected one of ")
        .map(|(_, list)| list.split(", ").map(|f| f.trim_matches('`')).collect())
        .unwrap_or_default();
    let hint = did_you_mean(field, &known)
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    Some(format!(
        "unknown field `{field}`{hint}{expected}; lab files accept only these fields"
    ))
}

/// Loads the built-in labs and every lab file under `<dir>/labs/` for the user's drills
/// folder and each `--bank` folder.
///
/// # Errors
/// The built-in labs are broken (a bug the tests catch), or a `--bank` folder is missing.
pub fn load(user_drills: Option<&Path>, banks: &[PathBuf]) -> anyhow::Result<Labs> {
    let mut out = Labs::default();
    for (name, text) in builtin::LAB_FILES {
        let parsed = parse_lab_file(name, text, &Source::BuiltIn);
        if let Some(d) = parsed.diagnostics.first() {
            anyhow::bail!("the built-in labs are broken: {d}");
        }
        out.labs.extend(parsed.labs);
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(d) = user_drills {
        dirs.push(d.join("labs"));
    }
    for bank in banks {
        if !bank.is_dir() {
            return Err(bad_input!(
                "--bank {}: no such folder; give a folder that holds prompt files (*.yaml)",
                bank.display()
            ));
        }
        dirs.push(bank.join("labs"));
    }
    let mut user_ids: HashMap<String, PathBuf> = HashMap::new();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let found = find_prompt_files(dir);
        for (d, err) in found.unreadable {
            out.warnings
                .push(format!("skipped folder {}: {err}", d.display()));
        }
        for path in found.files {
            let bytes = match read_prompt_file(&path) {
                Ok(b) => b,
                Err(err) => {
                    out.warnings
                        .push(format!("skipped lab file {}: {err}", path.display()));
                    continue;
                }
            };
            let Ok(text) = String::from_utf8(bytes) else {
                out.warnings.push(format!(
                    "skipped lab file {}: not valid UTF-8; save it as UTF-8 text",
                    path.display()
                ));
                continue;
            };
            let parsed = parse_lab_file(
                &path.display().to_string(),
                &text,
                &Source::File(path.clone()),
            );
            if let Some(first) = parsed.diagnostics.first() {
                let more = match parsed.diagnostics.len() {
                    1 => String::new(),
                    n => format!(" (and {} more)", n - 1),
                };
                out.warnings.push(format!(
                    "skipped lab file {}: {first}{more}",
                    path.display()
                ));
                continue;
            }
            for mut lab in parsed.labs {
                if let Some(first) = user_ids.get(&lab.id) {
                    out.warnings.push(format!(
                        "skipped lab '{}' in {}: the id is already used in {}",
                        lab.id,
                        path.display(),
                        first.display()
                    ));
                    continue;
                }
                user_ids.insert(lab.id.clone(), path.clone());
                if let Some(slot) = out.labs.iter_mut().find(|l| l.id == lab.id) {
                    lab.overrides_built_in = true;
                    *slot = lab;
                } else {
                    out.labs.push(lab);
                }
            }
        }
    }
    Ok(out)
}
