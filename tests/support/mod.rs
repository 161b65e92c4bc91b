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
    let mut session = Session::spawn(shell(home, env, &script, 100, 40)).expect("spawn in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

/// `sh -c SCRIPT` with a colour terminal `cols` by `rows` in its environment, the
/// history in `home`, and `env` on top.
fn shell(home: &Path, env: &[(&str, &str)], script: &str, cols: u16, rows: u16) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .env("SRE_DRILL_HOME", home)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .env("COLUMNS", cols.to_string())
        .env("LINES", rows.to_string());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
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
    let mut session = Session::spawn(shell(home, env, script, cols, 50)).expect("spawn in a pty");
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

/// A session in a pseudo-terminal of a given size whose output is all kept, so the
/// test can play it into a [`Screen`] afterwards.
pub struct Watched {
    pub s: Pty,
    seen: Vec<u8>,
}

impl Watched {
    /// Runs `sre-drill ARGS` in a pty `cols` columns wide and 50 rows high (and with
    /// `COLUMNS` saying so), then prints `EXIT=<code>`.
    pub fn spawn(home: &Path, cols: u16, args: &str) -> Self {
        let bin = assert_cmd::cargo::cargo_bin("sre-drill");
        let script = format!(
            "stty sane; while [ \"$(stty size)\" != \"50 {cols}\" ]; do sleep 0.05; done; '{}' {args}; echo \"EXIT=$?\"",
            bin.display()
        );
        Self {
            s: sized(home, &[], &script, cols),
            seen: Vec::new(),
        }
    }

    /// Waits for `needle`, keeping everything up to it.
    pub fn expect(&mut self, needle: &str) {
        let found = self
            .s
            .expect(needle)
            .unwrap_or_else(|e| panic!("{needle:?}: {e}\n{}", self.text()));
        self.seen.extend_from_slice(found.before());
        for m in found.matches() {
            self.seen.extend_from_slice(m);
        }
    }

    /// Sends `keys` after a pause.
    pub fn send(&mut self, keys: &str) {
        pause();
        self.s.send(keys).unwrap();
    }

    /// Sends `keys` once `needle` shows.
    pub fn at(&mut self, needle: &str, keys: &str) {
        self.expect(needle);
        self.send(keys);
    }

    /// What was seen so far, escape codes and all.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.seen).into_owned()
    }

    /// Waits for the exit line and returns everything the program printed.
    pub fn finish(mut self, code: i32) -> Vec<u8> {
        self.expect(&format!("EXIT={code}"));
        let end = self.seen.len() - format!("EXIT={code}").len();
        self.seen.truncate(end);
        self.seen
    }
}

/// A terminal screen `width` columns wide that output is played into as xterm does:
/// printable characters wrap at the last column on their own, `\r`, `\n`, cursor
/// movement and erasing codes act, colours and other codes are ignored, and nothing
/// scrolls away. It knows which rows the terminal itself wrapped onto.
pub struct Screen {
    width: usize,
    height: usize,
    rows: Vec<Vec<char>>,
    /// The row continues the one above it because the terminal wrapped.
    wrapped: Vec<bool>,
    row: usize,
    col: usize,
    top: usize,
}

