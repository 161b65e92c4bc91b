//! From a lab as written (the `Raw*` types serde reads, with positions) to a checked
//! [`Lab`], or the problems that stop it, each with its line and column.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::types::Lab;
use crate::bank::{Level, Source};
use crate::lab::answer::{Rule, Tolerance};
use crate::lab::generators::{Generator, names};
use crate::lab::params::{Problem, RawParams, Reader, Value};
use crate::text::{did_you_mean, is_kebab};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub(super) labs: Vec<Spanned<RawLab>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLab {
    id: Spanned<String>,
    title: Spanned<String>,
    level: Spanned<String>,
    #[serde(default)]
    tags: Vec<String>,
    minutes: Spanned<i64>,
    brief: Spanned<String>,
    generator: Spanned<RawParams>,
    question: Spanned<String>,
    answer: Spanned<RawAnswer>,
    #[serde(default)]
    hints: Vec<String>,
    #[serde(default)]
    follow_ups: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    kind: Spanned<String>,
    #[serde(default)]
    tolerance: Option<Spanned<Value>>,
}

fn at<T>(s: &Spanned<T>) -> (u32, u32) {
    (s.referenced.line() as u32, s.referenced.column() as u32)
}

fn problem(pos: (u32, u32), message: String) -> Problem {
    Problem {
        line: pos.0,
        column: pos.1,
        message,
    }
}

/// A checked lab with its id's position (when it has no problems), and the problems.
type Checked = (Option<(Lab, (u32, u32))>, Vec<Problem>);

/// Checks one lab; returns it (with its id's position) when it has no problems.
pub(super) fn check_lab(raw: RawLab, source: &Source) -> Checked {
    let mut problems = Vec::new();
    let id = raw.id.value.trim().to_owned();
    let id_pos = at(&raw.id);
    if !is_kebab(&id) {
        problems.push(problem(
            id_pos,
            format!("id '{id}' must be lower-case words joined by dashes, like `lab-5xx-burst`"),
        ));
    }
    let mut text = |s: &Spanned<String>, field: &str| -> String {
        let t = s.value.trim_end().to_owned();
        if t.trim().is_empty() {
            problems.push(problem(at(s), format!("`{field}` of lab '{id}' is empty")));
        }
        t
    };
    let title = text(&raw.title, "title");
    let brief = text(&raw.brief, "brief");
    let question = text(&raw.question, "question");
    let level = Level::parse(raw.level.value.trim());
    if level.is_none() {
        problems.push(problem(
            at(&raw.level),
            format!(
                "level '{}' is not one of entry, mid, senior",
                raw.level.value
            ),
        ));
    }
    let minutes = raw.minutes.value;
    if !(1..=180).contains(&minutes) {
        problems.push(problem(
            at(&raw.minutes),
            format!("`minutes` is {minutes}; it must be between 1 and 180"),
        ));
    }
    if raw.hints.len() > 10 || raw.follow_ups.len() > 10 {
        problems.push(problem(
            id_pos,
            format!("lab '{id}' has more than 10 hints or follow-ups; keep the best 10"),
        ));
    }

    // The generator and its parameters.
    let gen_pos = at(&raw.generator);
    let entries = raw.generator.value.0;
    let name = entries.iter().find(|e| e.key == "name").cloned();
    let generator = match name {
        None => {
            problems.push(problem(
                gen_pos,
                format!(
                    "`generator` of lab '{id}' has no `name:`; use one of: {}",
                    names().join(", ")
                ),
            ));
            None
        }
        Some(e) => match &e.value {
            Value::Str(n) => {
                let mut reader = Reader::new(n, entries.clone());
                match Generator::parse(n, &mut reader) {
                    Ok(g) => {
                        problems.extend(reader.problems);
                        Some(g)
                    }
                    Err(unknown) => {
                        problems.push(problem((e.value_line, e.value_column), unknown));
                        None
                    }
                }
            }
            _ => {
                problems.push(problem(
                    (e.value_line, e.value_column),
                    "the generator `name` must be text".to_owned(),
                ));
                None
            }
        },
    };

    // The answer rule, and whether it fits what the generator plants.
    let kind_pos = at(&raw.answer.value.kind);
    let kind = raw.answer.value.kind.value.trim().to_owned();
    let tolerance = match &raw.answer.value.tolerance {
        None => None,
        Some(t) => match tolerance(&t.value) {
            Ok(tol) => Some(tol),
            Err(message) => {
                problems.push(problem(at(t), message));
                None
            }
        },
    };
    let rule = match kind.as_str() {
        "exact" => Some(Rule::Exact),
        "one-of" => Some(Rule::OneOf),
        "number" => Some(Rule::Number(tolerance.unwrap_or(Tolerance::Absolute(0.0)))),
        "list" => Some(Rule::List),
        other => {
            let kinds = ["exact", "one-of", "number", "list"];
            let hint = did_you_mean(other, &kinds)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            problems.push(problem(
                kind_pos,
                format!("answer kind '{other}' is not one of exact, one-of, number, list{hint}"),
            ));
            None
        }
    };
    if let (Some(t), Some(r)) = (&raw.answer.value.tolerance, rule)
        && !matches!(r, Rule::Number(_))
    {
        problems.push(problem(
            at(t),
            "`tolerance` is only for `kind: number`".to_owned(),
        ));
    }
    if let (Some(g), Some(r)) = (&generator, rule)
        && g.shape() != r.shape()
    {
        problems.push(problem(
            kind_pos,
            format!(
                "answer kind '{}' does not fit: the {} generator with these parameters plants {}",
                r.name(),
                g.name(),
                g.shape().describe()
            ),
        ));
    }

    if !problems.is_empty() {
        return (None, problems);
    }
    let (Some(level), Some(generator), Some(rule)) = (level, generator, rule) else {
        return (None, problems);
    };
    let lab = Lab {
        id,
        title,
        level,
        tags: raw
            .tags
            .iter()
            .map(|t| t.trim().to_ascii_lowercase())
            .collect(),
        minutes: minutes as u32,
        brief,
        generator,
        question,
        rule,
        hints: raw
            .hints
            .iter()
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .collect(),
        follow_ups: raw
            .follow_ups
            .iter()
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .collect(),
        source: source.clone(),
        overrides_built_in: false,
    };
    (Some((lab, id_pos)), problems)
}

/// `0.5` (absolute) or `"5%"` (relative to the planted value).
fn tolerance(value: &Value) -> Result<Tolerance, String> {
    let bad = || {
        "`tolerance` must be a number (like 0.5) or a percentage (like \"5%\"), not negative"
            .to_owned()
    };
    match value {
        Value::Int(n) if *n >= 0 => Ok(Tolerance::Absolute(*n as f64)),
        Value::Float(f) if f.is_finite() && *f >= 0.0 => Ok(Tolerance::Absolute(*f)),
        Value::Str(s) => {
            let t = s.trim();
            let (number, percent) = match t.strip_suffix('%') {
                Some(n) => (n.trim(), true),
                None => (t, false),
            };
            match number.parse::<f64>() {
                Ok(n) if n.is_finite() && n >= 0.0 => Ok(if percent {
                    Tolerance::Percent(n)
                } else {
                    Tolerance::Absolute(n)
                }),
                _ => Err(bad()),
            }
        }
        _ => Err(bad()),
    }
}
