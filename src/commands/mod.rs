//! One function per command: resolve what the command needs, call the library, print
//! through `render`. Warnings go to stderr as `sre-drill: warning: ...`.

pub mod add;
pub mod add_lines;
pub mod bank;
pub mod check;
pub mod company;
pub mod drill;
pub mod history;
pub mod interview;
pub mod lab;
pub mod man;
pub mod report;
pub mod review;
pub mod validate;

use std::io::Write;

use anyhow::Result;

use crate::bank::{Bank, load};
use crate::config::Config;
use crate::history::{History, Loaded};

/// Loads the bank and reports skipped user files.
///
/// # Errors
/// An explicit `--bank` folder is missing.
pub fn load_bank(config: &Config) -> Result<Bank> {
    let loaded = load(Some(&config.user_drills()), &config.banks)?;
    Ok(report_bank(config, loaded))
}

/// Prints what loading the bank warned about (unless `--quiet`), and returns the bank.
#[must_use]
pub fn report_bank(config: &Config, (bank, report): (Bank, crate::bank::LoadReport)) -> Bank {
    if !config.quiet {
        let mut err = std::io::stderr().lock();
        for w in &report.warnings {
            let _ = writeln!(err, "sre-drill: warning: {w}");
        }
    }
    bank
}

/// Reads the history and reports damaged lines once each.
///
/// # Errors
/// The file exists but cannot be read.
pub fn read_history(config: &Config) -> Result<Loaded> {
    let history = History::new(config.history.clone());
    let loaded = history.read()?;
    if !config.quiet {
        let lines: Vec<usize> = loaded.damaged.iter().map(|d| d.line).collect();
        crate::history::report_damage(&mut std::io::stderr().lock(), &config.history, &lines);
    }
    Ok(loaded)
}
