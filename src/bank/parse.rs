//! Checks a prompt file's tree and builds prompts, collecting every problem with its
//! line and column instead of stopping at the first.
//!
//! It checks what serde cannot: unknown fields (with a "did you mean"), empty text,
//! levels and categories outside the allowed sets, time boxes out of range, rubrics
//! shorter than the category's minimum. Ids duplicated across files are the loader's
//! business.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use super::types::{
    Category, Event, Evidence, Fix, FollowUp, Level, Prompt, PromptId, Reply, RubricPoint,
    SKILL_AREAS, Scenario, Source,
};
use super::yaml::{self, Key, Node, Value};
use crate::text::{did_you_mean, is_kebab};

mod check_block;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one file, printed as `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning: ",
            Severity::Error => "",
        };
        write!(
            f,
            "{}:{}:{}: {level}{}",
            one_line(&self.path),
            self.line.max(1),
            self.column.max(1),
            one_line(&self.message)
        )
    }
}

/// Control characters (a newline in a key, a tab in a file name) escaped, so every
/// diagnostic stays on one line for editors and `grep`.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_control) {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| {
                    if c.is_control() {
                        c.escape_default().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// What a file yielded: the prompts that passed, and every problem found.
#[derive(Debug, Default)]
pub struct Parsed {
    pub prompts: Vec<Prompt>,
    /// Where each prompt's id stands, for duplicate-id messages across files.
    pub id_positions: Vec<(u32, u32)>,
    /// Every well-formed id in the file with its line and column, including ids of
    /// prompts that have other errors, so duplicates across files are found at once.
    pub ids: Vec<(String, u32, u32)>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every `~name` vocabulary reference with its position, for the loader to check
    /// against the vocabulary (which a single file does not know).
    pub vocab_refs: Vec<(String, u32, u32)>,
}

impl Parsed {
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

use super::schema::{
    COMPANY_ONLY, EVENT_FIELDS, EVIDENCE_FIELDS, FILE_FIELDS, FIX_FIELDS, FOLLOW_UP_FIELDS,
    NOT_COMPANY, POINT_FIELDS, PROMPT_FIELDS, REPLY_FIELDS, SCENARIO_FIELDS,
};

/// Parses and checks one prompt file. `path` is how the file is named in messages.
#[must_use]
pub fn parse_prompt_file(path: &str, text: &str, source: &Source) -> Parsed {
    let mut checker = Checker::new(path, false);
    match yaml::parse(text) {
        Ok(root) => {
            checker.file(&root, source);
            checker.cut_by_comments(text);
        }
        Err(err) => {
            checker.error(err.line, err.column, err.message);
            // A tab used for indentation stops the YAML reader; read the file again
            // with those tabs as spaces, so its other problems are reported at once.
            // The file still has an error, so none of its prompts load.
            if let Some(root) = [4, 2, 8]
                .into_iter()
                .find_map(|width| detabbed(text, width).and_then(|t| yaml::parse(&t).ok()))
            {
                checker.file(&root, source);
                checker.out.prompts.clear();
                checker.out.id_positions.clear();
            }
        }
    }
    checker.out
}

/// The text with every tab in a line's indentation turned into `width` spaces, or
/// `None` when no line is indented with a tab.
fn detabbed(text: &str, width: usize) -> Option<String> {
    let mut changed = false;
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            let (lead, rest) = line.split_at(indent);
            if lead.contains('\t') {
                changed = true;
                format!("{}{rest}", lead.replace('\t', &" ".repeat(width)))
            } else {
                line.to_owned()
            }
        })
        .collect();
    changed.then(|| lines.join("\n"))
}

/// Reads a built-in prompt file from the tree build.rs made of it, for start-up.
///
/// The phrase checks (filler-only phrases, one phrase in two scenario entries) are left
/// out: they only ever report, they cost a third of start-up, and the bank tests run
/// every built-in file through [`parse_prompt_file`] with all of them, and compare what
/// this returns with what that returns.
#[must_use]
pub fn parse_built_in_tree(path: &str, root: &yaml::Node) -> Parsed {
    let mut checker = Checker::new(path, true);
    checker.file(root, &Source::BuiltIn);
    checker.out
}

/// Parses prompt text read from a file on disk, rejecting invalid UTF-8 with its line.
#[must_use]
pub fn parse_prompt_bytes(path: &Path, bytes: &[u8]) -> Parsed {
    let shown = path.display().to_string();
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_prompt_file(&shown, text, &Source::File(path.to_path_buf())),
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() as u32 + 1;
            let mut checker = Checker::new(&shown, false);
            checker.error(
                line,
                column,
                "the file is not valid UTF-8; save it as UTF-8 text".to_owned(),
            );
            checker.out
        }
    }
}

struct Checker<'a> {
    path: &'a str,
    out: Parsed,
    /// Where each id was first seen in this file.
    first_ids: HashMap<String, (u32, u32)>,
    /// Fields the current prompt misspelled (`titel` -> `title`): their absence is
    /// already explained by the "did you mean", so it is not reported twice.
    misspelled: Vec<&'static str>,
    /// The built-in bank at start-up: the phrase checks are skipped (see
    /// [`parse_built_in_tree`]).
    trusted: bool,
}

impl<'a> Checker<'a> {
    fn new(path: &'a str, trusted: bool) -> Self {
        Checker {
            path,
            out: Parsed::default(),
            first_ids: HashMap::new(),
            misspelled: Vec::new(),
            trusted,
        }
    }

    fn push(&mut self, line: u32, column: u32, severity: Severity, message: String) {
        // A parser error without a position points at the start of the file.
        self.out.diagnostics.push(Diagnostic {
            path: self.path.to_owned(),
            line: line.max(1),
            column: column.max(1),
            severity,
            message,
        });
    }

    fn error(&mut self, line: u32, column: u32, message: String) {
        self.push(line, column, Severity::Error, message);
    }

    fn warn(&mut self, line: u32, column: u32, message: String) {
        self.push(line, column, Severity::Warning, message);
    }

    /// Warns where a sentence the interviewer or the tool says is cut short by YAML:
    /// in a plain value, " #" starts a comment, so `say: the channel is #inc-1142`
    /// says "the channel is".
    fn cut_by_comments(&mut self, text: &str) {
        const PROSE: &[&str] = &[
            "title",
            "prompt",
            "say",
            "answer",
            "ask",
            "why",
            "point",
            "otherwise",
        ];
        // The indentation of a block scalar's key (`prompt: |`), while inside it: its
        // lines are text, where " #" is no comment.
        let mut block: Option<usize> = None;
        for (n, raw) in text.lines().enumerate() {
            let indent = raw.len() - raw.trim_start().len();
            if let Some(key_indent) = block {
                if raw.trim().is_empty() || indent > key_indent {
                    continue;
                }
                block = None;
            }
            let opens_block = raw
                .trim_end()
                .rsplit_once(": ")
                .is_some_and(|(_, v)| v.starts_with(['|', '>']) && v.len() <= 3);
            if opens_block {
                let dash = usize::from(raw.trim_start().starts_with("- ")) * 2;
                block = Some(indent + dash);
                continue;
            }
            let line = raw.trim_start();
            let line = line.strip_prefix("- ").unwrap_or(line);
            let Some((key, value)) = line.split_once(": ") else {
                continue;
            };
            let value = value.trim_start();
            let plain = !value.starts_with(['"', '\'', '|', '>', '[', '{', '#', '&', '*', '!']);
            if let Some(at) = value.find(" #")
                && plain
                && PROSE.contains(&key.trim())
                && !value[..at].trim().is_empty()
            {
                let column = raw.len() - value.len() + at + 2;
                self.warn(
                    u32::try_from(n + 1).unwrap_or(u32::MAX),
                    u32::try_from(column).unwrap_or(u32::MAX),
                    format!(
                        "`{}` ends at \"{}\": YAML reads \" #\" as the start of a comment; put the value in double quotes to keep the rest",
                        key.trim(),
                        shorten(value[..at].trim())
                    ),
                );
            }
        }
    }

    fn file(&mut self, root: &Node, source: &Source) {
        let entries = match &root.value {
            Value::Map(entries) => entries,
            Value::Null => {
                self.error(
                    1,
                    1,
                    "the file is empty; a prompt file has `prompts:` with a list of prompts"
                        .to_owned(),
                );
                return;
            }
            other => {
                self.error(
                    root.line,
                    root.column,
                    format!(
                        "expected a mapping with `prompts:` at the top of the file, found {}",
                        other.kind()
                    ),
                );
                return;
            }
        };
        let mut default_category = None;
        let mut prompts = None;
        for (key, value) in entries {
            match key.text.as_str() {
                "category" => default_category = self.category(value),
                "prompts" => prompts = Some(value),
                _ => {
                    self.unknown_field(key, FILE_FIELDS, "at the top of a prompt file");
                }
            }
        }
        let Some(list) = prompts else {
            self.error(
                root.line,
                root.column,
                "the file has no `prompts:` list".to_owned(),
            );
            return;
        };
        let items = match &list.value {
            Value::Seq(items) => items,
            Value::Null => {
                self.warn(list.line, list.column, "`prompts:` is empty".to_owned());
                return;
            }
            other => {
                self.error(
                    list.line,
                    list.column,
                    format!(
                        "`prompts:` must be a list of prompts, found {}",
                        other.kind()
                    ),
                );
                return;
            }
        };
        for item in items {
            if let Some((prompt, pos)) = self.prompt(item, default_category.as_ref(), source) {
                self.out.prompts.push(prompt);
                self.out.id_positions.push(pos);
            }
        }
    }

    /// Records an id; a second use in the same file is an error naming the first.
    fn duplicate_id(&mut self, id: &str, (line, column): (u32, u32)) {
        self.out.ids.push((id.to_owned(), line, column));
        let first = *self
            .first_ids
            .entry(id.to_owned())
            .or_insert((line, column));
        if first != (line, column) {
            let (first_line, first_column) = first;
            self.error(
                line,
                column,
                format!(
                    "duplicate id '{id}': already used at {}:{first_line}:{first_column}; give each prompt its own id",
                    self.path
                ),
            );
        }
    }

    /// Reports an unknown field; returns the field it probably meant.
    fn unknown_field(
        &mut self,
        key: &Key,
        known: &[&'static str],
        place: &str,
    ) -> Option<&'static str> {
        let meant = did_you_mean(&key.text, known);
        let hint = meant
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        self.error(
            key.line,
            key.column,
            format!("unknown field `{}` {place}{hint}", shorten(&key.text)),
        );
        meant
    }

    fn category(&mut self, node: &Node) -> Option<Category> {
        let text = self.text(node, "category")?;
        if Category::RESERVED.contains(&text.as_str()) {
            self.error(
                node.line,
                node.column,
                format!(
                    "category '{text}' is a word `drill` gives its own meaning ({}); pick another name",
                    Category::RESERVED.join(", ")
                ),
            );
            return None;
        }
        if is_kebab(&text) {
            Some(Category::new(&text))
        } else {
            self.error(
                node.line,
                node.column,
                format!(
                    "category '{}' must be lower-case words joined by dashes (built-in: {})",
                    shorten(&text),
                    Category::BUILT_IN.join(", ")
                ),
            );
            None
        }
    }

    /// Checks one prompt; returns it with the position of its id when it has no errors.
    fn prompt(
        &mut self,
        node: &Node,
        default_category: Option<&Category>,
        source: &Source,
    ) -> Option<(Prompt, (u32, u32))> {
        let Value::Map(entries) = &node.value else {
            self.error(
                node.line,
                node.column,
                format!(
                    "each item of `prompts:` must be a mapping with id, title, prompt ..., found {}",
                    node.value.kind()
                ),
            );
            return None;
        };
        let errors_before = self.error_count();
        let field = |name: &str| entries.iter().find(|(k, _)| k.text == name);
        self.misspelled.clear();
        for (key, _) in entries {
            if !PROMPT_FIELDS.contains(&key.text.as_str())
                && let Some(meant) = self.unknown_field(key, PROMPT_FIELDS, "in a prompt")
            {
                self.misspelled.push(meant);
            }
        }

        let id_node = field("id").map(|(_, v)| v);
        let id = match id_node {
            Some(v) => self.text(v, "id"),
            None => {
                self.missing(node, "id", "prompt has no `id`".to_owned());
                None
            }
        };
        let id = id.filter(|id| {
            let ok = super::schema::id_is_well_formed(id);
            if !ok && let Some(v) = id_node {
                self.error(
                    v.line,
                    v.column,
                    format!(
                        "id '{}' must be lower-case letters, digits and dashes (like ts-disk-full), at most {} characters",
                        shorten(id),
                        super::schema::ID_MAX_LEN
                    ),
                );
            }
            ok
        });
        let id = id.filter(|id| {
            let taken = Category::BUILT_IN.contains(&id.as_str())
                || Category::RESERVED.contains(&id.as_str());
            if taken && let Some(v) = id_node {
                self.error(
                    v.line,
                    v.column,
                    format!(
                        "id '{id}' is a category name or a word `drill` reserves; `drill {id}` could not tell them apart, so pick another id"
                    ),
                );
            }
            !taken
        });
        let name = id.clone().unwrap_or_else(|| "?".to_owned());
        let pos = id_node.map_or((node.line, node.column), |v| (v.line, v.column));
        if let Some(id) = &id {
            self.duplicate_id(id, pos);
        }

        let category = match field("category") {
            Some((_, v)) => self.category(v),
            None => {
                if default_category.is_none() {
                    self.missing(
                        node,
                        "category",
                        format!(
                            "prompt '{name}' has no category; set `category:` on the prompt or at the top of the file"
                        ),
                    );
                }
                default_category.cloned()
            }
        };

        let title = self.required_text(node, field("title"), "title", &name);
        let prompt_text = self.required_text(node, field("prompt"), "prompt", &name);

        let level = match field("level") {
            Some((_, v)) => self.text(v, "level").and_then(|text| {
                let level = Level::parse(&text);
                if level.is_none() {
                    self.error(
                        v.line,
                        v.column,
                        format!(
                            "level '{}' is not one of entry, mid, senior{}",
                            shorten(&text),
                            did_you_mean(&text, &["entry", "mid", "senior"])
                                .map(|s| format!("; did you mean `{s}`?"))
                                .unwrap_or_default()
                        ),
                    );
                }
                level
            }),
            None => {
                self.missing(
                    node,
                    "level",
                    format!("prompt '{name}' has no `level` (entry, mid or senior)"),
                );
                None
            }
        };

        let tags = field("tags").map_or_else(Vec::new, |(_, v)| self.list(v, "tags"));
        if let Some((_, v)) = field("tags") {
            for tag in &tags {
                if !SKILL_AREAS.contains(&tag.as_str()) {
                    let hint = did_you_mean(tag, SKILL_AREAS)
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    // Point at the tag itself when the list has one node per tag.
                    let (line, column) = match &v.value {
                        Value::Seq(items) => items
                            .iter()
                            .find(|i| matches!(&i.value, Value::Str(s) if s.trim_end() == tag))
                            .map_or((v.line, v.column), |i| (i.line, i.column)),
                        _ => (v.line, v.column),
                    };
                    self.warn(
                        line,
                        column,
                        format!("tag '{}' is not a known skill area{hint}", shorten(tag)),
                    );
                }
            }
        }

        let minutes = match field("minutes") {
            Some((_, v)) => self.number(v, "minutes", &super::schema::MINUTES),
            None => category.as_ref().map(Category::default_minutes),
        };
        let think_seconds = field("think_seconds").and_then(|(_, v)| {
            if matches!(v.value, Value::Null) {
                None
            } else {
                self.number(v, "think_seconds", &super::schema::THINK_SECONDS)
            }
        });

        let mut lists: HashMap<&str, Vec<String>> = HashMap::new();
        for name in ["hints", "pitfalls", "listen_for", "red_flags"] {
            if let Some((_, v)) = field(name) {
                lists.insert(name, self.list(v, name));
            }
        }
        let rubric = field("rubric").map_or_else(Vec::new, |(_, v)| self.rubric(v));
        let follow_ups = field("follow_ups").map_or_else(Vec::new, |(_, v)| self.follow_ups(v));
        let scenario = field("scenario").and_then(|(_, v)| self.scenario(v));
        let facts = field("facts").map_or_else(Vec::new, |(_, v)| self.prompt_facts(v));
        let why = field("why").and_then(|(_, v)| self.text(v, "why"));
        let check = field("check").and_then(|(k, v)| self.check_block(k, v, category.as_ref()));
        let answer = field("answer").and_then(|(_, v)| self.text(v, "answer"));
        let formerly = field("formerly").map_or_else(Vec::new, |(_, v)| self.former_ids(v));
        if check.is_none()
            && let Some(point) = rubric.iter().find(|p| p.by_check)
        {
            let (line, column) =
                field("rubric").map_or((node.line, node.column), |(_, v)| (v.line, v.column));
            self.error(
                line,
                column,
                format!(
                    "rubric point '{}' has `by_check: true` but prompt '{name}' has no `check:`; remove it or add the checker",
                    shorten(&point.point)
                ),
            );
        }

        if let Some(category) = &category {
            let is_company = category.is_company();
            let wrong: &[&str] = if is_company {
                NOT_COMPANY
            } else {
                COMPANY_ONLY
            };
            for (key, _) in entries
                .iter()
                .filter(|(k, _)| wrong.contains(&k.text.as_str()))
            {
                let message = if is_company {
                    format!(
                        "company prompts use `listen_for` and `red_flags`, not `{}`",
                        key.text
                    )
                } else {
                    format!("`{}` is only for company prompts", key.text)
                };
                self.error(key.line, key.column, message);
            }
            let points_field = if is_company { "listen_for" } else { "rubric" };
            let minimum = super::schema::minimum_points(category);
            let have = if is_company {
                lists.get(points_field).map_or(0, Vec::len)
            } else {
                rubric.len()
            };
            let misspelled = have == 0 && self.misspelled.contains(&points_field);
            if have < minimum && !misspelled {
                let (line, column) = field(points_field)
                    .map_or((node.line, node.column), |(_, v)| (v.line, v.column));
                let what = match (is_company, have) {
                    (true, 1) => "point to listen for",
                    (true, _) => "points to listen for",
                    (false, 1) => "rubric point",
                    (false, _) => "rubric points",
                };
                let noun = if minimum == 1 { "point" } else { "points" };
                self.error(
                    line,
                    column,
                    format!(
                        "prompt '{name}' has {have} {what} ({category} prompts need at least {minimum} {noun} under `{points_field}`)"
                    ),
                );
            }
            if is_company && why.is_none() && field("why").is_none() {
                self.warn(
                    node.line,
                    node.column,
                    format!("company prompt '{name}' has no `why` (what the answer reveals)"),
                );
            }
        }

        if self.error_count() > errors_before {
            return None;
        }
        let mut take = |name: &str| lists.remove(name).unwrap_or_default();
        let prompt = Prompt {
            id: PromptId(id?),
            title: title?,
            category: category?,
            level: level?,
            tags,
            minutes: minutes?,
            think_seconds,
            prompt: prompt_text?,
            hints: take("hints"),
            rubric,
            pitfalls: take("pitfalls"),
            follow_ups,
            why,
            listen_for: take("listen_for"),
            red_flags: take("red_flags"),
            scenario,
            facts,
            source: source.clone(),
            check,
            answer,
            formerly,
            overrides_built_in: false,
        };
        Some((prompt, pos))
    }

    fn error_count(&self) -> usize {
        self.out
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Reports a missing field, unless a misspelling of it was already reported.
    fn missing(&mut self, prompt: &Node, field: &str, message: String) {
        if !self.misspelled.contains(&field) {
            self.error(prompt.line, prompt.column, message);
        }
    }

    fn required_text(
        &mut self,
        prompt: &Node,
        entry: Option<&(Key, Node)>,
        field: &str,
        name: &str,
    ) -> Option<String> {
        match entry {
            Some((_, v)) => self.text(v, field),
            None => {
                self.missing(prompt, field, format!("prompt '{name}' has no `{field}`"));
                None
            }
        }
    }

    /// A non-empty text value, trimmed of the trailing newline a block scalar leaves.
    fn text(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) if !s.trim().is_empty() => Some(s.trim_end().to_owned()),
            Value::Str(_) | Value::Null => {
                self.error(node.line, node.column, format!("`{field}` is empty"));
                None
            }
            other => {
                self.error(
                    node.line,
                    node.column,
                    format!(
                        "`{field}` must be text, found {}; put it in quotes",
                        other.kind()
                    ),
                );
                None
            }
        }
    }

    fn number(
        &mut self,
        node: &Node,
        field: &str,
        range: &std::ops::RangeInclusive<u32>,
    ) -> Option<u32> {
        let (min, max) = (*range.start(), *range.end());
        match node.value {
            Value::Int(n) if (i64::from(min)..=i64::from(max)).contains(&n) => {
                u32::try_from(n).ok()
            }
            Value::Int(n) => {
                self.error(
                    node.line,
                    node.column,
                    format!("`{field}` is {n}; it must be between {min} and {max}"),
                );
                None
            }
            ref other => {
                self.error(
                    node.line,
                    node.column,
                    format!(
                        "`{field}` must be a whole number from {min} to {max}, found {}",
                        other.kind()
                    ),
                );
                None
            }
        }
    }

    fn list(&mut self, node: &Node, field: &str) -> Vec<String> {
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|item| self.text(item, &format!("{field} item")))
                .collect(),
            Value::Null => Vec::new(),
            other => {
                self.error(
                    node.line,
                    node.column,
                    format!(
                        "`{field}` must be a list (one `- item` per line), found {}",
                        other.kind()
                    ),
                );
                Vec::new()
            }
        }
    }
}

