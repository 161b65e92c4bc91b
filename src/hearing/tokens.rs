//! A typed line as the hearing engine reads it: words (with their stems), commands
//! with their flags, quantities, and the polarity of each word (SPEC §15).
//!
//! Polarity is scoped the way a person hears it: a negator ("not", "never", "don't",
//! "avoid", "instead of", "rather than", "no need to", "without") rejects the words
//! after it up to the end of its scope (a comma, "but", "instead", "before", "until",
//! "then", a new subject such as "I'd"). Inside a rejection, "without" and "only
//! after" turn back to assertion: in "I would not restart it without draining first"
//! the restart is rejected and the draining asserted.

use std::sync::OnceLock;

use super::numbers::{self, Quantity};

/// Negators: the closed list of words that reject what follows them (SPEC §15). Each
/// is matched as whole words after contractions are spelled out ("don't" → "do not").
pub const NEGATORS: &[&str] = &[
    "not",
    "no",
    "nobody",
    "never",
    "no need to",
    "no need",
    "no point",
    "avoid",
    "avoiding",
    "instead of",
    "rather than",
    "without",
    "nor",
    "refrain from",
    "stay away from",
    "hold off on",
    "hold off",
    "resist the urge to",
    "resist",
];

/// Verdicts that turn down the step said with them: "moving the tier would be a bad
/// idea", "KEYS on the live instance is the last thing I'd run", "a bad idea to restart
/// now". Words as read, after contractions are spelled out.
const VERDICTS: &[&[&str]] = &[
    &["bad", "idea"],
    &["terrible", "idea"],
    &["awful", "idea"],
    &["horrible", "idea"],
    &["dumb", "idea"],
    &["stupid", "idea"],
    &["bad", "call"],
    &["bad", "move"],
    &["a", "mistake"],
    &["not", "a", "good", "idea"],
    &["not", "good", "idea"],
    &["not", "a", "great", "idea"],
    &["not", "wise"],
    &["waste", "of", "time"],
    &["hard", "no"],
    &["off", "the", "table"],
    &["out", "of", "the", "question"],
    &["out", "of", "question"],
    &["not", "an", "option"],
    &["last", "thing", "i", "would"],
    &["last", "thing", "we", "would"],
    &["last", "thing", "i", "want"],
    &["last", "thing", "we", "want"],
    &["last", "thing", "i", "do"],
    &["last", "thing", "to", "do"],
    &["last", "resort"],
    &["not", "going", "to", "help"],
    &["will", "not", "help"],
    &["would", "not", "help"],
    &["does", "not", "help"],
    &["pointless"],
    &["too", "risky"],
    &["not", "happening"],
    &["not", "worth", "it"],
    &["not", "worth", "the", "risk"],
    &["hide", "it"],
    &["hides", "it"],
    &["hide", "the", "problem"],
    &["mask", "it"],
    &["masks", "it"],
    &["mask", "the", "problem"],
];

/// What a verdict's words are read as: a word no phrase holds.
pub const VERDICT_WORD: &str = "·";

/// Words around a verdict that name no step ("it would be", "that is").
const VERDICT_FILLER: &[&str] = &[
    "i", "we", "it", "that", "this", "would", "will", "be", "is", "was", "are", "a", "the",
    "really", "very", "just", "prob", "probably", "so", "honestly", "tbh", "imo", "also", "even",
    "way", "an", "to",
];

/// Words that end a rejection's scope (a new thought begins).
const SCOPE_ENDS: &[&str] = &[
    "but", "instead", "until", "unless", "before", "then", "first", "so", "because", "since",
    "while", "except", "after", "however", "rather",
];

/// Words that begin a new clause's subject and so end a rejection's scope.
const SUBJECTS: &[&str] = &["i", "we", "let", "lets", "you"];

/// One word of a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Tok {
    /// Lower-case, after the synonym table (`mem` → `memory`).
    pub text: String,
    /// Its Snowball stem.
    pub stem: String,
    /// True when the candidate rejects it.
    pub neg: bool,
    /// Flags typed after it when it is a command (`df -i` gives `df` the flag `i`).
    pub flags: Vec<String>,
    /// The quantity it is, for a number (`43TB`, `20k`, `twenty thousand`).
    pub qty: Option<Quantity>,
}

/// A line read into words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tokens {
    pub toks: Vec<Tok>,
    /// Where each part that may be heard apart begins (after a comma, at "and",
    /// "also", "then", "plus"): token indices, the first always 0.
    pub parts: Vec<usize>,
}

