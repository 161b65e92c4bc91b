//! `sre-drill validate PATH...`: every problem in every file as `path:line:column:
//! message`, a count line, exit 0 when there is no error and 2 otherwise.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;

#[cfg(unix)]
mod support;

/// A clean custom-category prompt file.
const GOOD: &str = "\
category: design
prompts:
  - id: design-url-shortener
    title: Design a URL shortener
    level: mid
    tags: [distributed-systems, databases]
    minutes: 30
    prompt: |
      Design a service that turns long URLs into short ones.
      Expect 100 million new links a month.
    rubric:
      - Estimates reads and writes before choosing storage
      - Explains how short codes stay unique
";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn validate(args: &[&Path]) -> Run {
    let out = cargo_bin_cmd!("sre-drill")
        .arg("validate")
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn three_typos_are_each_pointed_at_with_line_column_and_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let text = GOOD
        .replace("    title:", "    titel:")
        .replace("level: mid", "level: medium")
        .replace("    rubric:", "    rubrik:");
    let file = write(dir.path(), "mine.yaml", &text);
    let run = validate(&[&file]);
    let f = file.display();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "\
{f}:4:5: unknown field `titel` in a prompt; did you mean `title`?
{f}:5:12: level 'medium' is not one of entry, mid, senior
{f}:11:5: unknown field `rubrik` in a prompt; did you mean `rubric`?
3 errors, 0 warnings in 1 file
"
        )
    );
    assert!(run.stderr.contains("3 errors found"), "{}", run.stderr);
}

#[test]
fn a_clean_file_exits_zero_with_only_the_count_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "mine.yaml", GOOD);
    let run = validate(&[&file]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "0 errors, 0 warnings in 1 file\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn warnings_are_marked_and_do_not_fail_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "mine.yaml",
        &GOOD.replace("databases]", "databses]"),
    );
    let run = validate(&[&file]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        format!(
            "{}:6:33: warning: tag 'databses' is not a known skill area; did you mean `databases`?\n0 errors, 1 warning in 1 file\n",
            file.display()
        )
    );
}

#[test]
fn an_id_used_in_two_files_is_reported_naming_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", GOOD);
    let b = write(dir.path(), "b.yaml", GOOD);
    let run = validate(&[&a, &b]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stdout,
        format!(
            "{}:3:9: duplicate id 'design-url-shortener': already used at {}:3:9; give each prompt its own id\n1 error, 0 warnings in 2 files\n",
            b.display(),
            a.display()
        )
    );
}

#[test]
fn folders_are_searched_recursively_for_yaml_and_yml() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.yaml", GOOD);
    write(
        dir.path(),
        "deep/er/b.yml",
        &GOOD.replace("design-url-shortener", "design-chat"),
    );
    write(dir.path(), "deep/notes.txt", "not a prompt file: [");
    let run = validate(&[dir.path()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "0 errors, 0 warnings in 2 files\n");
}

#[test]
fn every_file_gets_its_own_problems_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", "prompts: [\n");
    let b = write(
        dir.path(),
        "b.yaml",
        &GOOD
            .replace("design-url-shortener", "design-b")
            .replace("minutes: 30", "minutes: 500"),
    );
    let run = validate(&[&a, &b]);
    assert_eq!(run.code, 2);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert_eq!(
        lines[0],
        format!("{}:1:10: invalid YAML: unclosed bracket '['", a.display())
    );
    assert_eq!(
        lines[1],
        format!(
            "{}:7:14: `minutes` is 500; it must be between 1 and 180",
            b.display()
        )
    );
    assert_eq!(lines[2], "2 errors, 0 warnings in 2 files");
}

#[test]
fn a_missing_path_is_exit_2_with_one_sentence_naming_it() {
    let run = validate(&[Path::new("no-such-dir/mine.yaml")]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "sre-drill: no such file or folder: 'no-such-dir/mine.yaml'; give prompt files (*.yaml) or folders that hold them\n"
    );
}

