//! Hands-on labs, specified from the outside: every built-in lab's planted answer is
//! recomputed by a naive solver over the generated files (the way a person would, with
//! grep/awk-style reasoning, never by asking the generator); the same seed gives the
//! same bytes; seeds change answers; lab files cannot escape their folder; `--pipeline`
//! proves a method; plain-mode sessions run end to end through the binary.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use sre_drill::bank::Source;
use sre_drill::lab::answer::{Context, Planted, is_correct};
use sre_drill::lab::generators::Generated;
use sre_drill::lab::writer::{create_lab_folder, write_files};
use sre_drill::lab::{Lab, Labs, load, parse_lab_file};

fn labs() -> Labs {
    load(None, &[]).unwrap()
}

fn lab<'a>(labs: &'a Labs, id: &str) -> &'a Lab {
    labs.get(id)
        .unwrap_or_else(|| panic!("no built-in lab {id}"))
}

/// Generates a lab into a temp folder; returns the folder (kept alive by the guard).
fn materialise(lab: &Lab, seed: u64) -> (tempfile::TempDir, PathBuf, Generated) {
    let dir = tempfile::tempdir().unwrap();
    let generated = lab.generator.generate(seed);
    let folder = create_lab_folder(&dir.path().join("labs"), &lab.id, seed).unwrap();
    write_files(&folder, &generated.files).unwrap();
    (dir, folder, generated)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

/// The first MiB of a file (sparse files are many GiB of nothing after their head).
fn head(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    fs::File::open(path)
        .unwrap()
        .take(1 << 20)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

fn argmax<K: Clone + Ord>(counts: &BTreeMap<K, f64>) -> K {
    counts
        .iter()
        .max_by(|a, b| a.1.partial_cmp(b.1).unwrap().then(b.0.cmp(a.0)))
        .map(|(k, _)| k.clone())
        .expect("nothing counted")
}

// ---------------------------------------------------------------- the naive solvers

/// nginx combined + request time: split on spaces like awk does.
fn access_log(folder: &Path, key: &dyn Fn(&[&str]) -> Option<String>) -> String {
    let mut counts = BTreeMap::new();
    for f in files_under(folder)
        .iter()
        .filter(|f| f.to_string_lossy().ends_with("access.log"))
    {
        for line in read(f).lines() {
            let fields: Vec<&str> = line.split(' ').collect();
            if let Some(k) = key(&fields) {
                *counts.entry(k).or_insert(0.0) += 1.0;
            }
        }
    }
    argmax(&counts)
}

fn path_of(fields: &[&str]) -> String {
    fields[6].split('?').next().unwrap().to_owned()
}

fn status(fields: &[&str]) -> u16 {
    fields[8].parse().unwrap()
}

fn request_time(fields: &[&str]) -> f64 {
    fields.last().unwrap().parse().unwrap()
}

fn syslog_text(folder: &Path) -> String {
    files_under(folder).iter().map(|f| read(f)).collect()
}

fn oom_killed(folder: &Path) -> (String, String) {
    let text = syslog_text(folder);
    let line = text
        .lines()
        .find(|l| l.contains("Out of memory: Killed process "))
        .expect("no OOM kill");
    let rest = line.split("Killed process ").nth(1).unwrap();
    let pid = rest.split(' ').next().unwrap().to_owned();
    let name = rest
        .split('(')
        .nth(1)
        .unwrap()
        .split(')')
        .next()
        .unwrap()
        .to_owned();
    (pid, name)
}

fn oom_unit(folder: &Path) -> String {
    let text = syslog_text(folder);
    let line = text
        .lines()
        .find(|l| l.contains("has been killed by the OOM killer"))
        .unwrap();
    let unit = line
        .split("systemd[1]: ")
        .nth(1)
        .unwrap()
        .split(':')
        .next()
        .unwrap();
    unit.trim_end_matches(".service").to_owned()
}

fn crash_loop(folder: &Path) -> (String, f64) {
    let text = syslog_text(folder);
    let mut counts = BTreeMap::new();
    let mut highest: HashMap<String, f64> = HashMap::new();
    for line in text
        .lines()
        .filter(|l| l.contains("Scheduled restart job, restart counter is at "))
    {
        let unit = line
            .split("systemd[1]: ")
            .nth(1)
            .unwrap()
            .split(':')
            .next()
            .unwrap()
            .trim_end_matches(".service")
            .to_owned();
        let n: f64 = line
            .rsplit(' ')
            .next()
            .unwrap()
            .trim_end_matches('.')
            .parse()
            .unwrap();
        *counts.entry(unit.clone()).or_insert(0.0) += 1.0;
        let h = highest.entry(unit).or_insert(0.0);
        *h = h.max(n);
    }
    let unit = argmax(&counts);
    let n = highest[&unit];
    (unit, n)
}

struct Row {
    pid: u64,
    ppid: u64,
    stat: String,
    rss: u64,
}

fn ps(path: &Path) -> Vec<Row> {
    read(path)
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            Row {
                pid: f[0].parse().unwrap(),
                ppid: f[1].parse().unwrap(),
                stat: f[3].to_owned(),
                rss: f[7].parse().unwrap(),
            }
        })
        .collect()
}

