//! `sre-drill check`: every checker proven with a reference solution that passes and,
//! for each pitfall its prompt lists, a wrong solution that fails on the case built to
//! catch it; the run's limits (time, output, fresh seeds), what it saves and logs, and
//! its usage errors.
//!
//! The solutions are Python 3 (tests/check/<checker>/good.py and pitfall-N.py), so
//! these tests need `python3` on the PATH.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{Plain, run_plain};

fn solution(checker: &str, which: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/check")
        .join(checker)
        .join(format!("{which}.py"));
    assert!(path.exists(), "missing {}", path.display());
    path.display().to_string()
}

fn check(home: &Path, id: &str, extra: &[&str], command: &[&str]) -> Plain {
    let mut args = vec!["check", id, "--json"];
    args.extend_from_slice(extra);
    args.push("--");
    args.extend_from_slice(command);
    run_plain(home, &args, "")
}

fn report(run: &Plain) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr))
}

fn verdicts(report: &Value) -> Vec<(String, String)> {
    report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_owned(),
                c["verdict"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The reference passes every case; each listed pitfall's wrong solution fails, and
/// among the cases it fails is the edge case built to catch that mistake. The seeds are
/// new on every run: the edge cases must catch their pitfall whatever values they take.
fn pitfalls_are_caught(checker: &str, catching: &[&str]) {
    let home = tempfile::tempdir().unwrap();
    let id = format!("chk-{checker}");
    // A generous limit for the reference: the machine running the tests may be busy.
    let good = check(
        home.path(),
        &id,
        &["--timeout", "60", "--no-log"],
        &["python3", &solution(checker, "good")],
    );
    let r = report(&good);
    assert_eq!(
        good.code,
        0,
        "{checker} good.py: {:?}\n{}",
        verdicts(&r),
        good.stdout
    );
    assert_eq!(r["passed"], r["total"]);
    assert!(r["total"].as_u64().unwrap() >= 7);

    for (n, case) in catching.iter().enumerate() {
        let script = solution(checker, &format!("pitfall-{}", n + 1));
        // A short limit: a solution too slow for the large case fails it either way.
        let bad = check(
            home.path(),
            &id,
            &["--timeout", "5", "--no-log"],
            &["python3", &script],
        );
        let r = report(&bad);
        let verdicts = verdicts(&r);
        assert_eq!(
            bad.code,
            1,
            "{checker} pitfall-{} passed (seed {}): {verdicts:?}",
            n + 1,
            r["seed"]
        );
        assert!(
            verdicts
                .iter()
                .any(|(name, v)| name == case && v != "passed"),
            "{checker} pitfall-{} was not caught by the {case} case (seed {}): {verdicts:?}",
            n + 1,
            r["seed"]
        );
    }
}

/// For each checked prompt, the case that catches each of its pitfalls, in the order the
/// prompt lists them (tests/check/CHECKER/pitfall-N.py is the N-th pitfall's solution).
const CATCHING: &[(&str, &[&str])] = &[
    ("top-5xx-clients", &["ties", "boundary"]),
    ("latency-percentiles", &["boundary", "malformed"]),
    ("disk-process-alert", &["boundary", "boundary"]),
    ("token-bucket", &["boundary", "ties"]),
    ("retry-backoff", &["large", "boundary"]),
    ("lru-cache", &["large", "ties"]),
    ("merge-log-streams", &["malformed", "ties"]),
    ("alert-flap", &["boundary", "boundary"]),
    ("cron-next-runs", &["large", "unicode", "boundary"]),
    ("error-budget", &["boundary", "boundary"]),
    ("config-diff", &["ties", "boundary"]),
    ("meminfo", &["boundary", "malformed"]),
    ("longest-outage", &["boundary", "boundary"]),
    ("error-burst", &["large", "boundary"]),
    ("cidr-allowlist", &["large", "boundary"]),
    ("slo-burn-rate", &["ties", "boundary", "boundary"]),
    ("maintenance-windows", &["ties", "boundary", "ties"]),
    ("slow-endpoints", &["boundary", "ties", "ties", "boundary"]),
    ("log-order", &["ties", "boundary", "ties", "malformed"]),
    (
        "parse-durations",
        &["boundary", "malformed", "boundary", "malformed"],
    ),
    ("bug-cert-expiry", &["boundary", "boundary"]),
    ("bug-busiest-minute", &["boundary", "ties"]),
    ("bug-config-overrides", &["boundary", "boundary"]),
];

fn catching(checker: &str) -> &'static [&'static str] {
    let found = CATCHING.iter().find(|(c, _)| *c == checker);
    found.map_or_else(
        || panic!("no CATCHING entry for {checker}"),
        |(_, cases)| *cases,
    )
}

macro_rules! pitfalls {
    ($($test:ident: $checker:literal;)*) => {
        $(
            #[test]
            fn $test() {
                pitfalls_are_caught($checker, catching($checker));
            }
        )*
    };
}

pitfalls! {
    top_5xx_clients_pitfalls_are_caught: "top-5xx-clients";
    latency_percentiles_pitfalls_are_caught: "latency-percentiles";
    disk_process_alert_pitfalls_are_caught: "disk-process-alert";
    token_bucket_pitfalls_are_caught: "token-bucket";
    retry_backoff_pitfalls_are_caught: "retry-backoff";
    lru_cache_pitfalls_are_caught: "lru-cache";
    merge_log_streams_pitfalls_are_caught: "merge-log-streams";
    alert_flap_pitfalls_are_caught: "alert-flap";
    cron_next_runs_pitfalls_are_caught: "cron-next-runs";
    error_budget_pitfalls_are_caught: "error-budget";
    config_diff_pitfalls_are_caught: "config-diff";
    meminfo_pitfalls_are_caught: "meminfo";
    longest_outage_pitfalls_are_caught: "longest-outage";
    error_burst_pitfalls_are_caught: "error-burst";
    cidr_allowlist_pitfalls_are_caught: "cidr-allowlist";
    slo_burn_rate_pitfalls_are_caught: "slo-burn-rate";
    maintenance_windows_pitfalls_are_caught: "maintenance-windows";
    slow_endpoints_pitfalls_are_caught: "slow-endpoints";
    log_order_pitfalls_are_caught: "log-order";
    parse_durations_pitfalls_are_caught: "parse-durations";
    bug_cert_expiry_pitfalls_are_caught: "bug-cert-expiry";
    bug_busiest_minute_pitfalls_are_caught: "bug-busiest-minute";
    bug_config_overrides_pitfalls_are_caught: "bug-config-overrides";
}

/// A bug-squash prompt shows its buggy script in its text, between "(save it as
/// NAME):" and "Check your fix"; copied out as a user would, it fails the check.
#[test]
fn each_bug_squash_script_as_shipped_fails_its_check() {
    let home = tempfile::tempdir().unwrap();
    let (bank, _) = sre_drill::bank::load(None, &[]).unwrap();
    let squash: Vec<_> = bank
        .prompts
        .iter()
        .filter(|p| p.id.0.starts_with("chk-bug-"))
        .collect();
    assert!(squash.len() >= 3, "{} bug-squash prompts", squash.len());
    for p in squash {
        let text = &p.prompt;
        let open = text.find("(save it as ").expect("names the file to save");
        let name_end = open + text[open..].find("):\n\n").expect("the script follows");
        let file = &text[open + "(save it as ".len()..name_end];
        let script_end = text
            .find("\nCheck your fix: ")
            .expect("says how to check the fix");
        let script = &text[name_end + 4..script_end];
        let lines = script.trim_end().lines().count();
        assert!((15..=40).contains(&lines), "{}: {lines} lines", p.id);
        assert!(
            text.contains(&format!("sre-drill check {} -- python3 {file}", p.id)),
            "{}",
            p.id
        );
        let path = home.path().join(file);
        std::fs::write(&path, script).unwrap();
        let run = check(
            home.path(),
            &p.id.0,
            &["--no-log"],
            &["python3", &path.display().to_string()],
        );
        let r = report(&run);
        assert_eq!(run.code, 1, "{}: the shipped script passed", p.id);
        let crashed = verdicts(&r).iter().any(|(_, v)| v.starts_with("crashed"));
        assert!(
            !crashed,
            "{}: the bug is wrong output, not a crash: {:?}",
            p.id,
            verdicts(&r)
        );
    }
}

/// Every checked prompt: one wrong solution per listed pitfall, no more, no fewer, and
/// a test above that runs them.
#[test]
fn every_pitfall_of_every_checked_prompt_has_a_wrong_solution_and_a_catching_case() {
    let (bank, _) = sre_drill::bank::load(None, &[]).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check");
    let this =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check.rs"))
            .unwrap();
    for p in bank.prompts.iter().filter(|p| p.check.is_some()) {
        let checker = &p.check.as_ref().unwrap().checker;
        assert_eq!(p.id.0, format!("chk-{checker}"), "one prompt per checker");
        let scripts = std::fs::read_dir(dir.join(checker))
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().starts_with("pitfall-")
            })
            .count();
        assert_eq!(scripts, p.pitfalls.len(), "{}: pitfall scripts", p.id);
        assert_eq!(
            catching(checker).len(),
            p.pitfalls.len(),
            "{}: CATCHING",
            p.id
        );
        for n in 1..=scripts {
            solution(checker, &format!("pitfall-{n}"));
        }
        assert!(
            this.contains(&format!(": \"{checker}\";")),
            "{checker}: no pitfalls! test"
        );
    }
}