#[test]
fn a_folder_without_prompt_files_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.txt", "hello");
    let run = validate(&[dir.path()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no prompt files (*.yaml or *.yml)"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unreadable_file_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "locked.yaml", GOOD);
    fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
    let out = support::as_ordinary_user(dir.path())
        .arg("validate")
        .arg(&file)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.starts_with(&format!(
            "{}:1:1: cannot read the file: Permission denied",
            file.display()
        )),
        "{stdout}"
    );
}

#[test]
fn json_lists_every_problem_with_counts() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "mine.yaml",
        &GOOD.replace("level: mid", "level: medium"),
    );
    let out = cargo_bin_cmd!("sre-drill")
        .args(["validate", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["files"], 1);
    assert_eq!(value["errors"], 1);
    assert_eq!(value["warnings"], 0);
    let problem = &value["problems"][0];
    assert_eq!(problem["path"], file.display().to_string());
    assert_eq!(problem["line"], 5);
    assert_eq!(problem["column"], 12);
    assert_eq!(problem["severity"], "error");
    assert_eq!(
        problem["message"],
        "level 'medium' is not one of entry, mid, senior"
    );
}

#[test]
fn the_loader_skips_a_broken_file_with_one_line_pointing_at_validate() {
    let home = tempfile::tempdir().unwrap();
    let broken = write(
        &home.path().join("drills"),
        "broken.yaml",
        &GOOD.replace("    title:", "    titel:"),
    );
    let out = cargo_bin_cmd!("sre-drill")
        .env("SRE_DRILL_HOME", home.path())
        .args(["list", "--category", "coding"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("sre-drill validate {}", broken.display())),
        "{stderr}"
    );
}

#[test]
fn files_in_a_labs_folder_are_checked_as_lab_files_not_prompts() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mine.yaml", GOOD);
    let lab = write(dir.path(), "labs/empty.yaml", "# nothing yet\n");
    let run = validate(&[dir.path()]);
    assert_eq!(run.code, 2);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with(&format!(
            "{}:1:1: the file is empty; a lab file",
            lab.display()
        )),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], "1 error, 0 warnings in 2 files");
}

/// A prompt file as `PyYAML`'s `yaml.dump` writes it (sorted keys, block lists at the
/// parent's indent, quoted multi-line text): every prompt shares one `tags` list and one
/// `listen_for` list, so the emitter anchors them once (`&id001`) and aliases them
/// everywhere else (`*id001`), as generated banks do.
fn pyyaml_dump(category: &str, prefix: &str, prompts: usize) -> String {
    let mut text = format!("category: {category}\nprompts:\n");
    for i in 0..prompts {
        let (listen, tags) = if i == 0 {
            (
                "&id001\n    - disk full\n    - inode\n".to_owned(),
                "&id002\n  - linux\n  - troubleshooting\n".to_owned(),
            )
        } else {
            ("*id001\n".to_owned(), "*id002\n".to_owned())
        };
        write!(
            text,
            "- id: {prefix}-q-{i}\n  level: mid\n  minutes: 10\n  prompt: 'A server reports that its disk is full.\n\n    What do you check first?'\n  rubric:\n  - listen_for: {listen}    must: true\n    point: Checks df and inodes\n  - listen_for: *id001\n    point: Finds the biggest files\n  tags: {tags}  title: Question {i} about disks\n"
        ).unwrap();
    }
    text
}

#[test]
fn generated_files_that_share_lists_through_hundreds_of_aliases_load_clean() {
    let home = tempfile::tempdir().unwrap();
    let drills = home.path().join("drills");
    let one = pyyaml_dump("troubleshooting", "gen", 250);
    assert!(
        one.matches("*id00").count() >= 700,
        "the file uses 700+ aliases"
    );
    write(&drills, "generated.yaml", &one);
    write(&drills, "more.yaml", &pyyaml_dump("linux", "more", 150));

    let run = validate(&[&drills]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout.trim(), "0 errors, 0 warnings in 2 files");

    // And the prompts load, with the shared lists expanded into each one.
    let out = cargo_bin_cmd!("sre-drill")
        .env("SRE_DRILL_HOME", home.path())
        .args(["list", "--json"])
        .output()
        .unwrap();
    let bank: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let generated: Vec<&serde_json::Value> = bank
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["id"].as_str().unwrap().starts_with("gen-q-"))
        .collect();
    assert_eq!(generated.len(), 250);
    assert_eq!(
        generated[249]["tags"],
        serde_json::json!(["linux", "troubleshooting"])
    );
}

