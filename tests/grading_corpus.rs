//! Honest grading hears strong answers in a candidate's own words (SPEC §11, §15): for
//! each prompt in tests/hearing/answers, written without its `listen_for` phrases, a
//! strong answer (every must-have, numbers typed compactly, one wrong approach named only
//! to reject it) and a fluent off-topic one. A scenario prompt's answer is typed line by
//! line to the interviewer, as in a drill. Figures print with
//! `cargo test --test grading_corpus -- --nocapture`.

use serde::Deserialize;
use sre_drill::bank::{Bank, Prompt, load};
use sre_drill::grading::{self, Facts};
use sre_drill::scenario::Interviewer;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answers {
    prompt: String,
    strong: String,
    offtopic: String,
}

fn answers() -> Vec<Answers> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hearing/answers");
    let mut out: Vec<Answers> = std::fs::read_dir(&dir)
        .expect("tests/hearing/answers")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect();
    out.sort_by(|a, b| a.prompt.cmp(&b.prompt));
    out
}

/// What a drill would suggest for `text`: the points (1-based) and the grade, taking
/// the suggested points as covered.
fn suggest(bank: &Bank, prompt: &Prompt, text: &str) -> (Vec<u32>, u8) {
    let (points, grade, _) = suggest_why(bank, prompt, text);
    (points, grade)
}

/// As [`suggest`], with the suggestion's reason.
fn suggest_why(bank: &Bank, prompt: &Prompt, text: &str) -> (Vec<u32>, u8, String) {
    let points = prompt.points();
    let suggested: Vec<u32> = grading::suggest_points(&points, text, &bank.vocabulary)
        .iter()
        .map(|s| s.point)
        .collect();
    let scenario = prompt.scenario.as_ref().map(|s| {
        let mut i = Interviewer::new(s, &bank.vocabulary).with_topic(&prompt.prompt);
        for (n, line) in text.lines().enumerate() {
            i.hear(line, n as u64 * 20);
        }
        i.record()
    });
    let grade = grading::suggest_grade(&Facts {
        points: &points,
        covered: &suggested,
        hints_used: 0,
        hints_total: prompt.hints.len(),
        overtime: false,
        scenario: scenario.as_ref(),
        check: None,
    });
    (suggested, grade.grade.value(), grade.reason)
}

#[test]
fn strong_answers_get_their_must_haves_and_off_topic_ones_none() {
    let bank = load(None, &[]).expect("the built-in bank loads").0;
    let all = answers();
    assert!(
        all.len() >= 60,
        "{} prompts with answers, 60 wanted",
        all.len()
    );
    let mut must_found = 0;
    let mut must_total = 0;
    let mut strong_graded = 0;
    let mut offtopic_graded = 0;
    let mut problems = Vec::new();
    for a in &all {
        let prompt = bank
            .get(&a.prompt)
            .unwrap_or_else(|| panic!("no prompt {} in the bank", a.prompt));
        let musts: Vec<u32> = prompt
            .rubric
            .iter()
            .enumerate()
            .filter(|(_, p)| p.must)
            .map(|(i, _)| i as u32 + 1)
            .collect();
        let (strong, strong_grade) = suggest(&bank, prompt, &a.strong);
        let (off, off_grade) = suggest(&bank, prompt, &a.offtopic);
        must_total += musts.len();
        let missed: Vec<u32> = musts
            .iter()
            .copied()
            .filter(|m| !strong.contains(m))
            .collect();
        must_found += musts.len() - missed.len();
        if !missed.is_empty() {
            problems.push(format!(
                "{}: strong answer misses must-have {missed:?}",
                a.prompt
            ));
        }
        let leaked: Vec<u32> = musts.iter().copied().filter(|m| off.contains(m)).collect();
        if !leaked.is_empty() {
            problems.push(format!(
                "{}: off-topic answer credited with must-have {leaked:?}",
                a.prompt
            ));
        }
        strong_graded += usize::from(strong_grade >= 3);
        offtopic_graded += usize::from(off_grade <= 2);
        if strong_grade < 3 {
            let why = suggest_why(&bank, prompt, &a.strong).2;
            problems.push(format!(
                "{}: strong answer suggested {strong_grade} ({why})",
                a.prompt
            ));
        }
        if off_grade > 2 {
            problems.push(format!(
                "{}: off-topic answer suggested {off_grade}",
                a.prompt
            ));
        }
    }
    let n = all.len();
    println!(
        "{n} prompts: must-haves found {must_found}/{must_total}; strong answers suggested >= 3: {strong_graded}/{n}; off-topic suggested <= 2: {offtopic_graded}/{n}"
    );
    for p in &problems {
        println!("  {p}");
    }
    if std::env::var_os("GRADING_NO_FLOORS").is_none() {
        assert!(
            problems.iter().all(|p| !p.contains("must-have")),
            "every must-have of a strong answer, none of an off-topic one:\n{}",
            problems.join("\n")
        );
        assert!(
            strong_graded * 100 >= n * 95,
            "strong answers: {strong_graded}/{n}"
        );
        assert!(
            offtopic_graded * 100 >= n * 95,
            "off-topic answers: {offtopic_graded}/{n}"
        );
    }
}