fn children(folder: &Path, only_zombies: bool) -> (String, f64) {
    let snap = files_under(folder).into_iter().next().unwrap();
    let mut counts = BTreeMap::new();
    for r in ps(&snap) {
        if r.ppid <= 1 || (only_zombies && !r.stat.starts_with('Z')) {
            continue;
        }
        *counts.entry(r.ppid).or_insert(0.0) += 1.0;
    }
    let parent = argmax(&counts);
    (parent.to_string(), counts[&parent])
}

fn leaker(folder: &Path) -> String {
    let snaps = files_under(folder);
    let first: HashMap<u64, u64> = ps(&snaps[0]).iter().map(|r| (r.pid, r.rss)).collect();
    let mut growth = BTreeMap::new();
    for r in ps(snaps.last().unwrap()) {
        if let Some(before) = first.get(&r.pid) {
            growth.insert(r.pid, r.rss as f64 - *before as f64);
        }
    }
    argmax(&growth).to_string()
}

fn runaway_log(folder: &Path) -> (String, f64) {
    let mut sizes = BTreeMap::new();
    for f in files_under(folder) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        if name.contains(".log") || Path::new(&name).extension().is_some_and(|e| e == "out") {
            let rel = f
                .strip_prefix(folder)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            sizes.insert(rel, fs::metadata(&f).unwrap().len() as f64);
        }
    }
    let path = argmax(&sizes);
    let gib = sizes[&path] / (1024.0 * 1024.0 * 1024.0);
    (path, gib)
}

/// A five-field cron schedule, read by a cron-expression crate, so a schedule it cannot
/// parse fails the test.
fn cron_schedule(fields: &[&str]) -> croner::Cron {
    let schedule = fields.join(" ");
    schedule
        .parse()
        .unwrap_or_else(|e| panic!("'{schedule}' is not a cron schedule: {e}"))
}

/// Does the schedule fire at this minute?
fn cron_fires(cron: &croner::Cron, t: chrono::NaiveDateTime) -> bool {
    use chrono::TimeZone;
    cron.is_time_matching(&chrono::Utc.from_utc_datetime(&t))
        .unwrap()
}

fn cron_culprit(folder: &Path) -> String {
    use chrono::NaiveDateTime;
    // The load series, from sar reports or the CSV.
    let mut samples: Vec<(NaiveDateTime, f64)> = Vec::new();
    for f in files_under(folder) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(date) = name
            .strip_prefix("sar-q-")
            .and_then(|n| n.strip_suffix(".txt"))
        {
            for line in read(&f).lines() {
                let w: Vec<&str> = line.split_whitespace().collect();
                if w.len() == 7
                    && w[0].len() == 8
                    && w[0].as_bytes()[2] == b':'
                    && w[1] != "runq-sz"
                {
                    let t = NaiveDateTime::parse_from_str(
                        &format!("{date} {}", w[0]),
                        "%Y-%m-%d %H:%M:%S",
                    )
                    .unwrap();
                    samples.push((t, w[3].parse().unwrap()));
                }
            }
        } else if name == "load.csv" {
            for line in read(&f).lines().skip(1) {
                let w: Vec<&str> = line.split(',').collect();
                let t = NaiveDateTime::parse_from_str(&w[0][..19], "%Y-%m-%dT%H:%M:%S").unwrap();
                samples.push((t, w[1].parse().unwrap()));
            }
        }
    }
    samples.sort_by_key(|s| s.0);
    let mut loads: Vec<f64> = samples.iter().map(|s| s.1).collect();
    loads.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let threshold = f64::midpoint(loads[loads.len() / 2], loads[loads.len() - 1]);
    let mut starts: BTreeMap<chrono::NaiveDate, NaiveDateTime> = BTreeMap::new();
    for (t, l) in &samples {
        if *l >= threshold {
            starts.entry(t.date()).or_insert(*t);
        }
    }
    let days: BTreeSet<chrono::NaiveDate> = samples.iter().map(|s| s.0.date()).collect();
    // Every job of every crontab.
    let mut culprits = Vec::new();
    for f in files_under(folder) {
        let rel = f
            .strip_prefix(folder)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let system = rel == "etc/crontab" || rel.starts_with("etc/cron.d/");
        if !system && !rel.starts_with("var/spool/cron/crontabs/") {
            continue;
        }
        for line in read(&f).lines() {
            let l = line.trim();
            if l.is_empty()
                || l.starts_with('#')
                || l.split_whitespace().next().unwrap().contains('=')
            {
                continue;
            }
            let w: Vec<&str> = l.split_whitespace().collect();
            let command = &w[if system { 6 } else { 5 }..];
            let schedule = cron_schedule(&w[..5]);
            let mut ok = true;
            for day in &days {
                let fires: Vec<NaiveDateTime> = (0..1440)
                    .map(|m| day.and_hms_opt(0, 0, 0).unwrap() + chrono::Duration::minutes(m))
                    .filter(|t| cron_fires(&schedule, *t))
                    .collect();
                let start = starts.get(day);
                let explains = |t: &NaiveDateTime| {
                    // The first high sample follows the start by at most one sample step.
                    start.is_some_and(|s| *s - chrono::Duration::minutes(11) < *t && t <= s)
                };
                if start.is_some() && !fires.iter().any(explains) {
                    ok = false;
                }
                if fires.iter().any(|t| !explains(t)) {
                    ok = false;
                }
            }
            if ok {
                culprits.push(command[0].rsplit('/').next().unwrap().to_owned());
            }
        }
    }
    assert_eq!(culprits.len(), 1, "cron solver found {culprits:?}");
    culprits.remove(0)
}