/// Words that join two parts of one clause ("cpu and memory").
const JOINERS: &[&str] = &["and", "also", "then", "plus", "as well as"];

/// Spells out contractions and common unapostrophed forms, so negators are words.
fn expand_contractions(text: &str) -> String {
    let mut s = text.replace(['\u{2019}', '\u{2018}', '`'], "'");
    for (from, to) in [
        ("can't", "can not"),
        ("cannot", "can not"),
        ("won't", "will not"),
        ("shan't", "shall not"),
        ("n't", " not"),
        ("i'd", "i would"),
        ("i'll", "i will"),
        ("i'm", "i am"),
        ("let's", "let us"),
        ("it's", "it is"),
        ("that's", "that is"),
        ("what's", "what is"),
        ("there's", "there is"),
        ("we'd", "we would"),
        ("we'll", "we will"),
    ] {
        s = replace_words(&s, from, to);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end();
        let core = trimmed.trim_end_matches([',', '.', '!', '?', ';', ':']);
        let tail = &word[core.len()..];
        let spelled = match core {
            "dont" => "do not",
            "doesnt" => "does not",
            "didnt" => "did not",
            "wont" => "will not",
            "wouldnt" => "would not",
            "shouldnt" => "should not",
            "couldnt" => "could not",
            "cant" => "can not",
            "isnt" => "is not",
            "arent" => "are not",
            "wasnt" => "was not",
            "werent" => "were not",
            "havent" => "have not",
            "hasnt" => "has not",
            "id" => "i would",
            "im" => "i am",
            "ill" => "i will",
            "lets" => "let us",
            "lemme" => "let me",
            "gonna" => "going to",
            "wanna" => "want to",
            _ => core,
        };
        out.push_str(spelled);
        out.push_str(tail);
    }
    out
}

/// Replaces `from` where it stands as (the end of) a word.
fn replace_words(text: &str, from: &str, to: &str) -> String {
    if !text.contains(from) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(i) = rest.find(from) {
        let before_ok = from.starts_with('n')
            || i == 0
            || !rest[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let after = &rest[i + from.len()..];
        let after_ok = !after.chars().next().is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..i]);
        if before_ok && after_ok {
            out.push_str(to);
        } else {
            out.push_str(from);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Words people shorten or spell two ways, mapped to one form. Both the candidate's
/// line and the bank's phrases go through it.
fn synonym(word: &str) -> &str {
    match word {
        "mem" | "ram" => "memory",
        "db" | "dbs" => "database",
        "conn" | "conns" | "connexion" | "connexions" => "connection",
        "cert" | "certs" => "certificate",
        "k8s" | "kube" => "kubernetes",
        "configuration" | "configurations" | "cfg" | "conf" | "configs" => "config",
        "pg" | "postgresql" => "postgres",
        "env" => "environment",
        "dir" | "dirs" | "folder" | "folders" => "directory",
        "utilisation" => "utilization",
        "utilised" | "utilized" => "used",
        "behaviour" => "behavior",
        "pct" | "percentage" => "percent",
        "secs" => "seconds",
        "mins" => "minutes",
        "hrs" => "hours",
        "lb" | "elb" | "alb" => "load-balancer",
        "stats" | "statistics" => "stats",
        "info" | "information" => "info",
        "app" | "apps" | "application" | "applications" => "app",
        "svc" => "service",
        // kubectl's short names: "kubectl get po", "describe sts".
        "po" => "pod",
        "sts" => "statefulset",
        "ds" => "daemonset",
        "rs" => "replicaset",
        "cm" => "configmap",
        "ns" => "namespace",
        "repo" | "repository" => "repo",
        "prod" | "production" => "prod",
        "deployment" | "deployments" | "deploys" | "deployed" | "deploying" => "deploy",
        "hostname" => "host",
        "nodes" => "node",
        "journal" | "journals" => "log",
        // Irregular past forms, which no stemmer folds: "which jobs ran" is "runs".
        "ran" => "run",
        "began" | "begun" => "begin",
        "broke" | "broken" => "break",
        "grew" | "grown" => "grow",
        "fell" | "fallen" => "fall",
        "rose" | "risen" => "rise",
        "took" | "taken" => "take",
        "went" | "gone" => "go",
        "wrote" | "written" => "write",
        "sent" => "send",
        "kept" => "keep",
        "froze" | "frozen" => "freeze",
        "hung" => "hang",
        "made" => "make",
        "gave" | "given" => "give",
        "found" => "find",
        "told" => "tell",
        "built" => "build",
        "rebuilt" => "rebuild",
        "shrank" | "shrunk" => "shrink",
        "threw" | "thrown" => "throw",
        "drew" | "drawn" => "draw",
        "chose" | "chosen" => "choose",
        // Steps said in other words: "bounce the pods", "crank the limit up",
        // "terminate the instance", "nuke the volumes".
        "bounce" | "bounced" | "bouncing" | "recycle" | "recycled" | "recycling" => "restart",
        "terminate" | "terminated" | "terminating" => "kill",
        "nuke" | "nuked" | "nuking" => "delete",
        "crank" | "cranked" | "cranking" | "bump" | "bumped" | "bumping" | "raise" | "raised"
        | "raising" | "boost" => "increase",
        _ => word,
    }
}

fn stemmer() -> &'static rust_stemmers::Stemmer {
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English))
}

