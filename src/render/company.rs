//! The tracker as text and Markdown: the list, the deal-breakers, one company in full,
//! and companies side by side fitted to a width.
//!
//! Writes to any `impl Write`; never reads input, never asks the terminal its size (the
//! caller passes the width). Widths are measured in terminal columns, so names with
//! emoji or accents line up.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::console::fit::wrap;
use crate::console::text::{self, Paint, cut_to, pad_to, width_of};

use std::path::Path;

use serde::Serialize;

use crate::bank::Prompt;
use crate::bank::PromptId;
use crate::company::ask::Asked;
use crate::company::fold::Dealbreaker;
use crate::company::record::Flag;
use crate::company::view::summary;
use crate::company::view::{Cell, Comparison, Detail, Summary};
use crate::company::{Company, Tracker};

/// What every reading command says on an empty tracker.
pub const START_HINT: &str =
    "No companies recorded yet. After an interview, start with: sre-drill company ask NAME";

/// What `dealbreakers` says when there are none.
pub const DEALBREAKER_HINT: &str = "No deal-breakers yet. Add one with: sre-drill company dealbreakers add QUESTION-ID \"condition\"\n(for example: sre-drill company dealbreakers add co-dev-teams-on-call \"developers are not on call\")";

/// Whether to paint with colours (only on a terminal that allows them).
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn flag(self, flag: Flag, text: &str) -> String {
        if !self.color {
            return text.to_owned();
        }
        match flag {
            Flag::Green => text::paint(text, Paint::Green),
            Flag::Neutral => text::paint(text, Paint::Yellow),
            Flag::Red => text::paint(text, Paint::RedBold),
        }
    }

    fn bold(self, text: &str) -> String {
        if self.color {
            text::paint(text, Paint::Bold)
        } else {
            text.to_owned()
        }
    }

    fn dim(self, text: &str) -> String {
        if self.color {
            text::paint(text, Paint::Dim)
        } else {
            text.to_owned()
        }
    }
}

/// Pads or cuts (with `…`) to exactly `width` columns; keeps colour codes intact.
fn fit(text: &str, width: usize) -> String {
    pad_to(text, width)
}

/// Cuts to at most `width` columns, with `…` when cut.
fn cut(text: &str, width: usize) -> String {
    cut_to(text, width)
}

use crate::text::plural;

/// `✓3 ·1 ✗2`: green, neutral, red.
fn counts(s: &Summary) -> String {
    format!("✓{} ·{} ✗{}", s.green, s.neutral, s.red)
}

/// The one-word verdict on a company: a hit, gaps, or clear.
fn verdict(s: &Summary, any_dealbreakers: bool) -> (Option<Flag>, String) {
    if !s.dealbreaker_hits.is_empty() {
        let n = s.dealbreaker_hits.len();
        let text = if n == 1 {
            "✗ 1 HIT".to_owned()
        } else {
            format!("✗ {n} HITS")
        };
        (Some(Flag::Red), text)
    } else if !s.dealbreakers_unasked.is_empty() {
        (
            Some(Flag::Neutral),
            format!("? {} to ask", s.dealbreakers_unasked.len()),
        )
    } else if any_dealbreakers {
        (Some(Flag::Green), "✓ clear".to_owned())
    } else {
        (None, "–".to_owned())
    }
}

fn last_contact(s: &Summary) -> String {
    s.last_contact
        .map_or_else(|| "–".to_owned(), |d| d.to_string())
}

