//! A generator's parameters as written in a lab file, read one by one with their
//! positions, so every problem (unknown name, wrong type, out of range, escaping path)
//! is reported as `file:line:col: sentence` and all of them are reported at once.

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::writer::RelPath;
use crate::bank::did_you_mean;

/// A parameter value; lists and mappings are only ever errors here.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(String),
    Null,
    Other(&'static str),
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Bool(_) => "true/false",
            Value::Str(_) => "text",
            Value::Null => "nothing",
            Value::Other(kind) => kind,
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Value;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a parameter value")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
                Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
                Ok(Value::Float(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Bool(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Value, E> {
                Ok(Value::Str(v))
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                Value::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Value, A::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Value::Other("a list"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Value, A::Error> {
                while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Value::Other("a mapping"))
            }
        }
        d.deserialize_any(V)
    }
}

/// One `key: value` of the `generator:` mapping.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub line: u32,
    pub column: u32,
    pub value: Value,
    pub value_line: u32,
    pub value_column: u32,
}

/// The `generator:` mapping, in file order.
#[derive(Debug, Clone, Default)]
pub struct RawParams(pub Vec<Entry>);

impl<'de> Deserialize<'de> for RawParams {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawParams;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping with `name:` and the generator's parameters")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<RawParams, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = m.next_key::<Spanned<String>>()? {
                    let value: Spanned<Value> = m.next_value()?;
                    out.push(Entry {
                        key: key.value,
                        line: key.referenced.line() as u32,
                        column: key.referenced.column() as u32,
                        value: value.value,
                        value_line: value.referenced.line() as u32,
                        value_column: value.referenced.column() as u32,
                    });
                }
                Ok(RawParams(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// A problem with a position, before the file name is attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// Reads parameters by name, remembering which were used and every problem met.
#[derive(Debug)]
pub struct Reader {
    generator: String,
    entries: Vec<Entry>,
    used: Vec<bool>,
    known: Vec<&'static str>,
    pub problems: Vec<Problem>,
}

impl Reader {
    #[must_use]
    pub fn new(generator: &str, entries: Vec<Entry>) -> Self {
        let used = vec![false; entries.len()];
        Self {
            generator: generator.to_owned(),
            entries,
            used,
            known: vec!["name"],
            problems: Vec::new(),
        }
    }

    fn take(&mut self, key: &'static str) -> Option<Entry> {
        self.known.push(key);
        let i = self.entries.iter().position(|e| e.key == key)?;
        self.used[i] = true;
        Some(self.entries[i].clone())
    }

    fn problem(&mut self, e: &Entry, message: String) {
        self.problems.push(Problem {
            line: e.value_line,
            column: e.value_column,
            message,
        });
    }

    /// One of a fixed set of words.
    pub fn choice<T: Copy>(&mut self, key: &'static str, options: &[(&str, T)], default: T) -> T {
        let Some(e) = self.take(key) else {
            return default;
        };
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        if let Value::Str(s) = &e.value
            && let Some((_, v)) = options.iter().find(|(n, _)| n == s)
        {
            return *v;
        }
        let shown = match &e.value {
            Value::Str(s) => format!("'{s}'"),
            other => other.kind().to_owned(),
        };
        let hint = match &e.value {
            Value::Str(s) => did_you_mean(s, &names)
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default(),
            _ => String::new(),
        };
        let message = format!(
            "`{key}` of the {} generator is {shown}; use one of: {}{hint}",
            self.generator,
            names.join(", ")
        );
        self.problem(&e, message);
        default
    }

    /// A whole number in `min..=max`.
    pub fn int(&mut self, key: &'static str, min: u64, max: u64, default: u64) -> u64 {
        let Some(e) = self.take(key) else {
            return default;
        };
        match e.value {
            Value::Int(n) if n >= 0 && (min..=max).contains(&(n as u64)) => n as u64,
            Value::Int(n) => {
                let message = format!("`{key}` is {n}; it must be between {min} and {max}");
                self.problem(&e, message);
                default
            }
            ref other => {
                let message = format!(
                    "`{key}` must be a whole number from {min} to {max}, found {}",
                    other.kind()
                );
                self.problem(&e, message);
                default
            }
        }
    }

    /// A number in `min..=max`.
    pub fn float(&mut self, key: &'static str, min: f64, max: f64, default: f64) -> f64 {
        let Some(e) = self.take(key) else {
            return default;
        };
        let n = match e.value {
            Value::Int(n) => n as f64,
            Value::Float(f) => f,
            ref other => {
                let message = format!("`{key}` must be a number, found {}", other.kind());
                self.problem(&e, message);
                return default;
            }
        };
        if n.is_finite() && (min..=max).contains(&n) {
            n
        } else {
            let message = format!("`{key}` is {n}; it must be between {min} and {max}");
            self.problem(&e, message);
            default
        }
    }

    pub fn boolean(&mut self, key: &'static str, default: bool) -> bool {
        let Some(e) = self.take(key) else {
            return default;
        };
        if let Value::Bool(b) = e.value {
            b
        } else {
            let message = format!("`{key}` must be true or false, found {}", e.value.kind());
            self.problem(&e, message);
            default
        }
    }

    /// A path inside the lab folder; anything that could escape it is an error here.
    pub fn path(&mut self, key: &'static str, default: &'static str) -> RelPath {
        let fallback = || RelPath::known(default);
        let Some(e) = self.take(key) else {
            return fallback();
        };
        match &e.value {
            Value::Str(s) => match RelPath::new(s) {
                Ok(p) => p,
                Err(problem) => {
                    let message = format!("`{key}`: {problem}");
                    self.problem(&e, message);
                    fallback()
                }
            },
            other => {
                let message = format!("`{key}` must be a relative path, found {}", other.kind());
                self.problem(&e, message);
                fallback()
            }
        }
    }

    /// Reports a combination of parameters that does not make sense, at `key` (or at
    /// the `name:` line when `key` is absent).
    pub fn conflict(&mut self, key: &str, message: String) {
        let at = self
            .entries
            .iter()
            .find(|e| e.key == key)
            .or_else(|| self.entries.iter().find(|e| e.key == "name"))
            .map_or((1, 1), |e| (e.value_line, e.value_column));
        self.problems.push(Problem {
            line: at.0,
            column: at.1,
            message,
        });
    }

    /// Reports every parameter that was never asked for.
    pub fn finish(&mut self) {
        let known = self.known.clone();
        for (i, e) in self.entries.clone().iter().enumerate() {
            if self.used[i] || e.key == "name" {
                continue;
            }
            let hint = did_you_mean(&e.key, &known)
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            self.problems.push(Problem {
                line: e.line,
                column: e.column,
                message: format!(
                    "unknown parameter `{}` for the {} generator (it knows: {}){hint}",
                    e.key,
                    self.generator,
                    known[1..].join(", ")
                ),
            });
        }
    }
}
