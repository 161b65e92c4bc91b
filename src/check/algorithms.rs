//! Checkers over small algorithms SRE loops ask for: a token bucket, a retry schedule,
//! an LRU cache, alert dedupe with flap suppression, the error budget.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use super::registry::{LARGE, UNICODE, name, number, percent, text};
use super::{Case, Checker, Input, Order, Params, seven_cases};
use crate::rng::Rng;

#[allow(clippy::needless_pass_by_value)] // called with lists built in place
fn lines(lines: Vec<String>) -> Input {
    Input::stdin(text(&lines))
}

// ---------------------------------------------------------------- token-bucket

pub const TOKEN_BUCKET: Checker = Checker {
    name: "token-bucket",
    summary: "the requests a token bucket per client denies in a trace",
    params: &[],
    order: Order::Exact,
    cases: bucket_cases,
    solve: bucket_solve,
};

/// A request trace; gaps are multiples of `unit` milliseconds.
fn trace(
    rng: &mut Rng,
    header: &str,
    lines: usize,
    clients: u64,
    step: u64,
    unit: u64,
) -> Vec<String> {
    let mut t = 0;
    let mut out = vec![header.to_owned()];
    for _ in 0..lines {
        t += rng.below(step) * unit;
        out.push(format!("{t} {}", name(rng, "client", clients)));
    }
    out
}

fn bucket_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    // Whole tokens only (gaps of whole seconds at 2 per second): fractions play no
    // part here.
    let n = rng.range(15, 25) as usize;
    let mut malformed = trace(rng, "3 2", n, 2, 3, 500);
    let t = rng.range(1, 9) * 500;
    for bad in [
        String::new(),
        t.to_string(),
        format!("x{t} client-0"),
        format!("{t} client-0 extra"),
        format!("-{t} client-1"),
        format!("{t}.5 client-1"),
        format!("５{t} client-0"),
    ] {
        let at = rng.range(1, malformed.len() as u64) as usize;
        malformed.insert(at, bad);
    }
    // Requests in the same millisecond get nothing back in between; and a client that
    // gains a tenth of a token ten times has one whole token, which floats added up
    // miss (0.1 ten times is 0.9999999999999999).
    let rate = *rng.pick(&[1u64, 2, 4, 5, 10]);
    let capacity = rng.range(1, 3);
    let mut ties = vec![format!("{capacity} {rate}")];
    let [a, b, drip] = [
        name(rng, "a", 99),
        name(rng, "b", 99),
        name(rng, "drip", 99),
    ];
    let mut t = 0;
    for _ in 0..rng.range(2, 4) {
        for _ in 0..rng.range(1, 4) {
            ties.push(format!("{t} {a}"));
        }
        for _ in 0..rng.range(1, 4) {
            ties.push(format!("{t} {b}"));
        }
        t += rng.range(1, 3) * 1_000 / rate;
    }
    for _ in 0..capacity {
        ties.push(format!("{t} {drip}"));
    }
    for _ in 0..10 {
        t += 100 / rate;
        ties.push(format!("{t} {drip}"));
    }
    // At a rate that does not divide 1000, the gap that brings a whole token and the
    // millisecond after: fractions of a token carry over.
    let rate = *rng.pick(&[3u64, 6, 7, 9, 11, 13]);
    let gap = 1_000 / rate;
    let mut boundary = vec![format!("1 {rate}")];
    let edge = name(rng, "edge", 99);
    let mut t = rng.below(1_000);
    boundary.push(format!("{t} {edge}"));
    for _ in 0..rng.range(2, 4) {
        t += gap;
        boundary.push(format!("{t} {edge}"));
        t += 1;
        boundary.push(format!("{t} {edge}"));
    }
    t += rng.range(2, 6) * 1_000;
    boundary.push(format!("{t} {edge}"));
    boundary.push(format!("{t} {edge}"));
    let mut unicode = vec![format!("{} {}", rng.range(1, 3), rng.range(2, 6))];
    let step = rng.range(50, 150);
    for i in 0..rng.range(15, 30) {
        unicode.push(format!("{} {}", i * step, UNICODE[rng.below(9) as usize]));
    }
    seven_cases(
        lines,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            trace(rng, "4 3", 2_000, 6, 250, 1),
            trace(rng, "3 2", LARGE, 600, 3, 1),
        ],
    )
}

fn bucket_solve(input: &Input, _: &Params) -> String {
    let mut lines = input.stdin.lines();
    let Some(header) = lines.next() else {
        return String::new();
    };
    let head: Vec<u64> = header.split_whitespace().filter_map(number).collect();
    let [capacity, rate] = head[..] else {
        return String::new();
    };
    // Tokens are counted in thousandths, so refills at any millisecond are exact.
    let full = capacity * 1000;
    let mut buckets: HashMap<&str, (u64, u64)> = HashMap::new();
    let mut out = Vec::new();
    for line in lines {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [ts, client] = fields[..] else { continue };
        let Some(ts) = number(ts) else { continue };
        let (tokens, last) = buckets.entry(client).or_insert((full, ts));
        *tokens = (*tokens + ts.saturating_sub(*last) * rate).min(full);
        *last = ts;
        if *tokens >= 1000 {
            *tokens -= 1000;
        } else {
            out.push(format!("{ts} {client}"));
        }
    }
    text(&out)
}

