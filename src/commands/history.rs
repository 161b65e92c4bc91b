//! `history` and `history show`.

use std::io::Write;

use anyhow::Result;

use crate::bad_input;
use crate::cli::{HistoryArgs, HistoryCommand};
use crate::config::Config;
use crate::render;

/// `sre-drill history [show SESSION|last]`.
///
/// # Errors
/// Unknown session (bad input), unreadable history, or output failed.
pub fn run(config: &Config, args: &HistoryArgs) -> Result<()> {
    let loaded = super::read_history(config)?;
    let mut out = std::io::stdout().lock();
    if loaded.attempts.is_empty() {
        if args.json {
            writeln!(out, "[]")?;
        } else {
            writeln!(out, "{}", render::START_HINT)?;
        }
        return Ok(());
    }
    let sessions = render::sessions(&loaded.attempts);
    match &args.command {
        None if args.json => {
            let records: Vec<_> = sessions
                .iter()
                .take(args.limit.unwrap_or(usize::MAX))
                .flat_map(|s| s.attempts.iter().rev())
                .collect();
            serde_json::to_writer_pretty(&mut out, &records)?;
            writeln!(out)?;
        }
        None => {
            let shown = &sessions[..args.limit.unwrap_or(sessions.len()).min(sessions.len())];
            render::history_table(&mut out, shown)?;
        }
        Some(HistoryCommand::Show { session }) => {
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
            render::session_detail(&mut out, found, &bank)?;
        }
    }
    out.flush()?;
    Ok(())
}