#[test]
fn every_checker_has_a_proof_and_a_checked_prompt() {
    let home = tempfile::tempdir().unwrap();
    let run = run_plain(home.path(), &["check", "--list", "--json"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list: Value = serde_json::from_str(&run.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert!(list.len() >= 20, "{list:?}");
    for checker in sre_drill::check::CHECKERS {
        assert!(
            list.iter().any(|p| p["checker"] == checker.name),
            "no prompt uses {}",
            checker.name
        );
        solution(checker.name, "good");
    }
    let text = run_plain(home.path(), &["check", "--list"], "");
    assert!(text.stdout.contains("chk-token-bucket"), "{}", text.stdout);
}

#[test]
fn a_hard_coded_answer_fails_on_new_seeds() {
    let home = tempfile::tempdir().unwrap();
    let checker = sre_drill::check::find("error-burst").unwrap();
    let params = checker.params(&sre_drill::bank::CheckSpec {
        checker: checker.name.to_owned(),
        params: Vec::new(),
    });
    let seed_one = checker.generate(1, &params);
    let (_, answer) = seed_one.iter().find(|(c, _)| c.name == "random").unwrap();
    let script = home.path().join("hard_coded.py");
    std::fs::write(
        &script,
        format!(
            "import sys\nsys.stdin.read()\nprint({:?})\n",
            answer.trim_end()
        ),
    )
    .unwrap();
    let script = script.display().to_string();

    let same = report(&check(
        home.path(),
        "chk-error-burst",
        &["--seed", "1"],
        &["python3", &script],
    ));
    let random = |r: &Value| {
        verdicts(r)
            .into_iter()
            .find(|(name, _)| name == "random")
            .unwrap()
            .1
    };
    assert_eq!(random(&same), "passed", "the answer is the one for seed 1");

    let other = check(
        home.path(),
        "chk-error-burst",
        &["--seed", "2"],
        &["python3", &script],
    );
    assert_eq!(other.code, 1);
    assert_eq!(random(&report(&other)), "wrong output");
}

#[test]
fn a_program_that_sleeps_hits_the_time_limit_and_the_run_goes_on() {
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let run = check(
        home.path(),
        "chk-meminfo",
        &["--timeout", "1"],
        &["sh", "-c", "sleep 30"],
    );
    let r = report(&run);
    assert_eq!(run.code, 1);
    for (name, verdict) in verdicts(&r) {
        assert_eq!(verdict, "timed out after 1 s", "{name}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(40),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_program_that_prints_100_mb_is_cut_off() {
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let run = check(
        home.path(),
        "chk-meminfo",
        &["--timeout", "30"],
        &["sh", "-c", "yes | head -c 100000000"],
    );
    let r = report(&run);
    assert_eq!(run.code, 1);
    for (name, verdict) in verdicts(&r) {
        assert_eq!(verdict, "output cut at 1 MiB", "{name}");
    }
    assert!(r["first_failure"]["got"].as_array().unwrap().len() <= 512 * 1024 + 1);
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn usage_errors_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let unknown = run_plain(
        home.path(),
        &["check", "chk-token-bukket", "--", "true"],
        "",
    );
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("did you mean chk-token-bucket?"),
        "{}",
        unknown.stderr
    );

    let missing = run_plain(
        home.path(),
        &[
            "check",
            "chk-token-bucket",
            "--",
            "no-such-program-sre-drill",
        ],
        "",
    );
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("command not found: no-such-program-sre-drill"),
        "{}",
        missing.stderr
    );

    let nothing = run_plain(home.path(), &["check", "chk-token-bucket"], "");
    assert_eq!(nothing.code, 2, "{}", nothing.stderr);
    assert!(
        nothing.stderr.contains("no command to run"),
        "{}",
        nothing.stderr
    );

    let unchecked = run_plain(
        home.path(),
        &["check", "code-circuit-breaker", "--", "true"],
        "",
    );
    assert_eq!(unchecked.code, 2);
    assert!(
        unchecked.stderr.contains("has no checker"),
        "{}",
        unchecked.stderr
    );
}

#[test]
fn the_text_report_shows_the_first_failure_as_a_diff() {
    let home = tempfile::tempdir().unwrap();
    let run = run_plain(
        home.path(),
        &[
            "check",
            "chk-meminfo",
            "--seed",
            "3",
            "--",
            "python3",
            &solution("meminfo", "pitfall-1"),
        ],
        "",
    );
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    assert!(out.contains("  FAIL  boundary"), "{out}");
    assert!(
        out.contains("First failure: boundary (wrong output)"),
        "{out}"
    );
    assert!(out.contains("Input meminfo (6 lines):"), "{out}");
    // The lines that differ, as the saved case has them.
    let saved =
        |name: &str| std::fs::read_to_string(home.path().join("check/last").join(name)).unwrap();
    let available = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("available_kb "))
            .unwrap()
            .to_owned()
    };
    assert!(
        out.contains(&format!("  - {}", available(&saved("expected")))),
        "{out}"
    );
    assert!(
        out.contains(&format!("  + {}", available(&saved("actual")))),
        "{out}"
    );
    assert!(out.contains("--seed 3 -- python3"), "{out}");
    assert!(run.stderr.contains("1 of 7 cases failed"), "{}", run.stderr);
}

#[test]
fn case_folders_are_removed_even_on_ctrl_c() {
    let home = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let leftovers = |dir: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    };

    let done = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin("sre-drill"))
        .env("SRE_DRILL_HOME", home.path())
        .env("TMPDIR", tmp.path())
        .args([
            "check",
            "chk-meminfo",
            "--",
            "sh",
            "-c",
            "touch made-here; cat meminfo",
        ])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(done.status.code(), Some(1));
    assert_eq!(leftovers(tmp.path()), Vec::<PathBuf>::new());

    let mut child = Command::new(assert_cmd::cargo::cargo_bin("sre-drill"))
        .env("SRE_DRILL_HOME", home.path())
        .env("TMPDIR", tmp.path())
        .args(["check", "chk-meminfo", "--", "sh", "-c", "sleep 60"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while leftovers(tmp.path()).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        leftovers(tmp.path()).len(),
        1,
        "the case folder exists while it runs"
    );
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert_eq!(leftovers(tmp.path()), Vec::<PathBuf>::new());
}

