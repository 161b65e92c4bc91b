//! One forgiving phrase matcher, the way a person listens: used by scenarios (what a
//! candidate asks), honest grading (`listen_for`) and checked coding.
//!
//! A phrase matches a line when every content word of the phrase occurs in the line, in
//! any order. Words compare case-insensitively, with simple plural and verb endings
//! folded (`restarting` ~ `restart`, `caches` ~ `cache`), one typo allowed in words of
//! five letters or more, and commands matching by name (`df -h /var` has the word `df`).
//! Filler words (the, is, what ...) are dropped from phrases, so "what's the disk usage"
//! and "usage of the disk" both say `disk usage`. Pure: no I/O, no state.

/// Words a phrase may contain that say nothing about what is asked.
const FILLER: &[&str] = &[
    "a", "an", "the", "is", "are", "was", "were", "be", "been", "do", "does", "did", "i", "im",
    "we", "you", "it", "its", "my", "our", "of", "to", "on", "in", "at", "for", "and", "or",
    "with", "what", "whats", "how", "any", "there", "this", "that", "can", "would", "should",
    "could", "me", "us", "s", "d", "ll", "ve", "m", "re",
];

/// The words of a text: lower-case runs of letters and digits.
#[must_use]
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A word with its folded forms, ready to compare.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    forms: Vec<String>,
}

impl Word {
    fn new(text: String) -> Self {
        let forms = folds(&text);
        Self { text, forms }
    }

    fn matches(&self, other: &Word) -> bool {
        if self.text == other.text {
            return true;
        }
        if self.forms.iter().any(|f| other.forms.contains(f)) {
            return true;
        }
        let (a, b) = (self.text.chars().count(), other.text.chars().count());
        a >= 5
            && b >= 5
            && a.abs_diff(b) <= 1
            && crate::text::edit_distance(&self.text, &other.text) <= 1
    }
}

/// The word and the word with one common ending taken off (forms of 3+ letters only).
fn folds(word: &str) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    let mut add = |form: String| {
        if form.chars().count() >= 3 && !out.contains(&form) {
            out.push(form);
        }
    };
    for ending in ["s", "es", "ed", "d", "ing"] {
        if let Some(stem) = word.strip_suffix(ending) {
            add(stem.to_owned());
        }
    }
    if let Some(stem) = word.strip_suffix("ing") {
        add(format!("{stem}e"));
    }
    if let Some(stem) = word.strip_suffix("ies") {
        add(format!("{stem}y"));
    }
    out
}

/// A line as the matcher reads it.
#[derive(Debug, Clone)]
pub struct Line {
    words: Vec<Word>,
}

impl Line {
    #[must_use]
    pub fn new(text: &str) -> Self {
        Self {
            words: words(text).into_iter().map(Word::new).collect(),
        }
    }
}

/// A phrase to listen for: its content words.
#[derive(Debug, Clone)]
pub struct Phrase {
    text: String,
    words: Vec<Word>,
}

impl Phrase {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut seen: Vec<String> = Vec::new();
        for w in words(text) {
            if !FILLER.contains(&w.as_str()) && !seen.contains(&w) {
                seen.push(w);
            }
        }
        Self {
            text: text.trim().to_owned(),
            words: seen.into_iter().map(Word::new).collect(),
        }
    }

    /// True when nothing but filler is left: such a phrase would match every line.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// How specific the phrase is: its number of content words.
    #[must_use]
    pub fn len(&self) -> usize {
        self.words.len()
    }

    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The same key for phrases that say the same words (order, case, filler aside).
    #[must_use]
    pub fn key(&self) -> String {
        let mut stems: Vec<&str> = self
            .words
            .iter()
            .map(|w| w.forms.last().map_or(w.text.as_str(), String::as_str))
            .collect();
        stems.sort_unstable();
        stems.join(" ")
    }

    /// Every content word of the phrase occurs in the line.
    #[must_use]
    pub fn matches(&self, line: &Line) -> bool {
        !self.words.is_empty()
            && self
                .words
                .iter()
                .all(|w| line.words.iter().any(|lw| w.matches(lw)))
    }
}

/// What matched a line: the entry (its index) and the phrase that said it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub entry: usize,
    pub phrase: String,
}

/// A list of entries, each with its phrases, asked "which entry does this line mean?".
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    entries: Vec<Vec<Phrase>>,
}

impl Matcher {
    /// `entries[i]` are the phrases of entry `i`.
    #[must_use]
    pub fn new<S: AsRef<str>>(entries: &[Vec<S>]) -> Self {
        Self {
            entries: entries
                .iter()
                .map(|phrases| phrases.iter().map(|p| Phrase::new(p.as_ref())).collect())
                .collect(),
        }
    }

    /// The entry whose matching phrase has the most words; ties go to the earlier entry.
    #[must_use]
    pub fn best(&self, line: &str) -> Option<Hit> {
        let line = Line::new(line);
        let mut best: Option<(usize, &Phrase)> = None;
        for (entry, phrases) in self.entries.iter().enumerate() {
            for phrase in phrases {
                if phrase.matches(&line) && best.is_none_or(|(_, b)| phrase.len() > b.len()) {
                    best = Some((entry, phrase));
                }
            }
        }
        best.map(|(entry, p)| Hit {
            entry,
            phrase: p.text.clone(),
        })
    }

