//! No input breaks the prompt-file parser or the lab-file parser: the 402 documents of
//! the YAML test suite, deep nesting, alias bombs, huge scalars, odd encodings,
//! thousands of files, and random mutations of a good file. Each case ends in a loaded file or errors that name
//! the file and a line; never a panic, a hang, or a limit that goes unnamed.
//!
//! Times are printed (run with `--nocapture`) but never asserted: a slow CI machine
//! must not fail a test, and `Command::timeout` turns a hang into a failure.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin_cmd;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sre_drill::bank::{
    MAX_ALIAS_EVENTS, MAX_DEPTH, Severity, Source, parse_prompt_bytes, parse_prompt_file,
};
use sre_drill::lab::parse_lab_file;

/// Any single run that takes this long is hung.
const HANG: Duration = Duration::from_secs(60);

/// A clean prompt file of a custom category.
const GOOD: &str = "\
category: whiteboard
prompts:
  - id: design-cache
    title: Put a cache in front of a slow service
    level: mid
    tags: [distributed-systems, databases]
    minutes: 20
    think_seconds: 60
    prompt: |
      A catalogue service answers in 900 ms at p99.
      Product wants 100 ms. Where does a cache go, and what can go wrong?
    hints:
      - What happens when the cache is cold?
    rubric:
      - Measures hit ratio and staleness the product can accept
      - Plans for a thundering herd on expiry
    pitfalls:
      - Caches writes without an invalidation story
    follow_ups:
      - How would you roll the cache out, and roll it back?
";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

fn validate(paths: &[&Path]) -> Run {
    let started = Instant::now();
    let out = cargo_bin_cmd!("sre-drill")
        .arg("validate")
        .args(paths)
        .timeout(HANG)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took: started.elapsed(),
    }
}

/// Runs one hostile file through `validate` and returns its single diagnostic line.
fn only_problem(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, bytes).unwrap();
    let run = validate(&[&file]);
    println!("{name}: {:?}", run.took);
    assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    assert_eq!(run.code, 2, "{name}: {}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{name}: {}", run.stdout);
    assert_eq!(lines[1], "1 error, 0 warnings in 1 file");
    let prefix = format!("{}:", file.display());
    let problem = lines[0]
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{name}: not named in {}", lines[0]));
    problem.to_owned()
}

/// `LINE:COL: message` -> (line, column, message).
fn position(problem: &str) -> (u32, u32, &str) {
    let mut parts = problem.splitn(3, ':');
    let line = parts.next().unwrap().parse().unwrap();
    let column = parts.next().unwrap().parse().unwrap();
    (line, column, parts.next().unwrap().trim_start())
}

fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/yaml-test-suite");
    assert!(
        dir.join("error").is_dir() && dir.join("valid").is_dir(),
        "the YAML test suite corpus is missing: expected {} with error/ and valid/ folders",
        dir.display()
    );
    dir
}

/// Copies the corpus folder `kind` to a temp dir (the corpus is read-only data).
fn copy_corpus(kind: &str, into: &Path) -> Vec<PathBuf> {
    let target = into.join(kind);
    fs::create_dir_all(&target).unwrap();
    let mut files = Vec::new();
    for entry in fs::read_dir(corpus().join(kind)).unwrap() {
        let path = entry.unwrap().path();
        let copy = target.join(path.file_name().unwrap());
        fs::copy(&path, &copy).unwrap();
        files.push(copy);
    }
    files.sort();
    files
}

/// Lines as YAML counts them: `\n`, `\r\n` and a lone `\r` each end one.
fn line_count(bytes: &[u8]) -> u32 {
    let mut lines = 1;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            lines += 1;
        }
    }
    lines
}

/// Diagnostics per file, from `validate` output.
fn by_file(stdout: &str, files: &[PathBuf]) -> HashMap<PathBuf, Vec<(u32, u32, String)>> {
    let mut out: HashMap<PathBuf, Vec<(u32, u32, String)>> = HashMap::new();
    for line in stdout.lines() {
        let Some(file) = files
            .iter()
            .find(|f| line.starts_with(&format!("{}:", f.display())))
        else {
            continue;
        };
        let rest = &line[file.display().to_string().len() + 1..];
        let (l, c, message) = position(rest);
        out.entry(file.clone())
            .or_default()
            .push((l, c, message.to_owned()));
    }
    out
}

