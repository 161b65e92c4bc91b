//! Shared by the tests that drive a real terminal through a pseudo-terminal.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::Duration;

use expectrl::{Expect, Session};

pub type Pty = expectrl::session::OsSession;

/// A human-ish pause between keys, so each screen is drawn before the next key.
pub fn pause() {
    sleep(Duration::from_millis(300));
}

/// Runs `sre-drill ARGS` in a pty under `sh`, then prints `EXIT=<code>` and `stty -a`,
/// so a test can check the exit code and that the terminal was restored.
pub fn spawn(home: &Path, env: &[(&str, &str)], args: &str) -> Pty {
    let bin = assert_cmd::cargo::cargo_bin("sre-drill");
    let script = format!(
        "stty sane; '{}' {args}; echo \"EXIT=$?\"; stty -a",
        bin.display()
    );
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .env("SRE_DRILL_HOME", home)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .env("LINES", "40");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

/// As [`spawn`], on a pty `cols` columns wide and 50 rows high (and with `COLUMNS`
/// saying so). The pty starts at 80 by 24, set by the parent once the shell runs; the
/// shell waits for the size set after that before it starts sre-drill.
pub fn spawn_at(home: &Path, env: &[(&str, &str)], args: &str, cols: u16) -> Pty {
    let bin = assert_cmd::cargo::cargo_bin("sre-drill");
    let script = format!(
        "stty sane; while [ \"$(stty size)\" != \"50 {cols}\" ]; do sleep 0.05; done; '{}' {args}; echo \"EXIT=$?\"; stty -a",
        bin.display()
    );
    sized(home, env, &script, cols)
}

/// `sh -c SCRIPT` on a pty `cols` columns wide and 50 rows high.
fn sized(home: &Path, env: &[(&str, &str)], script: &str, cols: u16) -> Pty {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .env("SRE_DRILL_HOME", home)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .env("COLUMNS", cols.to_string())
        .env("LINES", "50");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session
        .get_process_mut()
        .set_window_size(cols, 50)
        .expect("the pty's size");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

/// Types `text` as the answer, finishes it with `.`, and waits for the rubric menu.
pub fn finish_answer(s: &mut Pty, text: &str) {
    s.expect("Type notes").unwrap();
    pause();
    s.send(format!("{text}\r")).unwrap();
    pause();
    s.send(".\r").unwrap();
    s.expect("Space ticks").unwrap();
}

/// Sends `key` when `screen` shows, after a pause.
pub fn at(s: &mut Pty, screen: &str, key: &str) {
    s.expect(screen).unwrap();
    pause();
    s.send(key).unwrap();
}

/// Types `text` as the answer, finishes it, ticks nothing, takes the default grade
/// (Good) and leaves the note empty.
pub fn answer_plainly(s: &mut Pty, text: &str) {
    finish_answer(s, text);
    pause();
    s.send("\r").unwrap();
    at(s, "Grade", "\r");
    at(s, "Next time I would", "\r");
}

/// Ctrl-C was pressed: log the partial attempt with the default grade.
pub fn log_partial(s: &mut Pty) {
    at(s, "Log the partial attempt?", "y");
    at(s, "Grade for the partial attempt", "\r");
}

/// After the program ends: its exit code, and the terminal is back in cooked mode with
/// echo on.
pub fn expect_exit_and_sane_terminal(s: &mut Pty, code: i32) {
    s.expect(format!("EXIT={code}")).expect("the exit code");
    let modes = s
        .expect(expectrl::Regex("(-?isig) (-?icanon).*?(-?echo) "))
        .expect("stty -a output");
    let text = String::from_utf8_lossy(modes.as_bytes()).to_string();
    assert!(!text.contains("-isig"), "signals left off: {text}");
    assert!(!text.contains("-icanon"), "raw mode left on: {text}");
    assert!(!text.contains("-echo "), "echo left off: {text}");
}

/// Every record of a history file; panics on a damaged line.
pub fn records(home: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(home.join("history.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line parses"))
        .collect()
}

/// The history's attempts, whole: the note, follow-up and regrade lines that name an
/// attempt folded into it, as every command reads them.
#[allow(dead_code)]
pub fn attempts(home: &Path) -> Vec<serde_json::Value> {
    let bytes = std::fs::read(home.join("history.jsonl")).unwrap_or_default();
    let loaded = sre_drill::history::parse(&bytes);
    assert!(
        loaded.damaged.is_empty(),
        "damaged lines: {:?}",
        loaded.damaged
    );
    loaded
        .attempts
        .iter()
        .map(|a| serde_json::to_value(a).unwrap())
        .collect()
}

/// The lines of one `kind` (`note`, `follow_up`, `regrade`; `None` for attempts).
#[allow(dead_code)]
pub fn of_kind<'a>(
    lines: &'a [serde_json::Value],
    kind: Option<&str>,
) -> Vec<&'a serde_json::Value> {
    lines
        .iter()
        .filter(|l| l.get("kind").and_then(serde_json::Value::as_str) == kind)
        .collect()
}

/// Whether a test may use the tool `name` (a shell, strace, fiu-run). When it is
/// missing, the test is skipped on a developer's machine, with a line saying so; under
/// `CI=true` (where `.ci/run` installs every such tool) a missing tool fails the test, so
/// no check is skipped where it counts.
#[allow(dead_code)]
pub fn tool(name: &str, probe: &[&str]) -> bool {
    let found = Command::new(name)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is missing, and this test needs it under CI; .ci/run installs it"
        );
        eprintln!("skipped: {name} is not installed");
    }
    found
}

/// What a plain-mode run printed and how it ended.
pub struct Plain {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `sre-drill ARGS` without a terminal, `stdin` fed as the plain protocol.
pub fn run_plain(home: &Path, args: &[&str], stdin: &str) -> Plain {
    let out = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin("sre-drill"))
        .env("SRE_DRILL_HOME", home)
        .env_remove("NO_COLOR")
        .args(args)
        .write_stdin(stdin)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("sre-drill runs");
    Plain {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The built-in bank as `list --json` prints it.
pub fn bank_json(home: &Path) -> Vec<serde_json::Value> {
    let run = run_plain(home, &["list", "--json"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str::<serde_json::Value>(&run.stdout)
        .expect("list --json is JSON")
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// `sre-drill` as a command run by an ordinary user. Root reads and writes through file
/// permissions, so when the tests run as root (as on CI) the command runs as `nobody`
/// (`setpriv`), and the permission checks meet a user they apply to. `dir` is opened
/// to everyone (read and enter) so that user can reach the files inside it.
pub fn as_ordinary_user(dir: &Path) -> assert_cmd::Command {
    use std::os::unix::fs::PermissionsExt;
    let bin = assert_cmd::cargo::cargo_bin("sre-drill");
    let root = std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"));
    if !root {
        return assert_cmd::Command::new(bin);
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = assert_cmd::Command::new("setpriv");
    cmd.args(["--reuid", "65534", "--regid", "65534", "--clear-groups"])
        .arg(bin);
    cmd
}
