//! Checked coding tasks (SPEC §12): a built-in checker generates cases from a seed and
//! knows each case's expected output; the user's own program is run once per case and
//! its output compared.
//!
//! A prompt file only names a checker and its numbers (`check: {checker: NAME, ...}`);
//! nothing from a prompt file is ever run. The only program run is the command the
//! user typed. This module never prints: it returns a [`CheckReport`] for `render`.

pub mod attempt;
mod compare;
mod process;
mod registry;
mod save;

mod algorithms;
mod bugs;
mod logs;
mod systems;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use crate::bank::{CheckSpec, Prompt, PromptId};
use crate::clock::Clock;
use crate::rng::{Rng, derive_seed};

pub use compare::{DiffLine, line_diff, normalise};
pub use process::{OUTPUT_CAP, cleanup_on_signal};
pub use registry::{CHECKERS, find};

/// How long a case may run unless `--timeout` says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// How output is compared: trailing whitespace on each line and trailing empty lines
/// are always ignored; `AnyOrder` also ignores the order of the lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Exact,
    AnyOrder,
}

/// A number a prompt may set in its `check:` block, with its default and range.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub default: i64,
    pub min: i64,
    pub max: i64,
}

/// A checker's parameters resolved from a prompt's `check:` block.
#[derive(Debug, Clone, Default)]
pub struct Params(Vec<(&'static str, i64)>);

impl Params {
    /// The value of `name`; 0 for a name the checker does not declare (a bug caught
    /// by the checkers' tests).
    #[must_use]
    pub fn get(&self, name: &str) -> i64 {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, v)| *v)
    }
}

/// What one case gives the program: its standard input and the files put in its folder.
#[derive(Debug, Clone, Default)]
pub struct Input {
    pub stdin: String,
    pub files: Vec<(&'static str, String)>,
}

impl Input {
    #[must_use]
    pub fn stdin(text: String) -> Self {
        Self {
            stdin: text,
            files: Vec::new(),
        }
    }

    #[must_use]
    pub fn file(name: &'static str, text: String) -> Self {
        Self {
            stdin: String::new(),
            files: vec![(name, text)],
        }
    }

    /// The text of the file `name` (empty when the case has no such file).
    #[must_use]
    pub fn text(&self, name: &str) -> &str {
        self.files
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, t)| t.as_str())
    }
}

/// One generated case.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: &'static str,
    pub input: Input,
}

/// The names of a checker's cases, in the order they run.
const CASE_NAMES: [&str; 7] = [
    "empty",
    "malformed",
    "ties",
    "boundary",
    "unicode",
    "random",
    "large",
];

/// A checker's seven cases, one per name in [`CASE_NAMES`]; `make` turns each case's
/// data into the program's input.
pub(super) fn seven_cases<T>(make: impl Fn(T) -> Input, data: [T; 7]) -> Vec<Case> {
    CASE_NAMES
        .into_iter()
        .zip(data)
        .map(|(name, data)| Case {
            name,
            input: make(data),
        })
        .collect()
}

/// A built-in checker: data in, expected text out. Pure; seeded explicitly.
#[derive(Debug, Clone, Copy)]
pub struct Checker {
    pub name: &'static str,
    /// One line for `check --list`.
    pub summary: &'static str,
    pub params: &'static [Param],
    pub order: Order,
    pub cases: fn(&mut Rng, &Params) -> Vec<Case>,
    pub solve: fn(&Input, &Params) -> String,
}

impl Checker {
    /// The defaults, overridden by the prompt's values.
    #[must_use]
    pub fn params(&self, spec: &CheckSpec) -> Params {
        Params(
            self.params
                .iter()
                .map(|p| {
                    let value = spec
                        .params
                        .iter()
                        .find(|(n, _)| n == p.name)
                        .map_or(p.default, |(_, v)| *v);
                    (p.name, value)
                })
                .collect(),
        )
    }

    /// The cases for one run, each with its expected output.
    #[must_use]
    pub fn generate(&self, seed: u64, params: &Params) -> Vec<(Case, String)> {
        let mut rng = Rng::new(derive_seed(seed, 0x0063_6865_636b));
        (self.cases)(&mut rng, params)
            .into_iter()
            .map(|case| {
                let expected = (self.solve)(&case.input, params);
                (case, expected)
            })
            .collect()
    }
}

/// Why a case failed, or nothing when it passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    WrongOutput,
    TimedOut,
    OutputCut,
    /// Exited non-zero or was ended by a signal, whatever it printed.
    Crashed(Exit),
}

/// How a program that crashed ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    Signal(i32),
}

