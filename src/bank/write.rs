//! Writing a prompt into a prompt file without ever breaking the file.
//!
//! A [`Draft`] is serialised with serde-saphyr (block scalars for multi-line text,
//! quotes wherever YAML could misread a value) and appended to the file's `prompts:`
//! list as text, so comments and formatting stay byte for byte. The new text is run
//! through the checker before anything is written: it must hold every old prompt plus
//! the new one, read back exactly as drafted. [`write_atomically`] then replaces the file
//! through a synced temp file and a rename. Nothing here asks or prints.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

use super::parse::{Severity, parse_prompt_file};
use super::types::{FollowUp, Prompt, RubricPoint, Scenario, Source};

/// A prompt as the dialogue collected it, before it is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub category: String,
    pub id: String,
    pub title: String,
    pub level: String,
    pub tags: Vec<String>,
    pub minutes: u32,
    pub prompt: String,
    pub hints: Vec<String>,
    pub rubric: Vec<RubricPoint>,
    pub pitfalls: Vec<String>,
    pub why: Option<String>,
    pub listen_for: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_ups: Vec<FollowUp>,
    /// What the interviewer answers (troubleshooting prompts); `None` leaves it out.
    pub scenario: Option<Scenario>,
    /// Clarifying answers (any prompt but a company question); empty leaves them out.
    pub facts: Vec<super::types::Reply>,
}

/// Phrases as the built-in files write them: `[a, b]` on one line.
type Phrases<'a> = serde_saphyr::FlowSeq<&'a [String]>;

#[allow(clippy::trivially_copy_pass_by_ref)] // serde hands the field by reference
fn no_phrases(p: &Phrases<'_>) -> bool {
    p.0.is_empty()
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn not(b: &bool) -> bool {
    !*b
}

/// A rubric point as the files write it: a plain string unless it is a must-have or
/// has words to listen for.
#[derive(Serialize)]
#[serde(untagged)]
enum PointItem<'a> {
    Plain(&'a str),
    Full {
        point: &'a str,
        #[serde(skip_serializing_if = "not")]
        must: bool,
        #[serde(skip_serializing_if = "no_phrases")]
        listen_for: Phrases<'a>,
    },
}

impl<'a> From<&'a RubricPoint> for PointItem<'a> {
    fn from(p: &'a RubricPoint) -> Self {
        if p.must || !p.listen_for.is_empty() {
            Self::Full {
                point: &p.point,
                must: p.must,
                listen_for: serde_saphyr::FlowSeq(&p.listen_for),
            }
        } else {
            Self::Plain(&p.point)
        }
    }
}

/// A follow-up as the files write it: a plain string unless it has more than the
/// question.
#[derive(Serialize)]
#[serde(untagged)]
enum FollowUpItem<'a> {
    Plain(&'a str),
    Full {
        ask: &'a str,
        #[serde(skip_serializing_if = "no_phrases")]
        listen_for: Phrases<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        minutes: Option<u32>,
    },
}

impl<'a> From<&'a FollowUp> for FollowUpItem<'a> {
    fn from(f: &'a FollowUp) -> Self {
        if f.listen_for.is_empty() && f.minutes.is_none() {
            Self::Plain(&f.ask)
        } else {
            Self::Full {
                ask: &f.ask,
                listen_for: serde_saphyr::FlowSeq(&f.listen_for),
                minutes: f.minutes,
            }
        }
    }
}

/// A scenario as the built-in files write it: phrase lists on one line.
#[derive(Serialize)]
struct ScenarioItem<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    facts: Vec<ReplyItem<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<EvidenceItem<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    risky: Vec<ReplyItem<'a>>,
    cause: ReplyItem<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<FixItem<'a>>,
    #[serde(skip_serializing_if = "<[super::types::Event]>::is_empty")]
    timeline: &'a [super::types::Event],
    #[serde(skip_serializing_if = "Option::is_none")]
    otherwise: Option<&'a str>,
}

#[derive(Serialize)]
struct ReplyItem<'a> {
    ask: Phrases<'a>,
    say: &'a str,
}

impl<'a> From<&'a super::types::Reply> for ReplyItem<'a> {
    fn from(r: &'a super::types::Reply) -> Self {
        Self {
            ask: serde_saphyr::FlowSeq(&r.ask),
            say: &r.say,
        }
    }
}

