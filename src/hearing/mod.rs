//! Hearing the candidate (SPEC §10, §11 and §15): the one matcher that scenarios,
//! honest grading and partner mode use.
//!
//! - `tokens.rs`: a line as words with stems, commands with their flags, quantities,
//!   and the polarity of each word (what the candidate rejects).
//! - `numbers.rs`: numbers and units as people type them.
//! - `clauses.rs`: a line split into clauses, and what each clause does (question,
//!   action, hypothesis, note).
//! - `corpus.rs`: labelled candidate lines and the figures that measure hearing.
//! - this file: phrases (what a bank entry listens for) and the [`Matcher`] that
//!   tells which entry a clause means.
//!
//! A phrase matches a clause when every content word of the phrase occurs in it, in
//! any order (same word, same stem, or one typo in words of five letters or more), with
//! the polarity the phrase asks for: a plain phrase needs its words asserted, a phrase
//! that starts with a negator (`never retry 404`, `don't restart`) needs them
//! rejected, and a phrase with a negator inside (`no swap`, `file not found`) is heard
//! as written. Flags a phrase names must be on the same command in the line (`df -i`
//! is not `df -h`); quantities must agree (`43 tb` hears `43TB`). Pure: no I/O.

pub mod clauses;
pub mod corpus;
pub mod numbers;
pub mod tokens;

use std::collections::HashSet;

use numbers::Quantity;
use tokens::{Tok, Tokens};

/// Words a phrase may contain that say nothing about what is asked.
const FILLER: &[&str] = &[
    "a", "an", "the", "is", "are", "was", "were", "be", "been", "do", "does", "did", "i", "im",
    "we", "you", "it", "its", "my", "our", "of", "to", "on", "in", "at", "for", "and", "or",
    "with", "what", "whats", "how", "any", "there", "this", "that", "can", "would", "should",
    "could", "me", "us", "s", "d", "ll", "ve", "m", "re", "will", "am", "let",
];

/// Fixed phrases whose words are heard as one (SPEC §15): "root cause" is not root
/// access, "free cores" is not free memory. A vocabulary file may add more under the
/// name `collocations`.
pub const COLLOCATIONS: &[&str] = &[
    "root cause",
    "free cores",
    "free cpu",
    "free disk",
    "go with",
    "go ahead",
    "in go",
    "out of curiosity",
    "on call",
    "on-call",
    "take a break",
    "time off",
    "by the way",
    "in general",
    "for example",
    "at least",
    "at most",
    "as well",
    "log in",
    "log into",
    "what time",
];

/// The words of a text: lower-case runs of letters and digits.
#[must_use]
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// What the ear knows beyond the words: the fixed phrases to hear as one.
#[derive(Debug, Clone)]
pub struct Ear {
    collocations: Vec<Vec<String>>,
}

impl Default for Ear {
    fn default() -> Self {
        Self::with(&[])
    }
}

impl Ear {
    /// The built-in collocations plus `extra` (from a vocabulary's `collocations`).
    #[must_use]
    pub fn with(extra: &[String]) -> Self {
        let mut collocations: Vec<Vec<String>> = COLLOCATIONS
            .iter()
            .map(|c| (*c).to_owned())
            .chain(extra.iter().cloned())
            .map(|c| words(&c))
            .filter(|w| w.len() > 1)
            .collect();
        // Longest first, so "free disk space" wins over "free disk".
        collocations.sort_by_key(|c| std::cmp::Reverse(c.len()));
        collocations.dedup();
        Self { collocations }
    }

    /// The ear of a vocabulary: its `collocations` entry, if any.
    #[must_use]
    pub fn of(vocabulary: &crate::bank::Vocabulary) -> Self {
        Self::with(
            vocabulary
                .vocabulary
                .get("collocations")
                .map_or(&[][..], Vec::as_slice),
        )
    }

    /// Reads a line (or clause).
    #[must_use]
    pub fn line(&self, text: &str) -> Line {
        Line {
            tokens: Tokens::new(text, &self.collocations),
            text: text.to_owned(),
        }
    }

