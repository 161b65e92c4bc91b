//! Turns results into text. Writes to any `impl Write`; never reads input.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::time::Duration;

use crate::bank::{Bank, Prompt};
use crate::console::SummaryRow;
use crate::grade::Grade;
use crate::history::Attempt;
use crate::session::timer::clock_face;

pub mod report;
pub mod review;

/// How to start, for every reading command on an empty history.
pub const START_HINT: &str =
    "No practice logged yet. Start with: sre-drill troubleshooting --timed";

/// Pads or cuts `text` to exactly `width` characters.
fn cell(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        format!("{text}{}", " ".repeat(width - count))
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn mmss(secs: u64) -> String {
    clock_face(Duration::from_secs(secs), false)
}

/// The end-of-session table.
///
/// # Errors
/// Writing failed.
pub fn summary(out: &mut impl Write, rows: &[SummaryRow], history_path: &str) -> io::Result<()> {
    if rows.is_empty() {
        writeln!(out, "No attempt was graded, so nothing was logged.")?;
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}  {}  {}  Grade",
        cell("Prompt", 40),
        cell("Time / box", 16),
        cell("Rubric", 7),
    )?;
    for r in rows {
        let time = format!(
            "{} / {}{}",
            clock_face(r.time, false),
            clock_face(r.time_box, false),
            if r.overtime { " !" } else { "" }
        );
        writeln!(
            out,
            "{}  {}  {}  {}",
            cell(&r.title, 40),
            cell(&time, 16),
            cell(&points_cell(r.covered, r.total), 7),
            r.grade
        )?;
    }
    if rows.iter().any(|r| r.overtime) {
        writeln!(out, "(! = over the time box)")?;
    }
    writeln!(out, "\nLogged to {history_path}")?;
    Ok(())
}

/// `3/7`, or `–` where there was nothing to tick (labs are checked, not ticked).
fn points_cell(covered: usize, total: usize) -> String {
    if total == 0 {
        "–".to_owned()
    } else {
        format!("{covered}/{total}")
    }
}

/// Sessions in the order given (callers sort newest first).
pub struct SessionView<'a> {
    pub id: &'a str,
    pub attempts: Vec<&'a Attempt>,
}

/// Groups attempts into sessions, newest first: by start time, and for sessions that
/// started in the same second, the one written later to the file first.
#[must_use]
pub fn sessions(attempts: &[Attempt]) -> Vec<SessionView<'_>> {
    let mut by_id: BTreeMap<&str, (usize, Vec<&Attempt>)> = BTreeMap::new();
    for (index, a) in attempts.iter().enumerate() {
        by_id
            .entry(a.session.as_str())
            .or_insert((index, Vec::new()))
            .1
            .push(a);
    }
    let mut out: Vec<(usize, SessionView<'_>)> = by_id
        .into_iter()
        .map(|(id, (index, mut attempts))| {
            attempts.sort_by_key(|a| a.started);
            (index, SessionView { id, attempts })
        })
        .collect();
    out.sort_by(|(ia, a), (ib, b)| {
        let start = |s: &SessionView<'_>| s.attempts.first().map(|a| a.started);
        start(b).cmp(&start(a)).then_with(|| ib.cmp(ia))
    });
    out.into_iter().map(|(_, s)| s).collect()
}

fn average_grade(attempts: &[&Attempt]) -> f64 {
    if attempts.is_empty() {
        return 0.0;
    }
    attempts.iter().map(|a| f64::from(a.grade)).sum::<f64>() / attempts.len() as f64
}