#[derive(Serialize)]
struct FixItem<'a> {
    ask: Phrases<'a>,
    say: &'a str,
    good: bool,
}

#[derive(Serialize)]
struct EvidenceItem<'a> {
    id: &'a str,
    ask: Phrases<'a>,
    say: &'a str,
    #[serde(skip_serializing_if = "not")]
    key: bool,
}

impl<'a> From<&'a Scenario> for ScenarioItem<'a> {
    fn from(s: &'a Scenario) -> Self {
        let reply = ReplyItem::from;
        Self {
            facts: s.facts.iter().map(reply).collect(),
            evidence: s
                .evidence
                .iter()
                .map(|e| EvidenceItem {
                    id: &e.id,
                    ask: serde_saphyr::FlowSeq(&e.ask),
                    say: &e.say,
                    key: e.key,
                })
                .collect(),
            risky: s.risky.iter().map(reply).collect(),
            cause: reply(&s.cause),
            fixes: s
                .fixes
                .iter()
                .map(|f| FixItem {
                    ask: serde_saphyr::FlowSeq(&f.ask),
                    say: &f.say,
                    good: f.good,
                })
                .collect(),
            timeline: &s.timeline,
            otherwise: s.otherwise.as_deref(),
        }
    }
}

/// The YAML shape of one prompt, in the order the built-in files use.
#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    title: &'a str,
    category: &'a str,
    level: &'a str,
    #[serde(skip_serializing_if = "no_tags")]
    tags: serde_saphyr::FlowSeq<&'a [String]>,
    minutes: u32,
    prompt: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    hints: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rubric: Vec<PointItem<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pitfalls: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    listen_for: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    red_flags: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    follow_ups: Vec<FollowUpItem<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scenario: Option<ScenarioItem<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    facts: Vec<ReplyItem<'a>>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde hands the field by reference
fn no_tags(tags: &serde_saphyr::FlowSeq<&[String]>) -> bool {
    tags.0.is_empty()
}

/// The draft as one YAML list item (`- id: ...`), with `indent` spaces before the dash.
/// Multi-line text becomes a block scalar; anything YAML could misread is quoted.
///
/// # Errors
/// The serializer failed (a bug: every field is plain text or a number).
pub fn item_yaml(draft: &Draft, indent: usize) -> Result<String> {
    let item = Item {
        id: &draft.id,
        title: &draft.title,
        category: &draft.category,
        level: &draft.level,
        tags: serde_saphyr::FlowSeq(&draft.tags),
        minutes: draft.minutes,
        prompt: &draft.prompt,
        hints: &draft.hints,
        rubric: draft.rubric.iter().map(PointItem::from).collect(),
        pitfalls: &draft.pitfalls,
        why: draft.why.as_deref(),
        listen_for: &draft.listen_for,
        red_flags: &draft.red_flags,
        follow_ups: draft.follow_ups.iter().map(FollowUpItem::from).collect(),
        scenario: draft.scenario.as_ref().map(ScenarioItem::from),
        facts: draft.facts.iter().map(ReplyItem::from).collect(),
    };
    // Lists indented under their key, as in the built-in files.
    let options = serde_saphyr::ser_options! { compact_list_indent: false };
    let yaml = serde_saphyr::to_string_with_options(&[item], options)
        .context("cannot write the prompt as YAML")?;
    Ok(indented(&yaml, indent, "\n"))
}

/// `yaml` with `indent` spaces before every line and `eol` after it. Blank lines stay
/// empty: spaces on them would join a block scalar's text.
fn indented(yaml: &str, indent: usize, eol: &str) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::with_capacity(yaml.len() + 64);
    for line in yaml.lines() {
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
        out.push_str(eol);
    }
    out
}

/// The file as the checker reads it, or the sentence that says add will not change it.
fn without_errors(existing: &str, shown: &str) -> Result<super::Parsed, String> {
    let parsed = parse_prompt_file(shown, existing, &Source::File(PathBuf::from(shown)));
    if let Some(problem) = parsed
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
    {
        return Err(format!(
            "{shown} has errors, so add will not change it ({problem}); run `sre-drill validate {shown}` and fix it first"
        ));
    }
    Ok(parsed)
}

