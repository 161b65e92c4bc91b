//! `stats`, `due` and `plan`: read the history (and the bank), compute with
//! `review`, print through `render::review`. They never write the history (only the
//! rebuildable cache of its review records, `history::cache`).

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};

use crate::bank::Bank;
use crate::cli::{DueArgs, PlanArgs, StatsArgs};
use crate::config::Config;
use crate::grade::Grade;
use crate::render;
use crate::review;
use crate::review::record::{Record, ReviewRecords};

/// Reads the history into records, one line at a time, or from the cache of them in
/// the data folder when it is current (`history::cache`); a missing file is an empty
/// history. Damaged lines are reported once each (as every command that reads the
/// history does), and so are records whose grade is outside 1..=4 (the review
/// functions leave those out).
///
/// # Errors
/// The file exists but cannot be read.
pub fn read_records(config: &Config) -> Result<Vec<Record>> {
    let parsed = load_records(&config.history, &config.home)?;
    report_records(config, &parsed);
    Ok(parsed.records)
}

/// [`read_records`] of the history `history` with the data folder `home`, without the
/// reporting: safe to call on another thread, and to throw away unreported.
///
/// # Errors
/// The file exists but cannot be read.
pub fn load_records(history: &Path, home: &Path) -> Result<ReviewRecords> {
    let cannot = || {
        format!(
            "cannot read the history file {}; set SRE_DRILL_HOME to a folder (or --history to a file) you can read",
            history.display()
        )
    };
    let file = match std::fs::File::open(history) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Ok(ReviewRecords::default());
        }
        Err(err) => return Err(err).with_context(cannot),
    };
    let cache = crate::history::cache::file_for(&home.join("cache"), history);
    crate::history::cache::read(file, history, &cache).with_context(cannot)
}

/// A prompt's id, title and category, shared by the records that name it.
type Names = (Arc<str>, Arc<str>, Arc<str>);

/// Counts the records of a renamed or merged prompt as the prompt's own: a record
/// whose id is one a prompt lists under `formerly:` takes that prompt's id, title and
/// category. Done after reading (and after the review cache), so a bank edit never
/// needs the cache rebuilt; the history file itself is never rewritten.
pub fn follow_renames(records: &mut [Record], bank: &Bank) {
    // Looked up once per record: the fast hasher rather than the default one.
    let renames: review::FastMap<&str, &crate::bank::Prompt> = bank.renames().into_iter().collect();
    if renames.is_empty() {
        return;
    }
    // One shared id, title and category per prompt, as the reader shares them.
    let mut shared: std::collections::HashMap<&str, Names> = std::collections::HashMap::new();
    for r in records.iter_mut() {
        if let Some(p) = renames.get(&*r.prompt) {
            let (id, title, category) = shared
                .entry(p.id.0.as_str())
                .or_insert_with(|| {
                    (
                        Arc::from(p.id.0.as_str()),
                        Arc::from(p.title.as_str()),
                        Arc::from(p.category.as_str()),
                    )
                })
                .clone();
            r.prompt = id;
            r.title = title;
            r.category = category;
        }
    }
}

/// The records of [`read_records`] with [`follow_renames`] applied from `bank`.
///
/// # Errors
/// As [`read_records`].
pub fn read_records_with(config: &Config, bank: &Bank) -> Result<Vec<Record>> {
    let mut records = read_records(config)?;
    follow_renames(&mut records, bank);
    Ok(records)
}

/// Reports what [`load_records`] found damaged or ungraded.
pub fn report_records(config: &Config, parsed: &ReviewRecords) {
    if config.quiet {
        return;
    }
    let mut err = std::io::stderr().lock();
    let name = config.history.display();
    crate::history::report_damage(&mut err, &config.history, &parsed.damaged);
    let ungraded = parsed
        .records
        .iter()
        .filter(|r| Grade::new(r.grade).is_none())
        .count();
    if ungraded > 0 {
        let _ = writeln!(
            err,
            "sre-drill: warning: {name}: left out {ungraded} record{} with a grade outside 1-4",
            if ungraded == 1 { "" } else { "s" }
        );
    }
}

/// `sre-drill stats`.
///
/// # Errors
/// Unreadable history, or output failed.
pub fn stats(config: &Config, args: &StatsArgs) -> Result<()> {
    let bank = super::load_bank(config)?;
    let mut attempts = read_records_with(config, &bank)?;
    let now = config.now();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // Records with a grade outside 1-4 were left out (and said so): none left is none.
    let graded = attempts.iter().any(|r| Grade::new(r.grade).is_some());
    if !graded && !args.json {
        writeln!(out, "{}", render::START_HINT)?;
        return Ok(());
    }
    if let Some(by) = &args.graded_by {
        let wanted = review::graders::GradedBy::parse(by);
        attempts.retain(|r| wanted.matches(r));
        if attempts.is_empty() && !args.json {
            render::review::none_graded_by(&mut out, by.trim())?;
            return Ok(());
        }
    }
    let period = args.weeks.map_or(review::stats::Period::All, |n| {
        review::stats::Period::Weeks(usize::from(n))
    });
    let labs = load_labs(config);
    let width = super::output_width(config, None);
    {
        let figures = figures(&attempts, &bank, &labs, now, period);
        render::json_or_text(
            &mut out,
            args.json,
            || &figures.stats,
            |out| render::review::stats(out, &figures.stats, width),
        )?;
    }
    out.flush()?;
    // The command ends here: handing a long history's records back to the allocator
    // one by one would take longer than anything left to do.
    std::mem::forget(attempts);
    Ok(())
}

