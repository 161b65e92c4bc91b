//! Text for the reviewing commands: `stats`, `due`, `plan`, `history --csv` and
//! `history show --prompt`. Writes to any `impl Write`; never reads input or the clock.

use std::io::{self, Write};

use chrono::{DateTime, Datelike, FixedOffset, TimeDelta, Timelike, Utc};

use super::{cell, mmss};
use crate::bank::Prompt;
use crate::grade::Grade;
use crate::history::Attempt;
use crate::review::plan::Plan;
use crate::review::schedule::{Card, DueList};
use crate::review::sessions::SessionRow;
use crate::review::stats::{CHANGE_WEEKS, Group, Stats};

/// Eight heights, lowest to highest.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// A week without practice.
const GAP: char = '·';
/// A change in average grade smaller than this reads as steady.
const STEADY: f64 = 0.2;

/// One character per value, scaled from `lo` (▁) to `hi` (█); `None` is a gap.
/// The scale is fixed, not fitted to the data, so lines of different rows compare.
#[must_use]
pub fn sparkline(values: &[Option<f64>], lo: f64, hi: f64) -> String {
    values
        .iter()
        .map(|v| match v {
            Some(v) if hi > lo => {
                let share = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
                BARS[(share * 7.0).round() as usize]
            }
            Some(_) => BARS[0],
            None => GAP,
        })
        .collect()
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

use crate::text::plural;

/// The change rounded as shown, so `+0.2` never reads as steady in one row and
/// improving in the next; `0.0` instead of `-0.0`.
fn rounded(change: f64) -> f64 {
    let r = (change * 10.0).round() / 10.0;
    if r == 0.0 { 0.0 } else { r }
}

/// `improving`, `slipping` or `steady`.
fn direction(change: f64) -> &'static str {
    let r = rounded(change);
    if r >= STEADY {
        "improving"
    } else if r <= -STEADY {
        "slipping"
    } else {
        "steady"
    }
}

fn signed(change: f64) -> String {
    let r = rounded(change);
    if r == 0.0 {
        "0.0".to_owned()
    } else {
        format!("{r:+.1}")
    }
}

/// `+0.6 improving`, `-0.3 slipping`, `0.0 steady`, or a dash without data.
fn change_text(change: Option<f64>) -> String {
    change.map_or_else(
        || "–".to_owned(),
        |c| format!("{} {}", signed(c), direction(c)),
    )
}

fn grade_trend(g: &Group) -> String {
    let grades: Vec<Option<f64>> = g.trend.iter().map(|w| w.average_grade).collect();
    sparkline(&grades, 1.0, 4.0)
}

fn group_table(
    out: &mut impl Write,
    title: &str,
    groups: &[Group],
    weeks: usize,
) -> io::Result<()> {
    let name_width = groups
        .iter()
        .map(|g| g.name.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, 24);
    let trend_width = weeks.max(5);
    writeln!(
        out,
        "{}  {:>5}  {:>5}  {:>6}  {}  {:>4}  {}  Change",
        cell(title, name_width),
        "Tries",
        "Grade",
        "Points",
        cell("Median time/box", 15),
        "Over",
        cell("Trend", trend_width),
    )?;
    for g in groups {
        let time = format!(
            "{} / {}",
            mmss(g.median_answer_secs),
            mmss(g.median_time_box_secs)
        );
        writeln!(
            out,
            "{}  {:>5}  {:>5.1}  {:>6}  {}  {:>4}  {}  {}",
            cell(&g.name, name_width),
            g.attempts,
            g.average_grade,
            points_cell(g),
            cell(&time, 15),
            g.overtime_rate.map_or_else(|| "–".to_owned(), percent),
            cell(&grade_trend(g), trend_width),
            change_text(g.change),
        )?;
    }
    Ok(())
}

/// Rubric coverage, or for labs (which have no rubric) the share solved.
fn points_cell(g: &crate::review::stats::Group) -> String {
    if g.rubric_attempts == 0 && g.lab_attempts > 0 {
        format!(
            "{} ✓",
            percent(g.labs_solved as f64 / g.lab_attempts as f64)
        )
    } else if g.rubric_attempts == 0 {
        "–".to_owned()
    } else {
        percent(g.coverage)
    }
}

/// First and last values of a trend, for the `2.1 → 3.0` after a sparkline.
fn ends(values: &[Option<f64>]) -> Option<(f64, f64)> {
    let first = values.iter().flatten().next()?;
    let last = values.iter().flatten().last()?;
    Some((*first, *last))
}