/// The bottom line on deal-breakers, one sentence per kind of verdict; empty when the
/// user has none.
/// The rows every view of a comparison shows under the verdict: the colour counts,
/// the rounds and the last contact of each company.
fn summary_rows(c: &Comparison) -> [(&'static str, Vec<String>); 3] {
    [
        (
            "Green · neutral · red",
            c.companies.iter().map(counts).collect(),
        ),
        (
            "Rounds",
            c.companies.iter().map(|s| s.rounds.to_string()).collect(),
        ),
        (
            "Last contact",
            c.companies.iter().map(last_contact).collect(),
        ),
    ]
}

fn bottom_line(c: &Comparison) -> Vec<(Flag, String)> {
    let names = |pick: &dyn Fn(&Summary) -> bool| -> Vec<&str> {
        c.companies
            .iter()
            .filter(|s| pick(s))
            .map(|s| s.name.as_str())
            .collect()
    };
    let hit = names(&|s| !s.dealbreaker_hits.is_empty());
    let clear = names(&|s| s.dealbreaker_hits.is_empty() && s.dealbreakers_unasked.is_empty());
    let open = names(&|s| s.dealbreaker_hits.is_empty() && !s.dealbreakers_unasked.is_empty());
    let mut out = Vec::new();
    if !clear.is_empty() {
        out.push((
            Flag::Green,
            format!("✓ Clear of your deal-breakers: {}", clear.join(", ")),
        ));
    }
    if !hit.is_empty() {
        out.push((
            Flag::Red,
            format!("✗ Hit a deal-breaker: {}", hit.join(", ")),
        ));
    }
    for s in c
        .companies
        .iter()
        .filter(|s| open.contains(&s.name.as_str()))
    {
        let titles: Vec<&str> = s
            .dealbreakers_unasked
            .iter()
            .map(|id| {
                c.rows
                    .iter()
                    .find(|r| &r.question.id == id)
                    .map_or(id.0.as_str(), |r| r.question.title.as_str())
            })
            .collect();
        out.push((
            Flag::Neutral,
            format!("? Still to ask {}: {}", s.name, titles.join("; ")),
        ));
    }
    out
}

/// The mark in the at-a-glance grid.
fn grid_mark(cell: Option<&Cell>, dealbreaker: bool) -> (Option<Flag>, String) {
    match cell {
        None if dealbreaker => (Some(Flag::Neutral), "? not asked".to_owned()),
        None => (None, "–".to_owned()),
        Some(c) if c.hit => (Some(Flag::Red), "✗ HIT".to_owned()),
        Some(c) => (Some(c.flag), format!("{} {}", c.flag.mark(), c.flag)),
    }
}

fn paint(style: Style, flag: Option<Flag>, text: &str) -> String {
    match flag {
        Some(f) => style.flag(f, text),
        None => text.to_owned(),
    }
}

/// `company list`.
///
/// # Errors
/// Writing failed.
pub fn list(out: &mut impl Write, rows: &[Summary], dealbreakers: usize) -> io::Result<()> {
    let name_width = rows
        .iter()
        .map(|r| width_of(&r.name))
        .max()
        .unwrap_or(7)
        .clamp(7, 32);
    writeln!(
        out,
        "  {}  {}  {}  {}  Deal-breakers",
        fit("Company", name_width),
        fit("Last contact", 12),
        fit("Rounds", 6),
        fit("Red flags", 9),
    )?;
    for r in rows {
        let mark = if r.dealbreaker_hits.is_empty() {
            " "
        } else {
            "✗"
        };
        let status = if !r.dealbreaker_hits.is_empty() {
            let ids: Vec<&str> = r.dealbreaker_hits.iter().map(|q| q.0.as_str()).collect();
            format!("HIT: {}", ids.join(", "))
        } else if !r.dealbreakers_unasked.is_empty() {
            format!("{} to ask", r.dealbreakers_unasked.len())
        } else if dealbreakers > 0 {
            "clear".to_owned()
        } else {
            "–".to_owned()
        };
        writeln!(
            out,
            "{mark} {}  {}  {}  {}  {status}",
            fit(&r.name, name_width),
            fit(
                &r.last_contact.map_or_else(String::new, |d| d.to_string()),
                12
            ),
            fit(&r.rounds.to_string(), 6),
            fit(&r.red.to_string(), 9),
        )?;
    }
    if rows.iter().any(|r| !r.dealbreaker_hits.is_empty()) {
        writeln!(
            out,
            "\n✗ = hit a deal-breaker: its latest answer to a deal-breaker question is red."
        )?;
    }
    if dealbreakers == 0 {
        writeln!(
            out,
            "\nNo deal-breakers set; add one with: sre-drill company dealbreakers add QUESTION-ID \"condition\""
        )?;
    }
    Ok(())
}

/// `company dealbreakers list`.
///
/// # Errors
/// Writing failed.
pub fn dealbreakers(
    out: &mut impl Write,
    list: &[Dealbreaker],
    bank: &[&Prompt],
) -> io::Result<()> {
    if list.is_empty() {
        return writeln!(out, "{DEALBREAKER_HINT}");
    }
    writeln!(
        out,
        "Deal-breakers (a red flag on one of these questions marks the company):"
    )?;
    let id_width = list
        .iter()
        .map(|d| d.question.0.chars().count())
        .max()
        .unwrap_or(2);
    for d in list {
        let title = bank
            .iter()
            .find(|p| p.id == d.question)
            .map_or("(not in the bank)", |p| p.title.as_str());
        writeln!(
            out,
            "  {}  {}\n  {}  {title}",
            fit(&d.question.0, id_width),
            d.condition,
            " ".repeat(id_width)
        )?;
    }
    Ok(())
}

/// Lays out cells (each a list of lines) in columns of `col` columns separated by `sep`.
fn columns(out: &mut impl Write, cells: &[Vec<String>], col: usize, sep: &str) -> io::Result<()> {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..height {
        let mut line = String::new();
        for (n, cell) in cells.iter().enumerate() {
            if n > 0 {
                line.push_str(sep);
            }
            line.push_str(&fit(cell.get(i).map_or("", String::as_str), col));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `company compare`: a grid of flags to take in at a glance, then the answers side by
/// side, question by question, deal-breakers first. Fitted to `width` columns.
///
/// # Errors
/// Writing failed.
pub fn compare(out: &mut impl Write, c: &Comparison, width: usize, style: Style) -> io::Result<()> {
    let n = c.companies.len().max(1);
    let any_dealbreakers = c.rows.iter().any(|r| r.question.dealbreaker.is_some());

    if any_dealbreakers {
        for (flag, text) in bottom_line(c) {
            for line in wrap(&text, width, "") {
                writeln!(out, "{}", style.flag(flag, &line))?;
            }
        }
        writeln!(out)?;
    }

    // The grid: a label column as wide as the labels need (up to two fifths of the
    // width), then one narrow column per company.
    let widest = c
        .rows
        .iter()
        .map(|r| width_of(&r.question.title) + 2)
        .max()
        .unwrap_or(0)
        .max(width_of("Green · neutral · red"));
    let label = widest.min((width * 2 / 5).clamp(14, 44));
    let col = (width.saturating_sub(label) / n).saturating_sub(2).max(8);
    // Narrow widths: the company columns keep their minimum, the labels give way.
    let label = label.min(width.saturating_sub(n * (col + 2))).max(6);
    let grid_row = |out: &mut dyn Write, label_text: &str, cells: Vec<String>| {
        let mut line = fit(label_text, label);
        for cell in cells {
            line.push_str("  ");
            line.push_str(&fit(&cell, col));
        }
        writeln!(out, "{}", line.trim_end())
    };
    grid_row(
        out,
        "",
        c.companies
            .iter()
            .map(|s| style.bold(&cut(&s.name, col)))
            .collect(),
    )?;
    if any_dealbreakers {
        grid_row(
            out,
            "Verdict",
            c.companies
                .iter()
                .map(|s| {
                    let (flag, text) = verdict(s, any_dealbreakers);
                    paint(style, flag, &text)
                })
                .collect(),
        )?;
    }
    for (label, cells) in summary_rows(c) {
        grid_row(out, label, cells)?;
    }
    let mut section = None;
    for row in &c.rows {
        let is_db = row.question.dealbreaker.is_some();
        if section != Some(is_db) {
            section = Some(is_db);
            writeln!(out)?;
            writeln!(
                out,
                "{}",
                style.bold(if is_db {
                    "Deal-breakers"
                } else {
                    "Other questions"
                })
            )?;
        }
        grid_row(
            out,
            &format!("  {}", row.question.title),
            row.answers
                .iter()
                .map(|a| {
                    let (flag, text) = grid_mark(a.as_ref(), is_db);
                    paint(style, flag, &text)
                })
                .collect(),
        )?;
    }
    if !any_dealbreakers {
        writeln!(
            out,
            "\nNo deal-breakers set; add one with: sre-drill company dealbreakers add QUESTION-ID \"condition\""
        )?;
    }

    // The answers: one block per question, companies side by side.
    let sep = " │ ";
    let col = (width.saturating_sub(3 * (n - 1)) / n).max(8);
    let several_rounds: Vec<bool> = c.companies.iter().map(|s| s.rounds > 1).collect();
    for row in &c.rows {
        writeln!(out)?;
        let heading = match &row.question.dealbreaker {
            Some(_) => format!("── Deal-breaker: {} ", row.question.title),
            None => format!("── {} ", row.question.title),
        };
        // A long title is cut so the heading and its rule fit the width.
        let heading = format!("{} ", cut(heading.trim_end(), width.saturating_sub(1)));
        let rule = width.saturating_sub(width_of(&heading));
        writeln!(
            out,
            "{}",
            style.bold(&format!("{heading}{}", "─".repeat(rule)))
        )?;
        let mut sub = format!("[{}]", row.question.id);
        if let Some(condition) = &row.question.dealbreaker {
            let _ = write!(sub, " breaks the deal if: {condition}");
        }
        for line in wrap(&sub, width, "") {
            writeln!(out, "{}", style.dim(&line))?;
        }
        let cells: Vec<Vec<String>> = row
            .answers
            .iter()
            .zip(&c.companies)
            .zip(&several_rounds)
            .map(|((answer, company), several)| {
                let mut lines = vec![style.bold(&cut(&company.name, col))];
                match answer {
                    None => {
                        let text = if row.question.dealbreaker.is_some() {
                            "? not asked"
                        } else {
                            "– not asked"
                        };
                        lines.push(style.dim(text));
                    }
                    Some(a) => {
                        let mut flag = if a.hit {
                            "✗ DEAL-BREAKER".to_owned()
                        } else {
                            format!("{} {}", a.flag.mark(), a.flag)
                        };
                        if *several {
                            let _ = write!(flag, " (round {})", a.round);
                        }
                        for line in wrap(&flag, col, "") {
                            lines.push(style.flag(a.flag, &line));
                        }
                        if a.answer.trim().is_empty() {
                            lines.push(style.dim("(no words recorded)"));
                        } else {
                            // What was typed keeps its line breaks.
                            lines.extend(a.answer.lines().flat_map(|l| wrap(l, col, "")));
                        }
                    }
                }
                lines
            })
            .collect();
        columns(out, &cells, col, sep)?;
    }
    Ok(())
}

/// Escapes text for a Markdown table cell: one line, no stray pipes.
fn md_cell(text: &str) -> String {
    text.replace('|', "\\|")
        .lines()
        .collect::<Vec<_>>()
        .join("<br>")
}

fn md_mark(cell: Option<&Cell>, dealbreaker: bool) -> String {
    match grid_mark(cell, dealbreaker) {
        (_, text) if cell.is_some_and(|c| c.hit) => format!("**{text}**"),
        (_, text) => text,
    }
}

/// An answer under its list item: indented, its line breaks kept with `<br>`, blank
/// lines kept as paragraph breaks.
fn md_answer(out: &mut impl Write, answer: &str) -> io::Result<()> {
    let lines: Vec<&str> = answer.trim().lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let next_is_text = lines.get(i + 1).is_some_and(|l| !l.trim().is_empty());
        if line.trim().is_empty() {
            writeln!(out)?;
        } else if next_is_text {
            writeln!(out, "  {line}<br>")?;
        } else {
            writeln!(out, "  {line}")?;
        }
    }
    Ok(())
}

/// `company compare --markdown`: a table of flags, then the answers under each question.
///
/// # Errors
/// Writing failed.
pub fn compare_markdown(out: &mut impl Write, c: &Comparison) -> io::Result<()> {
    let names: Vec<String> = c.companies.iter().map(|s| md_cell(&s.name)).collect();
    let any_dealbreakers = c.rows.iter().any(|r| r.question.dealbreaker.is_some());
    writeln!(out, "## {}\n", names.join(" vs "))?;
    let mut bottom = bottom_line(c);
    if !any_dealbreakers {
        bottom = vec![(
            Flag::Neutral,
            "No deal-breakers set; add one with `sre-drill company dealbreakers add QUESTION-ID \"condition\"`".to_owned(),
        )];
    }
    for (_, line) in &bottom {
        writeln!(out, "- {line}")?;
    }
    if !bottom.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "| | {} |", names.join(" | "))?;
    writeln!(out, "|---|{}", "---|".repeat(names.len()))?;
    let row = |out: &mut dyn Write, label: &str, cells: Vec<String>| {
        writeln!(out, "| {label} | {} |", cells.join(" | "))
    };
    if any_dealbreakers {
        row(
            out,
            "Verdict",
            c.companies
                .iter()
                .map(|s| verdict(s, any_dealbreakers).1)
                .collect(),
        )?;
    }
    for (label, cells) in summary_rows(c) {
        row(out, label, cells)?;
    }
    for r in &c.rows {
        let is_db = r.question.dealbreaker.is_some();
        let label = if is_db {
            format!("**Deal-breaker:** {}", md_cell(&r.question.title))
        } else {
            md_cell(&r.question.title)
        };
        row(
            out,
            &label,
            r.answers
                .iter()
                .map(|a| md_mark(a.as_ref(), is_db))
                .collect(),
        )?;
    }
    for r in &c.rows {
        writeln!(out, "\n### {} (`{}`)\n", r.question.title, r.question.id)?;
        if let Some(condition) = &r.question.dealbreaker {
            writeln!(out, "Deal-breaker if: {condition}\n")?;
        }
        for (answer, company) in r.answers.iter().zip(&c.companies) {
            match answer {
                None => writeln!(out, "- **{}**: not asked", company.name)?,
                Some(a) => {
                    let flag = if a.hit {
                        "✗ **deal-breaker**".to_owned()
                    } else {
                        format!("{} {}", a.flag.mark(), a.flag)
                    };
                    writeln!(out, "- **{}**: {flag} (round {})", company.name, a.round)?;
                    md_answer(out, &a.answer)?;
                }
            }
        }
    }
    Ok(())
}

fn round_line(r: &crate::company::view::RoundView) -> String {
    let mut parts = vec![r.date.to_string()];
    parts.extend(r.stage.clone());
    parts.extend(r.role.clone());
    if let Some(i) = &r.interviewer {
        parts.push(format!("with {i}"));
    }
    parts.join(" · ")
}

/// `company show`: the summary, the rounds, then every question with each round's
/// answer, deal-breakers first. Wrapped to `width` columns.
///
/// # Errors
/// Writing failed.
pub fn detail(out: &mut impl Write, d: &Detail, width: usize, style: Style) -> io::Result<()> {
    let s = &d.summary;
    writeln!(out, "{}", style.bold(&s.name))?;
    let title_of = |id: &crate::bank::PromptId| {
        d.questions
            .iter()
            .find(|q| &q.question.id == id)
            .map_or_else(|| id.0.clone(), |q| q.question.title.clone())
    };
    for id in &s.dealbreaker_hits {
        for line in wrap(&format!("✗ Deal-breaker hit: {}", title_of(id)), width, "") {
            writeln!(out, "{}", style.flag(Flag::Red, &line))?;
        }
    }
    for id in &s.dealbreakers_unasked {
        for line in wrap(
            &format!("? Deal-breaker not asked yet: {}", title_of(id)),
            width,
            "",
        ) {
            writeln!(out, "{}", style.flag(Flag::Neutral, &line))?;
        }
    }
    writeln!(
        out,
        "{} · last contact {} · {}",
        plural(s.rounds, "round", "rounds"),
        s.last_contact
            .map_or_else(|| "–".to_owned(), |d| d.to_string()),
        counts(s)
    )?;
    writeln!(out, "\n{}", style.bold("Rounds"))?;
    for r in &d.round_details {
        writeln!(out, "  {:>2}  {}", r.round, round_line(r))?;
        for note in &r.notes {
            for line in note
                .lines()
                .flat_map(|l| wrap(l, width.saturating_sub(6), ""))
            {
                writeln!(out, "      {line}")?;
            }
        }
    }
    let mut section = None;
    for q in &d.questions {
        let is_db = q.question.dealbreaker.is_some();
        if section != Some(is_db) {
            section = Some(is_db);
            let heading = if is_db {
                "Deal-breakers"
            } else {
                "Other questions"
            };
            writeln!(out, "\n{}", style.bold(heading))?;
        }
        writeln!(out)?;
        for line in wrap(
            &format!("{} [{}]", q.question.title, q.question.id),
            width.saturating_sub(2),
            "",
        ) {
            writeln!(out, "  {}", style.bold(&line))?;
        }
        if let Some(condition) = &q.question.dealbreaker {
            for line in wrap(
                &format!("breaks the deal if: {condition}"),
                width.saturating_sub(2),
                "",
            ) {
                writeln!(out, "  {}", style.dim(&line))?;
            }
        }
        if q.answers.is_empty() {
            writeln!(out, "    {}", style.dim("not asked yet"))?;
        }
        let last = q.answers.len().saturating_sub(1);
        for (i, a) in q.answers.iter().enumerate() {
            let hit = is_db && a.flag == Flag::Red && i == last;
            let flag = if hit {
                "✗ DEAL-BREAKER".to_owned()
            } else {
                format!("{} {}", a.flag.mark(), a.flag)
            };
            writeln!(out, "    round {}: {}", a.round, style.flag(a.flag, &flag))?;
            if a.answer.trim().is_empty() {
                writeln!(out, "      {}", style.dim("(no words recorded)"))?;
            } else {
                let room = width.saturating_sub(6);
                for line in a.answer.trim_end().lines().flat_map(|l| wrap(l, room, "")) {
                    writeln!(out, "      {line}")?;
                }
            }
        }
    }
    Ok(())
}

/// `company show --markdown`.
///
/// # Errors
/// Writing failed.
pub fn detail_markdown(out: &mut impl Write, d: &Detail) -> io::Result<()> {
    let s = &d.summary;
    writeln!(out, "## {}\n", s.name)?;
    writeln!(
        out,
        "{} · last contact {} · {}",
        plural(s.rounds, "round", "rounds"),
        s.last_contact
            .map_or_else(|| "–".to_owned(), |d| d.to_string()),
        counts(s)
    )?;
    for id in &s.dealbreaker_hits {
        let title = d
            .questions
            .iter()
            .find(|q| &q.question.id == id)
            .map_or(id.0.as_str(), |q| q.question.title.as_str());
        writeln!(out, "\n**✗ Deal-breaker hit:** {title} (`{id}`)")?;
    }
    writeln!(out, "\n### Rounds\n")?;
    for r in &d.round_details {
        writeln!(out, "{}. {}", r.round, round_line(r))?;
        for note in &r.notes {
            writeln!(out, "   - {note}")?;
        }
    }
    for q in &d.questions {
        let mark = if q.question.dealbreaker.is_some() {
            "Deal-breaker: "
        } else {
            ""
        };
        writeln!(
            out,
            "\n### {mark}{} (`{}`)\n",
            q.question.title, q.question.id
        )?;
        if let Some(condition) = &q.question.dealbreaker {
            writeln!(out, "Breaks the deal if: {condition}\n")?;
        }
        if q.answers.is_empty() {
            writeln!(out, "- not asked yet")?;
        }
        for a in &q.answers {
            writeln!(out, "- round {}: {} {}", a.round, a.flag.mark(), a.flag)?;
            md_answer(out, &a.answer)?;
        }
    }
    Ok(())
}

/// The lines `ask` opens with: the round, the company, how many questions.
#[must_use]
pub fn ask_intro(round: u32, name: &str, questions: usize, on_dealbreakers: usize) -> String {
    let mut intro = format!(
        "Round {round} with {name} · {questions} question{}",
        s_if_many(questions)
    );
    if on_dealbreakers > 0 {
        let _ = write!(intro, " ({on_dealbreakers} on your deal-breakers)");
    }
    intro.push_str(
        ".\nFor each: type what they answered, end with a line `.`, then flag it green, neutral or red.",
    );
    intro
}

/// `ask` ended with no answer and no note.
///
/// # Errors
/// Writing failed.
pub fn nothing_recorded(out: &mut impl Write, name: &str) -> io::Result<()> {
    writeln!(out, "Nothing recorded for {name}.")
}

/// What one `ask` round recorded, where the company stands now in `tracker` (read
/// after the round), and where it is saved.
///
/// # Errors
/// Writing failed.
pub fn recorded(
    out: &mut impl Write,
    company: &Company,
    round: u32,
    asked: &Asked,
    tracker: &Tracker,
    saved_in: &Path,
) -> io::Result<()> {
    let now = summary(company, &tracker.dealbreakers);
    writeln!(
        out,
        "Recorded {} answer{} for {}, round {round}{}.",
        asked.answers,
        s_if_many(asked.answers),
        company.name,
        if asked.ended_early {
            " (input ended early)"
        } else {
            ""
        },
    )?;
    writeln!(
        out,
        "Now: {} green · {} neutral · {} red.",
        now.green, now.neutral, now.red
    )?;
    for id in &now.dealbreaker_hits {
        let condition = tracker
            .dealbreaker(id)
            .map(|d| d.condition.as_str())
            .unwrap_or_default();
        writeln!(out, "✗ Deal-breaker hit on {id}: {condition}")?;
    }
    if tracker.companies.len() > 1 {
        writeln!(
            out,
            "Compare with: sre-drill company compare {} ...",
            shell_word(&company.name)
        )?;
    }
    writeln!(out, "Saved in {}", saved_in.display())
}

/// One deal-breaker in `dealbreakers --json`.
#[derive(Serialize)]
pub struct DealbreakerJson<'a> {
    question: &'a PromptId,
    condition: &'a str,
    title: Option<&'a str>,
}

/// `dealbreakers --json`: each with its question's title when the bank has it.
#[must_use]
pub fn dealbreakers_json<'a>(
    dealbreakers: &'a [Dealbreaker],
    questions: &[&'a Prompt],
) -> Vec<DealbreakerJson<'a>> {
    dealbreakers
        .iter()
        .map(|d| DealbreakerJson {
            question: &d.question,
            condition: &d.condition,
            title: questions
                .iter()
                .find(|p| p.id == d.question)
                .map(|p| p.title.as_str()),
        })
        .collect()
}

