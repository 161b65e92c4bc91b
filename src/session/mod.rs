//! A practice session: for each picked prompt, header, planning, answer, rubric, grade,
//! note and follow-ups; each attempt is handed to the recorder the moment it is graded.
//!
//! This module decides what happens in which order and measures the time; it talks to
//! the person only through a `Console`, reads time only from a `Clock`, and writes
//! records only through a `Recorder`.

pub mod select;
pub mod timer;

use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use crate::bank::Prompt;
use crate::clock::Clock;
use crate::console::{AnswerSpec, Answered, Console, Header, Reveal, Stop, SummaryRow};
use crate::grade::Grade;
use crate::history::{Attempt, Coverage, FollowUpAnswer, VERSION};
use timer::{Countdown, whole_secs};

/// Where graded attempts go.
pub trait Recorder {
    /// Stores one attempt durably.
    ///
    /// # Errors
    /// The attempt could not be stored.
    fn record(&mut self, attempt: &Attempt) -> anyhow::Result<()>;
}

impl Recorder for Vec<Attempt> {
    fn record(&mut self, attempt: &Attempt) -> anyhow::Result<()> {
        self.push(attempt.clone());
        Ok(())
    }
}

impl Recorder for crate::history::History {
    fn record(&mut self, attempt: &Attempt) -> anyhow::Result<()> {
        self.append(attempt)
    }
}

/// How the session runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub timed: bool,
    /// Overrides every prompt's time box.
    pub time_override: Option<Duration>,
    /// Follow-ups asked per prompt (the prompt's own first, then the general pool).
    pub follow_ups: usize,
    pub editor: bool,
    pub seed: u64,
    pub session_id: String,
}

/// How the session ended.
#[derive(Debug)]
pub enum Ending {
    /// Every prompt was served, or input ran out (plain mode).
    Finished,
    /// Ctrl-C: the caller restores the terminal and exits 130.
    Interrupted,
}

#[derive(Debug)]
pub struct Outcome {
    pub attempts: Vec<Attempt>,
    pub summary: Vec<SummaryRow>,
    pub ending: Ending,
}

/// Runs a session over `prompts`.
///
/// # Errors
/// A console failure, or the recorder failing to store a graded attempt (the attempt's
/// answer is shown to the user before the error is returned, so nothing typed is lost).
pub fn run(
    prompts: &[&Prompt],
    pool: &[String],
    console: &mut dyn Console,
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
        let questions = follow_up_questions(prompt, pool, options.follow_ups, &mut rng);
        let mut attempt = Draft::new(prompt, options, clock);
        let step = attempt.run(
            index + 1,
            prompts.len(),
            &questions,
            console,
            clock,
            options,
        );
        match step {
            Ok(()) => {}
            Err(Stop::EndOfInput) => return Ok(outcome),
            Err(Stop::Interrupted) => {
                if attempt.worth_keeping() && keep_partial(&mut attempt, console) {
                    let record = attempt.finish(clock, index + 1, options);
                    store(recorder, console, &record)?;
                    outcome.summary.push(summary_row(prompt, &record));
                    outcome.attempts.push(record);
                }
                outcome.ending = Ending::Interrupted;
                return Ok(outcome);
            }
            Err(Stop::Failed(err)) => return Err(err),
        }
        let record = attempt.finish(clock, index + 1, options);
        store(recorder, console, &record)?;
        outcome.summary.push(summary_row(prompt, &record));
        outcome.attempts.push(record);
    }
    Ok(outcome)
}

/// Asks whether to log a stopped attempt (and its grade, if it had none yet).
fn keep_partial(attempt: &mut Draft<'_>, console: &mut dyn Console) -> bool {
    if !matches!(console.confirm_partial(), Ok(true)) {
        return false;
    }
    if attempt.grade.is_none() {
        let Ok(grade) = console.grade("Grade for the partial attempt") else {
            return false;
        };
        attempt.grade = Some(grade);
    }
    attempt.partial = true;
    true
}

/// Hands a graded attempt to the recorder; if that fails, shows the typed answer first,
/// so nothing the user wrote is lost.
///
/// # Errors
/// The recorder's error.
pub fn store(
    recorder: &mut dyn Recorder,
    console: &mut dyn Console,
    record: &Attempt,
) -> anyhow::Result<()> {
    if let Err(err) = recorder.record(record) {
        let _ = console.info(&format!(
            "\nThe attempt could not be saved. Your answer, so it is not lost:\n{}\n",
            if record.answer.is_empty() {
                "(no text typed)"
            } else {
                &record.answer
            }
        ));
        return Err(err);
    }
    Ok(())
}