/// Calibration per category (your grade minus the suggested one) and, for scenario
/// attempts, how much key evidence was found and how often the cause was named.
fn calibration(out: &mut impl Write, categories: &[crate::review::stats::Group]) -> io::Result<()> {
    let with: Vec<_> = categories
        .iter()
        .filter(|g| g.calibration.is_some())
        .collect();
    if !with.is_empty() {
        writeln!(
            out,
            "\nCalibration: your grade minus the suggested grade (0 = you grade as the evidence does)"
        )?;
        for g in with {
            let c = g.calibration.unwrap_or_default();
            let reading = if c > 0.25 {
                "kinder than the evidence"
            } else if c < -0.25 {
                "harder on yourself than the evidence"
            } else {
                "in line with the evidence"
            };
            writeln!(
                out,
                "  {:<18} {:>5}  over {}  {reading}",
                g.name,
                signed(c),
                plural(g.suggested_attempts, "attempt", "attempts")
            )?;
        }
    }
    let scenarios: Vec<_> = categories
        .iter()
        .filter(|g| g.scenario_attempts > 0)
        .collect();
    if !scenarios.is_empty() {
        writeln!(out, "\nScenarios: key evidence found and causes named")?;
        for g in scenarios {
            writeln!(
                out,
                "  {:<18} {} of key evidence, cause named in {}  over {}",
                g.name,
                percent(g.key_evidence_found.unwrap_or_default()),
                percent(g.cause_named_rate.unwrap_or_default()),
                plural(g.scenario_attempts, "attempt", "attempts")
            )?;
        }
    }
    Ok(())
}

/// `stats --graded-by` that matched no attempt.
///
/// # Errors
/// Writing failed.
pub fn none_graded_by(out: &mut impl Write, by: &str) -> io::Result<()> {
    writeln!(
        out,
        "No attempt is graded by {by}; `sre-drill stats` shows them all."
    )
}

/// The `stats` report.
///
/// # Errors
/// Writing failed.
pub fn stats(out: &mut impl Write, s: &Stats<'_>) -> io::Result<()> {
    let weeks = s.overall.trend.len();
    let day = |t: Option<DateTime<FixedOffset>>| {
        t.map_or_else(String::new, |t| t.format("%Y-%m-%d").to_string())
    };
    writeln!(
        out,
        "{} in {}, {} to {}.",
        plural(s.attempts, "attempt", "attempts"),
        plural(s.sessions, "session", "sessions"),
        day(s.first),
        day(s.last)
    )?;
    writeln!(
        out,
        "Grades 1 Again .. 4 Easy; Points = rubric points covered (labs: share solved, ✓); Over = timed attempts past the box;"
    )?;
    writeln!(
        out,
        "Trend = average grade per week over {} (▁ 1 .. █ 4, {GAP} no practice); Change = last {CHANGE_WEEKS} weeks against the {CHANGE_WEEKS} before.",
        plural(weeks, "week", "weeks")
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "By category (each attempt counts once, in its prompt's category)"
    )?;
    group_table(out, "Category", &s.categories, weeks)?;
    if let Some(weakest) = s.categories.first().filter(|_| s.categories.len() > 1) {
        let trend = weakest.change.map_or_else(
            || "not enough weeks yet to tell a trend".to_owned(),
            |c| {
                format!(
                    "{} ({} in average grade, the last {CHANGE_WEEKS} weeks against the {CHANGE_WEEKS} before)",
                    direction(c),
                    signed(c)
                )
            },
        );
        writeln!(
            out,
            "\nWeakest category: {}, average grade {:.1} with {} of rubric points; {trend}.",
            weakest.name,
            weakest.average_grade,
            percent(weakest.coverage)
        )?;
    }
    calibration(out, &s.categories)?;
    graders(out, &s.graders)?;
    if !s.tags.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "By tag (an attempt counts under each tag of its prompt; a tag may share a category's name)"
        )?;
        group_table(out, "Tag", &s.tags, weeks)?;
    }

    let grades: Vec<Option<f64>> = s.overall.trend.iter().map(|w| w.average_grade).collect();
    let coverage: Vec<Option<f64>> = s.overall.trend.iter().map(|w| w.coverage).collect();
    writeln!(out, "\nAll practice by week")?;
    let from_to = |v: &[Option<f64>], show: &dyn Fn(f64) -> String| {
        ends(v).map_or_else(String::new, |(a, b)| {
            format!("   {} → {}", show(a), show(b))
        })
    };
    writeln!(
        out,
        "  Grade     {}{}",
        sparkline(&grades, 1.0, 4.0),
        from_to(&grades, &|g| format!("{g:.1}"))
    )?;
    writeln!(
        out,
        "  Points    {}{}",
        sparkline(&coverage, 0.0, 1.0),
        from_to(&coverage, &percent)
    )?;
    if let (Some(first), Some(last)) = (s.overall.trend.first(), s.overall.trend.last()) {
        writeln!(
            out,
            "  Weeks     from {} to {}, {} with practice",
            first.start,
            last.start,
            s.overall.trend.iter().filter(|w| w.attempts > 0).count()
        )?;
    }

    if !s.weakest_prompts.is_empty() {
        writeln!(out, "\nWeakest prompts (by the last 3 grades)")?;
        let id_width = s
            .weakest_prompts
            .iter()
            .map(|p| p.prompt.chars().count())
            .max()
            .unwrap_or(6)
            .clamp(6, 32);
        writeln!(
            out,
            "{}  {}  {:>5}  {}  {:>6}  Last",
            cell("Prompt", id_width),
            cell("Title", 34),
            "Tries",
            cell("Recent", 7),
            "Points"
        )?;
        for p in &s.weakest_prompts {
            let recent: Vec<String> = p.recent_grades.iter().map(ToString::to_string).collect();
            writeln!(
                out,
                "{}  {}  {:>5}  {}  {:>6}  {}",
                cell(p.prompt, id_width),
                cell(p.title, 34),
                p.attempts,
                cell(&recent.join(" "), 7),
                if p.recent_rubric_attempts == 0 {
                    "–".to_owned()
                } else {
                    percent(p.recent_coverage)
                },
                p.last.format("%Y-%m-%d")
            )?;
        }
    }
    Ok(())
}

