//! The interviewer hears what candidates mean (SPEC §15): every labelled line of
//! tests/hearing/lines is heard by the built-in scenario it names, and the figures of
//! the held-out part must stay above the floors. The figures are printed per scenario
//! (`cargo test --test hearing -- --nocapture`).

use std::collections::BTreeMap;
use std::path::Path;

use sre_drill::bank::{Bank, load};
use sre_drill::hearing::corpus::{Corpus, Figures, Labelled, Miss, score};
use sre_drill::scenario::Interviewer;

fn bank() -> Bank {
    load(None, &[]).expect("the built-in bank loads").0
}

/// Every corpus: tests/hearing/lines/ID.yaml, each with its tuning and held-out part,
/// plus the lines a second round of writers wrote for the same scenario in
/// tests/hearing/more/ID.yaml (all under `tune:`): every third of those is held out
/// too, chosen by position before any of them was heard. Later rounds of writers wrote
/// tests/hearing/ROUND/ID.yaml for all 40 scenarios (ROUND in [`ROUNDS`]); every third
/// of the lines under `tune:` is held out on its own, and every line under `held:` (the
/// third value, one list per round), so the earlier figures stay comparable.
fn corpora() -> Vec<(String, Corpus, [Vec<Labelled>; ROUNDS.len()])> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hearing");
    let read = |path: &std::path::Path| {
        let text = std::fs::read_to_string(path).unwrap();
        Corpus::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root.join("lines")).expect("tests/hearing/lines") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let mut corpus = read(&path);
            let more = root.join("more").join(path.file_name().unwrap());
            if more.exists() {
                let extra = read(&more);
                assert_eq!(extra.prompt, corpus.prompt, "{}", more.display());
                for (i, line) in extra.tune.into_iter().enumerate() {
                    if i % 3 == 2 {
                        corpus.held.push(line);
                    } else {
                        corpus.tune.push(line);
                    }
                }
            }
            let mut fresh: [Vec<Labelled>; ROUNDS.len()] = Default::default();
            for ((round, _), held) in ROUNDS.iter().zip(&mut fresh) {
                let file = root.join(round).join(path.file_name().unwrap());
                if !file.exists() {
                    continue;
                }
                let extra = read(&file);
                assert_eq!(extra.prompt, corpus.prompt, "{}", file.display());
                held.extend(extra.held);
                for (i, line) in extra.tune.into_iter().enumerate() {
                    if i % 3 == 2 {
                        held.push(line);
                    } else {
                        corpus.tune.push(line);
                    }
                }
            }
            out.push((
                path.file_name().unwrap().to_string_lossy().into_owned(),
                corpus,
                fresh,
            ));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

// The floors the held-out part must keep. These are the figures this engine and bank
// reach (docs/hearing.md), not yet the targets of the hearing issue (92% hit, 4% false
// hits, 95% risky recall, no negated false alarm); raise them as hearing improves.
const FIRST_25: Floors = Floors {
    hit: 0.82,
    false_hit: 0.08,
    risky: 0.83,
    negated: 0,
};

// The third edition's 15 scenarios (the ones without a second-round file in
// tests/hearing/more) were measured as written, then their `ask` lists were tuned on
// their tuning part; their held-out part keeps these floors of its own until it
// reaches the ones above.
const THIRD_EDITION: Floors = Floors {
    hit: 0.79,
    false_hit: 0.07,
    risky: 1.0,
    negated: 1,
};

// The third round's held-out third (tests/hearing/third). Measured before its tuning
// part was looked at: 81.4% hit, 16.3% false hits, 84.4% risky recall, no negated
// false alarm; these floors are what the engine reaches now.
const THIRD_ROUND: Floors = Floors {
    hit: 0.82,
    false_hit: 0.10,
    risky: 0.87,
    negated: 0,
};

// The fourth round's held-out third (tests/hearing/fourth), measured before its tuning
// part was looked at: 83.9% hit, 20.0% false hits, 100% risky recall (26 of 26), 6 of
// 33 rejected steps heard as risky; these floors are what the engine reaches now.
const FOURTH_ROUND: Floors = Floors {
    hit: 0.87,
    false_hit: 0.16,
    risky: 1.0,
    negated: 2,
};

