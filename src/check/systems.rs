//! Checkers over system text: `df -P` / `ps` alerts, `/proc/meminfo`, cron schedules,
//! config diffs, an IP allowlist.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Duration as Days, NaiveDate, NaiveDateTime, Timelike};

use super::registry::{LARGE, UNICODE, name, number, percent, signed, text};
use super::{Case, Checker, Input, Order, Param, Params, seven_cases};
use crate::rng::Rng;

fn files(pairs: [(&'static str, Vec<String>); 2]) -> Input {
    Input {
        stdin: String::new(),
        files: pairs.into_iter().map(|(n, l)| (n, text(&l))).collect(),
    }
}

fn strs(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| (*l).to_owned()).collect()
}

// ---------------------------------------------------------------- disk-process-alert

pub const DISK_PROCESS_ALERT: Checker = Checker {
    name: "disk-process-alert",
    summary: "alerts from `df -P` and `ps` output against thresholds",
    params: &[
        Param {
            name: "disk_pct",
            default: 90,
            min: 1,
            max: 100,
        },
        Param {
            name: "cpu_pct",
            default: 80,
            min: 1,
            max: 10_000,
        },
    ],
    order: Order::Exact,
    cases: alert_cases,
    solve: alert_solve,
};

const DF_HEADER: &str = "Filesystem     1024-blocks      Used Available Capacity Mounted on";
const PS_HEADER: &str = "    PID %CPU COMMAND";

fn df_line(fs: &str, pct: u64, mount: &str) -> String {
    let blocks = 1_000_000u64;
    let used = blocks * pct / 100;
    format!(
        "{fs:<14} {blocks:>11} {used:>9} {:>9} {pct:>7}% {mount}",
        blocks - used
    )
}

fn ps_line(pid: u64, tenths: u64, comm: &str) -> String {
    format!("{pid:>7} {:>2}.{} {comm}", tenths / 10, tenths % 10)
}

fn df_random(rng: &mut Rng, lines: usize) -> Vec<String> {
    let mut out = vec![DF_HEADER.to_owned()];
    for i in 0..lines {
        let pct = rng.range(0, 100);
        out.push(df_line(
            &format!("/dev/sd{i}"),
            pct,
            &format!("/mnt/{}", name(rng, "vol", 1_000_000)),
        ));
    }
    out
}

fn ps_random(rng: &mut Rng, lines: usize) -> Vec<String> {
    let mut out = vec![PS_HEADER.to_owned()];
    for _ in 0..lines {
        let tenths = if rng.chance(0.2) {
            rng.range(700, 1_200)
        } else {
            rng.below(300)
        };
        out.push(ps_line(
            rng.range(2, 4_000_000),
            tenths,
            rng.pick::<&str>(&["java", "nginx", "postgres", "python3"]),
        ));
    }
    out
}

/// `n` different mount points under `root`, some with spaces.
fn mounts(rng: &mut Rng, root: &str, n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    while out.len() < n {
        let mount = if rng.chance(0.3) {
            format!("{root}/{} data", name(rng, "vol", 1_000))
        } else {
            format!("{root}/{}", name(rng, "vol", 1_000))
        };
        if !out.contains(&mount) {
            out.push(mount);
        }
    }
    out
}

fn alert_cases(rng: &mut Rng, params: &Params) -> Vec<Case> {
    let disk = params.get("disk_pct").max(1) as u64;
    let cpu = params.get("cpu_pct").max(1) as u64 * 10;
    // Never exactly at a threshold: that is the boundary case's job.
    let n = rng.range(5, 12) as usize;
    let mut df_bad = df_random(rng, n);
    df_bad.retain(|l| !l.contains(&format!(" {disk}% ")));
    let v = rng.range(1, 99);
    df_bad.extend([
        String::new(),
        format!("tmpfs 1024 1024 0 -% /run/{v}"),
        format!(
            "/dev/bad{v} 1024 1024 0 {} /no-percent",
            rng.range(disk, 100)
        ),
        format!("/dev/short{v} 1024 1024 100%"),
        format!("overlay{v} x 1024 0 99% /var/lib/docker/overlay"),
        format!("/dev/wide{v} 1024 1024 0 ９9% /mnt/wide"),
    ]);
    rng.shuffle(&mut df_bad[1..]);
    let n = rng.range(5, 12) as usize;
    let mut ps_bad = ps_random(rng, n);
    let at_cpu = format!(" {:>2}.{} ", cpu / 10, cpu % 10);
    ps_bad.retain(|l| !l.contains(&at_cpu));
    let pid = rng.range(2, 99_999);
    ps_bad.extend([
        String::new(),
        format!("abc 99.0 java{v}"),
        format!("{pid} high java"),
        format!("{pid} 95.55 java"),
        format!("{pid} 99.0"),
        format!("{pid} .5 java"),
    ]);
    rng.shuffle(&mut ps_bad[1..]);
    // Equal percentages: by mount as text; equal CPU: by PID as a number (20 < 300).
    let pct = rng.range(disk, 99);
    let ties_mounts = mounts(rng, "/t", 3);
    let tenths = rng.range(cpu, 1_000);
    // 5 and 17: in numbers 5 comes first, as text 17 does.
    let small = rng.range(2, 9);
    let ties = files([
        (
            "df.txt",
            vec![
                DF_HEADER.to_owned(),
                df_line("/dev/b", pct, &ties_mounts[0]),
                df_line("/dev/a", pct, &ties_mounts[1]),
                df_line("/dev/c", pct + 1, &ties_mounts[2]),
            ],
        ),
        (
            "ps.txt",
            vec![
                PS_HEADER.to_owned(),
                ps_line(rng.range(10, small * 10 - 1), tenths, "b"),
                ps_line(small, tenths, "a"),
                ps_line(rng.range(1_000, 99_999), tenths + 1, "c"),
            ],
        ),
    ]);
    // Exactly at the thresholds, a step below, and 100% (which sorts before 90% as text).
    let edge = mounts(rng, "/e", 4);
    let mut df = vec![
        df_line("/dev/at", disk, &edge[0]),
        df_line("/dev/below", disk - 1, &edge[1]),
        df_line("/dev/full", 100, &edge[2]),
        df_line("/dev/low", rng.range(1, 9), &edge[3]),
    ];
    rng.shuffle(&mut df);
    let mut ps = vec![
        ps_line(rng.range(2, 999), cpu, "exactly"),
        ps_line(rng.range(2, 999), cpu - 1, "just-below"),
        ps_line(rng.range(2, 999), cpu + 1, "just-above"),
        ps_line(rng.range(2, 999), rng.range(1_000, 4_000), "many cores"),
    ];
    rng.shuffle(&mut ps);
    df.insert(0, DF_HEADER.to_owned());
    ps.insert(0, PS_HEADER.to_owned());
    let boundary = files([("df.txt", df), ("ps.txt", ps)]);
    let word = |rng: &mut Rng| UNICODE[rng.below(9) as usize];
    let unicode = files([
        (
            "df.txt",
            vec![
                DF_HEADER.to_owned(),
                df_line(
                    "/dev/u1",
                    rng.range(disk, 100),
                    &format!("/mnt/my files/{}", word(rng)),
                ),
                df_line(
                    "/dev/u2",
                    rng.range(disk, 100),
                    &format!("/mnt/{}", word(rng)),
                ),
            ],
        ),
        (
            "ps.txt",
            vec![
                PS_HEADER.to_owned(),
                ps_line(rng.range(2, 999), rng.range(cpu, 999), "Web Content"),
                ps_line(rng.range(2, 999), rng.range(cpu, 999), word(rng)),
            ],
        ),
    ]);
    vec![
        Case {
            name: "empty",
            input: files([("df.txt", Vec::new()), ("ps.txt", Vec::new())]),
        },
        Case {
            name: "malformed",
            input: files([("df.txt", df_bad), ("ps.txt", ps_bad)]),
        },
        Case {
            name: "ties",
            input: ties,
        },
        Case {
            name: "boundary",
            input: boundary,
        },
        Case {
            name: "unicode",
            input: unicode,
        },
        Case {
            name: "random",
            input: files([
                ("df.txt", df_random(rng, 40)),
                ("ps.txt", ps_random(rng, 300)),
            ]),
        },
        Case {
            name: "large",
            input: files([
                ("df.txt", df_random(rng, LARGE / 10)),
                ("ps.txt", ps_random(rng, LARGE)),
            ]),
        },
    ]
}

/// `12.3` or `12` as tenths; at most one decimal.
fn tenths(text: &str) -> Option<u64> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, "0"));
    if frac.len() != 1 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(number(whole)? * 10 + u64::from(frac.as_bytes()[0] - b'0'))
}

