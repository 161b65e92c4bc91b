//! Mock interviews with a partner (SPEC §13): the interviewer's sheet, the plain
//! protocol, the candidate's records with `graded_by`, ticks and pitfalls, the feedback
//! letter, `history show --markdown`, and `stats --graded-by`.

mod support;

use std::path::Path;

use support::{attempts as attempts_of, of_kind, records, run_plain};

/// The input documented in `interview --help`: two prompts, one follow-up each.
const TWO_PROMPTS: &str = r"df -i\n?\n.\n1 2\n3\n2\ninodes first\nalerts\n.\n3\n.\n\n\n1\n\n.\n1\n";

fn unescape(s: &str) -> String {
    s.replace(r"\n", "\n")
}

fn interview(home: &Path, extra: &[&str], stdin: &str) -> support::Plain {
    let mut args = vec![
        "interview",
        "ts-build-disk-full-df-free",
        "tsv-overload-after-failover",
        "--partner",
        "Sam",
        "--follow-ups",
        "1",
        "--seed",
        "1",
    ];
    args.extend_from_slice(extra);
    run_plain(home, &args, stdin)
}

#[test]
fn the_help_documents_the_plain_protocol_with_the_example_these_tests_run() {
    let home = tempfile::tempdir().unwrap();
    let help = run_plain(home.path(), &["interview", "--help"], "");
    assert_eq!(help.code, 0);
    for line in [
        "1. notes",
        "2. points",
        "3. pitfalls",
        "4. grade",
        "5. note",
        "6. follow-ups",
    ] {
        assert!(help.stdout.contains(line), "{line} in\n{}", help.stdout);
    }
    assert!(help.stdout.contains(TWO_PROMPTS), "{}", help.stdout);
    assert!(help.stdout.contains(
        "sre-drill interview ts-build-disk-full-df-free tsv-overload-after-failover \\\n      --partner Sam --follow-ups 1 --seed 1"
    ));
}

/// On a live screen the clock starts when the interviewer presses Enter after reading
/// the prompt out.
#[cfg(unix)]
fn start_the_clock(s: &mut support::Pty) {
    use expectrl::Expect;
    s.expect("press Enter to start the clock").unwrap();
    support::pause();
    s.send("\r").unwrap();
}

/// The sheet is compact: what to read out in full, then one row per rubric point
/// (must-haves starred) and pitfall, one row per scenario reply with its trigger in
/// plain words (no `~names`), and one line for the hints and the follow-ups.
#[test]
fn the_interviewers_sheet_reads_out_the_prompt_and_keeps_the_rest_to_one_row_each() {
    let home = tempfile::tempdir().unwrap();
    let run = interview(home.path(), &[], &unescape(TWO_PROMPTS));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sheet = run.stderr.split("Notes, one line each").next().unwrap();
    for part in [
        "interviewer: Sam",
        "Read this out:",
        "df -h shows the filesystem is only 41% used",
        "   2* Finds that the filesystem has run out of inodes, not blocks",
        "   1  Confirms the exact error",
        "p3 Wipes the whole cache while builds are reading it",
        "KEY inode / inodes → ",
        "RISKY (challenge them): reformat",
        "cause: inode exhaustion",
        "the screen says when to read out the events at 5:00",
        "3 hints (h gives the next, in order) · 1 follow-up after the grade",
    ] {
        assert!(
            sheet.contains(part),
            "{part:?} missing from the sheet:\n{sheet}"
        );
    }
    assert!(!sheet.contains('~'), "a ~name on the sheet:\n{sheet}");
    // A reply of several lines shows its first, and says there is more.
    assert!(sheet.contains("IUse% Mounted on …"), "{sheet}");
}

