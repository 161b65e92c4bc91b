//! The boundaries of docs/architecture.md, checked on the source so they cannot quietly
//! wear away. Each rule names the files that break it and says what to do instead.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, as paths relative to the crate root.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The terminal library a line of code reaches for, if any: dialoguer, crossterm or
/// the `console` crate (written `::console::`, or `console::` not under `crate::`,
/// `super::` or `sre_drill::`, which is our own module). Comments do not count.
fn terminal_library(line: &str) -> Option<&'static str> {
    let code = line.split("//").next().unwrap_or_default();
    for library in ["dialoguer", "crossterm"] {
        if code.contains(&format!("{library}::")) || code.contains(&format!("use {library}")) {
            return Some(library);
        }
    }
    let mut rest = code;
    while let Some(at) = rest.find("console::") {
        let before = &rest[..at];
        let ours = ["crate::", "super::", "sre_drill::"]
            .iter()
            .any(|prefix| before.ends_with(prefix));
        let inside_a_name = before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !ours && !inside_a_name {
            return Some("console");
        }
        rest = &rest[at + "console::".len()..];
    }
    None
}

#[test]
fn the_terminal_libraries_are_recognised_and_our_own_console_module_is_not() {
    assert_eq!(
        terminal_library("use dialoguer::Confirm;"),
        Some("dialoguer")
    );
    assert_eq!(
        terminal_library("    crossterm::terminal::size()"),
        Some("crossterm")
    );
    assert_eq!(terminal_library("use ::console::style;"), Some("console"));
    assert_eq!(terminal_library("use console::Term;"), Some("console"));
    assert_eq!(
        terminal_library("use crate::console::{Prompter, Stop};"),
        None
    );
    assert_eq!(
        terminal_library("use sre_drill::console::restore_terminal;"),
        None
    );
    assert_eq!(terminal_library("use super::console::Stop;"), None);
    assert_eq!(terminal_library("let c = my_console::x();"), None);
    assert_eq!(terminal_library("// dialoguer:: menus were here"), None);
}

#[test]
fn only_src_console_talks_to_a_terminal_library() {
    let root = crate_root();
    let console = root.join("src").join("console");
    let mut offences = Vec::new();
    for file in rust_files(&root.join("src")) {
        if file.starts_with(&console) {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if let Some(library) = terminal_library(line) {
                let shown = file.strip_prefix(&root).unwrap_or(&file).display();
                offences.push(format!(
                    "{shown}:{}: uses {library}: {}",
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "only src/console/ may use dialoguer, crossterm or the console crate; ask through \
         crate::console::Prompter and measure or paint text with crate::console::text:\n{}",
        offences.join("\n")
    );
}

/// The lines of a file before its unit tests: tests may build what they need.
fn code_before_tests(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, l)| l.trim() != "#[cfg(test)]")
        .map(|(n, l)| (n + 1, l.split("//").next().unwrap_or_default()))
}

/// `file:line: code` for each line of non-test code outside `allowed` that contains
/// one of `needles`.
fn offences(allowed: &[&str], needles: &[&str]) -> Vec<String> {
    let root = crate_root();
    let mut found = Vec::new();
    for file in rust_files(&root.join("src")) {
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .display()
            .to_string();
        if allowed.contains(&shown.as_str()) {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        for (n, code) in code_before_tests(&text) {
            if needles.iter().any(|needle| code.contains(needle)) {
                found.push(format!("{shown}:{n}: {}", code.trim()));
            }
        }
    }
    found
}

#[test]
fn only_lib_creates_the_system_clock() {
    let found = offences(
        &["src/lib.rs", "src/main.rs", "src/clock.rs"],
        &["SystemClock"],
    );
    assert!(
        found.is_empty(),
        "take the clock from Config (`config.clock`) or a `&dyn Clock` parameter, so tests can fix now:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_config_reads_the_environment() {
    let found = offences(
        &["src/config.rs"],
        &["env::var(", "env::var_os(", "env::vars("],
    );
    assert!(
        found.is_empty(),
        "read environment variables in src/config.rs (Env) and pass the value on:\n{}",
        found.join("\n")
    );
}

/// The module a `crate::NAME` path names, for each such path in the code of a line
/// (comments aside).
fn crate_modules(line: &str) -> Vec<&str> {
    let code = line.split("//").next().unwrap_or_default();
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let name_end = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        out.push(&after[..name_end]);
        rest = &after[name_end..];
    }
    out
}

/// Which layer a source file belongs to (docs/architecture.md, "The layers").
fn layer(path: &str) -> Option<&'static str> {
    let domain = [
        "src/bank/",
        "src/hearing/",
        "src/check/",
        "src/review/",
        "src/company/",
        "src/lab/",
        "src/posting/",
        "src/story/",
    ];
    let domain_files = [
        "src/scenario.rs",
        "src/grading.rs",
        "src/text.rs",
        "src/grade.rs",
        "src/countdown.rs",
        "src/clock.rs",
        "src/rng.rs",
        "src/hash.rs",
    ];
    if path == "src/lab/run.rs" || path == "src/company/ask.rs" {
        // The lab's and `company ask`'s own flows, peers of src/session/.
        return Some("session");
    }
    if path.starts_with("src/history/") {
        return Some("history");
    }
    if path.starts_with("src/console/") {
        return Some("console");
    }
    if path.starts_with("src/session/") {
        return Some("session");
    }
    if domain.iter().any(|d| path.starts_with(d)) || domain_files.contains(&path) {
        return Some("domain");
    }
    None
}

#[test]
fn the_arrows_between_layers_run_the_documented_way() {
    // Layer → the modules it must not import.
    let forbidden: &[(&str, &[&str])] = &[
        ("domain", &["console", "session", "commands", "render"]),
        (
            "history",
            &["console", "session", "commands", "render", "review"],
        ),
        ("console", &["session", "commands"]),
        ("session", &["render", "commands"]),
    ];
    let root = crate_root();
    let mut broken = Vec::new();
    for file in rust_files(&root.join("src")) {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let Some(layer) = layer(&rel) else { continue };
        let Some((_, banned)) = forbidden.iter().find(|(l, _)| *l == layer) else {
            continue;
        };
        let text = fs::read_to_string(&file).unwrap();
        // Unit tests may reach across (fixtures from review's tests, for example).
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            for module in crate_modules(line) {
                if banned.contains(&module) {
                    broken.push(format!("{rel}:{}: {layer} imports crate::{module}", n + 1));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports against the arrows of docs/architecture.md (move the shared part below both):\n{}",
        broken.join("\n")
    );
}

#[test]
fn a_crate_path_is_read_as_its_module() {
    assert_eq!(
        crate_modules("use crate::render::check::x; // crate::session"),
        ["render"]
    );
    assert_eq!(
        crate_modules("let a = crate::hash::FastHasher; crate::rng::Rng::new()"),
        ["hash", "rng"]
    );
    assert_eq!(layer("src/lab/run.rs"), Some("session"));
    assert_eq!(layer("src/history/store.rs"), Some("history"));
    assert_eq!(layer("src/render/check.rs"), None);
}