#[test]
fn every_yaml_test_suite_document_ends_in_a_clean_result_or_errors_naming_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    for (kind, expected) in [("error", 94), ("valid", 308)] {
        let files = copy_corpus(kind, tmp.path());
        assert_eq!(
            files.len(),
            expected,
            "{kind}/ should hold {expected} documents"
        );
        // One process per folder keeps the 402 cases fast.
        let run = validate(&[&tmp.path().join(kind)]);
        println!(
            "{kind}/: {} files in {:?} ({:?} per file)",
            files.len(),
            run.took,
            run.took / files.len() as u32
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(
            matches!(run.code, 0 | 2),
            "exit {}: {}",
            run.code,
            run.stderr
        );
        assert!(
            run.stdout
                .ends_with(&format!(" in {} files\n", files.len())),
            "{}",
            run.stdout.lines().last().unwrap_or_default()
        );
        let problems = by_file(&run.stdout, &files);
        let mut rejected = 0;
        for file in &files {
            let lines = line_count(&fs::read(file).unwrap());
            let found = problems.get(file).map_or(&[][..], Vec::as_slice);
            if kind == "error" {
                assert!(
                    !found.is_empty(),
                    "{} is invalid YAML but got no error line",
                    file.display()
                );
            }
            if !found.is_empty() {
                rejected += 1;
            }
            for (line, column, message) in found {
                assert!(
                    (1..=lines).contains(line) && *column >= 1,
                    "{}:{line}:{column}: points outside the file ({lines} lines): {message}",
                    file.display()
                );
                assert!(!message.is_empty());
            }
        }
        assert_eq!(
            run.code == 2,
            rejected > 0,
            "the exit code must say whether any file was rejected"
        );
    }
}

#[test]
fn the_library_rejects_every_invalid_yaml_document_with_a_position() {
    let mut seen = 0;
    for entry in fs::read_dir(corpus().join("error")).unwrap() {
        seen += 1;
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        let parsed = parse_prompt_bytes(&path, &bytes);
        assert!(parsed.has_errors(), "{} was accepted", path.display());
        assert!(parsed.prompts.is_empty());
        assert!(
            parsed
                .diagnostics
                .iter()
                .all(|d| d.line >= 1 && d.column >= 1)
        );
    }
    assert_eq!(seen, 94, "error/ should hold 94 invalid documents");
}

#[test]
fn nesting_100k_deep_stops_at_the_depth_limit_and_names_it() {
    let n = 100_000;
    let cases = [
        (
            "flow-seq.yaml",
            format!("{}{}", "[".repeat(n), "]".repeat(n)),
        ),
        (
            "flow-map.yaml",
            format!("{}1{}", "{a: ".repeat(n), "}".repeat(n)),
        ),
        ("unclosed.yaml", "[".repeat(n)),
        ("block-seq.yaml", format!("{}x\n", "- ".repeat(n))),
        ("block-keys.yaml", format!("{}x\n", "? ".repeat(n))),
        (
            "prompt-nested.yaml",
            format!(
                "prompts:\n  - id: x\n    hints: {}{}\n",
                "[".repeat(n),
                "]".repeat(n)
            ),
        ),
    ];
    for (name, text) in cases {
        let problem = only_problem(name, text.as_bytes());
        let (line, _, message) = position(&problem);
        assert!(line >= 1);
        assert!(
            message.contains(&format!("more than {MAX_DEPTH} levels deep")),
            "{name}: {message}"
        );
    }
}

