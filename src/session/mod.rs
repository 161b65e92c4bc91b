//! A practice session: for each picked prompt, header, planning, answer (with the
//! interviewer for scenario prompts), debrief, rubric with suggestions, grade, note, and
//! follow-ups. The attempt goes to the recorder the moment it is graded, before the
//! first follow-up, and each follow-up the moment it is graded: a stop at any later
//! point loses nothing already graded (SPEC §3).
//!
//! This module decides what happens in which order and measures the time; it talks to
//! the person only through a `Console`, reads time only from a `Clock`, and writes
//! records only through a `Recorder`.

pub mod interview;
pub mod select;

use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use std::cell::RefCell;

use crate::bank::{FollowUp, Prompt, Vocabulary};
use crate::check::CheckRun;
use crate::clock::Clock;
use crate::console::{AnswerSpec, Answered, Console, Header, Reveal, Role, Stop, SummaryRow};
use crate::countdown::{Countdown, whole_secs};
use crate::grade::Grade;
use crate::grading;
use crate::history::{
    Attempt, Coverage, FollowUpAnswer, FollowUpKind, FollowUpRecord, NoteRecord, VERSION, cap_text,
};
use crate::scenario::{self, Interviewer};

/// Where graded attempts go.
pub trait Recorder {
    /// Stores one attempt durably.
    ///
    /// # Errors
    /// The attempt could not be stored.
    fn record(&mut self, attempt: &Attempt) -> anyhow::Result<()>;

    /// Stores one graded follow-up of an attempt already recorded.
    ///
    /// # Errors
    /// The follow-up could not be stored.
    fn record_follow_up(&mut self, follow_up: &FollowUpRecord) -> anyhow::Result<()>;

    /// Stores the note of an attempt already recorded.
    ///
    /// # Errors
    /// The note could not be stored.
    fn record_note(&mut self, note: &NoteRecord) -> anyhow::Result<()>;
}

impl Recorder for Vec<Attempt> {
    fn record(&mut self, attempt: &Attempt) -> anyhow::Result<()> {
        self.push(attempt.clone());
        Ok(())
    }

    fn record_follow_up(&mut self, f: &FollowUpRecord) -> anyhow::Result<()> {
        if let Some(a) = self.iter_mut().find(|a| a.id == f.attempt) {
            a.follow_ups.push(f.answer.clone());
        }
        Ok(())
    }

    fn record_note(&mut self, n: &NoteRecord) -> anyhow::Result<()> {
        if let Some(a) = self.iter_mut().find(|a| a.id == n.attempt) {
            a.note.clone_from(&n.note);
        }
        Ok(())
    }
}

impl Recorder for crate::history::History {
    fn record(&mut self, attempt: &Attempt) -> anyhow::Result<()> {
        self.append(attempt)
    }

    fn record_follow_up(&mut self, f: &FollowUpRecord) -> anyhow::Result<()> {
        self.append_follow_up(f)
    }

