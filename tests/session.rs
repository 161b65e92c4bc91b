//! Plain-mode sessions through the real binary: the line protocol of SPEC §3, the
//! history records it produces, and the errors users see before a session starts.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn history(&self) -> PathBuf {
        self.path().join("history.jsonl")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("sre-drill").unwrap();
        cmd.env("SRE_DRILL_HOME", self.path())
            .env_remove("NO_COLOR")
            .env("TERM", "xterm-256color")
            .args(args);
        cmd
    }

    fn records(&self) -> Vec<Value> {
        fs::read_to_string(self.history())
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// Whole attempts, with the lines that name them folded in.
    fn attempts(&self) -> Vec<Value> {
        let loaded = sre_drill::history::parse(&fs::read(self.history()).unwrap_or_default());
        loaded
            .attempts
            .iter()
            .map(|a| serde_json::to_value(a).unwrap())
            .collect()
    }
}

/// One prompt answered: answer lines, points, grade, note, then (answer, grade) per follow-up.
fn answer(
    lines: &[&str],
    points: &str,
    grade: &str,
    note: &str,
    follow_ups: &[(&str, &str)],
) -> String {
    let mut s = String::new();
    for l in lines {
        s.push_str(l);
        s.push('\n');
    }
    s.push_str(".\n");
    let _ = write!(s, "{points}\n{grade}\n{note}\n");
    for (a, g) in follow_ups {
        if !a.is_empty() {
            let _ = writeln!(s, "{a}");
        }
        let _ = write!(s, ".\n{g}\n");
    }
    s
}

#[test]
fn a_two_prompt_session_appends_two_records_with_grades_points_and_follow_ups() {
    let home = Home::new();
    let script = answer(
        &["check df", "?", "then du"],
        "1 2",
        "good",
        "look at cron first",
        &[("roll back", "2")],
    ) + &answer(&[], "all", "4", "", &[("", "easy")]);
    let out = home
        .cmd(&[
            "troubleshooting",
            "--count",
            "2",
            "--seed",
            "11",
            "--follow-ups",
            "1",
            "--timed",
        ])
        .write_stdin(script)
        .assert()
        .success()
        .stderr(predicate::str::contains("[1/2] troubleshooting ·"))
        .stderr(predicate::str::contains("[2/2] troubleshooting ·"))
        .stderr(predicate::str::contains("Hint 1/"))
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Logged to"), "{stdout}");
    assert!(!stdout.contains('\x1b'), "no escape codes in plain mode");

    // Two attempt lines, each written when its grade was chosen; a note line after
    // the first (the second's note is empty, so it has none), and a line per graded
    // follow-up, each naming its attempt.
    let lines = home.records();
    let kinds: Vec<&str> = lines
        .iter()
        .map(|l| l.get("kind").and_then(Value::as_str).unwrap_or("attempt"))
        .collect();
    assert_eq!(
        kinds,
        ["attempt", "note", "follow_up", "attempt", "follow_up"]
    );
    let (records, follow_ups): (Vec<serde_json::Value>, Vec<serde_json::Value>) =
        lines.into_iter().partition(|r| r.get("kind").is_none());
    let follow_ups: Vec<Value> = follow_ups
        .into_iter()
        .filter(|l| l["kind"] == "follow_up")
        .collect();
    assert_eq!(records.len(), 2);
    assert_eq!(follow_ups.len(), 2);
    let (a, b) = (&records[0], &records[1]);
    let follow_up = |r: &serde_json::Value| {
        follow_ups
            .iter()
            .find(|f| f["attempt"] == r["id"] && f["kind"] == "follow_up")
            .expect("a follow-up line names its attempt")
            .clone()
    };
    assert_eq!(a["v"], 3);
    assert_eq!(a["category"], "troubleshooting");
    assert_eq!(a["answer"], "check df\nthen du");
    assert_eq!(a["hints_used"], 1);
    assert_eq!(a["rubric"]["covered"], serde_json::json!([1, 2]));
    assert_eq!(a["grade"], 3);
    assert_eq!(a["note"], "", "the note follows on a line of its own");
    assert_eq!(home.attempts()[0]["note"], "look at cron first");
    assert_eq!(a["timed"], true);
    assert_eq!(follow_up(a)["answer"], "roll back");
    assert_eq!(follow_up(a)["grade"], 2);
    // A follow-up line's id is its attempt's id and its number in that attempt.
    for r in [a, b] {
        let id = format!("{}.f1", r["id"].as_str().unwrap());
        assert_eq!(follow_up(r)["id"], id.as_str());
    }
    assert_eq!(b["grade"], 4);
    assert_eq!(follow_up(b)["grade"], 4);
    assert_eq!(
        b["rubric"]["covered"].as_array().unwrap().len(),
        b["rubric"]["total"].as_u64().unwrap() as usize
    );
    assert_eq!(a["session"], b["session"]);
    assert_ne!(a["id"], b["id"]);
    assert_ne!(a["prompt"], b["prompt"], "no prompt twice in a session");
    for r in &records {
        let started = r["started"].as_str().unwrap();
        assert!(
            chrono::DateTime::parse_from_rfc3339(started).is_ok(),
            "{started}"
        );
        assert_offset_not_z(started);
        assert_offset_not_z(r["finished"].as_str().unwrap());
        assert!(r["answer_secs"].is_u64() && r["time_box_secs"].as_u64().unwrap() > 0);
    }
}

