//! The resolved configuration: command line plus environment, decided once.
//!
//! Commands read a `Config`, never raw arguments or environment variables.

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};
use etcetera::BaseStrategy;

use crate::cli::Global;
use crate::clock::Clock;

#[derive(Debug, Clone)]
pub struct Config {
    /// Where user data lives: `$SRE_DRILL_HOME`, else the platform data folder.
    pub home: PathBuf,
    pub history: PathBuf,
    /// Folders given with `--bank`.
    pub banks: Vec<PathBuf>,
    pub color: bool,
    /// `TERM=dumb`: no cursor movement, so sessions use the line protocol.
    pub dumb_terminal: bool,
    pub quiet: bool,
    /// "Now" for the reading commands when `SRE_DRILL_NOW` fixes it (tests, demos).
    pub fixed_now: Option<DateTime<FixedOffset>>,
    /// The one clock: created by `lib::run` (the system clock) or by a test.
    pub clock: &'static dyn Clock,
    /// The shell `lab --shell` opens: `$SHELL`, else `/bin/sh`.
    pub shell: PathBuf,
}

/// What the environment says, gathered by main so this stays testable.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub sre_drill_home: Option<String>,
    pub no_color: bool,
    pub term_dumb: bool,
    pub stderr_is_terminal: bool,
    /// `SRE_DRILL_NOW`: an RFC 3339 time the reading commands take as now. Not in
    /// `--help`; it lets tests and demos fix the clock of a separate process.
    pub now: Option<String>,
    /// `SHELL`, when set and not empty.
    pub shell: Option<PathBuf>,
}

impl Env {
    /// Reads the process environment.
    #[must_use]
    pub fn from_process() -> Self {
        use std::io::IsTerminal;
        Self {
            sre_drill_home: std::env::var("SRE_DRILL_HOME")
                .ok()
                .filter(|s| !s.is_empty()),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            term_dumb: std::env::var("TERM").is_ok_and(|t| t == "dumb"),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            now: std::env::var("SRE_DRILL_NOW")
                .ok()
                .filter(|s| !s.is_empty()),
            shell: std::env::var_os("SHELL")
                .filter(|s| !s.is_empty())
                .map(PathBuf::from),
        }
    }
}

impl Config {
    /// Resolves the configuration.
    ///
    /// # Errors
    /// No home folder can be found for the platform data directory.
    pub fn resolve(global: &Global, env: &Env, clock: &'static dyn Clock) -> Result<Self> {
        let home = match &env.sre_drill_home {
            Some(dir) => PathBuf::from(dir),
            None => etcetera::choose_base_strategy()
                .context("cannot find your home folder; set SRE_DRILL_HOME to a folder for sre-drill's data")?
                .data_dir()
                .join("sre-drill"),
        };
        let history = global
            .history
            .clone()
            .unwrap_or_else(|| home.join("history.jsonl"));
        let fixed_now = env
            .now
            .as_deref()
            .map(|text| {
                DateTime::parse_from_rfc3339(text).map_err(|_| {
                    crate::bad_input!(
                        "SRE_DRILL_NOW='{text}' is not an RFC 3339 time like 2026-11-27T18:00:00+00:00"
                    )
                })
            })
            .transpose()?;
        Ok(Self {
            clock,
            fixed_now,
            history,
            banks: global.bank.clone(),
            color: !global.no_color && !env.no_color && !env.term_dumb && env.stderr_is_terminal,
            dumb_terminal: env.term_dumb,
            quiet: global.quiet,
            home,
            shell: env.shell.clone().unwrap_or_else(|| "/bin/sh".into()),
        })
    }

    /// Wall-clock now for the reading commands: `SRE_DRILL_NOW` when set, else the system
    /// clock.
    #[must_use]
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.fixed_now.unwrap_or_else(|| self.clock.wall())
    }

    /// The user's own prompt folder.
    #[must_use]
    pub fn user_drills(&self) -> PathBuf {
        self.home.join("drills")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn color(args: &[&str], env: Env) -> bool {
        let mut argv = vec!["sre-drill"];
        argv.extend_from_slice(args);
        argv.push("list");
        let cli = crate::cli::Cli::parse_from(argv);
        let env = Env {
            sre_drill_home: Some("/tmp/x".to_owned()),
            ..env
        };
        Config::resolve(&cli.global, &env, &crate::clock::SystemClock)
            .unwrap()
            .color
    }

    #[test]
    fn colour_needs_a_terminal_and_each_opt_out_alone_turns_it_off() {
        let terminal = Env {
            stderr_is_terminal: true,
            ..Env::default()
        };
        assert!(color(&[], terminal.clone()), "a terminal gets colours");
        assert!(!color(&[], Env::default()), "no terminal, no colours");
        assert!(!color(&["--no-color"], terminal.clone()));
        assert!(!color(
            &[],
            Env {
                no_color: true,
                ..terminal.clone()
            }
        ));
        assert!(!color(
            &[],
            Env {
                term_dumb: true,
                ..terminal
            }
        ));
    }
}