/// The whole new file text: `existing` with the draft appended to its `prompts:` list
/// (or a new file when `existing` is `None`, empty, or only comments). The result is
/// checked with the bank's checker: it must have no error, hold every prompt it held
/// before plus this one, and read this one back exactly as drafted.
///
/// # Errors
/// A sentence: the checker's first error, or why the file's layout does not allow a
/// safe append.
pub fn append_to(existing: Option<&str>, draft: &Draft, shown: &str) -> Result<String, String> {
    let blank = existing.is_none_or(|text| {
        text.lines().all(|l| {
            let t = l.trim_start_matches('\u{feff}').trim();
            t.is_empty() || t.starts_with('#')
        })
    });
    let expected = expected_prompt(draft, shown)?;
    let crlf = existing.is_some_and(|t| t.contains("\r\n"));
    let eol = |text: String| {
        if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    };
    let item = |indent| item_yaml(draft, indent).map_err(|e| format!("{e:#}"));

    if blank {
        let mut text = existing.unwrap_or_default().to_owned();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&eol(format!("prompts:\n{}", item(2)?)));
        verify(&text, shown, 0, &expected)?;
        return Ok(text);
    }

    let existing = existing.unwrap_or_default();
    let before = without_errors(existing, shown)?;
    let (insert_at, dash) = layout(existing);
    // The first reason is from the layout read from the file: the one to report.
    let mut first_reason = None;
    for indent in [dash, Some(2), Some(0)].into_iter().flatten() {
        let mut text = existing[..insert_at].to_owned();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push_str(if crlf { "\r\n" } else { "\n" });
        }
        text.push_str(&eol(item(indent)?));
        text.push_str(&existing[insert_at..]);
        match verify(&text, shown, before.prompts.len(), &expected) {
            Ok(()) => return Ok(text),
            Err(reason) => {
                first_reason.get_or_insert(reason);
            }
        }
    }
    Err(format!(
        "cannot add to {shown} without breaking it ({}); if its `prompts:` list is not a block list of `- id: ...` items, add with --file to another file or edit it by hand",
        first_reason.unwrap_or_default()
    ))
}

/// The whole new file text: `existing` with `scenario` added to the prompt `id`, as
/// the last field of its item, so comments and formatting elsewhere stay byte for byte.
/// The result is checked like an append: no error, the same prompts, and this one read
/// back exactly as before plus the scenario.
///
/// # Errors
/// A sentence: the prompt is not in the file, already has a scenario, or the file's
/// layout does not allow a safe insert.
pub fn add_scenario_to(
    existing: &str,
    id: &str,
    scenario: &Scenario,
    shown: &str,
) -> Result<String, String> {
    let source = Source::File(PathBuf::from(shown));
    let before = without_errors(existing, shown)?;
    let Some(old) = before.prompts.iter().find(|p| p.id.0 == id) else {
        return Err(format!("{shown} has no prompt '{id}'"));
    };
    let root = super::yaml::parse(existing).map_err(|e| e.message)?;
    let (indent, end_line, scenario_line) = item_extent(&root, id)
        .ok_or_else(|| format!("cannot find where prompt '{id}' ends in {shown}"))?;
    if let Some(line) = scenario_line {
        return Err(format!(
            "prompt '{id}' already has a scenario at {shown}:{line}; add entries to it there (`sre-drill show {id}` shows it)"
        ));
    }
    let options = serde_saphyr::ser_options! { compact_list_indent: false };
    let yaml = serde_saphyr::to_string_with_options(
        &ScenarioField {
            scenario: ScenarioItem::from(scenario),
        },
        options,
    )
    .map_err(|e| format!("cannot write the scenario as YAML: {e}"))?;
    let crlf = existing.contains("\r\n");
    let eol = if crlf { "\r\n" } else { "\n" };
    let block = indented(&yaml, indent, eol);
    let at = insert_offset(existing, end_line);
    let mut text = existing[..at].to_owned();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push_str(eol);
    }
    text.push_str(&block);
    text.push_str(&existing[at..]);

    let after = parse_prompt_file(shown, &text, &source);
    if let Some(problem) = after
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
    {
        return Err(format!(
            "cannot add the scenario to {shown} without breaking it ({problem}); add it by hand"
        ));
    }
    let mut expected = old.clone();
    expected.scenario = Some(scenario.clone());
    let same_count = after.prompts.len() == before.prompts.len();
    match after.prompts.iter().find(|p| p.id.0 == id) {
        Some(found) if same_count && *found == expected => Ok(text),
        _ => Err(format!(
            "cannot add the scenario to {shown}: the prompt would not read back as written; add it by hand"
        )),
    }
}

