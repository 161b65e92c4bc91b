//! `sre-drill add [--file F]`: a guided dialogue that writes one new prompt as YAML.
//!
//! The dialogue asks through a [`Prompter`]: menus on a terminal, or the plain line
//! protocol (documented in `sre-drill add --help`) when stdin is not one. Each
//! answer is checked as it is given; writing (serialising, checking the whole new file
//! with the bank's checker, replacing it atomically) is `bank::append_to` and
//! `bank::write_atomically`.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;

use super::add_lines;
use crate::bad_input;
use crate::bank::schema;
use crate::bank::{
    Category, Draft, FollowUp, Level, RubricPoint, SKILL_AREAS, Scenario, Source, add_scenario_to,
    append_to, check_writable, did_you_mean, is_prompt_file_name, item_yaml, parse_prompt_file,
    read_prompt_file, write_atomically,
};
use crate::config::Config;
use crate::console::{Prompter, Stop};
use crate::render::add::Added;

/// What the dialogue needs to know about the bank.
#[derive(Debug, Default)]
pub struct Known {
    /// Categories to offer, built-in ones first.
    pub categories: Vec<String>,
    pub taken: Taken,
}

/// Ids already taken, each with where it is used: "the built-in prompt 'Title'", or
/// "'Title' in FILE".
#[derive(Debug, Default)]
pub struct Taken(HashMap<String, String>);

impl Taken {
    /// Records an id, keeping the first place it was seen.
    pub fn insert(&mut self, id: &str, place: String) {
        self.0.entry(id.to_owned()).or_insert(place);
    }

    /// Where `id` is used, if it is.
    #[must_use]
    pub fn place(&self, id: &str) -> Option<&str> {
        self.0.get(id).map(String::as_str)
    }
}

// ---------------------------------------------------------------------------
// Checking single answers (pure).

/// A category name: lower-case words joined by dashes.
///
/// # Errors
/// A sentence saying what a category name looks like.
pub fn check_category(line: &str) -> Result<String, String> {
    let name = line.trim().to_ascii_lowercase();
    if name.is_empty() {
        return Err(format!(
            "give a category: {}, or a name of your own like linux-internals",
            Category::BUILT_IN.join(", ")
        ));
    }
    if !schema::category_is_well_formed(&name) {
        return Err(format!(
            "'{}' is not a category name; use lower-case words joined by dashes, like linux-internals",
            line.trim()
        ));
    }
    Ok(name)
}

/// An id: kebab-case, at most [`schema::ID_MAX_LEN`] characters, not taken.
///
/// # Errors
/// A sentence saying what is wrong and what to do.
pub fn check_id(line: &str, taken: &Taken) -> Result<String, String> {
    let id = line.trim();
    if !schema::id_is_well_formed(id) {
        return Err(format!(
            "'{id}' is not an id; use lower-case letters, digits and dashes (like design-url-shortener), at most {} characters",
            schema::ID_MAX_LEN
        ));
    }
    if let Some(place) = taken.place(id) {
        return Err(format!(
            "the id '{id}' is already used by {place}; choose another id"
        ));
    }
    Ok(id.to_owned())
}

/// A level, `entry`, `mid` or `senior` (any case).
///
/// # Errors
/// A sentence naming the levels.
pub fn check_level(line: &str) -> Result<String, String> {
    let text = line.trim().to_ascii_lowercase();
    Level::parse(&text)
        .map(|l| l.as_str().to_owned())
        .ok_or_else(|| {
            format!(
                "'{}' is not a level; answer entry, mid or senior",
                line.trim()
            )
        })
}

