//! `plan --posting`: the plan for one job posting as text or JSON. Never reads input.

use std::io::{self, Write};

use serde::Serialize;

use super::cell;
use crate::posting::Seen;
use crate::posting::plan::{PostingPlan, Standing, StoryLink};
use crate::text::plural;

pub use crate::review::plan::shell_word;

/// What the renderer needs besides the plan.
pub struct View<'a> {
    /// How the posting is named: its path, or "the posting on stdin".
    pub posting: &'a str,
    pub plan: &'a PostingPlan<'a>,
    /// The command that drills the plan's prompts; `None` when the posting came on
    /// stdin (drill needs a file) or there is nothing to drill.
    pub command: Option<&'a str>,
    pub from_stdin: bool,
    /// The user's topic map, named when a posting names nothing the map knows.
    pub topics_file: &'a str,
}

/// The JSON shape of `plan --posting --json`.
#[derive(Serialize)]
pub struct Json<'a> {
    pub posting: &'a str,
    #[serde(flatten)]
    pub plan: &'a PostingPlan<'a>,
    pub command: Option<&'a str>,
}

#[must_use]
pub fn json<'a>(view: &'a View<'a>) -> Json<'a> {
    Json {
        posting: view.posting,
        plan: view.plan,
        command: view.command,
    }
}

/// `Kubernetes ×3, k8s, Helm`.
fn named(words: &[Seen]) -> String {
    words
        .iter()
        .map(|w| {
            if w.count > 1 {
                format!("{} ×{}", w.text, w.count)
            } else {
                w.text.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `not practised yet`, `4 attempts, recent grade 2.5`, or, when a missed must-have
/// counts lower, `4 attempts, recent grade 2.5 (counts 2.1)`.
fn standing(s: &Standing) -> String {
    match (s.recent_grade, s.recent_score) {
        (Some(grade), Some(score)) if score < grade - 0.04 => format!(
            "{}, recent grade {grade:.1} (counts {score:.1})",
            plural(s.attempts, "attempt", "attempts")
        ),
        (Some(grade), _) => format!(
            "{}, recent grade {grade:.1}",
            plural(s.attempts, "attempt", "attempts")
        ),
        (None, _) => "not practised yet".to_owned(),
    }
}

fn stories(links: &[StoryLink<'_>]) -> String {
    links
        .iter()
        .map(|s| format!("{} ({})", s.id, s.title))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The plan as text.
///
/// # Errors
/// Writing failed.
pub fn text(out: &mut impl Write, view: &View<'_>) -> io::Result<()> {
    let plan = view.plan;
    let found = plan.topics.len() + plan.cannot_cover.len();
    if found == 0 {
        return writeln!(
            out,
            "No topic of the topic map appears in {}.\nAdd the words it uses to {} (see README, \"Aim at one job\"), then plan again.",
            view.posting, view.topics_file
        );
    }
    writeln!(
        out,
        "The plan for {}: {} found.",
        view.posting,
        plural(found, "topic", "topics")
    )?;
    if !plan.topics.is_empty() {
        writeln!(out, "\nTopics, weakest first:")?;
        let name_w = plan
            .topics
            .iter()
            .map(|t| t.name.chars().count())
            .max()
            .unwrap_or(0)
            .max("Topic".len());
        let standings: Vec<String> = plan.topics.iter().map(|t| standing(&t.standing)).collect();
        let standing_w = standings
            .iter()
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
            .max("Your standing".len());
        writeln!(
            out,
            "  {}  {}  Named in the posting",
            cell("Topic", name_w),
            cell("Your standing", standing_w)
        )?;
        for (t, s) in plan.topics.iter().zip(&standings) {
            writeln!(
                out,
                "  {}  {}  {}",
                cell(t.name, name_w),
                cell(s, standing_w),
                named(&t.words)
            )?;
        }
        writeln!(
            out,
            "  Weakest means never practised, then the lowest recent score: the last {}\n  attempts, each that missed a must-have counting as {} at most.",
            crate::review::weak::RECENT_PER_AREA,
            crate::review::weak::MUST_MISSED_COUNTS_AS
        )?;
    }
    if !plan.cannot_cover.is_empty() {
        let list: Vec<String> = plan
            .cannot_cover
            .iter()
            .map(|t| format!("{} ({})", t.name, named(&t.words)))
            .collect();
        writeln!(
            out,
            "\nThe bank cannot cover: {}. No prompt drills {}; prepare {} another way.",
            list.join("; "),
            if list.len() == 1 { "it" } else { "them" },
            if list.len() == 1 { "it" } else { "them" }
        )?;
    }
    if !plan.drill.is_empty() {
        writeln!(out, "\nDrill in this order:")?;
        let id_w = plan
            .drill
            .iter()
            .map(|d| d.id.chars().count())
            .max()
            .unwrap_or(0);
        let number_w = plan.drill.len().to_string().len();
        for (i, d) in plan.drill.iter().enumerate() {
            let topic = plan
                .topics
                .iter()
                .find(|t| t.id == d.topic)
                .map_or(d.topic, |t| t.name);
            let how = if d.recent_grades.is_empty() {
                "not practised yet".to_owned()
            } else {
                let grades: Vec<String> = d.recent_grades.iter().map(ToString::to_string).collect();
                format!("recent grades {}", grades.join(" "))
            };
            writeln!(
                out,
                "  {:>number_w$}. {}  {} · {topic} · {} · {how}",
                i + 1,
                cell(d.id, id_w),
                d.title,
                d.level
            )?;
        }
        match view.command {
            Some(command) => writeln!(
                out,
                "  $ {command}\n  (serves them in this order, three at a time; --count N for more)"
            )?,
            None if view.from_stdin => writeln!(
                out,
                "  To drill them, save the posting to a file: sre-drill drill posting --posting FILE"
            )?,
            None => {}
        }
    }
    let with_resources: Vec<(&str, &Vec<&crate::bank::Resource>)> = plan
        .topics
        .iter()
        .map(|t| (t.name, &t.resources))
        .chain(plan.cannot_cover.iter().map(|t| (t.name, &t.resources)))
        .filter(|(_, r)| !r.is_empty())
        .collect();
    if !with_resources.is_empty() {
        writeln!(out, "\nRead:")?;
        for (name, resources) in with_resources {
            writeln!(out, "  {name}")?;
            for r in resources {
                writeln!(out, "    - {} ({}) {}", r.name, r.kind, r.url)?;
            }
        }
    }
    writeln!(out, "\nYour stories:")?;
    let covered: Vec<(&str, &[StoryLink<'_>])> = plan
        .topics
        .iter()
        .map(|t| (t.name, t.stories.as_slice()))
        .chain(
            plan.cannot_cover
                .iter()
                .map(|t| (t.name, t.stories.as_slice())),
        )
        .filter(|(_, s)| !s.is_empty())
        .collect();
    for (name, links) in &covered {
        writeln!(out, "  {name}: {}", stories(links))?;
    }
    if plan.without_story.is_empty() {
        writeln!(out, "  Every topic has a story.")?;
    } else {
        writeln!(
            out,
            "  No story yet for: {}. Write one: sre-drill story add",
            plan.without_story.join(", ")
        )?;
    }
    Ok(())
}