/// The stem a word is compared by.
#[must_use]
pub fn stem(word: &str) -> String {
    if word.chars().any(|c| c.is_ascii_digit()) || word.len() <= 3 {
        return word.to_owned();
    }
    stemmer().stem(word).into_owned()
}

/// The stem a word is compared by after the synonym table ("bounce" gives "restart").
#[must_use]
pub fn stem_of(word: &str) -> String {
    stem(synonym(word))
}

fn tok(text: &str) -> Tok {
    let text = synonym(text).to_owned();
    Tok {
        stem: stem(&text),
        text,
        neg: false,
        flags: Vec::new(),
        qty: None,
    }
}

/// What a psql meta-command (`\d`, `\d+`, `\di`, ...) shows, in words.
fn psql_meta(chunk: &str) -> Option<&'static [&'static str]> {
    let name = chunk.strip_prefix('\\')?.trim_end_matches('+');
    Some(match name {
        "d" => &["describe", "table"],
        "dt" => &["list", "tables"],
        "di" => &["list", "indexes"],
        "l" => &["list", "databases"],
        "du" | "dg" => &["list", "roles"],
        "dn" => &["list", "schemas"],
        "conninfo" => &["connection", "info"],
        _ => return None,
    })
}

/// Commands that run another command: the flags belong to the one they run.
const WRAPPERS: &[&str] = &["sudo", "watch", "time", "nice", "env", "exec"];