struct Zone {
    origin: String,
    records: Vec<(String, String, String)>,
}

fn zone(folder: &Path) -> Zone {
    let named = read(&folder.join("etc/bind/named.conf.local"));
    let origin = named
        .split("zone \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let text = read(&folder.join(format!("var/named/db.{origin}")));
    let mut records = Vec::new();
    let mut in_soa = false;
    for line in text.lines() {
        let line = line.split(';').next().unwrap();
        if line.trim().is_empty() || line.starts_with('$') {
            continue;
        }
        if line.contains("SOA") {
            in_soa = true;
        }
        if in_soa {
            in_soa = !line.contains(')');
            continue;
        }
        let w: Vec<&str> = line.split_whitespace().collect();
        let name = if w[0] == "@" {
            origin.clone()
        } else {
            format!("{}.{origin}", w[0])
        };
        records.push((name, w[2].to_owned(), w[3..].join(" ")));
    }
    Zone { origin, records }
}

fn dns_broken(folder: &Path, fault: &str) -> String {
    let z = zone(folder);
    let has = |name: &str, kind: &str| z.records.iter().any(|r| r.0 == name && r.1 == kind);
    let absolute = |target: &str| {
        if let Some(t) = target.strip_suffix('.') {
            t.to_owned()
        } else {
            format!("{target}.{}", z.origin)
        }
    };
    match fault {
        "hosts" => {
            for line in read(&folder.join("etc/hosts")).lines() {
                let w: Vec<&str> = line.split_whitespace().collect();
                if w.is_empty() || w[0].starts_with('#') {
                    continue;
                }
                for name in &w[1..] {
                    let ips: Vec<&String> = z
                        .records
                        .iter()
                        .filter(|r| &r.0 == name && r.1 == "A")
                        .map(|r| &r.2)
                        .collect();
                    if !ips.is_empty() && !ips.iter().any(|ip| *ip == w[0]) {
                        return (*name).to_owned();
                    }
                }
            }
            panic!("no stale pin")
        }
        "cname-dot" => z
            .records
            .iter()
            .find(|r| {
                r.1 == "CNAME"
                    && absolute(&r.2).ends_with(&z.origin)
                    && !z.records.iter().any(|o| o.0 == absolute(&r.2))
            })
            .map(|r| r.0.clone())
            .expect("no dangling CNAME"),
        "cname-conflict" => z
            .records
            .iter()
            .find(|r| r.1 == "CNAME" && z.records.iter().any(|o| o.0 == r.0 && o.1 != "CNAME"))
            .map(|r| r.0.clone())
            .expect("no CNAME conflict"),
        "ns" => z
            .records
            .iter()
            .filter(|r| r.1 == "NS")
            .map(|r| absolute(&r.2))
            .find(|ns| ns.ends_with(&z.origin) && !has(ns, "A"))
            .expect("no NS without address"),
        "search" => {
            let resolv = read(&folder.join("etc/resolv.conf"));
            let search = resolv.lines().find(|l| l.starts_with("search ")).unwrap();
            let zones: Vec<String> = files_under(&folder.join("var/named"))
                .iter()
                .map(|f| {
                    f.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .trim_start_matches("db.")
                        .to_owned()
                })
                .collect();
            search
                .split_whitespace()
                .skip(1)
                .find(|d| !zones.iter().any(|z| z == d))
                .unwrap()
                .to_owned()
        }
        _ => unreachable!(),
    }
}

/// Per instance: (5xx, all), from one snapshot or the increase between two.
fn metrics(folder: &Path) -> BTreeMap<String, (f64, f64)> {
    fn series(dir: &Path) -> BTreeMap<(String, String), f64> {
        let mut out = BTreeMap::new();
        for f in files_under(dir) {
            let text = read(&f);
            let saved = text
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("# saved from http://"))
                .map(|l| l.trim_end_matches("/metrics").to_owned());
            for line in text
                .lines()
                .filter(|l| l.starts_with("http_requests_total{"))
            {
                let (labels, value) = line.rsplit_once(' ').unwrap();
                let instance = labels
                    .split("instance=\"")
                    .nth(1)
                    .map(|r| r.split('"').next().unwrap().to_owned())
                    .or_else(|| saved.clone())
                    .unwrap();
                out.insert((instance, labels.to_owned()), value.parse().unwrap());
            }
        }
        out
    }
    let mut totals: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    let before = folder.join("metrics/before");
    let pairs: Vec<((String, String), f64)> = if before.is_dir() {
        let a = series(&before);
        let b = series(&folder.join("metrics/after"));
        b.into_iter()
            .map(|(k, v)| {
                let old = a[&k];
                let d = if v >= old { v - old } else { v };
                (k, d)
            })
            .collect()
    } else {
        series(&folder.join("metrics")).into_iter().collect()
    };
    for ((instance, labels), v) in pairs {
        let t = totals.entry(instance).or_insert((0.0, 0.0));
        t.1 += v;
        if labels.contains("code=\"5") {
            t.0 += v;
        }
    }
    totals
}

