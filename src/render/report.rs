//! The HTML report: one self-contained page of inline SVG charts and CSS.
//!
//! No script, no fonts, images or styles from elsewhere: the page works offline, from an
//! attachment, and printed. Each figure is a row of charts (`<div class="charts">`)
//! under a one-sentence reading; each chart an `<svg role="img">` with a `<title>`, a
//! `<desc>` and axis labels, drawn [`CHART_W`] pixels wide and never scaled, so its text
//! keeps the size it was laid out for at any screen width: the charts of a figure
//! (small multiples, a long bar chart cut into blocks, a long calendar) stand side by
//! side on a wide screen and one under another on a narrow one, and wide tables turn
//! into one block per row. Labels that would cover one another are left out, their
//! figures kept in the tooltips; lines are not drawn across weeks without practice.
//! Series differ by dash, marker shape and direct labels, not by colour alone, so the
//! page stays readable in black and white. Colours are CSS variables with a dark scheme
//! under `prefers-color-scheme`. The figures are written as `data-*` attributes too, so
//! tests can hold them to `stats --json` and `due --json`. Never reads input or the
//! clock.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::mmss;
use crate::grade::Grade;
use crate::report::{Day, Report};
use crate::review::stats::{CHANGE_WEEKS, Group, MIN_ATTEMPTS_TO_COMPARE};

/// How to start, on a page with no practice yet.
const START: &str = "sre-drill troubleshooting --timed";

const STYLE: &str = r#"
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#5a5a5a;--grid:#e2e2e2;--axis:#6b6b6b;
--s0:#1f5fa8;--s1:#b3401e;--s2:#2e7d32;--s3:#7a3a9c;--s4:#8a6500;--s5:#00707a;
--bar:#3d6fa8;--bar2:#c9d8ea;--h0:#eceef1;--h1:#5388c6;--h2:#2d619c;--h3:#1b406b;--h4:#0d233c;--warn:#b3401e}
@media (prefers-color-scheme:dark){:root{--bg:#16181b;--fg:#e8e8e8;--muted:#a8a8a8;--grid:#34383d;--axis:#8b9096;
--s0:#7fb3f0;--s1:#f2936e;--s2:#7fcf83;--s3:#c99be6;--s4:#e3c05a;--s5:#5fd0d8;
--bar:#6f9fd8;--bar2:#2f4460;--h0:#2a2e33;--h1:#447ec1;--h2:#75a5dd;--h3:#a7c9ef;--h4:#ddebfb;--warn:#f2936e}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#333;--grid:#ccc;--axis:#444;--s0:#000;--s1:#000;--s2:#000;--s3:#000;--s4:#000;--s5:#000;
--bar:#555;--bar2:#ddd;--h0:#f0f0f0;--h1:#858585;--h2:#5d5d5d;--h3:#3c3c3c;--h4:#161616;--warn:#000}
section{break-inside:avoid}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif}
main{max-width:980px;margin:0 auto;padding:24px;overflow-wrap:break-word}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:19px;margin:0 0 2px}
p{margin:4px 0}
.muted,.note{color:var(--muted);font-size:13px}
.reading{font-size:16px;margin:2px 0 8px}
section{border-top:1px solid var(--grid);padding:18px 0 10px}
.charts{display:flex;flex-wrap:wrap;gap:14px 16px;margin:6px 0 4px}
svg.chart{display:block;flex:none}
figure.panel{margin:0;width:300px}
figcaption{font-size:13px;margin:0 0 2px}
.legend{color:var(--muted);font-size:13px;margin:4px 0}
.legend span{white-space:nowrap}
svg.key{display:inline-block;vertical-align:-1px}
svg text{fill:var(--fg);font:12px system-ui,-apple-system,'Segoe UI',sans-serif}
svg .small{font-size:11px;fill:var(--muted)}
svg .grid{stroke:var(--grid);stroke-width:1}
svg .axis{stroke:var(--axis);stroke-width:1}
.s0{--c:var(--s0)}.s1{--c:var(--s1)}.s2{--c:var(--s2)}.s3{--c:var(--s3)}.s4{--c:var(--s4)}.s5{--c:var(--s5)}
svg .line{fill:none;stroke:var(--c);stroke-width:2.2}
svg .mark{fill:var(--c);stroke:var(--bg);stroke-width:1}
svg .end{fill:var(--c);font-weight:600}
svg .reference{fill:none;stroke:var(--axis);stroke-width:1.5;stroke-dasharray:5 3;opacity:.8}
svg .bar{fill:var(--bar)}
svg .box{fill:url(#hatch);stroke:var(--axis);stroke-width:1}
svg .answer{fill:var(--bar)}
svg .over{fill:var(--warn)}
svg .h0{fill:var(--h0)}svg .h1{fill:var(--h1)}svg .h2{fill:var(--h2)}svg .h3{fill:var(--h3)}svg .h4{fill:var(--h4)}
svg .future{fill:none;stroke:var(--grid);stroke-dasharray:2 2}
svg .hatch-line{stroke:var(--axis);stroke-width:1}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--grid);vertical-align:top}
th{font-weight:600;color:var(--muted)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace}
.id{color:var(--muted);font-size:12px}
.empty{font-size:18px;padding:40px 0}
@media (max-width:640px){main{padding:16px 12px}h1{font-size:22px}
table.reflow,table.reflow tbody,table.reflow tr{display:block}
table.reflow thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.reflow tr{border-bottom:1px solid var(--grid);padding:6px 0}
table.reflow td{display:inline-block;border:0;padding:1px 14px 1px 0;text-align:left}
table.reflow td:first-child{display:block}
table.reflow td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}}
"#;

/// Escapes text for HTML and SVG.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// 100000 as 100,000.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn day(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}

fn long_day(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

fn grade_label(value: u8) -> String {
    Grade::new(value).map_or_else(
        || value.to_string(),
        |g| {
            let name = g.name();
            let mut chars = name.chars();
            let cap: String = chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
                .collect();
            format!("{value} {cap}")
        },
    )
}

/// Marker shapes, one per series, so lines differ without colour.
fn marker(out: &mut String, shape: usize, x: f64, y: f64, attrs: &str, title: &str) {
    let t = format!("<title>{}</title>", esc(title));
    let _ = match shape % 6 {
        0 => write!(
            out,
            r#"<circle class="mark" cx="{x:.1}" cy="{y:.1}" r="4.5" {attrs}>{t}</circle>"#
        ),
        1 => write!(
            out,
            r#"<rect class="mark" x="{:.1}" y="{:.1}" width="8" height="8" {attrs}>{t}</rect>"#,
            x - 4.0,
            y - 4.0
        ),
        2 => write!(
            out,
            r#"<path class="mark" d="M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z" {attrs}>{t}</path>"#,
            y - 5.5,
            x + 5.0,
            y + 4.0,
            x - 5.0,
            y + 4.0
        ),
        3 => write!(
            out,
            r#"<path class="mark" d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z" {attrs}>{t}</path>"#,
            y - 5.5,
            x + 5.5,
            y + 5.5,
            x - 5.5
        ),
        4 => write!(
            out,
            r#"<path class="mark" d="M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z" {attrs}>{t}</path>"#,
            x - 5.0,
            y - 4.0,
            x + 5.0,
            y - 4.0,
            x,
            y + 5.5
        ),
        _ => write!(
            out,
            r#"<rect class="mark" x="{:.1}" y="{:.1}" width="9" height="4" {attrs}>{t}</rect>"#,
            x - 4.5,
            y - 2.0
        ),
    };
}

/// Every chart is drawn this many CSS pixels wide, at its own size and never scaled, so
/// its text stays at the size it was laid out for: three fit side by side in the page's
/// column and one on a 360 px screen; several flow onto as many rows as they need.
const CHART_W: f64 = 300.0;
/// Chart text sizes, as the style sheet sets them (`svg text`, `svg .small`): never
/// below 11 px on screen.
const TEXT_PX: f64 = 12.0;
const SMALL_PX: f64 = 11.0;
/// Two weekly points further apart than this many weeks are not joined by a line.
const MAX_JOIN_WEEKS: usize = 2;

/// How a label sits on its x (SVG's `text-anchor`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Start,
    Middle,
    End,
}

/// A run of label text at a font size: labels mix 12 px and 11 px runs.
type Run<'a> = (&'a str, f64);

/// The estimated width of `text` at `px`: per character a little over what the usual
/// sans-serif faces take (and never under 0.6 em), so labels kept apart by it are apart
/// on screen.
fn text_width(text: &str, px: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            'm' | 'w' | 'M' | 'W' | '%' | '@' | '—' | '…' => 1.0,
            c if c.is_uppercase() => 0.78,
            _ => 0.64,
        })
        .sum::<f64>()
        * px
}

/// The labels of one chart, as estimated boxes (left, top, right, bottom), so that a
/// label is drawn only where it is inside the chart and clear of every other one. A
/// label left out keeps its figure in the tooltips and the `data-*` attributes.
struct Labels {
    width: f64,
    height: f64,
    boxes: Vec<[f64; 4]>,
}

impl Labels {
    fn new(width: f64, height: f64) -> Self {
        Self {
            width,
            height,
            boxes: Vec::new(),
        }
    }

    /// The box of `runs` with their baseline at `y`, placed on `x` by `anchor`.
    fn frame(x: f64, y: f64, anchor: Anchor, runs: &[Run<'_>]) -> [f64; 4] {
        let width: f64 = runs.iter().map(|(t, px)| text_width(t, *px)).sum();
        let px = runs.iter().map(|(_, px)| *px).fold(0.0, f64::max);
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        };
        [left, y - 0.85 * px, left + width, y + 0.3 * px]
    }

