//! `stories.yaml`: reading it (through the bank's bounded YAML reader, every problem
//! one sentence at its line and column) and appending one story to its text without
//! touching the rest. The appended text is read back before it is returned: it must hold
//! every story it held before plus the new one, exactly as written.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::Story;
use crate::bank::schema::ID_MAX_LEN;
use crate::bank::{FileKind, ReadProblem, did_you_mean, is_kebab, parse_typed_yaml};

/// The prefix of every story id.
pub const ID_PREFIX: &str = "story-";

/// The first lines of a new stories file.
const HEADER: &str = "\
# Your own stories for behavioural questions, written by `sre-drill story add`.
# Edit them freely; keep each id: your history refers to it. `sre-drill story` drills them.
";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    stories: Vec<Spanned<RawStory>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStory {
    id: Spanned<String>,
    title: Spanned<String>,
    situation: Spanned<String>,
    #[serde(default)]
    task: Option<String>,
    action: Spanned<String>,
    result: Spanned<String>,
    #[serde(default)]
    numbers: Vec<Spanned<String>>,
    #[serde(default)]
    learned: Option<String>,
    #[serde(default)]
    topics: Vec<Spanned<String>>,
}

const FIELDS: &[&str] = &[
    "id",
    "title",
    "situation",
    "task",
    "action",
    "result",
    "numbers",
    "learned",
    "topics",
];

fn at<T>(s: &Spanned<T>) -> String {
    format!("{}:{}", s.referenced.line(), s.referenced.column())
}

/// Whether `id` is a well-formed story id: `story-` and lower-case words joined by
/// dashes, at most as long as a prompt id.
#[must_use]
pub fn id_is_well_formed(id: &str) -> bool {
    id.len() > ID_PREFIX.len()
        && id.starts_with(ID_PREFIX)
        && is_kebab(id)
        && id.len() <= ID_MAX_LEN
}

/// Reads the text of a stories file; `shown` names it in messages.
///
/// # Errors
/// The first problem, as `FILE:LINE:COLUMN: sentence`.
pub fn parse(shown: &str, text: &str) -> Result<Vec<Story>, String> {
    if is_blank(text) {
        return Ok(Vec::new());
    }
    let raw = parse_typed_yaml::<RawFile>(text, FileKind::Stories).map_err(|e| {
        format!(
            "{shown}:{}:{}: {}",
            e.line.max(1),
            e.column.max(1),
            describe(&e.message)
        )
    })?;
    let mut out: Vec<Story> = Vec::new();
    for item in raw.stories {
        let raw = item.value;
        let id = raw.id.value.trim().to_owned();
        if !id_is_well_formed(&id) {
            return Err(format!(
                "{shown}:{}: story id '{id}' must start with `{ID_PREFIX}` and go on in lower-case words joined by dashes (like story-checkout-disk-full), at most {ID_MAX_LEN} characters",
                at(&raw.id)
            ));
        }
        if out.iter().any(|s| s.id == id) {
            return Err(format!(
                "{shown}:{}: the story id '{id}' is used twice; give each story its own id",
                at(&raw.id)
            ));
        }
        for (field, value) in [
            ("title", &raw.title),
            ("situation", &raw.situation),
            ("action", &raw.action),
            ("result", &raw.result),
        ] {
            if value.value.trim().is_empty() {
                return Err(format!(
                    "{shown}:{}: the story '{id}' has an empty `{field}`; a story needs its title, situation, action and result",
                    at(value)
                ));
            }
        }
        for (field, list) in [("numbers", &raw.numbers), ("topics", &raw.topics)] {
            if let Some(empty) = list.iter().find(|v| v.value.trim().is_empty()) {
                return Err(format!(
                    "{shown}:{}: an entry of `{field}` is empty; remove it",
                    at(empty)
                ));
            }
        }
        out.push(Story {
            id,
            title: raw.title.value.trim().to_owned(),
            situation: raw.situation.value.trim_end().to_owned(),
            task: raw.task.unwrap_or_default().trim_end().to_owned(),
            action: raw.action.value.trim_end().to_owned(),
            result: raw.result.value.trim_end().to_owned(),
            numbers: raw
                .numbers
                .into_iter()
                .map(|n| n.value.trim().to_owned())
                .collect(),
            learned: raw.learned.unwrap_or_default().trim_end().to_owned(),
            topics: raw
                .topics
                .into_iter()
                .map(|t| t.value.trim().to_owned())
                .collect(),
        });
    }
    Ok(out)
}