fn ratios(folder: &Path) -> BTreeMap<String, f64> {
    metrics(folder)
        .into_iter()
        .map(|(k, (e, t))| (k, e / t * 100.0))
        .collect()
}

/// What a person would answer for this lab, computed from the files alone.
fn solve(lab: &Lab, folder: &Path) -> String {
    match lab.id.as_str() {
        "lab-5xx-client" => access_log(folder, &|f| (status(f) >= 500).then(|| f[0].to_owned())),
        "lab-5xx-endpoint" => access_log(folder, &|f| (status(f) >= 500).then(|| path_of(f))),
        "lab-latency-endpoint" => {
            access_log(folder, &|f| (request_time(f) > 1.0).then(|| path_of(f)))
        }
        "lab-latency-client" => access_log(folder, &|f| {
            (request_time(f) > 1.0).then(|| f[0].to_owned())
        }),
        "lab-oom-killed" => oom_killed(folder).1,
        "lab-oom-service" => oom_unit(folder),
        "lab-crash-loop" => crash_loop(folder).0,
        "lab-crash-loop-restarts" => crash_loop(folder).1.to_string(),
        "lab-zombie-parent" => children(folder, true).0,
        "lab-zombie-count" => children(folder, true).1.to_string(),
        "lab-fork-storm" => children(folder, false).0,
        "lab-memory-leak" => leaker(folder),
        "lab-disk-runaway-log" | "lab-disk-runaway-senior" => runaway_log(folder).0,
        "lab-disk-size" => format!("{:.2}", runaway_log(folder).1),
        "lab-cron-afternoon" | "lab-cron-weekdays" => cron_culprit(folder),
        "lab-dns-hosts-pin" => dns_broken(folder, "hosts"),
        "lab-dns-cname-dot" => dns_broken(folder, "cname-dot"),
        "lab-dns-zone-refused" => dns_broken(folder, "cname-conflict"),
        "lab-dns-search-typo" => dns_broken(folder, "search"),
        "lab-dns-ns-glue" => dns_broken(folder, "ns"),
        "lab-metrics-worst" | "lab-metrics-window" => argmax(&ratios(folder)),
        "lab-metrics-ratio" => format!(
            "{:.3}",
            ratios(folder).values().copied().fold(0.0, f64::max)
        ),
        "lab-metrics-slo-breach" => ratios(folder)
            .into_iter()
            .filter(|(_, r)| *r > 1.0)
            .map(|(k, _)| k)
            .collect::<Vec<_>>()
            .join(" "),
        other => panic!("no naive solver for {other}; add one when you add a built-in lab"),
    }
}

// ---------------------------------------------------------------- the specifications

#[test]
fn every_built_in_lab_plants_the_answer_a_naive_solver_finds_in_its_files() {
    let labs = labs();
    assert!(labs.labs.len() >= 14);
    for lab in &labs.labs {
        for seed in [1u64, 2, 3, 17, 4242] {
            let (_guard, folder, generated) = materialise(lab, seed);
            let found = solve(lab, &folder);
            let ctx = Context {
                folder: Some(folder.display().to_string()),
            };
            assert!(
                is_correct(lab.rule, &generated.planted, &found, &ctx),
                "{} seed {seed}: the solver found '{found}', the generator planted '{}'",
                lab.id,
                generated.planted
            );
        }
    }
}