#[test]
fn a_billion_laughs_alias_bomb_stops_at_the_alias_budget_and_names_the_alias() {
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        writeln!(text, "a{i}: &a{i} [{refs}]").unwrap();
    }
    let started = Instant::now();
    let problem = only_problem("lol.yaml", text.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(5), "fails fast");
    let (line, column, message) = position(&problem);
    assert!(
        message.contains("aliases") && message.contains(&MAX_ALIAS_EVENTS.to_string()),
        "{message}"
    );
    let at = &text.lines().nth(line as usize - 1).unwrap()[column as usize - 1..];
    assert!(at.starts_with("*a"), "{problem} points at {at:?}");

    // Many aliases of one big anchor: each alias is legal, their sum is not.
    let items = vec!["word"; 500].join(", ");
    let mut text = format!("prompts:\n  - &p [{items}]\n");
    for _ in 0..2_000 {
        text.push_str("  - *p\n");
    }
    let problem = only_problem("many-aliases.yaml", text.as_bytes());
    let (line, _, message) = position(&problem);
    assert!(message.contains("aliases"), "{problem}");
    assert!(
        line > 400 && line < 600,
        "the alias that crossed: {problem}"
    );

    // Few aliases of one huge text: the byte budget.
    let mut text = format!("big: &b \"{}\"\n", "x".repeat(1024 * 1024));
    for i in 0..10 {
        writeln!(text, "k{i}: *b").unwrap();
    }
    let problem = only_problem("wide.yaml", text.as_bytes());
    let (line, column, message) = position(&problem);
    assert!(message.contains("MiB"), "{problem}");
    assert_eq!((line, column), (10, 5), "{problem}");
}

#[test]
fn a_64_mib_scalar_is_refused_by_size_naming_the_limit() {
    let mut bytes = b"prompts:\n  - id: x\n    prompt: \"".to_vec();
    bytes.resize(bytes.len() + 64 * 1024 * 1024, b'a');
    bytes.extend_from_slice(b"\"\n");
    let problem = only_problem("huge.yaml", &bytes);
    assert_eq!(
        problem,
        "1:1: the file is 65 MiB; prompt files are limited to 8 MiB, so split it into several files"
    );
}

#[test]
fn one_bad_field_at_the_end_of_a_10k_line_file_is_named_by_its_line() {
    let mut text = String::from("category: whiteboard\nprompts:\n");
    let mut n = 0;
    while text.lines().count() < 10_000 {
        n += 1;
        write!(
            text,
            "  - id: design-{n}\n    title: Prompt {n}\n    level: mid\n    prompt: Design thing {n}.\n    rubric:\n      - Asks about scale\n"
        )
        .unwrap();
    }
    let bad_line = text.lines().count() + 5;
    text.push_str("  - id: design-last\n    title: Last\n    level: mid\n    prompt: Design it.\n    hintz: [Start small]\n    rubric: [Asks about scale]\n");
    let problem = only_problem("long.yaml", text.as_bytes());
    assert_eq!(
        problem,
        format!("{bad_line}:5: unknown field `hintz` in a prompt; did you mean `hints`?")
    );
}

#[test]
fn invalid_utf8_is_named_by_line_and_column() {
    let problem = only_problem(
        "latin1.yaml",
        b"category: design\nprompts:\n  - id: caf\xe9\n",
    );
    assert_eq!(
        problem,
        "3:12: the file is not valid UTF-8; save it as UTF-8 text"
    );
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let bom = dir.path().join("bom.yaml");
    fs::write(&bom, format!("\u{feff}{GOOD}")).unwrap();
    let crlf = dir.path().join("crlf.yaml");
    fs::write(
        &crlf,
        GOOD.replace("design-cache", "design-cache-2")
            .replace('\n', "\r\n"),
    )
    .unwrap();
    let run = validate(&[&bom, &crlf]);
    println!("bom + crlf: {:?}", run.took);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "0 errors, 0 warnings in 2 files\n");

    // With CRLF, positions still count lines and columns as an editor shows them.
    let bad = GOOD
        .replace("level: mid", "level: high")
        .replace('\n', "\r\n");
    let problem = only_problem("crlf-bad.yaml", bad.as_bytes());
    assert_eq!(
        problem,
        "5:12: level 'high' is not one of entry, mid, senior"
    );
}

#[test]
fn an_empty_file_says_what_a_prompt_file_holds() {
    for (name, text) in [
        ("empty.yaml", ""),
        ("blank.yaml", "\n\n   \n"),
        ("comments.yaml", "# nothing yet\n"),
    ] {
        let problem = only_problem(name, text.as_bytes());
        assert_eq!(
            problem, "1:1: the file is empty; a prompt file has `prompts:` with a list of prompts",
            "{name}"
        );
    }
}

