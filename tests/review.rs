//! Reviewing progress from the command line: `history` (filters, `--json`, `--csv`,
//! `show --prompt`, `import`), `stats`, `due`, `plan`, `drill due` and `drill weak`.
//!
//! Each test writes its own history (dates relative to a fixed now, which
//! `SRE_DRILL_NOW` gives the binary's clock) and, where prompts matter, its own prompt
//! file in a temp `SRE_DRILL_HOME`.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use chrono::{DateTime, FixedOffset, SecondsFormat, TimeDelta};
use predicates::prelude::*;
use serde_json::{Value, json};

/// "Now" for every command these tests run.
const NOW: &str = "2026-06-15T12:00:00+02:00";

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(NOW).unwrap()
}

const START_HINT: &str = "No practice logged yet. Start with: sre-drill troubleshooting --timed";

/// Two custom prompts per skill area the tests use, in category `practice`.
const PRACTICE: &str = "\
category: practice
prompts:
  - id: p-net-weak
    title: Packets vanish between two racks
    level: mid
    tags: [networking]
    minutes: 10
    prompt: Traffic between two racks drops a few packets per minute. Investigate.
    rubric: [Narrows scope first, Looks at interface counters, Checks MTU]
  - id: p-net-fine
    title: DNS answers differ by office
    level: mid
    tags: [networking]
    minutes: 10
    prompt: Two offices resolve the same name to different addresses. Why?
    rubric: [Compares resolvers, Checks split horizon]
  - id: p-db-slow
    title: One query got slow overnight
    level: mid
    tags: [databases]
    minutes: 10
    prompt: A report query went from 2 s to 40 s overnight. Investigate.
    rubric: [Reads the query plan, Asks what changed]
  - id: p-git-lost
    title: A commit vanished from main
    level: entry
    tags: [git]
    minutes: 10
    prompt: A teammate's commit is no longer on main. Find out what happened.
    rubric: [Reads the reflog, Checks for a force push]
";

/// A temporary `SRE_DRILL_HOME` with a history and prompts written by the test.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn with_practice_prompts(self) -> Self {
        fs::create_dir_all(self.dir.path().join("drills")).unwrap();
        fs::write(self.dir.path().join("drills/practice.yaml"), PRACTICE).unwrap();
        self
    }

    fn history_path(&self) -> PathBuf {
        self.dir.path().join("history.jsonl")
    }

    fn with_history(self, records: &[Value]) -> Self {
        let lines: Vec<String> = records.iter().map(Value::to_string).collect();
        self.with_history_text(&(lines.join("\n") + "\n"))
    }

    fn with_history_text(self, text: &str) -> Self {
        fs::write(self.history_path(), text).unwrap();
        self
    }

    fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("sre-drill")
            .unwrap()
            .env("SRE_DRILL_HOME", self.dir.path())
            .env("SRE_DRILL_NOW", NOW)
            .env("NO_COLOR", "1")
            .args(args)
            .write_stdin("")
            .assert()
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args).success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.stdout(args)).unwrap()
    }
}

/// Now minus `days`, as a record timestamp.
fn ago(days: f64) -> String {
    let t = now() - TimeDelta::seconds((days * 86_400.0) as i64);
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// One v1 record: an untimed attempt at `prompt` `days` ago, graded `grade`, with
/// `covered` of 4 points ticked and 5 minutes spent against a 10-minute box.
fn record(id: &str, prompt: &str, category: &str, tags: &[&str], days: f64, grade: u8) -> Value {
    json!({
        "v": 1,
        "id": id,
        "session": format!("s-{id}"),
        "started": ago(days),
        "finished": ago(days - 0.004),
        "prompt": prompt,
        "title": format!("Title of {prompt}"),
        "category": category,
        "level": "mid",
        "tags": tags,
        "timed": false,
        "time_box_secs": 600,
        "think_secs": 0,
        "answer_secs": 300,
        "overtime_secs": 0,
        "hints_used": 0,
        "answer": format!("my answer to {prompt}, take {id}\nsecond line"),
        "rubric": {"covered": [1, 2], "total": 4},
        "grade": grade,
        "follow_ups": [],
        "note": "",
        "version": "0.1.0"
    })
}

/// A learner weak in reliability (grades 1 then 3: improving) and strong in coding.
fn two_categories() -> Vec<Value> {
    vec![
        record("r1", "rel-a", "reliability", &["reliability"], 40.0, 1),
        record("r2", "rel-a", "reliability", &["reliability"], 2.0, 3),
        record("c1", "code-a", "coding", &["software-engineering"], 40.0, 4),
        record(
            "c2",
            "code-b",
            "coding",
            &["software-engineering", "git"],
            2.0,
            4,
        ),
    ]
}

/// Weak at networking (p-net-weak graded Again twice), fine at databases and git.
fn weak_networking() -> Vec<Value> {
    vec![
        record("n1", "p-net-weak", "practice", &["networking"], 20.0, 1),
        record("n2", "p-net-weak", "practice", &["networking"], 10.0, 1),
        record("d1", "p-db-slow", "practice", &["databases"], 10.0, 3),
        record("g1", "p-git-lost", "practice", &["git"], 1.0, 4),
    ]
}

// ---- every reading command on an empty history ------------------------------------

#[test]
fn reading_commands_on_an_empty_history_say_how_to_start() {
    let home = Home::new();
    for args in [
        &["history"][..],
        &["stats"],
        &["due"],
        &["plan"],
        &["drill", "due"],
        &["drill", "weak"],
    ] {
        home.run(args)
            .success()
            .stdout(predicate::str::contains(START_HINT));
    }
    assert_eq!(home.json(&["history", "--json"]), json!([]));
    assert_eq!(home.json(&["stats", "--json"])["attempts"], 0);
    assert_eq!(home.json(&["due", "--json"])["due"], json!([]));
    assert_eq!(home.json(&["plan", "--json"])["areas"], json!([]));
    assert!(
        home.stdout(&["history", "--csv"])
            .starts_with("id,session,started")
    );
}

// ---- history ---------------------------------------------------------------------

#[test]
fn history_filters_by_time_category_and_prompt() {
    let home = Home::new().with_history(&[
        record("a", "rel-a", "reliability", &["reliability"], 2.0, 3),
        record("b", "code-a", "coding", &["git"], 3.0, 2),
        record("c", "code-a", "coding", &["git"], 30.0, 1),
    ]);
    let ids = |args: &[&str]| -> Vec<String> {
        let records = home.json(args);
        records
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&["history", "--json", "--since", "7d"]), ["a", "b"]);
    assert_eq!(
        ids(&["history", "--json", "--category", "CODING"]),
        ["b", "c"]
    );
    assert_eq!(
        ids(&["history", "--json", "--prompt", "code-a", "--since", "1w"]),
        ["b"]
    );
    let ten_days_ago = (now() - TimeDelta::days(10)).format("%Y-%m-%d").to_string();
    assert_eq!(
        ids(&["history", "--json", "--since", &ten_days_ago]),
        ["a", "b"]
    );

    let table = home.stdout(&["history", "--since", "7d"]);
    assert!(
        table.contains("s-a") && table.contains("s-b") && !table.contains("s-c"),
        "{table}"
    );
    home.run(&["history", "--category", "design"])
        .success()
        .stdout(predicate::str::contains(
            "No attempts in category 'design' (the history holds 3)",
        ));
}

