//! Checkers over logs: top 5xx clients, latency percentiles, merging streams, the
//! longest outage, the worst error burst.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;

use super::registry::{LARGE, UNICODE, name, number, signed, text};
use super::{Case, Checker, Input, Order, Param, Params, seven_cases};
use crate::rng::Rng;

// ---------------------------------------------------------------- top-5xx-clients

pub const TOP_5XX_CLIENTS: Checker = Checker {
    name: "top-5xx-clients",
    summary: "the clients with the most 5xx responses in access.log",
    params: &[Param {
        name: "top",
        default: 3,
        min: 1,
        max: 100,
    }],
    order: Order::Exact,
    cases: top_5xx_cases,
    solve: top_5xx_solve,
};

fn access_line(ip: &str, path: &str, status: &str, rng: &mut Rng) -> String {
    let method = *rng.pick(&["GET", "POST", "PUT", "DELETE"]);
    format!(
        "{ip} - - [10/Oct/2024:13:{:02}:{:02} +0000] \"{method} {path} HTTP/1.1\" {status} {}",
        rng.below(60),
        rng.below(60),
        rng.range(0, 90_000)
    )
}

/// A request path as clients send them: now and then with spaces, or a quote escaped
/// as `\"`, so the fields after the request are not at a fixed position.
fn odd_path(rng: &mut Rng, odd: bool) -> String {
    let path = format!("/api/{}", name(rng, "item", 50));
    if !odd {
        return path;
    }
    match rng.below(4) {
        0 => format!("{path}?q=disk full"),
        1 => format!("{path}?q=\\\"quoted text\\\""),
        2 => format!("/search?q=a b c&page={}", rng.below(9)),
        _ => format!("{path} \\\"x\\\" y"),
    }
}

fn client(rng: &mut Rng, spread: u64) -> String {
    format!("10.0.{}.{}", rng.below(4), rng.range(1, spread))
}

fn random_access(rng: &mut Rng, lines: usize, clients: u64) -> Vec<String> {
    (0..lines)
        .map(|_| {
            let ip = client(rng, clients);
            let status = if rng.chance(0.3) {
                rng.range(500, 504)
            } else {
                *rng.pick(&[200, 200, 201, 301, 404, 499])
            };
            let odd = rng.chance(0.1);
            let path = odd_path(rng, odd);
            access_line(&ip, &path, &status.to_string(), rng)
        })
        .collect()
}

/// `n` different addresses in `10.NET.0.0/24`, in no particular order.
fn clients_in(rng: &mut Rng, net: u64, n: usize) -> Vec<String> {
    let mut hosts: Vec<u64> = (1..=254).collect();
    rng.shuffle(&mut hosts);
    hosts[..n]
        .iter()
        .map(|h| format!("10.{net}.0.{h}"))
        .collect()
}

fn top_5xx_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let file = |lines: Vec<String>| Input::file("access.log", text(&lines));
    let mut malformed = Vec::new();
    let ips = clients_in(rng, 1, 4);
    for _ in 0..rng.range(8, 16) {
        let ip = rng.pick(&ips).clone();
        let status = rng.pick::<&str>(&["200", "503", "502"]).to_owned();
        let odd = rng.chance(0.3);
        let path = odd_path(rng, odd);
        malformed.push(access_line(&ip, &path, status, rng));
    }
    let bad_ip = rng.pick(&ips).clone();
    let five = rng.range(0, 9);
    malformed.extend([
        format!("garbage {} that is not a log line", rng.below(100)),
        format!("{bad_ip} - - [10/Oct/2024:13:00:00 +0000] \"GET /x HTTP/1.1\" 5O{five} 12"),
        format!("{bad_ip} - - [10/Oct/2024:13:00:00 +0000] \"GET /truncated 50{five}"),
        format!("{bad_ip} - - [10/Oct/2024:13:00:00 +0000] \"GET /x HTTP/1.1\" - 0"),
        format!("{bad_ip} - - [10/Oct/2024:13:00:00 +0000] \"GET /x HTTP/1.1\" 50{five}0 1"),
        format!("{bad_ip} - - [10/Oct/2024:13:00:00 +0000] \"GET /x HTTP/1.1\" ５0{five} 1"),
        String::new(),
    ]);
    rng.shuffle(&mut malformed);
    // Three clients tie for the most, two for the next; the addresses sort differently
    // as text and as numbers. The first client's requests all hold spaces or quotes.
    let mut ties = Vec::new();
    let ips = clients_in(rng, 2, 5);
    let most = rng.range(3, 6);
    let next = rng.range(1, most - 1);
    for (i, ip) in ips.iter().enumerate() {
        let n = if i < 3 { most } else { next };
        for _ in 0..n {
            let status = rng.range(500, 504).to_string();
            let odd = i == 0 || rng.chance(0.3);
            let path = odd_path(rng, odd);
            ties.push(access_line(ip, &path, &status, rng));
        }
        for _ in 0..rng.below(3) {
            let path = odd_path(rng, true);
            ties.push(access_line(ip, &path, "200", rng));
        }
    }
    rng.shuffle(&mut ties);
    // 500 and 599 count, 499 and 600 do not; the client with the most 500s leads.
    let mut boundary = Vec::new();
    let ips = clients_in(rng, 3, 4);
    let lead = rng.range(3, 5);
    for (ip, statuses) in [
        (&ips[0], vec![("500", lead), ("499", rng.range(1, 3))]),
        (&ips[1], vec![("599", lead - 1), ("600", rng.range(2, 4))]),
        (&ips[2], vec![("502", 1), ("499", rng.range(2, 4))]),
        (&ips[3], vec![("600", lead + 2)]),
    ] {
        for (status, n) in statuses {
            for _ in 0..n {
                let odd = rng.chance(0.3);
                let path = odd_path(rng, odd);
                boundary.push(access_line(ip, &path, status, rng));
            }
        }
    }
    rng.shuffle(&mut boundary);
    let mut unicode = Vec::new();
    let ips = clients_in(rng, 4, 5);
    for i in 0..rng.range(15, 25) {
        let word = *rng.pick(UNICODE);
        let status = if i % 2 == 0 { "502" } else { "200" };
        let ip = rng.pick(&ips).clone();
        unicode.push(access_line(
            &ip,
            &format!("/{word}?q={word} {word}"),
            status,
            rng,
        ));
    }
    seven_cases(
        file,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            random_access(rng, 2_000, 30),
            random_access(rng, LARGE, 5_000),
        ],
    )
}

