//! `sre-drill interview`: pick the prompts (as a drill does, due first for the
//! candidate), run the mock interview on the interviewer's screen, print the summary,
//! and write the feedback letter when asked.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::bad_input;
use crate::bank::{Bank, Prompt};
use crate::cli::InterviewArgs;
use crate::clock::{Clock, os_seed};
use crate::config::Config;
use crate::console::{PartnerScreen, Plain, Terminal};
use crate::error::Interrupted;
use crate::history::{Attempt, History};
use crate::render;
use crate::review::schedule::{due_at, schedule};
use crate::review::weak::tag_stats;
use crate::session::interview::{self, Options};
use crate::session::select::{Filter, pick};
use crate::session::{Ending, session_id};

/// Runs a mock interview.
///
/// # Errors
/// Bad targets, filters, partner name or feedback path (bad input), an unwritable
/// history, a failed append, or Ctrl-C ([`Interrupted`]).
pub fn run(config: &Config, args: &InterviewArgs) -> Result<()> {
    let partner = args.partner.trim();
    if partner.is_empty() {
        return Err(bad_input!(
            "--partner needs the interviewer's name, like --partner Sam"
        ));
    }
    if partner.eq_ignore_ascii_case("self") || partner.eq_ignore_ascii_case("partner") {
        return Err(bad_input!(
            "--partner '{partner}' is a word `stats --graded-by` reserves; give the interviewer's name"
        ));
    }
    if let Some(path) = &args.feedback {
        check_feedback_path(path)?;
    }
    let bank = super::load_bank(config)?;
    let records = super::review::read_records_with(config, &bank)?;
    let seed = args.seed.unwrap_or_else(os_seed);
    let picked = pick_prompts(&bank, &records, args, seed, config.clock.wall())?;

    let clock: &dyn Clock = config.clock;
    let mut history = History::new(config.history.clone());
    history.check_writable()?;
    let options = Options {
        partner: partner.to_owned(),
        timed: args.timed,
        time_override: args.time,
        follow_ups: usize::from(args.follow_ups),
        seed,
        session_id: session_id(clock.wall(), os_seed()),
        vocabulary: bank.vocabulary.clone(),
    };
    let interactive = config.terminal && !args.plain;
    let mut screen: Box<dyn PartnerScreen> = if interactive {
        Box::new(Terminal::new(config.color, config.editor.clone()))
    } else {
        Box::new(
            Plain::new(std::io::stdin().lock(), std::io::stderr())
                .with_width(crate::console::stderr_width()),
        )
    };
    let outcome = interview::run(
        &picked,
        &bank.follow_up_pool,
        screen.as_mut(),
        clock,
        &mut history,
        &options,
    )?;
    drop(screen);
    let mut out = std::io::stdout().lock();
    render::summary(
        &mut out,
        &outcome.summary,
        &config.history.display().to_string(),
    )?;
    if let Some(path) = &args.feedback
        && !outcome.attempts.is_empty()
    {
        let all = super::review::read_records_with(config, &bank)?;
        let weakest: Vec<&str> = tag_stats(&all).iter().map(|t| t.tag).collect();
        let attempts: Vec<&Attempt> = outcome.attempts.iter().collect();
        let mut text = Vec::new();
        render::letter::letter(&mut text, &attempts, &bank, &weakest)?;
        crate::bank::write_atomically(path, &text)
            .with_context(|| format!("cannot write the feedback letter {}", path.display()))?;
        render::letter::written(&mut out, path)?;
    }
    out.flush()?;
    match outcome.ending {
        Ending::Finished => Ok(()),
        Ending::Interrupted => Err(Interrupted.into()),
    }
}

/// The letter's folder must exist before anyone spends an hour interviewing.
fn check_feedback_path(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(bad_input!(
            "--feedback {} is a folder; give a file name like {}/feedback.md",
            path.display(),
            path.display()
        ));
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent
        && !parent.is_dir()
    {
        return Err(bad_input!(
            "--feedback {}: the folder {} does not exist; create it or choose another path",
            path.display(),
            parent.display()
        ));
    }
    Ok(())
}

/// A category or `all` (due first for the candidate, then never seen, then random),
/// or prompt ids exactly as given.
fn pick_prompts<'a>(
    bank: &'a Bank,
    records: &[crate::review::record::Record],
    args: &InterviewArgs,
    seed: u64,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Vec<&'a Prompt>> {
    let targets: Vec<&str> = args.targets.iter().map(|t| t.trim()).collect();
    let single = match targets.as_slice() {
        [] => Some("all"),
        [one] if one.eq_ignore_ascii_case("all") => Some("all"),
        [one]
            if bank
                .categories()
                .iter()
                .any(|c| c.as_str() == one.to_ascii_lowercase()) =>
        {
            Some(*one)
        }
        _ => None,
    };
    if let Some(word) = single {
        let category = if word == "all" {
            None
        } else {
            Some(super::drill::resolve_category(bank, word)?)
        };
        let filter = Filter {
            category,
            tags: args.tag.iter().map(|t| t.to_ascii_lowercase()).collect(),
            levels: args.level.clone(),
        };
        let seen: HashSet<&str> = records.iter().map(|r| &*r.prompt).collect();
        let due = due_at(schedule(records), now);
        // `all` leaves out the company questions: they are asked of a company, not of
        // a candidate.
        let mut picked: Vec<&Prompt> = pick(
            &bank.prompts,
            &filter,
            &due.due_ids(),
            &seen,
            usize::MAX,
            seed,
        )
        .into_iter()
        .filter(|p| filter.category.is_some() || !p.category.is_company())
        .collect();
        picked.truncate(args.count);
        if picked.is_empty() {
            return Err(bad_input!(
                "no prompt in {word} matches the filters; try fewer filters or see `sre-drill list`"
            ));
        }
        return Ok(picked);
    }
    let mut picked: Vec<&Prompt> = Vec::new();
    for id in targets {
        let Some(prompt) = bank.get(id) else {
            let hint = bank
                .closest_name(id)
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default();
            return Err(bad_input!(
                "'{id}' is neither a category nor a prompt id; {hint}see `sre-drill list`"
            ));
        };
        if !picked.iter().any(|p| p.id == prompt.id) {
            picked.push(prompt);
        }
    }
    Ok(picked)
}