/// `3 days`, `5 hours`, `40 minutes`: the rough size of a span.
fn span(delta: TimeDelta) -> String {
    let minutes = delta.num_minutes().abs();
    if minutes >= 2 * 24 * 60 {
        plural((minutes / (24 * 60)) as usize, "day", "days")
    } else if minutes >= 120 {
        plural((minutes / 60) as usize, "hour", "hours")
    } else {
        plural(minutes as usize, "minute", "minutes")
    }
}

fn card_row(out: &mut impl Write, c: &Card<'_>, when: &str, id_width: usize) -> io::Result<()> {
    let grade =
        Grade::new(c.last_grade).map_or_else(|| c.last_grade.to_string(), |g| g.to_string());
    writeln!(
        out,
        "{}  {}  {}  {}  {:>5}",
        cell(c.prompt, id_width),
        cell(c.title, 34),
        cell(when, 30),
        cell(&grade, 10),
        c.reps
    )
}

/// The `due` report: due now (most overdue first), then the next `upcoming` to come due.
/// `unscheduled` counts practised prompts that are no longer in the bank.
///
/// # Errors
/// Writing failed.
pub fn due(
    out: &mut impl Write,
    list: &DueList<'_>,
    now: DateTime<FixedOffset>,
    upcoming: usize,
    unscheduled: usize,
) -> io::Result<()> {
    let now_utc = now.with_timezone(&Utc);
    let id_width = list
        .due
        .iter()
        .chain(list.upcoming.iter().take(upcoming))
        .map(|c| c.prompt.chars().count())
        .max()
        .unwrap_or(6)
        .clamp(6, 32);
    let header = |out: &mut dyn Write| {
        writeln!(
            out,
            "{}  {}  {}  {}  {:>5}",
            cell("Prompt", id_width),
            cell("Title", 34),
            cell("Due", 30),
            cell("Last grade", 10),
            "Tries"
        )
    };
    if list.due.is_empty() {
        writeln!(out, "Nothing is due now.")?;
    } else {
        writeln!(
            out,
            "Due now: {}, most overdue first",
            plural(list.due.len(), "prompt", "prompts")
        )?;
        header(out)?;
        for c in &list.due {
            let late = now_utc - c.due;
            let when = if late < TimeDelta::hours(1) {
                "due now".to_owned()
            } else {
                format!("{} overdue", span(late))
            };
            card_row(out, c, &when, id_width)?;
        }
        let labs = list
            .due
            .iter()
            .filter(|c| c.category == crate::lab::CATEGORY)
            .count();
        if labs < list.due.len() {
            writeln!(out, "Drill them: sre-drill drill due")?;
        }
        if labs > 0 {
            writeln!(
                out,
                "{}: sre-drill lab (it serves due labs first)",
                if labs == 1 { "The lab" } else { "The labs" }
            )?;
        }
    }
    if !list.upcoming.is_empty() && upcoming > 0 {
        let shown = upcoming.min(list.upcoming.len());
        writeln!(
            out,
            "\nComing due{}",
            if shown < list.upcoming.len() {
                format!(" (the next {shown} of {})", list.upcoming.len())
            } else {
                String::new()
            }
        )?;
        header(out)?;
        for c in list.upcoming.iter().take(shown) {
            let when = format!(
                "in {} ({})",
                span(c.due - now_utc),
                c.due.with_timezone(now.offset()).format("%a %Y-%m-%d")
            );
            card_row(out, c, &when, id_width)?;
        }
    }
    if unscheduled > 0 {
        writeln!(
            out,
            "\n({} in your history {} no longer in the bank and {} not scheduled.)",
            plural(unscheduled, "practised prompt", "practised prompts"),
            if unscheduled == 1 { "is" } else { "are" },
            if unscheduled == 1 { "is" } else { "are" }
        )?;
    }
    Ok(())
}

