//! The stored format of `companies.jsonl`: one [`Event`] per line, each a single change.
//!
//! Events are facts, never edited: an answer given in a round, a note, a deal-breaker
//! added or removed, a company renamed or forgotten. The current state is folded from
//! them (see `fold`). Every record carries `"v"`; readers accept every version written.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::bank::PromptId;

/// The record format version written by this build.
pub const VERSION: u32 = 1;

/// One appended change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub v: u32,
    /// Unique per record, so merged files can be deduplicated.
    pub id: String,
    #[serde(with = "rfc3339")]
    pub at: DateTime<FixedOffset>,
    #[serde(flatten)]
    pub change: Change,
    /// The sre-drill version that wrote the record.
    #[serde(default)]
    pub version: String,
}

impl Event {
    /// A new record of `change`, written by this build.
    #[must_use]
    pub fn new(id: String, at: DateTime<FixedOffset>, change: Change) -> Self {
        Self {
            v: VERSION,
            id,
            at,
            change,
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// A record id that sorts by time and is unique across runs and machines:
/// `20261127-100000-3fa2c1d0-2` (time, the run's random part, the record's number).
#[must_use]
pub fn event_id(at: DateTime<FixedOffset>, entropy: u64, n: usize) -> String {
    format!("{}-{:08x}-{n}", at.format("%Y%m%d-%H%M%S"), entropy as u32)
}

/// What changed. Stored as `"kind": "answer"` and so on, beside the event's fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    /// The company's answer to one question, flagged.
    Answer(AnswerRecord),
    /// The free notes at the end of a round.
    Note(NoteRecord),
    /// A deal-breaker on a question (replaces an earlier one on the same question).
    DealbreakerAdd {
        question: PromptId,
        condition: String,
    },
    DealbreakerRemove {
        question: PromptId,
    },
    /// The company now goes by `to`; its rounds and answers follow it.
    Rename {
        company: String,
        to: String,
    },
    /// Everything recorded so far about the company is dropped from the state.
    Forget {
        company: String,
    },
    /// A kind written by a newer sre-drill: kept in the file, ignored by this one.
    #[serde(other)]
    Unknown,
}

/// One answer, with the round it was given in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRecord {
    /// The company name as the user typed it.
    pub company: String,
    #[serde(flatten)]
    pub round: RoundInfo,
    pub question: PromptId,
    #[serde(default)]
    pub answer: String,
    pub flag: Flag,
}

/// The notes line at the end of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRecord {
    pub company: String,
    #[serde(flatten)]
    pub round: RoundInfo,
    pub text: String,
}

/// Which round an answer or note belongs to, and what the user said about the round.
/// Repeated on each event of the round, so a round stopped half-way still has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundInfo {
    /// 1 for the first `ask` with a company, then one more for each later one.
    pub round: u32,
    /// The day of the contact (the interview), not of the typing.
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interviewer: Option<String>,
}

/// How the user judged an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    Green,
    Neutral,
    Red,
}

impl Flag {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Green => "green",
            Flag::Neutral => "neutral",
            Flag::Red => "red",
        }
    }

    /// Reads `green`/`neutral`/`red` or `g`/`n`/`r` in any case; an empty line is neutral.
    #[must_use]
    pub fn parse(text: &str) -> Option<Flag> {
        match text.trim().to_lowercase().as_str() {
            "" | "n" | "neutral" => Some(Flag::Neutral),
            "g" | "green" => Some(Flag::Green),
            "r" | "red" => Some(Flag::Red),
            _ => None,
        }
    }

    /// A mark that reads without colour.
    #[must_use]
    pub fn mark(self) -> &'static str {
        match self {
            Flag::Green => "✓",
            Flag::Neutral => "·",
            Flag::Red => "✗",
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Timestamps as RFC 3339 with whole seconds and an explicit offset, like the history.
mod rfc3339 {
    use chrono::{DateTime, FixedOffset, SecondsFormat};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::Secs, false))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    pub(crate) fn round(n: u32, date: &str) -> RoundInfo {
        RoundInfo {
            round: n,
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            role: None,
            stage: None,
            interviewer: None,
        }
    }

    pub(crate) fn event(id: &str, change: Change) -> Event {
        Event {
            v: VERSION,
            id: id.to_owned(),
            at: at("2026-11-27T10:00:00+01:00"),
            change,
            version: "0.1.0".to_owned(),
        }
    }

    pub(crate) fn answer(company: &str, round_no: u32, question: &str, flag: Flag) -> Change {
        Change::Answer(AnswerRecord {
            company: company.to_owned(),
            round: round(round_no, "2026-11-20"),
            question: PromptId(question.to_owned()),
            answer: format!("{company} said something about {question}"),
            flag,
        })
    }

    #[test]
    fn an_answer_is_one_flat_json_object_with_its_kind() {
        let mut change = answer("Acme \"Rockets\" 🚀/EU", 2, "co-last-page", Flag::Red);
        if let Change::Answer(a) = &mut change {
            a.round.role = Some("SRE II".to_owned());
        }
        let json = serde_json::to_string(&event("e1", change)).unwrap();
        assert_eq!(
            json,
            r#"{"v":1,"id":"e1","at":"2026-11-27T10:00:00+01:00","kind":"answer","company":"Acme \"Rockets\" 🚀/EU","round":2,"date":"2026-11-20","role":"SRE II","question":"co-last-page","answer":"Acme \"Rockets\" 🚀/EU said something about co-last-page","flag":"red","version":"0.1.0"}"#
        );
    }

    #[test]
    fn every_kind_reads_back_as_written() {
        let changes = vec![
            answer("Acme", 1, "co-last-page", Flag::Green),
            Change::Note(NoteRecord {
                company: "Acme".to_owned(),
                round: round(1, "2026-11-20"),
                text: "nice people".to_owned(),
            }),
            Change::DealbreakerAdd {
                question: PromptId("co-dev-teams-on-call".to_owned()),
                condition: "developers are not on call".to_owned(),
            },
            Change::DealbreakerRemove {
                question: PromptId("co-dev-teams-on-call".to_owned()),
            },
            Change::Rename {
                company: "Acme".to_owned(),
                to: "Acme Corp".to_owned(),
            },
            Change::Forget {
                company: "Acme Corp".to_owned(),
            },
        ];
        for change in changes {
            let written = event("e", change);
            let json = serde_json::to_string(&written).unwrap();
            let read: Event = serde_json::from_str(&json).unwrap();
            assert_eq!(read, written, "{json}");
        }
    }

    #[test]
    fn a_kind_from_a_newer_version_is_read_as_unknown() {
        let json = r#"{"v":2,"id":"e9","at":"2026-11-27T10:00:00+01:00","kind":"offer","company":"Acme","salary":1}"#;
        let read: Event = serde_json::from_str(json).unwrap();
        assert_eq!(read.change, Change::Unknown);
    }

    #[test]
    fn a_record_missing_its_fields_is_an_error() {
        let json = r#"{"v":1,"id":"e9","at":"2026-11-27T10:00:00+01:00","kind":"answer","company":"Acme"}"#;
        assert!(serde_json::from_str::<Event>(json).is_err());
    }

    #[test]
    fn flags_read_as_people_type_them() {
        assert_eq!(Flag::parse("G"), Some(Flag::Green));
        assert_eq!(Flag::parse(" red "), Some(Flag::Red));
        assert_eq!(Flag::parse(""), Some(Flag::Neutral));
        assert_eq!(Flag::parse("neutral"), Some(Flag::Neutral));
        assert_eq!(Flag::parse("amber"), None);
    }
}