#[test]
fn the_same_seed_gives_byte_identical_files_for_every_lab() {
    for lab in &labs().labs {
        let a = lab.generator.generate(99);
        let b = lab.generator.generate(99);
        assert_eq!(a, b, "{}", lab.id);
        let c = lab.generator.generate(100);
        assert_ne!(
            a.files, c.files,
            "{}: seed 100 gave the same files as 99",
            lab.id
        );
    }
}

#[test]
fn the_same_seed_writes_the_same_bytes_to_disk() {
    let labs = labs();
    for id in [
        "lab-5xx-endpoint",
        "lab-oom-service",
        "lab-memory-leak",
        "lab-disk-runaway-log",
        "lab-cron-afternoon",
        "lab-dns-cname-dot",
        "lab-metrics-window",
    ] {
        let (_a, fa, _) = materialise(lab(&labs, id), 5);
        let (_b, fb, _) = materialise(lab(&labs, id), 5);
        let (la, lb) = (files_under(&fa), files_under(&fb));
        assert_eq!(la.len(), lb.len(), "{id}");
        for (x, y) in la.iter().zip(&lb) {
            assert_eq!(
                x.strip_prefix(&fa).unwrap(),
                y.strip_prefix(&fb).unwrap(),
                "{id}"
            );
            assert_eq!(head(x), head(y), "{id}: {}", x.display());
            assert_eq!(
                fs::metadata(x).unwrap().len(),
                fs::metadata(y).unwrap().len(),
                "{id}"
            );
        }
    }
}

#[test]
fn different_seeds_give_different_answers_for_every_generator() {
    let labs = labs();
    let mut generators: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for lab in &labs.labs {
        let answers: BTreeSet<String> = (1..=6u64)
            .map(|s| lab.generator.generate(s).planted.to_string())
            .collect();
        assert!(
            answers.len() >= 2,
            "{}: six seeds gave one answer {answers:?}",
            lab.id
        );
        generators
            .entry(lab.generator.name())
            .or_default()
            .extend(answers);
    }
    assert_eq!(
        generators.len(),
        sre_drill::lab::generators::GENERATORS.len(),
        "every generator is used by a built-in lab"
    );
}

#[test]
fn planted_answers_have_the_shape_the_lab_asks_for() {
    for lab in &labs().labs {
        let planted = lab.generator.generate(8).planted;
        assert_eq!(planted.shape(), lab.rule.shape(), "{}", lab.id);
        assert!(
            !matches!(planted, Planted::List { ref values, .. } if values.is_empty()),
            "{}",
            lab.id
        );
    }
}

const GOOD: &str = "\
labs:
  - id: lab-mine
    title: Mine
    level: mid
    tags: [linux]
    minutes: 5
    brief: A brief.
    generator:
      name: access-log
      file: logs/access.log
    question: Who?
    answer:
      kind: exact
";

