//! The real terminal, driven through a pseudo-terminal: typing under a live countdown,
//! overtime, Ctrl-C leaving the terminal usable with graded attempts kept, and no word
//! split across two rows at 40 and 100 columns.

#![cfg(unix)]

mod support;

use std::thread::sleep;
use std::time::Duration;

use expectrl::Expect;
use support::{
    Watched, answer_plainly, assert_no_word_split, at, attempts, expect_exit_and_sane_terminal,
    finish_answer, log_partial, pause, records, spawn,
};

#[test]
fn a_timed_answer_typed_under_the_countdown_is_kept_whole_and_overtime_is_logged() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(
        home.path(),
        &[],
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
    // The menu starts on the suggested grade; the user moves to the one they choose.
    let found = s.expect(expectrl::Regex("Suggested: ([1-4])")).unwrap();
    let suggested: usize = String::from_utf8_lossy(found.get(1).unwrap())
        .parse()
        .unwrap();
    s.expect("Grade").unwrap();
    pause();
    for _ in suggested..3 {
        s.send("\x1b[B").unwrap();
        pause();
    }
    s.send("\r").unwrap();
    s.expect("Next time I would").unwrap();
    pause();
    s.send("practise more\r").unwrap();
    s.expect("Logged to").unwrap();
    expect_exit_and_sane_terminal(&mut s, 0);

    let records = attempts(home.path());
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["answer"], "check the graphs first\nthen roll back");
    assert_eq!(r["timed"], true);
    assert_eq!(r["time_box_secs"], 2);
    assert!(r["overtime_secs"].as_u64().unwrap() >= 1, "{r}");
    assert_eq!(r["rubric"]["covered"], serde_json::json!([1]));
    assert_eq!(r["grade"], 3);
    assert!(r["suggested_grade"].as_u64().is_some_and(|g| g < 3), "{r}");
    assert_eq!(r["note"], "practise more");
}

#[test]
fn ctrl_c_mid_prompt_keeps_the_graded_attempt_restores_the_terminal_and_exits_130() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(home.path(), &[], "coding --count 2 --seed 9 --follow-ups 0");
    s.expect("[1/2] coding").unwrap();
    answer_plainly(&mut s, "first answer");

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
    let mut s = spawn(
        home.path(),
        &[],
        "reliability --count 1 --seed 2 --follow-ups 0",
    );
    at(&mut s, "Type notes", "error budget first\r");
    pause();
    s.send("\x03").unwrap();
    log_partial(&mut s);
    expect_exit_and_sane_terminal(&mut s, 130);

    let records = records(home.path());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["partial"], true);
    assert_eq!(records[0]["answer"], "error budget first");
}

#[test]
fn ctrl_c_in_the_grade_menu_still_offers_to_log_the_attempt() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(home.path(), &[], "coding --count 1 --seed 5 --follow-ups 0");
    finish_answer(&mut s, "answered, then stopped at the grade");
    pause();
    s.send("\r").unwrap();
    at(&mut s, "Grade", "\x03");
    log_partial(&mut s);
    expect_exit_and_sane_terminal(&mut s, 130);
    let records = records(home.path());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["partial"], true);
    assert_eq!(records[0]["answer"], "answered, then stopped at the grade");
}

#[test]
fn a_failing_editor_is_named_and_the_answer_is_typed_on_the_terminal_instead() {
    let home = tempfile::tempdir().unwrap();
    // VISUAL set but empty falls through to EDITOR, which fails.
    let mut s = spawn(
        home.path(),
        &[("VISUAL", ""), ("EDITOR", "false")],
        "coding --count 1 --seed 5 --follow-ups 0 --editor",
    );
    s.expect("your editor `false` failed (exit status 1); type your answer here instead")
        .unwrap();
    answer_plainly(&mut s, "typed after the editor failed");
    expect_exit_and_sane_terminal(&mut s, 0);
    let records = records(home.path());
    assert_eq!(records[0]["answer"], "typed after the editor failed");
}

