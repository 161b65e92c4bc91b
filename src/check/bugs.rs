//! Checkers of the bug-squash prompts: each prompt shows a short script with one bug
//! and states what the script is meant to do; the checker knows that, so it checks the
//! candidate's fixed copy like any other program. The buggy script lives only in the
//! prompt's text: nothing here writes or runs it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Duration as Span, NaiveDateTime};

use super::registry::{LARGE, UNICODE, name, signed, text};
use super::{Case, Checker, Input, Order, Params, seven_cases};
use crate::rng::Rng;

// ---------------------------------------------------------------- bug-cert-expiry

pub const BUG_CERT_EXPIRY: Checker = Checker {
    name: "bug-cert-expiry",
    summary: "bug squash: certificates expiring within 30 days",
    params: &[],
    order: Order::Exact,
    cases: cert_cases,
    solve: cert_solve,
};

const CERT_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";
const DAY: i64 = 86_400;

fn cert_time(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .format(CERT_FORMAT)
        .to_string()
}

/// A "now" somewhere in 2024-2026.
fn cert_now(rng: &mut Rng) -> i64 {
    1_704_067_200 + signed(rng.below(3 * 365 * 86_400))
}

/// Certificates that expire from 20 days ago to `days` days from now.
fn certs(rng: &mut Rng, now: i64, lines: usize, hosts: u64, days: u64) -> Vec<String> {
    let mut out = vec![cert_time(now)];
    for _ in 0..lines {
        let at = now - 20 * DAY + signed(rng.below((20 + days) * 86_400));
        out.push(format!(
            "{}.example.com {}",
            name(rng, "api", hosts),
            cert_time(at)
        ));
    }
    out
}

fn cert_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let stdin = |lines: Vec<String>| Input::stdin(text(&lines));
    let now = cert_now(rng);
    let n = rng.range(8, 15) as usize;
    let mut malformed = certs(rng, now, n, 20, 90);
    let at = cert_time(now + signed(rng.below(10 * 86_400)));
    let day = &at[..10];
    for bad in [
        format!("db.example.com {day}"),
        format!("db.example.com {}", at.trim_end_matches('Z')),
        format!("db.example.com {}", at.replace('T', " ")),
        "db.example.com soon".to_owned(),
        "db.example.com 2024-02-30T10:00:00Z".to_owned(),
        "db.example.com 2025-13-01T10:00:00Z".to_owned(),
        format!("db.example.com {at} extra"),
        at.clone(),
        String::new(),
    ] {
        let at = rng.range(1, malformed.len() as u64) as usize;
        malformed.insert(at, bad);
    }
    // Certificates that expire at the same second: by host.
    let now = cert_now(rng);
    let mut ties = vec![cert_time(now)];
    let same = cert_time(now + signed(rng.range(1, 29 * 86_400)));
    let expired = cert_time(now - signed(rng.range(1, 5 * 86_400)));
    for stamp in [&same, &same, &same, &expired, &expired] {
        ties.push(format!("{}.example.com {stamp}", name(rng, "web", 1_000)));
    }
    rng.shuffle(&mut ties[1..]);
    // Exactly 30 days is in; a second more, or 30 days and some hours, is out.
    let now = cert_now(rng);
    let hours = signed(rng.range(1, 23)) * 3_600 + signed(rng.below(3_600));
    let mut boundary = vec![cert_time(now)];
    for (host, at) in [
        ("thirty-days", now + 30 * DAY),
        ("a-second-more", now + 30 * DAY + 1),
        ("thirty-days-and-hours", now + 30 * DAY + hours),
        ("twenty-nine-and-hours", now + 29 * DAY + hours),
        ("now", now),
        ("a-second-ago", now - 1),
        ("in-a-second", now + 1),
        ("thirty-one-days", now + 31 * DAY),
    ] {
        boundary.push(format!("{host}.example.com {}", cert_time(at)));
    }
    rng.shuffle(&mut boundary[1..]);
    let now = cert_now(rng);
    let mut unicode = vec![cert_time(now)];
    for _ in 0..rng.range(8, 15) {
        let at = now + signed(rng.below(40 * 86_400)) - 5 * DAY;
        unicode.push(format!("{}.example {}", rng.pick(UNICODE), cert_time(at)));
    }
    let now = cert_now(rng);
    seven_cases(
        stdin,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            certs(rng, now, 2_000, 500, 90),
            // Most certificates are far from expiry, so the output stays small.
            certs(rng, now, LARGE, 50_000, 3_650),
        ],
    )
}

