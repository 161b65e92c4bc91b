//! The plan for one job posting: the topics it names, the user's standing on each
//! (from the history's records), the prompts to drill in order (weakest and
//! unpractised topics first), what to read, which stories cover each topic, and the
//! topics the bank cannot cover. Pure: the posting's text, the map, the records, the
//! bank and the stories come in; nothing is read or printed here.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::map::{Found, Seen, Topic, TopicMap};
use super::words::{Word, words};
use crate::bank::{Bank, Prompt, Resource};
use crate::grade::Grade;
use crate::review::record::Record;
use crate::review::weak::{PromptStat, RECENT_PER_AREA, prompt_stats};

/// Prompts the drill list takes per topic.
pub const PER_TOPIC: usize = 2;
/// Resources listed per topic.
pub const RESOURCES_PER_TOPIC: usize = 2;

/// A story as the plan sees it: its id, title and the words of its topics.
#[derive(Debug, Clone)]
pub struct StoryWords<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub topics: Vec<&'a str>,
}

/// One of the user's stories, named under a topic it covers.
#[derive(Debug, Clone, Serialize)]
pub struct StoryLink<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

/// How the user has done on a topic so far.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    /// Graded attempts at prompts that drill the topic.
    pub attempts: usize,
    /// How many of the last ones make up `recent_grade`.
    pub recent_attempts: usize,
    /// The average grade of the last attempts; `None` when not practised yet.
    pub recent_grade: Option<f64>,
    /// What the weakness rule ranks by (`stats`, `plan`, `drill weak` and the report
    /// use the same): the average of the last attempts' grades, an attempt that missed
    /// a must-have counting 1.5 at most; `None` when not practised yet.
    pub recent_score: Option<f64>,
    pub last: Option<DateTime<FixedOffset>>,
}

/// A topic the bank can drill.
#[derive(Debug, Clone, Serialize)]
pub struct TopicPlan<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// The words of the posting that named it, each with how often.
    pub words: Vec<Seen>,
    pub mentions: usize,
    pub tags: &'a [String],
    pub standing: Standing,
    /// How many prompts in the bank drill it.
    pub prompts_in_bank: usize,
    /// Its prompts in the drill list, in order.
    pub drill: Vec<&'a str>,
    pub resources: Vec<&'a Resource>,
    pub stories: Vec<StoryLink<'a>>,
}

/// A topic the posting names that no prompt drills.
#[derive(Debug, Clone, Serialize)]
pub struct Uncovered<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub words: Vec<Seen>,
    pub mentions: usize,
    pub resources: Vec<&'a Resource>,
    pub stories: Vec<StoryLink<'a>>,
}

/// One prompt of the drill list.
#[derive(Debug, Clone, Serialize)]
pub struct DrillPrompt<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub category: &'a str,
    pub level: &'static str,
    /// The topic it is drilled for (its id).
    pub topic: &'a str,
    /// Grades of its last attempts, oldest first; empty when never practised.
    pub recent_grades: Vec<u8>,
}

/// The plan for one posting.
#[derive(Debug, Clone, Serialize)]
pub struct PostingPlan<'a> {
    /// The topics the bank drills, weakest first: never practised, then by the weakness
    /// rule's recent score.
    pub topics: Vec<TopicPlan<'a>>,
    /// The topics no prompt drills, in the order the posting names them.
    pub cannot_cover: Vec<Uncovered<'a>>,
    /// The prompts to drill, in order: each topic's, weakest topic first.
    pub drill: Vec<DrillPrompt<'a>>,
    /// The names of the topics that none of the stories covers: the drillable ones in
    /// their order, then the others.
    pub without_story: Vec<&'a str>,
}

/// A prompt's searchable text (title and prompt), read into words once.
struct Searchable<'a> {
    prompt: &'a Prompt,
    text: String,
    words: Vec<Word>,
}

impl<'a> Searchable<'a> {
    fn of(prompt: &'a Prompt) -> Self {
        let text = format!("{}\n{}", prompt.title, prompt.prompt);
        let words = words(&text);
        Self {
            prompt,
            text,
            words,
        }
    }

    /// How closely the prompt is about `topic`: 0 for not at all; one of its tags
    /// counts 2, its words in the title 2, in the text 1.
    fn closeness(&self, topic: &Topic) -> u8 {
        let spans = topic.find_in(&self.text, &self.words);
        let in_title = spans
            .iter()
            .any(|(start, _)| *start < self.prompt.title.len());
        let in_text = spans
            .iter()
            .any(|(start, _)| *start > self.prompt.title.len());
        let tagged = self.prompt.tags.iter().any(|tag| topic.tags.contains(tag));
        2 * u8::from(tagged) + 2 * u8::from(in_title) + u8::from(in_text)
    }
}