/// A deal-breaker added (or its condition replaced), and the companies that already hit it.
///
/// # Errors
/// Writing failed.
pub fn dealbreaker_added(
    out: &mut impl Write,
    prompt: &Prompt,
    condition: &str,
    replaced: bool,
    hit_by: &[&str],
) -> io::Result<()> {
    writeln!(
        out,
        "Deal-breaker {} on {} ({}): {condition}",
        if replaced { "updated" } else { "added" },
        prompt.id,
        prompt.title
    )?;
    if !hit_by.is_empty() {
        writeln!(
            out,
            "✗ Already hit by: {} (their latest answer is red).",
            hit_by.join(", ")
        )?;
    }
    Ok(())
}

/// # Errors
/// Writing failed.
pub fn dealbreaker_removed(out: &mut impl Write, question: &PromptId) -> io::Result<()> {
    writeln!(out, "Deal-breaker on {question} removed.")
}

/// # Errors
/// Writing failed.
pub fn renamed(out: &mut impl Write, old: &str, new: &str) -> io::Result<()> {
    writeln!(
        out,
        "Renamed {old} to {new}; its rounds and answers moved with it."
    )
}

/// A company and how much is recorded about it, as `forget` names it.
#[must_use]
pub fn forget_what(company: &Company) -> String {
    format!(
        "{} ({} round{}, {} answer{})",
        company.name,
        company.rounds.len(),
        s_if_many(company.rounds.len()),
        company.answers.len(),
        s_if_many(company.answers.len()),
    )
}

