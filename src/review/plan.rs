//! `plan`: the weakest skill areas (tags) with the evidence, what to study for each
//! (resources from `drills/resources.yaml`) and which prompts to drill next.
//!
//! "Weakest" is the one rule of [`weak`](super::weak): the areas come in the order of
//! `tag_stats`, as `stats` lists them and the report names the weakest.
//!
//! The prompts named for an area are exactly what `drill weak --tag AREA` serves first:
//! both use [`weak::drill_order`](super::weak::drill_order).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::record::Record;
use super::weak::{PromptStat, TagStat, drill_order, prompt_stats, tag_stats};
use crate::bank::{Bank, Resource, SKILL_AREAS};

/// How many areas a plan names.
pub const AREAS: usize = 3;
/// How many prompts it names per area.
pub const NEXT_PROMPTS: usize = 3;
/// How many resources it lists per area.
pub const RESOURCES_PER_AREA: usize = 4;

#[derive(Debug, Serialize)]
pub struct Plan<'a> {
    /// Weakest first.
    pub areas: Vec<Area<'a>>,
    /// Skill areas the bank has prompts for but the history has no attempt in.
    pub never_practised: Vec<&'a str>,
    /// The weakest prompt of all, by the same rule: the first of `stats`' weakest.
    pub weakest_prompt: Option<PromptStat<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Area<'a> {
    #[serde(flatten)]
    pub evidence: TagStat<'a>,
    pub resources: Vec<&'a Resource>,
    pub next_prompts: Vec<NextPrompt<'a>>,
    /// The command that drills `next_prompts`; `None` when the bank has no prompt
    /// with this tag any more.
    pub command: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct NextPrompt<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub level: &'static str,
    /// Grades of the last attempts, oldest first; empty when never practised.
    pub recent_grades: Vec<u8>,
    /// The same grades as they count for weakness (a missed must-have counts as 1.5).
    pub recent_counted: Vec<f64>,
}