#[test]
fn history_names_the_interviewer_of_a_mock_interview() {
    let mut mock = vec![
        record("m1", "rel-a", "reliability", &[], 2.0, 2),
        record("m2", "code-a", "coding", &[], 1.99, 3),
    ];
    for r in &mut mock {
        r["session"] = json!("mock-1");
        r["graded_by"] = json!("Sam");
    }
    let mut own = vec![
        record("o1", "rel-a", "reliability", &[], 1.0, 4),
        record("o2", "code-a", "coding", &[], 0.99, 4),
    ];
    for r in &mut own {
        r["session"] = json!("own-1");
    }
    let mut history = mock;
    history.extend(own);
    let home = Home::new().with_history(&history);
    let table = home.stdout(&["history"]);
    let row = |id: &str| table.lines().find(|l| l.ends_with(id)).unwrap().to_owned();
    assert!(row("mock-1").contains("interview with Sam"), "{table}");
    assert!(!row("mock-1").contains("mixed"), "{table}");
    assert!(row("own-1").contains("mixed"), "{table}");

    let shown = home.stdout(&["history", "show", "mock-1"]);
    let first = shown.lines().next().unwrap();
    assert!(first.contains("mock interview, interviewer Sam"), "{shown}");
    assert_eq!(shown.matches("(graded by Sam)").count(), 2, "{shown}");
    let own = home.stdout(&["history", "show", "own-1"]);
    assert!(
        own.lines().next().unwrap().ends_with("self-graded"),
        "{own}"
    );
    assert!(!own.contains("graded by"), "{own}");
}

#[test]
fn history_csv_has_one_quoted_row_per_attempt() {
    let mut with_comma = record("a", "code-a", "coding", &["git", "linux"], 1.0, 3);
    with_comma["note"] = json!("use \"git bisect\", next time");
    let home =
        Home::new().with_history(&[with_comma, record("b", "code-b", "coding", &[], 2.0, 2)]);
    let csv = home.stdout(&["history", "--csv"]);
    assert!(csv.starts_with("id,session,started,finished,prompt,title,category,level,tags,"));
    assert!(csv.contains(",git;linux,false,600,0,300,0,0,2,4,3,,false,\"use \"\"git bisect\"\", next time\",\"my answer to code-a, take a\nsecond line\"\n"), "{csv}");
    let rows = csv
        .lines()
        .filter(|l| l.starts_with("a,") || l.starts_with("b,"))
        .count();
    assert_eq!(rows, 2);
}

#[test]
fn history_rejects_bad_filters_with_exit_code_2() {
    let home = Home::new().with_history(&two_categories());
    home.run(&["history", "--since", "yesterday"])
        .code(2)
        .stderr(predicate::str::contains(
            "not a point in time; use a form like 7d",
        ));
    home.run(&["history", "--json", "--csv"]).code(2);
    home.run(&["history", "show"]).code(2);
}

