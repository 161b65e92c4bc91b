//! Text for the reviewing commands: `stats`, `due`, `plan`, `history --csv` and
//! `history show --prompt`. Writes to any `impl Write`; never reads input or the clock.

use std::io::{self, Write};

use chrono::{DateTime, Datelike, FixedOffset, TimeDelta, Timelike, Utc};

use super::{cell, mmss};
use crate::bank::Prompt;
use crate::grade::Grade;
use crate::history::Attempt;
use crate::review::plan::Plan;
use crate::review::progress::Progress;
use crate::review::schedule::{Card, DueList};
use crate::review::sessions::SessionRow;
use crate::review::stats::{CHANGE_WEEKS, Group, MIN_ATTEMPTS_TO_COMPARE, Stats};
use crate::review::weak::{self, Standing};

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

/// How many weeks of trend a text table draws for the whole history: the most recent
/// ones (`--weeks N` draws N).
pub const TEXT_TREND_WEEKS: usize = 12;
/// How many of the weakest prompts the text lists.
pub const TEXT_WEAKEST: usize = 5;

/// The one rule for "weakest" in words, as `stats`, `plan`, `drill weak` and the report
/// state it wherever they rank (the rule itself is `review::weak`).
#[must_use]
pub fn weakness_rule() -> String {
    format!(
        "Weakest means the lowest recent score: the average of the last {} grades of a prompt, or of the last {} attempts in a skill area or category, where an attempt that missed a must-have counts as {} at most, whatever grade it was given (marked * where that lowers it); ties go to the lower rubric coverage of those attempts, then to what was practised longest ago.",
        weak::RECENT_PER_PROMPT,
        weak::RECENT_PER_AREA,
        weak::MUST_MISSED_COUNTS_AS
    )
}