impl Verdict {
    #[must_use]
    pub fn passed(&self) -> bool {
        *self == Verdict::Pass
    }
}

/// One case's result.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub name: &'static str,
    pub verdict: Verdict,
    pub elapsed: Duration,
    /// The last lines the program wrote to stderr (empty when it wrote none).
    pub stderr_tail: Vec<String>,
}

/// How many lines of stderr a case keeps for its report.
const STDERR_TAIL: usize = 10;

/// The first failing case, shown in full.
#[derive(Debug, Clone)]
pub struct Failure {
    pub case: &'static str,
    /// Each input (`stdin`, or a file's name): its first lines and its line count.
    pub input_excerpt: Vec<(String, Vec<String>, usize)>,
    pub expected: Vec<String>,
    pub got: Vec<String>,
    pub diff: Vec<DiffLine>,
    pub stderr: String,
    /// Where the case was saved in full, or why it could not be.
    pub saved: Option<Result<PathBuf, String>>,
}

/// Everything one check run found.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub prompt: PromptId,
    pub checker: &'static str,
    pub seed: u64,
    pub timeout: Duration,
    pub command: Vec<String>,
    pub cases: Vec<CaseResult>,
    pub passed: usize,
    pub total: usize,
    pub first_failure: Option<Failure>,
    /// The `--keep` folder every case was saved in, when there was one.
    pub kept: Option<PathBuf>,
}

impl CheckReport {
    #[must_use]
    pub fn all_passed(&self) -> bool {
        self.passed == self.total
    }
}

/// Why a check could not run at all (bad usage: exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("prompt '{0}' has no checker; `sre-drill check --list` shows the checked prompts")]
    NoChecker(String),
    #[error("prompt '{0}' names checker '{1}', which this version does not know")]
    UnknownChecker(String, String),
    #[error(
        "no command to run; put it after `--`, like `sre-drill check ID -- python3 solution.py`"
    )]
    NoCommand,
    #[error("command not found: {0}")]
    NotFound(String),
    #[error("no such file: {0} (paths are taken from the folder you ran the check in, {1})")]
    NoSuchFile(String, String),
    #[error("cannot run {0}: {1}")]
    CannotRun(String, String),
}

/// What a `!check` line in an answer did, for the console to show (the renderer words
/// it: `render::check::run_text`).
#[derive(Debug)]
pub enum CheckRun {
    /// The line named no command.
    NoCommand,
    Ran(Box<CheckReport>),
    /// The cases could not be run (the reason).
    DidNotRun(String),
}

/// How one check runs: the seed of its cases, the time limit per case, and where its
/// cases are saved.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub seed: u64,
    pub timeout: Duration,
    /// Every case's input, expected and actual output go to `KEEP/case-N/`.
    pub keep: Option<PathBuf>,
    /// The first failing case goes here in full (the folder is replaced).
    pub last_failure: Option<PathBuf>,
}

/// Runs `command` against every case of the prompt's checker. The in-drill `!check`
/// line calls this.
///
/// # Errors
/// The prompt has no checker, the command is empty or cannot be started
/// ([`CheckError`]), or a temp folder cannot be made.
pub fn run_check(
    prompt: &Prompt,
    command: &[String],
    seed: u64,
    timeout: Duration,
    clock: &dyn Clock,
) -> Result<CheckReport> {
    let options = RunOptions {
        seed,
        timeout,
        ..RunOptions::default()
    };
    run_check_with(prompt, command, &options, clock, &mut |_| {})
}

