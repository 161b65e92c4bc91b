//! The only code that writes a lab to disk: a fresh folder under the data dir's
//! `labs/`, files created inside it and nowhere else.
//!
//! Every path is checked twice: when a lab file or generator names it ([`RelPath`]:
//! relative, plain names, no `..`) and again while writing (folders are created one
//! level at a time, an existing symbolic link is refused, files are created with
//! `create_new` so nothing is overwritten or followed). Real bytes are capped at
//! [`MAX_REAL_BYTES`] per lab; big files are sparse (`File::set_len`), and a filesystem
//! that would really allocate them is refused before anything big is written.

use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};

/// Real data written for one lab, at most.
pub const MAX_REAL_BYTES: u64 = 50 * 1024 * 1024;
/// Apparent size of all sparse files of one lab, at most (nothing is allocated).
pub const MAX_APPARENT_BYTES: u64 = 2 * 1024 * 1024 * 1024 * 1024;
/// Longest relative path accepted, and deepest.
const MAX_PATH_CHARS: usize = 200;
const MAX_PATH_DEPTH: usize = 12;

/// A path inside the lab folder: relative, made of plain names, no `.` or `..`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelPath(String);

/// Why a path cannot be used inside a lab folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathProblem(pub String);

impl fmt::Display for PathProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl RelPath {
    /// Checks a path given by a lab file or a generator.
    ///
    /// # Errors
    /// Absolute, empty, `..` or `.` parts, a backslash or control character, too long
    /// or too deep: the sentence says which.
    pub fn new(text: &str) -> Result<RelPath, PathProblem> {
        let bad = |why: &str| Err(PathProblem(format!("path '{text}' {why}")));
        if text.is_empty() {
            return bad("is empty");
        }
        if text.starts_with('/') || text.starts_with('~') {
            return bad(
                "is absolute; give a path relative to the lab folder, like `var/log/app.log`",
            );
        }
        if text.chars().any(|c| c.is_control() || c == '\\') {
            return bad("contains a control character or a backslash");
        }
        if text.chars().count() > MAX_PATH_CHARS {
            return bad(&format!("is longer than {MAX_PATH_CHARS} characters"));
        }
        let parts: Vec<&str> = text.split('/').collect();
        if parts.len() > MAX_PATH_DEPTH {
            return bad(&format!("is deeper than {MAX_PATH_DEPTH} folders"));
        }
        for part in &parts {
            match *part {
                "" => return bad("has an empty part (`//` or a trailing `/`)"),
                "." | ".." => {
                    return bad("uses `.` or `..`; lab paths stay inside the lab folder");
                }
                _ => {}
            }
        }
        // Belt and braces: the platform must see only normal components too.
        if !Path::new(text)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        {
            return bad("is not a plain relative path");
        }
        Ok(RelPath(text.to_owned()))
    }

    /// A path written in this crate's own code (defaults, generator file names). It is
    /// checked again by [`write_files`] like every other path.
    #[must_use]
    pub(crate) fn known(text: impl Into<String>) -> RelPath {
        RelPath(text.into())
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The same path with a name (or names) from this crate's generators appended;
    /// checked again by [`write_files`].
    #[must_use]
    pub(crate) fn child(&self, rest: &str) -> RelPath {
        RelPath(format!("{}/{rest}", self.0))
    }
}

impl fmt::Display for RelPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One file of a generated lab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabFile {
    pub path: RelPath,
    pub content: Vec<u8>,
    /// Extend the file to this size without writing (a sparse file).
    pub sparse_len: Option<u64>,
    /// Written at the very end of a sparse file, so `tail` shows lines, not NUL bytes.
    pub tail: Vec<u8>,
}

impl LabFile {
    #[must_use]
    pub fn text(path: RelPath, content: String) -> Self {
        Self {
            path,
            content: content.into_bytes(),
            sparse_len: None,
            tail: Vec::new(),
        }
    }
}

/// Creates a new, empty folder for one lab: `labs/ID-SEEDHEX`, with `-2`, `-3` ...
/// when that name is taken. Never reuses an existing folder.
///
/// # Errors
/// The labs folder cannot be created, or no free name was found.
pub fn create_lab_folder(labs_dir: &Path, id: &str, seed: u64) -> Result<PathBuf> {
    fs::create_dir_all(labs_dir).with_context(|| {
        format!(
            "cannot create the labs folder {}; set SRE_DRILL_HOME to a writable place",
            labs_dir.display()
        )
    })?;
    let safe_id: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    let base = format!("{safe_id}-{:x}", seed & 0xffff_ffff);
    for n in 1..1000 {
        let name = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let path = labs_dir.join(name);
        match fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(err) => {
                return Err(err)
                    .with_context(|| format!("cannot create the lab folder {}", path.display()));
            }
        }
    }
    bail!(
        "cannot find a free lab folder name in {}; remove old labs there",
        labs_dir.display()
    )
}