fn cert_parse(text: &str) -> Option<NaiveDateTime> {
    let parsed = NaiveDateTime::parse_from_str(text, CERT_FORMAT).ok()?;
    (parsed.format(CERT_FORMAT).to_string() == text).then_some(parsed)
}

fn cert_solve(input: &Input, _: &Params) -> String {
    let mut lines = input.stdin.lines();
    let Some(now) = lines.next().and_then(|l| cert_parse(l.trim())) else {
        return String::new();
    };
    let mut soon: Vec<(NaiveDateTime, &str)> = Vec::new();
    for line in lines {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [host, stamp] = fields[..] else { continue };
        let Some(not_after) = cert_parse(stamp) else {
            continue;
        };
        if not_after - now <= Span::days(30) {
            soon.push((not_after, host));
        }
    }
    soon.sort_unstable();
    let out: Vec<String> = soon
        .iter()
        .map(|(not_after, host)| {
            let left = *not_after - now;
            let status = if left <= Span::zero() {
                "EXPIRED".to_owned()
            } else {
                format!("{}d", left.num_days())
            };
            format!("{host} {} {status}", not_after.format(CERT_FORMAT))
        })
        .collect();
    text(&out)
}

// ---------------------------------------------------------------- bug-busiest-minute

pub const BUG_BUSIEST_MINUTE: Checker = Checker {
    name: "bug-busiest-minute",
    summary: "bug squash: the busiest minute of a request log",
    params: &[],
    order: Order::Exact,
    cases: minute_cases,
    solve: minute_solve,
};

/// `YYYY-MM-DDTHH:MM:SS` with an optional fraction of 1-6 digits, then `Z`.
fn request_stamp(rng: &mut Rng, secs: i64) -> String {
    let base = chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    if rng.chance(0.5) {
        let digits = rng.range(1, 6) as usize;
        let fraction = rng.below(10u64.pow(digits as u32));
        format!("{base}.{fraction:0digits$}Z")
    } else {
        format!("{base}Z")
    }
}

fn request_log(rng: &mut Rng, lines: usize, spread: u64) -> Vec<String> {
    let t0 = 1_714_550_400 + signed(rng.below(365 * 86_400));
    (0..lines)
        .map(|_| {
            let at = t0 + signed(rng.below(spread));
            let path = name(rng, "/api/v", 20);
            format!("{} GET {path} 200", request_stamp(rng, at))
        })
        .collect()
}