/// Tags from one line, separated by spaces or commas; lower-cased, without repeats.
#[must_use]
pub fn parse_tags(line: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in line.split([',', ' ', '\t']).filter(|t| !t.is_empty()) {
        let tag = tag.to_ascii_lowercase();
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// A time box in whole minutes, within [`schema::MINUTES`].
///
/// # Errors
/// A sentence naming the range.
pub fn check_minutes(line: &str) -> Result<u32, String> {
    match line.trim().parse::<u32>() {
        Ok(n) if schema::MINUTES.contains(&n) => Ok(n),
        _ => Err(format!(
            "'{}' is not a time box; give whole minutes from {} to {}",
            line.trim(),
            schema::MINUTES.start(),
            schema::MINUTES.end()
        )),
    }
}

/// An id made from the title (`Design a URL shortener` -> `design-a-url-shortener`),
/// made unique with `-2`, `-3` ... when taken.
#[must_use]
pub fn suggest_id(title: &str, category: &str, taken: &Taken) -> String {
    let mut base = String::new();
    // "Über-SLO für Zürich" becomes uber-slo-fur-zurich, not ber-slo-f-r-z-rich.
    let title = deunicode::deunicode(title);
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if base.len() + word.len() + 1 > 48 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(&word.to_ascii_lowercase());
    }
    if base.is_empty() {
        base = format!("{category}-prompt");
    }
    if taken.place(&base).is_none() {
        return base;
    }
    (2..100_000)
        .map(|n| format!("{base}-{n}"))
        .find(|id| taken.place(id).is_none())
        .unwrap_or(base)
}

/// The fewest points a prompt of `category` needs: what the checker requires.
#[must_use]
pub fn minimum_points(category: &str) -> usize {
    schema::minimum_points(&Category::new(category))
}

// ---------------------------------------------------------------------------
// The dialogue.

const NEW_CATEGORY: &str = "a new category (type its name)";

/// Asks `question` until `check` accepts the answer.
fn ask_until<T>(
    ask: &mut dyn Prompter,
    question: &str,
    default: Option<&str>,
    check: impl Fn(&str) -> Result<T, String>,
) -> Result<T, Stop> {
    let line = ask.line_checked(question, default, &|line| check(line).map(|_| ()))?;
    check(&line).map_err(|complaint| Stop::Failed(anyhow::anyhow!(complaint)))
}

/// A list of single-line items with at least `minimum` of them.
fn ask_list(ask: &mut dyn Prompter, question: &str, minimum: usize) -> Result<Vec<String>, Stop> {
    let mut items: Vec<String> = Vec::new();
    loop {
        let more = ask.lines(question, false)?;
        items.extend(more.iter().map(|l| l.trim().to_owned()));
        if items.len() >= minimum {
            return Ok(items);
        }
        ask.complain(&format!(
            "{} so far; at least {minimum} are needed, so add {} more, one per line",
            items.len(),
            minimum - items.len()
        ))?;
    }
}

/// The questions, in the order of the plain protocol in `sre-drill add --help`.
///
/// # Errors
/// End of input, Ctrl-C, or the terminal failed.
pub fn dialogue(ask: &mut dyn Prompter, known: &Known, menus: bool) -> Result<Draft, Stop> {
    let category = if menus {
        let mut items: Vec<&str> = known.categories.iter().map(String::as_str).collect();
        items.push(NEW_CATEGORY);
        let picked = ask.choose("Category", &items, 0)?;
        if picked == NEW_CATEGORY {
            ask_until(
                ask,
                "New category name (like linux-internals)",
                None,
                check_category,
            )?
        } else {
            picked
        }
    } else {
        let question = format!(
            "Category ({}, or your own, like linux-internals)",
            Category::BUILT_IN.join(", ")
        );
        ask_until(ask, &question, None, check_category)?
    };
    let is_company = category == "company";

    let title = ask_until(ask, "Title (one line)", None, |line| {
        let title = line.trim();
        if title.is_empty() {
            Err("the title cannot be empty; give a short name for the prompt".to_owned())
        } else {
            Ok(title.to_owned())
        }
    })?;

    let suggested = suggest_id(&title, &category, &known.taken);
    let id = ask_until(
        ask,
        "Id, stable because history refers to it",
        Some(&suggested),
        |l| check_id(l, &known.taken),
    )?;

    let level = loop {
        let picked = ask.choose("Level", &["entry", "mid", "senior"], 1)?;
        match check_level(&picked) {
            Ok(level) => break level,
            Err(complaint) => ask.complain(&complaint)?,
        }
    };

    let tags_question = "Tags, like: networking, linux (may be empty)";
    let tags = parse_tags(&ask.line(tags_question, None)?);
    for tag in &tags {
        if !SKILL_AREAS.contains(&tag.as_str()) {
            let hint = did_you_mean(tag, SKILL_AREAS)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            ask.say(&format!(
                "warning: tag '{tag}' is not a known skill area{hint} (kept; `plan` only knows the skill areas)"
            ))?;
        }
    }

    let default_minutes = Category::new(&category).default_minutes().to_string();
    let minutes = ask_until(
        ask,
        "Time box in minutes (1-180)",
        Some(&default_minutes),
        check_minutes,
    )?;

    let prompt = loop {
        let lines = ask.lines("Prompt text, as the interviewer would say it", true)?;
        let text = lines.join("\n");
        let text = text.trim_end().trim_start_matches(['\n', '\r']);
        if text.trim().is_empty() {
            ask.complain("the prompt text cannot be empty; type it, then a line `.`")?;
        } else {
            break text.to_owned();
        }
    };

    let hints = ask_list(ask, "Hints, shown only on request", 0)?;
    let minimum = minimum_points(&category);
    let mut draft = Draft {
        category,
        id,
        title,
        level,
        tags,
        minutes,
        prompt,
        hints,
        rubric: Vec::new(),
        pitfalls: Vec::new(),
        why: None,
        listen_for: Vec::new(),
        red_flags: Vec::new(),
        follow_ups: Vec::new(),
        scenario: None,
        facts: Vec::new(),
    };
    if is_company {
        let why = ask.line(
            "Why ask it: what the answer reveals (one line, may be empty)",
            None,
        )?;
        draft.why = Some(why.trim().to_owned()).filter(|w| !w.is_empty());
        draft.listen_for = ask_list(
            ask,
            &format!("Listen for: good signs in their answer, at least {minimum}"),
            minimum,
        )?;
        draft.red_flags = ask_list(ask, "Red flags in their answer", 0)?;
    } else {
        draft.rubric = ask_list(
            ask,
            &format!("Rubric: what a strong answer covers, at least {minimum}"),
            minimum,
        )?
        .iter()
        .map(|p| RubricPoint::plain(p))
        .collect();
        draft.pitfalls = ask_list(ask, "Pitfalls an interviewer would note", 0)?;
    }
    draft.follow_ups = ask_list(ask, "Follow-up questions", 0)?
        .iter()
        .map(|f| FollowUp::plain(f))
        .collect();
    // The questions below came later: input that ends before them gives none of them,
    // so older answer files keep working.
    let ended = match grading_questions(ask, &mut draft) {
        Err(Stop::EndOfInput) => true,
        other => {
            other?;
            false
        }
    };
    if ended {
        return Ok(draft);
    }
    if draft.category == "troubleshooting" {
        optional(scenario_question(ask, &mut draft))?;
    } else if !is_company {
        optional(facts_question(ask, &mut draft))?;
    }
    Ok(draft)
}

/// End of input at an optional question is an empty answer.
fn optional(asked: Result<(), Stop>) -> Result<(), Stop> {
    match asked {
        Err(Stop::EndOfInput) => Ok(()),
        other => other,
    }
}

/// Must-have points and the words to listen for, for the rubric and the follow-ups.
fn grading_questions(ask: &mut dyn Prompter, draft: &mut Draft) -> Result<(), Stop> {
    if !draft.rubric.is_empty() {
        let total = draft.rubric.len();
        let must = ask_until(
            ask,
            &format!(
                "Must-haves: numbers of the points an answer cannot miss, like `2` (1-{total}; may be empty)"
            ),
            None,
            |line| add_lines::parse_must(line, total),
        )?;
        for n in must {
            draft.rubric[n - 1].must = true;
        }
        for (n, phrases) in ask_listen(
            ask,
            &format!(
                "Listen for: `N: phrase, phrase` per point, words that show point N was covered ({})",
                numbers(total)
            ),
            total,
        )? {
            draft.rubric[n - 1].listen_for.extend(phrases);
        }
    }
    if !draft.follow_ups.is_empty() {
        let total = draft.follow_ups.len();
        for (n, phrases) in ask_listen(
            ask,
            &format!(
                "Follow-ups, listen for: `N: phrase, phrase` per follow-up ({})",
                numbers(total)
            ),
            total,
        )? {
            draft.follow_ups[n - 1].listen_for.extend(phrases);
        }
    }
    Ok(())
}

/// The numbers a line may name: `1` for one, `1-3` for more.
fn numbers(total: usize) -> String {
    if total == 1 {
        "1".to_owned()
    } else {
        format!("1-{total}")
    }
}

/// `N: phrase, phrase` lines until an empty line; a bad line is named and asked again.
fn ask_listen(
    ask: &mut dyn Prompter,
    question: &str,
    total: usize,
) -> Result<Vec<(usize, Vec<String>)>, Stop> {
    let mut found = Vec::new();
    let mut question = question.to_owned();
    loop {
        let mut bad = None;
        for line in ask.lines(&question, false)? {
            match add_lines::parse_listen(&line, total) {
                Ok(entry) => found.push(entry),
                Err(why) => {
                    bad.get_or_insert(why);
                }
            }
        }
        match bad {
            None => return Ok(found),
            Some(why) => {
                ask.complain(&format!("{why}; the other lines were kept"))?;
                "Listen for, the lines to fix (empty line ends)".clone_into(&mut question);
            }
        }
    }
}

/// Scenario lines for a troubleshooting prompt, up to a line `.`; none leaves it out.
/// The whole prompt is checked with the scenario, so a problem is fixed here.
fn scenario_question(ask: &mut dyn Prompter, draft: &mut Draft) -> Result<(), Stop> {
    let question = "Scenario: what the interviewer answers, one entry per line (`sre-drill add --help` lists the forms; a line `.` alone for none)";
    let mut checked = draft.clone();
    draft.scenario = ask_scenario(ask, question, &mut |scenario| {
        checked.scenario = Some(scenario.clone());
        crate::bank::check_draft(&checked, "the new prompt")
    })?;
    Ok(())
}

/// Clarifying answers for any other prompt (design, coding, reliability): `fact:` lines
/// up to a line `.`; none leaves them out. A bad line is named and all asked again.
fn facts_question(ask: &mut dyn Prompter, draft: &mut Draft) -> Result<(), Stop> {
    let mut question = "Clarifying facts: one `fact: PHRASES => REPLY` per line, what the interviewer answers when asked (a line `.` alone for none)".to_owned();
    loop {
        let mut facts = Vec::new();
        let mut bad = None;
        for line in ask.lines(&question, true)? {
            if line.trim().is_empty() {
                continue;
            }
            match add_lines::parse_scenario_line(&line) {
                Ok(add_lines::ScenarioLine::Fact(reply)) => facts.push(reply),
                Ok(_) => {
                    bad.get_or_insert(format!(
                        "'{}' is not a fact; only `fact: PHRASES => REPLY` lines go here",
                        line.trim()
                    ));
                }
                Err(why) => {
                    bad.get_or_insert(why);
                }
            }
        }
        let problem = match bad {
            Some(why) => why,
            None => {
                let mut checked = draft.clone();
                checked.facts.clone_from(&facts);
                match crate::bank::check_draft(&checked, "the new prompt") {
                    Ok(()) => {
                        draft.facts = facts;
                        return Ok(());
                    }
                    Err(why) => why,
                }
            }
        };
        ask.complain(&format!("{problem}; give the facts again"))?;
        "Clarifying facts, again: every line, up to a line `.`".clone_into(&mut question);
    }
}

/// Scenario lines up to a line `.`, until they parse, hold one cause and pass `check`;
/// `None` for no lines. A problem is named and the whole scenario asked again.
fn ask_scenario(
    ask: &mut dyn Prompter,
    question: &str,
    check: &mut dyn FnMut(&Scenario) -> Result<(), String>,
) -> Result<Option<Scenario>, Stop> {
    let mut question = question.to_owned();
    loop {
        let mut lines = Vec::new();
        let mut bad = None;
        for line in ask.lines(&question, true)? {
            if line.trim().is_empty() {
                continue;
            }
            match add_lines::parse_scenario_line(&line) {
                Ok(parsed) => lines.push(parsed),
                Err(why) => {
                    bad.get_or_insert(why);
                }
            }
        }
        let built = match bad {
            Some(why) => Err(why),
            None => add_lines::build_scenario(lines),
        };
        let problem = match built {
            Ok(None) => return Ok(None),
            Ok(Some(scenario)) => match check(&scenario) {
                Ok(()) => return Ok(Some(scenario)),
                Err(why) => why,
            },
            Err(why) => why,
        };
        ask.complain(&format!("{problem}; give the scenario again"))?;
        "Scenario, again: every entry, up to a line `.`".clone_into(&mut question);
    }
}

/// `sre-drill add --scenario ID`: a scenario for a troubleshooting prompt in one of the
/// user's own files, inserted into that prompt's entry.
fn run_scenario(config: &Config, id: &str, plain: bool) -> Result<()> {
    let bank = super::load_bank(config)?;
    let Some(prompt) = bank.prompts.iter().find(|p| p.id.0 == id) else {
        let ids: Vec<&str> = bank.prompts.iter().map(|p| p.id.0.as_str()).collect();
        let hint = did_you_mean(id, &ids)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(bad_input!(
            "--scenario {id}: no prompt has that id{hint} (`sre-drill list` shows them)"
        ));
    };
    let Source::File(path) = &prompt.source else {
        return Err(bad_input!(
            "--scenario {id}: '{id}' is a built-in prompt, and add changes only your own prompt files; `sre-drill add` a prompt of your own, then give it a scenario"
        ));
    };
    if prompt.category.is_company() {
        return Err(bad_input!(
            "--scenario {id}: '{id}' is a company question, which you ask; scenarios are for prompts the interviewer answers"
        ));
    }
    if *path == config.stories_file() {
        return Err(bad_input!(
            "--scenario {id}: '{id}' is one of your stories, which you tell; scenarios are for prompts the interviewer answers"
        ));
    }
    let shown = path.display().to_string();
    let Some(text) = read_target(path)? else {
        return Err(bad_input!("{shown} no longer exists; nothing was written"));
    };
    add_scenario_to(&text, id, &probe_scenario(), &shown).map_err(|why| bad_input!("{why}"))?;
    check_writable(path)?;

    let interactive = config.terminal && !plain;
    let mut ask = Tracked {
        inner: crate::console::prompter(interactive, config.color),
        last: String::new(),
        what: "prompt",
        help: "sre-drill add",
    };
    if interactive {
        ask.say(&format!("A scenario for '{}' in {shown}.", prompt.title))
            .map_err(|s| ask.stop(s))?;
    }
    let question = format!(
        "Scenario for '{id}': one entry per line (`sre-drill add --help` lists the forms; a line `.` alone for none)"
    );
    let asked = ask_scenario(&mut ask, &question, &mut |scenario| {
        add_scenario_to(&text, id, scenario, &shown).map(|_| ())
    });
    let scenario = match asked {
        Ok(Some(scenario)) => scenario,
        Ok(None) => {
            ask.say("No entries: nothing was written.")
                .map_err(|s| ask.stop(s))?;
            return Ok(());
        }
        Err(s) => return Err(ask.stop(s)),
    };
    // Read the file again: it may have changed while the questions were answered.
    let current = read_target(path)?.unwrap_or_default();
    let new_text = add_scenario_to(&current, id, &scenario, &shown)
        .map_err(|why| bad_input!("{why}; nothing was written"))?;
    if interactive {
        match ask.confirm(&format!("Add this scenario to '{id}' in {shown}?"), true) {
            Ok(true) => {}
            Ok(false) => {
                ask.say("Nothing was written.").map_err(|s| ask.stop(s))?;
                return Ok(());
            }
            Err(s) => return Err(ask.stop(s)),
        }
    }
    write_atomically(path, new_text.as_bytes())?;
    drop(ask);
    let mut out = io::stdout().lock();
    crate::render::add::added(&mut out, &Added::Scenario { id, file: &shown })?;
    out.flush()?;
    Ok(())
}

/// The smallest scenario, to check before asking that the prompt can take one.
fn probe_scenario() -> Scenario {
    Scenario {
        facts: Vec::new(),
        evidence: vec![crate::bank::Evidence {
            id: "probe".to_owned(),
            ask: vec!["probe check".to_owned()],
            say: "Probe.".to_owned(),
            key: true,
        }],
        risky: Vec::new(),
        cause: crate::bank::Reply {
            ask: vec!["probe cause".to_owned()],
            say: "Probe.".to_owned(),
        },
        fixes: Vec::new(),
        timeline: Vec::new(),
        otherwise: None,
    }
}

// ---------------------------------------------------------------------------
// The command.

/// `sre-drill add [--file F] [--plain]`.
///
/// # Errors
/// A broken target file, input ending before the prompt is complete (bad input),
/// Ctrl-C ([`Interrupted`]), or the file cannot be written.
pub fn run(
    config: &Config,
    file: Option<&Path>,
    plain: bool,
    scenario: Option<&str>,
) -> Result<()> {
    if let Some(id) = scenario {
        return run_scenario(config, id, plain);
    }
    let path = file.map_or_else(
        || config.user_drills().join("custom.yaml"),
        Path::to_path_buf,
    );
    let shown = path.display().to_string();

    // Refuse a broken file (or one that cannot take an append, or cannot be written)
    // before asking anything.
    if path.is_dir() {
        return Err(bad_input!(
            "{shown} is a folder; give --file a file name, like {}",
            path.join("custom.yaml").display()
        ));
    }
    let before = read_target(&path)?;
    check_writable(&path)?;
    if let Some(text) = &before {
        append_to(Some(text), &probe_draft(), &shown).map_err(|reason| bad_input!("{reason}"))?;
    }

    let bank = super::load_bank(config)?;
    let mut known = Known {
        categories: bank.categories().iter().map(ToString::to_string).collect(),
        taken: Taken::default(),
    };
    for builtin in Category::BUILT_IN {
        if !known.categories.iter().any(|c| c == builtin) {
            known.categories.push(builtin.to_owned());
        }
    }
    for p in &bank.prompts {
        let place = match &p.source {
            Source::BuiltIn => format!("the built-in prompt '{}'", p.title),
            Source::File(file) => format!("'{}' in {}", p.title, file.display()),
        };
        known.taken.insert(&p.id.0, place);
    }
    if let Some(text) = &before {
        let parsed = parse_prompt_file(&shown, text, &Source::File(path.clone()));
        for (id, line, _) in parsed.ids {
            known
                .taken
                .insert(&id, format!("a prompt in {shown}:{line}"));
        }
    }

    let interactive = config.terminal && !plain;
    let inner = crate::console::prompter(interactive, config.color);
    let mut ask = Tracked {
        inner,
        last: String::new(),
        what: "prompt",
        help: "sre-drill add",
    };
    if interactive {
        ask.say(&format!("A new prompt for {shown}."))
            .map_err(|s| ask.stop(s))?;
    }
    let draft = match dialogue(&mut ask, &known, interactive) {
        Ok(draft) => draft,
        Err(s) => return Err(ask.stop(s)),
    };

    // Read the file again: it may have changed while the questions were answered.
    let current = read_target(&path)?;
    let text = append_to(current.as_deref(), &draft, &shown)
        .map_err(|reason| bad_input!("{reason}; nothing was written"))?;
    if interactive {
        let item = item_yaml(&draft, 2)?;
        ask.say(&format!("\n{item}")).map_err(|s| ask.stop(s))?;
        match ask.confirm(&format!("Add this prompt to {shown}?"), true) {
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
    if is_loaded(config, &path) {
        crate::render::add::added(
            &mut out,
            &Added::Loaded {
                id: &draft.id,
                file: &shown,
                category: &draft.category,
            },
        )?;
    } else {
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| ".".to_owned(), |p| p.display().to_string());
        crate::render::add::added(
            &mut out,
            &Added::Elsewhere {
                id: &draft.id,
                file: &shown,
                category: &draft.category,
                prompt_folder: &config.user_drills().display().to_string(),
                folder: &folder,
                rename: !is_prompt_file_name(&path),
            },
        )?;
    }
    out.flush()?;
    Ok(())
}

/// The target file's text, or `None` when it does not exist yet.
fn read_target(path: &Path) -> Result<Option<String>> {
    if !path.exists() && fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    let bytes = read_prompt_file(path)
        .map_err(|problem| bad_input!("{}: {problem}; add will not change it", path.display()))?;
    String::from_utf8(bytes).map(Some).map_err(|_| {
        bad_input!(
            "{} is not valid UTF-8 text, so add will not change it; run `sre-drill validate {}`",
            path.display(),
            path.display()
        )
    })
}

/// A valid prompt used only to check, before asking, that the file accepts an append.
fn probe_draft() -> Draft {
    Draft {
        category: "probe".to_owned(),
        id: "sre-drill-add-layout-probe".to_owned(),
        title: "Probe".to_owned(),
        level: "mid".to_owned(),
        minutes: 10,
        prompt: "Probe".to_owned(),
        rubric: vec![RubricPoint::plain("Probe")],
        ..Draft::default()
    }
}

/// Whether the bank loads this file: a `*.yaml` under the prompt folder or a `--bank`.
fn is_loaded(config: &Config, path: &Path) -> bool {
    let Ok(file) = fs::canonicalize(path) else {
        return false;
    };
    is_prompt_file_name(path)
        && std::iter::once(config.user_drills())
            .chain(config.banks.iter().cloned())
            .filter_map(|dir| fs::canonicalize(dir).ok())
            .any(|dir| file.starts_with(dir))
}

/// Remembers the last question, so an early end of input can name it.
pub(super) struct Tracked {
    pub(super) inner: Box<dyn Prompter>,
    pub(super) last: String,
    /// What is being written ("prompt", "story") and the command whose `--help` lists
    /// the lines to give.
    pub(super) what: &'static str,
    pub(super) help: &'static str,
}

impl Tracked {
    pub(super) fn stop(&self, stop: Stop) -> anyhow::Error {
        match stop {
            Stop::EndOfInput => bad_input!(
                "input ended at the question '{}' before the {} was complete; nothing was written (`{} --help` lists the lines to give)",
                self.last,
                self.what,
                self.help
            ),
            Stop::Interrupted => {
                // Ctrl-C leaves the cursor after the question: end that line, and say so.
                let _ = writeln!(io::stderr(), "\nStopped: nothing was written.");
                stop.into_error()
            }
            Stop::Failed(_) => stop.into_error(),
        }
    }
}

impl Prompter for Tracked {
    fn is_terminal(&self) -> bool {
        self.inner.is_terminal()
    }

    fn line(&mut self, question: &str, default: Option<&str>) -> Result<String, Stop> {
        question.clone_into(&mut self.last);
        self.inner.line(question, default)
    }

    fn line_checked(
        &mut self,
        question: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Stop> {
        question.clone_into(&mut self.last);
        self.inner.line_checked(question, default, check)
    }

    fn choose(&mut self, question: &str, items: &[&str], default: usize) -> Result<String, Stop> {
        question.clone_into(&mut self.last);
        self.inner.choose(question, items, default)
    }

    fn choose_several(
        &mut self,
        question: &str,
        items: &[String],
        ticked: &[bool],
    ) -> Result<Vec<usize>, Stop> {
        question.clone_into(&mut self.last);
        self.inner.choose_several(question, items, ticked)
    }

    fn lines(&mut self, question: &str, until_dot: bool) -> Result<Vec<String>, Stop> {
        question.clone_into(&mut self.last);
        self.inner.lines(question, until_dot)
    }

    fn confirm(&mut self, question: &str, default: bool) -> Result<bool, Stop> {
        question.clone_into(&mut self.last);
        self.inner.confirm(question, default)
    }

    fn complain(&mut self, text: &str) -> Result<(), Stop> {
        self.inner.complain(text)
    }

    fn say(&mut self, text: &str) -> Result<(), Stop> {
        self.inner.say(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(ids: &[&str]) -> Taken {
        let mut taken = Taken::default();
        for id in ids {
            taken.insert(id, "a test".to_owned());
        }
        taken
    }

    #[test]
    fn ids_are_suggested_from_the_title_and_kept_unique() {
        let none = taken(&[]);
        assert_eq!(
            suggest_id("Design a URL shortener!", "design", &none),
            "design-a-url-shortener"
        );
        assert_eq!(
            suggest_id(
                "Design a URL shortener",
                "design",
                &taken(&["design-a-url-shortener", "design-a-url-shortener-2"])
            ),
            "design-a-url-shortener-3"
        );
        assert_eq!(suggest_id("日本語", "design", &none), "ri-ben-yu");
        assert_eq!(
            suggest_id("Über-SLO für Zürich", "reliability", &none),
            "uber-slo-fur-zurich"
        );
        assert_eq!(suggest_id("", "design", &none), "design-prompt");
        let long = suggest_id(&"word ".repeat(40), "design", &none);
        assert!(long.len() <= 48 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn single_answers_are_checked_with_a_sentence() {
        assert_eq!(check_category(" Design "), Ok("design".to_owned()));
        assert!(
            check_category("big cat")
                .unwrap_err()
                .contains("lower-case words")
        );
        assert!(check_category("").unwrap_err().contains("give a category"));
        assert_eq!(check_id("a-1", &taken(&[])), Ok("a-1".to_owned()));
        assert!(
            check_id("A_1", &taken(&[]))
                .unwrap_err()
                .contains("not an id")
        );
        assert!(
            check_id("a-1", &taken(&["a-1"]))
                .unwrap_err()
                .contains("already used by a test")
        );
        assert_eq!(check_level("Senior"), Ok("senior".to_owned()));
        assert!(check_level("expert").is_err());
        assert_eq!(check_minutes("180"), Ok(180));
        assert!(check_minutes("0").is_err());
        assert!(check_minutes("ten").is_err());
        assert_eq!(
            parse_tags("Linux, cloud linux\tgit"),
            ["linux", "cloud", "git"]
        );
    }

    #[test]
    fn the_minimum_points_match_the_checker() {
        assert_eq!(minimum_points("coding"), 2);
        assert_eq!(minimum_points("company"), 2);
        assert_eq!(minimum_points("design"), 2);
        assert_eq!(minimum_points("linux-internals"), 1);
    }
}
