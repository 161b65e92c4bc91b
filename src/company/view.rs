//! What `list`, `show` and `compare` present, computed from the folded state.
//!
//! Pure: state and the bank's company questions in, plain data out. The same structs are
//! printed as text or Markdown by `render` and serialised as they are for `--json`.

use chrono::NaiveDate;
use serde::Serialize;

use super::fold::{Company, Dealbreaker, Tracker};
use super::record::Flag;
use crate::bank::{Prompt, PromptId};

/// One company at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub name: String,
    pub rounds: usize,
    pub last_contact: Option<NaiveDate>,
    pub green: usize,
    pub neutral: usize,
    pub red: usize,
    /// Deal-breaker questions whose latest answer is red.
    pub dealbreaker_hits: Vec<PromptId>,
    /// Deal-breaker questions not asked yet.
    pub dealbreakers_unasked: Vec<PromptId>,
}

#[must_use]
pub fn summary(company: &Company, dealbreakers: &[Dealbreaker]) -> Summary {
    let (green, neutral, red) = company.flag_counts();
    let ids = |list: Vec<&Dealbreaker>| list.into_iter().map(|d| d.question.clone()).collect();
    Summary {
        name: company.name.clone(),
        rounds: company.rounds.len(),
        last_contact: company.last_contact(),
        green,
        neutral,
        red,
        dealbreaker_hits: ids(company.hits(dealbreakers)),
        dealbreakers_unasked: ids(company.unasked(dealbreakers)),
    }
}

/// Every company, most recent contact first (then by name).
#[must_use]
pub fn summaries(tracker: &Tracker) -> Vec<Summary> {
    let mut out: Vec<Summary> = tracker
        .companies
        .iter()
        .map(|c| summary(c, &tracker.dealbreakers))
        .collect();
    out.sort_by(|a, b| {
        b.last_contact
            .cmp(&a.last_contact)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    out
}

/// A question as shown: its title from the bank (or its id when the bank no longer
/// has it) and the deal-breaker condition on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub id: PromptId,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dealbreaker: Option<String>,
}

/// One company's latest answer in a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub flag: Flag,
    pub answer: String,
    pub round: u32,
    /// True when this answer is red on a deal-breaker question.
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    #[serde(flatten)]
    pub question: Question,
    /// One per compared company, in the same order; `None` when not asked.
    pub answers: Vec<Option<Cell>>,
}

/// Companies side by side, question by question, deal-breakers first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub companies: Vec<Summary>,
    pub rows: Vec<Row>,
}

/// Questions in the order they are shown: every deal-breaker (asked or not, so a gap
/// shows), then the other questions any of `companies` answered, in bank order.
fn ordered_questions(
    companies: &[&Company],
    dealbreakers: &[Dealbreaker],
    bank: &[&Prompt],
) -> Vec<Question> {
    let title = |id: &PromptId| {
        bank.iter()
            .find(|p| &p.id == id)
            .map_or_else(|| id.0.clone(), |p| p.title.clone())
    };
    let mut out: Vec<Question> = dealbreakers
        .iter()
        .map(|d| Question {
            id: d.question.clone(),
            title: title(&d.question),
            dealbreaker: Some(d.condition.clone()),
        })
        .collect();
    let mut others: Vec<&PromptId> = Vec::new();
    for c in companies {
        for q in c.questions() {
            if !others.contains(&q) && !dealbreakers.iter().any(|d| &d.question == q) {
                others.push(q);
            }
        }
    }
    let rank = |id: &PromptId| bank.iter().position(|p| &p.id == id).unwrap_or(usize::MAX);
    others.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    out.extend(others.into_iter().map(|id| Question {
        id: id.clone(),
        title: title(id),
        dealbreaker: None,
    }));
    out
}

#[must_use]
pub fn comparison(
    companies: &[&Company],
    dealbreakers: &[Dealbreaker],
    bank: &[&Prompt],
) -> Comparison {
    let rows = ordered_questions(companies, dealbreakers, bank)
        .into_iter()
        .map(|question| {
            let answers = companies
                .iter()
                .map(|c| {
                    c.latest(&question.id).map(|a| Cell {
                        flag: a.flag,
                        answer: a.text.clone(),
                        round: a.round,
                        hit: question.dealbreaker.is_some() && a.flag == Flag::Red,
                    })
                })
                .collect();
            Row { question, answers }
        })
        .collect();
    Comparison {
        companies: companies.iter().map(|c| summary(c, dealbreakers)).collect(),
        rows,
    }
}