    /// Reads a phrase.
    #[must_use]
    pub fn phrase(&self, text: &str) -> Phrase {
        Phrase::read(text, &self.collocations)
    }
}

/// A line (or clause) as the matcher reads it.
#[derive(Debug, Clone, Default)]
pub struct Line {
    tokens: Tokens,
    /// What was typed (for a part, the whole clause it came from).
    text: String,
}

impl Line {
    /// Reads `text` with the built-in collocations.
    #[must_use]
    pub fn new(text: &str) -> Self {
        Ear::default().line(text)
    }

    /// The line's words.
    #[must_use]
    pub fn toks(&self) -> &[Tok] {
        &self.tokens.toks
    }

    /// What was typed (for a part, the whole clause it came from).
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parts that may be heard apart ("cpu and memory"), each keeping the polarity
    /// it had in the whole line. One part when there is nothing to split.
    #[must_use]
    pub fn parts(&self) -> Vec<Line> {
        self.tokens
            .parts()
            .into_iter()
            .map(|tokens| Line {
                tokens,
                text: self.text.clone(),
            })
            .collect()
    }
}

/// How a phrase wants its words heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    /// Asserted by the candidate.
    Asserted,
    /// Rejected: the phrase starts with a negator (`never retry 404`).
    Rejected,
    /// As written: a negator inside (`no swap`, `file not found`).
    AsWritten,
}

/// One word of a phrase, with the flags it needs when it is a command.
#[derive(Debug, Clone)]
struct PhraseWord {
    tok: Tok,
    /// A flag named alone (`--previous`): heard on any command, or as a word.
    flag_only: bool,
}

/// A phrase to listen for.
#[derive(Debug, Clone)]
pub struct Phrase {
    text: String,
    words: Vec<PhraseWord>,
    /// A command phrase (`kubectl get node`): its first three words are heard only
    /// in order (see [`Phrase::in_command_order`]).
    ordered: bool,
    /// Where a question word is followed by the word it asks about ("which hosts",
    /// "how many instances"): the index of that question word in `words`.
    asks_about: Vec<usize>,
    /// Each quantity with the text it was written as.
    quantities: Vec<(Quantity, String)>,
    polarity: Polarity,
}

/// Negators that open a phrase and make it a rejection.
const REJECTING_OPENERS: &[&str] = &["never", "not", "avoid", "without", "no need"];

impl Phrase {
    /// Reads a phrase with the built-in collocations.
    #[must_use]
    pub fn new(text: &str) -> Self {
        Self::read(text, &Ear::default().collocations)
    }

