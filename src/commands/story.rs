//! `sre-drill story` (drill the stories), `story add` (write one, question by question,
//! through a [`Prompter`]) and `story list`. The file is read and appended to by
//! `crate::story`, and replaced through `bank::write_atomically`.

use std::io::{self, Write};

use anyhow::Result;

use super::add::{Taken, Tracked};
use crate::bad_input;
use crate::bank::{Source, check_writable, write_atomically};
use crate::cli::{DrillArgs, StoryDrillArgs};
use crate::config::Config;
use crate::console::{Prompter, Stop};
use crate::grade::Grade;
use crate::posting::TopicMap;
use crate::render;
use crate::story::{ID_PREFIX, Story, append_to, id_is_well_formed, suggest_id};

/// Reads the stories, refusing a file with a problem (bad input, naming it).
fn load_strictly(config: &Config) -> Result<Vec<Story>> {
    crate::story::load(&config.stories_file()).map_err(|e| bad_input!("{e}"))
}

/// `sre-drill story [--all]`: the stories as a drill, timed unless `--untimed`.
///
/// # Errors
/// The stories file has a problem, there is no story (without `--all`), or as a drill.
pub fn drill(config: &Config, args: &StoryDrillArgs) -> Result<()> {
    load_strictly(config)?;
    let drill = DrillArgs {
        timed: !args.untimed,
        count: args.count,
        tag: args.tag.clone(),
        level: Vec::new(),
        time: args.time,
        seed: args.seed,
        editor: args.editor,
        follow_ups: args.follow_ups,
        plain: args.plain,
    };
    super::drill::run_stories(config, &drill, args.all)
}

/// `sre-drill story list [--json]`.
///
/// # Errors
/// The stories file has a problem, the history cannot be read, or output failed.
pub fn list(config: &Config, json: bool) -> Result<()> {
    let stories = load_strictly(config)?;
    let records = super::review::read_records(config)?;
    let rows: Vec<render::story::Row<'_>> = stories
        .iter()
        .map(|story| {
            let mut mine: Vec<_> = records
                .iter()
                .filter(|r| *r.prompt == *story.id && Grade::new(r.grade).is_some())
                .collect();
            mine.sort_by_key(|r| r.finished);
            render::story::Row {
                story,
                attempts: mine.len(),
                last_grade: mine.last().map(|r| r.grade),
                last: mine.last().map(|r| r.finished),
            }
        })
        .collect();
    let file = config.stories_file().display().to_string();
    let mut out = io::BufWriter::new(io::stdout().lock());
    render::json_or_text(
        &mut out,
        json,
        || &rows,
        |out| render::story::list(out, &rows, &file),
    )?;
    out.flush()?;
    Ok(())
}

/// Asks until `check` accepts the line.
fn ask_until<T>(
    ask: &mut dyn Prompter,
    question: &str,
    default: Option<&str>,
    check: impl Fn(&str) -> Result<T, String>,
) -> Result<T, Stop> {
    let line = ask.line_checked(question, default, &|line| check(line).map(|_| ()))?;
    check(&line).map_err(|complaint| Stop::Failed(anyhow::anyhow!(complaint)))
}

/// Text up to a line `.`; asked again while it is empty, when `required`.
fn ask_text(
    ask: &mut dyn Prompter,
    question: &str,
    required: Option<&str>,
) -> Result<String, Stop> {
    loop {
        let lines = ask.lines(question, true)?;
        let text = lines.join("\n");
        let text = text.trim_matches(['\n', '\r']).trim_end().to_owned();
        match required {
            Some(complaint) if text.trim().is_empty() => ask.complain(complaint)?,
            _ => return Ok(text),
        }
    }
}

/// An id as typed: `story-` added when missing; well formed and not taken.
///
/// # Errors
/// A sentence saying what is wrong.
pub fn check_id(line: &str, taken: &Taken) -> Result<String, String> {
    let typed = line.trim();
    let id = if typed.starts_with(ID_PREFIX) {
        typed.to_owned()
    } else {
        format!("{ID_PREFIX}{typed}")
    };
    if !id_is_well_formed(&id) {
        return Err(format!(
            "'{typed}' is not a story id; use lower-case letters, digits and dashes after `story-`, like story-checkout-disk-full"
        ));
    }
    if let Some(place) = taken.place(&id) {
        return Err(format!(
            "the id '{id}' is already used by {place}; choose another id"
        ));
    }
    Ok(id)
}

/// Topics from one line, separated by commas; trimmed, without repeats.
#[must_use]
pub fn parse_topics(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for topic in line.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !out.iter().any(|t| t.eq_ignore_ascii_case(topic)) {
            out.push(topic.to_owned());
        }
    }
    out
}

