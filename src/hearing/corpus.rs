//! Labelled candidate lines and the figures that say how well the interviewer hears
//! them (SPEC §15). A corpus file names its prompt and holds two parts: `tune`, the
//! lines the vocabulary may be tuned on, and `held`, lines kept aside to measure on.
//!
//! ```yaml
//! prompt: ts-disk-full
//! tune:
//!   - line: df -i /var
//!     hear: evidence:inode-usage
//!   - line: "is it only checkout, and since when?"
//!     hear: [fact:2, fact:3]
//! held:
//!   - line: I would not reboot it yet
//!     hear: negated
//! ```
//!
//! Labels: `fact:N`, `evidence:ID`, `risky:N`, `cause`, `fix:N` (an entry the line
//! should be heard as), or `otherwise`, `offtopic`, `note`, `hypothesis` (a wrong
//! guess), `negated` (a risky step the candidate rejects). Pure: parsing takes text.

use std::fmt::Write as _;

use serde::Deserialize;

/// One labelled line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labelled {
    pub line: String,
    #[serde(deserialize_with = "one_or_many")]
    pub hear: Vec<String>,
    /// How it is said (terse, chatty, nonnative, double); informational.
    #[serde(default)]
    pub voice: Option<String>,
}

/// A corpus file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corpus {
    pub prompt: String,
    #[serde(default)]
    pub tune: Vec<Labelled>,
    #[serde(default)]
    pub held: Vec<Labelled>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// The labels that are not entries.
pub const NEUTRAL: &[&str] = &["otherwise", "offtopic", "note", "hypothesis", "negated"];

impl Corpus {
    /// Reads a corpus file's text.
    ///
    /// # Errors
    /// Not YAML of this shape, or a label that is none of the kinds above.
    pub fn parse(text: &str) -> Result<Self, String> {
        let corpus: Corpus = serde_saphyr::from_str(text).map_err(|e| {
            // The reader's first line names the place and the problem; the rest is a
            // picture of the same line.
            let text = e.to_string();
            let first = text.lines().next().unwrap_or_default();
            format!(
                "{}; a hearing file has `prompt:`, then `tune:` and `held:` lists of `line:` and `hear:`",
                first.trim_start_matches("error: ")
            )
        })?;
        for (part, lines) in [("tune", &corpus.tune), ("held", &corpus.held)] {
            for (i, l) in lines.iter().enumerate() {
                if l.hear.is_empty() {
                    return Err(format!("{part} line {}: `hear` is empty", i + 1));
                }
                for label in &l.hear {
                    if !is_label(label) {
                        return Err(format!(
                            "{part} line {} ({:?}): `{label}` is not a label; use fact:N, evidence:ID, risky:N, cause, fix:N, otherwise, offtopic, note, hypothesis or negated",
                            i + 1,
                            l.line
                        ));
                    }
                }
            }
        }
        Ok(corpus)
    }
}

fn is_label(label: &str) -> bool {
    if NEUTRAL.contains(&label) || label == "cause" || label == "risky" {
        return true;
    }
    match label.split_once(':') {
        Some(("fact" | "risky" | "fix", n)) => n.parse::<u32>().is_ok_and(|n| n > 0),
        Some(("evidence", id)) => !id.is_empty(),
        _ => false,
    }
}

/// Counts over a set of lines (SPEC §15).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    /// Entry labels (`fact`, `evidence`, `cause`, `fix`), and those heard as that entry.
    pub entries: u32,
    pub entries_heard: u32,
    /// Lines labelled only with neutral labels, and those heard as any entry.
    pub neutral: u32,
    pub false_hits: u32,
    /// Lines labelled `risky`, and those heard as a risky entry.
    pub risky: u32,
    pub risky_heard: u32,
    /// Lines labelled `negated`, and those heard as a risky entry.
    pub negated: u32,
    pub negated_alarms: u32,
}

impl Figures {
    /// Adds another set of counts.
    pub fn add(&mut self, o: &Figures) {
        self.entries += o.entries;
        self.entries_heard += o.entries_heard;
        self.neutral += o.neutral;
        self.false_hits += o.false_hits;
        self.risky += o.risky;
        self.risky_heard += o.risky_heard;
        self.negated += o.negated;
        self.negated_alarms += o.negated_alarms;
    }

    #[must_use]
    pub fn hit_rate(&self) -> f64 {
        ratio(self.entries_heard, self.entries, 1.0)
    }

    #[must_use]
    pub fn false_hit_rate(&self) -> f64 {
        ratio(self.false_hits, self.neutral, 0.0)
    }

    #[must_use]
    pub fn risky_recall(&self) -> f64 {
        ratio(self.risky_heard, self.risky, 1.0)
    }

    /// One row: hit rate, false-hit rate, risky recall, negated false alarms.
    #[must_use]
    pub fn row(&self) -> String {
        format!(
            "hit {:5.1}% ({}/{})  false hit {:4.1}% ({}/{})  risky {:5.1}% ({}/{})  negated alarms {}/{}",
            self.hit_rate() * 100.0,
            self.entries_heard,
            self.entries,
            self.false_hit_rate() * 100.0,
            self.false_hits,
            self.neutral,
            self.risky_recall() * 100.0,
            self.risky_heard,
            self.risky,
            self.negated_alarms,
            self.negated
        )
    }
}

