//! `sre-drill story`: `story add` writes the user's story to `stories.yaml` (atomically,
//! never over a file with a problem, one answer per line without a terminal), `story`
//! drills the stories as timed `behavioural` prompts whose attempts are ordinary history
//! records, and `story list` lists them.

use std::fs;
use std::path::{Path, PathBuf};

#[cfg(unix)]
mod support;

use support::{Plain, records, run_plain};

fn stories(home: &Path) -> PathBuf {
    home.join("stories.yaml")
}

/// The answers for one story, one line per protocol line.
const DISK_FULL: &str = "\
Checkout went down when the disk filled

Black Friday, 14:00: checkout returned 500s to 3% of customers.
.
Get checkout back without losing orders.
.
I found the deleted log that the app held open and truncated it.
I wrote the missing logrotate rule the same day.
.
Checkout was back 12 minutes after the page.
.
12 minutes
3% of checkouts

Every service gets a logrotate rule and a disk alert at 80%.
.
linux, on-call, incident response
";

const DISK_FULL_YAML: &str = "\
# Your own stories for behavioural questions, written by `sre-drill story add`.
# Edit them freely; keep each id: your history refers to it. `sre-drill story` drills them.
stories:
  - id: story-checkout-went-down-when-the-disk-filled
    title: Checkout went down when the disk filled
    situation: \"Black Friday, 14:00: checkout returned 500s to 3% of customers.\"
    task: Get checkout back without losing orders.
    action: |-
      I found the deleted log that the app held open and truncated it.
      I wrote the missing logrotate rule the same day.
    result: Checkout was back 12 minutes after the page.
    numbers: [12 minutes, 3% of checkouts]
    learned: Every service gets a logrotate rule and a disk alert at 80%.
    topics: [linux, on-call, incident response]
";

const ID: &str = "story-checkout-went-down-when-the-disk-filled";

fn add(home: &Path, stdin: &str) -> Plain {
    run_plain(home, &["story", "add"], stdin)
}

/// A story told in plain mode: the answer, the points line, the grade, an empty note.
fn tell(home: &Path, args: &[&str], answer: &str, grade: u8) -> Plain {
    let mut all = vec!["story", "--follow-ups", "0"];
    all.extend_from_slice(args);
    run_plain(home, &all, &format!("{answer}\n.\nauto\n{grade}\n\n"))
}

#[test]
fn story_add_writes_the_story_with_a_stable_id_and_list_shows_it() {
    let home = tempfile::tempdir().unwrap();
    let run = add(home.path(), DISK_FULL);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = stories(home.path());
    assert_eq!(
        run.stdout,
        format!(
            "Added '{ID}' to {}.\nTell it against the clock: sre-drill story (only this one: sre-drill drill {ID})\n",
            file.display()
        )
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), DISK_FULL_YAML);

    let list = run_plain(home.path(), &["story", "list", "--json"], "");
    assert_eq!(list.code, 0, "{}", list.stderr);
    let listed: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(listed[0]["id"], ID);
    assert_eq!(listed[0]["numbers"][1], "3% of checkouts");
    assert_eq!(listed[0]["topics"][2], "incident response");
    assert_eq!(listed[0]["attempts"], 0);

    let text = run_plain(home.path(), &["story", "list"], "");
    assert!(text.stdout.contains(ID), "{}", text.stdout);
    assert!(text.stdout.contains("not told yet"), "{}", text.stdout);
}

#[test]
fn the_questions_come_in_the_order_story_add_help_documents() {
    let home = tempfile::tempdir().unwrap();
    let run = add(home.path(), DISK_FULL);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let asked: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|l| l.split([':', ' ', ',']).next())
        .filter(|w| !w.is_empty())
        .collect();
    assert_eq!(
        asked,
        [
            "Title",
            "Id",
            "Situation",
            "Task",
            "Action",
            "Result",
            "Numbers",
            "Learned",
            "Topics"
        ],
        "{}",
        run.stderr
    );
    let help = run_plain(home.path(), &["story", "add", "--help"], "");
    let documented: Vec<&str> = help
        .stdout
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let (n, rest) = l.split_once(". ")?;
            n.parse::<u8>().ok()?;
            rest.split_whitespace().next()
        })
        .collect();
    assert_eq!(
        documented,
        [
            "title",
            "id",
            "situation",
            "task",
            "action",
            "result",
            "numbers",
            "learned",
            "topics"
        ]
    );
}

