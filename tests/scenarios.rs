//! Every built-in scenario, played by two candidates in plain mode: a strong one who
//! finds every key piece of evidence and names the cause, and a weak one who guesses
//! and takes a risky step. The transcripts under tests/scenarios/ are written the way a
//! candidate types, not copied from the `ask` lists: a scenario whose strong transcript
//! fails is one a real candidate would fail to get answers from.

mod support;

use std::fs;
use std::path::Path;

use support::{bank_json, records, run_plain};

/// Plays `lines` as the answer to prompt `id`; returns the attempt and the transcript.
fn play(id: &str, lines: &str) -> (serde_json::Value, String) {
    let home = tempfile::tempdir().unwrap();
    let stdin = format!("{}\n.\n\n3\n\n", lines.trim_end());
    let run = run_plain(
        home.path(),
        &["drill", id, "--follow-ups", "0", "--seed", "1"],
        &stdin,
    );
    assert_eq!(run.code, 0, "{id}: {}", run.stderr);
    let mut all = records(home.path());
    assert_eq!(all.len(), 1, "{id}: one attempt logged\n{}", run.stderr);
    (all.remove(0), run.stderr)
}

fn transcripts() -> Vec<(String, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut out = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(id) = name.strip_suffix(".strong.txt") {
            let weak = dir.join(format!("{id}.weak.txt"));
            out.push((
                id.to_owned(),
                fs::read_to_string(&path).unwrap(),
                fs::read_to_string(&weak).unwrap_or_else(|_| panic!("{id} has no weak transcript")),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn every_built_in_scenario_has_two_transcripts_and_the_bank_has_enough_of_them() {
    let home = tempfile::tempdir().unwrap();
    let with: Vec<String> = bank_json(home.path())
        .iter()
        .filter(|p| p.get("scenario").is_some())
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect();
    let played: Vec<String> = transcripts().into_iter().map(|(id, _, _)| id).collect();
    for id in &with {
        assert!(
            played.contains(id),
            "{id} has a scenario but no transcripts"
        );
    }
    for id in &played {
        assert!(
            with.contains(id),
            "transcripts for {id}, which has no scenario"
        );
    }
    assert!(
        with.len() >= 24,
        "{} built-in scenarios, want at least 24",
        with.len()
    );
}

#[test]
fn a_strong_candidate_finds_every_key_fact_and_the_cause() {
    let mut failures = Vec::new();
    for (id, strong, _) in transcripts() {
        let (r, stderr) = play(&id, &strong);
        let s = &r["scenario"];
        if s["key_found"] != s["key_total"] || s["cause_named"] != true {
            failures.push(format!(
                "{id}: found {} of {} key evidence, cause named: {}\n{}",
                s["key_found"],
                s["key_total"],
                s["cause_named"],
                stderr
                    .lines()
                    .filter(|l| l.starts_with("interviewer:") || l.starts_with("  missed"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
        assert!(
            stderr.contains("interviewer: "),
            "{id}: the interviewer never spoke"
        );
        assert!(
            stderr.contains("Debrief: key evidence found"),
            "{id}: no debrief"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_weak_candidate_finds_little_and_is_questioned_on_a_risky_step() {
    let mut failures = Vec::new();
    for (id, _, weak) in transcripts() {
        let (r, _) = play(&id, &weak);
        let s = &r["scenario"];
        let risky = s["risky"].as_array().map_or(0, Vec::len);
        if s["key_found"].as_u64().unwrap_or(99) > 1 || risky == 0 || s["cause_named"] == true {
            failures.push(format!(
                "{id}: found {} key evidence, {risky} risky, cause named {}",
                s["key_found"], s["cause_named"]
            ));
        }
        // A weak answer never gets a good suggested grade.
        assert!(
            r["suggested_grade"].as_u64().unwrap_or(4) <= 2,
            "{id}: {}",
            r["suggested_grade"]
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
