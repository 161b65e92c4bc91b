//! Turns results into text. Writes to any `impl Write`; never reads input.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::time::Duration;

use crate::bank::{Bank, Prompt};
use crate::console::SummaryRow;
use crate::countdown::clock_face;
use crate::grade::Grade;
use crate::history::Attempt;

pub mod add;
pub mod check;
pub mod company;
pub mod drill;
pub mod history;
pub mod lab;
pub mod letter;
pub mod posting;
pub mod report;
pub mod review;
pub mod story;
pub mod validate;

/// How to start, for every reading command on an empty history.
pub const START_HINT: &str =
    "No practice logged yet. Start with: sre-drill troubleshooting --timed";

/// Writes `json()` as pretty JSON and a newline when `as_json`, else what `text` writes:
/// the one way a command honours `--json`. The JSON value is built only when needed.
///
/// # Errors
/// Writing failed.
pub fn json_or_text<W: Write, T: serde::Serialize>(
    out: &mut W,
    as_json: bool,
    json: impl FnOnce() -> T,
    text: impl FnOnce(&mut W) -> io::Result<()>,
) -> io::Result<()> {
    if as_json {
        serde_json::to_writer_pretty(&mut *out, &json())?;
        writeln!(out)
    } else {
        text(out)
    }
}

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

/// A duration as people say it: `45 s`, `6 min`, `2 min 30 s`, `1 h 5 min`.
#[must_use]
pub fn duration_words(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s} s"));
    }
    parts.join(" ")
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
pub type SessionView<'a> = crate::history::sessions::Session<'a, Attempt>;

