//! The company tracker through the real binary, in plain mode (stdin is a pipe): record
//! answers, weigh deal-breakers, list, show, compare, rename, forget, and survive a
//! damaged file. Every test gets its own `SRE_DRILL_HOME`.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

#[cfg(unix)]
mod support;

/// A fresh data folder and the commands run against it.
struct Tracker {
    home: TempDir,
}

/// One question in an `ask` script: its answer lines and its flag line.
struct Said<'a> {
    answer: &'a str,
    flag: &'a str,
}

fn said<'a>(answer: &'a str, flag: &'a str) -> Said<'a> {
    Said { answer, flag }
}

/// The plain-mode input of `company ask`: per question the answer, a line `.`, the flag;
/// then the notes line.
fn script(answers: &[Said<'_>], notes: &str) -> String {
    let mut text = String::new();
    for a in answers {
        if !a.answer.is_empty() {
            text.push_str(a.answer);
            text.push('\n');
        }
        text.push_str(".\n");
        text.push_str(a.flag);
        text.push('\n');
    }
    text.push_str(notes);
    text.push('\n');
    text
}

impl Tracker {
    fn new() -> Self {
        Self {
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn file(&self) -> PathBuf {
        self.home.path().join("companies.jsonl")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("sre-drill").unwrap();
        cmd.env("SRE_DRILL_HOME", self.home.path())
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS")
            .args(args);
        cmd
    }

    /// Runs `company ARGS...` with no input and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let mut full = vec!["company"];
        full.extend_from_slice(args);
        let out = self.cmd(&full).write_stdin("").assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    /// Runs `company ARGS...` and expects exit 2; returns stderr.
    fn bad(&self, args: &[&str]) -> String {
        let mut full = vec!["company"];
        full.extend_from_slice(args);
        let out = self.cmd(&full).write_stdin("").assert().code(2);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    }

    /// `company ask NAME --questions IDS --date DATE`, answering from `answers`.
    fn ask(&self, name: &str, ids: &str, date: &str, answers: &[Said<'_>], notes: &str) -> String {
        let out = self
            .cmd(&["company", "ask", name, "--questions", ids, "--date", date])
            .write_stdin(script(answers, notes))
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Three companies after mock interviews, two deal-breakers; Acme hits one.
    fn job_hunt() -> Self {
        let t = Self::new();
        t.ok(&[
            "dealbreakers",
            "add",
            "co-dev-teams-on-call",
            "developers are not on call for their own services",
        ]);
        t.ok(&[
            "dealbreakers",
            "add",
            "co-on-call-load",
            "more than two pages a night",
        ]);
        let ids = "co-dev-teams-on-call,co-on-call-load,co-last-page,co-postmortem-culture";
        t.ask(
            "Acme Corp",
            ids,
            "2026-11-10",
            &[
                said(
                    "Developers hand everything to ops after launch.\nSRE carries every pager.",
                    "r",
                ),
                said("About one page a night, mostly disk alerts.", "n"),
                said(
                    "Last night: a certificate expired on the payments gateway.",
                    "r",
                ),
                said(
                    "Blameless postmortems for every SEV1 and SEV2, action items tracked weekly.",
                    "g",
                ),
            ],
            "Friendly panel, but the pager worries me.",
        );
        t.ask(
            "Globex",
            ids,
            "2026-11-12",
            &[
                said("Every product team carries its own pager; SRE is second line and owns the platform.", "g"),
                said("Fewer than one page a week per person; anything noisier gets fixed before new work.", "g"),
                said("Two weeks ago, an SLO burn alert on checkout; mitigated in 12 minutes by rolling back.", "g"),
                said("Postmortems exist but nobody reads them.", "n"),
            ],
            "",
        );
        t.ask(
            "Initech",
            "co-dev-teams-on-call,co-last-page,co-toil-vs-projects",
            "2026-11-14",
            &[
                said("Devs are on call during business hours; nights go to SRE.", "n"),
                said("Could not remember.", "r"),
                said("Half the week is tickets: https://wiki.initech.example/sre/toil-budget-2026-planning-document", "n"),
            ],
            "",
        );
        t
    }
}

#[test]
fn two_companies_two_rounds_and_a_deal_breaker_hit_show_in_list_and_compare() {
    let t = Tracker::new();
    t.ok(&[
        "dealbreakers",
        "add",
        "co-dev-teams-on-call",
        "developers",
        "are",
        "not",
        "on",
        "call",
    ]);
    t.ask(
        "Acme",
        "co-dev-teams-on-call,co-last-page",
        "2026-11-10",
        &[
            said("They share on-call.", "g"),
            said("A page last week.", ""),
        ],
        "phone screen",
    );
    let out = t.ask(
        "acme",
        "co-dev-teams-on-call",
        "2026-11-20",
        &[said("Actually only ops is on call.", "red")],
        "",
    );
    assert!(
        out.contains("Recorded 1 answer for Acme, round 2."),
        "{out}"
    );
    assert!(
        out.contains("✗ Deal-breaker hit on co-dev-teams-on-call: developers are not on call"),
        "{out}"
    );
    t.ask(
        "Globex",
        "co-dev-teams-on-call",
        "2026-11-15",
        &[said("Every team has a pager.", "g")],
        "",
    );

    let list = t.ok(&["list"]);
    let acme = list.lines().find(|l| l.contains("Acme")).unwrap();
    assert!(acme.starts_with("✗ Acme"), "{list}");
    assert!(
        acme.contains("2026-11-20") && acme.contains("HIT: co-dev-teams-on-call"),
        "{list}"
    );
    let globex = list.lines().find(|l| l.contains("Globex")).unwrap();
    assert!(
        globex.starts_with("  Globex") && globex.contains("clear"),
        "{list}"
    );

    let rows = t.json(&["list", "--json"]);
    let acme = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Acme")
        .unwrap();
    assert_eq!(acme["rounds"], 2);
    assert_eq!(acme["red"], 1);
    assert_eq!(acme["dealbreaker_hits"][0], "co-dev-teams-on-call");

    let compare = t.ok(&["compare", "Acme", "GLOBEX", "--width", "100"]);
    let verdict = compare.lines().find(|l| l.starts_with("Verdict")).unwrap();
    assert!(
        verdict.contains("✗ 1 HIT") && verdict.contains("✓ clear"),
        "{compare}"
    );
    assert!(compare.contains("✗ DEAL-BREAKER (round 2)"), "{compare}");
    assert!(
        compare.find("Deal-breaker: Are the development").unwrap()
            < compare.find("── The last page").unwrap()
    );

    let show = t.ok(&["show", "ACME"]);
    assert!(
        show.contains("round 1: ✓ green") && show.contains("round 2: ✗ DEAL-BREAKER"),
        "{show}"
    );
    assert!(show.contains("phone screen"), "{show}");
}

#[test]
fn compare_fits_80_columns() {
    let t = Tracker::job_hunt();
    let out = t.ok(&["compare", "Acme Corp", "Globex", "Initech", "--width", "80"]);
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    insta::assert_snapshot!("compare_80_columns", out);
}

#[test]
fn compare_fits_the_narrowest_width_it_accepts_and_50() {
    let t = Tracker::job_hunt();
    for width in ["40", "50"] {
        for names in [
            &["Acme Corp", "Globex"][..],
            &["Acme Corp", "Globex", "Initech"],
        ] {
            let mut args = vec!["compare"];
            args.extend_from_slice(names);
            args.extend_from_slice(&["--width", width]);
            let out = t.ok(&args);
            let max: usize = width.parse().unwrap();
            for line in out.lines() {
                assert!(
                    line.chars().count() <= max,
                    "{} columns at --width {width}: {line}",
                    line.chars().count()
                );
            }
        }
    }
}

#[test]
fn compare_fits_120_columns() {
    let t = Tracker::job_hunt();
    let out = t.ok(&[
        "compare",
        "acme corp",
        "globex",
        "initech",
        "--width",
        "120",
    ]);
    for line in out.lines() {
        assert!(line.chars().count() <= 120, "too wide: {line}");
    }
    insta::assert_snapshot!("compare_120_columns", out);
}

#[test]
fn compare_takes_the_width_from_columns_when_not_forced() {
    let t = Tracker::job_hunt();
    let out = t
        .cmd(&["company", "compare", "Acme Corp", "Globex"])
        .env("COLUMNS", "60")
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
    assert!(text.lines().any(|l| l.chars().count() > 55), "{text}");
}

#[test]
fn compare_as_markdown_has_a_table_and_every_answer() {
    let t = Tracker::job_hunt();
    let out = t.ok(&["compare", "Acme Corp", "Globex", "--markdown"]);
    assert!(out.starts_with("## Acme Corp vs Globex\n"), "{out}");
    assert!(out.contains("| Verdict | ✗ 1 HIT | ✓ clear |"), "{out}");
    assert!(
        out.contains(
            "| **Deal-breaker:** Are the development teams on call? | **✗ HIT** | ✓ green |"
        ),
        "{out}"
    );
    assert!(out.contains("  SRE carries every pager."), "{out}");
}

#[test]
fn compare_as_markdown_without_deal_breakers_says_none_are_set() {
    let t = Tracker::new();
    t.ask(
        "Acme",
        "co-last-page",
        "2026-11-10",
        &[said("weekly", "green")],
        "",
    );
    t.ask(
        "Globex",
        "co-last-page",
        "2026-11-11",
        &[said("never", "green")],
        "",
    );
    let out = t.ok(&["compare", "Acme", "Globex", "--markdown"]);
    assert!(out.contains("- No deal-breakers set"), "{out}");
    assert!(!out.contains("Clear of your deal-breakers"), "{out}");
}

#[test]
fn every_command_finds_a_company_by_the_start_of_its_name() {
    let t = Tracker::new();
    t.ask(
        "Acme Corp",
        "co-last-page",
        "2026-11-10",
        &[said("weekly", "green")],
        "",
    );
    assert!(t.ok(&["show", "acme"]).contains("Acme Corp"));
    let renamed = t.ok(&["rename", "acme", "Acme Rockets"]);
    assert!(
        renamed.contains("Renamed Acme Corp to Acme Rockets"),
        "{renamed}"
    );
    let forgot = t.ok(&["forget", "acme", "--yes"]);
    assert!(forgot.contains("Acme Rockets"), "{forgot}");
}

#[test]
fn ask_with_a_near_name_asks_before_recording_a_new_company() {
    let t = Tracker::new();
    t.ask(
        "Acme Corp",
        "co-last-page",
        "2026-11-10",
        &[said("weekly", "green")],
        "",
    );
    let out = t
        .cmd(&[
            "company",
            "ask",
            "acme",
            "--questions",
            "co-last-page",
            "--date",
            "2026-11-12",
        ])
        .write_stdin(format!("y\n{}", script(&[said("daily", "red")], "")))
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("did you mean Acme Corp?"), "{stderr}");
    let list = t.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");

    t.cmd(&[
        "company",
        "ask",
        "acme",
        "--questions",
        "co-last-page",
        "--date",
        "2026-11-13",
    ])
    .write_stdin(format!("n\n{}", script(&[said("never", "green")], "")))
    .assert()
    .success();
    let list = t.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
}

#[test]
fn answers_survive_a_json_round_trip() {
    let t = Tracker::new();
    let answer = "They said \"it depends\" — 50% of nights {quiet}\\loud\n\n  indented 🚨 line";
    t.ask(
        "Acme",
        "co-last-page",
        "2026-11-10",
        &[said(answer, "red")],
        "notes with \"quotes\"",
    );
    let shown = t.json(&["show", "acme", "--json"]);
    assert_eq!(shown["name"], "Acme");
    assert_eq!(shown["last_contact"], "2026-11-10");
    assert_eq!(shown["questions"][0]["id"], "co-last-page");
    assert_eq!(shown["questions"][0]["answers"][0]["answer"], answer.trim());
    assert_eq!(shown["questions"][0]["answers"][0]["flag"], "red");
    assert_eq!(
        shown["round_details"][0]["notes"][0],
        "notes with \"quotes\""
    );

    let stored: Vec<Value> = fs::read_to_string(t.file())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0]["v"], 1);
    assert_eq!(stored[0]["kind"], "answer");
    assert_eq!(stored[0]["answer"], answer.trim());
    assert_eq!(stored[1]["kind"], "note");
}

#[test]
fn compare_json_lists_companies_and_rows_in_order() {
    let t = Tracker::job_hunt();
    let c = t.json(&["compare", "Globex", "Acme Corp", "--json"]);
    assert_eq!(c["companies"][0]["name"], "Globex");
    assert_eq!(
        c["companies"][1]["dealbreaker_hits"][0],
        "co-dev-teams-on-call"
    );
    assert_eq!(c["rows"][0]["id"], "co-dev-teams-on-call");
    assert_eq!(
        c["rows"][0]["dealbreaker"],
        "developers are not on call for their own services"
    );
    assert_eq!(c["rows"][0]["answers"][1]["hit"], true);
    assert_eq!(c["rows"][0]["answers"][0]["flag"], "green");
}

#[test]
fn damaged_lines_are_reported_once_and_the_rest_still_loads() {
    let t = Tracker::new();
    t.ask(
        "Acme",
        "co-last-page",
        "2026-11-10",
        &[said("one", "g")],
        "",
    );
    let mut bytes = fs::read(t.file()).unwrap();
    bytes.extend_from_slice(b"garbage, not json\n{\"v\":1,\"id\":\"torn");
    fs::write(t.file(), &bytes).unwrap();

    t.cmd(&["company", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Acme"))
        .stderr(predicate::str::contains(
            "companies.jsonl:2: skipped a damaged record",
        ))
        .stderr(predicate::str::contains(
            "companies.jsonl:3: skipped a damaged record",
        ));

    // The next record starts on a fresh line after the torn one.
    t.ask(
        "Globex",
        "co-last-page",
        "2026-11-11",
        &[said("two", "r")],
        "",
    );
    let rows = t.json(&["list", "--json"]);
    assert_eq!(rows.as_array().unwrap().len(), 2);
    let out = t.cmd(&["company", "list"]).assert().success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(
        stderr.matches("skipped a damaged record").count(),
        2,
        "{stderr}"
    );
}

#[test]
fn odd_names_are_stored_faithfully_and_matched_in_any_case() {
    let t = Tracker::new();
    let name = "Ünïcorn \"Rockets\" 🚀 / EU\\West";
    t.ask(name, "co-last-page", "2026-11-10", &[said("fine", "g")], "");
    let text = fs::read_to_string(t.file()).unwrap();
    let record: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(record["company"], name);
    assert!(t.ok(&["list"]).contains(name));
    let shown = t.json(&["show", &name.to_uppercase(), "--json"]);
    assert_eq!(shown["name"], name);
    t.ask(
        "  ünïcorn \"ROCKETS\" 🚀 / eu\\west ",
        "co-on-call-load",
        "2026-11-12",
        &[said("ok", "n")],
        "",
    );
    assert_eq!(t.json(&["show", name, "--json"])["rounds"], 2);
}

#[test]
fn an_unknown_company_is_exit_2_with_close_matches() {
    let t = Tracker::job_hunt();
    let err = t.bad(&["show", "Globx"]);
    assert!(
        err.contains("no company 'Globx' in the tracker; did you mean 'Globex'?"),
        "{err}"
    );
    let err = t.bad(&["compare", "Acne Corp", "Initech"]);
    assert!(
        err.contains("'Acne Corp' (did you mean 'Acme Corp'?)"),
        "{err}"
    );
    // A unique start of a name is enough for reading commands.
    let out = t.ok(&["compare", "acme", "Initech"]);
    assert!(out.contains("Acme Corp"), "{out}");
    let err = t.bad(&["forget", "Umbrella", "--yes"]);
    assert!(err.contains("see `sre-drill company list`"), "{err}");
}

#[test]
fn an_unknown_question_is_exit_2_listing_the_valid_ids() {
    let t = Tracker::new();
    let err = t.bad(&["ask", "Acme", "--questions", "co-last-pgae"]);
    assert!(
        err.contains("unknown company question 'co-last-pgae'; did you mean 'co-last-page'?"),
        "{err}"
    );
    assert!(
        err.contains("valid ids: co-last-six-months, co-last-page,"),
        "{err}"
    );
    let err = t.bad(&["dealbreakers", "add", "ts-slow-network-3pm", "anything"]);
    assert!(
        err.contains("unknown company question 'ts-slow-network-3pm'"),
        "{err}"
    );
    assert!(!t.file().exists() || fs::read_to_string(t.file()).unwrap().is_empty());
}

#[test]
fn an_empty_name_is_exit_2() {
    let t = Tracker::new();
    let err = t.bad(&["ask", "   "]);
    assert!(err.contains("the company name is empty"), "{err}");
    let err = t.bad(&["ask", "two\nlines"]);
    assert!(err.contains("line break"), "{err}");
}

#[test]
fn forget_needs_yes_when_not_on_a_terminal() {
    let t = Tracker::job_hunt();
    let err = t.bad(&["forget", "initech"]);
    assert!(
        err.contains("add --yes: sre-drill company forget Initech --yes"),
        "{err}"
    );
    assert!(t.ok(&["list"]).contains("Initech"));
    let out = t.ok(&["forget", "initech", "--yes"]);
    assert!(
        out.contains("Forgot Initech (1 round, 3 answers)."),
        "{out}"
    );
    assert!(!t.ok(&["list"]).contains("Initech"));
    t.bad(&["show", "Initech"]);
    let again = t.ask(
        "Initech",
        "co-last-page",
        "2026-11-20",
        &[said("new start", "g")],
        "",
    );
    assert!(again.contains("round 1."), "{again}");
}

#[test]
fn rename_moves_the_rounds_and_refuses_a_taken_name() {
    let t = Tracker::job_hunt();
    t.ok(&["rename", "acme corp", "Acme Rockets"]);
    let shown = t.json(&["show", "ACME ROCKETS", "--json"]);
    assert_eq!(shown["name"], "Acme Rockets");
    assert_eq!(shown["questions"].as_array().unwrap().len(), 4);
    let err = t.bad(&["rename", "Acme Rockets", "globex"]);
    assert!(err.contains("there is already a company 'Globex'"), "{err}");
    let out = t.ask(
        "acme rockets",
        "co-last-page",
        "2026-11-20",
        &[said("better now", "g")],
        "",
    );
    assert!(out.contains("Acme Rockets, round 2."), "{out}");
}

#[test]
fn deal_breakers_are_added_listed_updated_and_removed() {
    let t = Tracker::new();
    assert!(t.ok(&["dealbreakers"]).contains("No deal-breakers yet"));
    t.ask(
        "Acme",
        "co-on-call-load",
        "2026-11-10",
        &[said("5 pages a night", "r")],
        "",
    );
    let out = t.ok(&["dealbreakers", "add", "co-on-call-load", "too many pages"]);
    assert!(
        out.contains("Deal-breaker added on co-on-call-load"),
        "{out}"
    );
    assert!(out.contains("✗ Already hit by: Acme"), "{out}");
    let out = t.ok(&[
        "dealbreakers",
        "add",
        "co-on-call-load",
        "more than two pages a night",
    ]);
    assert!(out.contains("Deal-breaker updated"), "{out}");
    let list = t.json(&["dealbreakers", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["condition"], "more than two pages a night");
    let text = t.ok(&["dealbreakers"]);
    assert!(
        text.contains("co-on-call-load  more than two pages a night"),
        "{text}"
    );
    let err = t.bad(&["dealbreakers", "remove", "co-last-page"]);
    assert!(
        err.contains("the deal-breakers are: co-on-call-load"),
        "{err}"
    );
    t.ok(&["dealbreakers", "remove", "co-on-call-load"]);
    assert_eq!(t.json(&["dealbreakers", "--json"]), Value::Array(vec![]));
    assert!(t.ok(&["list"]).contains("No deal-breakers set"));
}

#[test]
fn every_reading_command_on_an_empty_tracker_says_how_to_start() {
    let t = Tracker::new();
    assert!(t.ok(&["list"]).contains("sre-drill company ask NAME"));
    assert_eq!(t.json(&["list", "--json"]), Value::Array(vec![]));
    assert!(
        t.bad(&["show", "Acme"])
            .contains("start with: sre-drill company ask \"Acme\"")
    );
    assert!(
        t.bad(&["compare", "Acme", "Globex"])
            .contains("start with: sre-drill company ask NAME")
    );
}

#[test]
fn ask_by_default_covers_the_deal_breakers_and_the_core_questions() {
    let t = Tracker::new();
    t.ok(&[
        "dealbreakers",
        "add",
        "co-alert-noise",
        "alerts nobody reads",
    ]);
    let out = t
        .cmd(&["company", "ask", "Acme"])
        .write_stdin("")
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("Round 1 with Acme · 7 questions (1 on your deal-breakers)."),
        "{stderr}"
    );
    assert!(
        stderr.contains("[1/7] Monitoring stack and alert noise (co-alert-noise)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Your deal-breaker: alerts nobody reads"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Listen for:") && stderr.contains("Red flags:"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout, "Nothing recorded for Acme.\n");
}

#[test]
fn ask_reasks_a_bad_flag_and_skips_an_empty_neutral_answer() {
    let t = Tracker::new();
    let out = t
        .cmd(&[
            "company",
            "ask",
            "Acme",
            "-Q",
            "co-last-page,co-on-call-load",
            "--role",
            "SRE",
            "--stage",
            "onsite",
            "--date",
            "2026-11-10",
        ])
        .write_stdin("they forgot\n.\namber\nr\n.\n\nnice office\n")
        .assert()
        .success()
        .stderr(predicate::str::contains("'amber' is not a flag"))
        .stderr(predicate::str::contains(
            "Nothing recorded for this question.",
        ));
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("Recorded 1 answer for Acme, round 1."),
        "{stdout}"
    );
    let shown = t.json(&["show", "acme", "--json"]);
    assert_eq!(shown["questions"].as_array().unwrap().len(), 1);
    assert_eq!(shown["round_details"][0]["role"], "SRE");
    assert_eq!(shown["round_details"][0]["stage"], "onsite");
    assert_eq!(shown["round_details"][0]["notes"][0], "nice office");
}

#[test]
fn a_bad_date_is_exit_2() {
    let t = Tracker::new();
    let err = t.bad(&["ask", "Acme", "--date", "20/11/2026"]);
    assert!(
        err.contains("'20/11/2026' is not a date; use YYYY-MM-DD"),
        "{err}"
    );
}

#[test]
fn company_without_a_subcommand_is_still_the_practice_drill() {
    let t = Tracker::new();
    t.cmd(&[
        "company",
        "--count",
        "1",
        "--follow-ups",
        "0",
        "--seed",
        "7",
    ])
    .write_stdin("I would ask about the pager.\n.\nall\n3\n\n")
    .assert()
    .success()
    .stdout(predicate::str::contains("Logged to"));
    let history = fs::read_to_string(t.home.path().join("history.jsonl")).unwrap();
    let record: Value = serde_json::from_str(history.lines().next().unwrap()).unwrap();
    assert_eq!(record["category"], "company");
    assert!(!t.file().exists());
}

/// The same dialogue on a terminal, driven through a pseudo-terminal.
#[cfg(unix)]
mod on_a_terminal {
    use std::fs;

    use expectrl::Expect;

    use super::support::{Pty, expect_exit_and_sane_terminal, pause, spawn};

    const DOWN: &str = "\x1b[B";

    fn at(s: &mut Pty, screen: &str, keys: &[&str]) {
        s.expect(screen).unwrap();
        for key in keys {
            pause();
            s.send(key).unwrap();
        }
    }

    fn tracker(home: &std::path::Path) -> String {
        fs::read_to_string(home.join("companies.jsonl")).unwrap_or_default()
    }

    #[test]
    fn answers_are_typed_ctrl_d_ends_one_and_the_flag_is_picked_from_a_menu() {
        let home = tempfile::tempdir().unwrap();
        let mut s = spawn(
            home.path(),
            &[],
            "company ask Acme --questions co-last-page",
        );
        at(&mut s, "Their answer", &["Paged twice last week\r", "\x04"]);
        at(&mut s, "Flag this answer", &[DOWN, "\r"]);
        at(&mut s, "Notes on this round", &["\r"]);
        s.expect("Recorded 1 answer for Acme").unwrap();
        expect_exit_and_sane_terminal(&mut s, 0);
        let saved = tracker(home.path());
        assert!(saved.contains("Paged twice last week"), "{saved}");
        assert!(saved.contains("\"red\""), "{saved}");
    }

    #[test]
    fn ctrl_c_at_the_flag_menu_keeps_what_was_flagged_and_restores_the_terminal() {
        let home = tempfile::tempdir().unwrap();
        let mut s = spawn(
            home.path(),
            &[],
            "company ask Acme --questions co-last-page,co-on-call-load",
        );
        at(&mut s, "Their answer", &["Quiet nights\r", ".\r"]);
        at(&mut s, "Flag this answer", &["\r"]);
        at(&mut s, "Their answer", &["Unclear\r", ".\r"]);
        at(&mut s, "Flag this answer", &["\x03"]);
        expect_exit_and_sane_terminal(&mut s, 130);
        let saved = tracker(home.path());
        assert!(saved.contains("Quiet nights"), "{saved}");
        assert!(!saved.contains("Unclear"), "{saved}");
    }

    #[test]
    fn term_dumb_gets_the_plain_protocol_and_forget_asks_for_yes() {
        let home = tempfile::tempdir().unwrap();
        let mut s = spawn(
            home.path(),
            &[("TERM", "dumb")],
            "company ask Acme --questions co-last-page",
        );
        at(
            &mut s,
            "Their answer (end with a line `.`):",
            &["Fine\r", ".\r"],
        );
        at(
            &mut s,
            "Flag (green, neutral or red; g/n/r; empty = neutral):",
            &["g\r"],
        );
        at(
            &mut s,
            "Notes on this round (one line, may be empty):",
            &["\r"],
        );
        let seen = s.expect("EXIT=0").unwrap();
        let before = String::from_utf8_lossy(seen.before()).to_string();
        assert!(!before.contains('\x1b'), "{before:?}");

        let mut s = spawn(home.path(), &[("TERM", "dumb")], "company forget Acme");
        s.expect("add --yes").unwrap();
        s.expect("EXIT=2").unwrap();
    }
}