    fn read(text: &str, collocations: &[Vec<String>]) -> Self {
        let trimmed = text.trim();
        let (exact, body) = match trimmed.strip_prefix('=') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, trimmed),
        };
        let tokens = Tokens::new(body, collocations);
        let lower = body.to_lowercase().replace(['\u{2019}', '\''], "");
        let opener = REJECTING_OPENERS
            .iter()
            .any(|n| lower.starts_with(&format!("{n} ")))
            || ["dont ", "do not ", "don t "]
                .iter()
                .any(|n| lower.starts_with(n));
        let has_negator = tokens.toks.iter().any(|t| t.neg)
            || words(&lower)
                .iter()
                .any(|w| w == "no" || w == "not" || w == "never" || w == "without");
        let polarity = if opener {
            Polarity::Rejected
        } else if has_negator {
            Polarity::AsWritten
        } else {
            Polarity::Asserted
        };
        let mut seen: Vec<String> = Vec::new();
        let mut words = Vec::new();
        let mut quantities = Vec::new();
        for t in tokens.toks {
            if let Some(mut q) = t.qty.clone()
                && t.text.chars().next().is_some_and(|c| c.is_ascii_digit())
            {
                q.exact = exact;
                quantities.push((q, t.text.clone()));
                continue;
            }
            let negator_word = matches!(
                t.text.as_str(),
                "not" | "never" | "avoid" | "without" | "no" | "need"
            ) && polarity == Polarity::Rejected;
            if FILLER.contains(&t.text.as_str()) || negator_word || seen.contains(&t.text) {
                continue;
            }
            seen.push(t.text.clone());
            let flag_only = t.flags.len() == 1 && t.flags[0].trim_start_matches('+') == t.text;
            words.push(PhraseWord { tok: t, flag_only });
        }
        let ordered = is_command_phrase(&words);
        let asks_about = (0..words.len().saturating_sub(1))
            .filter(|&i| QUESTION_WORDS.contains(&words[i].tok.text.as_str()))
            .collect();
        Self {
            text: trimmed.to_owned(),
            words,
            ordered,
            asks_about,
            quantities,
            polarity,
        }
    }

    /// True when nothing but filler is left: such a phrase would match every line.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.quantities.is_empty()
    }

    /// How specific the phrase is: its content words, flags and quantities.
    #[must_use]
    pub fn len(&self) -> usize {
        self.words.len()
            + self.quantities.len()
            + self
                .words
                .iter()
                .map(|w| w.tok.flags.len().min(1))
                .sum::<usize>()
    }

    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The same key for phrases that say the same words (order, case, filler aside).
    #[must_use]
    pub fn key(&self) -> String {
        let mut stems: Vec<String> = self
            .words
            .iter()
            .map(|w| {
                let mut flags = w.tok.flags.clone();
                flags.sort();
                if flags.is_empty() {
                    w.tok.stem.clone()
                } else {
                    format!("{} -{}", w.tok.stem, flags.join(""))
                }
            })
            .collect();
        stems.extend(self.quantities.iter().map(|(_, text)| text.clone()));
        stems.sort_unstable();
        let key = stems.join(" ");
        match self.polarity {
            Polarity::Rejected => format!("not {key}"),
            _ => key,
        }
    }

    /// Every content word, flag and quantity of the phrase occurs in the line, with
    /// the polarity the phrase asks for.
    #[must_use]
    pub fn matches(&self, line: &Line) -> bool {
        self.heard(line, false)
    }

    /// As [`Phrase::matches`]; with `any_polarity`, the words may also be rejected (a
    /// question that names a check negatively still asks for it).
    #[must_use]
    pub fn heard(&self, line: &Line, any_polarity: bool) -> bool {
        self.heard_knowing(line, any_polarity, None)
    }

    /// As [`Phrase::heard`]; a typed word in `known` is never taken for a typo.
    #[must_use]
    pub fn heard_knowing(
        &self,
        line: &Line,
        any_polarity: bool,
        known: Option<&HashSet<String>>,
    ) -> bool {
        if self.is_empty() {
            return false;
        }
        let toks = line.toks();
        let polarity_ok = |t: &Tok| match self.polarity {
            Polarity::Asserted => any_polarity || !t.neg,
            Polarity::Rejected => t.neg,
            Polarity::AsWritten => true,
        };
        // A typed word that is a word of some phrase is a word, not a typo: "state" is not
        // "stats". It still hears a longer or shorter form of itself ("healthy", "health").
        let same = |p: &Tok, t: &Tok| {
            same_word(p, t)
                && (p.text == t.text
                    || p.stem == t.stem
                    || p.text.starts_with(&t.text)
                    || t.text.starts_with(&p.text)
                    || squeeze(&p.text) == squeeze(&t.text)
                    || known.is_none_or(|k| !k.contains(&t.text)))
        };
        // A flag typed after the command's argument is still the command's: "docker
        // inspect worker --format", "kubectl logs api-7f -c pgbouncer".
        let flagged = |i: usize, f: &String| toks[i..].iter().take(4).any(|t| t.flags.contains(f));
        if self.ordered && !self.in_command_order(toks, &same) {
            return false;
        }
        if !self.asks_about.iter().all(|&i| self.bound(i, toks, &same)) {
            return false;
        }
        self.words.iter().all(|w| {
            toks.iter().enumerate().any(|(i, t)| {
                polarity_ok(t)
                    && if w.flag_only {
                        t.flags.contains(&w.tok.flags[0]) || same(&w.tok, t)
                    } else {
                        same(&w.tok, t) && w.tok.flags.iter().all(|f| flagged(i, f))
                    }
            }) || (w.tok.flags.is_empty() && split_compound(&w.tok.text, toks, &polarity_ok))
        }) && self.quantities.iter().all(|(q, text)| {
            toks.iter().any(|t| {
                t.qty.as_ref().is_some_and(|tq| q.heard_in(tq) || q.bare_heard_as_percent(tq))
                    // The number as a word ("503/429"), or a code in the plural ("429s").
                    || t.text == *text
                    || t.text.strip_suffix('s') == Some(text.as_str())
            })
        })
    }
}