/// A parser message in the words of this file.
fn describe(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((field, _)) = rest.split_once('`')
    {
        let hint = did_you_mean(field, FIELDS)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return format!(
            "unknown field `{field}` in a story{hint} (a story has {})",
            FIELDS.join(", ")
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `")
        && let Some((field, _)) = rest.split_once('`')
    {
        return format!(
            "a story here has no `{field}`; every story needs id, title, situation, action and result"
        );
    }
    message.to_owned()
}

fn is_blank(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
}

/// Reads the stories file at `path`: no file is no stories.
///
/// # Errors
/// A sentence naming the file: it cannot be read, is not UTF-8, or has a problem.
pub fn load(path: &Path) -> Result<Vec<Story>, String> {
    let shown = path.display().to_string();
    match read(path)? {
        None => Ok(Vec::new()),
        Some(text) => parse(&shown, &text),
    }
}

/// The file's text, or `None` when there is no file.
///
/// # Errors
/// A sentence naming the file.
pub fn read(path: &Path) -> Result<Option<String>, String> {
    let shown = path.display();
    let bytes = match crate::bank::read_prompt_file(path) {
        Ok(bytes) => bytes,
        Err(ReadProblem::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(ReadProblem::NotAFile) => {
            return Err(format!(
                "{shown} is not a regular file; move it away so sre-drill can keep your stories there"
            ));
        }
        Err(ReadProblem::Io(e)) => return Err(format!("cannot read {shown}: {e}")),
        Err(problem @ ReadProblem::TooLarge { .. }) => return Err(format!("{shown}: {problem}")),
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("{shown} is not UTF-8 text; save it as UTF-8"))
}

/// A story as the file writes it: lists of short items on one line.
#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    title: &'a str,
    situation: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    task: &'a str,
    action: &'a str,
    result: &'a str,
    #[serde(skip_serializing_if = "no_items")]
    numbers: serde_saphyr::FlowSeq<&'a [String]>,
    #[serde(skip_serializing_if = "str::is_empty")]
    learned: &'a str,
    #[serde(skip_serializing_if = "no_items")]
    topics: serde_saphyr::FlowSeq<&'a [String]>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde hands the field by reference
fn no_items(list: &serde_saphyr::FlowSeq<&[String]>) -> bool {
    list.0.is_empty()
}

/// The story as one YAML list item, `indent` spaces before its dash. Multi-line text
/// becomes a block scalar; anything YAML could misread is quoted.
///
/// # Errors
/// The serializer failed (a bug: every field is text).
pub fn item_yaml(story: &Story, indent: usize) -> Result<String, String> {
    let item = Item {
        id: &story.id,
        title: &story.title,
        situation: &story.situation,
        task: &story.task,
        action: &story.action,
        result: &story.result,
        numbers: serde_saphyr::FlowSeq(&story.numbers),
        learned: &story.learned,
        topics: serde_saphyr::FlowSeq(&story.topics),
    };
    let options = serde_saphyr::ser_options! { compact_list_indent: false };
    let yaml = serde_saphyr::to_string_with_options(&[item], options)
        .map_err(|e| format!("cannot write the story as YAML: {e}"))?;
    let pad = " ".repeat(indent);
    let mut out = String::with_capacity(yaml.len() + 64);
    for line in yaml.lines() {
        // Blank lines stay empty: spaces on them would join a block scalar's text.
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
        out.push('\n');
    }
    Ok(out)
}

/// The whole new file text: `existing` with `story` appended to its `stories:` list
/// (a new file when `existing` is `None`, empty or only comments). The result must
/// read back as every story `existing` had, then `story`, exactly.
///
/// # Errors
/// A sentence: `existing` has a problem, `story`'s id is taken, or the file's layout
/// does not allow a safe append.
pub fn append_to(existing: Option<&str>, story: &Story, shown: &str) -> Result<String, String> {
    let crlf = existing.is_some_and(|t| t.contains("\r\n"));
    let eol = |text: String| {
        if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    };
    let before = match existing {
        Some(text) => parse(shown, text)
            .map_err(|e| format!("{e}; story add will not change the file until it is fixed"))?,
        None => Vec::new(),
    };
    if before.iter().any(|s| s.id == story.id) {
        return Err(format!(
            "{shown} already has a story with the id '{}'; choose another id",
            story.id
        ));
    }
    let mut expected = before.clone();
    expected.push(story.clone());
    let check = |text: &str| -> Result<(), String> {
        match parse(shown, text) {
            Ok(read) if read == expected => Ok(()),
            Ok(_) => Err("the story would not read back as written".to_owned()),
            Err(e) => Err(e),
        }
    };
    let existing = existing.unwrap_or_default();
    if is_blank(existing) {
        let mut text = existing.to_owned();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        if text.is_empty() {
            text.push_str(HEADER);
        }
        text.push_str(&eol(format!("stories:\n{}", item_yaml(story, 2)?)));
        check(&text)?;
        return Ok(text);
    }
    let mut first_reason = None;
    for indent in [dash_indent(existing), Some(2), Some(0)]
        .into_iter()
        .flatten()
    {
        let mut text = existing.to_owned();
        if !text.ends_with('\n') {
            text.push_str(if crlf { "\r\n" } else { "\n" });
        }
        text.push_str(&eol(item_yaml(story, indent)?));
        match check(&text) {
            Ok(()) => return Ok(text),
            Err(reason) => {
                first_reason.get_or_insert(reason);
            }
        }
    }
    Err(format!(
        "cannot add to {shown} without breaking it ({}); story add appends to a `stories:` list of `- id: ...` items at the end of the file",
        first_reason.unwrap_or_default()
    ))
}

/// The indent of the first list item under `stories:`.
fn dash_indent(text: &str) -> Option<usize> {
    let mut lines = text.lines().skip_while(|l| !l.starts_with("stories:"));
    lines.next()?;
    lines
        .find(|l| l.trim_start().starts_with("- "))
        .map(|l| l.len() - l.trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(id: &str) -> Story {
        Story {
            id: id.to_owned(),
            title: "Checkout went down: the disk was full".to_owned(),
            situation: "Black Friday, 2023.\nCheckout returned 500s.".to_owned(),
            task: String::new(),
            action: "I found the deleted log held open with lsof +L1 and truncated it.".to_owned(),
            result: "Checkout was back in 12 minutes.".to_owned(),
            numbers: vec!["12 minutes".to_owned(), "3% of orders".to_owned()],
            learned: "- rotate logs with copytruncate".to_owned(),
            topics: vec!["linux".to_owned(), "on-call".to_owned()],
        }
    }

    #[test]
    fn a_new_file_gets_a_header_and_reads_back_exactly() {
        let text = append_to(None, &story("story-disk-full"), "stories.yaml").unwrap();
        assert!(text.starts_with("# Your own stories"), "{text}");
        assert_eq!(
            parse("stories.yaml", &text).unwrap(),
            vec![story("story-disk-full")]
        );
        assert!(
            text.contains("numbers: [12 minutes, 3% of orders]"),
            "{text}"
        );
        assert!(text.contains("situation: |-\n      Black Friday"), "{text}");
    }

    #[test]
    fn a_second_story_is_appended_and_every_byte_before_it_stays() {
        let first = append_to(None, &story("story-a"), "s.yaml").unwrap();
        let edited = first.replace("stories:\n", "stories:   # mine\n");
        let second = append_to(Some(&edited), &story("story-b"), "s.yaml").unwrap();
        assert!(second.starts_with(&edited));
        let ids: Vec<String> = parse("s.yaml", &second)
            .unwrap()
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids, ["story-a", "story-b"]);
        let crlf = append_to(
            Some(&edited.replace('\n', "\r\n")),
            &story("story-c"),
            "s.yaml",
        )
        .unwrap();
        assert!(!crlf.replace("\r\n", "").contains('\n'), "{crlf:?}");
    }

    #[test]
    fn a_taken_id_a_broken_file_or_a_layout_that_cannot_take_it_is_refused() {
        let first = append_to(None, &story("story-a"), "s.yaml").unwrap();
        assert!(
            append_to(Some(&first), &story("story-a"), "s.yaml")
                .unwrap_err()
                .contains("already has a story with the id 'story-a'")
        );
        let err = append_to(
            Some("stories:\n  - id: story-x\n    titel: x\n"),
            &story("story-b"),
            "s.yaml",
        )
        .unwrap_err();
        assert!(
            err.starts_with("s.yaml:3:5: unknown field `titel` in a story; did you mean `title`?"),
            "{err}"
        );
        assert!(err.contains("will not change the file"), "{err}");
        let flow = "stories: []\nother: 1\n";
        assert!(append_to(Some(flow), &story("story-b"), "s.yaml").is_err());
    }

    #[test]
    fn problems_in_the_file_name_their_line() {
        let err = parse("s.yaml", "stories:\n  - id: outage\n    title: t\n    situation: s\n    action: a\n    result: r\n").unwrap_err();
        assert!(
            err.starts_with("s.yaml:2:9: story id 'outage' must start with `story-`"),
            "{err}"
        );
        let err = parse("s.yaml", "stories:\n  - id: story-a\n    title: t\n    situation: s\n    action: ''\n    result: r\n").unwrap_err();
        assert!(
            err.starts_with("s.yaml:5:13: the story 'story-a' has an empty `action`"),
            "{err}"
        );
        let err = parse("s.yaml", "stories:\n  - id: story-a\n    title: t\n").unwrap_err();
        assert!(err.contains("has no `situation`"), "{err}");
        assert_eq!(parse("s.yaml", "# none yet\n"), Ok(Vec::new()));
    }

    #[test]
    fn story_ids_start_with_story_and_are_kebab_case() {
        assert!(id_is_well_formed("story-a1"));
        assert!(!id_is_well_formed("story-"));
        assert!(!id_is_well_formed("story_a"));
        assert!(!id_is_well_formed("a-story"));
        assert!(!id_is_well_formed(&format!(
            "story-{}",
            "a".repeat(ID_MAX_LEN)
        )));
    }
}
