//! `sre-drill lab`: list the labs, run one (generate its folder, hand the user a shell,
//! check the answer, log the attempt), or check a `--pipeline` on a fresh folder.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Result, anyhow};

use crate::bad_input;
use crate::cli::LabArgs;
use crate::clock::{Clock, os_seed};
use crate::config::Config;
use crate::console::{Console, Plain, Terminal};
use crate::error::Interrupted;
use crate::history::History;
use crate::lab::generators::Generated;
use crate::lab::owner;
use crate::lab::pipeline::Verdict;
use crate::lab::writer::{create_lab_folder, remove_lab_folder, write_files};
use crate::lab::{CATEGORY, Lab, Labs, pipeline, run};
use crate::render;
use crate::review::record::records;
use crate::review::schedule::{due_at, schedule};
use crate::rng::derive_seed;
use crate::session::select::{Filter, pick};
use crate::session::session_id;

/// `sre-drill lab [ID] [--list] ...`.
///
/// # Errors
/// Unknown id (bad input), a lab folder that cannot be made, an unwritable history,
/// a failed `--pipeline` check (exit 1), or Ctrl-C ([`Interrupted`]).
pub fn run(config: &Config, args: &LabArgs) -> Result<()> {
    let labs = load_labs(config)?;
    if args.list {
        return list(&labs, args.json);
    }
    let seed = args.seed.unwrap_or_else(fresh_seed);
    let lab = match &args.id {
        Some(id) => find(&labs, id)?,
        None => pick_lab(config, &labs, seed)?,
    };
    if let Some(command) = &args.pipeline {
        return check_pipeline(config, lab, seed, command, args.keep);
    }
    run_lab(config, lab, seed, args)
}

/// Seeds stay below 2^53 so they survive any JSON reader of the history file.
fn fresh_seed() -> u64 {
    os_seed() >> 11
}

fn load_labs(config: &Config) -> Result<Labs> {
    let labs = crate::lab::load(Some(&config.user_drills()), &config.banks)?;
    if !config.quiet {
        let mut err = std::io::stderr().lock();
        for w in &labs.warnings {
            let _ = writeln!(err, "sre-drill: warning: {w}");
        }
    }
    Ok(labs)
}

fn find<'a>(labs: &'a Labs, id: &str) -> Result<&'a Lab> {
    labs.get(id).ok_or_else(|| {
        let close = labs.close_ids(id);
        let hint = if close.is_empty() {
            "run `sre-drill lab --list` to see the ids".to_owned()
        } else {
            format!("did you mean {}?", close.join(", "))
        };
        bad_input!("no lab with id '{id}'; {hint}")
    })
}

/// Due labs first, then never-seen ones, then the rest, like a drill.
fn pick_lab<'a>(config: &Config, labs: &'a Labs, seed: u64) -> Result<&'a Lab> {
    let loaded = super::read_history(config)?;
    let seen: HashSet<&str> = loaded
        .attempts
        .iter()
        .filter(|a| a.category.as_str() == CATEGORY)
        .map(|a| a.prompt.0.as_str())
        .collect();
    let records = records(&loaded.attempts);
    let due = due_at(schedule(&records), config.now());
    let order = due.due_ids();
    let prompts: Vec<_> = labs.labs.iter().map(Lab::as_prompt).collect();
    let picked = pick(&prompts, &Filter::default(), &order, &seen, 1, seed);
    picked
        .first()
        .and_then(|p| labs.get(&p.id.0))
        .ok_or_else(|| anyhow!("there are no labs to pick from"))
}

fn list(labs: &Labs, json: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    render::json_or_text(
        &mut out,
        json,
        || render::lab::list_json(labs),
        |out| render::lab::list(out, labs),
    )?;
    out.flush()?;
    Ok(())
}

/// Generates `lab` for `seed` into a new folder under the data dir's `labs/`.
fn materialise(config: &Config, lab: &Lab, seed: u64) -> Result<(PathBuf, Generated)> {
    let generated = lab.generator.generate(seed);
    let labs_dir = config.home.join("labs");
    owner::sweep(&labs_dir);
    let folder = create_lab_folder(&labs_dir, &lab.id, seed)?;
    owner::claim(&folder);
    if let Err(err) = owner::while_writing(|| write_files(&folder, &generated.files)) {
        let _ = owner::finish(&folder, || remove_lab_folder(&folder));
        return Err(err);
    }
    Ok((folder, generated))
}