#[test]
fn a_folder_of_1000_files_is_checked_in_one_run_and_the_one_bad_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..1_000 {
        let mut text = GOOD.replace("design-cache", &format!("design-cache-{i}"));
        if i == 537 {
            text = text.replace("minutes: 20", "minutes: 0");
        }
        fs::write(dir.path().join(format!("p{i:04}.yaml")), text).unwrap();
    }
    let run = validate(&[dir.path()]);
    println!("1000 files: {:?}", run.took);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stdout,
        format!(
            "{}:7:14: `minutes` is 0; it must be between 1 and 180\n1 error, 0 warnings in 1000 files\n",
            dir.path().join("p0537.yaml").display()
        )
    );
}

#[test]
fn fifos_and_devices_are_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let mut paths = vec![PathBuf::from("/dev/zero")];
    if made {
        paths.push(dir.path().to_path_buf());
    } else {
        println!("mkfifo is not available; checking /dev/zero only");
    }
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let run = validate(&refs);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("/dev/zero:1:1: not a regular file; give a prompt file (*.yaml) or a folder"),
        "{}",
        run.stdout
    );
    if made {
        assert!(
            run.stdout
                .contains(&format!("{}:1:1: not a regular file", fifo.display())),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn hostile_files_in_the_prompt_folder_never_stop_a_drill() {
    let home = tempfile::tempdir().unwrap();
    let drills = home.path().join("drills");
    fs::create_dir_all(&drills).unwrap();
    fs::write(drills.join("good.yaml"), GOOD).unwrap();
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("deep.yaml", "[".repeat(100_000).into_bytes()),
        ("utf8.yaml", b"prompts:\n  - id: \xff\n".to_vec()),
        ("empty.yaml", Vec::new()),
        ("syntax.yaml", b"prompts: [\n".to_vec()),
        ("big.yaml", vec![b'#'; 9 * 1024 * 1024]),
    ];
    for (name, bytes) in &bad {
        fs::write(drills.join(name), bytes).unwrap();
    }
    let started = Instant::now();
    let out = cargo_bin_cmd!("sre-drill")
        .env("SRE_DRILL_HOME", home.path())
        .args(["drill", "whiteboard", "--count", "1", "--follow-ups", "0"])
        .write_stdin(".\nall\n3\n\n")
        .timeout(HANG)
        .output()
        .unwrap();
    println!("drill with 5 bad files: {:?}", started.elapsed());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("Put a cache in front of a slow service"),
        "{stderr}"
    );
    for (name, _) in &bad {
        let warnings: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains(&format!("skipped {}", drills.join(name).display())))
            .collect();
        assert_eq!(warnings.len(), 1, "{name}: {stderr}");
        assert!(
            warnings[0].ends_with(&format!(
                "run `sre-drill validate {}` for details",
                drills.join(name).display()
            )),
            "{}",
            warnings[0]
        );
        if *name == "big.yaml" {
            assert!(warnings[0].contains("limited to 8 MiB"), "{}", warnings[0]);
        }
    }
}

/// Random edits a person (or a broken editor) might make to a prompt file.
fn mutate(rng: &mut StdRng, bytes: &mut Vec<u8>) {
    const PUNCTUATION: &[&str] = &[
        ":",
        ": ",
        "- ",
        "-",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a ",
        "!",
        "!!str ",
        "|",
        ">",
        "|-",
        "#",
        "'",
        "\"",
        "?",
        "? ",
        "\t",
        "\n",
        "\r\n",
        "---\n",
        "...\n",
        "%YAML 1.2\n",
        "\u{feff}",
        "\\",
        "@",
        "`",
        "<<: ",
        "~",
        "  ",
        "\u{0}",
        "é",
    ];
    let len = bytes.len();
    let at = |rng: &mut StdRng| rng.random_range(0..=len);
    match rng.random_range(0..7) {
        0 if len > 0 => {
            let start = rng.random_range(0..len);
            let end = (start + rng.random_range(1..8)).min(len);
            bytes.drain(start..end);
        }
        1 if len > 0 => {
            let start = rng.random_range(0..len);
            let end = (start + rng.random_range(1..16)).min(len);
            let copy = bytes[start..end].to_vec();
            let to = at(rng);
            bytes.splice(to..to, copy);
        }
        2 if len > 1 => {
            let a = rng.random_range(0..len);
            let b = rng.random_range(0..len);
            bytes.swap(a, b);
        }
        3 | 4 => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let n = lines.len();
            let i = rng.random_range(0..n);
            match rng.random_range(0..3) {
                0 => {
                    lines.remove(i);
                }
                1 => {
                    let line = lines[i].clone();
                    lines.insert(i, line);
                }
                _ => {
                    let j = rng.random_range(0..n);
                    lines.swap(i, j);
                }
            }
            *bytes = lines.join(&b'\n');
        }
        _ => {
            let piece = PUNCTUATION[rng.random_range(0..PUNCTUATION.len())];
            let to = at(rng);
            bytes.splice(to..to, piece.bytes());
        }
    }
}

