//! YAML text to a tree of nodes that remember their line and column.
//!
//! serde-saphyr does the parsing, inside a resource budget; this module keeps every
//! node's position so the checker can point at the exact place of every problem, and
//! turns parser errors into (line, column, sentence). It knows nothing about prompts or
//! labs beyond what to call the file in a sentence ([`FileKind`]); lab files are read
//! here too ([`parse_typed`]), within the same budget.

use super::expansion::{self, MAX_ALIAS_BYTES, MAX_ALIAS_EVENTS};
use serde::de::{Deserialize, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, Options, Spanned};

/// Largest prompt file accepted (SPEC §8).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Deepest nesting accepted (SPEC §8).
pub const MAX_DEPTH: usize = 64;

/// Which kind of file is read: the sentences that name a limit say which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Prompt,
    Lab,
    /// `topics.yaml`, the topic map of `plan --posting`.
    Topics,
    /// `stories.yaml`, the user's own stories.
    Stories,
}

impl FileKind {
    fn noun(self) -> &'static str {
        match self {
            FileKind::Prompt => "prompt file",
            FileKind::Lab => "lab file",
            FileKind::Topics => "topic map",
            FileKind::Stories => "stories file",
        }
    }

    /// The top-level list a file of this kind holds.
    fn list(self) -> &'static str {
        match self {
            FileKind::Prompt => "prompts",
            FileKind::Lab => "labs",
            FileKind::Topics => "topics",
            FileKind::Stories => "stories",
        }
    }
}

/// A YAML value with its position.
#[derive(Debug)]
pub struct Node {
    pub line: u32,
    pub column: u32,
    pub value: Value,
}

#[derive(Debug)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// A mapping key: its text and position.
#[derive(Debug)]
pub struct Key {
    pub line: u32,
    pub column: u32,
    pub text: String,
}

impl Value {
    /// How the value reads in a sentence: "a number", "a list".
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// A parse failure with its position (line 0 when the parser gave none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// A tree without positions, read straight from JSON text (the built-in bank as
/// converted at build time), keys in the order they were written. Positions are 0:
/// diagnostics on it show line 1, which only tests ever see.
///
/// # Errors
/// Text that is not JSON.
pub fn from_json(text: &str) -> Result<Node, serde_json::Error> {
    serde_json::from_str::<JsonNode>(text).map(|n| n.0)
}

/// A [`Node`] read by `serde_json` without building its own tree first.
struct JsonNode(Node);

impl<'de> Deserialize<'de> for JsonNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl JsonVisitor {
    fn node(value: Value) -> JsonNode {
        JsonNode(Node {
            line: 0,
            column: 0,
            value,
        })
    }
}

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = JsonNode;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<JsonNode, E> {
        Ok(Self::node(Value::Null))
    }

