//! A typed line split into clauses, and what each clause does (SPEC §15).
//!
//! Hard ends split a line: `?`, `!`, `;`, a sentence end. Inside a piece, "and",
//! "also", "then", "plus" and commas join parts that the caller may hear apart (two
//! checks in one breath); [`Clause::parts`] lists them.
//!
//! What a clause does is read from its opening words and its end: a question (ends
//! in `?` or opens with a question word), a hypothesis ("I think", "probably", "my
//! guess is", "the cause is"), a note ("ok", "makes sense", "so far"), or an action
//! (anything else: "I'd run ...", "check ...", a bare command).

/// What a clause is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Question,
    Action,
    Hypothesis,
    Note,
}

/// One clause of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub text: String,
    pub intent: Intent,
}

impl Clause {
    /// The parts of the clause that may be heard apart ("cpu and memory"): split at
    /// " and ", " also ", " then ", " plus ", ", " and " & ". One part when none.
    #[must_use]
    pub fn parts(&self) -> Vec<String> {
        let mut parts = vec![self.text.clone()];
        for sep in [
            ", and then ",
            " and then ",
            ", then ",
            ", and ",
            ", also ",
            " and also ",
            " and ",
            " also ",
            " then ",
            " plus ",
            " & ",
            ", ",
            " or ",
        ] {
            parts = parts
                .into_iter()
                .flat_map(|p| {
                    let lower = p.to_lowercase();
                    if !lower.contains(sep) {
                        return vec![p];
                    }
                    let mut out = Vec::new();
                    let mut rest = p.as_str();
                    while let Some(i) = rest.to_lowercase().find(sep) {
                        out.push(rest[..i].to_owned());
                        rest = &rest[i + sep.len()..];
                    }
                    out.push(rest.to_owned());
                    out
                })
                .filter(|p| !p.trim().is_empty())
                .collect();
        }
        parts
    }
}

const QUESTION_OPENERS: &[&str] = &[
    "what", "whats", "when", "where", "which", "who", "whom", "whose", "why", "how", "is", "are",
    "was", "were", "do", "does", "did", "can", "could", "have", "has", "had", "any", "anything",
    "anyone", "should", "would", "will", "may", "might", "am", "shall", "wat", "wht", "hw",
];

/// Openings of a hypothesis: the candidate says what they believe the cause is.
const HYPOTHESIS_MARKS: &[&str] = &[
    "i think",
    "i suspect",
    "i guess",
    "i bet",
    "i believe",
    "i reckon",
    "i am guessing",
    "i am pretty sure",
    "i am fairly sure",
    "i would bet",
    "i would guess",
    "my guess",
    "my first guess",
    "first guess",
    "my gut",
    "gut feeling",
    "gut says",
    "my money is on",
    "my bet",
    "my theory",
    "my hypothesis",
    "my hunch",
    "hypothesis",
    "probably",
    "prob",
    "probs",
    "prolly",
    "likely",
    "most likely",
    "maybe",
    "perhaps",
    "could be",
    "could it be",
    "could this be",
    "could that be",
    "might it be",
    "might be",
    "may be",
    "must be",
    "looks like",
    "seems like",
    "it seems",
    "sounds like",
    "smells like",
    "feels like",
    "suspect",
    "root cause",
    "the cause",
    "cause is",
    "caused by",
    "because of",
    "due to",
    "culprit",
    "diagnosis",
    "so it is",
    "so the",
    "that means",
    "which means",
    "means",
    "conclusion",
];

/// Openings of a note: the candidate thinks aloud and asks for nothing.
const NOTE_OPENERS: &[&str] = &[
    "ok",
    "okay",
    "k",
    "right",
    "alright",
    "got it",
    "makes sense",
    "make sense",
    "interesting",
    "hmm",
    "hm",
    "thanks",
    "thank you",
    "cool",
    "noted",
    "understood",
    "good",
    "great",
    "fine",
    "so far",
    "so",
    "noting",
    "writing it down",
    "jotting down",
    "summing up",
    "summary",
    "to summarise",
    "to summarize",
    "recap",
    "let me think",
    "thinking",
    "note",
    "note to self",
    "for the record",
    "i am thinking",
    "just thinking",
    "give me a",
    "one sec",
    "one moment",
    "i see",
    "yeah",
    "yes",
    "yep",
    "nope",
    "no",
    "that rules",
    "that explains",
    "that is",
    "this is",
    "wait",
    "oh",
];

