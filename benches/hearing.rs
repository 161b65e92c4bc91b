//! How long hearing one line takes (SPEC §15's budget: under 1 ms on the largest
//! scenario). Every labelled line of tests/hearing (about 1,850) is heard by the
//! largest built-in scenario, 21 rounds; the median round is reported per line, beside a
//! baseline in the same run: lower-casing the line and splitting it into words, the
//! least any hearing must do.
//!
//! Run: cargo bench --bench hearing

use std::hint::black_box;
use std::time::{Duration, Instant};

use sre_drill::bank::load;
use sre_drill::hearing::corpus::Corpus;
use sre_drill::scenario::Interviewer;

fn lines() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hearing");
    let mut out = Vec::new();
    for dir in ["lines", "more"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let c = Corpus::parse(&text).unwrap();
            out.extend(c.tune.into_iter().chain(c.held).map(|l| l.line));
        }
    }
    out
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let (bank, _) = load(None, &[]).expect("the built-in bank loads");
    // The largest scenario: the most phrases once its ~names are expanded.
    let (prompt, scenario) = bank
        .prompts
        .iter()
        .filter_map(|p| p.scenario.as_ref().map(|s| (p, s)))
        .max_by_key(|(_, s)| {
            let all = s
                .facts
                .iter()
                .map(|f| &f.ask)
                .chain(s.evidence.iter().map(|e| &e.ask))
                .chain(s.risky.iter().map(|r| &r.ask))
                .chain(std::iter::once(&s.cause.ask));
            all.map(|a| bank.vocabulary.expand(a).len()).sum::<usize>()
        })
        .expect("a scenario");
    let start = Instant::now();
    let interviewer = Interviewer::new(scenario, &bank.vocabulary).with_topic(&prompt.prompt);
    let setup = start.elapsed();
    let lines = lines();
    let n = lines.len() as u32;
    let mut hearing = Vec::new();
    let mut baseline = Vec::new();
    for _ in 0..21 {
        let t = Instant::now();
        for l in &lines {
            black_box(interviewer.tags_of(black_box(l)));
        }
        hearing.push(t.elapsed() / n);
        let t = Instant::now();
        for l in &lines {
            black_box(black_box(l).to_lowercase().split_whitespace().count());
        }
        baseline.push(t.elapsed() / n);
    }
    let (h, b) = (median(hearing), median(baseline));
    println!(
        "largest scenario: {} ({} lines heard per round, 21 rounds)",
        prompt.id.0, n
    );
    println!("interviewer set-up: {setup:?}");
    println!("hearing one line, median: {h:?} (budget 1 ms)");
    println!("baseline (lower-case and split), median: {b:?}");
    println!(
        "ratio: {:.0}x the baseline",
        h.as_secs_f64() / b.as_secs_f64().max(1e-12)
    );
}
