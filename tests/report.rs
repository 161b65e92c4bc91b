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

    let charts: Vec<ElementRef<'_>> = page.select(&sel("svg[role=img]")).collect();
    let ids: Vec<&str> = charts.iter().map(|c| attr(c, "id")).collect();
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
    for chart in &charts {
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

#[test]
fn every_figure_equals_stats_json_and_due_json() {
    let home = Home::new().with_history(&practice(false));
    let page = home.report(&[]);
    let summary = page.select(&sel("#summary")).next().unwrap();
    let weeks = attr(&summary, "data-weeks");
    let stats = home.json(&["stats", "--json", "--weeks", weeks]);
    let due = home.json(&["due", "--json"]);

    assert!(same(num(&summary, "data-attempts"), &stats["attempts"]));
    assert!(same(num(&summary, "data-sessions"), &stats["sessions"]));
    assert_eq!(attr(&summary, "data-now"), due["now"].as_str().unwrap());

    // Weekly lines: one point per category and week with attempts.
    let mut points = 0;
    for category in stats["categories"].as_array().unwrap() {
        let name = category["name"].as_str().unwrap();
        let series = page
            .select(&sel(&format!(
                "#trend-chart g.series[data-category=\"{name}\"]"
            )))
            .next()
            .unwrap_or_else(|| panic!("a line for {name}"));
        let drawn: Vec<(String, f64, f64)> = series
            .select(&sel("[data-week]"))
            .map(|p| {
                (
                    attr(&p, "data-week").to_owned(),
                    num(&p, "data-average"),
                    num(&p, "data-attempts"),
                )
            })
            .collect();
        let expected: Vec<(String, f64, f64)> = category["trend"]
            .as_array()
            .unwrap()
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
        assert_eq!(drawn, expected, "{name}");
        points += drawn.len();
    }
    assert!(points > 20, "the fixture spans weeks: {points} points");

    // Coverage by skill area: every tag, weakest coverage first.
    let areas: Vec<ElementRef<'_>> = page.select(&sel("#coverage-chart g.area")).collect();
    let tags = stats["tags"].as_array().unwrap();
    assert_eq!(areas.len(), tags.len());
    for area in &areas {
        let tag = tags
            .iter()
            .find(|t| t["name"] == attr(area, "data-tag"))
            .unwrap();
        assert!(same(num(area, "data-coverage"), &tag["coverage"]));
        assert!(same(num(area, "data-average"), &tag["average_grade"]));
        assert!(same(num(area, "data-attempts"), &tag["attempts"]));
    }
    let coverages: Vec<f64> = areas.iter().map(|a| num(a, "data-coverage")).collect();
    assert!(coverages.windows(2).all(|w| w[0] <= w[1]), "weakest first");

    // Time against the box.
    for cat in page.select(&sel("#time-chart g.cat")) {
        let group = stats["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["name"] == attr(&cat, "data-category"))
            .unwrap();
        assert!(same(
            num(&cat, "data-median-answer-secs"),
            &group["median_answer_secs"]
        ));
        assert!(same(
            num(&cat, "data-median-box-secs"),
            &group["median_time_box_secs"]
        ));
        match attr(&cat, "data-overtime-rate") {
            "null" => assert!(group["overtime_rate"].is_null()),
            rate => assert!(same(rate.parse().unwrap(), &group["overtime_rate"])),
        }
    }

    // The calendar's days add up to the weekly attempts.
    let mut per_week: BTreeMap<usize, f64> = BTreeMap::new();
    for (i, day) in page
        .select(&sel("#calendar-chart rect[data-date]"))
        .enumerate()
    {
        *per_week.entry(i / 7).or_default() += num(&day, "data-count");
    }
    let weekly: Vec<f64> = stats["overall"]["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["attempts"].as_f64().unwrap())
        .collect();
    assert_eq!(per_week.into_values().collect::<Vec<_>>(), weekly);

    // The weakest prompts: the first five are `stats`' five.
    let rows: Vec<ElementRef<'_>> = page.select(&sel("#weakest-table tbody tr")).collect();
    for (row, expected) in rows
        .iter()
        .zip(stats["weakest_prompts"].as_array().unwrap())
    {
        assert_eq!(
            attr(row, "data-prompt"),
            expected["prompt"].as_str().unwrap()
        );
        assert!(same(
            num(row, "data-recent-grade"),
            &expected["recent_grade"]
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

    // The forecast: `due --json`'s cards counted by day in the offset of now; today
    // holds everything already due.
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

    let summary = page.select(&sel("#summary")).next().unwrap();
    let stats = home.json(&["stats", "--json", "--weeks", attr(&summary, "data-weeks")]);
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
    let stats = home.json(&["stats", "--json", "--weeks", "4"]);
    assert!(
        same(num(&summary, "data-attempts"), &stats["attempts"]),
        "totals cover the whole history"
    );
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