/// One session in full.
///
/// # Errors
/// Writing failed.
pub fn session_detail(
    out: &mut impl Write,
    session: &SessionView<'_>,
    bank: &Bank,
) -> io::Result<()> {
    let Some(first) = session.attempts.first() else {
        return Ok(());
    };
    writeln!(
        out,
        "Session {} · {} · {} prompt{} · average grade {:.1}",
        session.id,
        first.started.format("%Y-%m-%d %H:%M"),
        session.attempts.len(),
        if session.attempts.len() == 1 { "" } else { "s" },
        average_grade(&session.attempts)
    )?;
    for (i, a) in session.attempts.iter().enumerate() {
        let prompt = bank.get(&a.prompt.0);
        writeln!(out)?;
        let title = if a.title.is_empty() {
            prompt.map_or("", |p| p.title.as_str())
        } else {
            &a.title
        };
        writeln!(out, "[{}] {title} ({})", i + 1, a.prompt)?;
        writeln!(
            out,
            "    {} · {}{}",
            a.category,
            a.level,
            if a.partial {
                " · partial (stopped early)"
            } else {
                ""
            }
        )?;
        let mut timing = format!(
            "    Time {} of {}{}",
            mmss(a.answer_secs),
            mmss(a.time_box_secs),
            if a.timed { " (timed)" } else { " (untimed)" }
        );
        if a.overtime_secs > 0 {
            let _ = write!(timing, ", overtime +{}", mmss(a.overtime_secs));
        }
        if a.think_secs > 0 {
            let _ = write!(timing, " · planning {}", mmss(a.think_secs));
        }
        let _ = write!(timing, " · hints {}", a.hints_used);
        writeln!(out, "{timing}")?;
        let grade = Grade::new(a.grade).map_or_else(|| a.grade.to_string(), |g| g.to_string());
        if let Some(lab) = &a.lab {
            writeln!(
                out,
                "    Grade {grade} (computed) · {} in {} tr{} · expected {}",
                if lab.solved { "solved" } else { "not solved" },
                lab.tries,
                if lab.tries == 1 { "y" } else { "ies" },
                lab.expected
            )?;
            writeln!(
                out,
                "    Seed {}: `sre-drill lab {} --seed {}` rebuilds the same folder",
                lab.seed, a.prompt, lab.seed
            )?;
        } else {
            writeln!(
                out,
                "    Grade {grade} · points covered {}/{}",
                a.rubric.covered.len(),
                a.rubric.total
            )?;
        }
        writeln!(out, "    Answer:")?;
        if a.answer.is_empty() {
            writeln!(out, "      (answered aloud, no notes)")?;
        } else {
            for line in a.answer.lines() {
                writeln!(out, "      {line}")?;
            }
        }
        if let Some(p) = prompt.filter(|p| p.points().len() == a.rubric.total as usize) {
            writeln!(out, "    Points:")?;
            for (n, point) in p.points().iter().enumerate() {
                let mark = if a.rubric.covered.contains(&(n as u32 + 1)) {
                    "[x]"
                } else {
                    "[ ]"
                };
                writeln!(out, "      {mark} {point}")?;
            }
        } else if a.rubric.total > 0 {
            let covered: Vec<String> = a.rubric.covered.iter().map(ToString::to_string).collect();
            writeln!(
                out,
                "    Points covered: {} of {}",
                if covered.is_empty() {
                    "none".to_owned()
                } else {
                    covered.join(", ")
                },
                a.rubric.total
            )?;
        }
        if !a.note.is_empty() {
            writeln!(out, "    Next time: {}", a.note)?;
        }
        for f in &a.follow_ups {
            let grade = Grade::new(f.grade).map_or_else(|| f.grade.to_string(), |g| g.to_string());
            writeln!(out, "    Follow-up: {}", f.question)?;
            writeln!(out, "      grade {grade} · {}", mmss(f.answer_secs))?;
            for line in f.answer.lines() {
                writeln!(out, "      {line}")?;
            }
        }
    }
    Ok(())
}