fn alert_solve(input: &Input, params: &Params) -> String {
    let disk = params.get("disk_pct") as u64;
    let cpu = params.get("cpu_pct") as u64 * 10;
    let mut disks: Vec<(u64, String)> = Vec::new();
    for line in input.text("df.txt").lines().skip(1) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() < 6 || !fields[1..4].iter().all(|f| number(f).is_some()) {
            continue;
        }
        let Some(pct) = fields[4].strip_suffix('%').and_then(number) else {
            continue;
        };
        if pct >= disk {
            disks.push((pct, fields[5..].join(" ")));
        }
    }
    disks.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut procs: Vec<(u64, u64, String)> = Vec::new();
    for line in input.text("ps.txt").lines().skip(1) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() < 3 {
            continue;
        }
        let (Some(pid), Some(t)) = (number(fields[0]), tenths(fields[1])) else {
            continue;
        };
        if t >= cpu {
            procs.push((t, pid, fields[2..].join(" ")));
        }
    }
    procs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<String> = disks
        .iter()
        .map(|(pct, mount)| format!("DISK {pct}% {mount}"))
        .collect();
    out.extend(
        procs
            .iter()
            .map(|(t, pid, comm)| format!("PROC {pid} {}.{} {comm}", t / 10, t % 10)),
    );
    text(&out)
}

// ---------------------------------------------------------------- meminfo

pub const MEMINFO: Checker = Checker {
    name: "meminfo",
    summary: "memory and swap use from a /proc/meminfo-style file",
    params: &[],
    order: Order::Exact,
    cases: meminfo_cases,
    solve: meminfo_solve,
};

fn meminfo(pairs: &[(&str, u64)]) -> Vec<String> {
    pairs
        .iter()
        .map(|(k, v)| {
            let unit = if k.starts_with("HugePages_") {
                ""
            } else {
                " kB"
            };
            format!("{:<16}{v:>8}{unit}", format!("{k}:"))
        })
        .collect()
}

fn meminfo_random(rng: &mut Rng, extra: usize) -> Vec<String> {
    let total = rng.range(1_000_000, 64_000_000);
    let swap = if rng.chance(0.3) {
        0
    } else {
        rng.range(100_000, 8_000_000)
    };
    let mut lines = meminfo(&[
        ("MemTotal", total),
        ("MemFree", rng.below(total / 4)),
        ("MemAvailable", rng.below(total)),
        ("Buffers", rng.below(total / 20)),
        ("Cached", rng.below(total / 3)),
        ("SwapTotal", swap),
        ("SwapFree", rng.below(swap + 1)),
        ("HugePages_Total", 0),
    ]);
    for i in 0..extra {
        lines.push(format!("Extra{i}:{:>12} kB", rng.below(1_000_000)));
    }
    rng.shuffle(&mut lines);
    lines
}

