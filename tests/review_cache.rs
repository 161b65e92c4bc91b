//! The cache of review records (SPEC §9, docs/performance.md): `stats`, `due`,
//! `history` and `plan` print exactly the same with the cache as without it, however
//! the history changed since the cache was built, and whatever state the cache is in.
//!
//! "Without the cache" means the cache folder is deleted before each command, so every
//! command parses the history itself.

mod support;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, TimeDelta, Utc};
use serde_json::Value;
use support::run_plain;

const V1: &str = include_str!("fixtures/history-v1.jsonl");
const COMMANDS: [&[&str]; 5] = [
    &["stats"],
    &["due"],
    &["history"],
    &["plan"],
    &["stats", "--json"],
];

/// A temporary `SRE_DRILL_HOME` holding a history of `n` attempts at a few built-in
/// prompts over the last weeks, grades varying.
fn home_with_history(n: usize) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    fs::write(home.path().join("history.jsonl"), history_text(n, 0)).unwrap();
    home
}

/// `n` history lines; `grade_shift` changes every grade without changing any length.
fn history_text(n: usize, grade_shift: usize) -> String {
    let templates: Vec<Value> = V1
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let now = Utc::now();
    let mut text = String::new();
    for i in 0..n {
        let mut r = templates[i % templates.len()].clone();
        let when = (now - TimeDelta::hours(7 * i64::try_from(n - i).unwrap()))
            .to_rfc3339_opts(SecondsFormat::Secs, true)
            .replace('Z', "+00:00");
        r["id"] = Value::from(format!("cache-{i:04}"));
        r["session"] = Value::from(format!("s-{:04}", i / 3));
        r["started"] = Value::from(when.clone());
        r["finished"] = Value::from(when);
        r["grade"] = Value::from(((i * 7 + grade_shift) % 4 + 1) as u64);
        text.push_str(&r.to_string());
        text.push('\n');
    }
    text
}

fn cache_folder(home: &Path) -> PathBuf {
    home.join("cache")
}