impl Tokens {
    /// Reads `line`. `collocations` are fixed phrases whose words are heard as one
    /// (`root cause` is not `root`), each a list of lower-case words.
    #[must_use]
    pub fn new(line: &str, collocations: &[Vec<String>]) -> Self {
        let expanded = expand_contractions(&line.to_lowercase());
        // The original case matters only for units (`Mb` is megabits).
        let cased = if expanded.len() == line.len() {
            line.to_owned()
        } else {
            expanded.clone()
        };
        let mut toks: Vec<Tok> = Vec::new();
        let mut breaks: Vec<usize> = Vec::new(); // token index where a break precedes
        let mut command: Option<usize> = None; // the current pipeline segment's command
        let mut offset = 0;
        let chunks: Vec<(usize, &str)> = expanded
            .split_whitespace()
            .map(|c| {
                let at = expanded[offset..].find(c).map_or(offset, |i| offset + i);
                offset = at + c.len();
                (at, c)
            })
            .collect();
        let mut i = 0;
        while i < chunks.len() {
            let (at, chunk) = chunks[i];
            let original = cased.get(at..at + chunk.len()).unwrap_or(chunk);
            i += 1;
            // A pipe, `&&`, a dash standing alone ("don't reboot - run sar"), or the
            // `--` before a command run inside another: a new command and a new thought.
            if chunk.contains(['|', '&', '-', '\u{2013}', '\u{2014}'])
                && chunk
                    .chars()
                    .all(|c| matches!(c, '|' | '&' | '-' | '\u{2013}' | '\u{2014}'))
            {
                breaks.push(toks.len());
                command = None;
                continue;
            }
            let lead_trim =
                chunk.trim_start_matches(['(', '"', '\'', '[', '~', '≈', '<', '>', '=']);
            let core =
                lead_trim.trim_end_matches([',', ';', ':', '.', '!', '?', ')', '"', '\'', ']']);
            let trailing_break = core.len() < lead_trim.len()
                && lead_trim[core.len()..]
                    .chars()
                    .any(|c| ",;:.!?".contains(c));
            let original_core = {
                let start = chunk.len() - lead_trim.len();
                original.get(start..start + core.len()).unwrap_or(core)
            };
            if core.is_empty() {
                if trailing_break {
                    breaks.push(toks.len());
                }
                continue;
            }
            // Flags: -i, -tanp, --since, +L1.
            if let Some(flags) = flags_of(core) {
                if toks.is_empty() {
                    // A flag with no command before it ("--previous"): heard as its
                    // name, which also matches the flag on any command.
                    for f in flags.iter().filter(|f| f.len() > 1) {
                        let mut t = tok(f.trim_start_matches('+'));
                        t.flags.push(f.clone());
                        toks.push(t);
                    }
                    if trailing_break {
                        breaks.push(toks.len());
                    }
                    continue;
                }
                if let Some(c) = command {
                    toks[c].flags.extend(flags.iter().cloned());
                }
                if let Some(last) = toks.len().checked_sub(1)
                    && Some(last) != command
                {
                    toks[last].flags.extend(flags);
                }
                if trailing_break {
                    breaks.push(toks.len());
                }
                continue;
            }
            // Quantities: 43TB, 500MB/s, 20k, 4x, 99.9%; a unit may follow apart.
            if let Some(mut q) = numbers::parse_chunk(original_core) {
                if !trailing_break && let Some(&(nat, next)) = chunks.get(i) {
                    let next_core = next.trim_end_matches([',', ';', ':', '.', '!', '?', ')']);
                    let next_original = cased.get(nat..nat + next_core.len()).unwrap_or(next_core);
                    if let Some(u) = numbers::apply_unit(&q, next_original) {
                        q = u;
                        i += 1;
                    }
                }
                let mut t = tok(&number_text(core));
                t.qty = Some(q);
                toks.push(t);
                if trailing_break {
                    breaks.push(toks.len());
                }
                continue;
            }
            // psql's meta-commands say in a backslash what they show: `\d orders`
            // describes the table, `\di` lists the indexes.
            if let Some(said) = psql_meta(core) {
                let first = toks.len();
                toks.extend(said.iter().map(|w| tok(w)));
                if command.is_none() {
                    command = Some(first);
                }
                if trailing_break {
                    breaks.push(toks.len());
                    command = None;
                }
                continue;
            }
            let words: Vec<&str> = core
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .flat_map(|w| w.split('_'))
                .filter(|w| !w.is_empty())
                .collect();
            let first_of_chunk = toks.len();
            for w in words {
                toks.push(tok(w));
            }
            if command.is_none()
                && toks.len() > first_of_chunk
                && !WRAPPERS.contains(&toks[first_of_chunk].text.as_str())
            {
                command = Some(first_of_chunk);
            }
            if trailing_break {
                breaks.push(toks.len());
                // Only a pipe starts a new command; punctuation ends the segment.
                command = None;
            }
        }
        let before = toks.len();
        spelled_numbers(&mut toks);
        join_collocations(&mut toks, collocations);
        if toks.len() != before {
            // Joined words shift the breaks; a rare case, so re-read without them.
            breaks.retain(|b| *b <= toks.len());
        }
        let mut parts = vec![0];
        for (i, t) in toks.iter().enumerate() {
            if i > 0 && (JOINERS.contains(&t.text.as_str()) || breaks.contains(&i)) {
                parts.push(i);
            }
        }
        parts.dedup();
        let mut out = Self { toks, parts };
        out.mark_polarity(&breaks);
        out
    }

    /// The parts of the line, each with the polarity it had in the whole line.
    #[must_use]
    pub fn parts(&self) -> Vec<Tokens> {
        let mut out = Vec::new();
        for (k, start) in self.parts.iter().enumerate() {
            let end = self.parts.get(k + 1).copied().unwrap_or(self.toks.len());
            let toks: Vec<Tok> = self.toks[*start..end]
                .iter()
                .filter(|t| !JOINERS.contains(&t.text.as_str()))
                .cloned()
                .collect();
            if !toks.is_empty() {
                out.push(Tokens {
                    toks,
                    parts: vec![0],
                });
            }
        }
        out
    }