#[test]
fn history_show_prompt_lines_up_the_attempts_oldest_first() {
    let mut first = record("a", "p-net-weak", "practice", &["networking"], 9.0, 1);
    first["rubric"] = json!({"covered": [1], "total": 3});
    let mut second = record("b", "p-net-weak", "practice", &["networking"], 2.0, 3);
    second["rubric"] = json!({"covered": [1, 2, 3], "total": 3});
    let home = Home::new().with_practice_prompts().with_history(&[
        second,
        first,
        record("c", "p-db-slow", "practice", &[], 1.0, 4),
    ]);
    let text = home.stdout(&["history", "show", "--prompt", "p-net-weak"]);
    assert!(
        text.starts_with("p-net-weak · Packets vanish between two racks\n"),
        "{text}"
    );
    assert!(text.contains("2 attempts from"), "{text}");
    let grade_row = text.lines().find(|l| l.starts_with("Grade")).unwrap();
    assert_eq!(
        grade_row.split_whitespace().collect::<Vec<_>>(),
        ["Grade", "1", "3"]
    );
    let points_row = text.lines().find(|l| l.starts_with("Points")).unwrap();
    assert_eq!(
        points_row.split_whitespace().collect::<Vec<_>>(),
        ["Points", "1/3", "3/3"]
    );
    let checks = text
        .lines()
        .find(|l| l.starts_with(" 2. Looks at interface counters"))
        .unwrap();
    assert_eq!(
        checks.split_whitespace().rev().take(2).collect::<Vec<_>>(),
        ["x", "·"],
        "{checks}"
    );
    let a = text.find("take a").unwrap();
    let b = text.find("take b").unwrap();
    assert!(a < b, "answers oldest first:\n{text}");
    assert!(!text.contains("take c"));

    home.run(&["history", "show", "--prompt", "p-net-wek"])
        .code(2)
        .stderr(predicate::str::contains("did you mean p-net-weak?"));
    home.run(&["history", "show", "--prompt", "p-git-lost"])
        .success()
        .stdout(predicate::str::contains("No attempt at 'p-git-lost' yet"));
}

#[test]
fn damaged_lines_are_reported_and_the_rest_still_counts() {
    let good: Vec<String> = two_categories().iter().map(Value::to_string).collect();
    let text = format!(
        "{}\n{{\"v\":1,\"id\":\"torn\n{}\nnot json at all\n{}\n{}",
        good[0], good[1], good[2], good[3]
    );
    let home = Home::new().with_history_text(&text);
    for args in [&["stats"][..], &["history"], &["due"], &["plan"]] {
        home.run(args)
            .success()
            .stderr(predicate::str::contains(
                "history.jsonl:2: skipped a damaged record",
            ))
            .stderr(predicate::str::contains(
                "history.jsonl:4: skipped a damaged record",
            ));
    }
    assert_eq!(home.json(&["stats", "--json"])["attempts"], 4);
    assert_eq!(
        home.json(&["history", "--json"]).as_array().unwrap().len(),
        4
    );
}

#[test]
fn a_v1_record_as_written_today_keeps_loading() {
    let home = Home::new().with_history_text(include_str!("fixtures/history-v1.jsonl"));
    let records = home.json(&["history", "--json"]);
    assert_eq!(records.as_array().unwrap().len(), 2);
    home.run(&["history"]).success().stderr("");
    let stats = home.json(&["stats", "--json"]);
    assert_eq!(stats["attempts"], 2);
    home.run(&["history", "show", "--prompt", "ts-high-load-idle-cpu"])
        .success()
        .stdout(predicate::str::contains("first I would check df -h"));
    home.run(&["due"]).success().stderr("");
}

#[test]
fn regrading_appends_a_regrade_line_and_the_latest_grade_counts() {
    let home = Home::new().with_history_text(include_str!("fixtures/history-v3.jsonl"));
    let id = "20261207-093000-2b63433e.1";
    let before = fs::read_to_string(home.history_path()).unwrap();
    home.run(&["history", "regrade", "last", "easy"])
        .success()
        .stdout(predicate::str::contains(format!("{id} (")))
        .stdout(predicate::str::contains(
            "The attempt keeps both grades; the latest counts.",
        ));
    let after = fs::read_to_string(home.history_path()).unwrap();
    assert!(
        after.starts_with(&before),
        "the history is only appended to"
    );
    let added: Vec<Value> = after[before.len()..]
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["kind"], "regrade");
    assert_eq!(added[0]["attempt"], id);
    assert_eq!(added[0]["grade"], 4);
    let records = home.json(&["history", "--json"]);
    assert_eq!(records[0]["grade"], 4);
    assert_eq!(records[0]["regrades"].as_array().unwrap().len(), 2);
    // The same grade again writes nothing; an unknown attempt is bad input.
    home.run(&["history", "regrade", id, "4"])
        .success()
        .stdout(predicate::str::contains("nothing was written"));
    assert_eq!(fs::read_to_string(home.history_path()).unwrap(), after);
    home.run(&["history", "regrade", "no-such-attempt", "3"])
        .code(2)
        .stderr(predicate::str::contains("no attempt 'no-such-attempt'"));
    assert_eq!(fs::read_to_string(home.history_path()).unwrap(), after);
}

#[test]
fn a_v3_history_with_note_follow_up_and_regrade_lines_loads_whole_in_every_reader() {
    let home = Home::new().with_history_text(include_str!("fixtures/history-v3.jsonl"));
    // One attempt: its note, follow-up and regrade lines fold into it.
    let records = home.json(&["history", "--json"]);
    let records = records.as_array().unwrap();
    assert_eq!(records.len(), 1);
    let a = &records[0];
    assert_eq!(a["v"], 3);
    assert_eq!(a["note"], "say what breaks at 100%");
    assert_eq!(a["follow_ups"][0]["answer"], "lsof +L1 from a cron job");
    // The latest grade counts; the record keeps the first one.
    assert_eq!(a["grade"], 2);
    assert_eq!(a["regrades"][0]["from"], 3);
    assert_eq!(a["regrades"][0]["grade"], 2);
    let n: Vec<u64> = a["scenario"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["n"].as_u64().unwrap())
        .collect();
    assert_eq!(n, vec![1, 2, 3, 4, 5]);
    // The reviewing commands see the regraded grade, through the cache and without.
    for _ in 0..2 {
        let stats = home.json(&["stats", "--json"]);
        assert_eq!(stats["attempts"], 1, "{stats}");
        home.run(&["history"])
            .success()
            .stdout(predicate::str::contains("2.0"))
            .stderr("");
    }
    home.run(&["due"]).success().stderr("");
    home.run(&["history", "unheard"])
        .success()
        .stdout(predicate::str::contains("off topic  do you sponsor visas?"))
        .stdout(predicate::str::contains(
            "no reply   I would not reboot the box",
        ));
}

