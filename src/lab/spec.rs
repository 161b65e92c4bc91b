//! Lab files: the YAML types, their checks, and loading the built-in labs plus the
//! user's packs (`$SRE_DRILL_HOME/drills/labs/`, `--bank DIR/labs/`).
//!
//! A lab file is data only: texts, a generator name and its parameters, and how the
//! answer is compared. Every problem is reported as `file:line:col: sentence`; unknown
//! fields are errors. A bad user file is reported and skipped; the built-in labs
//! always load. Nothing here writes or prints.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::{Budget, Options, Spanned};

use super::answer::{Rule, Tolerance};
use super::generators::{Generator, NAMES};
use super::params::{Problem, RawParams, Reader, Value};
use crate::bad_input;
use crate::bank::{
    Category, Diagnostic, FollowUp, Level, MAX_DEPTH, MAX_FILE_BYTES, Prompt, PromptId, Severity,
    Source, did_you_mean, find_prompt_files, read_prompt_file,
};

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
            source: self.source.clone(),
            check: None,
            overrides_built_in: self.overrides_built_in,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    labs: Vec<Spanned<RawLab>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLab {
    id: Spanned<String>,
    title: Spanned<String>,
    level: Spanned<String>,
    #[serde(default)]
    tags: Vec<String>,
    minutes: Spanned<i64>,
    brief: Spanned<String>,
    generator: Spanned<RawParams>,
    question: Spanned<String>,
    answer: Spanned<RawAnswer>,
    #[serde(default)]
    hints: Vec<String>,
    #[serde(default)]
    follow_ups: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    kind: Spanned<String>,
    #[serde(default)]
    tolerance: Option<Spanned<Value>>,
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

/// Parses and checks one lab file; `path` is how it is named in messages.
#[must_use]
pub fn parse_lab_file(path: &str, text: &str, source: &Source) -> ParsedLabs {
    let mut out = ParsedLabs::default();
    let mut error = |line: u32, column: u32, message: String| {
        out.diagnostics.push(Diagnostic {
            path: path.to_owned(),
            line,
            column,
            severity: Severity::Error,
            message,
        });
    };
    if text.len() > MAX_FILE_BYTES {
        error(
            1,
            1,
            format!(
                "the file is over {} MiB; split it into several lab files",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        );
        return out;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text
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
    let parsed = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("lab-yaml".to_owned())
            .stack_size(32 * 1024 * 1024)
            .spawn_scoped(scope, || {
                serde_saphyr::from_str_with_options::<RawFile>(text, options())
            })
            .map(std::thread::ScopedJoinHandle::join)
    });
    let raw = match parsed {
        Ok(Ok(Ok(raw))) => raw,
        Ok(Ok(Err(err))) => {
            let (line, column) = err
                .location()
                .map_or((1, 1), |l| (l.line() as u32, l.column() as u32));
            error(line, column, saphyr_message(&err));
            return out;
        }
        Ok(Err(_)) | Err(_) => {
            error(
                1,
                1,
                "the YAML parser stopped unexpectedly on this file".to_owned(),
            );
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

fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_reader_input_bytes = Some(MAX_FILE_BYTES);
    budget.max_total_scalar_bytes = MAX_FILE_BYTES;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_documents = 1;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    options
}

/// serde-saphyr's first line without its own "line X column Y: " prefix.
fn saphyr_message(err: &serde_saphyr::Error) -> String {
    let rendered = err.to_string();
    let first = rendered.lines().next().unwrap_or("invalid YAML").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let message = match first.strip_prefix("line ").and_then(|r| r.split_once(": ")) {
        Some((pos, rest)) if pos.contains("column") => rest,
        _ => first,
    };
    if message.contains("unknown field") {
        format!("{message}; lab files accept only these fields")
    } else {
        message.to_owned()
    }
}

fn at<T>(s: &Spanned<T>) -> (u32, u32) {
    (s.referenced.line() as u32, s.referenced.column() as u32)
}

fn problem(pos: (u32, u32), message: String) -> Problem {
    Problem {
        line: pos.0,
        column: pos.1,
        message,
    }
}

/// A checked lab with its id's position (when it has no problems), and the problems.
type Checked = (Option<(Lab, (u32, u32))>, Vec<Problem>);

/// Checks one lab; returns it (with its id's position) when it has no problems.
fn check_lab(raw: RawLab, source: &Source) -> Checked {
    let mut problems = Vec::new();
    let id = raw.id.value.trim().to_owned();
    let id_pos = at(&raw.id);
    if !crate::bank::is_kebab(&id) {
        problems.push(problem(
            id_pos,
            format!("id '{id}' must be lower-case words joined by dashes, like `lab-5xx-burst`"),
        ));
    }
    let mut text = |s: &Spanned<String>, field: &str| -> String {
        let t = s.value.trim_end().to_owned();
        if t.trim().is_empty() {
            problems.push(problem(at(s), format!("`{field}` of lab '{id}' is empty")));
        }
        t
    };
    let title = text(&raw.title, "title");
    let brief = text(&raw.brief, "brief");
    let question = text(&raw.question, "question");
    let level = Level::parse(raw.level.value.trim());
    if level.is_none() {
        problems.push(problem(
            at(&raw.level),
            format!(
                "level '{}' is not one of entry, mid, senior",
                raw.level.value
            ),
        ));
    }
    let minutes = raw.minutes.value;
    if !(1..=180).contains(&minutes) {
        problems.push(problem(
            at(&raw.minutes),
            format!("`minutes` is {minutes}; it must be between 1 and 180"),
        ));
    }
    if raw.hints.len() > 10 || raw.follow_ups.len() > 10 {
        problems.push(problem(
            id_pos,
            format!("lab '{id}' has more than 10 hints or follow-ups; keep the best 10"),
        ));
    }

    // The generator and its parameters.
    let gen_pos = at(&raw.generator);
    let entries = raw.generator.value.0;
    let name = entries.iter().find(|e| e.key == "name").cloned();
    let generator = match name {
        None => {
            problems.push(problem(
                gen_pos,
                format!(
                    "`generator` of lab '{id}' has no `name:`; use one of: {}",
                    NAMES.join(", ")
                ),
            ));
            None
        }
        Some(e) => match &e.value {
            Value::Str(n) => {
                let mut reader = Reader::new(n, entries.clone());
                match Generator::parse(n, &mut reader) {
                    Some(g) => {
                        problems.extend(reader.problems);
                        Some(g)
                    }
                    None => {
                        let hint = did_you_mean(n, NAMES)
                            .map(|s| format!(" (did you mean `{s}`?)"))
                            .unwrap_or_default();
                        problems.push(problem(
                            (e.value_line, e.value_column),
                            format!(
                                "unknown generator '{n}'{hint}; use one of: {}",
                                NAMES.join(", ")
                            ),
                        ));
                        None
                    }
                }
            }
            _ => {
                problems.push(problem(
                    (e.value_line, e.value_column),
                    "the generator `name` must be text".to_owned(),
                ));
                None
            }
        },
    };

    // The answer rule, and whether it fits what the generator plants.
    let kind_pos = at(&raw.answer.value.kind);
    let kind = raw.answer.value.kind.value.trim().to_owned();
    let tolerance = match &raw.answer.value.tolerance {
        None => None,
        Some(t) => match tolerance(&t.value) {
            Ok(tol) => Some(tol),
            Err(message) => {
                problems.push(problem(at(t), message));
                None
            }
        },
    };
    let rule = match kind.as_str() {
        "exact" => Some(Rule::Exact),
        "one-of" => Some(Rule::OneOf),
        "number" => Some(Rule::Number(tolerance.unwrap_or(Tolerance::Absolute(0.0)))),
        "list" => Some(Rule::List),
        other => {
            let kinds = ["exact", "one-of", "number", "list"];
            let hint = did_you_mean(other, &kinds)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            problems.push(problem(
                kind_pos,
                format!("answer kind '{other}' is not one of exact, one-of, number, list{hint}"),
            ));
            None
        }
    };
    if let (Some(t), Some(r)) = (&raw.answer.value.tolerance, rule)
        && !matches!(r, Rule::Number(_))
    {
        problems.push(problem(
            at(t),
            "`tolerance` is only for `kind: number`".to_owned(),
        ));
    }
    if let (Some(g), Some(r)) = (&generator, rule)
        && g.shape() != r.shape()
    {
        problems.push(problem(
            kind_pos,
            format!(
                "answer kind '{}' does not fit: the {} generator with these parameters plants {}",
                r.name(),
                g.name(),
                g.shape().describe()
            ),
        ));
    }

    if !problems.is_empty() {
        return (None, problems);
    }
    let (Some(level), Some(generator), Some(rule)) = (level, generator, rule) else {
        return (None, problems);
    };
    let lab = Lab {
        id,
        title,
        level,
        tags: raw
            .tags
            .iter()
            .map(|t| t.trim().to_ascii_lowercase())
            .collect(),
        minutes: minutes as u32,
        brief,
        generator,
        question,
        rule,
        hints: raw
            .hints
            .iter()
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .collect(),
        follow_ups: raw
            .follow_ups
            .iter()
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .collect(),
        source: source.clone(),
        overrides_built_in: false,
    };
    (Some((lab, id_pos)), problems)
}

/// `0.5` (absolute) or `"5%"` (relative to the planted value).
fn tolerance(value: &Value) -> Result<Tolerance, String> {
    let bad = || {
        "`tolerance` must be a number (like 0.5) or a percentage (like \"5%\"), not negative"
            .to_owned()
    };
    match value {
        Value::Int(n) if *n >= 0 => Ok(Tolerance::Absolute(*n as f64)),
        Value::Float(f) if f.is_finite() && *f >= 0.0 => Ok(Tolerance::Absolute(*f)),
        Value::Str(s) => {
            let t = s.trim();
            let (number, percent) = match t.strip_suffix('%') {
                Some(n) => (n.trim(), true),
                None => (t, false),
            };
            match number.parse::<f64>() {
                Ok(n) if n.is_finite() && n >= 0.0 => Ok(if percent {
                    Tolerance::Percent(n)
                } else {
                    Tolerance::Absolute(n)
                }),
                _ => Err(bad()),
            }
        }
        _ => Err(bad()),
    }
}

/// The built-in lab files, embedded in the binary.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "drills/labs/logs.yaml",
        include_str!("../../drills/labs/logs.yaml"),
    ),
    (
        "drills/labs/systems.yaml",
        include_str!("../../drills/labs/systems.yaml"),
    ),
    (
        "drills/labs/config-and-metrics.yaml",
        include_str!("../../drills/labs/config-and-metrics.yaml"),
    ),
];

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

/// Loads the built-in labs and every lab file under `<dir>/labs/` for the user's drills
/// folder and each `--bank` folder.
///
/// # Errors
/// The built-in labs are broken (a bug the tests catch), or a `--bank` folder is missing.
pub fn load(user_drills: Option<&Path>, banks: &[PathBuf]) -> anyhow::Result<Labs> {
    let mut out = Labs::default();
    for (name, text) in BUILT_IN {
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