fn summary_row(prompt: &Prompt, record: &Attempt) -> SummaryRow {
    SummaryRow {
        title: prompt.title.clone(),
        time: Duration::from_secs(record.answer_secs),
        time_box: Duration::from_secs(record.time_box_secs),
        overtime: record.overtime_secs > 0,
        covered: record.rubric.covered.len(),
        total: record.rubric.total as usize,
        grade: Grade::new(record.grade).unwrap_or(Grade::AGAIN),
    }
}

/// The prompt's own follow-ups first (one, at random), then the general pool.
/// Company prompts get none: their follow-ups are questions to ask, shown after grading.
fn follow_up_questions(
    prompt: &Prompt,
    pool: &[String],
    count: usize,
    rng: &mut StdRng,
) -> Vec<String> {
    if prompt.category.is_company() {
        return Vec::new();
    }
    pick_follow_ups(&prompt.follow_ups, pool, count, rng)
}

/// Up to `count` follow-ups: one of `own` (at random) first, then the general pool,
/// then the rest of `own`. Shared with labs, which ask the same follow-ups.
pub fn pick_follow_ups(
    own: &[String],
    pool: &[String],
    count: usize,
    rng: &mut StdRng,
) -> Vec<String> {
    if count == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(own) = own.choose(rng) {
        out.push(own.clone());
    }
    let mut rest: Vec<&String> = pool.iter().filter(|q| !out.contains(q)).collect();
    while out.len() < count && !rest.is_empty() {
        let i = rand::Rng::random_range(rng, 0..rest.len());
        out.push(rest.swap_remove(i).clone());
    }
    if out.len() < count {
        for q in own {
            if out.len() >= count {
                break;
            }
            if !out.contains(q) {
                out.push(q.clone());
            }
        }
    }
    out.truncate(count);
    out
}

/// Asks each follow-up (SPEC §3 step 5): the question, an answer phase (with the
/// countdown `time_box` when timed), a grade. Each graded follow-up is pushed to `out`
/// at once, so a stop midway keeps the ones already graded. Shared with labs.
///
/// # Errors
/// Interrupted, end of input or output failed.
pub fn ask_follow_ups(
    questions: &[String],
    time_box: Option<Duration>,
    editor: bool,
    console: &mut dyn Console,
    clock: &dyn Clock,
    out: &mut Vec<FollowUpAnswer>,
) -> Result<(), Stop> {
    for (i, question) in questions.iter().enumerate() {
        console.follow_up(i + 1, questions.len(), question, time_box)?;
        let t0 = clock.now();
        let answered = console.answer(&AnswerSpec {
            hints: &[],
            countdown: time_box.map(|b| Countdown::new(t0, b)),
            clock,
            editor,
        })?;
        if answered.interrupted {
            return Err(Stop::Interrupted);
        }
        let secs = whole_secs(clock.now().saturating_duration_since(t0));
        let grade = console.grade("Grade for this follow-up")?;
        out.push(FollowUpAnswer {
            question: question.clone(),
            answer: answered.text,
            grade: grade.value(),
            answer_secs: secs,
        });
    }
    Ok(())
}

/// A follow-up's time box: a quarter of the prompt's, between one and five minutes.
#[must_use]
pub fn follow_up_box(prompt_box: Duration) -> Duration {
    (prompt_box / 4).clamp(Duration::from_secs(60), Duration::from_secs(300))
}

/// An attempt being made.
struct Draft<'a> {
    prompt: &'a Prompt,
    time_box: Duration,
    started: chrono::DateTime<chrono::FixedOffset>,
    think: Duration,
    answer_time: Duration,
    answered: Answered,
    covered: Vec<u32>,
    grade: Option<Grade>,
    note: String,
    follow_ups: Vec<FollowUpAnswer>,
    partial: bool,
}

