//! One lab, start to finish, through the session's pieces: the `Console` for the
//! header, answer lines, hints, the note and the follow-ups; a `Countdown` for the
//! time box; the `Recorder` for the attempt.
//!
//! The flow: brief, folder and question; optionally a shell in the folder; answer
//! lines (three tries, `?` for the next hint, `!` for the shell again), each checked at
//! once; the computed grade; the note; the follow-ups; the record. Nothing here spawns
//! processes or touches files: the shell is a callback and the folder is already made.

use std::path::Path;
use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::StdRng;

use super::answer::{Context, is_correct};
use super::generators::Generated;
use super::spec::{Lab, TRIES};
use crate::clock::Clock;
use crate::console::{Console, Header, Stop, SummaryRow};
use crate::countdown::{Countdown, clock_face, whole_secs};
use crate::grade::Grade;
use crate::history::{Attempt, Coverage, LabRecord, VERSION};
use crate::session::{Recorder, ask_follow_ups, follow_up_box, pick_follow_ups};

/// How the lab runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub timed: bool,
    /// Follow-ups asked after the lab (its own first, then the general pool).
    pub follow_ups: usize,
    /// The seed the folder was generated from (stored with the attempt).
    pub seed: u64,
    pub session_id: String,
}

/// A lab whose folder is written, and everything its run needs besides the console,
/// the clock and where the attempt is recorded.
pub struct ReadyLab<'a> {
    pub lab: &'a Lab,
    /// The folder the evidence was written to.
    pub folder: &'a Path,
    /// What the generator wrote and planted there.
    pub generated: &'a Generated,
    /// The general follow-up pool, asked after the lab's own follow-ups.
    pub follow_up_pool: &'a [String],
    pub options: Options,
    /// Opens the user's shell in the folder (`--shell` on a terminal); `None` otherwise.
    pub shell: Option<&'a mut dyn FnMut() -> anyhow::Result<()>>,
}

/// How a lab ended.
#[derive(Debug)]
pub struct Outcome {
    /// The stored attempt, when there was one to store.
    pub attempt: Option<Attempt>,
    pub summary: Option<SummaryRow>,
    /// Ctrl-C: the caller exits 130.
    pub interrupted: bool,
}

/// The grade a lab earns, computed rather than self-assessed.
///
/// Every "help" costs a step: each hint, each wrong try before the right one, and
/// finishing past the time box (timed labs only). No help: 4 Easy. One: 3 Good. Two or
/// more: 2 Hard. Not solved in three tries: 1 Again.
#[must_use]
pub fn grade(solved: bool, tries: u32, hints: u32, overtime: bool) -> Grade {
    if !solved {
        return Grade::AGAIN;
    }
    match hints + tries.saturating_sub(1) + u32::from(overtime) {
        0 => Grade::EASY,
        1 => Grade::GOOD,
        _ => Grade::HARD,
    }
}

/// What the user did at the answer line.
struct Answering {
    tries: Vec<String>,
    hints: u32,
    solved: bool,
}

