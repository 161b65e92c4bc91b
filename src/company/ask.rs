//! `company ask`: go through the chosen questions with one company, record each answer
//! the moment it is flagged, then take one line of notes for the round.
//!
//! The flow talks to the person only through an [`Interviewer`], reads time only from a
//! `Clock`, and hands every event to a sink as soon as it exists, so stopping half-way
//! (end of input, Ctrl-C) loses nothing already flagged.
//!
//! The plain-mode protocol, per question, is exact: answer lines up to a line that is
//! exactly `.`; then one flag line (`green`/`neutral`/`red`, `g`/`n`/`r`, empty for
//! neutral). After the last question: one line of notes, may be empty. An empty answer
//! with a neutral flag records nothing for that question.

use anyhow::Result;

use super::fold::Dealbreaker;
use super::record::{AnswerRecord, Change, Event, Flag, NoteRecord, RoundInfo, event_id};
use crate::bank::{Prompt, PromptId};
use crate::clock::Clock;
use crate::console::{Prompter, Stop};

/// The questions asked by default besides the deal-breakers: what the team really did,
/// what the pager is like, and how incidents and toil are handled.
pub const CORE_QUESTIONS: [&str; 6] = [
    "co-last-six-months",
    "co-last-page",
    "co-dev-teams-on-call",
    "co-on-call-load",
    "co-postmortem-culture",
    "co-toil-vs-projects",
];

/// The default questions: the deal-breakers' first, then the core set, each once, in
/// the order of `bank` where not a deal-breaker. Ids the bank lacks are left out.
#[must_use]
pub fn default_questions<'a>(bank: &[&'a Prompt], dealbreakers: &[Dealbreaker]) -> Vec<&'a Prompt> {
    let mut out: Vec<&'a Prompt> = dealbreakers
        .iter()
        .filter_map(|d| bank.iter().find(|p| p.id == d.question).copied())
        .collect();
    for p in bank {
        if CORE_QUESTIONS.contains(&p.id.0.as_str()) && !out.iter().any(|q| q.id == p.id) {
            out.push(p);
        }
    }
    out
}

/// What one run of `ask` is about.
pub struct Plan<'a> {
    /// The company name as typed (trimmed).
    pub company: &'a str,
    pub round: RoundInfo,
    pub questions: &'a [&'a Prompt],
    pub dealbreakers: &'a [Dealbreaker],
    /// The random part of this run's record ids.
    pub entropy: u64,
}

/// What was recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Asked {
    pub answers: usize,
    pub skipped: usize,
    pub flags: Vec<(PromptId, Flag)>,
    pub notes: bool,
    /// Input ended before the last question was flagged.
    pub ended_early: bool,
}

/// The person on the other side of `ask`.
pub trait Interviewer {
    /// Shows one question with what to listen for and the red flags.
    ///
    /// # Errors
    /// Output failed.
    fn question(
        &mut self,
        index: usize,
        total: usize,
        prompt: &Prompt,
        dealbreaker: Option<&str>,
    ) -> Result<(), Stop>;

    /// The company's answer, as many lines as it takes.
    ///
    /// # Errors
    /// End of input, interrupted, or input/output failed.
    fn answer(&mut self) -> Result<String, Stop>;

    /// How the answer is flagged.
    ///
    /// # Errors
    /// End of input, interrupted, or input/output failed.
    fn flag(&mut self) -> Result<Flag, Stop>;

    /// One line of notes on the round.
    ///
    /// # Errors
    /// End of input, interrupted, or input/output failed.
    fn notes(&mut self) -> Result<String, Stop>;

    /// A line of information.
    ///
    /// # Errors
    /// Output failed.
    fn info(&mut self, text: &str) -> Result<(), Stop>;
}

