//! Text and JSON for `sre-drill check`: one line per case, the first failure as a diff,
//! the summary, and the one-paragraph summary the drill shows under `!check`.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::time::Duration;

use serde_json::json;

use crate::bank::Prompt;
use crate::check::{CaseResult, CheckReport, Exit, Failure, OUTPUT_CAP, Verdict};
use crate::console::fit::wrap;
use crate::console::text::cut_to;
use crate::grade::Grade;
use crate::text::shell_command;

/// Writes prose `text` after `label`, wrapped to `width` columns at words.
fn say(out: &mut impl Write, width: usize, label: &str, text: &str) -> io::Result<()> {
    for row in wrap(text, width, label) {
        writeln!(out, "{row}")?;
    }
    Ok(())
}

/// Writes a row of data (input, a diff, stderr) as it is, cut to `width` with `…`.
fn data(out: &mut impl Write, width: usize, row: &str) -> io::Result<()> {
    writeln!(out, "{}", cut_to(row, width))
}

/// A standalone run logged to the history: where, and the grade it was given.
#[derive(Debug, Clone)]
pub struct Logged {
    pub history: std::path::PathBuf,
    pub grade: Grade,
}

/// How many diff lines are shown.
const DIFF_LINES: usize = 30;
/// How many of a crashed program's last stderr lines are shown (a traceback's end).
const CRASH_LINES: usize = 10;

fn seconds(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

/// Why a case failed, in a few words.
#[must_use]
pub fn verdict_text(verdict: &Verdict, timeout: Duration) -> String {
    match verdict {
        Verdict::Pass => "passed".to_owned(),
        Verdict::WrongOutput => "wrong output".to_owned(),
        Verdict::TimedOut => format!("timed out after {} s", timeout.as_secs()),
        Verdict::OutputCut => format!("output cut at {} MiB", OUTPUT_CAP / (1024 * 1024)),
        Verdict::Crashed(Exit::Code(code)) => format!("crashed (exit {code})"),
        Verdict::Crashed(Exit::Signal(signal)) => match signal_name(*signal) {
            Some(name) => format!("crashed (signal {signal}, {name})"),
            None => format!("crashed (signal {signal})"),
        },
    }
}

/// The names of the signals a crashing program usually meets.
fn signal_name(signal: i32) -> Option<&'static str> {
    Some(match signal {
        1 => "SIGHUP",
        2 => "SIGINT",
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        15 => "SIGTERM",
        _ => return None,
    })
}

/// A crashed case's reason with the last line it wrote to stderr.
fn verdict_with_stderr(case: &CaseResult, timeout: Duration) -> String {
    let verdict = verdict_text(&case.verdict, timeout);
    match (&case.verdict, case.stderr_tail.last()) {
        (Verdict::Crashed(_), Some(line)) => format!("{verdict}: {}", shorten(line.trim(), 100)),
        _ => verdict,
    }
}

/// `text` cut to `max` characters, with `...` when it was cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}...", text.chars().take(max - 3).collect::<String>())
    }
}

/// The line printed before the cases.
///
/// # Errors
/// Writing failed.
pub fn header(
    out: &mut impl Write,
    prompt: &Prompt,
    checker: &str,
    seed: u64,
    command: &[String],
    timeout: Duration,
    width: usize,
) -> io::Result<()> {
    let text = format!(
        "Checking {} ({checker}) with `{}`: seed {seed}, {} s per case",
        prompt.id,
        shell_command(command),
        timeout.as_secs()
    );
    say(out, width, "", &text)
}

/// One case: name, PASS or FAIL, time, and why it failed (wrapped to `width` under
/// the case's name).
///
/// # Errors
/// Writing failed.
pub fn case_line(
    out: &mut impl Write,
    case: &CaseResult,
    timeout: Duration,
    width: usize,
) -> io::Result<()> {
    let mark = if case.verdict.passed() {
        "pass"
    } else {
        "FAIL"
    };
    let why = if case.verdict.passed() {
        String::new()
    } else {
        format!("  {}", verdict_with_stderr(case, timeout))
    };
    let line = format!(
        "  {mark}  {:<10} {:>9}{why}",
        case.name,
        seconds(case.elapsed)
    );
    say(out, width, "", &line)
}

