//! The command line as clap sees it. Doc comments are the --help text; no logic here
//! beyond parsing single values.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::bank::Level;

const EXAMPLES: &str = "\
Examples:
  sre-drill troubleshooting --timed        a timed troubleshooting session (3 prompts)
  sre-drill coding --count 1 --level entry one entry-level coding task, untimed
  sre-drill drill all --tag networking     networking prompts from every category
  sre-drill reliability --timed --time 5m  every time box set to five minutes
  sre-drill history                        past sessions, newest first
  sre-drill history show last              the last session in full
  sre-drill list --category company        the questions to ask the interviewer

Answers, grades and timings are appended to the history file
($SRE_DRILL_HOME/history.jsonl, or the platform data folder).";

/// Practice partner for Site Reliability Engineering interviews: timed drills with
/// rubrics, follow-ups and a history to learn from.
#[derive(Debug, Parser)]
#[command(name = "sre-drill", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Extra folder of prompt files (*.yaml); repeatable.
    #[arg(long, value_name = "DIR", global = true)]
    pub bank: Vec<PathBuf>,

    /// History file to read and append to [default: `$SRE_DRILL_HOME/history.jsonl`].
    #[arg(long, value_name = "FILE", global = true)]
    pub history: Option<PathBuf>,

    /// No colours or styles (also `NO_COLOR=1` or `TERM=dumb`).
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Print fewer messages (no warnings about skipped files).
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Troubleshooting puzzles and outage stories: "how would you investigate ...?"
    Troubleshooting(DrillArgs),
    /// Scripting and whiteboard tasks an SRE is asked to write.
    Coding(DrillArgs),
    /// SLOs, rollouts, rollbacks, capacity, on-call: reliability thinking.
    Reliability(DrillArgs),
    /// The questions you ask the company at the end of the interview.
    Company(DrillArgs),
    /// Drill any category, including custom ones, or `all`.
    Drill {
        /// A category (coding, troubleshooting, reliability, company, or a custom one) or `all`.
        category: String,
        #[command(flatten)]
        args: DrillArgs,
    },
    /// Browse the prompt bank.
    List(ListArgs),
    /// Show one prompt with its rubric, hints and follow-ups.
    Show {
        /// The prompt id, as `sre-drill list` shows it.
        id: String,
        /// Print the prompt as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Past sessions, newest first; `history show last` for the last one in full.
    History(HistoryArgs),
}

#[derive(Debug, Clone, Args)]
pub struct DrillArgs {
    /// Count down each prompt's time box (untimed sessions still log the time taken).
    #[arg(long)]
    pub timed: bool,

    /// How many prompts in the session.
    #[arg(long, short = 'n', default_value_t = 3, value_parser = parse_count)]
    pub count: usize,

    /// Only prompts with this tag (skill area); repeat for any of several.
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,

    /// Only prompts of this level; repeatable.
    #[arg(long, value_name = "LEVEL", value_parser = parse_level)]
    pub level: Vec<Level>,

    /// Use this time box for every prompt instead of its own (90s, 10m, 1h30m).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub time: Option<Duration>,

    /// Seed for a reproducible pick of prompts.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Write answers in $VISUAL/$EDITOR instead of the terminal.
    #[arg(long)]
    pub editor: bool,

    /// Reliability follow-ups asked after each prompt (0 to skip).
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=5))]
    pub follow_ups: u8,

    /// Use the line protocol even on a terminal (it is used whenever stdin is not one).
    #[arg(long)]
    pub plain: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this category.
    #[arg(long)]
    pub category: Option<String>,
    /// Only prompts with this tag; repeat for any of several.
    #[arg(long)]
    pub tag: Vec<String>,
    /// Only this level; repeatable.
    #[arg(long, value_parser = parse_level)]
    pub level: Vec<Level>,
    /// Print a JSON array of prompts (with their source file).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub command: Option<HistoryCommand>,
    /// Print the stored records as a JSON array, newest first.
    #[arg(long)]
    pub json: bool,
    /// Show at most this many sessions.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// One session in full: answers, rubric points, grades, follow-ups, timings.
    Show {
        /// A session id (or a unique start of one), or `last`.
        session: String,
    },
}

fn parse_count(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("a session needs at least 1 prompt".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("'{text}' is not a whole number")),
    }
}

fn parse_level(text: &str) -> Result<Level, String> {
    Level::parse(&text.to_ascii_lowercase())
        .ok_or_else(|| format!("'{text}' is not a level; use entry, mid or senior"))
}

/// Parses `90s`, `10m`, `1h`, `1h30m`, `2m30s`; a bare number means minutes.
///
/// # Errors
/// A sentence naming what is wrong.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim().to_ascii_lowercase();
    if t.is_empty() {
        return Err("empty duration; use a form like 90s, 10m or 1h".to_owned());
    }
    let bad = || format!("'{text}' is not a duration; use a form like 90s, 10m, 1h or 1h30m");
    let total = if t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse::<u64>()
            .map_err(|_| bad())?
            .checked_mul(60)
            .ok_or_else(bad)?
    } else {
        let mut total: u64 = 0;
        let mut number = String::new();
        for c in t.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let unit = match c {
                'h' => 3600,
                'm' => 60,
                's' => 1,
                _ => return Err(bad()),
            };
            let n: u64 = number.parse().map_err(|_| bad())?;
            total = n
                .checked_mul(unit)
                .and_then(|v| total.checked_add(v))
                .ok_or_else(bad)?;
            number.clear();
        }
        if !number.is_empty() {
            return Err(bad());
        }
        total
    };
    if total == 0 {
        return Err("the time box must be longer than zero".to_owned());
    }
    if total > 24 * 3600 {
        return Err(format!("'{text}' is longer than a day; use at most 24h"));
    }
    Ok(Duration::from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("2m30s"), Ok(Duration::from_secs(150)));
        assert_eq!(parse_duration("5"), Ok(Duration::from_secs(300)));
        assert!(
            parse_duration("0s")
                .unwrap_err()
                .contains("longer than zero")
        );
        assert!(
            parse_duration("ten")
                .unwrap_err()
                .contains("not a duration")
        );
        assert!(parse_duration("10x").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("99999999999999999999h").is_err());
    }
}