#[test]
fn the_repository_drills_folder_validates_clean_with_every_kind_of_file() {
    // Prompt files, the vocabulary, the follow-up pool, the resources and the labs.
    let drills = Path::new(env!("CARGO_MANIFEST_DIR")).join("drills");
    let run = validate(&[&drills]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.starts_with("0 errors, 0 warnings in "),
        "{}",
        run.stdout
    );
}

#[test]
fn an_unknown_vocabulary_name_is_named_at_its_line_with_a_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.yaml");
    fs::write(
        &file,
        "category: troubleshooting\nprompts:\n  - id: ts-mine\n    title: Mine\n    level: mid\n    prompt: Something broke on the app servers this morning.\n    rubric: [a, b]\n    scenario:\n      evidence:\n        - id: disk\n          ask: [~disk-usag]\n          say: full\n          key: true\n      cause:\n        ask: [deleted open file]\n        say: held open\n",
    )
    .unwrap();
    let run = validate(&[&file]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains(":11:17: `~disk-usag` is not in the vocabulary; did you mean `~disk-usage`?"),
        "{}",
        run.stdout
    );
}

#[test]
fn scenario_blocks_are_checked_at_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.yaml");
    fs::write(
        &file,
        "category: troubleshooting\nprompts:\n  - id: ts-mine\n    title: Mine\n    level: mid\n    prompt: Something broke on the app servers this morning.\n    rubric: [a, b]\n    scenario:\n      facts:\n        - ask: [root]\n          say: sudo everywhere\n      evidence:\n        - id: disk\n          ask: [df, root]\n          say: full\n        - id: disk\n          ask: []\n          say: again\n      cause:\n        ask: [held open]\n        say: held open\n      timeline:\n        - after: soon\n          say: worse\n      risky:\n        - ask: [reboot]\n          sey: why?\n",
    )
    .unwrap();
    let run = validate(&[&file]);
    assert_eq!(run.code, 2);
    for expected in [
        "mine.yaml:14:21: 'root' asks for both fact 1 and evidence 'disk'",
        "mine.yaml:16:15: duplicate evidence id 'disk'",
        "mine.yaml:17:16: `ask` of an evidence entry is empty",
        "mine.yaml:23:18: `after` must be a duration like 90s, 6m or 1h, found 'soon'",
        "mine.yaml:27:11: unknown field `sey` in a risky action; did you mean `say`?",
        "mine.yaml:26:11: a risky action has no `say:` (what the interviewer answers)",
    ] {
        assert!(
            run.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            run.stdout
        );
    }
}

#[test]
fn drill_words_and_category_names_are_refused_as_categories_and_ids() {
    let dir = tempfile::tempdir().unwrap();
    let category = write(dir.path(), "due.yaml", &GOOD.replace("design\n", "due\n"));
    let run = validate(&[&category]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "{}:1:11: category 'due' is a word `drill` gives its own meaning (all, due, weak, posting); pick another name",
            category.display()
        )),
        "{}",
        run.stdout
    );
    // `drill coding` and `drill weak` must each mean one thing.
    for id in ["coding", "weak"] {
        let file = write(
            dir.path(),
            &format!("{id}.yaml"),
            &GOOD.replace("id: design-url-shortener", &format!("id: {id}")),
        );
        let run = validate(&[&file]);
        assert_eq!(run.code, 2, "{}", run.stdout);
        assert!(
            run.stdout.contains(&format!(
                "{}:3:9: id '{id}' is a category name or a word `drill` reserves",
                file.display()
            )),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn a_missing_or_empty_field_and_a_flag_that_is_not_true_or_false_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            GOOD.replace("    title: Design a URL shortener\n", ""),
            "prompt 'design-url-shortener' has no `title`",
        ),
        (
            GOOD.replace("title: Design a URL shortener", "title: \"  \""),
            "`title` is empty",
        ),
        (
            GOOD.replace(
                "      - Explains how short codes stay unique\n",
                "      - point: Explains how short codes stay unique\n        must: maybe\n",
            ),
            "`must` must be true or false, found text",
        ),
    ];
    for (i, (text, message)) in cases.iter().enumerate() {
        let file = write(dir.path(), &format!("case{i}.yaml"), text);
        let run = validate(&[&file]);
        assert_eq!(run.code, 2, "{text}\n{}", run.stdout);
        assert!(run.stdout.contains(message), "{text}\n{}", run.stdout);
    }
}

