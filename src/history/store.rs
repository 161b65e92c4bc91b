//! Append-only JSON Lines files: the one way sre-drill writes its stores.
//!
//! One record per line. An append takes the file lock, makes sure it starts on a fresh
//! line (a torn last line is left as it is, for the reader to skip), writes the whole
//! line with one `write_all`, and syncs. If the write fails (disk full, file size
//! limit), the file is cut back to its length before the write, so it is never left
//! half-written by us. Reading skips damaged lines and reports their numbers.

use std::cell::Cell;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

use serde::de::DeserializeOwned;

/// A line of a store file that could not be read as a record (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Damage {
    pub line: usize,
}

/// How many damaged lines are named one by one before the rest are counted.
const NAMED: usize = 20;

/// Warns about a store file's damaged lines: the first twenty by number, then how
/// many more. Every command that reads a store (history, company tracker, an imported
/// file) reports through here.
pub fn report_damage(err: &mut impl Write, file: &Path, lines: &[usize]) {
    let name = file.display();
    for line in lines.iter().take(NAMED) {
        let _ = writeln!(
            err,
            "sre-drill: warning: {name}:{line}: skipped a damaged record"
        );
    }
    if lines.len() > NAMED {
        let _ = writeln!(
            err,
            "sre-drill: warning: {name}: {} more damaged records skipped",
            lines.len() - NAMED
        );
    }
}

/// Creates the folder a store file lives in, if it has one and it is missing.
///
/// # Errors
/// The folder cannot be created; the error is about the folder.
pub fn create_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir),
        _ => Ok(()),
    }
}

/// The file's bytes, or `None` when it does not exist yet (an empty store).
///
/// # Errors
/// The file exists but cannot be read.
pub fn read_if_exists(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err),
    }
}

/// Opens `path` for appending, creating it if needed.
///
/// # Errors
/// The file cannot be created or opened for writing.
pub fn open(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
}

/// Held for the whole of every append. The signal watcher takes it before the
/// process exits, so a SIGINT, SIGTERM or SIGHUP that comes during an append waits
/// for the line to be written and synced, and no append starts after it.
static APPENDING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Waits for an append in progress to finish and keeps any other from starting, for
/// as long as the guard lives. For the way out on a signal.
pub fn hold_appends() -> std::sync::MutexGuard<'static, ()> {
    APPENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Appends `record` (one line, without its newline) to `path`.
///
/// # Errors
/// The file cannot be opened, locked, read, written or synced; the file keeps its
/// length from before the call.
pub fn append(path: &Path, record: &[u8]) -> io::Result<()> {
    let _appending = hold_appends();
    let mut file = open(path)?;
    file.lock()?;
    let len = file.metadata()?.len();
    let mut line = Vec::with_capacity(record.len() + 2);
    if len > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::End(-1))?;
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            line.push(b'\n');
        }
    }
    line.extend_from_slice(record);
    line.push(b'\n');
    if let Err(err) = file.write_all(&line).and_then(|()| sync(&file)) {
        // Take back whatever part of the line reached the file.
        let _ = file.set_len(len);
        let _ = file.sync_data();
        return Err(err);
    }
    Ok(())
}

thread_local! {
    static SYNCS: Cell<u64> = const { Cell::new(0) };
}

/// Flushes the file's data to the disk and counts it, so tests can see that an append
/// was synced before it returned.
fn sync(file: &File) -> io::Result<()> {
    file.sync_data()?;
    SYNCS.with(|n| n.set(n.get() + 1));
    Ok(())
}

/// How many successful data syncs this thread has made. Only tests read it: an append
/// that returns `Ok` has synced the line it wrote.
#[must_use]
pub fn syncs_on_this_thread() -> u64 {
    SYNCS.with(Cell::get)
}

/// Parses JSON Lines: the records that read, and the 1-based numbers of the lines that
/// did not. Blank lines are neither.
#[must_use]
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> (Vec<T>, Vec<usize>) {
    let mut records = Vec::new();
    let mut damaged = Vec::new();
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<T>(line) {
            Ok(record) => records.push(record),
            Err(_) => damaged.push(index + 1),
        }
    }
    (records, damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn damage_report(lines: &[usize]) -> Vec<String> {
        let mut err = Vec::new();
        report_damage(&mut err, Path::new("h.jsonl"), lines);
        String::from_utf8(err)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn a_missing_store_is_empty_but_one_that_cannot_be_read_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_if_exists(&dir.path().join("none.jsonl")).unwrap(),
            None
        );
        std::fs::write(dir.path().join("h.jsonl"), b"{}\n").unwrap();
        assert_eq!(
            read_if_exists(&dir.path().join("h.jsonl")).unwrap(),
            Some(b"{}\n".to_vec())
        );
        // A folder where the file should be: not "no history yet", an error to report.
        assert!(read_if_exists(dir.path()).is_err());
    }

    #[test]
    fn damaged_lines_are_named_up_to_twenty_then_counted() {
        assert!(damage_report(&[]).is_empty());
        assert_eq!(
            damage_report(&[3, 9]),
            [
                "sre-drill: warning: h.jsonl:3: skipped a damaged record",
                "sre-drill: warning: h.jsonl:9: skipped a damaged record"
            ]
        );
        let twenty: Vec<usize> = (1..=20).collect();
        assert_eq!(damage_report(&twenty).len(), 20, "twenty are all named");
        let more: Vec<usize> = (1..=23).collect();
        let report = damage_report(&more);
        assert_eq!(report.len(), 21);
        assert_eq!(
            report[20],
            "sre-drill: warning: h.jsonl: 3 more damaged records skipped"
        );
    }

    #[test]
    fn every_append_is_synced_before_it_returns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.jsonl");
        let before = syncs_on_this_thread();
        append(&path, b"{\"a\":1}").unwrap();
        append(&path, b"{\"a\":2}").unwrap();
        assert_eq!(syncs_on_this_thread() - before, 2);
    }

    #[test]
    fn appends_start_on_a_fresh_line_after_a_torn_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.jsonl");
        std::fs::write(&path, b"{\"a\":1}\n{\"a\":").unwrap();
        append(&path, b"{\"a\":2}").unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes, b"{\"a\":1}\n{\"a\":\n{\"a\":2}\n");
        let (records, damaged) = parse::<serde_json::Value>(&bytes);
        assert_eq!(records.len(), 2);
        assert_eq!(damaged, vec![2]);
    }

    #[test]
    fn nul_blocks_and_invalid_utf8_are_damage_not_failure() {
        let mut bytes = b"{\"a\":1}\n".to_vec();
        bytes.extend_from_slice(&[0u8; 4096]);
        bytes.extend_from_slice(b"\n\xff\xfe{\"a\":\n{\"a\":3}\n");
        let (records, damaged) = parse::<serde_json::Value>(&bytes);
        assert_eq!(records.len(), 2);
        assert_eq!(damaged, vec![2, 3]);
    }
}
