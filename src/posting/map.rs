//! The topic map: words a job posting uses → a topic with its skill-area tags and
//! resources. The built-in map is `drills/topics.yaml` (embedded by build.rs); the
//! user's `topics.yaml` replaces topics by id and adds new ones. Both are read through
//! the bank's bounded YAML reader, and every problem is one sentence naming the file,
//! line and column.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::words::{Phrase, Word, find, words};
use crate::bad_input;
use crate::bank::{FileKind, Resource, did_you_mean, is_kebab, parse_typed_yaml};

/// One topic of the map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topic {
    pub id: String,
    pub name: String,
    /// Words and phrases matched in any case.
    pub words: Vec<String>,
    /// Words matched only as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exact: Vec<String>,
    pub tags: Vec<String>,
    /// Names from the resources file; empty means the resources of `tags`.
    pub resources: Vec<String>,
    #[serde(skip)]
    phrases: Vec<Phrase>,
}

impl Topic {
    /// Where the topic's words occur in `text` (its words read by [`words`]).
    #[must_use]
    pub fn find_in(&self, text: &str, read: &[Word]) -> Vec<(usize, usize)> {
        find(text, read, &self.phrases)
    }

    /// Whether `text` uses one of the topic's words.
    #[must_use]
    pub fn is_named_in(&self, text: &str) -> bool {
        !self.find_in(text, &words(text)).is_empty()
    }
}

/// The whole map, built-in topics first, in file order.
#[derive(Debug, Clone, Default)]
pub struct TopicMap {
    pub topics: Vec<Topic>,
}

/// How the map file is laid out; serde refuses unknown fields with their names.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    topics: Vec<Spanned<RawTopic>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: Spanned<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    words: Vec<Spanned<String>>,
    #[serde(default)]
    exact: Vec<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    resources: Vec<String>,
}

const FIELDS: &[&str] = &["id", "name", "words", "exact", "tags", "resources"];

fn at<T>(s: &Spanned<T>) -> String {
    format!("{}:{}", s.referenced.line(), s.referenced.column())
}

/// Reads a topic map's text; `shown` names the file in messages.
///
/// # Errors
/// The first problem, as `FILE:LINE:COLUMN: sentence`.
pub fn parse(shown: &str, text: &str) -> Result<Vec<Topic>, String> {
    if text
        .trim_start_matches('\u{feff}')
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Ok(Vec::new());
    }
    let raw = parse_typed_yaml::<RawMap>(text, FileKind::Topics).map_err(|e| {
        format!(
            "{shown}:{}:{}: {}",
            e.line.max(1),
            e.column.max(1),
            unknown_field(&e.message).unwrap_or(e.message)
        )
    })?;
    let mut out: Vec<Topic> = Vec::new();
    for item in raw.topics {
        let raw = item.value;
        let id = raw.id.value.trim().to_owned();
        if !is_kebab(&id) {
            return Err(format!(
                "{shown}:{}: topic id '{id}' must be lower-case words joined by dashes, like incident-response",
                at(&raw.id)
            ));
        }
        if out.iter().any(|t| t.id == id) {
            return Err(format!(
                "{shown}:{}: the topic id '{id}' is used twice in this file; give each topic its own id",
                at(&raw.id)
            ));
        }
        let mut phrases = Vec::new();
        for (list, exact) in [(&raw.words, false), (&raw.exact, true)] {
            for word in list {
                match Phrase::new(&word.value, exact) {
                    Some(p) => phrases.push(p),
                    None => {
                        return Err(format!(
                            "{shown}:{}: '{}' has no letters or digits, so it can never be found in a posting",
                            at(word),
                            word.value
                        ));
                    }
                }
            }
        }
        let mut tags = Vec::new();
        for tag in &raw.tags {
            let t = tag.value.trim().to_ascii_lowercase();
            if !is_kebab(&t) {
                return Err(format!(
                    "{shown}:{}: tag '{}' must be lower-case words joined by dashes, like on-call",
                    at(tag),
                    tag.value
                ));
            }
            tags.push(t);
        }
        out.push(Topic {
            name: raw
                .name
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| id.clone()),
            id,
            words: raw.words.into_iter().map(|w| w.value).collect(),
            exact: raw.exact.into_iter().map(|w| w.value).collect(),
            tags,
            resources: raw.resources,
            phrases,
        });
    }
    Ok(out)
}

