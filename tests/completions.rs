//! Shell completion, checked in the real shells: the script is sourced and the
//! completion function called the way bash calls it on Tab.

mod support;

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::cargo_bin;

fn script(shell: &str, dir: &Path) -> std::path::PathBuf {
    let out = Command::new(cargo_bin("sre-drill"))
        .args(["completions", shell])
        .output()
        .expect("sre-drill runs");
    assert!(out.status.success(), "{out:?}");
    let path = dir.join(format!("sre-drill.{shell}"));
    std::fs::write(&path, out.stdout).expect("script written");
    path
}

/// What bash offers after the words of `line` (the last word is the one being
/// completed, possibly empty).
fn bash_offers(line: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = script("bash", dir.path());
    let mut words: Vec<&str> = line.split(' ').collect();
    if words.is_empty() {
        words.push("");
    }
    let cword = words.len() - 1;
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let prev = if cword > 0 { words[cword - 1] } else { "" };
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\n_sre__drill sre-drill '{}' '{prev}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        path.display(),
        quoted.join(" "),
        words[cword],
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_the_options_of_lab() {
    let offered = bash_offers("sre-drill lab --");
    for option in ["--list", "--timed", "--shell", "--seed", "--keep"] {
        assert!(
            offered.iter().any(|o| o == option),
            "{option} in {offered:?}"
        );
    }
    assert!(!offered.iter().any(|o| o == "--count"), "{offered:?}");
}

#[test]
fn bash_completes_categories_after_drill() {
    let offered = bash_offers("sre-drill drill ");
    for word in ["design", "coding", "troubleshooting", "all", "due", "weak"] {
        assert!(offered.iter().any(|o| o == word), "{word} in {offered:?}");
    }
    assert_eq!(bash_offers("sre-drill drill de"), ["design"]);
}

#[test]
fn bash_completes_nested_company_subcommands_and_list_options() {
    let offered = bash_offers("sre-drill company ");
    for word in ["ask", "show", "compare", "forget"] {
        assert!(offered.iter().any(|o| o == word), "{word} in {offered:?}");
    }
    assert_eq!(bash_offers("sre-drill list --c"), ["--category"]);
    assert!(
        bash_offers("sre-drill history ")
            .iter()
            .any(|o| o == "show")
    );
}

#[test]
fn the_top_level_still_completes() {
    assert!(bash_offers("sre-drill ").iter().any(|o| o == "lab"));
}

#[test]
fn zsh_loads_the_script_when_installed() {
    if !support::tool("zsh", &["-c", "exit 0"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = script("zsh", dir.path());
    let program = format!(
        "autoload -U compinit && compinit -u -D && source '{}' && whence -w _sre-drill",
        path.display()
    );
    let out = Command::new("zsh")
        .args(["-f", "-c", &program])
        .output()
        .expect("zsh runs");
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("function"),
        "{out:?}"
    );
}

#[test]
fn fish_loads_the_script_and_offers_lab_options_when_installed() {
    if !support::tool("fish", &["-c", "exit 0"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = script("fish", dir.path());
    let program = format!(
        "source '{}'; complete -C 'sre-drill lab --'",
        path.display()
    );
    let out = Command::new("fish")
        .args(["--no-config", "-c", &program])
        .output()
        .expect("fish runs");
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("--timed"),
        "{out:?}"
    );
}

#[test]
fn level_completes_the_three_levels_not_file_names() {
    assert_eq!(
        bash_offers("sre-drill list --level "),
        ["entry", "mid", "senior"]
    );
    assert_eq!(
        bash_offers("sre-drill troubleshooting --level s"),
        ["senior"]
    );
}
