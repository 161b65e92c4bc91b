//! `--pipeline CMD`: prove the method, not the memory. The user's own shell pipeline
//! runs (`sh -c`) in a lab folder generated from a different seed than the one they
//! studied, with a time limit and capped output, and what it prints is checked against
//! that folder's planted answer.
//!
//! The command is the user's, typed on their own command line; lab files can never
//! supply one. It runs with no standard input, in its own process group, so a
//! timeout stops the whole pipeline.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result};

use super::answer::{self, Planted, Rule, is_correct, split_list};
use crate::clock::Clock;

/// How long a pipeline may run.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How much of its output is kept (the rest is read and dropped).
pub const OUTPUT_CAP: usize = 64 * 1024;

/// What a pipeline did.
#[derive(Debug, Clone, Default)]
pub struct Ran {
    pub stdout: String,
    pub stderr: String,
    /// The exit code; `None` when it was stopped or killed by a signal.
    pub code: Option<i32>,
    pub timed_out: bool,
    pub truncated: bool,
}

/// Runs `command` with `sh -c` in `cwd`, stopping it after `timeout`.
///
/// # Errors
/// `sh` cannot be started.
pub fn run(command: &str, cwd: &Path, timeout: Duration, clock: &dyn Clock) -> Result<Ran> {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(command)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd
        .spawn()
        .context("cannot start `sh` to run your pipeline; is /bin/sh installed?")?;
    let out = reader(child.stdout.take());
    let err = reader(child.stderr.take());
    let started = clock.now();
    let mut timed_out = false;
    let code = loop {
        if let Some(status) = child.try_wait().context("cannot wait for your pipeline")? {
            break status.code();
        }
        if clock.now().saturating_duration_since(started) >= timeout {
            timed_out = true;
            stop(&mut child);
            break None;
        }
        thread::sleep(Duration::from_millis(20));
    };
    let (stdout, cut_out) = out.join().unwrap_or_default();
    let (stderr, cut_err) = err.join().unwrap_or_default();
    Ok(Ran {
        stdout,
        stderr,
        code,
        timed_out,
        truncated: cut_out || cut_err,
    })
}

/// Reads a pipe to its end, keeping at most [`OUTPUT_CAP`] bytes.
fn reader<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<(String, bool)> {
    thread::spawn(move || {
        let Some(mut pipe) = pipe else {
            return (String::new(), false);
        };
        let mut kept = Vec::new();
        let mut buf = [0u8; 8192];
        let mut cut = false;
        loop {
            match pipe.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = OUTPUT_CAP.saturating_sub(kept.len());
                    kept.extend_from_slice(&buf[..n.min(room)]);
                    cut |= n > room;
                }
            }
        }
        (String::from_utf8_lossy(&kept).into_owned(), cut)
    })
}