/// A compound word of a phrase said as two words: "failover" in "has redis failed
/// over?", "rollback" in "rolled back", "timeout" in "timed out", "login" in "logged
/// in". The first word is taken by its stem, the second as typed.
fn split_compound(word: &str, toks: &[Tok], polarity_ok: &impl Fn(&Tok) -> bool) -> bool {
    word.len() >= 5
        && toks.windows(2).any(|pair| {
            let (a, b) = (&pair[0], &pair[1]);
            b.text.len() >= 2
                && word.ends_with(b.text.as_str())
                && polarity_ok(a)
                && polarity_ok(b)
                && {
                    let head = &word[..word.len() - b.text.len()];
                    head == a.stem || head == a.text
                }
        })
}

/// Tools whose first words are a subcommand and what it acts on (`kubectl get node`).
const SUBCOMMAND_TOOLS: &[&str] = &[
    "kubectl",
    "docker",
    "systemctl",
    "git",
    "aws",
    "helm",
    "crictl",
    "gcloud",
    "az",
    "terraform",
    "podman",
];

/// The subcommands that make such a phrase a command line.
const SUBCOMMANDS: &[&str] = &[
    "get", "describe", "logs", "log", "top", "rollout", "exec", "delete", "apply", "edit", "scale",
    "cordon", "uncordon", "drain", "inspect", "ps", "stats", "status", "restart", "stop", "start",
    "show", "diff", "plan", "state", "events", "history", "cat", "run", "list", "kill", "rm",
    "blame", "create", "update", "import", "version", "checkout", "force", "reset", "patch",
    "debug", "restore",
];

/// True when a phrase's words open with such a tool and, but for `aws`, one of its
/// subcommands ("terraform pr for the endpoint routes" is prose, not a command).
fn is_command_phrase(words: &[PhraseWord]) -> bool {
    match words {
        [tool, sub, ..] => {
            SUBCOMMAND_TOOLS.contains(&tool.tok.text.as_str())
                && (tool.tok.text == "aws" || SUBCOMMANDS.contains(&sub.tok.text.as_str()))
        }
        _ => false,
    }
}

/// Question words that bind the word after them: "which hosts" asks about hosts, and
/// "which kernel version is on web hosts" does not.
const QUESTION_WORDS: &[&str] = &["which", "when", "where", "who", "whose", "many", "much"];

/// How many words may stand between a question word and the noun it asks about
/// ("how many running pods"). "when", "where" and "who" ask about a verb, which may
/// come later ("when exactly did the team scale"): that word need only follow.
fn question_reach(word: &str) -> usize {
    match word {
        "when" | "where" | "who" => usize::MAX,
        _ => 4,
    }
}

impl Phrase {
    /// A phrase of one plain word is heard only where the word before it names no
    /// other thing of its kind: "the kube-proxy logs" are not the job's logs, "security
    /// group changes" are not any change. A word before it that the entry's own
    /// phrases use ("app logs"), a verb that asks ("show logs") or a determiner is fine.
    fn named_plainly(&self, line: &Line, own: &HashSet<String>) -> bool {
        let [word] = self.words.as_slice() else {
            return true;
        };
        if !self.quantities.is_empty()
            || !word.tok.flags.is_empty()
            || !KIND_WORDS.contains(&word.tok.stem.as_str())
        {
            return true;
        }
        let toks = line.toks();
        toks.iter().enumerate().any(|(i, t)| {
            same_word(&word.tok, t)
                && (i == 0 || {
                    let before = &toks[i - 1];
                    FILLER.contains(&before.text.as_str())
                        || PLAIN_BEFORE.contains(&before.text.as_str())
                        || own.contains(&before.text)
                        || own.contains(&before.stem)
                        || before.qty.is_some()
                })
        })
    }

