//! The interviewer of a scenario prompt (SPEC §10, §15): hears each line the candidate
//! types, clause by clause, answers as the system or a colleague would, moves the
//! incident on along its timeline, and keeps the transcript for the debrief and the
//! history record.
//!
//! How a clause is heard: a hypothesis gets the same neutral reply whether or not it is
//! right, and is credited as the cause when it names it; a question or an action gets
//! the entry it asks for (a risky step first, then evidence over the cause), `otherwise`
//! when it asks for nothing the scenario has, or "Let's stay with the problem." when it
//! shares no word with the problem at all; a note gets nothing. What the candidate
//! rejects ("I would not reboot it") never triggers a risky entry.
//!
//! Pure: time comes in as the seconds since the answer phase began; it never prints.

use std::collections::HashSet;

use crate::bank::{Scenario, Vocabulary};
use crate::hearing::clauses::{self, Intent};
use crate::hearing::{Ear, Hit, Line, Matcher, tokens};
use crate::history::{Action, ScenarioRecord};

/// What the interviewer says to a hypothesis, right or wrong: the cause is revealed in
/// the debrief.
pub const CAUSE_REPLY: &str = "Noted. How would you confirm it?";
/// What a question nobody planned for gets when the scenario has no `otherwise`.
pub const DEFAULT_OTHERWISE: &str = "Nothing unusual there.";
/// What a clarifying question gets when the prompt's `facts:` do not say.
pub const ASSUME_REPLY: &str =
    "I don't have that detail. State an assumption that makes sense and carry on.";
/// What a question off the topic gets (SPEC §15).
pub const OFFTOPIC_REPLY: &str = "Let's stay with the problem.";

/// What a repeat quotes of an earlier reply: "(as before: LINE)", where LINE is the
/// reply's first line that says something. A command the reply echoes (`$ ...`), a
/// section heading (`# Memory`), a caption ending in a colon ("WAN uplink,
/// outbound:") or a table's column heads (`NAME READY STATUS`) only frame what
/// follows, so the quote starts after them; a reply made only of such lines quotes
/// its first line.
#[must_use]
pub fn as_before(reply: &str) -> String {
    let lines = || reply.lines().map(str::trim).filter(|l| !l.is_empty());
    let heads = |l: &str| {
        l.split_whitespace().count() > 1
            && l.chars().any(char::is_alphabetic)
            && !l.chars().any(char::is_lowercase)
    };
    let frames =
        |l: &str| l.starts_with("$ ") || l.starts_with("# ") || l.ends_with(':') || heads(l);
    let line = lines()
        .find(|l| !frames(l))
        .or_else(|| lines().next())
        .unwrap_or_default();
    format!("(as before: {line})")
}
/// At most this many replies to one typed line.
const MAX_REPLIES: usize = 3;

/// What a clause was heard as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heard {
    Entry(Entry),
    /// A guess that does not name the cause.
    Hypothesis,
    /// A question or action the scenario has no entry for.
    Otherwise,
    /// A question that shares no word with the problem.
    OffTopic,
}

/// Which entry a matched clause meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Entry {
    Fact(usize),
    Evidence(usize),
    Risky(usize),
    Cause,
    Fix(usize),
}

/// Words of any conversation that make no question part of the problem, even when the
/// problem's text uses them ("do you guys have a 4 day week?").
const ANY_TOPIC: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "today", "guys", "u", "ur",
    "people", "company", "work", "working", "job", "team", "teams", "have", "has", "had", "got",
];

/// Phrases that take a line off the problem even when it shares a word with it ("is
/// there parking at the office?", "what time do we wrap up today?").
const OFF_TOPIC_PHRASES: &[&str] = &[
    "parking",
    "this role",
    "this position",
    "on call on weekends",
    "on call in weekends",
    "on call also in weekends",
    "working weekends",
    "weekend shifts",
    "on the sre team",
    "in the infra team",
    "team size",
    "how big is the team",
    "hard stop",
    "wrap up",
    "lunch break",
    "coffee break",
    "bathroom",
    "restroom",
    "salary",
    "salaries",
    "visa",
    "visas",
    "relocation",
    "relocate",
    "work from home",
    "on call from home",
    "remote work",
    "on call pay",
    "oncall pay",
    "employee benefits",
    "benefits package",
    "vacation",
    "pto",
    "dress code",
    "commute",
    "perks",
    "stock options",
    "signing bonus",
];

/// True when a note gives a reason, not only what was seen: "the sidecar kept the old
/// password, so every login fails" explains; "ok so users are flat but the service
/// sees 4x" only sums up. (A note of twenty words or more tells a story either way.)
fn explains(text: &str) -> bool {
    let words = crate::hearing::words(text);
    // "so clock skew: the firewall blocks NTP" concludes; "ok so ..." sums up, and a
    // later "so" draws a conclusion again.
    if words.first().is_some_and(|w| w == "so") {
        return true;
    }
    let skip = words
        .iter()
        .take_while(|w| ["ok", "okay", "so", "right", "got", "it", "alright"].contains(&w.as_str()))
        .count();
    words.iter().skip(skip).any(|w| {
        [
            "because",
            "so",
            "cause",
            "caused",
            "causes",
            "causing",
            "explains",
            "means",
            "reason",
            "due",
            "therefore",
            "hence",
            "why",
            "culprit",
            "thus",
            "since",
        ]
        .contains(&w.as_str())
    })
}

/// True when `text` holds one of [`OFF_TOPIC_PHRASES`] as whole words.
fn off_topic_phrase(text: &str) -> bool {
    let t = format!(" {} ", crate::hearing::words(text).join(" "));
    OFF_TOPIC_PHRASES
        .iter()
        .any(|p| t.contains(&format!(" {p} ")))
}

/// True when a clause only turns down what the clause before it proposed: "nah, not
/// doing that", "no, bad idea", "scratch that".
fn rejects_back(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "nah",
        "no",
        "nope",
        "not",
        "never",
        "doing",
        "do",
        "that",
        "this",
        "it",
        "gonna",
        "going",
        "to",
        "i",
        "im",
        "am",
        "we",
        "way",
        "bad",
        "idea",
        "scratch",
        "forget",
        "mind",
        "nevermind",
        "actually",
        "wont",
        "dont",
        "would",
        "wouldnt",
        "lol",
        "ok",
        "yeah",
        "hmm",
        "on",
        "second",
        "thought",
        "thoughts",
        "too",
        "risky",
        "yet",
        "now",
        "right",
        "just",
        "later",
        "wait",
    ];
    const MARKS: &[&str] = &[
        "nah", "no", "nope", "not", "never", "scratch", "forget", "wont", "dont", "wouldnt",
    ];
    let words: Vec<String> =
        crate::hearing::words(&text.to_lowercase().replace(['\'', '\u{2019}'], ""));
    !words.is_empty()
        && words.len() <= 8
        && words.iter().all(|w| WORDS.contains(&w.as_str()))
        && words.iter().any(|w| MARKS.contains(&w.as_str()))
}

/// True when a step's verb may follow `word`: a hedge, a modal or a subject, or the
/// command that takes the verb ("maybe just kubectl delete pod -l app=storefront").
fn leads_a_step(word: &str) -> bool {
    PROPOSAL_LEAD.contains(&word) || COMMANDS.contains(&word)
}

/// True when a clause opens by answering "no" to the one before: "more cores? no, the
/// CPUs are idle", "restart them too? never, one takes payments", "reboot it? only if
/// nothing else works".
fn opens_with_no(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    let words = crate::hearing::words(&lower.replace(['\'', '\u{2019}'], ""));
    let mut typed = lower.split_whitespace();
    let first_alone = typed
        .next()
        .is_some_and(|w| w.ends_with([',', '.', '!', ';', '-']) || words.len() == 1)
        || typed
            .next()
            .is_some_and(|w| ["-", "--", "\u{2013}", "\u{2014}"].contains(&w));
    match words.first().map(String::as_str) {
        Some("no" | "nah" | "nope" | "never") => {
            first_alone
                || matches!(
                    words.get(1).map(String::as_str),
                    Some("way" | "not" | "thanks")
                )
        }
        Some("not") => matches!(
            words.get(1).map(String::as_str),
            Some("yet" | "now" | "happening")
        ),
        Some("only") => words.get(1).is_some_and(|w| w == "if"),
        _ => false,
    }
}

/// Commands that look and change nothing: a verb that reads (`get`, `describe`,
/// `inspect`, `logs`, `describe-scaling-activities`) and none that writes.
fn reads_only(text: &str) -> bool {
    const READS: &[&str] = &[
        "get",
        "describe",
        "inspect",
        "logs",
        "log",
        "show",
        "list",
        "ls",
        "status",
        "top",
        "cat",
        "history",
        "events",
        "explain",
        "version",
        "diff",
        "plan",
        "info",
        "stats",
        "ps",
        "view",
        "head",
        "tail",
        "grep",
        "dig",
        "ping",
        "curl",
        "trace",
        "iostat",
        "vmstat",
        "mpstat",
        "pidstat",
        "nfsstat",
        "sar",
        "ss",
        "netstat",
        "lsof",
        "free",
        "df",
        "du",
        "uptime",
        "dmesg",
        "traceroute",
        "mtr",
        "nslookup",
        "stat",
    ];
    const WRITES: &[&str] = &[
        "delete",
        "del",
        "rm",
        "apply",
        "set",
        "scale",
        "restart",
        "undo",
        "patch",
        "edit",
        "create",
        "replace",
        "kill",
        "stop",
        "start",
        "flushall",
        "flushdb",
        "flush",
        "unlink",
        "drain",
        "cordon",
        "uncordon",
        "taint",
        "label",
        "annotate",
        "exec",
        "run",
        "force-unlock",
        "unlock",
        "destroy",
        "import",
        "terminate",
        "reboot",
        "truncate",
        "mv",
        "cp",
        "-delete",
    ];
    if !looks_like_command(text) {
        return false;
    }
    let command = text.split('|').next().unwrap_or(text).to_lowercase();
    // Reading a secret out in the clear is a step of its own.
    if ["secret", "password", "passwd", "token"]
        .iter()
        .any(|w| command.contains(w))
    {
        return false;
    }
    let words: Vec<&str> = command.split_whitespace().collect();
    // `sysctl fs.file-nr` reads; `sysctl -w` and `sysctl key=value` write.
    let sysctl_reads =
        words.contains(&"sysctl") && !words.contains(&"-w") && !command.contains('=');
    let reads = sysctl_reads
        || words.iter().any(|w| {
            READS.contains(w)
                || ["describe-", "get-", "list-"]
                    .iter()
                    .any(|p| w.starts_with(p))
        });
    // `curl -X DELETE` writes; `iostat -x` does not.
    let method = words
        .windows(2)
        .any(|p| p[0] == "-x" && ["post", "put", "delete", "patch"].contains(&p[1]));
    let writes = method
        || words.iter().any(|w| {
            WRITES.contains(w)
                || [
                    "set-",
                    "update-",
                    "modify-",
                    "put-",
                    "delete-",
                    "terminate-",
                    "reboot-",
                    "create-",
                    "stop-",
                    "start-",
                ]
                .iter()
                .any(|p| w.starts_with(p))
        });
    reads && !writes
}