fn meminfo_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let file = |lines: Vec<String>| Input::file("meminfo", text(&lines));
    // No swap at all (SwapTotal 0), and lines that would change the answer if read.
    let total = rng.range(1_000, 9_999);
    let available = rng.range(1, total);
    let mut malformed = meminfo(&[
        ("MemTotal", total),
        ("MemAvailable", available),
        ("SwapTotal", 0),
    ]);
    let other = rng.range(1, total);
    malformed.extend([
        String::new(),
        format!("MemAvailable {other} kB"),
        format!("MemAvailable: lots{other} kB"),
        format!("MemAvailable: {other} MB"),
        format!("MemAvailable: {other} kB extra"),
        format!("MemAvailable: -{other} kB"),
        format!("Mem Available: {other} kB"),
        format!("SwapTotal: -{other} kB"),
        format!(": {other} kB"),
    ]);
    rng.shuffle(&mut malformed);
    // A key given twice: the later line counts. MemFree absent.
    let first = rng.range(1_000, 4_000);
    let swap = rng.range(1, 999);
    let mut ties = meminfo(&[
        ("MemTotal", first),
        ("MemAvailable", rng.range(1, first)),
        ("SwapTotal", swap),
        ("SwapFree", rng.range(0, swap)),
    ]);
    ties.extend(meminfo(&[
        ("MemTotal", first * 2),
        ("SwapFree", swap),
        ("MemAvailable", rng.range(1, first)),
    ]));
    // No MemAvailable: MemFree + Buffers + Cached. Used and swap shares that end in
    // exactly half a tenth, which rounds up.
    let m = rng.range(1, 50);
    let total = 2_000 * m;
    let available = (2 * rng.below(900) + 1) * m;
    // Buffers and Cached add at least one kB, so MemFree alone is never the answer.
    let free = rng.range(0, available - 1);
    let buffers = rng.range(0, available - free - 1);
    let swap_used = (2 * rng.below(900) + 1) * m;
    let mut boundary = meminfo(&[
        ("MemTotal", total),
        ("MemFree", free),
        ("Buffers", buffers),
        ("Cached", available - free - buffers),
        ("SwapTotal", total),
        ("SwapFree", total - swap_used),
    ]);
    rng.shuffle(&mut boundary);
    let total = rng.range(1_000, 9_999);
    // Other digits after the good MemAvailable: read as a number, they would replace it.
    let unicode = vec![
        format!("MemTotal:        {total} kB"),
        format!("Mémoire:          {} kB", rng.below(99)),
        format!("MemAvailable:     {} kB", rng.range(1, total)),
        format!(
            "MemAvailable:    {} kB",
            rng.pick::<&str>(&["１０", "٣٣", "१२"])
        ),
        format!("日本語:          {}", rng.below(99)),
    ];
    seven_cases(
        file,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            meminfo_random(rng, 20),
            meminfo_random(rng, LARGE),
        ],
    )
}

fn meminfo_solve(input: &Input, _: &Params) -> String {
    let mut values: HashMap<&str, u64> = HashMap::new();
    for line in input.text("meminfo").lines() {
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        if key.is_empty() || key.contains(char::is_whitespace) {
            continue;
        }
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let value = match fields[..] {
            [n] | [n, "kB"] => number(n),
            _ => None,
        };
        if let Some(value) = value {
            values.insert(key, value);
        }
    }
    let get = |k: &str| values.get(k).copied();
    let total = get("MemTotal").unwrap_or(0);
    if total == 0 {
        return "error: no MemTotal\n".to_owned();
    }
    let available = get("MemAvailable")
        .unwrap_or_else(|| {
            get("MemFree").unwrap_or(0) + get("Buffers").unwrap_or(0) + get("Cached").unwrap_or(0)
        })
        .min(total);
    let used = percent(i128::from(total - available), i128::from(total));
    let swap = match get("SwapTotal") {
        Some(st) if st > 0 => {
            let free = get("SwapFree").unwrap_or(0).min(st);
            percent(i128::from(st - free), i128::from(st))
        }
        _ => "n/a".to_owned(),
    };
    format!("total_kb {total}\navailable_kb {available}\nused_pct {used}\nswap_used_pct {swap}\n")
}

// ---------------------------------------------------------------- cron-next-runs

pub const CRON_NEXT_RUNS: Checker = Checker {
    name: "cron-next-runs",
    summary: "the next three run times of five-field cron expressions",
    params: &[],
    order: Order::Exact,
    cases: cron_cases,
    solve: cron_solve,
};

/// How many days after the start date are searched.
const HORIZON_DAYS: i64 = 1461;

fn cron_random(rng: &mut Rng) -> String {
    let minute = match rng.below(4) {
        0 => "*".to_owned(),
        1 => format!("*/{}", rng.range(1, 30)),
        2 => rng.below(60).to_string(),
        _ => format!("{},{}", rng.below(30), rng.range(30, 59)),
    };
    let hour = match rng.below(3) {
        0 => "*".to_owned(),
        1 => format!("{}-{}", rng.below(12), rng.range(12, 23)),
        _ => format!("{}-{}/{}", rng.below(6), rng.range(12, 23), rng.range(2, 5)),
    };
    let dom = match rng.below(3) {
        0 => "*".to_owned(),
        1 => rng.range(1, 28).to_string(),
        _ => format!("1-{}", rng.range(5, 31)),
    };
    let month = if rng.chance(0.7) {
        "*".to_owned()
    } else {
        rng.range(1, 12).to_string()
    };
    let dow = match rng.below(3) {
        0 => "*".to_owned(),
        1 => "1-5".to_owned(),
        _ => rng.below(7).to_string(),
    };
    format!(
        "{minute} {hour} {dom} {month} {dow} 2024-{:02}-{:02}T{:02}:{:02}",
        rng.range(1, 12),
        rng.range(1, 28),
        rng.below(24),
        rng.below(60)
    )
}

