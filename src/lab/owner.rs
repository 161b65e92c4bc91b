//! Who owns a lab folder, so no folder outlives the process that made it.
//!
//! Each lab folder gets a marker beside it (`labs/.NAME.owner`, holding the owner's
//! process id). The folders this process made are also listed here, so the signal
//! watcher in main can remove them on SIGINT, SIGTERM or SIGHUP. A SIGKILL cannot be
//! caught: the next `lab` start sweeps every folder whose owner is no longer running
//! (on Linux, where `/proc` tells). A kept folder (`--keep`) loses its marker and is
//! never swept.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The lab folders this process made and has not released.
static CLAIMED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Held while a claimed folder is written, or removed and released, so the signal
/// watcher waits for either to finish rather than racing it.
static BUSY: Mutex<()> = Mutex::new(());

/// Runs `write` (which fills a claimed folder) so that a signal arriving meanwhile
/// removes the folder only once the writing is over.
pub fn while_writing<T>(write: impl FnOnce() -> T) -> T {
    let _busy = BUSY.lock();
    write()
}

/// Ends this process's claim on `folder`: runs `remove` (unless the folder is kept),
/// then releases it, with the signal watcher waiting. Releasing first would leave a
/// moment when a signal finds the folder no longer claimed but still there, and exits
/// without removing it.
pub fn finish<T>(folder: &Path, remove: impl FnOnce() -> T) -> T {
    let _busy = BUSY.lock();
    let removed = remove();
    release(folder);
    removed
}

fn marker(folder: &Path) -> Option<PathBuf> {
    let name = folder.file_name()?.to_str()?;
    Some(folder.with_file_name(format!(".{name}.owner")))
}

/// Marks `folder` as this process's, for the signal watcher and for later sweeps.
pub fn claim(folder: &Path) {
    // Listed before the marker is written: a marker always means a listed folder.
    if let Ok(mut claimed) = CLAIMED.lock() {
        claimed.push(folder.to_owned());
    }
    if let Some(marker) = marker(folder) {
        let _ = fs::write(marker, std::process::id().to_string());
    }
}

/// The folder is removed or kept by the normal path: forget it here, drop its marker.
fn release(folder: &Path) {
    if let Some(marker) = marker(folder) {
        let _ = fs::remove_file(marker);
    }
    if let Ok(mut claimed) = CLAIMED.lock() {
        claimed.retain(|f| f != folder);
    }
}

/// Removes every folder this process claimed and did not release. For the signal
/// watcher, just before the process ends.
pub fn remove_claimed() {
    let _busy = BUSY.lock();
    let folders = match CLAIMED.lock() {
        Ok(mut claimed) => std::mem::take(&mut *claimed),
        Err(_) => return,
    };
    for folder in folders {
        let _ = fs::remove_dir_all(&folder);
        if let Some(marker) = marker(&folder) {
            let _ = fs::remove_file(marker);
        }
    }
}

/// Removes the lab folders under `labs_dir` whose owner is no longer running (left
/// by a SIGKILL or a power cut). Returns how many it removed.
#[allow(clippy::must_use_candidate)] // callers that only want the sweep may ignore the count
pub fn sweep(labs_dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(labs_dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(folder_name) = name
            .to_str()
            .and_then(|n| n.strip_prefix('.'))
            .and_then(|n| n.strip_suffix(".owner"))
        else {
            continue;
        };
        let owner = fs::read_to_string(entry.path()).unwrap_or_default();
        let Ok(pid) = owner.trim().parse::<u32>() else {
            continue;
        };
        if is_running(pid) {
            continue;
        }
        let folder = labs_dir.join(folder_name);
        if fs::remove_dir_all(&folder).is_ok() || !folder.exists() {
            let _ = fs::remove_file(entry.path());
            removed += 1;
        }
    }
    removed
}

/// Whether `pid` is a running sre-drill. Where that cannot be told, it is assumed to
/// be, so nothing is removed by mistake.
fn is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if !Path::new("/proc/self").exists() {
        return true;
    }
    fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|comm| comm.trim() == "sre-drill")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_whose_owner_is_gone_is_swept_and_live_or_kept_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let labs = dir.path();
        for name in ["gone", "mine", "kept"] {
            fs::create_dir(labs.join(name)).unwrap();
            fs::write(labs.join(name).join("f"), "x").unwrap();
        }
        // No process has pid 0 in /proc, and this test process is not named sre-drill.
        fs::write(labs.join(".gone.owner"), "4194304").unwrap();
        claim(&labs.join("mine"));
        assert_eq!(sweep(labs), 1);
        assert!(!labs.join("gone").exists() && !labs.join(".gone.owner").exists());
        assert!(labs.join("mine").exists() && labs.join("kept").exists());
        remove_claimed();
        assert!(!labs.join("mine").exists() && !labs.join(".mine.owner").exists());
        assert!(labs.join("kept").exists());
    }
}
