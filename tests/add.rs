//! `sre-drill add`: the plain-mode dialogue writes a prompt that `validate`, `list` and
//! `drill` accept, appends without touching what the file held, and never writes a
//! broken file.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;

#[cfg(unix)]
mod support;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn sre_drill(home: &Path, args: &[&str], stdin: &str) -> Run {
    let out = cargo_bin_cmd!("sre-drill")
        .env("SRE_DRILL_HOME", home)
        .env_remove("NO_COLOR")
        .args(args)
        .write_stdin(stdin)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn custom(home: &Path) -> PathBuf {
    home.join("drills/custom.yaml")
}

/// The answers for a design prompt, one line per protocol line.
const DESIGN: &str = "\
design
Design a URL shortener
design-url-shortener
senior
distributed-systems, databases
45
Design a service that turns long URLs into short ones.
Expect 100 million new links a month.
.
What is the read/write ratio?

Estimates reads and writes before choosing storage
Explains how short codes stay unique

Picks a database before knowing the load

How would you migrate to a new code format?

";

const DESIGN_YAML: &str = "\
prompts:
  - id: design-url-shortener
    title: Design a URL shortener
    category: design
    level: senior
    tags: [distributed-systems, databases]
    minutes: 45
    prompt: |-
      Design a service that turns long URLs into short ones.
      Expect 100 million new links a month.
    hints:
      - What is the read/write ratio?
    rubric:
      - Estimates reads and writes before choosing storage
      - Explains how short codes stay unique
    pitfalls:
      - Picks a database before knowing the load
    follow_ups:
      - How would you migrate to a new code format?
";

#[test]
fn plain_mode_writes_a_new_file_that_validate_list_and_drill_accept() {
    let home = tempfile::tempdir().unwrap();
    let run = sre_drill(home.path(), &["add"], DESIGN);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = custom(home.path());
    assert_eq!(
        run.stdout,
        format!(
            "Added 'design-url-shortener' to {}.\nPractise it: sre-drill drill design-url-shortener (or with the rest of its category: sre-drill drill design)\n",
            file.display()
        )
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), DESIGN_YAML);

    let check = sre_drill(home.path(), &["validate", file.to_str().unwrap()], "");
    assert_eq!(check.code, 0, "{}", check.stdout);

    let list = sre_drill(home.path(), &["list", "--category", "design", "--json"], "");
    let prompts: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    let mine = prompts
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "design-url-shortener")
        .expect("the new prompt is listed in its category");
    assert_eq!(mine["source"], file.display().to_string());

    let drill = sre_drill(
        home.path(),
        &["drill", "design-url-shortener", "--follow-ups", "0"],
        "notes\n.\nall\n3\n\n",
    );
    assert_eq!(drill.code, 0, "{}", drill.stderr);
    assert!(
        drill.stderr.contains("Design a URL shortener"),
        "{}",
        drill.stderr
    );
}

#[test]
fn the_questions_come_in_the_documented_order_on_stderr() {
    let home = tempfile::tempdir().unwrap();
    let run = sre_drill(home.path(), &["add"], DESIGN);
    let questions: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        questions,
        [
            "Category (coding, troubleshooting, reliability, design, behavioural, company, or your own, like linux-internals):",
            "Title (one line):",
            "Id, stable because history refers to it (empty for design-a-url-shortener):",
            "Level (entry, mid, senior) (empty for mid):",
            "Tags, like: networking, linux (may be empty):",
            "Time box in minutes (1-180) (empty for 45):",
            "Prompt text, as the interviewer would say it (end with a line `.`):",
            "Hints, shown only on request (one per line; an empty line ends):",
            "Rubric: what a strong answer covers, at least 2 (one per line; an empty line ends):",
            "Pitfalls an interviewer would note (one per line; an empty line ends):",
            "Follow-up questions (one per line; an empty line ends):",
            // Optional: these answers end here, so this is the last question asked.
            "Must-haves: numbers of the points an answer cannot miss, like `2` (1-2; may be empty):",
        ]
    );
}

