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

use super::types::{Category, Level, Prompt, PromptId, SKILL_AREAS, Source};
use super::yaml::{self, Key, Node, Value};

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
}

impl Parsed {
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

const FILE_FIELDS: &[&str] = &["category", "prompts"];
const PROMPT_FIELDS: &[&str] = &[
    "id",
    "title",
    "category",
    "level",
    "tags",
    "minutes",
    "think_seconds",
    "prompt",
    "hints",
    "rubric",
    "pitfalls",
    "follow_ups",
    "why",
    "listen_for",
    "red_flags",
    "check",
];
const COMPANY_ONLY: &[&str] = &["why", "listen_for", "red_flags"];
const NOT_COMPANY: &[&str] = &["rubric", "pitfalls"];

/// Parses and checks one prompt file. `path` is how the file is named in messages.
#[must_use]
pub fn parse_prompt_file(path: &str, text: &str, source: &Source) -> Parsed {
    let mut checker = Checker {
        path,
        out: Parsed::default(),
        first_ids: HashMap::new(),
        misspelled: Vec::new(),
    };
    match yaml::parse(text) {
        Ok(root) => checker.file(&root, source),
        Err(err) => checker.error(err.line, err.column, err.message),
    }
    checker.out
}

/// Checks a prompt file that was already parsed into a tree (the built-in bank, read
/// from the JSON that build.rs made of it).
#[must_use]
pub fn parse_prompt_tree(path: &str, root: &yaml::Node, source: &Source) -> Parsed {
    let mut checker = Checker {
        path,
        out: Parsed::default(),
        first_ids: HashMap::new(),
        misspelled: Vec::new(),
    };
    checker.file(root, source);
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
            let mut checker = Checker {
                path: &shown,
                out: Parsed::default(),
                first_ids: HashMap::new(),
                misspelled: Vec::new(),
            };
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
}

impl Checker<'_> {
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
            let ok = is_kebab(id) && id.len() <= 80;
            if !ok && let Some(v) = id_node {
                self.error(
                    v.line,
                    v.column,
                    format!(
                        "id '{}' must be lower-case letters, digits and dashes (like ts-disk-full), at most 80 characters",
                        shorten(id)
                    ),
                );
            }
            ok
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
            Some((_, v)) => self.number(v, "minutes", 1, 180),
            None => category.as_ref().map(Category::default_minutes),
        };
        let think_seconds = field("think_seconds").and_then(|(_, v)| {
            if matches!(v.value, Value::Null) {
                None
            } else {
                self.number(v, "think_seconds", 0, 600)
            }
        });

        let mut lists: HashMap<&str, Vec<String>> = HashMap::new();
        for name in [
            "hints",
            "rubric",
            "pitfalls",
            "follow_ups",
            "listen_for",
            "red_flags",
        ] {
            if let Some((_, v)) = field(name) {
                lists.insert(name, self.list(v, name));
            }
        }
        let why = field("why").and_then(|(_, v)| self.text(v, "why"));
        let check = field("check").and_then(|(k, v)| self.check_block(k, v, category.as_ref()));

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
            let (points_field, minimum) = if is_company {
                ("listen_for", 2)
            } else if category.is_built_in() {
                ("rubric", 2)
            } else {
                ("rubric", 1)
            };
            let have = lists.get(points_field).map_or(0, Vec::len);
            let misspelled = have == 0 && self.misspelled.contains(&points_field);
            if have < minimum && !misspelled {
                let (line, column) = field(points_field)
                    .map_or((node.line, node.column), |(_, v)| (v.line, v.column));
                let what = if is_company {
                    "points to listen for"
                } else {
                    "rubric points"
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
            rubric: take("rubric"),
            pitfalls: take("pitfalls"),
            follow_ups: take("follow_ups"),
            why,
            listen_for: take("listen_for"),
            red_flags: take("red_flags"),
            source: source.clone(),
            check,
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

    fn number(&mut self, node: &Node, field: &str, min: i64, max: i64) -> Option<u32> {
        match node.value {
            Value::Int(n) if (min..=max).contains(&n) => u32::try_from(n).ok(),
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

/// At most 60 characters of `text`, for quoting user input in a message.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 60 {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    }
}

/// Lower-case letters and digits in dash-separated words: the form of ids and categories.
#[must_use]
pub fn is_kebab(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The closest known name, when it is close enough to be a typo.
#[must_use]
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&word, k), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Edit distance where swapping two neighbouring letters counts as one edit.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
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
                "mine.yaml:12:7: prompt 'ts-one' has 1 rubric points (troubleshooting prompts need at least 2 points under `rubric`)"
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
        assert_eq!(did_you_mean("titel", PROMPT_FIELDS), Some("title"));
        assert_eq!(
            did_you_mean("follow-ups", PROMPT_FIELDS),
            Some("follow_ups")
        );
        assert_eq!(did_you_mean("banana", PROMPT_FIELDS), None);
    }
}