/// The questions, in the order of the plain protocol in `sre-drill story add --help`.
///
/// # Errors
/// End of input, Ctrl-C, or the terminal failed.
pub fn dialogue(ask: &mut dyn Prompter, taken: &Taken, map: &TopicMap) -> Result<Story, Stop> {
    let title = ask_until(
        ask,
        "Title (one line: the story in a few words)",
        None,
        |line| {
            let title = line.trim();
            if title.is_empty() {
                Err("the title cannot be empty; give the story a short name, like: Checkout went down when the disk filled".to_owned())
            } else {
                Ok(title.to_owned())
            }
        },
    )?;
    let suggested = suggest_id(&title, |id| taken.place(id).is_some());
    let id = ask_until(
        ask,
        "Id, stable because your history refers to it",
        Some(&suggested),
        |line| check_id(line, taken),
    )?;
    let situation = ask_text(
        ask,
        "Situation: when, which system, who was affected",
        Some("the situation cannot be empty; set the scene in a few sentences, then a line `.`"),
    )?;
    let task = ask_text(ask, "Task: what you had to do, may be empty", None)?;
    let action = ask_text(
        ask,
        "Action: what you did yourself, in \"I\"",
        Some("the action cannot be empty; say what you did yourself, then a line `.`"),
    )?;
    let result = ask_text(
        ask,
        "Result: how it ended",
        Some("the result cannot be empty; say how it ended, then a line `.`"),
    )?;
    let numbers: Vec<String> = ask
        .lines(
            "Numbers that show the result, like 40 minutes or 3% of orders",
            false,
        )?
        .into_iter()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    if numbers.is_empty() {
        ask.say("note: no numbers yet; a measurable result is a must-have of a strong story, so find one before the interview")?;
    }
    let learned = ask_text(
        ask,
        "Learned: what you learned or changed since, may be empty",
        None,
    )?;
    let topics = parse_topics(&ask.line(
        "Topics, separated by commas, like: kubernetes, on-call (may be empty)",
        None,
    )?);
    for topic in &topics {
        let known = !map.named_by(&[topic.as_str()]).is_empty()
            || crate::bank::SKILL_AREAS
                .contains(&topic.to_ascii_lowercase().replace(' ', "-").as_str());
        if !known {
            ask.say(&format!(
                "note: '{topic}' names no topic of the topic map, so plan --posting will not connect it (kept; your topics.yaml can add it)"
            ))?;
        }
    }
    Ok(Story {
        id,
        title,
        situation,
        task,
        action,
        result,
        numbers,
        learned,
        topics,
    })
}

/// `sre-drill story add [--plain]`.
///
/// # Errors
/// The stories file has a problem or cannot be written (before any question), input
/// ends before the story is complete (bad input), or Ctrl-C.
pub fn add(config: &Config, plain: bool) -> Result<()> {
    let path = config.stories_file();
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(bad_input!(
            "{shown} is a folder; sre-drill keeps your stories in that file, so move the folder away"
        ));
    }
    // Refuse a file with a problem, or a folder that cannot be written, before asking.
    let before = crate::story::file::read(&path).map_err(|e| bad_input!("{e}"))?;
    let known = match &before {
        Some(text) => crate::story::parse(&shown, text)
            .map_err(|e| bad_input!("{e}; story add will not change the file until it is fixed"))?,
        None => Vec::new(),
    };
    check_writable(&path)?;
    let bank = super::load_bank(config)?;
    let mut taken = Taken::default();
    for p in &bank.prompts {
        let place = match &p.source {
            Source::BuiltIn => format!("the built-in prompt '{}'", p.title),
            Source::File(file) => format!("'{}' in {}", p.title, file.display()),
        };
        taken.insert(&p.id.0, place);
    }
    for s in &known {
        taken.insert(&s.id, format!("'{}' in {shown}", s.title));
    }
    let map = super::posting::topic_map(config, &bank)
        .unwrap_or_else(|_| TopicMap::built_in().unwrap_or_default());

    let interactive = config.terminal && !plain;
    let mut ask = Tracked {
        inner: crate::console::prompter(interactive, config.color),
        last: String::new(),
        what: "story",
        help: "sre-drill story add",
    };
    if interactive {
        ask.say(&format!("A new story for {shown}."))
            .map_err(|s| ask.stop(s))?;
        ask.say("Tell it as you would: the situation, what you did, the result in numbers, what you learned.")
            .map_err(|s| ask.stop(s))?;
    }
    let story = match dialogue(&mut ask, &taken, &map) {
        Ok(story) => story,
        Err(s) => return Err(ask.stop(s)),
    };
    // Read the file again: it may have changed while the questions were answered.
    let current = crate::story::file::read(&path).map_err(|e| bad_input!("{e}"))?;
    let text = append_to(current.as_deref(), &story, &shown)
        .map_err(|why| bad_input!("{why}; nothing was written"))?;
    if interactive {
        let item = crate::story::item_yaml(&story, 2).map_err(|e| anyhow::anyhow!(e))?;
        ask.say(&format!("\n{item}")).map_err(|s| ask.stop(s))?;
        match ask.confirm(&format!("Add this story to {shown}?"), true) {
            Ok(true) => {}
            Ok(false) => {
                ask.say("Nothing was written.").map_err(|s| ask.stop(s))?;
                return Ok(());
            }
            Err(s) => return Err(ask.stop(s)),
        }
    }
    write_atomically(&path, text.as_bytes())?;
    drop(ask);
    let mut out = io::stdout().lock();
    render::story::added(&mut out, &story.id, &shown)?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_gets_its_prefix_and_must_be_free() {
        let mut taken = Taken::default();
        taken.insert("story-a", "'A' in s.yaml".to_owned());
        assert_eq!(
            check_id("disk-full", &taken),
            Ok("story-disk-full".to_owned())
        );
        assert_eq!(check_id(" story-b ", &taken), Ok("story-b".to_owned()));
        assert!(
            check_id("a", &taken)
                .unwrap_err()
                .contains("already used by 'A' in s.yaml")
        );
        assert!(
            check_id("Disk Full", &taken)
                .unwrap_err()
                .contains("not a story id")
        );
        assert!(check_id("", &taken).is_err());
    }

    #[test]
    fn topics_are_split_on_commas_and_kept_as_written() {
        assert_eq!(
            parse_topics("Kubernetes, incident response,, kubernetes ,on-call"),
            ["Kubernetes", "incident response", "on-call"]
        );
        assert!(parse_topics("  ").is_empty());
    }
}