// ---------------------------------------------------------------- retry-backoff

pub const RETRY_BACKOFF: Checker = Checker {
    name: "retry-backoff",
    summary: "bounds of a capped exponential backoff with equal jitter",
    params: &[],
    order: Order::Exact,
    cases: retry_cases,
    solve: retry_solve,
};

fn retry_random(rng: &mut Rng, lines: usize, max_attempts: u64) -> Vec<String> {
    (0..lines)
        .map(|_| {
            let base = rng.range(1, 2_000);
            let cap = base * rng.range(1, 5_000);
            format!("{base} {cap} {}", rng.range(1, max_attempts))
        })
        .collect()
}

fn retry_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let (b, c, a) = (rng.range(1, 500), rng.range(501, 5_000), rng.range(1, 9));
    let mut malformed = vec![
        format!("{b} {c} {a}"),
        String::new(),
        format!("{b} {c}"),
        format!("{b} {c} {a} {}", rng.range(1, 9)),
        format!("abc {c} {a}"),
        format!("{c} {b} {a}"),
        format!("0 {c} {a}"),
        format!("{b} {c} 0"),
        format!("{} {} {}", 2 * b, 64 * b, a),
        format!("-{b} {c} {a}"),
        format!("1e{} {c} {a}", rng.range(1, 3)),
        format!("{b}.5 {c} {a}"),
    ];
    rng.shuffle(&mut malformed);
    // Odd delays: the lower bound rounds up. The cap reached exactly, or between two
    // doublings, or from the start; a delay that reaches the cap on the last attempt.
    let odd = 2 * rng.range(0, 500) + 1;
    let k = rng.range(2, 8);
    let mut boundary = vec![
        "1 1 1".to_owned(),
        format!("{odd} {} 1", odd * rng.range(1, 50)),
        format!("{odd} {} {}", odd << k, k + 1),
        format!("{odd} {} {}", (odd << k) - 1, k + 3),
        format!("{odd} {odd} {}", rng.range(2, 1 << 20)),
        format!("{} {} 2", odd + 2, odd + 4),
        format!("{} {} {}", odd, odd << 40, rng.range(30, 41)),
    ];
    rng.shuffle(&mut boundary);
    // Lines that end on the same bounds: the cap reached at different attempts.
    let base = rng.range(1, 500);
    let cap = base << rng.range(2, 5);
    let mut ties = vec![
        format!("{base} {cap} 4"),
        format!("{base} {cap} 5"),
        format!("{} {cap} 2", cap / 2),
        format!("{cap} {cap} 1"),
    ];
    rng.shuffle(&mut ties);
    let unicode = vec![
        format!(
            "{} {c} {a}",
            b.to_string().replacen(char::is_numeric, "１", 1)
        ),
        format!("{b} {c} {}", rng.pick::<&str>(&["٣", "۵", "९"])),
        format!("{b} {c} {a}"),
    ];
    let mut large = retry_random(rng, 200, 64);
    large.extend(
        (0..200).map(|_| format!("{} 1000000 {}", rng.range(1, 100), rng.range(1, 1 << 40))),
    );
    seven_cases(
        lines,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            retry_random(rng, 500, 30),
            large,
        ],
    )
}

fn retry_line(line: &str) -> Option<String> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let [base, cap, attempts] = fields[..] else {
        return None;
    };
    let (base, cap, attempts) = (number(base)?, number(cap)?, number(attempts)?);
    if base == 0 || cap < base || attempts == 0 {
        return None;
    }
    let (base, cap, attempts) = (u128::from(base), u128::from(cap), u128::from(attempts));
    let (mut lo_total, mut hi_total) = (0u128, 0u128);
    let (mut delay, mut last) = (base, base);
    let mut i = 1u128;
    // Until the delay reaches the cap; every later attempt waits the cap.
    while i <= attempts && delay < cap {
        lo_total += delay.div_ceil(2);
        hi_total += delay;
        last = delay;
        delay = (delay * 2).min(cap);
        i += 1;
    }
    if i <= attempts {
        let rest = attempts - i + 1;
        lo_total += rest * cap.div_ceil(2);
        hi_total += rest * cap;
        last = cap;
    }
    Some(format!("{} {last} {lo_total} {hi_total}", last.div_ceil(2)))
}

fn retry_solve(input: &Input, _: &Params) -> String {
    let lines: Vec<String> = input
        .stdin
        .lines()
        .map(|l| retry_line(l).unwrap_or_else(|| "invalid".to_owned()))
        .collect();
    text(&lines)
}

// ---------------------------------------------------------------- lru-cache

pub const LRU_CACHE: Checker = Checker {
    name: "lru-cache",
    summary: "an LRU cache driven by a GET/PUT trace",
    params: &[],
    order: Order::Exact,
    cases: lru_cases,
    solve: lru_solve,
};