/// The `scenario:` field alone, for inserting into an existing item.
#[derive(Serialize)]
struct ScenarioField<'a> {
    scenario: ScenarioItem<'a>,
}

/// For the item of prompt `id` in `prompts:`: its keys' indent (in spaces), the
/// 1-based line where the next item (or what follows the list) starts, if any, and
/// the line of its `scenario` key, if it has one.
fn item_extent(root: &super::yaml::Node, id: &str) -> Option<(usize, Option<u32>, Option<u32>)> {
    use super::yaml::Value;
    let Value::Map(top) = &root.value else {
        return None;
    };
    let position = top.iter().position(|(k, _)| k.text == "prompts")?;
    let (_, prompts) = &top[position];
    let Value::Seq(items) = &prompts.value else {
        return None;
    };
    let index = items.iter().position(|item| match &item.value {
        Value::Map(fields) => fields
            .iter()
            .any(|(k, v)| k.text == "id" && matches!(&v.value, Value::Str(s) if s == id)),
        _ => false,
    })?;
    let Value::Map(fields) = &items[index].value else {
        return None;
    };
    let first = fields.first()?;
    // A flow mapping (`- {id: ...}`) has no block to add a field to.
    if fields
        .iter()
        .any(|(k, _)| k.line == first.0.line && k.column != first.0.column)
    {
        return None;
    }
    let indent = usize::try_from(first.0.column.checked_sub(1)?).ok()?;
    let next = items
        .get(index + 1)
        .map(|n| n.line)
        .or_else(|| top.get(position + 1).map(|(k, _)| k.line));
    let scenario = fields
        .iter()
        .find(|(k, _)| k.text == "scenario")
        .map(|(k, _)| k.line);
    Some((indent, next, scenario))
}

/// The byte offset to insert at: before the line `end_line` (1-based) and the blank
/// and comment lines just above it, or the end of the text.
fn insert_offset(text: &str, end_line: Option<u32>) -> usize {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i <= text.len())
        .collect();
    let mut line = match end_line {
        Some(l) => (l as usize).saturating_sub(1).min(starts.len()),
        None => starts.len(),
    };
    // The line that starts at the very end is not a line.
    if line == starts.len() && starts.last() == Some(&text.len()) {
        line -= 1;
    }
    while line > 0 {
        let start = starts[line - 1];
        let end = starts.get(line).copied().unwrap_or(text.len());
        let t = text[start..end].trim();
        if t.is_empty() || t.starts_with('#') {
            line -= 1;
        } else {
            break;
        }
    }
    starts.get(line).copied().unwrap_or(text.len())
}

/// Where to insert a new item (byte offset: the end of the `prompts:` list) and the
/// column of the list's dashes, read from the text: the first top-level line after
/// `prompts:` that is not part of the list ends it.
fn layout(text: &str) -> (usize, Option<usize>) {
    let mut offset = 0;
    let mut in_prompts = false;
    let mut dash = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        let top_level = !trimmed.is_empty()
            && !trimmed.starts_with([' ', '\t', '#', '-'])
            && !trimmed.starts_with('\u{feff}');
        let key = trimmed.trim_start_matches('\u{feff}');
        if in_prompts && top_level {
            return (offset, dash);
        }
        if key.starts_with("prompts:") || key.starts_with("\"prompts\":") {
            in_prompts = true;
        } else if in_prompts && dash.is_none() {
            let indent = trimmed.len() - trimmed.trim_start_matches(' ').len();
            if trimmed[indent..].starts_with("- ") || &trimmed[indent..] == "-" {
                dash = Some(indent);
            }
        }
        offset += line.len();
    }
    (text.len(), dash)
}

/// Checks the draft alone with the bank's checker, as `append_to` will.
///
/// # Errors
/// The checker's first error, as one sentence.
pub fn check_draft(draft: &Draft, shown: &str) -> Result<(), String> {
    expected_prompt(draft, shown).map(|_| ())
}