/// Runs the questions; each answer goes to `record` as soon as it is flagged.
///
/// # Errors
/// A record could not be stored, output failed, or Ctrl-C ([`crate::error::Interrupted`]).
pub fn run(
    plan: &Plan<'_>,
    io: &mut dyn Interviewer,
    clock: &dyn Clock,
    record: &mut dyn FnMut(&Event) -> Result<()>,
) -> Result<Asked> {
    let mut asked = Asked::default();
    let mut n = 0;
    let mut next_event = |change: Change| {
        let at = clock.wall();
        n += 1;
        Event::new(event_id(at, plan.entropy, n), at, change)
    };
    let total = plan.questions.len();
    for (i, prompt) in plan.questions.iter().enumerate() {
        let dealbreaker = plan
            .dealbreakers
            .iter()
            .find(|d| d.question == prompt.id)
            .map(|d| d.condition.as_str());
        let step = io
            .question(i + 1, total, prompt, dealbreaker)
            .and_then(|()| io.answer())
            .and_then(|answer| io.flag().map(|flag| (answer, flag)));
        let (answer, flag) = match step {
            Ok(pair) => pair,
            Err(Stop::EndOfInput) => {
                asked.ended_early = true;
                return Ok(asked);
            }
            Err(stop) => return Err(stop.into_error()),
        };
        if answer.trim().is_empty() && flag == Flag::Neutral {
            asked.skipped += 1;
            io.info("Nothing recorded for this question.")
                .map_err(Stop::into_error)?;
            continue;
        }
        record(&next_event(Change::Answer(AnswerRecord {
            company: plan.company.to_owned(),
            round: plan.round.clone(),
            question: prompt.id.clone(),
            answer,
            flag,
        })))?;
        asked.answers += 1;
        asked.flags.push((prompt.id.clone(), flag));
        let saved = match (dealbreaker, flag) {
            (Some(condition), Flag::Red) => {
                format!("Saved: ✗ red on a deal-breaker ({condition}).")
            }
            _ => format!("Saved: {} {flag}.", flag.mark()),
        };
        io.info(&saved).map_err(Stop::into_error)?;
    }
    let notes = match io.notes() {
        Ok(text) => text,
        Err(Stop::EndOfInput) => return Ok(asked),
        Err(stop) => return Err(stop.into_error()),
    };
    if !notes.trim().is_empty() {
        record(&next_event(Change::Note(NoteRecord {
            company: plan.company.to_owned(),
            round: plan.round.clone(),
            text: notes.trim().to_owned(),
        })))?;
        asked.notes = true;
    }
    Ok(asked)
}

/// The questions asked through a [`Prompter`]: the plain protocol above, or on a
/// terminal the same typing with menus for the flag and the notes.
pub struct Lines<'a> {
    prompter: &'a mut dyn Prompter,
}

impl<'a> Lines<'a> {
    pub fn new(prompter: &'a mut dyn Prompter) -> Self {
        Self { prompter }
    }
}