/// A start time `YYYY-MM-DDTHH:MM` in 2024-2026 (day up to 28, so always real).
fn cron_start(rng: &mut Rng) -> String {
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}",
        rng.range(2024, 2026),
        rng.range(1, 12),
        rng.range(1, 28),
        rng.below(24),
        rng.below(60)
    )
}

fn cron_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let stdin = |lines: Vec<String>| Input::stdin(text(&lines));
    let start = cron_start(rng);
    let (minute, hour) = (rng.below(60), rng.below(24));
    let bad_date = *rng.pick(&[
        "2024-02-30",
        "2023-02-29",
        "2024-04-31",
        "2025-06-31",
        "2024-13-01",
    ]);
    let mut malformed = vec![
        format!("*/{} * * * * {start}", rng.range(1, 30)),
        format!("{} * * * * {start}", rng.range(60, 99)),
        format!("{minute} {hour} * * {start}"),
        format!("*/0 * * * * {start}"),
        format!("{} * * * * {start}", {
            let b = rng.range(0, 58);
            format!("{}-{b}", rng.range(b + 1, 59))
        }),
        format!("* * * * {} {start}", rng.range(7, 9)),
        format!(
            "{minute} {hour} * * {} {start}",
            rng.pick::<&str>(&["MON", "sun", "Fri"])
        ),
        format!("{minute} {hour} * * * {bad_date}T00:00"),
        format!("{minute} {hour} * * * {}", start.replace('T', " ")),
        format!("{minute} {hour} 0 * * {start}"),
        format!("{minute},,{} * * * * {start}", rng.below(60)),
        format!("{}/{} * * * * {start}", rng.below(60), rng.range(1, 30)),
        format!("{minute} {hour} * * * {start} extra"),
        String::new(),
    ];
    rng.shuffle(&mut malformed);
    // Values listed twice or out of order run once, in time order.
    let (low, high) = (rng.below(30), rng.range(30, 59));
    let (h1, h2) = (rng.below(12), rng.range(12, 23));
    let ties = vec![
        format!("{low},{low},{high} * * * * {}", cron_start(rng)),
        format!("{high},{low} {h2},{h1},{h2} * * * {}", cron_start(rng)),
        format!(
            "{low}-{high}/{} {h1} * * * {}",
            rng.range(7, 15),
            cron_start(rng)
        ),
    ];
    // The start minute itself does not count; year ends, leap days, a date that never
    // comes, and the day-of-month / day-of-week either-or rule.
    let (minute, hour) = (rng.below(60), rng.below(24));
    let year = rng.range(2024, 2026);
    let mut boundary = vec![
        format!("{minute} {hour} * * * {year}-03-01T{hour:02}:{minute:02}"),
        format!("59 23 31 12 * {year}-12-31T23:{:02}", rng.range(58, 59)),
        format!("0 0 29 2 * {year}-03-01T00:00"),
        format!(
            "{minute} {hour} 31 {} * {year}-01-01T00:00",
            rng.pick(&[4u64, 6, 9, 11])
        ),
        format!(
            "0 0 {} * {} {year}-{:02}-01T00:00",
            rng.range(1, 28),
            rng.below(7),
            rng.range(1, 12)
        ),
        format!("*/{} * * * * {year}-03-01T08:59", rng.range(20, 40)),
        format!("0 12 * * {} {year}-03-02T12:00", rng.below(7)),
        format!("0 0 1 1 * {}-12-31T23:59", year - 1),
    ];
    rng.shuffle(&mut boundary);
    let digit = *rng.pick(&["５", "٩", "९"]);
    let mut unicode = vec![
        format!("{digit} * * * * {}", cron_start(rng)),
        format!("0 {digit} * * * {}", cron_start(rng)),
        format!("0 9 * * * ２０２{}-03-01T08:50", rng.below(10)),
        format!("0 {} * * * {}", rng.below(24), cron_start(rng)),
    ];
    rng.shuffle(&mut unicode);
    let random: Vec<String> = (0..60).map(|_| cron_random(rng)).collect();
    let large: Vec<String> = (0..100)
        .map(|i| {
            let (dom, month) = match i % 3 {
                0 => (29, 2),
                1 => (31, *rng.pick(&[4u64, 6, 9, 11])),
                _ => (30, 2),
            };
            format!(
                "{} {} {dom} {month} * 2024-03-{:02}T00:00",
                rng.below(60),
                rng.below(24),
                rng.range(1, 28)
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
            random,
            large,
        ],
    )
}

/// One cron field as the set of values it allows; `None` when it is invalid.
fn cron_field(text: &str, lo: u32, hi: u32) -> Option<BTreeSet<u32>> {
    let num = |s: &str| {
        number(s)
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| (lo..=hi).contains(n))
    };
    let mut set = BTreeSet::new();
    for item in text.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => (r, num_step(s)?),
            None => (item, 1),
        };
        let (a, b) = if range == "*" {
            (lo, hi)
        } else if let Some((a, b)) = range.split_once('-') {
            (num(a)?, num(b)?)
        } else {
            if step != 1 || item.contains('/') {
                return None;
            }
            let n = num(range)?;
            (n, n)
        };
        if a > b {
            return None;
        }
        set.extend((a..=b).step_by(step as usize));
    }
    Some(set)
}

fn num_step(s: &str) -> Option<u32> {
    number(s)
        .and_then(|n| u32::try_from(n).ok())
        .filter(|&n| n >= 1)
}