/// Openings that ask for something to be done or shown.
const ACTION_OPENERS: &[&str] = &[
    "i would",
    "i will",
    "i want",
    "i wanna",
    "i need",
    "i am going to",
    "i going",
    "lets",
    "let me",
    "let us",
    "we should",
    "we need",
    "we could",
    "please",
    "can you",
    "could you",
    "show",
    "check",
    "run",
    "look",
    "see",
    "get",
    "pull",
    "grab",
    "give",
    "tell",
    "list",
    "open",
    "dump",
    "compare",
    "inspect",
    "verify",
    "confirm",
    "test",
    "try",
    "query",
    "describe",
    "trace",
    "capture",
    "watch",
    "measure",
    "graph",
    "search",
    "find",
    "grep",
    "tail",
    "read",
    "restart",
    "reboot",
    "kill",
    "delete",
    "remove",
    "drain",
    "roll",
    "rollback",
    "revert",
    "scale",
    "increase",
    "raise",
    "bump",
    "add",
    "set",
    "change",
    "move",
    "flush",
    "clear",
    "fix",
    "patch",
    "disable",
    "enable",
    "stop",
    "start",
    "first",
    "next",
    "then",
    "also",
    "now",
    "sudo",
    "and",
];

/// Words after a hypothesis mark that make it a proposal to act ("I think we should
/// restart it" proposes a step).
const ACTION_AFTER: &[&str] = &[
    "we should",
    "i should",
    "we need",
    "i need",
    "i would",
    "we would",
    "i will",
    "we will",
    "i want",
    "let us",
    "we could",
    "i could",
    "i can",
    "we can",
    "we just",
    "we tell",
    "best is",
    "best would be",
    "best to",
    "better to",
];