#[test]
fn a_second_prompt_is_appended_and_the_file_keeps_every_byte_it_had() {
    let home = tempfile::tempdir().unwrap();
    let file = custom(home.path());
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    let before = "# My prompts, hand-written.\ncategory: design\nprompts:\n  # the first one\n  - id: design-chat\n    title: Design a chat service\n    level: mid\n    prompt: Design chat.\n    rubric: [Asks about fan-out, Estimates the load]\n";
    fs::write(&file, before).unwrap();
    let run = sre_drill(home.path(), &["add"], DESIGN);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::read_to_string(&file).unwrap();
    assert!(after.starts_with(before), "{after}");
    assert_eq!(
        &after[before.len()..],
        DESIGN_YAML.strip_prefix("prompts:\n").unwrap()
    );
    let list = sre_drill(home.path(), &["list", "--category", "design", "--json"], "");
    let prompts: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    let from_file = prompts
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["source"] != "built-in")
        .count();
    assert_eq!(from_file, 2, "the old prompt and the new one");
}

#[test]
fn a_list_at_column_one_followed_by_another_key_gets_the_item_in_the_right_place() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("team.yaml");
    let before = "prompts:\n- id: design-chat\n  title: Chat\n  level: mid\n  prompt: Design chat.\n  rubric: [Fan-out, Load]\n\ncategory: design\n";
    fs::write(&file, before).unwrap();
    let run = sre_drill(
        home.path(),
        &["add", "--file", file.to_str().unwrap()],
        DESIGN,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::read_to_string(&file).unwrap();
    assert!(after.ends_with("\ncategory: design\n"), "{after}");
    assert!(
        after.contains("\n- id: design-url-shortener\n  title:"),
        "{after}"
    );
    let check = sre_drill(home.path(), &["validate", file.to_str().unwrap()], "");
    assert_eq!(check.code, 0, "{}", check.stdout);
    // Outside the prompt folder: the hint says how to drill it.
    assert!(
        run.stdout.contains(&format!(
            "drill it with: sre-drill --bank {} drill design",
            home.path().display()
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn crlf_files_stay_crlf() {
    let home = tempfile::tempdir().unwrap();
    let file = custom(home.path());
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(
        &file,
        "prompts:\r\n  - id: design-chat\r\n    title: Chat\r\n    category: design\r\n    level: mid\r\n    prompt: Design chat.\r\n    rubric: [Fan-out, Load]\r\n",
    )
    .unwrap();
    let run = sre_drill(home.path(), &["add"], DESIGN);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::read_to_string(&file).unwrap();
    assert_eq!(after.matches('\n').count(), after.matches("\r\n").count());
    assert!(after.contains("\r\n  - id: design-url-shortener\r\n"));
}

#[test]
fn text_yaml_would_misread_is_quoted_or_put_in_a_block_and_reads_back_exactly() {
    let home = tempfile::tempdir().unwrap();
    let tricky_prompt = "key: value looks like YAML\n  - an indented dash\n\n# a hash at the start\n'quotes' and \"double\" and a trailing colon:";
    let answers = format!(
        "whiteboard\nyes\n\nmid\n\n\n{tricky_prompt}\n.\n- a dash first\n\n@at, *star & &amp\n\n\n\n"
    );
    let run = sre_drill(home.path(), &["add"], &answers);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let show = sre_drill(home.path(), &["show", "yes", "--json"], "");
    assert_eq!(show.code, 0, "{}", show.stderr);
    let prompt: serde_json::Value = serde_json::from_str(&show.stdout).unwrap();
    assert_eq!(prompt["title"], "yes");
    assert_eq!(prompt["prompt"], tricky_prompt);
    assert_eq!(prompt["hints"][0], "- a dash first");
    assert_eq!(prompt["rubric"][0], "@at, *star & &amp");
}

#[test]
fn a_company_prompt_asks_why_listen_for_and_red_flags() {
    let home = tempfile::tempdir().unwrap();
    let answers = "company\nWho fixes what breaks at night?\n\n\non-call\n\nWho is on call for the services you build?\n.\n\nShows whether developers own production.\nDevelopers are on call\nThere is a blameless review\n\nOnly ops is on call\n\n\n";
    let run = sre_drill(home.path(), &["add"], answers);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Listen for: good signs in their answer, at least 2")
    );
    assert!(!run.stderr.contains("Rubric"));
    let yaml = fs::read_to_string(custom(home.path())).unwrap();
    assert!(
        yaml.contains("    why: Shows whether developers own production.\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("    listen_for:\n      - Developers are on call\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("    red_flags:\n      - Only ops is on call\n"),
        "{yaml}"
    );
    assert!(yaml.contains("    minutes: 5\n"), "{yaml}");
}

#[test]
fn invalid_answers_get_a_complaint_and_the_same_question_again() {
    let home = tempfile::tempdir().unwrap();
    // Bad category, empty title, a built-in id, a bad level, minutes out of range,
    // an empty prompt, then a rubric that ends before its minimum.
    let answers = "\
Big Cat
troubleshooting

Disk full again
ts-build-disk-full-df-free
disk-full-again
expert
senior
linux
0
181
20
.
Only a line
.

Checks df and du

Checks for deleted open files



";
    let run = sre_drill(home.path(), &["add"], answers);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for complaint in [
        "sre-drill: 'Big Cat' is not a category name; use lower-case words joined by dashes",
        "sre-drill: the title cannot be empty",
        "sre-drill: the id 'ts-build-disk-full-df-free' is already used by the built-in prompt",
        "sre-drill: 'expert' is not a level; answer entry, mid or senior",
        "sre-drill: '0' is not a time box; give whole minutes from 1 to 180",
        "sre-drill: '181' is not a time box",
        "sre-drill: the prompt text cannot be empty",
        "sre-drill: 1 so far; at least 2 are needed, so add 1 more, one per line",
    ] {
        assert!(
            run.stderr.contains(complaint),
            "missing {complaint:?} in\n{}",
            run.stderr
        );
    }
    let yaml = fs::read_to_string(custom(home.path())).unwrap();
    assert!(yaml.contains("  - id: disk-full-again\n"), "{yaml}");
    assert!(
        yaml.contains(
            "    rubric:\n      - Checks df and du\n      - Checks for deleted open files\n"
        ),
        "{yaml}"
    );
}

#[test]
fn input_that_ends_early_writes_nothing_and_names_the_question() {
    let home = tempfile::tempdir().unwrap();
    let run = sre_drill(home.path(), &["add"], "whiteboard\nHalf a prompt\n\nmid\n");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("sre-drill: input ended at the question 'Tags, like"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"));
    assert!(!custom(home.path()).exists());
}

#[test]
fn a_broken_file_is_refused_before_any_question_and_left_as_it_was() {
    let home = tempfile::tempdir().unwrap();
    let file = custom(home.path());
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    let broken = "prompts:\n  - id: design-chat\n    titel: Chat\n";
    fs::write(&file, broken).unwrap();
    let run = sre_drill(home.path(), &["add"], DESIGN);
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains("Category"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "run `sre-drill validate {}` and fix it first",
            file.display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), broken);
}

#[test]
fn a_flow_style_list_cannot_take_an_append_and_is_refused_before_any_question() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("flow.yaml");
    let flow = "prompts: [{id: design-chat, title: Chat, category: design, level: mid, prompt: Chat., rubric: [Fan-out, Load]}]\n";
    fs::write(&file, flow).unwrap();
    let run = sre_drill(
        home.path(),
        &["add", "--file", file.to_str().unwrap()],
        DESIGN,
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot add to"), "{}", run.stderr);
    assert!(!run.stderr.contains("Category"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), flow);
}

#[test]
fn an_id_already_in_the_target_file_is_refused() {
    let home = tempfile::tempdir().unwrap();
    assert_eq!(sre_drill(home.path(), &["add"], DESIGN).code, 0);
    let again = DESIGN.replacen(
        "design-url-shortener\n",
        "design-url-shortener\ndesign-url-shortener-2\n",
        1,
    );
    let run = sre_drill(home.path(), &["add"], &again);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "the id 'design-url-shortener' is already used by 'Design a URL shortener' in"
        ),
        "{}",
        run.stderr
    );
    let yaml = fs::read_to_string(custom(home.path())).unwrap();
    assert_eq!(yaml.matches("  - id: ").count(), 2);
}

#[test]
fn an_empty_or_comment_only_file_gets_a_prompts_header() {
    let home = tempfile::tempdir().unwrap();
    let file = custom(home.path());
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, "# my prompts\n").unwrap();
    let run = sre_drill(home.path(), &["add"], DESIGN);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        format!("# my prompts\n{DESIGN_YAML}")
    );
}