fn cleanup(folder: &Path, keep: bool, quiet: bool) {
    if keep {
        owner::finish(folder, || ());
        let _ = render::lab::folder_kept(&mut std::io::stderr(), folder);
        return;
    }
    let removed = owner::finish(folder, || remove_lab_folder(folder));
    let mut err = std::io::stderr().lock();
    match removed {
        Ok(()) if !quiet => {
            let _ = writeln!(err, "{}", render::lab::FOLDER_REMOVED);
        }
        Ok(()) => {}
        Err(e) => {
            let _ = writeln!(err, "sre-drill: warning: {e:#}");
        }
    }
}

fn run_lab(config: &Config, lab: &Lab, seed: u64, args: &LabArgs) -> Result<()> {
    let bank = super::load_bank(config)?;
    let mut history = History::new(config.history.clone());
    history.check_writable()?;
    let (folder, generated) = materialise(config, lab, seed)?;
    let clock: &dyn Clock = config.clock;
    let options = run::Options {
        timed: args.timed,
        follow_ups: usize::from(args.follow_ups),
        seed,
        session_id: session_id(clock.wall(), os_seed()),
    };
    let interactive = config.terminal;
    let mut console: Box<dyn Console> = if interactive {
        Box::new(Terminal::new(config.color, config.editor.clone()))
    } else {
        Box::new(
            Plain::new(std::io::stdin().lock(), std::io::stderr())
                .with_width(crate::console::stderr_width()),
        )
    };
    if args.shell && !interactive {
        let _ = console.info("--shell needs a terminal; investigate the folder in another window.");
    }
    let mut open_shell = || spawn_shell(&config.shell, &folder, &lab.id);
    let shell: Option<&mut dyn FnMut() -> Result<()>> = if args.shell && interactive {
        Some(&mut open_shell)
    } else {
        None
    };
    let ready = run::ReadyLab {
        lab,
        folder: &folder,
        generated: &generated,
        follow_up_pool: &bank.follow_up_pool,
        options,
        shell,
    };
    let outcome = run::run_lab(ready, console.as_mut(), clock, &mut history);
    drop(console);
    cleanup(&folder, args.keep, config.quiet);
    let outcome = outcome?;
    if let Some(row) = &outcome.summary {
        let mut out = std::io::stdout().lock();
        render::summary(
            &mut out,
            std::slice::from_ref(row),
            &config.history.display().to_string(),
        )?;
        if let Some(a) = &outcome.attempt {
            render::lab::same_seed(&mut out, &a.prompt.0, seed)?;
        }
        out.flush()?;
    }
    if outcome.interrupted {
        return Err(Interrupted.into());
    }
    Ok(())
}

/// Hands the terminal to the user's shell in the lab folder until it exits.
fn spawn_shell(shell: &Path, folder: &Path, id: &str) -> Result<()> {
    let status = Command::new(shell)
        .current_dir(folder)
        .env("SRE_DRILL_LAB", id)
        .status()
        .map_err(|e| anyhow!("cannot start {}: {e}", shell.display()))?;
    let _ = status;
    Ok(())
}

/// `--pipeline CMD`: run the user's pipeline in a folder from another seed and check it.
fn check_pipeline(config: &Config, lab: &Lab, seed: u64, command: &str, keep: bool) -> Result<()> {
    if command.trim().is_empty() {
        return Err(bad_input!(
            "--pipeline needs a command, like --pipeline 'sort x | uniq -c | sort -rn | head -1'"
        ));
    }
    let history = History::new(config.history.clone());
    history.check_writable()?;
    let check_seed = derive_seed(seed, 0x7069_7065);
    let (folder, generated) = materialise(config, lab, check_seed)?;
    let clock: &dyn Clock = config.clock;
    let started = clock.wall();
    let ran = pipeline::run(command, &folder, pipeline::TIMEOUT, clock);
    let verdict = ran.map(|ran| {
        let verdict = Verdict::of(&ran, lab.rule, &generated.planted, &folder);
        (ran, verdict)
    });
    cleanup(&folder, keep, config.quiet);
    let (ran, verdict) = verdict?;
    let expected = generated.planted.to_string();
    let mut out = std::io::stdout().lock();
    render::lab::pipeline_report(&mut out, &lab.id, &ran, &verdict, &expected)?;
    if verdict != Verdict::Correct {
        out.flush()?;
        return Err(anyhow!(
            "your pipeline did not find the answer in the fresh folder; to look at that folder, run `sre-drill lab {} --seed {check_seed} --keep`",
            lab.id
        ));
    }
    let finished = clock.wall();
    let attempt = pipeline::solved_attempt(
        lab,
        check_seed,
        &session_id(finished, os_seed()),
        started,
        finished,
        command,
        &expected,
    );
    history.append(&attempt)?;
    render::lab::pipeline_logged(&mut out, &config.history, &lab.id, check_seed)?;
    out.flush()?;
    Ok(())
}