fn top_5xx_solve(input: &Input, params: &Params) -> String {
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for line in input.text("access.log").lines() {
        let Some((_, after)) = line.rsplit_once('"') else {
            continue;
        };
        if line.matches('"').count() < 2 {
            continue;
        }
        let Some(status) = after.split_whitespace().next() else {
            continue;
        };
        if status.len() != 3 || !status.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some(ip) = line.split_whitespace().next() else {
            continue;
        };
        if status.starts_with('5') {
            *counts.entry(ip).or_default() += 1;
        }
    }
    let mut rows: Vec<(&str, u64)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top = usize::try_from(params.get("top")).unwrap_or(0);
    text(
        &rows
            .iter()
            .take(top)
            .map(|(ip, n)| format!("{ip} {n}"))
            .collect::<Vec<_>>(),
    )
}

// ---------------------------------------------------------------- latency-percentiles

pub const LATENCY_PERCENTILES: Checker = Checker {
    name: "latency-percentiles",
    summary: "p50/p95/p99 latency per endpoint from JSON lines (nearest rank)",
    params: &[],
    order: Order::Exact,
    cases: latency_cases,
    solve: latency_solve,
};

fn latency_line(endpoint: &str, ms: u64) -> String {
    serde_json::json!({ "endpoint": endpoint, "ms": ms, "status": 200 }).to_string()
}

fn latency_random(rng: &mut Rng, lines: usize, endpoints: u64) -> Vec<String> {
    (0..lines)
        .map(|_| {
            let endpoint = format!("/{}", name(rng, "svc", endpoints));
            let ms = rng.around(80.0, 1.5) as u64;
            latency_line(&endpoint, ms)
        })
        .collect()
}

