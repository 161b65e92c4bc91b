//! The feedback letter of a mock interview (SPEC §13), in Markdown that reads well
//! pasted into a chat or an email: per prompt what was covered and missed (must-haves
//! first), the pitfalls seen, the follow-ups, the interviewer's notes, and what to study
//! next from the resources map (SPEC §6). It only writes; it never reads input.

use std::collections::HashSet;
use std::io::{self, Write};
use std::time::Duration;

use crate::bank::{Bank, Prompt, Resource};
use crate::countdown::clock_face;
use crate::grade::Grade;
use crate::history::Attempt;

/// Resources named per weak area.
const RESOURCES_PER_TAG: usize = 3;
/// Weak areas named at most.
const AREAS: usize = 4;

fn grade_words(g: u8) -> String {
    Grade::new(g).map_or_else(|| g.to_string(), |g| g.to_string())
}

fn minutes(secs: u64) -> String {
    crate::render::duration_words(secs)
}

/// A quote block: every line of `text` behind `> `.
fn quote(out: &mut impl Write, text: &str) -> io::Result<()> {
    for line in text.lines() {
        if line.trim().is_empty() {
            writeln!(out, ">")?;
        } else {
            writeln!(out, "> {line}")?;
        }
    }
    Ok(())
}

/// One weak area to study, and why.
struct Study<'a> {
    tag: String,
    because: String,
    resources: Vec<&'a Resource>,
}

/// Writes the letter for the attempts of one session.
///
/// `weakest_tags` orders the candidate's skill areas, weakest first (from their whole
/// history); a prompt's tags are ranked by it when choosing what to study.
///
/// # Errors
/// Writing failed.
pub fn letter(
    out: &mut impl Write,
    attempts: &[&Attempt],
    bank: &Bank,
    weakest_tags: &[&str],
) -> io::Result<()> {
    let Some(first) = attempts.first() else {
        return Ok(());
    };
    let by: Vec<&str> = {
        let mut seen: Vec<&str> = Vec::new();
        for a in attempts {
            if let Some(g) = a.graded_by.as_deref()
                && !seen.contains(&g)
            {
                seen.push(g);
            }
        }
        seen
    };
    writeln!(
        out,
        "# {} feedback, {}\n",
        if by.is_empty() {
            "Practice session"
        } else {
            "Mock interview"
        },
        first.started.format("%Y-%m-%d")
    )?;
    let grades: Vec<String> = attempts.iter().map(|a| grade_words(a.grade)).collect();
    writeln!(
        out,
        "{} · {} prompt{} · grades: {} · session `{}`\n",
        if by.is_empty() {
            "Self-graded".to_owned()
        } else {
            format!("Interviewer: {}", by.join(", "))
        },
        attempts.len(),
        if attempts.len() == 1 { "" } else { "s" },
        grades.join(", "),
        first.session
    )?;
    let mut study: Vec<Study<'_>> = Vec::new();
    for (i, a) in attempts.iter().enumerate() {
        let prompt = bank.get(&a.prompt.0);
        prompt_section(out, i + 1, a, prompt)?;
        if let Some(p) = prompt {
            add_study(&mut study, a, p, bank, weakest_tags);
        }
    }
    writeln!(out, "## What to study next\n")?;
    if study.is_empty() {
        writeln!(
            out,
            "Nothing was missed and the resources map has nothing more for these areas; next time try a harder level (`sre-drill drill all --level senior`).\n"
        )?;
    }
    for s in study.iter().take(AREAS) {
        writeln!(out, "**{}**: {}", s.tag, s.because)?;
        for r in &s.resources {
            writeln!(out, "- [{}]({}) ({})", r.name, r.url, r.kind)?;
        }
        writeln!(out)?;
    }
    let ids: Vec<&str> = attempts.iter().map(|a| a.prompt.0.as_str()).collect();
    writeln!(
        out,
        "To try these prompts again on your own: `sre-drill drill {}`",
        ids.join(" ")
    )?;
    Ok(())
}

