//! What the interviewer did not hear (SPEC §15): the lines of past attempts that got
//! `otherwise`, `offtopic` or no reply, grouped by prompt, newest first, for a user or
//! a bank author to see what to add to a scenario or a vocabulary file.

use chrono::{DateTime, FixedOffset};

use crate::history::Attempt;

/// One line that got no real answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unheard {
    pub when: DateTime<FixedOffset>,
    pub line: String,
    /// `otherwise`, `offtopic`, or `None` for no reply.
    pub matched: Option<String>,
}

/// One prompt's unheard lines, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub prompt: String,
    pub title: String,
    pub lines: Vec<Unheard>,
}

/// The unheard lines of `attempts` (only `prompt`'s, when given), grouped by prompt;
/// the prompt with the newest such line first.
#[must_use]
pub fn collect(attempts: &[Attempt], prompt: Option<&str>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut ordered: Vec<&Attempt> = attempts
        .iter()
        .filter(|a| prompt.is_none_or(|p| a.prompt.0 == p))
        .collect();
    ordered.sort_by_key(|a| std::cmp::Reverse(a.started));
    for a in ordered {
        let actions = a.scenario.as_ref().map_or(&a.conversation, |s| &s.actions);
        let mut lines: Vec<Unheard> = actions
            .iter()
            .rev()
            .filter(|act| {
                matches!(
                    act.matched.as_deref(),
                    None | Some("otherwise" | "offtopic")
                )
            })
            .map(|act| Unheard {
                when: a.started
                    + chrono::Duration::seconds(i64::try_from(act.secs).unwrap_or(i64::MAX)),
                line: act.line.clone(),
                matched: act.matched.clone(),
            })
            .collect();
        if lines.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|g| g.prompt == a.prompt.0) {
            Some(g) => g.lines.append(&mut lines),
            None => groups.push(Group {
                prompt: a.prompt.0.clone(),
                title: a.title.clone(),
                lines,
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{Action, ScenarioRecord};

    fn with_actions(id: &str, prompt: &str, at: &str, actions: &[(&str, Option<&str>)]) -> Attempt {
        let mut a = crate::review::tests::attempt(id, prompt, "troubleshooting", at, 3);
        a.scenario = Some(ScenarioRecord {
            actions: actions
                .iter()
                .enumerate()
                .map(|(i, (line, m))| Action {
                    secs: i as u64 * 10,
                    n: Some(i as u32 + 1),
                    line: (*line).to_owned(),
                    matched: m.map(str::to_owned),
                })
                .collect(),
            key_found: 0,
            key_total: 1,
            cause_named: false,
            cause_secs: None,
            risky: Vec::new(),
            fixes: Vec::new(),
            good_fixes: 0,
        });
        a
    }

    #[test]
    fn lines_without_a_real_answer_are_listed_per_prompt_newest_first() {
        let old = with_actions(
            "a",
            "ts-x",
            "2026-12-01T10:00:00+00:00",
            &[
                ("df -h", Some("evidence:disk")),
                ("is the printer ok?", Some("otherwise")),
            ],
        );
        let new = with_actions(
            "b",
            "ts-x",
            "2026-12-02T10:00:00+00:00",
            &[
                ("do you sponsor visas?", Some("offtopic")),
                ("hmm ok", None),
            ],
        );
        let other = with_actions(
            "c",
            "ts-y",
            "2026-11-30T10:00:00+00:00",
            &[("ping it?", Some("otherwise"))],
        );
        let all = [old, new, other];
        let groups = collect(&all, None);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].prompt, "ts-x");
        let lines: Vec<&str> = groups[0].lines.iter().map(|l| l.line.as_str()).collect();
        assert_eq!(
            lines,
            vec!["hmm ok", "do you sponsor visas?", "is the printer ok?"]
        );
        let only_y = collect(&all, Some("ts-y"));
        assert_eq!(only_y.len(), 1);
        assert_eq!(only_y[0].lines[0].line, "ping it?");
    }
}
