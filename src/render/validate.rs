//! `validate`'s output: one line per problem and the count line, or JSON.
//!
//! Takes the files checked and their diagnostics; never reads input.

use std::io::{self, Write};

use crate::bank::{Diagnostic, Severity};

/// `3 errors, 1 warning in 2 files`.
#[must_use]
pub fn count_line(files: usize, diagnostics: &[Diagnostic]) -> String {
    let (errors, warnings) = counts(diagnostics);
    format!(
        "{}, {} in {}",
        count(errors, "error"),
        count(warnings, "warning"),
        count(files, "file")
    )
}

/// `n noun` or `n nouns`.
#[must_use]
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diagnostics.len() - errors)
}

/// `validate --json`: the counts and every problem.
#[must_use]
pub fn json(files: usize, diagnostics: &[Diagnostic]) -> serde_json::Value {
    let (errors, warnings) = counts(diagnostics);
    let problems: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "path": d.path,
                "line": d.line.max(1),
                "column": d.column.max(1),
                "severity": match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                "message": d.message,
            })
        })
        .collect();
    serde_json::json!({
        "files": files,
        "errors": errors,
        "warnings": warnings,
        "problems": problems,
    })
}

/// One `path:line:column: message` line per problem, then the count line.
///
/// # Errors
/// Writing failed.
pub fn text(out: &mut impl Write, files: usize, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for d in diagnostics {
        writeln!(out, "{d}")?;
    }
    writeln!(out, "{}", count_line(files, diagnostics))
}

/// `validate --hearing`: one file's figures, then each line heard other than labelled.
///
/// # Errors
/// Writing failed.
pub fn hearing(
    out: &mut impl Write,
    file: &std::path::Path,
    prompt: &str,
    figures: &crate::hearing::corpus::Figures,
    misses: &[crate::hearing::corpus::Miss],
) -> io::Result<()> {
    writeln!(out, "{} ({prompt}): {}", file.display(), figures.row())?;
    for m in misses {
        writeln!(out, "  missed {}", m.describe())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(severity: Severity) -> Diagnostic {
        Diagnostic {
            path: "a.yaml".into(),
            line: 0,
            column: 3,
            severity,
            message: "broken".into(),
        }
    }

    #[test]
    fn the_count_line_uses_singular_and_plural() {
        assert_eq!(count_line(1, &[]), "0 errors, 0 warnings in 1 file");
        assert_eq!(
            count_line(2, &[problem(Severity::Error)]),
            "1 error, 0 warnings in 2 files"
        );
        assert_eq!(
            count_line(1, &[problem(Severity::Warning), problem(Severity::Warning)]),
            "0 errors, 2 warnings in 1 file"
        );
    }

    #[test]
    fn json_counts_by_severity_and_points_at_line_one_at_least() {
        let value = json(1, &[problem(Severity::Error), problem(Severity::Warning)]);
        assert_eq!(value["errors"], 1);
        assert_eq!(value["warnings"], 1);
        assert_eq!(value["problems"][0]["line"], 1);
        assert_eq!(value["problems"][1]["severity"], "warning");
    }
}