fn ops(rng: &mut Rng, capacity: u64, lines: usize, keys: u64) -> Vec<String> {
    let mut out = vec![capacity.to_string()];
    for _ in 0..lines {
        let key = name(rng, "k", keys);
        if rng.chance(0.5) {
            out.push(format!("GET {key}"));
        } else {
            out.push(format!("PUT {key} v{}", rng.below(1_000)));
        }
    }
    out
}

fn lru_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let (capacity, count) = (rng.range(2, 5), rng.range(15, 30) as usize);
    let mut malformed = ops(rng, capacity, count, 5);
    let key = name(rng, "k", 5);
    for bad in [
        String::new(),
        "GET".to_owned(),
        format!("PUT {key}"),
        format!("DEL {key}"),
        format!("get {key}"),
        format!("PUT {key} v x"),
        format!("GET {key} {key}"),
    ] {
        let at = rng.range(1, malformed.len() as u64) as usize;
        malformed.insert(at, bad);
    }
    let value = |rng: &mut Rng| format!("v{}", rng.below(1_000));
    // A PUT to a key already held refreshes it and evicts nothing.
    let [one, two, three, four] = [
        name(rng, "a", 99),
        name(rng, "b", 99),
        name(rng, "c", 99),
        name(rng, "d", 99),
    ];
    let ties = vec![
        "2".to_owned(),
        format!("PUT {one} {}", value(rng)),
        format!("PUT {two} {}", value(rng)),
        format!("PUT {one} {}", value(rng)),
        format!("PUT {three} {}", value(rng)),
        format!("GET {two}"),
        format!("GET {one}"),
        format!("GET {three}"),
        format!("PUT {four} {}", value(rng)),
        format!("GET {one}"),
        format!("GET {three}"),
        format!("GET {four}"),
    ];
    // Capacity 1.
    let [kept, other, newest] = [name(rng, "x", 99), name(rng, "y", 99), name(rng, "z", 99)];
    let boundary = vec![
        "1".to_owned(),
        format!("GET {kept}"),
        format!("PUT {kept} {}", value(rng)),
        format!("GET {kept}"),
        format!("PUT {other} {}", value(rng)),
        format!("GET {kept}"),
        format!("GET {other}"),
        format!("PUT {other} {}", value(rng)),
        format!("GET {other}"),
    ];
    // Then, still at capacity 2: a GET saves its key from the next eviction.
    let refresh = vec![
        format!("PUT {kept} {}", value(rng)),
        format!("PUT {other} {}", value(rng)),
        format!("GET {kept}"),
        format!("PUT {newest} {}", value(rng)),
        format!("GET {other}"),
        format!("GET {kept}"),
        format!("GET {newest}"),
    ];
    let mut unicode = vec![rng.range(2, 4).to_string()];
    for i in 0..rng.range(15, 30) {
        let key = UNICODE[rng.below(5) as usize];
        if i % 2 == 0 {
            unicode.push(format!("PUT {key} {}", UNICODE[rng.below(9) as usize]));
        } else {
            unicode.push(format!("GET {key}"));
        }
    }
    seven_cases(
        lines,
        [
            Vec::new(),
            malformed,
            [ties, refresh].concat(),
            boundary,
            unicode,
            ops(rng, 20, 3_000, 40),
            ops(rng, 50_000, 2 * LARGE, 120_000),
        ],
    )
}

fn lru_solve(input: &Input, _: &Params) -> String {
    let mut lines = input.stdin.lines();
    let Some(capacity) = lines.next().and_then(|l| number(l.trim())) else {
        return String::new();
    };
    // key -> (value, last use); uses -> key: the oldest use is the first entry.
    let mut values: HashMap<&str, (&str, u64)> = HashMap::new();
    let mut uses: BTreeMap<u64, &str> = BTreeMap::new();
    let mut clock = 0u64;
    let mut out = Vec::new();
    for line in lines {
        let fields: Vec<&str> = line.split_whitespace().collect();
        clock += 1;
        match fields[..] {
            ["GET", key] => match values.get_mut(key) {
                Some((value, used)) => {
                    uses.remove(used);
                    *used = clock;
                    uses.insert(clock, key);
                    out.push((*value).to_owned());
                }
                None => out.push("MISS".to_owned()),
            },
            ["PUT", key, value] => {
                if let Some((_, used)) = values.remove(key) {
                    uses.remove(&used);
                }
                values.insert(key, (value, clock));
                uses.insert(clock, key);
                if values.len() as u64 > capacity
                    && let Some((_, oldest)) = uses.pop_first()
                {
                    values.remove(oldest);
                }
            }
            _ => {}
        }
    }
    text(&out)
}

// ---------------------------------------------------------------- alert-flap

pub const ALERT_FLAP: Checker = Checker {
    name: "alert-flap",
    summary: "which alert events notify, after dedupe and flap suppression",
    params: &[super::Param {
        name: "window",
        default: 300,
        min: 1,
        max: 86_400,
    }],
    order: Order::Exact,
    cases: flap_cases,
    solve: flap_solve,
};