/// serde's "unknown field `x`, expected one of ..." with the closest field named.
fn unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, _) = rest.split_once('`')?;
    let hint = did_you_mean(field, FIELDS)
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    Some(format!(
        "unknown field `{field}` in a topic{hint} (a topic has {})",
        FIELDS.join(", ")
    ))
}

impl TopicMap {
    /// The built-in map.
    ///
    /// # Errors
    /// The built-in file is broken (a bug the tests catch).
    pub fn built_in() -> anyhow::Result<TopicMap> {
        let (name, yaml, _) = crate::bank::builtin_topics();
        let topics = parse(name, yaml)
            .map_err(|e| anyhow::anyhow!("the built-in topic map is broken: {e}"))?;
        Ok(TopicMap { topics })
    }

    /// The built-in map with the user's file (when it exists) on top.
    ///
    /// # Errors
    /// The user's file cannot be read or has a problem (bad input, naming the file).
    pub fn load(user_file: &Path) -> anyhow::Result<TopicMap> {
        let mut map = TopicMap::built_in()?;
        let shown = user_file.display().to_string();
        let bytes = match std::fs::read(user_file) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(map),
            Err(err) => {
                return Err(bad_input!("cannot read the topic map {shown}: {err}"));
            }
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| bad_input!("{shown} is not UTF-8 text; save the topic map as UTF-8"))?;
        let user = parse(&shown, &text).map_err(|e| bad_input!("{e}"))?;
        map.extend(user);
        Ok(map)
    }

    /// Adds `topics` on top: one with a known id replaces that topic where it stands,
    /// a new one goes at the end.
    pub fn extend(&mut self, topics: Vec<Topic>) {
        for topic in topics {
            match self.topics.iter_mut().find(|t| t.id == topic.id) {
                Some(old) => *old = topic,
                None => self.topics.push(topic),
            }
        }
    }

    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The topics `text` names, with the words that named them, in the order they are
    /// first named.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<Found<'_>> {
        let read = words(text);
        let mut out: Vec<Found<'_>> = Vec::new();
        for topic in &self.topics {
            let spans = topic.find_in(text, &read);
            let Some(&(first, _)) = spans.first() else {
                continue;
            };
            let mut seen: Vec<Seen> = Vec::new();
            for &(s, e) in &spans {
                let said = collapse_space(&text[s..e]);
                match seen
                    .iter_mut()
                    .find(|w| w.text.to_lowercase() == said.to_lowercase())
                {
                    Some(w) => w.count += 1,
                    None => seen.push(Seen {
                        text: said,
                        count: 1,
                    }),
                }
            }
            out.push(Found {
                topic,
                words: seen,
                mentions: spans.len(),
                first,
            });
        }
        out.sort_by_key(|f| f.first);
        out
    }

    /// The topics named by one of `words` (a story's topics, its title): a topic
    /// counts when a word uses one of its words, or is its id or name.
    #[must_use]
    pub fn named_by<'m>(&'m self, words: &[&str]) -> Vec<&'m Topic> {
        self.topics
            .iter()
            .filter(|t| {
                words.iter().any(|w| {
                    let w = w.trim();
                    w.eq_ignore_ascii_case(&t.id)
                        || w.eq_ignore_ascii_case(&t.name)
                        || t.is_named_in(w)
                })
            })
            .collect()
    }

    /// The skill-area tags `words` stand for: a word that is a tag itself
    /// (`incident response` → incident-response, when `is_tag` says so), and the tags of
    /// every topic the words name. In order, without repeats.
    #[must_use]
    pub fn tags_for(&self, words: &[&str], is_tag: impl Fn(&str) -> bool) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for w in words {
            let kebab = w
                .split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("-")
                .to_lowercase();
            if is_tag(&kebab) && !out.contains(&kebab) {
                out.push(kebab);
            }
        }
        for topic in self.named_by(words) {
            for tag in &topic.tags {
                if !out.contains(tag) {
                    out.push(tag.clone());
                }
            }
        }
        out
    }

    /// `(topic id, resource name)` for each resource a topic names that `known` lacks.
    #[must_use]
    pub fn unknown_resources<'m>(&'m self, known: &[Resource]) -> Vec<(&'m str, &'m str)> {
        let mut out = Vec::new();
        for t in &self.topics {
            for r in &t.resources {
                if !known.iter().any(|k| &k.name == r) {
                    out.push((t.id.as_str(), r.as_str()));
                }
            }
        }
        out
    }
}