#[test]
fn what_the_editor_saved_is_shown_before_the_rubric() {
    let home = tempfile::tempdir().unwrap();
    // An editor that writes two lines and exits, run as `sh FILE` like `EDITOR="code --wait"`.
    let editor = home.path().join("write-answer.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'look at the graphs\\nthen roll back\\n' > \"$1\"\n",
    )
    .unwrap();
    let mut s = spawn(
        home.path(),
        &[
            ("VISUAL", ""),
            ("EDITOR", &format!("sh {}", editor.display())),
        ],
        "coding --count 1 --seed 5 --follow-ups 0 --editor",
    );
    s.expect("You wrote:").unwrap();
    s.expect("look at the graphs").unwrap();
    s.expect("then roll back").unwrap();
    at(&mut s, "Space ticks", "\r");
    at(&mut s, "Grade", "\r");
    at(&mut s, "Next time I would", "\r");
    expect_exit_and_sane_terminal(&mut s, 0);
    let records = records(home.path());
    assert_eq!(records[0]["answer"], "look at the graphs\nthen roll back");
}

#[test]
fn the_interviewer_answers_under_the_line_and_the_rubric_opens_with_suggested_ticks() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(
        home.path(),
        &[],
        "drill tsv-office-slow-afternoons --timed --follow-ups 0",
    );
    if s.expect("Plan in silence").is_ok() {
        pause();
        s.send("\r").unwrap();
    }
    s.expect("The interviewer answers").unwrap();
    s.expect("left").unwrap();
    pause();
    s.send("since when has this been going on?\r").unwrap();
    s.expect("The first ticket is from").unwrap();
    pause();
    s.send("pull the wan link graph from the firewall\r")
        .unwrap();
    s.expect("Firewall WAN interface, last 7 days").unwrap();
    pause();
    s.send("is the coffee machine ok?\r").unwrap();
    s.expect("Nothing unusual").unwrap();
    pause();
    s.send(".\r").unwrap();
    s.expect("Debrief: key evidence found 1 of").unwrap();
    // The heading is fitted to the 80-column terminal: the short form.
    s.expect("(ticked: suggested").unwrap();
    s.expect("(you wrote: ").unwrap();
    pause();
    s.send("\r").unwrap();
    s.expect("Suggested: ").unwrap();
    at(&mut s, "Grade", "\r");
    at(&mut s, "Next time I would", "\r");
    s.expect("Logged to").unwrap();
    expect_exit_and_sane_terminal(&mut s, 0);

    let r = &records(home.path())[0];
    let lines: Vec<&str> = r["scenario"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["line"].as_str().unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            "since when has this been going on?",
            "pull the wan link graph from the firewall",
            "is the coffee machine ok?"
        ],
        "typing under the countdown kept every line whole"
    );
    assert_eq!(r["scenario"]["key_found"], 1);
    assert!(
        r["rubric"]["suggested"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
}

/// 200 lines of about 60 bytes: over 8 KiB, as a paste from notes arrives.
fn two_hundred_lines() -> Vec<String> {
    (1..=200)
        .map(|i| format!("line {i:03}: checked the dashboards and the recent deploys"))
        .collect()
}

#[test]
fn a_paste_of_200_lines_arrives_whole_and_keys_after_it_reach_the_answer() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(home.path(), &[], "coding --count 1 --seed 5 --follow-ups 0");
    s.expect("Type notes").unwrap();
    pause();
    let lines = two_hundred_lines();
    let text = lines.join("\r") + "\r";
    assert!(text.len() > 8 * 1024);
    // A terminal with bracketed paste on wraps the text in ESC[200~ .. ESC[201~.
    s.send(format!("\x1b[200~{text}\x1b[201~")).unwrap();
    pause();
    s.send("typed after the paste\r").unwrap();
    pause();
    s.send(".\r").unwrap();
    at(&mut s, "Space ticks", "\r");
    at(&mut s, "Grade", "\r");
    at(&mut s, "Next time I would", "\r");
    expect_exit_and_sane_terminal(&mut s, 0);
    let records = records(home.path());
    let mut expected = lines;
    expected.push("typed after the paste".to_owned());
    assert_eq!(records[0]["answer"], expected.join("\n"));
}

