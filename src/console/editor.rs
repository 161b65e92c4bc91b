//! `--editor`: the answer written in the user's own editor.
//!
//! The editor is `$VISUAL`, else `$EDITOR`, else `vi`; a variable that is set but blank
//! is skipped. It runs through `sh -c` like git runs it, so `EDITOR="code --wait"`
//! works, on a temporary `.md` file that is removed afterwards. An editor that cannot
//! start or exits with an error is reported as such, never read as an empty answer.

use std::ffi::OsString;
use std::io::Write;
use std::process::Command;

/// What came back from the editor.
#[derive(Debug, PartialEq, Eq)]
pub enum Edited {
    /// The file as saved, trailing blank lines removed.
    Text(String),
    /// One sentence: which editor, and how it failed.
    Failed(String),
}

/// The editor command line from the values of `VISUAL` and `EDITOR`.
#[must_use]
pub fn choose(visual: Option<OsString>, editor: Option<OsString>) -> OsString {
    [visual, editor]
        .into_iter()
        .flatten()
        .find(|v| !v.to_string_lossy().trim().is_empty())
        .unwrap_or_else(|| "vi".into())
}

/// Opens `editor` on an empty temporary file and waits for it to close.
#[must_use]
pub fn edit(editor: &OsString) -> Edited {
    let shown = editor.to_string_lossy().into_owned();
    let file = match tempfile::Builder::new()
        .prefix("sre-drill-answer-")
        .suffix(".md")
        .tempfile()
    {
        Ok(mut file) => {
            let _ = file.flush();
            file
        }
        Err(err) => return Edited::Failed(format!("cannot create a file for the editor: {err}")),
    };
    let mut script = editor.clone();
    script.push(" \"$1\"");
    let status = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .arg("sh")
        .arg(file.path())
        .status();
    match status {
        Err(err) => Edited::Failed(format!("cannot start your editor `{shown}`: {err}")),
        Ok(status) if !status.success() => Edited::Failed(match status.code() {
            Some(127) => format!("your editor `{shown}` was not found"),
            Some(code) => format!("your editor `{shown}` failed (exit status {code})"),
            None => format!("your editor `{shown}` was stopped by a signal"),
        }),
        Ok(_) => match std::fs::read(file.path()) {
            Ok(bytes) => Edited::Text(String::from_utf8_lossy(&bytes).trim_end().to_owned()),
            Err(err) => Edited::Failed(format!("cannot read what your editor saved: {err}")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_variables_fall_through_to_the_next_and_then_to_vi() {
        let some = |s: &str| Some(OsString::from(s));
        assert_eq!(choose(some(""), some("nano")), "nano");
        assert_eq!(choose(some("  "), some("")), "vi");
        assert_eq!(choose(None, None), "vi");
        assert_eq!(choose(some("code --wait"), some("nano")), "code --wait");
    }

    #[test]
    fn a_failing_editor_is_a_failure_not_an_empty_answer() {
        let Edited::Failed(why) = edit(&"false".into()) else {
            panic!("`false` must fail")
        };
        assert!(why.contains("`false` failed (exit status 1)"), "{why}");
        let Edited::Failed(why) = edit(&"no-such-editor-anywhere".into()) else {
            panic!("a missing editor must fail")
        };
        assert!(why.contains("not found"), "{why}");
    }

    #[test]
    fn what_the_editor_saved_is_the_answer() {
        let got = edit(&"f() { printf 'line one\\nline two\\n\\n' > \"$1\"; }; f".into());
        assert_eq!(got, Edited::Text("line one\nline two".to_owned()));
    }
}