    /// Every entry tied for the most specific match of `line`, in entry order, each
    /// with its longest matching phrase. Empty when nothing matches.
    #[must_use]
    pub fn best_tied(&self, line: &str) -> Vec<Hit> {
        let line = Line::new(line);
        let mut best_len = 0;
        let mut tied: Vec<Hit> = Vec::new();
        for (entry, phrases) in self.entries.iter().enumerate() {
            let Some(phrase) = phrases
                .iter()
                .filter(|p| p.matches(&line))
                .max_by_key(|p| p.len())
            else {
                continue;
            };
            if phrase.len() > best_len {
                best_len = phrase.len();
                tied.clear();
            }
            if phrase.len() == best_len {
                tied.push(Hit {
                    entry,
                    phrase: phrase.text.clone(),
                });
            }
        }
        tied
    }

    /// Every entry that some line of `text` matches, with the first phrase that did.
    #[must_use]
    pub fn all_in(&self, text: &str) -> Vec<Hit> {
        let lines: Vec<Line> = text.lines().map(Line::new).collect();
        let mut out = Vec::new();
        for (entry, phrases) in self.entries.iter().enumerate() {
            if let Some(p) = phrases.iter().find(|p| lines.iter().any(|l| p.matches(l))) {
                out.push(Hit {
                    entry,
                    phrase: p.text.clone(),
                });
            }
        }
        out
    }
}

/// True when any of `phrases` matches any line of `text`.
#[must_use]
pub fn mentions<S: AsRef<str>>(text: &str, phrases: &[S]) -> Option<String> {
    Matcher::new(&[phrases.iter().map(AsRef::as_ref).collect::<Vec<_>>()])
        .all_in(text)
        .into_iter()
        .next()
        .map(|h| h.phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(phrase: &str, line: &str) -> bool {
        Phrase::new(phrase).matches(&Line::new(line))
    }

    #[test]
    fn words_in_any_order_and_any_case() {
        assert!(hits("disk usage", "what's the usage of the DISK?"));
        assert!(hits("disk usage", "checked disk usage on /"));
        assert!(!hits("disk usage", "checked the disk"));
    }

    #[test]
    fn plural_and_verb_endings_fold() {
        assert!(hits("restart", "I'd try restarting it"));
        assert!(hits("check log", "checked the logs"));
        assert!(hits("cache", "flush the caches"));
        assert!(hits("use", "using lsof"));
        assert!(hits("process", "list processes"));
        assert!(hits("dependency", "what about the dependencies"));
        assert!(!hits("cache", "cat the file"));
    }

    #[test]
    fn one_typo_in_long_words_only() {
        assert!(hits("bandwidth", "what's the bandwith"));
        assert!(
            hits("latency", "check the latnecy"),
            "two neighbours swapped"
        );
        assert!(!hits("latency", "check the ltncy"), "two edits");
        assert!(!hits("top", "tip"), "short words need the exact word");
        assert!(!hits("dmesg", "mesg"), "a missing letter in a short word");
    }

    #[test]
    fn commands_match_by_name_whatever_the_flags() {
        assert!(hits("df", "df -h /var"));
        assert!(hits("lsof +L1", "sudo lsof +L1 | head"));
        assert!(hits("sar -n dev", "sar -n DEV 1 5"));
        assert!(!hits("df", "dfx"));
    }

    #[test]
    fn people_name_the_same_check_many_ways() {
        let m = Matcher::new(&[
            vec!["do i have root", "sudo"],
            vec![
                "df",
                "dfh",
                "disk usage",
                "disk space",
                "free space",
                "how full",
            ],
        ]);
        for line in [
            "checked disk space on /",
            "what's the disk usage",
            "df -h",
            "dfh?",
            "how full is the filesystem?",
        ] {
            assert_eq!(m.best(line).map(|h| h.entry), Some(1), "{line}");
        }
        assert_eq!(m.best("do I have root?").map(|h| h.entry), Some(0));
        assert_eq!(m.best("what time is it?"), None);
    }

    #[test]
    fn every_entry_tied_for_the_most_words_is_listed_in_order() {
        let m = Matcher::new(&[
            vec!["open files"],
            vec!["disk"],
            vec!["deleted open", "held open"],
        ]);
        let tied: Vec<usize> = m
            .best_tied("it still holds the deleted file open")
            .iter()
            .map(|h| h.entry)
            .collect();
        assert_eq!(tied, vec![0, 2]);
        assert!(m.best_tied("nothing here").is_empty());
    }

    #[test]
    fn the_most_specific_phrase_wins_and_ties_go_first() {
        let m = Matcher::new(&[vec!["restart"], vec!["restart the router"], vec!["router"]]);
        assert_eq!(m.best("restart the router now").unwrap().entry, 1);
        assert_eq!(m.best("restart nginx").unwrap().entry, 0);
        let tie = Matcher::new(&[vec!["logs"], vec!["errors"]]);
        assert_eq!(tie.best("errors in the logs").unwrap().entry, 0);
    }

    #[test]
    fn filler_words_do_not_count() {
        assert!(Phrase::new("what is the").is_empty());
        assert_eq!(Phrase::new("do i have root").len(), 2);
        assert_eq!(
            Phrase::new("Disk usage").key(),
            Phrase::new("the usage of disks").key()
        );
    }

    #[test]
    fn mentions_looks_at_each_line() {
        assert_eq!(
            mentions(
                "first\nran lsof +L1 and saw it",
                &["deleted open", "lsof +L1"]
            ),
            Some("lsof +L1".to_owned())
        );
        assert_eq!(
            mentions("deleted the file\nit was open", &["deleted open"]),
            None,
            "the words must be on one line"
        );
    }
}