impl Screen {
    #[must_use]
    pub fn play(bytes: &[u8], width: usize, height: usize) -> Self {
        let mut s = Self {
            width,
            height,
            rows: vec![Vec::new()],
            wrapped: vec![false],
            row: 0,
            col: 0,
            top: 0,
        };
        let text = String::from_utf8_lossy(bytes);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\x1b' => match chars.next() {
                    Some('[') => {
                        let mut params = String::new();
                        let mut end = ' ';
                        for c in chars.by_ref() {
                            if ('\x40'..='\x7e').contains(&c) {
                                end = c;
                                break;
                            }
                            params.push(c);
                        }
                        s.csi(&params, end);
                    }
                    Some(']') => {
                        // An operating system command: up to BEL or ESC \.
                        while let Some(c) = chars.next() {
                            if c == '\x07' || c == '\x1b' && chars.next_if_eq(&'\\').is_some() {
                                break;
                            }
                        }
                    }
                    Some('(' | ')') => {
                        chars.next();
                    }
                    _ => {}
                },
                '\r' => s.col = 0,
                '\n' => s.down(false),
                '\x08' => s.col = s.col.min(s.width - 1).saturating_sub(1),
                '\t' => s.col = ((s.col / 8 + 1) * 8).min(s.width - 1),
                c if c.is_control() => {}
                c => s.put(c),
            }
        }
        s
    }

    fn down(&mut self, wrapped: bool) {
        self.row += 1;
        if self.row >= self.rows.len() {
            self.rows.push(Vec::new());
            self.wrapped.push(false);
        }
        self.wrapped[self.row] = wrapped;
        if self.row >= self.top + self.height {
            self.top = self.row + 1 - self.height;
        }
    }

    fn put(&mut self, c: char) {
        let w = ::console::measure_text_width(c.encode_utf8(&mut [0; 4]));
        if w == 0 {
            return;
        }
        if self.col + w > self.width {
            self.down(true);
            self.col = 0;
            self.rows[self.row].clear();
        }
        let row = &mut self.rows[self.row];
        if row.len() < self.col + w {
            row.resize(self.col + w, ' ');
        }
        row[self.col] = c;
        if w == 2 {
            row[self.col + 1] = '\0';
        }
        self.col += w;
    }

    fn csi(&mut self, params: &str, end: char) {
        let n = params
            .trim_start_matches('?')
            .split(';')
            .next()
            .and_then(|p| p.parse::<usize>().ok());
        let count = n.unwrap_or(1).max(1);
        match end {
            'A' => self.row = self.row.saturating_sub(count).max(self.top),
            'B' => {
                for _ in 0..count {
                    self.down(false);
                }
            }
            'C' => self.col = (self.col + count).min(self.width - 1),
            'D' => self.col = self.col.min(self.width - 1).saturating_sub(count),
            'G' => self.col = (count - 1).min(self.width - 1),
            'H' | 'f' => {
                let mut it = params.split(';').map(|p| p.parse::<usize>().unwrap_or(1));
                let (r, c) = (it.next().unwrap_or(1), it.next().unwrap_or(1));
                self.row = self.top + r.max(1) - 1;
                while self.rows.len() <= self.row {
                    self.rows.push(Vec::new());
                    self.wrapped.push(false);
                }
                self.col = (c.max(1) - 1).min(self.width - 1);
            }
            'K' => {
                let col = self.col.min(self.width);
                let row = &mut self.rows[self.row];
                match n.unwrap_or(0) {
                    0 => row.truncate(col),
                    1 => row.iter_mut().take(col + 1).for_each(|c| *c = ' '),
                    _ => row.clear(),
                }
            }
            'J' if n.unwrap_or(0) == 0 => {
                let col = self.col.min(self.width);
                self.rows[self.row].truncate(col);
                self.rows.truncate(self.row + 1);
                self.wrapped.truncate(self.row + 1);
            }
            _ => {}
        }
    }

    /// The rows as text, trailing spaces and the last blank rows left out.
    #[must_use]
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .rows
            .iter()
            .map(|r| {
                let row: String = r.iter().filter(|c| **c != '\0').collect();
                row.trim_end().to_owned()
            })
            .collect();
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
        lines
    }

    /// Where a word runs from one row on to the next: the terminal wrapped a row with
    /// a letter or digit on both sides of the break (a row cut with `…` ends in none),
    /// or a row ends inside a hyphenated word (`ledger-`) whose rest starts the next
    /// row. Rows the program broke itself at the last column are not guessed at: the
    /// screen knows which rows the terminal wrapped.
    #[must_use]
    pub fn split_words(&self) -> Vec<String> {
        let lines = self.lines();
        let word = |c: char| c.is_alphanumeric();
        let mut found = Vec::new();
        for (i, pair) in lines.windows(2).enumerate() {
            let (row, next) = (&pair[0], &pair[1]);
            let last = row.chars().last().unwrap_or(' ');
            // A row the terminal wrapped filled the width: what stands at its edge.
            let edge = self.rows[i].last().copied().unwrap_or(' ');
            let first = self.rows[i + 1].first().copied().unwrap_or(' ');
            let wrapped = self.wrapped[i + 1] && word(edge) && word(first);
            let before_dash = row.chars().rev().nth(1).unwrap_or(' ');
            let hyphen = last == '-'
                && word(before_dash)
                && next.trim_start().chars().next().is_some_and(word);
            if wrapped || hyphen {
                found.push(format!("{row}⏎\n{next}"));
            }
        }
        found
    }
}

/// Panics, showing the screen, when a word is split across two rows of `bytes` played
/// on a terminal `width` columns wide.
pub fn assert_no_word_split(bytes: &[u8], width: usize) {
    let screen = Screen::play(bytes, width, 50);
    let splits = screen.split_words();
    assert!(
        splits.is_empty(),
        "{} word(s) split at {width} columns:\n{}\n\nthe screen:\n{}",
        splits.len(),
        splits.join("\n--\n"),
        screen.lines().join("\n")
    );
}