/// Words that say nothing about the topic of a question (for telling off-topic lines).
const NOT_TOPIC: &[&str] = &[
    "a",
    "an",
    "the",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "do",
    "does",
    "did",
    "i",
    "im",
    "we",
    "you",
    "it",
    "its",
    "my",
    "our",
    "your",
    "of",
    "to",
    "on",
    "in",
    "at",
    "for",
    "and",
    "or",
    "with",
    "what",
    "whats",
    "how",
    "any",
    "there",
    "this",
    "that",
    "can",
    "would",
    "should",
    "could",
    "me",
    "us",
    "will",
    "am",
    "let",
    "please",
    "tell",
    "know",
    "like",
    "want",
    "get",
    "got",
    "think",
    "ok",
    "okay",
    "so",
    "just",
    "also",
    "then",
    "now",
    "about",
    "here",
    "some",
    "much",
    "many",
    "more",
    "when",
    "where",
    "who",
    "why",
    "which",
    "have",
    "has",
    "had",
    "not",
    "no",
    "yes",
    "if",
    "they",
    "them",
    "their",
    "he",
    "she",
    "his",
    "her",
    "one",
    "really",
    "quick",
    "question",
    "q",
    "by",
    "way",
    "from",
    "up",
    "out",
    "as",
    "all",
    "go",
    "going",
    "see",
    "look",
    "lot",
    "thing",
    "things",
    "something",
    "anything",
    "kind",
    "sort",
    "well",
    "hey",
    "hi",
    "sorry",
    "actually",
    "maybe",
    "guess",
    "sure",
    "right",
    "good",
    "bad",
    "new",
    "old",
    "big",
    "small",
    "time",
    "long",
];

/// Words of any SRE problem: a question with one of these is on the topic even when
/// the scenario does not use it.
const SRE_WORDS: &[&str] = &[
    "server",
    "host",
    "service",
    "error",
    "latency",
    "cpu",
    "memory",
    "disk",
    "network",
    "log",
    "logs",
    "metric",
    "dashboard",
    "alert",
    "deploy",
    "config",
    "database",
    "query",
    "cache",
    "queue",
    "load",
    "traffic",
    "request",
    "response",
    "timeout",
    "connection",
    "dns",
    "tls",
    "certificate",
    "kernel",
    "process",
    "thread",
    "file",
    "node",
    "pod",
    "container",
    "cluster",
    "region",
    "zone",
    "replica",
    "backup",
    "restart",
    "reboot",
    "rollback",
    "incident",
    "outage",
    "customer",
    "user",
    "monitoring",
    "graph",
    "trace",
    "packet",
    "port",
    "firewall",
    "proxy",
    "balancer",
    "load-balancer",
    "upstream",
    "storage",
    "volume",
    "mount",
    "cron",
    "job",
    "build",
    "release",
    "version",
    "change",
    "runbook",
    "on-call",
    "team",
    "slo",
    "sla",
    "capacity",
    "limit",
    "quota",
    "cost",
    "bill",
    "instance",
    "vm",
    "machine",
    "kubernetes",
    "app",
    "api",
    "endpoint",
    "health",
    "check",
    "status",
    "command",
    "output",
    "run",
    "prod",
    "staging",
    "environment",
    "rate",
    "p99",
    "percentile",
    "clock",
    "ntp",
    "time",
    "swap",
    "io",
    "bandwidth",
    "link",
    "router",
    "switch",
    "vpn",
    "ip",
    "subnet",
    "route",
    "ssh",
    "sudo",
    "root",
    "access",
    "permission",
    "password",
    "token",
    "auth",
    "login",
    "session",
    "repo",
    "git",
    "ci",
    "pipeline",
    "test",
    "slow",
    "fast",
    "down",
    "broken",
    "fail",
    "failing",
    "failure",
    "crash",
    "hang",
    "stuck",
    "spike",
    "drop",
    "high",
    "low",
    "full",
    "empty",
    "bug",
    "issue",
    "problem",
    "fix",
    "cause",
    "symptom",
    "impact",
    "affected",
    "working",
    "work",
    "happen",
    "happening",
    "wrong",
    "normal",
    "usual",
    "changed",
    "recent",
    "recently",
    "yesterday",
    "today",
    "morning",
    "night",
    "hour",
    "minute",
    "week",
    "second",
    "start",
    "started",
    "stop",
    "stopped",
    "size",
    "count",
    "number",
    "percent",
    "rate",
    "peak",
    "ticket",
    "page",
    "paged",
    "customer",
    "complaint",
    "report",
    "reported",
    "data",
    "write",
    "read",
    "space",
    "usage",
    "used",
    "free",
    "kill",
    "killed",
    "signal",
    "exit",
    "code",
    "retry",
    "retries",
    "client",
    "backend",
    "frontend",
    "web",
    "worker",
    "consumer",
    "producer",
    "message",
    "email",
    "payment",
    "order",
    "checkout",
    "upload",
    "download",
    "file",
    "system",
    "os",
    "linux",
    "ubuntu",
    "java",
    "python",
    "go",
    "node",
    "jvm",
    "gc",
    "heap",
    "budget",
    "growth",
    "grow",
    "durability",
    "availability",
    "consistency",
    "throughput",
    "qps",
    "rps",
    "ratio",
    "retention",
    "object",
    "input",
    "output",
    "format",
    "sorted",
    "order",
    "tie",
    "ties",
    "duplicate",
    "malformed",
    "unicode",
    "line",
    "lines",
    "field",
    "column",
    "scale",
    "shard",
    "partition",
    "replication",
    "region",
    "datacenter",
    "datacentre",
    "hardware",
    "money",
    "dollar",
    "year",
    "month",
    "day",
    "daily",
    "language",
    "library",
    "stdin",
    "argument",
    "edge",
    "case",
];

/// The interviewer for one attempt.
#[derive(Debug, Clone)]
pub struct Interviewer {
    scenario: Scenario,
    matcher: Matcher,
    entries: Vec<Entry>,
    /// Stems of the words of the problem: the scenario, its vocabulary, the prompt.
    topic: HashSet<String>,
    actions: Vec<Action>,
    events_said: usize,
    answered: Vec<Entry>,
    /// The typed line that first triggered each entry (the debrief quotes it).
    quotes: Vec<(Entry, String)>,
    /// Lines heard so far (the record numbers each action by its line).
    lines: u32,
    /// When the cause was first named, even inside a line heard as evidence.
    cause_secs: Option<u64>,
    /// The distinctive words of the cause: its story and the phrases that name it.
    cause_words: HashSet<String>,
    /// Only clarifying `facts:` (a design or coding round): only questions are heard.
    facts_only: bool,
    /// Per risky entry, the steps its phrases take (verb stems) and the words they
    /// take them on: "restart the router" in other words ("restart that edge router").
    steps: Vec<(Entry, HashSet<String>, HashSet<String>)>,
}

/// Verbs of steps that change a system, which a risky entry may take.
const STEP_VERBS: &[&str] = &[
    "restart",
    "reboot",
    "kill",
    "delete",
    "remove",
    "drop",
    "flush",
    "truncate",
    "scale",
    "failover",
    "revert",
    "rollback",
    "disable",
    "stop",
    "increase",
    "decrease",
    "lower",
    "wipe",
    "reset",
    "unmount",
    "umount",
    "drain",
    "cordon",
    "evict",
    "purge",
    "rebuild",
    "resize",
    "recreate",
    "redeploy",
    "deploy",
    "clear",
    "tell",
    "share",
    "email",
    "force",
    "double",
    "expand",
    "grow",
    "shrink",
    "detach",
    "replace",
    "reinstall",
    "uninstall",
    "downgrade",
    "upgrade",
    "promote",
    "unlock",
    "skip",
    "bypass",
    "rotate",
    "retry",
    "cap",
    "limit",
];

/// Words that may come between "not" and the step it turns down ("I'm not going to
/// restart", "won't just reboot").
const REJECTION_LEAD: &[&str] = &[
    "going",
    "gonna",
    "want",
    "wanna",
    "rather",
    "just",
    "really",
    "even",
    "yet",
    "bother",
    "blindly",
    "simply",
    "straight",
    "away",
    "touch",
    "def",
    "definitely",
    "certainly",
    "absolutely",
    "go",
    "yeah",
    "nah",
    "honestly",
];

/// Rejected words that turn down no step: "not sure", "don't know".
const NOT_A_STEP: &[&str] = &[
    "sure",
    "certain",
    "know",
    "idea",
    "clear",
    "convinced",
    "think",
    "understand",
];

/// True when the first thing a clause says is a step it turns down ("I won't reboot
/// the box while ...", "not restarting redis in the peak", "no reboot for now").
fn leads_with_rejection(line: &Line) -> bool {
    let toks = line.toks();
    // "rather than bouncing it at peak I'd empty the file": a step weighed against
    // another is no rejection alone.
    if toks.windows(2).take(3).any(|w| {
        matches!(
            (w[0].text.as_str(), w[1].text.as_str()),
            ("rather", "than") | ("instead", "of")
        )
    }) {
        return false;
    }
    // The words of a negator of more than one word ("hold off on") lead too.
    let mut inside = vec![false; toks.len()];
    for i in 0..toks.len() {
        if let Some(n) = tokens::negator_at(toks, i) {
            for flag in inside.iter_mut().skip(i).take(n) {
                *flag = true;
            }
        }
    }
    let Some(first) = toks.iter().enumerate().position(|(i, t)| {
        !inside[i]
            && !NOT_TOPIC.contains(&t.text.as_str())
            && !tokens::NEGATORS.contains(&t.text.as_str())
            && !REJECTION_LEAD.contains(&t.text.as_str())
    }) else {
        return false;
    };
    // "there is no index": a description, not a step turned down; "it's not coredns:
    // ..." rules a cause out and goes on to tell one.
    let described = toks[..first]
        .iter()
        .rev()
        .skip_while(|t| t.text != "no" && t.text != "not")
        .nth(1)
        .is_some_and(|t| {
            [
                "is", "its", "are", "was", "were", "there", "has", "have", "had",
            ]
            .contains(&t.text.as_str())
        });
    // "not the app log, show me the fd count since Monday": a later part asks to see.
    let asks_after = asks_after(line);
    // "don't ls the mount - new shell, ps -eo state,wchan": a command asked for after
    // the rejection is still heard.
    // (A flag also goes to the first word of its stretch, which in prose is "I".)
    let asks_command = toks
        .iter()
        .any(|t| !t.neg && !t.flags.is_empty() && !NOT_TOPIC.contains(&t.text.as_str()));
    toks[first].neg
        && !NOT_A_STEP.contains(&toks[first].text.as_str())
        && !described
        && !asks_command
        && !asks_after
}

/// What follows a clause's opening rejection ("not the app log, show me ..."), when it
/// opens with one and a comma, dash, semicolon or colon ends it.
fn after_leading_rejection(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let first = t.split_whitespace().next()?.to_lowercase();
    let first = first.trim_end_matches([',', ':', ';']);
    // "I would not reboot all 40, what does nc say?": a rejection said in the first
    // person opens the clause as well.
    let lower = t.to_lowercase().replace(['\'', '\u{2019}'], "");
    let said_by_me = [
        "i would not ",
        "id not ",
        "i wont ",
        "i will not ",
        "im not ",
        "i am not ",
        "i dont ",
        "i do not ",
        "we wont ",
        "we will not ",
        "we should not ",
        "we shouldnt ",
        "lets not ",
        "let us not ",
    ]
    .iter()
    .any(|o| lower.starts_with(o));
    if !said_by_me
        && !["not", "no", "never", "nah", "dont", "don't", "don\u{2019}t"].contains(&first)
    {
        return None;
    }
    let rest = after_separator(t, &[", ", " - ", " \u{2014} ", " \u{2013} ", "; ", ": "])?;
    // ("I'd not touch the config, what changed in it?": the question is about what
    // was turned down.)
    let refers_back = rest.split(|c: char| !c.is_alphanumeric()).any(|w| {
        ["it", "its", "them", "that", "this", "those", "these"].contains(&w.to_lowercase().as_str())
    });
    (!said_by_me || !refers_back).then_some(rest)
}

/// True when every word of the line's first part that says something is turned down.
fn first_part_rejected(line: &Line) -> bool {
    line.parts().first().is_some_and(|part| {
        let words: Vec<_> = part
            .toks()
            .iter()
            .filter(|t| t.text != tokens::VERDICT_WORD && t.text.chars().any(char::is_alphanumeric))
            .collect();
        !words.is_empty() && words.iter().all(|t| t.neg)
    })
}