#[test]
fn an_unknown_checker_is_a_validate_error_with_its_place() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("mine.yaml");
    std::fs::write(
        &file,
        "category: coding\nprompts:\n  - id: my-checked\n    title: Mine\n    level: mid\n    prompt: Do it.\n    rubric: [a, b]\n    check: {checker: token-buckt}\n  - id: my-other\n    title: Other\n    level: mid\n    prompt: Do it.\n    rubric: [a, b]\n    check:\n      checker: alert-flap\n      windw: 60\n",
    )
    .unwrap();
    let run = run_plain(home.path(), &["validate", &file.display().to_string()], "");
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "mine.yaml:8:22: unknown checker 'token-buckt'; did you mean `token-bucket`?"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("mine.yaml:16:7: unknown field `windw` in `check`; did you mean `window`?"),
        "{}",
        run.stdout
    );
}

/// A plain drill of the top-5xx-clients checked prompt, no follow-ups, seed 5.
fn drill_top_5xx_clients(home: &Path, stdin: &str) -> Plain {
    run_plain(
        home,
        &[
            "drill",
            "chk-top-5xx-clients",
            "--follow-ups",
            "0",
            "--seed",
            "5",
        ],
        stdin,
    )
}

#[test]
fn check_inside_a_drill_prints_the_result_under_the_line_and_the_attempt_keeps_it() {
    let home = tempfile::tempdir().unwrap();
    let bad = solution("top-5xx-clients", "pitfall-2");
    let good = solution("top-5xx-clients", "good");
    let stdin = format!(
        "I would count 5xx per client in one pass\n!check python3 {bad}\n!check python3 {good}\n.\nauto\n3\n\n"
    );
    let run = drill_top_5xx_clients(home.path(), &stdin);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("check: "))
        .collect();
    assert!(lines.len() >= 2, "{}", run.stderr);
    assert!(
        lines.iter().any(|l| l.contains("failed:")),
        "the subtly wrong one fails: {lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("check: All ")),
        "the reference passes: {lines:?}"
    );
    let r = &support::records(home.path())[0];
    // The last run is stored; the `!check` lines are not part of the answer text.
    assert_eq!(r["check"]["command"], format!("python3 {good}"));
    assert_eq!(r["check"]["passed"], r["check"]["total"]);
    assert_eq!(r["answer"], "I would count 5xx per client in one pass");
    // The passing check suggests the points marked by_check (1-4); `auto` ticks them.
    let suggested: Vec<u64> = r["rubric"]["suggested"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    for point in 1..=4 {
        assert!(suggested.contains(&point), "{suggested:?}");
    }
    let shown = run_plain(home.path(), &["history", "show", "last"], "");
    assert!(
        shown
            .stdout
            .contains("    Checked: 7 of 7 cases passed with `python3 "),
        "{}",
        shown.stdout
    );
}