#[test]
fn a_logged_check_run_without_a_rubric_loads_in_every_reader() {
    let home = Home::new().with_history_text(include_str!("fixtures/history-v3-check-run.jsonl"));
    let records = home.json(&["history", "--json"]);
    let a = &records.as_array().unwrap()[0];
    assert_eq!(a["check"]["passed"], 7);
    assert_eq!(a["rubric"]["total"], 0);
    home.run(&["history"]).success().stderr("");
    home.run(&["history", "show", "last"])
        .success()
        .stdout(predicate::str::contains(
            "Checked: 7 of 7 cases passed with `python3 top.py`",
        ))
        .stdout(predicate::str::contains("Answer:").not());
    let stats = home.json(&["stats", "--json"]);
    assert_eq!(stats["attempts"], 1);
    assert_eq!(stats["overall"]["rubric_attempts"], 0);
    // No coverage reads 100%: the one 100% is the share of checked runs that passed.
    let text = home.stdout(&["stats"]);
    for line in text.lines().filter(|l| !l.contains("passed every case")) {
        assert!(!line.contains("100%"), "{line}");
    }
    home.run(&["stats"])
        .success()
        .stdout(predicate::str::contains(
            "Checked runs      1 of 1 passed every case (100%)",
        ));
    let page = home.dir.path().join("report.html");
    for args in [
        &["due"][..],
        &["plan"],
        &["report", "--out", page.to_str().unwrap()],
    ] {
        home.run(args).success();
    }
    assert!(page.exists());
}

#[test]
fn a_v2_history_with_follow_up_lines_loads_whole_in_every_reader() {
    let home = Home::new().with_history_text(include_str!("fixtures/history-v2.jsonl"));
    // Two attempts; the follow-up line is folded into the first, not counted or damaged.
    let records = home.json(&["history", "--json"]);
    let records = records.as_array().unwrap();
    assert_eq!(records.len(), 2);
    let first = records
        .iter()
        .find(|r| r["prompt"] == "tsv-office-slow-afternoons")
        .unwrap();
    assert_eq!(first["follow_ups"][0]["grade"], 3);
    assert_eq!(first["follow_ups"][0]["suggested_grade"], 4);
    assert_eq!(first["suggested_grade"], 2);
    assert_eq!(first["rubric"]["must_missed"], serde_json::json!([3]));
    assert_eq!(first["scenario"]["key_found"], 1);
    home.run(&["history"]).success().stderr("");
    assert_eq!(home.json(&["stats", "--json"])["attempts"], 2);
    home.run(&["due"]).success().stderr("");
    home.run(&["history", "show", "last"])
        .success()
        .stdout(predicate::str::contains("rate-limit the backup"));
    // A history holding follow-up lines imports into an empty one without loss.
    let other = Home::new();
    let file = home.history_path();
    other
        .run(&["history", "import", file.to_str().unwrap()])
        .success();
    let merged = other.json(&["history", "--json"]);
    assert_eq!(merged.as_array().unwrap().len(), 2);
    assert!(merged.as_array().unwrap().iter().any(|r| {
        r["follow_ups"][0]["answer"]
            .as_str()
            .is_some_and(|a| a.contains("rate-limit"))
    }));
}

