//! The session as a specification: scripted answers in, records and transcript out.

use std::io::Cursor;
use std::time::Duration;

use chrono::DateTime;

use super::*;
use crate::bank::{Category, Level, PromptId, RubricPoint, Source};
use crate::clock::ManualClock;
use crate::console::{Plain, Stop};
use crate::history::Attempt;

fn prompt(id: &str, category: &str, minutes: u32) -> Prompt {
    let company = category == "company";
    let list = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    Prompt {
        id: PromptId(id.to_owned()),
        title: format!("Title of {id}"),
        category: Category::new(category),
        level: Level::Mid,
        tags: list(&["linux"]),
        minutes,
        think_seconds: Some(30),
        prompt: "What do you do?".to_owned(),
        hints: list(&["First hint", "Second hint"]),
        rubric: if company {
            vec![]
        } else {
            ["Asks what changed", "Checks logs", "Mitigates first"]
                .iter()
                .map(|t| RubricPoint::plain(t))
                .collect()
        },
        pitfalls: list(&["Reboots blindly"]),
        follow_ups: vec![FollowUp::plain("How would you roll it back?")],
        why: company.then(|| "Shows the load.".to_owned()),
        listen_for: if company {
            list(&["Pages are reviewed", "Alerts get deleted"])
        } else {
            vec![]
        },
        red_flags: if company {
            list(&["Nobody may fix it"])
        } else {
            vec![]
        },
        scenario: None,
        facts: Vec::new(),
        source: Source::BuiltIn,
        check: None,
        answer: None,
        formerly: Vec::new(),
        overrides_built_in: false,
    }
}

/// A plain console whose answers take `per_answer` of manual time. Answer number
/// `interrupt` (from 1; 0 for none) is cut short by Ctrl-C, the question whether to
/// keep the partial attempt gets `keep`, and the time box of each follow-up is noted.
struct Paced<'a> {
    inner: Plain<Cursor<Vec<u8>>, Vec<u8>>,
    clock: &'a ManualClock,
    per_answer: Duration,
    interrupt: usize,
    answers: usize,
    keep: bool,
    asked_to_keep: usize,
    follow_up_boxes: Vec<(usize, usize, Option<Duration>)>,
}

impl<'a> Paced<'a> {
    fn new(script: &str, clock: &'a ManualClock, per_answer: Duration) -> Self {
        Self {
            inner: Plain::new(Cursor::new(script.as_bytes().to_vec()), Vec::new()),
            clock,
            per_answer,
            interrupt: 0,
            answers: 0,
            keep: false,
            asked_to_keep: 0,
            follow_up_boxes: Vec::new(),
        }
    }
}

impl Console for Paced<'_> {
    fn header(&mut self, h: &Header<'_>) -> Result<(), Stop> {
        self.inner.header(h)
    }
    fn plan(&mut self, c: crate::countdown::Countdown, clock: &dyn Clock) -> Result<(), Stop> {
        self.clock.advance(Duration::from_secs(10));
        self.inner.plan(c, clock)
    }
    fn answer(&mut self, spec: &AnswerSpec<'_>) -> Result<Answered, Stop> {
        self.answers += 1;
        let out = self.inner.answer(spec);
        self.clock.advance(self.per_answer);
        let mut out = out?;
        out.interrupted = self.answers == self.interrupt;
        Ok(out)
    }
    fn points(&mut self, reveal: &Reveal<'_>) -> Result<Vec<u32>, Stop> {
        self.inner.points(reveal)
    }
    fn grade(
        &mut self,
        q: &str,
        s: Option<&crate::grading::GradeSuggestion>,
    ) -> Result<Grade, Stop> {
        self.inner.grade(q, s)
    }
    fn note(&mut self) -> Result<String, Stop> {
        self.inner.note()
    }
    fn follow_up(&mut self, i: usize, n: usize, q: &str, b: Option<Duration>) -> Result<(), Stop> {
        self.follow_up_boxes.push((i, n, b));
        self.inner.follow_up(i, n, q, b)
    }
    fn confirm_partial(&mut self) -> Result<bool, Stop> {
        self.asked_to_keep += 1;
        Ok(self.keep)
    }
    fn info(&mut self, text: &str) -> Result<(), Stop> {
        self.inner.info(text)
    }
}

struct Run {
    outcome: Outcome,
    records: Vec<Attempt>,
    transcript: String,
}

