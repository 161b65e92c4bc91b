//! `sre-drill CATEGORY`, `sre-drill drill CATEGORY|all|due|weak|posting` and
//! `sre-drill story`: pick, check the history file can be written, run the session,
//! print the summary.
//!
//! Every pick serves what spaced repetition says is due first (SPEC §3); `drill due`
//! serves only that, `drill weak` the prompts and areas with the lowest recent grades.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::bad_input;
use crate::bank::{Bank, Category};
use crate::cli::DrillArgs;
use crate::clock::{Clock, os_seed};
use crate::config::Config;
use crate::console::{Console, Plain, Terminal};
use crate::error::Interrupted;
use crate::history::History;
use crate::render;
use crate::review::record::ReviewRecords;
use crate::review::schedule::{Card, due_at, schedule};
use crate::review::weak::{drill_order, prompt_stats, tag_stats};
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
    let mut slot = None;
    let (bank, review) = bank_and_review(config, &mut slot)?;
    run_with(config, &bank, review?, category, args)
}

/// The history's review records as a drill uses them, and their schedule.
struct Review<'r> {
    parsed: &'r ReviewRecords,
    cards: Vec<Card<'r>>,
}

/// Keeps `parsed` in `slot` and replays its schedule.
fn review_of(slot: &mut Option<ReviewRecords>, parsed: ReviewRecords) -> Review<'_> {
    let parsed: &ReviewRecords = Option::insert(slot, parsed);
    Review {
        parsed,
        cards: schedule(&parsed.records),
    }
}

/// Loads the bank on a second thread while this one reads the history's review
/// records (kept in `slot`) and replays their schedule: the start of a drill waits
/// for both, and neither needs the other. Bank errors come first, as when they were
/// read one after the other; the bank's warnings are printed here, and the records'
/// (damaged lines, grades outside 1-4) only when they are used.
fn bank_and_review<'r>(
    config: &Config,
    slot: &'r mut Option<ReviewRecords>,
) -> Result<(Bank, Result<Review<'r>>)> {
    let (user, banks) = (config.user_drills(), config.banks.clone());
    std::thread::scope(move |scope| {
        let loader = scope.spawn(move || crate::bank::load(Some(&user), &banks));
        let parsed = super::review::load_records(&config.history, &config.home);
        let loaded = loader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        let bank = super::with_stories(config, super::report_bank(config, loaded));
        let review = parsed.map(|mut parsed| {
            super::review::follow_renames(&mut parsed.records, &bank);
            review_of(slot, parsed)
        });
        Ok((bank, review))
    })
}

fn run_with(
    config: &Config,
    bank: &Bank,
    review: Review<'_>,
    category: &str,
    args: &DrillArgs,
) -> Result<()> {
    let mode = Mode::of(category);
    let category = if mode == Mode::Category && !category.eq_ignore_ascii_case("all") {
        Some(resolve_category(bank, category)?)
    } else {
        None
    };
    let filter = Filter {
        category: category.clone(),
        tags: args.tag.iter().map(|t| t.to_ascii_lowercase()).collect(),
        levels: args.level.clone(),
    };
    // The slim records: a drill needs grades and dates, not past answers, and reading
    // only those keeps the start fast on a long history.
    super::review::report_records(config, review.parsed);
    let records = review.parsed.records.as_slice();
    let seen: HashSet<&str> = records.iter().map(|r| &*r.prompt).collect();
    let seed = args.seed.unwrap_or_else(os_seed);
    let clock: &dyn Clock = config.clock;
    let now = clock.wall();
    let due = due_at(review.cards, now);
    let stats = prompt_stats(records);
    let mut notice = None;
    let order: Vec<&str> = match mode {
        Mode::Category | Mode::Due => due.due_ids(),
        Mode::Weak => {
            let tags = tag_stats(records);
            let focus: Vec<&str> = if filter.tags.is_empty() {
                tags.iter().take(3).map(|t| t.tag).collect()
            } else {
                filter.tags.iter().map(String::as_str).collect()
            };
            notice = render::drill::weak_notice(&tags, &focus);
            drill_order(&bank.prompts, &stats, &focus)
        }
    };
    let mut picked = pick(&bank.prompts, &filter, &order, &seen, args.count, seed);
    if mode == Mode::Due {
        picked.retain(|p| order.contains(&p.id.0.as_str()));
    }
    let nothing_to_review = mode != Mode::Category && records.is_empty();
    if nothing_to_review || (mode == Mode::Due && picked.is_empty()) {
        let mut out = std::io::stdout().lock();
        if nothing_to_review {
            writeln!(out, "{}", render::START_HINT)?;
        } else {
            render::drill::nothing_due(&mut out, &due, bank, &filter, now)?;
        }
        out.flush()?;
        return Ok(());
    }
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
    let count = args.count;
    serve(config, bank, &picked, seed, args, notice, count)
}