fn cron_line(line: &str) -> String {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let invalid = || "invalid".to_owned();
    let [mi, ho, dom, mo, dow, start] = fields[..] else {
        return invalid();
    };
    let (Some(minutes), Some(hours), Some(doms), Some(months), Some(dows)) = (
        cron_field(mi, 0, 59),
        cron_field(ho, 0, 23),
        cron_field(dom, 1, 31),
        cron_field(mo, 1, 12),
        cron_field(dow, 0, 6),
    ) else {
        return invalid();
    };
    let Ok(start) = NaiveDateTime::parse_from_str(start, "%Y-%m-%dT%H:%M") else {
        return invalid();
    };
    if !start.format("%Y-%m-%dT%H:%M").to_string().eq(fields[5]) {
        return invalid();
    }
    let either = !dom.starts_with('*') && !dow.starts_with('*');
    let mut runs = Vec::new();
    let first: NaiveDate = start.date();
    'days: for offset in 0..=HORIZON_DAYS {
        let day = first + Days::days(offset);
        if !months.contains(&day.month()) {
            continue;
        }
        let by_dom = doms.contains(&day.day());
        let by_dow = dows.contains(&day.weekday().num_days_from_sunday());
        if !(if either {
            by_dom || by_dow
        } else {
            by_dom && by_dow
        }) {
            continue;
        }
        for &h in &hours {
            for &m in &minutes {
                let Some(at) = day.and_hms_opt(h, m, 0) else {
                    continue;
                };
                if at > start {
                    runs.push(at.format("%Y-%m-%dT%H:%M").to_string());
                    if runs.len() == 3 {
                        break 'days;
                    }
                }
            }
        }
    }
    if runs.is_empty() {
        "none".to_owned()
    } else {
        runs.join(" ")
    }
}

fn cron_solve(input: &Input, _: &Params) -> String {
    let lines: Vec<String> = input.stdin.lines().map(cron_line).collect();
    let _ = NaiveDateTime::minute;
    text(&lines)
}

// ---------------------------------------------------------------- config-diff

pub const CONFIG_DIFF: Checker = Checker {
    name: "config-diff",
    summary: "what changed between two INI-style configs, ignoring order",
    params: &[],
    order: Order::Exact,
    cases: diff_cases,
    solve: diff_solve,
};

fn config(rng: &mut Rng, keys: usize, sections: u64) -> BTreeMap<(String, String), String> {
    (0..keys)
        .map(|_| {
            let section = if rng.chance(0.1) {
                String::new()
            } else {
                name(rng, "section", sections)
            };
            (
                (section, name(rng, "key", 1_000_000)),
                name(rng, "value", 5),
            )
        })
        .collect()
}

fn config_text(
    rng: &mut Rng,
    map: &BTreeMap<(String, String), String>,
    spaced: bool,
) -> Vec<String> {
    let mut by: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for ((s, k), v) in map {
        by.entry(s.as_str())
            .or_default()
            .push((k.as_str(), v.as_str()));
    }
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let mut top = Vec::new();
    for (section, mut pairs) in by {
        rng.shuffle(&mut pairs);
        let lines: Vec<String> = pairs
            .iter()
            .map(|(k, v)| {
                if spaced {
                    format!("{k} = {v}")
                } else {
                    format!("{k}={v}")
                }
            })
            .collect();
        if section.is_empty() {
            top = lines;
        } else {
            let mut block = vec![format!("[{section}]")];
            block.extend(lines);
            blocks.push(block);
        }
    }
    rng.shuffle(&mut blocks);
    let mut out = top;
    out.push("# generated".to_owned());
    out.extend(blocks.into_iter().flatten());
    out
}

fn changed(
    rng: &mut Rng,
    old: &BTreeMap<(String, String), String>,
    share: f64,
) -> BTreeMap<(String, String), String> {
    let mut new = BTreeMap::new();
    for (k, v) in old {
        if rng.chance(share) {
            continue;
        }
        let v = if rng.chance(share) {
            format!("{v}-new")
        } else {
            v.clone()
        };
        new.insert(k.clone(), v);
    }
    for _ in 0..((old.len() as f64 * share) as usize).max(1) {
        new.insert(
            (name(rng, "section", 3), name(rng, "added", 1_000_000)),
            "on".to_owned(),
        );
    }
    new
}

fn diff_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let pair = |old: Vec<String>, new: Vec<String>| files([("old.conf", old), ("new.conf", new)]);
    let small = config(rng, 12, 3);
    let small_new = changed(rng, &small, 0.2);
    let mut old_bad = config_text(rng, &small, false);
    old_bad.extend(strs(&[
        "no equals sign here",
        "[unclosed",
        "=value-without-key",
        "; a comment",
    ]));
    let new_bad = config_text(rng, &small_new, false);
    // A key in two sections and outside any; a later duplicate wins; `[]` changes
    // nothing.
    let key = name(rng, "port", 9);
    let [a, b] = [name(rng, "a", 9), name(rng, "b", 9)];
    let mut v: Vec<u64> = (0..5).map(|_| rng.range(1, 65_535)).collect();
    v.dedup();
    let val = |i: usize| v[i % v.len()];
    let ties = pair(
        vec![
            format!("{key}={}", val(0)),
            format!("[{a}]"),
            format!("{key}={}", val(1)),
            format!("[{b}]"),
            format!("{key}={}", val(2)),
            format!("[{a}]"),
            format!("{key}={}", val(3)),
        ],
        vec![
            format!("[{b}]"),
            format!("{key}={}", val(2)),
            format!("[{a}]"),
            format!("{key}={}", val(3)),
            format!("{key}={}", val(4)),
            "[]".to_owned(),
            format!("x={}", val(1)),
        ],
    );
    // Spaces around keys, values and `=` do not count; `=` inside a value does; an
    // empty value is a value.
    let section = name(rng, "srv", 9);
    let host = format!("{}.example.org", name(rng, "db", 99));
    let timeout = rng.range(1, 120);
    let (left, right) = (name(rng, "x", 9), name(rng, "y", 9));
    let gone = name(rng, "gone", 9);
    let mut old_lines = vec![
        format!("host = {host}  "),
        format!("  timeout={timeout}"),
        "empty =".to_owned(),
        format!("mode = {left}={right}"),
        format!("{gone} = x"),
    ];
    let mut new_lines = vec![
        format!("timeout = {timeout}"),
        format!("host={host}"),
        "empty=".to_owned(),
        format!("mode={left} = {right}"),
        format!("  [ {section} ]  "),
        "new = ".to_owned(),
    ];
    rng.shuffle(&mut old_lines);
    rng.shuffle(&mut new_lines[..4]);
    old_lines.insert(0, format!("[{section}]"));
    new_lines.insert(0, format!("[{section}]"));
    let boundary = pair(old_lines, new_lines);
    let word = |rng: &mut Rng| UNICODE[rng.below(9) as usize];
    let (s1, s2, k1) = (word(rng), word(rng), word(rng));
    let unicode = pair(
        vec![
            format!("[{s1}]"),
            format!("{k1} = 値"),
            "greeting = hello".to_owned(),
            format!("[{s2}]"),
            "lake = yes".to_owned(),
        ],
        vec![
            format!("[{s2}]"),
            format!("lake = {}", word(rng)),
            format!("[{s1}]"),
            format!("greeting = {}", word(rng)),
            format!("{k1} = 値"),
        ],
    );
    let big = config(rng, LARGE / 2, 50);
    let big_new = changed(rng, &big, 0.005);
    let random = config(rng, 300, 8);
    let random_new = changed(rng, &random, 0.1);
    vec![
        Case {
            name: "empty",
            input: pair(Vec::new(), Vec::new()),
        },
        Case {
            name: "malformed",
            input: pair(old_bad, new_bad),
        },
        Case {
            name: "ties",
            input: ties,
        },
        Case {
            name: "boundary",
            input: boundary,
        },
        Case {
            name: "unicode",
            input: unicode,
        },
        Case {
            name: "random",
            input: pair(
                config_text(rng, &random, true),
                config_text(rng, &random_new, true),
            ),
        },
        Case {
            name: "large",
            input: pair(
                config_text(rng, &big, true),
                config_text(rng, &big_new, true),
            ),
        },
    ]
}