fn events(rng: &mut Rng, lines: usize, alerts: u64, step: u64) -> Vec<String> {
    let mut t = rng.below(100);
    (0..lines)
        .map(|_| {
            t += rng.below(step);
            let state = if rng.chance(0.5) {
                "firing"
            } else {
                "resolved"
            };
            format!("{t} {} {state}", name(rng, "Alert", alerts))
        })
        .collect()
}

fn flap_cases(rng: &mut Rng, params: &Params) -> Vec<Case> {
    let w = params.get("window").max(1) as u64;
    let count = rng.range(15, 25) as usize;
    let mut malformed = events(rng, count, 3, 400);
    let (at, alert) = (rng.range(1, 9_999), name(rng, "Alert", 3));
    for bad in [
        String::new(),
        format!("{at} {alert}"),
        format!("{at} {alert} FIRING"),
        format!("x{at} {alert} firing"),
        format!("{at} {alert} firing extra"),
        format!("{at}.5 {alert} resolved"),
        "1 2 3 4".to_owned(),
    ] {
        let at = rng.below(malformed.len() as u64 + 1) as usize;
        malformed.insert(at, bad);
    }
    // Several events in one second, duplicates among them.
    let [disk, cpu] = [name(rng, "Disk", 99), name(rng, "Cpu", 99)];
    let t = rng.below(1_000);
    let later = t + rng.range(w, 3 * w);
    let ties = vec![
        format!("{t} {disk} firing"),
        format!("{t} {cpu} firing"),
        format!("{t} {disk} firing"),
        format!("{t} {disk} resolved"),
        format!("{later} {disk} resolved"),
        format!("{later} {cpu} resolved"),
        format!("{later} {cpu} resolved"),
    ];
    // A change one second inside the window is dropped and changes nothing; at exactly
    // the window it notifies.
    let edge = name(rng, "Edge", 99);
    let t = rng.range(1_000, 100_000);
    let boundary = vec![
        format!("{t} {edge} firing"),
        format!("{} {edge} resolved", t + w - 1),
        format!("{} {edge} resolved", t + w),
        format!("{} {edge} firing", t + 2 * w),
        format!("{} {edge} resolved", t + 3 * w + rng.range(1, w)),
        format!("{} Quiet resolved", t + 3 * w + w),
    ];
    let step = rng.range(1, w / 2 + 1);
    let unicode: Vec<String> = (0..rng.range(12, 24))
        .map(|i| {
            let state = if rng.chance(0.5) {
                "firing"
            } else {
                "resolved"
            };
            format!("{} {} {state}", i * step, UNICODE[i as usize % 4])
        })
        .collect();
    seven_cases(
        lines,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            events(rng, 2_000, 10, 60),
            events(rng, LARGE, 50, 2),
        ],
    )
}

fn flap_solve(input: &Input, params: &Params) -> String {
    let w = params.get("window").max(1) as u64;
    let mut state: HashMap<&str, (&str, Option<u64>)> = HashMap::new();
    let mut out = Vec::new();
    for line in input.stdin.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [ts, alert, new] = fields[..] else {
            continue;
        };
        let Some(ts) = number(ts) else { continue };
        if new != "firing" && new != "resolved" {
            continue;
        }
        let (notified, last) = state.entry(alert).or_insert(("resolved", None));
        if *notified == new || last.is_some_and(|l| ts.saturating_sub(l) < w) {
            continue;
        }
        *notified = new;
        *last = Some(ts);
        out.push(format!("{ts} {alert} {new}"));
    }
    text(&out)
}

// ---------------------------------------------------------------- error-budget

pub const ERROR_BUDGET: Checker = Checker {
    name: "error-budget",
    summary: "error budget remaining per service from request counts and an SLO",
    params: &[],
    order: Order::Exact,
    cases: budget_cases,
    solve: budget_solve,
};

fn counts(rng: &mut Rng, slo: &str, lines: usize, services: u64) -> Vec<String> {
    let mut out = vec![slo.to_owned()];
    for _ in 0..lines {
        let total = rng.range(0, 200_000);
        let failed = rng.below(total / 200 + 1);
        out.push(format!("{} {total} {failed}", name(rng, "svc", services)));
    }
    out
}