fn prompt_section(
    out: &mut impl Write,
    n: usize,
    a: &Attempt,
    prompt: Option<&Prompt>,
) -> io::Result<()> {
    writeln!(out, "## {n}. {} ({})\n", a.title, a.prompt)?;
    let mut facts = vec![
        format!("Grade **{}**", grade_words(a.grade)),
        format!(
            "answered in {} of a {} box{}",
            minutes(a.answer_secs),
            minutes(a.time_box_secs),
            if a.overtime_secs > 0 {
                format!(" ({} over)", minutes(a.overtime_secs))
            } else {
                String::new()
            }
        ),
    ];
    if let Some(s) = a.suggested_grade.filter(|s| *s != a.grade) {
        facts.push(format!(
            "{} suggested {}",
            if a.graded_by.is_some() {
                "the ticks"
            } else {
                "the evidence"
            },
            grade_words(s)
        ));
    }
    if a.hints_used > 0 {
        facts.push(format!(
            "{} hint{} given",
            a.hints_used,
            if a.hints_used == 1 { "" } else { "s" }
        ));
    }
    writeln!(out, "{}.\n", facts.join(" · "))?;

    let points: Vec<(String, bool)> = prompt.map_or_else(Vec::new, |p| {
        p.points()
            .into_iter()
            .map(|pt| (pt.point, pt.must))
            .collect()
    });
    let text = |n: u32| {
        points
            .get(n as usize - 1)
            .map_or_else(|| format!("point {n}"), |(t, _)| t.clone())
    };
    let must = |n: u32| points.get(n as usize - 1).is_some_and(|(_, m)| *m);
    let mut covered: Vec<u32> = a.rubric.covered.clone();
    covered.sort_by_key(|n| (!must(*n), *n));
    let mut missed: Vec<u32> = (1..=a.rubric.total)
        .filter(|n| !a.rubric.covered.contains(n))
        .collect();
    missed.sort_by_key(|n| (!must(*n), *n));

    if !covered.is_empty() {
        writeln!(
            out,
            "**Covered** ({} of {}):",
            a.rubric.covered.len(),
            a.rubric.total
        )?;
        for n in &covered {
            let when = a
                .ticks
                .iter()
                .find(|t| t.point == *n)
                .map(|t| format!(", at {}", clock_face(Duration::from_secs(t.secs), false)))
                .unwrap_or_default();
            let tag = if must(*n) { " (must-have)" } else { "" };
            writeln!(out, "- {}{tag}{when}", text(*n))?;
        }
        writeln!(out)?;
    }
    if missed.is_empty() {
        writeln!(out, "**Missed:** nothing; every point was covered.\n")?;
    } else {
        writeln!(out, "**Missed** ({} of {}):", missed.len(), a.rubric.total)?;
        for n in &missed {
            if must(*n) {
                writeln!(out, "- **Must-have:** {}", text(*n))?;
            } else {
                writeln!(out, "- {}", text(*n))?;
            }
        }
        writeln!(out)?;
    }
    if !a.pitfalls_seen.is_empty() {
        writeln!(out, "**Pitfalls seen:**")?;
        for n in &a.pitfalls_seen {
            let what = prompt
                .and_then(|p| {
                    let list = if p.category.is_company() {
                        &p.red_flags
                    } else {
                        &p.pitfalls
                    };
                    list.get(*n as usize - 1).cloned()
                })
                .unwrap_or_else(|| format!("pitfall {n}"));
            writeln!(out, "- {what}")?;
        }
        writeln!(out)?;
    }
    if !a.follow_ups.is_empty() {
        writeln!(out, "**Follow-ups:**\n")?;
        for f in &a.follow_ups {
            writeln!(out, "*{}* Grade {}.", f.question, grade_words(f.grade))?;
            if f.answer.trim().is_empty() {
                writeln!(out, "\n(no notes taken)\n")?;
            } else {
                writeln!(out)?;
                quote(out, &f.answer)?;
                writeln!(out)?;
            }
        }
    }
    let who = a.graded_by.as_deref().unwrap_or("your");
    if !a.answer.trim().is_empty() {
        if a.graded_by.is_some() {
            writeln!(out, "**{who}'s notes while you answered:**\n")?;
        } else {
            writeln!(out, "**Your answer:**\n")?;
        }
        quote(out, &a.answer)?;
        writeln!(out)?;
    }
    if !a.note.trim().is_empty() {
        if a.graded_by.is_some() {
            writeln!(out, "**{who}'s note for you:** {}\n", a.note.trim())?;
        } else {
            writeln!(out, "**Your note:** {}\n", a.note.trim())?;
        }
    }
    Ok(())
}

/// Adds the prompt's weakest tag that has resources, when something was missed.
fn add_study<'a>(
    study: &mut Vec<Study<'a>>,
    a: &Attempt,
    p: &Prompt,
    bank: &'a Bank,
    weakest_tags: &[&str],
) {
    let points = p.points();
    let mut missed: Vec<&crate::bank::RubricPoint> = points
        .iter()
        .enumerate()
        .filter(|(i, _)| !a.rubric.covered.contains(&(*i as u32 + 1)))
        .map(|(_, pt)| pt)
        .collect();
    missed.sort_by_key(|pt| !pt.must);
    let Some(worst) = missed.first() else {
        return;
    };
    let mut tags: Vec<&str> = p.tags.iter().map(String::as_str).collect();
    // The weakest area first; a tag that only repeats the category is the least specific.
    tags.sort_by_key(|t| {
        (
            *t == p.category.as_str(),
            weakest_tags
                .iter()
                .position(|w| w == t)
                .unwrap_or(usize::MAX),
        )
    });
    let taken: HashSet<&str> = study
        .iter()
        .flat_map(|s| s.resources.iter().map(|r| r.url.as_str()))
        .collect();
    for tag in tags {
        let resources: Vec<&Resource> = bank
            .resources
            .iter()
            .filter(|r| r.areas.iter().any(|x| x == tag) && !taken.contains(r.url.as_str()))
            .take(RESOURCES_PER_TAG)
            .collect();
        if resources.is_empty() || study.iter().any(|s| s.tag == tag) {
            continue;
        }
        study.push(Study {
            tag: tag.to_owned(),
            because: if worst.must {
                format!(
                    "in \"{}\" the must-have \"{}\" was missed.",
                    a.title, worst.point
                )
            } else {
                format!("in \"{}\" \"{}\" was missed.", a.title, worst.point)
            },
            resources,
        });
        return;
    }
}
/// Where `interview --letter` wrote the letter.
///
/// # Errors
/// Writing failed.
pub fn written(out: &mut impl Write, path: &std::path::Path) -> io::Result<()> {
    writeln!(out, "Feedback letter written to {}.", path.display())
}