/// Checks the size caps of a lab before anything is written.
///
/// # Errors
/// More real bytes than [`MAX_REAL_BYTES`] or sparse sizes above [`MAX_APPARENT_BYTES`].
pub fn check_sizes(files: &[LabFile]) -> Result<()> {
    let real: u64 = files
        .iter()
        .map(|f| (f.content.len() + f.tail.len()) as u64)
        .sum();
    if real > MAX_REAL_BYTES {
        bail!(
            "the lab would write {} MiB of data; labs are limited to {} MiB (lower `lines` or `files` in the lab file)",
            real.div_ceil(1024 * 1024),
            MAX_REAL_BYTES / (1024 * 1024)
        );
    }
    let apparent: u64 = files
        .iter()
        .map(|f| f.sparse_len.unwrap_or(0))
        .fold(0u64, u64::saturating_add);
    if apparent > MAX_APPARENT_BYTES {
        bail!("the lab's sparse files would add up to more than 2 TiB; lower their sizes");
    }
    Ok(())
}

/// Writes the files into `folder` (which [`create_lab_folder`] made), only inside it.
///
/// # Errors
/// A size cap, a path that meets a symbolic link or an existing file, a filesystem
/// without sparse files (when the lab needs them), or a failed write.
pub fn write_files(folder: &Path, files: &[LabFile]) -> Result<()> {
    check_sizes(files)?;
    if files.iter().any(|f| f.sparse_len.is_some()) {
        check_sparse_support(folder)?;
    }
    for file in files {
        let target = prepare_parents(folder, &file.path)?;
        let mut handle = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .with_context(|| format!("cannot create {} in the lab folder", file.path))?;
        handle
            .write_all(&file.content)
            .with_context(|| format!("cannot write {} in the lab folder", file.path))?;
        if let Some(len) = file.sparse_len
            && len > file.content.len() as u64
        {
            handle
                .set_len(len)
                .with_context(|| format!("cannot size {} in the lab folder", file.path))?;
            let tail_at = len.saturating_sub(file.tail.len() as u64);
            if !file.tail.is_empty() && tail_at >= file.content.len() as u64 {
                std::io::Seek::seek(&mut handle, std::io::SeekFrom::Start(tail_at))
                    .and_then(|_| handle.write_all(&file.tail))
                    .with_context(|| format!("cannot write {} in the lab folder", file.path))?;
            }
        }
    }
    Ok(())
}

/// Creates the folders above `path` one level at a time, refusing anything that is not
/// a real folder (a symbolic link planted there, a file); returns the file's full path.
fn prepare_parents(folder: &Path, path: &RelPath) -> Result<PathBuf> {
    let checked = RelPath::new(path.as_str()).map_err(|p| anyhow::anyhow!("{p}"))?;
    let parts: Vec<&str> = checked.as_str().split('/').collect();
    let mut current = folder.to_path_buf();
    for dir in &parts[..parts.len() - 1] {
        current.push(dir);
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => bail!(
                "{} in the lab folder is not a plain folder; refusing to write through it",
                current.display()
            ),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                fs::create_dir(&current)
                    .with_context(|| format!("cannot create {}", current.display()))?;
            }
            Err(err) => {
                return Err(err).with_context(|| format!("cannot inspect {}", current.display()));
            }
        }
    }
    Ok(current.join(parts[parts.len() - 1]))
}

/// Makes sure a big sparse file costs no disk here: a 64 MiB probe must stay unallocated.
fn check_sparse_support(folder: &Path) -> Result<()> {
    let probe = folder.join(".sparse-probe");
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .with_context(|| format!("cannot create {}", probe.display()))?;
    let sized = file.set_len(64 * 1024 * 1024);
    let allocated = allocated_bytes(&probe);
    drop(file);
    let _ = fs::remove_file(&probe);
    sized.with_context(|| format!("cannot size {}", probe.display()))?;
    match allocated {
        Some(bytes) if bytes < 4 * 1024 * 1024 => Ok(()),
        _ => bail!(
            "the filesystem under {} does not keep files sparse, and this lab needs large sparse files; set SRE_DRILL_HOME to a folder on another filesystem (ext4, xfs, btrfs, APFS, tmpfs)",
            folder.display()
        ),
    }
}