/// Groups attempts into sessions, newest first, as
/// [`crate::history::sessions::sessions`] does.
#[must_use]
pub fn sessions(attempts: &[Attempt]) -> Vec<SessionView<'_>> {
    crate::history::sessions::sessions(attempts, |a| a.session.as_str(), |a| a.started)
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
    let mut partners: Vec<&str> = Vec::new();
    for a in &session.attempts {
        if let Some(p) = a.graded_by.as_deref()
            && !partners.contains(&p)
        {
            partners.push(p);
        }
    }
    writeln!(
        out,
        "Session {} · {} · {} prompt{} · average grade {:.1} · {}",
        session.id,
        first.started.format("%Y-%m-%d %H:%M"),
        session.attempts.len(),
        if session.attempts.len() == 1 { "" } else { "s" },
        average_grade(&session.attempts),
        if partners.is_empty() {
            "self-graded".to_owned()
        } else {
            format!("mock interview, interviewer {}", partners.join(", "))
        }
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
        } else if a.rubric.total == 0 && a.check.is_some() {
            writeln!(
                out,
                "    Grade {grade} (computed from the check run) · no rubric reviewed"
            )?;
        } else {
            writeln!(
                out,
                "    Grade {grade}{} · points covered {}/{}",
                a.graded_by
                    .as_deref()
                    .map_or_else(String::new, |p| format!(" (graded by {p})")),
                a.rubric.covered.len(),
                a.rubric.total
            )?;
        }
        if let Some(suggested) = a.suggested_grade.and_then(Grade::new) {
            writeln!(out, "    Suggested grade {suggested}")?;
        }
        if let Some(c) = &a.check {
            writeln!(
                out,
                "    Checked: {} of {} cases passed with `{}`",
                c.passed, c.total, c.command
            )?;
        }
        let check_run = a.rubric.total == 0 && a.check.is_some() && a.answer.is_empty();
        if let Some(s) = &a.scenario {
            transcript(out, s, prompt.and_then(|p| p.scenario.as_ref()))?;
        } else if !check_run {
            writeln!(out, "    Answer:")?;
            if a.answer.is_empty() {
                writeln!(out, "      (answered aloud, no notes)")?;
            }
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

/// The `list` table, with counts by category at the end; a sentence when it is empty.
///
/// # Errors
/// Writing failed.
pub fn prompt_list(out: &mut impl Write, prompts: &[&Prompt]) -> io::Result<()> {
    if prompts.is_empty() {
        return writeln!(out, "No prompts match those filters.");
    }
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
    let total = crate::text::plural(prompts.len(), "prompt", "prompts");
    writeln!(out, "\n{total}: {}", parts.join(", "))?;
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
    let rubric: Vec<String> = p
        .rubric
        .iter()
        .map(|r| {
            let mut line = r.point.clone();
            if r.must {
                line.push_str("  [must]");
            }
            if !r.listen_for.is_empty() {
                let _ = write!(line, "\n     listen for: {}", r.listen_for.join(", "));
            }
            line
        })
        .collect();
    section(out, "Rubric:", &rubric, true)?;
    section(out, "Pitfalls:", &p.pitfalls, false)?;
    if let Some(why) = &p.why {
        writeln!(out, "\nWhy ask: {why}")?;
    }
    section(out, "Listen for:", &p.listen_for, true)?;
    section(out, "Red flags:", &p.red_flags, false)?;
    let follow_ups: Vec<String> = p
        .follow_ups
        .iter()
        .map(|f| {
            let mut line = f.ask.clone();
            if let Some(m) = f.minutes {
                let _ = write!(line, " ({m} min)");
            }
            if !f.listen_for.is_empty() {
                let _ = write!(line, "\n    listen for: {}", f.listen_for.join(", "));
            }
            line
        })
        .collect();
    section(out, "Follow-ups:", &follow_ups, false)?;
    if let Some(s) = &p.scenario {
        scenario_detail(out, s)?;
    }
    if !p.facts.is_empty() {
        writeln!(out, "\nClarifying facts (what the interviewer answers):")?;
        for f in &p.facts {
            writeln!(out, "  {}\n        {}", f.ask.join(" | "), f.say.trim_end())?;
        }
    }
    Ok(())
}

/// A scenario attempt as a conversation: each line typed, when, and what the
/// interviewer answered (taken from the prompt as it is now), then the findings.
fn transcript(
    out: &mut impl Write,
    s: &crate::history::ScenarioRecord,
    scenario: Option<&crate::bank::Scenario>,
) -> io::Result<()> {
    writeln!(out, "    Conversation:")?;
    let mut seen: Vec<&str> = Vec::new();
    for a in &s.actions {
        writeln!(out, "      {:>5}  you: {}", mmss(a.secs), a.line)?;
        let tag = a.matched.as_deref();
        let again = tag.is_some_and(|t| seen.contains(&t));
        if let Some(t) = tag {
            seen.push(t);
        }
        let reply = match (tag, scenario) {
            (Some("cause" | "hypothesis"), _) => Some(crate::scenario::CAUSE_REPLY.to_owned()),
            (Some("offtopic"), _) => Some(crate::scenario::OFFTOPIC_REPLY.to_owned()),
            (Some("otherwise"), Some(sc)) => Some(
                sc.otherwise
                    .clone()
                    .unwrap_or_else(|| crate::scenario::DEFAULT_OTHERWISE.to_owned()),
            ),
            (Some(tag), Some(sc)) if again => {
                reply_for(sc, tag).map(|r| crate::scenario::as_before(&r))
            }
            (Some(tag), Some(sc)) => reply_for(sc, tag),
            (None, _) | (Some(_), None) => None,
        };
        if let Some(reply) = reply {
            for (i, line) in reply.trim_end().lines().enumerate() {
                let lead = if i == 0 {
                    "interviewer: "
                } else {
                    "             "
                };
                writeln!(out, "             {lead}{line}")?;
            }
        }
    }
    writeln!(
        out,
        "    Key evidence found {} of {} · cause {} · risky steps: {}",
        s.key_found,
        s.key_total,
        match s.cause_secs {
            Some(secs) => format!("named at {}", mmss(secs)),
            None => "not named".to_owned(),
        },
        if s.risky.is_empty() {
            "none".to_owned()
        } else {
            s.risky.join(", ")
        }
    )
}

/// What the entry tagged `fact:N`, `evidence:ID` or `risky:N` says.
fn reply_for(s: &crate::bank::Scenario, tag: &str) -> Option<String> {
    let (kind, key) = tag.split_once(':')?;
    let index = || key.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
    match kind {
        "fact" => s.facts.get(index()?).map(|f| f.say.clone()),
        "risky" => s.risky.get(index()?).map(|r| r.say.clone()),
        "fix" => s.fixes.get(index()?).map(|f| f.say.clone()),
        "evidence" => s
            .evidence
            .iter()
            .find(|e| e.id == key)
            .map(|e| e.say.clone()),
        _ => None,
    }
}

/// The interviewer's side of a scenario, for someone writing or checking one.
fn scenario_detail(out: &mut impl Write, s: &crate::bank::Scenario) -> io::Result<()> {
    writeln!(out, "\nScenario (what the interviewer answers):")?;
    let said = |text: &str| text.trim_end().replace('\n', "\n        ");
    for f in &s.facts {
        writeln!(
            out,
            "  fact      {}\n        {}",
            f.ask.join(" | "),
            said(&f.say)
        )?;
    }
    for e in &s.evidence {
        let key = if e.key { "key " } else { "    " };
        writeln!(
            out,
            "  {key}{:<6}{}: {}\n        {}",
            "",
            e.id,
            e.ask.join(" | "),
            said(&e.say)
        )?;
    }
    for r in &s.risky {
        writeln!(
            out,
            "  risky     {}\n        {}",
            r.ask.join(" | "),
            said(&r.say)
        )?;
    }
    writeln!(
        out,
        "  cause     {}\n        {}",
        s.cause.ask.join(" | "),
        said(&s.cause.say)
    )?;
    for f in &s.fixes {
        writeln!(
            out,
            "  fix ({})  {}\n        {}",
            if f.good { "good" } else { "bad" },
            f.ask.join(" | "),
            said(&f.say)
        )?;
    }
    for t in &s.timeline {
        writeln!(
            out,
            "  after {}  {}",
            crate::render::duration_words(t.after),
            said(&t.say)
        )?;
    }
    if let Some(o) = &s.otherwise {
        writeln!(out, "  otherwise {}", said(o))?;
    }
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
        ("pitfalls", &p.pitfalls),
        ("listen_for", &p.listen_for),
        ("red_flags", &p.red_flags),
    ] {
        if !items.is_empty() {
            map.insert(name.into(), items.clone().into());
        }
    }
    // A plain point or follow-up stays a plain string, as it was written.
    if !p.rubric.is_empty() {
        let rubric: Vec<serde_json::Value> = p
            .rubric
            .iter()
            .map(|r| {
                if r.is_plain() {
                    r.point.clone().into()
                } else {
                    serde_json::to_value(r).unwrap_or_default()
                }
            })
            .collect();
        map.insert("rubric".into(), rubric.into());
    }
    if !p.follow_ups.is_empty() {
        let follow_ups: Vec<serde_json::Value> = p
            .follow_ups
            .iter()
            .map(|f| {
                if f.is_plain() {
                    f.ask.clone().into()
                } else {
                    serde_json::to_value(f).unwrap_or_default()
                }
            })
            .collect();
        map.insert("follow_ups".into(), follow_ups.into());
    }
    if let Some(s) = &p.scenario {
        map.insert(
            "scenario".into(),
            serde_json::to_value(s).unwrap_or_default(),
        );
    }
    if !p.facts.is_empty() {
        map.insert(
            "facts".into(),
            serde_json::to_value(&p.facts).unwrap_or_default(),
        );
    }
    if let Some(check) = &p.check {
        // As the file writes it: {checker: NAME, PARAM: N, ...}.
        let mut block = serde_json::Map::new();
        block.insert("checker".into(), check.checker.clone().into());
        for (name, value) in &check.params {
            block.insert(name.clone(), (*value).into());
        }
        map.insert("check".into(), block.into());
    }
    if let Some(why) = &p.why {
        map.insert("why".into(), why.clone().into());
    }
    if let Some(answer) = &p.answer {
        map.insert("answer".into(), answer.clone().into());
    }
    if !p.formerly.is_empty() {
        let ids: Vec<serde_json::Value> = p.formerly.iter().map(|id| id.0.clone().into()).collect();
        map.insert("formerly".into(), ids.into());
    }
    if p.overrides_built_in {
        map.insert("replaces_built_in".into(), true.into());
    }
    v
}