impl Checker<'_> {
    /// The fields of a map node, each unknown one reported with a "did you mean".
    fn fields<'n>(
        &mut self,
        node: &'n Node,
        known: &[&'static str],
        place: &str,
    ) -> Option<&'n [(Key, Node)]> {
        match &node.value {
            Value::Map(entries) => {
                for (key, _) in entries {
                    if !known.contains(&key.text.as_str()) {
                        self.unknown_field(key, known, &format!("in {place}"));
                    }
                }
                Some(entries)
            }
            other => {
                self.error(
                    node.line,
                    node.column,
                    format!(
                        "{place} must be a mapping with {}, found {}",
                        known.join(", "),
                        other.kind()
                    ),
                );
                None
            }
        }
    }

    fn flag(&mut self, node: &Node, field: &str) -> bool {
        match node.value {
            Value::Bool(b) => b,
            ref other => {
                self.error(
                    node.line,
                    node.column,
                    format!("`{field}` must be true or false, found {}", other.kind()),
                );
                false
            }
        }
    }

    /// A list of phrases to match (`ask`, `listen_for`): text items, none empty;
    /// `~name` items are noted for the vocabulary check.
    fn phrases(&mut self, node: &Node, field: &str) -> Vec<String> {
        // A bare number (`listen_for: [64, 4096]`) is a phrase too.
        let out = match &node.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|item| match &item.value {
                    Value::Int(n) => Some(n.to_string()),
                    Value::Float(f) => Some(f.to_string()),
                    _ => self.text(item, &format!("{field} item")),
                })
                .collect(),
            _ => self.list(node, field),
        };
        if let Value::Seq(items) = &node.value {
            for item in items {
                if let Value::Str(s) = &item.value {
                    let s = s.trim();
                    if let Some(name) = s.strip_prefix('~') {
                        self.out
                            .vocab_refs
                            .push((name.to_owned(), item.line, item.column));
                    } else if !self.trusted
                        && !s.is_empty()
                        && crate::hearing::Phrase::new(s).is_empty()
                    {
                        self.error(
                            item.line,
                            item.column,
                            format!(
                                "`{field}` phrase '{}' has only filler words (the, is, what ...), so it would match anything; name the thing itself",
                                shorten(s)
                            ),
                        );
                    }
                }
            }
        }
        out
    }

    /// Rubric points: plain strings or `{point, must, listen_for}`.
    fn rubric(&mut self, node: &Node) -> Vec<RubricPoint> {
        let Some(items) = self.items(node, "rubric") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            if let Value::Str(_) | Value::Null = item.value {
                if let Some(text) = self.text(item, "rubric item") {
                    out.push(RubricPoint::plain(&text));
                }
                continue;
            }
            let Some(entries) = self.fields(item, POINT_FIELDS, "a rubric point") else {
                continue;
            };
            let get = |name: &str| entries.iter().find(|(k, _)| k.text == name).map(|(_, v)| v);
            let Some(point) = get("point") else {
                self.error(
                    item.line,
                    item.column,
                    "a rubric point written as a mapping needs `point:` with its text".to_owned(),
                );
                continue;
            };
            let point = self.text(point, "point");
            let must = get("must").is_some_and(|v| self.flag(v, "must"));
            let by_check = get("by_check").is_some_and(|v| self.flag(v, "by_check"));
            let listen_for =
                get("listen_for").map_or_else(Vec::new, |v| self.phrases(v, "listen_for"));
            if let Some(point) = point {
                out.push(RubricPoint {
                    point,
                    must,
                    listen_for,
                    by_check,
                });
            }
        }
        out
    }

    /// Follow-ups: plain strings or `{ask, listen_for, minutes}`.
    fn follow_ups(&mut self, node: &Node) -> Vec<FollowUp> {
        let Some(items) = self.items(node, "follow_ups") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            if let Value::Str(_) | Value::Null = item.value {
                if let Some(text) = self.text(item, "follow_ups item") {
                    out.push(FollowUp::plain(&text));
                }
                continue;
            }
            let Some(entries) = self.fields(item, FOLLOW_UP_FIELDS, "a follow-up") else {
                continue;
            };
            let get = |name: &str| entries.iter().find(|(k, _)| k.text == name).map(|(_, v)| v);
            let Some(ask) = get("ask") else {
                self.error(
                    item.line,
                    item.column,
                    "a follow-up written as a mapping needs `ask:` with the question".to_owned(),
                );
                continue;
            };
            let ask = self.text(ask, "ask");
            let listen_for =
                get("listen_for").map_or_else(Vec::new, |v| self.phrases(v, "listen_for"));
            let minutes = get("minutes")
                .and_then(|v| self.number(v, "minutes", &super::schema::FOLLOW_UP_MINUTES));
            let stage = get("stage").and_then(|v| self.stage(v));
            let answer = get("answer").and_then(|v| self.text(v, "answer"));
            if let Some(ask) = ask {
                out.push(FollowUp {
                    ask,
                    listen_for,
                    minutes,
                    stage,
                    answer,
                });
            }
        }
        out
    }

    /// A follow-up's `stage:`: lower-case words joined by dashes (`scale-out`).
    fn stage(&mut self, node: &Node) -> Option<String> {
        let text = self.text(node, "stage")?;
        if is_kebab(&text) {
            Some(text)
        } else {
            self.error(
                node.line,
                node.column,
                format!(
                    "stage '{}' must be lower-case words joined by dashes, like scale-out or bill-of-materials",
                    shorten(&text)
                ),
            );
            None
        }
    }

    /// `formerly:`: the ids a renamed or merged prompt had, each a valid id.
    fn former_ids(&mut self, node: &Node) -> Vec<PromptId> {
        let Some(items) = self.items(node, "formerly") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Some(text) = self.text(item, "formerly item") else {
                continue;
            };
            if super::schema::id_is_well_formed(&text) {
                out.push(PromptId(text));
            } else {
                self.error(
                    item.line,
                    item.column,
                    format!(
                        "former id '{}' must be lower-case letters, digits and dashes, at most {} characters",
                        shorten(&text),
                        super::schema::ID_MAX_LEN
                    ),
                );
            }
        }
        out
    }

    fn items<'n>(&mut self, node: &'n Node, field: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            Value::Null => None,
            other => {
                self.error(
                    node.line,
                    node.column,
                    format!(
                        "`{field}` must be a list (one `- item` per line), found {}",
                        other.kind()
                    ),
                );
                None
            }
        }
    }

    /// One `{ask, say}` entry (facts, risky, cause).
    fn reply(&mut self, node: &Node, place: &str) -> Option<(Reply, Vec<Spot>)> {
        let entries = self.fields(node, REPLY_FIELDS, place)?;
        self.ask_say(node, entries, place)
            .map(|(ask, say, spots)| (Reply { ask, say }, spots))
    }

    fn ask_say(
        &mut self,
        node: &Node,
        entries: &[(Key, Node)],
        place: &str,
    ) -> Option<(Vec<String>, String, Vec<Spot>)> {
        let get = |name: &str| entries.iter().find(|(k, _)| k.text == name).map(|(_, v)| v);
        let ask = match get("ask") {
            Some(v) => {
                let list = self.phrases(v, "ask");
                if list.is_empty() {
                    self.error(
                        v.line,
                        v.column,
                        format!("`ask` of {place} is empty; list the phrases that ask for it"),
                    );
                }
                Some((list, spots(v)))
            }
            None => {
                self.error(
                    node.line,
                    node.column,
                    format!("{place} has no `ask:` (the phrases that ask for it)"),
                );
                None
            }
        };
        let say = match get("say") {
            Some(v) => self.text(v, "say"),
            None => {
                self.error(
                    node.line,
                    node.column,
                    format!("{place} has no `say:` (what the interviewer answers)"),
                );
                None
            }
        };
        let (ask, spots) = ask?;
        Some((ask, say?, spots))
    }

    /// The `scenario:` block of SPEC §10.
    /// A prompt's own `facts:` (clarifying answers): each an `ask`/`say` reply, and no
    /// phrase in two of them.
    fn prompt_facts(&mut self, node: &Node) -> Vec<Reply> {
        let mut facts = Vec::new();
        let mut owners: Vec<(String, Vec<Spot>)> = Vec::new();
        for (i, item) in self
            .items(node, "facts")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            if let Some((reply, spots)) = self.reply(item, "a fact") {
                owners.push((format!("fact {}", i + 1), spots));
                facts.push(reply);
            }
        }
        if !self.trusted {
            self.ambiguous(&owners);
        }
        facts
    }

    fn scenario(&mut self, node: &Node) -> Option<Scenario> {
        let errors_before = self.error_count();
        let entries = self.fields(node, SCENARIO_FIELDS, "`scenario`")?;
        let get = |name: &str| entries.iter().find(|(k, _)| k.text == name).map(|(_, v)| v);
        let mut scenario = Scenario::default();
        // Every phrase with the entry it belongs to, to find phrases shared by two.
        let mut owners: Vec<(String, Vec<Spot>)> = Vec::new();

        if let Some(items) = get("facts").and_then(|v| self.items(v, "facts")) {
            for (i, item) in items.iter().enumerate() {
                if let Some((reply, spots)) = self.reply(item, "a fact") {
                    owners.push((format!("fact {}", i + 1), spots));
                    scenario.facts.push(reply);
                }
            }
        }
        if let Some(list) = get("evidence") {
            let mut seen: HashMap<String, (u32, u32)> = HashMap::new();
            for item in self.items(list, "evidence").unwrap_or_default() {
                let Some(fields) = self.fields(item, EVIDENCE_FIELDS, "an evidence entry") else {
                    continue;
                };
                let get = |name: &str| fields.iter().find(|(k, _)| k.text == name).map(|(_, v)| v);
                let id = match get("id") {
                    Some(v) => self.text(v, "id").filter(|id| {
                        let ok = is_kebab(id);
                        if !ok {
                            self.error(
                                v.line,
                                v.column,
                                format!(
                                    "evidence id '{}' must be lower-case words joined by dashes",
                                    shorten(id)
                                ),
                            );
                        } else if let Some((l, c)) = seen.get(id.as_str()) {
                            self.error(
                                v.line,
                                v.column,
                                format!(
                                    "duplicate evidence id '{id}': already used at {}:{l}:{c}",
                                    self.path
                                ),
                            );
                        }
                        seen.entry(id.clone()).or_insert((v.line, v.column));
                        ok
                    }),
                    None => {
                        self.error(
                            item.line,
                            item.column,
                            "an evidence entry has no `id:`".to_owned(),
                        );
                        None
                    }
                };
                let key = get("key").is_some_and(|v| self.flag(v, "key"));
                let Some((ask, say, spots)) = self.ask_say(item, fields, "an evidence entry")
                else {
                    continue;
                };
                if let Some(id) = id {
                    owners.push((format!("evidence '{id}'"), spots));
                    scenario.evidence.push(Evidence { id, ask, say, key });
                }
            }
            if !scenario.evidence.iter().any(|e| e.key) && self.error_count() == errors_before {
                self.error(
                    list.line,
                    list.column,
                    "no evidence is marked `key: true`; mark the checks that lead to the cause"
                        .to_owned(),
                );
            }
        } else {
            self.error(
                node.line,
                node.column,
                "`scenario` has no `evidence:` (what each check shows)".to_owned(),
            );
        }
        if let Some(items) = get("risky").and_then(|v| self.items(v, "risky")) {
            for (i, item) in items.iter().enumerate() {
                if let Some((reply, spots)) = self.reply(item, "a risky action") {
                    owners.push((format!("risky action {}", i + 1), spots));
                    scenario.risky.push(reply);
                }
            }
        }
        match get("cause") {
            Some(v) => {
                if let Some((reply, spots)) = self.reply(v, "`cause`") {
                    owners.push(("the cause".to_owned(), spots));
                    scenario.cause = reply;
                }
            }
            None => self.error(
                node.line,
                node.column,
                "`scenario` has no `cause:` (the phrases that name it, and what it was)".to_owned(),
            ),
        }
        if let Some(items) = get("fixes").and_then(|v| self.items(v, "fixes")) {
            for (i, item) in items.iter().enumerate() {
                let Some(fields) = self.fields(item, FIX_FIELDS, "a fix") else {
                    continue;
                };
                let good = match fields.iter().find(|(k, _)| k.text == "good") {
                    Some((_, v)) => Some(self.flag(v, "good")),
                    None => {
                        self.error(
                            item.line,
                            item.column,
                            "a fix has no `good:` (true when it mitigates the incident, false when it does not)"
                                .to_owned(),
                        );
                        None
                    }
                };
                let Some((ask, say, spots)) = self.ask_say(item, fields, "a fix") else {
                    continue;
                };
                if let Some(good) = good {
                    owners.push((format!("fix {}", i + 1), spots));
                    scenario.fixes.push(Fix { ask, say, good });
                }
            }
        }
        if let Some(items) = get("timeline").and_then(|v| self.items(v, "timeline")) {
            for item in items {
                let Some(fields) = self.fields(item, EVENT_FIELDS, "a timeline event") else {
                    continue;
                };
                let get = |name: &str| fields.iter().find(|(k, _)| k.text == name).map(|(_, v)| v);
                let after = match get("after") {
                    Some(v) => {
                        let text = match &v.value {
                            Value::Str(s) => Some(s.clone()),
                            Value::Int(n) => Some(n.to_string()),
                            _ => None,
                        };
                        let secs = text.as_deref().and_then(crate::text::duration_secs);
                        if secs.is_none() {
                            self.error(
                                v.line,
                                v.column,
                                format!(
                                    "`after` must be a duration like 90s, 6m or 1h, found {}",
                                    text.map_or_else(
                                        || v.value.kind().to_owned(),
                                        |t| format!("'{}'", shorten(&t))
                                    )
                                ),
                            );
                        }
                        secs
                    }
                    None => {
                        self.error(
                            item.line,
                            item.column,
                            "a timeline event has no `after:` (when it happens)".to_owned(),
                        );
                        None
                    }
                };
                let say = match get("say") {
                    Some(v) => self.text(v, "say"),
                    None => {
                        self.error(
                            item.line,
                            item.column,
                            "a timeline event has no `say:`".to_owned(),
                        );
                        None
                    }
                };
                if let (Some(after), Some(say)) = (after, say) {
                    scenario.timeline.push(Event { after, say });
                }
            }
        }
        scenario.otherwise = get("otherwise").and_then(|v| self.text(v, "otherwise"));
        if !self.trusted {
            self.ambiguous(&owners);
        }
        (self.error_count() == errors_before).then_some(scenario)
    }

    /// One phrase in two entries cannot say which reply to give.
    fn ambiguous(&mut self, owners: &[(String, Vec<Spot>)]) {
        let mut first: HashMap<String, &str> = HashMap::new();
        for (owner, spots) in owners {
            let mut mine: Vec<String> = Vec::new();
            for spot in spots {
                let key = if let Some(name) = spot.text.strip_prefix('~') {
                    format!("~{}", name.trim())
                } else {
                    crate::hearing::Phrase::new(&spot.text).key()
                };
                if key.is_empty() || mine.contains(&key) {
                    continue;
                }
                mine.push(key.clone());
                match first.get(&key) {
                    Some(other) if *other != owner.as_str() => {
                        self.error(
                            spot.line,
                            spot.column,
                            format!(
                                "'{}' asks for both {other} and {owner}, so the reply would be a guess; keep it in one entry",
                                shorten(&spot.text)
                            ),
                        );
                    }
                    Some(_) => {}
                    None => {
                        first.insert(key, owner.as_str());
                    }
                }
            }
        }
    }
}