/// The `plan` report.
///
/// # Errors
/// Writing failed.
pub fn plan(out: &mut impl Write, plan: &Plan<'_>) -> io::Result<()> {
    let count = plan.areas.len();
    writeln!(
        out,
        "Your {} weakest skill area{}, by the grades of the last {} attempts in each:",
        if count == 3 {
            "three".to_owned()
        } else {
            count.to_string()
        },
        if count == 1 { "" } else { "s" },
        crate::review::weak::RECENT_PER_TAG
    )?;
    if plan
        .areas
        .iter()
        .all(|a| a.evidence.recent_grade >= crate::review::weak::WEAK_BELOW)
    {
        writeln!(
            out,
            "(None is weak: every area averages Good or better lately. These are the lowest; \
             the areas you have not practised yet, listed at the end, may matter more.)"
        )?;
    }
    for (i, area) in plan.areas.iter().enumerate() {
        let e = &area.evidence;
        writeln!(out, "\n{}. {}", i + 1, e.tag)?;
        writeln!(
            out,
            "   Evidence: recent grade {:.1} over {} (average {:.1} over all {}), {} of rubric points covered, last practised {}",
            e.recent_grade,
            plural(e.recent_attempts, "attempt", "attempts"),
            e.average_grade,
            e.attempts,
            percent(e.recent_coverage),
            e.last.format("%Y-%m-%d")
        )?;
        if area.resources.is_empty() {
            writeln!(
                out,
                "   Read: no resource in the bank covers this area yet."
            )?;
        } else {
            writeln!(out, "   Read:")?;
            for r in &area.resources {
                writeln!(out, "     - {} ({}) {}", r.name, r.kind, r.url)?;
            }
        }
        if area.next_prompts.is_empty() {
            writeln!(
                out,
                "   Drill: no prompt in the bank carries this tag any more."
            )?;
            continue;
        }
        writeln!(out, "   Drill next:")?;
        let id_width = area
            .next_prompts
            .iter()
            .map(|p| p.id.chars().count())
            .max()
            .unwrap_or(0);
        for p in &area.next_prompts {
            let why = if p.recent_grades.is_empty() {
                "not practised yet".to_owned()
            } else {
                let grades: Vec<String> = p.recent_grades.iter().map(ToString::to_string).collect();
                format!("recent grades {}", grades.join(" "))
            };
            writeln!(
                out,
                "     {}  {} · {} · {why}",
                cell(p.id, id_width),
                p.title,
                p.level
            )?;
        }
        if let Some(command) = &area.command {
            writeln!(out, "     $ {command}")?;
        }
    }
    if let Some(first) = plan.never_practised.first() {
        writeln!(
            out,
            "\nNot practised yet: {}. Try: sre-drill drill all --tag {first}",
            plan.never_practised.join(", ")
        )?;
    }
    Ok(())
}