impl<'a> Draft<'a> {
    fn new(prompt: &'a Prompt, options: &Options, clock: &dyn Clock) -> Self {
        Self {
            prompt,
            time_box: options
                .time_override
                .unwrap_or(Duration::from_secs(u64::from(prompt.minutes) * 60)),
            started: clock.wall(),
            think: Duration::ZERO,
            answer_time: Duration::ZERO,
            answered: Answered::default(),
            covered: Vec::new(),
            grade: None,
            note: String::new(),
            follow_ups: Vec::new(),
            partial: false,
        }
    }

    fn worth_keeping(&self) -> bool {
        self.grade.is_some() || !self.answered.text.is_empty()
    }

    fn run(
        &mut self,
        index: usize,
        total: usize,
        questions: &[String],
        console: &mut dyn Console,
        clock: &dyn Clock,
        options: &Options,
    ) -> Result<(), Stop> {
        let prompt = self.prompt;
        console.header(&Header {
            index,
            total,
            prompt,
            timed: options.timed,
            time_box: self.time_box,
        })?;
        self.started = clock.wall();
        if options.timed
            && let Some(secs) = prompt.think_seconds.filter(|s| *s > 0)
        {
            let t0 = clock.now();
            console.plan(
                Countdown::new(t0, Duration::from_secs(u64::from(secs))),
                clock,
            )?;
            self.think = clock.now().saturating_duration_since(t0);
        }
        let t0 = clock.now();
        let answered = console.answer(&AnswerSpec {
            hints: &prompt.hints,
            countdown: options.timed.then(|| Countdown::new(t0, self.time_box)),
            clock,
            editor: options.editor,
        });
        self.answer_time = clock.now().saturating_duration_since(t0);
        self.answered = answered?;
        if self.answered.interrupted {
            return Err(Stop::Interrupted);
        }

        let company = prompt.category.is_company();
        self.covered = console.points(&Reveal {
            heading: if company {
                "Listen for (good signs in the company's answer):"
            } else {
                "Rubric: what a strong answer covers"
            },
            points: prompt.points(),
            warnings_heading: if company {
                "Red flags:"
            } else {
                "Pitfalls interviewers note:"
            },
            warnings: if company {
                &prompt.red_flags
            } else {
                &prompt.pitfalls
            },
        })?;
        self.grade = Some(console.grade("Grade")?);
        self.note = console.note()?;
        if company && !prompt.follow_ups.is_empty() {
            console.info("Dig deeper with:")?;
            for q in &prompt.follow_ups {
                console.info(&format!("  - {q}"))?;
            }
        }

        let fu_box = follow_up_box(self.time_box);
        ask_follow_ups(
            questions,
            options.timed.then_some(fu_box),
            options.editor,
            console,
            clock,
            &mut self.follow_ups,
        )
    }

    fn finish(&self, clock: &dyn Clock, index: usize, options: &Options) -> Attempt {
        let prompt = self.prompt;
        let overtime = if options.timed {
            self.answer_time.saturating_sub(self.time_box)
        } else {
            Duration::ZERO
        };
        Attempt {
            v: VERSION,
            id: format!("{}.{index}", options.session_id),
            session: options.session_id.clone(),
            started: self.started,
            finished: clock.wall(),
            prompt: prompt.id.clone(),
            title: prompt.title.clone(),
            category: prompt.category.clone(),
            level: prompt.level,
            tags: prompt.tags.clone(),
            timed: options.timed,
            time_box_secs: self.time_box.as_secs(),
            think_secs: whole_secs(self.think),
            answer_secs: whole_secs(self.answer_time),
            overtime_secs: whole_secs(overtime),
            hints_used: self.answered.hints_used,
            answer: self.answered.text.clone(),
            rubric: Coverage {
                covered: self.covered.clone(),
                total: prompt.points().len() as u32,
            },
            grade: self.grade.map_or(1, Grade::value),
            follow_ups: self.follow_ups.clone(),
            note: self.note.clone(),
            partial: self.partial,
            version: env!("CARGO_PKG_VERSION").to_owned(),
            lab: None,
        }
    }
}

/// A session id that sorts by time and is unique across machines:
/// `20261127-100000-3fa2c1d0`.
#[must_use]
pub fn session_id(now: chrono::DateTime<chrono::FixedOffset>, entropy: u64) -> String {
    format!("{}-{:08x}", now.format("%Y%m%d-%H%M%S"), entropy as u32)
}

#[cfg(test)]
mod tests;
