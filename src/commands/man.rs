//! `man`: the manual page, generated from the same clap definitions as `--help`, so the
//! two cannot disagree. Prints roff to stdout, or writes one page per command to a folder.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::Cli;

/// The whole command tree as clap sees it, named as installed.
fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command().name("sre-drill")
}

/// `sre-drill man` prints sre-drill(1); `--dir DIR` writes sre-drill.1 and a
/// sre-drill-COMMAND.1 for every command into DIR.
///
/// # Errors
/// The folder cannot be written, or stdout is closed.
pub fn run(dir: Option<&Path>) -> Result<()> {
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
        clap_mangen::generate_to(command(), dir)
            .with_context(|| format!("cannot write manual pages into {}", dir.display()))?;
        return Ok(());
    }
    // Rendered into memory first, so a closed pipe is one error, not a half-written page.
    let mut page = Vec::new();
    clap_mangen::Man::new(command())
        .manual("sre-drill manual")
        .render(&mut page)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&page)?;
    out.flush()?;
    Ok(())
}