/// `sre-drill drill TARGET...`: one category, `all`, `due` or `weak` as before, or one
/// or more prompt ids, served exactly, in the order given.
///
/// # Errors
/// As [`run`]; an unknown id is bad input with a "did you mean".
pub fn run_targets(
    config: &Config,
    targets: &[String],
    posting: Option<&Path>,
    args: &DrillArgs,
) -> Result<()> {
    let [first, rest @ ..] = targets else {
        return Err(bad_input!(
            "drill needs a category, all, due, weak, posting, or prompt ids"
        ));
    };
    let word = first.trim().to_ascii_lowercase();
    match (word == "posting" && rest.is_empty(), posting) {
        (true, Some(file)) => return run_posting(config, file, args),
        (true, None) => {
            return Err(bad_input!(
                "drill posting needs the job posting: sre-drill drill posting --posting FILE"
            ));
        }
        (false, Some(_)) => {
            return Err(bad_input!(
                "--posting goes with the target posting: sre-drill drill posting --posting FILE"
            ));
        }
        (false, None) => {}
    }
    // The history is read beside the bank only when the target is surely not prompt
    // ids (a drill of ids never looks at it); a custom category reads it after.
    let surely_category = rest.is_empty()
        && (Category::RESERVED.contains(&word.as_str())
            || Category::BUILT_IN.contains(&word.as_str()));
    let mut slot = None;
    let (bank, review) = if surely_category {
        let (bank, review) = bank_and_review(config, &mut slot)?;
        (bank, Some(review))
    } else {
        (super::load_bank(config)?, None)
    };
    if rest.is_empty()
        && (Category::RESERVED.contains(&word.as_str())
            || bank.categories().iter().any(|c| c.as_str() == word))
    {
        let review = match review {
            Some(review) => review?,
            None => {
                let mut parsed = super::review::load_records(&config.history, &config.home)?;
                super::review::follow_renames(&mut parsed.records, &bank);
                review_of(&mut slot, parsed)
            }
        };
        return run_with(config, &bank, review, first, args);
    }
    let mut picked = Vec::new();
    for id in targets {
        let Some(prompt) = bank.get(id.trim()) else {
            return Err(unknown_target(&bank, id));
        };
        if !picked
            .iter()
            .any(|p: &&crate::bank::Prompt| p.id == prompt.id)
        {
            picked.push(prompt);
        }
    }
    let seed = args.seed.unwrap_or_else(os_seed);
    let count = picked.len();
    serve(config, &bank, &picked, seed, args, None, count)
}

/// `sre-drill drill posting --posting FILE`: the drill list of the plan for that
/// posting, in its order (filtered by `--tag` and `--level`), the first `--count`.
fn run_posting(config: &Config, file: &Path, args: &DrillArgs) -> Result<()> {
    if file == Path::new("-") {
        return Err(bad_input!(
            "drill posting reads your answers from stdin, so give the posting as a file: --posting FILE"
        ));
    }
    let mut slot = None;
    let (bank, review) = bank_and_review(config, &mut slot)?;
    let review = review?;
    super::review::report_records(config, review.parsed);
    let posting = super::posting::read(config, file)?;
    let map = super::posting::topic_map(config, &bank)?;
    let found = map.find(&posting.text);
    if found.is_empty() {
        return Err(bad_input!(
            "{}: no topic of the topic map appears in it; add the words it uses to {} (README, \"Aim at one job\")",
            posting.shown,
            config.topics_file().display()
        ));
    }
    let plan = crate::posting::plan(&found, &map, &review.parsed.records, &bank, &[]);
    let filter = Filter {
        category: None,
        tags: args.tag.iter().map(|t| t.to_ascii_lowercase()).collect(),
        levels: args.level.clone(),
    };
    let picked: Vec<&crate::bank::Prompt> = plan
        .drill
        .iter()
        .filter_map(|d| bank.get(d.id))
        .filter(|p| filter.matches(p))
        .take(args.count)
        .collect();
    if picked.is_empty() {
        let names: Vec<&str> = found.iter().map(|f| f.topic.name.as_str()).collect();
        return Err(bad_input!(
            "{}: no prompt in the bank drills its topics ({}){}",
            posting.shown,
            names.join(", "),
            if filter.tags.is_empty() && filter.levels.is_empty() {
                ""
            } else {
                " with these filters; try fewer"
            }
        ));
    }
    let seed = args.seed.unwrap_or_else(os_seed);
    serve(config, &bank, &picked, seed, args, None, args.count)
}

