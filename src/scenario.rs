//! The interviewer of a scenario prompt (SPEC §10): hears each line the candidate types,
//! answers as the system or a colleague would, moves the incident on along its
//! timeline, and keeps the transcript for the debrief and the history record.
//!
//! Pure: time comes in as the seconds since the answer phase began; it never prints.

use crate::bank::{Scenario, Vocabulary};
use crate::history::{Action, ScenarioRecord};
use crate::matcher::Matcher;

/// What the interviewer says when the cause is named: it is revealed in the debrief.
pub const CAUSE_REPLY: &str = "Noted. How would you confirm it?";
/// What a question nobody planned for gets when the scenario has no `otherwise`.
pub const DEFAULT_OTHERWISE: &str = "Nothing unusual there.";

/// Which entry a matched line meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Fact(usize),
    Evidence(usize),
    Risky(usize),
    Cause,
}

/// The interviewer for one attempt.
#[derive(Debug)]
pub struct Interviewer {
    scenario: Scenario,
    matcher: Matcher,
    entries: Vec<Entry>,
    actions: Vec<Action>,
    events_said: usize,
    answered: Vec<Entry>,
}

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
        let mut timeline = scenario.clone();
        timeline.timeline.sort_by_key(|e| e.after);
        Self {
            scenario: timeline,
            matcher: Matcher::new(&phrases),
            entries,
            actions: Vec::new(),
            events_said: 0,
            answered: Vec::new(),
        }
    }

    /// Hears one line typed `secs` into the answer phase; returns the reply, if any.
    pub fn hear(&mut self, line: &str, secs: u64) -> Option<String> {
        let line = line.trim();
        if line.is_empty() {
            return None;
        }
        // Among entries tied for the most specific match, one not yet answered wins:
        // a line that names the cause in words a check also used is heard as news.
        let tied = self.matcher.best_tied(line);
        let hit = tied
            .iter()
            .map(|h| self.entries[h.entry])
            .find(|e| !self.answered.contains(e))
            .or_else(|| tied.first().map(|h| self.entries[h.entry]));
        let (matched, reply) = match hit {
            Some(entry) => {
                let again = self.answered.contains(&entry);
                if !again {
                    self.answered.push(entry);
                }
                let say = match entry {
                    Entry::Cause => CAUSE_REPLY.to_owned(),
                    _ if again => "(as before)".to_owned(),
                    Entry::Fact(i) => self.scenario.facts[i].say.clone(),
                    Entry::Evidence(i) => self.scenario.evidence[i].say.clone(),
                    Entry::Risky(i) => self.scenario.risky[i].say.clone(),
                };
                (Some(self.tag(entry)), Some(say))
            }
            None if line.ends_with('?') => (
                Some("otherwise".to_owned()),
                Some(
                    self.scenario
                        .otherwise
                        .clone()
                        .unwrap_or_else(|| DEFAULT_OTHERWISE.to_owned()),
                ),
            ),
            None => (None, None),
        };
        self.actions.push(Action {
            secs,
            line: line.to_owned(),
            matched,
        });
        reply.map(|r| r.trim_end().to_owned())
    }

    /// The timeline events whose time has come by `secs`, each said once.
    pub fn due(&mut self, secs: u64) -> Vec<String> {
        let mut out = Vec::new();
        while let Some(event) = self.scenario.timeline.get(self.events_said) {
            if event.after > secs {
                break;
            }
            out.push(event.say.trim_end().to_owned());
            self.events_said += 1;
        }
        out
    }

    fn tag(&self, entry: Entry) -> String {
        match entry {
            Entry::Fact(i) => format!("fact:{}", i + 1),
            Entry::Evidence(i) => format!("evidence:{}", self.scenario.evidence[i].id),
            Entry::Risky(i) => format!("risky:{}", i + 1),
            Entry::Cause => "cause".to_owned(),
        }
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
        let cause_secs = self
            .actions
            .iter()
            .find(|a| a.matched.as_deref() == Some("cause"))
            .map(|a| a.secs);
        let risky = self
            .scenario
            .risky
            .iter()
            .enumerate()
            .filter(|(i, _)| self.answered.contains(&Entry::Risky(*i)))
            .map(|(_, r)| r.ask.first().cloned().unwrap_or_default())
            .collect();
        ScenarioRecord {
            actions: self.actions.clone(),
            key_found,
            key_total,
            cause_named: cause_secs.is_some(),
            cause_secs,
            risky,
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
            Some(a) => out.push(format!("  found   {} (at {})", e.id, clock(a.secs))),
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
    if record.risky.is_empty() {
        out.push("No risky step taken.".to_owned());
    } else {
        out.push(format!(
            "Risky steps an interviewer would question: {}",
            record.risky.join("; ")
        ));
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
            timeline: vec![Event {
                after: 360,
                say: "Sales now report dropped calls.".into(),
            }],
            otherwise: Some("Nothing unusual there.".into()),
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
            i.hear("is the printer ok?", 50).as_deref(),
            Some("Nothing unusual there.")
        );
        assert_eq!(
            i.hear("what's the bandwith", 60).as_deref(),
            Some("(as before)")
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
                Some("risky:1")
            ]
        );
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