fn budget_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let n = rng.range(8, 14) as usize;
    let mut malformed = counts(rng, "99.9", n, 3);
    let (svc, n) = (name(rng, "svc", 3), rng.range(10, 999));
    for bad in [
        String::new(),
        format!("{svc} {n}"),
        format!("{svc} {n} {}", n + 1),
        format!("{svc} x{n} 1"),
        format!("{svc} {n} -1"),
        format!("{svc} {n}.5 0"),
        format!("{svc} {n} 1 extra"),
    ] {
        let at = rng.range(1, malformed.len() as u64) as usize;
        malformed.insert(at, bad);
    }
    // Services that come out the same, and lines of one service that add up.
    let slo = *rng.pick(&["99", "99.5", "99.9"]);
    let total = rng.range(1, 50) * 1_000;
    let failed = rng.below(total / 100);
    let mut names: Vec<String> = (0..3).map(|_| name(rng, "svc", 1_000)).collect();
    names.dedup();
    let mut ties = vec![slo.to_owned()];
    for service in &names {
        ties.push(format!("{service} {total} {failed}"));
    }
    let half = total / 2;
    ties.push(format!("{} {half} {}", names[0], failed / 2));
    ties.push(format!(
        "{} {} {}",
        names[0],
        total - half,
        failed - failed / 2
    ));
    ties.push(format!("{} 0 0", name(rng, "idle", 9)));
    // Budgets of exactly 2000 failures: an odd count of failures leaves a remaining
    // budget of exactly half a tenth, which rounds up, also below zero; a budget spent
    // to the last request is 0.0%, and one request over a big budget rounds to 0.0%,
    // never -0.0%.
    let (slo, scale) = *rng.pick(&[
        ("99.9", 1_000u64),
        ("99.5", 200),
        ("99", 100),
        ("99.99", 10_000),
    ]);
    let (allowed, total) = (2_000, 2_000 * scale);
    // Consecutive odd counts: the tenths digit of the halves is odd once and even
    // once, so rounding halves to even goes wrong on one of them.
    let up = 2 * rng.below(10) + 1;
    let down = 2 * rng.below(100) + 1;
    let neg = 2 * rng.below(10) + 1;
    let mut boundary = vec![
        format!("exact {total} {allowed}"),
        format!("over {total} {}", allowed + 2 * rng.range(1, 100)),
        format!("half-up {total} {up}"),
        format!("half-up-next {total} {}", up + 2),
        format!("half-down {total} {}", allowed - down),
        format!("half-down-next {total} {}", allowed - down - 2),
        format!("half-neg {total} {}", allowed + neg),
        format!("half-neg-next {total} {}", allowed + neg + 2),
        "none 0 0".to_owned(),
        format!("tiny {} 1", scale / 2),
        format!("big {} {}", 20 * total, 20 * allowed + 1),
    ];
    rng.shuffle(&mut boundary);
    boundary.insert(0, slo.to_owned());
    let unicode: Vec<String> = std::iter::once("99.5".to_owned())
        .chain(
            UNICODE
                .iter()
                .map(|w| format!("{w} {} {}", rng.range(1_000, 99_999), w.len())),
        )
        .chain(std::iter::once(format!("{} ５00 1", UNICODE[0])))
        .collect();
    seven_cases(
        lines,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            counts(rng, "99.95", 2_000, 20),
            counts(rng, "99.99", LARGE, 5_000),
        ],
    )
}

/// The SLO in thousandths of a percent: `99.9` -> 99900.
fn slo_milli(text: &str) -> Option<u64> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if frac.len() > 3 || (!frac.is_empty() && !frac.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let whole = number(whole)?;
    let frac: u64 = format!("{frac:0<3}").parse().ok()?;
    let milli = whole * 1000 + frac;
    (milli <= 100_000).then_some(milli)
}

fn budget_solve(input: &Input, _: &Params) -> String {
    let mut lines = input.stdin.lines();
    let Some(slo) = lines.next().and_then(|l| slo_milli(l.trim())) else {
        return String::new();
    };
    let mut sums: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for line in lines {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [service, total, failed] = fields[..] else {
            continue;
        };
        let (Some(total), Some(failed)) = (number(total), number(failed)) else {
            continue;
        };
        if failed > total {
            continue;
        }
        let sum = sums.entry(service).or_default();
        sum.0 += total;
        sum.1 += failed;
    }
    let mut out = Vec::new();
    for (service, (total, failed)) in sums {
        // allowed = total * (100 - SLO) / 100, kept exact as a fraction over 100_000.
        let allowed = i128::from(total) * i128::from(100_000 - slo);
        let remaining = if allowed == 0 {
            "n/a".to_owned()
        } else {
            let left = allowed - i128::from(failed) * 100_000;
            format!("{}%", percent(left, allowed))
        };
        out.push(format!("{service} {total} {failed} {remaining}"));
    }
    text(&out)
}

// ---------------------------------------------------------------- slo-burn-rate

pub const SLO_BURN_RATE: Checker = Checker {
    name: "slo-burn-rate",
    summary: "when a two-window SLO burn-rate page fires and resolves",
    params: &[
        super::Param {
            name: "long",
            default: 60,
            min: 2,
            max: 1_440,
        },
        super::Param {
            name: "short",
            default: 5,
            min: 1,
            max: 1_440,
        },
    ],
    order: Order::Exact,
    cases: burn_cases,
    solve: burn_solve,
};

/// SLOs with their budget in thousandths of a percent.
const BURN_SLOS: [(&str, u64); 4] = [("99.9", 100), ("99.5", 500), ("99", 1_000), ("99.95", 50)];

/// SLOs at which a burn of exactly 14.4, computed in doubles however the division is
/// written (`e / t / (1 - slo / 100)`, `e / t >= 14.4 * (100 - slo) / 100`, ...), comes
/// out below 14.4; at 99.9 and 99.95 it happens to come out right.
const FLOAT_TRAP_SLOS: [(&str, u64); 5] = [
    ("99.5", 500),
    ("99", 1_000),
    ("99.8", 200),
    ("99.99", 10),
    ("98", 2_000),
];

