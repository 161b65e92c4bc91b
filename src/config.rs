//! The resolved configuration: command line plus environment, decided once.
//!
//! Commands read a `Config`, never raw arguments or environment variables.

use std::ffi::OsString;
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
    /// Talk to the person through the terminal (menus, raw-mode typing): stdin and
    /// stderr are terminals and `TERM` is not `dumb`. Otherwise the plain line
    /// protocol. A command's `--plain` can only narrow this.
    pub terminal: bool,
    /// `$COLUMNS`, when it is a positive number: the width the user's shell exports.
    pub columns: Option<usize>,
    pub quiet: bool,
    /// The time `SRE_DRILL_NOW` fixes (tests, demos); `lib::run` makes it the clock's
    /// wall time.
    pub fixed_now: Option<DateTime<FixedOffset>>,
    /// The one clock: created by `lib::run` (the system clock) or by a test.
    pub clock: &'static dyn Clock,
    /// The shell `lab --shell` opens: `$SHELL`, else `/bin/sh`.
    pub shell: PathBuf,
    /// The command line `--editor` runs: `$VISUAL`, else `$EDITOR`, else `vi`.
    pub editor: OsString,
    /// `$PATH`, to find the program that opens the report.
    pub path: Option<OsString>,
}

/// What the environment says, gathered by main so this stays testable.
// Each bool is one fact about the process's surroundings, not a mode.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub sre_drill_home: Option<String>,
    pub no_color: bool,
    pub term_dumb: bool,
    pub stderr_is_terminal: bool,
    pub stdin_is_terminal: bool,
    /// `COLUMNS`, as set.
    pub columns: Option<String>,
    /// `SRE_DRILL_NOW`: an RFC 3339 time every command takes as now. Not in `--help`;
    /// it lets tests and demos fix the clock of a separate process.
    pub now: Option<String>,
    /// `SHELL`, when set and not empty.
    pub shell: Option<PathBuf>,
    pub visual: Option<OsString>,
    pub editor: Option<OsString>,
    pub path: Option<OsString>,
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
            stdin_is_terminal: std::io::stdin().is_terminal(),
            columns: std::env::var("COLUMNS").ok(),
            now: std::env::var("SRE_DRILL_NOW")
                .ok()
                .filter(|s| !s.is_empty()),
            shell: std::env::var_os("SHELL")
                .filter(|s| !s.is_empty())
                .map(PathBuf::from),
            visual: std::env::var_os("VISUAL"),
            editor: std::env::var_os("EDITOR"),
            path: std::env::var_os("PATH"),
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
            editor: crate::console::editor_command(env.visual.clone(), env.editor.clone()),
            path: env.path.clone(),
            fixed_now,
            history,
            banks: global.bank.clone(),
            color: !global.no_color && !env.no_color && !env.term_dumb && env.stderr_is_terminal,
            terminal: !env.term_dumb && env.stdin_is_terminal && env.stderr_is_terminal,
            columns: env
                .columns
                .as_deref()
                .and_then(|v| v.trim().parse::<usize>().ok())
                .filter(|w| *w > 0),
            quiet: global.quiet,
            home,
            shell: env.shell.clone().unwrap_or_else(|| "/bin/sh".into()),
        })
    }

    /// Wall-clock now, from the one clock (which `SRE_DRILL_NOW` fixes).
    #[must_use]
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.clock.wall()
    }

    /// The user's own prompt folder.
    #[must_use]
    pub fn user_drills(&self) -> PathBuf {
        self.home.join("drills")
    }

    /// The user's own stories (`sre-drill story`).
    #[must_use]
    pub fn stories_file(&self) -> PathBuf {
        self.home.join("stories.yaml")
    }

    /// The user's topic map, on top of the built-in one (`plan --posting`).
    #[must_use]
    pub fn topics_file(&self) -> PathBuf {
        self.home.join("topics.yaml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn config(args: &[&str], env: Env) -> Config {
        let mut argv = vec!["sre-drill"];
        argv.extend_from_slice(args);
        argv.push("list");
        let cli = crate::cli::Cli::parse_from(argv);
        let env = Env {
            sre_drill_home: Some("/tmp/x".to_owned()),
            ..env
        };
        Config::resolve(&cli.global, &env, &crate::clock::SystemClock).unwrap()
    }

    fn color(args: &[&str], env: Env) -> bool {
        config(args, env).color
    }

    #[test]
    fn the_terminal_is_used_only_when_both_ends_are_one_and_term_is_not_dumb() {
        let both = Env {
            stdin_is_terminal: true,
            stderr_is_terminal: true,
            ..Env::default()
        };
        assert!(config(&[], both.clone()).terminal);
        let dumb = Env {
            term_dumb: true,
            ..both.clone()
        };
        assert!(!config(&[], dumb).terminal, "TERM=dumb is plain");
        let piped = Env {
            stdin_is_terminal: false,
            ..both.clone()
        };
        assert!(!config(&[], piped).terminal, "stdin from a pipe is plain");
        let redirected = Env {
            stderr_is_terminal: false,
            ..both
        };
        assert!(!config(&[], redirected).terminal);
    }

    #[test]
    fn columns_counts_only_as_a_positive_number() {
        let with = |v: &str| Env {
            columns: Some(v.to_owned()),
            ..Env::default()
        };
        assert_eq!(config(&[], with(" 120 ")).columns, Some(120));
        assert_eq!(config(&[], with("0")).columns, None);
        assert_eq!(config(&[], with("wide")).columns, None);
        assert_eq!(config(&[], Env::default()).columns, None);
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
