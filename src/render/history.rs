//! The short texts of `history` and `history import`: empty output in each format,
//! filters that matched nothing, and what an import did.
//!
//! Writes to any `impl Write`; never reads input.

use std::io::{self, Write};
use std::path::Path;

use super::review::CSV_HEADER;
use crate::review::filter::AttemptFilter;
use crate::review::import::Merge;

/// `history --json` or `--csv` with nothing to list: an empty array, or the header alone.
///
/// # Errors
/// Writing failed.
pub fn no_records(out: &mut impl Write, csv: bool) -> io::Result<()> {
    writeln!(out, "{}", if csv { CSV_HEADER } else { "[]" })
}

/// The filters matched nothing: say what they were and how much the history holds.
///
/// # Errors
/// Writing failed.
pub fn no_match(out: &mut impl Write, filter: &AttemptFilter, everything: usize) -> io::Result<()> {
    let mut parts = Vec::new();
    if let Some(since) = filter.since {
        parts.push(format!("since {}", since.format("%Y-%m-%d %H:%M")));
    }
    if let Some(c) = &filter.category {
        parts.push(format!("in category '{c}'"));
    }
    if let Some(p) = &filter.prompt {
        parts.push(format!("at prompt '{p}'"));
    }
    writeln!(
        out,
        "No attempts {} (the history holds {everything}); try `sre-drill history` without filters.",
        parts.join(" ")
    )
}

/// `history show --prompt ID` for a bank prompt never practised.
///
/// # Errors
/// Writing failed.
pub fn never_practised(out: &mut impl Write, id: &str) -> io::Result<()> {
    writeln!(
        out,
        "No attempt at '{id}' yet. Practise it in a session of its category, e.g. `sre-drill drill all`."
    )
}

/// `history import` of a file with no lines at all.
///
/// # Errors
/// Writing failed.
pub fn nothing_to_import(out: &mut impl Write, file: &Path) -> io::Result<()> {
    writeln!(
        out,
        "Nothing to import: {} holds no records.",
        file.display()
    )
}

/// What `history import` appended from `file` into `history`, and what it skipped and why.
///
/// # Errors
/// Writing failed.
pub fn imported(
    out: &mut impl Write,
    merged: &Merge<'_>,
    damaged: usize,
    file: &Path,
    history: &Path,
) -> io::Result<()> {
    let mut skipped = vec![format!("{} already there", merged.duplicates)];
    if damaged > 0 {
        skipped.push(format!("{damaged} damaged"));
    }
    if merged.invalid > 0 {
        skipped.push(format!("{} invalid", merged.invalid));
    }
    if let Some(first) = merged.first_conflict {
        skipped.push(format!(
            "{} in conflict with a record here, first {first}",
            merged.conflicts
        ));
    }
    writeln!(
        out,
        "Imported {} attempt{} from {} into {} (skipped: {}).",
        merged.new.len(),
        if merged.new.len() == 1 { "" } else { "s" },
        file.display(),
        history.display(),
        skipped.join(", ")
    )
}

/// `history unheard`: per prompt, each line that got no real answer, newest first.
///
/// # Errors
/// Writing failed.
pub fn unheard(out: &mut impl Write, groups: &[crate::review::unheard::Group]) -> io::Result<()> {
    if groups.is_empty() {
        return writeln!(
            out,
            "Every line you typed to an interviewer got a real answer (or you have not played a scenario yet)."
        );
    }
    for (i, g) in groups.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{} ({})", g.prompt, g.title)?;
        for l in &g.lines {
            let what = match l.matched.as_deref() {
                Some("otherwise") => "no entry",
                Some("offtopic") => "off topic",
                _ => "no reply",
            };
            writeln!(
                out,
                "  {}  {what:<9}  {}",
                l.when.format("%Y-%m-%d %H:%M"),
                l.line
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn no_match_names_every_filter_given() {
        let filter = AttemptFilter {
            since: None,
            category: Some("linux".into()),
            prompt: Some("dns-1".into()),
        };
        assert_eq!(
            text(|out| no_match(out, &filter, 7)),
            "No attempts in category 'linux' at prompt 'dns-1' (the history holds 7); try `sre-drill history` without filters.\n"
        );
    }

    #[test]
    fn an_import_lists_only_the_kinds_it_skipped() {
        let merged = Merge {
            new: Vec::new(),
            duplicates: 3,
            conflicts: 2,
            first_conflict: Some("a1"),
            invalid: 0,
        };
        assert_eq!(
            text(|out| imported(out, &merged, 1, Path::new("in.jsonl"), Path::new("h.jsonl"))),
            "Imported 0 attempts from in.jsonl into h.jsonl (skipped: 3 already there, 1 damaged, 2 in conflict with a record here, first a1).\n"
        );
    }
}