/// The prompt the checker should read back from the draft.
fn expected_prompt(draft: &Draft, shown: &str) -> Result<Prompt, String> {
    let text = format!(
        "prompts:\n{}",
        item_yaml(draft, 2).map_err(|e| format!("{e:#}"))?
    );
    let parsed = parse_prompt_file(shown, &text, &Source::File(PathBuf::from(shown)));
    if let Some(problem) = parsed
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
    {
        // Positions refer to the snippet, not the file: keep only the sentence.
        return Err(format!("the new prompt is not valid: {}", problem.message));
    }
    parsed
        .prompts
        .into_iter()
        .next()
        .ok_or_else(|| "the new prompt did not read back".to_owned())
}

fn verify(text: &str, shown: &str, before: usize, expected: &Prompt) -> Result<(), String> {
    let parsed = parse_prompt_file(shown, text, &Source::File(PathBuf::from(shown)));
    if let Some(problem) = parsed
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
    {
        return Err(problem.to_string());
    }
    if parsed.prompts.len() != before + 1 {
        return Err(format!(
            "the file would hold {} prompts instead of {}",
            parsed.prompts.len(),
            before + 1
        ));
    }
    match parsed.prompts.iter().find(|p| p.id == expected.id) {
        Some(found) if found == expected => Ok(()),
        _ => Err("the new prompt would not read back as written".to_owned()),
    }
}

/// A new temp file in the folder of `path` (the file a symbolic link points at).
struct Temp {
    target: PathBuf,
    dir: PathBuf,
    path: PathBuf,
    file: fs::File,
}

impl Temp {
    fn beside(path: &Path) -> Result<Self> {
        let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
        let name = target
            .file_name()
            .map_or_else(|| "prompts".into(), |n| n.to_string_lossy().into_owned());
        let mut attempt = 0u32;
        loop {
            let tmp = dir.join(format!(".{name}.{}-{attempt}.tmp", std::process::id()));
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
            {
                Ok(file) => {
                    return Ok(Self {
                        target,
                        dir,
                        path: tmp,
                        file,
                    });
                }
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(err) => {
                    return Err(err).with_context(|| {
                        format!(
                            "cannot write in {}; check that the folder is writable",
                            dir.display()
                        )
                    });
                }
            }
        }
    }
}

/// Checks, before any work is asked of the user, that `path` could be written: its
/// folder exists (or is created) and takes a new file.
///
/// # Errors
/// The folder cannot be created or written.
pub fn check_writable(path: &Path) -> Result<()> {
    let temp = Temp::beside(path)?;
    drop(temp.file);
    let _ = fs::remove_file(&temp.path);
    Ok(())
}