#[test]
fn typing_200_lines_at_full_speed_without_bracketed_paste_arrives_whole() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(home.path(), &[], "coding --count 1 --seed 5 --follow-ups 0");
    s.expect("Type notes").unwrap();
    pause();
    let lines = two_hundred_lines();
    s.send(lines.join("\r") + "\r").unwrap();
    pause();
    s.send(".\r").unwrap();
    at(&mut s, "Space ticks", "\r");
    at(&mut s, "Grade", "\r");
    at(&mut s, "Next time I would", "\r");
    expect_exit_and_sane_terminal(&mut s, 0);
    let records = records(home.path());
    assert_eq!(records[0]["answer"], lines.join("\n"));
}

#[test]
fn an_enter_pressed_as_the_planning_time_ends_does_not_end_the_answer() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(
        home.path(),
        &[],
        "troubleshooting --timed --count 1 --seed 3 --follow-ups 0",
    );
    s.expect("Press Enter to start answering").unwrap();
    pause();
    // One Enter to start, and a second one a moment later: the key a user presses
    // for the planning phase just as it ends on its own.
    s.send("\r").unwrap();
    s.expect("Answering aloud?").unwrap();
    s.send("\r").unwrap();
    pause();
    s.send("the deleted log is still held open\r").unwrap();
    pause();
    s.send(".\r").unwrap();
    s.expect("Answered in").unwrap();
    at(&mut s, "Rubric", "\r");
    at(&mut s, "Grade", "\r");
    at(&mut s, "Next time I would", "\r");
    expect_exit_and_sane_terminal(&mut s, 0);
    let record = records(home.path()).remove(0);
    assert_eq!(
        record["answer"].as_str().unwrap_or_default(),
        "the deleted log is still held open",
        "{record}"
    );
}

const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";

/// Finishes the answer, ticks nothing, and at the grade menu presses `keys`, each after
/// a pause, then Enter; leaves the note empty.
fn grade_with_keys(s: &mut support::Pty, answer: &str, keys: &[&str]) {
    finish_answer(s, answer);
    pause();
    s.send("\r").unwrap();
    s.expect("Grade").unwrap();
    for key in keys {
        pause();
        s.send(key).unwrap();
    }
    pause();
    s.send("\r").unwrap();
    at(s, "Next time I would", "\r");
}

#[test]
fn a_number_key_moves_the_grade_menu_to_that_grade_and_enter_confirms_it() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(home.path(), &[], "coding --count 1 --seed 5 --follow-ups 0");
    finish_answer(&mut s, "a short answer");
    pause();
    s.send("\r").unwrap();
    // Nothing ticked: the menu starts on the suggestion, not on 3 Good.
    let found = s.expect(expectrl::Regex("Suggested: ([1-4])")).unwrap();
    let suggested = String::from_utf8_lossy(found.get(1).unwrap()).into_owned();
    assert_ne!(suggested, "3", "the menu should start away from 3");
    s.expect("Grade").unwrap();
    // A number moves without confirming: `4` then `3` then Enter is 3.
    for key in ["4", "3", "\r"] {
        pause();
        s.send(key).unwrap();
    }
    s.expect("Next time I would").unwrap();
    pause();
    s.send("\r").unwrap();
    s.expect("Logged to").unwrap();
    expect_exit_and_sane_terminal(&mut s, 0);

    let records = attempts(home.path());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["grade"], 3, "{}", records[0]);
    assert_eq!(records[0]["suggested_grade"].to_string(), suggested);
}