    /// Marks rejected words (see the module's notes).
    fn mark_polarity(&mut self, breaks: &[usize]) {
        let n = self.toks.len();
        let mut i = 0;
        let mut scope: Option<usize> = None; // words left in the current rejection
        let mut opened = usize::MAX; // the word right after the last negator
        while i < n {
            if breaks.contains(&i) {
                scope = None;
            }
            let text = self.toks[i].text.as_str();
            // "Instead restarting the servers, we add more": "of" left out.
            if text == "instead"
                && scope.is_none()
                && (i == 0 || breaks.contains(&i))
                && self
                    .toks
                    .get(i + 1)
                    .is_some_and(|t| t.text.ends_with("ing"))
            {
                scope = Some(8);
                opened = i + 1;
                i += 1;
                continue;
            }
            // "before anyone reboots, lsof +L1": a step put off until after a check;
            // only before a subject or a verb in -ing ("before any rounding" is when).
            let someone = |t: &Tok| {
                SUBJECTS.contains(&t.text.as_str())
                    || matches!(t.text.as_str(), "anyone" | "anybody" | "someone")
            };
            let defers = self
                .toks
                .get(i + 1)
                .is_some_and(|t| someone(t) || t.text.ends_with("ing"));
            if text == "before" && defers && scope.is_none() && (i == 0 || breaks.contains(&i)) {
                scope = Some(8);
                i += 1;
                // "before we restart": the subject does not end this scope.
                if self.toks.get(i).is_some_and(someone) {
                    i += 1;
                }
                continue;
            }
            if let Some(len) = negator_at(&self.toks, i) {
                if scope.is_some() && (text == "without") {
                    // "not restart it without draining": draining is asserted.
                    scope = None;
                    i += len;
                    continue;
                }
                // "not only", "not just": an emphasis, not a rejection.
                if text == "not"
                    && matches!(
                        self.toks.get(i + 1).map(|t| t.text.as_str()),
                        Some("only" | "sure")
                    )
                {
                    i += 1;
                    continue;
                }
                // "More retries I would not add": the rejected words came first.
                if matches!(text, "not" | "never" | "avoid") {
                    self.reject_fronted(i, breaks);
                }
                scope = Some(8);
                i += len;
                opened = i;
                continue;
            }
            if scope.is_some() {
                // "never I edit the replicaset": a subject right after the negator
                // begins what is rejected, not a new clause.
                if SCOPE_ENDS.contains(&text)
                    || (SUBJECTS.contains(&text) && i > 0 && i != opened)
                    || (text == "only" && self.toks.get(i + 1).is_some_and(|t| t.text == "after"))
                {
                    scope = None;
                    i += 1;
                    continue;
                }
                self.toks[i].neg = true;
                scope = scope
                    .and_then(|left| left.checked_sub(1))
                    .filter(|l| *l > 0);
            }
            i += 1;
        }
        self.reject_by_verdict(breaks);
        self.reject_back();
    }

    /// "flushing the arp cache would only buy a minute, not going to do that": a last
    /// part that only turns down "that" rejects the part before it.
    fn reject_back(&mut self) {
        const BACK: &[&str] = &[
            "not", "no", "nah", "nope", "never", "going", "to", "do", "doing", "that", "it",
            "this", "i", "we", "will", "would", "am", "so", "just", "either", "though",
        ];
        let Some(&last) = self.parts.last() else {
            return;
        };
        if last == 0 {
            return;
        }
        let tail = &self.toks[last..];
        let bare = tail.iter().all(|t| BACK.contains(&t.text.as_str()))
            && tail
                .iter()
                .any(|t| matches!(t.text.as_str(), "not" | "no" | "nah" | "nope" | "never"))
            && tail
                .iter()
                .any(|t| matches!(t.text.as_str(), "that" | "it" | "this"));
        if !bare {
            return;
        }
        let before = self.parts.iter().rev().nth(1).copied().unwrap_or(0);
        self.reject(before, last);
    }

    /// "moving the web tier now would be a bad idea - what does the ASG say?": the
    /// words of the verdict's stretch (up to a comma or dash) before it are rejected;
    /// when nothing is said before it ("a bad idea to restart now"), those after it.
    fn reject_by_verdict(&mut self, breaks: &[usize]) {
        let n = self.toks.len();
        let mut v = 0;
        while v < n {
            let Some(len) = VERDICTS
                .iter()
                .find(|words| {
                    words.len() <= n - v
                        && words.iter().zip(&self.toks[v..]).all(|(w, t)| t.text == *w)
                })
                .map(|words| words.len())
            else {
                v += 1;
                continue;
            };
            let start = breaks
                .iter()
                .copied()
                .filter(|b| *b <= v)
                .max()
                .unwrap_or(0);
            let end = breaks.iter().copied().filter(|b| *b > v).min().unwrap_or(n);
            let said_before = self.toks[start..v]
                .iter()
                .any(|t| !VERDICT_FILLER.contains(&t.text.as_str()));
            if said_before {
                self.reject(start, v);
            } else {
                self.reject(v + len, end);
            }
            // The verdict's own words name nothing ("a bad idea" is not "how bad").
            for t in &mut self.toks[v..v + len] {
                t.neg = true;
                VERDICT_WORD.clone_into(&mut t.text);
                VERDICT_WORD.clone_into(&mut t.stem);
            }
            v += len;
        }
    }
}

