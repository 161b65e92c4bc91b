//! `sre-drill validate PATH...`: every problem in every prompt file, as
//! `path:line:column: message`, then a count; exit 2 when any is an error.
//!
//! [`check_paths`] does the work and returns a [`Report`]; [`render`] prints it. Files
//! are read through the bank's size-limited reader and parsed by the same checker that
//! loads the bank, so `validate` says exactly why the loader would skip a file. Files in
//! a `labs/` folder are lab files and get the lab checker.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::bad_input;
use crate::bank::{
    Diagnostic, Severity, Source, find_prompt_files, parse_prompt_bytes, read_prompt_file,
};
use crate::render;

/// What `validate` found.
#[derive(Debug, Default)]
pub struct Report {
    /// How many files were checked.
    pub files: usize,
    /// Every problem, file by file in the order checked, by line within a file.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    #[must_use]
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    #[must_use]
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Checks files and folders (recursively, `*.yaml` and `*.yml`; a file named
/// explicitly is checked whatever its name). Ids used twice across the files are
/// errors naming both places.
///
/// # Errors
/// A path that does not exist, or no prompt file at all among the paths (bad input).
pub fn check_paths(paths: &[PathBuf]) -> Result<Report> {
    let mut report = Report::default();
    let missing: Vec<String> = paths
        .iter()
        .filter(|p| {
            matches!(fs::metadata(p), Err(e) if e.kind() == io::ErrorKind::NotFound)
                && fs::symlink_metadata(p).is_err()
        })
        .map(|p| format!("'{}'", p.display()))
        .collect();
    if !missing.is_empty() {
        return Err(bad_input!(
            "no such file or folder: {}; give prompt files (*.yaml) or folders that hold them",
            missing.join(", ")
        ));
    }

    let mut files: Vec<PathBuf> = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut add = |path: PathBuf, files: &mut Vec<PathBuf>| {
        let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            files.push(path);
        }
    };
    let mut empty_folders = Vec::new();
    for path in paths {
        if path.is_dir() {
            let found = find_prompt_files(path);
            for (dir, err) in &found.unreadable {
                report
                    .diagnostics
                    .push(file_problem(dir, format!("cannot read the folder: {err}")));
            }
            if found.files.is_empty() && found.unreadable.is_empty() {
                empty_folders.push(format!("'{}'", path.display()));
            }
            for file in found.files {
                add(file, &mut files);
            }
        } else {
            add(path.clone(), &mut files);
        }
    }
    if files.is_empty() && report.diagnostics.is_empty() {
        return Err(bad_input!(
            "no prompt files (*.yaml or *.yml) in {}; give the files or the folder that holds them",
            empty_folders.join(", ")
        ));
    }

    // Where each id was first defined, across all files: (path, line, column).
    let mut first_use: HashMap<String, (String, u32, u32)> = HashMap::new();
    // `~name` references, checked once every vocabulary file given has been read.
    let mut vocabulary = crate::bank::load(None, &[])
        .map(|(bank, _)| bank.vocabulary)
        .unwrap_or_default();
    let mut references: Vec<(String, String, u32, u32)> = Vec::new();
    for path in files {
        report.files += 1;
        let shown = path.display().to_string();
        let bytes = match read_prompt_file(&path) {
            Ok(bytes) => bytes,
            Err(problem) => {
                report
                    .diagnostics
                    .push(file_problem(&path, problem.to_string()));
                continue;
            }
        };
        if is_lab_file(&path) {
            let mut diagnostics = check_lab(&path, &bytes);
            diagnostics.sort_by_key(|d| (d.line, d.column));
            report.diagnostics.extend(diagnostics);
            continue;
        }
        if let Some(problem) = check_special(&path, &bytes, &mut vocabulary) {
            report.diagnostics.extend(problem);
            continue;
        }
        let parsed = parse_prompt_bytes(&path, &bytes);
        for (name, line, column) in &parsed.vocab_refs {
            references.push((shown.clone(), name.clone(), *line, *column));
        }
        let mut diagnostics = parsed.diagnostics;
        let mut in_this_file = HashSet::new();
        for (id, line, column) in parsed.ids {
            if !in_this_file.insert(id.clone()) {
                // The checker already reported a second use within one file.
                continue;
            }
            match first_use.get(&id) {
                Some((first_path, first_line, first_column)) => diagnostics.push(Diagnostic {
                    path: shown.clone(),
                    line,
                    column,
                    severity: Severity::Error,
                    message: format!(
                        "duplicate id '{id}': already used at {first_path}:{first_line}:{first_column}; give each prompt its own id"
                    ),
                }),
                None => {
                    first_use.insert(id, (shown.clone(), line, column));
                }
            }
        }
        diagnostics.sort_by_key(|d| (d.line, d.column));
        report.diagnostics.extend(diagnostics);
    }
    for (path, name, line, column) in references {
        if !vocabulary.vocabulary.contains_key(&name) {
            let known: Vec<&str> = vocabulary.vocabulary.keys().map(String::as_str).collect();
            let hint = crate::text::did_you_mean(&name, &known)
                .map(|n| format!("did you mean `~{n}`? "))
                .unwrap_or_default();
            report.diagnostics.push(Diagnostic {
                path,
                line,
                column,
                severity: Severity::Error,
                message: format!(
                    "`~{name}` is not in the vocabulary; {hint}define it in a vocabulary.yaml beside your prompt files"
                ),
            });
        }
    }
    Ok(report)
}

/// The files a drills folder may hold besides prompt files, each checked by its own
/// rules: `vocabulary.yaml` (added to `vocabulary`), the follow-up pool, the resources
/// map, the topic map (`topics.yaml`) and the user's stories (`stories.yaml`). `None`
/// for a prompt file.
fn check_special(
    path: &Path,
    bytes: &[u8],
    vocabulary: &mut crate::bank::Vocabulary,
) -> Option<Vec<Diagnostic>> {
    let name = path.file_name()?.to_str()?;
    let text = || String::from_utf8_lossy(bytes).into_owned();
    let problem = |message: String| {
        // Messages from the readers start with `LINE:COL: `.
        let mut parts = message.splitn(3, ':');
        let (line, column) = (
            parts.next().and_then(|l| l.trim().parse().ok()),
            parts.next().and_then(|c| c.trim().parse().ok()),
        );
        match (line, column, parts.next()) {
            (Some(line), Some(column), Some(rest)) => Diagnostic {
                path: path.display().to_string(),
                line,
                column,
                severity: Severity::Error,
                message: rest.trim().to_owned(),
            },
            _ => file_problem(path, message),
        }
    };
    match name {
        crate::bank::VOCABULARY_FILE => Some(match crate::bank::parse_vocabulary(&text()) {
            Ok(v) => {
                vocabulary.extend(v);
                Vec::new()
            }
            Err(message) => vec![problem(message)],
        }),
        "follow-ups.yaml" => Some(
            serde_saphyr::from_str::<crate::bank::FollowUpPool>(&text())
                .err()
                .map(|e| {
                    vec![problem(format!(
                        "not a follow-up pool (`follow_ups:` with a list of questions): {e}"
                    ))]
                })
                .unwrap_or_default(),
        ),
        // Their readers name the file first; here the path is the diagnostic's own.
        "topics.yaml" => Some(
            crate::posting::map::parse("", &text())
                .err()
                .map(|e| vec![problem(e.trim_start_matches(':').to_owned())])
                .unwrap_or_default(),
        ),
        "stories.yaml" => Some(
            crate::story::parse("", &text())
                .err()
                .map(|e| vec![problem(e.trim_start_matches(':').to_owned())])
                .unwrap_or_default(),
        ),
        "resources.yaml" => Some(
            serde_saphyr::from_str::<crate::bank::ResourceFile>(&text())
                .err()
                .map(|e| {
                    vec![problem(format!(
                        "not a resources map (`resources:` with name, kind, url, areas): {e}"
                    ))]
                })
                .unwrap_or_default(),
        ),
        _ => None,
    }
}

/// Lab files live in a `labs/` folder (`$SRE_DRILL_HOME/drills/labs/`, `DIR/labs/`), as
/// the loaders expect; they are checked as labs, not as prompts.
fn is_lab_file(path: &Path) -> bool {
    path.parent()
        .is_some_and(|dir| dir.components().any(|c| c.as_os_str() == "labs"))
}

fn check_lab(path: &Path, bytes: &[u8]) -> Vec<Diagnostic> {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let shown = path.display().to_string();
            crate::lab::parse_lab_file(&shown, text, &Source::File(path.to_path_buf())).diagnostics
        }
        // The prompt parser's UTF-8 check names the line and column of the bad byte.
        Err(_) => parse_prompt_bytes(path, bytes).diagnostics,
    }
}