/// Runs one lab whose folder is ready.
///
/// # Errors
/// A console failure, or the recorder failing to store the graded attempt.
pub fn run_lab(
    ready: ReadyLab<'_>,
    console: &mut dyn Console,
    clock: &dyn Clock,
    recorder: &mut dyn Recorder,
) -> anyhow::Result<Outcome> {
    let ReadyLab {
        lab,
        folder,
        generated,
        follow_up_pool: pool,
        options,
        mut shell,
    } = ready;
    let options = &options;
    let time_box = Duration::from_secs(u64::from(lab.minutes) * 60);
    let prompt = lab.as_prompt();
    let started = clock.wall();
    let shown_folder = folder.display().to_string();
    let fail = |stop: Stop| -> anyhow::Result<Outcome> {
        match stop {
            Stop::Failed(err) => Err(err),
            Stop::EndOfInput => Ok(Outcome {
                attempt: None,
                summary: None,
                interrupted: false,
            }),
            Stop::Interrupted => Ok(Outcome {
                attempt: None,
                summary: None,
                interrupted: true,
            }),
        }
    };

    if let Err(stop) = intro(
        lab,
        &prompt,
        &shown_folder,
        options.timed,
        time_box,
        shell.is_some(),
        console,
    ) {
        return fail(stop);
    }
    let t0 = clock.now();
    let countdown = options.timed.then(|| Countdown::new(t0, time_box));
    if let Some(open) = shell.as_deref_mut()
        && let Err(stop) = open_shell(open, lab, console)
    {
        return fail(stop);
    }

    let mut answering = Answering {
        tries: Vec::new(),
        hints: 0,
        solved: false,
    };
    let ctx = Context {
        folder: Some(shown_folder.clone()),
    };
    let stopped = loop {
        let left = TRIES - answering.tries.len() as u32;
        let question = format!(
            "Your answer ({left} {} left; ? hint{}):",
            if left == 1 { "try" } else { "tries" },
            if shell.is_some() { ", ! shell" } else { "" }
        );
        let line = match console.ask_line(&question, countdown, clock) {
            Ok(line) => line,
            Err(stop) => break Some(stop),
        };
        let line = line.trim();
        let result = match line {
            "?" => show_hint(lab, &mut answering, console),
            "!" => match shell.as_deref_mut() {
                Some(open) => open_shell(open, lab, console),
                None => console.info("There is no shell in this mode; run `sre-drill lab ID --shell` on a terminal, or open the folder in another window."),
            },
            "" => console.info("Type your answer on one line, `?` for a hint."),
            answer => {
                answering.tries.push(answer.to_owned());
                if is_correct(lab.rule, &generated.planted, answer, &ctx) {
                    answering.solved = true;
                    break None;
                }
                let left = TRIES - answering.tries.len() as u32;
                if left == 0 {
                    break None;
                }
                console.info(&format!("Not quite. {left} {} left.", if left == 1 { "try" } else { "tries" }))
            }
        };
        if let Err(stop) = result {
            break Some(stop);
        }
    };
    let elapsed = clock.now().saturating_duration_since(t0);
    let planted = generated.planted.to_string();
    let attempt = |answering: &Answering| {
        build(
            lab, options, started, clock, time_box, elapsed, answering, &planted,
        )
    };
    match stopped {
        None => {}
        Some(Stop::Interrupted) => {
            // Nothing graded yet: offer to log the partial attempt as not solved.
            if matches!(console.confirm_partial(), Ok(true)) {
                let mut record = attempt(&answering);
                record.partial = true;
                crate::session::store(recorder, console, &record)?;
                return Ok(Outcome {
                    summary: Some(summary_row(&record)),
                    attempt: Some(record),
                    interrupted: true,
                });
            }
            return Ok(Outcome {
                attempt: None,
                summary: None,
                interrupted: true,
            });
        }
        Some(stop) => return fail(stop),
    }

    let overtime = options.timed && elapsed > time_box;
    let earned = grade(
        answering.solved,
        answering.tries.len() as u32,
        answering.hints,
        overtime,
    );
    let verdict = verdict(
        &answering,
        &planted,
        elapsed,
        options.timed.then_some(time_box),
        earned,
    );
    // The grade was computed when the answer was checked: the attempt is on disk
    // before the note and the follow-ups, which follow as lines of their own, so input
    // ending, Ctrl-C, a kill or a console failure during them loses nothing graded.
    let mut record = attempt(&answering);
    crate::session::store(recorder, console, &record)?;
    let after = (|| -> Result<(), Stop> {
        console.info(&verdict)?;
        console.info(&format!("Why: {}", generated.explanation))?;
        crate::session::ask_note(console, clock, recorder, &mut record)?;
        let mut rng = StdRng::seed_from_u64(options.seed ^ 0x1ab5_f011_0a55);
        let own: Vec<crate::bank::FollowUp> = lab
            .follow_ups
            .iter()
            .map(|q| crate::bank::FollowUp::plain(q))
            .collect();
        let questions = pick_follow_ups(&own, pool, options.follow_ups, &mut rng);
        let fu_box = follow_up_box(time_box);
        ask_follow_ups(
            &questions,
            options.timed.then_some(fu_box),
            crate::session::FollowUpsBy::Candidate { editor: false },
            &crate::bank::Vocabulary::default(),
            console,
            clock,
            &mut |console, answer| {
                let line = crate::session::follow_up_line(&record, clock, answer);
                crate::session::store_follow_up(recorder, console, &line)?;
                record.follow_ups.push(line.answer);
                Ok(())
            },
        )
    })();
    let mut interrupted = false;
    match after {
        Ok(()) | Err(Stop::EndOfInput) => {}
        Err(Stop::Interrupted) => interrupted = true,
        Err(Stop::Failed(err)) => return Err(err),
    }
    Ok(Outcome {
        summary: Some(summary_row(&record)),
        attempt: Some(record),
        interrupted,
    })
}

fn intro(
    lab: &Lab,
    prompt: &crate::bank::Prompt,
    folder: &str,
    timed: bool,
    time_box: Duration,
    has_shell: bool,
    console: &mut dyn Console,
) -> Result<(), Stop> {
    console.header(&Header {
        index: 1,
        total: 1,
        prompt,
        timed,
        time_box,
    })?;
    console.info(&format!("Lab folder: {folder}"))?;
    console.info(&format!("Question: {}", lab.question))?;
    console.info(&lab.rule.how_to_answer())?;
    let shell = if has_shell {
        " A line `!` opens the shell again."
    } else {
        " Investigate in another terminal with your own tools."
    };
    console.info(&format!(
        "{} tries; a line `?` shows the next hint.{shell}{}",
        TRIES,
        if timed {
            format!(" The clock runs from now: {}.", clock_face(time_box, false))
        } else {
            String::new()
        }
    ))
}

fn open_shell(
    open: &mut dyn FnMut() -> anyhow::Result<()>,
    lab: &Lab,
    console: &mut dyn Console,
) -> Result<(), Stop> {
    console.info(
        "Opening a shell in the lab folder. Type `exit` (or Ctrl-D) to come back and answer.",
    )?;
    if let Err(err) = open() {
        console.info(&format!(
            "The shell could not be opened: {err:#}. Open the folder in another terminal."
        ))?;
    }
    console.info(&format!(
        "\nBack from the shell. Question: {}",
        lab.question
    ))
}