#[test]
fn each_check_in_an_answer_runs_new_cases_and_names_the_seed_that_repeats_them() {
    let home = tempfile::tempdir().unwrap();
    // A program that prints nothing fails every case, so each run names its seed.
    let stdin = "!check python3 -c pass\n!check python3 -c pass\n.\nauto\n3\n\n";
    let run = drill_top_5xx_clients(home.path(), stdin);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seeds: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("check: "))
        .filter_map(|l| l.split("--seed ").nth(1))
        .filter_map(|rest| rest.split_whitespace().next())
        .collect();
    assert_eq!(seeds.len(), 2, "{}", run.stderr);
    assert_ne!(
        seeds[0], seeds[1],
        "the second run reuses the first one's cases"
    );
}

/// Right output is not enough: a program that exits non-zero fails the case, even when
/// what it printed was right.
#[test]
fn a_right_answer_from_a_program_that_exits_non_zero_fails() {
    let home = tempfile::tempdir().unwrap();
    let good = solution("error-burst", "good");
    let clean = check(
        home.path(),
        "chk-error-burst",
        &["--seed", "4"],
        &["python3", &good],
    );
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    let failing = check(
        home.path(),
        "chk-error-burst",
        &["--seed", "4"],
        &["sh", "-c", &format!("python3 '{good}'; exit 3")],
    );
    assert_eq!(failing.code, 1, "{}", failing.stdout);
    let verdicts = verdicts(&report(&failing));
    assert!(
        verdicts.iter().all(|(_, v)| v != "passed"),
        "every case fails on the exit code: {verdicts:?}"
    );
}