/// The text after a clause's first part (after its first comma, dash or semicolon).
fn after_first_part(text: &str) -> Option<&str> {
    after_separator(text, &[", ", " - ", " \u{2014} ", " \u{2013} ", "; "])
}

/// The text after the earliest of `separators` in `text`.
fn after_separator<'t>(text: &'t str, separators: &[&str]) -> Option<&'t str> {
    separators
        .iter()
        .filter_map(|sep| text.find(sep).map(|at| at + sep.len()))
        .min()
        .map(|at| &text[at..])
}

/// True when a part after the first opens by asking to see something.
fn asks_after(line: &Line) -> bool {
    line.parts().iter().skip(1).any(|part| {
        part.toks()
            .iter()
            .find(|t| !ASK_LEAD.contains(&t.text.as_str()))
            .is_some_and(|t| !t.neg && ASK_WORDS.contains(&t.text.as_str()))
    })
}

/// Words that may come before an asking word: "can you please show", "I want to see".
const ASK_LEAD: &[&str] = &[
    "please", "pls", "can", "could", "you", "u", "i", "want", "to", "need", "would", "like", "let",
    "us", "and", "then", "first", "now", "just", "so", "me",
];

/// Words that open a part after a rejection by asking to see something.
const ASK_WORDS: &[&str] = &[
    "show", "give", "see", "check", "compare", "pull", "what", "which", "how", "where", "when",
    "who", "why",
];

/// True when a statement turns a step down with an idiom after it: "reset of offsets
/// is out of the question", "a restart is not an option", "failing back is a no-go".
fn rejects_by_idiom(text: &str) -> bool {
    // Whole words only: "casino go" holds no "no go".
    let lower = text.to_lowercase().replace(['\'', '\u{2019}'], "");
    let t = format!(" {} ", crate::hearing::words(&lower).join(" "));
    // "turning the WAF off is out, ...": a verdict, not "the new version is out now".
    let is_out = lower
        .split([',', ';', '-', '.'])
        .any(|piece| piece.trim_end().ends_with(" is out"));
    is_out
        || [
            "out of question",
            "out of the question",
            "not an option",
            "no go",
            "a bad idea",
            "not a good idea",
            "off the table",
            "is a no",
            "no thanks",
            "last thing id do",
            "last thing i would do",
            "last thing i want",
            "last thing we",
            "last thing to do",
            "not on my list",
            "wont change anything",
            "wont change a thing",
            "will not change anything",
            "wont help",
            "will not help",
            "would not help",
            "wouldnt help",
            "doesnt help",
            "is pointless",
            "scratch that",
            "if all else fails",
            "if nothing else works",
            "if nothing else helps",
            "never mind",
            "nevermind",
            "forget that",
        ]
        .iter()
        .any(|idiom| t.contains(&format!(" {idiom} ")))
}

/// True when a clause's first word that says something is a verb that changes the
/// system ("add an egress rule", "I'd set maxconn 8", "let's raise the limit").
fn opens_with_change(line: &Line) -> bool {
    const CHANGE: &[&str] = &[
        "add",
        "allow",
        "set",
        "change",
        "increase",
        "decrease",
        "lower",
        "remove",
        "patch",
        "apply",
        "revert",
        "rollback",
        "roll",
        "redeploy",
        "disable",
        "enable",
        "move",
        "pin",
        "cap",
        "limit",
        "throttle",
        "open",
        "block",
        "drop",
        "fix",
        "update",
        "edit",
        "configure",
    ];
    line.toks()
        .iter()
        .find(|t| {
            !NOT_TOPIC.contains(&t.text.as_str()) && !REJECTION_LEAD.contains(&t.text.as_str())
        })
        .is_some_and(|t| !t.neg && CHANGE.contains(&t.text.as_str()))
}

/// True when a part of a clause opens by pointing back at what the part before it
/// named: "did it change", "has its latency changed", "was that upgraded".
fn refers_back(part: &Line) -> bool {
    const POINTERS: &[&str] = &["it", "its", "that", "this", "they", "those", "these"];
    const ASKING: &[&str] = &[
        "did", "does", "do", "has", "have", "had", "was", "were", "is", "are", "can", "could",
        "when", "how", "why",
    ];
    let words: Vec<&str> = part
        .toks()
        .iter()
        .take(4)
        .map(|t| t.text.as_str())
        .collect();
    match words.as_slice() {
        [first, ..] if POINTERS.contains(first) => true,
        [ask, pointer, ..] if ASKING.contains(ask) && POINTERS.contains(pointer) => true,
        [ask, _, pointer, ..] if ASKING.contains(ask) && POINTERS.contains(pointer) => true,
        _ => false,
    }
}

/// Commands a candidate types to look at something.
const COMMANDS: &[&str] = &[
    "kubectl",
    "openssl",
    "terraform",
    "grep",
    "sudo",
    "systemctl",
    "journalctl",
    "curl",
    "dig",
    "nslookup",
    "ss",
    "netstat",
    "df",
    "du",
    "lsof",
    "cat",
    "tail",
    "head",
    "ps",
    "top",
    "htop",
    "iostat",
    "vmstat",
    "mpstat",
    "sar",
    "ip",
    "tcpdump",
    "strace",
    "aws",
    "gcloud",
    "az",
    "psql",
    "mysql",
    "redis-cli",
    "dmesg",
    "free",
    "uptime",
    "ls",
    "find",
    "awk",
    "sed",
    "less",
    "helm",
    "docker",
    "crictl",
    "ping",
    "traceroute",
    "mtr",
    "nc",
    "telnet",
    "git",
    "ssh",
    "chronyc",
    "timedatectl",
    "ulimit",
    "sysctl",
    "mount",
    "lsblk",
    "smartctl",
    "mdadm",
    "perf",
    "jq",
    "wc",
    "sort",
    "uniq",
];

/// True when a clause is a command line: a known command followed by flags, paths or
/// a pipe (or by at most one word), or any word followed by a flag. "lsof shows a
/// deleted file" is a finding told, not a command.
fn looks_like_command(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(first) = words.first().map(|w| w.to_lowercase()) else {
        return false;
    };
    let syntax = words[1..].iter().any(|w| {
        (w.starts_with(['-', '+']) && w.len() > 1)
                || w.contains('/')
                || *w == "|"
                // a dotted key: `fs.file-nr`, `net.core.somaxconn`
                || w.trim_end_matches('.').contains('.') && w.chars().any(char::is_alphabetic)
    });
    let command = COMMANDS.contains(&first.as_str()) || first.starts_with("kafka-");
    (command && (syntax || words.len() <= 2))
        || words
            .get(1)
            .is_some_and(|w| w.starts_with('-') && w.len() > 1)
}

/// Words that may come just before the step a hedged clause proposes ("maybe we
/// restart", "let's just fail back", "maybe run fsck").
const PROPOSAL_LEAD: &[&str] = &[
    "maybe", "perhaps", "just", "we", "i", "lets", "let", "us", "could", "should", "can", "might",
    "would", "will", "to", "then", "and", "so", "probably", "tbh", "honestly", "ok", "okay",
    "quickly", "also", "do", "be",
];

/// The stems of the words of `text` that say something (not filler, not generic).
fn distinctive(text: &str) -> HashSet<String> {
    crate::hearing::words(text)
        .into_iter()
        .filter(|w| {
            w.len() > 2 && !NOT_TOPIC.contains(&w.as_str()) && !GENERIC.contains(&w.as_str())
        })
        .map(|w| tokens::stem(&w))
        .collect()
}

/// Words too common in any diagnosis to tell one cause from another.
const GENERIC: &[&str] = &[
    "because", "cause", "caused", "causing", "think", "probably", "likely", "issue", "problem",
    "using", "used", "uses", "still", "every", "each", "after", "before", "which", "into", "than",
    "they", "them", "those", "these", "were", "been", "being", "because", "since", "only", "other",
    "another", "same", "guess", "suspect", "bet", "theory", "maybe", "seems", "looks", "must",
    "might", "could", "would", "should", "root", "reason", "why", "things", "stuff", "server",
    "servers", "service", "services", "host", "hosts", "app", "system",
];

impl Interviewer {
    /// `vocabulary` expands the `~name` phrases of every `ask` list.
    #[must_use]
    pub fn new(scenario: &Scenario, vocabulary: &Vocabulary) -> Self {
        let mut entries = Vec::new();
        let mut phrases = Vec::new();
        for (i, f) in scenario.facts.iter().enumerate() {
            entries.push(Entry::Fact(i));
            phrases.push(vocabulary.expand(&f.ask));
        }
        for (i, e) in scenario.evidence.iter().enumerate() {
            entries.push(Entry::Evidence(i));
            phrases.push(vocabulary.expand(&e.ask));
        }
        for (i, r) in scenario.risky.iter().enumerate() {
            entries.push(Entry::Risky(i));
            phrases.push(vocabulary.expand(&r.ask));
        }
        entries.push(Entry::Cause);
        phrases.push(vocabulary.expand(&scenario.cause.ask));
        for (i, f) in scenario.fixes.iter().enumerate() {
            entries.push(Entry::Fix(i));
            phrases.push(vocabulary.expand(&f.ask));
        }
        let mut topic = HashSet::new();
        let mut add = |text: &str| {
            for w in crate::hearing::words(text) {
                topic.insert(tokens::stem(&w));
            }
        };
        for list in &phrases {
            for p in list {
                add(p);
            }
        }
        for f in &scenario.facts {
            add(&f.say);
        }
        for e in &scenario.evidence {
            add(&e.say);
        }
        for words in vocabulary.vocabulary.values() {
            for w in words {
                add(w);
            }
        }
        for w in SRE_WORDS {
            add(w);
        }
        let mut cause_words = distinctive(&scenario.cause.say);
        for p in vocabulary.expand(&scenario.cause.ask) {
            cause_words.extend(distinctive(&p));
        }
        let mut steps = Vec::new();
        for (entry, list) in entries.iter().zip(&phrases) {
            if !matches!(entry, Entry::Risky(_)) {
                continue;
            }
            let mut verbs = HashSet::new();
            let mut objects = HashSet::new();
            for p in list {
                let words: Vec<String> = crate::hearing::words(p)
                    .into_iter()
                    .filter(|w| !NOT_TOPIC.contains(&w.as_str()) && !COMMANDS.contains(&w.as_str()))
                    .collect();
                let Some((first, rest)) = words.split_first() else {
                    continue;
                };
                let verb = tokens::stem_of(first);
                if STEP_VERBS.iter().any(|v| tokens::stem_of(v) == verb) {
                    verbs.insert(verb);
                    objects.extend(
                        rest.iter()
                            .filter(|w| w.len() > 2 && !GENERIC.contains(&w.as_str()))
                            .map(|w| tokens::stem_of(w)),
                    );
                }
            }
            if !verbs.is_empty() && !objects.is_empty() {
                steps.push((*entry, verbs, objects));
            }
        }
        let mut timeline = scenario.clone();
        timeline.timeline.sort_by_key(|e| e.after);
        Self {
            facts_only: false,
            cause_words,
            scenario: timeline,
            matcher: Matcher::with_ear(&phrases, Ear::of(vocabulary)),
            entries,
            topic,
            actions: Vec::new(),
            events_said: 0,
            answered: Vec::new(),
            quotes: Vec::new(),
            lines: 0,
            cause_secs: None,
            steps,
        }
    }

    /// The interviewer of any prompt with `facts:` (SPEC §15): answers the clarifying
    /// questions it knows, says an unknown detail is the candidate's to assume, and
    /// lets everything else (the answer itself) pass without a reply.
    #[must_use]
    pub fn for_facts(facts: &[crate::bank::Reply], vocabulary: &Vocabulary) -> Self {
        let scenario = Scenario {
            facts: facts.to_vec(),
            otherwise: Some(ASSUME_REPLY.to_owned()),
            ..Scenario::default()
        };
        let mut me = Self::new(&scenario, vocabulary);
        me.facts_only = true;
        me
    }