impl Interviewer for Lines<'_> {
    fn question(
        &mut self,
        index: usize,
        total: usize,
        prompt: &Prompt,
        dealbreaker: Option<&str>,
    ) -> Result<(), Stop> {
        let mut lines = vec![format!(
            "\n[{index}/{total}] {} ({})",
            prompt.title, prompt.id
        )];
        if let Some(condition) = dealbreaker {
            lines.push(format!("Your deal-breaker: {condition}"));
        }
        lines.push(prompt.prompt.trim_end().to_owned());
        if !prompt.listen_for.is_empty() {
            lines.push("Listen for:".to_owned());
            lines.extend(prompt.listen_for.iter().map(|point| format!("  + {point}")));
        }
        if !prompt.red_flags.is_empty() {
            lines.push("Red flags:".to_owned());
            lines.extend(prompt.red_flags.iter().map(|flag| format!("  - {flag}")));
        }
        let text = lines.join("\n");
        self.prompter.say(&text)
    }

    fn answer(&mut self) -> Result<String, Stop> {
        let lines = self.prompter.lines("Their answer", true)?;
        Ok(lines.join("\n").trim().to_owned())
    }

    fn flag(&mut self) -> Result<Flag, Stop> {
        const FLAGS: [Flag; 3] = [Flag::Green, Flag::Neutral, Flag::Red];
        if self.prompter.is_terminal() {
            let items = ["✓ green: a good sign", "· neutral", "✗ red: a warning sign"];
            let picked = self.prompter.choose("Flag this answer", &items, 1)?;
            let at = items.iter().position(|i| *i == picked).unwrap_or(1);
            return Ok(FLAGS[at.min(2)]);
        }
        let line = self.prompter.line_checked(
            "Flag (green, neutral or red; g/n/r; empty = neutral)",
            None,
            &|line| match Flag::parse(line) {
                Some(_) => Ok(()),
                None => Err(format!(
                    "'{}' is not a flag; answer green, neutral or red (g, n, r), or leave it empty for neutral",
                    line.trim()
                )),
            },
        )?;
        Ok(Flag::parse(&line).unwrap_or(Flag::Neutral))
    }

    fn notes(&mut self) -> Result<String, Stop> {
        let question = if self.prompter.is_terminal() {
            "Notes on this round (optional)"
        } else {
            "\nNotes on this round (one line, may be empty)"
        };
        Ok(self.prompter.line(question, None)?.trim().to_owned())
    }

    fn info(&mut self, text: &str) -> Result<(), Stop> {
        self.prompter.say(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Category, Level, Source};
    use crate::clock::ManualClock;
    use crate::company::record::tests::{at, round};
    use crate::console::PlainPrompter;

    fn prompt(id: &str) -> Prompt {
        Prompt {
            id: PromptId(id.to_owned()),
            title: format!("Title of {id}"),
            category: Category::new("company"),
            level: Level::Entry,
            tags: vec![],
            minutes: 4,
            think_seconds: None,
            prompt: "What happened?".to_owned(),
            hints: vec![],
            rubric: vec![],
            pitfalls: vec![],
            follow_ups: vec![],
            why: None,
            listen_for: vec!["a clear story".to_owned()],
            red_flags: vec!["nobody remembers".to_owned()],
            scenario: None,
            facts: Vec::new(),
            source: Source::BuiltIn,
            check: None,
            answer: None,
            formerly: Vec::new(),
            overrides_built_in: false,
        }
    }

    fn ask(input: &str, dealbreakers: &[Dealbreaker]) -> (Asked, Vec<Event>, String) {
        let prompts = [prompt("co-a"), prompt("co-b")];
        let questions: Vec<&Prompt> = prompts.iter().collect();
        let plan = Plan {
            company: "Acme",
            round: round(2, "2026-11-20"),
            questions: &questions,
            dealbreakers,
            entropy: 0xabc,
        };
        let clock = ManualClock::at(at("2026-11-27T10:00:00+01:00"));
        let mut shown = Vec::new();
        let mut events = Vec::new();
        let asked = {
            let mut prompter = PlainPrompter::new(input.as_bytes(), &mut shown);
            let mut io = Lines::new(&mut prompter);
            run(&plan, &mut io, &clock, &mut |e| {
                events.push(e.clone());
                Ok(())
            })
            .unwrap()
        };
        (asked, events, String::from_utf8(shown).unwrap())
    }

    fn answer_of(event: &Event) -> &AnswerRecord {
        match &event.change {
            Change::Answer(a) => a,
            other => panic!("not an answer: {other:?}"),
        }
    }

    #[test]
    fn each_answer_is_recorded_with_its_flag_then_the_notes() {
        let (asked, events, shown) = ask(
            "They were paged last night.\nA disk filled up.\n.\nr\nNo idea.\n.\ngreen\nfriendly panel\n",
            &[],
        );
        assert_eq!(asked.answers, 2);
        assert!(asked.notes && !asked.ended_early);
        assert_eq!(events.len(), 3);
        let first = answer_of(&events[0]);
        assert_eq!(
            first.answer,
            "They were paged last night.\nA disk filled up."
        );
        assert_eq!(first.flag, Flag::Red);
        assert_eq!(first.round.round, 2);
        assert_eq!(answer_of(&events[1]).flag, Flag::Green);
        assert!(matches!(&events[2].change, Change::Note(n) if n.text == "friendly panel"));
        assert_eq!(events[0].id, "20261127-100000-00000abc-1");
        assert!(shown.contains("[1/2] Title of co-a (co-a)"));
        assert!(shown.contains("  + a clear story"));
        assert!(shown.contains("  - nobody remembers"));
    }

    #[test]
    fn default_questions_put_deal_breakers_first_then_the_core_set() {
        let prompts = [
            prompt("co-last-page"),
            prompt("co-alert-noise"),
            prompt("co-on-call-load"),
        ];
        let bank: Vec<&Prompt> = prompts.iter().collect();
        let dealbreakers = [
            Dealbreaker {
                question: PromptId("co-alert-noise".to_owned()),
                condition: "alerts are ignored".to_owned(),
            },
            Dealbreaker {
                question: PromptId("co-on-call-load".to_owned()),
                condition: "more than two pages a night".to_owned(),
            },
        ];
        let ids: Vec<&str> = default_questions(&bank, &dealbreakers)
            .iter()
            .map(|p| p.id.0.as_str())
            .collect();
        assert_eq!(
            ids,
            vec!["co-alert-noise", "co-on-call-load", "co-last-page"]
        );
    }

    #[test]
    fn a_bad_flag_line_is_asked_again() {
        let (asked, events, shown) = ask("x\n.\namber\ng\n", &[]);
        assert!(shown.contains("'amber' is not a flag"));
        assert_eq!(asked.answers, 1);
        assert_eq!(answer_of(&events[0]).flag, Flag::Green);
        assert!(asked.ended_early);
    }

    #[test]
    fn an_empty_neutral_answer_records_nothing_but_an_empty_red_one_counts() {
        let (asked, events, _) = ask(".\n\n.\nred\n\n", &[]);
        assert_eq!(asked.skipped, 1);
        assert_eq!(events.len(), 1);
        assert_eq!(answer_of(&events[0]).question.0, "co-b");
        assert!(!asked.notes);
    }

    #[test]
    fn input_ending_mid_answer_keeps_what_was_flagged() {
        let (asked, events, _) = ask("first\n.\ng\nhalf an answer\n", &[]);
        assert_eq!(events.len(), 1);
        assert!(asked.ended_early);
    }

    #[test]
    fn a_deal_breaker_question_shows_the_condition_and_a_red_flag_says_so() {
        let dealbreakers = [Dealbreaker {
            question: PromptId("co-a".to_owned()),
            condition: "developers are not on call".to_owned(),
        }];
        let (_, _, shown) = ask("only ops\n.\nr\n", &dealbreakers);
        assert!(shown.contains("Your deal-breaker: developers are not on call"));
        assert!(shown.contains("Saved: ✗ red on a deal-breaker (developers are not on call)."));
    }
}
