//! `companies.jsonl`: JSON Lines, one event per line, append-only.
//!
//! The same rules as the history file, through [`crate::jsonl`]: `append` opens in
//! append mode, takes the file lock, writes the whole line with one `write_all` and
//! syncs; a torn last line gets the next record on a fresh line. `read` skips damaged
//! lines and names them by number. The file is never rewritten in place.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::record::Event;
use crate::jsonl;

pub use crate::history::Damage;

/// Everything read from the file, in file order.
#[derive(Debug, Default)]
pub struct Loaded {
    pub events: Vec<Event>,
    pub damaged: Vec<Damage>,
}

/// The tracker file at a path.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

impl Store {
    #[must_use]
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes sure events can be appended before the user starts typing answers:
    /// creates the folder and the file if needed.
    ///
    /// # Errors
    /// The folder or the file cannot be created or opened for writing.
    pub fn check_writable(&self) -> Result<()> {
        self.ensure_dir()?;
        jsonl::open(&self.path).map(drop).with_context(|| {
            format!(
                "cannot write the company tracker {}; check its permissions or set SRE_DRILL_HOME",
                self.path.display()
            )
        })
    }

    fn ensure_dir(&self) -> Result<()> {
        jsonl::create_parent(&self.path).with_context(|| {
            format!(
                "cannot create the data folder {}; set SRE_DRILL_HOME to a writable place",
                self.path.parent().unwrap_or(&self.path).display()
            )
        })
    }

    /// Appends one event as one line: under the file lock, one write, synced
    /// (see [`crate::jsonl::append`]).
    ///
    /// # Errors
    /// The file cannot be created, opened, locked, written or synced.
    pub fn append(&self, event: &Event) -> Result<()> {
        let line = serde_json::to_vec(event).context("cannot encode the company record")?;
        self.ensure_dir()?;
        jsonl::append(&self.path, &line).with_context(|| {
            format!(
                "cannot append to the company tracker {}",
                self.path.display()
            )
        })
    }

    /// Reads every event; a missing file is an empty tracker.
    ///
    /// # Errors
    /// The file exists but cannot be read.
    pub fn read(&self) -> Result<Loaded> {
        let bytes = jsonl::read_if_exists(&self.path).with_context(|| {
            format!(
                "cannot read the company tracker {}; check that SRE_DRILL_HOME names a folder you can read",
                self.path.display()
            )
        })?;
        Ok(bytes.map_or_else(Loaded::default, |b| parse(&b)))
    }
}

/// Parses JSON Lines, skipping blank lines and numbering damaged ones.
#[must_use]
pub fn parse(bytes: &[u8]) -> Loaded {
    let (events, damaged) = jsonl::parse::<Event>(bytes);
    Loaded {
        events,
        damaged: damaged.into_iter().map(|line| Damage { line }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company::record::Flag;
    use crate::company::record::tests::{answer, event};

    #[test]
    fn appended_events_read_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("new/companies.jsonl"));
        let first = event("a", answer("Acme", 1, "co-last-page", Flag::Red));
        let second = event("b", answer("Globex", 1, "co-last-page", Flag::Green));
        store.append(&first).unwrap();
        store.append(&second).unwrap();
        let loaded = store.read().unwrap();
        assert_eq!(loaded.events, vec![first, second]);
        assert!(loaded.damaged.is_empty());
    }

    #[test]
    fn damaged_lines_are_skipped_and_numbered() {
        let good = serde_json::to_string(&event("a", answer("A", 1, "q", Flag::Red))).unwrap();
        let text = format!("{good}\nnot json\n\n{good}\n{{\"v\":1,\"id\":");
        let loaded = parse(text.as_bytes());
        assert_eq!(loaded.events.len(), 2);
        assert_eq!(loaded.damaged, vec![Damage { line: 2 }, Damage { line: 5 }]);
    }

    #[test]
    fn an_append_after_a_torn_line_starts_a_fresh_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("companies.jsonl");
        std::fs::write(&path, b"{\"v\":1,\"id\":\"torn").unwrap();
        let store = Store::new(path);
        let record = event("a", answer("Acme", 1, "co-last-page", Flag::Red));
        store.append(&record).unwrap();
        let loaded = store.read().unwrap();
        assert_eq!(loaded.events, vec![record]);
        assert_eq!(loaded.damaged, vec![Damage { line: 1 }]);
    }

    #[test]
    fn a_missing_file_is_an_empty_tracker() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = Store::new(dir.path().join("none.jsonl")).read().unwrap();
        assert!(loaded.events.is_empty() && loaded.damaged.is_empty());
    }
}