fn problems(text: &str) -> Vec<String> {
    parse_lab_file("mine.yaml", text, &Source::BuiltIn)
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_good_lab_file_loads() {
    let parsed = parse_lab_file("mine.yaml", GOOD, &Source::BuiltIn);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    assert_eq!(parsed.labs[0].id, "lab-mine");
}

#[test]
fn path_escape_attempts_in_a_lab_file_are_rejected_with_their_position() {
    for (path, why) in [
        ("../../etc/passwd", "`..`"),
        ("/etc/cron.d/evil", "absolute"),
        ("logs/../../x", "`..`"),
        ("~/.bashrc", "absolute"),
        ("a//b", "empty part"),
    ] {
        let text = GOOD.replace("logs/access.log", path);
        let all = problems(&text);
        assert_eq!(all.len(), 1, "{path}: {all:?}");
        assert!(
            all[0].starts_with("mine.yaml:10:13: `file`: path"),
            "{path}: {all:?}"
        );
        assert!(all[0].contains(why), "{path}: {all:?}");
    }
}

#[test]
fn lab_file_mistakes_are_sentences_with_line_and_column() {
    let cases = [
        (
            GOOD.replace("    minutes: 5", "    minutse: 5"),
            "mine.yaml:6:5: unknown field `minutse` (did you mean `minutes`?), expected one of",
        ),
        (
            GOOD.replace("name: access-log", "name: acess-log"),
            "mine.yaml:9:13: unknown generator 'acess-log' (did you mean `access-log`?)",
        ),
        (
            GOOD.replace("      file: logs/access.log", "      lines: 5"),
            "mine.yaml:10:14: `lines` is 5; it must be between 1000 and 200000",
        ),
        (
            GOOD.replace("      file: logs/access.log", "      fualt: error-burst"),
            "mine.yaml:10:7: unknown parameter `fualt` for the access-log generator",
        ),
        (
            GOOD.replace("kind: exact", "kind: number"),
            "mine.yaml:13:13: answer kind 'number' does not fit",
        ),
        (
            GOOD.replace("kind: exact", "kind: exact\n      tolerance: 2"),
            "`tolerance` is only for `kind: number`",
        ),
        (
            GOOD.replace("level: mid", "level: expert"),
            "mine.yaml:4:12: level 'expert'",
        ),
        (
            GOOD.replace("id: lab-mine", "id: Lab Mine"),
            "mine.yaml:2:9: id 'Lab Mine'",
        ),
        (
            GOOD.replace("minutes: 5", "minutes: 500"),
            "`minutes` is 500",
        ),
        ("labs: [".to_owned(), "mine.yaml:1:"),
        (String::new(), "the file is empty"),
        ("labs:\n  - 3\n".to_owned(), "mine.yaml:2:"),
    ];
    for (text, want) in cases {
        let all = problems(&text);
        assert!(
            all.iter().any(|m| m.contains(want)),
            "want '{want}' in {all:?}"
        );
    }
    let commands = GOOD.replace("      file: logs/access.log", "      command: rm -rf /");
    assert!(problems(&commands)[0].contains("unknown parameter `command`"));
}

// ---------------------------------------------------------------- through the binary

fn sre(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("sre-drill").unwrap();
    cmd.env("SRE_DRILL_HOME", home)
        .env_remove("NO_COLOR")
        .env("TERM", "dumb");
    cmd
}

fn planted(id: &str, seed: u64) -> String {
    lab(&labs(), id)
        .generator
        .generate(seed)
        .planted
        .to_string()
}

#[test]
fn a_plain_lab_session_checks_answers_computes_the_grade_and_logs_the_attempt() {
    let home = tempfile::tempdir().unwrap();
    let answer = planted("lab-5xx-client", 11);
    let input = format!("10.255.255.1\n?\n{answer}\nwould grep first\nadd backoff\n.\n3\n");
    let out = sre(home.path())
        .args(["lab", "lab-5xx-client", "--seed", "11", "--follow-ups", "1"])
        .write_stdin(input)
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("Lab folder: "), "{stderr}");
    assert!(stderr.contains("Not quite. 2 tries left."), "{stderr}");
    assert!(
        stderr.contains("Hint 1/4: Which field of a log line says the request failed"),
        "the first hint asks where to look: {stderr}"
    );
    assert!(stderr.contains(&format!("Correct: {answer}.")), "{stderr}");
    assert!(stderr.contains("Grade: 2 Hard"), "{stderr}");
    assert!(stderr.contains("Removed the lab folder"), "{stderr}");
    assert_eq!(
        fs::read_dir(home.path().join("labs")).unwrap().count(),
        0,
        "the folder is removed"
    );

    let history = fs::read(home.path().join("history.jsonl")).unwrap();
    let loaded = sre_drill::history::parse(&history);
    let record = serde_json::to_value(loaded.attempts.last().unwrap()).unwrap();
    assert_eq!(record["category"], "lab");
    assert_eq!(record["prompt"], "lab-5xx-client");
    assert_eq!(record["level"], "entry");
    assert_eq!(record["grade"], 2);
    assert_eq!(record["hints_used"], 1);
    assert_eq!(record["time_box_secs"], 600);
    assert_eq!(record["note"], "would grep first");
    assert_eq!(record["follow_ups"][0]["grade"], 3);
    assert_eq!(record["lab"]["seed"], 11);
    assert_eq!(record["lab"]["tries"], 2);
    assert_eq!(record["lab"]["solved"], true);
    assert_eq!(
        record["rubric"],
        serde_json::json!({"covered": [1], "total": 1})
    );
    assert_eq!(record["lab"]["expected"], answer.as_str());

    sre(home.path())
        .args(["history"])
        .assert()
        .success()
        .stdout(predicates::str::contains("lab"));
}

#[test]
fn three_wrong_tries_show_the_answer_grade_again_and_timed_labs_log_the_box() {
    let home = tempfile::tempdir().unwrap();
    let answer = planted("lab-disk-runaway-log", 4);
    let out = sre(home.path())
        .args([
            "lab",
            "lab-disk-runaway-log",
            "--seed",
            "4",
            "--timed",
            "--follow-ups",
            "0",
            "--keep",
        ])
        .write_stdin("a.log\nb.log\n\nc.log\n\n")
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(&format!("Not solved. The answer was: {answer}.")),
        "{stderr}"
    );
    assert!(stderr.contains("Grade: 1 Again"), "{stderr}");
    assert!(stderr.contains("Kept the lab folder"), "{stderr}");
    let kept: Vec<_> = fs::read_dir(home.path().join("labs")).unwrap().collect();
    assert_eq!(kept.len(), 1);
    let history = fs::read_to_string(home.path().join("history.jsonl")).unwrap();
    let record: serde_json::Value = serde_json::from_str(history.trim()).unwrap();
    assert_eq!(record["timed"], true);
    assert_eq!(record["grade"], 1);
    assert_eq!(record["lab"]["tries"], 3);
    assert_eq!(record["lab"]["solved"], false);
    assert_eq!(
        record["rubric"],
        serde_json::json!({"covered": [], "total": 1})
    );
}