/// A word the shell passes through unchanged, or the word in single quotes.
#[must_use]
pub fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Builds the plan from the history and the bank.
#[must_use]
pub fn plan<'a>(attempts: &'a [Record], bank: &'a Bank) -> Plan<'a> {
    let prompts: Vec<PromptStat<'a>> = prompt_stats(attempts);
    let by_id: HashMap<&str, &PromptStat<'a>> = prompts.iter().map(|s| (s.prompt, s)).collect();
    let tags = tag_stats(attempts);
    let practised: HashSet<&str> = tags.iter().map(|t| t.tag).collect();
    let areas = tags
        .into_iter()
        .take(AREAS)
        .map(|evidence| {
            let tag = evidence.tag;
            let next_prompts: Vec<NextPrompt<'a>> = drill_order(&bank.prompts, &prompts, &[tag])
                .into_iter()
                .filter_map(|id| bank.get(id))
                .filter(|p| p.tags.iter().any(|t| t == tag))
                .take(NEXT_PROMPTS)
                .map(|p| NextPrompt {
                    id: &p.id.0,
                    title: &p.title,
                    level: p.level.as_str(),
                    recent_grades: by_id
                        .get(p.id.0.as_str())
                        .map(|s| s.standing.recent_grades.clone())
                        .unwrap_or_default(),
                    recent_counted: by_id
                        .get(p.id.0.as_str())
                        .map(|s| s.standing.recent_counted.clone())
                        .unwrap_or_default(),
                })
                .collect();
            let command = (!next_prompts.is_empty()).then(|| {
                format!(
                    "sre-drill drill weak --tag {} --count {}",
                    shell_word(tag),
                    next_prompts.len()
                )
            });
            Area {
                resources: bank
                    .resources
                    .iter()
                    .filter(|r| r.areas.iter().any(|a| a == tag))
                    .take(RESOURCES_PER_AREA)
                    .collect(),
                next_prompts,
                command,
                evidence,
            }
        })
        .collect();
    let mut never_practised: Vec<&'a str> = Vec::new();
    for p in &bank.prompts {
        for tag in &p.tags {
            if !practised.contains(tag.as_str()) && !never_practised.contains(&tag.as_str()) {
                never_practised.push(tag);
            }
        }
    }
    let rank = |t: &str| {
        SKILL_AREAS
            .iter()
            .position(|a| *a == t)
            .unwrap_or(usize::MAX)
    };
    never_practised.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    Plan {
        areas,
        never_practised,
        weakest_prompt: prompts.first().cloned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Level;
    use crate::history::Attempt;
    use crate::review::record::records;
    use crate::review::tests::{attempt, prompt};

    fn resource(name: &str, areas: &[&str]) -> Resource {
        Resource {
            name: name.to_owned(),
            kind: "book".to_owned(),
            url: format!("https://example.org/{name}"),
            areas: areas.iter().map(|a| (*a).to_owned()).collect(),
        }
    }

    fn tagged(id: &str, prompt: &str, tag: &str, grade: u8) -> Attempt {
        let mut a = attempt(
            id,
            prompt,
            "troubleshooting",
            "2026-03-01T09:00:00+00:00",
            grade,
        );
        a.tags = vec![tag.to_owned()];
        a
    }

    #[test]
    fn the_weakest_areas_come_with_resources_and_prompts_to_drill() {
        let bank = Bank {
            vocabulary: crate::bank::Vocabulary::default(),
            prompts: vec![
                prompt("net-1", "troubleshooting", Level::Mid, &["networking"]),
                prompt("net-2", "troubleshooting", Level::Entry, &["networking"]),
                prompt("db-1", "troubleshooting", Level::Mid, &["databases"]),
                prompt("git-1", "coding", Level::Mid, &["git"]),
                prompt("lin-1", "coding", Level::Mid, &["linux"]),
                prompt("sec-1", "coding", Level::Mid, &["security"]),
            ],
            follow_up_pool: vec![],
            resources: vec![
                resource("tcp", &["networking"]),
                resource("sql", &["databases", "reliability"]),
            ],
        };
        let attempts = vec![
            tagged("a", "net-1", "networking", 1),
            tagged("b", "db-1", "databases", 2),
            tagged("c", "git-1", "git", 3),
            tagged("d", "lin-1", "linux", 4),
        ];
        let rs = records(&attempts);
        let plan = plan(&rs, &bank);
        let names: Vec<&str> = plan.areas.iter().map(|a| a.evidence.tag).collect();
        assert_eq!(names, vec!["networking", "databases", "git"]);
        let net = &plan.areas[0];
        assert_eq!(net.resources.len(), 1);
        assert_eq!(net.resources[0].name, "tcp");
        let next: Vec<&str> = net.next_prompts.iter().map(|p| p.id).collect();
        assert_eq!(next, vec!["net-1", "net-2"]);
        assert_eq!(net.next_prompts[0].recent_grades, vec![1]);
        assert_eq!(
            net.command.as_deref(),
            Some("sre-drill drill weak --tag networking --count 2")
        );
        assert!(plan.areas[2].resources.is_empty());
        assert_eq!(plan.never_practised, vec!["security"]);
    }

    #[test]
    fn an_area_whose_prompts_left_the_bank_has_no_command() {
        let bank = Bank::default();
        let attempts = vec![tagged("a", "gone", "networking", 1)];
        let rs = records(&attempts);
        let plan = plan(&rs, &bank);
        assert_eq!(plan.areas.len(), 1);
        assert!(plan.areas[0].next_prompts.is_empty());
        assert_eq!(plan.areas[0].command, None);
    }

    #[test]
    fn odd_tags_are_quoted_for_the_shell() {
        assert_eq!(shell_word("on-call"), "on-call");
        assert_eq!(shell_word("it's big"), r"'it'\''s big'");
        assert_eq!(shell_word(""), "''");
    }
}