// The fifth round (tests/hearing/fifth, 480 lines, all held out) was written after the
// tuning above and measured once: 87.7% hit, 21.3% false hits, 92.5% risky recall, 3 of
// 40 rejected steps heard as risky. Nothing is tuned on it.
const FIFTH_ROUND: Floors = Floors {
    hit: 0.88,
    false_hit: 0.16,
    risky: 0.92,
    negated: 3,
};

// The sixth round (tests/hearing/sixth, 960 lines) was written weighted towards lines
// that ask for nothing the scenario has: 5 on-topic checks with no entry, 2 notes and 2
// wrong guesses in every 24. Measured before any tuning, its held-out third heard
// 89.3% hit, 28.9% false hits, 93.1% risky recall, 1 of 34 rejected steps as risky.
const SIXTH_ROUND: Floors = Floors {
    hit: 0.88,
    false_hit: 0.25,
    risky: 0.93,
    negated: 1,
};

// The seventh round (tests/hearing/seventh, 640 lines) was written weighted towards
// rejection: in every 16 lines six turn a risky step down, each in another form, and
// two rule one thing out while asking for another. Its held-out third, heard by the
// engine as it was before the round: 68.1% hit, 32.7% false hits, 80.6% risky
// recall, 12 of 72 rejected steps heard as risky.
const SEVENTH_ROUND: Floors = Floors {
    hit: 0.80,
    false_hit: 0.21,
    risky: 0.83,
    negated: 3,
};

// The eighth round (tests/hearing/eighth, 480 lines, all held out) is a plain sample
// of a whole investigation, written after every rule above and measured once, before
// any change: 91.3% hit, 11.9% false hits, 95.0% risky recall, 1 of 40 rejected steps
// heard as risky. Nothing is tuned on it.
const EIGHTH_ROUND: Floors = Floors {
    hit: 0.91,
    false_hit: 0.12,
    risky: 0.95,
    negated: 1,
};

/// What a held-out group must keep: hit rate and risky recall at least, false-hit rate
/// and negated false alarms at most.
struct Floors {
    hit: f64,
    false_hit: f64,
    risky: f64,
    negated: u32,
}

/// Fails when `figures` of `group` fall below `floors`.
fn holds(group: &str, figures: &Figures, floors: &Floors) {
    let row = figures.row();
    assert!(figures.hit_rate() >= floors.hit, "{group}, hit rate: {row}");
    assert!(
        figures.false_hit_rate() <= floors.false_hit,
        "{group}, false hits: {row}"
    );
    assert!(
        figures.risky_recall() >= floors.risky,
        "{group}, risky recall: {row}"
    );
    assert!(
        figures.negated_alarms <= floors.negated,
        "{group}, negated alarms: {row}"
    );
}

/// The later rounds of writers, each in tests/hearing/ROUND, with the floors of its
/// held-out part.
const ROUNDS: [(&str, Floors); 6] = [
    ("third", THIRD_ROUND),
    ("fourth", FOURTH_ROUND),
    ("fifth", FIFTH_ROUND),
    ("sixth", SIXTH_ROUND),
    ("seventh", SEVENTH_ROUND),
    ("eighth", EIGHTH_ROUND),
];

/// One scenario's figures, with the misses: its tuning part, its held-out part and the
/// held-out part of each later round.
struct Measured {
    tune: (Figures, Vec<Miss>),
    held: (Figures, Vec<Miss>),
    rounds: [(Figures, Vec<Miss>); ROUNDS.len()],
}

