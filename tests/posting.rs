//! `sre-drill plan --posting FILE|-` and `sre-drill drill posting --posting FILE`: the
//! topics a job posting names (through the topic map, which the user can extend), the
//! standing on each, the prompts in order (never practised first, then the weakest), the
//! stories that cover each topic, and the topics the bank cannot cover. The postings in
//! tests/postings/ are three real-looking jobs.

use std::fs;
use std::path::{Path, PathBuf};

#[cfg(unix)]
mod support;

use serde_json::Value;
use support::{Plain, records, run_plain};

fn posting(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/postings")
        .join(name)
}

fn plan_json(home: &Path, name: &str) -> Value {
    let file = posting(name);
    let run = run_plain(
        home,
        &["plan", "--posting", file.to_str().unwrap(), "--json"],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("plan --posting --json is JSON")
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Logs one graded attempt at `prompt` through a plain-mode drill: every rubric point
/// covered for a grade of 3 or 4, none below.
fn practise(home: &Path, prompt: &str, grade: u8) {
    let points = if grade >= 3 { "all" } else { "" };
    let run = run_plain(
        home,
        &["drill", prompt, "--follow-ups", "0"],
        &format!("an answer\n.\n{points}\n{grade}\n\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Every drill prompt belongs to a topic of the plan, the topics' prompts come in the
/// topics' order, and no prompt comes twice.
fn assert_drill_follows_topics(plan: &Value) {
    let order = ids(&plan["topics"]);
    let drill = plan["drill"].as_array().unwrap();
    assert!(!drill.is_empty());
    let mut last = 0;
    let mut seen = Vec::new();
    for d in drill {
        let at = order
            .iter()
            .position(|t| t == d["topic"].as_str().unwrap())
            .expect("a drill prompt's topic is a topic of the plan");
        assert!(at >= last, "{} comes after a later topic", d["id"]);
        last = at;
        assert!(!seen.contains(&d["id"]), "{} twice", d["id"]);
        seen.push(d["id"].clone());
    }
}

#[test]
fn the_entry_level_posting_names_its_topics_most_named_first_and_windows_as_not_covered() {
    let home = tempfile::tempdir().unwrap();
    let plan = plan_json(home.path(), "entry-level-sre.txt");
    assert_eq!(
        ids(&plan["topics"]),
        [
            "networking",
            "incident-response",
            "linux",
            "on-call",
            "observability",
            "cloud",
            "coding",
            "python",
            "scripting",
            "troubleshooting",
            "prometheus",
            "slos",
            "customer-support",
            "go",
            "git",
            "security"
        ]
    );
    let networking = &plan["topics"][0];
    assert_eq!(networking["name"], "Networking");
    assert_eq!(networking["standing"]["recent_grade"], Value::Null);
    let words: Vec<&str> = networking["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        words,
        ["network", "DNS", "TCP", "HTTP", "TLS", "networking"]
    );
    // "Go" as the language, not the verb; "containers" of a shipping company are not
    // container runtimes.
    assert_eq!(plan["topics"][13]["words"][0]["text"], "Go");
    assert!(!ids(&plan["topics"]).contains(&"containers".to_owned()));
    assert_eq!(ids(&plan["cannot_cover"]), ["windows"]);
    assert_drill_follows_topics(&plan);
    let first = &plan["drill"][0];
    assert_eq!(first["topic"], "networking");
}

#[test]
fn the_kubernetes_posting_puts_kubernetes_first_and_drills_kubernetes_prompts_first() {
    let home = tempfile::tempdir().unwrap();
    let plan = plan_json(home.path(), "kubernetes-platform.txt");
    let topics = ids(&plan["topics"]);
    assert_eq!(
        topics,
        [
            "kubernetes",
            "ci-cd",
            "observability",
            "networking",
            "infrastructure-as-code",
            "linux",
            "distributed-systems",
            "slos",
            "go",
            "cloud",
            "troubleshooting",
            "prometheus",
            "on-call",
            "incident-response",
            "containers",
            "python",
            "backups",
            "security"
        ]
    );
    assert_eq!(plan["topics"][0]["mentions"], 9);
    assert_eq!(plan["cannot_cover"], Value::Array(vec![]));
    assert_drill_follows_topics(&plan);
    let bank = support::bank_json(home.path());
    for d in plan["drill"].as_array().unwrap().iter().take(2) {
        let prompt = bank.iter().find(|p| p["id"] == d["id"]).unwrap();
        assert!(
            prompt["tags"]
                .as_array()
                .unwrap()
                .contains(&Value::from("kubernetes")),
            "{prompt}"
        );
    }
    // Terraform is found under its topic, with its own prompt first.
    let iac = plan["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "infrastructure-as-code")
        .unwrap();
    assert_eq!(iac["drill"][0], "ts-ds-plan-shows-unmade-changes");
}

#[test]
fn the_database_posting_plans_databases_backups_and_postgres_first() {
    let home = tempfile::tempdir().unwrap();
    let plan = plan_json(home.path(), "database-reliability.txt");
    assert_eq!(
        ids(&plan["topics"]),
        [
            "databases",
            "backups",
            "postgres",
            "incident-response",
            "coding",
            "python",
            "observability",
            "security",
            "capacity",
            "infrastructure-as-code",
            "configuration-management",
            "on-call",
            "mysql",
            "linux",
            "prometheus"
        ]
    );
    let postgres = &plan["topics"][2];
    assert_eq!(postgres["name"], "PostgreSQL");
    let read: Vec<&str> = postgres["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(read, ["PostgreSQL documentation", "Use The Index, Luke"]);
    assert_drill_follows_topics(&plan);
}

#[test]
fn practice_moves_topics_down_never_practised_first_then_the_weakest() {
    let home = tempfile::tempdir().unwrap();
    practise(home.path(), "ts-pod-stuck-pending", 4);
    practise(home.path(), "rel-error-budget-arithmetic", 1);
    let plan = plan_json(home.path(), "kubernetes-platform.txt");
    let topics = plan["topics"].as_array().unwrap();
    let grades: Vec<Option<f64>> = topics
        .iter()
        .map(|t| t["standing"]["recent_grade"].as_f64())
        .collect();
    let first_practised = grades.iter().position(Option::is_some).unwrap();
    assert!(
        grades[..first_practised].iter().all(Option::is_none)
            && grades[first_practised..].iter().all(Option::is_some),
        "never practised first: {grades:?}"
    );
    let practised: Vec<f64> = grades.iter().flatten().copied().collect();
    assert!(
        practised.windows(2).all(|w| w[0] <= w[1]),
        "weakest first: {practised:?}"
    );
    let at = |id: &str| topics.iter().position(|t| t["id"] == id).unwrap();
    assert!(at("slos") < at("kubernetes"), "{:?}", ids(&plan["topics"]));
    let slos = &topics[at("slos")];
    assert_eq!(slos["standing"]["attempts"], 1);
    assert_eq!(slos["standing"]["recent_grade"], 1.0);
    // The prompt graded 1 Again comes first among the practised topics' prompts (a
    // prompt is listed once, under the first topic that takes it); the one graded
    // 4 Easy does not come before its topic's never-practised ones.
    let first_practised_topic = &topics[first_practised]["id"];
    let first = plan["drill"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["topic"] == *first_practised_topic)
        .unwrap();
    assert_eq!(first["id"], "rel-error-budget-arithmetic");
    let kubernetes = &topics[at("kubernetes")];
    assert_eq!(kubernetes["standing"]["recent_grade"], 4.0);
    assert_ne!(kubernetes["drill"][0], "ts-pod-stuck-pending");
    assert_drill_follows_topics(&plan);

    let text = run_plain(
        home.path(),
        &[
            "plan",
            "--posting",
            posting("kubernetes-platform.txt").to_str().unwrap(),
        ],
        "",
    );
    assert!(
        text.stdout.contains("1 attempt, recent grade 1.0"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("not practised yet"), "{}", text.stdout);
}

#[test]
fn topics_rank_by_the_weakness_rule_a_missed_must_have_counting_low() {
    let home = tempfile::tempdir().unwrap();
    // Graded 3 Good with no rubric point covered (its must-haves missed): counts 1.5.
    let run = run_plain(
        home.path(),
        &["drill", "ts-pod-stuck-pending", "--follow-ups", "0"],
        "an answer\n.\n\n3\n\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Graded 2 Hard with every point covered: counts 2.
    let run = run_plain(
        home.path(),
        &["drill", "rel-error-budget-arithmetic", "--follow-ups", "0"],
        "an answer\n.\nall\n2\n\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plan = plan_json(home.path(), "kubernetes-platform.txt");
    let topics = plan["topics"].as_array().unwrap();
    let at = |id: &str| topics.iter().position(|t| t["id"] == id).unwrap();
    assert!(at("kubernetes") < at("slos"), "{:?}", ids(&plan["topics"]));
    assert_eq!(topics[at("kubernetes")]["standing"]["recent_grade"], 3.0);
    assert_eq!(topics[at("kubernetes")]["standing"]["recent_score"], 1.5);
    let text = run_plain(
        home.path(),
        &[
            "plan",
            "--posting",
            posting("kubernetes-platform.txt").to_str().unwrap(),
        ],
        "",
    );
    assert!(
        text.stdout
            .contains("1 attempt, recent grade 3.0 (counts 1.5)"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("each that missed a must-have counting as 1.5 at most"),
        "the rule is stated where it is used:\n{}",
        text.stdout
    );
}

#[test]
fn drill_posting_serves_the_plans_prompts_in_its_order() {
    let home = tempfile::tempdir().unwrap();
    let plan = plan_json(home.path(), "database-reliability.txt");
    let wanted: Vec<Value> = plan["drill"].as_array().unwrap()[..2].to_vec();
    let file = posting("database-reliability.txt");
    let run = run_plain(
        home.path(),
        &[
            "drill",
            "posting",
            "--posting",
            file.to_str().unwrap(),
            "--count",
            "2",
            "--follow-ups",
            "0",
        ],
        "first\n.\n\n3\n\nsecond\n.\n\n3\n\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let served: Vec<Value> = records(home.path())
        .iter()
        .map(|r| r["prompt"].clone())
        .collect();
    let wanted: Vec<Value> = wanted.iter().map(|d| d["id"].clone()).collect();
    assert_eq!(served, wanted);
    assert!(
        plan["command"]
            .as_str()
            .unwrap()
            .starts_with("sre-drill drill posting --posting ")
    );
}

#[test]
fn a_posting_naming_topics_the_bank_cannot_cover_says_so() {
    let home = tempfile::tempdir().unwrap();
    let text = "ML Platform Engineer\nYou will run GPU clusters for model training and \
                model serving, and keep our Kubernetes nodes healthy. Our billing still runs \
                on a mainframe (COBOL, JCL).\n";
    let json = run_plain(home.path(), &["plan", "--posting", "-", "--json"], text);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let plan: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(ids(&plan["topics"]), ["kubernetes"]);
    assert_eq!(
        ids(&plan["cannot_cover"]),
        ["machine-learning", "mainframe"]
    );
    assert_eq!(
        plan["command"],
        Value::Null,
        "drill needs a file, not stdin"
    );
    let out = run_plain(home.path(), &["plan", "--posting", "-"], text);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "The bank cannot cover: Machine learning infrastructure (GPU, model training, model serving); Mainframe (mainframe, COBOL, JCL). No prompt drills them; prepare them another way."
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("To drill them, save the posting to a file"),
        "{}",
        out.stdout
    );

    // A posting with nothing the bank covers has nothing to drill.
    let only = home.path().join("mainframe.txt");
    fs::write(&only, "Mainframe operator: COBOL and JCL batch jobs.\n").unwrap();
    let drill = run_plain(
        home.path(),
        &["drill", "posting", "--posting", only.to_str().unwrap()],
        "",
    );
    assert_eq!(drill.code, 2, "{}", drill.stderr);
    assert!(
        drill
            .stderr
            .contains("no prompt in the bank drills its topics (Mainframe)"),
        "{}",
        drill.stderr
    );
}

#[test]
fn your_topic_map_adds_and_replaces_topics_and_your_prompts_can_cover_a_topic() {
    let home = tempfile::tempdir().unwrap();
    fs::write(
        home.path().join("topics.yaml"),
        "topics:\n  - id: nomad\n    name: HashiCorp Nomad\n    words: [nomad]\n    tags: [cloud]\n  - id: go\n    words: []\n",
    )
    .unwrap();
    let drills = home.path().join("drills");
    fs::create_dir(&drills).unwrap();
    fs::write(
        drills.join("mainframe.yaml"),
        "category: troubleshooting\nprompts:\n  - id: mf-abend\n    title: A batch job ends with an abend\n    level: mid\n    prompt: The nightly COBOL batch job stops with S0C7.\n    rubric: [Reads the abend code, Finds the bad record]\n",
    )
    .unwrap();
    let text = "We run Nomad, write Go, and keep a mainframe with COBOL.\n";
    let run = run_plain(home.path(), &["plan", "--posting", "-", "--json"], text);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plan: Value = serde_json::from_str(&run.stdout).unwrap();
    let topics = ids(&plan["topics"]);
    assert!(topics.contains(&"nomad".to_owned()), "{topics:?}");
    assert!(
        !topics.contains(&"go".to_owned()),
        "switched off: {topics:?}"
    );
    assert!(topics.contains(&"mainframe".to_owned()), "{topics:?}");
    assert_eq!(plan["cannot_cover"], Value::Array(vec![]));
    let mainframe = plan["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "mainframe")
        .unwrap();
    assert_eq!(mainframe["drill"][0], "mf-abend");
}

#[test]
fn a_topic_map_with_a_problem_is_one_error_naming_its_line() {
    let home = tempfile::tempdir().unwrap();
    let map = home.path().join("topics.yaml");
    fs::write(&map, "topics:\n  - id: nomad\n    wrods: [nomad]\n").unwrap();
    let file = posting("entry-level-sre.txt");
    let run = run_plain(
        home.path(),
        &["plan", "--posting", file.to_str().unwrap()],
        "",
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "sre-drill: {}:3:5: unknown field `wrods` in a topic; did you mean `words`? (a topic has id, name, words, exact, tags, resources)\n",
            map.display()
        )
    );
}

#[test]
fn your_stories_are_named_under_the_topics_they_cover_and_the_rest_are_listed() {
    let home = tempfile::tempdir().unwrap();
    fs::write(
        home.path().join("stories.yaml"),
        "stories:\n  - id: story-evicted-pods\n    title: The evicted pods\n    situation: Search pods were evicted every night.\n    action: I set memory requests.\n    result: No eviction in 90 days.\n    topics: [k8s, on-call]\n",
    )
    .unwrap();
    let plan = plan_json(home.path(), "kubernetes-platform.txt");
    let topic = |id: &str| {
        plan["topics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        topic("kubernetes")["stories"][0]["id"],
        "story-evicted-pods"
    );
    assert_eq!(topic("on-call")["stories"][0]["id"], "story-evicted-pods");
    assert_eq!(topic("linux")["stories"], Value::Array(vec![]));
    let without: Vec<&str> = plan["without_story"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(!without.contains(&"Kubernetes"), "{without:?}");
    assert!(!without.contains(&"On-call"), "{without:?}");
    assert!(without.contains(&"Linux"), "{without:?}");
    let text = run_plain(
        home.path(),
        &[
            "plan",
            "--posting",
            posting("kubernetes-platform.txt").to_str().unwrap(),
        ],
        "",
    );
    assert!(
        text.stdout
            .contains("  Kubernetes: story-evicted-pods (The evicted pods)"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("  No story yet for: "),
        "{}",
        text.stdout
    );
}

#[test]
fn postings_that_cannot_be_read_or_name_nothing_say_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    let none = run_plain(
        home.path(),
        &["plan", "--posting", "-"],
        "We sell very good bread.\n",
    );
    assert_eq!(none.code, 0, "{}", none.stderr);
    assert!(
        none.stdout
            .starts_with("No topic of the topic map appears in the posting on stdin."),
        "{}",
        none.stdout
    );
    assert!(none.stdout.contains("topics.yaml"), "{}", none.stdout);

    let binary = home.path().join("posting.pdf");
    fs::write(&binary, b"%PDF-1.7\n\xff\xfe\x00\x01").unwrap();
    let bad: Plain = run_plain(
        home.path(),
        &["plan", "--posting", binary.to_str().unwrap()],
        "",
    );
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("is not plain UTF-8 text"),
        "{}",
        bad.stderr
    );

    let missing = run_plain(home.path(), &["plan", "--posting", "nope.txt"], "");
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("cannot read nope.txt"),
        "{}",
        missing.stderr
    );
    assert!(
        missing.stderr.contains("or - to read it from stdin"),
        "the error says what to do: {}",
        missing.stderr
    );

    for (args, complaint) in [
        (&["drill", "posting"][..], "needs the job posting"),
        (
            &["drill", "coding", "--posting", "x.txt"],
            "goes with the target posting",
        ),
        (
            &["drill", "posting", "--posting", "-"],
            "give the posting as a file",
        ),
    ] {
        let run = run_plain(home.path(), args, "");
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(complaint), "{args:?}: {}", run.stderr);
    }
}

/// The story of the README's example.
const README_STORY: &str = "\
stories:
  - id: story-the-search-pods-evicted-every-night
    title: The search pods evicted every night
    situation: |-
      Summer 2025, on call for the search team. Search pods were evicted every night at 02:00,
      and customers saw empty search results for a few minutes each time.
    task: Stop the evictions without buying bigger nodes.
    action: |-
      I read the kubelet logs and found memory-pressure evictions of pods with no memory requests.
      I measured each pod's peak use for a week and set requests and limits to match.
    result: No eviction since, and the nightly empty-results alert stopped paging.
    numbers: [0 evictions in 90 days, 8 minutes of empty results a night before]
    learned: A pod without memory requests is the first to go; we now reject them in CI.
    topics: [kubernetes, on-call]
";

#[test]
fn the_readme_plan_for_a_posting_is_what_plan_prints() {
    let home = tempfile::tempdir().unwrap();
    fs::write(home.path().join("stories.yaml"), README_STORY).unwrap();
    let told = run_plain(
        home.path(),
        &["story", "--follow-ups", "0"],
        "Summer 2025, on call for search; customers saw empty results every night. I read the kubelet logs and set memory requests. 0 evictions in 90 days. I learned requests matter.\n.\nauto\n3\n\n",
    );
    assert_eq!(told.code, 0, "{}", told.stderr);
    practise(home.path(), "ts-pod-stuck-pending", 4);
    practise(home.path(), "rel-error-budget-arithmetic", 1);
    let command = "$ sre-drill plan --posting tests/postings/kubernetes-platform.txt\n";
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let block = readme
        .split_once(command)
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block)
        .expect("the README shows plan --posting for the Kubernetes posting");
    let run = run_plain(
        home.path(),
        &[
            "plan",
            "--posting",
            "tests/postings/kubernetes-platform.txt",
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Every line the README shows is printed, in the same order; `  ...` stands for
    // lines left out.
    let mut printed = run.stdout.lines();
    for line in block.lines().filter(|l| l.trim() != "...") {
        assert!(
            printed.any(|p| p == line),
            "the README shows {line:?}, which plan does not print (in that order):\n{}",
            run.stdout
        );
    }
}