#[test]
fn an_unwritable_folder_fails_before_any_question() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let drills = home.path().join("drills");
    fs::create_dir_all(&drills).unwrap();
    fs::set_permissions(&drills, fs::Permissions::from_mode(0o555)).unwrap();
    let out = support::as_ordinary_user(home.path())
        .env("SRE_DRILL_HOME", home.path())
        .env_remove("NO_COLOR")
        .arg("add")
        .write_stdin(DESIGN)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("Category"), "{stderr}");
    assert!(
        stderr.contains(&format!("{}: Permission denied", drills.display()))
            || stderr.contains(&drills.display().to_string())
                && stderr.contains("Permission denied"),
        "the error names the folder and the reason: {stderr}"
    );
}

#[test]
fn a_folder_given_as_the_file_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let run = sre_drill(
        home.path(),
        &["add", "--file", home.path().to_str().unwrap()],
        DESIGN,
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is a folder; give --file a file name"),
        "{}",
        run.stderr
    );
}

#[test]
fn no_temp_file_is_left_behind() {
    let home = tempfile::tempdir().unwrap();
    assert_eq!(sre_drill(home.path(), &["add"], DESIGN).code, 0);
    let names: Vec<String> = fs::read_dir(home.path().join("drills"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["custom.yaml"]);
}

/// The dialoguer path, driven through a pseudo-terminal.
#[cfg(unix)]
mod on_a_terminal {
    use std::fs;

    use expectrl::Expect;

    use super::support::{Pty, expect_exit_and_sane_terminal, pause, spawn};

    const DOWN: &str = "\x1b[B";

    fn answer(s: &mut Pty, question: &str, keys: &[&str]) {
        s.expect(question).unwrap();
        for key in keys {
            pause();
            s.send(key).unwrap();
        }
    }

    #[test]
    fn menus_and_typed_lines_write_the_prompt_after_a_preview() {
        let home = tempfile::tempdir().unwrap();
        let mut s = spawn(home.path(), &[], "add");
        // coding, troubleshooting, reliability, design, behavioural, company, then "a new
        // category".
        answer(
            &mut s,
            "Category",
            &[DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, "\r"],
        );
        answer(&mut s, "New category name", &["whiteboard\r"]);
        answer(&mut s, "Title", &["Design a cache\r"]);
        answer(&mut s, "design-a-cache", &["\r"]);
        answer(&mut s, "Level", &["\r"]);
        answer(&mut s, "Tags", &["databases\r"]);
        answer(&mut s, "Time box", &["\r"]);
        answer(
            &mut s,
            "Prompt text",
            &["Where does the cache go?\r", ".\r"],
        );
        answer(&mut s, "Hints", &["\r"]);
        answer(&mut s, "Rubric", &["Measures the hit ratio\r", "\r"]);
        answer(&mut s, "Pitfalls", &["\r"]);
        answer(&mut s, "Follow-up", &["\r"]);
        answer(&mut s, "Must-haves", &["1\r"]);
        answer(&mut s, "Listen for", &["1: hit ratio\r", "\r"]);
        answer(&mut s, "Clarifying facts", &[".\r"]);
        s.expect("- id: design-a-cache").unwrap();
        answer(&mut s, "Add this prompt", &["\r"]);
        s.expect("Added 'design-a-cache'").unwrap();
        expect_exit_and_sane_terminal(&mut s, 0);

        let yaml = fs::read_to_string(home.path().join("drills/custom.yaml")).unwrap();
        assert_eq!(
            yaml,
            "prompts:\n  - id: design-a-cache\n    title: Design a cache\n    category: whiteboard\n    level: mid\n    tags: [databases]\n    minutes: 10\n    prompt: Where does the cache go?\n    rubric:\n      - point: Measures the hit ratio\n        must: true\n        listen_for: [hit ratio]\n"
        );
    }

    #[test]
    fn ctrl_c_while_typing_the_prompt_writes_nothing_and_exits_130() {
        let home = tempfile::tempdir().unwrap();
        let mut s = spawn(home.path(), &[], "add");
        answer(&mut s, "Category", &["\r"]);
        answer(&mut s, "Title", &["Reverse a linked list\r"]);
        answer(&mut s, "Id", &["\r"]);
        answer(&mut s, "Level", &["\r"]);
        answer(&mut s, "Tags", &["\r"]);
        answer(&mut s, "Time box", &["\r"]);
        answer(&mut s, "Prompt text", &["half a line", "\x03"]);
        expect_exit_and_sane_terminal(&mut s, 130);
        let drills = home.path().join("drills");
        let left: Vec<_> = fs::read_dir(&drills).map_or(Vec::new(), Iterator::collect);
        assert!(left.is_empty(), "{left:?}");
    }
}

#[cfg(unix)]
#[test]
fn on_a_terminal_a_rejected_answer_gets_no_tick_and_ctrl_c_ends_the_line_and_says_so() {
    use expectrl::Expect;
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("mine.yaml");
    let mut s = support::spawn(
        home.path(),
        &[],
        &format!("add --file '{}'", file.display()),
    );
    support::at(&mut s, "Category", "\r");
    support::at(&mut s, "Title", "A cache for lookups\r");
    support::at(&mut s, "Id, stable", "Not An Id\r");
    let found = s.expect("is not an id").unwrap();
    let before = String::from_utf8_lossy(found.before()).into_owned();
    assert!(
        !before.contains("✔ Id"),
        "a rejected id is not ticked: {before}"
    );
    s.expect("Id, stable").unwrap();
    support::pause();
    s.send("\x03").unwrap();
    let found = s.expect("Stopped: nothing was written.").unwrap();
    let before = String::from_utf8_lossy(found.before()).into_owned();
    assert!(before.ends_with('\n'), "on a line of its own: {before:?}");
    support::expect_exit_and_sane_terminal(&mut s, 130);
    assert!(!file.exists());
}

/// A troubleshooting prompt with must-haves, words to listen for and a scenario.
const WITH_SCENARIO: &str = "\
troubleshooting
Disk full but du is small
ts-my-disk
entry
linux
10
The disk is at 95% but du says 60%. Why?
.

Asks how fast it is filling
Explains deleted files held open by a process
Finds the holder with lsof

Restarts the host

How would you find these across the fleet?

2
1: how fast, growth rate
2: deleted but open, held open

1: lsof +L1, node exporter

fact: do i have root, sudo => Yes, sudo on every web server.
evidence open-files key: lsof +L1, deleted files => COMMAND  PID NAME\\nwebapp 2143 /var/log/app.log (deleted)
evidence growth: how fast, disk graph => 1 GB an hour since 06:00.
risky: reboot, restart the host => It serves a third of the traffic. What happens to it?
cause: deleted but open, held open => webapp holds the deleted log open.
fix good: truncate through proc => df shows 61%.
fix bad: delete more logs => Nothing changes; the space is held by the open file.
after 4m: The disk is at 96% now.
otherwise: Nothing unusual there.
.
";

#[test]
fn add_writes_must_haves_words_to_listen_for_and_a_scenario_that_drill_plays() {
    let home = tempfile::tempdir().unwrap();
    let run = sre_drill(home.path(), &["add"], WITH_SCENARIO);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = fs::read_to_string(custom(home.path())).unwrap();
    for expected in [
        "      - point: Explains deleted files held open by a process\n        must: true\n        listen_for: [deleted but open, held open]\n",
        "      - ask: How would you find these across the fleet?\n        listen_for: [lsof +L1, node exporter]\n",
        "        - id: open-files\n          ask: [lsof +L1, deleted files]\n          say: |-\n            COMMAND  PID NAME\n            webapp 2143 /var/log/app.log (deleted)\n          key: true\n",
        "      cause:\n        ask: [deleted but open, held open]\n",
        "        - after: 4m\n          say: The disk is at 96% now.\n",
        "      fixes:\n        - ask: [truncate through proc]\n          say: df shows 61%.\n          good: true\n",
        "          good: false\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let check = sre_drill(
        home.path(),
        &["validate", custom(home.path()).to_str().unwrap()],
        "",
    );
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);

    // The interviewer answers from what was written, and the must-have is suggested.
    let session = "lsof +L1\nreboot it\nthe file is deleted but open\n.\nauto\n\n\n.\n";
    let drill = sre_drill(
        home.path(),
        &["drill", "ts-my-disk", "--follow-ups", "0"],
        session,
    );
    assert_eq!(drill.code, 0, "{}", drill.stderr);
    assert!(
        drill
            .stderr
            .contains("interviewer: webapp 2143 /var/log/app.log (deleted)"),
        "{}",
        drill.stderr
    );
    assert!(
        drill
            .stderr
            .contains("interviewer: It serves a third of the traffic."),
        "{}",
        drill.stderr
    );
    assert!(
        drill.stderr.contains("suggested points: 2"),
        "{}",
        drill.stderr
    );
}