fn parse_config(text: &str) -> BTreeMap<String, String> {
    let mut section = String::new();
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(inner) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let inner = inner.trim();
            if !inner.is_empty() {
                inner.clone_into(&mut section);
            }
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty() {
            continue;
        }
        let full = if section.is_empty() {
            key.to_owned()
        } else {
            format!("{section}.{key}")
        };
        out.insert(full, value.trim().to_owned());
    }
    out
}

fn diff_solve(input: &Input, _: &Params) -> String {
    let old = parse_config(input.text("old.conf"));
    let new = parse_config(input.text("new.conf"));
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut out = Vec::new();
    for name in names {
        match (old.get(name), new.get(name)) {
            (None, Some(v)) => out.push(format!("+ {name} = {v}")),
            (Some(v), None) => out.push(format!("- {name} = {v}")),
            (Some(a), Some(b)) if a != b => out.push(format!("~ {name} = {a} -> {b}")),
            _ => {}
        }
    }
    text(&out)
}

// ---------------------------------------------------------------- cidr-allowlist

pub const CIDR_ALLOWLIST: Checker = Checker {
    name: "cidr-allowlist",
    summary: "allow or deny IPv4 addresses by the most specific CIDR rule",
    params: &[],
    order: Order::Exact,
    cases: cidr_cases,
    solve: cidr_solve,
};

fn ip_text(ip: u32) -> String {
    let [a, b, c, d] = ip.to_be_bytes();
    format!("{a}.{b}.{c}.{d}")
}

fn rules_and_ips(rng: &mut Rng, rules: usize, ips: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut nets = Vec::new();
    for _ in 0..rules {
        let len = rng.range(8, 32) as u32;
        let net = (rng.next_u64() as u32) & (u32::MAX << (32 - len)) & 0x3fff_ffff;
        nets.push(net);
        let verdict = if rng.chance(0.6) { "ALLOW" } else { "DENY" };
        out.push(format!("{verdict} {}/{len}", ip_text(net)));
    }
    out.push("---".to_owned());
    for _ in 0..ips {
        let ip = if rng.chance(0.7) && !nets.is_empty() {
            *rng.pick(&nets) | (rng.next_u64() as u32 & 0xff)
        } else {
            rng.next_u64() as u32 & 0x3fff_ffff
        };
        out.push(ip_text(ip));
    }
    out
}

/// A network in `10.0.0.0/8` of prefix length `len`, as `a.b.c.d`.
fn net(rng: &mut Rng, len: u32) -> u32 {
    (0x0a00_0000 | (rng.next_u64() as u32 & 0x00ff_ffff)) & mask(len)
}

