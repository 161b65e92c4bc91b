//! `history` (with filters, `--json`, `--csv`), `history show` (a session, or one
//! prompt over time) and `history import`.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::bad_input;
use crate::cli::{HistoryArgs, HistoryCommand};

use crate::config::Config;
use crate::grade::Grade;
use crate::history::{self, Attempt, History};
use crate::render;
use crate::review::filter::AttemptFilter;
use crate::review::import::merge;
use crate::review::record::Record;
use crate::review::sessions::sessions;

/// `sre-drill history [show SESSION|last]`.
///
/// # Errors
/// Unknown session (bad input), unreadable history, or output failed.
pub fn run(config: &Config, args: &HistoryArgs) -> Result<()> {
    if let Some(HistoryCommand::Import { file }) = &args.command {
        return import(config, file);
    }
    if let Some(HistoryCommand::Regrade { attempt, grade }) = &args.command {
        return regrade(config, attempt, grade);
    }
    if let Some(HistoryCommand::Unheard { prompt }) = &args.command {
        return unheard(config, prompt.as_deref());
    }
    if args.command.is_none() && !args.json && !args.csv {
        return table(config, args);
    }
    let mut loaded = super::read_history(config)?;
    // Buffered: `--json` and `--csv` of a long history are millions of lines.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if loaded.attempts.is_empty() {
        if let Some(HistoryCommand::Show {
            session: Some(session),
            ..
        }) = &args.command
        {
            // Asked for a session that cannot be there: say so, and exit 2.
            return Err(bad_input!(
                "no session '{session}': the history {} has none yet; practise first, e.g. sre-drill troubleshooting --timed",
                config.history.display()
            ));
        }
        if args.json || args.csv {
            render::history::no_records(&mut out, args.csv)?;
        } else {
            writeln!(out, "{}", render::START_HINT)?;
        }
        return Ok(());
    }
    if let Some(HistoryCommand::Show {
        prompt: Some(id), ..
    }) = &args.command
    {
        return show_prompt(config, &loaded.attempts, id, &mut out);
    }
    let filter = AttemptFilter {
        since: args.since.map(|s| s.cutoff(config.now())),
        category: args.category.clone(),
        prompt: args.prompt.clone(),
    };
    let everything = loaded.attempts.len();
    loaded.attempts = filter.apply(std::mem::take(&mut loaded.attempts));
    if loaded.attempts.is_empty() && args.command.is_none() {
        if args.json || args.csv {
            render::history::no_records(&mut out, args.csv)?;
        } else {
            render::history::no_match(&mut out, &filter, everything)?;
        }
        return Ok(());
    }
    let sessions = render::sessions(&loaded.attempts);
    match &args.command {
        None => {
            let records: Vec<&Attempt> = sessions
                .iter()
                .take(args.limit.unwrap_or(usize::MAX))
                .flat_map(|s| s.attempts.iter().rev().copied())
                .collect();
            render::json_or_text(
                &mut out,
                args.json,
                || &records,
                |out| render::review::history_csv(out, &records),
            )?;
        }
        Some(
            HistoryCommand::Show { session: None, .. }
            | HistoryCommand::Import { .. }
            | HistoryCommand::Regrade { .. }
            | HistoryCommand::Unheard { .. },
        ) => {
            return Err(bad_input!(
                "say which session to show (an id or `last`), or give --prompt ID"
            ));
        }
        Some(HistoryCommand::Show {
            session: Some(session),
            markdown,
            ..
        }) => {
            let found = if session == "last" {
                sessions.first()
            } else {
                let matches: Vec<_> = sessions
                    .iter()
                    .filter(|s| s.id.starts_with(session.as_str()))
                    .collect();
                match matches.as_slice() {
                    [one] => Some(*one),
                    [] => None,
                    many => {
                        let ids: Vec<&str> = many.iter().take(5).map(|s| s.id).collect();
                        return Err(bad_input!(
                            "'{session}' matches {} sessions ({}...); give more of the id",
                            many.len(),
                            ids.join(", ")
                        ));
                    }
                }
            };
            let Some(found) = found else {
                return Err(bad_input!(
                    "no session '{session}' in {}; run `sre-drill history` to see the sessions",
                    config.history.display()
                ));
            };
            let bank = super::load_bank(config)?;
            if *markdown {
                // What to study follows the weakest areas of the whole history.
                let all = crate::review::record::records(&loaded.attempts);
                let weakest: Vec<&str> = crate::review::weak::tag_stats(&all)
                    .iter()
                    .map(|t| t.tag)
                    .collect();
                let mut attempts = found.attempts.clone();
                attempts.sort_by_key(|a| a.started);
                render::letter::letter(&mut out, &attempts, &bank, &weakest)?;
            } else {
                render::session_detail(&mut out, found, &bank)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The `history` table, from slim records: the answers are not needed, and leaving
/// them unread keeps a large history fast (docs/performance.md).
fn table(config: &Config, args: &HistoryArgs) -> Result<()> {
    let records = super::review::read_records(config)?;
    // Buffered: the table of a large history is tens of thousands of lines.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if records.is_empty() {
        writeln!(out, "{}", render::START_HINT)?;
        return Ok(());
    }
    let filter = AttemptFilter {
        since: args.since.map(|s| s.cutoff(config.now())),
        category: args.category.clone(),
        prompt: args.prompt.clone(),
    };
    let everything = records.len();
    let kept: Vec<Record> = records
        .into_iter()
        .filter(|r| Grade::new(r.grade).is_some() && filter.matches_record(r))
        .collect();
    if kept.is_empty() {
        render::history::no_match(&mut out, &filter, everything)?;
        return Ok(());
    }
    let mut rows = sessions(&kept);
    rows.truncate(args.limit.unwrap_or(usize::MAX));
    render::review::session_table(&mut out, &rows)?;
    out.flush()?;
    Ok(())
}

/// `history show --prompt ID`: one prompt's attempts side by side over time.
fn show_prompt(
    config: &Config,
    attempts: &[Attempt],
    id: &str,
    out: &mut impl Write,
) -> Result<()> {
    let mut mine: Vec<&Attempt> = attempts.iter().filter(|a| a.prompt.0 == id).collect();
    mine.sort_by(|a, b| a.started.cmp(&b.started).then_with(|| a.id.cmp(&b.id)));
    let bank = super::load_bank(config)?;
    let prompt = bank.get(id);
    if mine.is_empty() {
        if prompt.is_some() {
            render::history::never_practised(out, id)?;
            return Ok(());
        }
        let mut known: Vec<&str> = attempts.iter().map(|a| a.prompt.0.as_str()).collect();
        known.sort_unstable();
        known.dedup();
        let close = crate::bank::did_you_mean(id, &known);
        let hint = close.map_or_else(
            || "run `sre-drill stats` or `sre-drill list` to see prompt ids".to_owned(),
            |c| format!("did you mean {c}?"),
        );
        return Err(bad_input!(
            "no prompt '{id}' in the history or the bank; {hint}"
        ));
    }
    render::review::prompt_timeline(out, &mine, prompt)?;
    out.flush()?;
    Ok(())
}

/// `history unheard [--prompt ID]`: the lines that got `otherwise`, `offtopic` or no
/// reply, per prompt, newest first.
fn unheard(config: &Config, prompt: Option<&str>) -> Result<()> {
    let loaded = super::read_history(config)?;
    if let Some(id) = prompt
        && !loaded.attempts.iter().any(|a| a.prompt.0 == id)
    {
        return Err(bad_input!(
            "no attempt at '{id}' in {}; `sre-drill history` lists what you practised",
            config.history.display()
        ));
    }
    let groups = crate::review::unheard::collect(&loaded.attempts, prompt);
    let mut out = std::io::stdout().lock();
    render::history::unheard(&mut out, &groups)?;
    out.flush()?;
    Ok(())
}

/// `history regrade ATTEMPT|last GRADE`: appends a regrade line for an attempt in the
/// history; the latest grade counts.
fn regrade(config: &Config, which: &str, grade: &str) -> Result<()> {
    let Some(grade) = Grade::parse(grade) else {
        return Err(bad_input!(
            "'{grade}' is not a grade; give 1-4 or again, hard, good or easy"
        ));
    };
    let loaded = super::read_history(config)?;
    let attempt = if which == "last" {
        loaded.attempts.iter().max_by_key(|a| a.finished)
    } else {
        loaded.attempts.iter().find(|a| a.id == which)
    };
    let Some(attempt) = attempt else {
        if loaded.attempts.is_empty() {
            return Err(bad_input!(
                "the history {} has no attempts to regrade; practise first, e.g. sre-drill troubleshooting",
                config.history.display()
            ));
        }
        return Err(bad_input!(
            "no attempt '{which}' in {}; give an attempt id from `sre-drill history --json` or `last`",
            config.history.display()
        ));
    };
    let before = Grade::new(attempt.grade).unwrap_or(Grade::AGAIN);
    let mut out = std::io::stdout().lock();
    if before == grade {
        writeln!(
            out,
            "{} ({}) is already {grade}; nothing was written.",
            attempt.id, attempt.title
        )?;
        out.flush()?;
        return Ok(());
    }
    let history = History::new(config.history.clone());
    history.check_writable()?;
    let line = history::RegradeRecord::new(&attempt.id, config.clock.wall(), grade.value());
    history.append_regrade(&line)?;
    writeln!(
        out,
        "{} ({}): {} → {}. The attempt keeps both grades; the latest counts.",
        attempt.id, attempt.title, before, grade
    )?;
    out.flush()?;
    Ok(())
}

/// `history import FILE`: appends the records of FILE whose attempt id is new here,
/// oldest first, through `History::append`. Damaged lines are reported and skipped; a
/// record whose id is here with other content is reported as a conflict and not imported.
fn import(config: &Config, file: &Path) -> Result<()> {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(bad_input!(
                "{}: no such file; give the path of a history file (*.jsonl) to import",
                file.display()
            ));
        }
        Err(err) if err.kind() == std::io::ErrorKind::IsADirectory => {
            return Err(bad_input!(
                "{} is a folder; give the path of a history file (*.jsonl) to import",
                file.display()
            ));
        }
        Err(err) => {
            return Err(err).with_context(|| format!("cannot read {}", file.display()));
        }
    };
    let incoming = history::parse(&bytes);
    if !config.quiet {
        let lines: Vec<usize> = incoming.damaged.iter().map(|d| d.line).collect();
        history::report_damage(&mut std::io::stderr().lock(), file, &lines);
    }
    let mut out = std::io::stdout().lock();
    if incoming.attempts.is_empty() {
        if incoming.damaged.is_empty() {
            render::history::nothing_to_import(&mut out, file)?;
            return Ok(());
        }
        return Err(bad_input!(
            "{}: none of its {} non-blank lines is a history record; is it an sre-drill history file?",
            file.display(),
            incoming.damaged.len()
        ));
    }
    let here = super::read_history(config)?;
    let merged = merge(&here.attempts, &incoming.attempts);
    if merged.invalid > 0 && !config.quiet {
        let _ = writeln!(
            std::io::stderr().lock(),
            "sre-drill: warning: {}: skipped {} record{} with an empty id or a grade outside 1-4",
            file.display(),
            merged.invalid,
            if merged.invalid == 1 { "" } else { "s" }
        );
    }
    if let Some(first) = merged.first_conflict
        && !config.quiet
    {
        let _ = writeln!(
            std::io::stderr().lock(),
            "sre-drill: warning: {}: {} record{} share{} an attempt id with a different record here (first: {first}); kept the record{} here",
            file.display(),
            merged.conflicts,
            if merged.conflicts == 1 { "" } else { "s" },
            if merged.conflicts == 1 { "s" } else { "" },
            if merged.conflicts == 1 { "" } else { "s" },
        );
    }
    if !merged.new.is_empty() {
        let history = History::new(config.history.clone());
        history.check_writable()?;
        for attempt in &merged.new {
            history.append(attempt)?;
        }
    }
    render::history::imported(
        &mut out,
        &merged,
        incoming.damaged.len(),
        file,
        &config.history,
    )?;
    out.flush()?;
    Ok(())
}