/// The prompts that drill `topic`, with how closely: one of its tags, or its words in
/// the title or text. Company questions are left out: they are asked of the
/// interviewer, not answered.
fn pool<'a>(topic: &Topic, texts: &[Searchable<'a>]) -> Vec<(&'a Prompt, u8)> {
    texts
        .iter()
        .filter(|t| !t.prompt.category.is_company())
        .map(|t| (t.prompt, t.closeness(topic)))
        .filter(|(_, closeness)| *closeness > 0)
        .collect()
}

/// The pool in the order to drill it: practised prompts below Good (weakest first),
/// then never-practised ones (the closest to the topic first, then entry level first,
/// then by id), then the other practised ones (weakest first).
fn drill_order<'a>(pool: &[(&'a Prompt, u8)], stats: &[PromptStat<'_>]) -> Vec<&'a Prompt> {
    let in_pool = |id: &str| pool.iter().find(|(p, _)| p.id.0 == id).map(|(p, _)| *p);
    let mut out: Vec<&'a Prompt> = stats
        .iter()
        .filter(|s| s.standing.is_weak())
        .filter_map(|s| in_pool(s.prompt))
        .collect();
    let seen: HashSet<&str> = stats.iter().map(|s| s.prompt).collect();
    let mut fresh: Vec<&(&'a Prompt, u8)> = pool
        .iter()
        .filter(|(p, _)| !seen.contains(p.id.0.as_str()))
        .collect();
    fresh.sort_by(|(a, a_close), (b, b_close)| {
        b_close
            .cmp(a_close)
            .then_with(|| a.level.cmp(&b.level))
            .then_with(|| a.id.cmp(&b.id))
    });
    out.extend(fresh.into_iter().map(|(p, _)| *p));
    for s in stats.iter().filter(|s| !s.standing.is_weak()) {
        if let Some(p) = in_pool(s.prompt) {
            out.push(p);
        }
    }
    out
}

/// The standing on a topic: the graded records of its pool's prompts, or carrying one
/// of its tags (a prompt that has left the bank still counts by its tags).
fn standing(records: &[Record], topic: &Topic, pool: &HashSet<&str>) -> Standing {
    let mut mine: Vec<&Record> = records
        .iter()
        .filter(|r| Grade::new(r.grade).is_some())
        .filter(|r| {
            pool.contains(&*r.prompt)
                || r.tags.iter().any(|t| topic.tags.iter().any(|x| **x == **t))
        })
        .collect();
    mine.sort_by(|a, b| a.finished.cmp(&b.finished).then_with(|| a.id.cmp(&b.id)));
    let recent = &mine[mine.len().saturating_sub(RECENT_PER_AREA)..];
    let rule = (!recent.is_empty()).then(|| crate::review::weak::Standing::of(recent));
    Standing {
        attempts: mine.len(),
        recent_attempts: recent.len(),
        recent_grade: rule.as_ref().map(|s| s.recent_grade),
        recent_score: rule.as_ref().map(|s| s.recent_score),
        last: mine.last().map(|r| r.finished),
    }
}

/// What to read for a topic: the resources it names, else those of its tags.
fn resources<'a>(topic: &Topic, bank: &'a Bank) -> Vec<&'a Resource> {
    let named: Vec<&'a Resource> = topic
        .resources
        .iter()
        .filter_map(|name| bank.resources.iter().find(|r| &r.name == name))
        .collect();
    let list = if named.is_empty() {
        bank.resources
            .iter()
            .filter(|r| r.areas.iter().any(|a| topic.tags.contains(a)))
            .collect()
    } else {
        named
    };
    list.into_iter().take(RESOURCES_PER_TOPIC).collect()
}

fn stories_for<'a>(
    topic: &Topic,
    map: &TopicMap,
    stories: &[StoryWords<'a>],
) -> Vec<StoryLink<'a>> {
    stories
        .iter()
        .filter(|s| {
            let mut said = s.topics.clone();
            said.push(s.title);
            map.named_by(&said).iter().any(|t| t.id == topic.id)
        })
        .map(|s| StoryLink {
            id: s.id,
            title: s.title,
        })
        .collect()
}