#[test]
fn random_mutations_of_a_good_file_never_panic_and_every_error_has_a_line() {
    let seed = 0x5EED_2024;
    let mut rng = StdRng::seed_from_u64(seed);
    let started = Instant::now();
    let (mut accepted, mut rejected) = (0, 0);
    for iteration in 0..400 {
        let mut bytes = GOOD.as_bytes().to_vec();
        for _ in 0..rng.random_range(1..=4) {
            mutate(&mut rng, &mut bytes);
        }
        let case = bytes.clone();
        let parsed = std::panic::catch_unwind(|| parse_prompt_bytes(Path::new("m.yaml"), &case))
            .unwrap_or_else(|_| {
                panic!(
                    "iteration {iteration} (seed {seed:#x}) panicked on:\n{}",
                    String::from_utf8_lossy(&bytes)
                )
            });
        let lines = line_count(&bytes);
        for d in &parsed.diagnostics {
            assert!(
                d.line >= 1 && d.line <= lines && d.column >= 1,
                "iteration {iteration}: {d} is outside the file ({lines} lines):\n{}",
                String::from_utf8_lossy(&bytes)
            );
            assert!(!d.message.is_empty());
        }
        if parsed.has_errors() {
            rejected += 1;
        } else {
            accepted += 1;
            for p in &parsed.prompts {
                assert!(!p.id.0.is_empty() && !p.title.is_empty() && !p.prompt.is_empty());
                assert!((1..=180).contains(&p.minutes));
            }
        }
    }
    println!(
        "400 mutations in {:?}: {accepted} accepted, {rejected} rejected",
        started.elapsed()
    );
    assert!(
        rejected > 0 && accepted > 0,
        "the mutator should both break and spare the file"
    );
}

#[test]
fn the_good_file_used_here_is_clean() {
    let parsed = parse_prompt_file("good.yaml", GOOD, &Source::BuiltIn);
    assert!(
        parsed
            .diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error),
        "{:?}",
        parsed.diagnostics
    );
    assert_eq!(parsed.prompts.len(), 1);
}

// ---------------------------------------------------------------- lab files

/// A file under a `labs/` folder: `validate` checks it as a lab file.
fn lab_problem(name: &str, bytes: &[u8]) -> String {
    only_problem(&format!("labs/{name}"), bytes)
}

/// A billion-laughs bomb in a lab's generator parameters, where any value is read.
fn lab_bomb() -> String {
    let mut text = String::from(
        "labs:\n  - id: lab-lol\n    generator:\n      name: syslog\n      a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        writeln!(text, "      a{i}: &a{i} [{refs}]").unwrap();
    }
    text
}

