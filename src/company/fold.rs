//! The current state of the tracker, folded from the events in file order.
//!
//! Pure: no files, no clock. A company is known by its [`key`] (the trimmed name in lower
//! case), so `acme` and ` ACME ` are the same company; its display name is the name as
//! first typed, or as last renamed. A forget drops the company; a later answer under the
//! same name starts it afresh at round 1.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::record::{AnswerRecord, Change, Event, Flag, NoteRecord, RoundInfo};
use crate::bank::PromptId;

/// How companies are matched: trimmed, case-insensitive.
#[must_use]
pub fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Everything the tracker knows now.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tracker {
    /// In the order they were first recorded.
    pub companies: Vec<Company>,
    /// In the order they were first added.
    pub dealbreakers: Vec<Dealbreaker>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Company {
    pub key: String,
    pub name: String,
    /// Sorted by number.
    pub rounds: Vec<Round>,
    /// Every answer, in the order given.
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub number: u32,
    pub date: NaiveDate,
    pub role: Option<String>,
    pub stage: Option<String>,
    pub interviewer: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub question: PromptId,
    pub round: u32,
    pub text: String,
    pub flag: Flag,
    pub at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dealbreaker {
    pub question: PromptId,
    /// What would make the answer a deal-breaker, in the user's words.
    pub condition: String,
}

/// Folds events, in file order, into the current state.
#[must_use]
pub fn fold(events: &[Event]) -> Tracker {
    let mut tracker = Tracker::default();
    for event in events {
        match &event.change {
            Change::Answer(a) => tracker.answer(a, event.at),
            Change::Note(n) => tracker.note(n),
            Change::DealbreakerAdd {
                question,
                condition,
            } => {
                if let Some(d) = tracker
                    .dealbreakers
                    .iter_mut()
                    .find(|d| &d.question == question)
                {
                    d.condition.clone_from(condition);
                } else {
                    tracker.dealbreakers.push(Dealbreaker {
                        question: question.clone(),
                        condition: condition.clone(),
                    });
                }
            }
            Change::DealbreakerRemove { question } => {
                tracker.dealbreakers.retain(|d| &d.question != question);
            }
            Change::Rename { company, to } => tracker.rename(company, to),
            Change::Forget { company } => {
                let k = key(company);
                tracker.companies.retain(|c| c.key != k);
            }
            Change::Unknown => {}
        }
    }
    for company in &mut tracker.companies {
        company.rounds.sort_by_key(|r| r.number);
    }
    tracker
}

impl Tracker {
    /// The company with this name (any case, trimmed).
    #[must_use]
    pub fn find(&self, name: &str) -> Option<&Company> {
        let k = key(name);
        self.companies.iter().find(|c| c.key == k)
    }

    /// The company a reading command means: the exact name in any case, else the one
    /// company whose name starts with it (`acme` for "Acme Corp").
    #[must_use]
    pub fn lookup(&self, name: &str) -> Option<&Company> {
        if let Some(exact) = self.find(name) {
            return Some(exact);
        }
        let k = key(name);
        if k.is_empty() {
            return None;
        }
        let mut starting = self.companies.iter().filter(|c| c.key.starts_with(&k));
        match (starting.next(), starting.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }

    /// The number the next round with this company gets.
    #[must_use]
    pub fn next_round(&self, name: &str) -> u32 {
        self.find(name)
            .and_then(|c| c.rounds.iter().map(|r| r.number).max())
            .map_or(1, |n| n.saturating_add(1))
    }

    /// The deal-breaker on a question, if any.
    #[must_use]
    pub fn dealbreaker(&self, question: &PromptId) -> Option<&Dealbreaker> {
        self.dealbreakers.iter().find(|d| &d.question == question)
    }

    /// Names of companies that look like `name`: same start, one inside the other, or a
    /// few typos away. Best first, at most five.
    #[must_use]
    pub fn close_matches(&self, name: &str) -> Vec<&str> {
        let wanted = key(name);
        let mut scored: Vec<(usize, &str)> = self
            .companies
            .iter()
            .filter_map(|c| {
                let distance = crate::bank::edit_distance(&wanted, &c.key);
                let near = distance <= (wanted.chars().count() / 3).max(2);
                let inside = !wanted.is_empty()
                    && (c.key.contains(wanted.as_str()) || wanted.contains(c.key.as_str()));
                (near || inside).then_some((distance, c.name.as_str()))
            })
            .collect();
        scored.sort_unstable();
        scored.into_iter().take(5).map(|(_, n)| n).collect()
    }

    fn company_mut(&mut self, name: &str) -> &mut Company {
        let k = key(name);
        let index = match self.companies.iter().position(|c| c.key == k) {
            Some(i) => i,
            None => {
                self.companies.push(Company {
                    key: k,
                    name: name.trim().to_owned(),
                    rounds: Vec::new(),
                    answers: Vec::new(),
                });
                self.companies.len() - 1
            }
        };
        &mut self.companies[index]
    }

    fn answer(&mut self, a: &AnswerRecord, at: DateTime<FixedOffset>) {
        if key(&a.company).is_empty() {
            return;
        }
        let company = self.company_mut(&a.company);
        company.round_mut(&a.round);
        company.answers.push(Answer {
            question: a.question.clone(),
            round: a.round.round,
            text: a.answer.clone(),
            flag: a.flag,
            at,
        });
    }

    fn note(&mut self, n: &NoteRecord) {
        if key(&n.company).is_empty() {
            return;
        }
        let round = self.company_mut(&n.company).round_mut(&n.round);
        if !n.text.trim().is_empty() {
            round.notes.push(n.text.clone());
        }
    }

    fn rename(&mut self, from: &str, to: &str) {
        let (from_key, to_key) = (key(from), key(to));
        if to_key.is_empty() {
            return;
        }
        // A rename onto another company cannot be written by sre-drill; ignore it rather
        // than merge two companies' answers.
        if to_key != from_key && self.companies.iter().any(|c| c.key == to_key) {
            return;
        }
        if let Some(company) = self.companies.iter_mut().find(|c| c.key == from_key) {
            company.key = to_key;
            to.trim().clone_into(&mut company.name);
        }
    }
}

impl Company {
    fn round_mut(&mut self, info: &RoundInfo) -> &mut Round {
        let index = match self.rounds.iter().position(|r| r.number == info.round) {
            Some(i) => i,
            None => {
                self.rounds.push(Round {
                    number: info.round,
                    date: info.date,
                    role: None,
                    stage: None,
                    interviewer: None,
                    notes: Vec::new(),
                });
                self.rounds.len() - 1
            }
        };
        let round = &mut self.rounds[index];
        let fill = |slot: &mut Option<String>, value: &Option<String>| {
            if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                *slot = Some(v.to_owned());
            }
        };
        fill(&mut round.role, &info.role);
        fill(&mut round.stage, &info.stage);
        fill(&mut round.interviewer, &info.interviewer);
        round
    }

    /// The most recent answer to a question.
    #[must_use]
    pub fn latest(&self, question: &PromptId) -> Option<&Answer> {
        self.answers.iter().rev().find(|a| &a.question == question)
    }

    /// Every answer to a question, oldest first.
    pub fn answers_to<'a>(&'a self, question: &'a PromptId) -> impl Iterator<Item = &'a Answer> {
        self.answers.iter().filter(move |a| &a.question == question)
    }

    /// The questions answered, in the order first asked.
    #[must_use]
    pub fn questions(&self) -> Vec<&PromptId> {
        let mut out: Vec<&PromptId> = Vec::new();
        for a in &self.answers {
            if !out.contains(&&a.question) {
                out.push(&a.question);
            }
        }
        out
    }

    /// How many questions stand at each flag now (latest answer per question):
    /// green, neutral, red.
    #[must_use]
    pub fn flag_counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for q in self.questions() {
            match self.latest(q).map(|a| a.flag) {
                Some(Flag::Green) => counts.0 += 1,
                Some(Flag::Neutral) => counts.1 += 1,
                Some(Flag::Red) => counts.2 += 1,
                None => {}
            }
        }
        counts
    }

    /// The deal-breakers this company hits: its latest answer to the question is red.
    #[must_use]
    pub fn hits<'a>(&self, dealbreakers: &'a [Dealbreaker]) -> Vec<&'a Dealbreaker> {
        dealbreakers
            .iter()
            .filter(|d| {
                self.latest(&d.question)
                    .is_some_and(|a| a.flag == Flag::Red)
            })
            .collect()
    }

    /// The deal-breaker questions never asked of this company.
    #[must_use]
    pub fn unasked<'a>(&self, dealbreakers: &'a [Dealbreaker]) -> Vec<&'a Dealbreaker> {
        dealbreakers
            .iter()
            .filter(|d| self.latest(&d.question).is_none())
            .collect()
    }

    /// The day of the latest round.
    #[must_use]
    pub fn last_contact(&self) -> Option<NaiveDate> {
        self.rounds.iter().map(|r| r.date).max()
    }
}