#[test]
fn end_of_input_before_an_answer_logs_nothing_and_removes_the_folder() {
    let home = tempfile::tempdir().unwrap();
    sre(home.path())
        .args(["lab", "lab-dns-hosts-pin"])
        .write_stdin("?\n")
        .assert()
        .success();
    assert!(
        !home.path().join("history.jsonl").exists()
            || fs::read_to_string(home.path().join("history.jsonl"))
                .unwrap()
                .is_empty()
    );
    assert_eq!(fs::read_dir(home.path().join("labs")).unwrap().count(), 0);
}

#[test]
fn pipeline_a_correct_method_passes_on_fresh_seeds_and_a_hard_coded_answer_fails() {
    let home = tempfile::tempdir().unwrap();
    let method = "awk '$9 >= 500 {print $1}' var/log/nginx/access.log | sort | uniq -c | sort -rn | head -1 | awk '{print $2}'";
    for seed in ["1", "2"] {
        sre(home.path())
            .args([
                "lab",
                "lab-5xx-client",
                "--seed",
                seed,
                "--pipeline",
                method,
            ])
            .assert()
            .success()
            .stdout(predicates::str::contains("Correct"));
    }
    // The answer of the folder one would have studied with --seed 1, hard-coded.
    let memorised = planted("lab-5xx-client", 1);
    let hard_coded = format!("echo {memorised}");
    let failures = ["1", "2"]
        .iter()
        .filter(|seed| {
            !sre(home.path())
                .args([
                    "lab",
                    "lab-5xx-client",
                    "--seed",
                    seed,
                    "--pipeline",
                    &hard_coded,
                ])
                .output()
                .unwrap()
                .status
                .success()
        })
        .count();
    assert!(
        failures >= 1,
        "a hard-coded answer must fail on at least one fresh seed"
    );
    let out = sre(home.path())
        .args([
            "lab",
            "lab-5xx-client",
            "--seed",
            "1",
            "--pipeline",
            &hard_coded,
        ])
        .assert()
        .code(1);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("did not find the answer"));
    assert_eq!(fs::read_dir(home.path().join("labs")).unwrap().count(), 0);
}

#[test]
fn a_pipeline_that_finds_the_answer_is_logged_as_a_solved_lab_and_one_that_misses_is_not() {
    let home = tempfile::tempdir().unwrap();
    let history = home.path().join("history.jsonl");
    let method = "awk '$9 >= 500 {print $1}' var/log/nginx/access.log | sort | uniq -c | sort -rn | head -1 | awk '{print $2}'";
    sre(home.path())
        .args([
            "lab",
            "lab-5xx-client",
            "--seed",
            "1",
            "--pipeline",
            "echo 10.0.0.0",
        ])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("Not logged"));
    assert!(!history.exists() || fs::read_to_string(&history).unwrap().is_empty());

    sre(home.path())
        .args(["lab", "lab-5xx-client", "--seed", "1", "--pipeline", method])
        .assert()
        .success()
        .stdout(predicates::str::contains("Logged to"));
    let text = fs::read_to_string(&history).unwrap();
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["prompt"], "lab-5xx-client");
    assert_eq!(r["category"], "lab");
    assert_eq!(r["answer"], method);
    assert_eq!(r["grade"], 4);
    assert_eq!(r["lab"]["solved"], true);
    // The seed logged is the folder the pipeline ran in: its planted answer is the one
    // the record says was expected.
    let seed = r["lab"]["seed"].as_u64().unwrap();
    assert_eq!(r["lab"]["expected"], planted("lab-5xx-client", seed));
    // And every reader takes it like any lab attempt.
    sre(home.path())
        .args(["history"])
        .assert()
        .success()
        .stdout(predicates::str::contains("lab"));
}