/// `sre-drill story`: the user's stories (with `all`, also the bank's behavioural
/// prompts), due ones first, then never told, then the rest.
///
/// # Errors
/// As [`run`]; no story to drill is bad input.
pub fn run_stories(config: &Config, args: &DrillArgs, all: bool) -> Result<()> {
    let mut slot = None;
    let (bank, review) = bank_and_review(config, &mut slot)?;
    let review = review?;
    super::review::report_records(config, review.parsed);
    let file = config.stories_file();
    let mine =
        |p: &crate::bank::Prompt| matches!(&p.source, crate::bank::Source::File(f) if *f == file);
    let candidates: Vec<crate::bank::Prompt> = bank
        .prompts
        .iter()
        .filter(|p| mine(p) || (all && p.category.as_str() == crate::story::CATEGORY))
        .cloned()
        .collect();
    if !candidates.iter().any(&mine) && !all {
        return Err(bad_input!(
            "no stories in {} yet; write one with `sre-drill story add` (or drill the bank's behavioural prompts: sre-drill story --all)",
            file.display()
        ));
    }
    let filter = Filter {
        category: None,
        tags: args.tag.iter().map(|t| t.to_ascii_lowercase()).collect(),
        levels: args.level.clone(),
    };
    let records = review.parsed.records.as_slice();
    let seen: HashSet<&str> = records.iter().map(|r| &*r.prompt).collect();
    let seed = args.seed.unwrap_or_else(os_seed);
    let due = due_at(review.cards, config.clock.wall());
    let picked = pick(
        &candidates,
        &filter,
        &due.due_ids(),
        &seen,
        args.count,
        seed,
    );
    if picked.is_empty() {
        return Err(bad_input!(
            "no story has the tags {}; see `sre-drill story list`",
            filter.tags.join(", ")
        ));
    }
    serve(config, &bank, &picked, seed, args, None, args.count)
}

/// Neither a category nor a prompt id: name the closest of either.
fn unknown_target(bank: &Bank, word: &str) -> anyhow::Error {
    let categories = bank.categories();
    let hint = bank
        .closest_name(word)
        .map(|n| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    let cats: Vec<&str> = categories.iter().map(Category::as_str).collect();
    bad_input!(
        "'{word}' is neither a category nor a prompt id; {hint}categories: {}, all, due, weak, posting; prompt ids: `sre-drill list`",
        cats.join(", ")
    )
}

/// Runs the session over `picked` and prints the summary.
fn serve(
    config: &Config,
    bank: &Bank,
    picked: &[&crate::bank::Prompt],
    seed: u64,
    args: &DrillArgs,
    notice: Option<String>,
    count: usize,
) -> Result<()> {
    let clock: &dyn Clock = config.clock;
    let mut history = History::new(config.history.clone());
    history.check_writable()?;

    let options = Options {
        timed: args.timed,
        time_override: args.time,
        follow_ups: usize::from(args.follow_ups),
        editor: args.editor,
        seed,
        session_id: session::session_id(clock.wall(), os_seed()),
        vocabulary: bank.vocabulary.clone(),
    };
    let interactive = config.terminal && !args.plain;
    let mut console: Box<dyn Console> = if interactive {
        Box::new(Terminal::new(config.color, config.editor.clone()))
    } else {
        Box::new(
            Plain::new(std::io::stdin().lock(), std::io::stderr())
                .with_width(crate::console::stderr_width()),
        )
    };
    if let Some(notice) = notice.filter(|_| !config.quiet) {
        console
            .info(&notice)
            .map_err(crate::console::Stop::into_error)?;
    }
    if picked.len() < count && !config.quiet {
        console
            .info(&render::drill::only_some(picked.len()))
            .map_err(crate::console::Stop::into_error)?;
    }
    let outcome = session::run(
        picked,
        &bank.follow_up_pool,
        console.as_mut(),
        clock,
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
    if !outcome.attempts.is_empty() {
        // Brings the cache of review records up to date with what was just logged, so
        // the next drill starts from a current cache instead of extending it first.
        // The summary is already out; a cache that cannot be written changes nothing.
        let _ = super::review::load_records(&config.history, &config.home);
    }
    match outcome.ending {
        Ending::Finished => Ok(()),
        Ending::Interrupted => Err(Interrupted.into()),
    }
}

/// What `drill` was asked for besides a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A category or `all`: due first, then never seen, then random.
    Category,
    /// Only what spaced repetition says is due.
    Due,
    /// The prompts and areas with the lowest recent grades first.
    Weak,
}

impl Mode {
    fn of(word: &str) -> Mode {
        match word.trim().to_ascii_lowercase().as_str() {
            "due" => Mode::Due,
            "weak" => Mode::Weak,
            _ => Mode::Category,
        }
    }
}
