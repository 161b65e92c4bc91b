//! Every help screen teaches by example: the whole command tree is walked, and each
//! command's `--help` must show at least one example that runs that very command.

use clap::CommandFactory;
use sre_drill::cli::Cli;

/// `(path, help text)` for the command and every subcommand below it, skipping clap's
/// own `help` subcommand.
fn screens(cmd: &mut clap::Command, path: &str, out: &mut Vec<(String, String)>) {
    out.push((path.to_owned(), cmd.render_long_help().to_string()));
    for sub in cmd.get_subcommands_mut() {
        if sub.get_name() == "help" {
            continue;
        }
        let path = format!("{path} {}", sub.get_name());
        screens(sub, &path, out);
    }
}

#[test]
fn every_help_screen_has_an_example_of_its_own_command() {
    let mut root = Cli::command();
    root.build();
    let mut all = Vec::new();
    screens(&mut root, "sre-drill", &mut all);
    assert!(all.len() > 25, "only {} help screens", all.len());
    let missing: Vec<&str> = all
        .iter()
        .filter(|(path, help)| {
            let Some(examples) = help.split("Examples:").nth(1) else {
                return true;
            };
            !examples
                .lines()
                .any(|line| line.trim_start().starts_with(path.as_str()))
        })
        .map(|(path, _)| path.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "help screens without an example of their command: {missing:#?}"
    );
}

#[test]
fn add_help_shows_the_newline_escape_as_typed() {
    let out = assert_cmd::cargo::cargo_bin_cmd!("sre-drill")
        .args(["add", "--help"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("`\\n` in a reply starts a new line"),
        "the two characters a user types, not a line break:\n{text}"
    );
}