/// Replaces `path` with `bytes` without ever leaving a partial file: a temp file in
/// the same folder, synced, then renamed over it (keeping the old file's permissions).
/// A symbolic link is followed, so the file it points at is the one replaced.
///
/// # Errors
/// The folder cannot be created or written.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let Temp {
        target,
        dir,
        path: tmp,
        mut file,
    } = Temp::beside(path)?;
    let written = (|| -> Result<()> {
        file.write_all(bytes)?;
        if let Ok(meta) = fs::metadata(&target) {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, &target)?;
        // Make the rename itself durable; not every platform can sync a folder.
        if let Ok(folder) = fs::File::open(&dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if let Err(err) = written {
        let _ = fs::remove_file(&tmp);
        return Err(err)
            .with_context(|| format!("cannot write {}; the file is unchanged", target.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft {
            category: "whiteboard".to_owned(),
            id: "design-cache".to_owned(),
            title: "Put a cache in front".to_owned(),
            level: "mid".to_owned(),
            tags: vec!["databases".to_owned()],
            minutes: 20,
            prompt: "Where does the cache go?\nWhat breaks?".to_owned(),
            rubric: vec![RubricPoint::plain("Measures the hit ratio")],
            ..Draft::default()
        }
    }

    fn scenario() -> Scenario {
        use super::super::types::{Evidence, Reply};
        Scenario {
            facts: vec![Reply {
                ask: vec!["sudo".into()],
                say: "Yes.".into(),
            }],
            evidence: vec![Evidence {
                id: "open-files".into(),
                ask: vec!["lsof +L1".into()],
                say: "COMMAND PID\nwebapp 2143".into(),
                key: true,
            }],
            risky: Vec::new(),
            cause: Reply {
                ask: vec!["held open".into()],
                say: "webapp holds it.".into(),
            },
            fixes: Vec::new(),
            timeline: Vec::new(),
            otherwise: None,
        }
    }

    const TWO: &str = "\
# my prompts
prompts:
  - id: ts-one
    title: One
    category: troubleshooting
    level: mid
    prompt: Why?
    rubric: [a, b]

  # the second one
  - id: ts-two
    title: Two
    category: troubleshooting
    level: mid
    prompt: Why?
    rubric: [a, b]
";

    #[test]
    fn a_scenario_goes_at_the_end_of_its_item_and_every_other_byte_stays() {
        let text = add_scenario_to(TWO, "ts-one", &scenario(), "mine.yaml").unwrap();
        let (head, tail) = text.split_at(text.find("    scenario:").expect("inserted"));
        assert_eq!(head, &TWO[..=TWO.find("\n\n  # the second").unwrap()]);
        assert!(
            tail.starts_with(
                "    scenario:\n      facts:\n        - ask: [sudo]\n          say: Yes.\n"
            ),
            "{tail}"
        );
        assert!(
            tail.ends_with(&TWO[TWO.find("\n  # the second").unwrap()..]),
            "{tail}"
        );
        let last = add_scenario_to(TWO, "ts-two", &scenario(), "mine.yaml").unwrap();
        assert!(
            last.starts_with(TWO),
            "appended after the last item: {last}"
        );
        let crlf = TWO.replace('\n', "\r\n");
        let text = add_scenario_to(&crlf, "ts-one", &scenario(), "mine.yaml").unwrap();
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "line ends stay CRLF"
        );
    }

    #[test]
    fn a_scenario_is_not_added_twice_nor_to_a_prompt_the_file_lacks() {
        let once = add_scenario_to(TWO, "ts-one", &scenario(), "mine.yaml").unwrap();
        let err = add_scenario_to(&once, "ts-one", &scenario(), "mine.yaml").unwrap_err();
        assert!(
            err.contains("already has a scenario at mine.yaml:9"),
            "{err}"
        );
        let err = add_scenario_to(TWO, "ts-three", &scenario(), "mine.yaml").unwrap_err();
        assert_eq!(err, "mine.yaml has no prompt 'ts-three'");
        let flow = "prompts:\n  - {id: ts-one, title: One, category: troubleshooting, level: mid, prompt: Why?, rubric: [a, b]}\n";
        assert!(add_scenario_to(flow, "ts-one", &scenario(), "f.yaml").is_err());
    }

    #[test]
    fn an_item_is_indented_under_its_dash_with_blank_lines_left_empty() {
        let mut d = draft();
        d.prompt = "First\n\nThird".to_owned();
        let yaml = item_yaml(&d, 2).unwrap();
        assert!(
            yaml.starts_with("  - id: design-cache\n    title: Put a cache in front\n"),
            "{yaml}"
        );
        assert!(
            yaml.contains("    prompt: |-\n      First\n\n      Third\n"),
            "{yaml}"
        );
        assert!(yaml.contains("    tags: [databases]\n"), "{yaml}");
        assert!(!yaml.contains("hints"), "empty lists are left out: {yaml}");
    }

    #[test]
    fn appending_reads_back_every_old_prompt_and_the_new_one() {
        let old = "category: whiteboard\nprompts:\n    -   id: design-a\n        title: A\n        level: mid\n        prompt: A.\n        rubric: [x]\n";
        let text = append_to(Some(old), &draft(), "f.yaml").unwrap();
        assert!(text.starts_with(old));
        let parsed = parse_prompt_file("f.yaml", &text, &Source::BuiltIn);
        assert!(!parsed.has_errors(), "{:?}", parsed.diagnostics);
        assert_eq!(parsed.prompts.len(), 2);
    }

    #[test]
    fn a_draft_the_checker_rejects_is_never_written() {
        let mut d = draft();
        d.rubric.clear();
        let err = append_to(None, &d, "f.yaml").unwrap_err();
        assert!(err.contains("rubric"), "{err}");
    }

    #[test]
    fn an_id_already_in_the_file_makes_the_append_fail() {
        let first = append_to(None, &draft(), "f.yaml").unwrap();
        let err = append_to(Some(&first), &draft(), "f.yaml").unwrap_err();
        assert!(err.contains("duplicate id"), "{err}");
    }

    #[test]
    fn the_atomic_write_keeps_permissions_and_follows_a_symlink() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.yaml");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temp file left"
        );
    }
}