fn ratio(n: u32, d: u32, empty: f64) -> f64 {
    if d == 0 {
        empty
    } else {
        f64::from(n) / f64::from(d)
    }
}

/// What was heard of one line that the labels did not expect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    pub line: String,
    pub expected: Vec<String>,
    pub heard: Vec<String>,
}

impl Miss {
    #[must_use]
    pub fn describe(&self) -> String {
        let mut s = String::new();
        let _ = write!(
            s,
            "{:?}: expected {}, heard {}",
            self.line,
            self.expected.join(" "),
            if self.heard.is_empty() {
                "nothing".to_owned()
            } else {
                self.heard.join(" ")
            }
        );
        s
    }
}

/// Scores `lines`, hearing each with `hear` (the `matched` tags of the actions the
/// line produced, one per clause).
pub fn score(
    lines: &[Labelled],
    mut hear: impl FnMut(&str) -> Vec<String>,
) -> (Figures, Vec<Miss>) {
    let mut f = Figures::default();
    let mut misses = Vec::new();
    for l in lines {
        let heard = hear(&l.line);
        let is_entry = |t: &str| {
            t.starts_with("fact:")
                || t.starts_with("evidence:")
                || t.starts_with("risky:")
                || t.starts_with("fix:")
                || t == "cause"
        };
        let heard_risky = heard.iter().any(|t| t.starts_with("risky:"));
        let mut wrong = false;
        for label in &l.hear {
            match label.as_str() {
                "risky" => {
                    f.risky += 1;
                    f.risky_heard += u32::from(heard_risky);
                    wrong |= !heard_risky;
                }
                l if l.starts_with("risky:") => {
                    f.risky += 1;
                    f.risky_heard += u32::from(heard_risky);
                    wrong |= !heard_risky;
                }
                "negated" => {
                    f.negated += 1;
                    f.negated_alarms += u32::from(heard_risky);
                    wrong |= heard_risky;
                }
                l if NEUTRAL.contains(&l) => {}
                entry => {
                    f.entries += 1;
                    let got = heard.iter().any(|t| t == entry);
                    f.entries_heard += u32::from(got);
                    wrong |= !got;
                }
            }
        }
        if l.hear.iter().all(|x| NEUTRAL.contains(&x.as_str())) {
            f.neutral += 1;
            let hit = heard.iter().any(|t| is_entry(t));
            f.false_hits += u32::from(hit);
            wrong |= hit;
        }
        if wrong {
            misses.push(Miss {
                line: l.line.clone(),
                expected: l.hear.clone(),
                heard,
            });
        }
    }
    (f, misses)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(spec: &[(&str, &[&str])]) -> Vec<Labelled> {
        spec.iter()
            .map(|(line, hear)| Labelled {
                line: (*line).to_owned(),
                hear: hear.iter().map(|s| (*s).to_owned()).collect(),
                voice: None,
            })
            .collect()
    }

    #[test]
    fn the_figures_count_as_the_spec_defines_them() {
        let corpus = lines(&[
            ("a", &["fact:1", "evidence:x"]),
            ("b", &["cause"]),
            ("c", &["otherwise"]),
            ("d", &["note"]),
            ("e", &["risky:1"]),
            ("f", &["negated"]),
        ]);
        let (f, misses) = score(&corpus, |line| match line {
            // One of two labels heard.
            "a" => vec!["fact:1".to_owned(), "otherwise".to_owned()],
            "b" => vec!["cause".to_owned()],
            "c" => vec!["otherwise".to_owned()],
            // A note heard as evidence is a false hit.
            "d" => vec!["evidence:x".to_owned()],
            "e" => vec!["risky:2".to_owned()],
            // A rejected step heard as risky is an alarm and a false hit.
            "f" => vec!["risky:1".to_owned()],
            _ => vec![],
        });
        assert_eq!((f.entries, f.entries_heard), (3, 2));
        assert_eq!((f.neutral, f.false_hits), (3, 2));
        assert_eq!((f.risky, f.risky_heard), (1, 1));
        assert_eq!((f.negated, f.negated_alarms), (1, 1));
        let missed: Vec<&str> = misses.iter().map(|m| m.line.as_str()).collect();
        assert_eq!(missed, vec!["a", "d", "f"]);
    }

    #[test]
    fn a_corpus_file_reads_and_bad_labels_are_named() {
        let ok = Corpus::parse(
            "prompt: p\ntune:\n  - line: df -i\n    hear: evidence:inodes\n    voice: terse\nheld:\n  - line: \"a, and b?\"\n    hear: [fact:1, fact:2]\n",
        )
        .unwrap();
        assert_eq!(ok.tune[0].hear, vec!["evidence:inodes"]);
        assert_eq!(ok.held[0].hear, vec!["fact:1", "fact:2"]);
        let err = Corpus::parse("prompt: p\ntune:\n  - line: x\n    hear: facts:1\n").unwrap_err();
        assert!(err.contains("`facts:1` is not a label"), "{err}");
        let err = Corpus::parse("prompt: p\ntune:\n  - line: x\n    hear: fact:0\n").unwrap_err();
        assert!(err.contains("not a label"), "{err}");
        let err = Corpus::parse("garbage: [\n").unwrap_err();
        assert!(!err.contains('\n'), "one line: {err}");
        assert!(err.contains("unknown field `garbage`"), "{err}");
    }
}
