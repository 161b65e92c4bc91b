//! `sre-drill check ID -- CMD`: resolve the prompt and the seed, run the check,
//! print each case as it finishes, then the report. `--list` shows the checked prompts.

use std::io::Write;
use std::time::Duration;

use anyhow::Result;

use crate::bad_input;
use crate::bank::Prompt;
use crate::check::{CheckError, RunOptions, attempt, run_check_with};
use crate::cli::CheckArgs;
use crate::clock::os_seed;
use crate::config::Config;
use crate::history::History;
use crate::render;
use crate::session::session_id;

/// Runs `check`. A failed case is an error with exit code 1, printed after the report.
///
/// # Errors
/// Bad usage (exit 2), a failed case (exit 1), or output failed.
pub fn run(config: &Config, args: &CheckArgs) -> Result<()> {
    let bank = super::load_bank(config)?;
    let checked: Vec<&Prompt> = bank.prompts.iter().filter(|p| p.check.is_some()).collect();
    let mut out = std::io::stdout().lock();
    // A terminal (or `$COLUMNS`) gets the prose wrapped to its width; a pipe or a file
    // gets every line whole.
    let width = config
        .columns
        .or_else(crate::console::stdout_width)
        .unwrap_or(usize::MAX);
    if args.list {
        render::json_or_text(
            &mut out,
            args.json,
            || render::check::list_json(&checked),
            |out| render::check::list(out, &checked, width),
        )?;
        out.flush()?;
        return Ok(());
    }
    let id = args.id.as_deref().unwrap_or_default();
    let Some(prompt) = bank.get(id) else {
        let ids: Vec<&str> = checked.iter().map(|p| p.id.0.as_str()).collect();
        let mut close: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|p| !id.is_empty() && (p.contains(id) || id.contains(*p)))
            .take(5)
            .collect();
        if close.is_empty() {
            close.extend(crate::bank::did_you_mean(id, &ids));
        }
        let hint = if close.is_empty() {
            "run `sre-drill check --list` to see the checked prompts".to_owned()
        } else {
            format!("did you mean {}?", close.join(", "))
        };
        return Err(bad_input!("no prompt with id '{id}'; {hint}"));
    };
    if prompt.check.is_none() {
        return Err(bad_input!("{}", CheckError::NoChecker(id.to_owned())));
    }
    if args.command.is_empty() {
        return Err(bad_input!("{}", CheckError::NoCommand));
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    crate::check::files_exist(&args.command, &cwd).map_err(|e| bad_input!("{e}"))?;
    let seed = args.seed.unwrap_or_else(|| os_seed() >> 11);
    let timeout = Duration::from_secs(args.timeout);
    let checker = prompt.check.as_ref().map_or("", |c| c.checker.as_str());
    if !args.json {
        render::check::header(
            &mut out,
            prompt,
            checker,
            seed,
            &args.command,
            timeout,
            width,
        )?;
        out.flush()?;
    }
    let history = (!args.no_log).then(|| History::new(config.history.clone()));
    if let Some(history) = &history {
        history.check_writable()?;
    }
    let started = config.clock.wall();
    let json = args.json;
    let mut printed = Ok(());
    let options = RunOptions {
        seed,
        timeout,
        keep: args.keep.clone(),
        last_failure: Some(last_failure_dir(config)),
    };
    let report = run_check_with(prompt, &args.command, &options, config.clock, &mut |case| {
        if !json && printed.is_ok() {
            printed =
                render::check::case_line(&mut out, case, timeout, width).and_then(|()| out.flush());
        }
    })
    .map_err(|err| match err.downcast::<CheckError>() {
        Ok(usage) => bad_input!("{usage}"),
        Err(other) => other,
    })?;
    printed?;
    let logged = history.map(|history| {
        let finished = config.clock.wall();
        let record = attempt::of_run(
            prompt,
            &report,
            &session_id(finished, os_seed()),
            started,
            finished,
        );
        history.append(&record).map(|()| render::check::Logged {
            history: config.history.clone(),
            grade: attempt::grade(report.passed, report.total),
        })
    });
    let shown = match &logged {
        Some(Ok(logged)) => Some(logged),
        _ => None,
    };
    render::json_or_text(
        &mut out,
        json,
        || render::check::report_json(&report, shown),
        |out| {
            render::check::report(out, &report, width)?;
            match shown {
                Some(logged) => render::check::logged(out, &report, logged, width),
                None => Ok(()),
            }
        },
    )?;
    out.flush()?;
    if let Some(Err(err)) = logged {
        return Err(err);
    }
    if report.all_passed() {
        Ok(())
    } else {
        Err(anyhow::anyhow!(
            "{} of {} cases failed",
            report.total - report.passed,
            report.total
        ))
    }
}

/// Where the first failing case of the last run is saved: `$SRE_DRILL_HOME/check/last`.
#[must_use]
pub fn last_failure_dir(config: &Config) -> std::path::PathBuf {
    config.home.join("check").join("last")
}