fn show_hint(lab: &Lab, answering: &mut Answering, console: &mut dyn Console) -> Result<(), Stop> {
    let next = answering.hints as usize;
    match lab.hints.get(next) {
        Some(hint) => {
            answering.hints += 1;
            console.info(&format!("Hint {}/{}: {hint}", next + 1, lab.hints.len()))
        }
        None if lab.hints.is_empty() => console.info("This lab has no hints."),
        None => console.info("No more hints."),
    }
}

fn verdict(
    answering: &Answering,
    expected: &str,
    elapsed: Duration,
    time_box: Option<Duration>,
    grade: Grade,
) -> String {
    let time = match time_box {
        Some(b) if elapsed > b => format!(
            "{} (overtime +{})",
            clock_face(elapsed, false),
            clock_face(elapsed.saturating_sub(b), false)
        ),
        Some(b) => format!("{} of {}", clock_face(elapsed, false), clock_face(b, false)),
        None => clock_face(elapsed, false),
    };
    let tries = answering.tries.len();
    let how = format!(
        "{} {}, {} {}",
        tries,
        if tries == 1 { "try" } else { "tries" },
        answering.hints,
        if answering.hints == 1 {
            "hint"
        } else {
            "hints"
        }
    );
    if answering.solved {
        format!("Correct: {expected}. Solved in {time}, {how}. Grade: {grade}.")
    } else {
        format!("Not solved. The answer was: {expected}. Time {time}, {how}. Grade: {grade}.")
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    lab: &Lab,
    options: &Options,
    started: chrono::DateTime<chrono::FixedOffset>,
    clock: &dyn Clock,
    time_box: Duration,
    elapsed: Duration,
    answering: &Answering,
    expected: &str,
) -> Attempt {
    let overtime = if options.timed {
        elapsed.saturating_sub(time_box)
    } else {
        Duration::ZERO
    };
    let earned = grade(
        answering.solved,
        answering.tries.len() as u32,
        answering.hints,
        !overtime.is_zero(),
    );
    Attempt {
        v: VERSION,
        id: format!("{}.1", options.session_id),
        session: options.session_id.clone(),
        started,
        finished: clock.wall(),
        prompt: crate::bank::PromptId(lab.id.clone()),
        title: lab.title.clone(),
        category: crate::bank::Category::new(super::CATEGORY),
        level: lab.level,
        tags: lab.tags.clone(),
        timed: options.timed,
        time_box_secs: time_box.as_secs(),
        think_secs: 0,
        answer_secs: whole_secs(elapsed),
        overtime_secs: whole_secs(overtime),
        hints_used: answering.hints,
        answer: answering.tries.join("\n"),
        // A lab has one point to cover: finding the planted fault. Stats read its
        // coverage as the share of labs solved.
        rubric: Coverage {
            covered: if answering.solved {
                vec![1]
            } else {
                Vec::new()
            },
            total: 1,
            ..Coverage::default()
        },
        grade: earned.value(),
        follow_ups: Vec::new(),
        note: String::new(),
        partial: false,
        version: env!("CARGO_PKG_VERSION").to_owned(),
        suggested_grade: None,
        scenario: None,
        conversation: Vec::new(),
        check: None,
        graded_by: None,
        ticks: Vec::new(),
        pitfalls_seen: Vec::new(),
        regrades: Vec::new(),
        lab: Some(LabRecord {
            seed: options.seed,
            tries: answering.tries.len() as u32,
            solved: answering.solved,
            expected: expected.to_owned(),
        }),
    }
}

fn summary_row(record: &Attempt) -> SummaryRow {
    SummaryRow {
        title: record.title.clone(),
        time: Duration::from_secs(record.answer_secs),
        time_box: Duration::from_secs(record.time_box_secs),
        overtime: record.overtime_secs > 0,
        covered: record.rubric.covered.len(),
        total: record.rubric.total as usize,
        grade: grade(
            record.lab.as_ref().is_some_and(|l| l.solved),
            record.lab.as_ref().map_or(0, |l| l.tries),
            record.hints_used,
            record.overtime_secs > 0,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::grade;

    #[test]
    fn the_grade_counts_hints_retries_and_overtime() {
        assert_eq!(grade(true, 1, 0, false).value(), 4);
        assert_eq!(grade(true, 1, 1, false).value(), 3);
        assert_eq!(grade(true, 2, 0, false).value(), 3);
        assert_eq!(grade(true, 1, 0, true).value(), 3);
        assert_eq!(grade(true, 2, 1, false).value(), 2);
        assert_eq!(grade(true, 3, 0, false).value(), 2);
        assert_eq!(grade(true, 1, 3, true).value(), 2);
        assert_eq!(grade(false, 3, 0, false).value(), 1);
        assert_eq!(grade(false, 0, 0, false).value(), 1);
    }
}