impl Tokens {
    /// In "more retries I would not add", the words before the subject are what is
    /// rejected: when a rejection opens right after "I would" (or "we should", ...)
    /// and the clause began with other words, those words are rejected too.
    fn reject_fronted(&mut self, not_at: usize, breaks: &[usize]) {
        const MODALS: &[&str] = &[
            "would", "will", "should", "do", "can", "could", "shall", "must",
        ];
        const VERDICTS: &[&str] = &[
            "plan",
            "option",
            "idea",
            "answer",
            "fix",
            "way",
            "solution",
            "good",
            "wise",
            "safe",
            "helpful",
            "going",
            "worth",
            "right",
            "needed",
            "necessary",
        ];
        if not_at < 2 {
            return;
        }
        // The clause around the negator: from the last break before it to the next.
        let start = breaks
            .iter()
            .copied()
            .filter(|b| *b + 2 <= not_at)
            .max()
            .unwrap_or(0);
        let end = breaks
            .iter()
            .copied()
            .filter(|b| *b > not_at)
            .min()
            .unwrap_or(self.toks.len());
        // "rolling back to the old cert isn't the plan": a verdict on what came first.
        if matches!(
            self.toks[not_at - 1].text.as_str(),
            "is" | "are" | "was" | "be"
        ) {
            let verdict = self.toks[not_at + 1..end]
                .iter()
                .take(3)
                .any(|t| VERDICTS.contains(&t.text.as_str()));
            if verdict {
                self.reject(start, not_at - 1);
            }
            return;
        }
        if not_at < 3 {
            return;
        }
        // "restart of the resolvers I want to avoid": "want to" stands for the modal.
        let wants = not_at >= 4
            && self.toks[not_at - 1].text == "to"
            && matches!(
                self.toks[not_at - 2].text.as_str(),
                "want" | "would" | "like" | "prefer"
            );
        let subject_at = if wants { not_at - 3 } else { not_at - 2 };
        let modal = &self.toks[not_at - 1].text;
        let subject = &self.toks[subject_at].text;
        if !(wants || MODALS.contains(&modal.as_str())) || !matches!(subject.as_str(), "i" | "we") {
            return;
        }
        // Only when nothing but the verb follows, up to the clause's next break:
        // "... I would not add", "..., I don't do, it ...", "... I would never do in
        // working hours".
        let after = end - not_at - 1;
        let does = self
            .toks
            .get(not_at + 1)
            .is_some_and(|t| matches!(t.text.as_str(), "do" | "run" | "try" | "touch"));
        if subject_at > start && (after <= 2 || (does && after <= 5)) {
            self.reject(start.min(subject_at), subject_at);
        }
    }

    /// Marks the words from `start` up to (not including) `end` as rejected.
    fn reject(&mut self, start: usize, end: usize) {
        for t in &mut self.toks[start..end.max(start)] {
            t.neg = true;
        }
    }
}

/// The number of words of a negator that starts at `i`, if one does.
#[must_use]
pub fn negator_at(toks: &[Tok], i: usize) -> Option<usize> {
    NEGATORS
        .iter()
        .filter_map(|neg| {
            let words: Vec<&str> = neg.split(' ').collect();
            let hit = words
                .iter()
                .enumerate()
                .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.text == *w));
            hit.then_some(words.len())
        })
        .max()
}

/// The text a number is kept as: digits without thousands separators.
fn number_text(core: &str) -> String {
    core.replace(',', "")
}