    fn visit_bool<E>(self, b: bool) -> Result<JsonNode, E> {
        Ok(Self::node(Value::Bool(b)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<JsonNode, E> {
        Ok(Self::node(Value::Int(n)))
    }

    fn visit_u64<E>(self, n: u64) -> Result<JsonNode, E> {
        #[allow(clippy::cast_precision_loss)]
        Ok(Self::node(
            i64::try_from(n).map_or(Value::Float(n as f64), Value::Int),
        ))
    }

    fn visit_f64<E>(self, f: f64) -> Result<JsonNode, E> {
        Ok(Self::node(Value::Float(f)))
    }

    fn visit_str<E>(self, s: &str) -> Result<JsonNode, E> {
        Ok(Self::node(Value::Str(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<JsonNode, E> {
        Ok(Self::node(Value::Str(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonNode, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(JsonNode(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Self::node(Value::Seq(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonNode, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some((text, JsonNode(value))) = map.next_entry::<String, JsonNode>()? {
            let key = Key {
                line: 0,
                column: 0,
                text,
            };
            entries.push((key, value));
        }
        Ok(Self::node(Value::Map(entries)))
    }
}

/// Parses one YAML prompt file into a positioned tree, within the budget of SPEC §8.
///
/// # Errors
/// Invalid YAML, a breached budget, or a file over [`MAX_FILE_BYTES`].
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    Ok(
        match parse_typed::<Option<Spanned<RawNode>>>(text, FileKind::Prompt)? {
            Some(node) => Node::from(node),
            None => Node {
                line: 1,
                column: 1,
                value: Value::Null,
            },
        },
    )
}

/// Deserializes one YAML document into `T` within the budget of SPEC §8: the file
/// size, the nesting depth, and what aliases expand to are all checked before `T`
/// sees the text. Messages name limits for `kind` of file.
///
/// # Errors
/// Invalid YAML, a breached budget, a file over [`MAX_FILE_BYTES`], or `T` refusing
/// the document (its message is kept: "unknown field `x`, expected one of ...").
pub fn parse_typed<T: DeserializeOwned + Send>(
    text: &str,
    kind: FileKind,
) -> Result<T, SyntaxError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(SyntaxError {
            line: 1,
            column: 1,
            message: format!(
                "the file is {} MiB; {}s are limited to {} MiB",
                text.len().div_ceil(1024 * 1024),
                kind.noun(),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        });
    }
    // A leading byte-order mark is allowed and ignored.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Err(breach) = expansion::measure(text) {
        return Err(SyntaxError {
            line: breach.line,
            column: breach.column,
            message: alias_limit(kind),
        });
    }
    // Deserializing a positioned tree recurses once per nesting level, with large
    // frames in debug builds; a thread with a known, ample stack keeps the depth budget
    // (not the caller's stack size) the only limit.
    let parsed = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("yaml".to_owned())
            .stack_size(PARSE_STACK_BYTES)
            .spawn_scoped(scope, || {
                serde_saphyr::from_str_with_options::<T>(text, options())
                    .map_err(|err| at_the_tab(text, syntax_error(&err, kind)))
            })
            .map(std::thread::ScopedJoinHandle::join)
    });
    match parsed {
        Ok(Ok(result)) => result,
        Ok(Err(_)) | Err(_) => Err(SyntaxError {
            line: 1,
            column: 1,
            message: "the YAML parser stopped unexpectedly on this file".to_owned(),
        }),
    }
}

/// The resource budget of SPEC §8.
fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    // Flow collections (`[[[...`) are limited by the scanner before the depth budget
    // sees them; the same number keeps one limit and one message.
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_reader_input_bytes = Some(MAX_FILE_BYTES);
    budget.max_total_scalar_bytes = MAX_FILE_BYTES;
    // Aliases are limited by what they expand to (measured before this parse, see
    // expansion.rs), not by their number: generated files repeat one anchor hundreds of
    // times. The parser's own limits stay as a backstop above that budget.
    budget.enforce_alias_anchor_ratio = false;
    budget.max_aliases = MAX_ALIAS_EVENTS;
    budget.max_anchors = MAX_ALIAS_EVENTS;
    budget.max_documents = 1;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_EVENTS + 1;
    options.with_snippet = false;
    options
}

/// Stack for the parsing thread: far more than 64 nesting levels need.
const PARSE_STACK_BYTES: usize = 64 * 1024 * 1024;

fn syntax_error(err: &serde_saphyr::Error, kind: FileKind) -> SyntaxError {
    let (line, column) = err
        .location()
        .map_or((0, 0), |loc| (loc.line() as u32, loc.column() as u32));
    SyntaxError {
        line,
        column,
        message: describe(err, kind),
    }
}

/// The scanner reports a tab that indents a line at the end of the line before; point at
/// the tab itself (the first one used for indentation from the reported line on).
const TAB_INDENT: &str =
    "a tab indents this line; YAML indents with spaces only, so replace the tab with spaces";

fn at_the_tab(text: &str, mut err: SyntaxError) -> SyntaxError {
    if !err.message.contains("tab") {
        return err;
    }
    let from = err.line.saturating_sub(1) as usize;
    let tabbed = text
        .lines()
        .enumerate()
        .skip(from)
        .find_map(|(index, line)| {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            line[..indent].find('\t').map(|column| (index, column))
        });
    if let Some((index, column)) = tabbed {
        err.line = index as u32 + 1;
        err.column = column as u32 + 1;
        TAB_INDENT.clone_into(&mut err.message);
    }
    err
}

/// One sentence for a parser error: limits are named, parser jargon is kept short and
/// prefixed with "invalid YAML", positions are left to the caller.
fn describe(err: &serde_saphyr::Error, kind: FileKind) -> String {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    let mut inner = err;
    while let E::AliasError { error, .. } | E::WithSnippet { error, .. } = inner {
        inner = error;
    }
    match inner {
        E::Budget { breach, .. } => match breach {
            B::Depth { .. } => depth_limit(kind),
            B::Documents { .. } => format!(
                "a {noun} holds one YAML document, but a second one starts here (after `---`); move its {list} into the first document's `{list}:` list or into another file",
                noun = kind.noun(),
                list = kind.list()
            ),
            B::Aliases { .. } | B::Anchors { .. } | B::AliasAnchorRatio { .. } => alias_limit(kind),
            B::Nodes { .. } | B::Events { .. } => alias_limit_or_size(kind),
            B::ScalarBytes { .. } | B::InputBytes { .. } => format!(
                "the text in this file is over {} MiB, the limit for {}s; split it into several files",
                MAX_FILE_BYTES / (1024 * 1024),
                kind.noun()
            ),
            other => format!(
                "the file exceeds a parser limit for {}s ({other:?})",
                kind.noun()
            ),
        },
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => alias_limit(kind),
        _ => {
            let rendered = err.to_string();
            let first = rendered.lines().next().unwrap_or("invalid YAML").trim();
            let message = strip_position_suffix(strip_position_prefix(
                first.strip_prefix("error: ").unwrap_or(first),
            ));
            plain_words(message, kind)
        }
    }
}

/// Aliases past the expansion budget: a billion-laughs file stops here, long before it
/// costs time or memory.
fn alias_limit(kind: FileKind) -> String {
    format!(
        "aliases (`*name`) expand the file past {MAX_ALIAS_EVENTS} YAML nodes or {} MiB of text here, the limit for {}s; write out the text instead of repeating it through aliases",
        MAX_ALIAS_BYTES / (1024 * 1024),
        kind.noun()
    )
}

fn depth_limit(kind: FileKind) -> String {
    format!(
        "the YAML is nested more than {MAX_DEPTH} levels deep, the limit for {noun}s; a {noun} needs only a few levels",
        noun = kind.noun()
    )
}

fn alias_limit_or_size(kind: FileKind) -> String {
    format!(
        "the file has too many YAML nodes for a {} (aliases may expand to at most {MAX_ALIAS_EVENTS}); split it into several files or write out what aliases repeat",
        kind.noun()
    )
}

/// Rewrites the parser's messages that mention its own options, or that only a YAML
/// implementer would read, into sentences for someone editing a prompt file.
fn plain_words(message: &str, kind: FileKind) -> String {
    let lower = message.to_ascii_lowercase();
    if lower.contains("recursion limit") {
        return depth_limit(kind);
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest);
        return format!("the key `{key}` appears twice in this mapping; keep one");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
        && expected.contains("mapping key")
    {
        let found = match found {
            "sequence" => "a list",
            "map" => "a mapping",
            other => other,
        };
        return format!("a mapping key must be plain text, found {found}");
    }
    if lower.contains("!!binary") {
        return format!(
            "`!!binary` values are not allowed in {}s; write plain text",
            kind.noun()
        );
    }
    let message = message.split(". If you").next().unwrap_or(message);
    let message = message.split(", set ").next().unwrap_or(message);
    // What a typed reader refused (a field, a type) is not a syntax problem.
    let refused = [
        "invalid type",
        "invalid value",
        "unknown field",
        "missing field",
    ];
    if refused.iter().any(|r| lower.starts_with(r)) {
        message.to_owned()
    } else {
        format!("invalid YAML: {message}")
    }
}

/// serde-saphyr starts messages with "line 3 column 1: "; we print the position ourselves.
fn strip_position_prefix(message: &str) -> &str {
    if let Some(rest) = message.strip_prefix("line ")
        && let Some((_, after)) = rest.split_once(": ")
        && rest.split(':').next().is_some_and(|p| p.contains("column"))
    {
        return after;
    }
    message
}

/// The scanner ends messages with " at line 3, column 1"; the position is printed once.
fn strip_position_suffix(message: &str) -> &str {
    if let Some(at) = message.rfind(" at line ")
        && message[at + 9..]
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b' ' || b.is_ascii_lowercase())
    {
        return &message[..at];
    }
    message
}

/// The tree as serde-saphyr hands it over, before positions are flattened.
enum RawNode {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<String>, Spanned<RawNode>)>),
}

impl From<Spanned<RawNode>> for Node {
    fn from(spanned: Spanned<RawNode>) -> Self {
        let line = spanned.referenced.line() as u32;
        let column = spanned.referenced.column() as u32;
        let value = match spanned.value {
            RawNode::Null => Value::Null,
            RawNode::Bool(b) => Value::Bool(b),
            RawNode::Int(i) => Value::Int(i),
            RawNode::Float(f) => Value::Float(f),
            RawNode::Str(s) => Value::Str(s),
            RawNode::Seq(items) => Value::Seq(items.into_iter().map(Node::from).collect()),
            RawNode::Map(entries) => Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| {
                        let key = Key {
                            line: k.referenced.line() as u32,
                            column: k.referenced.column() as u32,
                            text: k.value,
                        };
                        (key, Node::from(v))
                    })
                    .collect(),
            ),
        };
        Node {
            line,
            column,
            value,
        }
    }
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl<'de> Visitor<'de> for RawVisitor {
            type Value = RawNode;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_unit<E>(self) -> Result<RawNode, E> {
                Ok(RawNode::Null)
            }
            fn visit_none<E>(self) -> Result<RawNode, E> {
                Ok(RawNode::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
                RawNode::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawNode, E> {
                Ok(RawNode::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawNode, E> {
                Ok(RawNode::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawNode, E> {
                Ok(i64::try_from(v).map_or(RawNode::Float(v as f64), RawNode::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawNode, E> {
                Ok(RawNode::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
                Ok(RawNode::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
                Ok(RawNode::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(RawNode::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
                    let value = map.next_value()?;
                    let key = Spanned {
                        value: key.value.0,
                        referenced: key.referenced,
                        defined: key.defined,
                    };
                    entries.push((key, value));
                }
                Ok(RawNode::Map(entries))
            }
        }
        deserializer.deserialize_any(RawVisitor)
    }
}

/// A mapping key read as text whatever its YAML type (`1: x`, `true: y`), so odd keys
/// get a clear "unknown field" rather than a type error.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a plain mapping key")
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<KeyText, E> {
                Ok(KeyText(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<KeyText, E> {
                Ok(KeyText("null".to_owned()))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_remember_line_and_column() {
        let node = parse("a: 1\nb:\n  - x\n").unwrap();
        let Value::Map(entries) = node.value else {
            panic!("expected a map")
        };
        assert_eq!(entries[1].0.text, "b");
        assert_eq!((entries[1].0.line, entries[1].0.column), (2, 1));
        let Value::Seq(items) = &entries[1].1.value else {
            panic!("expected a list")
        };
        assert_eq!((items[0].line, items[0].column), (3, 5));
    }

    #[test]
    fn syntax_errors_carry_a_position_and_a_sentence() {
        let err = parse("a: [1, 2\nb: c\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(!err.message.is_empty());
        assert!(!err.message.starts_with("line "), "{}", err.message);
    }

    #[test]
    fn a_tab_used_for_indentation_is_reported_on_its_own_line() {
        let err = parse("prompts:\n  - id: x\n    title: hello\n\tlevel: mid\n").unwrap_err();
        assert_eq!((err.line, err.column), (4, 1), "{err:?}");
        assert!(err.message.contains("tab"), "{}", err.message);

        let err = parse("a:\n  b: 1\n  \t c: 2\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 3), "{err:?}");
    }

    #[test]
    fn deep_nesting_names_the_limit() {
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        let err = parse(&deep).unwrap_err();
        assert!(err.message.contains("64"), "{}", err.message);
    }

    #[test]
    fn empty_text_is_null() {
        assert!(matches!(parse("").unwrap().value, Value::Null));
        assert!(matches!(
            parse("# only a comment\n").unwrap().value,
            Value::Null
        ));
    }
}