#[cfg(unix)]
fn allocated_bytes(path: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| m.blocks() * 512)
}

#[cfg(not(unix))]
fn allocated_bytes(_path: &Path) -> Option<u64> {
    None
}

/// Removes a lab folder made by [`create_lab_folder`] (symbolic links inside it are
/// removed, never followed).
///
/// # Errors
/// The folder could not be removed.
pub fn remove_lab_folder(folder: &Path) -> Result<()> {
    fs::remove_dir_all(folder)
        .with_context(|| format!("cannot remove the lab folder {}", folder.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_paths_are_refused_with_a_reason() {
        for (path, why) in [
            ("/etc/passwd", "absolute"),
            ("~/x", "absolute"),
            ("../x", "`..`"),
            ("a/../../x", "`..`"),
            ("a/./b", "`.`"),
            ("a//b", "empty part"),
            ("a/", "empty part"),
            ("", "empty"),
            ("a\\..\\b", "backslash"),
            ("a\nb", "control"),
        ] {
            let err = RelPath::new(path).unwrap_err();
            assert!(err.0.contains(why), "{path}: {err}");
        }
        assert!(RelPath::new("var/log/nginx/access.log").is_ok());
        assert!(RelPath::new(&"a/".repeat(20)[..39]).is_err());
    }

    #[test]
    fn files_land_inside_the_folder_and_sparse_ones_use_no_disk() {
        let dir = tempfile::tempdir().unwrap();
        let folder = create_lab_folder(&dir.path().join("labs"), "lab-x", 0xabc).unwrap();
        assert!(folder.ends_with("labs/lab-x-abc"));
        let again = create_lab_folder(&dir.path().join("labs"), "lab-x", 0xabc).unwrap();
        assert!(again.ends_with("labs/lab-x-abc-2"));
        let files = vec![
            LabFile::text(RelPath::new("a/b/c.txt").unwrap(), "hello\n".to_owned()),
            LabFile {
                path: RelPath::new("a/big.log").unwrap(),
                content: b"start\n".to_vec(),
                sparse_len: Some(10 * 1024 * 1024 * 1024),
                tail: b"end\n".to_vec(),
            },
        ];
        write_files(&folder, &files).unwrap();
        assert_eq!(
            fs::read_to_string(folder.join("a/b/c.txt")).unwrap(),
            "hello\n"
        );
        let meta = fs::metadata(folder.join("a/big.log")).unwrap();
        assert_eq!(meta.len(), 10 * 1024 * 1024 * 1024);
        let mut end = fs::File::open(folder.join("a/big.log")).unwrap();
        std::io::Seek::seek(&mut end, std::io::SeekFrom::End(-4)).unwrap();
        let mut last = String::new();
        std::io::Read::read_to_string(&mut end, &mut last).unwrap();
        assert_eq!(last, "end\n", "a sparse file ends with its tail");
        assert!(allocated_bytes(&folder.join("a/big.log")).unwrap() < 1024 * 1024);
        assert!(!folder.join(".sparse-probe").exists());
        remove_lab_folder(&folder).unwrap();
        assert!(!folder.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_inside_the_folder_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::create_dir(&outside).unwrap();
        let folder = create_lab_folder(&dir.path().join("labs"), "lab", 1).unwrap();
        std::os::unix::fs::symlink(&outside, folder.join("var")).unwrap();
        let files = vec![LabFile::text(
            RelPath::new("var/x.log").unwrap(),
            "x".to_owned(),
        )];
        let err = write_files(&folder, &files).unwrap_err();
        assert!(err.to_string().contains("not a plain folder"), "{err}");
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
        // A link where the file goes is not followed either.
        std::os::unix::fs::symlink(outside.join("y.log"), folder.join("y.log")).unwrap();
        let files = vec![LabFile::text(
            RelPath::new("y.log").unwrap(),
            "x".to_owned(),
        )];
        assert!(write_files(&folder, &files).is_err());
        assert!(!outside.join("y.log").exists());
    }

    #[test]
    fn more_real_data_than_the_cap_is_refused_before_writing() {
        let big = LabFile {
            path: RelPath::new("x").unwrap(),
            content: vec![b'x'; (MAX_REAL_BYTES + 1) as usize],
            sparse_len: None,
            tail: Vec::new(),
        };
        let err = check_sizes(&[big]).unwrap_err();
        assert!(err.to_string().contains("limited to 50 MiB"), "{err}");
    }
}
