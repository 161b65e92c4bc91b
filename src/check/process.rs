//! Runs the user's program on one case: a fresh temp folder holding the case's files,
//! the case's text on stdin, a time limit, and stdout capped at [`OUTPUT_CAP`].
//!
//! The program runs in its own process group so a timeout stops everything it started.
//! While it runs, its group and folder are registered so that a Ctrl-C (handled in
//! main) can stop it and remove the folder before the process exits.

use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result};

use super::{CheckError, Input};
use crate::clock::Clock;
use crate::error::Interrupted;

/// How much of the program's standard output is read before it is stopped.
pub const OUTPUT_CAP: usize = 1024 * 1024;
/// How much of its standard error is kept for the failure report.
const STDERR_CAP: usize = 16 * 1024;

/// What one run did.
#[derive(Debug, Default)]
pub struct Ran {
    pub stdout: String,
    /// With the case folder's path and the resolved paths of the command put back as
    /// the user knows them (see [`Paths`]).
    pub stderr: String,
    pub code: Option<i32>,
    /// The signal that ended the program, when one did.
    pub signal: Option<i32>,
    pub timed_out: bool,
    pub cut: bool,
    pub elapsed: Duration,
}

/// The running case for [`cleanup_on_signal`]: its folder and, once started, the
/// program's process group; and whether the process is stopping, after which no new
/// folder is made.
struct Running {
    stopping: bool,
    case: Option<(Option<u32>, PathBuf)>,
}

static RUNNING: Mutex<Running> = Mutex::new(Running {
    stopping: false,
    case: None,
});

fn running() -> std::sync::MutexGuard<'static, Running> {
    RUNNING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Stops a running case's program and removes its folder. Called by main's signal