/// Recent grades as given, oldest first, each that a missed must-have counts lower
/// marked `*`.
#[must_use]
pub fn recent_grades(standing: &Standing) -> String {
    standing
        .recent_grades
        .iter()
        .zip(&standing.recent_counted)
        .map(|(g, c)| {
            // A missed must-have counts 1.5 at most, which no whole grade above it equals.
            if (f64::from(*g) - c).abs() > f64::EPSILON {
                format!("{g}*")
            } else {
                g.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `2.3`, and ` (2 of 10 missed a must-have)` when any did.
fn score_text(standing: &Standing) -> String {
    let missed = if standing.recent_must_missed > 0 {
        format!(
            ", {} of them missed a must-have",
            standing.recent_must_missed
        )
    } else {
        String::new()
    };
    format!(
        "recent score {:.1} over the last {}{missed}",
        standing.recent_score,
        plural(standing.recent_attempts, "attempt", "attempts")
    )
}

/// Writes prose wrapped to `width` columns, continuation lines under the text after
/// the line's own indent and marker.
fn prose(out: &mut impl Write, width: usize, line: &str) -> io::Result<()> {
    for piece in crate::console::fit::wrap(line, width, "") {
        writeln!(out, "{piece}")?;
    }
    Ok(())
}

/// Writes what `section` writes, each line wrapped to `width` columns as [`prose`].
fn wrapped(
    out: &mut impl Write,
    width: usize,
    section: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
) -> io::Result<()> {
    let mut text = Vec::new();
    section(&mut text)?;
    for line in String::from_utf8_lossy(&text).lines() {
        prose(out, width, line)?;
    }
    Ok(())
}

fn grade_trend(g: &Group, weeks: usize) -> String {
    let from = g.trend.len().saturating_sub(weeks);
    let grades: Vec<Option<f64>> = g.trend[from..].iter().map(|w| w.average_grade).collect();
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
        "{}  {:>5}  {:>5}  {:>6}  {:>6}  {}  {:>4}  {}  Change",
        cell(title, name_width),
        "Tries",
        "Grade",
        "Recent",
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
            "{}  {:>5}  {:>5.1}  {:>6.1}  {:>6}  {}  {:>4}  {}  {}",
            cell(&g.name, name_width),
            g.attempts,
            g.average_grade,
            g.standing.recent_score,
            points_cell(g),
            cell(&time, 15),
            g.overtime_rate.map_or_else(|| "–".to_owned(), percent),
            cell(&grade_trend(g, weeks), trend_width),
            change_cell(g),
        )?;
    }
    Ok(())
}

/// The Change column: the change in words, `too few` under the attempts a change needs,
/// or a dash when there is nothing to compare.
fn change_cell(g: &Group) -> String {
    match g.change {
        Some(c) => change_text(Some(c)),
        None if g.compared_attempts > 0 => "too few".to_owned(),
        None => "–".to_owned(),
    }
}

/// Rubric coverage, or for labs (which have no rubric) the share solved.
#[must_use]
pub fn points_cell(g: &Group) -> String {
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

/// What the Points column of a group means, for a sentence.
fn points_words(g: &Group) -> String {
    if g.rubric_attempts == 0 && g.lab_attempts > 0 {
        format!("{} of labs solved", points_cell(g).trim_end_matches(" ✓"))
    } else if g.rubric_attempts == 0 {
        "no rubric points".to_owned()
    } else {
        format!("{} of rubric points covered", percent(g.coverage))
    }
}

/// The sentence after a change: improving or slipping by how much, or why it cannot say.
#[must_use]
pub fn change_sentence(g: &Group) -> String {
    let spans = format!("the last {CHANGE_WEEKS} complete weeks against the {CHANGE_WEEKS} before");
    match g.change {
        Some(c) => format!("{} ({} in average grade, {spans})", direction(c), signed(c)),
        None if g.compared_attempts < MIN_ATTEMPTS_TO_COMPARE => format!(
            "too few attempts to say whether it is improving ({} in the {} complete weeks compared; {MIN_ATTEMPTS_TO_COMPARE} needed)",
            plural(g.compared_attempts, "attempt", "attempts"),
            2 * CHANGE_WEEKS
        ),
        None => format!("no trend to tell yet (it needs attempts in both {spans})"),
    }
}

/// First and last values of a trend over its complete weeks, for the `2.1 → 3.0`
/// after a sparkline: the week holding now is compared with nothing until it ends.
fn ends(
    weeks: &[crate::review::stats::Week],
    value: impl Fn(&crate::review::stats::Week) -> Option<f64>,
) -> Option<(f64, f64)> {
    let mut complete = weeks.iter().filter(|w| w.complete).filter_map(&value);
    let first = complete.next()?;
    let last = complete.last().unwrap_or(first);
    Some((first, last))
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
        writeln!(
            out,
            "\nScenarios: key evidence found, causes named and risky steps taken"
        )?;
        for g in scenarios {
            writeln!(
                out,
                "  {:<18} {} of key evidence, cause named in {}, {} in {}  over {}",
                g.name,
                percent(g.key_evidence_found.unwrap_or_default()),
                percent(g.cause_named_rate.unwrap_or_default()),
                plural(
                    usize::try_from(g.risky_steps).unwrap_or(usize::MAX),
                    "risky step",
                    "risky steps"
                ),
                plural(g.risky_attempts, "attempt", "attempts"),
                plural(g.scenario_attempts, "attempt", "attempts")
            )?;
        }
    }
    Ok(())
}

/// Checked runs, labs and hints over the period, when there are any.
fn practice_extras(out: &mut impl Write, all: &Group) -> io::Result<()> {
    let mut lines = Vec::new();
    if all.checked_runs > 0 {
        lines.push(format!(
            "  Checked runs      {} of {} passed every case ({})",
            all.checked_passed,
            all.checked_runs,
            percent(all.checked_passed as f64 / all.checked_runs as f64)
        ));
    }
    if all.lab_attempts > 0 {
        lines.push(format!(
            "  Labs              {} of {} solved ({})",
            all.labs_solved,
            all.lab_attempts,
            percent(all.labs_solved as f64 / all.lab_attempts as f64)
        ));
    }
    lines.push(format!(
        "  Hints             {} in {} of {}",
        all.hints_used,
        all.attempts_with_hints,
        plural(all.attempts, "attempt", "attempts")
    ));
    if all.scenario_attempts > 0 {
        lines.push(format!(
            "  Risky steps       {} in {} of {}",
            all.risky_steps,
            all.risky_attempts,
            plural(all.scenario_attempts, "scenario", "scenarios")
        ));
    }
    writeln!(out, "\nChecked runs, labs, hints and risky steps")?;
    for l in lines {
        writeln!(out, "{l}")?;
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

/// The `stats` report, its prose wrapped to `width` columns.
///
/// # Errors
/// Writing failed.
pub fn stats(out: &mut impl Write, s: &Stats<'_>, width: usize) -> io::Result<()> {
    let weeks = match s.period.weeks {
        Some(n) => n,
        None => s.period.trend_weeks.min(TEXT_TREND_WEEKS),
    }
    .min(s.overall.trend.len())
    .max(1);
    let day = |t: Option<DateTime<FixedOffset>>| {
        t.map_or_else(String::new, |t| t.format("%Y-%m-%d").to_string())
    };
    let period = match s.period.weeks {
        None => "over the whole history".to_owned(),
        Some(n) => format!(
            "over the last {} (since {}; without --weeks, the whole history)",
            plural(n, "week", "weeks"),
            s.period.from
        ),
    };
    prose(
        out,
        width,
        &format!(
            "{} in {}, {} to {}, {period}.",
            plural(s.attempts, "attempt", "attempts"),
            plural(s.sessions, "session", "sessions"),
            day(s.first),
            day(s.last)
        ),
    )?;
    prose(
        out,
        width,
        "Grades 1 Again .. 4 Easy; Recent = the recent score weakness is ranked by (see the end); Points = rubric points covered (labs: share solved, ✓); Over = timed attempts past the box.",
    )?;
    let drawn = if weeks < s.period.trend_weeks {
        format!("the last {weeks} of {} weeks", s.period.trend_weeks)
    } else {
        plural(weeks, "week", "weeks")
    };
    prose(
        out,
        width,
        &format!(
            "Trend = average grade per week over {drawn} (▁ 1 .. █ 4, {GAP} no practice); Change = the last {CHANGE_WEEKS} complete weeks against the {CHANGE_WEEKS} before (this week counts once it ends; \"too few\" under {MIN_ATTEMPTS_TO_COMPARE} attempts in those weeks)."
        ),
    )?;
    writeln!(out)?;
    prose(
        out,
        width,
        "By category (each attempt counts once, in its prompt's category; weakest first)",
    )?;
    group_table(out, "Category", &s.categories, weeks)?;
    if let Some(weakest) = s.categories.first().filter(|_| s.categories.len() > 1) {
        writeln!(out)?;
        prose(
            out,
            width,
            &format!(
                "Weakest category: {}, {}; over the period an average grade of {:.1} in {} with {}; {}.",
                weakest.name,
                score_text(&weakest.standing),
                weakest.average_grade,
                plural(weakest.attempts, "attempt", "attempts"),
                points_words(weakest),
                change_sentence(weakest)
            ),
        )?;
    }
    wrapped(out, width, |out| {
        calibration(out, &s.categories)?;
        graders(out, &s.graders)?;
        graded_by(out, &s.graded_by)?;
        practice_extras(out, &s.overall)
    })?;
    if !s.tags.is_empty() {
        writeln!(out)?;
        prose(
            out,
            width,
            "By skill area (tags: an attempt counts under each tag of its prompt; a tag may share a category's name; weakest first)",
        )?;
        group_table(out, "Tag", &s.tags, weeks)?;
        if let Some(area) = s.tags.first() {
            writeln!(out)?;
            prose(
                out,
                width,
                &format!(
                    "Weakest skill area: {}, {}; over the period an average grade of {:.1} in {} with {}.",
                    area.name,
                    score_text(&area.standing),
                    area.average_grade,
                    plural(area.attempts, "attempt", "attempts"),
                    points_words(area)
                ),
            )?;
        }
    }

    let from = s.overall.trend.len().saturating_sub(weeks);
    let shown = &s.overall.trend[from..];
    let grades: Vec<Option<f64>> = shown.iter().map(|w| w.average_grade).collect();
    let coverage: Vec<Option<f64>> = shown.iter().map(|w| w.coverage).collect();
    writeln!(out)?;
    prose(
        out,
        width,
        "All practice by week (→: first and last complete week shown)",
    )?;
    let from_to = |v: Option<(f64, f64)>, show: &dyn Fn(f64) -> String| {
        v.map_or_else(String::new, |(a, b)| {
            format!("   {} → {}", show(a), show(b))
        })
    };
    writeln!(
        out,
        "  Grade     {}{}",
        sparkline(&grades, 1.0, 4.0),
        from_to(ends(shown, |w| w.average_grade), &|g| format!("{g:.1}"))
    )?;
    writeln!(
        out,
        "  Points    {}{}",
        sparkline(&coverage, 0.0, 1.0),
        from_to(ends(shown, |w| w.coverage), &percent)
    )?;
    if let (Some(first), Some(last)) = (shown.first(), shown.last()) {
        writeln!(
            out,
            "  Weeks     from {} to {}, {} with practice",
            first.start,
            last.start,
            shown.iter().filter(|w| w.attempts > 0).count()
        )?;
    }

    if let Some(weakest) = s.weakest_prompts.first() {
        let listed = &s.weakest_prompts[..s.weakest_prompts.len().min(TEXT_WEAKEST)];
        writeln!(out)?;
        prose(
            out,
            width,
            &format!(
                "Weakest prompts (weakest first; `stats --json` lists {})",
                s.weakest_prompts.len()
            ),
        )?;
        let id_width = listed
            .iter()
            .map(|p| p.prompt.chars().count())
            .max()
            .unwrap_or(6)
            .clamp(6, 32);
        writeln!(
            out,
            "{}  {}  {:>5}  {}  {:>5}  {:>6}  Last",
            cell("Prompt", id_width),
            cell("Title", 34),
            "Tries",
            cell("Recent", 8),
            "Score",
            "Points"
        )?;
        for p in listed {
            writeln!(
                out,
                "{}  {}  {:>5}  {}  {:>5.1}  {:>6}  {}",
                cell(p.prompt, id_width),
                cell(p.title, 34),
                p.attempts,
                cell(&recent_grades(&p.standing), 8),
                p.standing.recent_score,
                if p.standing.recent_rubric_attempts == 0 {
                    "–".to_owned()
                } else {
                    percent(p.standing.recent_coverage)
                },
                p.standing.last.format("%Y-%m-%d")
            )?;
        }
        writeln!(out)?;
        prose(
            out,
            width,
            &format!(
                "Weakest prompt: {} ({}), {}.",
                weakest.prompt,
                weakest.title,
                score_text(&weakest.standing)
            ),
        )?;
    }
    if let Some(p) = &s.progress {
        wrapped(out, width, |out| progress(out, p))?;
    }
    writeln!(out)?;
    prose(out, width, &weakness_rule())
}

/// The spaced-repetition figures of `stats`.
fn progress(out: &mut impl Write, p: &Progress) -> io::Result<()> {
    writeln!(
        out,
        "\nSpaced repetition (the schedule `sre-drill due` follows, over the whole history)"
    )?;
    let r = &p.retention;
    match r.rate {
        Some(rate) => writeln!(
            out,
            "  Retention   {} of {} of due prompts in the last {} days graded 2 Hard or better",
            percent(rate),
            plural(r.reviews, "review", "reviews"),
            r.days
        )?,
        None => writeln!(
            out,
            "  Retention   no review of a due prompt in the last {} days",
            r.days
        )?,
    }
    let buckets: Vec<String> = p
        .intervals
        .iter()
        .map(|b| format!("{}: {}", interval_label(b.min_days, b.max_days), b.prompts))
        .collect();
    writeln!(
        out,
        "  Intervals   {}{}",
        buckets.join(" · "),
        p.median_interval_days.map_or_else(String::new, |m| format!(
            " (median {})",
            plural(usize::try_from(m).unwrap_or(0), "day", "days")
        ))
    )?;
    writeln!(
        out,
        "  Prompts     {} new (never practised), {} young (interval under {} days), {} mature",
        p.new,
        p.young,
        crate::review::progress::MATURE_DAYS,
        p.mature
    )?;
    let mut tried: Vec<String> = p
        .levels
        .iter()
        .map(|l| format!("{} {} of {}", l.level, l.tried, l.total))
        .collect();
    if p.labs_total > 0 {
        tried.push(format!("labs {} of {}", p.labs_tried, p.labs_total));
    }
    writeln!(out, "  Tried       {}", tried.join(" · "))?;
    let s = &p.streak;
    writeln!(
        out,
        "  Streak      {} in a row with an attempt{}; longest {}",
        plural(s.current_days, "day", "days"),
        if s.current_days == 0 {
            ""
        } else if s.practised_today {
            ", today included"
        } else {
            ", up to yesterday (practise today to keep it)"
        },
        plural(s.longest_days, "day", "days")
    )
}

/// `1 day`, `2–6 days`, `91+ days`: an interval bucket.
#[must_use]
pub fn interval_label(min: i64, max: Option<i64>) -> String {
    match max {
        Some(1) => "1 day".to_owned(),
        Some(max) => format!("{min}–{max} days"),
        None => format!("{min}+ days"),
    }
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

/// The `plan` report, its prose wrapped to `width` columns.
///
/// # Errors
/// Writing failed.
pub fn plan(out: &mut impl Write, plan: &Plan<'_>, width: usize) -> io::Result<()> {
    let count = plan.areas.len();
    prose(
        out,
        width,
        &format!(
            "Your {} weakest skill area{}, weakest first:",
            if count == 3 {
                "three".to_owned()
            } else {
                count.to_string()
            },
            if count == 1 { "" } else { "s" },
        ),
    )?;
    if plan.areas.iter().all(|a| !a.evidence.standing.is_weak()) {
        prose(
            out,
            width,
            "(None is weak: every area scores Good or better lately. These are the lowest; the areas you have not practised yet, listed at the end, may matter more.)",
        )?;
    }
    for (i, area) in plan.areas.iter().enumerate() {
        let e = &area.evidence;
        writeln!(out, "\n{}. {}", i + 1, e.tag)?;
        prose(
            out,
            width,
            &format!(
                "   Evidence: {} (grades {}; average {:.1} over all {}), {} of rubric points covered lately, last practised {}",
                score_text(&e.standing),
                recent_grades(&e.standing),
                e.average_grade,
                e.attempts,
                percent(e.standing.recent_coverage),
                e.standing.last.format("%Y-%m-%d")
            ),
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
                let standing = Standing {
                    recent_attempts: p.recent_grades.len(),
                    recent_grades: p.recent_grades.clone(),
                    recent_must_missed: 0,
                    recent_counted: p.recent_counted.clone(),
                    recent_grade: 0.0,
                    recent_score: 0.0,
                    recent_coverage: 0.0,
                    recent_rubric_attempts: 0,
                    last: DateTime::default(),
                };
                format!("recent grades {}", recent_grades(&standing))
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
    if let Some(p) = &plan.weakest_prompt {
        writeln!(out)?;
        prose(
            out,
            width,
            &format!(
                "Weakest prompt: {} ({}), {}. Drill it: sre-drill drill {}",
                p.prompt,
                p.title,
                score_text(&p.standing),
                p.prompt
            ),
        )?;
    }
    if let Some(first) = plan.never_practised.first() {
        writeln!(out)?;
        prose(
            out,
            width,
            &format!(
                "Not practised yet: {}. Try: sre-drill drill all --tag {first}",
                plan.never_practised.join(", ")
            ),
        )?;
    }
    writeln!(out)?;
    prose(out, width, &weakness_rule())
}

/// What the `history` table says a session was: its category (or `mixed`), or for a
/// mock interview the category (or `interview`) and who graded it.
#[must_use]
pub fn session_label(row: &SessionRow<'_>) -> String {
    match row.graded_by {
        None => row.category.to_owned(),
        Some(partner) if row.category == "mixed" => format!("interview with {partner}"),
        Some(partner) => format!("{} with {partner}", row.category),
    }
}

/// The `history` table: one row per session, in the order given, from the slim records.
///
/// # Errors
/// Writing failed.
pub fn session_table(out: &mut impl Write, rows: &[SessionRow<'_>]) -> io::Result<()> {
    let label_width = rows
        .iter()
        .map(|r| session_label(r).chars().count())
        .max()
        .unwrap_or(0)
        .clamp(15, 32);
    writeln!(
        out,
        "{}  {}  {}  {}  {}  Session",
        cell("Date", 16),
        cell("Category", label_width),
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
            cell(&session_label(r), label_width),
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

/// Each grader beside the suggested grade of the same attempts, when a partner graded
/// any (SPEC §13).
fn graded_by(out: &mut impl Write, rows: &[crate::review::graders::GraderRow]) -> io::Result<()> {
    if !rows.iter().any(|r| r.partner) {
        return Ok(());
    }
    writeln!(
        out,
        "\nGraded by: average grade, and over the attempts with a suggestion the grade given against the suggested"
    )?;
    for r in rows {
        let who = if r.partner {
            format!("{} (partner)", r.grader)
        } else {
            "you".to_owned()
        };
        let suggested = match (r.average_grade_with_suggestion, r.average_suggested) {
            (Some(given), Some(suggested)) => format!(
                "{given:.1} given against {suggested:.1} suggested over {}",
                plural(r.suggested_attempts, "attempt", "attempts")
            ),
            _ => "no suggested grades".to_owned(),
        };
        writeln!(
            out,
            "  {:<18} {:.1} over {}; {suggested}",
            who,
            r.average_grade,
            plural(r.attempts, "attempt", "attempts")
        )?;
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
