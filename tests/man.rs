//! `sre-drill man`: a manual page generated from the command definitions, printed as roff
//! or written as one page per command.

mod support;

use support::run_plain;

#[test]
fn man_prints_a_roff_page_that_lists_every_command() {
    let home = tempfile::tempdir().unwrap();
    let out = run_plain(home.path(), &["man"], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(".TH sre-drill 1"), "{}", out.stdout);
    assert!(out.stdout.contains(".SH SUBCOMMANDS"));
    for command in ["lab", "drill", "history", "stats", "completions", "man"] {
        assert!(
            out.stdout.contains(&format!("sre\\-drill\\-{command}(1)"))
                || out.stdout.contains(&format!("{command}(1)")),
            "the page does not list {command}"
        );
    }
}

#[test]
fn man_dir_writes_one_page_per_command() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("man1");
    let out = run_plain(home.path(), &["man", "--dir", dir.to_str().unwrap()], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lab = std::fs::read_to_string(dir.join("sre-drill-lab.1")).unwrap();
    assert!(lab.contains("\\-\\-seed"), "{lab}");
    assert!(dir.join("sre-drill.1").is_file());
}

#[test]
fn man_dir_that_cannot_be_created_is_bad_input_named() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let out = run_plain(home.path(), &["man", "--dir", file.to_str().unwrap()], "");
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("a-file"), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"));
}