fn cidr_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let stdin = |lines: Vec<String>| Input::stdin(text(&lines));
    let (n8, n16) = (net(rng, 8), net(rng, 16));
    let inside =
        |rng: &mut Rng, n: u32, len: u32| ip_text(n | (rng.next_u64() as u32 & !mask(len)));
    let mut rules = vec![
        format!("ALLOW {}/8", ip_text(n8)),
        format!("ALLOW {}/{}", ip_text(n16), rng.range(33, 40)),
        format!(
            "ALLOW {}",
            ip_text(n16).rsplit_once('.').map_or("", |(a, _)| a)
        ),
        format!("PERMIT {}/16", ip_text(n16)),
        format!("ALLOW {}", ip_text(n16)),
        format!("DENY {}/16", ip_text(n16)),
        format!("allow {}/24", ip_text(net(rng, 24))),
        String::new(),
    ];
    rng.shuffle(&mut rules);
    let mut addresses = vec![
        inside(rng, n16, 16),
        inside(rng, n8, 8),
        format!("{}.1.1.1", rng.range(256, 999)),
        format!("0{}", inside(rng, n8, 8)),
        format!("10.{}.{}", rng.below(256), rng.below(256)),
        "a.b.c.d".to_owned(),
        format!("{} extra", inside(rng, n8, 8)),
        ip_text(rng.next_u64() as u32 | 0x8000_0000),
        format!("10.0{}.1.1", rng.range(1, 9)),
    ];
    rng.shuffle(&mut addresses);
    let malformed = [rules, vec!["---".to_owned()], addresses].concat();
    // The same network allowed and denied: DENY wins, whatever the order.
    let (a, b) = (net(rng, 8), net(rng, 12));
    let mut rules = vec![
        format!("ALLOW {}/8", ip_text(a)),
        format!("DENY {}/8", ip_text(a)),
        format!("ALLOW {}/8", ip_text(a)),
        format!("ALLOW {}/12", ip_text(b)),
        format!("ALLOW {}/12", ip_text(b)),
    ];
    rng.shuffle(&mut rules);
    let ties = [
        rules,
        vec![
            "---".to_owned(),
            inside(rng, a, 8),
            inside(rng, b, 12),
            ip_text(b ^ 0x0010_0000),
        ],
    ]
    .concat();
    // The most specific rule wins wherever it is written: a /0 first, a /32 and a /31
    // last; host bits in a rule are ignored.
    let host = net(rng, 32);
    let pair = net(rng, 31);
    let wide = net(rng, 8);
    let rules = vec![
        "ALLOW 0.0.0.0/0".to_owned(),
        format!(
            "DENY {}/8",
            ip_text(wide | (rng.next_u64() as u32 & 0x00ff_ffff))
        ),
        format!("ALLOW {}/32", ip_text(host)),
        format!("DENY {}/31", ip_text(pair)),
    ];
    let mut addresses = vec![
        ip_text(host),
        ip_text(host ^ 1),
        inside(rng, wide, 8),
        ip_text(wide | 0x00ff_ffff),
        ip_text(pair),
        ip_text(pair + 1),
        ip_text(pair.wrapping_add(2)),
        "0.0.0.0".to_owned(),
        "255.255.255.255".to_owned(),
    ];
    rng.shuffle(&mut addresses);
    let boundary = [rules, vec!["---".to_owned()], addresses].concat();
    let n = net(rng, 8);
    let first = ip_text(n).split('.').next().unwrap_or("10").to_owned();
    let unicode = vec![
        format!("ALLOW {}.0.0.0/8", first.replace('1', "１")),
        format!("ALLOW {}/٨", ip_text(n)),
        format!("DENY {}/8", ip_text(n)),
        "---".to_owned(),
        inside(rng, n, 8),
        format!("{}.0.0.1", first.replace('1', "１")),
        format!("{}.0.0.١", first),
    ];
    seven_cases(
        stdin,
        [
            Vec::new(),
            malformed,
            ties,
            boundary,
            unicode,
            rules_and_ips(rng, 200, 500),
            rules_and_ips(rng, 20_000, 20_000),
        ],
    )
}

/// Four decimal octets, no leading zeros, ASCII digits only.
fn parse_ip(text: &str) -> Option<u32> {
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut ip = 0u32;
    for part in parts {
        if part.len() > 1 && part.starts_with('0') {
            return None;
        }
        let n = number(part).filter(|&n| n <= 255)?;
        ip = ip << 8 | n as u32;
    }
    Some(ip)
}

fn mask(len: u32) -> u32 {
    if len == 0 { 0 } else { u32::MAX << (32 - len) }
}

fn cidr_solve(input: &Input, _: &Params) -> String {
    // (prefix length, network) -> deny? (DENY wins a tie on the same network)
    let mut rules: HashMap<(u32, u32), bool> = HashMap::new();
    let mut lines = input.stdin.lines();
    for line in lines.by_ref() {
        if line.trim() == "---" {
            break;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [verdict, cidr] = fields[..] else {
            continue;
        };
        let deny = match verdict {
            "ALLOW" => false,
            "DENY" => true,
            _ => continue,
        };
        let Some((ip, len)) = cidr.split_once('/') else {
            continue;
        };
        let (Some(ip), Some(len)) = (parse_ip(ip), number(len).filter(|&l| l <= 32)) else {
            continue;
        };
        let len = len as u32;
        *rules.entry((len, ip & mask(len))).or_insert(false) |= deny;
    }
    let mut lengths: Vec<u32> = rules
        .keys()
        .map(|(l, _)| *l)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    lengths.reverse();
    let mut out = Vec::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let verdict = match parse_ip(line) {
            None => "invalid",
            Some(ip) => match lengths.iter().find_map(|&l| rules.get(&(l, ip & mask(l)))) {
                Some(false) => "allow",
                _ => "deny",
            },
        };
        out.push(format!("{line} {verdict}"));
    }
    text(&out)
}

// ---------------------------------------------------------------- maintenance-windows

pub const MAINTENANCE_WINDOWS: Checker = Checker {
    name: "maintenance-windows",
    summary: "each host's maintenance windows merged where they overlap or touch",
    params: &[],
    order: Order::Exact,
    cases: window_cases,
    solve: window_solve,
};

const MINUTE_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// Minutes since 1970 as `YYYY-MM-DDTHH:MM`.
fn minute_text(minutes: i64) -> String {
    chrono::DateTime::from_timestamp(minutes * 60, 0)
        .unwrap_or_default()
        .format(MINUTE_FORMAT)
        .to_string()
}

fn window_line(host: &str, start: i64, end: i64) -> String {
    format!("{host} {} {}", minute_text(start), minute_text(end))
}

/// Windows for `hosts` hosts, in any order.
fn windows(rng: &mut Rng, lines: usize, hosts: u64, span: i64) -> Vec<String> {
    let t0 = 28_400_000 + signed(rng.below(500_000));
    (0..lines)
        .map(|_| {
            let start = t0 + signed(rng.below(span as u64));
            let length = signed(rng.range(5, 240));
            window_line(&name(rng, "host", hosts), start, start + length)
        })
        .collect()
}