#[test]
fn the_grade_menu_stops_at_4_easy_and_at_1_again_instead_of_wrapping() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(home.path(), &[], "coding --count 2 --seed 9 --follow-ups 0");
    s.expect("[1/2] coding").unwrap();
    // Five Downs from 4 Easy: wrapping would end on 1 Again.
    grade_with_keys(&mut s, "first answer", &["4", DOWN, DOWN, DOWN, DOWN, DOWN]);
    s.expect("[2/2] coding").unwrap();
    // Five Ups from 1 Again: wrapping would end on 4 Easy.
    grade_with_keys(&mut s, "second answer", &["1", UP, UP, UP, UP, UP]);
    s.expect("Logged to").unwrap();
    expect_exit_and_sane_terminal(&mut s, 0);

    let records = attempts(home.path());
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["answer"], "first answer");
    assert_eq!(records[0]["grade"], 4, "{}", records[0]);
    assert_eq!(records[1]["answer"], "second answer");
    assert_eq!(records[1]["grade"], 1, "{}", records[1]);
}

/// The widths every screen is checked at: a narrow side pane and a wide window.
const WIDTHS: [u16; 2] = [40, 100];

/// A wrong solution of the error-budget task, from the checker's own tests.
const WRONG_BUDGET: &str = "tests/check/error-budget/pitfall-1.py";

#[test]
fn a_scenario_drill_splits_no_word_at_40_or_100_columns() {
    for width in WIDTHS {
        let home = tempfile::tempdir().unwrap();
        let mut w = Watched::spawn(
            home.path(),
            width,
            "drill ts-k8s-orders-ledger-unavailable --follow-ups 0",
        );
        w.expect("Type notes");
        // Replies with rows of command output, a table, a long typed line and a hint.
        for line in [
            "what does orders log when it fails?",
            "run getent hosts ledger-peers from an orders pod, the way the JVM resolves it",
            "kubectl get networkpolicy -n shop and describe allow-dns-egress",
            "kubectl get endpoints ledger-peers and the hpa of ledger",
            "?",
        ] {
            w.send(&format!("{line}\r"));
        }
        w.expect("Hint");
        w.send(".\r");
        w.expect("Debrief");
        w.at("Rubric", "\r");
        w.at("Grade", "\r");
        w.at("Next time", "\r");
        w.expect("Logged");
        assert_no_word_split(&w.finish(0), usize::from(width));
    }
}

#[test]
fn an_interview_splits_no_word_at_40_or_100_columns() {
    for width in WIDTHS {
        let home = tempfile::tempdir().unwrap();
        let mut w = Watched::spawn(
            home.path(),
            width,
            "interview ts-k8s-orders-ledger-unavailable --partner Sam --follow-ups 0",
        );
        w.at("Read it out", "\r");
        w.expect("ticked");
        // A tick, a pitfall, a hint, notes that draw replies, the replies in full.
        for line in [
            "3",
            "p1",
            "h",
            "what does orders log when it fails?",
            "tcpdump port 53 while it resolves",
            "r",
        ] {
            w.send(&format!("{line}\r"));
        }
        w.expect("anything else");
        w.send(".\r");
        w.at("Grade", "\r");
        w.at("Note for", "\r");
        assert_no_word_split(&w.finish(0), usize::from(width));
    }
}

#[test]
fn check_and_its_list_split_no_word_at_40_or_100_columns() {
    for width in WIDTHS {
        let home = tempfile::tempdir().unwrap();
        let mut w = Watched::spawn(home.path(), width, "check --list");
        w.expect("checked prompts");
        assert_no_word_split(&w.finish(0), usize::from(width));

        let args = format!("check chk-error-budget --seed 42 -- python3 {WRONG_BUDGET}");
        let mut w = Watched::spawn(home.path(), width, &args);
        w.expect("Logged");
        assert_no_word_split(&w.finish(1), usize::from(width));
    }
}

#[test]
fn a_bang_check_in_a_drill_splits_no_word_at_40_or_100_columns() {
    for width in WIDTHS {
        let home = tempfile::tempdir().unwrap();
        let mut w = Watched::spawn(home.path(), width, "drill chk-error-budget --follow-ups 0");
        w.expect("Type notes");
        w.send(&format!("!check python3 {WRONG_BUDGET}\r"));
        w.expect("passed");
        w.send(".\r");
        w.at("Rubric", "\r");
        w.at("Grade", "\r");
        w.at("Next time", "\r");
        w.expect("Logged");
        assert_no_word_split(&w.finish(0), usize::from(width));
    }
}