fn minute_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let stdin = |lines: Vec<String>| Input::stdin(text(&lines));
    let n = rng.range(10, 20) as usize;
    let mut malformed = request_log(rng, n, 600);
    let t = 1_714_550_400 + signed(rng.below(86_400));
    let good = request_stamp(rng, t);
    for bad in [
        good.trim_end_matches('Z').to_owned(),
        good.replace('T', " "),
        format!("{}+00:00 GET /x", &good[..19]),
        format!("{}.1234567Z GET /x", &good[..19]),
        format!("{}.Z GET /x", &good[..19]),
        format!("GET /x {good}"),
        format!("{}Z GET /x", good[..19].replacen('2', "２", 1)),
        String::new(),
    ] {
        let at = rng.below(malformed.len() as u64 + 1) as usize;
        malformed.insert(at, bad);
    }
    // Two minutes of the same ten with the most requests each, out of order, some with
    // fractions of a second: the earlier one wins.
    let t = 1_714_550_400 + signed(rng.below(365 * 86_400)) / 600 * 600;
    let count = rng.range(3, 6);
    let first = t + 60 * signed(rng.range(0, 4));
    let second = first + 60 * signed(rng.range(1, 5));
    let mut ties = Vec::new();
    for minute in [second, first] {
        for _ in 0..count {
            let at = minute + signed(rng.below(60));
            ties.push(format!("{} GET /pay 200", request_stamp(rng, at)));
        }
    }
    for _ in 0..count - 1 {
        let at = second + 60 + signed(rng.below(60));
        ties.push(format!("{} GET /other 200", request_stamp(rng, at)));
    }
    rng.shuffle(&mut ties);
    // The first and the last second of a minute, a fraction of a second before the
    // next one; ten minutes that a ten-minute bucket would add up.
    let t = 1_714_550_400 + signed(rng.below(365 * 86_400)) / 600 * 600;
    let busy = t + 60 * signed(rng.range(0, 9));
    let mut boundary = Vec::new();
    for k in 0..rng.range(3, 5) {
        let at = busy + if k % 2 == 0 { 0 } else { 59 };
        boundary.push(format!("{} GET /edge 200", request_stamp(rng, at)));
    }
    boundary.push(format!(
        "{}.999999Z GET /edge 200",
        &request_stamp(rng, busy + 59)[..19]
    ));
    for m in 0..10 {
        if t + 60 * m != busy {
            let at = t + 60 * m + signed(rng.below(60));
            boundary.push(format!("{} GET /spread 200", request_stamp(rng, at)));
            boundary.push(format!("{} GET /spread 200", request_stamp(rng, at)));
        }
    }
    rng.shuffle(&mut boundary);
    let t = 1_714_550_400 + signed(rng.below(86_400));
    let unicode: Vec<String> = (0..rng.range(10, 20))
        .map(|_| {
            let at = t + signed(rng.below(300));
            format!("{} GET /{} 200", request_stamp(rng, at), rng.pick(UNICODE))
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
            request_log(rng, 3_000, 3_600),
            request_log(rng, LARGE, 86_400),
        ],
    )
}

/// The shape `YYYY-MM-DDTHH:MM:SS`, an optional `.` and 1-6 digits, then `Z`, with
/// ASCII digits; the values themselves are not checked.
fn is_request_stamp(text: &str) -> bool {
    const SHAPE: &[u8] = b"dddd-dd-ddTdd:dd:dd";
    let bytes = text.as_bytes();
    if bytes.len() < 20 || !bytes.ends_with(b"Z") {
        return false;
    }
    let shaped = bytes[..19].iter().zip(SHAPE).all(|(c, p)| match p {
        b'd' => c.is_ascii_digit(),
        _ => c == p,
    });
    let rest = &bytes[19..bytes.len() - 1];
    let fraction = rest.is_empty()
        || (rest[0] == b'.'
            && (2..=7).contains(&rest.len())
            && rest[1..].iter().all(u8::is_ascii_digit));
    shaped && fraction
}

fn minute_solve(input: &Input, _: &Params) -> String {
    let mut per_minute: HashMap<&str, u64> = HashMap::new();
    for line in input.stdin.lines() {
        let first = line.split(' ').next().unwrap_or_default().trim();
        if is_request_stamp(first) {
            *per_minute.entry(&first[..16]).or_default() += 1;
        }
    }
    match per_minute
        .iter()
        .min_by_key(|(m, n)| (std::cmp::Reverse(**n), **m))
    {
        Some((minute, n)) => format!("{minute} {n}\n"),
        None => "none\n".to_owned(),
    }
}

// ---------------------------------------------------------------- bug-config-overrides

pub const BUG_CONFIG_OVERRIDES: Checker = Checker {
    name: "bug-config-overrides",
    summary: "bug squash: what host.conf changes in defaults.conf",
    params: &[],
    order: Order::Exact,
    cases: override_cases,
    solve: override_solve,
};

fn confs(defaults: &[String], host: &[String]) -> Input {
    Input {
        stdin: String::new(),
        files: vec![("defaults.conf", text(defaults)), ("host.conf", text(host))],
    }
}

/// A defaults file and a host file that changes, adds and leaves keys.
fn settings(rng: &mut Rng, keys: usize) -> (Vec<String>, Vec<String>) {
    let mut defaults = Vec::new();
    let mut host = Vec::new();
    for _ in 0..keys {
        let key = format!("{}.{}", name(rng, "svc", 50), name(rng, "key", 1_000_000));
        let value = name(rng, "v", 20);
        match rng.below(10) {
            0 => host.push(format!("{key} = {value}")),
            1 | 2 => {
                defaults.push(format!("{key}={value}"));
                host.push(format!("{key} = {}", name(rng, "v", 20)));
            }
            3 => {
                defaults.push(format!("{key}={value}"));
                host.push(format!("{key}={value}"));
            }
            _ => defaults.push(format!("{key} = {value}")),
        }
    }
    rng.shuffle(&mut defaults);
    rng.shuffle(&mut host);
    (defaults, host)
}