/// [`run_check`] with saving (`--keep`, the last failure) and a callback after each
/// case (the command prints each case's line as it finishes).
///
/// # Errors
/// As [`run_check`], and a `--keep` folder that cannot be written.
pub fn run_check_with(
    prompt: &Prompt,
    command: &[String],
    options: &RunOptions,
    clock: &dyn Clock,
    on_case: &mut dyn FnMut(&CaseResult),
) -> Result<CheckReport> {
    let spec = prompt
        .check
        .as_ref()
        .ok_or_else(|| CheckError::NoChecker(prompt.id.0.clone()))?;
    let checker = find(&spec.checker)
        .ok_or_else(|| CheckError::UnknownChecker(prompt.id.0.clone(), spec.checker.clone()))?;
    if command.is_empty() {
        return Err(CheckError::NoCommand.into());
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    files_exist(command, &cwd)?;
    let params = checker.params(spec);
    let cases = checker.generate(options.seed, &params);
    let resolved = resolve_paths(command, &cwd);
    let paths = process::Paths(
        resolved
            .iter()
            .cloned()
            .zip(command.iter().cloned())
            .collect(),
    );
    let mut report = CheckReport {
        prompt: prompt.id.clone(),
        checker: checker.name,
        seed: options.seed,
        timeout: options.timeout,
        command: command.to_vec(),
        cases: Vec::new(),
        passed: 0,
        total: cases.len(),
        first_failure: None,
        kept: options.keep.clone(),
    };
    if let Some(dir) = &options.keep {
        save::prepare_keep(dir)?;
    }
    for (n, (case, expected)) in cases.iter().enumerate() {
        let ran = process::run_case(&resolved, &paths, &case.input, options.timeout, clock)?;
        let want = normalise(expected, checker.order);
        let got = normalise(&ran.stdout, checker.order);
        let verdict = if ran.timed_out {
            Verdict::TimedOut
        } else if ran.cut {
            Verdict::OutputCut
        } else if let Some(signal) = ran.signal {
            Verdict::Crashed(Exit::Signal(signal))
        } else if let Some(code) = ran.code.filter(|c| *c != 0) {
            Verdict::Crashed(Exit::Code(code))
        } else if want != got {
            Verdict::WrongOutput
        } else {
            Verdict::Pass
        };
        let saved = save::Saved {
            input: &case.input,
            expected,
            actual: &ran.stdout,
            stderr: &ran.stderr,
        };
        if let Some(dir) = &options.keep {
            saved.write(&dir.join(format!("case-{}", n + 1)))?;
        }
        let result = CaseResult {
            name: case.name,
            verdict,
            elapsed: ran.elapsed,
            stderr_tail: tail(&ran.stderr, STDERR_TAIL),
        };
        on_case(&result);
        if result.verdict.passed() {
            report.passed += 1;
        } else if report.first_failure.is_none() {
            report.first_failure = Some(Failure {
                case: case.name,
                input_excerpt: excerpt(&case.input),
                diff: line_diff(&want, &got),
                expected: want,
                got,
                stderr: ran.stderr.clone(),
                saved: options.last_failure.as_ref().map(|dir| {
                    saved
                        .replace(dir)
                        .map(|()| dir.clone())
                        .map_err(|e| format!("{e:#}"))
                }),
            });
        }
        report.cases.push(result);
    }
    Ok(report)
}

/// The last `n` non-empty lines of `text`.
fn tail(text: &str, n: usize) -> Vec<String> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(n)..]
        .iter()
        .map(|l| (*l).to_owned())
        .collect()
}

/// The program runs in a fresh folder, so arguments naming files in the folder the
/// check was started from (`python3 sol.py`, `./sol`) become absolute paths. The
/// program itself only when it has a `/`: a bare name is looked up on PATH as usual.
#[must_use]
pub fn resolve_paths(command: &[String], cwd: &Path) -> Vec<String> {
    command
        .iter()
        .enumerate()
        .map(|(i, arg)| {
            let path = Path::new(arg);
            let candidate = (i > 0 || arg.contains('/'))
                && !arg.starts_with('-')
                && path.is_relative()
                && cwd.join(path).exists();
            if candidate {
                cwd.join(path).display().to_string()
            } else {
                arg.clone()
            }
        })
        .collect()
}

/// Endings of files that hold a program: an argument ending so, or a program path with a
/// `/`, that names no file is a typo, reported before any case runs (the program would
/// otherwise fail in every case's temp folder with that folder's path).
const PROGRAM_FILES: &[&str] = &[
    ".py", ".sh", ".bash", ".js", ".mjs", ".cjs", ".ts", ".rb", ".pl", ".php", ".lua", ".awk",
    ".go", ".java", ".kt", ".kts", ".r", ".jl", ".exs", ".scala", ".swift", ".rs", ".c", ".cc",
    ".cpp", ".hs", ".ml", ".clj", ".groovy", ".tcl", ".jq", ".sed",
];

/// Options after which an argument is code, not a file (`python3 -c '...'`).
const CODE_FLAGS: &[&str] = &["-c", "-e", "-m", "-E", "-p", "-r", "--eval", "--print"];

/// Fails with the path as typed when an argument names a program file that does not
/// exist in `cwd` (the command checks this before it prints anything).
///
/// # Errors
/// [`CheckError::NoSuchFile`].
pub fn files_exist(command: &[String], cwd: &Path) -> Result<(), CheckError> {
    match missing_file(command, cwd) {
        Some(missing) => Err(CheckError::NoSuchFile(missing, cwd.display().to_string())),
        None => Ok(()),
    }
}