/// Stops the pipeline's whole process group, then the shell itself.
fn stop(child: &mut Child) {
    #[cfg(unix)]
    {
        let group = format!("-{}", child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// What a pipeline run showed about the folder's planted answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Stopped after [`TIMEOUT`]; its output is not judged.
    TimedOut,
    /// It printed the planted answer.
    Correct,
    /// It printed one answer, not the planted one.
    Wrong,
    /// What it printed is not an answer; the sentence says why.
    Unreadable(String),
}

impl Verdict {
    /// Judges `ran` against `planted` in `folder` under the lab's answer rule.
    #[must_use]
    pub fn of(ran: &Ran, rule: Rule, planted: &Planted, folder: &Path) -> Verdict {
        if ran.timed_out {
            return Verdict::TimedOut;
        }
        let ctx = answer::Context {
            folder: Some(folder.display().to_string()),
        };
        match answer_from_output(rule, &ran.stdout) {
            Ok(answer) if is_correct(rule, planted, &answer, &ctx) => Verdict::Correct,
            Ok(_) => Verdict::Wrong,
            Err(why) => Verdict::Unreadable(why),
        }
    }
}

/// The answer a pipeline's output gives: one non-empty line for a single value or a
/// number, every item on every line for a list.
///
/// # Errors
/// A sentence saying what is wrong with the output (nothing printed, several lines).
pub fn answer_from_output(rule: Rule, stdout: &str) -> Result<String, String> {
    let lines: Vec<&str> = stdout
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    match (rule, lines.as_slice()) {
        (_, []) => Err("your pipeline printed nothing; it should print the answer".to_owned()),
        (Rule::List, lines) => Ok(lines
            .iter()
            .flat_map(|l| split_list(l))
            .collect::<Vec<_>>()
            .join(" ")),
        (_, [one]) => Ok((*one).to_owned()),
        (_, many) => Err(format!(
            "your pipeline printed {} lines; it should print only the answer (end it with `| head -1` once the answer is on top)",
            many.len()
        )),
    }
}

/// A pipeline that found the answer, as the lab attempt it is: solved on the first try
/// with no hints (grade 4, Easy), the pipeline as the answer, the seed of the folder it
/// ran in (`sre-drill lab ID --seed N` gives that folder again). A pipeline that misses
/// is a draft being debugged and is not logged.
#[must_use]
pub fn solved_attempt(
    lab: &super::Lab,
    seed: u64,
    session_id: &str,
    started: chrono::DateTime<chrono::FixedOffset>,
    finished: chrono::DateTime<chrono::FixedOffset>,
    command: &str,
    expected: &str,
) -> crate::history::Attempt {
    use crate::history::{Attempt, Coverage, LabRecord, VERSION};
    let took = (finished - started).to_std().unwrap_or_default();
    Attempt {
        v: VERSION,
        id: format!("{session_id}.1"),
        session: session_id.to_owned(),
        started,
        finished,
        prompt: crate::bank::PromptId(lab.id.clone()),
        title: lab.title.clone(),
        category: crate::bank::Category::new(super::CATEGORY),
        level: lab.level,
        tags: lab.tags.clone(),
        timed: false,
        time_box_secs: u64::from(lab.minutes) * 60,
        think_secs: 0,
        answer_secs: crate::countdown::whole_secs(took),
        overtime_secs: 0,
        hints_used: 0,
        answer: command.to_owned(),
        rubric: Coverage {
            covered: vec![1],
            total: 1,
            ..Coverage::default()
        },
        grade: super::run::grade(true, 1, 0, false).value(),
        follow_ups: Vec::new(),
        note: String::new(),
        partial: false,
        version: env!("CARGO_PKG_VERSION").to_owned(),
        suggested_grade: None,
        scenario: None,
        conversation: Vec::new(),
        check: None,
        graded_by: None,
        ticks: Vec::new(),
        pitfalls_seen: Vec::new(),
        regrades: Vec::new(),
        lab: Some(LabRecord {
            seed,
            tries: 1,
            solved: true,
            expected: expected.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;

    #[test]
    fn output_is_one_line_or_a_list() {
        assert_eq!(
            answer_from_output(Rule::Exact, "  10.0.0.1 \n\n"),
            Ok("10.0.0.1".to_owned())
        );
        assert!(
            answer_from_output(Rule::Exact, "a\nb\n")
                .unwrap_err()
                .contains("2 lines")
        );
        assert!(
            answer_from_output(Rule::Exact, "\n")
                .unwrap_err()
                .contains("nothing")
        );
        assert_eq!(
            answer_from_output(Rule::List, "a\nb, c\n"),
            Ok("a b c".to_owned())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_pipeline_runs_in_its_folder_and_a_slow_one_is_stopped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("f.txt"), "b\na\nb\n").unwrap();
        let ran = run(
            "sort f.txt | uniq -c | sort -rn | head -1 | awk '{print $2}'",
            dir.path(),
            TIMEOUT,
            &SystemClock,
        )
        .unwrap();
        assert_eq!(ran.stdout.trim(), "b");
        assert_eq!(ran.code, Some(0));
        let ran = run(
            "sleep 30 | cat",
            dir.path(),
            Duration::from_millis(300),
            &SystemClock,
        )
        .unwrap();
        assert!(ran.timed_out);
        let ran = run("yes | head -c 200000", dir.path(), TIMEOUT, &SystemClock).unwrap();
        assert!(ran.truncated);
        assert_eq!(ran.stdout.len(), OUTPUT_CAP);
    }
}