#[test]
fn an_empty_action_or_a_taken_id_gets_a_complaint_and_the_question_again() {
    let home = tempfile::tempdir().unwrap();
    assert_eq!(add(home.path(), DISK_FULL).code, 0);
    // The same title suggests a free id; typing the taken one is refused first.
    let second = DISK_FULL
        .replacen("\n\n", &format!("\n{ID}\n\n"), 1)
        .replacen("I found the deleted log", ".\nI found the deleted log", 1);
    let run = add(home.path(), &second);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "sre-drill: the id '{ID}' is already used by 'Checkout went down when the disk filled' in"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("sre-drill: the action cannot be empty"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains(&format!("Added '{ID}-2'")),
        "{}",
        run.stdout
    );
    let list = run_plain(home.path(), &["story", "list", "--json"], "");
    let listed: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

#[test]
fn input_that_ends_early_writes_nothing_and_names_the_question() {
    let home = tempfile::tempdir().unwrap();
    let cut: String = DISK_FULL.lines().take(10).flat_map(|l| [l, "\n"]).collect();
    let run = add(home.path(), &cut);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "sre-drill: input ended at the question 'Result: how it ended' before the story was complete; nothing was written (`sre-drill story add --help` lists the lines to give)"
        ),
        "{}",
        run.stderr
    );
    assert!(!stories(home.path()).exists());
}

#[test]
fn a_stories_file_with_a_problem_is_one_error_naming_it_and_is_never_touched() {
    let home = tempfile::tempdir().unwrap();
    let file = stories(home.path());
    let broken =
        "stories:\n  - id: story-a\n    titel: A\n    situation: s\n    action: a\n    result: r\n";
    fs::write(&file, broken).unwrap();
    let expected = format!(
        "sre-drill: {}:3:5: unknown field `titel` in a story; did you mean `title`?",
        file.display()
    );
    let run = add(home.path(), DISK_FULL);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.starts_with(&expected), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("story add will not change the file until it is fixed"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("Title"),
        "no question was asked: {}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), broken);

    for args in [&["story"][..], &["story", "list"]] {
        let run = run_plain(home.path(), args, "");
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with(&expected), "{}", run.stderr);
    }
    // Everything else still works, with one warning.
    let list = run_plain(home.path(), &["list", "--category", "behavioural"], "");
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(
        list.stderr
            .contains("your stories are left out until it is fixed"),
        "{}",
        list.stderr
    );
}

#[test]
fn a_second_story_is_appended_and_the_file_keeps_every_byte_it_had() {
    let home = tempfile::tempdir().unwrap();
    let file = stories(home.path());
    let mine = "# my stories\nstories:\n  # the first one, written by hand\n  - id: story-first\n    title: The first\n    situation: s\n    action: I did it.\n    result: It worked.\n";
    fs::write(&file, mine).unwrap();
    let run = add(home.path(), DISK_FULL);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.starts_with(mine), "{text}");
    let list = run_plain(home.path(), &["story", "list", "--json"], "");
    let listed: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["story-first", ID]);
    let names: Vec<String> = fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "cache")
        .collect();
    assert_eq!(names, ["stories.yaml"], "no temp file is left behind");
}

#[test]
fn a_folder_that_cannot_be_written_fails_before_any_question() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    fs::create_dir(&data).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o555)).unwrap();
    let out = support::as_ordinary_user(home.path())
        .env("SRE_DRILL_HOME", &data)
        .args(["story", "add"])
        .write_stdin(DISK_FULL)
        .output()
        .unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("Title"), "no question was asked: {stderr}");
    assert!(!stories(&data).exists());
}