#[test]
fn list_shows_every_lab_and_json_is_machine_readable() {
    let home = tempfile::tempdir().unwrap();
    sre(home.path())
        .args(["lab", "--list"])
        .assert()
        .success()
        .stdout(predicates::str::contains("lab-cron-afternoon"));
    let out = sre(home.path())
        .args(["lab", "--list", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = json.as_array().unwrap();
    assert!(items.len() >= 14);
    assert!(
        items
            .iter()
            .all(|l| l["source"] == "built-in" && l["generator"].is_string())
    );
}

#[test]
fn an_unknown_lab_id_is_bad_input_naming_close_ids() {
    let home = tempfile::tempdir().unwrap();
    sre(home.path())
        .args(["lab", "lab-5xx-clinet"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no lab with id 'lab-5xx-clinet'; did you mean lab-5xx-client?",
        ));
    sre(home.path())
        .args(["lab", "dns"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("lab-dns-"));
}

#[test]
fn user_lab_packs_load_from_the_home_folder_and_bad_ones_are_skipped() {
    let home = tempfile::tempdir().unwrap();
    let labs_dir = home.path().join("drills/labs");
    fs::create_dir_all(&labs_dir).unwrap();
    fs::write(labs_dir.join("mine.yaml"), GOOD).unwrap();
    fs::write(
        labs_dir.join("evil.yaml"),
        GOOD.replace("lab-mine", "lab-evil")
            .replace("logs/access.log", "../../escape.log"),
    )
    .unwrap();
    let out = sre(home.path()).args(["lab", "--list"]).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stdout.contains("lab-mine") && stdout.contains("(yours)"),
        "{stdout}"
    );
    assert!(!stdout.contains("lab-evil"), "{stdout}");
    assert!(stderr.contains("evil.yaml:10:13"), "{stderr}");
    // The prompt bank does not mistake lab files for prompt files.
    sre(home.path())
        .args(["list"])
        .assert()
        .success()
        .stderr(predicates::str::contains("mine.yaml").not());
    assert!(!home.path().join("escape.log").exists());
}

use predicates::prelude::PredicateBooleanExt;

/// Starts a plain lab (seed `seed`) whose stdin stays open, and waits until it asks
/// for the answer (its folder is written by then).
fn running_lab(home: &Path, seed: u64) -> std::process::Child {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("sre-drill"))
        .env("SRE_DRILL_HOME", home)
        .env("TERM", "dumb")
        .args(["lab", "lab-5xx-client", "--seed", &seed.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !String::from_utf8_lossy(&seen).contains("Your answer") {
        assert_eq!(stderr.read(&mut byte).unwrap(), 1, "the lab ended early");
        seen.push(byte[0]);
    }
    // Keep draining stderr, so the lab never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    child
}

/// The folders (not markers) under `labs/`.
fn lab_folders(home: &Path) -> Vec<PathBuf> {
    fs::read_dir(home.join("labs"))
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default()
}

fn kill(child: &std::process::Child, signal: &str) {
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_lab_folder_is_removed_on_sigterm_sighup_and_sigint() {
    for signal in ["TERM", "HUP", "INT"] {
        let home = tempfile::tempdir().unwrap();
        let mut child = running_lab(home.path(), 5);
        kill(&child, signal);
        child.wait().unwrap();
        assert_eq!(
            lab_folders(home.path()),
            Vec::<PathBuf>::new(),
            "SIG{signal}"
        );
        assert_eq!(
            fs::read_dir(home.path().join("labs")).unwrap().count(),
            0,
            "SIG{signal}: no marker left"
        );
    }
}

#[test]
fn a_folder_left_by_sigkill_is_swept_at_the_next_lab_and_a_kept_one_stays() {
    let home = tempfile::tempdir().unwrap();
    sre(home.path())
        .args(["lab", "lab-5xx-client", "--seed", "9", "--keep"])
        .write_stdin("")
        .assert()
        .success();
    let kept = lab_folders(home.path());
    assert_eq!(kept.len(), 1);
    let mut child = running_lab(home.path(), 5);
    kill(&child, "KILL");
    child.wait().unwrap();
    assert_eq!(lab_folders(home.path()).len(), 2, "SIGKILL cannot clean up");
    // The next lab sweeps the dead one's folder, and ends normally when its input does.
    let mut live = running_lab(home.path(), 6);
    assert_eq!(lab_folders(home.path()).len(), 2, "swept the dead one");
    assert!(!home.path().join("labs/lab-5xx-client-5").exists());
    drop(live.stdin.take());
    live.wait().unwrap();
    assert_eq!(lab_folders(home.path()), kept);
}

#[test]
fn every_lab_file_in_drills_labs_is_built_in_without_a_code_change() {
    let loaded: BTreeSet<String> = labs().labs.into_iter().map(|l| l.id).collect();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("drills/labs");
    let mut files = 0;
    for entry in fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        files += 1;
        let parsed = parse_lab_file(
            &path.display().to_string(),
            &fs::read_to_string(&path).unwrap(),
            &Source::BuiltIn,
        );
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        for lab in parsed.labs {
            assert!(
                loaded.contains(&lab.id),
                "{} from {}",
                lab.id,
                path.display()
            );
        }
    }
    assert!(files >= 3, "{files} lab files in {}", folder.display());
}