fn failure(
    out: &mut impl Write,
    f: &Failure,
    verdict: &Verdict,
    timeout: Duration,
    width: usize,
) -> io::Result<()> {
    writeln!(out)?;
    let first = format!("{} ({})", f.case, verdict_text(verdict, timeout));
    say(out, width, "First failure: ", &first)?;
    for (name, lines, total) in &f.input_excerpt {
        say(out, width, "", &format!("Input {name} ({total} lines):"))?;
        for line in lines {
            data(out, width, &format!("  | {line}"))?;
        }
        if *total > lines.len() {
            writeln!(out, "  ... {} more lines", total - lines.len())?;
        }
    }
    match &f.saved {
        Some(Ok(dir)) => {
            let mut names = vec!["input"];
            names.extend(
                f.input_excerpt
                    .iter()
                    .map(|(name, _, _)| name.as_str())
                    .filter(|n| *n != "stdin"),
            );
            names.extend(["expected", "actual", "stderr"]);
            let saved = format!("{} ({})", dir.display(), names.join(", "));
            say(out, width, "Saved in full in ", &saved)?;
        }
        Some(Err(why)) => say(out, width, "The case could not be saved: ", why)?,
        None => {}
    }
    let stderr: Vec<&str> = f.stderr.trim_end().lines().collect();
    let crashed = matches!(verdict, Verdict::Crashed(_));
    if crashed && !stderr.is_empty() {
        writeln!(out, "Your program's stderr (last lines):")?;
        for line in &stderr[stderr.len().saturating_sub(CRASH_LINES)..] {
            data(out, width, &format!("  ! {line}"))?;
        }
    }
    if f.diff.is_empty() {
        writeln!(
            out,
            "Your output matched the expected {} lines.",
            f.expected.len()
        )?;
    } else {
        let expected = format!(
            "Expected {} lines, your program printed {} (- expected, + yours):",
            f.expected.len(),
            f.got.len()
        );
        say(out, width, "", &expected)?;
        for d in f.diff.iter().take(DIFF_LINES) {
            data(out, width, &format!("  {} {}", d.mark, d.text))?;
        }
        if f.diff.len() > DIFF_LINES {
            writeln!(out, "  ... {} more diff lines", f.diff.len() - DIFF_LINES)?;
        }
    }
    if !crashed && !stderr.is_empty() {
        writeln!(out, "Your program's stderr (last lines):")?;
        for line in &stderr[stderr.len().saturating_sub(6)..] {
            data(out, width, &format!("  ! {line}"))?;
        }
    }
    Ok(())
}

/// After the case lines: the first failure in full, then the summary, its prose
/// wrapped to `width` columns and its rows of data cut to them.
///
/// # Errors
/// Writing failed.
pub fn report(out: &mut impl Write, r: &CheckReport, width: usize) -> io::Result<()> {
    if let Some(f) = &r.first_failure
        && let Some(case) = r.cases.iter().find(|c| c.name == f.case)
    {
        failure(out, f, &case.verdict, r.timeout, width)?;
    }
    if let Some(dir) = &r.kept {
        let kept = format!(
            "Every case is in {}/case-1 to case-{} (input, the case's files, expected, actual, stderr).",
            dir.display(),
            r.cases.len()
        );
        say(out, width, "", &kept)?;
    }
    writeln!(out)?;
    let summary = if r.all_passed() {
        format!("All {} cases passed (seed {}).", r.total, r.seed)
    } else {
        format!(
            "{} of {} cases passed. The same cases again: sre-drill check {} --seed {} -- {}",
            r.passed,
            r.total,
            r.prompt,
            r.seed,
            shell_command(&r.command)
        )
    };
    say(out, width, "", &summary)
}

/// The line after the summary of a run that was logged.
///
/// # Errors
/// Writing failed.
pub fn logged(
    out: &mut impl Write,
    r: &CheckReport,
    logged: &Logged,
    width: usize,
) -> io::Result<()> {
    let why = if r.all_passed() {
        "every case passed"
    } else {
        "not every case passed"
    };
    let line = format!(
        "Logged to {} as an attempt of {}: grade {} ({why}; --no-log skips this).",
        logged.history.display(),
        r.prompt,
        logged.grade
    );
    say(out, width, "", &line)
}