/// The requests per minute that make exactly 14.4 times the budget a whole number of
/// errors, and that number: `144 * total * budget / 1_000_000`.
fn exact_burn(budget_milli: u64, k: u64) -> (u64, u64) {
    let unit = 1_000_000 / gcd(144 * budget_milli, 1_000_000);
    let total = unit * k;
    (total, 144 * total * budget_milli / 1_000_000)
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Minutes of traffic for an SLO whose budget is `budget` thousandths of a percent:
/// `incidents` bursts of errors, from half to three times the paging rate, over a
/// baseline far below it.
fn traffic(rng: &mut Rng, slo: &str, budget: u64, minutes: u64, incidents: usize) -> Vec<String> {
    // The paging error rate, 14.4 times the budget, in errors per ten million requests.
    let paging = 144 * budget * 10;
    let mut bursts: Vec<(u64, u64, u64)> = (0..incidents)
        .map(|_| {
            let start = rng.below(minutes);
            let rate = paging * rng.range(50, 300) / 100;
            (start, start + rng.range(2, 90), rate)
        })
        .collect();
    bursts.sort_unstable();
    let mut out = vec![slo.to_owned()];
    let mut minute = rng.below(30);
    for _ in 0..minutes {
        minute += 1 + u64::from(rng.chance(0.05)) * rng.below(4);
        let total = rng.range(0, 3_000);
        let rate = bursts
            .iter()
            .find(|(a, b, _)| (*a..*b).contains(&minute))
            .map_or(paging / 20, |(_, _, rate)| *rate);
        let errors = (total * rate / 10_000_000).min(total);
        out.push(format!("{minute} {total} {errors}"));
    }
    out
}

fn burn_cases(rng: &mut Rng, params: &Params) -> Vec<Case> {
    let long = params.get("long").max(2) as u64;
    let short = params.get("short").clamp(1, params.get("long").max(2)) as u64;
    let (slo, budget) = *rng.pick(&BURN_SLOS);

    // Malformed lines that would page if they were counted.
    let mut malformed = traffic(rng, slo, budget, 40, 0);
    let mut t = || rng.range(5, 40);
    let bad = [
        format!("{} 10 100000", t()),
        format!("{} 100000", t()),
        format!("x{} 100000 100000", t()),
        format!("{} 100000 100000 extra", t()),
        format!("{} -100000 100000", t()),
        format!("{}.5 100000 100000", t()),
        String::new(),
    ];
    for bad in bad {
        let at = rng.range(1, malformed.len() as u64) as usize;
        malformed.insert(at, bad);
    }

    // A run of tiny minutes whose every request failed, among busy clean ones: the
    // ratio of the window's sums stays far below the threshold, an average of the
    // minutes' ratios does not. Busy minutes come in several lines each now and then.
    let mut ties = vec![slo.to_owned()];
    let start = rng.range(100, 10_000);
    let tiny = ((144 * budget * long).div_ceil(1_000_000) + 1).min(long - 1);
    let from = rng.range(1, long / 2);
    for m in 0..long + short + rng.range(2, 10) {
        let minute = start + m;
        if (from..from + tiny).contains(&m) {
            ties.push(format!("{minute} 2 2"));
            continue;
        }
        let busy = rng.range(800, 2_000);
        if rng.chance(0.3) {
            let part = rng.range(1, busy - 1);
            ties.push(format!("{minute} {part} 0"));
            ties.push(format!("{minute} {} 0", busy - part));
        } else {
            ties.push(format!("{minute} {busy} 0"));
        }
    }

    // Exactly 14.4 times the budget in both windows: pages at the minute the long
    // window is full of it, resolves when the short window has a clean minute.
    let (trap, trap_budget) = *rng.pick(&FLOAT_TRAP_SLOS);
    let mut boundary = vec![trap.to_owned()];
    let (total, errors) = exact_burn(trap_budget, rng.range(1, 8));
    let begin = rng.range(0, 1_000);
    let lead = rng.range(short, long);
    let burst = long + rng.range(0, long);
    for m in 0..lead + burst + short + rng.range(1, 10) {
        let e = if (lead..lead + burst).contains(&m) {
            errors
        } else {
            0
        };
        boundary.push(format!("{} {total} {e}", begin + m));
    }
    // A second burst one error short of the threshold: no page.
    let again = begin + lead + burst + long + short + 5;
    for m in 0..long + short {
        boundary.push(format!("{} {total} {}", again + m, errors - 1));
    }
    // A third at three times the threshold: the short window burns within minutes,
    // the long one only after a third of it; when it ends the short window cools at
    // once and the long one stays hot.
    let third = again + 2 * long + short;
    for m in 0..long + 2 * short {
        let e = if m < long { 3 * errors } else { 0 };
        boundary.push(format!("{} {total} {e}", third + m));
    }

    // Other digits, which some number parsers take: pages if they are read.
    let mut unicode = traffic(rng, slo, budget, 30, 0);
    for _ in 0..4 {
        let at = rng.range(1, unicode.len() as u64) as usize;
        let digit = *rng.pick(&["５", "٣", "９"]);
        unicode.insert(at, format!("{digit} 100000 100000"));
        unicode.insert(at, format!("1{digit} 100000 100000"));
    }
    seven_cases(
        lines,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            traffic(rng, slo, budget, 1_500, 4),
            traffic(rng, slo, budget, LARGE as u64, 60),
        ],
    )
}

