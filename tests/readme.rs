//! The session at the top of README.md is a real one: this test types the same lines
//! into the same command on a pseudo-terminal and checks that every line the README
//! shows is on the screen. Only the clock may differ (`0:11` matches any `m:ss`), and
//! the history path, which is the reader's own. A line `...` marks what the README
//! leaves out; every line the candidate typed (`│ ...`) must be shown, because the test
//! types exactly those.

mod support;

use std::time::Duration;

use expectrl::Expect;
use regex::Regex;
use support::{pause, spawn_at};

/// The first fenced block of README.md.
fn readme_session() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = readme.find("```\n").expect("a fenced block") + 4;
    let end = start + readme[start..].find("```").expect("the block ends");
    readme[start..end].lines().map(str::to_owned).collect()
}

/// What the README shows the candidate typing, split into the answer and each follow-up.
fn typed_by_phase(lines: &[String]) -> Vec<Vec<String>> {
    let mut phases = vec![Vec::new()];
    for line in lines {
        if line.starts_with("Follow-up ") {
            phases.push(Vec::new());
        }
        if let Some(typed) = line.trim_start().strip_prefix("│ ") {
            phases.last_mut().unwrap().push(typed.to_owned());
        }
    }
    phases
}

/// Terminal output as text: escape sequences removed, redraws split into lines,
/// whitespace collapsed, times turned into `#:##`.
fn screen_text(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let escapes =
        Regex::new(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z]|[=>78])").unwrap();
    let text = escapes.replace_all(&text, "");
    // The live status line (` 9:52 left  > what is typed`) is redrawn after each printed
    // line, on the row below it; it is not part of what stays on the screen.
    let status = Regex::new(r"\s*(\d+:\d\d left|overtime \+\d+:\d\d)\s*>[^\r\n]*").unwrap();
    let text = status.replace_all(&text, "\n");
    normal(&text.replace('\r', "\n"))
}

fn normal(text: &str) -> String {
    let times = Regex::new(r"\b\d{1,2}:\d\d\b").unwrap();
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    times.replace_all(&collapsed, "#:##").into_owned()
}

#[test]
fn the_readme_session_is_what_sre_drill_prints() {
    let lines = readme_session();
    let command = lines[0]
        .strip_prefix("$ sre-drill ")
        .expect("the block starts with the command");
    let phases = typed_by_phase(&lines);
    let note = lines
        .iter()
        .find_map(|l| l.split_once("(optional) · ").map(|(_, n)| n.to_owned()))
        .unwrap_or_default();

    let home = tempfile::tempdir().unwrap();
    // The session was recorded on a terminal 100 columns wide.
    let mut s = spawn_at(home.path(), &[], command, 100);
    s.set_expect_timeout(Some(Duration::from_secs(30)));
    let mut seen: Vec<u8> = Vec::new();
    let mut wait = |s: &mut support::Pty, what: &str| {
        let found = s
            .expect(what)
            .unwrap_or_else(|e| panic!("waiting for {what:?}: {e}"));
        seen.extend_from_slice(found.before());
        for m in found.matches() {
            seen.extend_from_slice(m);
        }
    };
    let type_lines = |s: &mut support::Pty, typed: &[String]| {
        for line in typed {
            pause();
            s.send(format!("{line}\r")).unwrap();
        }
        pause();
        s.send(".\r").unwrap();
    };

    wait(&mut s, "Press Enter to start answering");
    s.send("\r").unwrap();
    wait(&mut s, "Type notes");
    type_lines(&mut s, &phases[0]);
    wait(&mut s, "Rubric");
    pause();
    s.send("\r").unwrap();
    wait(&mut s, "Grade");
    pause();
    s.send("\r").unwrap();
    wait(&mut s, "Next time I would");
    pause();
    s.send(format!("{note}\r")).unwrap();
    for (n, typed) in phases.iter().enumerate().skip(1) {
        wait(&mut s, &format!("Follow-up {n}/"));
        wait(&mut s, "Type notes");
        type_lines(&mut s, typed);
        wait(&mut s, "Grade for this follow-up");
        pause();
        s.send("\r").unwrap();
    }
    wait(&mut s, "EXIT=0");

    let screen = screen_text(&seen);
    for line in &lines[1..] {
        let shown = if line.starts_with("Logged to ") {
            "Logged to ".to_owned()
        } else {
            normal(line)
        };
        if shown.is_empty() || shown == "..." {
            continue;
        }
        assert!(
            screen.contains(&shown),
            "README line not on the screen: {line:?}\n\nscreen:\n{screen}"
        );
    }
}

#[test]
fn the_screen_reader_collapses_redraws_and_times() {
    let raw = b"\x1b[2K\r  \x1b[36minterviewer:\x1b[0m They ran: rm\r\n 9:52 left  > x\r\x1b[2K       at 10:05.";
    assert_eq!(screen_text(raw), "interviewer: They ran: rm at #:##.");
}