fn norm(text: &str) -> String {
    let s = text.to_lowercase().replace(['\u{2019}', '\''], "");
    // Whole words only: "android" is not "andro" + "i would".
    s.split_whitespace()
        .map(|w| match w {
            "id" => "i would",
            "im" => "i am",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn starts_with_word(text: &str, opener: &str) -> bool {
    text == opener
        || text.starts_with(opener)
            && (opener.ends_with(' ')
                || text[opener.len()..].starts_with(|c: char| !c.is_alphanumeric()))
}

/// Who is about to do the thinking: "let me", "I want to first", "first I want to".
const THINKER: &[&str] = &[
    "let me",
    "lemme",
    "let us",
    "lets",
    "i want to",
    "i wanna",
    "i would like to",
    "i need to",
    "first i want to",
    "first i want",
    "i want first to",
];
/// What the candidate does in their own head, not on the system: "let me step back",
/// "let me lay out the timeline first".
const THINKING: &[&str] = &[
    "think",
    "step back",
    "lay out",
    "map out",
    "get a clear picture",
    "get a picture",
    "get the picture",
    "get a clearer picture",
    "reason",
    "decide",
    "consider",
    "plan",
    "recap",
    "sum up",
    "summarise",
    "summarize",
];

/// True when `t` (normalised, openers stripped) opens by planning aloud: "let me first
/// think what happens to the volumes before I delete anything" asks for nothing.
fn thinks_aloud(t: &str) -> bool {
    let t = strip_openers(t);
    // "I think about the timeline first": not "I think it is ...".
    if [
        "i think about",
        "i think through",
        "i think first",
        "i am thinking about",
    ]
    .iter()
    .any(|o| starts_with_word(t, o))
    {
        return true;
    }
    THINKER.iter().any(|who| {
        starts_with_word(t, who) && {
            let rest = t[who.len()..].trim_start();
            let rest = ["first ", "just ", "quickly ", "now ", "briefly "]
                .iter()
                .fold(rest, |r, p| r.strip_prefix(p).unwrap_or(r));
            THINKING.iter().any(|v| starts_with_word(rest, v))
        }
    })
}

/// What `clause` does; `question` says it ended in `?`.
#[must_use]
pub fn intent(clause: &str, question: bool) -> Intent {
    let t = norm(clause);
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    // "let me step back and lay out the timeline first": planning aloud, unless a later
    // part asks ("let me think, what changed at 14:00?") or asks for a step.
    if thinks_aloud(t) {
        return if question || later_part_opens(t, 1, ASKS) {
            Intent::Question
        } else if later_part_opens(t, 3, STEPS) {
            Intent::Action
        } else {
            Intent::Note
        };
    }
    // "load is low, so it's not the build agents": a conclusion, not a guess.
    if !question
        && rules_out(t)
        && !later_part_opens(t, 1, ASKS)
        && !later_part_opens(t, 1, SHOWS)
        && !later_part_opens(t, 3, STEPS)
    {
        return Intent::Note;
    }
    // A hypothesis mark anywhere near the start ("ok so I think ...").
    let head: String = t.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
    let marked = HYPOTHESIS_MARKS.iter().any(|m| {
        head.split_whitespace().enumerate().any(|(i, _)| {
            let from: String = head
                .split_whitespace()
                .skip(i)
                .collect::<Vec<_>>()
                .join(" ");
            starts_with_word(&from, m)
        })
    });
    // "are users seeing errors because of this?": a question about what follows
    // from something, not a guess at the cause.
    let asks_about_effect = question
        && QUESTION_OPENERS.iter().any(|q| starts_with_word(t, q))
        && [
            "because of this",
            "because of that",
            "because of it",
            "due to this",
            "due to that",
        ]
        .iter()
        .any(|m| t.contains(m));
    // "is the namespace quota maybe full?": a question that checks a guess asks to
    // see, unless the guess opens it ("could be the disk?", "maybe dns?") or names a
    // cause ("is it slow because of the disk?" gets the neutral reply, right or wrong).
    let checks_guess = question
        && QUESTION_OPENERS.iter().any(|q| starts_with_word(t, q))
        && !HYPOTHESIS_MARKS.iter().any(|m| starts_with_word(t, m))
        && ![
            "because", "cause", "caused", "due to", "culprit", "reason", "means",
        ]
        .iter()
        .any(|m| t.split_whitespace().any(|w| w == *m) || (m.contains(' ') && t.contains(m)));
    // ("I'd bet" is the mark, not "I would" proposing a step.)
    let unmarked = t.replace("i would bet", "").replace("i would guess", "");
    if marked
        && !asks_about_effect
        && !checks_guess
        && !ACTION_AFTER.iter().any(|a| unmarked.contains(a))
        && !hedges_a_step(t)
    {
        return Intent::Hypothesis;
    }
    // "do what the colleague says, force-unlock it": "do" before anything but a
    // subject gives an order.
    let order = starts_with_word(t, "do")
        && t.split_whitespace().nth(1).is_some_and(|w| {
            ![
                "i",
                "we",
                "you",
                "they",
                "the",
                "any",
                "these",
                "those",
                "it",
                "our",
                "my",
                "your",
                "he",
                "she",
                "all",
                "both",
                "u",
                "people",
                "users",
                "customers",
            ]
            .contains(&w)
        });
    if question {
        return Intent::Question;
    }
    // "Is not Kafka problem: the reindex makes each update slow": a non-native "it is
    // not", ruling a cause out, not a question.
    let rules_a_cause_out = ["is not ", "isnt ", "is no "]
        .iter()
        .any(|o| t.starts_with(o));
    if !order && !rules_a_cause_out && QUESTION_OPENERS.iter().any(|q| starts_with_word(t, q)) {
        return Intent::Question;
    }
    if let Some(opener) = NOTE_OPENERS.iter().find(|n| starts_with_word(t, n)) {
        // "ok, I'd check the logs" asks for something after all.
        let rest = t[opener.len()..].trim_start_matches(|c: char| !c.is_alphanumeric());
        // "I am thinking to delete the statefulset": what follows is the step.
        let rest = ["so ", "to ", "of ", "about "]
            .iter()
            .fold(rest, |r, p| r.strip_prefix(p).unwrap_or(r));
        // "hmm, let me think what runs with checkout": still thinking aloud.
        if ["let me think", "let me see", "thinking", "give me a"]
            .iter()
            .any(|n| starts_with_word(rest, n))
        {
            return Intent::Note;
        }
        if rest.split_whitespace().count() >= 2
            && ACTION_OPENERS.iter().any(|a| starts_with_word(rest, a))
        {
            return Intent::Action;
        }
        // "ok quick win first, i'd just bump the max": a part after a comma that asks
        // for a step makes the clause an action; "ok 41 procs blocked, which procs are
        // in D?" one that asks, a question.
        if later_part_opens(t, 3, STEPS) {
            return Intent::Action;
        }
        if later_part_opens(t, 1, ASKS) || later_part_opens(t, 1, SHOWS) {
            return Intent::Question;
        }
        // "no, two writers on one volume is worse, journalctl -u kubelet": a command
        // typed after the note.
        if command_after(t) {
            return Intent::Action;
        }
        // "ok so what changed": a question after all, mark or no mark ("ok so when I
        // dig it ..." tells what happened).
        if rest.split_whitespace().count() >= 2
            && [
                "what", "whats", "where", "which", "who", "why", "how", "wat", "is", "are", "was",
                "were", "did", "does", "can", "could", "any",
            ]
            .iter()
            .any(|q| starts_with_word(rest, q))
        {
            return Intent::Question;
        }
        return Intent::Note;
    }
    if describes_state(t) {
        return Intent::Note;
    }
    Intent::Action
}

/// True when a part after the first is a command with a flag ("no, two writers on one
/// volume is worse, journalctl -u kubelet").
fn command_after(t: &str) -> bool {
    t.split(", ").skip(1).any(|part| {
        part.split_whitespace().nth(1).is_some_and(|w| {
            w.trim_start_matches('-')
                .starts_with(|c: char| c.is_ascii_alphabetic())
                && w.starts_with('-')
        })
    })
}

/// Verbs that tell how things are, not what to do.
const STATE_VERBS: &[&str] = &[
    "is", "are", "was", "were", "keeps", "kept", "shows", "show", "showed", "looks", "looked",
    "seems", "seemed", "stays", "stayed", "grows", "grew", "climbs", "climbed", "rose", "fell",
    "dropped", "went", "goes", "means", "isnt", "arent", "wasnt", "werent",
];

/// Words that make a clause ask for something, whatever it describes.
const REQUESTS: &[&str] = &[
    "please",
    "can you",
    "could you",
    "can i",
    "can we",
    "could i",
    "may i",
    "show me",
    "let me",
    "lets",
    "let us",
    "i would",
    "i want",
    "i need",
    "we should",
    "we need",
    "i will",
    "ill",
    "give me",
    "pls",
];

/// Subjects that name a step to take, not a state: "fastest is to roll back".
const PROPOSING: &[&str] = &[
    "best", "fastest", "simplest", "easiest", "quickest", "safest", "cleanest", "plan", "idea",
    "option", "fix", "solution", "step", "way", "thing", "move", "bet",
];

/// True when `t` tells how something is, in statement order: a subject of one to three
/// words, then a verb of state ("load average keeps climbing", "mdstat show both
/// mirrors up", "we are nowhere near the quota"), and nothing asked for or proposed.
/// A subject that opens with a verb of its own is an order ("restart counter" is
/// taken for "restart").
fn describes_state(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let Some(at) = words
        .iter()
        .take(4)
        .position(|w| STATE_VERBS.contains(&w.trim_end_matches([',', '.', ':'])))
    else {
        return false;
    };
    let subject = &words[..at];
    let Some(first) = subject.first() else {
        return false;
    };
    !subject.iter().any(|w| {
        w.ends_with(',')
            || w.starts_with('-')
            || w.contains(['/', '='])
            || PROPOSING.contains(w)
            || ([
                "the", "a", "an", "it", "this", "that", "all", "those", "these",
            ]
            .contains(w)
                && w != first)
    }) && !QUESTION_OPENERS.contains(first)
        && !ACTION_OPENERS.contains(first)
        && !REQUESTS.iter().any(|r| {
            words
                .windows(r.split(' ').count())
                .any(|w| w.join(" ") == *r)
        })
        && !later_part_opens(t, 3, STEPS)
        && !later_part_opens(t, 1, ASKS)
        && !later_part_opens(t, 1, SHOWS)
        && !command_after(t)
        && !t
            .split(" - ")
            .skip(1)
            .any(|part| QUESTION_OPENERS.iter().any(|q| starts_with_word(part, q)))
}

/// True when a hedge opens a step: "maybe just roll the indexer pods?", "maybe we add
/// a retry loop", "eh maybe just kubectl delete pod -l app=web" (not "maybe just a
/// blip", "maybe we have a leak").
fn hedges_a_step(t: &str) -> bool {
    const VERBS_AFTER: &[&str] = &["kubectl", "systemctl", "sudo", "buy", "reboot", "bounce"];
    [
        "maybe just ",
        "maybe we just ",
        "maybe we ",
        "perhaps we ",
        "perhaps just ",
    ]
    .iter()
    .filter_map(|h| t.find(h).map(|at| &t[at + h.len()..]))
    .any(|rest| {
        let verb = rest.split_whitespace().next().unwrap_or_default();
        (ACTION_OPENERS.contains(&verb)
            && !matches!(verb, "first" | "next" | "then" | "also" | "now" | "and"))
            || VERBS_AFTER.contains(&verb)
    })
}

/// True when a statement draws a conclusion that rules something out: "load is low, so
/// it's not the build agents", "DNS is not the problem", "bad image we can exclude".
fn rules_out(t: &str) -> bool {
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // "so it's not X", "so problem is not with X", "so is not load": "so", at most a
    // "that" or "the problem" and a "to be", then the negator.
    let so_not = words.iter().enumerate().any(|(at, w)| {
        let mut rest = words[at + 1..].iter().copied().peekable();
        let mut skip = |options: &[&str]| {
            if rest.peek().is_some_and(|w| options.contains(w)) {
                rest.next();
            }
        };
        skip(&["the"]);
        skip(&["it", "its", "that", "this", "problem", "issue", "cause"]);
        skip(&["is", "was", "s"]);
        *w == "so"
            && (at == 0 || words[at - 1] != "or")
            && rest
                .next()
                .is_some_and(|w| matches!(w, "not" | "isnt" | "wasnt" | "aint"))
    });
    // "brokers look fine, is not kafka side problem"
    let is_not_after = t.split([',', ';']).skip(1).any(|part| {
        let part = part.trim_start();
        ["is not ", "its not ", "it is not ", "isnt "]
            .iter()
            .any(|o| part.starts_with(o))
    });
    // ("graph cpu for the hour, it's not one hot node" asks first.)
    let asks_first = ACTION_OPENERS
        .iter()
        .any(|a| *a != "first" && *a != "now" && *a != "then" && starts_with_word(t, a));
    so_not
        || (is_not_after && !asks_first)
        || [
            "not the bottleneck",
            "not the problem",
            "not the issue",
            "not the cause",
            "not the culprit",
            "not our problem",
            "can exclude",
            "ruled out",
        ]
        .iter()
        .any(|m| t.contains(m))
}

/// Openings of a later part that asks for a step.
const STEPS: &[&str] = &[
    "i would",
    "i will",
    "lets",
    "let us",
    "we should",
    "we could",
];
/// Openings of a later part that asks.
const ASKS: &[&str] = &[
    "what",
    "whats",
    "which",
    "how",
    "where",
    "who",
    "why",
    "can u",
    "can you",
    "can i",
    "is there",
    "are there",
];

/// Openings of a later part that asks to be shown something ("no, CPU is at 30%, show
/// me the conntrack count").
const SHOWS: &[&str] = &[
    "show",
    "give",
    "pull",
    "check",
    "can we",
    "grab",
    "let me see",
];

/// True when a part of `t` after a comma (and an opening "so") has `min_words` words or
/// more and opens with one of `openers`.
fn later_part_opens(t: &str, min_words: usize, openers: &[&str]) -> bool {
    t.split(", ").skip(1).any(|part| {
        let part = part.strip_prefix("so ").unwrap_or(part);
        part.split_whitespace().count() >= min_words
            && openers.iter().any(|o| starts_with_word(part, o))
    })
}

/// True when the clause opens by asking for something to be done or shown ("I'd
/// check", "run", "let's", a command with flags).
#[must_use]
pub fn asks_to_act(clause: &str) -> bool {
    let t = norm(clause);
    // "ok I want to read the code", "I log in to the provider dashboard and look".
    let bare = strip_openers(&t);
    let person = ["i ", "we "]
        .iter()
        .find_map(|p| bare.strip_prefix(p))
        .unwrap_or(bare);
    ACTION_OPENERS.iter().any(|a| starts_with_word(&t, a))
        || ACTION_OPENERS.iter().any(|a| starts_with_word(bare, a))
        || [
            "log", "look", "check", "open", "run", "read", "go", "pull", "grep",
        ]
        .iter()
        .any(|a| starts_with_word(person, a))
        || t.split_whitespace()
            .nth(1)
            .is_some_and(|w| w.starts_with('-'))
}

/// `t` (normalised) without the words that open a thought aloud: "ok", "so", "then".
fn strip_openers(t: &str) -> &str {
    let mut t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    loop {
        let before = t;
        for p in [
            "ok ",
            "okay ",
            "so ",
            "then ",
            "and ",
            "or ",
            "honestly ",
            "tbh ",
            "alright ",
            "right ",
            "hmm ",
        ] {
            t = t.strip_prefix(p).unwrap_or(t);
        }
        t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
        if t == before {
            return t;
        }
    }
}

/// True when a question proposes a step rather than asks what happened: "can we just
/// restart it?", "should I reboot?", "what if we fail back?", "why not scale out?".
#[must_use]
pub fn proposes(clause: &str) -> bool {
    const FORMS: &[&str] = &[
        "what if",
        "how about",
        "what about",
        "why not",
        "why dont",
        "why do not",
        "is it ok to",
        "would it be ok",
        "would it help to",
        "does it help to",
        "do we just",
        "do i just",
        "shouldnt we",
        "should not we",
    ];
    let t = norm(clause);
    let opens = |t: &str| {
        let t = strip_openers(t);
        // "can the network team raise the quota?": a team or someone may take the step.
        let team = |rest: &str| {
            let words: Vec<&str> = rest.split_whitespace().take(4).collect();
            words.first() == Some(&"the") && words.contains(&"team")
        };
        // "could bounce nginx on both proxies?": a modal straight before a verb.
        // "can platform pin the template back?": a modal, a doer, a verb.
        let verb = |w: &str| {
            ACTION_OPENERS.contains(&w)
                || [
                    "bounce", "recycle", "pin", "allow", "swap", "lower", "revert", "roll",
                ]
                .contains(&w)
        };
        let verb_next = |rest: &str| {
            let mut words = rest.split_whitespace();
            let first = words.next().unwrap_or_default();
            verb(first)
                || ["just", "also", "simply"].contains(&first)
                || (first.len() > 3
                    && ![
                        "the", "this", "that", "there", "these", "those", "it", "be", "have",
                    ]
                    .contains(&first)
                    && words.next().is_some_and(verb))
        };
        ["can", "could", "should", "shall", "may"].iter().any(|m| {
            ["i", "we", "you", "they", "someone", "somebody"]
                .iter()
                .any(|s| starts_with_word(t, &format!("{m} {s}")))
                || t.strip_prefix(&format!("{m} "))
                    .is_some_and(|rest| team(rest) || verb_next(rest))
        }) || FORMS.iter().any(|p| starts_with_word(t, p))
    };
    // "what exit code does it die with, and should we give it swap?": any part may
    // propose; a question with no question word at all ("just reboot it?") does.
    t.split([',', ';'])
        .any(|part| opens(part) || part.split(" and ").skip(1).any(opens))
        || !QUESTION_OPENERS
            .iter()
            .any(|q| starts_with_word(strip_openers(&t), q))
}

/// True when `text` turns something down: "not", "no", "never", "won't", "off the
/// table", "the last thing I'd do", ...
fn rejects(text: &str) -> bool {
    let t = norm(text);
    t.split(|c: char| !c.is_alphanumeric()).any(|w| {
        [
            "not", "no", "never", "nah", "nope", "wont", "dont", "cant", "wouldnt", "shouldnt",
        ]
        .contains(&w)
    }) || [
        "off the table",
        "out of the question",
        "last thing i would",
        "last thing we",
        "is out",
    ]
    .iter()
    .any(|idiom| t.contains(idiom))
}

/// Splits a line at its hard ends and reads what each piece does.
#[must_use]
pub fn split(line: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let push = |text: &str, question: bool, out: &mut Vec<Clause>| {
        let text = text.trim();
        if text.chars().any(char::is_alphanumeric) {
            out.push(Clause {
                text: text.to_owned(),
                intent: intent(text, question),
            });
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let end = match c {
            // "wait… which host": an ellipsis ends a thought too.
            '?' | '!' | ';' | '\n' | '\u{2026}' => true,
            // A dash standing alone between words after a step turned down ("not
            // restarting it - what does the log say?") ends the rejection's thought;
            // "15:00 - 15:40" is a range, and "what am I allowed to run - explain
            // analyze?" one question.
            '-' | '\u{2013}' | '\u{2014}' => {
                i >= 2
                    && chars[i - 1] == ' '
                    && next == Some(' ')
                    && chars[i - 2].is_alphanumeric()
                    && chars.get(i + 2).is_some_and(|c| c.is_alphabetic())
                    && rejects(&current)
            }
            // A sentence end: a full stop then a space, not inside a number or path.
            // "nobody touched anything... can u pull per-disk await": an ellipsis ends
            // a thought too.
            '.' if current.ends_with("..") && next.is_none_or(char::is_whitespace) => true,
            '.' => {
                // ("no fsck on mounted /. lsof +L1", "95%. df -i": a path or an
                // amount ends a sentence too.)
                next.is_none_or(char::is_whitespace)
                    && (current
                        .chars()
                        .last()
                        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '%' | ')'))
                        || current.ends_with(" /"))
                    && !current.ends_with(" e.g")
                    && !current.ends_with(" i.e")
                    && !current.ends_with("etc")
            }
            _ => false,
        };
        if end {
            if c == '?' || c == '!' {
                current.push(c);
            }
            push(&current, c == '?', &mut out);
            current.clear();
        } else {
            current.push(c);
        }
        i += 1;
    }
    push(&current, false, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intents(line: &str) -> Vec<Intent> {
        split(line).into_iter().map(|c| c.intent).collect()
    }

    #[test]
    fn a_line_splits_at_question_marks_and_sentence_ends() {
        let clauses = split("what's p99 now? and what was it yesterday?");
        assert_eq!(clauses.len(), 2);
        assert_eq!(clauses[1].text, "and what was it yesterday?");
        assert_eq!(split("check df -h /var. then du -sh /var/*").len(), 2);
        assert_eq!(split("version 1.2.3 is out").len(), 1);
        // An ellipsis ends a thought.
        let clauses = split("nobody touched anything... can u pull per-disk await");
        assert_eq!(clauses.len(), 2);
        assert_eq!(clauses[1].intent, Intent::Question);
        assert_eq!(split("wait\u{2026} which host").len(), 2);
        // A path or an amount before the full stop ends a sentence too.
        assert_eq!(split("no fsck on mounted /. lsof -nP +L1").len(), 2);
        assert_eq!(split("disk at 95%. df -i").len(), 2);
        assert_eq!(split("resolver .53 and .54").len(), 1);
    }

    #[test]
    fn a_command_typed_after_a_note_is_asked_for() {
        assert_eq!(
            intents("no, two writers on one volume is worse, journalctl -u kubelet"),
            vec![Intent::Action]
        );
        assert_eq!(
            intents("ok, the disk is fine - it is at 60%"),
            vec![Intent::Note]
        );
        assert_eq!(
            intents("no, CPU is at 30%, show me the conntrack count"),
            vec![Intent::Question]
        );
        assert_eq!(
            intents("ok so -5 and -6 came up fine, -4 is stuck"),
            vec![Intent::Note]
        );
        assert_eq!(intents("right, 2TB -> 31TB a day, wow"), vec![Intent::Note]);
    }

    #[test]
    fn a_hedge_that_opens_a_step_proposes_it() {
        for line in [
            "maybe just roll the indexer pods?",
            "maybe we add a retry loop in the client",
            "eh maybe just kubectl delete pod -l app=web",
        ] {
            assert_ne!(intents(line), vec![Intent::Hypothesis], "{line}");
        }
        for line in [
            "maybe just a blip",
            "maybe we have a leak",
            "maybe it's dns",
        ] {
            assert_eq!(intents(line), vec![Intent::Hypothesis], "{line}");
        }
        // A non-native "it is not" rules a cause out; it asks nothing.
        assert_ne!(
            intents("Is not Kafka problem: the reindex makes each update slow")[0],
            Intent::Question
        );
        assert_eq!(intents("is not the disk full?"), vec![Intent::Question]);
    }

    #[test]
    fn a_statement_of_how_things_are_is_a_note() {
        for line in [
            "load average keeps climbing and then systemd gives up",
            "Mdstat show both mirrors up, so md did not kick out anything yet",
            "users are flat but profile gets 4x",
        ] {
            assert_eq!(intents(line), vec![Intent::Note], "{line}");
        }
        for line in [
            // A step said as a verdict, a request, an order, a question.
            "simplest is reboot the server, then space comes back",
            "fastest way is just initdb a fresh cluster",
            "the backend logs are a dead end - can i see the nginx upstream block",
            "restart the pods that are stuck",
            "tell support to have users do a hard refresh",
            "with ~40 tickets, is every android version broken",
            "disk usage on /var",
        ] {
            assert_ne!(intents(line), vec![Intent::Note], "{line}");
        }
    }

    #[test]
    fn a_conclusion_that_rules_something_out_is_a_note() {
        for line in [
            "load is low and memory is free, so problem is not with build agents",
            "traffic is same like last week, so is not load",
            "mtr is clean to both resolvers, so it's not the path",
            "DNS is not the problem.",
            "launch template not changed since June, so bad image we can exclude",
            "brokers look fine, is not kafka side problem",
            "database is fine, not the bottleneck",
        ] {
            assert_eq!(intents(line), vec![Intent::Note], "{line}");
        }
        // "so" for a purpose, "or so", and a conclusion followed by a request are not.
        for line in [
            "turn off the eviction so pods are not killed",
            "graph cpu over the last hour or so, it's not one hot node",
            "inodes are fine, so it's not that, show me lsof +L1",
        ] {
            assert_ne!(intents(line)[0], Intent::Note, "{line}");
        }
    }

    #[test]
    fn what_a_clause_does_is_read_from_its_words() {
        assert_eq!(intents("do I have root?"), vec![Intent::Question]);
        assert_eq!(intents("do the logs show it"), vec![Intent::Question]);
        assert_eq!(
            intents("Are users seeing errors because of this?"),
            vec![Intent::Question]
        );
        assert_eq!(
            intents("is it slow because of the disk?"),
            vec![Intent::Hypothesis]
        );
        assert_eq!(
            intents("do what the colleague says, force-unlock it"),
            vec![Intent::Action]
        );
        assert_eq!(intents("any errors in dmesg"), vec![Intent::Question]);
        assert_eq!(intents("df -i /var"), vec![Intent::Action]);
        assert_eq!(intents("I'd check the logs"), vec![Intent::Action]);
        assert_eq!(
            intents("I think the disk is out of inodes"),
            vec![Intent::Hypothesis]
        );
        assert_eq!(intents("probably DNS"), vec![Intent::Hypothesis]);
        assert_eq!(
            intents("root cause: the security group blocks NTP"),
            vec![Intent::Hypothesis]
        );
        assert_eq!(
            intents("I think we should restart it"),
            vec![Intent::Action]
        );
        assert_eq!(intents("ok, makes sense"), vec![Intent::Note]);
        assert_eq!(
            intents("maybe the new cert breaks old android clients, I suspect this"),
            vec![Intent::Hypothesis],
            "\"android \" is not \"i would\""
        );
    }

    #[test]
    fn planning_aloud_is_a_note_and_a_bet_is_a_guess() {
        for line in [
            "let me first think what happens to the volumes before I delete anything",
            "Let me think first what is counted in load average on Linux",
            "ok let me step back and lay out the timeline before changing anything",
            "let me first get a clear picture of who is broken vs who is fine",
            "I want to first think about the timeline",
            "Ok I think about timeline first: ndots change six week ago",
        ] {
            assert_eq!(intents(line), vec![Intent::Note], "{line}");
        }
        // Thinking aloud, then asking, still asks.
        assert_eq!(
            intents("let me think, what changed at 14:00"),
            vec![Intent::Question]
        );
        // "let me check" is no thought: it asks to see.
        assert_eq!(intents("let me check the logs first"), vec![Intent::Action]);
        for line in [
            "i'd bet the new layout has some slow query",
            "my first guess is the planner stats are stale",
            "my gut says the migration left rows in a weird state",
            "my money is on the NAT gateway",
            "could it be Wi-Fi interference, or the access points choking?",
        ] {
            assert_eq!(intents(line), vec![Intent::Hypothesis], "{line}");
        }
        // A question that checks one guess asks to see.
        assert_eq!(intents("could the disk be full?"), vec![Intent::Question]);
    }

    #[test]
    fn a_question_proposes_a_step_or_asks_what_happened() {
        assert!(proposes("can we just restart it?"));
        assert!(proposes("ok so should I reboot the box?"));
        assert!(proposes("what if we fail back to the old primary?"));
        assert!(proposes("just bounce the pods?"));
        assert!(proposes(
            "what exit code does it die with, and should we add swap?"
        ));
        assert!(!proposes("did any of them restart in the last 2 weeks?"));
        assert!(!proposes("has redis failed over or restarted lately?"));
        assert!(!proposes(
            "are the backends healthy, any restarts or crashes?"
        ));
    }

    #[test]
    fn parts_split_two_checks_in_one_breath() {
        let c = &split("check cpu and memory, then the logs")[0];
        assert_eq!(c.parts(), vec!["check cpu", "memory", "the logs"]);
    }
}
