//! sre-drill: a practice partner for Site Reliability Engineering interviews.
//!
//! The library does the work; `main.rs` only parses the command line, calls [`run`],
//! prints the error once and picks the exit code.

pub mod bank;
pub mod check;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod company;
pub mod completions;
pub mod config;
pub mod console;
pub mod countdown;
pub mod error;
pub mod grade;
pub mod grading;
pub mod hash;
pub mod hearing;
pub mod history;
/// The JSON Lines store, kept at its old path.
pub use history::store as jsonl;
pub mod lab;
pub mod posting;
pub mod render;
pub mod report;
pub mod review;
pub mod rng;
pub mod scenario;
pub mod session;
pub mod story;
pub mod text;

use anyhow::Result;

use cli::{Cli, Command};
use config::{Config, Env};

/// Runs one command line.
///
/// # Errors
/// Whatever the command failed with; [`error::exit_for`] maps it to an exit code.
pub fn run(cli: &Cli, env: &Env) -> Result<()> {
    if let Command::Completions { shell } = &cli.command {
        let mut out = std::io::stdout().lock();
        std::io::Write::write_all(&mut out, completions::script(*shell).as_bytes())?;
        std::io::Write::flush(&mut out)?;
        return Ok(());
    }
    if let Command::Man { dir } = &cli.command {
        return commands::man::run(dir.as_deref());
    }
    let mut config = Config::resolve(&cli.global, env, &clock::SystemClock)?;
    if let Some(now) = config.fixed_now {
        // The one clock of this process, alive until it exits.
        config.clock = Box::leak(Box::new(clock::WallFixedAt::new(now)));
    }
    if !config.color {
        crate::console::disable_colors();
    }
    match &cli.command {
        Command::Troubleshooting(args) => commands::drill::run(&config, "troubleshooting", args),
        Command::Coding(args) => commands::drill::run(&config, "coding", args),
        Command::Reliability(args) => commands::drill::run(&config, "reliability", args),
        Command::Company(args) => match &args.command {
            None => commands::drill::run(&config, "company", &args.drill),
            Some(command) => commands::company::run(&config, command),
        },
        Command::Drill {
            targets,
            posting,
            args,
        } => commands::drill::run_targets(&config, targets, posting.as_deref(), args),
        Command::Story(args) => match &args.command {
            None => commands::story::drill(&config, &args.drill),
            Some(cli::StoryCommand::Add { plain }) => commands::story::add(&config, *plain),
            Some(cli::StoryCommand::List { json }) => commands::story::list(&config, *json),
        },
        Command::Interview(args) => commands::interview::run(&config, args),
        Command::List(args) => commands::bank::list(&config, args),
        Command::Show { id, json } => commands::bank::show(&config, id, *json),
        Command::History(args) => commands::history::run(&config, args),
        Command::Stats(args) => commands::review::stats(&config, args),
        Command::Due(args) => commands::review::due(&config, args),
        Command::Plan(args) => commands::review::plan(&config, args),
        Command::Report(args) => commands::report::run(&config, args),
        Command::Validate {
            paths,
            json,
            hearing,
        } => commands::validate::run(paths, *json, hearing),
        Command::Add {
            file,
            plain,
            scenario,
        } => commands::add::run(&config, file.as_deref(), *plain, scenario.as_deref()),
        Command::Lab(args) => commands::lab::run(&config, args),
        Command::Check(args) => commands::check::run(&config, args),
        Command::Completions { .. } | Command::Man { .. } => Ok(()),
    }
}