fn override_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let keys = rng.range(6, 12) as usize;
    let (mut bad_defaults, mut bad_host) = settings(rng, keys);
    let key = name(rng, "port", 9);
    for bad in [
        String::new(),
        "# a comment = not a key".to_owned(),
        format!("{key} {}", rng.below(99)),
        format!("= {}", rng.below(99)),
        "   ".to_owned(),
    ] {
        let at = rng.below(bad_host.len() as u64 + 1) as usize;
        bad_host.insert(at, bad.clone());
        let at = rng.below(bad_defaults.len() as u64 + 1) as usize;
        bad_defaults.insert(at, bad);
    }
    // A key given twice: the later line wins, in either file; the same value in both.
    let [timeout, workers] = [name(rng, "timeout", 9), name(rng, "workers", 9)];
    let (low, mid, high) = (rng.range(1, 99), rng.range(100, 199), rng.range(200, 299));
    let ties = (
        vec![
            format!("{timeout}={low}"),
            format!("{workers}={mid}"),
            format!("{timeout}={mid}"),
        ],
        vec![
            format!("{workers}={low}"),
            format!("{workers} = {mid}"),
            format!("{timeout}={high}"),
            format!("{timeout}={mid}"),
        ],
    );
    // Only in one file, changed, a value holding `=`, spaces around everything, an
    // empty value.
    let [only_default, only_host, changed, equals, spaced] = [
        name(rng, "log.level", 9),
        name(rng, "tls.cert", 9),
        name(rng, "pool.size", 9),
        name(rng, "opts", 9),
        name(rng, "region", 9),
    ];
    let (before, after) = (rng.range(1, 50), rng.range(51, 99));
    let mut defaults = vec![
        format!("{only_default}=info"),
        format!("{changed}={before}"),
        format!("{equals}=a=b"),
        format!("  {spaced}  =  eu-west-1  "),
        "empty=".to_owned(),
    ];
    let mut host = vec![
        format!("{only_host}=/etc/tls/{}.pem", rng.below(9)),
        format!("{changed} = {after}"),
        format!("{equals} = a = b"),
        format!("{spaced}=eu-west-1"),
        "empty = ".to_owned(),
    ];
    rng.shuffle(&mut defaults);
    rng.shuffle(&mut host);
    let word = |rng: &mut Rng| UNICODE[rng.below(9) as usize];
    let (first, second) = (word(rng), word(rng));
    let unicode = (
        vec![format!("{first}=値"), format!("{second} = {}", word(rng))],
        vec![format!("{second} = {}", word(rng)), "名前 = 値".to_owned()],
    );
    seven_cases(
        |(d, h): (Vec<String>, Vec<String>)| confs(&d, &h),
        [
            (Vec::new(), Vec::new()),
            (bad_defaults, bad_host),
            ties,
            (defaults, host),
            unicode,
            settings(rng, 300),
            // Every key is printed: a tenth of the usual large case stays under the cap.
            settings(rng, LARGE / 10),
        ],
    )
}

/// The keys and values of one file: trimmed, comments, lines without `=` and empty
/// keys skipped, a later line winning.
fn settings_of(text: &str) -> BTreeMap<&str, &str> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if !key.is_empty() {
            out.insert(key, value.trim());
        }
    }
    out
}

fn override_solve(input: &Input, _: &Params) -> String {
    let defaults = settings_of(input.text("defaults.conf"));
    let host = settings_of(input.text("host.conf"));
    let keys: BTreeSet<&str> = defaults.keys().chain(host.keys()).copied().collect();
    let out: Vec<String> = keys
        .into_iter()
        .map(|key| match (defaults.get(key), host.get(key)) {
            (Some(d), Some(h)) if d != h => format!("~ {key} = {d} -> {h}"),
            (Some(d), _) => format!("  {key} = {d}"),
            (None, Some(h)) => format!("+ {key} = {h}"),
            (None, None) => String::new(),
        })
        .collect();
    text(&out)
}