/// A phrase with its position, for messages about it.
struct Spot {
    text: String,
    line: u32,
    column: u32,
}

fn spots(list: &Node) -> Vec<Spot> {
    match &list.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|i| match &i.value {
                Value::Str(s) => Some(Spot {
                    text: s.trim().to_owned(),
                    line: i.line,
                    column: i.column,
                }),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// At most 60 characters of `text`, for quoting user input in a message.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 60 {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Parsed {
        parse_prompt_file("mine.yaml", text, &Source::BuiltIn)
    }

    fn messages(parsed: &Parsed) -> Vec<String> {
        parsed.diagnostics.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_sentence_cut_short_by_a_comment_is_warned_about() {
        let text = GOOD.replace("title: One", "title: One #1 of two");
        let warned: Vec<String> = messages(&check(&text))
            .into_iter()
            .filter(|m| m.contains("comment"))
            .collect();
        assert_eq!(
            warned,
            vec![
                "mine.yaml:4:16: warning: `title` ends at \"One\": YAML reads \" #\" as the \
                 start of a comment; put the value in double quotes to keep the rest"
            ]
        );
        // Inside a block scalar, " #" is text.
        let block = GOOD.replace(
            "Something broke.",
            "Something broke.\n      why: see #inc-1",
        );
        assert_eq!(messages(&check(&block)), Vec::<String>::new());
        // Quoted, the whole title is kept; after a number, a comment is meant as one.
        let quoted = GOOD.replace("title: One", "title: \"One #1 of two\"");
        assert_eq!(check(&quoted).prompts[0].title, "One #1 of two");
        let meant = GOOD.replace("minutes: 10", "minutes: 10 # typical");
        assert_eq!(messages(&check(&quoted)), Vec::<String>::new());
        assert_eq!(messages(&check(&meant)), Vec::<String>::new());
    }

    const GOOD: &str = "\
category: troubleshooting
prompts:
  - id: ts-one
    title: One
    level: mid
    tags: [linux]
    minutes: 10
    prompt: |
      Something broke.
    hints: [Look around]
    rubric:
      - Asks what changed
      - Checks the logs
";

    #[test]
    fn a_good_file_yields_its_prompt() {
        let parsed = check(GOOD);
        assert_eq!(messages(&parsed), Vec::<String>::new());
        let p = &parsed.prompts[0];
        assert_eq!(p.id.0, "ts-one");
        assert_eq!(p.prompt, "Something broke.");
        assert_eq!(p.rubric.len(), 2);
        assert_eq!(parsed.id_positions[0], (3, 9));
    }

    #[test]
    fn unknown_fields_get_a_did_you_mean_with_line_and_column() {
        let parsed = check(&GOOD.replace("    rubric:", "    rubrik:"));
        let all = messages(&parsed);
        assert!(
            all.contains(
                &"mine.yaml:11:5: unknown field `rubrik` in a prompt; did you mean `rubric`?"
                    .to_owned()
            ),
            "{all:?}"
        );
        assert!(parsed.prompts.is_empty());
    }

    #[test]
    fn every_problem_is_reported_not_just_the_first() {
        let text = GOOD
            .replace("level: mid", "level: expert")
            .replace("minutes: 10", "minutes: 0")
            .replace("tags: [linux]", "tags: [linx]");
        let all = messages(&check(&text));
        assert!(
            all.iter()
                .any(|m| m.contains("5:12: level 'expert' is not one of entry, mid, senior")),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|m| m.contains("7:14: `minutes` is 0; it must be between 1 and 180")),
            "{all:?}"
        );
        assert!(
            all.iter().any(|m| m
                .contains("warning: tag 'linx' is not a known skill area; did you mean `linux`?")),
            "{all:?}"
        );
    }

    #[test]
    fn a_short_rubric_names_the_category_minimum() {
        let text = GOOD.replace("      - Checks the logs\n", "");
        let all = messages(&check(&text));
        assert_eq!(
            all,
            vec![
                "mine.yaml:12:7: prompt 'ts-one' has 1 rubric point (troubleshooting prompts need at least 2 points under `rubric`)"
            ]
        );
    }

    #[test]
    fn duplicate_ids_name_both_places() {
        let second = GOOD.split_once("prompts:\n").unwrap().1;
        let all = messages(&check(&format!("{GOOD}{second}")));
        assert_eq!(
            all,
            vec![
                "mine.yaml:14:9: duplicate id 'ts-one': already used at mine.yaml:3:9; give each prompt its own id"
            ]
        );
    }

    #[test]
    fn company_prompts_use_listen_for() {
        let text = "\
category: company
prompts:
  - id: co-x
    title: X
    level: entry
    prompt: Who is on call?
    why: Shows the load.
    listen_for: [a, b]
    red_flags: [c]
    rubric: [d, e]
";
        let all = messages(&check(text));
        assert_eq!(
            all,
            vec!["mine.yaml:10:5: company prompts use `listen_for` and `red_flags`, not `rubric`"]
        );
    }

    #[test]
    fn wrong_shapes_are_sentences_not_panics() {
        for text in [
            "[1, 2]",
            "prompts: 3",
            "prompts:\n  - 3\n",
            "prompts:\n  - id: [x]\n",
            "",
            "---\n",
        ] {
            let parsed = check(text);
            assert!(parsed.has_errors() || parsed.prompts.is_empty(), "{text}");
        }
    }

    #[test]
    fn invalid_utf8_names_its_line() {
        let parsed = parse_prompt_bytes(Path::new("bad.yaml"), b"prompts:\n  - id: \xff\n");
        assert_eq!(
            messages(&parsed),
            vec!["bad.yaml:2:9: the file is not valid UTF-8; save it as UTF-8 text"]
        );
    }

    #[test]
    fn did_you_mean_only_for_near_misses() {
        assert_eq!(
            crate::text::did_you_mean("titel", PROMPT_FIELDS),
            Some("title")
        );
        assert_eq!(
            crate::text::did_you_mean("follow-ups", PROMPT_FIELDS),
            Some("follow_ups")
        );
        assert_eq!(crate::text::did_you_mean("banana", PROMPT_FIELDS), None);
    }
}