/// The `history` table: one row per session, in the order given, from the slim records.
///
/// # Errors
/// Writing failed.
pub fn session_table(out: &mut impl Write, rows: &[SessionRow<'_>]) -> io::Result<()> {
    writeln!(
        out,
        "{}  {}  {}  {}  {}  Session",
        cell("Date", 16),
        cell("Category", 15),
        cell("Prompts", 7),
        cell("Avg grade", 9),
        cell("Time", 8),
    )?;
    for r in rows {
        let t = r.started;
        writeln!(
            out,
            "{:04}-{:02}-{:02} {:02}:{:02}  {}  {:<7}  {:<9.1}  {:<8}  {}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            cell(r.category, 15),
            r.prompts,
            r.average_grade,
            mmss(r.secs),
            r.id
        )?;
    }
    Ok(())
}

/// The column names of `history --csv`.
pub const CSV_HEADER: &str = "id,session,started,finished,prompt,title,category,level,tags,timed,time_box_secs,think_secs,answer_secs,overtime_secs,hints_used,points_covered,points_total,grade,follow_up_grades,partial,note,answer";

/// `history --csv`: a header and one row per attempt, in the order given. Tags and
/// follow-up grades are joined with `;`.
///
/// # Errors
/// Writing failed.
pub fn history_csv(out: &mut impl Write, attempts: &[&Attempt]) -> io::Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    let mut csv = csv::Writer::from_writer(out);
    for a in attempts {
        let follow_ups: Vec<String> = a.follow_ups.iter().map(|f| f.grade.to_string()).collect();
        csv.write_record([
            a.id.clone(),
            a.session.clone(),
            a.started.to_rfc3339(),
            a.finished.to_rfc3339(),
            a.prompt.0.clone(),
            a.title.clone(),
            a.category.as_str().to_owned(),
            a.level.as_str().to_owned(),
            a.tags.join(";"),
            a.timed.to_string(),
            a.time_box_secs.to_string(),
            a.think_secs.to_string(),
            a.answer_secs.to_string(),
            a.overtime_secs.to_string(),
            a.hints_used.to_string(),
            a.rubric.covered.len().to_string(),
            a.rubric.total.to_string(),
            a.grade.to_string(),
            follow_ups.join(";"),
            a.partial.to_string(),
            a.note.clone(),
            a.answer.clone(),
        ])
        .map_err(io_error)?;
    }
    csv.flush()
}