/// The `list` table, with counts by category at the end.
///
/// # Errors
/// Writing failed.
pub fn prompt_list(out: &mut impl Write, prompts: &[&Prompt]) -> io::Result<()> {
    let id_width = prompts
        .iter()
        .map(|p| p.id.0.chars().count())
        .max()
        .unwrap_or(2)
        .clamp(2, 40);
    writeln!(
        out,
        "{}  {}  {}  {}  Title",
        cell("Id", id_width),
        cell("Category", 15),
        cell("Level", 6),
        cell("Min", 3),
    )?;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in prompts {
        *counts.entry(p.category.as_str()).or_default() += 1;
        let mark = if p.overrides_built_in {
            " (replaces built-in)"
        } else {
            ""
        };
        writeln!(
            out,
            "{}  {}  {}  {}  {}{mark}",
            cell(&p.id.0, id_width),
            cell(p.category.as_str(), 15),
            cell(p.level.as_str(), 6),
            cell(&p.minutes.to_string(), 3),
            p.title
        )?;
    }
    let parts: Vec<String> = counts.iter().map(|(c, n)| format!("{c} {n}")).collect();
    writeln!(out, "\n{} prompts: {}", prompts.len(), parts.join(", "))?;
    Ok(())
}

/// One prompt in full, as `show` prints it.
///
/// # Errors
/// Writing failed.
pub fn prompt_detail(out: &mut impl Write, p: &Prompt) -> io::Result<()> {
    writeln!(out, "{} ({})", p.title, p.id)?;
    let think = p
        .think_seconds
        .map(|s| format!(" · plan {s} s"))
        .unwrap_or_default();
    writeln!(
        out,
        "{} · {} · {} min{think} · tags: {}",
        p.category,
        p.level,
        p.minutes,
        p.tags.join(", ")
    )?;
    writeln!(
        out,
        "Source: {}{}",
        p.source,
        if p.overrides_built_in {
            " (replaces the built-in prompt)"
        } else {
            ""
        }
    )?;
    writeln!(out, "\n{}", p.prompt)?;
    section(out, "Hints:", &p.hints, true)?;
    section(out, "Rubric:", &p.rubric, true)?;
    section(out, "Pitfalls:", &p.pitfalls, false)?;
    if let Some(why) = &p.why {
        writeln!(out, "\nWhy ask: {why}")?;
    }
    section(out, "Listen for:", &p.listen_for, true)?;
    section(out, "Red flags:", &p.red_flags, false)?;
    section(out, "Follow-ups:", &p.follow_ups, false)?;
    Ok(())
}

fn section(out: &mut impl Write, title: &str, items: &[String], numbered: bool) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{title}")?;
    for (i, item) in items.iter().enumerate() {
        if numbered {
            writeln!(out, "  {}. {item}", i + 1)?;
        } else {
            writeln!(out, "  - {item}")?;
        }
    }
    Ok(())
}

/// A prompt as `list --json` and `show --json` print it: the YAML field names plus source.
#[must_use]
pub fn prompt_json(p: &Prompt) -> serde_json::Value {
    let mut v = serde_json::json!({
        "id": p.id.0,
        "title": p.title,
        "category": p.category.as_str(),
        "level": p.level.as_str(),
        "tags": p.tags,
        "minutes": p.minutes,
        "prompt": p.prompt,
        "source": p.source.to_string(),
    });
    let Some(map) = v.as_object_mut() else {
        return v;
    };
    if let Some(s) = p.think_seconds {
        map.insert("think_seconds".into(), s.into());
    }
    for (name, items) in [
        ("hints", &p.hints),
        ("rubric", &p.rubric),
        ("pitfalls", &p.pitfalls),
        ("follow_ups", &p.follow_ups),
        ("listen_for", &p.listen_for),
        ("red_flags", &p.red_flags),
    ] {
        if !items.is_empty() {
            map.insert(name.into(), items.clone().into());
        }
    }
    if let Some(why) = &p.why {
        map.insert("why".into(), why.clone().into());
    }
    if p.overrides_built_in {
        map.insert("replaces_built_in".into(), true.into());
    }
    v
}