/// One company in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detail {
    #[serde(flatten)]
    pub summary: Summary,
    pub round_details: Vec<RoundView>,
    pub questions: Vec<QuestionAnswers>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundView {
    pub round: u32,
    pub date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interviewer: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionAnswers {
    #[serde(flatten)]
    pub question: Question,
    /// Oldest first; the last one is what counts.
    pub answers: Vec<AnswerView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerView {
    pub round: u32,
    pub flag: Flag,
    pub answer: String,
}

#[must_use]
pub fn detail(company: &Company, dealbreakers: &[Dealbreaker], bank: &[&Prompt]) -> Detail {
    let questions = ordered_questions(&[company], dealbreakers, bank)
        .into_iter()
        .map(|question| {
            let answers = company
                .answers_to(&question.id)
                .map(|a| AnswerView {
                    round: a.round,
                    flag: a.flag,
                    answer: a.text.clone(),
                })
                .collect();
            QuestionAnswers { question, answers }
        })
        .collect();
    Detail {
        summary: summary(company, dealbreakers),
        round_details: company
            .rounds
            .iter()
            .map(|r| RoundView {
                round: r.number,
                date: r.date,
                role: r.role.clone(),
                stage: r.stage.clone(),
                interviewer: r.interviewer.clone(),
                notes: r.notes.clone(),
            })
            .collect(),
        questions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company::fold::fold;
    use crate::company::record::Change;
    use crate::company::record::tests::{answer, event};

    fn tracker(changes: Vec<Change>) -> Tracker {
        let events: Vec<_> = changes
            .into_iter()
            .enumerate()
            .map(|(i, c)| event(&format!("e{i}"), c))
            .collect();
        fold(&events)
    }

    fn id(text: &str) -> PromptId {
        PromptId(text.to_owned())
    }

    #[test]
    fn deal_breakers_come_first_even_when_nobody_was_asked() {
        let t = tracker(vec![
            Change::DealbreakerAdd {
                question: id("co-on-call-load"),
                condition: "more than two pages a night".to_owned(),
            },
            answer("Acme", 1, "co-toil-vs-projects", Flag::Green),
            answer("Globex", 1, "co-last-page", Flag::Red),
        ]);
        let companies: Vec<&Company> = t.companies.iter().collect();
        let c = comparison(&companies, &t.dealbreakers, &[]);
        let ids: Vec<&str> = c.rows.iter().map(|r| r.question.id.0.as_str()).collect();
        assert_eq!(
            ids,
            vec!["co-on-call-load", "co-last-page", "co-toil-vs-projects"]
        );
        assert_eq!(c.rows[0].answers, vec![None, None]);
        assert_eq!(c.rows[1].answers[0], None);
        assert_eq!(c.rows[1].answers[1].as_ref().unwrap().flag, Flag::Red);
        assert_eq!(
            c.companies[0].dealbreakers_unasked,
            vec![id("co-on-call-load")]
        );
    }

    #[test]
    fn a_red_answer_on_a_deal_breaker_is_marked_as_a_hit() {
        let t = tracker(vec![
            Change::DealbreakerAdd {
                question: id("co-last-page"),
                condition: "pages are noise".to_owned(),
            },
            answer("Acme", 1, "co-last-page", Flag::Red),
        ]);
        let c = comparison(&[&t.companies[0]], &t.dealbreakers, &[]);
        assert!(c.rows[0].answers[0].as_ref().unwrap().hit);
        assert_eq!(c.companies[0].dealbreaker_hits, vec![id("co-last-page")]);
    }

    #[test]
    fn the_list_puts_the_most_recent_contact_first() {
        let mut t = tracker(vec![
            answer("Older", 1, "q", Flag::Green),
            answer("Newer", 1, "q", Flag::Green),
        ]);
        t.companies[0].rounds[0].date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let names: Vec<String> = summaries(&t).into_iter().map(|s| s.name).collect();
        assert_eq!(names, vec!["Newer", "Older"]);
    }

    #[test]
    fn a_detail_keeps_every_round_of_an_answer() {
        let t = tracker(vec![
            answer("Acme", 1, "co-last-page", Flag::Green),
            answer("Acme", 2, "co-last-page", Flag::Red),
        ]);
        let d = detail(&t.companies[0], &t.dealbreakers, &[]);
        let flags: Vec<Flag> = d.questions[0].answers.iter().map(|a| a.flag).collect();
        assert_eq!(flags, vec![Flag::Green, Flag::Red]);
        assert_eq!(d.summary.red, 1);
        assert_eq!(d.round_details.len(), 2);
    }
}
