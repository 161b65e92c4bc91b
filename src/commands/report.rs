//! `sre-drill report`: reads the history and the bank, gathers the figures with
//! `report`, renders the page with `render::report`, and writes it through a temp file
//! and a rename, so a reader never sees half a page. With `--open`, hands the file to
//! the platform's opener.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result};

use crate::cli::ReportArgs;
use crate::config::Config;
use crate::render;
use crate::report;

/// Where the page goes without `--out`.
pub const DEFAULT_OUT: &str = "sre-drill-report.html";

/// `sre-drill report`.
///
/// # Errors
/// Unreadable history, a missing `--bank` folder, or the page cannot be written.
pub fn run(config: &Config, args: &ReportArgs) -> Result<()> {
    let bank = super::load_bank(config)?;
    let records = super::review::read_records_with(config, &bank)?;
    let now = config.now();
    let labs = super::review::load_labs(config);
    let html = {
        // The figures of `stats --json` (the whole history) and `due --json`, labs
        // included.
        let figures = super::review::figures(
            &records,
            &bank,
            &labs,
            now,
            crate::review::stats::Period::All,
        );
        let page = report::report(
            figures.stats,
            &figures.due,
            figures.not_in_bank,
            now,
            args.since.cutoff(now),
        );
        render::report::page(&page)
    };
    // The command ends here: handing a long history's records back to the allocator
    // one by one would take longer than writing the page.
    std::mem::forget(records);
    let path = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_OUT));
    write_atomically(&path, html.as_bytes())?;
    let shown = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
    let mut out = std::io::stdout().lock();
    if !config.quiet {
        render::report::written(&mut out, &shown)?;
    }
    if args.open {
        match opener(config.path.as_deref()) {
            Some(program) => {
                let status = Command::new(&program)
                    .arg(&shown)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status();
                if !status.is_ok_and(|s| s.success()) {
                    render::report::not_opened(&mut out, Some(&program), &shown)?;
                }
            }
            None => render::report::not_opened(&mut out, None, &shown)?,
        }
    }
    out.flush()?;
    Ok(())
}

/// Writes `bytes` to a temp file beside `path`, then renames it over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let cannot = || format!("cannot write the report to {}", path.display());
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".sre-drill-report").suffix(".tmp");
    // A page to open in a browser or attach, not a secret: readable like any new file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut tmp = builder.tempfile_in(dir).with_context(cannot)?;
    tmp.write_all(bytes).with_context(cannot)?;
    tmp.as_file().sync_data().with_context(cannot)?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(cannot)?;
    Ok(())
}

/// The platform's "open this file" program, if one is on the PATH.
fn opener(path: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    let name = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let path = path?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}