#[test]
fn numbers_are_phrases_to_listen_for_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "numbers.yaml",
        &GOOD.replace(
            "      - Explains how short codes stay unique\n",
            "      - point: Sizes the cache for the 99.9th percentile of reads\n        listen_for: [99.9, 4096, p999]\n",
        ),
    );
    let run = validate(&[&file]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn a_phrase_of_filler_words_only_is_an_error_because_it_would_match_anything() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "filler.yaml",
        &GOOD.replace(
            "      - Explains how short codes stay unique\n",
            "      - point: Explains how short codes stay unique\n        listen_for: [base62, what is the]\n",
        ),
    );
    let run = validate(&[&file]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "{}:14:30: `listen_for` phrase 'what is the' has only filler words",
            file.display()
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn a_scenario_needs_key_evidence_and_an_event_may_come_after_a_number_of_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = |key: &str| {
        format!(
            "category: troubleshooting\nprompts:\n  - id: ts-mine\n    title: Mine\n    level: mid\n    prompt: Something broke on the app servers this morning.\n    rubric: [a, b]\n    scenario:\n      evidence:\n        - id: disk\n          ask: [df]\n          say: full\n{key}      cause:\n        ask: [held open]\n        say: held open\n      timeline:\n        - after: 90\n          say: worse\n"
        )
    };
    let clean = write(dir.path(), "clean.yaml", &scenario("          key: true\n"));
    let run = validate(&[&clean]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let keyless = write(dir.path(), "keyless.yaml", &scenario(""));
    let run = validate(&[&keyless]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "{}:10:9: no evidence is marked `key: true`",
            keyless.display()
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn fixes_and_a_prompts_own_facts_are_checked_at_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.yaml");
    fs::write(
        &file,
        "category: design\nprompts:\n  - id: des-mine\n    title: Mine\n    level: mid\n    prompt: Design a photo store for a small app.\n    rubric: [a, b, c]\n    facts:\n      - ask: [read write ratio, object size]\n        say: 100 to 1\n      - ask: [object sizes]\n        say: 2 MB\n      - ask: []\n        say: nothing\n  - id: ts-fixes\n    title: Fixes\n    level: mid\n    category: troubleshooting\n    prompt: The disk filled up on the web server this morning.\n    rubric: [a, b]\n    scenario:\n      evidence:\n        - id: disk\n          ask: [df]\n          say: full\n          key: true\n      cause:\n        ask: [held open]\n        say: held open\n      fixes:\n        - ask: [truncate]\n          say: df shows 61%\n          good: maybe\n        - ask: [delete the file]\n          say: nothing changes\n",
    )
    .unwrap();
    let run = validate(&[&file]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    for expected in [
        "mine.yaml:11:15: 'object sizes' asks for both fact 1 and fact 2",
        "mine.yaml:13:14: `ask` of a fact is empty",
        "mine.yaml:33:17: `good` must be true or false",
        "mine.yaml:34:11: a fix has no `good:`",
    ] {
        assert!(
            run.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            run.stdout
        );
    }
}

#[test]
fn hearing_files_measure_a_users_scenario_and_are_not_prompt_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("mine.yaml"),
        "category: troubleshooting\nprompts:\n  - id: ts-mine\n    title: The disk filled up\n    level: mid\n    prompt: The disk on the web server filled up this morning. What do you do?\n    rubric: [a, b]\n    scenario:\n      evidence:\n        - id: disk\n          ask: [~disk-usage]\n          say: / is at 100%.\n          key: true\n      risky:\n        - ask: [~restart]\n          say: What happens to uploads in flight?\n      cause:\n        ask: [debug logging]\n        say: Debug logging was turned on.\n",
    )
    .unwrap();
    let corpus = dir.path().join("mine.hearing.yaml");
    fs::write(
        &corpus,
        "prompt: ts-mine\ntune:\n  - line: df -h /\n    hear: evidence:disk\n  - line: I would not restart it\n    hear: negated\n  - line: restart it\n    hear: risky:1\n  - line: is the printer ok?\n    hear: evidence:disk\n",
    )
    .unwrap();
    let hear = |corpus: &Path| {
        cargo_bin_cmd!("sre-drill")
            .args(["validate"])
            .arg(dir.path())
            .arg("--hearing")
            .arg(corpus)
            .output()
            .unwrap()
    };
    let out = hear(&corpus);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    // The corpus file sits beside the prompt file and is not checked as one.
    assert!(
        stdout.contains("0 errors, 0 warnings in 1 file"),
        "{stdout}"
    );
    assert!(
        stdout.contains("(ts-mine): hit  50.0% (1/2)"),
        "the printer line is not the disk: {stdout}"
    );
    assert!(stdout.contains("negated alarms 0/1"), "{stdout}");
    assert!(stdout.contains("missed \"is the printer ok?\""), "{stdout}");
    let bad = dir.path().join("bad.hearing.yaml");
    fs::write(
        &bad,
        "prompt: ts-none\ntune:\n  - line: df\n    hear: evidence:disk\n",
    )
    .unwrap();
    let out = hear(&bad);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no prompt 'ts-none'"));
    // A label that names no entry of the scenario is an error, not a silent miss.
    fs::write(
        &bad,
        "prompt: ts-mine\ntune:\n  - line: df\n    hear: evidence:disk\nheld:\n  - line: dmesg\n    hear: [evidence:kernel, negated]\n",
    )
    .unwrap();
    let out = hear(&bad);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.hearing.yaml: held line 1 hears `evidence:kernel`, which ts-mine does not have; use one of evidence:disk, risky:1, cause"),
        "{stderr}"
    );
}