/// The first argument, as typed, that names a program file that does not exist.
fn missing_file(command: &[String], cwd: &Path) -> Option<String> {
    command.iter().enumerate().find_map(|(i, arg)| {
        let after_code_flag = i > 0 && CODE_FLAGS.contains(&command[i - 1].as_str());
        let lower = arg.to_lowercase();
        let looks_like_file = if i == 0 {
            arg.contains('/')
        } else {
            !arg.starts_with('-')
                && !after_code_flag
                && !arg.contains(char::is_whitespace)
                && PROGRAM_FILES.iter().any(|end| lower.ends_with(end))
        };
        (looks_like_file && !cwd.join(arg).exists()).then(|| arg.clone())
    })
}

/// Lines of each input shown in the failure report; the rest is in the saved case.
pub const INPUT_LINES: usize = 40;

/// The first [`INPUT_LINES`] lines of each input, whole (a line past 1000 characters is
/// cut with `...`), with the total line count.
fn excerpt(input: &Input) -> Vec<(String, Vec<String>, usize)> {
    const LONG: usize = 1000;
    let mut out = Vec::new();
    let mut add = |name: String, text: &str| {
        let lines: Vec<String> = text
            .lines()
            .take(INPUT_LINES)
            .map(|l| {
                if l.chars().count() > LONG {
                    format!("{}...", l.chars().take(LONG - 3).collect::<String>())
                } else {
                    l.to_owned()
                }
            })
            .collect();
        out.push((name, lines, text.lines().count()));
    };
    if !input.stdin.is_empty() || input.files.is_empty() {
        add("stdin".to_owned(), &input.stdin);
    }
    for (name, text) in &input.files {
        add((*name).to_owned(), text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_in_the_starting_folder_become_absolute_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sol.py"), "").unwrap();
        let words = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let resolved = resolve_paths(
            &words(&["python3", "sol.py", "-u", "missing.py"]),
            dir.path(),
        );
        assert_eq!(resolved[0], "python3");
        assert_eq!(resolved[1], dir.path().join("sol.py").display().to_string());
        assert_eq!(resolved[2..], words(&["-u", "missing.py"]));
        let own = resolve_paths(&words(&["./sol.py"]), dir.path());
        assert!(Path::new(&own[0]).is_absolute());
        // A bare program name is looked up on PATH, even where a file of that name
        // sits in the folder.
        std::fs::write(dir.path().join("python3"), "").unwrap();
        let bare = resolve_paths(&words(&["python3", "sol.py"]), dir.path());
        assert_eq!(bare[0], "python3");
    }

    #[test]
    fn the_report_shows_stdin_when_it_has_text_or_is_the_only_input() {
        let names = |input: &Input| -> Vec<String> {
            excerpt(input)
                .into_iter()
                .map(|(name, _, _)| name)
                .collect()
        };
        // No files: stdin is shown, even empty (the program read nothing).
        assert_eq!(names(&Input::stdin(String::new())), ["stdin"]);
        let both = Input {
            stdin: "a\nb\n".to_owned(),
            files: vec![("access.log", "x\n".to_owned())],
        };
        assert_eq!(names(&both), ["stdin", "access.log"]);
        assert_eq!(excerpt(&both)[0].2, 2);
        // Files and no stdin: only the files.
        let files = Input {
            stdin: String::new(),
            files: vec![("access.log", "x\n".to_owned())],
        };
        assert_eq!(names(&files), ["access.log"]);
        // A line of 1,000 characters is shown whole; a longer one is cut to 1,000.
        let exactly = "x".repeat(1000);
        let longer = "y".repeat(1001);
        let shown = excerpt(&Input::stdin(format!("{exactly}\n{longer}\n")));
        assert_eq!(shown[0].1[0], exactly);
        assert_eq!(shown[0].1[1], format!("{}...", "y".repeat(997)));
    }

    #[test]
    fn a_missing_program_file_is_named_as_typed_and_code_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sol.py"), "").unwrap();
        let words = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let missing = |v: &[&str]| missing_file(&words(v), dir.path());
        assert_eq!(missing(&["python3", "sol.py"]), None);
        assert_eq!(
            missing(&["python3", "-u", "src/sol.py"]),
            Some("src/sol.py".to_owned())
        );
        assert_eq!(missing(&["./sol"]), Some("./sol".to_owned()));
        assert_eq!(missing(&["python3", "-c", "x.py"]), None);
        assert_eq!(missing(&["sh", "-c", "python3 gone.py"]), None);
        assert_eq!(missing(&["python3", "--version=a.py"]), None);
        assert_eq!(missing(&["bash", "RUN.SH"]), Some("RUN.SH".to_owned()));
        let err = files_exist(&words(&["node", "a.js"]), dir.path()).unwrap_err();
        assert!(err.to_string().starts_with("no such file: a.js ("), "{err}");
    }
}