    /// Whether `b` is inside the chart and a pixel clear of every label placed.
    fn fits(&self, b: [f64; 4]) -> bool {
        b[0] >= 0.0
            && b[1] >= 0.0
            && b[2] <= self.width
            && b[3] <= self.height
            && self.boxes.iter().all(|o| {
                b[2] + 1.0 <= o[0] || o[2] + 1.0 <= b[0] || b[3] + 1.0 <= o[1] || o[3] + 1.0 <= b[1]
            })
    }

    /// Writes the label when it fits, and says whether it did. The first run is the
    /// `<text>`'s own (of `class`); each later one a `<tspan class="small">`.
    fn put(
        &mut self,
        out: &mut String,
        (x, y): (f64, f64),
        anchor: Anchor,
        class: &str,
        runs: &[Run<'_>],
    ) -> bool {
        let b = Self::frame(x, y, anchor, runs);
        if !self.fits(b) {
            return false;
        }
        self.boxes.push(b);
        let class = if class.is_empty() {
            String::new()
        } else {
            format!(r#" class="{class}""#)
        };
        let anchor = match anchor {
            Anchor::Start => "",
            Anchor::Middle => r#" text-anchor="middle""#,
            Anchor::End => r#" text-anchor="end""#,
        };
        let _ = write!(out, r#"<text{class} x="{x:.1}" y="{y:.1}"{anchor}>"#);
        for (i, (text, _)) in runs.iter().enumerate() {
            if i == 0 {
                out.push_str(&esc(text));
            } else {
                let _ = write!(out, r#"<tspan class="small">{}</tspan>"#, esc(text));
            }
        }
        out.push_str("</text>");
        true
    }

    /// `text` cut with an ellipsis to at most `room` px at `px`.
    fn fit_text(text: &str, px: f64, room: f64) -> String {
        if text_width(text, px) <= room {
            return text.to_owned();
        }
        let mut cut: String = String::new();
        for c in text.chars() {
            cut.push(c);
            if text_width(&cut, px) + text_width("…", px) > room {
                cut.pop();
                break;
            }
        }
        cut.push('…');
        cut
    }
}

/// Opens one chart: an `<svg>` of its own size (never scaled) with its title and
/// description.
fn open_svg(out: &mut String, id: &str, width: f64, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        r#"<svg class="chart" id="{id}" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        esc(title),
        esc(desc)
    );
}

/// `items` cut into as few runs of at most `most` as hold them, of near-equal length,
/// the longer first.
fn blocks<T>(items: &[T], most: usize) -> Vec<&[T]> {
    let n = items.len().div_ceil(most.max(1)).max(1);
    let (size, extra) = (items.len() / n, items.len() % n);
    let mut out = Vec::with_capacity(n);
    let mut rest = items;
    for i in 0..n {
        let (block, tail) = rest.split_at(size + usize::from(i < extra));
        out.push(block);
        rest = tail;
    }
    out
}

/// A small key drawn in a legend: `inner` in a `width` x 12 box.
fn key(width: u32, inner: &str) -> String {
    format!(
        r#"<svg class="key" width="{width}" height="12" aria-hidden="true" focusable="false">{inner}</svg>"#
    )
}

/// The x-axis labels of a weekly chart whose weeks start on `weeks` and sit at
/// `x(i)`: one under the week that holds each month's first day, and one under the
/// first week for its month when the next is far enough; "Sep" where the months are
/// far enough apart, else "S", and on two rows by turns where even that is too close.
/// Each label is (week index, name, row).
fn month_labels(weeks: &[NaiveDate], x: impl Fn(usize) -> f64) -> Vec<(usize, String, usize)> {
    let ticks: Vec<(usize, NaiveDate)> = weeks
        .iter()
        .enumerate()
        .filter_map(|(i, start)| {
            let end = *start + chrono::TimeDelta::days(6);
            if start.day() == 1 {
                Some((i, *start))
            } else if end.month() == start.month() {
                None
            } else {
                end.with_day(1).map(|first| (i, first))
            }
        })
        .collect();
    let wide = |d: NaiveDate| d.format("%b").to_string();
    let narrow = |d: NaiveDate| wide(d).chars().take(1).collect::<String>();
    // The room a label needs: the widest name of that form, and a gap.
    let need = |f: &dyn Fn(NaiveDate) -> String| {
        (1..=12)
            .filter_map(|m| NaiveDate::from_ymd_opt(2026, m, 1))
            .map(|d| text_width(&f(d), SMALL_PX))
            .fold(0.0, f64::max)
            + 4.0
    };
    let closest = ticks
        .windows(2)
        .map(|p| x(p[1].0) - x(p[0].0))
        .fold(f64::MAX, f64::min);
    let (name, rows): (&dyn Fn(NaiveDate) -> String, usize) = if closest >= need(&wide) {
        (&wide, 1)
    } else if closest >= need(&narrow) {
        (&narrow, 1)
    } else {
        (&narrow, 2)
    };
    let mut out: Vec<(usize, String)> = ticks.iter().map(|(i, d)| (*i, name(*d))).collect();
    if let Some(first) = weeks.first()
        && ticks
            .first()
            .is_none_or(|(i, _)| *i > 0 && x(*i) - x(0) >= need(name))
    {
        out.insert(0, (0, name(*first)));
    }
    out.into_iter()
        .enumerate()
        .map(|(k, (i, text))| (i, text, k % rows))
        .collect()
}

/// The height under a weekly chart's plot that its month labels take.
fn month_axis_height(labels: &[(usize, String, usize)]) -> f64 {
    let rows = labels.iter().map(|(_, _, row)| row + 1).max().unwrap_or(1);
    13.0 + 14.0 * rows as f64
}

/// An SVG path through weekly points (week index, value) in order, the pen lifted
/// where two points are more than [`MAX_JOIN_WEEKS`] apart, so that no line crosses
/// weeks without practice.
fn weekly_path(
    points: &[(usize, f64)],
    x: impl Fn(usize) -> f64,
    y: impl Fn(f64) -> f64,
) -> String {
    let mut d = String::new();
    for (k, (i, v)) in points.iter().enumerate() {
        let lift = k == 0 || i - points[k - 1].0 > MAX_JOIN_WEEKS;
        let _ = write!(
            d,
            "{}{:.1} {:.1}",
            if lift { "M" } else { "L" },
            x(*i),
            y(*v)
        );
    }
    d
}

/// The hatch pattern the charts share, defined once for the page.
const DEFS: &str = r#"<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false" style="position:absolute"><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line class="hatch-line" x1="0" y1="0" x2="0" y2="6"/></pattern></defs></svg>"#;

fn section_start(out: &mut String, id: &str, heading: &str, reading: &str) {
    let mut chars = reading.chars();
    let reading: String = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default()
        + chars.as_str();
    let _ = write!(
        out,
        r#"<section id="{id}"><h2>{}</h2><p class="reading">{}</p>"#,
        esc(heading),
        esc(&reading)
    );
}

/// The whole page.
#[must_use]
pub fn page(report: &Report<'_>) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let title = format!("sre-drill report · {}", report.now.format("%-d %b %Y"));
    let _ = write!(
        out,
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark"><title>{}</title><style>{STYLE}</style></head><body><main>"#,
        esc(&title)
    );
    if report.is_empty() {
        empty(&mut out, report);
    } else {
        out.push_str(DEFS);
        header(&mut out, report);
        trend(&mut out, report);
        coverage(&mut out, report);
        calendar(&mut out, report);
        time_box(&mut out, report);
        calibration(&mut out, report);
        forecast(&mut out, report);
        weakest(&mut out, report);
        scenarios(&mut out, report);
        graders(&mut out, report);
        practice(&mut out, report);
        progress(&mut out, report);
        footer(&mut out, report);
    }
    out.push_str("</main></body></html>\n");
    out
}

fn empty(out: &mut String, report: &Report<'_>) {
    let _ = write!(
        out,
        r#"<h1>Your SRE interview practice</h1><div class="empty" data-attempts="0"><p>No practice logged yet, so there is nothing to chart.</p><p>Start with <code>{START}</code>: each graded prompt is logged, and this page then shows your grades per week, rubric coverage by skill area, a practice calendar, time against the box and what comes due next.</p><p>Then run <code>sre-drill report</code> again.</p></div><p class="muted">Made by sre-drill {} on {}.</p>"#,
        env!("CARGO_PKG_VERSION"),
        esc(&long_day(report.now.date_naive()))
    );
}

fn header(out: &mut String, report: &Report<'_>) {
    let s = &report.stats;
    let span = match (s.first, s.last) {
        (Some(first), Some(last)) => format!(
            " from {} to {}",
            long_day(first.with_timezone(report.now.offset()).date_naive()),
            long_day(last.with_timezone(report.now.offset()).date_naive())
        ),
        _ => String::new(),
    };
    let _ = write!(
        out,
        r#"<h1>Your SRE interview practice</h1><p id="summary" data-attempts="{}" data-sessions="{}" data-weeks="{}" data-calendar-weeks="{}" data-now="{}">{} in {}{span}; average grade <strong>{:.1}</strong> (1 Again … 4 Easy), <strong>{}</strong> of rubric points covered.</p>"#,
        s.attempts,
        s.sessions,
        report.weeks,
        report.calendar_weeks(),
        esc(&report.now.to_rfc3339()),
        plural(s.attempts, "attempt", "attempts"),
        plural(s.sessions, "session", "sessions"),
        s.overall.average_grade,
        percent(s.overall.coverage)
    );
    let first_week = report.shown(&s.overall.trend).first().map(|w| w.start);
    let calendar_first = report.calendar.first().map(|d| d.date);
    if let (Some(first), Some(calendar_first)) = (first_week, calendar_first) {
        let shown = if first == calendar_first {
            format!(
                "The weekly charts and the calendar show the last {} (since {})",
                plural(report.weeks, "week", "weeks"),
                esc(&long_day(first))
            )
        } else {
            format!(
                "The calendar shows the last {} (since {}), and the weekly charts the last {} of them, from the first with practice (since {})",
                plural(report.calendar_weeks(), "week", "weeks"),
                esc(&long_day(calendar_first)),
                report.weeks,
                esc(&long_day(first))
            )
        };
        let _ = write!(
            out,
            r#"<p class="muted">{shown}; everything else covers the whole history. The week holding today is compared with nothing until it ends.</p>"#,
        );
    }
    let weakest_area = s.tags.first();
    let weakest_prompt = s.weakest_prompts.first();
    if weakest_area.is_some() || weakest_prompt.is_some() {
        let mut text = String::new();
        if let Some(a) = weakest_area {
            let _ = write!(
                text,
                r#"Weakest skill area: <strong id="weakest-area" data-tag="{}" data-recent-score="{}">{}</strong> (recent score {:.1} over its last {})"#,
                esc(&a.name),
                a.standing.recent_score,
                esc(&a.name),
                a.standing.recent_score,
                plural(a.standing.recent_attempts, "attempt", "attempts")
            );
        }
        if let Some(p) = weakest_prompt {
            if !text.is_empty() {
                text.push_str("; ");
            }
            let _ = write!(
                text,
                r#"weakest prompt: <strong id="weakest-prompt" data-prompt="{}" data-recent-score="{}">{}</strong> (recent score {:.1})"#,
                esc(p.prompt),
                p.standing.recent_score,
                esc(p.title),
                p.standing.recent_score
            );
        }
        let _ = write!(
            out,
            r#"<p>{}.</p><p class="note">{}</p>"#,
            capitalised(&text),
            esc(&super::review::weakness_rule())
        );
    }
}

/// `text` with its first letter upper case (it may start with markup-free words).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default()
        + chars.as_str()
}

fn footer(out: &mut String, report: &Report<'_>) {
    let _ = write!(
        out,
        r#"<section><p class="note">Made by sre-drill {} on {}. The figures are those of <code>sre-drill stats --json</code> and <code>sre-drill due --json</code> for the same history at the same time; the weekly charts show the last {} of its trend, and the calendar its practice days over the last {}.</p></section>"#,
        env!("CARGO_PKG_VERSION"),
        esc(&report.now.format("%a %-d %b %Y %H:%M %:z").to_string()),
        plural(report.weeks, "week", "weeks"),
        plural(report.calendar_weeks(), "week", "weeks")
    );
}

/// The category that changed most, or else why no change is told, and the weakest.
fn trend_reading(categories: &[Group]) -> String {
    // `change` is only there with enough attempts in complete weeks to mean something.
    let changed = categories
        .iter()
        .filter_map(|g| g.change.map(|c| (g, c)))
        .max_by(|a, b| {
            a.1.abs()
                .total_cmp(&b.1.abs())
                .then_with(|| b.0.name.cmp(&a.0.name))
        });
    let weakest = categories.first().map_or_else(String::new, |g| {
        format!(
            " {} is your weakest category (recent score {:.1} over its last {}).",
            capitalised(&g.name),
            g.standing.recent_score,
            plural(g.standing.recent_attempts, "attempt", "attempts")
        )
    });
    match changed {
        Some((g, c)) if c.abs() >= 0.05 => format!(
            "{} {} most: {:+.1} in average grade over the last {CHANGE_WEEKS} complete weeks against the {CHANGE_WEEKS} before ({} in those weeks).{weakest}",
            g.name,
            if c > 0.0 { "improved" } else { "slipped" },
            c,
            plural(g.compared_attempts, "attempt", "attempts")
        ),
        Some(_) => format!(
            "No category changed by a tenth of a grade over the last {CHANGE_WEEKS} complete weeks against the {CHANGE_WEEKS} before.{weakest}"
        ),
        None => format!(
            "Too few attempts to say which category is improving: a change needs {MIN_ATTEMPTS_TO_COMPARE} attempts in the last {} complete weeks.{weakest}",
            2 * CHANGE_WEEKS
        ),
    }
}

// x and y map data to a panel, h is its height, d an SVG path.
#[allow(clippy::many_single_char_names)]
fn trend(out: &mut String, report: &Report<'_>) {
    let cats: Vec<&Group> = report
        .stats
        .categories
        .iter()
        .filter(|g| {
            report
                .shown(&g.trend)
                .iter()
                .any(|w| w.average_grade.is_some())
        })
        .collect();
    section_start(
        out,
        "trend",
        "Average grade per week, by category",
        &trend_reading(&report.stats.categories),
    );
    if cats.is_empty() {
        let _ = write!(
            out,
            r#"<p class="note">No attempts in these weeks; the figures below cover the whole history.</p></section>"#
        );
        return;
    }
    // Small multiples: one panel per category on the same scales, each with the
    // average of all categories as a grey line to compare against.
    let (left, right, top) = (26.0, 16.0, 22.0);
    let (pw, ph) = (CHART_W - left - right, 110.0);
    let weeks = report.weeks;
    let x = |i: usize| {
        if weeks <= 1 {
            left + pw / 2.0
        } else {
            left + pw * i as f64 / (weeks - 1) as f64
        }
    };
    let y = |v: f64| top + ph * (4.0 - v) / 3.0;
    let all = report.shown(&report.stats.overall.trend);
    let starts: Vec<NaiveDate> = all.iter().map(|w| w.start).collect();
    let months = month_labels(&starts, x);
    let h = top + ph + month_axis_height(&months);
    let overall: Vec<(usize, f64)> = all
        .iter()
        .enumerate()
        .filter_map(|(i, wk)| wk.average_grade.map(|a| (i, a)))
        .collect();
    let reference = weekly_path(&overall, x, y);
    out.push_str(r#"<div class="charts" id="trend-chart">"#);
    for (k, g) in cats.iter().enumerate() {
        let _ = write!(
            out,
            r#"<figure class="panel"><figcaption><strong>{}</strong> · {} · {:.1} average</figcaption>"#,
            esc(&g.name),
            plural(g.attempts, "attempt", "attempts"),
            g.average_grade
        );
        open_svg(
            out,
            &format!("trend-chart-{}", k + 1),
            CHART_W,
            h,
            &format!("{}: average grade per week", g.name),
            "x: week; y: average grade from 1 Again to 4 Easy; the grey dashed line is all categories together.",
        );
        let mut labels = Labels::new(CHART_W, h);
        for v in 1..=4u8 {
            let yy = y(f64::from(v));
            let _ = write!(
                out,
                r#"<line class="grid" x1="{left:.1}" x2="{:.1}" y1="{yy:.1}" y2="{yy:.1}"/>"#,
                left + pw
            );
            labels.put(
                out,
                (left - 6.0, yy + 4.0),
                Anchor::End,
                "small",
                &[(&v.to_string(), SMALL_PX)],
            );
        }
        for (i, name, row) in &months {
            labels.put(
                out,
                (x(*i), top + ph + 18.0 + 14.0 * *row as f64),
                Anchor::Middle,
                "small",
                &[(name, SMALL_PX)],
            );
        }
        let _ = write!(
            out,
            r#"<path class="reference" d="{reference}"><title>All categories</title></path>"#
        );
        let trend = report.shown(&g.trend);
        let points: Vec<(usize, f64, usize)> = trend
            .iter()
            .enumerate()
            .filter_map(|(i, wk)| wk.average_grade.map(|a| (i, a, wk.attempts)))
            .collect();
        let line: Vec<(usize, f64)> = points.iter().map(|(i, a, _)| (*i, *a)).collect();
        let _ = write!(
            out,
            r#"<g class="series s0" data-category="{}"><path class="line" d="{}"/>"#,
            esc(&g.name),
            weekly_path(&line, x, y)
        );
        for (i, a, n) in &points {
            let week = trend[*i].start;
            marker(
                out,
                0,
                x(*i),
                y(*a),
                &format!(r#"data-week="{week}" data-average="{a}" data-attempts="{n}""#),
                &format!(
                    "{}, week of {}: {a:.1} average over {}",
                    g.name,
                    day(week),
                    plural(*n, "attempt", "attempts")
                ),
            );
        }
        // The latest average, above its point, else below it, else beside it.
        if let Some((i, a, _)) = points.last() {
            let text = format!("{a:.1}");
            let run = [(text.as_str(), TEXT_PX)];
            let (px, py) = (x(*i), y(*a));
            let _ = labels.put(out, (px, py - 9.0), Anchor::Middle, "end", &run)
                || labels.put(out, (px, py + 18.0), Anchor::Middle, "end", &run)
                || labels.put(out, (px - 8.0, py + 4.0), Anchor::End, "end", &run)
                || labels.put(out, (px + 8.0, py + 4.0), Anchor::Start, "end", &run);
        }
        out.push_str("</g></svg></figure>");
    }
    let _ = write!(
        out,
        r#"</div><p class="legend">{} this category, one point per week with practice {} all categories · y: average grade, 1 Again, 2 Hard, 3 Good, 4 Easy · x: weeks starting Monday, labelled where a month begins</p></section>"#,
        key(
            26,
            r#"<g class="s0"><line class="line" x1="1" x2="25" y1="6" y2="6"/><circle class="mark" cx="13" cy="6" r="4"/></g>"#
        ),
        key(
            26,
            r#"<line class="reference" x1="1" x2="25" y1="6" y2="6"/>"#
        ),
    );
}

/// A bar chart is cut into this many blocks of rows at most (at least two rows a
/// block), which stand side by side on a wide screen and one under another on a
/// narrow one.
const BAR_BLOCKS: usize = 3;

/// Rows per block for a bar chart of `rows` rows.
fn rows_per_block(rows: usize) -> usize {
    rows.div_ceil(BAR_BLOCKS.min(rows.div_ceil(2)).max(1))
}

/// The top of a bar chart block: grid lines at `ticks` (x, label) from `top - 4` to
/// `bottom`, their labels above, the first and last kept inside the chart.
fn bar_ticks(
    out: &mut String,
    labels: &mut Labels,
    ticks: &[(f64, String)],
    top: f64,
    bottom: f64,
) {
    for (k, (xx, label)) in ticks.iter().enumerate() {
        let _ = write!(
            out,
            r#"<line class="grid" x1="{xx:.1}" x2="{xx:.1}" y1="{:.1}" y2="{bottom:.1}"/>"#,
            top - 4.0
        );
        let anchor = if k == 0 {
            Anchor::Start
        } else if k + 1 == ticks.len() {
            Anchor::End
        } else {
            Anchor::Middle
        };
        labels.put(out, (*xx, top - 8.0), anchor, "small", &[(label, SMALL_PX)]);
    }
}

/// A bar chart row's first line: `name` on the left, cut to leave room for `figures`
/// on the right.
fn row_heading(out: &mut String, labels: &mut Labels, y: f64, name: &str, figures: &[Run<'_>]) {
    let room = CHART_W
        - figures
            .iter()
            .map(|(t, px)| text_width(t, *px))
            .sum::<f64>()
        - 10.0;
    let name = Labels::fit_text(name, TEXT_PX, room);
    labels.put(out, (0.0, y), Anchor::Start, "", &[(&name, TEXT_PX)]);
    labels.put(out, (CHART_W, y), Anchor::End, "", figures);
}

fn coverage(out: &mut String, report: &Report<'_>) {
    // Weakest first by the one rule, as `stats` lists them and `plan` names them.
    let tags: Vec<&Group> = report.stats.tags.iter().collect();
    let reading = tags.first().map_or_else(
        || "None of the attempts carries a skill-area tag.".to_owned(),
        |g| {
            format!(
                "{} is your weakest skill area: recent score {:.1} over its last {}; {} of rubric points covered and a {:.1} average grade over all {}.",
                g.name,
                g.standing.recent_score,
                plural(g.standing.recent_attempts, "attempt", "attempts"),
                percent(g.coverage),
                g.average_grade,
                plural(g.attempts, "attempt", "attempts")
            )
        },
    );
    section_start(out, "coverage", "Rubric coverage by skill area", &reading);
    if tags.is_empty() {
        out.push_str("</section>");
        return;
    }
    // Each row: the area and its share on one line, the bar (0 to 100%) under them,
    // then the average grade and attempts.
    let (row, top) = (46.0, 20.0);
    let ticks: Vec<(f64, String)> = (0..=4)
        .map(|q| (CHART_W * f64::from(q) / 4.0, format!("{}%", q * 25)))
        .collect();
    out.push_str(r#"<div class="charts" id="coverage-chart">"#);
    let mut first = 0;
    for (b, block) in blocks(&tags, rows_per_block(tags.len())).iter().enumerate() {
        let h = top + row * block.len() as f64;
        open_svg(
            out,
            &format!("coverage-chart-{}", b + 1),
            CHART_W,
            h,
            &format!(
                "Rubric coverage by skill area, weakest first: {} to {} of {}",
                first + 1,
                first + block.len(),
                tags.len()
            ),
            "One bar per skill area, weakest first by recent score: the share of rubric points covered, 0 to 100%, with the average grade and attempts under it.",
        );
        let mut labels = Labels::new(CHART_W, h);
        bar_ticks(out, &mut labels, &ticks, top, h - 4.0);
        for (i, g) in block.iter().enumerate() {
            let yy = top + row * i as f64;
            let _ = write!(
                out,
                r#"<g class="area" data-tag="{}" data-recent-score="{}" data-coverage="{}" data-average="{}" data-attempts="{}">"#,
                esc(&g.name),
                g.standing.recent_score,
                g.coverage,
                g.average_grade,
                g.attempts,
            );
            row_heading(
                out,
                &mut labels,
                yy + 13.0,
                &g.name,
                &[(&percent(g.coverage), TEXT_PX)],
            );
            let _ = write!(
                out,
                r#"<rect class="bar" x="0" y="{:.1}" width="{:.1}" height="9"><title>{}: {} of rubric points over {}</title></rect>"#,
                yy + 18.0,
                (CHART_W * g.coverage).max(1.0),
                esc(&g.name),
                percent(g.coverage),
                plural(g.attempts, "attempt", "attempts"),
            );
            labels.put(
                out,
                (0.0, yy + 39.0),
                Anchor::Start,
                "small",
                &[(
                    &format!(
                        "{:.1} average grade · {}",
                        g.average_grade,
                        plural(g.attempts, "attempt", "attempts")
                    ),
                    SMALL_PX,
                )],
            );
            out.push_str("</g>");
        }
        out.push_str("</svg>");
        first += block.len();
    }
    let _ = write!(
        out,
        r#"</div><p class="note">Bars: the share of rubric points covered. An attempt counts for every skill area its prompt is tagged with. {} <code>sre-drill plan</code> names what to study for the weakest ones.</p></section>"#,
        esc(&super::review::weakness_rule())
    );
}

/// The lowest count of each shade above 0: 1, 2, 3-4, 5+ for a few attempts a day; for
/// busier calendars, quarters of the busiest day, so the shades still tell days apart.
fn heat_steps(busiest: usize) -> [usize; 4] {
    if busiest <= 6 {
        [1, 2, 3, 5]
    } else {
        let q = |n: usize| (busiest * n).div_ceil(4).max(n + 1);
        [1, q(1), q(2), q(3)]
    }
}

/// Calendar shade for a day's attempts, 0 (none) to 4 (busiest).
fn heat(count: usize, steps: &[usize; 4]) -> usize {
    steps.iter().filter(|s| count >= **s).count()
}

/// The legend's label for each shade.
fn heat_legend(steps: &[usize; 4]) -> [String; 5] {
    let range = |lo: usize, next: usize| {
        if next <= lo + 1 {
            lo.to_string()
        } else {
            format!("{lo}–{}", next - 1)
        }
    };
    [
        "0".to_owned(),
        range(steps[0], steps[1]),
        range(steps[1], steps[2]),
        range(steps[2], steps[3]),
        format!("{}+", steps[3]),
    ]
}

/// The most weeks in one block of the calendar; a longer period flows on into more.
const CALENDAR_WEEKS_PER_BLOCK: usize = 14;

fn calendar(out: &mut String, report: &Report<'_>) {
    let today = report.now.date_naive();
    let past: Vec<&Day> = report.calendar.iter().filter(|d| d.date <= today).collect();
    let practised = past.iter().filter(|d| d.count > 0).count();
    let total: usize = report.calendar.iter().map(|d| d.count).sum();
    let steps = heat_steps(report.calendar.iter().map(|d| d.count).max().unwrap_or(0));
    let (mut run, mut best) = (0, 0);
    for d in &past {
        run = if d.count > 0 { run + 1 } else { 0 };
        best = best.max(run);
    }
    let mut reading = format!(
        "You practised on {} of the last {} ({}); the longest run in these weeks was {} in a row",
        practised,
        plural(past.len(), "day", "days"),
        plural(total, "attempt", "attempts"),
        plural(best, "day", "days")
    );
    if let Some(p) = &report.stats.progress {
        let _ = write!(
            reading,
            ", and the current streak is {}{}",
            plural(p.streak.current_days, "day", "days"),
            if p.streak.current_days > 0 && !p.streak.practised_today {
                " (up to yesterday)"
            } else {
                ""
            }
        );
    }
    reading.push('.');
    section_start(out, "calendar", "Practice calendar", &reading);
    let (cell, gap) = (16.0, 3.0);
    let (left, top) = (32.0, 18.0);
    let weeks: Vec<&[Day]> = report.calendar.chunks(7).collect();
    out.push_str(r#"<div class="charts" id="calendar-chart">"#);
    for (b, block) in blocks(&weeks, CALENDAR_WEEKS_PER_BLOCK).iter().enumerate() {
        let w = left + (cell + gap) * block.len() as f64 - gap + 2.0;
        let h = top + (cell + gap) * 7.0 - gap + 2.0;
        let (first, last) = (block[0][0].date, block[block.len() - 1][6].date);
        open_svg(
            out,
            &format!("calendar-chart-{}", b + 1),
            w,
            h,
            &format!(
                "Practice calendar, {} to {}: one square a day, darker means more attempts",
                long_day(first),
                long_day(last)
            ),
            "Columns are weeks from Monday to Sunday, oldest on the left; rows are days of the week.",
        );
        let mut labels = Labels::new(w, h);
        for (r, name) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].iter().enumerate() {
            if !name.is_empty() {
                labels.put(
                    out,
                    (left - 5.0, top + (cell + gap) * r as f64 + cell - 4.0),
                    Anchor::End,
                    "small",
                    &[(name, SMALL_PX)],
                );
            }
        }
        // A month's name over its first Monday, and over the first column when there
        // is room before the next name.
        let mut months: Vec<(usize, NaiveDate)> = block
            .iter()
            .enumerate()
            .map(|(col, days)| (col, days[0].date))
            .filter(|(_, d)| d.day() <= 7)
            .collect();
        if months.first().is_none_or(|(col, _)| *col >= 2) {
            months.insert(0, (0, first));
        }
        for (col, date) in months {
            labels.put(
                out,
                (left + (cell + gap) * col as f64, top - 6.0),
                Anchor::Start,
                "small",
                &[(&date.format("%b").to_string(), SMALL_PX)],
            );
        }
        for (col, days) in block.iter().enumerate() {
            for (row, d) in days.iter().enumerate() {
                let xx = left + (cell + gap) * col as f64;
                let yy = top + (cell + gap) * row as f64;
                if d.date > today {
                    let _ = write!(
                        out,
                        r#"<rect class="future" x="{xx:.1}" y="{yy:.1}" width="{cell}" height="{cell}" data-date="{}" data-count="{}"><title>{}: still to come</title></rect>"#,
                        d.date,
                        d.count,
                        esc(&long_day(d.date))
                    );
                } else {
                    let _ = write!(
                        out,
                        r#"<rect class="h{}" x="{xx:.1}" y="{yy:.1}" width="{cell}" height="{cell}" rx="2" data-date="{}" data-count="{}"><title>{}: {}</title></rect>"#,
                        heat(d.count, &steps),
                        d.date,
                        d.count,
                        esc(&long_day(d.date)),
                        plural(d.count, "attempt", "attempts")
                    );
                }
            }
        }
        out.push_str("</svg>");
    }
    out.push_str(r#"</div><p class="legend">Attempts per day:"#);
    for (level, label) in heat_legend(&steps).iter().enumerate() {
        let _ = write!(
            out,
            " <span>{} {label}</span>",
            key(
                12,
                &format!(r#"<rect class="h{level}" x="0" y="0" width="12" height="12" rx="2"/>"#)
            )
        );
    }
    let _ = write!(
        out,
        " <span>{} still to come</span> · columns are weeks, oldest on the left; rows are days of the week</p></section>",
        key(
            12,
            r#"<rect class="future" x="0.5" y="0.5" width="11" height="11"/>"#
        )
    );
}

fn time_box(out: &mut String, report: &Report<'_>) {
    let cats: Vec<&Group> = report
        .stats
        .categories
        .iter()
        .filter(|g| g.median_time_box_secs > 0)
        .collect();
    let fullest = cats.iter().max_by(|a, b| {
        let ra = a.median_answer_secs as f64 / a.median_time_box_secs as f64;
        let rb = b.median_answer_secs as f64 / b.median_time_box_secs as f64;
        ra.total_cmp(&rb).then_with(|| b.name.cmp(&a.name))
    });
    let reading = fullest.map_or_else(String::new, |g| {
        let over = g.overtime_rate.map_or_else(String::new, |r| {
            format!("; {} of its timed attempts ran over", percent(r))
        });
        format!(
            "{} uses most of its time box: a median answer of {} against a {} box{over}.",
            g.name,
            mmss(g.median_answer_secs),
            mmss(g.median_time_box_secs)
        )
    });
    section_start(out, "time", "Time against the box, by category", &reading);
    if cats.is_empty() {
        out.push_str("</section>");
        return;
    }
    let longest = cats
        .iter()
        .map(|g| g.median_answer_secs.max(g.median_time_box_secs))
        .max()
        .unwrap_or(60)
        .max(60);
    let minutes = longest.div_ceil(60);
    let tick = match minutes {
        0..=10 => 2,
        11..=30 => 5,
        31..=60 => 10,
        _ => 30,
    };
    let max_min = minutes.div_ceil(tick) * tick;
    let x = |secs: u64| CHART_W * secs as f64 / (max_min * 60) as f64;
    let ticks: Vec<(f64, String)> = (0..=max_min / tick)
        .map(|k| {
            let m = k * tick;
            (
                x(m * 60),
                if m == max_min {
                    format!("{m} min")
                } else {
                    m.to_string()
                },
            )
        })
        .collect();
    // Each row: the category and its median answer of its box on one line, the bars
    // under them, then how often timed attempts ran over.
    let (row, top) = (48.0, 20.0);
    out.push_str(r#"<div class="charts" id="time-chart">"#);
    for (b, block) in blocks(&cats, rows_per_block(cats.len())).iter().enumerate() {
        let h = top + row * block.len() as f64;
        open_svg(
            out,
            &format!("time-chart-{}", b + 1),
            CHART_W,
            h,
            "Median answer time against the median time box, by category",
            "Per category, a hatched bar for the median time box and a solid bar for the median answer time, in minutes.",
        );
        let mut labels = Labels::new(CHART_W, h);
        bar_ticks(out, &mut labels, &ticks, top, h - 4.0);
        for (i, g) in block.iter().enumerate() {
            let yy = top + row * i as f64;
            let over = g.median_answer_secs > g.median_time_box_secs;
            let over_text = g.overtime_rate.map_or_else(
                || "untimed".to_owned(),
                |r| format!("{} of timed attempts ran over", percent(r)),
            );
            let _ = write!(
                out,
                r#"<g class="cat" data-category="{}" data-median-answer-secs="{}" data-median-box-secs="{}" data-overtime-rate="{}">"#,
                esc(&g.name),
                g.median_answer_secs,
                g.median_time_box_secs,
                g.overtime_rate
                    .map_or_else(|| "null".to_owned(), |r| r.to_string()),
            );
            row_heading(
                out,
                &mut labels,
                yy + 13.0,
                &g.name,
                &[(
                    &format!(
                        "{} of {}",
                        mmss(g.median_answer_secs),
                        mmss(g.median_time_box_secs)
                    ),
                    TEXT_PX,
                )],
            );
            let _ = write!(
                out,
                r#"<rect class="box" x="0.5" y="{:.1}" width="{:.1}" height="12"><title>{}: median time box {}</title></rect><rect class="{}" x="0.5" y="{:.1}" width="{:.1}" height="6"><title>{}: median answer {}</title></rect>"#,
                yy + 18.0,
                (x(g.median_time_box_secs) - 1.0).max(1.0),
                esc(&g.name),
                mmss(g.median_time_box_secs),
                if over { "answer over" } else { "answer" },
                yy + 21.0,
                (x(g.median_answer_secs) - 1.0).max(1.0),
                esc(&g.name),
                mmss(g.median_answer_secs),
            );
            labels.put(
                out,
                (0.0, yy + 42.0),
                Anchor::Start,
                "small",
                &[(&over_text, SMALL_PX)],
            );
            out.push_str("</g>");
        }
        out.push_str("</svg>");
    }
    let _ = write!(
        out,
        r#"</div><p class="legend"><span>{} median time box</span> <span>{} median answer time</span> <span>{} median answer over the box</span></p><p class="note">Answer time counts from the end of planning to the final line; untimed attempts are measured too.</p></section>"#,
        key(
            22,
            r#"<rect class="box" x="0.5" y="0.5" width="21" height="11"/>"#
        ),
        key(
            22,
            r#"<rect class="answer" x="0" y="3" width="22" height="6"/>"#
        ),
        key(
            22,
            r#"<rect class="answer over" x="0" y="3" width="22" height="6"/>"#
        ),
    );
}

fn calibration(out: &mut String, report: &Report<'_>) {
    let rows = &report.calibration;
    let Some(kindest) = rows.first() else {
        section_start(
            out,
            "calibration",
            "Calibration: your grade against the suggested grade",
            "",
        );
        out.push_str(
            r#"<p class="note">No suggested grades in this history yet. Attempts graded with rubric points that carry <code>listen_for</code> phrases get one, and this chart then shows whether you grade yourself kindly.</p></section>"#,
        );
        return;
    };
    let reading = if rows
        .iter()
        .all(|c| c.calibration.unwrap_or(0.0).abs() < 0.25)
    {
        "Your grades match the suggested ones within a quarter grade in every category.".to_owned()
    } else if kindest.calibration.unwrap_or(0.0) > 0.0 {
        format!(
            "You grade yourself kindest in {}: {:+.1} against the suggested grade on average over {}.",
            kindest.name,
            kindest.calibration.unwrap_or(0.0),
            plural(kindest.suggested_attempts, "attempt", "attempts")
        )
    } else {
        format!(
            "You grade yourself harder than suggested everywhere; least so in {} ({:+.1}).",
            kindest.name,
            kindest.calibration.unwrap_or(0.0)
        )
    };
    section_start(
        out,
        "calibration",
        "Calibration: your grade against the suggested grade",
        &reading,
    );
    let span = rows
        .iter()
        .map(|c| c.calibration.unwrap_or(0.0).abs())
        .fold(1.0f64, f64::max)
        .ceil()
        .min(3.0);
    let x = |v: f64| CHART_W * (v + span) / (2.0 * span);
    let step = if span > 1.0 { 1.0 } else { 0.5 };
    let mut ticks: Vec<(f64, String)> = Vec::new();
    let mut v = -span;
    while v <= span + 1e-9 {
        ticks.push((
            x(v),
            if v.abs() < 1e-9 {
                "0".to_owned()
            } else {
                format!("{v:+}")
            },
        ));
        v += step;
    }
    // Each row: the category with its average difference and attempts, then the bar
    // from zero; the foot of the chart says which side is which.
    let (row, top, foot) = (34.0, 20.0, 20.0);
    out.push_str(r#"<div class="charts" id="calibration-chart">"#);
    for (b, block) in blocks(rows, rows_per_block(rows.len())).iter().enumerate() {
        let body = top + row * block.len() as f64;
        let h = body + foot;
        open_svg(
            out,
            &format!("calibration-chart-{}", b + 1),
            CHART_W,
            h,
            "Average of your grade minus the suggested grade, by category",
            "Bars right of zero: you graded yourself higher than suggested; left: lower.",
        );
        let mut labels = Labels::new(CHART_W, h);
        bar_ticks(out, &mut labels, &ticks, top, body);
        let _ = write!(
            out,
            r#"<line class="axis" x1="{0:.1}" x2="{0:.1}" y1="{1:.1}" y2="{body:.1}"/>"#,
            x(0.0),
            top - 4.0
        );
        for (i, c) in block.iter().enumerate() {
            let yy = top + row * i as f64;
            let average = c.calibration.unwrap_or(0.0);
            let (x0, x1) = (x(0.0_f64.min(average)), x(0.0_f64.max(average)));
            let _ = write!(
                out,
                r#"<g class="cal" data-category="{}" data-calibration="{}" data-attempts="{}">"#,
                esc(&c.name),
                average,
                c.suggested_attempts,
            );
            let difference = format!("{average:+.1}");
            let attempts = format!(" · {}", plural(c.suggested_attempts, "attempt", "attempts"));
            row_heading(
                out,
                &mut labels,
                yy + 13.0,
                &c.name,
                &[(&difference, TEXT_PX), (&attempts, SMALL_PX)],
            );
            let _ = write!(
                out,
                r#"<rect class="bar" x="{x0:.1}" y="{:.1}" width="{:.1}" height="10"/></g>"#,
                yy + 18.0,
                (x1 - x0).max(1.0),
            );
        }
        labels.put(
            out,
            (0.0, h - 5.0),
            Anchor::Start,
            "small",
            &[("← harder on yourself", SMALL_PX)],
        );
        labels.put(
            out,
            (CHART_W, h - 5.0),
            Anchor::End,
            "small",
            &[("kinder to yourself →", SMALL_PX)],
        );
        out.push_str("</svg>");
    }
    out.push_str(r#"</div><p class="note">Bars: the average of your grade minus the suggested grade over the attempts that have one.</p></section>"#);
}

/// Days in one block of the due forecast: the 30 days flow on as two.
const FORECAST_DAYS_PER_BLOCK: usize = 15;

fn forecast(out: &mut String, report: &Report<'_>) {
    let days = &report.forecast;
    let later: usize = days.iter().skip(1).map(|d| d.count).sum();
    let busiest = days
        .iter()
        .skip(1)
        .filter(|d| d.count > 0)
        .max_by(|a, b| a.count.cmp(&b.count).then_with(|| b.date.cmp(&a.date)));
    let today_count = days.first().map_or(0, |d| d.count);
    let labs = match report.due_labs {
        0 => String::new(),
        n => format!(" ({} of them {})", n, if n == 1 { "a lab" } else { "labs" }),
    };
    let mut reading = format!(
        "{} due now{labs}; {} due by {}",
        plural(report.due_now, "prompt is", "prompts are"),
        if later == 1 {
            "1 more comes".to_owned()
        } else {
            format!("{later} more come")
        },
        days.last().map_or_else(String::new, |d| long_day(d.date))
    );
    if let Some(b) = busiest {
        let _ = write!(reading, ", most on {} ({})", long_day(b.date), b.count);
    }
    reading.push('.');
    section_start(out, "forecast", "Due forecast, next 30 days", &reading);
    // A backlog today would flatten every later bar: when today is far above the rest,
    // the scale fits the later days and today's bar is cut, with its number on it.
    let later_most = days.iter().skip(1).map(|d| d.count).max().unwrap_or(0);
    let cut = later_most > 0 && today_count > 3 * later_most;
    let most = if cut {
        later_most + later_most.div_ceil(2)
    } else {
        days.iter().map(|d| d.count).max().unwrap_or(0)
    }
    .max(1);
    let tick = [1usize, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
        .into_iter()
        .find(|t| most / t <= 4)
        .unwrap_or(10_000);
    let top_value = most.div_ceil(tick) * tick;
    let left = text_width(&top_value.to_string(), SMALL_PX) + 10.0;
    let (right, top, bottom) = (4.0, 24.0, 26.0);
    let ph = 120.0;
    let h = top + ph + bottom;
    let slot = (CHART_W - left - right) / FORECAST_DAYS_PER_BLOCK as f64;
    let y = |v: usize| top + ph * (1.0 - v as f64 / top_value as f64);
    out.push_str(r#"<div class="charts" id="forecast-chart">"#);
    let indexed: Vec<(usize, &Day)> = days.iter().enumerate().collect();
    for (b, block) in indexed.chunks(FORECAST_DAYS_PER_BLOCK).enumerate() {
        let (first, last) = (block[0].1.date, block[block.len() - 1].1.date);
        open_svg(
            out,
            &format!("forecast-chart-{}", b + 1),
            CHART_W,
            h,
            &format!(
                "Prompts coming due per day, {} to {}",
                long_day(first),
                long_day(last)
            ),
            "One bar per day; today's bar, hatched, includes every overdue prompt.",
        );
        let mut labels = Labels::new(CHART_W, h);
        let mut v = 0;
        while v <= top_value {
            let yy = y(v);
            let _ = write!(
                out,
                r#"<line class="grid" x1="{left:.1}" x2="{:.1}" y1="{yy:.1}" y2="{yy:.1}"/>"#,
                CHART_W - right
            );
            labels.put(
                out,
                (left - 6.0, yy + 4.0),
                Anchor::End,
                "small",
                &[(&v.to_string(), SMALL_PX)],
            );
            v += tick;
        }
        // Dates first, then the numbers over the bars where they have room.
        for (k, (i, d)) in block.iter().enumerate() {
            if *i == 0 || i.is_multiple_of(5) {
                let name = if *i == 0 {
                    "today".to_owned()
                } else {
                    day(d.date)
                };
                let xx = left + slot * (k as f64 + 0.5);
                let _ = labels.put(
                    out,
                    (xx, top + ph + 18.0),
                    Anchor::Middle,
                    "small",
                    &[(&name, SMALL_PX)],
                ) || labels.put(
                    out,
                    (xx - slot * 0.35, top + ph + 18.0),
                    Anchor::Start,
                    "small",
                    &[(&name, SMALL_PX)],
                );
            }
        }
        for (k, (i, d)) in block.iter().enumerate() {
            let xx = left + slot * k as f64 + slot * 0.15;
            let bw = slot * 0.7;
            let clipped = cut && *i == 0;
            let yy = if clipped { top } else { y(d.count) };
            let class = if *i == 0 { "box" } else { "bar" };
            let what = if *i == 0 {
                format!(
                    "Today, {}: {} due (including {} overdue)",
                    day(d.date),
                    d.count,
                    report.due_now
                )
            } else {
                format!("{}: {} coming due", long_day(d.date), d.count)
            };
            let _ = write!(
                out,
                r#"<rect class="{class}" x="{xx:.1}" y="{yy:.1}" width="{bw:.1}" height="{:.1}" data-date="{}" data-count="{}"><title>{}</title></rect>"#,
                (top + ph - yy).max(0.0),
                d.date,
                d.count,
                esc(&what)
            );
            if clipped {
                // Two white slashes across the bar say it goes on beyond the scale.
                let _ = write!(
                    out,
                    r#"<path d="M{:.1} {:.1}l{bw:.1} -6m{:.1} 12l{bw:.1} -6" stroke="var(--bg)" stroke-width="3"/>"#,
                    xx,
                    top + 22.0,
                    -bw,
                );
                let _ = labels.put(
                    out,
                    (xx, top - 6.0),
                    Anchor::Start,
                    "",
                    &[(&format!("{} (off the scale)", d.count), TEXT_PX)],
                );
            } else if d.count > 0 {
                let _ = labels.put(
                    out,
                    (xx + bw / 2.0, yy - 4.0),
                    Anchor::Middle,
                    "small",
                    &[(&d.count.to_string(), SMALL_PX)],
                );
            }
        }
        let _ = write!(
            out,
            r#"<line class="axis" x1="{left:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/></svg>"#,
            CHART_W - right,
            top + ph,
            top + ph,
        );
    }
    let _ = write!(
        out,
        r#"</div><p class="legend"><span>{} today, with everything overdue</span> <span>{} prompts and labs coming due that day</span></p>"#,
        key(
            12,
            r#"<rect class="box" x="0.5" y="0.5" width="11" height="11"/>"#
        ),
        key(
            12,
            r#"<rect class="bar" x="0" y="0" width="12" height="12"/>"#
        ),
    );
    let mut note = format!(
        "From the same schedule as <code>sre-drill due</code>, labs included; {today_count} due today in all. Practise them with <code>sre-drill drill due</code> (labs: <code>sre-drill lab</code>).",
    );
    if report.not_in_bank > 0 {
        let _ = write!(
            note,
            " {} no longer in the bank {} left out.",
            plural(report.not_in_bank, "practised prompt", "practised prompts"),
            if report.not_in_bank == 1 { "is" } else { "are" }
        );
    }
    let _ = write!(out, r#"<p class="note">{note}</p></section>"#);
}

/// A prompt's recent grades as labels, oldest first, each that a missed must-have
/// counts lower marked `*`.
fn grade_labels(standing: &crate::review::weak::Standing) -> Vec<String> {
    standing
        .recent_grades
        .iter()
        .zip(&standing.recent_counted)
        .map(|(g, c)| {
            let label = grade_label(*g);
            if (f64::from(*g) - c).abs() > f64::EPSILON {
                format!("{label}*")
            } else {
                label
            }
        })
        .collect()
}

fn weakest(out: &mut String, report: &Report<'_>) {
    let prompts = &report.stats.weakest_prompts;
    let reading = prompts.first().map_or_else(String::new, |p| {
        let grades = grade_labels(&p.standing);
        format!(
            "“{}” is your weakest prompt: recent score {:.1}, {} {}.",
            p.title,
            p.standing.recent_score,
            if grades.len() == 1 {
                "last graded"
            } else {
                "last grades"
            },
            grades.join(", ")
        )
    });
    section_start(
        out,
        "weakest",
        &if prompts.len() == 1 {
            "The weakest prompt".to_owned()
        } else {
            format!("The {} weakest prompts", prompts.len())
        },
        &reading,
    );
    out.push_str(
        r#"<table id="weakest-table" class="reflow"><thead><tr><th>Prompt</th><th>Category</th><th class="num">Attempts</th><th>Last grades (oldest first)</th><th class="num">Recent score</th><th class="num">Recent coverage</th><th>Last practised</th></tr></thead><tbody>"#,
    );
    for p in prompts {
        let grades = grade_labels(&p.standing);
        let _ = write!(
            out,
            r#"<tr data-prompt="{}" data-attempts="{}" data-recent-grade="{}" data-recent-score="{}" data-recent-coverage="{}" data-recent-grades="{}"><td>{}<br><span class="id">{}</span></td><td data-label="Category">{}</td><td class="num" data-label="Attempts">{}</td><td data-label="Last grades (oldest first)">{}</td><td class="num" data-label="Recent score">{:.1}</td><td class="num" data-label="Recent coverage">{}</td><td data-label="Last practised">{}</td></tr>"#,
            esc(p.prompt),
            p.attempts,
            p.standing.recent_grade,
            p.standing.recent_score,
            p.standing.recent_coverage,
            p.standing
                .recent_grades
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            esc(p.title),
            esc(p.prompt),
            esc(p.category),
            p.attempts,
            esc(&grades.join(" · ")),
            p.standing.recent_score,
            if p.standing.recent_rubric_attempts == 0 {
                "–".to_owned()
            } else {
                percent(p.standing.recent_coverage)
            },
            esc(&p
                .standing
                .last
                .with_timezone(report.now.offset())
                .format("%-d %b %Y")
                .to_string())
        );
    }
    let _ = write!(
        out,
        r#"</tbody></table><p class="note">{} Practise them with <code>sre-drill drill weak</code>.</p></section>"#,
        esc(&super::review::weakness_rule())
    );
}

/// Self, partner and suggested grades side by side (SPEC §13), when a partner graded
/// any attempt.
fn graders(out: &mut String, report: &Report<'_>) {
    let rows = &report.stats.graded_by;
    let partners: Vec<_> = rows.iter().filter(|r| r.partner).collect();
    let me = rows.iter().find(|r| !r.partner);
    let heading = "Graded by yourself, by partners, and as suggested";
    if partners.is_empty() {
        section_start(out, "graders", heading, "");
        out.push_str(r#"<p class="note">No attempt in this history was graded by a partner yet. A mock interview (<code>sre-drill interview --partner NAME</code>) records the partner's grade, and this table then sets it beside your own and the suggested one.</p></section>"#);
        return;
    }
    let partner_attempts: usize = partners.iter().map(|r| r.attempts).sum();
    let mut reading = format!(
        "{} graded by {}",
        plural(partner_attempts, "attempt was", "attempts were"),
        partners
            .iter()
            .map(|r| r.grader.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(me) = me {
        let _ = write!(
            reading,
            "; you grade yourself {:.1} on average over {}",
            me.average_grade,
            plural(me.attempts, "attempt", "attempts")
        );
    }
    reading.push('.');
    section_start(out, "graders", heading, &reading);
    out.push_str(r#"<table id="graders-table" class="reflow"><thead><tr><th>Graded by</th><th class="num">Attempts</th><th class="num">Average grade</th><th class="num">With a suggestion</th><th class="num">Their grade there</th><th class="num">Suggested there</th></tr></thead><tbody>"#);
    let opt = |v: Option<f64>| v.map_or_else(|| "null".to_owned(), |v| v.to_string());
    let shown = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
    for r in rows {
        let _ = write!(
            out,
            r#"<tr data-grader="{}" data-partner="{}" data-attempts="{}" data-average="{}" data-suggested-attempts="{}" data-average-with-suggestion="{}" data-average-suggested="{}"><td>{}</td><td class="num" data-label="Attempts">{}</td><td class="num" data-label="Average grade">{:.1}</td><td class="num" data-label="With a suggestion">{}</td><td class="num" data-label="Their grade there">{}</td><td class="num" data-label="Suggested there">{}</td></tr>"#,
            esc(&r.grader),
            r.partner,
            r.attempts,
            r.average_grade,
            r.suggested_attempts,
            opt(r.average_grade_with_suggestion),
            opt(r.average_suggested),
            if r.partner {
                format!("{} (partner)", esc(&r.grader))
            } else {
                "you".to_owned()
            },
            r.attempts,
            r.average_grade,
            r.suggested_attempts,
            shown(r.average_grade_with_suggestion),
            shown(r.average_suggested)
        );
    }
    out.push_str(r#"</tbody></table><p class="note">The last two columns cover only the attempts with a suggested grade, so the grade given and the grade suggested are over the same attempts.</p></section>"#);
}

/// Checked runs, labs, hints and risky steps per category and in all.
fn practice(out: &mut String, report: &Report<'_>) {
    let all = &report.stats.overall;
    let mut reading = format!(
        "Hints were used in {} of {}",
        all.attempts_with_hints,
        plural(all.attempts, "attempt", "attempts")
    );
    if all.checked_runs > 0 {
        let _ = write!(
            reading,
            "; {} of {} every case",
            all.checked_passed,
            plural(
                all.checked_runs,
                "checked run passed",
                "checked runs passed"
            )
        );
    }
    if all.lab_attempts > 0 {
        let _ = write!(
            reading,
            "; {} of {} solved",
            all.labs_solved,
            plural(all.lab_attempts, "lab was", "labs were")
        );
    }
    if all.scenario_attempts > 0 {
        let _ = write!(
            reading,
            "; {} taken in {} of {}",
            plural(
                usize::try_from(all.risky_steps).unwrap_or(usize::MAX),
                "risky step was",
                "risky steps were"
            ),
            all.risky_attempts,
            plural(all.scenario_attempts, "scenario", "scenarios")
        );
    }
    reading.push('.');
    section_start(
        out,
        "practice",
        "Checked runs, labs, hints and risky steps",
        &reading,
    );
    out.push_str(r#"<table id="practice-table" class="reflow"><thead><tr><th>Category</th><th class="num">Attempts</th><th class="num">Checked runs passed</th><th class="num">Labs solved</th><th class="num">Hints (attempts with any)</th><th class="num">Risky steps (scenarios with any)</th></tr></thead><tbody>"#);
    let rate = |n: usize, of: usize| {
        if of == 0 {
            "–".to_owned()
        } else {
            format!("{n} of {of} ({})", percent(n as f64 / of as f64))
        }
    };
    for g in report.stats.categories.iter().chain(std::iter::once(all)) {
        let _ = write!(
            out,
            r#"<tr data-category="{}" data-attempts="{}" data-checked-runs="{}" data-checked-passed="{}" data-lab-attempts="{}" data-labs-solved="{}" data-hints-used="{}" data-attempts-with-hints="{}" data-risky-steps="{}" data-risky-attempts="{}" data-scenario-attempts="{}"><td>{}</td><td class="num" data-label="Attempts">{}</td><td class="num" data-label="Checked runs passed">{}</td><td class="num" data-label="Labs solved">{}</td><td class="num" data-label="Hints (attempts with any)">{} ({})</td><td class="num" data-label="Risky steps (scenarios with any)">{}</td></tr>"#,
            esc(&g.name),
            g.attempts,
            g.checked_runs,
            g.checked_passed,
            g.lab_attempts,
            g.labs_solved,
            g.hints_used,
            g.attempts_with_hints,
            g.risky_steps,
            g.risky_attempts,
            g.scenario_attempts,
            if std::ptr::eq(g, all) {
                "<strong>all</strong>".to_owned()
            } else {
                esc(&g.name)
            },
            g.attempts,
            rate(g.checked_passed, g.checked_runs),
            rate(g.labs_solved, g.lab_attempts),
            g.hints_used,
            g.attempts_with_hints,
            if g.scenario_attempts == 0 {
                "–".to_owned()
            } else {
                format!(
                    "{} ({} of {})",
                    g.risky_steps, g.risky_attempts, g.scenario_attempts
                )
            }
        );
    }
    out.push_str(r#"</tbody></table><p class="note">A checked run passes when the last <code>!check</code> of the attempt passed every generated case; a lab is solved when its answer was right.</p></section>"#);
}

/// The spaced-repetition figures: retention, intervals, new / young / mature, prompts
/// tried per level, the streak.
fn progress(out: &mut String, report: &Report<'_>) {
    let Some(p) = &report.stats.progress else {
        return;
    };
    let r = &p.retention;
    let reading = match r.rate {
        Some(rate) => format!(
            "Retention over the last {} days: {} of {} of due prompts were graded 2 Hard or better; the current streak is {}.",
            r.days,
            percent(rate),
            plural(r.reviews, "review", "reviews"),
            plural(p.streak.current_days, "day", "days")
        ),
        None => format!(
            "No prompt came due and was reviewed in the last {} days; the current streak is {}.",
            r.days,
            plural(p.streak.current_days, "day", "days")
        ),
    };
    section_start(out, "progress", "Spaced repetition", &reading);
    let _ = write!(
        out,
        r#"<table id="progress-table" data-retention-reviews="{}" data-retention-passed="{}" data-retention-rate="{}" data-new="{}" data-young="{}" data-mature="{}" data-median-interval-days="{}" data-streak="{}" data-longest-streak="{}" data-labs-tried="{}" data-labs-total="{}"><tbody>"#,
        r.reviews,
        r.passed,
        r.rate.map_or_else(|| "null".to_owned(), |v| v.to_string()),
        p.new,
        p.young,
        p.mature,
        p.median_interval_days
            .map_or_else(|| "null".to_owned(), |v| v.to_string()),
        p.streak.current_days,
        p.streak.longest_days,
        p.labs_tried,
        p.labs_total
    );
    let _ = write!(
        out,
        "<tr><th>Retention, last {} days</th><td>{}</td></tr>",
        r.days,
        r.rate.map_or_else(
            || "no reviews of due prompts".to_owned(),
            |v| format!("{} ({} of {})", percent(v), r.passed, r.reviews)
        )
    );
    let _ = write!(
        out,
        "<tr><th>Prompts and labs</th><td>{} new (never practised) · {} young (interval under {} days) · {} mature</td></tr>",
        p.new,
        p.young,
        crate::review::progress::MATURE_DAYS,
        p.mature
    );
    out.push_str("<tr><th>Intervals</th><td>");
    for (i, b) in p.intervals.iter().enumerate() {
        let _ = write!(
            out,
            r#"{}<span class="interval" data-min-days="{}" data-max-days="{}" data-prompts="{}">{}: {}</span>"#,
            if i == 0 { "" } else { " · " },
            b.min_days,
            b.max_days
                .map_or_else(|| "null".to_owned(), |m| m.to_string()),
            b.prompts,
            esc(&super::review::interval_label(b.min_days, b.max_days)),
            b.prompts
        );
    }
    if let Some(m) = p.median_interval_days {
        let _ = write!(
            out,
            " (median {})",
            plural(usize::try_from(m).unwrap_or(0), "day", "days")
        );
    }
    out.push_str("</td></tr><tr><th>Tried, per level</th><td>");
    for (i, l) in p.levels.iter().enumerate() {
        let _ = write!(
            out,
            r#"{}<span class="level" data-level="{}" data-tried="{}" data-total="{}">{}: {} of {}</span>"#,
            if i == 0 { "" } else { " · " },
            l.level,
            l.tried,
            l.total,
            l.level,
            l.tried,
            l.total
        );
    }
    if p.labs_total > 0 {
        let _ = write!(out, " · labs: {} of {}", p.labs_tried, p.labs_total);
    }
    let _ = write!(
        out,
        "</td></tr><tr><th>Streak</th><td>{} in a row with an attempt{} (longest {})</td></tr></tbody></table></section>",
        plural(p.streak.current_days, "day", "days"),
        if p.streak.current_days > 0 && !p.streak.practised_today {
            ", up to yesterday"
        } else {
            ""
        },
        plural(p.streak.longest_days, "day", "days")
    );
}

// x and y map data to the chart, h is its height.
#[allow(clippy::many_single_char_names)]
fn scenarios(out: &mut String, report: &Report<'_>) {
    let heading = "Key evidence found in troubleshooting scenarios";
    let all = &report.stats.overall;
    let shown = report.shown(&all.trend);
    let weeks: Vec<(usize, &crate::review::stats::Week)> = shown
        .iter()
        .enumerate()
        .filter(|(_, w)| w.key_evidence_found.is_some())
        .collect();
    if all.scenario_attempts == 0 || weeks.is_empty() {
        section_start(out, "scenarios", heading, "");
        let text = if all.scenario_attempts == 0 {
            "No scenario attempts in this history yet. Troubleshooting prompts where the interviewer answers your checks record how much of the key evidence you found, and this chart then shows it week by week."
        } else {
            "No scenario attempts in these weeks."
        };
        let _ = write!(out, r#"<p class="note">{text}</p></section>"#);
        return;
    }
    let risky = if all.risky_steps == 0 {
        "took no risky step".to_owned()
    } else {
        format!(
            "took {} (in {})",
            plural(
                usize::try_from(all.risky_steps).unwrap_or(usize::MAX),
                "risky step",
                "risky steps"
            ),
            plural(all.risky_attempts, "scenario", "scenarios")
        )
    };
    let reading = format!(
        "Over all {} you found {} of the key evidence, named the cause in {} and {risky}.",
        plural(all.scenario_attempts, "scenario", "scenarios"),
        percent(all.key_evidence_found.unwrap_or(0.0)),
        percent(all.cause_named_rate.unwrap_or(0.0)),
    );
    section_start(out, "scenarios", heading, &reading);
    let _ = write!(
        out,
        r#"<p class="note" id="scenario-totals" data-scenario-attempts="{}" data-key-evidence-found="{}" data-cause-named-rate="{}">Each point is one week's average share of the key evidence found; the label by it, as in 2/3, counts the scenarios where you named the cause, of those that week (where there is room for it; every point's tooltip has it).</p>"#,
        all.scenario_attempts,
        all.key_evidence_found.unwrap_or(0.0),
        all.cause_named_rate.unwrap_or(0.0)
    );
    let (left, right, top) = (28.0, 16.0, 22.0);
    let (pw, ph) = (CHART_W - left - right, 120.0);
    let n = report.weeks;
    let x = |i: usize| {
        if n <= 1 {
            left + pw / 2.0
        } else {
            left + pw * i as f64 / (n - 1) as f64
        }
    };
    let y = |s: f64| top + ph * (1.0 - s);
    let starts: Vec<NaiveDate> = shown.iter().map(|w| w.start).collect();
    let months = month_labels(&starts, x);
    let h = top + ph + month_axis_height(&months);
    out.push_str(r#"<div class="charts" id="scenarios-chart">"#);
    open_svg(
        out,
        "scenarios-chart-1",
        CHART_W,
        h,
        "Share of key evidence found per week in scenario attempts",
        "One point per week with scenario attempts: the average share of key evidence found, 0 to 100%; the label above says how often the cause was named.",
    );
    let mut labels = Labels::new(CHART_W, h);
    for q in 0..=4 {
        let yy = y(f64::from(q) / 4.0);
        let _ = write!(
            out,
            r#"<line class="grid" x1="{left:.1}" x2="{:.1}" y1="{yy:.1}" y2="{yy:.1}"/>"#,
            left + pw,
        );
        labels.put(
            out,
            (left - 5.0, yy + 4.0),
            Anchor::End,
            "small",
            &[(&(q * 25).to_string(), SMALL_PX)],
        );
    }
    for (i, name, row) in months {
        labels.put(
            out,
            (x(i), top + ph + 18.0 + 14.0 * row as f64),
            Anchor::Middle,
            "small",
            &[(&name, SMALL_PX)],
        );
    }
    let line: Vec<(usize, f64)> = weeks
        .iter()
        .map(|(i, wk)| (*i, wk.key_evidence_found.unwrap_or(0.0)))
        .collect();
    let _ = write!(
        out,
        r#"<g class="s0"><path class="line" d="{}"/>"#,
        weekly_path(&line, x, y)
    );
    for (i, wk) in &weeks {
        let share = wk.key_evidence_found.unwrap_or(0.0);
        marker(
            out,
            0,
            x(*i),
            y(share),
            &format!(
                r#"data-week="{}" data-key-share="{share}" data-attempts="{}" data-cause-named="{}""#,
                wk.start, wk.scenario_attempts, wk.causes_named
            ),
            &format!(
                "Week of {}: {} of key evidence over {}; cause named {}",
                day(wk.start),
                percent(share),
                plural(wk.scenario_attempts, "scenario", "scenarios"),
                plural(wk.causes_named, "time", "times")
            ),
        );
    }
    // The counts above the points, latest first, each where it has room.
    for (i, wk) in weeks.iter().rev() {
        let share = wk.key_evidence_found.unwrap_or(0.0);
        let text = format!("{}/{}", wk.causes_named, wk.scenario_attempts);
        let run = [(text.as_str(), SMALL_PX)];
        let _ = labels.put(out, (x(*i), y(share) - 9.0), Anchor::Middle, "small", &run)
            || labels.put(out, (x(*i), y(share) + 17.0), Anchor::Middle, "small", &run);
    }
    let _ = write!(
        out,
        r#"</g><line class="axis" x1="{left:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/></svg></div><p class="legend">y: key evidence found, % · x: weeks starting Monday, labelled where a month begins</p></section>"#,
        left + pw,
        top + ph,
        top + ph,
    );
}

/// Where `report` wrote the page.
///
/// # Errors
/// Writing failed.
pub fn written(out: &mut impl std::io::Write, page: &std::path::Path) -> std::io::Result<()> {
    writeln!(out, "Wrote {}", page.display())
}

/// `report --open` could not open the page: `opener` is the program that failed, or
/// `None` when none was found.
///
/// # Errors
/// Writing failed.
pub fn not_opened(
    out: &mut impl std::io::Write,
    opener: Option<&std::path::Path>,
    page: &std::path::Path,
) -> std::io::Result<()> {
    match opener {
        Some(program) => writeln!(
            out,
            "{} could not open it; open {} in a browser.",
            program.display(),
            page.display()
        ),
        None => writeln!(
            out,
            "No opener (xdg-open or open) found; open {} in a browser.",
            page.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(plural(1, "day", "days"), "1 day");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn the_calendar_has_five_shades_that_follow_the_busiest_day() {
        let few = heat_steps(5);
        let levels: Vec<usize> = [0, 1, 2, 3, 4, 5, 40]
            .iter()
            .map(|n| heat(*n, &few))
            .collect();
        assert_eq!(levels, vec![0, 1, 2, 3, 3, 4, 4]);
        assert_eq!(heat_legend(&few), ["0", "1", "2", "3–4", "5+"]);
        let many = heat_steps(137);
        assert_eq!(many, [1, 35, 69, 103]);
        assert_eq!(heat(137, &many), 4);
        assert_eq!(heat(34, &many), 1);
        assert_eq!(heat_legend(&many), ["0", "1–34", "35–68", "69–102", "103+"]);
    }
}