#[test]
fn a_tab_in_the_indentation_does_not_hide_the_files_other_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "tab.yaml",
        "category: design\nprompts:\n  - id: des-tab\n    title: Tab\n\tlevel: mid\n    prompt: Design it.\n    rubrik: [a, b]\n",
    );
    let run = validate(&[&file]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains("tab.yaml:5:1: a tab indents this line"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("tab.yaml:7:5: unknown field `rubrik` in a prompt; did you mean `rubric`?"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2 errors"), "{}", run.stdout);
}

#[test]
fn the_topic_map_and_the_stories_file_are_checked_as_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let topics = write(
        dir.path(),
        "topics.yaml",
        "topics:\n  - id: nomad\n    wrods: [nomad]\n",
    );
    let stories = write(
        dir.path(),
        "stories.yaml",
        "stories:\n  - id: outage\n    title: t\n    situation: s\n    action: a\n    result: r\n",
    );
    let run = validate(&[dir.path()]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "{}:3:5: unknown field `wrods` in a topic; did you mean `words`?",
            topics.display()
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!(
            "{}:2:9: story id 'outage' must start with `story-`",
            stories.display()
        )),
        "{}",
        run.stdout
    );
    fs::write(&topics, "topics:\n  - id: nomad\n    words: [nomad]\n").unwrap();
    fs::write(
        &stories,
        "stories:\n  - id: story-outage\n    title: t\n    situation: s\n    action: a\n    result: r\n",
    )
    .unwrap();
    let clean = validate(&[dir.path()]);
    assert_eq!(clean.code, 0, "{}", clean.stdout);
}