fn burn_solve(input: &Input, params: &Params) -> String {
    let long = params.get("long").max(2) as u64;
    let short = (params.get("short").max(1) as u64).min(long);
    let mut lines = input.stdin.lines();
    let Some(budget) = lines
        .next()
        .and_then(|l| slo_milli(l.trim()))
        .filter(|s| *s < 100_000)
        .map(|s| 100_000 - s)
    else {
        return String::new();
    };
    // One entry per minute: (minute, requests, errors), lines of a minute added up.
    let mut minutes: Vec<(u64, u64, u64)> = Vec::new();
    for line in lines {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [minute, total, errors] = fields[..] else {
            continue;
        };
        let (Some(minute), Some(total), Some(errors)) =
            (number(minute), number(total), number(errors))
        else {
            continue;
        };
        if errors > total {
            continue;
        }
        match minutes.last_mut() {
            Some(last) if last.0 == minute => {
                last.1 += total;
                last.2 += errors;
            }
            _ => minutes.push((minute, total, errors)),
        }
    }
    // Burning: errors / total >= 14.4 * budget, in integers.
    let burning = |total: u64, errors: u64| {
        total > 0 && u128::from(errors) * 1_000_000 >= 144 * u128::from(total) * u128::from(budget)
    };
    let mut out = Vec::new();
    let mut firing = false;
    let (mut lo_long, mut lo_short) = (0, 0);
    let (mut sum_long, mut sum_short) = ((0u64, 0u64), (0u64, 0u64));
    for &(t, total, errors) in &minutes {
        sum_long = (sum_long.0 + total, sum_long.1 + errors);
        sum_short = (sum_short.0 + total, sum_short.1 + errors);
        while minutes[lo_long].0 + long <= t {
            sum_long = (
                sum_long.0 - minutes[lo_long].1,
                sum_long.1 - minutes[lo_long].2,
            );
            lo_long += 1;
        }
        while minutes[lo_short].0 + short <= t {
            sum_short = (
                sum_short.0 - minutes[lo_short].1,
                sum_short.1 - minutes[lo_short].2,
            );
            lo_short += 1;
        }
        let now = burning(sum_long.0, sum_long.1) && burning(sum_short.0, sum_short.1);
        if now != firing {
            firing = now;
            out.push(format!("{t} {}", if now { "firing" } else { "resolved" }));
        }
    }
    text(&out)
}

// ---------------------------------------------------------------- parse-durations

pub const PARSE_DURATIONS: Checker = Checker {
    name: "parse-durations",
    summary: "durations like 1h30m or 250ms as milliseconds",
    params: &[],
    order: Order::Exact,
    cases: duration_cases,
    solve: duration_solve,
};

/// The units, largest first, with their length in milliseconds.
const UNITS: [(&str, u128); 5] = [
    ("d", 86_400_000),
    ("h", 3_600_000),
    ("m", 60_000),
    ("s", 1_000),
    ("ms", 1),
];

/// A valid duration: some of the units, in order, each with a number.
fn duration(rng: &mut Rng, max: u64) -> String {
    let mut out = String::new();
    while out.is_empty() {
        for (unit, _) in UNITS {
            if rng.chance(0.45) {
                let n = rng.below(max);
                let _ = write!(out, "{n}{unit}");
            }
        }
    }
    out
}

fn duration_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let n = |rng: &mut Rng| rng.range(1, 99);
    let mut malformed: Vec<String> = (0..8).map(|_| duration(rng, 100)).collect();
    malformed.extend([
        format!("{}m{}h", n(rng), n(rng)),
        format!("{0}h{0}h", n(rng)),
        format!("{}s{}ms{}s", n(rng), n(rng), n(rng)),
        n(rng).to_string(),
        (*rng.pick(&["h", "ms", "1.5h", "-5m", "+5m", "5 m", "5M", "5H", "1w"])).to_owned(),
        format!("{}x", n(rng)),
        format!("{}h{}", n(rng), n(rng)),
        format!("{}mss", n(rng)),
        String::new(),
        "   ".to_owned(),
    ]);
    rng.shuffle(&mut malformed);
    // The same length written in several ways.
    let total = rng.range(1, 50) * 3_600_000 + rng.range(0, 59) * 60_000;
    let (h, m) = (total / 3_600_000, total / 60_000 % 60);
    let mut ties = vec![
        format!("{h}h{m}m"),
        format!("{}m", total / 60_000),
        format!("{}s", total / 1_000),
        format!("{}ms", total),
        format!("0d{h}h{m}m0s0ms"),
        format!("00{h}h0{m}m"),
        format!("  {h}h{m}m\t"),
    ];
    rng.shuffle(&mut ties);
    let mut boundary = vec![
        format!("{}ms", rng.range(1, 999)),
        format!("{}m{}s{}ms", n(rng), n(rng), n(rng)),
        format!("{}h{}ms", n(rng), n(rng)),
        format!("{}m", n(rng)),
        "0s".to_owned(),
        "0ms".to_owned(),
        format!(
            "{}d",
            rng.range(10_000_000_000_000_000, 99_999_999_999_999_999)
        ),
        format!(
            "{}d{}h{}m{}s{}ms",
            rng.range(1_000_000_000_000, 9_999_999_999_999),
            n(rng),
            n(rng),
            n(rng),
            rng.range(1, 999)
        ),
        format!(
            "{}s",
            rng.range(9_007_199_254_740_993, 9_999_999_999_999_999)
        ),
    ];
    rng.shuffle(&mut boundary);
    let mut unicode = vec![
        format!("{}h", rng.pick(&["１", "٣", "۵"])),
        format!("1{}m", rng.pick(&["０", "٠"])),
        format!("{}µs", n(rng)),
        format!("{}h{}m", n(rng), n(rng)),
        format!("{}ｍ", n(rng)),
    ];
    rng.shuffle(&mut unicode);
    let random: Vec<String> = (0..500).map(|_| duration(rng, 1_000)).collect();
    // One output line per input line: a quarter of the usual large case stays under the cap.
    let large: Vec<String> = (0..LARGE / 4).map(|_| duration(rng, 100_000)).collect();
    seven_cases(
        lines,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            random,
            large,
        ],
    )
}