/// `sre-drill due`.
///
/// # Errors
/// Unreadable history, a missing `--bank` folder, or output failed.
pub fn due(config: &Config, args: &DueArgs) -> Result<()> {
    let bank = super::load_bank(config)?;
    let attempts = read_records_with(config, &bank)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if attempts.is_empty() && !args.json {
        writeln!(out, "{}", render::START_HINT)?;
        return Ok(());
    }
    let now = config.now();
    let labs = load_labs(config);
    let (list, unscheduled) = due_list_with_labs(&attempts, &bank, &labs, now);
    render::json_or_text(
        &mut out,
        args.json,
        || {
            serde_json::json!({
                "now": now.to_rfc3339(),
                "due": list.due,
                "upcoming": list.upcoming,
                "not_in_bank": unscheduled,
            })
        },
        |out| render::review::due(out, &list, now, args.upcoming, unscheduled),
    )?;
    out.flush()?;
    Ok(())
}

/// The labs, scheduled like prompts by `due`, `stats` and `report`; a broken lab file
/// is `lab`'s to report.
#[must_use]
pub fn load_labs(config: &Config) -> crate::lab::Labs {
    crate::lab::load(Some(&config.user_drills()), &config.banks).unwrap_or_default()
}

/// What `stats --json` and `due --json` print, computed once: `stats`, `due` and
/// `report` all take their figures from here, so the page and the two commands cannot
/// disagree.
pub struct Figures<'a> {
    /// `stats`, with its spaced-repetition figures filled in.
    pub stats: review::stats::Stats<'a>,
    /// The schedule at now, labs included, as `due` lists it.
    pub due: review::schedule::DueList<'a>,
    /// Practised prompts no longer in the bank (and so not scheduled).
    pub not_in_bank: usize,
}

/// The [`Figures`] of `attempts` over `period` at `now`.
#[must_use]
pub fn figures<'a>(
    attempts: &'a [Record],
    bank: &'a Bank,
    labs: &'a crate::lab::Labs,
    now: DateTime<FixedOffset>,
    period: review::stats::Period,
) -> Figures<'a> {
    let (due, not_in_bank) = due_list_with_labs(attempts, bank, labs, now);
    let mut stats = review::stats::stats(attempts, now, period);
    let lab_ids: Vec<&str> = labs.labs.iter().map(|l| l.id.as_str()).collect();
    // The streak looks at the whole history: `stats` has its days when it covers it.
    let days: Vec<chrono::NaiveDate> = if period == review::stats::Period::All {
        stats.practice_days.iter().map(|d| d.date).collect()
    } else {
        review::progress::days(attempts, now)
    };
    stats.progress = Some(review::progress::progress(
        due.due.iter().chain(&due.upcoming),
        &days,
        &bank.prompts,
        &lab_ids,
        now,
    ));
    Figures {
        stats,
        due,
        not_in_bank,
    }
}

/// The schedule at `now` of the practised prompts still in the bank and the practised
/// labs still in `labs` (titles as the bank and the labs have them), and how many
/// practised prompts are in neither. `due`, `stats` and `report` all take it from here.
#[must_use]
pub fn due_list_with_labs<'a>(
    attempts: &'a [Record],
    bank: &'a Bank,
    labs: &'a crate::lab::Labs,
    now: DateTime<FixedOffset>,
) -> (review::schedule::DueList<'a>, usize) {
    let mut cards = review::schedule::schedule(attempts);
    let before = cards.len();
    cards.retain_mut(|card| {
        if let Some(prompt) = bank.get(card.prompt) {
            card.title = &prompt.title;
            true
        } else if let Some(lab) = labs.get(card.prompt)
            && card.category == crate::lab::CATEGORY
        {
            card.title = &lab.title;
            true
        } else {
            false
        }
    });
    let unscheduled = before - cards.len();
    (review::schedule::due_at(cards, now), unscheduled)
}

/// `sre-drill plan`.
///
/// # Errors
/// Unreadable history, a missing `--bank` folder, or output failed.
pub fn plan(config: &Config, args: &PlanArgs) -> Result<()> {
    if let Some(file) = &args.posting {
        return super::posting::plan(config, file, args.json);
    }
    let bank = super::load_bank(config)?;
    let attempts = read_records_with(config, &bank)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if attempts.is_empty() && !args.json {
        writeln!(out, "{}", render::START_HINT)?;
        return Ok(());
    }
    let plan = review::plan::plan(&attempts, &bank);
    let width = super::output_width(config, None);
    render::json_or_text(
        &mut out,
        args.json,
        || &plan,
        |out| render::review::plan(out, &plan, width),
    )?;
    out.flush()?;
    Ok(())
}