    /// Adds the words of the prompt's own text to what counts as on the topic.
    #[must_use]
    pub fn with_topic(mut self, text: &str) -> Self {
        for w in crate::hearing::words(text) {
            self.topic.insert(tokens::stem(&w));
        }
        // What the candidate was told is no part of telling the cause.
        for w in distinctive(text) {
            self.cause_words.remove(&w);
        }
        self
    }

    /// Hears one typed line, `secs` into the answer phase: each clause in turn, up to
    /// three replies, joined by line breaks. `None` when nothing is said back.
    pub fn hear(&mut self, line: &str, secs: u64) -> Option<String> {
        let line = line.trim();
        if line.is_empty() {
            return None;
        }
        self.lines += 1;
        let mut replies: Vec<String> = Vec::new();
        let heard = self.understand(line);
        // Once a clause of the line got a real answer, "nothing unusual there" for
        // another adds nothing a person would say (it is still recorded).
        let answered = heard
            .iter()
            .any(|(_, m)| matches!(m, Some(Heard::Entry(_) | Heard::Hypothesis)));
        // "I'd add a node group in 1c, so pods can sit next to their volumes": a step
        // with its reason. The reason names what was already shown; it asks to see
        // nothing again.
        let step = heard
            .iter()
            .any(|(_, m)| matches!(m, Some(Heard::Entry(Entry::Fix(_) | Entry::Risky(_)))));
        let shown_before = if step {
            self.answered.clone()
        } else {
            Vec::new()
        };
        let mut said: Vec<Heard> = Vec::new();
        for (text, matched) in heard {
            // Two clauses asking for the same thing get one answer, not the answer and
            // then "(as before: ...)"; a statement that only restates what was shown
            // ("group is stuck rebalancing") asks for nothing to be shown again.
            let restates = matches!(
                matched,
                Some(Heard::Entry(Entry::Fact(_) | Entry::Evidence(_)))
            ) && matched
                .is_some_and(|m| matches!(m, Heard::Entry(e) if self.answered.contains(&e)))
                && clauses::intent(&text, text.trim_end().ends_with('?')) == Intent::Action
                && !clauses::asks_to_act(&text)
                && !looks_like_command(&text);
            let reason = step
                && matches!(
                    matched,
                    Some(Heard::Entry(e @ (Entry::Fact(_) | Entry::Evidence(_)))) if shown_before.contains(&e)
                );
            let quiet = (answered && matches!(matched, Some(Heard::Otherwise)))
                || restates
                || reason
                || matched.is_some_and(|m| matches!(m, Heard::Entry(_)) && said.contains(&m));
            if let Some(m) = matched {
                said.push(m);
            }
            if matched.is_some() && self.names_cause(&text) {
                self.cause_secs.get_or_insert(secs);
            }
            let reply = matched.map(|m| self.respond(m, &text, secs));
            self.actions.push(Action {
                secs,
                n: Some(self.lines),
                line: text,
                matched: matched.map(|m| self.tag(m)),
            });
            if let Some(r) = reply
                && !quiet
                && !replies.contains(&r)
                && replies.len() < MAX_REPLIES
            {
                replies.push(r);
            }
        }
        (!replies.is_empty()).then(|| replies.join("\n"))
    }

    /// What each clause of `line` is heard as: its text, what it matched, and what the
    /// interviewer would say. Pure: nothing is recorded.
    fn understand(&self, line: &str) -> Vec<(String, Option<Heard>)> {
        let mut out = Vec::new();
        for clause in clauses::split(line) {
            if self.facts_only && clause.intent != Intent::Question {
                out.push((clause.text, None));
                continue;
            }
            let mut line = self.matcher.line(&clause.text);
            // "not the brokers - how long does one update take now?": what is ruled
            // out first is no part of the question, even though a question may name
            // a check negatively ("is the disk not full?").
            // "rebooting all 40 would be a bad idea, what does dmesg say?": the same when
            // the first part is all turned down by a verdict.
            let asks = asks_after(&line);
            if let Some(rest) = after_leading_rejection(&clause.text).or_else(|| {
                first_part_rejected(&line)
                    .then(|| after_first_part(&clause.text))
                    .flatten()
            }) && asks
            {
                line = self.matcher.line(rest);
            }
            // "I won't reboot the box while the array rebuilds": a statement that opens
            // by turning a step down gives its reason, and asks for nothing.
            // "tracing every request now is not a good idea, the bill would explode":
            // a verdict on a step, with its reason.
            let verdict = line.toks().iter().any(|t| t.text == tokens::VERDICT_WORD);
            if clause.intent != Intent::Question
                && !asks
                && (leads_with_rejection(&line) || rejects_by_idiom(&clause.text) || verdict)
            {
                out.push((clause.text, None));
                continue;
            }
            match clause.intent {
                // "ok got it, the sidecar kept the old password ...": a long note that
                // tells the cause's story is the candidate's diagnosis.
                Intent::Note
                    if clause.text.split_whitespace().count() >= 12
                        && (explains(&clause.text)
                            || clause.text.split_whitespace().count() >= 20)
                        && self.tells_cause_strongly(&clause.text) =>
                {
                    out.push((clause.text, Some(Heard::Entry(Entry::Cause))));
                }
                // "so my read: the 30G isn't gone, webapp still has the deleted log
                // open": a note that names the cause is the diagnosis; one that goes on
                // to a fix ("runner is terminated, so force-unlock ...") proposes it.
                Intent::Note if self.cause_heard(&line) => {
                    let heard = self
                        .proposed(&line, |e| matches!(e, Entry::Fix(_)))
                        .unwrap_or(Entry::Cause);
                    out.push((clause.text, Some(Heard::Entry(heard))));
                }
                Intent::Note => out.push((clause.text, None)),
                Intent::Hypothesis => {
                    // "maybe we restart the router": hedged, but a step proposed; "maybe
                    // we open a ticket to raise the limit" proposes a fix.
                    let heard = if let Some(step) = self
                        .proposed(&line, |e| matches!(e, Entry::Risky(_)))
                        .or_else(|| self.proposed(&line, |e| matches!(e, Entry::Fix(_))))
                        .or_else(|| self.step_in_other_words(&line))
                    {
                        Heard::Entry(step)
                    } else if self.names_cause(&clause.text) || self.tells_cause(&clause.text) {
                        Heard::Entry(Entry::Cause)
                    } else {
                        Heard::Hypothesis
                    };
                    out.push((clause.text, Some(heard)));
                }
                // A long statement that tells the cause's story is a diagnosis.
                Intent::Action
                    if clause.text.split_whitespace().count() >= 8
                        && !clauses::asks_to_act(&clause.text)
                        && self.tells_cause_strongly(&clause.text)
                        && !looks_like_command(&clause.text)
                        && !matches!(
                            self.pick(&line, false),
                            Some(Entry::Risky(_) | Entry::Fix(_))
                        ) =>
                {
                    out.push((clause.text, Some(Heard::Entry(Entry::Cause))));
                }
                Intent::Question | Intent::Action if off_topic_phrase(&clause.text) => {
                    out.push((clause.text, Some(Heard::OffTopic)));
                }
                Intent::Question | Intent::Action => {
                    let question = clause.intent == Intent::Question;
                    let mut whole = self.pick(&line, question);
                    let parts = line.parts();
                    let picks: Vec<Option<Entry>> = if parts.len() > 1 {
                        parts.iter().map(|p| self.pick(p, question)).collect()
                    } else {
                        Vec::new()
                    };
                    // "is there an egress proxy, and did it change today?": "it" is the
                    // proxy, which the scenario does not have, not whatever changed.
                    let mut split: Vec<Entry> = Vec::new();
                    let mut borrowed: Vec<Entry> = Vec::new();
                    for (i, pick) in picks.iter().enumerate() {
                        let Some(e) = pick else { continue };
                        // ("wait, is that Lisbon time?" points at what the interviewer
                        // said: the part before names nothing.)
                        let named_before = parts[..i].iter().any(|p| {
                            p.toks()
                                .iter()
                                .filter(|t| !NOT_TOPIC.contains(&t.text.as_str()))
                                .count()
                                >= 2
                        });
                        if i > 0
                            && named_before
                            && refers_back(&parts[i])
                            && picks[..i].iter().all(Option::is_none)
                        {
                            borrowed.push(*e);
                        } else {
                            split.push(*e);
                        }
                    }
                    if whole.is_some_and(|w| borrowed.contains(&w) && !split.contains(&w)) {
                        whole = None;
                    }
                    let mut distinct: Vec<Entry> = Vec::new();
                    for e in split {
                        if !distinct.contains(&e) {
                            distinct.push(e);
                        }
                    }
                    if distinct.len() >= 2 && whole.is_none_or(|w| distinct.contains(&w)) {
                        for entry in distinct {
                            out.push((clause.text.clone(), Some(Heard::Entry(entry))));
                        }
                    } else if let Some(entry) = whole.or_else(|| distinct.first().copied()) {
                        out.push((clause.text, Some(Heard::Entry(entry))));
                    } else if !question && line.toks().iter().any(|t| t.neg) {
                        // A step turned down, alone ("I would not reboot the box") or
                        // with its reason ("I wouldn't restart it, it takes a third of
                        // the traffic"), asks for nothing.
                        out.push((clause.text, None));
                    } else if self.off_topic(&clause.text) {
                        out.push((clause.text, Some(Heard::OffTopic)));
                    } else {
                        out.push((clause.text, Some(Heard::Otherwise)));
                    }
                }
            }
        }
        // "flush conntrack on every node? nah, not doing that": the step proposed is
        // turned down by the clause after it, and so is a step the scenario has nothing
        // to say about ("restart them? nah", not "Nothing unusual there.").
        for k in 1..out.len() {
            let bare = rejects_back(&out[k].0);
            if bare || opens_with_no(&out[k].0) {
                if bare {
                    out[k].1 = None;
                }
                // ("is the router up? no, it answers pings" answers a question; only
                // a bare "nah" takes back what it follows.)
                if let Some(j) = out[..k].iter().rposition(|(t, _)| *t != out[k].0) {
                    let step = matches!(
                        out[j].1,
                        Some(Heard::Entry(Entry::Risky(_) | Entry::Fix(_)))
                    );
                    if step || (bare && out[j].1 == Some(Heard::Otherwise)) {
                        out[j].1 = None;
                    }
                }
            }
        }
        out
    }