/// `-i`, `-tanp`, `--since`, `+L1` as flags; `None` for anything else.
fn flags_of(chunk: &str) -> Option<Vec<String>> {
    if let Some(long) = chunk.strip_prefix("--") {
        let name = long.split('=').next().unwrap_or(long);
        return (name.len() >= 2 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .then(|| vec![name.to_owned()]);
    }
    if let Some(short) = chunk.strip_prefix('-') {
        return (!short.is_empty()
            && short.len() <= 8
            && short
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && short.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| short.chars().map(|c| c.to_string()).collect());
    }
    if let Some(plus) = chunk.strip_prefix('+') {
        return (!plus.is_empty() && plus.chars().all(|c| c.is_ascii_alphanumeric()))
            .then(|| vec![format!("+{plus}")]);
    }
    None
}

/// Joins spelled-out numbers (`twenty thousand`) into one number word.
fn spelled_numbers(toks: &mut Vec<Tok>) {
    let mut i = 0;
    while i < toks.len() {
        let words: Vec<&str> = toks[i..].iter().take(8).map(|t| t.text.as_str()).collect();
        if let Some((value, used)) = numbers::spelled(&words) {
            // A lone "one" is usually a pronoun ("one host"); keep it a word too.
            let mut q = numbers::bare(value);
            let mut used = used;
            if let Some(u) = toks
                .get(i + used)
                .and_then(|next| numbers::apply_unit(&q, &next.text))
            {
                q = u;
                used += 1;
            }
            if used == 1 {
                toks[i].qty = Some(q);
            } else {
                let mut t = tok(&format!("{value}"));
                t.qty = Some(q);
                toks.splice(i..i + used, [t]);
            }
        }
        i += 1;
    }
}

/// Joins the words of each collocation into one word (`root cause` → `root cause`),
/// so its words are not heard alone.
fn join_collocations(toks: &mut Vec<Tok>, collocations: &[Vec<String>]) {
    if collocations.is_empty() {
        return;
    }
    let mut i = 0;
    while i < toks.len() {
        let found = collocations.iter().find(|c| {
            c.len() > 1
                && c.iter().enumerate().all(|(k, w)| {
                    toks.get(i + k)
                        .is_some_and(|t| &t.text == w || t.stem == stem(w))
                })
        });
        if let Some(c) = found {
            let joined = c.join(" ");
            let mut t = tok(&joined);
            t.stem.clone_from(&joined);
            t.neg = toks[i].neg;
            toks.splice(i..i + c.len(), [t]);
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Tokens {
        Tokens::new(line, &[vec!["root".to_owned(), "cause".to_owned()]])
    }

    fn rejected(line: &str) -> Vec<String> {
        read(line)
            .toks
            .iter()
            .filter(|t| t.neg)
            .map(|t| t.text.clone())
            .collect()
    }

    #[test]
    fn a_rejection_covers_what_follows_up_to_its_scope_end() {
        assert_eq!(rejected("I would not reboot it"), vec!["reboot", "it"]);
        assert_eq!(rejected("don't restart nginx"), vec!["restart", "nginx"]);
        assert_eq!(
            rejected("I wouldn't restart it without draining first"),
            vec!["restart", "it"]
        );
        assert_eq!(
            rejected("instead of deleting the file, I'd truncate it"),
            vec!["deleting", "the", "file"]
        );
        assert_eq!(
            rejected("compress the old logs, not delete files that are still open"),
            vec!["delete", "files", "that", "are", "still", "open"]
        );
        assert!(rejected("restart it only after draining").is_empty());
        assert_eq!(rejected("no need to reboot"), vec!["reboot"]);
        assert_eq!(
            rejected("rolling back the old build isn't the plan"),
            vec!["rolling", "back", "the", "old", "build", "the", "plan"]
        );
        assert_eq!(
            rejected("more retries I would not add"),
            vec!["more", "retries", "add"]
        );
    }

    /// Words as read, with the rejected ones in brackets.
    fn marked(line: &str) -> String {
        read(line)
            .toks
            .iter()
            .map(|t| {
                if t.neg {
                    format!("[{}]", t.text)
                } else {
                    t.text.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn psql_meta_commands_are_read_as_what_they_show() {
        let words = |line: &str| -> Vec<String> {
            read(line).toks.iter().map(|t| t.text.clone()).collect()
        };
        assert_eq!(words("\\d orders"), ["describe", "table", "orders"]);
        assert_eq!(words("\\d+ orders"), ["describe", "table", "orders"]);
        assert_eq!(words("\\di"), ["list", "indexes"]);
        assert_eq!(words("\\q"), ["q"]);
    }

    #[test]
    fn more_ways_of_turning_a_step_down() {
        // A verdict after the step rejects its stretch, and its own words name nothing.
        assert_eq!(
            marked("moving the tier now would be a bad idea - what does the asg say"),
            "[moving] [the] [tier] [now] [would] [be] [a] [·] [·] what does the asg say"
        );
        // Said first, it rejects what follows.
        assert_eq!(
            marked("a bad idea to restart it, check logs"),
            "a [·] [·] [to] [restart] [it] check logs"
        );
        assert_eq!(
            marked("the last thing I checked was dmesg"),
            "the last thing i checked was dmesg"
        );
        assert_eq!(
            marked("keys on prod is the last thing I'd run"),
            "[keys] [on] [prod] [is] [the] [·] [·] [·] [·] run"
        );
        // "before" opening a stretch puts the step off; a subject after it does not
        // end the rejection, nor one right after a negator.
        assert_eq!(
            marked("before we restart it, lsof +L1"),
            "before we [restart] [it] lsof"
        );
        assert_eq!(
            marked("never I edit the replicaset"),
            "never [i] [edit] [the] [replicaset]"
        );
        assert_eq!(
            marked("instead restarting it, we scale"),
            "instead [restarting] [it] we scale"
        );
        assert_eq!(
            marked("resist bumping the retries"),
            "resist [increase] [the] [retries]"
        );
        // The step put first, then "I want to avoid" or "I would never do".
        assert_eq!(
            marked("restart of resolvers I want to avoid"),
            "[restart] [of] [resolvers] i want to avoid"
        );
        assert_eq!(
            marked("reboot of firewall I would never do in working hours"),
            "[reboot] [of] [firewall] i would never [do] [in] [working] [hours]"
        );
        // "instead" before anything but a verb in -ing, and "before" inside a
        // stretch, reject nothing.
        assert_eq!(marked("instead, drain it"), "instead drain it");
        assert_eq!(
            marked("drain it before the restart"),
            "drain it before the restart"
        );
        assert_eq!(
            marked("what do they allow, before any rounding"),
            "what do they allow before any rounding"
        );
        assert_eq!(
            marked("before restarting anything, lsof"),
            "before [restarting] [anything] lsof"
        );
        assert_eq!(
            marked("turning checks off would just hide it, haproxy log"),
            "[turning] [checks] [off] [would] [just] [·] [·] haproxy log"
        );
        // A last part that turns "that" down rejects the part before it.
        assert_eq!(
            marked("flush the arp cache, not going to do that"),
            "[flush] [the] [arp] [cache] not [going] [to] [do] [that]"
        );
        assert_eq!(
            marked("flush the arp cache, then check it"),
            "flush the arp cache then check it"
        );
        // A good idea is no verdict against.
        assert_eq!(marked("a good idea to drain it"), "a good idea to drain it");
    }

    #[test]
    fn flags_belong_to_their_command() {
        let t = read("sudo df -ih /var | grep sda");
        let df = t.toks.iter().find(|t| t.text == "df").unwrap();
        assert_eq!(df.flags, vec!["i", "h"]);
        let t = read("ss -tanp | grep CLOSE");
        assert_eq!(t.toks[0].flags, vec!["t", "a", "n", "p"]);
        assert!(
            t.toks
                .iter()
                .find(|t| t.text == "grep")
                .unwrap()
                .flags
                .is_empty()
        );
        let t = read("lsof +L1");
        assert_eq!(t.toks[0].flags, vec!["+l1"]);
    }

    #[test]
    fn numbers_with_units_become_quantities() {
        let t = read("it's 43 TB and 500MB/s, about twenty thousand rps");
        let qs: Vec<&Tok> = t.toks.iter().filter(|t| t.qty.is_some()).collect();
        assert_eq!(qs.len(), 3, "{:?}", t.toks);
    }

    #[test]
    fn collocations_are_one_word() {
        let t = read("the root cause is NTP");
        assert!(t.toks.iter().any(|t| t.text == "root cause"));
        assert!(!t.toks.iter().any(|t| t.text == "root"));
    }

    #[test]
    fn contractions_and_shorthand_are_spelled_out() {
        assert_eq!(
            expand_contractions("i'd check, dont reboot"),
            "i would check, do not reboot"
        );
        assert_eq!(synonym("mem"), "memory");
        assert_eq!(
            synonym("journal"),
            "log",
            "what is it writing in its journal"
        );
        assert_eq!(synonym("journalctl"), "journalctl");
        assert_eq!(synonym("ran"), "run", "which jobs ran over the weekend");
        assert_eq!(synonym("got"), "got", "\"got created\" is no kubectl get");
    }
}