    /// The phrase's question word `i` is followed, within [`question_reach`] words of
    /// the line, by the phrase word after it.
    fn bound(&self, i: usize, toks: &[Tok], same: &impl Fn(&Tok, &Tok) -> bool) -> bool {
        let (wh, next) = (&self.words[i].tok, &self.words[i + 1].tok);
        toks.iter().enumerate().any(|(at, t)| {
            t.text == wh.text
                && toks
                    .iter()
                    .skip(at + 1)
                    .take(question_reach(&wh.text))
                    .any(|t| same(next, t))
        })
    }

    /// A command phrase is heard only where its next two words follow the tool in
    /// order, each within three words of the one before: "kubectl get pods -o wide on
    /// that node" does not get the node.
    fn in_command_order(&self, toks: &[Tok], same: &impl Fn(&Tok, &Tok) -> bool) -> bool {
        let first = &self.words[0];
        let chain = &self.words[..self.words.len().min(3)];
        toks.iter().enumerate().any(|(start, t)| {
            if t.text != first.tok.text {
                return false;
            }
            let mut at = start;
            chain[1..].iter().all(|w| {
                let next = toks
                    .iter()
                    .enumerate()
                    .skip(at + 1)
                    .take(3)
                    .find(|(_, t)| same(&w.tok, t))
                    .map(|(i, _)| i);
                next.inspect(|i| at = *i).is_some()
            })
        })
    }
}

/// `text` with only its letters and digits: "time zone", "time-zone" and "timezone"
/// are one word.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Same word: same text, same stem, or one typo (not in the first letter) in words of
/// five letters or more.
fn same_word(phrase: &Tok, line: &Tok) -> bool {
    if phrase.text == line.text || phrase.stem == line.stem {
        return true;
    }
    let (a, b) = (phrase.text.chars().count(), line.text.chars().count());
    // A typo rarely hits the first letter, and "batch" is not "catch".
    a >= 5
        && b >= 5
        && a.abs_diff(b) <= 1
        && phrase.text.chars().next() == line.text.chars().next()
        && !phrase.text.chars().any(|c| c.is_ascii_digit())
        && crate::text::edit_distance(&phrase.text, &line.text) <= 1
}

/// What matched a line: the entry (its index) and the phrase that said it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub entry: usize,
    pub phrase: String,
    /// How specific the phrase is ([`Phrase::len`]).
    pub score: usize,
}

/// A list of entries, each with its phrases, asked "which entry does this line mean?".
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    entries: Vec<Vec<Phrase>>,
    ear: Option<Ear>,
    /// Every word of every phrase: a typed word that is one of them is meant as typed,
    /// never as a typo of another ("state" is not "stats").
    known: HashSet<String>,
    /// Every word of each entry's phrases, by entry.
    entry_words: Vec<HashSet<String>>,
}

/// Stems of words that name a kind of thing, which the word before them narrows to
/// one of its kind: "kube-proxy logs", "pool size change", "TLS versions".
const KIND_WORDS: &[&str] = &[
    "log", "chang", "connect", "version", "upgrad", "config", "error", "metric", "limit", "set",
    "updat",
];

/// Words that may stand before a phrase's one word without naming another thing of
/// that kind: "show me the logs", "their logs", "recent changes".
const PLAIN_BEFORE: &[&str] = &[
    "show",
    "check",
    "see",
    "get",
    "look",
    "read",
    "tail",
    "pull",
    "grep",
    "view",
    "open",
    "their",
    "his",
    "her",
    "these",
    "those",
    "some",
    "all",
    "recent",
    "latest",
    "last",
    "full",
    "more",
    "new",
    "old",
    "current",
    "other",
    "same",
    "no",
    "not",
    "never",
    "too",
    "many",
    "much",
    "few",
    "lot",
    "lots",
    "every",
    "each",
    "both",
    "just",
    "only",
    "also",
    "then",
    "first",
    "again",
    "still",
    "really",
    "about",
    "from",
    "by",
    "if",
    "whether",
    "so",
    "please",
    "pls",
    "ok",
    "okay",
    "now",
    "like",
    "maybe",
    "has",
    "have",
    "had",
    "seeing",
    "getting",
    "hitting",
    "throwing",
    "returning",
    "causing",
    "showing",
];