/// A problem with a whole file or folder: it points at line 1, column 1.
fn file_problem(path: &Path, message: String) -> Diagnostic {
    Diagnostic {
        path: path.display().to_string(),
        line: 1,
        column: 1,
        severity: Severity::Error,
        message,
    }
}

/// Prints the report: one line per problem, then the count line; or JSON.
///
/// # Errors
/// Writing failed.
pub fn render(out: &mut impl Write, report: &Report, json: bool) -> io::Result<()> {
    let (files, diagnostics) = (report.files, report.diagnostics.as_slice());
    render::json_or_text(
        out,
        json,
        || render::validate::json(files, diagnostics),
        |out| render::validate::text(out, files, diagnostics),
    )?;
    out.flush()
}

/// `sre-drill validate PATH... [--json]`.
///
/// # Errors
/// A missing path or any error in the files (bad input, exit 2), or output failed.
pub fn run(paths: &[PathBuf], json: bool, hearing: &[PathBuf]) -> Result<()> {
    let report = check_paths(paths)?;
    render(&mut io::stdout().lock(), &report, json)?;
    if !hearing.is_empty() && report.errors() == 0 {
        hear_corpora(paths, hearing)?;
    }
    match report.errors() {
        0 => Ok(()),
        n => Err(bad_input!(
            "{} found; a file with errors is skipped when drilling, so fix {} and run validate again",
            render::validate::count(n, "error"),
            if n == 1 { "it" } else { "them" }
        )),
    }
}

