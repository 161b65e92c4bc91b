//! The built-in bank keeps its promises: enough prompts per category, every prompt
//! complete, levels spread, every skill area covered, resources for every area.

use std::collections::{BTreeMap, HashSet};

use sre_drill::bank::{Bank, Level, SKILL_AREAS, Source, builtin_files, load, parse_prompt_file};

fn bank() -> Bank {
    load(None, &[]).expect("the built-in bank loads").0
}

fn in_category<'a>(bank: &'a Bank, category: &str) -> Vec<&'a sre_drill::bank::Prompt> {
    bank.prompts
        .iter()
        .filter(|p| p.category.as_str() == category)
        .collect()
}

#[test]
fn every_built_in_file_is_clean_without_even_a_warning() {
    for (name, text) in builtin_files() {
        let parsed = parse_prompt_file(name, text, &Source::BuiltIn);
        let problems: Vec<String> = parsed.diagnostics.iter().map(ToString::to_string).collect();
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
}

#[test]
fn the_bank_read_at_start_up_is_the_bank_the_yaml_says() {
    let from_yaml: Vec<_> = builtin_files()
        .flat_map(|(name, text)| parse_prompt_file(name, text, &Source::BuiltIn).prompts)
        .collect();
    assert_eq!(bank().prompts, from_yaml);
}

#[test]
fn each_category_has_its_minimum_number_of_prompts() {
    let bank = bank();
    for (category, minimum) in [
        ("troubleshooting", 45),
        ("coding", 35),
        ("reliability", 35),
        ("company", 25),
    ] {
        let n = in_category(&bank, category).len();
        assert!(
            n >= minimum,
            "{category}: {n} prompts, need at least {minimum}"
        );
    }
}

#[test]
fn ids_are_unique_across_all_built_in_files() {
    let bank = bank();
    let mut seen = HashSet::new();
    for p in &bank.prompts {
        assert!(seen.insert(p.id.0.clone()), "duplicate id {}", p.id);
    }
}

#[test]
fn answerable_prompts_have_rubric_pitfalls_follow_ups_and_hints() {
    let bank = bank();
    for p in bank.prompts.iter().filter(|p| !p.category.is_company()) {
        let id = &p.id;
        assert!((1..=4).contains(&p.tags.len()), "{id}: 1-4 tags");
        assert!(p.rubric.len() >= 4, "{id}: at least 4 rubric points");
        assert!(p.pitfalls.len() >= 2, "{id}: at least 2 pitfalls");
        assert!(p.follow_ups.len() >= 2, "{id}: at least 2 follow-ups");
        if matches!(p.category.as_str(), "troubleshooting" | "coding") {
            assert!(p.hints.len() >= 2, "{id}: at least 2 hints");
        }
        assert!(
            p.prompt.split_whitespace().count() >= 15,
            "{id}: a scenario, not a one-liner"
        );
        assert!(p.title.chars().count() <= 60, "{id}: title fits a header");
    }
}

#[test]
fn company_questions_say_why_and_what_to_listen_for() {
    let bank = bank();
    for p in in_category(&bank, "company") {
        let id = &p.id;
        assert!(
            p.why.as_deref().is_some_and(|w| !w.trim().is_empty()),
            "{id}: why"
        );
        assert!(p.listen_for.len() >= 3, "{id}: at least 3 listen_for");
        assert!(p.red_flags.len() >= 2, "{id}: at least 2 red_flags");
        assert!(
            p.rubric.is_empty() && p.pitfalls.is_empty(),
            "{id}: no rubric or pitfalls"
        );
    }
}

#[test]
fn at_least_a_fifth_of_each_category_sits_at_each_level() {
    let bank = bank();
    for category in ["troubleshooting", "coding", "reliability", "company"] {
        let prompts = in_category(&bank, category);
        for level in Level::ALL {
            let n = prompts.iter().filter(|p| p.level == level).count();
            assert!(
                n * 5 >= prompts.len(),
                "{category}: {n} of {} prompts at {level}, need a fifth",
                prompts.len()
            );
        }
    }
}

#[test]
fn every_tag_is_a_skill_area_and_every_area_tags_five_prompts() {
    let bank = bank();
    let mut counts: BTreeMap<&str, usize> = SKILL_AREAS.iter().map(|a| (*a, 0)).collect();
    for p in &bank.prompts {
        for tag in &p.tags {
            let slot = counts.get_mut(tag.as_str());
            assert!(slot.is_some(), "{}: tag '{tag}' is not a skill area", p.id);
            if let Some(n) = slot {
                *n += 1;
            }
        }
    }
    for (area, n) in counts {
        assert!(
            n >= 5,
            "skill area {area} tags {n} prompts, need at least 5"
        );
    }
}

#[test]
fn the_general_follow_up_pool_has_at_least_twelve_distinct_questions() {
    let bank = bank();
    let unique: HashSet<&String> = bank.follow_up_pool.iter().collect();
    assert!(bank.follow_up_pool.len() >= 12);
    assert_eq!(unique.len(), bank.follow_up_pool.len(), "no duplicates");
    assert!(bank.follow_up_pool.iter().all(|q| !q.trim().is_empty()));
}

#[test]
fn resources_cover_every_skill_area_with_a_name_kind_and_url() {
    let bank = bank();
    assert!(
        bank.resources.len() >= 40,
        "{} resources",
        bank.resources.len()
    );
    let kinds = [
        "book",
        "course",
        "videos",
        "interactive",
        "docs",
        "newsletter",
        "podcast",
        "guide",
        "zine",
        "cheatsheet",
    ];
    let mut urls = HashSet::new();
    for r in &bank.resources {
        assert!(!r.name.trim().is_empty());
        assert!(
            kinds.contains(&r.kind.as_str()),
            "{}: kind {}",
            r.name,
            r.kind
        );
        assert!(
            r.url.starts_with("https://") || r.url.starts_with("http://"),
            "{}: url",
            r.name
        );
        assert!(urls.insert(r.url.clone()), "duplicate url {}", r.url);
        assert!(!r.areas.is_empty(), "{}: areas", r.name);
        for area in &r.areas {
            assert!(
                SKILL_AREAS.contains(&area.as_str()),
                "{}: area {area}",
                r.name
            );
        }
    }
    for area in SKILL_AREAS {
        let n = bank
            .resources
            .iter()
            .filter(|r| r.areas.iter().any(|a| a == area))
            .count();
        assert!(
            n >= 2,
            "skill area {area} has {n} resources, need at least 2"
        );
    }
}

#[test]
fn no_must_have_is_given_away_by_its_id_title_or_first_hint() {
    use sre_drill::hearing::{Line, Phrase};
    let bank = bank();
    let mut leaks = Vec::new();
    for p in &bank.prompts {
        // `list` shows ids, so an id is read like a title ("ts-df-du-disagree").
        let id_words = p.id.0.replace('-', " ");
        let mut places = vec![("title", p.title.as_str()), ("id", id_words.as_str())];
        if let Some(h) = p.hints.first() {
            places.push(("first hint", h.as_str()));
        }
        for point in p.rubric.iter().filter(|r| r.must) {
            for phrase in bank.vocabulary.expand(&point.listen_for) {
                for (place, text) in &places {
                    if Phrase::new(&phrase).matches(&Line::new(text)) {
                        leaks.push(format!("{}: '{phrase}' in the {place}", p.id));
                    }
                }
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}

#[test]
fn every_answerable_prompt_has_a_must_have_and_words_to_listen_for() {
    for p in &bank().prompts {
        if p.category.is_company() {
            continue;
        }
        let musts = p.rubric.iter().filter(|r| r.must).count();
        assert!((1..=2).contains(&musts), "{}: {musts} must-haves", p.id);
        let listening = p.rubric.iter().filter(|r| !r.listen_for.is_empty()).count();
        assert!(listening >= 4, "{}: listen_for on {listening} points", p.id);
    }
}

/// Everything a prompt says: text, hints, rubric points, follow-ups, and what the
/// interviewer answers (facts, evidence, risky steps, cause, fixes and timeline).
fn all_text(bank: &Bank, id: &str) -> String {
    let p = bank
        .get(id)
        .unwrap_or_else(|| panic!("{id} is in the bank"));
    let mut parts = vec![p.title.clone(), p.prompt.clone()];
    parts.extend(p.hints.iter().cloned());
    parts.extend(p.rubric.iter().map(|r| r.point.clone()));
    parts.extend(p.rubric.iter().flat_map(|r| r.listen_for.iter().cloned()));
    parts.extend(p.pitfalls.iter().cloned());
    parts.extend(p.follow_ups.iter().map(|f| f.ask.clone()));
    parts.extend(p.follow_ups.iter().filter_map(|f| f.answer.clone()));
    parts.extend(p.facts.iter().map(|f| f.say.clone()));
    if let Some(s) = &p.scenario {
        parts.extend(s.facts.iter().map(|f| f.say.clone()));
        parts.extend(s.evidence.iter().map(|e| e.say.clone()));
        parts.extend(s.risky.iter().map(|r| r.say.clone()));
        parts.push(s.cause.say.clone());
        parts.extend(s.fixes.iter().map(|f| f.say.clone()));
        parts.extend(s.timeline.iter().map(|e| e.say.clone()));
        parts.extend(s.otherwise.iter().cloned());
    }
    parts.join("\n")
}

#[test]
fn the_facts_an_expert_review_corrected_stay_corrected() {
    let bank = bank();
    // 429 and 408 are retried with backoff, honouring Retry-After; not "never 4xx".
    let retry = all_text(&bank, "rel-retry-storm-jitter");
    for fact in ["429", "408", "Retry-After"] {
        assert!(retry.contains(fact), "rel-retry-storm-jitter: {fact}");
    }
    assert!(!retry.to_lowercase().contains("never 4xx"));
    // Three retrying layers of four attempts each: 4^3 = 64 calls, not 256.
    let storm = all_text(&bank, "tsv-overload-after-failover");
    assert!(storm.contains("64"), "tsv-overload-after-failover: 64");
    assert!(
        !storm.contains("256"),
        "tsv-overload-after-failover: not 256"
    );
    // Constant defaults without a rewrite; NOT VALID then VALIDATE before SET NOT NULL.
    let migration = all_text(&bank, "rel-online-schema-migration");
    for fact in [
        "PostgreSQL 11",
        "ALGORITHM=INSTANT",
        "NOT VALID",
        "VALIDATE CONSTRAINT",
        "PostgreSQL 12",
    ] {
        assert!(
            migration.contains(fact),
            "rel-online-schema-migration: {fact}"
        );
    }
    // The Workbook's multiwindow burn rates.
    let burn = all_text(&bank, "rel-error-alert-pages-wrong");
    for fact in ["14.4", "6x", "3 days"] {
        assert!(burn.contains(fact), "rel-error-alert-pages-wrong: {fact}");
    }
    // ps %CPU is a lifetime average; current use needs two samples.
    let cpu = all_text(&bank, "chk-disk-process-alert");
    for fact in ["/proc/PID/stat", "top -bn2", "lifetime"] {
        assert!(cpu.contains(fact), "chk-disk-process-alert: {fact}");
    }
}

/// A second expert review: for each prompt, what the corrected text must say and the
/// wrong statement it must no longer make, wherever in the prompt it appeared.
#[test]
fn the_facts_a_second_review_corrected_stay_corrected() {
    let bank = bank();
    let table: &[(&str, &[&str], &[&str])] = &[
        // Batching in 200 gateways saves calls, not key updates: 1M keys spread over the
        // gateways leave a key under one request per gateway per 100 ms.
        (
            "des-global-rate-limiter",
            &["500,000 key updates", "hot keys", "key-affine"],
            &["2,000 writes", "or count in each gateway"],
        ),
        // The default proxy_next_upstream retries a GET on the next upstream, so the 502s
        // clients see are POSTs.
        (
            "tsv-intermittent-502s-proxy",
            &[
                "Almost all are POST",
                "A GET that fails this way is retried",
            ],
            &["GET and POST alike", "GET /v1/items"],
        ),
        // 20,000 / 24 = 833 an hour against 3,000 in the busiest hour: 28%, a quarter.
        (
            "des-ci-fleet",
            &["a quarter (28%)", "830 pipelines an hour"],
            &["a third"],
        ),
        // With 30-minute runs, 20 minutes after the merge two thirds of hosts have run.
        (
            "ts-config-mgmt-fleet-break",
            &["about two thirds of the hosts", "before 14:30"],
            &["a third of the hosts"],
        ),
        // 60 connections: 8 active, 52 idle in transaction.
        (
            "tsv-orders-waiting-for-connections",
            &[
                "60 open connections",
                "8 x active",
                "52 x state=idle in transaction",
            ],
            &["60 active connections", "matches the active count"],
        ),
        // Android never fetches a missing intermediate, so a leaf-only chain breaks every
        // version; Android 7 or older failing after the fix points at the root store.
        (
            "tsv-cert-errors-some-clients",
            &[
                "on every Android version",
                "Android never fetches",
                "Android 7 or older",
            ],
            &[
                "older Android app",
                "all from phones on Android 7",
                "older Android clients",
            ],
        ),
        // App 1.25 attempts per action, gateway 0.6 and BFF 1.0 retries per request:
        // 1.25 x 1.6 = 2.0, 2.0 x 2 = 4.0, the four times in the prompt.
        (
            "tsv-overload-after-failover",
            &[
                "gateway inbound 1.25x",
                "BFF inbound 2.0x",
                "profile inbound 4.0x",
                "0.6 retries per inbound request",
                "1.0 retries per inbound request",
            ],
            &["1.9x", "2.7x", "4.1x", "0.9 retries", "2.3 retries"],
        ),
        // 2M messages growing ~190/s: 10 minutes adds ~114k, not 500k; the mails going
        // out now were produced at 260/450 of three hours in, 1 h 15 min late.
        (
            "tsv-queue-backlog-growing",
            &[
                "2.1 million",
                "about 1 hour 15 minutes late",
                "25 minutes every hour",
            ],
            &["2.5 million", "3 hours late"],
        ),
        // 29 TB a day at $0.045/GB is $1,305: EC2-Other goes from $310 to $1,615.
        (
            "tsv-cloud-bill-jump",
            &["$310/day to $1,615/day", "29 TB a day", "$0.045 per GB"],
            &["$1,720"],
        ),
        // PostgreSQL rejects ADD COLUMN ... NOT NULL without a default on a table with rows.
        (
            "rel-online-schema-migration",
            &["NOT NULL column without a default fails on a populated table"],
            &[],
        ),
    ];
    let mut wrong = Vec::new();
    for (id, present, gone) in table {
        let text = all_text(&bank, id);
        for fact in *present {
            if !text.contains(fact) {
                wrong.push(format!("{id}: no longer says '{fact}'"));
            }
        }
        for error in *gone {
            if text.contains(error) {
                wrong.push(format!("{id}: still says '{error}'"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn first_hints_and_the_dns_prompt_do_not_name_the_diagnosis() {
    let bank = bank();
    for (id, words) in [
        ("ts-build-disk-full-df-free", &["inode", "bytes used"][..]),
        (
            "tsv-net-outbound-drops-at-peak",
            &["conntrack", "record for every connection", "port"],
        ),
        (
            "ts-lx-api-latency-cpu-idle",
            &["quota", "throttl", "cfs", "allowance", "cpu.stat"],
        ),
        (
            "ts-df-du-disagree",
            &["without a name", "open", "lsof", "deleted"],
        ),
        (
            "ts-lx-batch-writes-freeze",
            &["dirty", "write()", "writeback", "page cache"],
        ),
        (
            "ts-lx-fork-fails-free-memory",
            &["overcommit", "commit", "guarantee"],
        ),
        (
            "ts-lx-deploy-errors-slow-stop",
            &["signal", "sigterm", "pid 1", "which process gets it"],
        ),
        (
            "tsv-net-connect-timeouts-at-peak",
            &["queue", "backlog", "wait before", "somaxconn"],
        ),
        (
            "tsv-profile-edits-vanish",
            &["replica", "lag", "primary", "right after a write"],
        ),
    ] {
        let p = bank
            .get(id)
            .unwrap_or_else(|| panic!("{id} is in the bank"));
        let first = p.hints.first().expect("a first hint").to_lowercase();
        for word in words {
            assert!(
                !first.contains(word),
                "{id}: the first hint names '{word}': {first}"
            );
        }
    }
    let dns = bank
        .get("tsv-dns-intermittent-failures")
        .expect("tsv-dns-intermittent-failures is in the bank");
    assert!(!dns.prompt.contains("ndots"), "the DNS prompt states ndots");
}

/// A design round is a NALSD round (BANK-GUIDE): it opens with "does it fit on one
/// machine?" (the prompt, with its model `answer:`), then stages in order, always scale
/// out, a failure domain and a bill of materials, each with what to listen for, a time
/// box and a model answer; at least eight clarifying facts; 45-60 minutes in all; and
/// at least four different orders of stages across the twelve.
#[test]
fn the_design_round_has_twelve_staged_nalsd_rounds_and_every_area_eight() {
    let bank = bank();
    let design = in_category(&bank, "design");
    assert!(design.len() >= 12, "{} design prompts", design.len());
    let mut templates = std::collections::BTreeSet::new();
    for p in &design {
        let stages: Vec<&str> = p
            .follow_ups
            .iter()
            .filter_map(|f| f.stage.as_deref())
            .collect();
        for needed in ["scale-out", "failure-domains", "bill-of-materials"] {
            assert!(
                stages.contains(&needed),
                "{}: no {needed} stage in {stages:?}",
                p.id
            );
        }
        assert_eq!(
            stages.len(),
            p.follow_ups.len(),
            "{}: a follow-up without a stage",
            p.id
        );
        let total = p.minutes + p.follow_ups.iter().filter_map(|f| f.minutes).sum::<u32>();
        assert!((45..=60).contains(&total), "{}: {total} min in all", p.id);
        for f in &p.follow_ups {
            assert!(
                f.minutes.is_some() && f.answer.is_some() && f.listen_for.len() >= 3,
                "{}: stage {:?} needs minutes, an answer and listen_for",
                p.id,
                f.stage
            );
        }
        assert!(
            p.answer.is_some(),
            "{}: no model answer for the opening",
            p.id
        );
        let one_machine = p
            .prompt
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        assert!(
            one_machine.contains("one machine") || one_machine.contains("single machine"),
            "{}: the opening does not ask whether it fits on one machine",
            p.id
        );
        assert!(p.facts.len() >= 8, "{}: {} facts", p.id, p.facts.len());
        templates.insert(stages.join(" > "));
    }
    assert!(
        templates.len() >= 4,
        "{} templates: {templates:?}",
        templates.len()
    );
    assert!(bank.prompts.len() >= 185, "{} prompts", bank.prompts.len());
    for area in SKILL_AREAS {
        let n = bank
            .prompts
            .iter()
            .filter(|p| p.tags.iter().any(|t| t == area))
            .count();
        assert!(n >= 8, "{area}: {n} prompts");
    }
}

#[test]
fn the_readme_states_the_size_of_the_built_in_bank() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let said = readme
        .split("built-in bank of ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse::<usize>().ok())
        .expect("the README says how many prompts the bank holds");
    assert_eq!(said, bank().prompts.len(), "README: 'a built-in bank of N'");
}

/// The third edition's counts: Kubernetes (at least 12 prompts, 5 of them scenarios),
/// at least 40 scenarios each with a good and a bad fix, and a `behavioural` category of
/// at least 10 stories, each a 2-3 minute answer whose must-haves are the teller's own
/// actions and a measurable result.
#[test]
fn the_third_edition_has_kubernetes_forty_scenarios_with_fixes_and_ten_stories() {
    let bank = bank();
    let kubernetes: Vec<_> = bank
        .prompts
        .iter()
        .filter(|p| p.tags.iter().any(|t| t == "kubernetes"))
        .collect();
    assert!(
        kubernetes.len() >= 12,
        "{} Kubernetes prompts",
        kubernetes.len()
    );
    let k8s_scenarios = kubernetes.iter().filter(|p| p.scenario.is_some()).count();
    assert!(k8s_scenarios >= 5, "{k8s_scenarios} Kubernetes scenarios");
    let scenarios: Vec<_> = bank
        .prompts
        .iter()
        .filter(|p| p.scenario.is_some())
        .collect();
    assert!(scenarios.len() >= 40, "{} scenarios", scenarios.len());
    for p in &scenarios {
        let fixes = &p.scenario.as_ref().unwrap().fixes;
        assert!(
            fixes.iter().any(|f| f.good) && fixes.iter().any(|f| !f.good),
            "{}: needs a good and a bad fix",
            p.id
        );
    }
    let stories = in_category(&bank, "behavioural");
    assert!(stories.len() >= 10, "{} behavioural prompts", stories.len());
    for p in &stories {
        assert!((2..=3).contains(&p.minutes), "{}: {} min", p.id, p.minutes);
        let musts = p.rubric.iter().filter(|r| r.must).count();
        assert!(musts >= 2, "{}: {musts} must-haves", p.id);
    }
}

/// No two prompts of one category are the same exercise under two titles (the third
/// edition merged each classic coding task into its checked twin, which lists the old
/// id under `formerly:`): titles of one category share less than 60% of their words.
#[test]
fn no_two_prompts_of_a_category_are_near_duplicates() {
    let bank = bank();
    let words = |title: &str| -> HashSet<String> {
        const STOP: &[&str] = &[
            "a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "from", "by", "with",
            "at", "is", "are", "your", "you", "it", "that", "this", "as", "after", "one",
        ];
        title
            .to_lowercase()
            .replace("(checked)", "")
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && !STOP.contains(w))
            .map(|w| w.trim_end_matches('s').to_owned())
            .collect()
    };
    let mut pairs = Vec::new();
    for (i, a) in bank.prompts.iter().enumerate() {
        for b in &bank.prompts[i + 1..] {
            if a.category != b.category {
                continue;
            }
            let (wa, wb) = (words(&a.title), words(&b.title));
            let shared = wa.intersection(&wb).count() as f64;
            let all = wa.union(&wb).count().max(1) as f64;
            if shared / all >= 0.6 {
                pairs.push(format!("{} and {}", a.id, b.id));
            }
        }
    }
    assert!(pairs.is_empty(), "near-duplicates: {}", pairs.join("; "));
    for (merged, into) in [
        ("code-access-log-top-5xx", "chk-top-5xx-clients"),
        ("code-token-bucket-limiter", "chk-token-bucket"),
        ("code-merge-host-logs", "chk-merge-log-streams"),
        ("code-bounded-lookup-cache", "chk-lru-cache"),
    ] {
        assert_eq!(
            bank.get(merged).map(|p| p.id.0.as_str()),
            Some(into),
            "{merged}"
        );
    }
}

/// What a rubric point about talking opens with (stating, explaining, naming what to
/// test) or says (an example worked by hand, a test): a passing check proves none of it.
const TALK_OPENINGS: &[&str] = &[
    "says",
    "states",
    "restates",
    "explains",
    "asks",
    "names",
    "draws",
    "writes",
    "talks",
    "describes",
];
const TALK_WORDS: &[&str] = &["by hand", "example"];

fn is_talk(point: &str) -> bool {
    let lower = point.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    TALK_OPENINGS.contains(words.first().unwrap_or(&""))
        || words.iter().any(|w| w.starts_with("test"))
        || TALK_WORDS.iter().any(|w| lower.contains(w))
}

#[test]
fn checked_prompts_answer_clarifying_questions_and_mark_what_a_check_proves() {
    let bank = bank();
    let checked: Vec<_> = bank.prompts.iter().filter(|p| p.check.is_some()).collect();
    assert!(checked.len() >= 20, "{} checked prompts", checked.len());
    let mut unheard = Vec::new();
    for p in checked {
        let id = &p.id;
        assert!(p.facts.len() >= 4, "{id}: {} facts", p.facts.len());
        let says: Vec<&str> = p.facts.iter().map(|f| f.say.as_str()).collect();
        let mut interviewer =
            sre_drill::scenario::Interviewer::for_facts(&p.facts, &bank.vocabulary)
                .with_topic(&p.prompt);
        for question in [
            "How big is the input?",
            "Can the input be empty?",
            "What about malformed lines?",
            "Which language can I use?",
        ] {
            let reply = interviewer.hear(question, 0).unwrap_or_default();
            if !says.contains(&reply.as_str()) {
                unheard.push(format!("{id}: {question:?} got {reply:?}"));
            }
        }
        let proven: Vec<&str> = p
            .rubric
            .iter()
            .filter(|r| r.by_check)
            .map(|r| r.point.as_str())
            .collect();
        assert!(!proven.is_empty(), "{id}: no point marked by_check");
        for point in proven {
            assert!(!is_talk(point), "{id}: a check cannot prove {point:?}");
        }
        assert!(
            p.rubric.iter().any(|r| !r.by_check),
            "{id}: every point marked by_check; a check never settles the whole rubric"
        );
    }
    assert!(unheard.is_empty(), "{}", unheard.join("\n"));
}