/// Stored times end in a numeric offset (`+01:00`, `+00:00`), never in `Z`.
fn assert_offset_not_z(time: &str) {
    let offset = &time[time.len().saturating_sub(6)..];
    let b = offset.as_bytes();
    assert!(
        b.len() == 6
            && (b[0] == b'+' || b[0] == b'-')
            && b[1].is_ascii_digit()
            && b[2].is_ascii_digit()
            && b[3] == b':'
            && b[4].is_ascii_digit()
            && b[5].is_ascii_digit(),
        "{time} does not end in a +HH:MM offset"
    );
}

#[test]
fn the_same_seed_serves_the_same_prompts() {
    let first = Home::new();
    let second = Home::new();
    for home in [&first, &second] {
        home.cmd(&[
            "drill",
            "all",
            "--count",
            "3",
            "--seed",
            "5",
            "--follow-ups",
            "0",
        ])
        .write_stdin(answer(&[], "", "3", "", &[]).repeat(3))
        .assert()
        .success();
    }
    let ids = |h: &Home| {
        h.records()
            .iter()
            .map(|r| r["prompt"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&first), ids(&second));
    assert_eq!(ids(&first).len(), 3);
}

#[test]
fn another_seed_serves_other_prompts() {
    let picks = |seed: &str| {
        let home = Home::new();
        home.cmd(&[
            "drill",
            "all",
            "--count",
            "3",
            "--seed",
            seed,
            "--follow-ups",
            "0",
        ])
        .write_stdin(answer(&[], "", "3", "", &[]).repeat(3))
        .assert()
        .success();
        home.records()
            .iter()
            .map(|r| r["prompt"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let five = picks("5");
    assert_eq!(five.len(), 3);
    // With well over a hundred prompts, three seeds giving one pick means the seed is
    // not used.
    let others = [picks("6"), picks("7"), picks("8")];
    assert!(
        others.iter().any(|other| *other != five),
        "seeds 5-8 all served {five:?}"
    );
}

#[test]
fn end_of_input_mid_prompt_keeps_what_was_graded_and_exits_zero() {
    let home = Home::new();
    let script = answer(&["first"], "1", "3", "", &[]) + "half an answer\n";
    home.cmd(&["coding", "--count", "2", "--follow-ups", "0"])
        .write_stdin(script)
        .assert()
        .success();
    assert_eq!(home.records().len(), 1);
}

#[test]
fn an_empty_stdin_ends_at_once_and_logs_nothing() {
    let home = Home::new();
    home.cmd(&["reliability"])
        .write_stdin("")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing was logged"));
    assert!(home.records().is_empty());
}

#[test]
fn filters_pick_only_matching_prompts() {
    let home = Home::new();
    home.cmd(&[
        "drill",
        "all",
        "--tag",
        "git",
        "--level",
        "entry",
        "--count",
        "1",
        "--follow-ups",
        "0",
    ])
    .write_stdin(answer(&[], "", "3", "", &[]))
    .assert()
    .success();
    let r = &home.records()[0];
    assert_eq!(r["level"], "entry");
    assert!(r["tags"].as_array().unwrap().iter().any(|t| t == "git"));
}

#[test]
fn an_unknown_category_exits_2_and_lists_the_categories() {
    Home::new()
        .cmd(&["drill", "cooking"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "'cooking' is neither a category nor a prompt id; did you mean `coding`?",
        ))
        .stderr(predicate::str::contains(
            "coding, troubleshooting, reliability, design, behavioural, company, all, due, weak, posting",
        ));
}

#[test]
fn bad_counts_and_durations_exit_2_with_the_reason() {
    let home = Home::new();
    home.cmd(&["troubleshooting", "--count", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least 1 prompt"));
    home.cmd(&["troubleshooting", "--time", "0s"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("longer than zero"));
    home.cmd(&["troubleshooting", "--time", "ten minutes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a duration"));
    home.cmd(&["troubleshooting", "--level", "guru"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("entry, mid or senior"));
}

#[test]
fn filters_that_match_nothing_exit_2() {
    Home::new()
        .cmd(&["company", "--tag", "git"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no prompt in category 'company' matches",
        ));
}

#[test]
fn an_unwritable_data_dir_fails_before_the_session_starts() {
    let home = Home::new();
    let blocker = home.path().join("not-a-dir");
    fs::write(&blocker, "a file where a folder should be").unwrap();
    let mut cmd = Command::cargo_bin("sre-drill").unwrap();
    cmd.env("SRE_DRILL_HOME", blocker.join("data"))
        .args(["troubleshooting"])
        .write_stdin(answer(&["an answer"], "1", "3", "", &[]))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            blocker.join("data").display().to_string(),
        ))
        .stderr(predicate::str::contains("[1/").not());
}

#[test]
fn history_lists_sessions_newest_first_and_shows_the_last_in_full() {
    let home = Home::new();
    home.cmd(&["history"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "sre-drill troubleshooting --timed",
        ));
    home.cmd(&["coding", "--count", "1", "--seed", "1", "--follow-ups", "0"])
        .write_stdin(answer(&["first session"], "1", "2", "", &[]))
        .assert()
        .success();
    home.cmd(&[
        "reliability",
        "--count",
        "2",
        "--seed",
        "2",
        "--follow-ups",
        "1",
    ])
    .write_stdin(
        answer(
            &["second session"],
            "1 2",
            "4",
            "more numbers",
            &[("canary", "3")],
        ) + &answer(&[], "", "2", "", &[("", "1")]),
    )
    .assert()
    .success();
    let out = home
        .cmd(&["history"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("Date"), "{out}");
    assert!(
        lines[1].contains("reliability") && lines[1].contains("3.0"),
        "{out}"
    );
    assert!(
        lines[2].contains("coding") && lines[2].contains("2.0"),
        "{out}"
    );

    home.cmd(&["history", "show", "last"])
        .assert()
        .success()
        .stdout(predicate::str::contains("second session"))
        .stdout(predicate::str::contains("Grade 4 Easy"))
        .stdout(predicate::str::contains("[x]"))
        .stdout(predicate::str::contains("Next time: more numbers"))
        .stdout(predicate::str::contains("Follow-up:"))
        .stdout(predicate::str::contains("canary"))
        .stdout(predicate::str::contains("first session").not());

    let session = home.records()[0]["session"].as_str().unwrap().to_owned();
    home.cmd(&["history", "show", &session])
        .assert()
        .success()
        .stdout(predicate::str::contains("first session"));
    home.cmd(&["history", "show", "19990101"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no session '19990101'"));

    let json = home
        .cmd(&["history", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: Vec<Value> = serde_json::from_slice(&json).unwrap();
    assert_eq!(json.len(), 3);
    assert_eq!(json[0]["category"], "reliability");
}

#[test]
fn damaged_history_lines_are_reported_once_and_the_rest_loads() {
    let home = Home::new();
    home.cmd(&["coding", "--count", "1", "--follow-ups", "0"])
        .write_stdin(answer(&["kept"], "", "3", "", &[]))
        .assert()
        .success();
    let mut text = fs::read_to_string(home.history()).unwrap();
    text.push_str("this line is garbage\n{\"v\":1,\"id\":\"torn");
    fs::write(home.history(), text).unwrap();
    home.cmd(&["history"])
        .assert()
        .success()
        .stdout(predicate::str::contains("coding"))
        .stderr(predicate::str::contains(
            "history.jsonl:2: skipped a damaged record",
        ))
        .stderr(predicate::str::contains(
            "history.jsonl:3: skipped a damaged record",
        ));
    home.cmd(&["coding", "--count", "1", "--follow-ups", "0"])
        .write_stdin(answer(&["after the damage"], "", "3", "", &[]))
        .assert()
        .success();
    let text = fs::read_to_string(home.history()).unwrap();
    let last = text.lines().last().unwrap();
    assert!(
        serde_json::from_str::<Value>(last).is_ok(),
        "the new record starts on a fresh line"
    );
}

#[test]
fn history_into_a_closed_pipe_exits_zero_without_complaint() {
    use std::process::{Command as Std, Stdio};
    let home = Home::new();
    let record = |i: usize| {
        format!(
            r#"{{"v":1,"id":"s{i}.1","session":"s{i:05}","started":"2026-01-01T10:00:00+00:00","finished":"2026-01-01T10:05:00+00:00","prompt":"ts-x","category":"coding","level":"mid","timed":false,"time_box_secs":600,"answer_secs":60,"rubric":{{"covered":[1],"total":4}},"grade":3}}"#
        )
    };
    let lines: Vec<String> = (0..5000).map(record).collect();
    fs::write(home.history(), lines.join("\n") + "\n").unwrap();
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("sre-drill"))
        .env("SRE_DRILL_HOME", home.path())
        .arg("history")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reading end is closed before sre-drill writes, so its first write meets a
    // broken pipe whatever the size of the output.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn list_counts_prompts_by_category_and_json_names_the_source() {
    let home = Home::new();
    home.cmd(&["list"]).assert().success().stdout(
        predicate::str::is_match(
            r"\d+ prompts: behavioural \d+, coding \d+, company \d+, design \d+, reliability \d+, troubleshooting \d+",
        )
        .unwrap(),
    );
    let out = home
        .cmd(&["list", "--json", "--category", "company"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: Vec<Value> = serde_json::from_slice(&out).unwrap();
    assert!(json.len() >= 25);
    assert!(json.iter().all(|p| p["source"] == "built-in"
        && p["category"] == "company"
        && p["listen_for"].is_array()));
}

#[test]
fn show_prints_the_rubric_and_unknown_ids_exit_2() {
    let home = Home::new();
    home.cmd(&["show", "ts-build-disk-full-df-free"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Rubric:"))
        .stdout(predicate::str::contains("Follow-ups:"));
    home.cmd(&["show", "ts-inodes-exhaust"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean ts-build-disk-full-df-free",
        ));
}

#[test]
fn help_shows_examples() {
    Home::new()
        .cmd(&["--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "sre-drill troubleshooting --timed",
        ));
}

#[test]
fn completions_are_printed_for_the_common_shells() {
    for shell in ["bash", "zsh", "fish"] {
        Home::new()
            .cmd(&["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("troubleshooting"));
    }
    Home::new()
        .cmd(&["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
}

#[test]
fn long_outputs_into_a_closed_pipe_exit_zero_without_complaint() {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    let home = Home::new();
    let record = |i: usize| {
        format!(
            r#"{{"v":1,"id":"s{i}.1","session":"s{i:05}","started":"2026-01-01T10:00:00+00:00","finished":"2026-01-01T10:05:00+00:00","prompt":"ts-x","category":"coding","level":"mid","timed":false,"time_box_secs":600,"answer_secs":60,"rubric":{{"covered":[1],"total":4}},"grade":3}}"#
        )
    };
    let lines: Vec<String> = (0..5000).map(record).collect();
    fs::write(home.history(), lines.join("\n") + "\n").unwrap();
    // The reader takes one byte and closes; both outputs are several times what a pipe
    // holds (64 KiB), so the writer is still writing when the pipe breaks.
    for args in [&["list", "--json"][..], &["history", "--json"]] {
        let mut child = Std::new(assert_cmd::cargo::cargo_bin("sre-drill"))
            .env("SRE_DRILL_HOME", home.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}
