//! The real terminal, driven through a pseudo-terminal: typing under a live countdown,
//! overtime, and Ctrl-C leaving the terminal usable with graded attempts kept.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::Duration;

use expectrl::{Expect, Session};
use serde_json::Value;

fn pause() {
    sleep(Duration::from_millis(300));
}

/// Runs `sre-drill ARGS` in a pty under `sh`, then prints its exit code and `stty -a`,
/// so the test can check the terminal was restored.
fn spawn(home: &Path, args: &str) -> expectrl::session::OsSession {
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
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("LINES", "40");
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

fn records(home: &Path) -> Vec<Value> {
    std::fs::read_to_string(home.join("history.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line parses"))
        .collect()
}

/// After the program ends: its exit code, and the terminal is back in cooked mode.
fn expect_exit_and_sane_terminal(session: &mut expectrl::session::OsSession, code: i32) {
    session
        .expect(format!("EXIT={code}"))
        .expect("the exit code");
    let modes = session
        .expect(expectrl::Regex("(-?icanon).*?(-?echo) "))
        .expect("stty -a output");
    let text = String::from_utf8_lossy(modes.as_bytes()).to_string();
    assert!(!text.contains("-icanon"), "raw mode left on: {text}");
    assert!(!text.contains("-echo "), "echo left off: {text}");
}

#[test]
fn a_timed_answer_typed_under_the_countdown_is_kept_whole_and_overtime_is_logged() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(
        home.path(),
        "troubleshooting --timed --count 1 --time 2s --seed 4 --follow-ups 0",
    );
    s.expect("[1/1] troubleshooting").unwrap();
    if s.expect("Plan in silence").is_ok() {
        pause();
        s.send("\r").unwrap();
    }
    s.expect("left").unwrap();
    for word in ["check ", "the ", "graphs ", "first"] {
        s.send(word).unwrap();
        sleep(Duration::from_millis(150));
    }
    s.send("\r").unwrap();
    s.expect("Time is up").unwrap();
    s.expect("overtime +").unwrap();
    sleep(Duration::from_millis(1500));
    s.send("then roll back\r").unwrap();
    pause();
    s.send(".\r").unwrap();
    s.expect("Answered in").unwrap();
    s.expect("Space ticks").unwrap();
    pause();
    s.send(" ").unwrap();
    pause();
    s.send("\r").unwrap();
    s.expect("Covered 1 of").unwrap();
    s.expect("Grade").unwrap();
    pause();
    s.send("\r").unwrap();
    s.expect("Next time I would").unwrap();
    pause();
    s.send("practise more\r").unwrap();
    s.expect("Logged to").unwrap();
    expect_exit_and_sane_terminal(&mut s, 0);

    let records = records(home.path());
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["answer"], "check the graphs first\nthen roll back");
    assert_eq!(r["timed"], true);
    assert_eq!(r["time_box_secs"], 2);
    assert!(r["overtime_secs"].as_u64().unwrap() >= 1, "{r}");
    assert_eq!(r["rubric"]["covered"], serde_json::json!([1]));
    assert_eq!(r["grade"], 3);
    assert_eq!(r["note"], "practise more");
}

#[test]
fn ctrl_c_mid_prompt_keeps_the_graded_attempt_restores_the_terminal_and_exits_130() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(home.path(), "coding --count 2 --seed 9 --follow-ups 0");
    s.expect("[1/2] coding").unwrap();
    s.expect("Type notes").unwrap();
    pause();
    s.send("first answer\r").unwrap();
    pause();
    s.send(".\r").unwrap();
    s.expect("Space ticks").unwrap();
    pause();
    s.send("\r").unwrap();
    s.expect("Grade").unwrap();
    pause();
    s.send("\r").unwrap();
    s.expect("Next time I would").unwrap();
    pause();
    s.send("\r").unwrap();

    s.expect("[2/2] coding").unwrap();
    s.expect("Type notes").unwrap();
    pause();
    s.send("half of an answer").unwrap();
    pause();
    s.send("\x03").unwrap();
    s.expect("Log the partial attempt?").unwrap();
    pause();
    s.send("n").unwrap();
    expect_exit_and_sane_terminal(&mut s, 130);

    let records = records(home.path());
    assert_eq!(
        records.len(),
        1,
        "the graded attempt is kept, the partial one dropped"
    );
    assert_eq!(records[0]["answer"], "first answer");
}

#[test]
fn a_partial_attempt_can_be_logged_after_ctrl_c() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(home.path(), "reliability --count 1 --seed 2 --follow-ups 0");
    s.expect("Type notes").unwrap();
    pause();
    s.send("error budget first\r").unwrap();
    pause();
    s.send("\x03").unwrap();
    s.expect("Log the partial attempt?").unwrap();
    pause();
    s.send("y").unwrap();
    s.expect("Grade for the partial attempt").unwrap();
    pause();
    s.send("\r").unwrap();
    expect_exit_and_sane_terminal(&mut s, 130);

    let records = records(home.path());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["partial"], true);
    assert_eq!(records[0]["answer"], "error budget first");
}