/// Figures per scenario for the tuning part, the held-out part and the held-out third
/// of each later round, with the misses.
fn measure() -> BTreeMap<String, Measured> {
    let bank = bank();
    let mut out = BTreeMap::new();
    for (file, corpus, fresh) in corpora() {
        let prompt = bank
            .get(&corpus.prompt)
            .unwrap_or_else(|| panic!("{file}: no prompt {}", corpus.prompt));
        let scenario = prompt
            .scenario
            .as_ref()
            .unwrap_or_else(|| panic!("{file}: {} has no scenario", corpus.prompt));
        let interviewer = Interviewer::new(scenario, &bank.vocabulary).with_topic(&prompt.prompt);
        let tune = score(&corpus.tune, |l| interviewer.tags_of(l));
        let held = score(&corpus.held, |l| interviewer.tags_of(l));
        let rounds = fresh.map(|f| score(&f, |l| interviewer.tags_of(l)));
        out.insert(corpus.prompt.clone(), Measured { tune, held, rounds });
    }
    out
}

#[test]
fn every_built_in_scenario_has_a_corpus_of_forty_lines_a_quarter_held_out() {
    let bank = bank();
    let corpora = corpora();
    for p in bank.prompts.iter().filter(|p| p.scenario.is_some()) {
        let Some((file, c, fresh)) = corpora.iter().find(|(_, c, _)| c.prompt == p.id.0) else {
            panic!(
                "no corpus in tests/hearing/lines for the scenario {}",
                p.id.0
            );
        };
        let later: usize = fresh.iter().map(Vec::len).sum();
        let all = c.tune.len() + c.held.len() + later;
        assert!(all >= 40, "{file}: {all} lines, at least 40 wanted");
        assert!(
            (c.held.len() + later) * 4 >= all,
            "{file}: held-out part under a quarter"
        );
        for ((round, _), held) in ROUNDS.iter().zip(fresh) {
            assert!(
                held.len() >= 5,
                "{file}: the {round} round holds out {} lines, at least 5 wanted",
                held.len()
            );
        }
    }
}

#[test]
fn the_held_out_lines_are_heard_above_the_floors() {
    let measured = measure();
    let mut tune_all = Figures::default();
    let mut held_all = Figures::default();
    let mut held_new = Figures::default();
    let mut rounds_all: [Figures; ROUNDS.len()] = Default::default();
    let more = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hearing/more");
    println!("{:<40} part   figures", "scenario");
    for (id, m) in &measured {
        println!("{id:<40} tune   {}", m.tune.0.row());
        println!("{:<40} held   {}", "", m.held.0.row());
        for (((round, _), (figures, _)), all) in ROUNDS.iter().zip(&m.rounds).zip(&mut rounds_all) {
            println!("{:<40} {round:<6} {}", "", figures.row());
            all.add(figures);
        }
        tune_all.add(&m.tune.0);
        if more.join(format!("{id}.yaml")).exists() {
            held_all.add(&m.held.0);
        } else {
            held_new.add(&m.held.0);
        }
    }
    println!("{:<40} tune   {}", "ALL", tune_all.row());
    println!("{:<40} held   {}", "SECOND EDITION (25)", held_all.row());
    println!("{:<40} held   {}", "THIRD EDITION (new)", held_new.row());
    for ((round, _), all) in ROUNDS.iter().zip(&rounds_all) {
        let group = format!("{} ROUND (40)", round.to_uppercase());
        println!("{group:<40} {round:<6} {}", all.row());
    }
    // HEARING_MISSES=tune lists what the tuning part missed; =all adds the held-out
    // part (look at it only after tuning is done, or it is no longer held out).
    if let Some(which) = std::env::var_os("HEARING_MISSES") {
        for (id, m) in &measured {
            for miss in &m.tune.1 {
                println!("MISS tune {id}: {}", miss.describe());
            }
            if which == "all" {
                for miss in &m.held.1 {
                    println!("MISS held {id}: {}", miss.describe());
                }
                for ((round, _), (_, misses)) in ROUNDS.iter().zip(&m.rounds) {
                    for miss in misses {
                        println!("MISS {round} {id}: {}", miss.describe());
                    }
                }
            }
        }
    }
    if std::env::var_os("HEARING_NO_FLOORS").is_none() {
        holds("first 25, held out", &held_all, &FIRST_25);
        holds("third edition, held out", &held_new, &THIRD_EDITION);
        for ((round, floors), all) in ROUNDS.iter().zip(&rounds_all) {
            holds(&format!("{round} round, held out"), all, floors);
        }
    }
}