#[cfg(test)]
mod lookup_tests {
    use super::*;
    use crate::company::record::Flag;
    use crate::company::record::tests::{answer, event};

    #[test]
    fn reading_commands_accept_a_unique_start_of_a_name() {
        let events: Vec<Event> = ["Acme Corp", "Acme Rockets", "Globex"]
            .iter()
            .enumerate()
            .map(|(i, name)| event(&i.to_string(), answer(name, 1, "co-last-page", Flag::Green)))
            .collect();
        let tracker = fold(&events);
        assert_eq!(
            tracker.lookup("globex").map(|c| c.name.as_str()),
            Some("Globex")
        );
        assert_eq!(
            tracker.lookup("glo").map(|c| c.name.as_str()),
            Some("Globex")
        );
        assert_eq!(
            tracker.lookup("acme corp").map(|c| c.name.as_str()),
            Some("Acme Corp")
        );
        assert!(
            tracker.lookup("acme").is_none(),
            "two companies start with acme"
        );
        assert!(tracker.lookup("").is_none());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company::record::tests::{answer, event, round};

    fn id(text: &str) -> PromptId {
        PromptId(text.to_owned())
    }

    fn dealbreaker(question: &str, condition: &str) -> Change {
        Change::DealbreakerAdd {
            question: id(question),
            condition: condition.to_owned(),
        }
    }

    fn tracker(changes: Vec<Change>) -> Tracker {
        let events: Vec<Event> = changes
            .into_iter()
            .enumerate()
            .map(|(i, c)| event(&format!("e{i}"), c))
            .collect();
        fold(&events)
    }

    #[test]
    fn companies_match_whatever_the_case_and_keep_the_first_spelling() {
        let t = tracker(vec![
            answer("Acme Corp", 1, "co-last-page", Flag::Green),
            answer("  acme CORP ", 2, "co-last-page", Flag::Red),
        ]);
        assert_eq!(t.companies.len(), 1);
        let acme = t.find("ACME corp").unwrap();
        assert_eq!(acme.name, "Acme Corp");
        assert_eq!(acme.rounds.len(), 2);
        assert_eq!(t.next_round("acme corp"), 3);
        assert_eq!(t.next_round("Globex"), 1);
    }

    #[test]
    fn the_latest_answer_decides_the_flag_and_the_hit() {
        let t = tracker(vec![
            dealbreaker("co-dev-teams-on-call", "developers are not on call"),
            answer("Acme", 1, "co-dev-teams-on-call", Flag::Green),
            answer("Acme", 1, "co-last-page", Flag::Red),
            answer("Acme", 2, "co-dev-teams-on-call", Flag::Red),
            answer("Globex", 1, "co-dev-teams-on-call", Flag::Red),
            answer("Globex", 2, "co-dev-teams-on-call", Flag::Green),
        ]);
        let acme = t.find("acme").unwrap();
        assert_eq!(acme.flag_counts(), (0, 0, 2));
        assert_eq!(acme.hits(&t.dealbreakers).len(), 1);
        assert_eq!(acme.answers_to(&id("co-dev-teams-on-call")).count(), 2);
        let globex = t.find("globex").unwrap();
        assert!(globex.hits(&t.dealbreakers).is_empty());
        assert_eq!(globex.flag_counts(), (1, 0, 0));
    }

    #[test]
    fn a_red_flag_on_an_ordinary_question_is_no_hit() {
        let t = tracker(vec![
            dealbreaker("co-on-call-load", "more than two pages a night"),
            answer("Acme", 1, "co-last-page", Flag::Red),
        ]);
        let acme = t.find("acme").unwrap();
        assert!(acme.hits(&t.dealbreakers).is_empty());
        assert_eq!(acme.unasked(&t.dealbreakers).len(), 1);
    }

    #[test]
    fn a_later_deal_breaker_on_the_same_question_replaces_the_condition() {
        let t = tracker(vec![
            dealbreaker("co-on-call-load", "too many pages"),
            dealbreaker("co-last-page", "pages are noise"),
            dealbreaker("co-on-call-load", "more than two pages a night"),
            Change::DealbreakerRemove {
                question: id("co-last-page"),
            },
        ]);
        assert_eq!(
            t.dealbreakers,
            vec![Dealbreaker {
                question: id("co-on-call-load"),
                condition: "more than two pages a night".to_owned(),
            }]
        );
    }

    #[test]
    fn a_rename_carries_rounds_and_answers_and_later_events_use_the_new_name() {
        let t = tracker(vec![
            answer("Acme", 1, "co-last-page", Flag::Green),
            Change::Rename {
                company: "ACME".to_owned(),
                to: "Acme Rockets".to_owned(),
            },
            answer("acme rockets", 2, "co-on-call-load", Flag::Red),
        ]);
        assert!(t.find("acme").is_none());
        let c = t.find("Acme Rockets").unwrap();
        assert_eq!(c.name, "Acme Rockets");
        assert_eq!(c.answers.len(), 2);
        assert_eq!(c.rounds.len(), 2);
    }

    #[test]
    fn a_rename_onto_another_company_is_ignored() {
        let t = tracker(vec![
            answer("Acme", 1, "co-last-page", Flag::Green),
            answer("Globex", 1, "co-last-page", Flag::Red),
            Change::Rename {
                company: "Acme".to_owned(),
                to: "globex".to_owned(),
            },
        ]);
        assert_eq!(t.companies.len(), 2);
        assert_eq!(t.find("acme").unwrap().answers.len(), 1);
    }

    #[test]
    fn a_forgotten_company_is_gone_and_starts_afresh_if_asked_again() {
        let t = tracker(vec![
            answer("Acme", 1, "co-last-page", Flag::Green),
            answer("Acme", 2, "co-last-page", Flag::Green),
            answer("Globex", 1, "co-last-page", Flag::Red),
            Change::Forget {
                company: "acme".to_owned(),
            },
        ]);
        assert!(t.find("acme").is_none());
        assert_eq!(t.next_round("Acme"), 1);
        assert_eq!(t.companies.len(), 1);
    }

    #[test]
    fn round_details_come_from_any_event_of_the_round_and_notes_collect() {
        let mut info = round(1, "2026-11-20");
        info.role = Some("SRE".to_owned());
        let t = tracker(vec![
            answer("Acme", 1, "co-last-page", Flag::Green),
            Change::Note(NoteRecord {
                company: "Acme".to_owned(),
                round: info,
                text: "friendly panel".to_owned(),
            }),
        ]);
        let r = &t.find("acme").unwrap().rounds[0];
        assert_eq!(r.role.as_deref(), Some("SRE"));
        assert_eq!(r.notes, vec!["friendly panel".to_owned()]);
        assert_eq!(
            t.find("acme").unwrap().last_contact(),
            NaiveDate::from_ymd_opt(2026, 11, 20)
        );
    }

    #[test]
    fn close_matches_catch_typos_and_parts_of_names() {
        let t = tracker(vec![
            answer("Acme Corp", 1, "q", Flag::Green),
            answer("Globex", 1, "q", Flag::Green),
            answer("Initech", 1, "q", Flag::Green),
        ]);
        assert_eq!(t.close_matches("acme"), vec!["Acme Corp"]);
        assert_eq!(t.close_matches("Glboex"), vec!["Globex"]);
        assert!(t.close_matches("Umbrella").is_empty());
    }

    #[test]
    fn events_with_an_empty_company_name_are_ignored() {
        let t = tracker(vec![answer("   ", 1, "q", Flag::Green)]);
        assert!(t.companies.is_empty());
    }
}