#[test]
fn plain_protocol_records_the_candidates_attempts_graded_by_the_partner() {
    let home = tempfile::tempdir().unwrap();
    let run = interview(home.path(), &[], &unescape(TWO_PROMPTS));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("Hint 1/3:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("suggested grade: 1 Again (missed a must-have")
    );
    assert!(run.stdout.contains("Logged to"), "{}", run.stdout);
    // The interviewer typed no answer to the second follow-up: nothing is suggested.
    assert!(!run.stderr.contains("no answer typed"), "{}", run.stderr);

    let lines = records(home.path());
    let attempts = of_kind(&lines, None);
    let follow_ups = of_kind(&lines, Some("follow_up"));
    assert_eq!(attempts.len(), 2);
    assert_eq!(follow_ups.len(), 2);
    let first = attempts[0];
    assert_eq!(first["prompt"], "ts-build-disk-full-df-free");
    assert_eq!(first["graded_by"], "Sam");
    assert_eq!(first["answer"], "df -i");
    assert_eq!(first["hints_used"], 1);
    assert_eq!(first["rubric"]["covered"], serde_json::json!([1, 2]));
    assert_eq!(first["rubric"]["must_missed"], serde_json::json!([4]));
    let ticked: Vec<u64> = first["ticks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["point"].as_u64().unwrap())
        .collect();
    assert_eq!(ticked, vec![1, 2]);
    assert!(first["ticks"][0]["secs"].is_u64());
    assert_eq!(first["pitfalls_seen"], serde_json::json!([3]));
    assert_eq!(first["grade"], 2);
    assert_eq!(first["suggested_grade"], 1);
    // The attempt is on disk at its grade; the interviewer's note, then the
    // follow-up, follow as lines naming it.
    assert_eq!(first["note"], "");
    assert_eq!(lines[1]["kind"], "note");
    assert_eq!(lines[1]["attempt"], first["id"]);
    assert_eq!(lines[1]["note"], "inodes first");
    assert_eq!(lines[2]["kind"], "follow_up");
    assert_eq!(lines[2]["attempt"], first["id"]);
    assert_eq!(lines[2]["answer"], "alerts");
    assert_eq!(lines[2]["grade"], 3);
    assert_eq!(attempts_of(home.path())[0]["note"], "inodes first");
    let second = attempts[1];
    assert_eq!(second["graded_by"], "Sam");
    assert!(
        second.get("ticks").is_none(),
        "no ticks, no field: {second}"
    );
    assert!(second.get("pitfalls_seen").is_none());
}

#[test]
fn a_scenario_reply_is_shown_for_the_interviewer_to_read_out() {
    let home = tempfile::tempdir().unwrap();
    let run = run_plain(
        home.path(),
        &[
            "interview",
            "ts-build-disk-full-df-free",
            "--partner",
            "Sam",
            "--follow-ups",
            "0",
        ],
        "asks for the inode usage\n.\n2\n\n2\n\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("read out: Filesystem      Inodes"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("suggested points from the notes: 2"));
}

#[test]
fn a_bad_line_gets_one_sentence_and_the_same_question_again() {
    let home = tempfile::tempdir().unwrap();
    let run = run_plain(
        home.path(),
        &[
            "interview",
            "ts-build-disk-full-df-free",
            "--partner",
            "Sam",
            "--follow-ups",
            "0",
        ],
        ".\n9\n1\n7\n\n3\n\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("sre-drill: '9' is not a point number"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("sre-drill: '7' is not a pitfall list"),
        "{}",
        run.stderr
    );
    let r = &records(home.path())[0];
    assert_eq!(r["rubric"]["covered"], serde_json::json!([1]));
    assert!(r.get("pitfalls_seen").is_none());
}

#[test]
fn the_feedback_letter_names_the_missed_must_have_and_what_to_study() {
    let home = tempfile::tempdir().unwrap();
    let letter = home.path().join("ana.md");
    let run = interview(
        home.path(),
        &["--feedback", letter.to_str().unwrap()],
        &unescape(TWO_PROMPTS),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Feedback letter written to"));
    let text = std::fs::read_to_string(&letter).unwrap();
    for part in [
        "# Mock interview feedback",
        "Interviewer: Sam · 2 prompts · grades: 2 Hard, 1 Again",
        "## 1. No space left on device, but df shows free space (ts-build-disk-full-df-free)",
        "- Finds that the filesystem has run out of inodes, not blocks (must-have), at 0:",
        "**Missed** (5 of 7):\n- **Must-have:** Finds what creates the files and why they are not cleaned up",
        "**Pitfalls seen:**\n- Wipes the whole cache while builds are reading it",
        "*The files are in a cache the build tool needs. How do you clean it without breaking running builds?* Grade 3 Good.",
        "> alerts",
        "**Sam's notes while you answered:**\n\n> df -i",
        "**Sam's note for you:** inodes first",
        "1 hint given",
        "the ticks suggested 1 Again",
        "## What to study next",
        "the must-have \"Finds what creates the files and why they are not cleaned up, before deleting anything\" was missed.",
        "**Must-have:** Does the arithmetic",
    ] {
        assert!(
            text.contains(part),
            "{part:?} missing from the letter:\n{text}"
        );
    }
    // A resource from the map, as a Markdown link, for an area of a missed prompt.
    let study = text.split("## What to study next").nth(1).unwrap();
    assert!(study.contains("- [") && study.contains("](http"), "{study}");
    assert!(!text.contains('{'), "no template holes:\n{text}");

    // The same letter for the past session.
    let shown = run_plain(home.path(), &["history", "show", "last", "--markdown"], "");
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert_eq!(shown.stdout, text);
}

#[test]
fn self_graded_records_stay_as_they_were_and_stats_tell_the_graders_apart() {
    let home = tempfile::tempdir().unwrap();
    // Self-graded: a drill of the same prompt, graded 4.
    let drill = run_plain(
        home.path(),
        &["drill", "ts-build-disk-full-df-free", "--follow-ups", "0"],
        "inodes\n.\nall\n4\n\n",
    );
    assert_eq!(drill.code, 0, "{}", drill.stderr);
    let own = &records(home.path())[0];
    for field in ["graded_by", "ticks", "pitfalls_seen"] {
        assert!(
            own.get(field).is_none(),
            "{field} in a self-graded record: {own}"
        );
    }
    let own_letter = run_plain(home.path(), &["history", "show", "last", "--markdown"], "");
    assert!(
        own_letter.stdout.starts_with("# Practice session feedback")
            && own_letter.stdout.contains("Self-graded · 1 prompt")
            && own_letter.stdout.contains("**Your answer:**\n\n> inodes"),
        "{}",
        own_letter.stdout
    );
    let run = interview(home.path(), &[], &unescape(TWO_PROMPTS));
    assert_eq!(run.code, 0, "{}", run.stderr);

    let attempts = |args: &[&str]| {
        let mut all = vec!["stats", "--json"];
        all.extend_from_slice(args);
        let out = run_plain(home.path(), &all, "");
        assert_eq!(out.code, 0, "{}", out.stderr);
        serde_json::from_str::<serde_json::Value>(&out.stdout).unwrap()
    };
    assert_eq!(attempts(&["--graded-by", "self"])["attempts"], 1);
    assert_eq!(attempts(&["--graded-by", "partner"])["attempts"], 2);
    assert_eq!(attempts(&["--graded-by", "SAM"])["attempts"], 2);
    assert_eq!(attempts(&["--graded-by", "kim"])["attempts"], 0);

    let all = attempts(&[]);
    let graders = &all["graders"][0];
    assert_eq!(graders["category"], "troubleshooting");
    assert_eq!(graders["self_attempts"], 1);
    assert_eq!(graders["self_average"], 4.0);
    assert_eq!(graders["partner_attempts"], 2);
    assert_eq!(graders["partner_average"], 1.5);
    assert_eq!(graders["difference"], 2.5);
    assert!(attempts(&["--graded-by", "self"]).get("graders").is_none());

    let text = run_plain(home.path(), &["stats"], "");
    assert!(
        text.stdout.contains("Self against partner")
            && text
                .stdout
                .contains("self 4.0 over 1 attempt, partner 1.5 over 2 attempts")
            && text.stdout.contains("you are kinder to yourself"),
        "{}",
        text.stdout
    );
    let none = run_plain(home.path(), &["stats", "--graded-by", "kim"], "");
    assert_eq!(none.code, 0);
    assert!(
        none.stdout.contains("No attempt is graded by kim"),
        "{}",
        none.stdout
    );
}

#[test]
fn bad_partner_names_and_feedback_folders_are_refused_before_the_interview() {
    let home = tempfile::tempdir().unwrap();
    let run = run_plain(home.path(), &["interview", "--partner", "self"], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--partner 'self'"), "{}", run.stderr);
    let run = run_plain(
        home.path(),
        &[
            "interview",
            "--partner",
            "Sam",
            "--feedback",
            "/no/such/folder/a.md",
        ],
        "",
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("the folder /no/such/folder does not exist"),
        "{}",
        run.stderr
    );
    let run = run_plain(
        home.path(),
        &["interview", "ts-inodes-exhaustd", "--partner", "Sam"],
        "",
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("did you mean `ts-build-disk-full-df-free`"),
        "{}",
        run.stderr
    );
    assert!(records(home.path()).is_empty());
}

/// The words of `text` as the screen may show them: wrapped anywhere, each line painted.
#[cfg(unix)]
fn wrapped(text: &str) -> expectrl::Regex<String> {
    let words: Vec<String> = text.split(' ').map(regex::escape).collect();
    expectrl::Regex(words.join(r"(?:\s|\x1b\[[0-9;]*m)+"))
}

/// The live screen: a line `2` ticks at once with the time while the countdown runs,
/// `p3` marks a pitfall, `h` gives a hint, any other line is a note (and a scenario
/// question shows the reply to read out); the terminal is restored afterwards.
#[cfg(unix)]
#[test]
fn on_a_terminal_the_interviewer_ticks_points_live_under_the_countdown() {
    use expectrl::Expect;
    use support::{at, expect_exit_and_sane_terminal, pause, spawn};

    let home = tempfile::tempdir().unwrap();
    let letter = home.path().join("letter.md");
    let mut s = spawn(
        home.path(),
        &[],
        &format!(
            "interview ts-build-disk-full-df-free --partner Sam --timed --time 1m --follow-ups 0 --feedback '{}'",
            letter.display()
        ),
    );
    s.expect("Read this out:").unwrap();
    start_the_clock(&mut s);
    s.expect(wrapped("Type a line, then Enter: 1-7 ticks that point"))
        .unwrap();
    s.expect(wrapped("any other line is a note")).unwrap();
    s.expect("left").unwrap();
    pause();
    s.send("2\r").unwrap();
    s.expect(expectrl::Regex(
        r"✓ 2 at 0:0\d [^\n]*Finds that the filesystem has run out of inodes",
    ))
    .unwrap();
    s.expect("ticked 1/7 [2]").unwrap();
    pause();
    s.send("p3\r").unwrap();
    s.expect("! pitfall 3 at").unwrap();
    pause();
    s.send("h\r").unwrap();
    s.expect("Hint 1/3 given").unwrap();
    pause();
    s.send("asks for inode usage\r").unwrap();
    s.expect("read out:").unwrap();
    s.expect("IUse%").unwrap();
    pause();
    s.send(".\r").unwrap();
    s.expect("Ticked 1 of 7 points (2)").unwrap();
    s.expect("pitfalls seen: 3; hints given: 1").unwrap();
    s.expect("Suggested: ").unwrap();
    at(&mut s, "Grade for the candidate", "\r");
    at(&mut s, "Note for the candidate", "find the prune job\r");
    s.expect("Logged to").unwrap();
    s.expect("Feedback letter written").unwrap();
    expect_exit_and_sane_terminal(&mut s, 0);

    let r = &attempts_of(home.path())[0];
    assert_eq!(r["graded_by"], "Sam");
    assert_eq!(r["ticks"].as_array().unwrap().len(), 1);
    assert_eq!(r["ticks"][0]["point"], 2);
    assert!(r["ticks"][0]["secs"].as_u64().unwrap() < 60);
    assert_eq!(r["pitfalls_seen"], serde_json::json!([3]));
    assert_eq!(r["hints_used"], 1);
    assert_eq!(r["answer"], "asks for inode usage");
    assert_eq!(r["note"], "find the prune job");
    let text = std::fs::read_to_string(&letter).unwrap();
    assert!(
        text.contains("**Must-have:** Finds what creates the files"),
        "{text}"
    );
}

/// The notes of the issue: on the old screen `3` of "30 seconds ..." unticked a point
/// and `h` of "how long ..." gave a hint, and the notes were kept without their first
/// letter. A note is a whole line: typed whole, it reaches the record and the letter
/// whole, while the same characters alone on a line are still commands.
#[cfg(unix)]
#[test]
fn on_a_terminal_a_note_that_starts_like_a_command_is_kept_whole() {
    use expectrl::Expect;
    use support::{at, expect_exit_and_sane_terminal, pause, spawn};

    const STOP: &str = "30 seconds stop means SIGKILL";
    const GRACE: &str = "how long is the grace period?";
    let home = tempfile::tempdir().unwrap();
    let letter = home.path().join("letter.md");
    let mut s = spawn(
        home.path(),
        &[],
        &format!(
            "interview ts-build-disk-full-df-free --partner Sam --timed --time 5m --follow-ups 0 --feedback '{}'",
            letter.display()
        ),
    );
    start_the_clock(&mut s);
    s.expect(wrapped("any other line is a note")).unwrap();
    s.expect("left").unwrap();
    pause();
    s.send("3\r").unwrap();
    s.expect("✓ 3 at").unwrap();
    pause();
    // Typed a key at a time, as a person types.
    for note in [STOP, GRACE] {
        for c in note.chars() {
            s.send(c.to_string()).unwrap();
        }
        pause();
        s.send("\r").unwrap();
        s.expect(wrapped(&format!("│ {note}"))).unwrap();
        pause();
    }
    s.send("p2\r").unwrap();
    s.expect("! pitfall 2 at").unwrap();
    pause();
    s.send(".\r").unwrap();
    let ended = s.expect("Ticked 1 of 7 points (3)").unwrap();
    let screen = String::from_utf8_lossy(ended.before()).to_string();
    assert!(
        !screen.contains("unticked"),
        "a note unticked a point:\n{screen}"
    );
    assert!(!screen.contains("Hint 1/"), "a note gave a hint:\n{screen}");
    at(&mut s, "Grade for the candidate", "\r");
    at(&mut s, "Note for the candidate", "\r");
    s.expect("Feedback letter written").unwrap();
    expect_exit_and_sane_terminal(&mut s, 0);

    let r = &attempts_of(home.path())[0];
    assert_eq!(r["answer"], format!("{STOP}\n{GRACE}"));
    assert_eq!(r["rubric"]["covered"], serde_json::json!([3]));
    assert_eq!(r["pitfalls_seen"], serde_json::json!([2]));
    assert_eq!(r["hints_used"], 0);
    let text = std::fs::read_to_string(&letter).unwrap();
    for note in [STOP, GRACE] {
        assert!(text.contains(&format!("> {note}")), "{note:?} in\n{text}");
    }
}

/// A follow-up in an interview is answered aloud: the interviewer is asked in words
/// meant for them, and the grade menu does not open on 1 Again "no answer typed" (the
/// interviewer types no answer); nothing is suggested, and the grade is the one chosen.
#[cfg(unix)]
#[test]
fn on_a_terminal_a_follow_up_answered_aloud_is_not_suggested_the_worst_grade() {
    use expectrl::Expect;
    use support::{at, expect_exit_and_sane_terminal, pause, spawn};

    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(
        home.path(),
        &[],
        "interview ts-build-disk-full-df-free --partner Sam --follow-ups 1 --seed 1",
    );
    start_the_clock(&mut s);
    s.expect(wrapped("any other line is a note")).unwrap();
    pause();
    s.send(".\r").unwrap();
    at(&mut s, "Grade for the candidate", "\r");
    at(&mut s, "Note for the candidate", "\r");
    s.expect("Follow-up 1/1").unwrap();
    s.expect(wrapped(
        "The candidate answered aloud? Press Enter on the empty line when they are done.",
    ))
    .unwrap();
    // Past the moment in which an Enter is taken as meant for the screen before.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    s.send("\r").unwrap();
    let menu = s
        .expect("Grade for the candidate's answer to this follow-up")
        .unwrap();
    let screen = String::from_utf8_lossy(menu.before()).to_string();
    for wrong in [
        "no answer typed",
        "Suggested:",
        "Answering aloud?",
        "I missed",
    ] {
        assert!(!screen.contains(wrong), "{wrong:?} on\n{screen}");
    }
    assert!(
        screen.contains("No grade is suggested:"),
        "the menu's start is said not to be a suggestion:\n{screen}"
    );
    s.expect("missed the core of it").unwrap();
    pause();
    s.send("2").unwrap();
    pause();
    s.send("\r").unwrap();
    s.expect("Logged to").unwrap();
    expect_exit_and_sane_terminal(&mut s, 0);

    let follow_ups = of_kind(&records(home.path()), Some("follow_up"))
        .into_iter()
        .cloned()
        .collect::<Vec<_>>();
    assert_eq!(follow_ups.len(), 1);
    assert_eq!(follow_ups[0]["grade"], 2);
    assert!(
        follow_ups[0].get("suggested_grade").is_none(),
        "{}",
        follow_ups[0]
    );
}