/// What the console shows under a drill's `!check` line.
#[must_use]
pub fn run_text(run: &crate::check::CheckRun) -> String {
    match run {
        crate::check::CheckRun::NoCommand => {
            "Give the command that runs your program, like: !check python3 sol.py".to_owned()
        }
        crate::check::CheckRun::Ran(report) => summary_paragraph(report),
        crate::check::CheckRun::DidNotRun(why) => format!("The check did not run: {why}"),
    }
}

/// One paragraph for the drill's `!check` line.
#[must_use]
pub fn summary_paragraph(r: &CheckReport) -> String {
    let command = shell_command(&r.command);
    if r.all_passed() {
        return format!(
            "All {} cases passed with `{command}` (seed {}).",
            r.total, r.seed
        );
    }
    let failed: Vec<&str> = r
        .cases
        .iter()
        .filter(|c| !c.verdict.passed())
        .map(|c| c.name)
        .collect();
    let mut text = format!(
        "{} of {} cases passed with `{command}`; failed: {}.",
        r.passed,
        r.total,
        failed.join(", ")
    );
    if let Some(f) = &r.first_failure {
        let first_diff = |mark: char| {
            f.diff
                .iter()
                .find(|d| d.mark == mark)
                .map_or_else(|| "nothing".to_owned(), |d| format!("`{}`", d.text))
        };
        let verdict = r
            .cases
            .iter()
            .find(|c| c.name == f.case)
            .map(|c| verdict_with_stderr(c, r.timeout))
            .unwrap_or_default();
        let _ = write!(text, " First failure: {} ({verdict})", f.case);
        if !f.diff.is_empty() {
            let _ = write!(
                text,
                ", expected {} where your program printed {}",
                first_diff('-'),
                first_diff('+')
            );
        }
        text.push('.');
    }
    let _ = write!(
        text,
        " See it in full: sre-drill check {} --seed {} -- {command}",
        r.prompt, r.seed
    );
    text
}

/// The report as JSON, for scripts.
#[must_use]
pub fn report_json(r: &CheckReport, logged: Option<&Logged>) -> serde_json::Value {
    json!({
        "prompt": r.prompt.0,
        "checker": r.checker,
        "seed": r.seed,
        "timeout_seconds": r.timeout.as_secs(),
        "command": r.command,
        "passed": r.passed,
        "total": r.total,
        "cases": r.cases.iter().map(|c| json!({
            "name": c.name,
            "passed": c.verdict.passed(),
            "verdict": verdict_text(&c.verdict, r.timeout),
            "seconds": c.elapsed.as_secs_f64(),
            "stderr_tail": c.stderr_tail,
        })).collect::<Vec<_>>(),
        "kept": r.kept.as_ref().map(|d| d.display().to_string()),
        "logged": logged.map(|l| json!({
            "history": l.history.display().to_string(),
            "grade": l.grade.value(),
        })),
        "first_failure": r.first_failure.as_ref().map(|f| json!({
            "case": f.case,
            "input": f.input_excerpt.iter().map(|(name, lines, total)| json!({
                "name": name, "lines": lines, "total_lines": total,
            })).collect::<Vec<_>>(),
            "expected": f.expected,
            "got": f.got,
            "diff": f.diff.iter().map(|d| format!("{}{}", d.mark, d.text)).collect::<Vec<_>>(),
            "stderr": f.stderr,
            "saved": match &f.saved {
                Some(Ok(dir)) => json!(dir.display().to_string()),
                _ => serde_json::Value::Null,
            },
        })),
    })
}

/// `check --list`: the checked prompts in `width` columns, each title wrapped at
/// words under its column; on a terminal too narrow for the columns, each prompt's id,
/// level and time on a line, and its title under them.
///
/// # Errors
/// Writing failed.
pub fn list(out: &mut impl Write, prompts: &[&Prompt], width: usize) -> io::Result<()> {
    let id_width = prompts.iter().map(|p| p.id.0.len()).max().unwrap_or(0);
    // The title column needs room for a few words.
    let columns = id_width + 2 + 6 + 2 + 7 + 2 + 24 <= width;
    for p in prompts {
        let checker = p.check.as_ref().map_or("", |c| c.checker.as_str());
        let title = format!("{}  [{checker}]", p.title);
        if columns {
            let label = format!(
                "{:<id_width$}  {:<6}  {:>3} min  ",
                p.id.0,
                p.level.as_str(),
                p.minutes
            );
            say(out, width, &label, &title)?;
        } else {
            let about = format!("{} · {} · {} min", p.id.0, p.level.as_str(), p.minutes);
            say(out, width, "", &about)?;
            say(out, width, "    ", &title)?;
        }
    }
    let run = format!(
        "{} checked prompts. Run one: sre-drill check ID -- CMD [ARGS...]",
        prompts.len()
    );
    say(out, width, "", &run)
}

