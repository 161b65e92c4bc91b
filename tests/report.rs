//! `sre-drill report`: one self-contained HTML page whose figures are those of
//! `stats --json` and `due --json`.
//!
//! Each test generates its own history in a temp `SRE_DRILL_HOME` and fixes "now" with
//! `SRE_DRILL_NOW`, so the report, `stats` and `due` all see the same moment. The page
//! is read with a real HTML5 parser (scraper, on html5ever).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{DateTime, FixedOffset, SecondsFormat, TimeDelta};
use scraper::{ElementRef, Html, Selector};
use serde_json::{Value, json};

/// The fixed "now" of every test: a Friday evening, an hour east of UTC, so days and
/// weeks are counted in the offset of now rather than of the records.
const NOW: &str = "2026-11-27T19:00:00+01:00";

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(NOW).unwrap()
}

/// A temporary `SRE_DRILL_HOME`.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn with_history(self, records: &[Value]) -> Self {
        let text: String = records.iter().map(|r| r.to_string() + "\n").collect();
        fs::write(self.dir.path().join("history.jsonl"), text).unwrap();
        self
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("sre-drill").unwrap();
        cmd.env("SRE_DRILL_HOME", self.dir.path())
            .env("SRE_DRILL_NOW", NOW)
            .env("NO_COLOR", "1")
            .current_dir(self.dir.path())
            .args(args)
            .write_stdin("");
        cmd
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self
            .cmd(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap()
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out/report.html")
    }

    /// Runs `report --out out/report.html` (plus `args`) and parses the page.
    fn report(&self, args: &[&str]) -> Html {
        fs::create_dir_all(self.dir.path().join("out")).unwrap();
        let out = self.out();
        let mut all = vec!["report", "--out", out.to_str().unwrap()];
        all.extend_from_slice(args);
        self.cmd(&all).assert().success();
        Html::parse_document(&fs::read_to_string(out).unwrap())
    }
}

/// A small deterministic generator, so the fixture is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The built-in prompts: (id, title, category, tags, minutes).
fn built_in() -> Vec<(String, String, String, Vec<String>, u64)> {
    let home = Home::new();
    let list = home.json(&["list", "--json"]);
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_owned(),
                p["title"].as_str().unwrap().to_owned(),
                p["category"].as_str().unwrap().to_owned(),
                p["tags"]
                    .as_array()
                    .map(|t| t.iter().map(|t| t.as_str().unwrap().to_owned()).collect())
                    .unwrap_or_default(),
                p["minutes"].as_u64().unwrap_or(10),
            )
        })
        .collect()
}

/// About ten weeks of practice at built-in prompts ending an hour before [`NOW`]: 1-4
/// attempts on most days, some timed, some over the box; every fifth troubleshooting
/// attempt a scenario and every third attempt with a suggested grade when `extras`;
/// and one attempt at a prompt the bank no longer has.
fn practice(extras: bool) -> Vec<Value> {
    let prompts = built_in();
    let mut rng = Lcg(7);
    let mut out = Vec::new();
    let end = now() - TimeDelta::hours(1);
    for day in (0..70).rev() {
        if rng.below(10) < 3 {
            continue;
        }
        for k in 0..=rng.below(4) {
            let (id, title, category, tags, minutes) =
                &prompts[rng.below(prompts.len() as u64) as usize];
            let started = end
                - TimeDelta::days(day)
                - TimeDelta::minutes(600 - 40 * i64::try_from(k).unwrap())
                + TimeDelta::minutes(i64::try_from(rng.below(300)).unwrap());
            let started = started.with_timezone(&FixedOffset::east_opt(0).unwrap());
            let box_secs = minutes * 60;
            let answer = box_secs * (40 + rng.below(90)) / 100;
            let timed = rng.below(10) < 7;
            let grade = 1 + rng.below(4) + u64::from(day < 30 && rng.below(3) == 0);
            let grade = grade.min(4);
            let total = 5;
            let covered: Vec<u64> = (1..=total)
                .filter(|_| rng.below(3) < grade.min(3))
                .collect();
            let n = out.len();
            let mut record = json!({
                "v": 1,
                "id": format!("a{n}"),
                "session": format!("s{day}"),
                "started": started.to_rfc3339_opts(SecondsFormat::Secs, false),
                "finished": (started + TimeDelta::seconds(i64::try_from(answer).unwrap() + 60)).to_rfc3339_opts(SecondsFormat::Secs, false),
                "prompt": id,
                "title": title,
                "category": category,
                "level": "mid",
                "tags": tags,
                "timed": timed,
                "time_box_secs": box_secs,
                "think_secs": 0,
                "answer_secs": answer,
                "overtime_secs": if timed { answer.saturating_sub(box_secs) } else { 0 },
                "hints_used": 0,
                "answer": "checked <b>df</b> & \"lsof\"",
                "rubric": {"covered": covered, "total": total},
                "grade": grade,
                "follow_ups": [],
                "note": "",
                "version": "0.1.0",
            });
            if extras && n % 3 == 0 {
                record["suggested_grade"] = json!((grade + rng.below(3)).clamp(2, 4) - 1);
            }
            if extras && category == "troubleshooting" && n % 5 == 0 {
                record["scenario"] = json!({
                    "actions": [],
                    "key_found": rng.below(4),
                    "key_total": 3,
                    "cause_named": rng.below(2) == 0,
                    "cause_secs": null,
                    "risky": [],
                });
            }
            out.push(record);
        }
    }
    let mut gone = out[0].clone();
    gone["id"] = json!("gone");
    gone["prompt"] = json!("no-longer-in-the-bank");
    out.push(gone);
    out
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn attr<'a>(e: &ElementRef<'a>, name: &str) -> &'a str {
    e.value()
        .attr(name)
        .unwrap_or_else(|| panic!("no {name} on {:?}", e.value()))
}

fn num(e: &ElementRef<'_>, name: &str) -> f64 {
    attr(e, name).parse().unwrap()
}

fn count(e: &ElementRef<'_>, name: &str) -> usize {
    attr(e, name).parse().unwrap()
}

/// Two floats are the same figure. Both sides print the shortest form that reads back
/// exactly, but `serde_json`'s default parser may land one unit in the last place off.
fn same(a: f64, b: &Value) -> bool {
    b.as_f64()
        .is_some_and(|b| (a - b).abs() <= 1e-12 * b.abs().max(1.0))
}

