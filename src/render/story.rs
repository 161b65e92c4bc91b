//! `story list` and what `story add` says when it has written. Never reads input.

use std::io::{self, Write};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::cell;
use crate::grade::Grade;
use crate::story::Story;
use crate::text::plural;

/// One story with how often it was told.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    #[serde(flatten)]
    pub story: &'a Story,
    /// Graded attempts at it.
    pub attempts: usize,
    pub last_grade: Option<u8>,
    pub last: Option<DateTime<FixedOffset>>,
}

/// The stories, one line each: id, title, topics, practice.
///
/// # Errors
/// Writing failed.
pub fn list(out: &mut impl Write, rows: &[Row<'_>], file: &str) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(
            out,
            "No stories yet in {file}.\nWrite your first: sre-drill story add"
        );
    }
    writeln!(out, "{} in {file}:", plural(rows.len(), "story", "stories"))?;
    let id_w = rows
        .iter()
        .map(|r| r.story.id.chars().count())
        .max()
        .unwrap_or(0);
    let title_w = rows
        .iter()
        .map(|r| r.story.title.chars().count())
        .max()
        .unwrap_or(0)
        .min(48);
    for r in rows {
        let practice = match (r.last_grade.and_then(Grade::new), r.last) {
            (Some(grade), Some(last)) => format!(
                "told {}, last {} on {}",
                plural(r.attempts, "time", "times"),
                grade,
                last.format("%Y-%m-%d")
            ),
            _ => "not told yet".to_owned(),
        };
        let topics = if r.story.topics.is_empty() {
            "no topics".to_owned()
        } else {
            r.story.topics.join(", ")
        };
        writeln!(
            out,
            "  {}  {}  {topics} · {practice}",
            cell(&r.story.id, id_w),
            cell(&r.story.title, title_w)
        )?;
    }
    writeln!(out, "Tell them against the clock: sre-drill story")
}

/// What `story add` prints once the story is on disk.
///
/// # Errors
/// Writing failed.
pub fn added(out: &mut impl Write, id: &str, file: &str) -> io::Result<()> {
    writeln!(
        out,
        "Added '{id}' to {file}.\nTell it against the clock: sre-drill story (only this one: sre-drill drill {id})"
    )
}