#[test]
fn answers_that_stop_before_the_later_questions_still_add_the_prompt() {
    let home = tempfile::tempdir().unwrap();
    // Everything up to the follow-ups, as answer files written before must-haves existed.
    let old = WITH_SCENARIO.split("\n2\n1: how fast").next().unwrap();
    let run = sre_drill(home.path(), &["add"], &format!("{old}\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = fs::read_to_string(custom(home.path())).unwrap();
    assert!(
        text.contains("      - Explains deleted files held open by a process\n"),
        "{text}"
    );
    assert!(
        !text.contains("scenario:") && !text.contains("must:"),
        "{text}"
    );
}

#[test]
fn a_bad_listen_line_or_scenario_is_named_and_asked_again() {
    let home = tempfile::tempdir().unwrap();
    let answers = WITH_SCENARIO
        .replace(
            "2: deleted but open, held open\n",
            "2: deleted but open, held open\n7: out of range\n\n2: still open\n",
        )
        .replace(
            "fact: do i have root, sudo => Yes, sudo on every web server.\n",
            "clue: sudo => yes\n.\nfact: do i have root, sudo => Yes, sudo on every web server.\n",
        );
    let run = sre_drill(home.path(), &["add"], &answers);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("'7: out of range' is not `N: phrase, phrase` (N from 1 to 3)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("'clue' does not start a scenario line"),
        "{}",
        run.stderr
    );
    let text = fs::read_to_string(custom(home.path())).unwrap();
    assert!(
        text.contains("listen_for: [deleted but open, held open, still open]"),
        "{text}"
    );
    assert!(
        text.contains("say: Yes, sudo on every web server."),
        "{text}"
    );
}

#[test]
fn a_scenario_without_a_cause_is_asked_again() {
    let home = tempfile::tempdir().unwrap();
    let answers = WITH_SCENARIO.replace(
        "fact: do i have root, sudo => Yes, sudo on every web server.\n",
        "fact: do i have root => Yes.\n.\nfact: do i have root, sudo => Yes, sudo on every web server.\n",
    );
    let run = sre_drill(home.path(), &["add"], &answers);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a scenario needs one `cause: PHRASES => EXPLANATION` line"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_readme_example_adds_its_prompt() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("printf '%s\\n' design").expect("the example");
    let end = start
        + readme[start..]
            .find("| sre-drill add")
            .expect("piped into add");
    let printf = readme[start..end].replace("\\\n", " ");
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{printf} | '{}' add",
            assert_cmd::cargo::cargo_bin("sre-drill").display()
        ))
        .env("SRE_DRILL_HOME", home.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let yaml = fs::read_to_string(custom(home.path())).unwrap();
    assert!(
        yaml.contains("      - point: Explains how short codes stay unique\n        must: true\n        listen_for: [unique, collision]\n"),
        "{yaml}"
    );
}

#[test]
fn a_scenario_is_added_to_one_of_your_prompts_and_nothing_else_changes() {
    let home = tempfile::tempdir().unwrap();
    let file = custom(home.path());
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    let before = "\
prompts:
  - id: ts-b
    title: B
    category: troubleshooting
    level: mid
    prompt: Why is the disk full?
    rubric: [a, b]
  # kept
  - id: ts-c
    title: C
    category: troubleshooting
    level: mid
    prompt: Why?
    rubric: [a, b]
";
    fs::write(&file, before).unwrap();
    let lines = "evidence graph key: disk graph => 1 GB an hour.\ncause: held open => webapp holds it.\n.\n";
    let run = sre_drill(home.path(), &["add", "--scenario", "ts-b"], lines);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Added a scenario to 'ts-b'"),
        "{}",
        run.stdout
    );
    let after = fs::read_to_string(&file).unwrap();
    let inserted = "    scenario:\n      evidence:\n        - id: graph\n          ask: [disk graph]\n          say: 1 GB an hour.\n          key: true\n      cause:\n        ask: [held open]\n        say: webapp holds it.\n";
    let at = before.find("  # kept").unwrap();
    assert_eq!(
        after,
        format!("{}{inserted}{}", &before[..at], &before[at..])
    );

    let drill = sre_drill(
        home.path(),
        &["drill", "ts-b", "--follow-ups", "0"],
        "disk graph\n.\n\n3\n\n",
    );
    assert!(
        drill.stderr.contains("interviewer: 1 GB an hour."),
        "{}",
        drill.stderr
    );

    let again = sre_drill(home.path(), &["add", "--scenario", "ts-b"], lines);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("already has a scenario at"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_built_in_prompt_gets_no_scenario_from_add() {
    let home = tempfile::tempdir().unwrap();
    let run = sre_drill(home.path(), &["add", "--scenario", "ts-df-du-disagree"], "");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("'ts-df-du-disagree' is a built-in prompt"),
        "{}",
        run.stderr
    );
    assert!(!custom(home.path()).exists());
}

#[test]
fn a_design_prompt_takes_clarifying_facts_that_the_drill_answers() {
    let home = tempfile::tempdir().unwrap();
    let input = [
        "design",
        "Design a URL shortener",
        "",
        "senior",
        "distributed-systems databases",
        "45",
        "Design a service that turns long URLs into short ones.",
        ".",
        "",
        "Estimates reads and writes first",
        "Explains how short codes stay unique",
        "",
        "",
        "",
        "2",
        "2: unique, collision",
        "",
        "fact: read write ratio, reads per write => About 100 reads per write.",
        "evidence dns: dig => not a fact",
        ".",
        "fact: read write ratio, reads per write => About 100 reads per write.",
        ".",
    ]
    .join("\n")
        + "\n";
    let run = sre_drill(home.path(), &["add"], &input);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("is not a fact; only `fact: PHRASES => REPLY` lines go here"),
        "{}",
        run.stderr
    );
    let text = fs::read_to_string(custom(home.path())).unwrap();
    assert!(
        text.contains("    facts:\n      - ask: [read write ratio, reads per write]\n        say: About 100 reads per write.\n"),
        "{text}"
    );
    let drill = sre_drill(
        home.path(),
        &["drill", "design-a-url-shortener", "--follow-ups", "0"],
        "what's the read/write ratio?\nI'd use base62 codes\n.\n\n3\n\n",
    );
    assert_eq!(drill.code, 0, "{}", drill.stderr);
    assert!(
        drill
            .stderr
            .contains("interviewer: About 100 reads per write."),
        "{}",
        drill.stderr
    );
    assert_eq!(
        drill.stderr.matches("interviewer:").count(),
        1,
        "{}",
        drill.stderr
    );
}
