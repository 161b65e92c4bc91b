//! `sre-drill CATEGORY` and `sre-drill drill CATEGORY|all`: pick, check the history
//! file can be written, run the session, print the summary.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};

use anyhow::Result;

use crate::bad_input;
use crate::bank::{Bank, Category};
use crate::cli::DrillArgs;
use crate::clock::{Clock, SystemClock, os_seed};
use crate::config::Config;
use crate::console::{Console, Plain, Terminal};
use crate::error::Interrupted;
use crate::history::History;
use crate::render;
use crate::session::select::{Filter, pick};
use crate::session::{self, Ending, Options};

/// Finds a category by name (any case), or says which exist.
///
/// # Errors
/// No prompt has that category (bad input, listing the categories).
pub fn resolve_category(bank: &Bank, name: &str) -> Result<Category> {
    let wanted = name.trim().to_ascii_lowercase();
    let categories = bank.categories();
    categories
        .iter()
        .find(|c| c.as_str() == wanted)
        .cloned()
        .ok_or_else(|| {
            let names: Vec<&str> = categories.iter().map(Category::as_str).collect();
            bad_input!(
                "unknown category '{name}'; choose one of: {}, or all",
                names.join(", ")
            )
        })
}

/// Runs a drill session.
///
/// # Errors
/// Bad category or filters (bad input), an unwritable history (before the session
/// starts), a failed append, or Ctrl-C ([`Interrupted`]).
pub fn run(config: &Config, category: &str, args: &DrillArgs) -> Result<()> {
    let bank = super::load_bank(config)?;
    let category = if category.eq_ignore_ascii_case("all") {
        None
    } else {
        Some(resolve_category(&bank, category)?)
    };
    let filter = Filter {
        category: category.clone(),
        tags: args.tag.iter().map(|t| t.to_ascii_lowercase()).collect(),
        levels: args.level.clone(),
    };
    let loaded = super::read_history(config)?;
    let seen: HashSet<&str> = loaded
        .attempts
        .iter()
        .map(|a| a.prompt.0.as_str())
        .collect();
    let seed = args.seed.unwrap_or_else(os_seed);
    let picked = pick(&bank.prompts, &filter, &[], &seen, args.count, seed);
    if picked.is_empty() {
        let what = category
            .as_ref()
            .map_or("any category".to_owned(), |c| format!("category '{c}'"));
        return Err(bad_input!(
            "no prompt in {what} matches the filters (tags: {}; levels: {}); try fewer filters or see `sre-drill list`",
            if filter.tags.is_empty() {
                "any".to_owned()
            } else {
                filter.tags.join(", ")
            },
            if filter.levels.is_empty() {
                "any".to_owned()
            } else {
                filter
                    .levels
                    .iter()
                    .map(|l| l.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ));
    }

    let mut history = History::new(config.history.clone());
    history.check_writable()?;

    let clock = SystemClock;
    let options = Options {
        timed: args.timed,
        time_override: args.time,
        follow_ups: usize::from(args.follow_ups),
        editor: args.editor,
        seed,
        session_id: session::session_id(clock.wall(), os_seed()),
    };
    let interactive = !args.plain
        && !config.dumb_terminal
        && std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal();
    let mut console: Box<dyn Console> = if interactive {
        Box::new(Terminal::new(config.color))
    } else {
        Box::new(Plain::new(std::io::stdin().lock(), std::io::stderr()))
    };
    if picked.len() < args.count && !config.quiet {
        console
            .info(&format!(
                "Only {} prompt{} match; serving {}.",
                picked.len(),
                if picked.len() == 1 { "" } else { "s" },
                if picked.len() == 1 { "it" } else { "them all" }
            ))
            .map_err(stop_to_error)?;
    }
    let outcome = session::run(
        &picked,
        &bank.follow_up_pool,
        console.as_mut(),
        &clock,
        &mut history,
        &options,
    )?;
    drop(console);
    let mut out = std::io::stdout().lock();
    render::summary(
        &mut out,
        &outcome.summary,
        &config.history.display().to_string(),
    )?;
    out.flush()?;
    match outcome.ending {
        Ending::Finished => Ok(()),
        Ending::Interrupted => Err(Interrupted.into()),
    }
}

fn stop_to_error(stop: crate::console::Stop) -> anyhow::Error {
    match stop {
        crate::console::Stop::Failed(err) => err,
        crate::console::Stop::Interrupted => Interrupted.into(),
        crate::console::Stop::EndOfInput => anyhow::anyhow!("input ended"),
    }
}