fn run_script(
    prompts: &[Prompt],
    script: &str,
    timed: bool,
    per_answer: Duration,
    follow_ups: usize,
) -> Run {
    let clock = ManualClock::at(DateTime::parse_from_rfc3339("2026-11-27T10:00:00+01:00").unwrap());
    let mut console = Paced::new(script, &clock, per_answer);
    let mut records: Vec<Attempt> = Vec::new();
    let options = Options {
        timed,
        time_override: None,
        follow_ups,
        editor: false,
        seed: 7,
        session_id: "20261127-100000-0000abcd".to_owned(),
        vocabulary: Vocabulary::default(),
    };
    let pool = vec![
        "What would you monitor?".to_owned(),
        "How would you test it?".to_owned(),
    ];
    let refs: Vec<&Prompt> = prompts.iter().collect();
    let outcome = run(&refs, &pool, &mut console, &clock, &mut records, &options).unwrap();
    let Paced { inner, .. } = console;
    let transcript = String::from_utf8(inner.into_parts().1).unwrap();
    Run {
        outcome,
        records,
        transcript,
    }
}

#[test]
fn a_two_prompt_session_records_two_graded_attempts() {
    let prompts = [
        prompt("a", "troubleshooting", 10),
        prompt("b", "coding", 30),
    ];
    let script = "\
line one
?
line two
.
1 3
good
check logs first
roll back with the flag
.
2
dashboards
.
4
.
all
1

.
3
.
again
";
    let run = run_script(&prompts, script, true, Duration::from_secs(90), 2);
    assert!(matches!(run.outcome.ending, Ending::Finished));
    assert_eq!(run.records.len(), 2);
    let (a, b) = (&run.records[0], &run.records[1]);

    assert_eq!(a.prompt.0, "a");
    assert_eq!(a.answer, "line one\nline two");
    assert_eq!(a.hints_used, 1);
    assert_eq!(a.rubric.covered, vec![1, 3]);
    assert_eq!(a.rubric.total, 3);
    assert_eq!(a.grade, 3);
    assert_eq!(a.note, "check logs first");
    assert_eq!(a.follow_ups.len(), 2);
    assert_eq!(a.follow_ups[0].question, "How would you roll it back?");
    assert_eq!(a.follow_ups[0].answer, "roll back with the flag");
    assert_eq!(a.follow_ups[0].grade, 2);
    assert_eq!(a.follow_ups[1].grade, 4);
    assert_eq!(a.follow_ups[0].answer_secs, 90);
    assert!(a.timed);
    assert_eq!(a.time_box_secs, 600);
    assert_eq!(a.think_secs, 10);
    assert_eq!(a.answer_secs, 90);
    assert_eq!(a.overtime_secs, 0);
    assert_eq!(a.id, "20261127-100000-0000abcd.1");
    assert_eq!(a.session, "20261127-100000-0000abcd");
    assert_eq!(a.started.to_rfc3339(), "2026-11-27T10:00:00+01:00");

    assert_eq!(b.prompt.0, "b");
    assert_eq!(b.answer, "");
    assert_eq!(b.rubric.covered, vec![1, 2, 3]);
    assert_eq!(b.grade, 1);
    assert_eq!(b.note, "");
    assert_eq!(b.follow_ups.len(), 2);
    assert_eq!(b.id, "20261127-100000-0000abcd.2");

    assert!(
        run.transcript
            .contains("[1/2] troubleshooting · mid · 10 min"),
        "{}",
        run.transcript
    );
    assert!(run.transcript.contains("Hint 1/2: First hint"));
    assert!(run.transcript.contains("  2. Checks logs"));
    assert_eq!(run.outcome.summary.len(), 2);
}

#[test]
fn overtime_is_what_the_answer_took_beyond_the_box() {
    let prompts = [prompt("a", "troubleshooting", 1)];
    let run = run_script(&prompts, "x\n.\n\n3\n\n", true, Duration::from_secs(75), 0);
    let a = &run.records[0];
    assert_eq!(
        (a.time_box_secs, a.answer_secs, a.overtime_secs),
        (60, 75, 15)
    );
    assert!(run.outcome.summary[0].overtime);
}

#[test]
fn untimed_sessions_log_time_but_no_overtime_or_planning() {
    let prompts = [prompt("a", "troubleshooting", 1)];
    let run = run_script(&prompts, "x\n.\n\n3\n\n", false, Duration::from_secs(75), 0);
    let a = &run.records[0];
    assert!(!a.timed);
    assert_eq!((a.answer_secs, a.overtime_secs, a.think_secs), (75, 0, 0));
}