impl Matcher {
    /// `entries[i]` are the phrases of entry `i`.
    #[must_use]
    pub fn new<S: AsRef<str>>(entries: &[Vec<S>]) -> Self {
        Self::with_ear(entries, Ear::default())
    }

    /// As [`Matcher::new`], hearing with `ear`.
    #[must_use]
    pub fn with_ear<S: AsRef<str>>(entries: &[Vec<S>], ear: Ear) -> Self {
        let entries: Vec<Vec<Phrase>> = entries
            .iter()
            .map(|phrases| phrases.iter().map(|p| ear.phrase(p.as_ref())).collect())
            .collect();
        let known = entries
            .iter()
            .flatten()
            .flat_map(|p| p.words.iter().map(|w| w.tok.text.clone()))
            .collect();
        let entry_words = entries
            .iter()
            .map(|phrases| {
                phrases
                    .iter()
                    .flat_map(|p| p.words.iter())
                    .flat_map(|w| [w.tok.text.clone(), w.tok.stem.clone()])
                    .collect()
            })
            .collect();
        Self {
            entries,
            ear: Some(ear),
            known,
            entry_words,
        }
    }

    /// Reads a line with this matcher's ear.
    #[must_use]
    pub fn line(&self, text: &str) -> Line {
        self.ear
            .as_ref()
            .map_or_else(|| Line::new(text), |e| e.line(text))
    }

    /// Every entry some phrase of which the line says, each with its most specific
    /// phrase, most specific first (ties in entry order). `any_polarity(i)` says
    /// whether entry `i` may hear rejected words too.
    #[must_use]
    pub fn hits(&self, line: &Line, any_polarity: &dyn Fn(usize) -> bool) -> Vec<Hit> {
        let mut out: Vec<Hit> = Vec::new();
        for (entry, phrases) in self.entries.iter().enumerate() {
            let loose = any_polarity(entry);
            if let Some(p) = phrases
                .iter()
                .filter(|p| p.heard_knowing(line, loose, Some(&self.known)))
                .filter(|p| p.named_plainly(line, &self.entry_words[entry]))
                .max_by_key(|p| p.len())
            {
                out.push(Hit {
                    entry,
                    phrase: p.text.clone(),
                    score: p.len(),
                });
            }
        }
        out.sort_by_key(|h| std::cmp::Reverse(h.score));
        out
    }

    /// The entry whose matching phrase is most specific; ties go to the earlier entry.
    #[must_use]
    pub fn best(&self, line: &str) -> Option<Hit> {
        self.hits(&self.line(line), &|_| false).into_iter().next()
    }

    /// Every entry tied for the most specific match of `line`, in entry order.
    #[must_use]
    pub fn best_tied(&self, line: &str) -> Vec<Hit> {
        let hits = self.hits(&self.line(line), &|_| false);
        let top = hits.first().map_or(0, |h| h.score);
        hits.into_iter().filter(|h| h.score == top).collect()
    }

    /// Every entry that some line of `text` matches, with the first phrase that did.
    #[must_use]
    pub fn all_in(&self, text: &str) -> Vec<Hit> {
        let lines: Vec<Line> = text.lines().map(|l| self.line(l)).collect();
        let mut out = Vec::new();
        for (entry, phrases) in self.entries.iter().enumerate() {
            if let Some(p) = phrases.iter().find(|p| lines.iter().any(|l| p.matches(l))) {
                out.push(Hit {
                    entry,
                    phrase: p.text.clone(),
                    score: p.len(),
                });
            }
        }
        out
    }
}

/// The first of `phrases` that some line of `text` says.
#[must_use]
pub fn mentions<S: AsRef<str>>(text: &str, phrases: &[S]) -> Option<String> {
    Matcher::new(&[phrases.iter().map(AsRef::as_ref).collect::<Vec<_>>()])
        .all_in(text)
        .into_iter()
        .next()
        .map(|h| h.phrase)
}

#[cfg(test)]
mod tests;
