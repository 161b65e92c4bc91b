//! A mock interview (SPEC §13): for each prompt, the interviewer's sheet, the listening
//! phase (ticks, pitfalls, hints, notes), the grade with the suggestion from the ticks,
//! the interviewer's note, then the follow-ups. The record is the candidate's, with
//! `graded_by`; it goes to the recorder when graded, before the follow-ups, and each
//! follow-up when it is graded, as in a drill.
//!
//! Talks to people only through a `PartnerScreen`, reads time only from a `Clock`.

use std::cell::RefCell;
use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::StdRng;

use super::{
    Ending, FollowUpsBy, Outcome, Recorder, ask_follow_ups, carry_on, follow_up_box, keep_note,
    pick_follow_ups, store,
};
use crate::bank::{Prompt, Vocabulary};
use crate::clock::Clock;
use crate::console::{Brief, Listen, PartnerScreen, Stop, SummaryRow};
use crate::countdown::{Countdown, whole_secs};
use crate::grade::Grade;
use crate::grading;
use crate::history::{Attempt, Coverage, VERSION, cap_text};
use crate::scenario::Interviewer;

/// How the interview runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub partner: String,
    pub timed: bool,
    pub time_override: Option<Duration>,
    pub follow_ups: usize,
    pub seed: u64,
    pub session_id: String,
    pub vocabulary: Vocabulary,
}

/// Runs a mock interview over `prompts`.
///
/// # Errors
/// A screen failure, or the recorder failing to store a graded attempt.
pub fn run(
    prompts: &[&Prompt],
    pool: &[String],
    screen: &mut dyn PartnerScreen,
    clock: &dyn Clock,
    recorder: &mut dyn Recorder,
    options: &Options,
) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome {
        attempts: Vec::new(),
        summary: Vec::new(),
        ending: Ending::Finished,
    };
    let mut rng = StdRng::seed_from_u64(options.seed ^ 0x5eed_f011_0a55);
    for (index, prompt) in prompts.iter().enumerate() {
        let questions = if prompt.category.is_company() {
            Vec::new()
        } else {
            pick_follow_ups(&prompt.follow_ups, pool, options.follow_ups, &mut rng)
        };
        let time_box = options
            .time_override
            .unwrap_or(Duration::from_secs(u64::from(prompt.minutes) * 60));
        let record = match interview_one(
            prompt,
            index + 1,
            prompts.len(),
            &questions,
            time_box,
            screen,
            clock,
            options,
        ) {
            Ok(record) => record,
            Err(Stop::Failed(err)) => return Err(err),
            Err(Stop::Interrupted) => {
                outcome.ending = Ending::Interrupted;
                return Ok(outcome);
            }
            Err(Stop::EndOfInput) => return Ok(outcome),
        };
        store(recorder, screen, &record)?;
        outcome.summary.push(SummaryRow {
            title: prompt.title.clone(),
            time: Duration::from_secs(record.answer_secs),
            time_box,
            overtime: record.overtime_secs > 0,
            covered: record.rubric.covered.len(),
            total: record.rubric.total as usize,
            grade: Grade::new(record.grade).unwrap_or(Grade::AGAIN),
        });
        outcome.attempts.push(record);
        let Some(last) = outcome.attempts.last_mut() else {
            continue;
        };
        // The grade is on disk; the interviewer's note follows as a line of its own.
        let noted = screen
            .partner_note()
            .and_then(|typed| keep_note(screen, clock, recorder, last, typed, ""));
        if !carry_on(noted, &mut outcome.ending)? {
            return Ok(outcome);
        }
        let asked = ask_follow_ups(
            &questions,
            options.timed.then_some(follow_up_box(time_box)),
            FollowUpsBy::Interviewer,
            &options.vocabulary,
            screen,
            clock,
            &mut |console, answer| {
                let line = super::follow_up_line(last, clock, answer);
                if let Err(err) = recorder.record_follow_up(&line) {
                    let _ = super::info_as_typed(
                        console,
                        &format!(
                            "\nThe follow-up could not be saved (the attempt itself is logged). The notes, so they are not lost:\n{}\n",
                            line.answer.answer
                        ),
                    );
                    return Err(Stop::Failed(err));
                }
                last.follow_ups.push(line.answer);
                Ok(())
            },
        );
        if !carry_on(asked, &mut outcome.ending)? {
            return Ok(outcome);
        }
    }
    Ok(outcome)
}