#[test]
fn import_merges_by_attempt_id_and_appends_only_what_is_new() {
    // Built once: `record` reads the clock, and a copy must be identical to count as one.
    let a = record("a", "code-a", "coding", &[], 3.0, 3);
    let b = record("b", "code-b", "coding", &[], 2.0, 2);
    let home = Home::new().with_history(std::slice::from_ref(&a));
    let before = fs::read(home.history_path()).unwrap();
    let other = home.dir.path().join("laptop.jsonl");
    let lines = [
        a.to_string(),
        b.to_string(),
        "{broken".to_owned(),
        record("c", "code-b", "coding", &[], 1.0, 4).to_string(),
        b.to_string(),
    ];
    fs::write(&other, lines.join("\n")).unwrap();
    let file = other.to_str().unwrap();
    home.run(&["history", "import", file])
        .success()
        .stdout(predicate::str::contains("Imported 2 attempts"))
        .stdout(predicate::str::contains("2 already there, 1 damaged"))
        .stderr(predicate::str::contains(
            "laptop.jsonl:3: skipped a damaged record",
        ));
    let after = fs::read(home.history_path()).unwrap();
    assert!(
        after.starts_with(&before),
        "the file was appended to, not rewritten"
    );
    let ids: Vec<String> = home
        .json(&["history", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["c", "b", "a"]);

    home.run(&["history", "import", file])
        .success()
        .stdout(predicate::str::contains("Imported 0 attempts"));
    assert_eq!(fs::read(home.history_path()).unwrap(), after);

    home.run(&["history", "import", "no-such-file.jsonl"])
        .code(2)
        .stderr(predicate::str::contains("no-such-file.jsonl: no such file"));
    fs::write(&other, "hello\nworld\n").unwrap();
    home.run(&["history", "import", file])
        .code(2)
        .stderr(predicate::str::contains("is it an sre-drill history file?"));
}

#[test]
fn import_reports_a_record_whose_id_is_here_with_other_content_and_keeps_the_local_one() {
    let a = record("a", "code-a", "coding", &[], 3.0, 3);
    let b = record("b", "code-b", "coding", &[], 2.0, 2);
    let home = Home::new().with_history(&[a.clone(), b.clone()]);
    let before = fs::read(home.history_path()).unwrap();
    let other = home.dir.path().join("laptop.jsonl");
    let mut a_elsewhere = a.clone();
    a_elsewhere["grade"] = json!(1);
    let mut b_elsewhere = b.clone();
    b_elsewhere["grade"] = json!(4);
    let lines = [
        // Same ids, other grades: written by another machine, or edited by hand.
        a_elsewhere.to_string(),
        b_elsewhere.to_string(),
        b.to_string(),
        record("c", "code-c", "coding", &[], 1.0, 4).to_string(),
    ];
    fs::write(&other, lines.join("\n")).unwrap();
    home.run(&["history", "import", other.to_str().unwrap()])
        .success()
        .stdout(predicate::str::contains("Imported 1 attempt "))
        .stdout(predicate::str::contains(
            "1 already there, 2 in conflict with a record here, first a",
        ))
        .stderr(predicate::str::contains(
            "2 records share an attempt id with a different record here (first: a); kept the records here",
        ));
    let after = fs::read(home.history_path()).unwrap();
    assert!(
        after.starts_with(&before),
        "the local records are untouched"
    );
    let grades: Vec<(String, i64)> = home
        .json(&["history", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["grade"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(grades.contains(&("a".to_owned(), 3)), "{grades:?}");
    assert!(grades.contains(&("b".to_owned(), 2)), "{grades:?}");
    assert!(grades.contains(&("c".to_owned(), 4)), "{grades:?}");
    assert_eq!(grades.len(), 3);
}

// ---- stats -----------------------------------------------------------------------

/// `n` records at `prompt` in `category` graded `grade`, `days` ago (a minute apart).
fn many(n: usize, id: &str, prompt: &str, category: &str, days: f64, grade: u8) -> Vec<Value> {
    (0..n)
        .map(|i| {
            record(
                &format!("{id}{i}"),
                prompt,
                category,
                &[category],
                days - i as f64 / 1440.0,
                grade,
            )
        })
        .collect()
}

#[test]
fn stats_names_the_weakest_category_and_says_too_few_attempts_to_tell_a_trend() {
    let home = Home::new().with_history(&two_categories());
    let text = home.run(&["stats"]).success().get_output().stdout.clone();
    let text = String::from_utf8(text).unwrap();
    assert!(text.starts_with("4 attempts in 4 sessions"), "{text}");
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("Weakest category: reliability, recent score 2.0 over the last 2 attempts; over the period an average grade of 2.0 in 2 attempts with 50% of rubric points covered; too few attempts to say whether it is improving (2 attempts in the 8 complete weeks compared; 20 needed)."),
        "{text}"
    );
    let row = text.lines().find(|l| l.starts_with("reliability")).unwrap();
    assert!(row.contains("too few"), "{row}");
    assert!(row.contains("5:00 / 10:00"), "{row}");
    assert!(text.contains("Weakest prompts"), "{text}");
    assert!(
        !text.contains("+2.0"),
        "no change told from two attempts:\n{text}"
    );
    assert!(
        text.contains('▁') || text.contains('▅'),
        "a trend is drawn:\n{text}"
    );
}

#[test]
fn stats_tells_a_change_from_twenty_attempts_in_complete_weeks_and_leaves_this_week_out() {
    // Reliability: Again five to eight weeks ago, Good one to four weeks ago, and Easy
    // this week (which has not ended: NOW is a Monday).
    let mut history = many(10, "old", "rel-a", "reliability", 40.0, 1);
    history.extend(many(10, "new", "rel-a", "reliability", 12.0, 3));
    history.extend(many(10, "now", "rel-a", "reliability", 0.1, 4));
    let home = Home::new().with_history(&history);
    let json = home.json(&["stats", "--json"]);
    let rel = &json["categories"][0];
    assert_eq!(rel["change"], 2.0, "{rel}");
    assert_eq!(rel["compared_attempts"], 20);
    let text = home.stdout(&["stats"]);
    let row = text.lines().find(|l| l.starts_with("reliability")).unwrap();
    assert!(row.contains("+2.0 improving"), "{row}");
    // One attempt fewer in the compared weeks, and there is no trend to tell.
    history.remove(0);
    let home = Home::new().with_history(&history);
    let json = home.json(&["stats", "--json"]);
    assert!(json["categories"][0]["change"].is_null());
    assert_eq!(json["categories"][0]["compared_attempts"], 19);
}

#[test]
fn stats_covers_the_whole_history_or_the_last_weeks_asked_for() {
    let mut history = many(3, "old", "rel-a", "reliability", 200.0, 1);
    history.extend(many(2, "new", "rel-a", "reliability", 3.0, 3));
    let home = Home::new().with_history(&history);
    let all = home.json(&["stats", "--json"]);
    assert_eq!(all["attempts"], 5);
    assert!(all["period"]["weeks"].is_null());
    let weeks = all["overall"]["trend"].as_array().unwrap().len();
    assert!(
        weeks >= 29,
        "the trend reaches the first attempt: {weeks} weeks"
    );
    assert_eq!(all["period"]["trend_weeks"], weeks);
    let recent = home.json(&["stats", "--json", "--weeks", "4"]);
    assert_eq!(recent["attempts"], 2);
    assert_eq!(recent["period"]["weeks"], 4);
    assert_eq!(recent["overall"]["average_grade"], 3.0);
    let text = home.stdout(&["stats", "--weeks", "4"]);
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(joined.contains("over the last 4 weeks (since "), "{text}");
    let text = home.stdout(&["stats"]);
    assert!(text.contains("over the whole history"), "{text}");
}

#[test]
fn stats_wraps_its_prose_to_the_terminal_width() {
    let home = Home::new().with_history(&two_categories());
    let out = Command::cargo_bin("sre-drill")
        .unwrap()
        .env("SRE_DRILL_HOME", home.dir.path())
        .env("SRE_DRILL_NOW", NOW)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "60")
        .arg("stats")
        .write_stdin("")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    // Every line but the rows of the tables (which start at a header and end at a
    // blank line) fits in 60 columns.
    let mut in_table = false;
    let mut prose = 0;
    for line in text.lines() {
        if ["Category ", "Tag ", "Prompt "]
            .iter()
            .any(|h| line.starts_with(h))
        {
            in_table = true;
        } else if line.is_empty() {
            in_table = false;
        }
        if !in_table {
            prose += 1;
            assert!(
                line.chars().count() <= 60,
                "{line:?} is wider than 60:\n{text}"
            );
        }
    }
    assert!(prose > 20, "{text}");
    let rule: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Weakest means"))
        .collect();
    assert!(rule.len() > 3, "the rule is wrapped:\n{text}");
}

#[test]
fn stats_json_agrees_with_the_history_file() {
    let history = two_categories();
    let home = Home::new().with_history(&history);
    let stats = home.json(&["stats", "--json"]);
    assert_eq!(stats["attempts"], history.len());
    let grades: Vec<f64> = history
        .iter()
        .map(|r| r["grade"].as_f64().unwrap())
        .collect();
    let overall = grades.iter().sum::<f64>() / grades.len() as f64;
    assert!((stats["overall"]["average_grade"].as_f64().unwrap() - overall).abs() < 1e-9);
    let categories = stats["categories"].as_array().unwrap();
    assert_eq!(categories[0]["name"], "reliability");
    assert_eq!(categories[0]["attempts"], 2);
    assert_eq!(categories[0]["average_grade"], 2.0);
    assert_eq!(categories[0]["coverage"], 0.5);
    assert!(
        categories[0]["change"].is_null(),
        "too few attempts to tell"
    );
    assert_eq!(categories[0]["compared_attempts"], 2);
    assert_eq!(categories[1]["name"], "coding");
    let git = stats["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "git")
        .unwrap();
    assert_eq!(git["attempts"], 1);
    assert_eq!(stats["weakest_prompts"][0]["prompt"], "rel-a");
    assert_eq!(stats["weakest_prompts"][0]["recent_grades"], json!([1, 3]));

    home.run(&["stats", "--weeks", "0"]).code(2);
    let weeks = home.json(&["stats", "--json", "--weeks", "3"]);
    assert_eq!(weeks["overall"]["trend"].as_array().unwrap().len(), 3);
}

// ---- due, drill due ------------------------------------------------------------------

#[test]
fn due_lists_what_spaced_repetition_wants_now_and_later() {
    let home = Home::new().with_practice_prompts().with_history(&[
        record("a", "p-net-weak", "practice", &["networking"], 10.0, 1),
        record("b", "p-db-slow", "practice", &["databases"], 4.0, 1),
        record("c", "p-git-lost", "practice", &["git"], 1.0, 4),
        record("d", "gone-prompt", "practice", &[], 30.0, 1),
    ]);
    let due = home.json(&["due", "--json"]);
    let ids = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|c| c["prompt"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids(&due["due"]),
        ["p-net-weak", "p-db-slow"],
        "most overdue first"
    );
    assert_eq!(ids(&due["upcoming"]), ["p-git-lost"]);
    assert_eq!(due["not_in_bank"], 1);
    assert_eq!(due["due"][0]["title"], "Packets vanish between two racks");

    let text = home.stdout(&["due"]);
    assert!(
        text.starts_with("Due now: 2 prompts, most overdue first"),
        "{text}"
    );
    assert!(text.contains("days overdue"), "{text}");
    assert!(text.contains("Drill them: sre-drill drill due"), "{text}");
    assert!(text.contains("Coming due"), "{text}");
    assert!(
        text.contains("1 practised prompt in your history is no longer in the bank"),
        "{text}"
    );
}

#[test]
fn counts_agree_with_their_nouns() {
    let home = Home::new().with_practice_prompts();
    let list = home.stdout(&["list", "--category", "practice", "--tag", "databases"]);
    assert!(list.contains("\n1 prompt: practice 1"), "{list}");
    let out = home
        .run(&[
            "drill",
            "practice",
            "--tag",
            "databases",
            "--count",
            "3",
            "--plain",
        ])
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("Only 1 prompt matches; serving it."), "{err}");
}

#[test]
fn due_lists_practised_labs_like_prompts() {
    let mut lab = record("l", "lab-5xx-client", "lab", &[], 10.0, 1);
    lab["rubric"] = json!({"covered": [], "total": 1});
    let home = Home::new()
        .with_practice_prompts()
        .with_history(&[lab, record("a", "p-net-weak", "practice", &[], 10.0, 1)]);
    let due = home.json(&["due", "--json"]);
    assert_eq!(due["not_in_bank"], 0, "{due}");
    let ids: Vec<&str> = due["due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["prompt"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"lab-5xx-client"), "{due}");
    let text = home.stdout(&["due"]);
    assert!(text.contains("Due now: 2 prompts"), "{text}");
    assert!(text.contains("Drill them: sre-drill drill due"), "{text}");
    assert!(
        text.contains("The lab: sre-drill lab (it serves due labs first)"),
        "{text}"
    );
    assert!(!text.contains("no longer in the bank"), "{text}");
}

#[test]
fn stats_labels_the_category_and_tag_tables_and_reports_labs_as_solved() {
    let mut lab = record("l", "lab-5xx-client", "lab", &[], 3.0, 4);
    lab["rubric"] = json!({"covered": [1], "total": 1});
    let home = Home::new().with_history(&[
        lab,
        record("a", "p-net-weak", "reliability", &["reliability"], 3.0, 1),
    ]);
    let text = home.stdout(&["stats"]);
    assert!(text.contains("By category ("), "{text}");
    assert!(text.contains("By skill area ("), "{text}");
    let lab_row = text.lines().find(|l| l.starts_with("lab ")).unwrap();
    assert!(lab_row.contains("100% ✓"), "{text}");
    let json = home.json(&["stats", "--json"]);
    assert_eq!(json["overall"]["coverage"], 0.5, "{json}");
    assert_eq!(json["overall"]["labs_solved"], 1, "{json}");
}

#[test]
fn the_weakest_category_headline_says_what_its_table_row_says() {
    // Seven lab attempts, six solved but graded low; coding graded well. The lab row
    // shows the share solved, and so must the headline that names it.
    let mut history = Vec::new();
    for i in 0..7 {
        let mut lab = record(
            &format!("l{i}"),
            "lab-5xx-client",
            "lab",
            &[],
            9.0 - f64::from(i),
            2,
        );
        lab["rubric"] = json!({"covered": if i == 0 { json!([]) } else { json!([1]) }, "total": 1});
        history.push(lab);
    }
    history.extend(many(3, "c", "code-a", "coding", 2.0, 4));
    let home = Home::new().with_history(&history);
    let text = home.stdout(&["stats"]);
    let lab_row = text.lines().find(|l| l.starts_with("lab ")).unwrap();
    assert!(lab_row.contains("86% ✓"), "{lab_row}");
    assert!(lab_row.contains("2.0"), "{lab_row}");
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("Weakest category: lab, recent score 2.0 over the last 7 attempts; over the period an average grade of 2.0 in 7 attempts with 86% of labs solved;"),
        "{text}"
    );
    assert!(!joined.contains(" 0% of rubric points"), "{text}");
    let json = home.json(&["stats", "--json"]);
    assert_eq!(json["categories"][0]["name"], "lab");
    assert_eq!(json["categories"][0]["labs_solved"], 6);
}

#[test]
fn drill_due_serves_only_the_due_prompts_most_overdue_first() {
    let home = Home::new().with_practice_prompts().with_history(&[
        record("a", "p-net-weak", "practice", &["networking"], 10.0, 1),
        record("c", "p-git-lost", "practice", &["git"], 1.0, 4),
    ]);
    home.run(&["drill", "due", "--count", "3"])
        .success()
        .stderr(predicate::str::contains("[1/1] practice"))
        .stderr(predicate::str::contains("Packets vanish between two racks"));
    // The default pick serves what is due first, before prompts never seen.
    for seed in ["1", "2", "3"] {
        home.run(&["drill", "practice", "--count", "1", "--seed", seed])
            .success()
            .stderr(predicate::str::contains("Packets vanish between two racks"));
    }
}

#[test]
fn drill_due_with_nothing_due_says_when_the_next_one_comes() {
    let home = Home::new().with_practice_prompts().with_history(&[record(
        "c",
        "p-git-lost",
        "practice",
        &["git"],
        1.0,
        4,
    )]);
    home.run(&["drill", "due"])
        .success()
        .stdout(predicate::str::contains("Nothing is due now."))
        .stdout(predicate::str::contains(
            "Next: p-git-lost (A commit vanished from main)",
        ));
    home.run(&["due"])
        .success()
        .stdout(predicate::str::starts_with("Nothing is due now."));
}

// ---- plan, drill weak ------------------------------------------------------------------

#[test]
fn plan_names_weak_areas_with_evidence_resources_and_the_command() {
    let home = Home::new()
        .with_practice_prompts()
        .with_history(&weak_networking());
    let text = home.stdout(&["plan"]);
    assert!(text.starts_with("Your three weakest skill areas"), "{text}");
    let networking = text.find("1. networking").expect("networking first");
    let databases = text.find("2. databases").expect("databases second");
    assert!(networking < databases);
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("recent score 1.0 over the last 2 attempts (grades 1 1;"),
        "{text}"
    );
    assert!(text.contains("p-net-weak"), "{text}");
    assert!(
        text.contains("$ sre-drill drill weak --tag networking --count 3"),
        "{text}"
    );
    assert!(
        text.contains("Read:\n     - "),
        "resources are listed:\n{text}"
    );

    let plan = home.json(&["plan", "--json"]);
    let area = &plan["areas"][0];
    assert_eq!(area["tag"], "networking");
    assert_eq!(area["attempts"], 2);
    assert_eq!(area["recent_grade"], 1.0);
    assert_eq!(area["next_prompts"][0]["id"], "p-net-weak");
    assert_eq!(area["next_prompts"][0]["recent_grades"], json!([1, 1]));
    assert!(!area["resources"].as_array().unwrap().is_empty());
    assert!(
        area["resources"][0]["url"]
            .as_str()
            .unwrap()
            .starts_with("http")
    );
    assert!(
        plan["never_practised"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "security")
    );
}

#[test]
fn drill_weak_serves_what_plan_names() {
    let home = Home::new()
        .with_practice_prompts()
        .with_history(&weak_networking());
    let plan = home.json(&["plan", "--json"]);
    let first = plan["areas"][0]["next_prompts"][0]["title"]
        .as_str()
        .unwrap()
        .to_owned();
    home.run(&["drill", "weak", "--tag", "networking", "--count", "1"])
        .success()
        .stderr(predicate::str::contains(first.as_str()))
        .stderr(predicate::str::contains("Weak spots first"));
    home.run(&["drill", "weak", "--count", "1", "--seed", "5"])
        .success()
        .stderr(predicate::str::contains("Packets vanish between two racks"))
        .stderr(predicate::str::contains("networking (recent score 1.0)"))
        .stderr(predicate::str::contains(
            "Weakest means the lowest recent score",
        ));
}

#[test]
fn grades_outside_one_to_four_are_left_out_with_a_warning() {
    let mut odd = record("x", "rel-a", "reliability", &[], 1.0, 3);
    odd["grade"] = json!(9);
    let mut history = two_categories();
    history.push(odd);
    let home = Home::new().with_history(&history);
    home.run(&["stats", "--json"])
        .success()
        .stderr(predicate::str::contains(
            "left out 1 record with a grade outside 1-4",
        ));
    assert_eq!(home.json(&["stats", "--json"])["attempts"], 4);
}

#[test]
fn new_commands_have_help_with_examples() {
    let home = Home::new();
    for command in ["stats", "due", "plan", "history"] {
        home.run(&[command, "--help"])
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command as Process, Stdio};
    let history: Vec<Value> = (0..400)
        .map(|i| {
            record(
                &format!("r{i}"),
                "code-a",
                "coding",
                &["git"],
                f64::from(i) / 10.0,
                3,
            )
        })
        .collect();
    let home = Home::new().with_history(&history);
    for args in [
        &["history"][..],
        &["history", "--json"],
        &["history", "--csv"],
    ] {
        let mut child = Process::new(assert_cmd::cargo::cargo_bin("sre-drill"))
            .env("SRE_DRILL_HOME", home.dir.path())
            .env("SRE_DRILL_NOW", NOW)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(!first.is_empty());
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn sre_drill_now_fixes_the_time_of_every_command_so_records_carry_it() {
    let home = Home::new();
    Command::cargo_bin("sre-drill")
        .unwrap()
        .env("SRE_DRILL_HOME", home.dir.path())
        .env("SRE_DRILL_NOW", NOW)
        .args(["drill", "ts-build-disk-full-df-free", "--follow-ups", "0"])
        .write_stdin("notes\n.\n1\n3\n\n")
        .assert()
        .success();
    let text = fs::read_to_string(home.history_path()).unwrap();
    let record: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let started = DateTime::parse_from_rfc3339(record["started"].as_str().unwrap()).unwrap();
    assert_eq!(started, now());
}

#[test]
fn a_history_whose_only_records_have_grades_outside_one_to_four_reads_as_no_practice() {
    let home = Home::new().with_history(&[record(
        "a",
        "p-net-weak",
        "practice",
        &["networking"],
        2.0,
        9,
    )]);
    home.run(&["stats"])
        .success()
        .stdout(predicate::str::diff(format!("{START_HINT}\n")))
        .stderr(predicate::str::contains(
            "left out 1 record with a grade outside 1-4",
        ));
}

#[test]
fn history_show_of_a_session_in_an_empty_history_says_so_and_exits_2() {
    let home = Home::new();
    home.run(&["history", "show", "last"])
        .code(2)
        .stderr(predicate::str::contains("no session 'last'"))
        .stderr(predicate::str::contains("has none yet"));
    // The plain listing of an empty history is not an error.
    home.run(&["history"]).success();
}

/// A renamed or merged prompt keeps its history: records under an id the bank lists in
/// `formerly:` count as that prompt's in `due` and `stats` (its id, title and category),
/// the file itself is not rewritten, and an old id that a prompt still uses is never
/// mapped. The fixture holds attempts at two story prompts under their ids from before
/// the `behavioural` category.
#[test]
fn records_under_a_former_id_count_as_the_prompt_that_lists_it() {
    let fixture = include_str!("fixtures/history-former-ids.jsonl");
    let home = Home::new().with_history_text(fixture);
    let due = home.json(&["due", "--json"]);
    let listed = |due: &Value| -> Vec<(String, String)> {
        ["due", "upcoming"]
            .iter()
            .flat_map(|k| due[*k].as_array().cloned().unwrap_or_default())
            .map(|e| {
                (
                    e["prompt"].as_str().unwrap().to_owned(),
                    e["category"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let mut got = listed(&due);
    got.sort();
    assert_eq!(
        got,
        [
            ("beh-developers-fix-what-pages-you", "behavioural"),
            ("beh-outage-you-were-part-of", "behavioural"),
            ("ts-df-du-disagree", "troubleshooting"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(due["not_in_bank"], 0);
    let stats = home.json(&["stats", "--json"]);
    let behavioural = stats["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "behavioural")
        .expect("the renamed prompts' category");
    assert_eq!(behavioural["attempts"], 2);
    assert_eq!(fs::read_to_string(home.history_path()).unwrap(), fixture);
    // An old id still names the prompt on the command line.
    assert!(
        home.stdout(&["show", "ts-deleted-open-log"])
            .contains("(ts-df-du-disagree)")
    );

    // A prompt of the user's that still uses the old id keeps its records.
    fs::create_dir_all(home.dir.path().join("drills")).unwrap();
    fs::write(
        home.dir.path().join("drills/mine.yaml"),
        "category: practice\nprompts:\n  - id: ts-exp-outage-contribution\n    title: My own outage story\n    level: mid\n    tags: [incident-response]\n    prompt: Tell me about it.\n    rubric: [Says what I did, Gives a number]\n",
    )
    .unwrap();
    let got = listed(&home.json(&["due", "--json"]));
    assert!(
        got.iter().any(|(p, _)| p == "ts-exp-outage-contribution"),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|(p, _)| p == "beh-outage-you-were-part-of"),
        "{got:?}"
    );
}