#[test]
fn end_of_input_keeps_graded_attempts_and_drops_the_partial_one() {
    let prompts = [
        prompt("a", "troubleshooting", 10),
        prompt("b", "troubleshooting", 10),
    ];
    let run = run_script(
        &prompts,
        "first\n.\n1\n3\n\nhalf of the second",
        false,
        Duration::ZERO,
        0,
    );
    assert!(matches!(run.outcome.ending, Ending::Finished));
    assert_eq!(run.records.len(), 1);
    assert_eq!(run.records[0].prompt.0, "a");
}

#[test]
fn invalid_lines_get_one_complaint_and_the_same_question_again() {
    let prompts = [prompt("a", "troubleshooting", 10)];
    let run = run_script(
        &prompts,
        "x\n.\n1 9\n2\nexcellent\n5\neasy\n\n",
        false,
        Duration::ZERO,
        0,
    );
    assert_eq!(run.records[0].rubric.covered, vec![2]);
    assert_eq!(run.records[0].grade, 4);
    let t = &run.transcript;
    assert_eq!(
        t.matches("sre-drill: '9' is not a point number").count(),
        1,
        "{t}"
    );
    assert_eq!(
        t.matches("sre-drill: 'excellent' is not a grade").count(),
        1,
        "{t}"
    );
    assert_eq!(t.matches("sre-drill: '5' is not a grade").count(), 1, "{t}");
    assert_eq!(t.matches("Points covered").count(), 2);
}

#[test]
fn asking_past_the_last_hint_says_so_and_counts_only_real_hints() {
    let prompts = [prompt("a", "troubleshooting", 10)];
    let run = run_script(&prompts, "?\n?\n?\n.\n\n3\n\n", false, Duration::ZERO, 0);
    assert_eq!(run.records[0].hints_used, 2);
    assert!(run.transcript.contains("No more hints."));
}

#[test]
fn company_prompts_tick_what_to_listen_for_and_ask_no_reliability_follow_ups() {
    let prompts = [prompt("co-x", "company", 5)];
    let run = run_script(
        &prompts,
        "I would ask about pages\n.\n2\n3\n\n",
        false,
        Duration::ZERO,
        2,
    );
    let a = &run.records[0];
    assert_eq!(a.rubric.total, 2);
    assert_eq!(a.rubric.covered, vec![2]);
    assert!(a.follow_ups.is_empty());
    assert!(run.transcript.contains("Listen for"));
    assert!(run.transcript.contains("Red flags:"));
    assert!(run.transcript.contains("Dig deeper with:"));
}

#[test]
fn follow_ups_come_from_the_prompt_first_then_the_pool() {
    let p = prompt("a", "troubleshooting", 10);
    let pool = vec!["P1".to_owned(), "P2".to_owned(), "P3".to_owned()];
    let mut rng = StdRng::seed_from_u64(1);
    let qs = follow_up_questions(&p, &pool, 2, &mut rng);
    assert_eq!(qs[0].ask, "How would you roll it back?");
    assert!(pool.contains(&qs[1].ask));
    assert!(follow_up_questions(&p, &pool, 0, &mut rng).is_empty());
    let mut no_own = p.clone();
    no_own.follow_ups.clear();
    assert_eq!(follow_up_questions(&no_own, &pool, 3, &mut rng).len(), 3);
}

#[test]
fn follow_up_boxes_are_a_quarter_between_one_and_five_minutes() {
    assert_eq!(
        follow_up_box(Duration::from_secs(600)),
        Duration::from_secs(150)
    );
    assert_eq!(
        follow_up_box(Duration::from_secs(120)),
        Duration::from_secs(60)
    );
    assert_eq!(
        follow_up_box(Duration::from_secs(3600)),
        Duration::from_secs(300)
    );
}

/// The line kinds a recorder can fail on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Line {
    Attempt,
    Note,
    FollowUp,
}

/// Stores attempts, and fails on every line of one kind as a full disk would.
struct FailsOn(Line, Vec<Attempt>);

impl FailsOn {
    fn check(&self, kind: Line) -> anyhow::Result<()> {
        if self.0 == kind {
            anyhow::bail!("cannot append to the history file /full/history.jsonl")
        }
        Ok(())
    }
}

impl Recorder for FailsOn {
    fn record(&mut self, a: &Attempt) -> anyhow::Result<()> {
        self.check(Line::Attempt)?;
        self.1.push(a.clone());
        Ok(())
    }