#[test]
fn the_page_is_self_contained_and_every_chart_has_a_title_and_a_reading() {
    let home = Home::new().with_history(&practice(true));
    let page = home.report(&[]);

    assert_eq!(page.select(&sel("script")).count(), 0, "no script");
    for tag in ["link", "img", "iframe", "object", "embed", "base"] {
        assert_eq!(page.select(&sel(tag)).count(), 0, "no <{tag}>");
    }
    for e in page.select(&sel("*")) {
        for (name, value) in e.value().attrs() {
            let v = value.trim().to_ascii_lowercase();
            assert!(
                !(v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//")),
                "external reference {name}={value} on <{}>",
                e.value().name()
            );
            assert!(
                !matches!(name, "href" | "src" | "xlink:href"),
                "nothing is linked or loaded: {name}={value}"
            );
            assert!(!v.contains("url(http"), "{name}={value}");
        }
    }
    for style in page.select(&sel("style")) {
        let css: String = style.text().collect();
        assert!(!css.contains("@import"), "no @import");
        assert!(
            !css.contains("url(http") && !css.contains("url(//"),
            "no remote url()"
        );
        assert!(
            css.contains("prefers-color-scheme: dark") || css.contains("prefers-color-scheme:dark")
        );
    }

    // Each figure is a row of charts that wraps to the screen's width.
    let figures: Vec<ElementRef<'_>> = page.select(&sel("div.charts")).collect();
    let ids: Vec<&str> = figures.iter().map(|c| attr(c, "id")).collect();
    assert_eq!(
        ids,
        [
            "trend-chart",
            "coverage-chart",
            "calendar-chart",
            "time-chart",
            "calibration-chart",
            "forecast-chart",
            "scenarios-chart"
        ]
    );
    let charts: Vec<ElementRef<'_>> = page.select(&sel("svg[role=img]")).collect();
    assert!(charts.len() > ids.len(), "some figures are several charts");
    for chart in &charts {
        let figure = chart
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().classes().any(|c| c == "charts"))
            .unwrap();
        assert!(attr(chart, "id").starts_with(attr(&figure, "id")));
        let title = chart
            .children()
            .filter_map(ElementRef::wrap)
            .find(|c| c.value().name() == "title")
            .unwrap_or_else(|| panic!("{} has a <title>", attr(chart, "id")));
        assert!(!title.text().collect::<String>().trim().is_empty());
        assert!(chart.select(&sel("text")).count() >= 3, "labelled axes");
        let section = chart
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().name() == "section")
            .unwrap();
        let reading: String = section
            .select(&sel("p.reading"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(reading.ends_with('.') && reading.len() > 30, "{reading}");
    }
    let table = page.select(&sel("#weakest-table tbody tr")).count();
    assert_eq!(table, 10, "ten weakest prompts");
}

/// The built-in labs' ids.
fn labs() -> Vec<String> {
    let home = Home::new();
    home.json(&["lab", "--list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect()
}

/// About ten weeks of practice with every kind of record the history holds: self- and
/// partner-graded attempts (`graded_by`, suggested grades, must-haves missed), hints,
/// scenarios with key evidence and risky steps, checked coding runs, labs solved and
/// not, behavioural prompts and the user's own stories (category `behavioural`, ids the
/// bank does not have), and the lines that name an attempt: notes, follow-ups and
/// regrades.
fn every_kind() -> Vec<Value> {
    let prompts = built_in();
    let labs = labs();
    let mut rng = Lcg(11);
    let mut out: Vec<Value> = Vec::new();
    let end = now() - TimeDelta::hours(1);
    let utc = FixedOffset::east_opt(0).unwrap();
    let stamp = |t: DateTime<FixedOffset>| {
        t.with_timezone(&utc)
            .to_rfc3339_opts(SecondsFormat::Secs, false)
    };
    let mut n = 0;
    for day in (0..72).rev() {
        if rng.below(10) < 2 {
            continue;
        }
        let partner = ["Sam", "Kim"][usize::try_from(day % 2).unwrap()];
        let mock = day % 5 == 0;
        for k in 0..=rng.below(4) {
            n += 1;
            let id = format!("s{day}.{k}");
            let started = end - TimeDelta::days(day) - TimeDelta::minutes(500)
                + TimeDelta::minutes(i64::try_from(40 * k + rng.below(30)).unwrap());
            let pick = rng.below(20);
            let (prompt, title, category, tags, minutes) = if pick == 0 {
                (
                    "story-the-db-outage".to_owned(),
                    "The night the database filled up".to_owned(),
                    "behavioural".to_owned(),
                    vec!["incident-response".to_owned()],
                    3,
                )
            } else if pick < 4 {
                let lab = &labs[usize::try_from(rng.below(labs.len() as u64)).unwrap()];
                (
                    lab.clone(),
                    format!("Lab {lab}"),
                    "lab".to_owned(),
                    vec![],
                    10,
                )
            } else {
                prompts[usize::try_from(rng.below(prompts.len() as u64)).unwrap()].clone()
            };
            let box_secs = minutes * 60;
            let answer = box_secs * (40 + rng.below(90)) / 100;
            let timed = rng.below(10) < 7;
            let grade = (1 + rng.below(4) + u64::from(day < 30 && rng.below(3) == 0)).min(4);
            let mut record = json!({
                "v": 3,
                "id": id,
                "session": format!("s{day}"),
                "started": stamp(started),
                "finished": stamp(started + TimeDelta::seconds(i64::try_from(answer).unwrap() + 60)),
                "prompt": prompt,
                "title": title,
                "category": category,
                "level": "mid",
                "tags": tags,
                "timed": timed,
                "time_box_secs": box_secs,
                "think_secs": 0,
                "answer_secs": answer,
                "overtime_secs": if timed { answer.saturating_sub(box_secs) } else { 0 },
                "hints_used": rng.below(5).saturating_sub(2),
                "answer": "checked <b>df</b> & \"lsof\"",
                "rubric": {"covered": [], "total": 5},
                "grade": grade,
                "follow_ups": [],
                "note": "",
                "version": "0.1.0",
            });
            if category == "lab" {
                let solved = rng.below(4) > 0;
                record["rubric"] =
                    json!({"covered": if solved { json!([1]) } else { json!([]) }, "total": 1});
                record["lab"] = json!({"seed": n, "tries": 1 + rng.below(3), "solved": solved, "expected": "10.0.0.7"});
                record["grade"] = json!(if solved { grade.max(2) } else { 1 });
            } else {
                let covered: Vec<u64> = (1..=5).filter(|_| rng.below(3) < grade.min(3)).collect();
                let missed: Vec<u64> = if covered.contains(&1) || rng.below(2) == 0 {
                    vec![]
                } else {
                    vec![1]
                };
                record["rubric"] = json!({"covered": covered, "total": 5, "suggested": covered, "must_missed": missed});
                if n % 3 == 0 || mock {
                    record["suggested_grade"] = json!((grade + rng.below(3)).clamp(2, 4) - 1);
                }
            }
            if mock && category != "lab" {
                record["graded_by"] = json!(partner);
                record["ticks"] = json!([{"point": 1, "secs": 30}]);
                record["pitfalls_seen"] = json!([1]);
            }
            if category == "troubleshooting" && rng.below(3) == 0 {
                let risky: Vec<&str> = ["reboot it", "kill -9 the process", "rm the logs"]
                    [..usize::try_from(rng.below(3)).unwrap()]
                    .to_vec();
                record["scenario"] = json!({
                    "actions": [{"secs": 5, "n": 1, "line": "df -h", "matched": "evidence:disk"}],
                    "key_found": rng.below(4),
                    "key_total": 3,
                    "cause_named": rng.below(2) == 0,
                    "cause_secs": null,
                    "risky": risky,
                });
            }
            if category == "coding" && rng.below(2) == 0 {
                let total = 8;
                record["check"] = json!({"command": "python3 solve.py", "passed": total - rng.below(3) * rng.below(2), "total": total});
            }
            let finished = record["finished"].clone();
            out.push(record);
            if rng.below(3) == 0 {
                out.push(json!({"kind": "note", "v": 3, "id": format!("{id}.note"), "attempt": id, "finished": finished, "note": "slow down"}));
            }
            if rng.below(2) == 0 {
                out.push(json!({"kind": "follow_up", "v": 3, "id": format!("{id}.f1"), "attempt": id, "finished": finished, "question": "How would you roll it out?", "answer": "one host first", "grade": 1 + rng.below(4), "answer_secs": 40, "suggested_grade": 2}));
            }
            if rng.below(9) == 0 {
                out.push(json!({"kind": "regrade", "v": 3, "id": format!("{id}.r1"), "attempt": id, "finished": finished, "grade": 1 + rng.below(4)}));
            }
        }
    }
    out
}

/// The figures of a group of `stats --json` the page writes as attributes, by name.
fn group<'a>(stats: &'a Value, list: &str, name: &str) -> &'a Value {
    stats[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {list}"))
}

/// Every figure of the page is the one `stats --json` and `due --json` print for the
/// same history at the same moment: the attributes it writes beside what it draws are
/// held to those two commands' output, figure by figure.
fn assert_every_figure_is_stats_and_due(home: &Home, page: &Html) {
    let stats = home.json(&["stats", "--json"]);
    let due = home.json(&["due", "--json"]);
    let summary = page.select(&sel("#summary")).next().unwrap();
    let weeks: usize = attr(&summary, "data-weeks").parse().unwrap();
    let tail = |trend: &Value| -> Vec<Value> {
        let all = trend.as_array().unwrap();
        all[all.len().saturating_sub(weeks)..].to_vec()
    };

    assert!(same(num(&summary, "data-attempts"), &stats["attempts"]));
    assert!(same(num(&summary, "data-sessions"), &stats["sessions"]));
    assert_eq!(attr(&summary, "data-now"), due["now"].as_str().unwrap());
    assert!(stats["period"]["weeks"].is_null(), "the whole history");

    // The weakest skill area and prompt, named at the top.
    let area = page.select(&sel("#weakest-area")).next().unwrap();
    assert_eq!(attr(&area, "data-tag"), stats["tags"][0]["name"]);
    assert!(same(
        num(&area, "data-recent-score"),
        &stats["tags"][0]["recent_score"]
    ));
    let prompt = page.select(&sel("#weakest-prompt")).next().unwrap();
    assert_eq!(
        attr(&prompt, "data-prompt"),
        stats["weakest_prompts"][0]["prompt"]
    );

    // Weekly lines: one point per category and shown week with attempts.
    let mut points = 0;
    for category in stats["categories"].as_array().unwrap() {
        let name = category["name"].as_str().unwrap();
        let expected: Vec<(String, f64, f64)> = tail(&category["trend"])
            .iter()
            .filter(|w| !w["average_grade"].is_null())
            .map(|w| {
                (
                    w["start"].as_str().unwrap().to_owned(),
                    w["average_grade"].as_f64().unwrap(),
                    w["attempts"].as_f64().unwrap(),
                )
            })
            .collect();
        let series = page
            .select(&sel(&format!(
                "#trend-chart g.series[data-category=\"{name}\"]"
            )))
            .next();
        let drawn: Vec<(String, f64, f64)> = series.map_or_else(Vec::new, |series| {
            series
                .select(&sel("[data-week]"))
                .map(|p| {
                    (
                        attr(&p, "data-week").to_owned(),
                        num(&p, "data-average"),
                        num(&p, "data-attempts"),
                    )
                })
                .collect()
        });
        assert_eq!(drawn, expected, "{name}");
        points += drawn.len();
    }
    assert!(points > 10, "the fixture spans weeks: {points} points");

    // Coverage by skill area: every tag, in the order of `stats` (weakest first).
    let areas: Vec<ElementRef<'_>> = page.select(&sel("#coverage-chart g.area")).collect();
    let tags = stats["tags"].as_array().unwrap();
    assert_eq!(areas.len(), tags.len());
    for (area, tag) in areas.iter().zip(tags) {
        assert_eq!(attr(area, "data-tag"), tag["name"]);
        assert!(same(num(area, "data-recent-score"), &tag["recent_score"]));
        assert!(same(num(area, "data-coverage"), &tag["coverage"]));
        assert!(same(num(area, "data-average"), &tag["average_grade"]));
        assert!(same(num(area, "data-attempts"), &tag["attempts"]));
    }

    // Time against the box.
    for cat in page.select(&sel("#time-chart g.cat")) {
        let g = group(&stats, "categories", attr(&cat, "data-category"));
        assert!(same(
            num(&cat, "data-median-answer-secs"),
            &g["median_answer_secs"]
        ));
        assert!(same(
            num(&cat, "data-median-box-secs"),
            &g["median_time_box_secs"]
        ));
        match attr(&cat, "data-overtime-rate") {
            "null" => assert!(g["overtime_rate"].is_null()),
            rate => assert!(same(rate.parse().unwrap(), &g["overtime_rate"])),
        }
    }

    // The calendar: `stats`' practice days in the weeks of the period, and its weeks add
    // up to the weekly attempts (nothing in the weeks before the history).
    let calendar_weeks: usize = attr(&summary, "data-calendar-weeks").parse().unwrap();
    assert!(calendar_weeks >= weeks);
    let days: Vec<ElementRef<'_>> = page
        .select(&sel("#calendar-chart rect[data-date]"))
        .collect();
    assert_eq!(days.len(), calendar_weeks * 7);
    let first = attr(&days[0], "data-date").to_owned();
    let drawn: BTreeMap<String, f64> = days
        .iter()
        .map(|d| (attr(d, "data-date").to_owned(), num(d, "data-count")))
        .filter(|(_, n)| *n > 0.0)
        .collect();
    let expected: BTreeMap<String, f64> = stats["practice_days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["date"].as_str().unwrap() >= first.as_str())
        .map(|d| {
            (
                d["date"].as_str().unwrap().to_owned(),
                d["attempts"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(drawn, expected);
    let mut per_week: BTreeMap<usize, f64> = BTreeMap::new();
    for (i, day) in days.iter().enumerate() {
        *per_week.entry(i / 7).or_default() += num(day, "data-count");
    }
    let trend = stats["overall"]["trend"].as_array().unwrap();
    let weekly: Vec<f64> = (0..calendar_weeks)
        .map(|k| {
            let back = calendar_weeks - k;
            trend
                .len()
                .checked_sub(back)
                .map_or(0.0, |i| trend[i]["attempts"].as_f64().unwrap())
        })
        .collect();
    assert_eq!(per_week.into_values().collect::<Vec<_>>(), weekly);

    // The weakest prompts: `stats`' list, in its order.
    let rows: Vec<ElementRef<'_>> = page.select(&sel("#weakest-table tbody tr")).collect();
    let expected = stats["weakest_prompts"].as_array().unwrap();
    assert_eq!(rows.len(), expected.len());
    for (row, expected) in rows.iter().zip(expected) {
        assert_eq!(
            attr(row, "data-prompt"),
            expected["prompt"].as_str().unwrap()
        );
        assert!(same(
            num(row, "data-recent-grade"),
            &expected["recent_grade"]
        ));
        assert!(same(
            num(row, "data-recent-score"),
            &expected["recent_score"]
        ));
        assert!(same(
            num(row, "data-recent-coverage"),
            &expected["recent_coverage"]
        ));
        let grades: Vec<String> = expected["recent_grades"]
            .as_array()
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(attr(row, "data-recent-grades"), grades.join(" "));
    }

    // Calibration per category.
    for cal in page.select(&sel("#calibration-chart g.cal")) {
        let g = group(&stats, "categories", attr(&cal, "data-category"));
        assert_eq!(
            count(&cal, "data-attempts"),
            usize::try_from(g["suggested_attempts"].as_u64().unwrap()).unwrap()
        );
        assert!(same(num(&cal, "data-calibration"), &g["calibration"]));
    }

    // Scenarios: the totals, and each shown week's points.
    if let Some(totals) = page.select(&sel("#scenario-totals")).next() {
        let all = &stats["overall"];
        assert!(same(
            num(&totals, "data-scenario-attempts"),
            &all["scenario_attempts"]
        ));
        assert!(same(
            num(&totals, "data-key-evidence-found"),
            &all["key_evidence_found"]
        ));
        assert!(same(
            num(&totals, "data-cause-named-rate"),
            &all["cause_named_rate"]
        ));
        let expected: Vec<(String, f64, f64, f64)> = tail(&all["trend"])
            .iter()
            .filter(|w| !w["key_evidence_found"].is_null())
            .map(|w| {
                (
                    w["start"].as_str().unwrap().to_owned(),
                    w["key_evidence_found"].as_f64().unwrap(),
                    w["scenario_attempts"].as_f64().unwrap(),
                    w["causes_named"].as_f64().unwrap(),
                )
            })
            .collect();
        let drawn: Vec<(String, f64, f64, f64)> = page
            .select(&sel("#scenarios-chart [data-key-share]"))
            .map(|p| {
                (
                    attr(&p, "data-week").to_owned(),
                    num(&p, "data-key-share"),
                    num(&p, "data-attempts"),
                    num(&p, "data-cause-named"),
                )
            })
            .collect();
        assert_eq!(drawn, expected);
    }

    // Self, partner and suggested grades.
    let graders: Vec<ElementRef<'_>> = page.select(&sel("#graders-table tbody tr")).collect();
    let expected = stats["graded_by"].as_array().unwrap();
    if expected.iter().any(|g| g["partner"] == true) {
        assert_eq!(graders.len(), expected.len());
        for (row, g) in graders.iter().zip(expected) {
            assert_eq!(attr(row, "data-grader"), g["grader"]);
            assert_eq!(attr(row, "data-partner"), g["partner"].to_string());
            assert!(same(num(row, "data-attempts"), &g["attempts"]));
            assert!(same(num(row, "data-average"), &g["average_grade"]));
            assert!(same(
                num(row, "data-suggested-attempts"),
                &g["suggested_attempts"]
            ));
            for (a, k) in [
                (
                    "data-average-with-suggestion",
                    "average_grade_with_suggestion",
                ),
                ("data-average-suggested", "average_suggested"),
            ] {
                match attr(row, a) {
                    "null" => assert!(g[k].is_null()),
                    v => assert!(same(v.parse().unwrap(), &g[k]), "{a}"),
                }
            }
        }
    } else {
        assert!(graders.is_empty());
    }

    // Checked runs, labs, hints and risky steps, per category and in all.
    let rows: Vec<ElementRef<'_>> = page.select(&sel("#practice-table tbody tr")).collect();
    assert_eq!(
        rows.len(),
        stats["categories"].as_array().unwrap().len() + 1
    );
    for row in &rows {
        let name = attr(row, "data-category");
        let g = if name == "all" {
            &stats["overall"]
        } else {
            group(&stats, "categories", name)
        };
        for (a, k) in [
            ("data-attempts", "attempts"),
            ("data-checked-runs", "checked_runs"),
            ("data-checked-passed", "checked_passed"),
            ("data-lab-attempts", "lab_attempts"),
            ("data-labs-solved", "labs_solved"),
            ("data-hints-used", "hints_used"),
            ("data-attempts-with-hints", "attempts_with_hints"),
            ("data-risky-steps", "risky_steps"),
            ("data-risky-attempts", "risky_attempts"),
            ("data-scenario-attempts", "scenario_attempts"),
        ] {
            assert!(
                same(num(row, a), &g[k]),
                "{name} {a}: {} vs {}",
                attr(row, a),
                g[k]
            );
        }
    }

    // The spaced-repetition figures.
    let progress = &stats["progress"];
    let table = page.select(&sel("#progress-table")).next().unwrap();
    for (a, v) in [
        ("data-retention-reviews", &progress["retention"]["reviews"]),
        ("data-retention-passed", &progress["retention"]["passed"]),
        ("data-new", &progress["new"]),
        ("data-young", &progress["young"]),
        ("data-mature", &progress["mature"]),
        ("data-streak", &progress["streak"]["current_days"]),
        ("data-longest-streak", &progress["streak"]["longest_days"]),
        ("data-labs-tried", &progress["labs_tried"]),
        ("data-labs-total", &progress["labs_total"]),
        (
            "data-median-interval-days",
            &progress["median_interval_days"],
        ),
        ("data-retention-rate", &progress["retention"]["rate"]),
    ] {
        match attr(&table, a) {
            "null" => assert!(v.is_null(), "{a}"),
            text => assert!(same(text.parse().unwrap(), v), "{a}: {text} vs {v}"),
        }
    }
    let buckets: Vec<(f64, f64)> = page
        .select(&sel("#progress-table .interval"))
        .map(|b| (num(&b, "data-min-days"), num(&b, "data-prompts")))
        .collect();
    let expected: Vec<(f64, f64)> = progress["intervals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["min_days"].as_f64().unwrap(),
                b["prompts"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(buckets, expected);
    let levels: Vec<(String, f64, f64)> = page
        .select(&sel("#progress-table .level"))
        .map(|l| {
            (
                attr(&l, "data-level").to_owned(),
                num(&l, "data-tried"),
                num(&l, "data-total"),
            )
        })
        .collect();
    let expected: Vec<(String, f64, f64)> = progress["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["level"].as_str().unwrap().to_owned(),
                l["tried"].as_f64().unwrap(),
                l["total"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(levels, expected);

    // The forecast: `due --json`'s cards, labs included, counted by day in the offset of
    // now; today holds everything already due.
    let today = now().date_naive();
    let mut expected: BTreeMap<String, f64> = BTreeMap::new();
    for card in due["due"]
        .as_array()
        .unwrap()
        .iter()
        .chain(due["upcoming"].as_array().unwrap())
    {
        let at = DateTime::parse_from_rfc3339(card["due"].as_str().unwrap()).unwrap();
        let day = at.with_timezone(now().offset()).date_naive().max(today);
        if (day - today).num_days() < 30 {
            *expected.entry(day.to_string()).or_default() += 1.0;
        }
    }
    let drawn: BTreeMap<String, f64> = page
        .select(&sel("#forecast-chart rect[data-date]"))
        .map(|r| (attr(&r, "data-date").to_owned(), num(&r, "data-count")))
        .filter(|(_, n)| *n > 0.0)
        .collect();
    assert_eq!(drawn, expected);
    assert_eq!(
        page.select(&sel("#forecast-chart rect[data-date]")).count(),
        30
    );
    let reading: String = page
        .select(&sel("#forecast p.reading"))
        .next()
        .unwrap()
        .text()
        .collect();
    let due_now = due["due"].as_array().unwrap().len();
    assert!(
        reading.starts_with(&format!("{due_now} prompts are due now")),
        "{reading}"
    );
    let labs_due = due["due"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["category"] == "lab")
        .count();
    if labs_due > 0 {
        assert!(
            reading.contains(&format!("({labs_due} of them lab")),
            "{reading}"
        );
    }
}

#[test]
fn every_figure_equals_stats_json_and_due_json() {
    let home = Home::new().with_history(&practice(false));
    let page = home.report(&[]);
    assert_every_figure_is_stats_and_due(&home, &page);
    let due = home.json(&["due", "--json"]);
    assert_eq!(due["not_in_bank"], 1);
    let note: String = page
        .select(&sel("#forecast p.note"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        note.contains("1 practised prompt no longer in the bank is left out"),
        "{note}"
    );
}

#[test]
fn every_figure_equals_stats_and_due_with_every_kind_of_record() {
    let history = every_kind();
    for kind in ["note", "follow_up", "regrade"] {
        assert!(history.iter().any(|r| r["kind"] == kind), "{kind}");
    }
    for key in ["graded_by", "scenario", "check", "lab", "suggested_grade"] {
        assert!(
            history
                .iter()
                .any(|r| r[key].is_object() || r[key].is_string() || r[key].is_number()),
            "{key}"
        );
    }
    let home = Home::new().with_history(&history);
    let page = home.report(&[]);
    assert_every_figure_is_stats_and_due(&home, &page);

    let stats = home.json(&["stats", "--json"]);
    let due = home.json(&["due", "--json"]);
    // Labs are scheduled, and counted, on both sides.
    let labs_due = due["due"]
        .as_array()
        .unwrap()
        .iter()
        .chain(due["upcoming"].as_array().unwrap())
        .filter(|c| c["category"] == "lab")
        .count();
    assert!(labs_due > 0, "labs are in the schedule");
    assert!(stats["overall"]["lab_attempts"].as_u64().unwrap() > 0);
    assert!(stats["overall"]["checked_runs"].as_u64().unwrap() > 0);
    assert!(stats["overall"]["risky_steps"].as_u64().unwrap() > 0);
    assert!(stats["overall"]["hints_used"].as_u64().unwrap() > 0);
    assert!(stats["progress"]["retention"]["reviews"].as_u64().unwrap() > 0);
    // The stories are in their category; their ids are not in the bank, so `due` leaves
    // them out, and so does the page.
    assert!(
        group(&stats, "categories", "behavioural")["attempts"]
            .as_u64()
            .unwrap()
            > 0
    );
    assert!(due["not_in_bank"].as_u64().unwrap() >= 1);
    // Regrades count: the grade in force is the latest.
    let partners: Vec<&str> = stats["graded_by"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["partner"] == true)
        .map(|g| g["grader"].as_str().unwrap())
        .collect();
    assert_eq!(partners, ["Kim", "Sam"]);
    let text: String = page.root_element().text().collect();
    assert!(
        text.contains("Kim (partner)") && text.contains("Sam (partner)"),
        "{text}"
    );
}

/// `text` with every run of whitespace as one space, so wrapped prose reads whole.
fn joined(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The word after `label` up to the first of `ends`.
fn named<'a>(text: &'a str, label: &str, ends: &[char]) -> &'a str {
    let at = text
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?} in:\n{text}"));
    let rest = &text[at + label.len()..];
    rest.split(ends).next().unwrap().trim()
}

#[test]
fn stats_plan_drill_weak_and_the_report_name_the_same_weakest_area_and_prompt_by_one_stated_rule() {
    let home = Home::new().with_history(&every_kind());
    let stats = joined(
        &String::from_utf8(
            home.cmd(&["stats"])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone(),
        )
        .unwrap(),
    );
    let plan = joined(
        &String::from_utf8(
            home.cmd(&["plan"])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone(),
        )
        .unwrap(),
    );
    let page = home.report(&[]);
    let page_text = joined(&page.root_element().text().collect::<String>());

    let area = named(&stats, "Weakest skill area: ", &[',']);
    let prompt = named(&stats, "Weakest prompt: ", &[' ']);
    assert_eq!(named(&plan, "1. ", &[' ']), area, "{plan}");
    assert_eq!(named(&plan, "Weakest prompt: ", &[' ']), prompt, "{plan}");
    let top = |id: &str, key: &str| {
        let e = page.select(&sel(id)).next().unwrap();
        attr(&e, key).to_owned()
    };
    assert_eq!(top("#weakest-area", "data-tag"), area);
    assert_eq!(top("#weakest-prompt", "data-prompt"), prompt);
    let first_row = page.select(&sel("#weakest-table tbody tr")).next().unwrap();
    assert_eq!(attr(&first_row, "data-prompt"), prompt);
    let first_bar = page.select(&sel("#coverage-chart g.area")).next().unwrap();
    assert_eq!(attr(&first_bar, "data-tag"), area);
    assert!(
        page_text
            .to_lowercase()
            .contains(&format!("{area} is your weakest skill area")),
        "{page_text}"
    );

    // The JSON of both commands agrees with their text.
    let stats_json = home.json(&["stats", "--json"]);
    assert_eq!(stats_json["tags"][0]["name"], area);
    assert_eq!(stats_json["weakest_prompts"][0]["prompt"], prompt);
    let plan_json = home.json(&["plan", "--json"]);
    assert_eq!(plan_json["areas"][0]["tag"], area);
    assert_eq!(plan_json["weakest_prompt"]["prompt"], prompt);

    // `drill weak` starts on the same areas, and says why.
    let drill = home
        .cmd(&["drill", "weak", "--count", "1", "--plain", "--seed", "3"])
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    let drill = joined(&String::from_utf8(drill).unwrap());
    assert!(
        drill.contains(&format!("then {area} (recent score")),
        "{drill}"
    );

    // Each place states the rule, with how a missed must-have counts.
    let rule = "Weakest means the lowest recent score: the average of the last 3 grades of a prompt, or of the last 10 attempts in a skill area or category, where an attempt that missed a must-have counts as 1.5 at most, whatever grade it was given (marked * where that lowers it)";
    for (place, text) in [
        ("stats", &stats),
        ("plan", &plan),
        ("report", &page_text),
        ("drill weak", &drill),
    ] {
        assert!(text.contains(rule), "{place} states the rule:\n{text}");
    }
    // And where a missed must-have lowers a grade, the grades shown mark it.
    let lowered = |v: &Value| {
        v["recent_grades"]
            .as_array()
            .unwrap()
            .iter()
            .zip(v["recent_counted"].as_array().unwrap())
            .any(|(g, c)| c.as_f64().unwrap() < g.as_f64().unwrap())
    };
    assert!(
        stats_json["tags"].as_array().unwrap().iter().any(lowered),
        "the fixture has must-haves missed on graded attempts"
    );
    for area in plan_json["areas"].as_array().unwrap() {
        if lowered(area) {
            let evidence = named(
                &plan,
                &format!("{} Evidence:", area["tag"].as_str().unwrap()),
                &[')'],
            );
            assert!(evidence.contains('*'), "{evidence}");
        }
    }
}

/// One attempt at a built-in prompt `days` before now, with `covered` of 4 points and
/// `missed` must-haves missed.
fn attempt_at(
    id: &str,
    prompt: &(String, String, String, Vec<String>, u64),
    tags: &[&str],
    days: f64,
    grade: u8,
    covered: usize,
    missed: usize,
) -> Value {
    let started = now() - TimeDelta::seconds((days * 86_400.0) as i64);
    json!({
        "v": 3, "id": id, "session": format!("s-{id}"),
        "started": started.to_rfc3339_opts(SecondsFormat::Secs, false),
        "finished": (started + TimeDelta::minutes(5)).to_rfc3339_opts(SecondsFormat::Secs, false),
        "prompt": prompt.0, "title": prompt.1, "category": prompt.2, "level": "mid",
        "tags": tags, "timed": false, "time_box_secs": 600, "think_secs": 0,
        "answer_secs": 300, "overtime_secs": 0, "hints_used": 0, "answer": "",
        "rubric": {"covered": (1..=covered).collect::<Vec<_>>(), "total": 4, "must_missed": (4 - missed + 1..=4).collect::<Vec<_>>()},
        "grade": grade, "follow_ups": [], "note": "", "version": "0.1.0",
    })
}

#[test]
fn the_weakest_area_and_prompt_follow_the_stated_rule_not_averages_or_coverage() {
    // Each alternative rule would name something else:
    // - by average grade over the history: git and its prompt (Hard), and databases
    //   (Again long ago, Easy lately) before networking;
    // - by rubric coverage: git (nothing ticked);
    // - by the grades as given, without the must-have rule: git and its prompt;
    // by the rule: networking and its prompt, graded Good three times but missing a
    // must-have each time, so each counts 1.5.
    let prompts = built_in();
    let p = |i: usize| &prompts[i];
    let mut history = Vec::new();
    for i in 0..10 {
        history.push(attempt_at(
            &format!("db-old{i}"),
            p(0),
            &["databases"],
            80.0 - f64::from(i),
            1,
            1,
            0,
        ));
    }
    for i in 0..10 {
        history.push(attempt_at(
            &format!("db-new{i}"),
            p(0),
            &["databases"],
            10.0 - f64::from(i) / 2.0,
            4,
            4,
            0,
        ));
    }
    for i in 0..5 {
        history.push(attempt_at(
            &format!("git{i}"),
            p(2),
            &["git"],
            6.0 - f64::from(i) / 4.0,
            2,
            0,
            0,
        ));
    }
    for i in 0..3 {
        history.push(attempt_at(
            &format!("net{i}"),
            p(3),
            &["networking"],
            3.0 - f64::from(i) / 4.0,
            3,
            4,
            1,
        ));
    }
    let home = Home::new().with_history(&history);
    let stats = joined(
        &String::from_utf8(
            home.cmd(&["stats"])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone(),
        )
        .unwrap(),
    );
    let plan = joined(
        &String::from_utf8(
            home.cmd(&["plan"])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone(),
        )
        .unwrap(),
    );
    let page = home.report(&[]);
    let top = |id: &str, key: &str| {
        let e = page.select(&sel(id)).next().unwrap();
        attr(&e, key).to_owned()
    };
    let net = p(3).0.as_str();
    assert_eq!(
        named(&stats, "Weakest skill area: ", &[',']),
        "networking",
        "{stats}"
    );
    assert_eq!(named(&plan, "1. ", &[' ']), "networking", "{plan}");
    assert_eq!(top("#weakest-area", "data-tag"), "networking");
    assert_eq!(named(&stats, "Weakest prompt: ", &[' ']), net, "{stats}");
    assert_eq!(named(&plan, "Weakest prompt: ", &[' ']), net, "{plan}");
    assert_eq!(top("#weakest-prompt", "data-prompt"), net);
    // The counted grades are shown: 3* three times, a score of 1.5.
    assert!(stats.contains("3* 3* 3*"), "{stats}");
    assert!(plan.contains("grades 3* 3* 3*"), "{plan}");
    assert!(
        stats.contains("recent score 1.5 over the last 3 attempts, 3 of them missed a must-have"),
        "{stats}"
    );
}

#[test]
fn calibration_and_scenarios_are_left_out_with_a_note_until_the_history_has_them() {
    let home = Home::new().with_history(&practice(false));
    let page = home.report(&[]);
    assert_eq!(page.select(&sel("#calibration svg")).count(), 0);
    assert_eq!(page.select(&sel("#scenarios svg")).count(), 0);
    let text: String = page.root_element().text().collect();
    assert!(
        text.contains("No suggested grades in this history yet"),
        "{text}"
    );
    assert!(text.contains("No scenario attempts in this history yet"));
}

#[test]
fn calibration_and_scenario_evidence_come_from_the_records_that_carry_them() {
    let history = practice(true);
    let home = Home::new().with_history(&history);
    let page = home.report(&[]);

    let stats = home.json(&["stats", "--json"]);
    let expected: BTreeMap<String, (usize, f64)> = stats["categories"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| !g["calibration"].is_null())
        .map(|g| {
            (
                g["name"].as_str().unwrap().to_owned(),
                (
                    usize::try_from(g["suggested_attempts"].as_u64().unwrap()).unwrap(),
                    g["calibration"].as_f64().unwrap(),
                ),
            )
        })
        .collect();
    assert!(
        expected.len() >= 3,
        "the fixture has suggestions in most categories"
    );
    let drawn: BTreeMap<String, (usize, f64)> = page
        .select(&sel("#calibration-chart g.cal"))
        .map(|g| {
            (
                attr(&g, "data-category").to_owned(),
                (count(&g, "data-attempts"), num(&g, "data-calibration")),
            )
        })
        .collect();
    assert_eq!(drawn.len(), expected.len());
    for (k, (n, avg)) in &expected {
        let (dn, davg) = drawn[k];
        assert_eq!(dn, *n, "{k}");
        assert!(same(davg, &json!(avg)), "{k}: {davg} vs {avg}");
    }
    let totals = page.select(&sel("#scenario-totals")).next().unwrap();
    assert_eq!(
        count(&totals, "data-scenario-attempts"),
        usize::try_from(stats["overall"]["scenario_attempts"].as_u64().unwrap()).unwrap()
    );
    assert!(same(
        num(&totals, "data-key-evidence-found"),
        &stats["overall"]["key_evidence_found"]
    ));
    assert!(same(
        num(&totals, "data-cause-named-rate"),
        &stats["overall"]["cause_named_rate"]
    ));

    let scenarios: Vec<&Value> = history
        .iter()
        .filter(|r| r["scenario"].is_object())
        .collect();
    let drawn: usize = page
        .select(&sel("#scenarios-chart [data-key-share]"))
        .map(|p| count(&p, "data-attempts"))
        .sum();
    assert_eq!(drawn, scenarios.len(), "every scenario is in a week shown");
    let named: usize = page
        .select(&sel("#scenarios-chart [data-key-share]"))
        .map(|p| count(&p, "data-cause-named"))
        .sum();
    let expected_named = scenarios
        .iter()
        .filter(|r| r["scenario"]["cause_named"] == true)
        .count();
    assert_eq!(named, expected_named);
}

#[test]
fn an_empty_history_gives_a_page_that_says_how_to_start() {
    let home = Home::new();
    let page = home.report(&[]);
    assert_eq!(page.select(&sel("svg")).count(), 0, "no empty charts");
    let text: String = page.root_element().text().collect();
    assert!(text.contains("No practice logged yet"), "{text}");
    assert!(text.contains("sre-drill troubleshooting --timed"), "{text}");
}

#[test]
fn the_page_goes_to_the_current_folder_by_default_and_replaces_the_old_one_whole() {
    let home = Home::new().with_history(&practice(false));
    let default = home.dir.path().join("sre-drill-report.html");
    fs::write(&default, "an older report").unwrap();
    let out = home
        .cmd(&["report"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.starts_with("Wrote /") && out.trim_end().ends_with("sre-drill-report.html"),
        "{out}"
    );
    let page = fs::read_to_string(&default).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
    let leftovers: Vec<_> = fs::read_dir(home.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temp file left: {leftovers:?}");

    home.cmd(&["report", "--out", "no-such-folder/r.html"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "cannot write the report to no-such-folder/r.html",
        ));
}

#[test]
fn since_sets_the_weeks_of_the_trend_and_the_calendar() {
    let home = Home::new().with_history(&practice(false));
    let page = home.report(&["--since", "3w"]);
    let summary = page.select(&sel("#summary")).next().unwrap();
    assert_eq!(attr(&summary, "data-weeks"), "4");
    assert_eq!(
        page.select(&sel("#calendar-chart rect[data-date]")).count(),
        28
    );
    let stats = home.json(&["stats", "--json"]);
    assert!(
        same(num(&summary, "data-attempts"), &stats["attempts"]),
        "totals cover the whole history"
    );
    assert_every_figure_is_stats_and_due(&home, &page);
    home.cmd(&["report", "--since", "soon"]).assert().code(2);
}

#[test]
fn a_bad_fixed_now_is_bad_input() {
    let home = Home::new();
    home.cmd(&["report"])
        .env("SRE_DRILL_NOW", "yesterday")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "SRE_DRILL_NOW='yesterday' is not an RFC 3339 time",
        ));
}

#[cfg(target_os = "linux")]
#[test]
fn open_hands_the_page_to_xdg_open_or_says_where_it_is() {
    use std::os::unix::fs::PermissionsExt;

    let home = Home::new().with_history(&practice(false));
    let bin = home.dir.path().join("bin");
    fs::create_dir_all(&bin).unwrap();
    let opener = bin.join("xdg-open");
    let seen = home.dir.path().join("opened.txt");
    fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", seen.display()),
    )
    .unwrap();
    fs::set_permissions(&opener, fs::Permissions::from_mode(0o755)).unwrap();
    home.cmd(&["report", "--open"])
        .env("PATH", &bin)
        .assert()
        .success();
    let opened = fs::read_to_string(&seen).unwrap();
    assert!(
        Path::new(opened.trim()).ends_with("sre-drill-report.html"),
        "{opened}"
    );

    let empty = home.dir.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    home.cmd(&["report", "--open"])
        .env("PATH", &empty)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "No opener (xdg-open or open) found; open /",
        ))
        .stdout(predicates::str::contains(
            "sre-drill-report.html in a browser.",
        ));
}

// The layout: what a 360 px screen shows, judged from the page's own HTML, SVG and
// CSS, without a browser. Chart text is measured as drawn (its font size times the
// chart's scale on that screen); text boxes are estimated from each label's position,
// anchor and font size at a fixed width per character.

/// The narrowest screen the page is laid out for.
const SCREEN_PX: f64 = 360.0;
/// The smallest chart text allowed on screen, in CSS pixels.
const MIN_TEXT_PX: f64 = 11.0;
/// The estimated width of a character, in ems.
const CHAR_EM: f64 = 0.6;
/// The most days a line may span between two points of a weekly series.
const MAX_JOIN_DAYS: i64 = 14;

/// One CSS rule: the media query it sits in ("" for none), a selector and its
/// declarations.
#[derive(Debug)]
struct Rule {
    media: String,
    selector: String,
    decls: Vec<(String, String)>,
}

/// The page's style sheet as rules, `@media` blocks opened (no other nesting).
fn rules(page: &Html) -> Vec<Rule> {
    fn walk(css: &str, media: &str, out: &mut Vec<Rule>) {
        let mut rest = css;
        while let Some(open) = rest.find('{') {
            let head = rest[..open].trim();
            let mut depth = 0;
            let mut close = open;
            for (i, c) in rest[open..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            close = open + i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let body = &rest[open + 1..close];
            if let Some(query) = head.strip_prefix("@media") {
                walk(body, &query.replace(' ', ""), out);
            } else {
                let decls: Vec<(String, String)> = body
                    .split(';')
                    .filter_map(|d| d.split_once(':'))
                    .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                    .collect();
                for selector in head.split(',') {
                    out.push(Rule {
                        media: media.to_owned(),
                        selector: selector.split_whitespace().collect::<Vec<_>>().join(" "),
                        decls: decls.clone(),
                    });
                }
            }
            rest = &rest[close + 1..];
        }
    }
    let css: String = page
        .select(&sel("style"))
        .flat_map(|s| s.text().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    let mut out = Vec::new();
    walk(&css, "", &mut out);
    out
}

/// Whether rules under `media` apply on a 360 px screen in `scheme` ("light", "dark"
/// or "print").
fn applies(media: &str, scheme: &str) -> bool {
    if media.is_empty() {
        return true;
    }
    if media == "print" {
        return scheme == "print";
    }
    if media.contains("prefers-color-scheme:dark") {
        return scheme == "dark";
    }
    if let Some(px) = media
        .strip_prefix("(max-width:")
        .and_then(|m| m.strip_suffix("px)"))
    {
        return scheme != "print" && px.parse::<f64>().unwrap() >= SCREEN_PX;
    }
    false
}

/// The last value `property` gets from rules whose selector is `selector`, on a 360 px
/// screen in `scheme`.
fn declared(rules: &[Rule], selector: &str, property: &str, scheme: &str) -> Option<String> {
    rules
        .iter()
        .filter(|r| r.selector == selector && applies(&r.media, scheme))
        .flat_map(|r| r.decls.iter())
        .filter(|(k, _)| k == property)
        .map(|(_, v)| v.clone())
        .next_back()
}

/// The pixel values of a length list such as `24px` or `16px 12px`.
fn lengths(value: &str) -> Vec<f64> {
    value
        .split_whitespace()
        .map(|v| {
            if v == "0" {
                0.0
            } else {
                v.strip_suffix("px")
                    .unwrap_or_else(|| panic!("a length in px: {value}"))
                    .parse()
                    .unwrap()
            }
        })
        .collect()
}

/// The width the page's column leaves for content on a 360 px screen.
fn column_px(rules: &[Rule]) -> f64 {
    let side = |selector: &str, property: &str| {
        declared(rules, selector, property, "light").map_or(0.0, |v| {
            let l = lengths(&v);
            if l.len() >= 2 { l[1] } else { l[0] }
        })
    };
    SCREEN_PX - 2.0 * side("body", "margin") - 2.0 * side("main", "padding")
}

/// The font size of a chart's `<text>` or `<tspan>`: its own `font-size`, else the last
/// rule for one of its classes, else the rule for `svg text`, else its parent's.
fn font_px(rules: &[Rule], e: &ElementRef<'_>) -> f64 {
    if let Some(size) = e.value().attr("font-size") {
        return size.trim_end_matches("px").parse().unwrap();
    }
    let size_of = |selector: &str| {
        declared(rules, selector, "font-size", "light")
            .or_else(|| declared(rules, selector, "font", "light"))
            .and_then(|v| {
                v.split_whitespace().find(|t| t.contains("px")).map(|t| {
                    t.split('/')
                        .next()
                        .unwrap()
                        .trim_end_matches("px")
                        .parse()
                        .unwrap()
                })
            })
    };
    for class in e.value().classes().collect::<Vec<_>>().iter().rev() {
        if let Some(px) = size_of(&format!("svg .{class}")) {
            return px;
        }
    }
    if e.value().name() == "text" {
        size_of("svg text").unwrap_or(16.0)
    } else {
        let parent = ElementRef::wrap(e.parent().unwrap()).unwrap();
        font_px(rules, &parent)
    }
}

/// A label's estimated box on its chart: left, top, right, bottom.
type Box4 = (f64, f64, f64, f64);

/// The estimated box of a `<text>`: each run of characters (the element's own text and
/// its `<tspan>`s) at its font size, the largest size setting the height (ascent 0.8
/// em, descent 0.25 em), placed by `x`, `y` and `text-anchor`, and turned by a
/// `translate(X Y) rotate(-90)` transform.
fn text_box(rules: &[Rule], text: &ElementRef<'_>) -> (Box4, f64, String) {
    let mut width = 0.0;
    let mut largest: f64 = 0.0;
    let mut smallest = f64::MAX;
    let mut content = String::new();
    let own = font_px(rules, text);
    for node in text.children() {
        let (run, px) = if let Some(t) = node.value().as_text() {
            (t.to_string(), own)
        } else if let Some(e) = ElementRef::wrap(node) {
            assert_eq!(e.value().name(), "tspan", "{:?}", text.html());
            (e.text().collect::<String>(), font_px(rules, &e))
        } else {
            continue;
        };
        if run.trim().is_empty() {
            continue;
        }
        width += run.chars().count() as f64 * CHAR_EM * px;
        largest = largest.max(px);
        smallest = smallest.min(px);
        content.push_str(&run);
    }
    let anchor = text.value().attr("text-anchor").unwrap_or("start");
    let shift = match anchor {
        "middle" => width / 2.0,
        "end" => width,
        _ => 0.0,
    };
    let (ascent, descent) = (0.8 * largest, 0.25 * largest);
    let b = match text.value().attr("transform") {
        None => {
            let x: f64 = text.value().attr("x").unwrap_or("0").parse().unwrap();
            let y: f64 = text.value().attr("y").unwrap_or("0").parse().unwrap();
            (x - shift, y - ascent, x - shift + width, y + descent)
        }
        Some(t) => {
            let numbers: Vec<f64> = t
                .replace(['(', ')', ','], " ")
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            assert!(
                t.starts_with("translate(") && t.ends_with("rotate(-90)") && numbers.len() == 3,
                "only translate(X Y) rotate(-90) is estimated: {t}"
            );
            let (x, y) = (numbers[0], numbers[1]);
            (x - ascent, y - width + shift, x + descent, y + shift)
        }
    };
    (b, smallest, content)
}

/// The charts of a page: every `<svg>` with a `viewBox`.
fn charts(page: &Html) -> Vec<ElementRef<'_>> {
    page.select(&sel("svg[viewBox]")).collect()
}

/// A chart's viewBox width and height.
fn view_box(svg: &ElementRef<'_>) -> (f64, f64) {
    let v: Vec<f64> = attr(svg, "viewBox")
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    (v[2], v[3])
}

/// The width a chart is drawn at when there is room: its `width`, else the
/// `max-width` of its style, else its viewBox width.
fn natural_width(svg: &ElementRef<'_>) -> f64 {
    if let Some(w) = svg.value().attr("width") {
        return w.trim_end_matches("px").parse().unwrap();
    }
    if let Some(style) = svg.value().attr("style")
        && let Some(m) = style
            .split(';')
            .filter_map(|d| d.split_once(':'))
            .find(|(k, _)| k.trim() == "max-width")
    {
        return lengths(m.1.trim())[0];
    }
    view_box(svg).0
}

fn chart_name(svg: &ElementRef<'_>) -> String {
    svg.value()
        .attr("id")
        .map(str::to_owned)
        .or_else(|| {
            svg.ancestors()
                .filter_map(ElementRef::wrap)
                .find_map(|a| a.value().attr("id").map(str::to_owned))
        })
        .unwrap_or_default()
}

/// The 360 px rules for one page: every chart fits the column at a scale that keeps
/// its text at 11 px or more, with every label inside the chart and none over another;
/// every wide table turns into one block per row, each cell labelled with its column.
fn assert_fits_a_360px_screen(page: &Html) {
    let rules = rules(page);
    let column = column_px(&rules);
    assert!(column > 300.0, "the column leaves {column} px");
    for svg in charts(page) {
        let name = chart_name(&svg);
        let (vw, vh) = view_box(&svg);
        let natural = natural_width(&svg);
        assert!(
            natural <= column + 0.01,
            "{name} is drawn {natural} px wide, wider than the {column} px a {SCREEN_PX} px screen leaves: it scrolls the page sideways or shrinks its text"
        );
        let scale = natural.min(column) / vw;
        let mut boxes: Vec<(Box4, String)> = Vec::new();
        for text in svg.select(&sel("text")) {
            let (b, px, content) = text_box(&rules, &text);
            if content.is_empty() {
                continue;
            }
            assert!(
                px * scale >= MIN_TEXT_PX - 1e-9,
                "{name}: {content:?} is {px} px in a chart drawn at {scale:.2}: {:.1} px on a {SCREEN_PX} px screen",
                px * scale
            );
            assert!(
                b.0 >= -0.5 && b.1 >= -0.5 && b.2 <= vw + 0.5 && b.3 <= vh + 0.5,
                "{name}: {content:?} at {b:?} runs out of the chart (0 0 {vw} {vh})"
            );
            for (other, what) in &boxes {
                let x = b.2.min(other.2) - b.0.max(other.0);
                let y = b.3.min(other.3) - b.1.max(other.1);
                assert!(
                    x <= 0.01 || y <= 0.01,
                    "{name}: {content:?} at {b:?} overlaps {what:?} at {other:?}"
                );
            }
            boxes.push((b, content));
        }
    }

    // Tables of three or more columns become one block per row on a narrow screen,
    // their cells flowing in it, each after the first saying which column it is.
    for table in page.select(&sel("table")) {
        let heads: Vec<String> = table
            .select(&sel("thead th"))
            .map(|th| joined(&th.text().collect::<String>()))
            .collect();
        if heads.len() < 3 {
            continue;
        }
        let id = attr(&table, "id");
        let reflows = table.value().classes().any(|class| {
            let display = |part: &str| {
                declared(&rules, &format!("table.{class} {part}"), "display", "light")
                    .unwrap_or_default()
            };
            display("tr") == "block" && ["block", "inline-block"].contains(&display("td").as_str())
        });
        assert!(
            reflows,
            "{id} keeps {} columns side by side on a {SCREEN_PX} px screen",
            heads.len()
        );
        for row in table.select(&sel("tbody tr")) {
            for (i, cell) in row.select(&sel("td")).enumerate().skip(1) {
                assert_eq!(
                    cell.value().attr("data-label"),
                    Some(heads[i].as_str()),
                    "{id}: cell {i} names its column"
                );
            }
        }
    }
    // A word longer than the column (a long prompt id, a path) breaks rather than
    // pushing the page wider.
    let wraps = declared(&rules, "main", "overflow-wrap", "light");
    assert!(
        wraps.as_deref() == Some("anywhere") || wraps.as_deref() == Some("break-word"),
        "overflow-wrap on main: {wraps:?}"
    );
}

/// About ten weeks of practice with five weeks left out: no attempt from 50 to 16 days
/// before now.
fn practice_with_a_gap() -> Vec<Value> {
    practice(true)
        .into_iter()
        .filter(|r| {
            let at = DateTime::parse_from_rfc3339(r["started"].as_str().unwrap()).unwrap();
            let ago = (now() - at).num_days();
            r["id"] == "gone" || !(16..=50).contains(&ago)
        })
        .collect()
}

/// Two years of practice: [`practice`]'s ten weeks, and ten copies of them each 73
/// days earlier than the one before.
fn two_years_of_practice() -> Vec<Value> {
    let weeks = practice(true);
    let mut out = weeks.clone();
    for k in 1..=10 {
        for r in &weeks {
            let mut copy = r.clone();
            copy["id"] = json!(format!("{}-{k}", r["id"].as_str().unwrap()));
            for key in ["started", "finished"] {
                let at = DateTime::parse_from_rfc3339(r[key].as_str().unwrap()).unwrap()
                    - TimeDelta::days(73 * k);
                copy[key] = json!(at.to_rfc3339_opts(SecondsFormat::Secs, false));
            }
            out.push(copy);
        }
    }
    out
}

/// One troubleshooting scenario today, graded 4 Easy: one attempt, one session, one
/// risky step, the cause named once.
fn one_attempt() -> Vec<Value> {
    let started = (now() - TimeDelta::hours(2)).to_rfc3339_opts(SecondsFormat::Secs, false);
    let finished = (now() - TimeDelta::hours(1)).to_rfc3339_opts(SecondsFormat::Secs, false);
    vec![json!({
        "v": 3,
        "id": "only",
        "session": "s1",
        "started": started,
        "finished": finished,
        "prompt": "ts-ds-control-plane-members-gone",
        "title": "Most control-plane database members were deleted",
        "category": "troubleshooting",
        "level": "mid",
        "tags": ["distributed-systems", "incident-response"],
        "timed": true,
        "time_box_secs": 900,
        "think_secs": 0,
        "answer_secs": 600,
        "overtime_secs": 0,
        "hints_used": 1,
        "answer": "df -h",
        "rubric": {"covered": [1, 2], "total": 5},
        "grade": 4,
        "suggested_grade": 3,
        "follow_ups": [],
        "note": "",
        "version": "0.1.0",
        "scenario": {
            "actions": [],
            "key_found": 1,
            "key_total": 3,
            "cause_named": true,
            "cause_secs": null,
            "risky": ["reboot it"],
        },
    })]
}

#[test]
fn every_chart_fits_a_360px_screen_with_its_text_at_11px_and_no_label_over_another() {
    for (what, history) in [
        ("ten weeks", practice(true)),
        ("every kind of record", every_kind()),
        ("a five-week gap", practice_with_a_gap()),
        ("one attempt", one_attempt()),
        ("two years", two_years_of_practice()),
    ] {
        let home = Home::new().with_history(&history);
        for since in ["90d", "1y", "104w"] {
            let page = home.report(&["--since", since]);
            println!("{what}, --since {since}");
            assert_fits_a_360px_screen(&page);
        }
    }
}

/// A chart's x axis: the x of a date, fitted through the markers that carry
/// `data-week` (their `cx`).
struct Axis {
    origin: chrono::NaiveDate,
    x0: f64,
    per_day: f64,
}

impl Axis {
    fn fit(markers: &[ElementRef<'_>]) -> Option<Axis> {
        let points: Vec<(chrono::NaiveDate, f64)> = markers
            .iter()
            .map(|m| {
                (
                    attr(m, "data-week").parse().unwrap(),
                    num(
                        m,
                        if m.value().name() == "circle" {
                            "cx"
                        } else {
                            "x"
                        },
                    ),
                )
            })
            .collect();
        let (d0, x0) = *points.iter().min_by_key(|(d, _)| *d)?;
        let (d1, x1) = *points.iter().max_by_key(|(d, _)| *d)?;
        if d1 == d0 {
            return None;
        }
        let per_day = (x1 - x0) / (d1 - d0).num_days() as f64;
        let axis = Axis {
            origin: d0,
            x0,
            per_day,
        };
        for (d, x) in &points {
            assert!((axis.x(*d) - x).abs() < 0.3, "markers on one axis");
        }
        Some(axis)
    }

    fn x(&self, date: chrono::NaiveDate) -> f64 {
        self.x0 + self.per_day * (date - self.origin).num_days() as f64
    }

    fn days(&self, x: f64) -> f64 {
        (x - self.x0) / self.per_day
    }
}

/// The x coordinates of a path's points, and whether each starts a new piece (`M`).
fn path_points(d: &str) -> Vec<(bool, f64)> {
    let mut out = Vec::new();
    let spaced = d.replace('M', " M ").replace('L', " L ");
    let mut tokens = spaced.split_whitespace();
    while let Some(cmd) = tokens.next() {
        assert!(cmd == "M" || cmd == "L", "only M and L: {d}");
        let x: f64 = tokens.next().unwrap().parse().unwrap();
        let _y: f64 = tokens.next().unwrap().parse().unwrap();
        out.push((cmd == "M", x));
    }
    out
}

/// Every line of a weekly series, with the markers that place its axis.
fn weekly_lines(page: &Html) -> Vec<(String, ElementRef<'_>, Vec<ElementRef<'_>>)> {
    let mut out = Vec::new();
    for series in page.select(&sel("#trend-chart g.series, #scenarios-chart g.s0")) {
        let markers: Vec<ElementRef<'_>> = series.select(&sel("[data-week]")).collect();
        let name = series
            .value()
            .attr("data-category")
            .unwrap_or("scenarios")
            .to_owned();
        for line in series.select(&sel("path.line")) {
            out.push((name.clone(), line, markers.clone()));
        }
        // The grey line of all categories comes just before the category's series.
        if let Some(reference) = series
            .prev_siblings()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "path")
            .filter(|e| e.value().classes().any(|c| c == "reference"))
        {
            out.push((
                format!("{name} (all categories)"),
                reference,
                markers.clone(),
            ));
        }
    }
    out
}

#[test]
fn no_line_joins_two_weeks_more_than_two_weeks_apart() {
    let home = Home::new().with_history(&practice_with_a_gap());
    let page = home.report(&[]);
    let mut checked = 0;
    let mut pieces = 0;
    for (name, line, markers) in weekly_lines(&page) {
        let Some(axis) = Axis::fit(&markers) else {
            continue;
        };
        let points = path_points(attr(&line, "d"));
        for pair in points.windows(2) {
            let ((_, x0), (starts, x1)) = (pair[0], pair[1]);
            let (d0, d1) = (axis.days(x0), axis.days(x1));
            for d in [d0, d1] {
                assert!(
                    (d - (d / 7.0).round() * 7.0).abs() < 0.2,
                    "{name}: a point off the weeks"
                );
            }
            if starts {
                pieces += 1;
            } else {
                assert!(
                    (d1 - d0).round() as i64 <= MAX_JOIN_DAYS,
                    "{name}: a line joins two points {:.0} days apart",
                    d1 - d0
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "the fixture draws lines: {checked} segments");
    assert!(pieces > 0, "the five-week gap breaks lines");
}

#[test]
fn the_weekly_axes_have_a_label_for_every_month() {
    let home = Home::new().with_history(&two_years_of_practice());
    for since in ["90d", "26w", "1y", "104w"] {
        let page = home.report(&["--since", since]);
        let stats = home.json(&["stats", "--json"]);
        let summary = page.select(&sel("#summary")).next().unwrap();
        let weeks: usize = attr(&summary, "data-weeks").parse().unwrap();
        let trend = stats["overall"]["trend"].as_array().unwrap();
        let shown = &trend[trend.len().saturating_sub(weeks)..];
        let first: chrono::NaiveDate = shown[0]["start"].as_str().unwrap().parse().unwrap();
        let last = first + TimeDelta::days(7 * i64::try_from(shown.len()).unwrap() - 1);
        let firsts: Vec<chrono::NaiveDate> = first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| chrono::Datelike::day(d) == 1)
            .collect();
        assert!(firsts.len() >= 2, "{since}: the fixture spans months");
        let mut panels = 0;
        for (name, _, markers) in weekly_lines(&page) {
            if name.ends_with("(all categories)") {
                continue;
            }
            let Some(axis) = Axis::fit(&markers) else {
                continue;
            };
            let svg = markers[0]
                .ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| a.value().name() == "svg")
                .unwrap();
            let labels: Vec<(f64, String)> = svg
                .select(&sel("text"))
                .filter_map(|t| {
                    let x = t.value().attr("x")?.parse().ok()?;
                    Some((x, t.text().collect::<String>()))
                })
                .collect();
            for day in &firsts {
                let week = *day
                    - TimeDelta::days(i64::from(
                        chrono::Datelike::weekday(day).num_days_from_monday(),
                    ));
                let month = day.format("%b").to_string();
                let initial = month[..1].to_owned();
                assert!(
                    labels.iter().any(|(x, text)| {
                        (x - axis.x(week)).abs() < 1.0 && (*text == month || *text == initial)
                    }),
                    "{since}, {name}: no label {month} at the week of {day}; labels: {labels:?}"
                );
            }
            panels += 1;
        }
        assert!(panels >= 3, "{since}: {panels} weekly charts checked");
    }
}

/// A colour as `#rrggbb` to its WCAG relative luminance.
fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    assert_eq!(hex.len(), 6, "a #rrggbb colour: {hex}");
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

/// The colour a calendar square of `class` is filled with in `scheme`.
fn fill(rules: &[Rule], class: &str, scheme: &str) -> String {
    let mut value = declared(rules, &format!("svg .{class}"), "fill", scheme)
        .unwrap_or_else(|| panic!("no fill for .{class}"));
    while let Some(name) = value.strip_prefix("var(").and_then(|v| v.strip_suffix(')')) {
        value = declared(rules, ":root", name, scheme)
            .unwrap_or_else(|| panic!("no {name} in {scheme}"));
    }
    value
}

#[test]
fn a_day_with_one_or_two_attempts_stands_out_from_an_empty_day_at_3_to_1() {
    for history in [practice(false), every_kind(), one_attempt()] {
        let home = Home::new().with_history(&history);
        let page = home.report(&[]);
        let rules = rules(&page);
        let class_of = |counts: &[usize]| -> Vec<String> {
            let mut classes: Vec<String> = page
                .select(&sel("#calendar-chart rect[data-date]"))
                .filter(|r| counts.contains(&count(r, "data-count")))
                .filter(|r| !r.value().classes().any(|c| c == "future"))
                .flat_map(|r| r.value().classes().map(str::to_owned).collect::<Vec<_>>())
                .collect();
            classes.sort();
            classes.dedup();
            classes
        };
        let empty = class_of(&[0]);
        let few = class_of(&[1, 2]);
        assert_eq!(empty.len(), 1, "{empty:?}");
        assert!(!few.is_empty());
        for scheme in ["light", "dark", "print"] {
            for class in &few {
                let (a, b) = (
                    luminance(&fill(&rules, &empty[0], scheme)),
                    luminance(&fill(&rules, class, scheme)),
                );
                let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
                assert!(
                    ratio >= 3.0,
                    "{scheme}: {} against {class} is {ratio:.2}:1",
                    empty[0]
                );
            }
        }
    }
}

#[test]
fn counts_of_one_are_singular() {
    let plural = regex::Regex::new(
        r"\b1 (?:[a-z-]+ )?(?:attempts|sessions|days|weeks|times|steps|scenarios|reviews|prompts|labs|runs|categories)\b|\b1 more come\b|\bThe 1 ",
    )
    .unwrap();
    for history in [one_attempt(), practice(true), every_kind()] {
        let home = Home::new().with_history(&history);
        let page = home.report(&[]);
        // Every text on the page, the charts' tooltips (`<title>`) included.
        for e in page.select(&sel("body *")) {
            let own: String = e
                .children()
                .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                .collect();
            let text = joined(&own);
            assert!(!plural.is_match(&text), "<{}>: {text}", e.value().name());
        }
        let all = joined(&page.root_element().text().collect::<String>());
        assert!(!plural.is_match(&all), "{:?}", plural.find(&all));
    }
}

#[test]
fn the_calendar_gives_the_current_streak() {
    let home = Home::new().with_history(&practice(false));
    let page = home.report(&[]);
    let stats = home.json(&["stats", "--json"]);
    let streak = stats["progress"]["streak"]["current_days"]
        .as_u64()
        .unwrap();
    assert!(streak > 0, "the fixture practised yesterday or today");
    let reading = joined(
        &page
            .select(&sel("#calendar p.reading"))
            .next()
            .unwrap()
            .text()
            .collect::<String>(),
    );
    let days = if streak == 1 { "day" } else { "days" };
    assert!(
        reading.contains(&format!("current streak is {streak} {days}")),
        "{reading}"
    );
    let one = Home::new().with_history(&one_attempt());
    let page = one.report(&[]);
    let reading = joined(
        &page
            .select(&sel("#calendar p.reading"))
            .next()
            .unwrap()
            .text()
            .collect::<String>(),
    );
    assert!(reading.contains("current streak is 1 day"), "{reading}");
}

#[test]
fn since_1y_gives_a_calendar_of_a_year_whatever_the_history_holds() {
    let home = Home::new().with_history(&practice(false));
    let page = home.report(&["--since", "1y"]);
    let days: Vec<ElementRef<'_>> = page
        .select(&sel("#calendar-chart rect[data-date]"))
        .collect();
    // From the Monday of the week a year (365 days) ago to the Sunday of this week.
    let year_ago = (now() - TimeDelta::days(365)).date_naive();
    let monday = year_ago
        - TimeDelta::days(i64::from(
            chrono::Datelike::weekday(&year_ago).num_days_from_monday(),
        ));
    assert_eq!(attr(&days[0], "data-date"), monday.to_string());
    assert_eq!(days.len(), 53 * 7);
    // The history is ten weeks long: the weeks before it are empty days, and the
    // figures are still those of `stats` and `due`.
    assert_eq!(
        days.iter()
            .take(40 * 7)
            .map(|d| count(d, "data-count"))
            .sum::<usize>(),
        0
    );
    assert_every_figure_is_stats_and_due(&home, &page);
}