/// Milliseconds in `text`, or `None` when it breaks the grammar.
fn parse_duration(text: &str) -> Option<u128> {
    let mut rest = text.trim_matches([' ', '\t']).as_bytes();
    if rest.is_empty() {
        return None;
    }
    let mut total = 0u128;
    let mut next_unit = 0;
    while !rest.is_empty() {
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 20 {
            return None;
        }
        let n: u128 = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let unit = std::str::from_utf8(&rest[..unit_len]).ok()?;
        let at = UNITS[next_unit..].iter().position(|(u, _)| *u == unit)? + next_unit;
        total += n * UNITS[at].1;
        next_unit = at + 1;
        rest = &rest[unit_len..];
    }
    Some(total)
}

fn duration_solve(input: &Input, _: &Params) -> String {
    let out: Vec<String> = input
        .stdin
        .lines()
        .map(|l| parse_duration(l).map_or_else(|| "invalid".to_owned(), |ms| ms.to_string()))
        .collect();
    text(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stdin(lines: &[&str]) -> Input {
        let lines: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        Input::stdin(text(&lines))
    }

    #[test]
    fn budget_halves_round_up_even_below_zero() {
        let out = budget_solve(
            &stdin(&["99.9", "a 2000000 2003", "b 2000000 3", "c 0 0"]),
            &Params::default(),
        );
        assert_eq!(out, "a 2000000 2003 -0.1%\nb 2000000 3 99.9%\nc 0 0 n/a\n");
    }

    #[test]
    fn backoff_sums_huge_attempt_counts_in_closed_form() {
        assert_eq!(retry_line("100 800 5").unwrap(), "400 800 1150 2300");
        assert_eq!(
            retry_line("1 1 1000000000000").unwrap(),
            "1 1 1000000000000 1000000000000"
        );
        assert_eq!(retry_line("3 5 2").unwrap(), "3 5 5 8");
        assert!(retry_line("0 10 3").is_none());
    }

    #[test]
    fn durations_take_units_in_order_and_ms_is_not_minutes() {
        assert_eq!(parse_duration("1h30m"), Some(5_400_000));
        assert_eq!(parse_duration("1m30s500ms"), Some(90_500));
        assert_eq!(parse_duration("  250ms\t"), Some(250));
        assert_eq!(parse_duration("007s"), Some(7_000));
        for bad in [
            "90", "30m1h", "1h1h", "5mss", "", "1.5h", "5M", "１h", "1h 30m",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        assert_eq!(
            parse_duration("99999999999999999999d"),
            Some(99_999_999_999_999_999_999 * 86_400_000)
        );
    }

    #[test]
    fn a_page_needs_both_windows_at_exactly_the_burn_rate() {
        let params = Params(vec![("long", 4), ("short", 2)]);
        // SLO 99.9: 14.4 times the budget is 144 errors in 10,000 requests.
        let out = burn_solve(
            &stdin(&[
                "99.9",
                "1 10000 0",
                "2 10000 144",
                "3 10000 144",
                "4 10000 144",
                "5 10000 144",
                "6 10000 0",
                "7 10000 143",
                "8 10000 143",
                "9 10000 143",
                "10 10000 143",
            ]),
            &params,
        );
        assert_eq!(out, "5 firing\n6 resolved\n");
        let (total, errors) = exact_burn(100, 1);
        assert_eq!(errors * 1_000_000, 144 * total * 100);
    }

    #[test]
    fn a_bucket_keeps_fractions_of_a_token() {
        let out = bucket_solve(
            &stdin(&["1 3", "0 a", "333 a", "334 a"]),
            &Params::default(),
        );
        assert_eq!(out, "333 a\n");
    }
}
