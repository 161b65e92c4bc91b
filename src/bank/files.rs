//! Finding prompt files in folders and reading them within the size limit.
//!
//! Shared by the loader and `validate`, so both see the same files and refuse the same
//! ones: nothing here parses YAML, and nothing reads more than the limit allows.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::yaml::MAX_FILE_BYTES;

/// Why a prompt file could not be read.
#[derive(Debug)]
pub enum ReadProblem {
    /// Bigger than [`MAX_FILE_BYTES`]; `bytes` is the size seen (at least the limit + 1).
    TooLarge {
        bytes: u64,
    },
    /// A folder, FIFO, device or socket: reading it could block or never end.
    NotAFile,
    Io(io::Error),
}

impl fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadProblem::TooLarge { bytes } => write!(
                f,
                "the file is {} MiB; prompt files are limited to {} MiB, so split it into several files",
                bytes.div_ceil(1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            ReadProblem::NotAFile => {
                f.write_str("not a regular file; give a prompt file (*.yaml) or a folder")
            }
            ReadProblem::Io(err) => write!(f, "cannot read the file: {err}"),
        }
    }
}

/// Reads a prompt file: refuses anything over the limit before reading it (and stops
/// reading at the limit should the file grow meanwhile), and anything that is not a
/// regular file, so a FIFO or `/dev/zero` cannot hang or exhaust memory.
///
/// # Errors
/// See [`ReadProblem`].
pub fn read_prompt_file(path: &Path) -> Result<Vec<u8>, ReadProblem> {
    let meta = fs::metadata(path).map_err(ReadProblem::Io)?;
    if !meta.is_file() {
        return Err(ReadProblem::NotAFile);
    }
    let limit = MAX_FILE_BYTES as u64;
    if meta.len() > limit {
        return Err(ReadProblem::TooLarge { bytes: meta.len() });
    }
    let file = fs::File::open(path).map_err(ReadProblem::Io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadProblem::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadProblem::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// What a folder walk found.
#[derive(Debug, Default)]
pub struct Found {
    /// Every `*.yaml` / `*.yml` file, sorted.
    pub files: Vec<PathBuf>,
    /// Folders that could not be listed, with the reason.
    pub unreadable: Vec<(PathBuf, io::Error)>,
}

/// Every `*.yaml`/`*.yml` below `dir`, sorted so loading is deterministic. Symbolic
/// links to folders are not followed (a link loop cannot make this run forever).
#[must_use]
pub fn find_prompt_files(dir: &Path) -> Found {
    let mut found = Found::default();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                found.unreadable.push((dir, err));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    found.unreadable.push((dir.clone(), err));
                    continue;
                }
            };
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
            } else if is_prompt_file_name(&path) {
                found.files.push(path);
            }
        }
    }
    found.files.sort();
    found
}

/// True for `*.yaml` and `*.yml`.
#[must_use]
pub fn is_prompt_file_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
        && !is_hearing_file_name(path)
}

/// `NAME.hearing.yaml`: labelled candidate lines for `validate --hearing`, kept beside
/// the prompt files but not a prompt file.
#[must_use]
pub fn is_hearing_file_name(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        let n = n.to_ascii_lowercase();
        n.ends_with(".hearing.yaml") || n.ends_with(".hearing.yml")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_without_reading_it_and_the_message_names_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        let file = fs::File::create(&path).unwrap();
        // A sparse file: its size says 9 MiB but nothing was written.
        file.set_len(9 * 1024 * 1024).unwrap();
        let err = read_prompt_file(&path).unwrap_err();
        assert!(matches!(err, ReadProblem::TooLarge { .. }));
        assert!(err.to_string().contains("limited to 8 MiB"), "{err}");
    }

    #[test]
    fn folders_and_devices_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_prompt_file(dir.path()),
            Err(ReadProblem::NotAFile)
        ));
        if Path::new("/dev/zero").exists() {
            assert!(matches!(
                read_prompt_file(Path::new("/dev/zero")),
                Err(ReadProblem::NotAFile)
            ));
        }
    }

    #[test]
    fn the_walk_finds_yaml_and_yml_below_the_folder_sorted() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("b/c")).unwrap();
        for name in ["z.yaml", "a.yml", "b/c/d.YAML", "notes.txt", "b/e.json"] {
            fs::write(dir.path().join(name), "").unwrap();
        }
        let found = find_prompt_files(dir.path());
        let names: Vec<_> = found
            .files
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.yml", "b/c/d.YAML", "z.yaml"]);
        assert!(found.unreadable.is_empty());
    }
}