    /// The entry a question or action clause means, if any: a risky step first (the
    /// interviewer challenges before anything else), then the most specific phrase,
    /// evidence before a fact, a fix or the cause when they tie or when both evidence
    /// and the cause are named.
    fn pick(&self, line: &Line, question: bool) -> Option<Entry> {
        let entries = &self.entries;
        let hits: Vec<Hit> = self.matcher.hits(line, &|i| {
            question && matches!(entries[i], Entry::Fact(_) | Entry::Evidence(_))
        });
        let proposes = !question || clauses::proposes(line.text());
        // A step a risky entry takes, proposed in other words: its verb where a step is
        // proposed, on one of the things its phrases name (a fix named in full wins).
        if proposes
            && !reads_only(line.text())
            && !hits
                .iter()
                .any(|h| matches!(self.entries[h.entry], Entry::Risky(_) | Entry::Fix(_)))
            && let Some(entry) = self.step_in_other_words(line)
        {
            return Some(entry);
        }
        if hits.is_empty() {
            return None;
        }
        // A question challenges or applies a fix only when it proposes the step ("can
        // we just restart it?", "can we add tcp 53?"); "did any of them restart?" and
        // "does the policy allow tcp?" ask what is so.
        // "docker inspect -f '{{.HostConfig.Memory}}' worker" looks; it risks nothing.
        // "create index concurrently on orders" is the fix, though "create index" is a
        // risky phrase: a fix heard in more words that holds the risky one wins.
        let within_fix = |risky: &Hit| {
            let words = distinctive(&risky.phrase);
            hits.iter().any(|h| {
                matches!(self.entries[h.entry], Entry::Fix(_))
                    && h.score > risky.score
                    && words.is_subset(&distinctive(&h.phrase))
            })
        };
        if let Some(h) = hits
            .iter()
            .find(|h| matches!(self.entries[h.entry], Entry::Risky(_)))
            .filter(|h| proposes && !reads_only(line.text()) && !within_fix(h))
        {
            return Some(self.entries[h.entry]);
        }
        // "add an egress rule for tcp 53": a step that changes something is the fix
        // when it ties with the evidence it also names.
        let changes = !question && opens_with_change(line);
        let rank = |e: Entry| match e {
            Entry::Fix(_) if changes => 0,
            Entry::Evidence(_) => 1,
            Entry::Fact(_) => 2,
            Entry::Fix(_) => 3,
            Entry::Cause => 4,
            Entry::Risky(_) => 5,
        };
        // A command typed to look at something ("openssl x509 -noout -dates") asks to
        // see; it does not say what the cause is.
        let command = looks_like_command(line.text());
        let hits: Vec<&Hit> = hits
            .iter()
            .filter(|h| match self.entries[h.entry] {
                Entry::Risky(_) => false,
                Entry::Fix(_) => proposes,
                _ => true,
            })
            .collect();
        let has_evidence = command
            || hits
                .iter()
                .any(|h| matches!(self.entries[h.entry], Entry::Evidence(_)));
        hits.iter()
            .map(|h| (self.entries[h.entry], h.score))
            .filter(|(e, _)| !(has_evidence && *e == Entry::Cause))
            .min_by_key(|(e, score)| {
                (
                    std::cmp::Reverse(*score),
                    rank(*e),
                    self.answered.contains(e),
                )
            })
            .map(|(e, _)| e)
    }

    /// The step of a `kind` (risky, a fix) a hedged clause proposes ("maybe we restart
    /// the router", "lets just fail back"): a phrase of that kind heard whose first word
    /// opens the clause or follows a hedge, a modal or a subject. "maybe the restart
    /// caused it" proposes nothing.
    fn proposed(&self, line: &Line, kind: impl Fn(Entry) -> bool) -> Option<Entry> {
        let toks = line.toks();
        self.matcher
            .hits(line, &|_| false)
            .into_iter()
            .filter(|h| kind(self.entries[h.entry]))
            .find(|h| {
                // "kubectl scale sts ...": the verb is the command's, not its name.
                let Some(verb) = crate::hearing::words(&h.phrase)
                    .into_iter()
                    .find(|w| !NOT_TOPIC.contains(&w.as_str()) && !COMMANDS.contains(&w.as_str()))
                else {
                    return false;
                };
                let verb = tokens::stem_of(&verb);
                toks.iter().enumerate().any(|(i, t)| {
                    t.stem == verb && !t.neg && (i == 0 || leads_a_step(&toks[i - 1].text))
                })
            })
            .map(|h| self.entries[h.entry])
    }

    /// The risky entry whose step `line` proposes in words of its own: a verb of the
    /// entry's phrases that opens the clause or follows a hedge, a modal or a subject,
    /// and a word its phrases take the step on.
    fn step_in_other_words(&self, line: &Line) -> Option<Entry> {
        let toks = line.toks();
        self.steps.iter().find_map(|(entry, verbs, objects)| {
            let at = toks.iter().enumerate().position(|(i, t)| {
                verbs.contains(&t.stem) && !t.neg && (i == 0 || leads_a_step(&toks[i - 1].text))
            })?;
            toks[at + 1..]
                .iter()
                .any(|t| !t.neg && objects.contains(&t.stem))
                .then_some(*entry)
        })
    }