#[test]
fn every_yaml_test_suite_document_read_as_a_lab_file_loads_or_errors_naming_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let labs = tmp.path().join("labs");
    for (kind, expected) in [("error", 94), ("valid", 308)] {
        let files = copy_corpus(kind, &labs);
        assert_eq!(
            files.len(),
            expected,
            "{kind}/ should hold {expected} documents"
        );
        let run = validate(&[&labs.join(kind)]);
        println!("labs/{kind}/: {} files in {:?}", files.len(), run.took);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(
            matches!(run.code, 0 | 2),
            "exit {}: {}",
            run.code,
            run.stderr
        );
        assert!(
            run.stdout
                .ends_with(&format!(" in {} files\n", files.len())),
            "{}",
            run.stdout.lines().last().unwrap_or_default()
        );
        let problems = by_file(&run.stdout, &files);
        for file in &files {
            let lines = line_count(&fs::read(file).unwrap());
            let found = problems.get(file).map_or(&[][..], Vec::as_slice);
            if kind == "error" {
                assert!(
                    !found.is_empty(),
                    "{} is invalid YAML but got no error line",
                    file.display()
                );
            }
            for (line, column, message) in found {
                assert!(
                    (1..=lines).contains(line) && *column >= 1,
                    "{}:{line}:{column}: points outside the file ({lines} lines): {message}",
                    file.display()
                );
                assert!(!message.is_empty());
            }
        }
    }
}

#[test]
fn the_library_rejects_every_invalid_yaml_document_as_a_lab_file_with_a_position() {
    let mut seen = 0;
    for entry in fs::read_dir(corpus().join("error")).unwrap() {
        seen += 1;
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned();
        let parsed = parse_lab_file("bad.yaml", &text, &Source::BuiltIn);
        assert!(parsed.has_errors(), "{} was accepted", path.display());
        assert!(parsed.labs.is_empty());
        assert!(
            parsed
                .diagnostics
                .iter()
                .all(|d| d.line >= 1 && d.column >= 1)
        );
    }
    assert_eq!(seen, 94, "error/ should hold 94 invalid documents");
}

#[test]
fn a_lab_file_nested_100k_deep_stops_at_the_depth_limit_and_names_it() {
    let n = 100_000;
    let cases = [
        (
            "flow-seq.yaml",
            format!("{}{}", "[".repeat(n), "]".repeat(n)),
        ),
        (
            "flow-map.yaml",
            format!("{}1{}", "{a: ".repeat(n), "}".repeat(n)),
        ),
        ("unclosed.yaml", "[".repeat(n)),
        (
            "generator-block-seq.yaml",
            format!(
                "labs:\n  - generator:\n      deep:\n        {}x\n",
                "- ".repeat(n)
            ),
        ),
        (
            "lab-nested.yaml",
            format!(
                "labs:\n  - id: x\n    hints: {}{}\n",
                "[".repeat(n),
                "]".repeat(n)
            ),
        ),
    ];
    for (name, text) in cases {
        let problem = lab_problem(name, text.as_bytes());
        let (line, _, message) = position(&problem);
        assert!(line >= 1);
        assert!(
            message.contains(&format!("more than {MAX_DEPTH} levels deep")),
            "{name}: {message}"
        );
    }
}

#[test]
fn a_billion_laughs_lab_file_stops_at_the_alias_budget_and_names_the_alias() {
    let text = lab_bomb();
    let started = Instant::now();
    let problem = lab_problem("lol.yaml", text.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(5), "fails fast");
    let (line, column, message) = position(&problem);
    assert!(
        message.contains("aliases") && message.contains(&MAX_ALIAS_EVENTS.to_string()),
        "{message}"
    );
    let at = &text.lines().nth(line as usize - 1).unwrap()[column as usize - 1..];
    assert!(at.starts_with("*a"), "{problem} points at {at:?}");
}

#[test]
fn hostile_lab_files_in_the_user_folder_are_skipped_naming_the_file() {
    let home = tempfile::tempdir().unwrap();
    let labs = home.path().join("drills/labs");
    fs::create_dir_all(&labs).unwrap();
    fs::write(labs.join("lol.yaml"), lab_bomb()).unwrap();
    fs::write(
        labs.join("deep.yaml"),
        format!("labs: {}", "[".repeat(100_000)),
    )
    .unwrap();
    let out = cargo_bin_cmd!("sre-drill")
        .env("SRE_DRILL_HOME", home.path())
        .args(["lab", "--list"])
        .timeout(HANG)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for name in ["lol.yaml", "deep.yaml"] {
        let shown = format!("skipped lab file {}:", labs.join(name).display());
        assert!(stderr.contains(&shown), "{name}: {stderr}");
    }
}