    fn record_follow_up(&mut self, _: &FollowUpRecord) -> anyhow::Result<()> {
        self.check(Line::FollowUp)
    }

    fn record_note(&mut self, _: &NoteRecord) -> anyhow::Result<()> {
        self.check(Line::Note)
    }
}

/// Untimed, with `follow_ups` follow-ups, seed 1, session `s`.
fn untimed(follow_ups: usize) -> Options {
    Options {
        timed: false,
        time_override: None,
        follow_ups,
        editor: false,
        seed: 1,
        session_id: "s".to_owned(),
        vocabulary: Vocabulary::default(),
    }
}

#[test]
fn a_failed_append_shows_the_typed_answer_before_the_error() {
    let clock = ManualClock::at(DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00").unwrap());
    let prompts = [prompt("a", "troubleshooting", 10)];
    let refs: Vec<&Prompt> = prompts.iter().collect();
    let mut console = Plain::new(
        Cursor::new(b"my precious answer\n.\n\n3\npage earlier\n".to_vec()),
        Vec::new(),
    );
    let options = untimed(0);
    let err = run(
        &refs,
        &[],
        &mut console,
        &clock,
        &mut FailsOn(Line::Attempt, Vec::new()),
        &options,
    )
    .unwrap_err();
    assert!(err.to_string().contains("/full/history.jsonl"));
    let transcript = String::from_utf8(console.into_parts().1).unwrap();
    assert!(transcript.contains("my precious answer"), "{transcript}");
    // The attempt is stored at its grade, so the failure comes before the note is asked.
    assert!(!transcript.contains("Next time I would"), "{transcript}");
}

#[test]
fn the_attempt_is_stored_before_its_note_and_a_failed_note_is_shown() {
    let clock = ManualClock::at(DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00").unwrap());
    let prompts = [prompt("a", "troubleshooting", 10)];
    let refs: Vec<&Prompt> = prompts.iter().collect();
    let mut console = Plain::new(
        Cursor::new(b"my answer\n.\n\n3\npage earlier\n".to_vec()),
        Vec::new(),
    );
    let options = untimed(0);
    let mut recorder = FailsOn(Line::Note, Vec::new());
    let err = run(&refs, &[], &mut console, &clock, &mut recorder, &options).unwrap_err();
    assert!(err.to_string().contains("/full/history.jsonl"));
    assert_eq!(recorder.1.len(), 1, "the graded attempt was stored");
    assert_eq!(recorder.1[0].grade, 3);
    assert_eq!(
        recorder.1[0].note, "",
        "the note is not part of the attempt line"
    );
    let transcript = String::from_utf8(console.into_parts().1).unwrap();
    assert!(
        transcript.contains("Next time I would: page earlier"),
        "{transcript}"
    );
}

#[test]
fn a_failed_follow_up_append_shows_its_question_and_answer() {
    let clock = ManualClock::at(DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00").unwrap());
    let prompts = [prompt("a", "troubleshooting", 10)];
    let refs: Vec<&Prompt> = prompts.iter().collect();
    let mut console = Plain::new(
        Cursor::new(b"main answer\n.\n\n3\n\nroll out to one host first\n.\n3\n".to_vec()),
        Vec::new(),
    );
    let options = untimed(1);
    let pool = ["How would you roll it out?".to_owned()];
    let err = run(
        &refs,
        &pool,
        &mut console,
        &clock,
        &mut FailsOn(Line::FollowUp, Vec::new()),
        &options,
    )
    .unwrap_err();
    assert!(err.to_string().contains("/full/history.jsonl"));
    let transcript = String::from_utf8(console.into_parts().1).unwrap();
    let shown = &transcript[transcript.find("could not be saved").unwrap()..];
    assert!(shown.contains("Follow-up: "), "{shown}");
    assert!(shown.contains("roll out to one host first"), "{shown}");
}

#[test]
fn session_ids_sort_by_time() {
    let t = DateTime::parse_from_rfc3339("2026-11-27T10:00:05+01:00").unwrap();
    assert_eq!(session_id(t, 0x1234_5678_9abc), "20261127-100005-56789abc");
}

/// A clock that moves `step` forward every time it is read: time passing while the
/// candidate types, without any sleep.
#[derive(Debug)]
struct Ticking {
    inner: ManualClock,
    step: Duration,
}

impl Clock for Ticking {
    fn now(&self) -> std::time::Instant {
        self.inner.advance(self.step);
        self.inner.now()
    }
    fn wall(&self) -> chrono::DateTime<chrono::FixedOffset> {
        self.inner.wall()
    }
}

fn scenario_prompt() -> Prompt {
    use crate::bank::{Event, Evidence, Reply, Scenario};
    let mut p = prompt("ts-scenario", "troubleshooting", 10);
    p.scenario = Some(Scenario {
        facts: vec![Reply {
            ask: vec!["root".into()],
            say: "Yes, sudo everywhere.".into(),
        }],
        evidence: vec![Evidence {
            id: "disk".into(),
            ask: vec!["df".into(), "disk space".into()],
            say: "/ is at 98%".into(),
            key: true,
        }],
        risky: vec![Reply {
            ask: vec!["reboot".into()],
            say: "It serves checkout. What happens to those requests?".into(),
        }],
        cause: Reply {
            ask: vec!["deleted open file".into()],
            say: "A rotated log still held open.".into(),
        },
        fixes: Vec::new(),
        timeline: vec![Event {
            after: 100,
            say: "The disk is now at 99%.".into(),
        }],
        otherwise: None,
    });
    p
}

/// Plays `script` against the scenario prompt with a clock moving 30 s per reading.
fn play_scenario(script: &str, time_override: Option<Duration>) -> (Vec<Attempt>, String) {
    let p = scenario_prompt();
    let clock = Ticking {
        inner: ManualClock::at(DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00").unwrap()),
        step: Duration::from_secs(30),
    };
    let mut console = Plain::new(Cursor::new(script.as_bytes().to_vec()), Vec::new());
    let mut records: Vec<Attempt> = Vec::new();
    let options = Options {
        timed: true,
        time_override,
        follow_ups: 0,
        editor: false,
        seed: 1,
        session_id: "s".to_owned(),
        vocabulary: Vocabulary::default(),
    };
    run(&[&p], &[], &mut console, &clock, &mut records, &options).unwrap();
    (records, String::from_utf8(console.into_parts().1).unwrap())
}

#[test]
fn the_timeline_keeps_its_pace_when_the_time_box_is_changed() {
    // Every line is a question, so every line gets a reply: count replies before the event.
    let script = "server one?\nserver two?\nserver three?\nserver four?\nserver five?\nserver six?\n.\n\n3\n\n";
    let replies_before_event = |transcript: &str| {
        let event = transcript
            .find("The disk is now at 99%")
            .unwrap_or_else(|| panic!("no event in\n{transcript}"));
        transcript[..event]
            .matches("interviewer: Nothing unusual")
            .count()
    };
    let (_, own) = play_scenario(script, None);
    let (_, half) = play_scenario(script, Some(Duration::from_secs(300)));
    // The event at 100 s of 10 minutes comes at 50 s of 5 minutes: earlier in the talk.
    assert!(
        replies_before_event(&half) < replies_before_event(&own),
        "half:\n{half}\nown:\n{own}"
    );
}

#[test]
fn a_scenario_answers_each_line_moves_the_timeline_on_and_is_recorded() {
    let script = "do I have root?\ndf -h\nwhy is it slow?\nreboot it\nlsof shows a deleted open file\n.\nauto\n3\n\n";
    let (records, transcript) = play_scenario(script, None);
    assert_eq!(records.len(), 1);
    let at = |needle: &str| {
        transcript
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing from\n{transcript}"))
    };
    // Each reply comes right after the line that asked; the timeline speaks once its
    // time has passed, before the next reply.
    assert!(at("interviewer: Yes, sudo everywhere.") < at("interviewer: / is at 98%"));
    assert!(at("interviewer: / is at 98%") < at("interviewer: Nothing unusual there."));
    assert!(at("interviewer: The disk is now at 99%.") < at("interviewer: It serves checkout."));
    assert_eq!(transcript.matches("The disk is now at 99%").count(), 1);
    assert!(at("Debrief: key evidence found 1 of 1") > at("interviewer: Noted."));
    let s = records[0]
        .scenario
        .as_ref()
        .expect("the record keeps the scenario");
    assert_eq!((s.key_found, s.key_total), (1, 1));
    assert!(s.cause_named);
    assert_eq!(s.risky, vec!["reboot".to_owned()]);
    let matched: Vec<Option<&str>> = s.actions.iter().map(|a| a.matched.as_deref()).collect();
    assert_eq!(
        matched,
        vec![
            Some("fact:1"),
            Some("evidence:disk"),
            Some("otherwise"),
            Some("risky:1"),
            Some("cause")
        ]
    );
    assert!(
        s.actions.windows(2).all(|w| w[0].secs < w[1].secs),
        "times from the clock"
    );
    // `auto` took the suggested points; the suggestion is kept beside the choice.
    assert_eq!(records[0].rubric.covered, records[0].rubric.suggested);
    assert!(records[0].suggested_grade.is_some());
}

struct Stopped {
    outcome: Outcome,
    records: Vec<Attempt>,
    asked_to_keep: usize,
    follow_up_boxes: Vec<(usize, usize, Option<Duration>)>,
}

/// Runs `prompts` timed, answers taking 30 s each, with answer number `interrupt`
/// cut short by Ctrl-C and `keep` as the reply to "keep the partial attempt?".
fn run_stopping(
    prompts: &[Prompt],
    script: &str,
    interrupt: usize,
    keep: bool,
    follow_ups: usize,
    seed: u64,
) -> Stopped {
    let clock = ManualClock::at(DateTime::parse_from_rfc3339("2026-11-27T10:00:00+01:00").unwrap());
    let mut console = Paced {
        interrupt,
        keep,
        ..Paced::new(script, &clock, Duration::from_secs(30))
    };
    let mut records: Vec<Attempt> = Vec::new();
    let options = Options {
        timed: true,
        time_override: None,
        follow_ups,
        editor: false,
        seed,
        session_id: "s".to_owned(),
        vocabulary: Vocabulary::default(),
    };
    let pool: Vec<String> = (1..=12).map(|i| format!("Pool question {i}?")).collect();
    let refs: Vec<&Prompt> = prompts.iter().collect();
    let outcome = run(&refs, &pool, &mut console, &clock, &mut records, &options).unwrap();
    Stopped {
        outcome,
        records,
        asked_to_keep: console.asked_to_keep,
        follow_up_boxes: console.follow_up_boxes,
    }
}

#[test]
fn ctrl_c_in_an_answer_with_text_offers_to_keep_it_and_logs_it_as_partial_with_the_grade_given() {
    let prompts = [
        prompt("a", "troubleshooting", 10),
        prompt("b", "troubleshooting", 10),
    ];
    // a: answered, graded, no note; b: some text, then Ctrl-C, then the grade 2.
    let run = run_stopping(
        &prompts,
        "first\n.\n1\n3\n\nhalf done\n.\n2\n",
        2,
        true,
        0,
        1,
    );
    assert!(matches!(run.outcome.ending, Ending::Interrupted));
    assert_eq!(run.asked_to_keep, 1);
    assert_eq!(run.records.len(), 2);
    let b = &run.records[1];
    assert_eq!(
        (b.prompt.0.as_str(), b.answer.as_str(), b.grade, b.partial),
        ("b", "half done", 2, true)
    );
    assert_eq!(
        b.id, "s.2",
        "the partial attempt keeps its place in the session"
    );
    assert!(!run.records[0].partial);
    assert_eq!(run.outcome.summary.len(), 2);
}

#[test]
fn ctrl_c_in_an_answer_declined_logs_nothing_of_it() {
    let prompts = [prompt("a", "troubleshooting", 10)];
    let run = run_stopping(&prompts, "half done\n.\n2\n", 1, false, 0, 1);
    assert!(matches!(run.outcome.ending, Ending::Interrupted));
    assert_eq!(run.asked_to_keep, 1);
    assert!(run.records.is_empty());
    assert!(run.outcome.summary.is_empty());
}

#[test]
fn ctrl_c_before_anything_was_typed_does_not_even_ask_to_keep_it() {
    let prompts = [prompt("a", "troubleshooting", 10)];
    let run = run_stopping(&prompts, ".\n2\n", 1, true, 0, 1);
    assert!(matches!(run.outcome.ending, Ending::Interrupted));
    assert_eq!(run.asked_to_keep, 0);
    assert!(run.records.is_empty());
}

#[test]
fn a_follow_up_with_its_own_minutes_gets_that_box_and_the_others_a_quarter_of_the_prompts() {
    let mut p = prompt("a", "troubleshooting", 12);
    p.follow_ups = vec![FollowUp {
        minutes: Some(2),
        ..FollowUp::plain("How would you roll it back?")
    }];
    let run = run_stopping(&[p], "x\n.\n\n3\n\ny\n.\n3\nz\n.\n3\n", 0, true, 2, 1);
    assert_eq!(run.records[0].follow_ups.len(), 2);
    assert_eq!(
        run.follow_up_boxes,
        vec![
            (1, 2, Some(Duration::from_secs(120))),
            (2, 2, Some(Duration::from_secs(180))),
        ]
    );
}

#[test]
fn another_seed_asks_other_follow_ups() {
    let prompts: Vec<Prompt> = (0..4)
        .map(|i| {
            let mut p = prompt(&format!("p{i}"), "troubleshooting", 10);
            p.follow_ups.clear();
            p
        })
        .collect();
    let one_prompt = "x\n.\n\n3\n\ny\n.\n3\nz\n.\n3\n";
    let script = one_prompt.repeat(4);
    let asked = |seed: u64| -> Vec<String> {
        run_stopping(&prompts, &script, 0, true, 2, seed)
            .records
            .iter()
            .flat_map(|r| r.follow_ups.iter().map(|f| f.question.clone()))
            .collect()
    };
    let (zero, one, two) = (asked(0), asked(1), asked(2));
    assert_eq!(zero.len(), 8);
    assert_eq!(zero, asked(0), "the same seed asks the same follow-ups");
    assert_ne!(zero, one);
    assert_ne!(zero, two);
    assert_ne!(one, two);
}

#[test]
fn pick_follow_ups_takes_one_own_then_the_pool_then_the_other_own_ones_without_repeats() {
    let own = vec![FollowUp::plain("Own A?"), FollowUp::plain("Own B?")];
    let pool = vec!["Pool 1?".to_owned(), "Own A?".to_owned()];
    for seed in 0..8 {
        let mut rng = StdRng::seed_from_u64(seed);
        let picked = pick_follow_ups(&own, &pool, 5, &mut rng);
        let asks: Vec<&str> = picked.iter().map(|f| f.ask.as_str()).collect();
        // Everything there is, once each: one own first, the pool, then the other own.
        assert_eq!(asks.len(), 3, "{asks:?}");
        assert!(asks[0].starts_with("Own"), "{asks:?}");
        let mut sorted = asks.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, ["Own A?", "Own B?", "Pool 1?"], "{asks:?}");
        if asks[0] == "Own B?" {
            // "Own A?" is in the pool too: asked from there, not twice.
            assert_eq!(asks[1..].len(), 2);
        } else {
            assert_eq!(asks, ["Own A?", "Pool 1?", "Own B?"]);
        }
        let mut rng = StdRng::seed_from_u64(seed);
        assert_eq!(pick_follow_ups(&own, &pool, 2, &mut rng).len(), 2);
    }
}

#[test]
fn a_prompt_without_planning_time_has_no_planning_phase_even_timed() {
    let mut p = prompt("a", "troubleshooting", 10);
    p.think_seconds = Some(0);
    let run = run_script(&[p], "x\n.\n\n3\n\n", true, Duration::from_secs(30), 0);
    assert_eq!(run.records[0].think_secs, 0);
}

#[test]
fn an_answer_that_takes_exactly_its_box_is_not_overtime() {
    let prompts = [prompt("a", "troubleshooting", 1)];
    let run = run_script(
        &prompts,
        "x\n.\nall\n3\n\n",
        true,
        Duration::from_secs(60),
        0,
    );
    assert_eq!(run.records[0].overtime_secs, 0);
    assert!(!run.outcome.summary[0].overtime);
    assert!(
        !run.transcript.contains("over the time box"),
        "{}",
        run.transcript
    );
}

#[test]
fn questions_to_dig_deeper_with_follow_company_prompts_only() {
    let prompts = [prompt("a", "troubleshooting", 10)];
    let run = run_script(&prompts, "x\n.\n\n3\n\n", false, Duration::ZERO, 0);
    assert!(!prompts[0].follow_ups.is_empty());
    assert!(!run.transcript.contains("Dig deeper with:"));
}

#[test]
fn only_a_timed_answer_past_its_box_is_suggested_down_for_overtime() {
    let prompts = [prompt("a", "troubleshooting", 1)];
    let long = Duration::from_secs(120);
    let suggested = |timed: bool| {
        let run = run_script(&prompts, "x\n.\nall\n3\n\n", timed, long, 0);
        run.transcript
            .lines()
            .find(|l| l.starts_with("suggested grade: "))
            .unwrap_or_else(|| panic!("no suggestion in\n{}", run.transcript))
            .to_owned()
    };
    assert!(suggested(true).contains("over the time box"));
    assert!(!suggested(false).contains("over the time box"));
}

#[test]
fn a_design_prompt_with_facts_answers_clarifying_questions_and_records_them() {
    let clock = ManualClock::at(DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00").unwrap());
    let mut p = prompt("des-x", "design", 45);
    p.facts = vec![
        crate::bank::Reply {
            ask: vec!["read write ratio".to_owned(), "reads per write".to_owned()],
            say: "About 100 reads to 1 write.".to_owned(),
        },
        crate::bank::Reply {
            ask: vec!["object size".to_owned(), "how big".to_owned()],
            say: "About 2 MB each.".to_owned(),
        },
    ];
    let script = "what's the read/write ratio, and how big is an object?\nI'd shard by user id\nwhat's the budget?\n.\n\n3\n\n";
    let mut console = Plain::new(Cursor::new(script.as_bytes().to_vec()), Vec::new());
    let mut records: Vec<Attempt> = Vec::new();
    let options = untimed(0);
    run(&[&p], &[], &mut console, &clock, &mut records, &options).unwrap();
    let transcript = String::from_utf8(console.into_parts().1).unwrap();
    assert!(
        transcript.contains("interviewer: About 100 reads to 1 write."),
        "{transcript}"
    );
    assert!(transcript.contains("About 2 MB each."), "{transcript}");
    assert!(
        transcript.contains(crate::scenario::ASSUME_REPLY),
        "an unknown detail is the candidate's to assume: {transcript}"
    );
    assert!(
        !transcript.contains("interviewer: Nothing unusual"),
        "the answer's own lines get no reply: {transcript}"
    );
    let r = &records[0];
    assert!(
        r.scenario.is_none(),
        "not a scenario: no debrief, no cause to name"
    );
    let asked: Vec<(&str, Option<&str>, Option<u32>)> = r
        .conversation
        .iter()
        .map(|a| (a.line.as_str(), a.matched.as_deref(), a.n))
        .collect();
    assert_eq!(
        asked,
        vec![
            (
                "what's the read/write ratio, and how big is an object?",
                Some("fact:1"),
                Some(1)
            ),
            (
                "what's the read/write ratio, and how big is an object?",
                Some("fact:2"),
                Some(1)
            ),
            ("what's the budget?", Some("otherwise"), Some(3)),
        ]
    );
}

/// A design round in stages (BANK-GUIDE, NALSD): every stage is asked, in order, whatever
/// the follow-up count (none when it is 0), and each model answer is shown only after
/// its stage has been answered: the opening's before the rubric, each stage's before
/// that stage's grade.
#[test]
fn a_staged_round_asks_every_stage_in_order_and_shows_each_model_answer_after_its_answer() {
    let mut p = prompt("d", "design", 20);
    p.answer = Some("OPENING-MODEL".to_owned());
    let stage = |name: &str, ask: &str, answer: &str| FollowUp {
        stage: Some(name.to_owned()),
        answer: Some(answer.to_owned()),
        minutes: Some(10),
        ..FollowUp::plain(ask)
    };
    p.follow_ups = vec![
        FollowUp::plain("An unstaged question?"),
        stage("scale-out", "Scale it out?", "SCALE-MODEL"),
        stage("failure-domains", "Lose a zone?", "ZONE-MODEL"),
        stage("bill-of-materials", "What does it cost?", "COST-MODEL"),
    ];
    let script = "opening\n.\n\n3\n\nscale\n.\n3\nzones\n.\n3\ncost\n.\n3\n";
    let run = run_script(&[p.clone()], script, false, Duration::from_secs(60), 1);
    let asked: Vec<&str> = run.records[0]
        .follow_ups
        .iter()
        .map(|f| f.question.as_str())
        .collect();
    assert_eq!(
        asked,
        ["Scale it out?", "Lose a zone?", "What does it cost?"]
    );
    let t = &run.transcript;
    let at = |needle: &str| {
        t.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in\n{t}"))
    };
    assert!(at("What do you do?") < at("OPENING-MODEL"));
    assert!(at("OPENING-MODEL") < at("Rubric"));
    assert!(at("Follow-up 1/3: Scale it out?") < at("SCALE-MODEL"));
    assert!(at("SCALE-MODEL") < at("Follow-up 2/3: Lose a zone?"));
    assert!(at("ZONE-MODEL") < at("Follow-up 3/3: What does it cost?"));
    assert!(at("What does it cost?") < at("COST-MODEL"));

    let run = run_script(
        &[p],
        "opening\n.\n\n3\n\n",
        false,
        Duration::from_secs(60),
        0,
    );
    assert!(run.records[0].follow_ups.is_empty());
    assert!(!run.transcript.contains("SCALE-MODEL"));
}