#[test]
fn a_told_story_is_an_ordinary_timed_behavioural_attempt_that_every_review_counts() {
    let home = tempfile::tempdir().unwrap();
    assert_eq!(add(home.path(), DISK_FULL).code, 0);
    let run = tell(
        home.path(),
        &["--count", "1"],
        "Black Friday, customers got 500s. I found the deleted log and truncated it. Back in 12 minutes. I learned to add rotation.",
        3,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("Time box 3:00"),
        "timed by default: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("* Says in \"I\" what you did yourself"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Model answer: your story as you wrote it"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("suggested points: 1 2 3 4"),
        "the rubric hears the story: {}",
        run.stderr
    );
    let lines = records(home.path());
    assert_eq!(lines.len(), 1);
    let a = &lines[0];
    assert_eq!(a["v"], 3);
    assert_eq!(a["prompt"], ID);
    assert_eq!(a["category"], "behavioural");
    assert_eq!(a["timed"], true);
    assert_eq!(a["time_box_secs"], 180);
    assert_eq!(a["grade"], 3);
    let tags: Vec<&str> = a["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(
        tags,
        ["linux", "on-call", "incident-response", "operating-systems"]
    );

    let stats = run_plain(home.path(), &["stats", "--json"], "");
    let stats: serde_json::Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(stats["categories"][0]["name"], "behavioural", "{stats}");
    assert_eq!(stats["categories"][0]["attempts"], 1);
    let due = run_plain(home.path(), &["due", "--json"], "");
    let due: serde_json::Value = serde_json::from_str(&due.stdout).unwrap();
    assert_eq!(due["upcoming"][0]["prompt"], ID, "{due}");
    assert_eq!(due["not_in_bank"], 0);
    let plan = run_plain(home.path(), &["plan", "--json"], "");
    let plan: serde_json::Value = serde_json::from_str(&plan.stdout).unwrap();
    assert!(
        plan["areas"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["tag"] == "on-call"),
        "{plan}"
    );
    let list = run_plain(home.path(), &["story", "list", "--json"], "");
    let listed: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(listed[0]["attempts"], 1);
    assert_eq!(listed[0]["last_grade"], 3);

    let untimed = tell(home.path(), &["--count", "1", "--untimed"], "again", 2);
    assert_eq!(untimed.code, 0, "{}", untimed.stderr);
    let lines = records(home.path());
    assert_eq!(lines[1]["timed"], false);
    assert_eq!(lines[1]["prompt"], ID);
}

#[test]
fn without_stories_story_says_how_to_start_and_all_drills_the_banks_behavioural_prompts() {
    let home = tempfile::tempdir().unwrap();
    let run = run_plain(home.path(), &["story"], "");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("write one with `sre-drill story add`"),
        "{}",
        run.stderr
    );
    let list = run_plain(home.path(), &["story", "list"], "");
    assert_eq!(list.code, 0);
    assert!(
        list.stdout.starts_with("No stories yet in "),
        "{}",
        list.stdout
    );

    let all = tell(
        home.path(),
        &["--all", "--count", "1", "--seed", "3"],
        "I did it",
        2,
    );
    assert_eq!(all.code, 0, "{}", all.stderr);
    let lines = records(home.path());
    assert_eq!(lines[0]["category"], "behavioural");
    assert!(
        lines[0]["prompt"].as_str().unwrap().starts_with("beh-"),
        "{}",
        lines[0]["prompt"]
    );
}