/// One prompt up to its grade, as the record to store.
#[allow(clippy::too_many_arguments)] // the parts of one step, all needed
fn interview_one(
    prompt: &Prompt,
    index: usize,
    total: usize,
    questions: &[crate::bank::FollowUp],
    time_box: Duration,
    screen: &mut dyn PartnerScreen,
    clock: &dyn Clock,
    options: &Options,
) -> Result<Attempt, Stop> {
    screen.brief(&Brief {
        index,
        total,
        prompt,
        time_box,
        timed: options.timed,
        follow_ups: questions,
        interviewer: &options.partner,
    })?;
    let started = clock.wall();
    let scenario = prompt
        .scenario
        .as_ref()
        .map(|s| RefCell::new(Interviewer::new(s, &options.vocabulary).with_topic(&prompt.prompt)));
    let t0 = clock.now();
    let listened = screen.listen(&Listen {
        prompt,
        scenario: scenario.as_ref(),
        countdown: options.timed.then(|| Countdown::new(t0, time_box)),
        clock,
        vocabulary: &options.vocabulary,
    })?;
    let answer_time = clock.now().saturating_duration_since(t0);
    if listened.interrupted {
        return Err(Stop::Interrupted);
    }
    let points = prompt.points();
    let covered = listened.covered();
    let overtime = options.timed && answer_time > time_box;
    let company = prompt.category.is_company();
    let suggestion = (!company).then(|| {
        grading::suggest_grade(&grading::Facts {
            points: &points,
            covered: &covered,
            hints_used: listened.hints_used,
            hints_total: prompt.hints.len(),
            overtime,
            scenario: None,
            check: None,
        })
    });
    let grade = screen.partner_grade(suggestion.as_ref())?;
    let suggested = if company {
        Vec::new()
    } else {
        grading::suggest_points(&points, &listened.notes, &options.vocabulary)
            .iter()
            .map(|s| s.point)
            .collect()
    };
    Ok(Attempt {
        v: VERSION,
        id: format!("{}.{index}", options.session_id),
        session: options.session_id.clone(),
        started,
        finished: clock.wall(),
        prompt: prompt.id.clone(),
        title: prompt.title.clone(),
        category: prompt.category.clone(),
        level: prompt.level,
        tags: prompt.tags.clone(),
        timed: options.timed,
        time_box_secs: time_box.as_secs(),
        think_secs: 0,
        answer_secs: whole_secs(answer_time),
        overtime_secs: if overtime {
            whole_secs(answer_time.saturating_sub(time_box))
        } else {
            0
        },
        hints_used: listened.hints_used,
        answer: cap_text(listened.notes.clone()).0,
        rubric: Coverage {
            must_missed: if company {
                Vec::new()
            } else {
                grading::must_missed(&prompt.rubric, &covered)
            },
            covered,
            total: points.len() as u32,
            suggested,
        },
        grade: grade.value(),
        follow_ups: Vec::new(),
        note: String::new(),
        partial: false,
        version: env!("CARGO_PKG_VERSION").to_owned(),
        lab: None,
        suggested_grade: suggestion.map(|s| s.grade.value()),
        scenario: None,
        conversation: Vec::new(),
        check: None,
        graded_by: Some(options.partner.clone()),
        ticks: listened.ticks,
        pitfalls_seen: listened.pitfalls,
        regrades: Vec::new(),
    })
}