/// watcher before it exits, so Ctrl-C leaves no folder behind; a case that would start
/// after it finds the process stopping and makes no folder.
pub fn cleanup_on_signal() {
    let mut state = running();
    state.stopping = true;
    if let Some((group, dir)) = state.case.take() {
        if let Some(group) = group {
            kill_group(group);
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Makes the case's folder and registers it, in one step under the lock, unless the
/// process is stopping.
fn make_folder() -> Result<tempfile::TempDir> {
    let mut state = running();
    if state.stopping {
        return Err(Interrupted.into());
    }
    let dir = tempfile::Builder::new()
        .prefix("sre-drill-check-")
        .tempdir()
        .context("cannot make a temp folder for the case")?;
    state.case = Some((None, dir.path().to_path_buf()));
    Ok(dir)
}

/// Records the started program's process group.
fn program_started(group: u32) {
    if let Some((g, _)) = running().case.as_mut() {
        *g = Some(group);
    }
}

/// Unregisters the case however `run_case` returns.
struct Registered;

impl Drop for Registered {
    fn drop(&mut self) {
        running().case = None;
    }
}

/// The paths in the command as run (absolute, see `resolve_paths`) and as the user
/// typed them, so messages show the user's own paths.
#[derive(Debug, Clone, Default)]
pub struct Paths(pub Vec<(String, String)>);

impl Paths {
    /// `text` with every resolved path put back as typed, and the case folder's path
    /// (a temp folder the user never sees) cut, leaving the names of its files.
    #[must_use]
    pub fn restore(&self, text: &str, case_dir: &Path) -> String {
        let mut out = text.to_owned();
        let mut dirs = vec![case_dir.display().to_string()];
        if let Ok(real) = case_dir.canonicalize() {
            dirs.push(real.display().to_string());
        }
        for dir in dirs {
            out = out.replace(&format!("{dir}/"), "").replace(&dir, ".");
        }
        for (resolved, typed) in &self.0 {
            if resolved != typed {
                out = out.replace(resolved, typed);
            }
        }
        out
    }
}

/// Runs `command` on one case.
///
/// # Errors
/// The temp folder cannot be made, or the command cannot be started.
pub fn run_case(
    command: &[String],
    paths: &Paths,
    input: &Input,
    timeout: Duration,
    clock: &dyn Clock,
) -> Result<Ran> {
    let dir = make_folder()?;
    let _registered = Registered;
    for (name, text) in &input.files {
        std::fs::write(dir.path().join(name), text)
            .with_context(|| format!("cannot write {name} into the case's folder"))?;
    }
    let (program, args) = command.split_first().ok_or(CheckError::NoCommand)?;
    let mut cmd = Command::new(program);
    cmd.args(args)
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let started = clock.now();
    let mut child = cmd.spawn().map_err(|err| match err.kind() {
        ErrorKind::NotFound => CheckError::NotFound(program.clone()),
        _ => CheckError::CannotRun(program.clone(), err.to_string()),
    })?;
    program_started(child.id());

    let stdin = child.stdin.take();
    let text = input.stdin.clone();
    let feeder = thread::spawn(move || {
        if let Some(mut pipe) = stdin {
            // A program that does not read its input closes the pipe: not an error.
            let _ = pipe.write_all(text.as_bytes());
        }
    });
    let cut_flag = Arc::new(AtomicBool::new(false));
    let out = reader(child.stdout.take(), OUTPUT_CAP, Arc::clone(&cut_flag));
    let err = reader(
        child.stderr.take(),
        STDERR_CAP,
        Arc::new(AtomicBool::new(false)),
    );

    let mut ran = Ran::default();
    loop {
        if let Some(status) = child.try_wait().context("cannot wait for the program")? {
            ran.code = status.code();
            #[cfg(unix)]
            {
                use std::os::unix::process::ExitStatusExt;
                ran.signal = status.signal();
            }
            break;
        }
        if cut_flag.load(Ordering::Relaxed) {
            ran.cut = true;
            stop(&mut child);
            break;
        }
        if clock.now().saturating_duration_since(started) >= timeout {
            ran.timed_out = true;
            stop(&mut child);
            break;
        }
        thread::sleep(Duration::from_millis(5));
    }
    ran.elapsed = clock.now().saturating_duration_since(started);
    // Whatever the program left running in its group goes too, so the pipes close.
    kill_group(child.id());
    let (stdout, cut) = out.join().unwrap_or_default();
    let (stderr, _) = err.join().unwrap_or_default();
    let _ = feeder.join();
    ran.stdout = stdout;
    ran.stderr = paths.restore(&stderr, dir.path());
    ran.cut |= cut;
    drop(dir);
    Ok(ran)
}

type Reader = thread::JoinHandle<(String, bool)>;

/// Reads a pipe until it ends or `cap` bytes were read; `cut` is raised at the cap so
/// the runner can stop the program at once.
fn reader<R: Read + Send + 'static>(pipe: Option<R>, cap: usize, cut: Arc<AtomicBool>) -> Reader {
    thread::spawn(move || {
        let Some(mut pipe) = pipe else {
            return (String::new(), false);
        };
        let mut kept = Vec::new();
        let mut buf = [0u8; 16 * 1024];
        loop {
            match pipe.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    if kept.len() + n > cap {
                        let room = cap - kept.len();
                        kept.extend_from_slice(&buf[..room]);
                        cut.store(true, Ordering::Relaxed);
                        return (String::from_utf8_lossy(&kept).into_owned(), true);
                    }
                    kept.extend_from_slice(&buf[..n]);
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        (String::from_utf8_lossy(&kept).into_owned(), false)
    })
}

/// Stops the program's whole process group, then waits for the program itself.
fn stop(child: &mut Child) {
    kill_group(child.id());
    let _ = child.kill();
    let _ = child.wait();
}

fn kill_group(group: u32) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{group}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    #[cfg(not(unix))]
    let _ = group;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_users_paths_not_the_case_folder() {
        let case = tempfile::tempdir().unwrap();
        let dir = case.path().display().to_string();
        let paths = Paths(vec![
            ("/home/ana/work/sol.py".to_owned(), "sol.py".to_owned()),
            ("python3".to_owned(), "python3".to_owned()),
        ]);
        let stderr = format!(
            "  File \"/home/ana/work/sol.py\", line 3\nFileNotFoundError: '{dir}/acces.log'\ncwd {dir}\n"
        );
        assert_eq!(
            paths.restore(&stderr, case.path()),
            "  File \"sol.py\", line 3\nFileNotFoundError: 'acces.log'\ncwd .\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_crash_keeps_its_exit_code_or_signal() {
        let clock = crate::clock::SystemClock;
        let run = |script: &str| {
            let command = ["sh".to_owned(), "-c".to_owned(), script.to_owned()];
            run_case(
                &command,
                &Paths::default(),
                &Input::default(),
                Duration::from_secs(20),
                &clock,
            )
            .unwrap()
        };
        let exited = run("echo oops >&2; exit 3");
        assert_eq!((exited.code, exited.signal), (Some(3), None));
        assert_eq!(exited.stderr, "oops\n");
        let killed = run("kill -SEGV $$");
        assert_eq!((killed.code, killed.signal), (None, Some(11)));
    }
}
