//! Saving a case to look at after the run: `--keep DIR` writes every case to
//! `DIR/case-N/`, and the first failing case goes to the last-failure folder.
//!
//! A saved case is the folder the program ran in, plus what it was judged by: `input`
//! (what it got on standard input, empty when the case gives files), the case's files
//! by name (`access.log`), `expected`, `actual` (its standard output) and `stderr`.
//! Only folders named here are ever removed: `case-N` inside the `--keep` folder, and
//! the last-failure folder itself.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use super::Input;

/// One case's input and what came out.
#[derive(Debug, Clone, Copy)]
pub struct Saved<'a> {
    pub input: &'a Input,
    pub expected: &'a str,
    pub actual: &'a str,
    pub stderr: &'a str,
}

impl Saved<'_> {
    /// Writes the case into `dir`, which is created.
    ///
    /// # Errors
    /// The folder or a file cannot be written.
    pub fn write(&self, dir: &Path) -> Result<()> {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let mut files: Vec<(&str, &str)> = vec![
            ("input", self.input.stdin.as_str()),
            ("expected", self.expected),
            ("actual", self.actual),
            ("stderr", self.stderr),
        ];
        files.extend(self.input.files.iter().map(|(n, t)| (*n, t.as_str())));
        for (name, text) in files {
            let path = dir.join(name);
            fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    }

    /// Replaces the folder `dir` with this case: nothing of an earlier case is left.
    ///
    /// # Errors
    /// The old folder cannot be removed, or the new one written.
    pub fn replace(&self, dir: &Path) -> Result<()> {
        if dir.exists() {
            fs::remove_dir_all(dir)
                .with_context(|| format!("cannot remove the old {}", dir.display()))?;
        }
        self.write(dir)
    }
}

/// Makes the `--keep` folder and removes the `case-N` folders an earlier run left in
/// it, so every `case-N` there is from this run.
///
/// # Errors
/// The folder cannot be made, or is a file, or an old case folder cannot be removed.
pub fn prepare_keep(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the --keep folder {}", dir.display()))?;
    let entries = fs::read_dir(dir)
        .with_context(|| format!("cannot read the --keep folder {}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_case = name
            .strip_prefix("case-")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if is_case && entry.path().is_dir() {
            fs::remove_dir_all(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_case_holds_its_input_files_and_both_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let input = Input {
            stdin: "a\n".to_owned(),
            files: vec![("access.log", "line\n".to_owned())],
        };
        let saved = Saved {
            input: &input,
            expected: "1\n",
            actual: "2\n",
            stderr: "oops\n",
        };
        let case = dir.path().join("last");
        std::fs::create_dir_all(&case).unwrap();
        std::fs::write(case.join("stale.log"), "old").unwrap();
        saved.replace(&case).unwrap();
        let read = |name: &str| std::fs::read_to_string(case.join(name)).unwrap();
        assert_eq!(read("input"), "a\n");
        assert_eq!(read("access.log"), "line\n");
        assert_eq!(read("expected"), "1\n");
        assert_eq!(read("actual"), "2\n");
        assert_eq!(read("stderr"), "oops\n");
        assert!(!case.join("stale.log").exists());
    }

    #[test]
    fn only_old_case_folders_are_cleared_from_the_keep_folder() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["case-1", "case-12", "case-x", "notes"] {
            std::fs::create_dir_all(dir.path().join(name)).unwrap();
        }
        std::fs::write(dir.path().join("case-3"), "a file, not a case folder").unwrap();
        prepare_keep(dir.path()).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["case-3", "case-x", "notes"]);
    }
}