#[test]
fn list_and_show_json_carry_the_check_block_as_the_file_writes_it() {
    let home = tempfile::tempdir().unwrap();
    let prompts = support::bank_json(home.path());
    let p = prompts
        .iter()
        .find(|p| p["id"] == "chk-top-5xx-clients")
        .unwrap();
    assert_eq!(
        p["check"],
        serde_json::json!({"checker": "top-5xx-clients", "top": 3})
    );
    let shown = run_plain(home.path(), &["show", "chk-top-5xx-clients", "--json"], "");
    let shown: Value = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(shown["check"], p["check"]);
}

/// `sre-drill ARGS` run from the folder `cwd`, as a user types it there.
fn run_in(cwd: &Path, home: &Path, args: &[&str]) -> Plain {
    let out = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin("sre-drill"))
        .env("SRE_DRILL_HOME", home)
        .current_dir(cwd)
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    Plain {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn keep_saves_every_case_and_the_first_failure_is_always_saved_and_shown_whole() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    // Right on every input of 40 lines or fewer, one extra line on longer ones.
    let good = solution("token-bucket", "good");
    let script =
        format!("tee in | python3 '{good}'; if [ $(wc -l < in) -gt 40 ]; then echo extra; fi");
    let run = run_in(
        work.path(),
        home.path(),
        &[
            "check",
            "chk-token-bucket",
            "--keep",
            "kept",
            "--",
            "sh",
            "-c",
            &script,
        ],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let kept = work.path().join("kept");
    for n in 1..=7 {
        for name in ["input", "expected", "actual", "stderr"] {
            assert!(
                kept.join(format!("case-{n}/{name}")).is_file(),
                "case-{n}/{name}"
            );
        }
    }
    let last = home.path().join("check/last");
    let read = |name: &str| std::fs::read_to_string(last.join(name)).unwrap();
    let input = read("input");
    let total = input.lines().count();
    assert!(total > 40, "the first failure is the first long case");
    // Output is compared after trailing whitespace, so an empty expected output may
    // come back as an empty line: the saved files differ only by the extra line.
    let actual = read("actual");
    assert_eq!(
        actual.strip_suffix("extra\n").map(str::trim_end),
        Some(read("expected").trim_end()),
        "{actual:?}"
    );
    let out = &run.stdout;
    let shown: Vec<&str> = out.lines().filter(|l| l.starts_with("  | ")).collect();
    let first_40: Vec<String> = input.lines().take(40).map(|l| format!("  | {l}")).collect();
    assert_eq!(shown, first_40, "{out}");
    let more = format!(
        "  ... {} more lines\nSaved in full in {} (input, expected, actual, stderr)\n",
        total - 40,
        last.display()
    );
    assert!(out.contains(&more), "{out}");
    assert!(
        out.contains("Every case is in kept/case-1 to case-7"),
        "{out}"
    );
    // The same case file by file in the kept folder.
    let failed = (1..=7)
        .find(|n| {
            std::fs::read_to_string(kept.join(format!("case-{n}/actual")))
                .unwrap()
                .ends_with("extra\n")
        })
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(kept.join(format!("case-{failed}/input"))).unwrap(),
        input
    );
}