    /// True when no content word of `text` is a word of the problem.
    fn off_topic(&self, text: &str) -> bool {
        let content: Vec<String> = crate::hearing::words(text)
            .into_iter()
            .filter(|w| !NOT_TOPIC.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        !content.is_empty()
            && !content.iter().any(|w| {
                if ANY_TOPIC.contains(&w.as_str()) {
                    return false;
                }
                let s = tokens::stem(w);
                self.topic.contains(&s) || self.topic.contains(w.as_str())
            })
    }

    /// True when the clause names the cause (credited even when it is heard as the
    /// evidence it also asks for).
    fn names_cause(&self, text: &str) -> bool {
        self.cause_heard(&self.matcher.line(text))
    }

    /// As [`Interviewer::names_cause`], for a line already read.
    fn cause_heard(&self, line: &Line) -> bool {
        self.matcher
            .hits(line, &|_| false)
            .iter()
            .any(|h| self.entries[h.entry] == Entry::Cause)
    }

    /// True when a hypothesis tells the cause's story in its own words: at least three
    /// of its distinctive words are words of the cause (what it is and how it is named),
    /// and they are at least a third of what it says.
    fn tells_cause(&self, text: &str) -> bool {
        let mine: HashSet<String> = distinctive(text);
        if mine.len() < 3 {
            return false;
        }
        let shared = mine
            .iter()
            .filter(|w| self.cause_words.contains(*w))
            .count();
        shared >= 3 && shared * 3 >= mine.len()
    }

    /// As [`Interviewer::tells_cause`], for a statement with no mark of a hypothesis:
    /// four shared words, and at least two fifths of what it says.
    fn tells_cause_strongly(&self, text: &str) -> bool {
        let mine: HashSet<String> = distinctive(text);
        let shared = mine
            .iter()
            .filter(|w| self.cause_words.contains(*w))
            .count();
        shared >= 4 && shared * 5 >= mine.len() * 2
    }

    /// The reply to a clause heard as `heard`, noting what has been answered and the
    /// line that first asked for it. A repeat quotes the first line of the reply.
    fn respond(&mut self, heard: Heard, text: &str, secs: u64) -> String {
        let entry = match heard {
            Heard::Hypothesis => return CAUSE_REPLY.to_owned(),
            Heard::OffTopic => return OFFTOPIC_REPLY.to_owned(),
            Heard::Otherwise => {
                return self
                    .scenario
                    .otherwise
                    .clone()
                    .unwrap_or_else(|| DEFAULT_OTHERWISE.to_owned())
                    .trim_end()
                    .to_owned();
            }
            Heard::Entry(entry) => entry,
        };
        let again = self.answered.contains(&entry);
        if !again {
            self.answered.push(entry);
            self.quotes.push((entry, text.to_owned()));
        }
        let say = match entry {
            Entry::Cause => {
                self.cause_secs.get_or_insert(secs);
                return CAUSE_REPLY.to_owned();
            }
            Entry::Fact(i) => &self.scenario.facts[i].say,
            Entry::Evidence(i) => &self.scenario.evidence[i].say,
            Entry::Risky(i) => &self.scenario.risky[i].say,
            Entry::Fix(i) => &self.scenario.fixes[i].say,
        };
        if again {
            as_before(say)
        } else {
            say.trim_end().to_owned()
        }
    }

    fn tag(&self, heard: Heard) -> String {
        match heard {
            Heard::Entry(Entry::Fact(i)) => format!("fact:{}", i + 1),
            Heard::Entry(Entry::Evidence(i)) => {
                format!("evidence:{}", self.scenario.evidence[i].id)
            }
            Heard::Entry(Entry::Risky(i)) => format!("risky:{}", i + 1),
            Heard::Entry(Entry::Cause) => "cause".to_owned(),
            Heard::Entry(Entry::Fix(i)) => format!("fix:{}", i + 1),
            Heard::Hypothesis => "hypothesis".to_owned(),
            Heard::Otherwise => "otherwise".to_owned(),
            Heard::OffTopic => "offtopic".to_owned(),
        }
    }

    /// What a fresh interviewer makes of `line`: the `matched` tag of each action it
    /// would record (`otherwise`, `offtopic`, `hypothesis` among them; notes have
    /// none). For measuring; nothing is recorded.
    #[must_use]
    pub fn tags_of(&self, line: &str) -> Vec<String> {
        self.understand(line.trim())
            .into_iter()
            .filter_map(|(_, heard)| heard.map(|h| self.tag(h)))
            .collect()
    }

    /// The timeline events whose time has come by `secs`, each said once. After a good
    /// fix the incident is over: no more events.
    pub fn due(&mut self, secs: u64) -> Vec<String> {
        let mut out = Vec::new();
        if self.fixed() {
            return out;
        }
        while let Some(event) = self.scenario.timeline.get(self.events_said) {
            if event.after > secs {
                break;
            }
            out.push(event.say.trim_end().to_owned());
            self.events_said += 1;
        }
        out
    }

    /// True once a good fix has been applied.
    fn fixed(&self) -> bool {
        self.answered
            .iter()
            .any(|e| matches!(e, Entry::Fix(i) if self.scenario.fixes[*i].good))
    }

    /// The record's `scenario` object: the transcript and what it found.
    #[must_use]
    pub fn record(&self) -> ScenarioRecord {
        let key_total = self.scenario.evidence.iter().filter(|e| e.key).count() as u32;
        let key_found = self
            .scenario
            .evidence
            .iter()
            .enumerate()
            .filter(|(i, e)| e.key && self.answered.contains(&Entry::Evidence(*i)))
            .count() as u32;
        let risky = self
            .scenario
            .risky
            .iter()
            .enumerate()
            .filter(|(i, _)| self.answered.contains(&Entry::Risky(*i)))
            .map(|(_, r)| r.ask.first().cloned().unwrap_or_default())
            .collect();
        let fixes = self
            .scenario
            .fixes
            .iter()
            .enumerate()
            .filter(|(i, _)| self.answered.contains(&Entry::Fix(*i)))
            .map(|(i, f)| crate::history::FixApplied {
                fix: i as u32 + 1,
                good: f.good,
            })
            .collect();
        ScenarioRecord {
            actions: self.actions.clone(),
            key_found,
            key_total,
            cause_named: self.cause_secs.is_some(),
            cause_secs: self.cause_secs,
            risky,
            fixes,
            good_fixes: self.scenario.fixes.iter().filter(|f| f.good).count() as u32,
        }
    }
}

/// The debrief after the answer phase, as lines of text (SPEC §10).
#[must_use]
pub fn debrief(scenario: &Scenario, record: &ScenarioRecord) -> Vec<String> {
    let found = |id: &str| {
        record
            .actions
            .iter()
            .find(|a| a.matched.as_deref() == Some(&format!("evidence:{id}")))
    };
    let mut out = vec![format!(
        "Debrief: key evidence found {} of {}",
        record.key_found, record.key_total
    )];
    for e in scenario.evidence.iter().filter(|e| e.key) {
        match found(&e.id) {
            Some(a) => out.push(format!(
                "  found   {} (at {}, you: \"{}\")",
                e.id,
                clock(a.secs),
                a.line
            )),
            None => out.push(format!(
                "  missed  {} (ask like: {})",
                e.id,
                e.ask
                    .iter()
                    .find(|p| !p.starts_with('~'))
                    .or(e.ask.first())
                    .map_or("", String::as_str)
            )),
        }
    }
    match record.cause_secs {
        Some(secs) => out.push(format!("Cause named at {}.", clock(secs))),
        None => out.push("The cause was not named.".to_owned()),
    }
    let mut risky: Vec<&Action> = record
        .actions
        .iter()
        .filter(|a| {
            a.matched
                .as_deref()
                .is_some_and(|m| m.starts_with("risky:"))
        })
        .collect();
    // One line that took two risky steps is quoted once.
    risky.dedup_by(|a, b| a.n == b.n && a.line == b.line);
    if risky.is_empty() && record.risky.is_empty() {
        out.push("No risky step taken.".to_owned());
    } else if risky.is_empty() {
        // Records older than format 3 name the entry, not the line.
        out.push(format!(
            "Risky steps an interviewer would question: {}",
            record.risky.join("; ")
        ));
    } else {
        out.push("Risky steps an interviewer would question:".to_owned());
        for a in risky {
            out.push(format!("  \"{}\" (at {})", a.line, clock(a.secs)));
        }
    }
    let line_of = |fix: u32| {
        record
            .actions
            .iter()
            .find(|a| a.matched.as_deref() == Some(&format!("fix:{fix}")))
            .map(|a| (a.n, a.line.as_str()))
    };
    for applied in &record.fixes {
        let found = line_of(applied.fix);
        let line = found.map_or("", |(_, line)| line);
        // One line that applied two fixes, a good and a bad one, says which is which.
        let shared = record.fixes.iter().any(|other| {
            other.fix != applied.fix && found.is_some() && line_of(other.fix) == found
        });
        let heard = scenario
            .fixes
            .get(applied.fix as usize - 1)
            .and_then(|f| f.ask.first())
            .filter(|_| shared)
            .map_or(String::new(), |ask| format!(" (heard: {ask})"));
        out.push(if applied.good {
            format!("Fixed it: \"{line}\"{heard}")
        } else {
            format!("Did not fix it: \"{line}\"{heard}")
        });
    }
    out.push("Model path:".to_owned());
    let mut step = 1;
    for e in scenario.evidence.iter().filter(|e| e.key) {
        let mut lines = e.say.lines();
        out.push(format!(
            "  {step}. {}: {}",
            e.id,
            lines.next().unwrap_or_default()
        ));
        // Command output keeps its rows, under the step.
        out.extend(lines.map(|l| format!("     {}", l.trim_end())));
        step += 1;
    }
    out.push(format!(
        "  {step}. cause: {}",
        scenario.cause.say.trim_end()
    ));
    out
}

/// `m:ss`.
fn clock(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_answers_no_only_when_the_no_stands_alone() {
        assert!(opens_with_no("no"));
        assert!(opens_with_no("no, the CPUs are idle"));
        assert!(opens_with_no("never - one of them takes payments"));
        assert!(opens_with_no("no way, not in business hours"));
        // "no" that opens a description answers nothing.
        assert!(!opens_with_no("no swap on this box"));
        assert!(!opens_with_no("never seen that error before"));
    }

    #[test]
    fn a_repeat_quotes_the_first_line_that_says_something() {
        assert_eq!(
            as_before("Yes, sudo.\nAsk first."),
            "(as before: Yes, sudo.)"
        );
        assert_eq!(
            as_before("# Memory\nused_memory_human:3.90G\nmaxmemory_human:4.00G"),
            "(as before: used_memory_human:3.90G)"
        );
        assert_eq!(
            as_before("$ kubectl get deploy storefront\n\nNAME  READY\nstorefront 6/6"),
            "(as before: storefront 6/6)"
        );
        assert_eq!(as_before("Indexes:"), "(as before: Indexes:)");
        // One word in capitals is a finding, not a table's column heads.
        assert_eq!(as_before("OK\nsynced 4s ago"), "(as before: OK)");
    }
    use crate::bank::{Event, Evidence, Reply};

    fn scenario() -> Scenario {
        Scenario {
            facts: vec![Reply {
                ask: vec!["do i have root".into(), "sudo".into()],
                say: "Yes, sudo on the app servers.".into(),
            }],
            evidence: vec![
                Evidence {
                    id: "link-usage".into(),
                    ask: vec!["~bandwidth".into(), "iftop".into()],
                    say: "WAN uplink, outbound:\n15:00-15:40 the link runs at 99%.".into(),
                    key: true,
                },
                Evidence {
                    id: "dns".into(),
                    ask: vec!["dig".into(), "dns".into()],
                    say: "Answers in 2 ms.".into(),
                    key: false,
                },
            ],
            risky: vec![Reply {
                ask: vec!["reboot".into(), "restart the router".into()],
                say: "That router carries the whole office. What happens to calls?".into(),
            }],
            cause: Reply {
                ask: vec!["backup".into()],
                say: "A backup job starts at 15:00.".into(),
            },
            fixes: Vec::new(),
            timeline: vec![Event {
                after: 360,
                say: "Sales now report dropped calls.".into(),
            }],
            otherwise: Some("Nothing unusual there.".into()),
        }
    }

    #[test]
    fn a_note_that_names_the_cause_is_the_diagnosis_and_one_that_names_a_fix_proposes_it() {
        let mut sc = scenario();
        sc.fixes.push(cap_the_upload());
        let i = Interviewer::new(&sc, &vocabulary());
        assert_eq!(
            i.tags_of("so my read: the nightly backup fills the uplink every evening"),
            ["cause"]
        );
        assert_eq!(
            i.tags_of("the backup is the problem, so cap the upload rate at 20 Mbit/s"),
            ["fix:1"]
        );
        // A note that names nothing of the cause stays a note.
        assert!(i.tags_of("ok so calls drop at 18:00 every day").is_empty());
    }

    /// The scenario's good fix: capping the backup's upload rate.
    fn cap_the_upload() -> crate::bank::Fix {
        crate::bank::Fix {
            ask: vec!["cap the upload rate".into()],
            say: "You cap the backup at 20 Mbit/s; calls recover.".into(),
            good: true,
        }
    }

    fn vocabulary() -> Vocabulary {
        let mut v = Vocabulary::default();
        v.vocabulary.insert(
            "bandwidth".into(),
            vec![
                "bandwidth".into(),
                "link utilisation".into(),
                "sar -n dev".into(),
            ],
        );
        v
    }

    #[test]
    fn lines_get_replies_notes_get_none_and_questions_get_otherwise() {
        let mut i = Interviewer::new(&scenario(), &vocabulary());
        assert_eq!(
            i.hear("do I have root?", 5).as_deref(),
            Some("Yes, sudo on the app servers.")
        );
        assert_eq!(
            i.hear("sar -n DEV 1", 30).as_deref(),
            Some("WAN uplink, outbound:\n15:00-15:40 the link runs at 99%.")
        );
        assert_eq!(i.hear("thinking about the office layout", 40), None);
        assert_eq!(
            i.hear("is the firewall ok?", 50).as_deref(),
            Some("Nothing unusual there.")
        );
        assert_eq!(
            i.hear("what's the bandwith", 60).as_deref(),
            Some("(as before: 15:00-15:40 the link runs at 99%.)")
        );
        assert_eq!(
            i.hear("maybe a backup runs then", 90).as_deref(),
            Some(CAUSE_REPLY)
        );
        assert_eq!(
            i.hear("I'd reboot the router", 100)
                .as_deref()
                .map(|s| &s[..11]),
            Some("That router")
        );
        let r = i.record();
        assert_eq!((r.key_found, r.key_total), (1, 1));
        assert!(r.cause_named);
        assert_eq!(r.cause_secs, Some(90));
        assert_eq!(r.risky, vec!["reboot".to_owned()]);
        assert_eq!(
            i.hear("do you sponsor visas?", 120).as_deref(),
            Some(OFFTOPIC_REPLY)
        );
        let r = i.record();
        let matched: Vec<Option<&str>> = r.actions.iter().map(|a| a.matched.as_deref()).collect();
        assert_eq!(
            matched,
            vec![
                Some("fact:1"),
                Some("evidence:link-usage"),
                None,
                Some("otherwise"),
                Some("evidence:link-usage"),
                Some("cause"),
                Some("risky:1"),
                Some("offtopic")
            ]
        );
        let numbers: Vec<Option<u32>> = r.actions.iter().map(|a| a.n).collect();
        assert_eq!(numbers, (1..=8).map(Some).collect::<Vec<_>>());
    }

    #[test]
    fn the_timeline_speaks_in_time_order_whatever_order_it_was_written_in() {
        let mut s = scenario();
        s.timeline = vec![
            Event {
                after: 300,
                say: "Later.".into(),
            },
            Event {
                after: 60,
                say: "Sooner.".into(),
            },
        ];
        let mut i = Interviewer::new(&s, &vocabulary());
        assert_eq!(i.due(100), vec!["Sooner.".to_owned()]);
        assert_eq!(i.due(300), vec!["Later.".to_owned()]);
    }

    #[test]
    fn evidence_wins_over_the_cause_and_the_cause_is_still_credited() {
        let mut s = scenario();
        // The cause's phrase is the more specific one, and still the evidence wins.
        s.cause.ask = vec!["backup schedule window".into()];
        s.evidence[1].ask = vec!["backup schedule".into(), "cron".into()];
        let mut i = Interviewer::new(&s, &vocabulary());
        // Names both: the reply is the evidence; the cause counts as named.
        let reply = i.hear("is there a backup schedule window around 15:00?", 30);
        assert_eq!(reply.as_deref(), Some("Answers in 2 ms."));
        let r = i.record();
        assert_eq!(r.actions[0].matched.as_deref(), Some("evidence:dns"));
        assert_eq!(r.cause_secs, Some(30));
        // A hypothesis gets the same reply, right or wrong; only the right one counts.
        let mut j = Interviewer::new(&s, &vocabulary());
        assert_eq!(
            j.hear("I think it's the printer", 10).as_deref(),
            Some(CAUSE_REPLY)
        );
        assert!(!j.record().cause_named);
        assert_eq!(
            j.hear("I think the backup schedule window is the cause", 20)
                .as_deref(),
            Some(CAUSE_REPLY)
        );
        assert_eq!(j.record().cause_secs, Some(20));
    }

    #[test]
    fn a_rejected_risky_step_is_not_challenged() {
        let mut i = Interviewer::new(&scenario(), &vocabulary());
        assert_eq!(i.hear("I would not reboot the router", 10), None);
        assert!(
            i.hear("reboot the router", 20)
                .is_some_and(|r| r.starts_with("That router"))
        );
        let r = i.record();
        assert_eq!(r.actions[0].matched, None);
        assert_eq!(r.actions[1].matched.as_deref(), Some("risky:1"));
        assert_eq!(r.risky, vec!["reboot".to_owned()]);
    }

    #[test]
    fn rejections_in_more_words_are_still_rejections() {
        let i = Interviewer::new(&scenario(), &vocabulary());
        // A negator of several words leads the clause.
        assert!(
            i.tags_of("I'd hold off on rebooting the router, the bandwidth graph first")
                .is_empty()
        );
        // Words that only stress the rejection.
        assert!(
            i.tags_of("im def not gonna reboot the router, sales are on calls")
                .is_empty()
        );
        // A step proposed and then turned down by the clause after it.
        assert!(
            i.tags_of("reboot the router? nah, not doing that")
                .is_empty()
        );
        assert_eq!(i.tags_of("reboot the router?"), ["risky:1"]);
        assert!(
            i.tags_of("replace the firewall? nah, not doing that")
                .is_empty()
        );
        // A dash after a rejection starts a new thought, which is heard.
        assert_eq!(
            i.tags_of("not rebooting the router - what does the bandwidth look like?"),
            ["evidence:link-usage"]
        );
        // Verdicts after the step.
        for line in [
            "rebooting the router mid-afternoon is a no from me",
            "rebooting the router is out, sales are on calls",
            "reboot the router - no thanks",
            "rebooting the router won't change a thing",
            "rebooting the router is the last thing I'd do",
            "a router reboot is not on my list",
        ] {
            assert!(i.tags_of(line).is_empty(), "{line}");
        }
        // A verdict and then a question after a dash: the question is heard, also
        // when the dash follows a number.
        assert_eq!(
            i.tags_of("rebooting the router is a no - what does the bandwidth look like?"),
            ["evidence:link-usage"]
        );
        assert_eq!(
            i.tags_of("not rebooting the router, it is 15:00 - what does the bandwidth look like?"),
            ["evidence:link-usage"]
        );
        // "the last thing it prints" asks; a flag in prose is no command asked for.
        assert_eq!(
            i.tags_of("what's the last thing the bandwidth graph shows?"),
            ["evidence:link-usage"]
        );
        assert!(
            i.tags_of("im not gonna reboot -f the router, the bandwidth is the issue")
                .is_empty()
        );
        // "rather than" weighs one step against another: the second is heard.
        assert_eq!(
            i.tags_of("rather than guessing I'd reboot the router"),
            ["risky:1"]
        );
    }

    #[test]
    fn pointing_back_changing_and_command_lines_at_their_edges() {
        // A part that points back, in its three word orders, and one that names.
        assert!(refers_back(&Line::new("its latency went up")));
        assert!(refers_back(&Line::new("did it change today")));
        assert!(refers_back(&Line::new("when did it change")));
        assert!(!refers_back(&Line::new("did the proxy change")));
        // The first word that says something, after "I'd", is the change.
        assert!(opens_with_change(&Line::new("I'd add an egress rule")));
        assert!(!opens_with_change(&Line::new("I'd check the egress rules")));
        // A lone dash in prose is no flag.
        assert!(!looks_like_command("dig - that is what i would run first"));
        assert!(looks_like_command("dig +short api.example.com"));
    }

    #[test]
    fn the_edges_of_rejections_and_small_talk() {
        // "we had no backup window" describes; "not sure" turns nothing down.
        assert!(!leads_with_rejection(&Line::new("we had no backup window")));
        assert!(!leads_with_rejection(&Line::new(
            "not sure the router is it"
        )));
        assert!(leads_with_rejection(&Line::new("not rebooting the router")));
        // Only a short turn-down with a mark of one refers back.
        assert!(rejects_back("nah, not doing that"));
        assert!(!rejects_back("ok that is it"));
        assert!(!rejects_back(
            "no, not that, because the bandwidth graph shows the uplink is full"
        ));
        // A read that goes on to write is no read.
        assert!(!reads_only(
            "aws ec2 describe-instances then terminate-instances --instance-ids i-1"
        ));
        // Small talk that names something of the problem is still small talk.
        let i = Interviewer::new(&scenario(), &vocabulary());
        assert_eq!(
            i.tags_of("is there parking by the router room?"),
            ["offtopic"]
        );
        // A question about the problem on weekends is about the problem.
        assert_ne!(
            i.tags_of("does the router drop calls on weekends too?"),
            ["offtopic"]
        );
    }

    #[test]
    fn a_command_that_only_reads_is_never_a_risky_step() {
        let mut sc = scenario();
        sc.risky[0].ask.push("router config".into());
        let i = Interviewer::new(&sc, &vocabulary());
        assert_eq!(i.tags_of("show router config"), ["risky:1"]);
        assert!(reads_only("kubectl describe router config -n net"));
        assert!(reads_only(
            "aws autoscaling describe-scaling-activities --max-items 5"
        ));
        assert!(!reads_only(
            "aws autoscaling set-desired-capacity --desired-capacity 40"
        ));
        assert!(!reads_only(
            "kubectl get secret db -o jsonpath='{.data.password}'"
        ));
        assert!(!reads_only("kubectl delete pod api-1 -n prod"));
        assert!(!reads_only("describe the router config"));
        // Tools that only look, and sysctl unless it sets something.
        assert!(reads_only("sysctl fs.file-max fs.file-nr"));
        assert!(reads_only("iostat -x 1 5"));
        assert!(!reads_only("sysctl -w fs.file-max=2000000"));
        assert!(!reads_only("sudo sysctl fs.file-max=2000000"));
        assert!(!reads_only("find /var/log -mtime +7 -delete"));
        assert!(!reads_only("curl -X DELETE http://es:9200/logs-2024.06"));
        assert!(!reads_only("curl -X POST http://es:9200/_cache/clear"));
        assert!(reads_only("curl -X GET http://es:9200/_cat/indices"));
        assert!(
            !i.tags_of("kubectl get router config -o yaml")
                .contains(&"risky:1".to_owned())
        );
    }

    #[test]
    fn hedged_proposals_and_thoughts_aloud_are_read_for_what_they_ask() {
        let mut sc = scenario();
        sc.fixes.push(crate::bank::Fix {
            ask: vec!["move the backup".into()],
            say: "The backup now runs at 02:00.".into(),
            good: true,
        });
        let i = Interviewer::new(&sc, &vocabulary());
        // A hedged fix is proposed, not guessed at.
        assert_eq!(
            i.tags_of("maybe we move the backup to the night"),
            ["fix:1"]
        );
        // A risky phrase named by its command: the verb after the command proposes.
        assert_eq!(
            i.tags_of("easiest might be to just restart the router for now"),
            ["risky:1"]
        );
        // "I am thinking to ..." is a step, "so what ..." a question, "so: ..." a note.
        assert_eq!(i.tags_of("I am thinking to reboot the router"), ["risky:1"]);
        assert_eq!(
            i.tags_of("ok so what does the bandwidth look like"),
            ["evidence:link-usage"]
        );
        assert!(i.tags_of("so: dns is fine, 2 ms").is_empty());
        // A question that checks a guess asks to see; one opened by the guess guesses.
        assert_eq!(
            i.tags_of("is the bandwidth maybe maxed out?"),
            ["evidence:link-usage"]
        );
        assert_eq!(i.tags_of("maybe the bandwidth?"), ["hypothesis"]);
        // "ok I want to ..." and "I log in and look ..." ask to see; a team may take a
        // step; "what about ..." proposes one.
        assert!(clauses::asks_to_act("ok i want to read the backup code"));
        assert!(clauses::asks_to_act("I log in to the dashboard and look"));
        assert!(clauses::proposes("can the network team move the backup?"));
        assert!(clauses::proposes("what about moving the backup?"));
        assert!(!clauses::proposes("so whats the bandwidth doing?"));
        // A note whose later part asks is a question; "I think best is ..." and "could
        // bounce ..." propose.
        assert_eq!(
            i.tags_of("ok calls drop at 15:00, what does the bandwidth look like"),
            ["evidence:link-usage"]
        );
        assert_eq!(
            i.tags_of("I think best is reboot the router tonight"),
            ["risky:1"]
        );
        assert!(clauses::proposes("could bounce the router on both sites"));
        assert!(!clauses::proposes("could the router be the problem?"));
        assert_eq!(
            i.tags_of("may I ask if this role includes on-call on weekends?"),
            ["offtopic"]
        );
        // A later part that asks for a step makes an action; a modal, a doer and a verb
        // propose.
        assert_eq!(
            i.tags_of("ok quick win first, i'd just reboot the router"),
            ["risky:1"]
        );
        assert!(clauses::proposes("can platform pin the image back?"));
        assert!(!clauses::proposes("can the router be the problem?"));
        // A fix in more words that holds a risky phrase is the fix.
        let mut sc = scenario();
        sc.fixes.push(crate::bank::Fix {
            ask: vec!["reboot the router tonight after the backup".into()],
            say: "Rebooted at 02:00.".into(),
            good: true,
        });
        let fixing = Interviewer::new(&sc, &vocabulary());
        assert_eq!(
            fixing.tags_of("reboot the router tonight after the backup"),
            ["fix:1"]
        );
        assert_eq!(fixing.tags_of("reboot the router now"), ["risky:1"]);
        // Dropping a line of inquiry, or thinking aloud after "hmm", asks for nothing.
        assert!(
            i.tags_of("ok so the bandwidth is nowhere near full, scratch that")
                .is_empty()
        );
        assert!(
            i.tags_of("hmm, let me think what else runs on the router at 15:00")
                .is_empty()
        );
        // Small talk that shares a word with the problem is still off it.
        assert_eq!(i.tags_of("is there parking at the office?"), ["offtopic"]);
    }

    #[test]
    fn restating_what_the_prompt_told_is_not_telling_the_cause() {
        let mut sc = scenario();
        sc.cause.say = "The uplink saturates when the backup copies to the office NAS.".into();
        let guess = "maybe the uplink saturates at the office";
        let bare = Interviewer::new(&sc, &vocabulary());
        assert!(bare.tells_cause(guess));
        let told = Interviewer::new(&sc, &vocabulary())
            .with_topic("The office uplink saturates every afternoon and calls drop.");
        assert!(!told.tells_cause(guess));
        assert!(told.tells_cause("the backup copies to the NAS over the uplink"));
    }

    #[test]
    fn a_risky_step_in_other_words_is_its_verb_on_a_thing_it_names() {
        let mut sc = scenario();
        sc.risky[0].ask = vec!["restart the office router".into()];
        let i = Interviewer::new(&sc, &vocabulary());
        assert_eq!(i.tags_of("I'd restart the router"), ["risky:1"]);
        assert_eq!(i.tags_of("maybe we just bounce the router"), ["risky:1"]);
        // Its verb elsewhere, a rejection, a question about the past: no step.
        assert_eq!(i.tags_of("check the router"), ["otherwise"]);
        assert!(i.tags_of("I would not restart the router").is_empty());
        assert_eq!(i.tags_of("did the router restart?"), ["otherwise"]);
        assert_eq!(i.tags_of("restart the dns resolver"), ["evidence:dns"]);
    }

    #[test]
    fn a_line_gets_at_most_three_replies_and_every_clause_is_recorded() {
        let mut i = Interviewer::new(&scenario(), &vocabulary());
        let said = i
            .hear(
                "do I have root? sar -n DEV 1; dig api.example.com; maybe a backup runs then",
                5,
            )
            .unwrap();
        assert!(said.contains("Yes, sudo"));
        assert!(said.contains("the link runs at 99%"));
        assert!(said.contains("Answers in 2 ms."));
        assert!(!said.contains(CAUSE_REPLY), "a fourth reply: {said}");
        assert_eq!(i.record().actions.len(), 4);
    }

    #[test]
    fn a_step_given_with_its_reason_repeats_nothing_already_shown() {
        let mut i = Interviewer::new(&scenario(), &vocabulary());
        assert!(
            i.hear("sar -n DEV 1", 5)
                .unwrap()
                .contains("the link runs at 99%")
        );
        let said = i
            .hear("restart the router, since iftop shows the link at 99%", 9)
            .unwrap();
        assert!(!said.contains("as before"), "{said}");
        assert_eq!(
            i.tags_of("restart the router, since iftop shows the link at 99%")
                .len(),
            2
        );
    }

    #[test]
    fn a_statement_that_restates_what_was_shown_is_a_note() {
        let mut i = Interviewer::new(&scenario(), &vocabulary());
        assert!(i.hear("sar -n DEV 1", 10).is_some());
        // Told back as a finding, it is a note: no "(as before: ...)", nothing
        // matched, the line recorded.
        assert_eq!(
            i.hear("the bandwidth is pegged at 99% from 15:00", 20),
            None
        );
        assert_eq!(i.record().actions[1].matched, None);
        assert_eq!(
            i.record().actions[1].line,
            "the bandwidth is pegged at 99% from 15:00"
        );

        // Asked again: the repeat.
        assert_eq!(
            i.hear("what's the bandwidth again?", 30).as_deref(),
            Some("(as before: 15:00-15:40 the link runs at 99%.)")
        );
    }

    #[test]
    fn a_note_that_sums_up_names_no_cause_and_one_that_explains_does() {
        assert!(!explains("ok so users are flat but the service sees 4x"));
        assert!(explains(
            "ok so the backup saturates the uplink, so calls drop at 15:00"
        ));
        assert!(explains("the calls drop because the backup fills the link"));
        assert!(explains("so the backup: it fills the link at 15:00"));
    }

    #[test]
    fn a_step_turned_down_that_names_nothing_gets_nothing_and_a_negative_question_otherwise() {
        let i = Interviewer::new(&scenario(), &vocabulary());
        assert!(i.tags_of("we should not touch the firewall yet").is_empty());
        assert_eq!(i.tags_of("is the firewall not patched?"), ["otherwise"]);
    }

    #[test]
    fn a_guess_that_names_a_step_in_passing_proposes_nothing() {
        let mut sc = scenario();
        sc.risky[0].ask.push("a reboot of the router".into());
        let i = Interviewer::new(&sc, &vocabulary());
        // The step's verb is "reboot", not the article before it.
        assert_eq!(
            i.tags_of("maybe a reboot of the router caused it"),
            ["hypothesis"]
        );
        assert_eq!(i.tags_of("maybe just reboot the router"), ["risky:1"]);
    }

    #[test]
    fn a_verdict_on_a_step_is_a_note_unless_a_request_follows() {
        let i = Interviewer::new(&scenario(), &vocabulary());
        assert!(
            i.tags_of("rebooting the router now would be a bad idea, the calls would drop")
                .is_empty()
        );
        assert_eq!(
            i.tags_of("rebooting the router now would be a bad idea, show me the bandwidth"),
            ["evidence:link-usage"]
        );
        // What the verdict turns down is no part of the question after it.
        assert_eq!(
            i.tags_of("a backup reboot now would be a bad idea, what is the bandwidth?"),
            ["evidence:link-usage"]
        );
    }

    #[test]
    fn a_step_turned_down_with_its_reason_is_a_note_and_a_hedged_step_is_still_risky() {
        let i = Interviewer::new(&scenario(), &vocabulary());
        // The reason names evidence ("bandwidth"), but the clause asks for nothing.
        assert!(
            i.tags_of("I won't reboot the router while the bandwidth is pegged")
                .is_empty()
        );
        assert!(
            i.tags_of("not restarting the router, the link is at 99%")
                .is_empty()
        );
        // A description with "no" is not a step turned down; a command after the
        // rejection is still asked for.
        assert_eq!(
            i.tags_of("there is no backup window, sar -n dev"),
            ["evidence:link-usage"]
        );
        assert_eq!(
            i.tags_of("don't reboot - sar -n DEV 1"),
            ["evidence:link-usage"]
        );
        // Hedged, but proposing the step: challenged.
        assert_eq!(i.tags_of("maybe we restart the router now"), ["risky:1"]);
        assert_eq!(i.tags_of("Reboot it, maybe it is stuck"), ["risky:1"]);
        // Other words for the same step.
        assert_eq!(i.tags_of("bounce the router"), ["risky:1"]);
        // A question about what happened is not a step proposed; one that proposes is.
        assert_eq!(
            i.tags_of("did the router restart overnight?"),
            ["otherwise"]
        );
        assert_eq!(i.tags_of("can we just restart the router?"), ["risky:1"]);
        // Typed without its question mark, still a question.
        assert_eq!(i.tags_of("any router restarts overnight"), ["otherwise"]);
        // Hedged, naming a step as a possible cause: a hypothesis.
        assert_eq!(
            i.tags_of("maybe the reboot last night did it"),
            ["hypothesis"]
        );
    }

    #[test]
    fn a_step_turned_down_in_other_forms_is_never_challenged() {
        let i = Interviewer::new(&scenario(), &vocabulary());
        for line in [
            "rebooting the router now would be a really bad idea",
            "a reboot is the last thing I'd do",
            "I'd keep the reboot as a last resort",
            "reboot the router? no, not yet",
            "reboot the router? only if nothing else works",
            "resist the urge to reboot the router",
            "reboot of the router I would never do in office hours",
            "restart the router I want to avoid",
            "never I restart the router in office hours",
        ] {
            assert!(
                i.tags_of(line).iter().all(|t| !t.starts_with("risky")),
                "{line}"
            );
        }
        // What is asked beside the rejection is still heard.
        assert_eq!(
            i.tags_of("rebooting it would be a bad idea - can we run iftop?"),
            ["evidence:link-usage"]
        );
        assert_eq!(
            i.tags_of("reboot the router? no, the link is full - iftop please"),
            ["evidence:link-usage"]
        );
        assert_eq!(
            i.tags_of("before we reboot anything, iftop on the router"),
            ["evidence:link-usage"]
        );
        assert_eq!(
            i.tags_of("I won't reboot it, show me the bandwidth"),
            ["evidence:link-usage"]
        );
        // What a question rules out first is no part of what it asks.
        assert_eq!(
            i.tags_of("not the dig output, how does the bandwidth look?"),
            ["evidence:link-usage"]
        );
        assert_eq!(after_leading_rejection("not dns - why?"), Some("why?"));
        assert_eq!(after_leading_rejection("is it not dns, or?"), None);
        // Said in the first person, too, unless what follows points back at it.
        assert_eq!(
            after_leading_rejection("I would not reboot all 40, what does nc say?"),
            Some("what does nc say?")
        );
        assert_eq!(
            after_leading_rejection("I won't touch the config, what changed in it?"),
            None
        );
        assert_eq!(
            after_leading_rejection("I would check dns, then why?"),
            None
        );
        // Ruling a cause out and telling one is the diagnosis, not a step turned down.
        assert_eq!(
            i.tags_of("it's not dns: the nightly backup saturates the uplink"),
            ["cause"]
        );
        // A verb after its command proposes the step; the answer after a question
        // that is not a step turns nothing down.
        assert_eq!(i.tags_of("maybe just sudo reboot"), ["risky:1"]);
        assert_eq!(
            i.tags_of("is the router up? no, it answers pings"),
            ["otherwise"]
        );
    }

    #[test]
    fn a_question_about_the_fix_asks_what_is_so_and_one_that_proposes_it_applies_it() {
        let mut s = scenario();
        s.fixes.push(cap_the_upload());
        let i = Interviewer::new(&s, &vocabulary());
        assert_eq!(
            i.tags_of("is anyone able to cap the upload rate?"),
            ["otherwise"]
        );
        assert_eq!(i.tags_of("can we cap the upload rate?"), ["fix:1"]);
        assert_eq!(i.tags_of("cap the upload rate at 20Mbit"), ["fix:1"]);
        // A step that changes something is the fix when it ties with evidence it names.
        s.evidence[0].ask.push("upload rate".into());
        s.fixes[0].ask.push("rate limit".into());
        let i = Interviewer::new(&s, &vocabulary());
        assert_eq!(i.tags_of("add a rate limit on the upload"), ["fix:1"]);
        assert_eq!(
            i.tags_of("what is the upload rate limit?"),
            ["evidence:link-usage"]
        );
    }

    #[test]
    fn the_debrief_says_which_fix_of_a_line_fixed_it() {
        let mut s = scenario();
        s.fixes.push(cap_the_upload());
        s.fixes.push(crate::bank::Fix {
            ask: vec!["buy a bigger link".into()],
            say: "The order takes six weeks.".into(),
            good: false,
        });
        let mut i = Interviewer::new(&s, &vocabulary());
        i.hear("cap the upload rate", 10);
        let said = debrief(&s, &i.record());
        assert!(
            said.contains(&"Fixed it: \"cap the upload rate\"".to_owned()),
            "{said:?}"
        );
        let both = "I'd cap the upload rate and also buy a bigger link";
        let mut i = Interviewer::new(&s, &vocabulary());
        i.hear(both, 10);
        let said = debrief(&s, &i.record());
        assert!(said.contains(&format!(
            "Fixed it: \"{both}\" (heard: cap the upload rate)"
        )));
        assert!(said.contains(&format!(
            "Did not fix it: \"{both}\" (heard: buy a bigger link)"
        )));
    }

    #[test]
    fn small_talk_is_off_the_topic_even_when_the_problem_mentions_days() {
        let s = Scenario {
            cause: Reply {
                ask: vec!["backup".into()],
                say: "A backup runs every day of the week.".into(),
            },
            ..scenario()
        };
        let i = Interviewer::new(&s, &vocabulary());
        assert_eq!(i.tags_of("do u guys have a 4 day week?"), ["offtopic"]);
        assert_eq!(i.tags_of("what day did the backup start?"), ["cause"]);
    }

    #[test]
    fn a_line_answered_in_part_gets_no_nothing_unusual_for_the_rest() {
        let mut i = Interviewer::new(&scenario(), &vocabulary());
        assert_eq!(
            i.hear("do I have root? is the firewall ok?", 5).as_deref(),
            Some("Yes, sudo on the app servers.")
        );
        // Two clauses asking for the same thing get one answer.
        let mut j = Interviewer::new(&scenario(), &vocabulary());
        assert_eq!(
            j.hear("iftop on the uplink? sar -n DEV 1", 5).as_deref(),
            Some("WAN uplink, outbound:\n15:00-15:40 the link runs at 99%.")
        );
        // Both clauses are still recorded, the second as not answered.
        let tags: Vec<_> = i
            .record()
            .actions
            .iter()
            .map(|a| a.matched.clone())
            .collect();
        assert_eq!(
            tags,
            [Some("fact:1".to_owned()), Some("otherwise".to_owned())]
        );
        assert_eq!(
            i.hear("is the firewall ok?", 9).as_deref(),
            Some("Nothing unusual there.")
        );
    }

    #[test]
    fn a_part_that_points_back_at_something_the_scenario_lacks_is_not_heard_alone() {
        let mut s = scenario();
        s.facts.push(Reply {
            ask: vec!["did anything change".into(), "change recently".into()],
            say: "Nothing was deployed this week.".into(),
        });
        let i = Interviewer::new(&s, &vocabulary());
        assert_eq!(i.tags_of("did anything change recently?"), ["fact:2"]);
        // "it" is the VPN, which this scenario has no entry for.
        assert_eq!(
            i.tags_of("is there a VPN concentrator, and did it change recently?"),
            ["otherwise"]
        );
        // Nothing named before the pointer: "that" is what the interviewer said.
        assert_eq!(i.tags_of("wait, did that change recently?"), ["fact:2"]);
        // The part before it was heard: both are answered.
        assert_eq!(
            i.tags_of("is the link busy, iftop, and did that change recently?"),
            ["evidence:link-usage", "fact:2"]
        );
    }

    #[test]
    fn a_step_ruled_out_with_an_idiom_is_a_note() {
        let i = Interviewer::new(&scenario(), &vocabulary());
        assert!(
            i.tags_of("a reboot is out of the question during calls")
                .is_empty()
        );
        assert!(i.tags_of("restarting the router is a no go").is_empty());
        assert_eq!(i.tags_of("prob the router is just old"), ["hypothesis"]);
        assert!(!rejects_by_idiom("the casino go-live moved the backup"));
        assert!(rejects_by_idiom("failing back is a no go"));
    }

    #[test]
    fn a_command_line_asks_to_see_and_never_names_the_cause() {
        let i = Interviewer::new(&scenario(), &vocabulary());
        assert_eq!(i.tags_of("grep backup /etc/crontab"), ["otherwise"]);
        assert_eq!(i.tags_of("a backup is eating the link"), ["cause"]);
        assert!(looks_like_command("kubectl logs deploy/api -c app"));
        assert!(looks_like_command("df -h"));
        assert!(!looks_like_command("lsof shows a deleted open file"));
        // A tool it does not know is a command by its flag.
        assert!(looks_like_command("pg_isready -h db-1"));
        assert!(!looks_like_command("pg_isready said no"));
    }

    #[test]
    fn the_timeline_speaks_once_when_its_time_has_come() {
        let mut i = Interviewer::new(&scenario(), &vocabulary());
        assert!(i.due(359).is_empty());
        assert_eq!(
            i.due(360),
            vec!["Sales now report dropped calls.".to_owned()]
        );
        assert!(i.due(900).is_empty());
    }

    #[test]
    fn the_debrief_names_what_was_missed_and_the_model_path() {
        let s = scenario();
        let mut i = Interviewer::new(&s, &vocabulary());
        i.hear("dig the name", 10);
        let text = debrief(&s, &i.record()).join("\n");
        assert!(text.contains("key evidence found 0 of 1"), "{text}");
        assert!(
            text.contains("missed  link-usage (ask like: iftop)"),
            "{text}"
        );
        assert!(text.contains("The cause was not named."), "{text}");
        assert!(
            text.contains(
                "1. link-usage: WAN uplink, outbound:\n     15:00-15:40 the link runs at 99%."
            ),
            "the model path keeps every row of command output: {text}"
        );
        assert!(
            text.contains("cause: A backup job starts at 15:00."),
            "{text}"
        );
    }
}