fn window_cases(rng: &mut Rng, _: &Params) -> Vec<Case> {
    let stdin = |lines: Vec<String>| Input::stdin(text(&lines));
    let t0 = 28_400_000 + signed(rng.below(500_000));
    let mut malformed = windows(rng, 12, 3, 2_000);
    for bad in [
        format!("host-1 {}", minute_text(t0)),
        window_line("host-2", t0 + 90, t0 + 30),
        window_line("host-2", t0 + 30, t0 + 30),
        format!("host-0 2024-02-30T10:00 {}", minute_text(t0)),
        format!(
            "host-0 {} {}",
            minute_text(t0).replace('T', " "),
            minute_text(t0 + 5)
        ),
        format!("host-1 {}:00 {}", minute_text(t0), minute_text(t0 + 5)),
        format!("{} extra", window_line("host-1", t0, t0 + 5)),
        String::new(),
    ] {
        let at = rng.below(malformed.len() as u64 + 1) as usize;
        malformed.insert(at, bad);
    }
    // One host's long window holds two short ones that follow it; another host's
    // windows overlap these but are kept apart.
    let host = name(rng, "db", 20);
    let long = signed(rng.range(120, 600));
    let a = t0 + signed(rng.below(1_000));
    let mut ties = vec![
        window_line(&host, a, a + long),
        window_line(&host, a + 10, a + 20),
        window_line(&host, a + 30, a + long - 5),
        window_line(&host, a + long + signed(rng.range(1, 60)), a + long + 90),
        window_line("cache-1", a + 15, a + 25),
        window_line("cache-1", a - 50, a - 40),
    ];
    rng.shuffle(&mut ties);
    // Windows that touch (one ends the minute the next starts) merge; a minute apart
    // they do not. Across a month end and a leap day.
    let year = *rng.pick(&[2024, 2028, 2032]);
    let feb = NaiveDate::from_ymd_opt(year, 2, 28)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(0, |d| d.and_utc().timestamp() / 60);
    let mut boundary = vec![
        window_line("edge", feb + 1_380, feb + 1_440),
        window_line("edge", feb + 1_440, feb + 2_880 + signed(rng.below(60))),
        window_line("edge", feb + 2_880 + 61, feb + 2_880 + 120),
        window_line("apart", t0, t0 + 10),
        window_line("apart", t0 + 11, t0 + 20),
        window_line("same", t0, t0 + 5),
        window_line("same", t0, t0 + 5),
    ];
    rng.shuffle(&mut boundary);
    let unicode: Vec<String> = (0..12)
        .map(|i| {
            let start = t0 + signed(i as u64 * 37 % 100);
            window_line(UNICODE[i % 5], start, start + 30)
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
            windows(rng, 2_000, 20, 50_000),
            windows(rng, LARGE, 50, 80_000),
        ],
    )
}

/// `YYYY-MM-DDTHH:MM` (a real date, ASCII digits) as minutes since 1970.
fn minutes_of(text: &str) -> Option<i64> {
    let parsed = NaiveDateTime::parse_from_str(text, MINUTE_FORMAT).ok()?;
    (parsed.format(MINUTE_FORMAT).to_string() == text).then(|| parsed.and_utc().timestamp() / 60)
}

fn window_solve(input: &Input, _: &Params) -> String {
    let mut by: BTreeMap<&str, Vec<(i64, i64)>> = BTreeMap::new();
    for line in input.stdin.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [host, start, end] = fields[..] else {
            continue;
        };
        let (Some(start), Some(end)) = (minutes_of(start), minutes_of(end)) else {
            continue;
        };
        if end > start {
            by.entry(host).or_default().push((start, end));
        }
    }
    let mut out = Vec::new();
    for (host, mut spans) in by {
        spans.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::new();
        for (start, end) in spans {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        for (start, end) in merged {
            out.push(format!(
                "{host} {} {} {}",
                minute_text(start),
                minute_text(end),
                end - start
            ));
        }
    }
    text(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cron_matches_either_day_field_when_both_are_restricted() {
        assert_eq!(
            cron_line("0 0 13 * 5 2024-09-01T00:00"),
            "2024-09-06T00:00 2024-09-13T00:00 2024-09-20T00:00"
        );
        assert_eq!(cron_line("0 0 31 4 * 2024-01-01T00:00"), "none");
        assert_eq!(cron_line("５ * * * * 2024-01-01T00:00"), "invalid");
    }

    #[test]
    fn windows_that_touch_merge_and_a_long_one_swallows_the_next() {
        let input = Input::stdin(text(&strs(&[
            "db 2024-02-28T23:00 2024-02-29T00:00",
            "db 2024-02-29T00:00 2024-03-01T00:10",
            "db 2024-02-29T01:00 2024-02-29T02:00",
            "db 2024-03-01T00:11 2024-03-01T00:20",
            "api 2024-01-01T00:00 2024-01-01T00:00",
            "api 2024-01-01T00:00 2024-01-01T00:01",
        ])));
        assert_eq!(
            window_solve(&input, &Params::default()),
            "api 2024-01-01T00:00 2024-01-01T00:01 1\n\
             db 2024-02-28T23:00 2024-03-01T00:10 1510\n\
             db 2024-03-01T00:11 2024-03-01T00:20 9\n"
        );
        assert_eq!(minutes_of("2024-2-28T23:00"), None);
    }

    #[test]
    fn deny_wins_a_tie_and_the_longest_prefix_wins() {
        let input = Input::stdin(text(&strs(&[
            "ALLOW 10.0.0.0/8",
            "DENY 10.0.0.0/8",
            "ALLOW 10.1.0.0/16",
            "---",
            "10.2.0.1",
            "10.1.0.1",
            "010.1.0.1",
        ])));
        assert_eq!(
            cidr_solve(&input, &Params::default()),
            "10.2.0.1 deny\n10.1.0.1 allow\n010.1.0.1 invalid\n"
        );
    }
}