#[test]
fn a_crash_is_labelled_with_its_exit_code_or_signal_and_its_stderr() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    std::fs::write(
        work.path().join("crash.py"),
        "import sys\nfor line in sys.stdin:\n    a, b = line.split()\n    print(int(a) + int(b))\n",
    )
    .unwrap();
    let run = run_in(
        work.path(),
        home.path(),
        &[
            "check",
            "chk-token-bucket",
            "--seed",
            "5",
            "--",
            "python3",
            "crash.py",
        ],
    );
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    assert!(
        out.contains("crashed (exit 1): ValueError: invalid literal for int()"),
        "{out}"
    );
    assert!(!out.contains("wrong output"), "{out}");
    assert!(
        out.contains("First failure: malformed (crashed (exit 1))"),
        "{out}"
    );
    assert!(out.contains("  !   File \"crash.py\", line 4"), "{out}");
    assert!(!out.contains("sre-drill-check-"), "{out}");
    assert!(
        std::fs::read_to_string(home.path().join("check/last/stderr"))
            .unwrap()
            .contains("ValueError"),
    );

    let killed = check(
        home.path(),
        "chk-token-bucket",
        &[],
        &["sh", "-c", "kill -SEGV $$"],
    );
    for (name, verdict) in verdicts(&report(&killed)) {
        assert_eq!(verdict, "crashed (signal 11, SIGSEGV)", "{name}");
    }
}