#[test]
fn story_all_mixes_the_stories_with_the_banks_prompts() {
    let home = tempfile::tempdir().unwrap();
    assert_eq!(add(home.path(), DISK_FULL).code, 0);
    let answers = "I did it\n.\n\n3\n\n".repeat(18);
    let run = run_plain(
        home.path(),
        &[
            "story",
            "--all",
            "--count",
            "18",
            "--follow-ups",
            "0",
            "--untimed",
        ],
        &answers,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let prompts: Vec<String> = records(home.path())
        .iter()
        .map(|r| r["prompt"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(prompts.len(), 18);
    assert!(prompts.contains(&ID.to_owned()), "{prompts:?}");
    assert!(prompts.iter().all(|p| p.starts_with("beh-") || p == ID));
}

/// `story add` and `story` on a terminal, driven through a pseudo-terminal.
#[cfg(unix)]
mod on_a_terminal {
    use std::fs;

    use expectrl::Expect;

    use super::support::{Pty, at, expect_exit_and_sane_terminal, pause, spawn};

    fn answer(s: &mut Pty, question: &str, keys: &[&str]) {
        s.expect(question).unwrap();
        for key in keys {
            pause();
            s.send(key).unwrap();
        }
    }

    #[test]
    fn typed_answers_write_the_story_after_a_preview_and_story_tells_it_against_the_clock() {
        let home = tempfile::tempdir().unwrap();
        let mut s = spawn(home.path(), &[], "story add");
        answer(&mut s, "Title", &["The evicted pods\r"]);
        answer(&mut s, "story-the-evicted-pods", &["\r"]);
        answer(
            &mut s,
            "Situation",
            &[
                "Pods of the search service were evicted every night.\r",
                ".\r",
            ],
        );
        answer(&mut s, "Task", &[".\r"]);
        answer(
            &mut s,
            "Action",
            &["I read the kubelet logs and set memory requests.\r", ".\r"],
        );
        answer(&mut s, "Result", &["No eviction since.\r", ".\r"]);
        answer(&mut s, "Numbers", &["0 evictions in 90 days\r", "\r"]);
        answer(&mut s, "Learned", &["Requests are a promise.\r", ".\r"]);
        answer(&mut s, "Topics", &["k8s, on-call\r"]);
        s.expect("- id: story-the-evicted-pods").unwrap();
        answer(&mut s, "Add this story", &["\r"]);
        s.expect("Added 'story-the-evicted-pods'").unwrap();
        expect_exit_and_sane_terminal(&mut s, 0);
        let yaml = fs::read_to_string(home.path().join("stories.yaml")).unwrap();
        assert!(
            yaml.ends_with(
                "  - id: story-the-evicted-pods\n    title: The evicted pods\n    situation: Pods of the search service were evicted every night.\n    action: I read the kubelet logs and set memory requests.\n    result: No eviction since.\n    numbers: [0 evictions in 90 days]\n    learned: Requests are a promise.\n    topics: [k8s, on-call]\n"
            ),
            "{yaml}"
        );

        let mut s = spawn(home.path(), &[], "story --follow-ups 0");
        s.expect("The evicted pods").unwrap();
        // Half a minute to plan in silence; Enter starts the three minutes.
        s.expect("Plan in silence").unwrap();
        pause();
        s.send("\r").unwrap();
        s.expect("Type notes").unwrap();
        s.expect("2:5").unwrap();
        pause();
        s.send("I set memory requests on the search pods\r")
            .unwrap();
        pause();
        s.send(".\r").unwrap();
        s.expect("your story as you wrote it").unwrap();
        s.expect("Rubric: what a strong answer covers").unwrap();
        pause();
        s.send("\r").unwrap();
        at(&mut s, "Grade", "\r");
        at(&mut s, "Next time I would", "\r");
        s.expect("Logged to").unwrap();
        expect_exit_and_sane_terminal(&mut s, 0);
        let lines = super::records(home.path());
        assert_eq!(lines[0]["prompt"], "story-the-evicted-pods");
        assert_eq!(lines[0]["timed"], true);
    }
}

#[test]
fn a_story_gets_no_scenario_from_add() {
    let home = tempfile::tempdir().unwrap();
    assert_eq!(add(home.path(), DISK_FULL).code, 0);
    let before = fs::read_to_string(stories(home.path())).unwrap();
    let run = run_plain(home.path(), &["add", "--scenario", ID], ".\n");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains(&format!("'{ID}' is one of your stories, which you tell")),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(stories(home.path())).unwrap(), before);
}