/// `check --list --json`.
#[must_use]
pub fn list_json(prompts: &[&Prompt]) -> serde_json::Value {
    prompts
        .iter()
        .map(|p| {
            json!({
                "id": p.id.0,
                "title": p.title,
                "level": p.level.as_str(),
                "minutes": p.minutes,
                "checker": p.check.as_ref().map(|c| c.checker.clone()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::PromptId;
    use crate::check::{CaseResult, DiffLine, Failure};

    fn report(failing: bool) -> CheckReport {
        let case = |name, verdict| CaseResult {
            name,
            verdict,
            elapsed: Duration::from_millis(12),
            stderr_tail: Vec::new(),
        };
        let mut cases = vec![case("empty", Verdict::Pass)];
        cases.push(if failing {
            case("boundary", Verdict::WrongOutput)
        } else {
            case("boundary", Verdict::Pass)
        });
        CheckReport {
            prompt: PromptId("chk-meminfo".to_owned()),
            checker: "meminfo",
            seed: 7,
            timeout: Duration::from_secs(10),
            command: vec!["python3".to_owned(), "sol.py".to_owned()],
            passed: if failing { 1 } else { 2 },
            total: 2,
            cases,
            first_failure: failing.then(|| Failure {
                case: "boundary",
                input_excerpt: Vec::new(),
                expected: vec!["used_pct 50.1".to_owned()],
                got: vec!["used_pct 75.0".to_owned()],
                diff: vec![
                    DiffLine {
                        mark: '-',
                        text: "used_pct 50.1".to_owned(),
                    },
                    DiffLine {
                        mark: '+',
                        text: "used_pct 75.0".to_owned(),
                    },
                ],
                stderr: String::new(),
                saved: None,
            }),
            kept: None,
        }
    }

    #[test]
    fn the_drill_summary_is_one_paragraph_with_the_first_difference() {
        let text = summary_paragraph(&report(true));
        assert_eq!(
            text,
            "1 of 2 cases passed with `python3 sol.py`; failed: boundary. First failure: boundary (wrong output), expected `used_pct 50.1` where your program printed `used_pct 75.0`. See it in full: sre-drill check chk-meminfo --seed 7 -- python3 sol.py"
        );
        assert_eq!(
            summary_paragraph(&report(false)),
            "All 2 cases passed with `python3 sol.py` (seed 7)."
        );
    }

    #[test]
    fn a_case_line_names_the_case_its_time_and_why_it_failed() {
        let mut out = Vec::new();
        let r = report(true);
        for case in &r.cases {
            case_line(&mut out, case, r.timeout, 100).unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  pass  empty          12 ms\n  FAIL  boundary       12 ms  wrong output\n"
        );
    }

    #[test]
    fn a_crash_names_its_exit_or_signal_and_its_last_stderr_line() {
        let mut out = Vec::new();
        let crashed = CaseResult {
            name: "ties",
            verdict: Verdict::Crashed(Exit::Code(1)),
            elapsed: Duration::from_millis(30),
            stderr_tail: vec![
                "Traceback (most recent call last):".to_owned(),
                "ValueError: invalid literal for int() with base 10: 'a'".to_owned(),
            ],
        };
        case_line(&mut out, &crashed, Duration::from_secs(10), 120).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  FAIL  ties           30 ms  crashed (exit 1): ValueError: invalid literal for int() with base 10: 'a'\n"
        );
        let timeout = Duration::from_secs(10);
        assert_eq!(
            verdict_text(&Verdict::Crashed(Exit::Signal(11)), timeout),
            "crashed (signal 11, SIGSEGV)"
        );
        assert_eq!(
            verdict_text(&Verdict::Crashed(Exit::Signal(40)), timeout),
            "crashed (signal 40)"
        );
    }
}
