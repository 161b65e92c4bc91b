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