fn latency_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let stdin = |lines: Vec<String>| Input::stdin(text(&lines));
    let endpoints = [name(rng, "/a", 50), name(rng, "/b", 50)];
    let mut malformed: Vec<String> = (0..rng.range(6, 14))
        .map(|i| latency_line(&endpoints[i as usize % 2], rng.range(1, 500)))
        .collect();
    let e = &endpoints[0];
    let n = rng.range(1, 999);
    malformed.extend([
        format!("not json {n}"),
        format!(r#"{{"endpoint": "{e}"}}"#),
        format!(r#"{{"endpoint": "{e}", "ms": "{n}"}}"#),
        format!(r#"{{"endpoint": {n}, "ms": {n}}}"#),
        format!(r#"{{"endpoint": "{e}", "ms": -{n}}}"#),
        format!(r#"{{"endpoint": "{e}", "ms": {n}.5}}"#),
        format!(
            r#"{{"endpoint": "{e}", "ms": {}}}"#,
            rng.pick(&["true", "false"])
        ),
        format!(r#"{{"endpoint": "{e}", "ms": true}}"#),
        format!("[{n}, 2]"),
        format!(r#"{{"endpoint": "{e}", "ms": {n}"#),
        String::new(),
    ]);
    rng.shuffle(&mut malformed);
    // Endpoints whose values are all equal, one with a single value of 0.
    let mut ties = Vec::new();
    let mut names: Vec<String> = (0..3).map(|_| name(rng, "/t", 1_000)).collect();
    names.sort();
    names.dedup();
    for (i, endpoint) in names.iter().enumerate() {
        let (ms, count) = if i == 0 {
            (0, 1)
        } else {
            (rng.range(1, 500), rng.range(2, 40))
        };
        for _ in 0..count {
            ties.push(latency_line(endpoint, ms));
        }
    }
    rng.shuffle(&mut ties);
    // Counts where p * COUNT / 100 is whole (the rank is exactly that), one value, two.
    let mut boundary = Vec::new();
    let whole = *rng.pick(&[100u64, 200, 300]);
    let twenty = *rng.pick(&[20u64, 40, 60]);
    for (endpoint, n) in [
        (name(rng, "/hundreds", 9), whole),
        (name(rng, "/twenties", 9), twenty),
        ("/one".to_owned(), 1),
        ("/two".to_owned(), 2),
    ] {
        let mut value = rng.below(50);
        let mut values: Vec<u64> = (0..n)
            .map(|_| {
                value += rng.range(1, 20);
                value
            })
            .collect();
        rng.shuffle(&mut values);
        boundary.extend(values.into_iter().map(|v| latency_line(&endpoint, v)));
    }
    rng.shuffle(&mut boundary);
    let unicode: Vec<String> = (0..rng.range(40, 80))
        .map(|_| {
            let word = *rng.pick(UNICODE);
            latency_line(&format!("/{word}"), rng.range(1, 500))
        })
        .collect();
    seven_cases(
        stdin,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            latency_random(rng, 3_000, 8),
            latency_random(rng, LARGE, 40),
        ],
    )
}

fn latency_solve(input: &Input, _: &Params) -> String {
    let mut by: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for line in input.stdin.lines() {
        let Ok(serde_json::Value::Object(map)) = serde_json::from_str(line) else {
            continue;
        };
        let (Some(serde_json::Value::String(endpoint)), Some(ms)) = (
            map.get("endpoint"),
            map.get("ms").and_then(serde_json::Value::as_u64),
        ) else {
            continue;
        };
        by.entry(endpoint.clone()).or_default().push(ms);
    }
    let mut out = Vec::new();
    for (endpoint, mut values) in by {
        values.sort_unstable();
        let n = values.len();
        let rank = |p: usize| values[(p * n).div_ceil(100).max(1) - 1];
        out.push(format!(
            "{endpoint} {n} {} {} {}",
            rank(50),
            rank(95),
            rank(99)
        ));
    }
    text(&out)
}

// ---------------------------------------------------------------- merge-log-streams

pub const MERGE_LOG_STREAMS: Checker = Checker {
    name: "merge-log-streams",
    summary: "the ERROR lines of three time-sorted logs, merged in time order",
    params: &[],
    order: Order::Exact,
    cases: merge_cases,
    solve: merge_solve,
};

const STREAMS: [&str; 3] = ["a.log", "b.log", "c.log"];

fn stamp(ms: u64) -> String {
    let s = ms / 1000;
    format!(
        "2024-03-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        1 + s / 86_400,
        s / 3600 % 24,
        s / 60 % 60,
        s % 60,
        ms % 1000
    )
}

fn stream(rng: &mut Rng, lines: usize, step: u64, error_share: f64) -> Vec<String> {
    let mut t = rng.below(step);
    (0..lines)
        .map(|_| {
            t += rng.below(step);
            let level = if rng.chance(error_share) {
                "ERROR"
            } else {
                *rng.pick(&["INFO", "WARN", "DEBUG"])
            };
            format!("{} {level} {}", stamp(t), name(rng, "request", 1000))
        })
        .collect()
}

fn merge_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let files = |streams: [Vec<String>; 3]| Input {
        stdin: String::new(),
        files: STREAMS
            .iter()
            .copied()
            .zip(streams.iter().map(|s| text(s)))
            .collect(),
    };
    let mut malformed = [
        stream(rng, 10, 2_000, 0.5),
        stream(rng, 10, 2_000, 0.5),
        stream(rng, 10, 2_000, 0.5),
    ];
    // A timestamp with one digit replaced: 24 characters that are not a timestamp.
    let mut broken = stamp(rng.below(20_000)).into_bytes();
    let digit = *rng.pick(&[0usize, 2, 5, 8, 11, 14, 17, 20, 22]);
    broken[digit] = *rng.pick(b"xOl-");
    let broken = String::from_utf8_lossy(&broken).into_owned();
    let some = |rng: &mut Rng| stamp(rng.below(20_000));
    let bad = [
        format!("{broken} ERROR bad digit"),
        format!("ERROR no timestamp {}", rng.below(100)),
        some(rng),
        format!("{} FATAL not the level", some(rng)),
        format!("{}ERROR no space", some(rng)),
        format!("{} ERROR wide digits", some(rng).replacen('2', "２", 1)),
        String::new(),
    ];
    for bad in bad {
        let file = rng.below(3) as usize;
        let at = rng.below(malformed[file].len() as u64 + 1) as usize;
        malformed[file].insert(at, bad);
    }
    // The same millisecond in every file: a.log first, then b.log, then c.log, however
    // their messages sort.
    let same = stamp(rng.range(1_000, 80_000_000));
    let words = |rng: &mut Rng| name(rng, "msg", 100);
    let ties = [
        vec![
            format!("{same} ERROR zz-{}", words(rng)),
            format!("{same} ERROR yy-{}", words(rng)),
        ],
        vec![
            format!("{same} ERROR mm-{}", words(rng)),
            format!("{same} INFO aa-{}", words(rng)),
        ],
        vec![format!("{same} ERROR aa-{}", words(rng))],
    ];
    // The level is the whole second field: exactly ERROR, nothing after it, two
    // spaces, lower case; the first and last millisecond of a day.
    let day = rng.below(20) * 86_400_000;
    let boundary = [
        vec![
            format!("{} ERROR", stamp(day)),
            format!("{} INFO ERROR in the text", stamp(day + 1)),
        ],
        vec![format!("{} ERROR  two spaces", stamp(day))],
        vec![
            format!("{} error lower case", stamp(day)),
            format!("{} ERRORS plural", stamp(day + 5)),
            format!("{} ERROR x", stamp(day + 86_399_999)),
        ],
    ];
    let mut unicode = [
        stream(rng, 10, 1_000, 0.6),
        stream(rng, 10, 1_000, 0.6),
        stream(rng, 10, 1_000, 0.6),
    ];
    for s in &mut unicode {
        for line in s.iter_mut() {
            line.push(' ');
            line.push_str(rng.pick::<&str>(UNICODE));
        }
    }
    let large = LARGE as u64 / 3;
    seven_cases(
        files,
        [
            [Vec::new(), Vec::new(), Vec::new()],
            malformed,
            ties,
            boundary,
            unicode,
            [
                stream(rng, 300, 3_000, 0.3),
                stream(rng, 50, 20_000, 0.3),
                stream(rng, 500, 1_000, 0.3),
            ],
            [
                stream(rng, large as usize, 400, 0.01),
                stream(rng, large as usize, 400, 0.01),
                stream(rng, large as usize, 400, 0.01),
            ],
        ],
    )
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`: ASCII digits where the pattern has digits.
fn is_stamp(s: &[u8]) -> bool {
    const PATTERN: &[u8] = b"dddd-dd-ddTdd:dd:dd.dddZ";
    s.len() == PATTERN.len()
        && s.iter().zip(PATTERN).all(|(c, p)| match p {
            b'd' => c.is_ascii_digit(),
            _ => c == p,
        })
}

/// The ERROR line's timestamp, or `None` for any other line.
fn error_stamp(line: &str) -> Option<&str> {
    let bytes = line.as_bytes();
    if bytes.len() < 25 || !is_stamp(&bytes[..24]) || bytes[24] != b' ' {
        return None;
    }
    let rest = &line[25..];
    let level = rest.split(' ').next()?;
    (level == "ERROR").then(|| &line[..24])
}

fn merge_solve(input: &Input, _: &Params) -> String {
    let mut all: Vec<(&str, usize, usize, &str)> = Vec::new();
    for (f, name) in STREAMS.iter().enumerate() {
        for (i, line) in input.text(name).lines().enumerate() {
            if let Some(stamp) = error_stamp(line) {
                all.push((stamp, f, i, line));
            }
        }
    }
    all.sort_unstable();
    let lines: Vec<String> = all.iter().map(|(_, _, _, l)| (*l).to_owned()).collect();
    text(&lines)
}

// ---------------------------------------------------------------- longest-outage

pub const LONGEST_OUTAGE: Checker = Checker {
    name: "longest-outage",
    summary: "each target's longest outage in a health-check log",
    params: &[],
    // The prompt lets the targets come in any order.
    order: Order::AnyOrder,
    cases: outage_cases,
    solve: outage_solve,
};

fn checks(rng: &mut Rng, lines: usize, targets: u64, close_all: bool) -> Vec<String> {
    let mut t = 1_000 + rng.below(100);
    let mut out = Vec::new();
    let mut down: Vec<bool> = vec![false; targets as usize];
    for _ in 0..lines {
        t += rng.below(3);
        let target = rng.below(targets);
        let now_down = if down[target as usize] {
            rng.chance(0.6)
        } else {
            rng.chance(0.15)
        };
        down[target as usize] = now_down;
        let status = if now_down { "down" } else { "up" };
        out.push(format!("{t} web-{target} {status}"));
    }
    if close_all {
        t += 1;
        for (target, d) in down.iter().enumerate() {
            if *d {
                out.push(format!("{t} web-{target} up"));
            }
        }
    }
    out
}

fn outage_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let stdin = |lines: Vec<String>| Input::stdin(text(&lines));
    let lines = rng.range(15, 25) as usize;
    let mut malformed = checks(rng, lines, 3, false);
    let t = rng.range(1_000, 2_000);
    let target = rng.below(3);
    for bad in [
        format!("{t}x web-{target} down"),
        format!("web-{target} down"),
        format!("{t} web-{target} DOWN"),
        format!("{t} web-{target} down extra"),
        format!("-{t} web-{target} down"),
        format!("{t}.5 web-{target} down"),
        String::new(),
    ] {
        let at = rng.below(malformed.len() as u64 + 1) as usize;
        malformed.insert(at, bad);
    }
    // Closed at the end so an open outage plays no part here.
    let last: u64 = malformed
        .iter()
        .rev()
        .find_map(|l| l.split(' ').next()?.parse().ok())
        .unwrap_or(2_000);
    for target in 0..3 {
        malformed.push(format!("{} web-{target} up", last + 1));
    }
    // Two outages of one length (the earlier wins); downs repeated inside an outage;
    // an outage that starts and ends in one second.
    let [db, cache, api] = [
        name(rng, "db", 9),
        name(rng, "cache", 9),
        name(rng, "api", 9),
    ];
    let mut t = rng.range(10, 1_000);
    let length = rng.range(2, 20);
    let mut ties = vec![format!("{t} {db} up")];
    for _ in 0..2 {
        let start = t + rng.range(1, 10);
        ties.push(format!("{start} {db} down"));
        ties.push(format!("{} {db} down", start + rng.range(0, length - 1)));
        ties.push(format!("{} {db} up", start + length));
        t = start + length;
    }
    let start = t + rng.range(1, 5);
    ties.push(format!("{start} {cache} down"));
    ties.push(format!("{} {cache} up", start + length - 1));
    let same = start + length + rng.range(1, 5);
    ties.push(format!("{same} {api} down"));
    ties.push(format!("{same} {api} up"));
    // Repeated downs keep one outage going; an outage still open at the end ends at
    // the last line's time, which may belong to another target.
    let [lb, dns, queue] = [
        name(rng, "lb", 9),
        name(rng, "dns", 9),
        name(rng, "queue", 9),
    ];
    let b = rng.range(0, 500);
    let gap = rng.range(2, 9);
    let boundary = vec![
        format!("{b} {lb} down"),
        format!("{} {lb} down", b + 1),
        format!("{} {lb} up", b + gap),
        format!("{} {lb} up", b + gap + 2),
        format!("{} {dns} down", b + gap + 3),
        format!("{} {dns} down", b + gap + 4),
        format!("{} {queue} down", b + gap + 7),
        format!("{} {queue} up", b + gap + 7),
        format!("{} other up", b + gap + 7 + rng.range(5, 40)),
    ];
    let unicode: Vec<String> = (0..rng.range(20, 40))
        .map(|i| {
            let word = UNICODE[rng.below(UNICODE.len() as u64) as usize];
            let status = if rng.chance(0.35) { "down" } else { "up" };
            format!("{} {word} {status}", 50 + i)
        })
        .collect();
    seven_cases(
        stdin,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            checks(rng, 3_000, 12, false),
            checks(rng, LARGE, 500, false),
        ],
    )
}

/// Keeps the longer outage; on a tie, the earlier one (seen first).
fn note<'a>(best: &mut BTreeMap<&'a str, (u64, u64)>, target: &'a str, start: u64, end: u64) {
    let duration = end - start;
    let entry = best.entry(target).or_insert((duration, start));
    if duration > entry.0 || (duration == entry.0 && start < entry.1) {
        *entry = (duration, start);
    }
}

fn outage_solve(input: &Input, _: &Params) -> String {
    let mut open: HashMap<&str, u64> = HashMap::new();
    let mut best: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    let mut last = 0;
    for line in input.stdin.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [ts, target, status] = fields[..] else {
            continue;
        };
        if ts.is_empty() || !ts.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Ok(ts) = ts.parse::<u64>() else {
            continue;
        };
        match status {
            "down" => {
                open.entry(target).or_insert(ts);
            }
            "up" => {
                if let Some(start) = open.remove(target) {
                    note(&mut best, target, start, ts);
                }
            }
            _ => continue,
        }
        last = ts;
    }
    for (target, start) in open {
        note(&mut best, target, start, last);
    }
    text(
        &best
            .iter()
            .map(|(t, (d, s))| format!("{t} {d} {s}"))
            .collect::<Vec<_>>(),
    )
}

// ---------------------------------------------------------------- error-burst

pub const ERROR_BURST: Checker = Checker {
    name: "error-burst",
    summary: "the most ERROR lines in any sliding window, and when",
    params: &[Param {
        name: "window",
        default: 60,
        min: 1,
        max: 86_400,
    }],
    order: Order::Exact,
    cases: burst_cases,
    solve: burst_solve,
};

fn leveled(rng: &mut Rng, lines: usize, step: u64, error_share: f64) -> Vec<String> {
    let mut t = rng.below(1_000);
    (0..lines)
        .map(|_| {
            t += rng.below(step);
            let level = if rng.chance(error_share) {
                "ERROR"
            } else {
                *rng.pick(&["INFO", "WARN"])
            };
            format!("{t} {level} {}", name(rng, "job", 100))
        })
        .collect()
}

fn burst_cases(rng: &mut Rng, params: &Params) -> Vec<Case> {
    let stdin = |lines: Vec<String>| Input::stdin(text(&lines));
    let w = params.get("window").max(1) as u64;
    let lines = rng.range(20, 40) as usize;
    let mut malformed = leveled(rng, lines, 10, 0.5);
    let t = rng.range(10, 99);
    for bad in [
        format!("x{t} ERROR bad time"),
        "ERROR".to_owned(),
        t.to_string(),
        String::new(),
        format!("{t}.5 ERROR half"),
        format!("-{t} ERROR negative"),
        format!("{t}s ERROR unit"),
    ] {
        let at = rng.below(malformed.len() as u64 + 1) as usize;
        malformed.insert(at, bad);
    }
    // Two bursts of the same size: the earlier one is reported.
    let a = rng.range(0, 1_000);
    let b = a + rng.range(w + 1, 5 * w);
    let size = rng.range(2, 5);
    let mut ties = Vec::new();
    for start in [a, b] {
        for i in 0..size {
            ties.push(format!(
                "{} ERROR {}",
                start + i * (w - 1) / size,
                name(rng, "e", 9)
            ));
        }
    }
    ties.push(format!("{} INFO after", b + w - 1));
    // An error exactly one window old is out: the first two make no pair. Errors of
    // one second count together.
    let t = rng.range(0, 1_000);
    let boundary = vec![
        format!("{t} ERROR first"),
        format!("{} ERROR exactly-a-window-later", t + w),
        format!("{} ERROR same-second", t + 3 * w),
        format!("{} ERROR same-second", t + 3 * w),
        format!("{} error lower-case-is-not-an-error", t + 3 * w),
    ];
    let step = rng.range(3, 9);
    let unicode: Vec<String> = (0..rng.range(15, 30))
        .map(|i| format!("{} ERROR {}", i * step, UNICODE[i as usize % UNICODE.len()]))
        .collect();
    seven_cases(
        stdin,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            leveled(rng, 2_000, 5, 0.3),
            leveled(rng, LARGE, 2, 0.9),
        ],
    )
}

fn burst_solve(input: &Input, params: &Params) -> String {
    let w = params.get("window").max(1) as u64;
    let mut errors: Vec<u64> = Vec::new();
    for line in input.stdin.lines() {
        let mut fields = line.split_whitespace();
        let (Some(ts), Some(level)) = (fields.next(), fields.next()) else {
            continue;
        };
        if level != "ERROR" || ts.is_empty() || !ts.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if let Ok(ts) = ts.parse::<u64>() {
            errors.push(ts);
        }
    }
    // The window (t - w, t] holds every error at t, also those written after this line.
    let mut window: VecDeque<u64> = VecDeque::new();
    let mut best: Option<(usize, u64)> = None;
    let mut i = 0;
    while i < errors.len() {
        let t = errors[i];
        while i < errors.len() && errors[i] == t {
            window.push_back(t);
            i += 1;
        }
        while window.front().is_some_and(|&f| f + w <= t) {
            window.pop_front();
        }
        if best.is_none_or(|(n, _)| window.len() > n) {
            best = Some((window.len(), t));
        }
    }
    match best {
        Some((n, t)) => format!("{n} {t}\n"),
        None => "0 -\n".to_owned(),
    }
}

// ---------------------------------------------------------------- slow-endpoints

pub const SLOW_ENDPOINTS: Checker = Checker {
    name: "slow-endpoints",
    summary: "the slowest endpoints by average request time in a combined access log",
    params: &[Param {
        name: "top",
        default: 5,
        min: 1,
        max: 100,
    }],
    order: Order::Exact,
    cases: slow_cases,
    solve: slow_solve,
};

const AGENTS: &[&str] = &[
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)",
    "curl/8.5.0",
    "Prometheus/2.51.0",
    "kube-probe/1.29",
    "python-requests/2.31.0",
    "Go-http-client/1.1",
];

/// A quoted field's text as it is written in the log: `"` and `\` escaped.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// One combined-format line with the request time at the end.
fn slow_line(rng: &mut Rng, request: &str, status: u64, ms: u64, agent: &str) -> String {
    format!(
        "{} - - [10/Oct/2024:13:{:02}:{:02} +0000] {} {status} {} {} {} {}.{:03}",
        rng.private_ip(),
        rng.below(60),
        rng.below(60),
        quoted(request),
        rng.range(0, 90_000),
        quoted(rng.pick::<&str>(&[
            "-",
            "https://shop.example.com/cart",
            "https://example.com/a b"
        ])),
        quoted(agent),
        ms / 1000,
        ms % 1000
    )
}

/// A request line: method, a target with a query string now and then, protocol.
fn request(rng: &mut Rng, paths: u64) -> String {
    let method = *rng.pick(&["GET", "GET", "GET", "POST", "PUT", "DELETE"]);
    let mut target = format!("/api/{}", name(rng, "v", paths));
    if rng.chance(0.4) {
        let _ = write!(target, "?id={}&q={}", rng.below(1_000), name(rng, "w", 9));
        if rng.chance(0.2) {
            // A client that does not encode its query: spaces and quotes.
            target.push_str(rng.pick::<&str>(&[" disk full", " \"quoted\"", " a b"]));
        }
    }
    format!("{method} {target} HTTP/1.1")
}

fn slow_random(rng: &mut Rng, lines: usize, paths: u64) -> Vec<String> {
    (0..lines)
        .map(|_| {
            let req = request(rng, paths);
            let ms = rng.around(120.0, 2.0) as u64;
            let agent = *rng.pick(AGENTS);
            let status = *rng.pick(&[200, 200, 200, 201, 304, 404, 500, 503]);
            slow_line(rng, &req, status, ms, agent)
        })
        .collect()
}

/// Two request times, in milliseconds, whose average read through floats (seconds
/// added as doubles, then times 1000, rounded down) is one millisecond short.
fn float_trap(rng: &mut Rng) -> (u64, u64) {
    loop {
        let a = rng.range(1, 999);
        let b = rng.range(1, 999);
        let sum = a + b;
        if !sum.is_multiple_of(2) {
            continue;
        }
        let secs = |ms: u64| format!("0.{ms:03}").parse::<f64>().unwrap_or(0.0);
        // As a program that adds seconds as doubles computes it.
        let seconds = secs(a) + secs(b);
        let float = (seconds / 2.0 * 1000.0).floor();
        if float < (sum / 2) as f64 {
            return (a, b);
        }
    }
}

fn slow_cases(rng: &mut Rng, params: &Params) -> Vec<Case> {
    let file = |lines: Vec<String>| Input::file("access.log", text(&lines));
    let top = params.get("top").max(1) as u64;
    let mut malformed = slow_random(rng, 20, 6);
    for bad in [
        // The common format: no referer, no agent, no request time.
        format!(
            "{} - - [10/Oct/2024:13:00:00 +0000] \"GET /api/v-{} HTTP/1.1\" 200 12",
            rng.private_ip(),
            rng.below(6)
        ),
        format!(
            "{} - - [10/Oct/2024:13:00:00 +0000] \"GET /api/v-1 HTTP/1.1\" 200 12 \"-\" \"curl/8\" {}",
            rng.private_ip(),
            rng.pick(&["0.5", "1.2345", "x.100", "-", "1,500", ".500"])
        ),
        format!(
            "{} - - [10/Oct/2024:13:00:00 +0000] \"GET\" 400 0 \"-\" \"curl/8\" 9.{:03}",
            rng.private_ip(),
            rng.below(1_000)
        ),
        format!(
            "{} - - [10/Oct/2024:13:00:00 +0000] \"GET /api/v-2 HTTP/1.1\" 200 12 \"-\" \"curl/8 0.100",
            rng.private_ip()
        ),
        format!(
            "{} - - [10/Oct/2024:13:00:00 +0000] \"GET /api/v-3 HTTP/1.1\" 200 12 \"-\" \"curl/8\" 0.100 extra",
            rng.private_ip()
        ),
        String::new(),
    ] {
        let at = rng.below(malformed.len() as u64 + 1) as usize;
        malformed.insert(at, bad);
    }
    // Equal averages: more requests first, then by endpoint; queries and escaped
    // quotes do not make new endpoints.
    let mut ties = Vec::new();
    let avg = rng.range(200, 900);
    let spread = rng.range(1, avg - 1);
    let mut names: Vec<String> = (0..top + 2).map(|i| format!("/pay/{i:02}")).collect();
    rng.shuffle(&mut names);
    for (i, path) in names.iter().enumerate() {
        let n = 1 + (i as u64) % 3;
        for k in 0..n * 2 {
            let ms = if k % 2 == 0 {
                avg - spread
            } else {
                avg + spread
            };
            let target = if k % 2 == 0 {
                format!("{path}?q=\"{}\" x", rng.below(100))
            } else {
                path.clone()
            };
            let agent = format!("{} \"quoted\" \\ {}", rng.pick(AGENTS), rng.below(9));
            ties.push(slow_line(
                rng,
                &format!("GET {target} HTTP/1.1"),
                200,
                ms,
                &agent,
            ));
        }
    }
    rng.shuffle(&mut ties);
    // Averages read through floats come out one millisecond short; a one-millisecond
    // difference between averages decides the order.
    let mut boundary = Vec::new();
    for i in 0..top {
        let (a, b) = float_trap(rng);
        for ms in [a, b] {
            let req = format!("GET /edge/{i}?t={ms} HTTP/1.1");
            boundary.push(slow_line(rng, &req, 200, ms, AGENTS[0]));
        }
    }
    let base = rng.range(1_000, 1_500);
    for (path, times) in [
        // Both average `base` rounded down; b is slower by half a millisecond.
        ("/close/a", vec![base, base]),
        ("/close/b", vec![base, base + 1]),
        ("/one/ms", vec![1]),
    ] {
        for ms in times {
            boundary.push(slow_line(
                rng,
                &format!("POST {path} HTTP/2.0"),
                200,
                ms,
                AGENTS[2],
            ));
        }
    }
    // The slowest target holds spaces: a fixed field of a split on spaces is not it.
    let words = *rng.pick(&["disk full", "a b c", "why so slow", "x y"]);
    for _ in 0..rng.range(1, 3) {
        let ms = rng.range(2_000, 9_000);
        let req = format!("GET /search/{words} HTTP/1.1");
        boundary.push(slow_line(rng, &req, 200, ms, AGENTS[1]));
    }
    rng.shuffle(&mut boundary);
    let unicode: Vec<String> = (0..30)
        .map(|_| {
            let word = *rng.pick(UNICODE);
            let req = format!("GET /{word}?q={word} HTTP/1.1");
            let ms = rng.range(1, 3_000);
            let agent = format!("Mozilla/5.0 ({word})");
            slow_line(rng, &req, 200, ms, &agent)
        })
        .collect();
    seven_cases(
        file,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            slow_random(rng, 2_000, 30),
            slow_random(rng, LARGE, 400),
        ],
    )
}

/// The three quoted fields of a line (unescaped) and the text after the last one, or
/// `None` when the line has another number of quoted fields or one is not closed.
fn quoted_fields(line: &str) -> Option<(Vec<String>, &str)> {
    let mut fields = Vec::new();
    let mut current: Option<String> = None;
    let mut after = 0;
    let mut chars = line.char_indices();
    while let Some((i, c)) = chars.next() {
        match (&mut current, c) {
            (None, '"') => current = Some(String::new()),
            (None, _) => {}
            (Some(field), '\\') => field.push(chars.next()?.1),
            (Some(_), '"') => {
                fields.push(current.take()?);
                after = i + 1;
            }
            (Some(field), c) => field.push(c),
        }
    }
    (current.is_none() && fields.len() == 3).then(|| (fields, &line[after..]))
}

/// `S.mmm` as milliseconds: ASCII digits, exactly three decimals.
fn request_ms(text: &str) -> Option<u64> {
    let (secs, ms) = text.split_once('.')?;
    if ms.len() != 3 {
        return None;
    }
    Some(number(secs)? * 1000 + number(ms)?)
}

fn slow_solve(input: &Input, params: &Params) -> String {
    // endpoint -> (requests, total ms, slowest ms)
    let mut by: HashMap<String, (u64, u64, u64)> = HashMap::new();
    for line in input.text("access.log").lines() {
        let Some((fields, after)) = quoted_fields(line) else {
            continue;
        };
        let rest: Vec<&str> = after.split_whitespace().collect();
        let [time] = rest[..] else { continue };
        let Some(ms) = request_ms(time) else { continue };
        // METHOD TARGET PROTOCOL, the target between the first and the last space.
        let Some((method, rest)) = fields[0].split_once(' ') else {
            continue;
        };
        let Some((target, _)) = rest.rsplit_once(' ') else {
            continue;
        };
        if method.is_empty() || target.is_empty() {
            continue;
        }
        let path = target.split('?').next().unwrap_or_default();
        let entry = by.entry(format!("{method} {path}")).or_default();
        entry.0 += 1;
        entry.1 += ms;
        entry.2 = entry.2.max(ms);
    }
    let mut rows: Vec<(String, (u64, u64, u64))> = by.into_iter().collect();
    // Slowest exact average first (compared as fractions), more requests, then name.
    rows.sort_by(|(a, (an, at, _)), (b, (bn, bt, _))| {
        (u128::from(*bt) * u128::from(*an))
            .cmp(&(u128::from(*at) * u128::from(*bn)))
            .then(bn.cmp(an))
            .then(a.cmp(b))
    });
    let top = usize::try_from(params.get("top")).unwrap_or(0);
    text(
        &rows
            .iter()
            .take(top)
            .map(|(e, (n, total, max))| format!("{e} {n} {} {max}", total / n))
            .collect::<Vec<_>>(),
    )
}

// ---------------------------------------------------------------- log-order

pub const LOG_ORDER: Checker = Checker {
    name: "log-order",
    summary: "log lines that arrive earlier than their host's latest, across UTC offsets",
    params: &[],
    order: Order::Exact,
    cases: order_cases,
    solve: order_solve,
};

/// `YYYY-MM-DDTHH:MM:SS` at `offset` minutes east of UTC, with `Z` or `+HH:MM`.
fn at_offset(utc_secs: i64, offset: i64) -> String {
    let local = chrono::DateTime::from_timestamp(utc_secs + offset * 60, 0)
        .unwrap_or_default()
        .naive_utc();
    let zone = if offset == 0 && utc_secs % 2 == 0 {
        "Z".to_owned()
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        format!("{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60)
    };
    format!("{}{zone}", local.format("%Y-%m-%dT%H:%M:%S"))
}

/// A log of several hosts, each mostly in order, now and then a line held back.
fn ordered(rng: &mut Rng, lines: usize, hosts: u64, late_share: f64) -> Vec<String> {
    let offsets: Vec<i64> = (0..hosts)
        .map(|_| *rng.pick(&[0i64, 60, 120, -300, 330, -420]))
        .collect();
    let mut t = 1_711_843_200 + signed(rng.below(86_400));
    (0..lines)
        .map(|_| {
            t += signed(rng.below(3));
            let host = rng.below(hosts);
            let at = if rng.chance(late_share) {
                t - signed(rng.range(1, 30))
            } else {
                t
            };
            format!(
                "{} web-{host} {}",
                at_offset(at, offsets[host as usize]),
                name(rng, "req", 1_000)
            )
        })
        .collect()
}

fn order_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let stdin = |lines: Vec<String>| Input::stdin(text(&lines));
    let t0 = 1_711_843_200 + signed(rng.below(86_400 * 30));
    // web-0 first and last: the last line is late, and line numbers count the bad
    // lines before it.
    let mut malformed = vec![format!("{} web-0 first", at_offset(1_711_843_200, 0))];
    malformed.extend(ordered(rng, 15, 2, 0.2));
    for bad in [
        format!("{} web-0", &at_offset(t0, 0)[..19]),
        at_offset(t0 + 5, 60).replace('T', " "),
        "2024-02-30T10:00:00Z web-0 not a date".to_owned(),
        format!("{}+2:00 web-1 short offset", &at_offset(t0, 0)[..19]),
        format!("{}.123Z web-1 fraction", &at_offset(t0, 0)[..19]),
        "web-0 no time".to_owned(),
        String::new(),
    ] {
        let at = rng.range(1, malformed.len() as u64) as usize;
        malformed.insert(at, bad);
    }
    let late = 1_700_000_000 + signed(rng.below(86_400));
    malformed.push(format!("{} web-0 late", at_offset(late, 0)));
    // Summer time ends within one host: +02:00, then +01:00. The lines after the
    // change are in order, though their text sorts before the lines before it.
    let mut ties = Vec::new();
    let host = name(rng, "db", 10);
    let mut t = t0;
    for _ in 0..rng.range(2, 5) {
        ties.push(format!("{} {host} summer", at_offset(t, 120)));
        t += signed(rng.range(1, 60));
    }
    for _ in 0..rng.range(2, 5) {
        ties.push(format!("{} {host} winter", at_offset(t, 60)));
        t += signed(rng.range(1, 60));
    }
    let late = t - signed(rng.range(30, 200));
    ties.push(format!("{} {host} late", at_offset(late, 60)));
    // A second host, interleaved, far behind the first one's clock.
    let other = format!("{host}-replica");
    let mut lag = t0 - 3_600;
    for i in 0..6 {
        let at = rng.below(ties.len() as u64 + 1) as usize;
        lag += signed(rng.range(1, 20));
        ties.insert(at.max(i), format!("{} {other} replica", at_offset(lag, 0)));
    }
    // Equal instants are in order; after a late line, the next one is compared with
    // the latest time seen, not with the line before it.
    let mut boundary = Vec::new();
    let h = name(rng, "api", 10);
    let b = t0 + signed(rng.below(1_000));
    let back = signed(rng.range(10, 100));
    for (at, offset) in [
        (b, 0),
        (b, 60),
        (b, -300),
        (b + back, 0),
        (b, 0),
        (b + back / 2, 120),
        (b + back, 330),
        (b + back + 1, 0),
    ] {
        boundary.push(format!("{} {h} x", at_offset(at, offset)));
    }
    let unicode: Vec<String> = (0..20)
        .map(|i| {
            let at = t0 + signed(i as u64 * 7 % 11);
            format!(
                "{} {} {}",
                at_offset(at, 0),
                UNICODE[i % 4],
                UNICODE[(i + 3) % 9]
            )
        })
        .collect();
    seven_cases(
        stdin,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            ordered(rng, 3_000, 8, 0.05),
            ordered(rng, LARGE, 300, 0.02),
        ],
    )
}

/// The instant of `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `+HH:MM`/`-HH:MM`, in
/// seconds since 1970; `None` for anything else.
fn instant(text: &str) -> Option<i64> {
    const PATTERN: &[u8] = b"dddd-dd-ddTdd:dd:dd";
    let bytes = text.as_bytes();
    if bytes.len() < 20
        || !bytes[..19].iter().zip(PATTERN).all(|(c, p)| match p {
            b'd' => c.is_ascii_digit(),
            _ => c == p,
        })
    {
        return None;
    }
    let local = chrono::NaiveDateTime::parse_from_str(&text[..19], "%Y-%m-%dT%H:%M:%S").ok()?;
    let offset = match &bytes[19..] {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2]
            if [h1, h2, m1, m2].iter().all(|b| b.is_ascii_digit()) =>
        {
            let hours = i64::from((h1 - b'0') * 10 + (h2 - b'0'));
            let minutes = i64::from((m1 - b'0') * 10 + (m2 - b'0'));
            if hours > 23 || minutes > 59 {
                return None;
            }
            let east = hours * 3_600 + minutes * 60;
            if *sign == b'-' { -east } else { east }
        }
        _ => return None,
    };
    Some(local.and_utc().timestamp() - offset)
}

fn order_solve(input: &Input, _: &Params) -> String {
    let mut latest: HashMap<&str, i64> = HashMap::new();
    let mut out = Vec::new();
    for (n, line) in input.stdin.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let (Some(stamp), Some(host)) = (fields.next(), fields.next()) else {
            continue;
        };
        let Some(at) = instant(stamp) else { continue };
        match latest.get_mut(host) {
            Some(seen) if at < *seen => out.push(format!("{} {host} {}", n + 1, *seen - at)),
            Some(seen) => *seen = at,
            None => {
                latest.insert(host, at);
            }
        }
    }
    text(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stdin(lines: &[&str]) -> Input {
        Input::stdin(text(
            &lines.iter().map(|l| (*l).to_owned()).collect::<Vec<_>>(),
        ))
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let lines: Vec<String> = (1..=100).map(|v| latency_line("/a", v)).collect();
        let out = latency_solve(&Input::stdin(text(&lines)), &Params::default());
        assert_eq!(out, "/a 100 50 95 99\n");
        let one = latency_solve(&stdin(&[r#"{"endpoint":"/b","ms":7}"#]), &Params::default());
        assert_eq!(one, "/b 1 7 7 7\n");
    }

    #[test]
    fn the_burst_window_is_open_at_its_start() {
        let params = Params(vec![("window", 60)]);
        let out = burst_solve(&stdin(&["0 ERROR a", "60 ERROR b", "60 ERROR c"]), &params);
        assert_eq!(out, "2 60\n");
        assert_eq!(burst_solve(&stdin(&["5 INFO x"]), &params), "0 -\n");
    }

    #[test]
    fn an_open_outage_ends_at_the_last_line() {
        let out = outage_solve(
            &stdin(&["1 a down", "3 a up", "5 a down", "9 b up"]),
            &Params::default(),
        );
        assert_eq!(out, "a 4 5\n");
    }
}
