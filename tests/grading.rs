//! Honest grading as a specification: written model answers, in a candidate's words,
//! get their prompt's must-have points suggested; an off-topic answer of the same
//! length gets none. The plain protocol prints both suggestions and keeps both grades.

mod support;

use std::fs;
use std::path::Path;

use support::{bank_json, records, run_plain};

/// The numbers after `suggested points:` in a plain-mode transcript.
fn suggested(stderr: &str) -> Vec<u64> {
    let line = stderr
        .lines()
        .find_map(|l| l.strip_prefix("suggested points: "))
        .expect("a suggested points line");
    line.split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect()
}

fn answer(id: &str, text: &str, points: &str) -> (Vec<u64>, String, serde_json::Value) {
    let home = tempfile::tempdir().unwrap();
    let stdin = format!("{}\n.\n{points}\n3\n\n", text.trim_end());
    let run = run_plain(
        home.path(),
        &["drill", id, "--follow-ups", "0", "--seed", "1"],
        &stdin,
    );
    assert_eq!(run.code, 0, "{id}: {}", run.stderr);
    let record = records(home.path()).remove(0);
    (suggested(&run.stderr), run.stderr, record)
}

/// Words about cooking, as many lines and characters as `like`.
fn off_topic(like: &str) -> String {
    let words =
        "simmer the onions slowly with butter until golden then season and stir in the stock";
    like.lines()
        .map(|l| {
            let mut line = String::new();
            for w in words.split(' ').cycle() {
                if line.len() >= l.len().max(10) {
                    break;
                }
                line.push_str(w);
                line.push(' ');
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn model_answers_get_their_must_haves_suggested_and_off_topic_answers_none() {
    let home = tempfile::tempdir().unwrap();
    let bank = bank_json(home.path());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/answers");
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&path).unwrap();
        let prompt = bank
            .iter()
            .find(|p| p["id"] == id.as_str())
            .unwrap_or_else(|| panic!("tests/answers/{id}.txt: no such prompt"));
        let musts: Vec<u64> = prompt["rubric"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .filter(|(_, p)| p["must"] == true)
            .map(|(i, _)| i as u64 + 1)
            .collect();
        assert!(!musts.is_empty(), "{id} has no must-have point");
        let (got, _, record) = answer(&id, &text, "auto");
        let missed: Vec<&u64> = musts.iter().filter(|m| !got.contains(m)).collect();
        if !missed.is_empty() {
            failures.push(format!(
                "{id}: must-haves {missed:?} not suggested (got {got:?})"
            ));
        }
        assert_eq!(
            record["rubric"]["suggested"],
            serde_json::json!(got),
            "{id}"
        );
        let (noise, stderr, _) = answer(&id, &off_topic(&text), "");
        let leaked: Vec<&u64> = musts.iter().filter(|m| noise.contains(m)).collect();
        if !leaked.is_empty() {
            failures.push(format!(
                "{id}: an off-topic answer got must-haves {leaked:?} suggested"
            ));
        }
        assert!(
            stderr.contains("suggested grade: 1") || stderr.contains("suggested grade: 2"),
            "{id}: an off-topic answer must not be suggested a good grade"
        );
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 20, "{checked} model answers, want at least 20");
}

#[test]
fn an_empty_answer_is_suggested_a_low_grade_with_its_reason_and_both_grades_are_kept() {
    let home = tempfile::tempdir().unwrap();
    let run = run_plain(
        home.path(),
        &["drill", "tsv-office-slow-afternoons", "--follow-ups", "0"],
        ".\n\n4\n\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("suggested grade: "))
        .expect("a suggested grade line");
    assert!(
        line.starts_with("suggested grade: 1 Again (")
            || line.starts_with("suggested grade: 2 Hard ("),
        "{line}"
    );
    let r = &records(home.path())[0];
    assert_eq!(r["grade"], 4, "the user decides");
    assert!(r["suggested_grade"].as_u64().unwrap() <= 2);
    assert!(!r["rubric"]["must_missed"].as_array().unwrap().is_empty());
}

#[test]
fn auto_takes_the_suggested_points() {
    let home = tempfile::tempdir().unwrap();
    let run = run_plain(
        home.path(),
        &["drill", "tsv-office-slow-afternoons", "--follow-ups", "0"],
        "nothing\n.\nautomatic\nauto\n3\n\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("'automatic' is not a point number"),
        "{}",
        run.stderr
    );
    let r = &records(home.path())[0];
    assert_eq!(
        r["rubric"]["covered"],
        r["rubric"]["suggested"]
            .clone()
            .as_array()
            .map_or(serde_json::json!([]), |a| serde_json::json!(a))
    );
}