fn cache_files(home: &Path) -> Vec<PathBuf> {
    fs::read_dir(cache_folder(home))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

/// What each reviewing command printed (stdout, stderr and exit code), in order.
fn views(home: &Path, extra: &[&str]) -> Vec<String> {
    COMMANDS
        .iter()
        .map(|args| {
            let args: Vec<&str> = args.iter().chain(extra).copied().collect();
            let run = run_plain(home, &args, "");
            format!(
                "$ {}\nexit {}\n{}\n--- stderr\n{}",
                args.join(" "),
                run.code,
                run.stdout,
                run.stderr
            )
        })
        .collect()
}

/// The same, each command run with no cache to read.
fn views_without_cache(home: &Path, extra: &[&str]) -> Vec<String> {
    COMMANDS
        .iter()
        .map(|args| {
            let _ = fs::remove_dir_all(cache_folder(home));
            let args: Vec<&str> = args.iter().chain(extra).copied().collect();
            let run = run_plain(home, &args, "");
            format!(
                "$ {}\nexit {}\n{}\n--- stderr\n{}",
                args.join(" "),
                run.code,
                run.stdout,
                run.stderr
            )
        })
        .collect()
}

/// Builds the cache (and checks that there is one), then changes the history with
/// `change`, and requires the commands to print what they print without the cache,
/// twice: once through the stale cache, once through the one rebuilt from it.
fn same_after(home: &Path, change: impl FnOnce(&Path)) -> Vec<String> {
    let before = views(home, &[]);
    assert_eq!(
        cache_files(home).len(),
        1,
        "reading the history writes one cache"
    );
    change(&home.join("history.jsonl"));
    let through_stale_cache = views(home, &[]);
    let through_rebuilt_cache = views(home, &[]);
    let without = views_without_cache(home, &[]);
    assert_eq!(through_stale_cache, without);
    assert_eq!(through_rebuilt_cache, without);
    assert_ne!(before, without, "the change shows in the output");
    without
}

#[test]
fn the_cache_is_written_in_the_data_folder_and_changes_no_output() {
    let home = home_with_history(60);
    let without = views_without_cache(home.path(), &[]);
    assert!(without[0].contains("exit 0"), "{}", without[0]);
    let first = views(home.path(), &[]);
    let files = cache_files(home.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("review-") && Path::new(&name).extension().is_some_and(|e| e == "bin"),
        "{name}"
    );
    let written = fs::metadata(&files[0]).unwrap().modified().unwrap();
    let second = views(home.path(), &[]);
    assert_eq!(first, without);
    assert_eq!(second, without);
    assert_eq!(
        fs::metadata(&files[0]).unwrap().modified().unwrap(),
        written,
        "a current cache is read, not rewritten"
    );
}

#[test]
fn a_history_passed_with_history_file_is_cached_in_the_data_folder_too() {
    let home = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("mine.jsonl");
    fs::write(&file, history_text(30, 0)).unwrap();
    let arg = file.to_str().unwrap();
    let without = views_without_cache(home.path(), &["--history", arg]);
    assert_eq!(views(home.path(), &["--history", arg]), without);
    assert_eq!(cache_files(home.path()).len(), 1);
    assert_eq!(
        fs::read_dir(elsewhere.path()).unwrap().count(),
        1,
        "nothing beside the history"
    );
    assert_eq!(views(home.path(), &["--history", arg]), without);
}

#[test]
fn an_attempt_appended_by_a_drill_shows_at_once() {
    let home = home_with_history(40);
    let without = same_after(home.path(), |_| {
        let run = run_plain(
            home.path(),
            &["troubleshooting", "--count", "1", "--seed", "7"],
            "check the logs\n.\n1\n1\n\n",
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    });
    assert_eq!(support::records(home.path()).len(), 41);
    assert!(without[0].contains("41 attempts"), "{}", without[0]);
}

#[test]
fn a_history_replaced_by_another_of_the_same_size_is_read_afresh() {
    let home = home_with_history(40);
    same_after(home.path(), |path| {
        let other = history_text(40, 1);
        assert_eq!(other.len(), fs::metadata(path).unwrap().len() as usize);
        fs::write(path, other).unwrap();
    });
}

#[test]
fn a_history_changed_in_place_with_its_size_and_modification_time_kept_is_read_afresh() {
    let home = home_with_history(40);
    same_after(home.path(), |path| {
        let modified = fs::metadata(path).unwrap().modified().unwrap();
        let other = history_text(40, 2);
        let mut file = fs::OpenOptions::new().write(true).open(path).unwrap();
        file.write_all(other.as_bytes()).unwrap();
        file.set_modified(modified).unwrap();
        drop(file);
        let after = fs::metadata(path).unwrap();
        assert_eq!(after.modified().unwrap(), modified);
        assert_eq!(after.len() as usize, other.len());
    });
}

#[test]
fn a_truncated_history_is_read_afresh() {
    let home = home_with_history(40);
    same_after(home.path(), |path| {
        let text = fs::read_to_string(path).unwrap();
        let kept: Vec<&str> = text.lines().take(25).collect();
        fs::write(path, kept.join("\n") + "\n").unwrap();
    });
}

#[test]
fn a_history_that_grew_after_an_edit_in_the_middle_is_read_afresh() {
    let home = home_with_history(40);
    same_after(home.path(), |path| {
        // Same length in the middle, so only a check of the old bytes can tell.
        let text = fs::read_to_string(path).unwrap();
        let edited = text.replacen("\"grade\":1", "\"grade\":4", 3);
        assert_eq!(edited.len(), text.len());
        let extra = history_text(41, 0).lines().last().unwrap().to_owned();
        fs::write(
            path,
            format!("{edited}{}\n", extra.replace("cache-0040", "cache-9999")),
        )
        .unwrap();
    });
}

#[test]
fn a_damaged_line_is_reported_every_time_whether_or_not_the_cache_is_read() {
    let home = home_with_history(40);
    let without = same_after(home.path(), |path| {
        let mut file = fs::OpenOptions::new().append(true).open(path).unwrap();
        let more = history_text(42, 3);
        let last_two: Vec<&str> = more.lines().skip(40).collect();
        writeln!(file, "{{\"v\":1,\"id\": torn").unwrap();
        writeln!(file, "{}", last_two[0].replace("cache-0040", "cache-9998")).unwrap();
        writeln!(file, "not json either").unwrap();
        writeln!(file, "{}", last_two[1].replace("cache-0041", "cache-9999")).unwrap();
    });
    for view in &without {
        assert!(
            view.contains("history.jsonl:41: skipped a damaged record"),
            "{view}"
        );
        assert!(
            view.contains("history.jsonl:43: skipped a damaged record"),
            "{view}"
        );
    }
    // Read through the cache built from the damaged history: still reported.
    assert_eq!(views(home.path(), &[]), without);
}

#[test]
fn a_torn_last_line_is_reported_and_the_next_append_reads_right() {
    let home = home_with_history(30);
    same_after(home.path(), |path| {
        let mut file = fs::OpenOptions::new().append(true).open(path).unwrap();
        write!(file, "{{\"v\":1,\"id\":\"torn").unwrap();
    });
    // A history that does not end in a line end is not cached; the drill's append
    // starts a fresh line, and the cache is back.
    assert!(cache_files(home.path()).is_empty());
    let run = run_plain(
        home.path(),
        &["troubleshooting", "--count", "1", "--seed", "3"],
        "look at dmesg\n.\n1\n2\n\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let without = views_without_cache(home.path(), &[]);
    assert_eq!(views(home.path(), &[]), without);
    assert_eq!(cache_files(home.path()).len(), 1);
    assert_eq!(views(home.path(), &[]), without);
    assert!(
        without[0].contains("history.jsonl:31: skipped a damaged record"),
        "{}",
        without[0]
    );
}

#[test]
fn a_garbage_or_cut_short_cache_is_rebuilt() {
    let home = home_with_history(40);
    let without = views_without_cache(home.path(), &[]);
    views(home.path(), &[]);
    let [cache] = &cache_files(home.path())[..] else {
        panic!("one cache file expected");
    };
    let good = fs::read(cache).unwrap();
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    for damaged in [
        b"not a cache at all".to_vec(),
        Vec::new(),
        good[..good.len() / 2].to_vec(),
        good[..good.len() - 1].to_vec(),
        flipped,
    ] {
        fs::write(cache, &damaged).unwrap();
        assert_eq!(views(home.path(), &[]), without);
        assert_eq!(fs::read(cache).unwrap(), good, "rebuilt as it was");
    }
}

#[test]
fn a_cache_that_cannot_be_written_is_done_without_silently() {
    let home = home_with_history(40);
    let without = views_without_cache(home.path(), &[]);
    // A file where the cache folder would be: nothing can be written there.
    fs::remove_dir_all(cache_folder(home.path())).unwrap();
    fs::write(cache_folder(home.path()), "in the way").unwrap();
    assert_eq!(views(home.path(), &[]), without);
    assert_eq!(
        fs::read_to_string(cache_folder(home.path())).unwrap(),
        "in the way"
    );
    // A data folder that does not exist is not created just for the cache.
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("h.jsonl");
    fs::write(&file, history_text(20, 0)).unwrap();
    let missing = elsewhere.path().join("no-such-home");
    let run = run_plain(
        &missing,
        &["stats", "--history", file.to_str().unwrap()],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert!(!missing.exists());
}