/// What `forget` says when the person says no.
pub const NOTHING_FORGOTTEN: &str = "Nothing forgotten.";

/// After `forget`: what went, and that the file still holds it.
///
/// # Errors
/// Writing failed.
pub fn forgot(out: &mut impl Write, company: &Company, tracker: &Path) -> io::Result<()> {
    writeln!(out, "Forgot {}.", forget_what(company))?;
    writeln!(
        out,
        "The tracker is append-only: the old lines stay in {} but no command shows them; asking {} again starts at round 1.",
        tracker.display(),
        company.name
    )
}

/// The name quoted for a shell when it needs it.
#[must_use]
pub fn shell_word(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.,/+@".contains(c))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

fn s_if_many(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ask_intro_counts_questions_and_those_on_deal_breakers() {
        assert_eq!(
            ask_intro(2, "Acme", 1, 0),
            "Round 2 with Acme · 1 question.\nFor each: type what they answered, end with a line `.`, then flag it green, neutral or red."
        );
        assert!(
            ask_intro(1, "Acme", 3, 2)
                .starts_with("Round 1 with Acme · 3 questions (2 on your deal-breakers).\n")
        );
    }

    #[test]
    fn shell_word_quotes_only_names_that_need_it() {
        assert_eq!(shell_word("acme-corp"), "acme-corp");
        assert_eq!(shell_word("Acme Corp"), "'Acme Corp'");
        assert_eq!(shell_word("O'Neil"), "'O'\\''Neil'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn fit_pads_and_cuts_to_the_exact_width() {
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(width_of(&fit("Acme 🚀 Rockets", 8)), 8);
    }

    #[test]
    fn markdown_cells_stay_on_one_line_without_pipes() {
        assert_eq!(md_cell("a|b\nc"), "a\\|b<br>c");
    }
}