/// Line breaks and runs of spaces inside a matched phrase read as one space.
fn collapse_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A topic found in a text.
#[derive(Debug, Clone, Serialize)]
pub struct Found<'m> {
    #[serde(skip)]
    pub topic: &'m Topic,
    /// Each distinct word as first written, with how often it occurs.
    pub words: Vec<Seen>,
    /// How often the topic is named in all.
    pub mentions: usize,
    /// Byte offset of the first mention.
    #[serde(skip)]
    pub first: usize,
}

/// A word as the text wrote it, and how often (in any case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Seen {
    pub text: String,
    pub count: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = "\
topics:
  - id: kubernetes
    name: Kubernetes
    words: [kubernetes, k8s]
    tags: [kubernetes]
  - id: go
    name: Go
    words: [golang]
    exact: [Go]
    tags: [software-engineering]
  - id: windows
    name: Windows Server
    words: [powershell]
";

    fn map() -> TopicMap {
        TopicMap {
            topics: parse("t.yaml", MAP).unwrap(),
        }
    }

    #[test]
    fn a_text_names_topics_with_the_words_it_used_in_order_of_first_mention() {
        let map = map();
        let found = map.find("Go services on K8s.\nWe love Kubernetes, k8s and golang.");
        let ids: Vec<&str> = found.iter().map(|f| f.topic.id.as_str()).collect();
        assert_eq!(ids, ["go", "kubernetes"]);
        assert_eq!(
            found[1].words,
            [
                Seen {
                    text: "K8s".into(),
                    count: 2
                },
                Seen {
                    text: "Kubernetes".into(),
                    count: 1
                }
            ]
        );
        assert_eq!(found[1].mentions, 3);
        assert_eq!(found[0].mentions, 2);
    }

    #[test]
    fn the_users_map_replaces_by_id_and_adds_new_topics() {
        let mut map = map();
        map.extend(
            parse(
                "mine.yaml",
                "topics:\n  - id: go\n    words: []\n  - id: nomad\n    words: [nomad]\n    tags: [cloud]\n",
            )
            .unwrap(),
        );
        let ids: Vec<&str> = map.topics.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["kubernetes", "go", "windows", "nomad"]);
        assert!(map.find("Go and golang").is_empty(), "switched off");
        assert_eq!(map.get("nomad").unwrap().name, "nomad");
    }

    #[test]
    fn problems_name_the_file_line_and_column() {
        let err = parse("mine.yaml", "topics:\n  - id: x\n    wrods: [a]\n").unwrap_err();
        assert!(
            err.starts_with("mine.yaml:3:5: unknown field `wrods`"),
            "{err}"
        );
        assert!(err.contains("did you mean `words`?"), "{err}");
        let err = parse("mine.yaml", "topics:\n  - id: Big One\n").unwrap_err();
        assert!(
            err.starts_with("mine.yaml:2:9: topic id 'Big One'"),
            "{err}"
        );
        let err = parse("mine.yaml", "topics:\n  - id: a\n  - id: a\n").unwrap_err();
        assert!(err.contains("used twice"), "{err}");
        let err = parse("mine.yaml", "topics:\n  - id: a\n    words: ['--']\n").unwrap_err();
        assert!(err.starts_with("mine.yaml:3:13:"), "{err}");
        let err = parse("mine.yaml", "topics: [\n").unwrap_err();
        assert!(err.starts_with("mine.yaml:"), "{err}");
        assert_eq!(parse("mine.yaml", "# nothing yet\n"), Ok(Vec::new()));
    }

    #[test]
    fn words_stand_for_tags_directly_or_through_the_topics_they_name() {
        let map = map();
        let is_tag = |t: &str| ["on-call", "kubernetes"].contains(&t);
        assert_eq!(
            map.tags_for(&["On call", "k8s", "Golang"], is_tag),
            ["on-call", "kubernetes", "software-engineering"]
        );
        let named: Vec<&str> = map
            .named_by(&["windows server", "Kubernetes"])
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(named, ["kubernetes", "windows"]);
    }

    #[test]
    fn the_built_in_map_reads_and_names_only_known_resources() {
        let map = TopicMap::built_in().unwrap();
        assert!(map.topics.len() >= 25, "{}", map.topics.len());
        let (bank, _) = crate::bank::load(None, &[]).unwrap();
        assert_eq!(
            map.unknown_resources(&bank.resources),
            Vec::<(&str, &str)>::new()
        );
        for topic in &map.topics {
            for tag in &topic.tags {
                assert!(
                    crate::bank::SKILL_AREAS.contains(&tag.as_str()),
                    "topic {} has tag {tag}, not a skill area",
                    topic.id
                );
            }
        }
    }
}
