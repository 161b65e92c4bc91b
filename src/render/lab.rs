//! Labs as text and JSON: the `lab --list` table, the lines around a lab's folder and
//! seed, and the report of a `--pipeline` check.
//!
//! Writes to any `impl Write`; never reads input and never judges: the verdict comes in.

use std::io::{self, Write};
use std::path::Path;

use crate::bank::Source;
use crate::lab::pipeline::{OUTPUT_CAP, Ran, TIMEOUT, Verdict};
use crate::lab::{Lab, Labs};

/// What `lab` says on stderr after removing the folder.
pub const FOLDER_REMOVED: &str = "Removed the lab folder (use --keep to keep it).";

/// `lab --list --json`: one object per lab.
#[must_use]
pub fn list_json(labs: &Labs) -> Vec<serde_json::Value> {
    labs.labs
        .iter()
        .map(|l| {
            serde_json::json!({
                "id": l.id,
                "title": l.title,
                "level": l.level.as_str(),
                "tags": l.tags,
                "minutes": l.minutes,
                "generator": l.generator.name(),
                "question": l.question,
                "answer": l.rule.name(),
                "hints": l.hints.len(),
                "source": match &l.source {
                    Source::BuiltIn => "built-in".to_owned(),
                    Source::File(p) => p.display().to_string(),
                },
            })
        })
        .collect()
}

/// `lab --list`: the table, the user's labs marked, and how to run one.
///
/// # Errors
/// Writing failed.
pub fn list(out: &mut impl Write, labs: &Labs) -> io::Result<()> {
    let width = labs
        .labs
        .iter()
        .map(|l| l.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    writeln!(
        out,
        "{:<width$}  {:<6}  {:>3}  {:<10}  TITLE",
        "ID", "LEVEL", "MIN", "GENERATOR"
    )?;
    for l in &labs.labs {
        writeln!(
            out,
            "{:<width$}  {:<6}  {:>3}  {:<10}  {}{}",
            l.id,
            l.level.as_str(),
            l.minutes,
            l.generator.name(),
            l.title,
            mark(l)
        )?;
    }
    writeln!(
        out,
        "\n{} labs. Run one with `sre-drill lab ID --shell`, or `sre-drill lab` to pick.",
        labs.labs.len()
    )
}

/// Whose lab it is, after its title.
fn mark(lab: &Lab) -> &'static str {
    if lab.overrides_built_in {
        " (yours, replaces the built-in)"
    } else if matches!(lab.source, Source::File(_)) {
        " (yours)"
    } else {
        ""
    }
}

/// Where `--keep` left the folder.
///
/// # Errors
/// Writing failed.
pub fn folder_kept(out: &mut impl Write, folder: &Path) -> io::Result<()> {
    writeln!(out, "Kept the lab folder: {}", folder.display())
}

/// How to get the same folder again, after a lab's summary.
///
/// # Errors
/// Writing failed.
pub fn same_seed(out: &mut impl Write, id: &str, seed: u64) -> io::Result<()> {
    writeln!(
        out,
        "Seed {seed}: `sre-drill lab {id} --seed {seed}` gives the same folder again."
    )
}

/// What a `--pipeline` run printed and what that means; `expected` is the planted answer.
///
/// # Errors
/// Writing failed.
pub fn pipeline_report(
    out: &mut impl Write,
    id: &str,
    ran: &Ran,
    verdict: &Verdict,
    expected: &str,
) -> io::Result<()> {
    writeln!(
        out,
        "Ran your pipeline in a fresh {id} folder (a different seed from the lab you studied)."
    )?;
    if *verdict == Verdict::TimedOut {
        writeln!(out, "It was stopped after {} s.\n", TIMEOUT.as_secs())?;
    } else {
        judged(out, ran, verdict, expected)?;
    }
    if *verdict != Verdict::Correct {
        writeln!(
            out,
            "Not logged: a pipeline run is logged once it finds the answer."
        )?;
    }
    Ok(())
}

/// What a pipeline that finished printed, and whether it is the answer.
fn judged(out: &mut impl Write, ran: &Ran, verdict: &Verdict, expected: &str) -> io::Result<()> {
    let printed = ran.stdout.trim_end();
    writeln!(
        out,
        "It printed: {}",
        if printed.is_empty() {
            "(nothing)"
        } else {
            printed
        }
    )?;
    if ran.truncated {
        writeln!(out, "(output cut at {} KiB)", OUTPUT_CAP / 1024)?;
    }
    if let Some(code) = ran.code.filter(|c| *c != 0)
        && !ran.stderr.trim().is_empty()
    {
        let mut tail: Vec<&str> = ran.stderr.trim_end().lines().rev().take(3).collect();
        tail.reverse();
        writeln!(out, "It exited with {code} and said: {}", tail.join(" / "))?;
    }
    match verdict {
        Verdict::Correct => writeln!(
            out,
            "Correct: the planted answer was {expected}. Your method works on data you have not seen."
        ),
        Verdict::Wrong | Verdict::TimedOut => writeln!(
            out,
            "Not the answer: this folder's planted answer was {expected}."
        ),
        Verdict::Unreadable(why) => writeln!(out, "{why}. The planted answer was {expected}."),
    }
}

/// After a pipeline that found the answer was logged.
///
/// # Errors
/// Writing failed.
pub fn pipeline_logged(
    out: &mut impl Write,
    history: &Path,
    id: &str,
    seed: u64,
) -> io::Result<()> {
    writeln!(
        out,
        "Logged to {} as a solved lab, grade 4 (Easy), with your pipeline as the answer; `sre-drill lab {id} --seed {seed}` gives this folder again.",
        history.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(ran: &Ran, verdict: &Verdict) -> String {
        let mut out = Vec::new();
        pipeline_report(&mut out, "nginx-5xx", ran, verdict, "10.0.0.7").unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_stopped_pipeline_is_reported_without_its_output() {
        let ran = Ran {
            stdout: "partial".into(),
            timed_out: true,
            ..Ran::default()
        };
        assert_eq!(
            report(&ran, &Verdict::TimedOut),
            "Ran your pipeline in a fresh nginx-5xx folder (a different seed from the lab you studied).\n\
             It was stopped after 10 s.\n\n\
             Not logged: a pipeline run is logged once it finds the answer.\n"
        );
    }

    #[test]
    fn a_failed_pipeline_shows_the_last_three_lines_it_said() {
        let ran = Ran {
            stdout: String::new(),
            stderr: "one\ntwo\nthree\nfour\n".into(),
            code: Some(2),
            truncated: true,
            timed_out: false,
        };
        let text = report(&ran, &Verdict::Unreadable("It printed nothing".into()));
        assert!(text.contains("It printed: (nothing)\n(output cut at 64 KiB)\n"));
        assert!(text.contains("It exited with 2 and said: two / three / four\n"));
        assert!(text.contains("It printed nothing. The planted answer was 10.0.0.7.\nNot logged"));
    }

    #[test]
    fn a_correct_pipeline_is_not_told_it_was_not_logged() {
        let ran = Ran {
            stdout: "10.0.0.7\n".into(),
            code: Some(0),
            ..Ran::default()
        };
        let text = report(&ran, &Verdict::Correct);
        assert!(text.ends_with("Your method works on data you have not seen.\n"));
        assert!(!text.contains("Not logged"));
    }
}