/// The writer's own I/O error, so a closed pipe stays a broken pipe (which is success).
fn io_error(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Columns in the side-by-side grid of `history show --prompt`.
pub const TIMELINE_COLUMNS: usize = 8;
/// Width of the grid's row labels.
const LABEL: usize = 32;

/// `history show --prompt ID`: the prompt's attempts side by side (the latest
/// [`TIMELINE_COLUMNS`]), each rubric point ticked or not per attempt, then every
/// answer in full, oldest first. `attempts` must be in time order.
///
/// # Errors
/// Writing failed.
pub fn prompt_timeline(
    out: &mut impl Write,
    attempts: &[&Attempt],
    prompt: Option<&Prompt>,
) -> io::Result<()> {
    let (Some(first), Some(last)) = (attempts.first(), attempts.last()) else {
        return Ok(());
    };
    let title = prompt.map_or(last.title.as_str(), |p| p.title.as_str());
    writeln!(out, "{} · {title}", last.prompt)?;
    writeln!(
        out,
        "{} · {} · {} from {} to {}",
        last.category,
        last.level,
        plural(attempts.len(), "attempt", "attempts"),
        first.started.format("%Y-%m-%d"),
        last.started.format("%Y-%m-%d")
    )?;
    let grid = &attempts[attempts.len().saturating_sub(TIMELINE_COLUMNS)..];
    if grid.len() < attempts.len() {
        writeln!(
            out,
            "(the grid shows the latest {} attempts; every answer is listed below)",
            grid.len()
        )?;
    }
    let same_year = grid
        .iter()
        .all(|a| a.started.format("%Y").to_string() == first.started.format("%Y").to_string());
    let (date_format, column) = if same_year {
        ("%m-%d", 7)
    } else {
        ("%y-%m-%d", 10)
    };
    let row = |out: &mut dyn Write, label: &str, cells: Vec<String>| -> io::Result<()> {
        let cells: Vec<String> = cells.iter().map(|c| cell(c, column)).collect();
        writeln!(out, "{}  {}", cell(label, LABEL), cells.concat().trim_end())
    };
    writeln!(out)?;
    row(
        out,
        "",
        grid.iter()
            .map(|a| a.started.format(date_format).to_string())
            .collect(),
    )?;
    row(
        out,
        "Grade",
        grid.iter().map(|a| a.grade.to_string()).collect(),
    )?;
    row(
        out,
        "Points",
        grid.iter()
            .map(|a| format!("{}/{}", a.rubric.covered.len(), a.rubric.total))
            .collect(),
    )?;
    row(
        out,
        "Time",
        grid.iter().map(|a| mmss(a.answer_secs)).collect(),
    )?;
    row(
        out,
        "Time box",
        grid.iter().map(|a| mmss(a.time_box_secs)).collect(),
    )?;
    row(
        out,
        "Hints",
        grid.iter().map(|a| a.hints_used.to_string()).collect(),
    )?;
    if grid.iter().any(|a| !a.follow_ups.is_empty()) {
        row(
            out,
            "Follow-up grades",
            grid.iter()
                .map(|a| {
                    let g: Vec<String> = a.follow_ups.iter().map(|f| f.grade.to_string()).collect();
                    if g.is_empty() {
                        "-".to_owned()
                    } else {
                        g.join(" ")
                    }
                })
                .collect(),
        )?;
    }
    let points = prompt.map(Prompt::points).unwrap_or_default();
    if !points.is_empty() {
        writeln!(out)?;
        for (n, point) in points.iter().enumerate() {
            let number = n as u32 + 1;
            let marks = grid
                .iter()
                .map(|a| {
                    if a.rubric.total as usize != points.len() {
                        "?".to_owned()
                    } else if a.rubric.covered.contains(&number) {
                        "x".to_owned()
                    } else {
                        "·".to_owned()
                    }
                })
                .collect();
            row(out, &format!("{number:>2}. {point}"), marks)?;
        }
        if grid.iter().any(|a| a.rubric.total as usize != points.len()) {
            writeln!(
                out,
                "(? = the rubric had a different number of points then)"
            )?;
        }
    }
    writeln!(out, "\nAnswers, oldest first")?;
    for a in attempts {
        let grade = Grade::new(a.grade).map_or_else(|| a.grade.to_string(), |g| g.to_string());
        writeln!(
            out,
            "\n── {} · grade {grade} · {}/{} points · {} of {} · session {}",
            a.started.format("%Y-%m-%d %H:%M"),
            a.rubric.covered.len(),
            a.rubric.total,
            mmss(a.answer_secs),
            mmss(a.time_box_secs),
            a.session
        )?;
        if a.answer.is_empty() {
            writeln!(out, "   (answered aloud, no notes)")?;
        }
        for line in a.answer.lines() {
            writeln!(out, "   {line}")?;
        }
        if !a.note.is_empty() {
            writeln!(out, "   Next time: {}", a.note)?;
        }
    }
    Ok(())
}

/// Self grades against a partner's, per category where both exist (SPEC §13).
fn graders(
    out: &mut impl Write,
    rows: &[crate::review::graders::GraderComparison],
) -> io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\nSelf against partner: average grade when you grade yourself and when a partner does"
    )?;
    for r in rows {
        let reading = if r.difference > 0.25 {
            "you are kinder to yourself"
        } else if r.difference < -0.25 {
            "you are harder on yourself"
        } else {
            "about the same"
        };
        writeln!(
            out,
            "  {:<18} self {:.1} over {}, partner {:.1} over {}  {} {reading}",
            r.category,
            r.self_average,
            plural(r.self_attempts, "attempt", "attempts"),
            r.partner_average,
            plural(r.partner_attempts, "attempt", "attempts"),
            signed(r.difference)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_use_a_fixed_scale_and_mark_gaps() {
        let line = sparkline(
            &[Some(1.0), Some(2.5), None, Some(4.0), Some(9.0)],
            1.0,
            4.0,
        );
        assert_eq!(line, "▁▅·██");
        assert_eq!(sparkline(&[Some(0.5)], 1.0, 1.0), "▁");
    }

    #[test]
    fn changes_read_as_words() {
        assert_eq!(change_text(Some(0.6)), "+0.6 improving");
        assert_eq!(change_text(Some(-0.3)), "-0.3 slipping");
        assert_eq!(change_text(Some(0.1)), "+0.1 steady");
        assert_eq!(change_text(Some(0.19)), "+0.2 improving");
        assert_eq!(change_text(Some(-0.01)), "0.0 steady");
        assert_eq!(change_text(None), "–");
    }

    #[test]
    fn spans_round_to_the_largest_unit() {
        assert_eq!(span(TimeDelta::minutes(40)), "40 minutes");
        assert_eq!(span(TimeDelta::hours(5)), "5 hours");
        assert_eq!(span(TimeDelta::hours(30)), "30 hours");
        assert_eq!(span(TimeDelta::days(3)), "3 days");
        assert_eq!(span(TimeDelta::days(-3)), "3 days");
    }
}