#[test]
fn paths_in_messages_are_the_ones_the_user_typed() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let missing = run_in(
        work.path(),
        home.path(),
        &[
            "check",
            "chk-top-5xx-clients",
            "--",
            "python3",
            "src/missing.py",
        ],
    );
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains(&format!(
            "no such file: src/missing.py (paths are taken from the folder you ran the check in, {})",
            work.path().display()
        )),
        "{}",
        missing.stderr
    );
    assert!(
        missing.stdout.is_empty(),
        "nothing runs: {}",
        missing.stdout
    );

    std::fs::create_dir(work.path().join("src")).unwrap();
    std::fs::write(
        work.path().join("src/top.py"),
        "print(open('acces.log').read())\n",
    )
    .unwrap();
    let run = run_in(
        work.path(),
        home.path(),
        &[
            "check",
            "chk-top-5xx-clients",
            "--",
            "python3",
            "src/top.py",
        ],
    );
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    assert!(
        out.contains("No such file or directory: 'acces.log'"),
        "{out}"
    );
    assert!(out.contains("File \"src/top.py\", line 1"), "{out}");
    assert!(!out.contains("sre-drill-check-"), "{out}");
    assert!(!out.contains(&work.path().display().to_string()), "{out}");
}

#[test]
fn a_standalone_check_is_logged_as_an_attempt_without_a_rubric_unless_no_log() {
    let home = tempfile::tempdir().unwrap();
    let good = solution("meminfo", "good");
    let passed = run_plain(
        home.path(),
        &["check", "chk-meminfo", "--", "python3", &good],
        "",
    );
    assert_eq!(passed.code, 0, "{}", passed.stderr);
    assert!(
        passed.stdout.contains(&format!(
            "Logged to {} as an attempt of chk-meminfo: grade 3 Good (every case passed; --no-log skips this).",
            home.path().join("history.jsonl").display()
        )),
        "{}",
        passed.stdout
    );
    let failed = run_plain(
        home.path(),
        &["check", "chk-meminfo", "--", "sh", "-c", "cat meminfo"],
        "",
    );
    assert_eq!(failed.code, 1);
    let quiet = run_plain(
        home.path(),
        &["check", "chk-meminfo", "--no-log", "--", "python3", &good],
        "",
    );
    assert_eq!(quiet.code, 0);
    assert!(!quiet.stdout.contains("Logged"), "{}", quiet.stdout);

    let records = support::records(home.path());
    assert_eq!(records.len(), 2, "--no-log wrote nothing: {records:?}");
    let (first, second) = (&records[0], &records[1]);
    assert_eq!(first["prompt"], "chk-meminfo");
    assert_eq!(first["category"], "coding");
    assert_eq!(first["grade"], 3);
    assert_eq!(
        first["rubric"],
        serde_json::json!({"covered": [], "total": 0})
    );
    assert_eq!(first["check"]["command"], format!("python3 {good}"));
    assert_eq!(first["check"]["passed"], 7);
    assert_eq!(second["grade"], 1);
    assert_eq!(second["check"]["command"], "sh -c 'cat meminfo'");
    assert_eq!(second["check"]["total"], 7);
    assert_ne!(first["session"], second["session"]);

    let shown = run_plain(home.path(), &["history", "show", "last"], "");
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(
        shown
            .stdout
            .contains("Grade 1 Again (computed from the check run) · no rubric reviewed"),
        "{}",
        shown.stdout
    );
    assert!(
        shown
            .stdout
            .contains("Checked: 0 of 7 cases passed with `sh -c 'cat meminfo'`"),
        "{}",
        shown.stdout
    );
    let stats = run_plain(home.path(), &["stats", "--json"], "");
    assert_eq!(stats.code, 0, "{}", stats.stderr);
    let stats: Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(stats["overall"]["attempts"], 2);
    assert_eq!(stats["overall"]["rubric_attempts"], 0);
}

#[test]
fn history_names_the_file_a_check_is_logged_to_and_json_says_so() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("elsewhere.jsonl");
    let file = file.display().to_string();
    let run = check(
        home.path(),
        "chk-meminfo",
        &["--history", &file],
        &["sh", "-c", "exit 4"],
    );
    assert_eq!(run.code, 1);
    let r = report(&run);
    assert_eq!(r["logged"]["history"], file.as_str());
    assert_eq!(r["logged"]["grade"], 1);
    assert!(!home.path().join("history.jsonl").exists());
    let logged = std::fs::read_to_string(&file).unwrap();
    assert_eq!(logged.lines().count(), 1);
    let quiet = check(
        home.path(),
        "chk-meminfo",
        &["--no-log"],
        &["sh", "-c", "exit 4"],
    );
    assert_eq!(report(&quiet)["logged"], Value::Null);
}