/// Builds the plan for the topics `found` in a posting.
#[must_use]
pub fn plan<'a>(
    found: &[Found<'a>],
    map: &'a TopicMap,
    records: &[Record],
    bank: &'a Bank,
    stories: &[StoryWords<'a>],
) -> PostingPlan<'a> {
    let stats = prompt_stats(records);
    let texts: Vec<Searchable<'a>> = bank.prompts.iter().map(Searchable::of).collect();
    let mut topics: Vec<(TopicPlan<'a>, Vec<&'a Prompt>, usize)> = Vec::new();
    let mut cannot_cover = Vec::new();
    for f in found {
        let topic: &'a Topic = f.topic;
        let links = stories_for(topic, map, stories);
        let pool = pool(topic, &texts);
        if pool.is_empty() {
            cannot_cover.push(Uncovered {
                id: &topic.id,
                name: &topic.name,
                words: f.words.clone(),
                mentions: f.mentions,
                resources: resources(topic, bank),
                stories: links,
            });
            continue;
        }
        let ids: HashSet<&str> = pool.iter().map(|(p, _)| p.id.0.as_str()).collect();
        let order = drill_order(&pool, &stats);
        topics.push((
            TopicPlan {
                id: &topic.id,
                name: &topic.name,
                words: f.words.clone(),
                mentions: f.mentions,
                tags: &topic.tags,
                standing: standing(records, topic, &ids),
                prompts_in_bank: pool.len(),
                drill: Vec::new(),
                resources: resources(topic, bank),
                stories: links,
            },
            order,
            f.first,
        ));
    }
    // Never practised first, then the lowest recent score (the weakness rule of
    // `stats` and `plan`); then what the posting names most, then what it names first.
    topics.sort_by(|(a, _, a_first), (b, _, b_first)| {
        let grade = |t: &TopicPlan<'_>| t.standing.recent_score.unwrap_or(0.0);
        grade(a)
            .total_cmp(&grade(b))
            .then_with(|| b.mentions.cmp(&a.mentions))
            .then_with(|| a_first.cmp(b_first))
    });
    let mut drill: Vec<DrillPrompt<'a>> = Vec::new();
    let mut taken: HashSet<&str> = HashSet::new();
    for (topic, order, _) in &mut topics {
        for p in order.iter() {
            if topic.drill.len() == PER_TOPIC {
                break;
            }
            if !taken.insert(p.id.0.as_str()) {
                continue;
            }
            topic.drill.push(&p.id.0);
            drill.push(DrillPrompt {
                id: &p.id.0,
                title: &p.title,
                category: p.category.as_str(),
                level: p.level.as_str(),
                topic: topic.id,
                recent_grades: stats
                    .iter()
                    .find(|s| s.prompt == p.id.0)
                    .map(|s| s.standing.recent_grades.clone())
                    .unwrap_or_default(),
            });
        }
    }
    let topics: Vec<TopicPlan<'a>> = topics.into_iter().map(|(t, _, _)| t).collect();
    let without_story = topics
        .iter()
        .filter(|t| t.stories.is_empty())
        .map(|t| t.name)
        .chain(
            cannot_cover
                .iter()
                .filter(|t| t.stories.is_empty())
                .map(|t| t.name),
        )
        .collect();
    PostingPlan {
        topics,
        cannot_cover,
        drill,
        without_story,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Level;
    use crate::review::record::records;
    use crate::review::tests::{attempt, prompt};

    const MAP: &str = "\
topics:
  - id: kubernetes
    name: Kubernetes
    words: [kubernetes, k8s]
    tags: [kubernetes]
  - id: postgres
    name: PostgreSQL
    words: [postgres, postgresql]
    tags: [databases]
    resources: [pg docs]
  - id: linux
    name: Linux
    words: [linux]
    tags: [linux]
  - id: windows
    name: Windows Server
    words: [powershell]
";

    fn map() -> TopicMap {
        TopicMap {
            topics: super::super::map::parse("t.yaml", MAP).unwrap(),
        }
    }

    fn bank() -> Bank {
        let titled = |id: &str, level, tags: &[&str], title: &str, text: &str| {
            let mut p = prompt(id, "troubleshooting", level, tags);
            title.clone_into(&mut p.title);
            text.clone_into(&mut p.prompt);
            p
        };
        let mentions_pg = titled(
            "db-replica-lag",
            Level::Senior,
            &["reliability"],
            "Replica behind",
            "The Postgres replica is behind.",
        );
        Bank {
            prompts: vec![
                titled("k8s-a", Level::Mid, &["kubernetes"], "Pods evicted", "p"),
                titled("k8s-b", Level::Entry, &["kubernetes"], "Node NotReady", "p"),
                titled(
                    "k8s-c",
                    Level::Senior,
                    &["kubernetes"],
                    "Kubernetes upgrade stuck",
                    "p",
                ),
                titled(
                    "k8s-d",
                    Level::Entry,
                    &[],
                    "Slow deploys",
                    "They run on k8s.",
                ),
                prompt("db-a", "reliability", Level::Entry, &["databases"]),
                mentions_pg,
                prompt("lin-a", "troubleshooting", Level::Mid, &["linux"]),
                prompt("co-k8s", "company", Level::Mid, &["kubernetes"]),
            ],
            resources: vec![
                Resource {
                    name: "pg docs".into(),
                    kind: "docs".into(),
                    url: "https://example.org/pg".into(),
                    areas: vec!["databases".into()],
                },
                Resource {
                    name: "k8s docs".into(),
                    kind: "docs".into(),
                    url: "https://example.org/k8s".into(),
                    areas: vec!["kubernetes".into()],
                },
            ],
            ..Bank::default()
        }
    }

    fn graded(id: &str, prompt: &str, tag: &str, grade: u8) -> crate::history::Attempt {
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

    const POSTING: &str =
        "We run Postgres on Kubernetes (k8s) and Linux. Kubernetes daily. Some PowerShell.";

    #[test]
    fn unpractised_topics_come_first_then_the_weakest_and_each_brings_its_prompts() {
        let map = map();
        let bank = bank();
        let attempts = vec![
            graded("a1", "lin-a", "linux", 2),
            graded("a2", "db-a", "databases", 3),
        ];
        let rs = records(&attempts);
        let found = map.find(POSTING);
        let plan = plan(&found, &map, &rs, &bank, &[]);
        let order: Vec<&str> = plan.topics.iter().map(|t| t.id).collect();
        assert_eq!(order, ["kubernetes", "linux", "postgres"]);
        let k8s = &plan.topics[0];
        assert_eq!(k8s.standing.recent_grade, None);
        assert_eq!(k8s.mentions, 3);
        // The closest first (its tag and its name in the title), then by level; a prompt
        // that only mentions it comes last; the company question is left out.
        assert_eq!(k8s.drill, ["k8s-c", "k8s-b"]);
        assert_eq!(k8s.prompts_in_bank, 4);
        assert_eq!(k8s.resources[0].name, "k8s docs");
        // The weak Linux prompt first; the prompt that names Postgres before db-a,
        // which was practised and is Good.
        let pg = &plan.topics[2];
        assert_eq!(pg.drill, ["db-replica-lag", "db-a"]);
        assert_eq!(pg.standing.attempts, 1);
        assert_eq!(pg.standing.recent_grade, Some(3.0));
        assert_eq!(pg.resources.len(), 1);
        let all: Vec<&str> = plan.drill.iter().map(|d| d.id).collect();
        assert_eq!(all, ["k8s-c", "k8s-b", "lin-a", "db-replica-lag", "db-a"]);
        assert_eq!(plan.drill[2].recent_grades, vec![2]);
        let none: Vec<&str> = plan.cannot_cover.iter().map(|t| t.id).collect();
        assert_eq!(none, ["windows"]);
        assert_eq!(plan.cannot_cover[0].words[0].text, "PowerShell");
    }

    #[test]
    fn stories_cover_the_topics_their_title_or_topics_name() {
        let map = map();
        let bank = bank();
        let found = map.find(POSTING);
        let stories = [
            StoryWords {
                id: "story-evicted",
                title: "The evicted pods",
                topics: vec!["k8s", "on-call"],
            },
            StoryWords {
                id: "story-vacuum",
                title: "The Postgres vacuum that never ran",
                topics: vec![],
            },
        ];
        let plan = plan(&found, &map, &[], &bank, &stories);
        let k8s = plan.topics.iter().find(|t| t.id == "kubernetes").unwrap();
        assert_eq!(k8s.stories[0].id, "story-evicted");
        let pg = plan.topics.iter().find(|t| t.id == "postgres").unwrap();
        assert_eq!(pg.stories[0].id, "story-vacuum");
        assert_eq!(plan.without_story, ["Linux", "Windows Server"]);
    }

    #[test]
    fn a_topic_named_more_often_comes_first_among_equals() {
        let map = map();
        let bank = bank();
        let found = map.find("Linux. Postgres, postgres, postgresql.");
        let plan = plan(&found, &map, &[], &bank, &[]);
        let order: Vec<&str> = plan.topics.iter().map(|t| t.id).collect();
        assert_eq!(order, ["postgres", "linux"]);
    }
}