/// `validate --hearing FILE`: each file's lines heard by the scenario it names (from the
/// built-in bank and the files being validated), with the figures and the misses.
fn hear_corpora(paths: &[PathBuf], corpora: &[PathBuf]) -> Result<()> {
    use crate::hearing::corpus::{Corpus, score};
    let (bank, _) = crate::bank::load(None, paths)?;
    let mut out = io::stdout().lock();
    for file in corpora {
        let text = fs::read_to_string(file).map_err(|e| {
            bad_input!(
                "cannot read the hearing file {}: {e}; give a file of labelled lines",
                file.display()
            )
        })?;
        let corpus = Corpus::parse(&text).map_err(|e| bad_input!("{}: {e}", file.display()))?;
        let Some(prompt) = bank.get(&corpus.prompt) else {
            return Err(bad_input!(
                "{}: no prompt '{}' in the bank or the files given; name one of your scenario prompts",
                file.display(),
                corpus.prompt
            ));
        };
        let Some(scenario) = &prompt.scenario else {
            return Err(bad_input!(
                "{}: '{}' has no scenario to hear the lines",
                file.display(),
                corpus.prompt
            ));
        };
        // A label must name an entry the scenario has, or the line only counts as a miss.
        let entries: Vec<String> = (1..=scenario.facts.len())
            .map(|i| format!("fact:{i}"))
            .chain(
                scenario
                    .evidence
                    .iter()
                    .map(|e| format!("evidence:{}", e.id)),
            )
            .chain((1..=scenario.risky.len()).map(|i| format!("risky:{i}")))
            .chain((1..=scenario.fixes.len()).map(|i| format!("fix:{i}")))
            .chain(["cause".to_owned()])
            .collect();
        let parts = [("tune", &corpus.tune), ("held", &corpus.held)];
        for (part, lines) in parts {
            for (i, l) in lines.iter().enumerate() {
                let unknown = l.hear.iter().find(|label| {
                    (label.contains(':') || label.as_str() == "cause") && !entries.contains(label)
                });
                if let Some(label) = unknown {
                    return Err(bad_input!(
                        "{}: {part} line {} hears `{label}`, which {} does not have; use one of {}",
                        file.display(),
                        i + 1,
                        corpus.prompt,
                        entries.join(", ")
                    ));
                }
            }
        }
        let interviewer = crate::scenario::Interviewer::new(scenario, &bank.vocabulary)
            .with_topic(&prompt.prompt);
        let lines: Vec<_> = corpus.tune.iter().chain(&corpus.held).cloned().collect();
        let (figures, misses) = score(&lines, |l| interviewer.tags_of(l));
        render::validate::hearing(&mut out, file, &corpus.prompt, &figures, &misses)?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "\
category: whiteboard
prompts:
  - id: design-one
    title: One
    level: mid
    prompt: Design a thing.
    rubric: [Asks about scale]
";

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, text).unwrap();
        path
    }

    fn lines(report: &Report) -> Vec<String> {
        report.diagnostics.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn an_id_used_in_two_files_names_both_places() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(dir.path(), "a.yaml", GOOD);
        let b = write(dir.path(), "sub/b.yaml", GOOD);
        let report = check_paths(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(report.files, 2);
        assert_eq!(
            lines(&report),
            vec![format!(
                "{}:3:9: duplicate id 'design-one': already used at {}:3:9; give each prompt its own id",
                b.display(),
                a.display()
            )]
        );
    }

    #[test]
    fn a_file_named_twice_is_checked_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(dir.path(), "a.yaml", GOOD);
        let report = check_paths(&[dir.path().to_path_buf(), a]).unwrap();
        assert_eq!(report.files, 1);
        assert!(report.diagnostics.is_empty(), "{:?}", lines(&report));
    }

    #[test]
    fn a_missing_path_is_bad_input_naming_it() {
        let err = check_paths(&[PathBuf::from("no/such/file.yaml")]).unwrap_err();
        assert_eq!(crate::error::exit_for(&err), crate::error::Exit::BadInput);
        assert!(err.to_string().contains("'no/such/file.yaml'"), "{err}");
    }

    #[test]
    fn a_folder_without_prompt_files_is_bad_input() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "notes.txt", "hello");
        let err = check_paths(&[dir.path().to_path_buf()]).unwrap_err();
        assert!(err.to_string().contains("no prompt files"), "{err}");
    }

    #[test]
    fn problems_in_one_file_are_sorted_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let text = GOOD
            .replace("level: mid", "level: expert")
            .replace("    title: One\n", "    titel: One\n");
        write(dir.path(), "a.yaml", &text);
        let report = check_paths(&[dir.path().to_path_buf()]).unwrap();
        let positions: Vec<_> = report
            .diagnostics
            .iter()
            .map(|d| (d.line, d.column))
            .collect();
        let mut sorted = positions.clone();
        sorted.sort_unstable();
        assert_eq!(positions, sorted);
        assert!(report.errors() >= 2, "{:?}", lines(&report));
    }

    #[test]
    fn json_output_carries_counts_and_problems() {
        let report = Report {
            files: 1,
            diagnostics: vec![file_problem(Path::new("a.yaml"), "broken".into())],
        };
        let mut out = Vec::new();
        render(&mut out, &report, true).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["errors"], 1);
        assert_eq!(value["problems"][0]["path"], "a.yaml");
        assert_eq!(value["problems"][0]["line"], 1);
        assert_eq!(value["problems"][0]["severity"], "error");
    }
}