    fn record_note(&mut self, n: &NoteRecord) -> anyhow::Result<()> {
        self.append_note(n)
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
    /// Expands `~name` phrases in scenarios and `listen_for`.
    pub vocabulary: Vocabulary,
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
        let step = attempt.run(index + 1, prompts.len(), console, clock, options);
        let stop = match step {
            Ok(()) => None,
            Err(Stop::Failed(err)) => return Err(err),
            Err(stop) => Some(stop),
        };
        if let Some(stop) = stop {
            // Stopped before the grade: only an interrupted attempt may be kept.
            if matches!(stop, Stop::Interrupted) {
                if attempt.worth_keeping() && keep_partial(&mut attempt, console) {
                    let record = attempt.finish(clock, index + 1, options);
                    store(recorder, console, &record)?;
                    outcome.summary.push(summary_row(prompt, &record));
                    outcome.attempts.push(record);
                }
                outcome.ending = Ending::Interrupted;
            }
            return Ok(outcome);
        }
        // Graded: on disk before the note is asked for (SPEC §4).
        let record = attempt.finish(clock, index + 1, options);
        store(recorder, console, &record)?;
        outcome.summary.push(summary_row(prompt, &record));
        outcome.attempts.push(record);
        let Some(last) = outcome.attempts.last_mut() else {
            continue;
        };
        let noted = ask_note(console, clock, recorder, last).and_then(|()| {
            if prompt.category.is_company() && !prompt.follow_ups.is_empty() {
                console.info("Dig deeper with:")?;
                for q in &prompt.follow_ups {
                    console.info(&format!("  - {}", q.ask))?;
                }
            }
            Ok(())
        });
        if !carry_on(noted, &mut outcome.ending)? {
            return Ok(outcome);
        }
        let fu_box = follow_up_box(attempt.time_box);
        let asked = ask_follow_ups(
            &questions,
            options.timed.then_some(fu_box),
            FollowUpsBy::Candidate {
                editor: options.editor,
            },
            &options.vocabulary,
            console,
            clock,
            &mut |console: &mut dyn Console, answer: FollowUpAnswer| {
                let line = follow_up_line(last, clock, answer);
                store_follow_up(recorder, console, &line)?;
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

/// Asks for the "next time I would ..." note of an attempt already on disk and, when
/// one is typed, appends it as a note line naming the attempt.
///
/// # Errors
/// A stop while asking (the attempt stays logged), or the note could not be stored
/// (it is shown first, so it is not lost).
pub fn ask_note(
    console: &mut dyn Console,
    clock: &dyn Clock,
    recorder: &mut dyn Recorder,
    attempt: &mut Attempt,
) -> Result<(), Stop> {
    let typed = console.note()?;
    keep_note(
        console,
        clock,
        recorder,
        attempt,
        typed,
        "Next time I would: ",
    )
}

/// Appends a typed note (if not empty) as a note line naming `attempt`; if that fails,
/// shows it first (after `label`), so it is not lost.
///
/// # Errors
/// The note could not be stored.
pub fn keep_note(
    console: &mut dyn Console,
    clock: &dyn Clock,
    recorder: &mut dyn Recorder,
    attempt: &mut Attempt,
    typed: String,
    label: &str,
) -> Result<(), Stop> {
    if typed.trim().is_empty() {
        return Ok(());
    }
    let line = NoteRecord::new(&attempt.id, clock.wall(), cap_text(typed).0);
    if let Err(err) = recorder.record_note(&line) {
        let _ = info_as_typed(
            console,
            &format!(
                "\nThe note could not be saved (the graded attempt is logged). What was typed, so it is not lost:\n{label}{}\n",
                line.note
            ),
        );
        return Err(Stop::Failed(err));
    }
    attempt.note = line.note;
    Ok(())
}

/// What a stop after an attempt was stored means: go on (`Ok(true)`), end the session
/// as it is (`Ok(false)`, interrupted or out of input), or fail.
///
/// # Errors
/// The stop was a failure.
pub fn carry_on(step: Result<(), Stop>, ending: &mut Ending) -> anyhow::Result<bool> {
    match step {
        Ok(()) => Ok(true),
        Err(Stop::EndOfInput) => Ok(false),
        Err(Stop::Interrupted) => {
            *ending = Ending::Interrupted;
            Ok(false)
        }
        Err(Stop::Failed(err)) => Err(err),
    }
}

/// Asks whether to log a stopped attempt (and its grade, if it had none yet).
fn keep_partial(attempt: &mut Draft<'_>, console: &mut dyn Console) -> bool {
    if !matches!(console.confirm_partial(), Ok(true)) {
        return false;
    }
    if attempt.grade.is_none() {
        let Ok(grade) = console.grade("Grade for the partial attempt", None) else {
            return false;
        };
        attempt.grade = Some(grade);
    }
    attempt.partial = true;
    true
}

/// Hands a graded attempt to the recorder; if that fails, shows everything typed for it
/// first (the answer, the note, any follow-up answers), so nothing the user wrote is
/// lost.
///
/// # Errors
/// The recorder's error.
pub fn store(
    recorder: &mut dyn Recorder,
    console: &mut dyn Console,
    record: &Attempt,
) -> anyhow::Result<()> {
    if let Err(err) = recorder.record(record) {
        let _ = info_as_typed(
            console,
            &format!(
                "\nThe attempt could not be saved. What you typed, so it is not lost:\n{}",
                unsaved_attempt(record)
            ),
        );
        return Err(err);
    }
    Ok(())
}

/// Shows a text that holds what the person typed one line at a time, so each line
/// wraps at words as prose: a typed line spaced like a table is shown whole, not cut.
pub(crate) fn info_as_typed(console: &mut dyn Console, text: &str) -> Result<(), Stop> {
    for line in text.split('\n') {
        console.info(line)?;
    }
    Ok(())
}

/// Everything typed for an attempt, as shown when it cannot be saved.
fn unsaved_attempt(record: &Attempt) -> String {
    let mut text = format!("Answer:\n{}\n", or_nothing(&record.answer));
    if !record.note.is_empty() {
        text.push_str("Next time I would: ");
        text.push_str(&record.note);
        text.push('\n');
    }
    for answer in &record.follow_ups {
        text.push_str(&unsaved_follow_up(answer));
    }
    text
}

/// A follow-up's question and answer, as shown when it cannot be saved.
fn unsaved_follow_up(answer: &FollowUpAnswer) -> String {
    format!(
        "Follow-up: {}\n{}\n",
        answer.question,
        or_nothing(&answer.answer)
    )
}

fn or_nothing(text: &str) -> &str {
    if text.is_empty() {
        "(no text typed)"
    } else {
        text
    }
}

/// The line of the next follow-up of `attempt`: `ATTEMPT.fN`.
#[must_use]
pub fn follow_up_line(
    attempt: &Attempt,
    clock: &dyn Clock,
    answer: FollowUpAnswer,
) -> FollowUpRecord {
    FollowUpRecord {
        kind: FollowUpKind::FollowUp,
        v: VERSION,
        id: format!("{}.f{}", attempt.id, attempt.follow_ups.len() + 1),
        attempt: attempt.id.clone(),
        finished: clock.wall(),
        answer,
    }
}

/// Hands a graded follow-up to the recorder; if that fails, shows its question and
/// answer first.
///
/// # Errors
/// The recorder's error, as a failed stop.
pub fn store_follow_up(
    recorder: &mut dyn Recorder,
    console: &mut dyn Console,
    line: &FollowUpRecord,
) -> Result<(), Stop> {
    if let Err(err) = recorder.record_follow_up(line) {
        let _ = info_as_typed(
            console,
            &format!(
                "\nThe follow-up answer could not be saved (the attempt itself is logged). What you typed, so it is not lost:\n{}",
                unsaved_follow_up(&line.answer)
            ),
        );
        return Err(Stop::Failed(err));
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
) -> Vec<FollowUp> {
    if prompt.category.is_company() {
        return Vec::new();
    }
    pick_follow_ups(&prompt.follow_ups, pool, count, rng)
}

/// The stages of a design round (follow-ups with a `stage:`), in order: a staged
/// round asks every one of them whatever the follow-up count, unless it is 0.
#[must_use]
pub fn stages(own: &[FollowUp], count: usize) -> Option<Vec<FollowUp>> {
    let staged: Vec<FollowUp> = own.iter().filter(|f| f.stage.is_some()).cloned().collect();
    if staged.is_empty() {
        None
    } else if count == 0 {
        Some(Vec::new())
    } else {
        Some(staged)
    }
}

/// Up to `count` follow-ups: one of `own` (at random) first, then the general pool,
/// then the rest of `own`. Shared with labs, which ask the same follow-ups.
pub fn pick_follow_ups(
    own: &[FollowUp],
    pool: &[String],
    count: usize,
    rng: &mut StdRng,
) -> Vec<FollowUp> {
    if let Some(staged) = stages(own, count) {
        return staged;
    }
    if count == 0 {
        return Vec::new();
    }
    let mut out: Vec<FollowUp> = Vec::new();
    if let Some(own) = own.choose(rng) {
        out.push(own.clone());
    }
    let mut rest: Vec<&String> = pool
        .iter()
        .filter(|q| !out.iter().any(|f| &f.ask == *q))
        .collect();
    while out.len() < count && !rest.is_empty() {
        let i = rand::Rng::random_range(rng, 0..rest.len());
        out.push(FollowUp::plain(rest.swap_remove(i)));
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

/// Who is at the keyboard while the follow-ups are answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpsBy {
    /// The candidate types the answer (in `$EDITOR` when `editor`) or answers aloud, and
    /// grades it.
    Candidate { editor: bool },
    /// A mock interview: the candidate answers aloud; the interviewer may take notes
    /// and grades the answer.
    Interviewer,
}

/// Asks each follow-up (SPEC §3 step 5): the question, an answer phase (with the
/// countdown when timed: the follow-up's own `minutes`, or `time_box`), a grade (with
/// a suggestion when it has `listen_for`). Each graded follow-up goes to `graded` at
/// once, so a stop midway keeps the ones already graded. Shared with labs and mock
/// interviews; in an interview the typed text is the interviewer's notes, so only
/// ideas those notes mention suggest a grade, and nothing typed suggests none.
///
/// # Errors
/// Interrupted, end of input, output failed, or `graded` failed.
pub fn ask_follow_ups(
    questions: &[FollowUp],
    time_box: Option<Duration>,
    by: FollowUpsBy,
    vocabulary: &Vocabulary,
    console: &mut dyn Console,
    clock: &dyn Clock,
    graded: &mut dyn FnMut(&mut dyn Console, FollowUpAnswer) -> Result<(), Stop>,
) -> Result<(), Stop> {
    for (i, question) in questions.iter().enumerate() {
        let own_box = time_box.map(|b| {
            question
                .minutes
                .map_or(b, |m| Duration::from_secs(u64::from(m) * 60))
        });
        console.follow_up(i + 1, questions.len(), &question.ask, own_box)?;
        let role = match by {
            FollowUpsBy::Candidate { .. } => Role::Candidate,
            FollowUpsBy::Interviewer => Role::Interviewer,
        };
        let t0 = clock.now();
        let answered = console.answer(&AnswerSpec {
            hints: &[],
            interviewer: None,
            check: None,
            countdown: own_box.map(|b| Countdown::new(t0, b)),
            clock,
            editor: matches!(by, FollowUpsBy::Candidate { editor: true }),
            role,
        })?;
        if answered.interrupted {
            return Err(Stop::Interrupted);
        }
        let secs = whole_secs(clock.now().saturating_duration_since(t0));
        // A stage's model answer, only now that it has been answered.
        if let Some(model) = &question.answer {
            console.info(&format!("Model answer: {}", model.trim_end()))?;
        }
        let (suggestion, asked) = match role {
            Role::Candidate => (
                grading::suggest_follow_up(question, &answered.text, vocabulary),
                "Grade for this follow-up",
            ),
            Role::Interviewer => (
                grading::suggest_follow_up_from_notes(question, &answered.text, vocabulary),
                "Grade for the candidate's answer to this follow-up",
            ),
        };
        let grade = console.grade_as(role, asked, suggestion.as_ref())?;
        graded(
            console,
            FollowUpAnswer {
                question: question.ask.clone(),
                answer: cap_text(answered.text).0,
                grade: grade.value(),
                answer_secs: secs,
                suggested_grade: suggestion.map(|s| s.grade.value()),
            },
        )?;
    }
    Ok(())
}

/// The time limit of each case of a `!check` run in a drill.
const CHECK_TIMEOUT: Duration = Duration::from_secs(10);

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
    suggested: Vec<u32>,
    suggested_grade: Option<Grade>,
    scenario: Option<crate::history::ScenarioRecord>,
    /// The clarifying questions of a prompt with `facts:` that is not a scenario.
    conversation: Vec<crate::history::Action>,
    check: Option<crate::history::CheckRecord>,
    grade: Option<Grade>,
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
            suggested: Vec::new(),
            suggested_grade: None,
            scenario: None,
            conversation: Vec::new(),
            check: None,
            grade: None,
            partial: false,
        }
    }

    fn worth_keeping(&self) -> bool {
        self.grade.is_some() || !self.answered.text.is_empty()
    }

    /// Everything up to the grade; the note and the follow-ups come after the record
    /// is stored.
    fn run(
        &mut self,
        index: usize,
        total: usize,
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
        // With the time box changed (`--time`), the incident keeps its pace relative to
        // the box: an event at 4 of 10 minutes comes at 2 of 5.
        let pace = self.time_box.as_secs_f64() / (f64::from(prompt.minutes) * 60.0).max(1.0);
        let interviewer = prompt.scenario.as_ref().map(|s| {
            let mut s = s.clone();
            for event in &mut s.timeline {
                event.after = (event.after as f64 * pace).round() as u64;
            }
            RefCell::new(Interviewer::new(&s, &options.vocabulary).with_topic(&prompt.prompt))
        });
        // Any other prompt with `facts:` answers clarifying questions (SPEC §15).
        let clarifier = (interviewer.is_none() && !prompt.facts.is_empty()).then(|| {
            RefCell::new(
                Interviewer::for_facts(&prompt.facts, &options.vocabulary)
                    .with_topic(&prompt.prompt),
            )
        });
        if interviewer.is_some() {
            console.info(
                "The interviewer answers: say what you would check or ask, one line at a time.",
            )?;
        } else if clarifier.is_some() {
            console.info(
                "Ask the interviewer clarifying questions as you go (a line ending in ?); the rest is your answer.",
            )?;
        }
        // `!check CMD` in a checked coding prompt's answer: new cases every run.
        let last_check: RefCell<Option<crate::history::CheckRecord>> = RefCell::new(None);
        let runs = std::cell::Cell::new(0u64);
        let run_check = |command: &str| -> CheckRun {
            let words: Vec<String> = command.split_whitespace().map(str::to_owned).collect();
            if words.is_empty() {
                return CheckRun::NoCommand;
            }
            runs.set(runs.get() + 1);
            let seed = options
                .seed
                .wrapping_add(runs.get().wrapping_mul(0x9e37_79b9_7f4a_7c15));
            match crate::check::run_check(prompt, &words, seed, CHECK_TIMEOUT, clock) {
                Ok(report) => {
                    *last_check.borrow_mut() = Some(crate::history::CheckRecord {
                        command: command.to_owned(),
                        passed: report.passed as u32,
                        total: report.total as u32,
                    });
                    CheckRun::Ran(Box::new(report))
                }
                Err(err) => CheckRun::DidNotRun(format!("{err:#}")),
            }
        };
        let check: Option<&dyn Fn(&str) -> CheckRun> = prompt
            .check
            .as_ref()
            .map(|_| &run_check as &dyn Fn(&str) -> CheckRun);
        let t0 = clock.now();
        let answered = console.answer(&AnswerSpec {
            hints: &prompt.hints,
            interviewer: interviewer.as_ref().or(clarifier.as_ref()),
            check,
            countdown: options.timed.then(|| Countdown::new(t0, self.time_box)),
            clock,
            editor: options.editor,
            role: Role::Candidate,
        });
        self.answer_time = clock.now().saturating_duration_since(t0);
        self.scenario = interviewer.map(|i| i.into_inner().record());
        if let Some(c) = clarifier {
            // The questions asked, not the answer's other lines (they are in `answer`).
            self.conversation = c
                .into_inner()
                .record()
                .actions
                .into_iter()
                .filter(|a| a.matched.is_some())
                .collect();
        }
        self.check = last_check.into_inner();
        self.answered = answered?;
        if self.answered.text.len() > crate::history::ANSWER_CAP {
            console.info(&format!(
                "Your answer is {} bytes; only its first 1 MiB is kept, with a note that the rest was cut.",
                self.answered.text.len()
            ))?;
        }
        if self.answered.interrupted {
            return Err(Stop::Interrupted);
        }
        if let (Some(s), Some(record)) = (&prompt.scenario, &self.scenario) {
            console.info("")?;
            // One text, so a model-path item's rows of command output stay rows.
            console.info(&scenario::debrief(s, record).join("\n"))?;
        }
        if let Some(answer) = &prompt.answer {
            console.info("")?;
            console.info(&format!("Model answer: {}", answer.trim_end()))?;
        }

        let company = prompt.category.is_company();
        let points = prompt.points();
        // Must-haves carry a `*`, and the heading says what it means.
        let texts: Vec<String> = points
            .iter()
            .map(|p| {
                if p.must {
                    format!("* {}", p.point)
                } else {
                    p.point.clone()
                }
            })
            .collect();
        let mut suggested = if company {
            Vec::new()
        } else {
            grading::suggest_points(&points, &self.answered.text, &options.vocabulary)
        };
        if let Some(c) = &self.check {
            grading::suggest_checked(&mut suggested, &points, c.passed, c.total);
        }
        self.suggested = suggested.iter().map(|s| s.point).collect();
        self.covered = console.points(&Reveal {
            heading: if company {
                "Listen for (good signs in the company's answer):"
            } else {
                "Rubric: what a strong answer covers"
            },
            points: &texts,
            suggested: &suggested,
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
        let suggestion = (!company).then(|| {
            grading::suggest_grade(&grading::Facts {
                points: &points,
                covered: &self.covered,
                hints_used: self.answered.hints_used,
                hints_total: prompt.hints.len(),
                overtime: options.timed && self.answer_time > self.time_box,
                scenario: self.scenario.as_ref(),
                check: self.check.as_ref().map(|c| (c.passed, c.total)),
            })
        });
        self.suggested_grade = suggestion.as_ref().map(|s| s.grade);
        self.grade = Some(console.grade("Grade", suggestion.as_ref())?);
        Ok(())
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
            answer: cap_text(self.answered.text.clone()).0,
            rubric: Coverage {
                covered: self.covered.clone(),
                total: prompt.points().len() as u32,
                suggested: self.suggested.clone(),
                must_missed: if prompt.category.is_company() {
                    Vec::new()
                } else {
                    grading::must_missed(&prompt.rubric, &self.covered)
                },
            },
            grade: self.grade.map_or(1, Grade::value),
            follow_ups: Vec::new(),
            note: String::new(),
            partial: self.partial,
            version: env!("CARGO_PKG_VERSION").to_owned(),
            lab: None,
            suggested_grade: self.suggested_grade.map(Grade::value),
            scenario: self.scenario.clone(),
            conversation: self.conversation.clone(),
            check: self.check.clone(),
            graded_by: None,
            ticks: Vec::new(),
            pitfalls_seen: Vec::new(),
            regrades: Vec::new(),
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
