//! A host's syslog (or `journalctl -o short-iso` output) with an OOM kill or a
//! systemd crash loop among ordinary noise.
//!
//! Decoys: the process that *invoked* the OOM killer is not the one killed; an
//! operator's SIGKILL after a stop timeout; an application's own "Out of memory"
//! message; a clean restart by a deploy; a service that failed once and recovered.

use std::fmt::Write;

use chrono::NaiveDateTime;

use super::{Generated, Plant, host_name, start_time};
use crate::lab::answer::{Form, Planted, Shape};
use crate::lab::params::Reader;
use crate::lab::writer::{LabFile, RelPath};
use crate::rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Oom,
    CrashLoop,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Process,
    Service,
    Pid,
    Restarts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Syslog,
    Journal,
}

#[derive(Debug, Clone)]
pub struct Params {
    pub fault: Fault,
    pub ask: Ask,
    pub format: Format,
    pub lines: u64,
    pub decoys: u64,
    pub file: RelPath,
}

impl Params {
    pub fn read(r: &mut Reader) -> Self {
        let fault = r.choice(
            "fault",
            &[("oom", Fault::Oom), ("crash-loop", Fault::CrashLoop)],
            Fault::Oom,
        );
        let ask = r.choice(
            "ask",
            &[
                ("process", Ask::Process),
                ("service", Ask::Service),
                ("pid", Ask::Pid),
                ("restarts", Ask::Restarts),
            ],
            Ask::Service,
        );
        match (fault, ask) {
            (Fault::Oom, Ask::Restarts) => r.conflict(
                "ask",
                "`ask: restarts` needs `fault: crash-loop`; an OOM lab asks for the process, service or pid".to_owned(),
            ),
            (Fault::CrashLoop, Ask::Process | Ask::Pid) => r.conflict(
                "ask",
                "a crash-loop lab asks for the `service` or the number of `restarts`".to_owned(),
            ),
            _ => {}
        }
        let format = r.choice(
            "format",
            &[("syslog", Format::Syslog), ("journal", Format::Journal)],
            Format::Syslog,
        );
        let default_file = match format {
            Format::Syslog => "var/log/syslog",
            Format::Journal => "journal.txt",
        };
        Self {
            fault,
            ask,
            format,
            lines: r.int("lines", 200, 100_000, 2000),
            decoys: r.int("decoys", 0, 3, 1),
            file: r.path("file", default_file),
        }
    }
}

impl Plant for Params {
    fn shape(&self) -> Shape {
        if self.ask == Ask::Restarts {
            Shape::Number
        } else {
            Shape::Text
        }
    }

    fn generate(&self, mut rng: Rng) -> Generated {
        let start = start_time(&mut rng) + chrono::Duration::hours(rng.range(6, 12) as i64);
        let host = host_name(&mut rng);
        let span: i64 = 6 * 3600;
        let mut services: Vec<&Service> = SERVICES.iter().collect();
        rng.shuffle(&mut services);
        let mut pids = Pids(rng.range(1800, 9000));
        let mut log = Log {
            entries: Vec::new(),
            uptime_base: rng.range(40_000, 2_000_000) as f64,
        };
        let at = span / 3 + rng.below((span / 3) as u64) as i64;
        let mut prng = rng.fork(1);

        let victim = services[0];
        let (planted, explanation) = match self.fault {
            Fault::Oom => {
                let invoker = services[1];
                let pid = pids.next(&mut prng);
                let invoker_pid = pids.next(&mut prng);
                oom_block(
                    &mut log,
                    &mut prng,
                    at,
                    victim,
                    pid,
                    invoker,
                    invoker_pid,
                    &services[2..6],
                );
                let planted = match self.ask {
                    Ask::Process => text(victim.comm, Form::Text, vec![]),
                    Ask::Pid => text(&pid.to_string(), Form::Int, vec![]),
                    _ => text(
                        victim.name,
                        Form::Text,
                        vec![format!("{}.service", victim.name)],
                    ),
                };
                (
                    planted,
                    format!(
                        "The kernel killed {} (pid {pid}, {}.service) at {}; {} only invoked the OOM killer when it asked for memory.",
                        victim.comm,
                        victim.name,
                        hms(start, at),
                        invoker.comm
                    ),
                )
            }
            Fault::CrashLoop => {
                let restarts = prng.range(6, 30);
                crash_loop(&mut log, &mut prng, &mut pids, at, victim, restarts);
                let planted = match self.ask {
                    Ask::Restarts => Planted::Number {
                        value: restarts as f64,
                    },
                    _ => text(
                        victim.name,
                        Form::Text,
                        vec![format!("{}.service", victim.name)],
                    ),
                };
                (
                    planted,
                    format!(
                        "{}.service exited with status 1 and was restarted {restarts} times from {} until systemd gave up: {}",
                        victim.name,
                        hms(start, at),
                        victim.crash
                    ),
                )
            }
        };

        let mut drng = rng.fork(2);
        if self.decoys >= 1 {
            // A clean restart by a deploy.
            let s = services[6];
            let t = drng.below(span as u64) as i64;
            log.systemd(t, format!("Stopping {}.service - {}...", s.name, s.desc));
            log.unit(t + 2, s, "Deactivated successfully.");
            log.restarted(t + 2, t + 3, s);
            // An application's own out-of-memory complaint.
            let s = services[7];
            let pid = pids.next(&mut drng);
            for _ in 0..drng.range(2, 5) {
                let t = drng.below(span as u64) as i64;
                log.push(t, s.comm, pid, format!("ERROR Out of memory (cache resources exhausted) while processing upload-{}.png", drng.range(100, 999)));
            }
        }
        if self.decoys >= 2 {
            // An operator's SIGKILL after a stop timeout.
            let s = services[8];
            let t = drng.below(span as u64) as i64;
            log.systemd(t, format!("Stopping {}.service - {}...", s.name, s.desc));
            log.unit(t + 90, s, "State 'stop-sigterm' timed out. Killing.");
            log.systemd(
                t + 90,
                format!(
                    "{}.service: Killing process {} ({}) with signal SIGKILL.",
                    s.name,
                    pids.next(&mut drng),
                    s.comm
                ),
            );
            log.unit(t + 90, s, "Main process exited, code=killed, status=9/KILL");
            log.unit(t + 90, s, "Failed with result 'timeout'.");
            log.restarted(t + 91, t + 95, s);
        }
        if self.decoys >= 3 {
            // A service that failed once and came back.
            let s = services[9];
            let t = drng.below(span as u64) as i64;
            log.push(
                t,
                s.comm,
                pids.next(&mut drng),
                format!("FATAL: {}", s.crash),
            );
            log.unit(t, s, "Main process exited, code=exited, status=1/FAILURE");
            log.unit(t, s, "Failed with result 'exit-code'.");
            log.unit(t + 5, s, "Scheduled restart job, restart counter is at 1.");
            log.restarted(t + 5, t + 5, s);
        }
        let mut nrng = rng.fork(3);
        let want = (self.lines as usize).saturating_sub(log.entries.len());
        noise(&mut log, &mut nrng, &mut pids, &services, want, span);
        log.entries.sort_by_key(|e| e.t);
        let content = log.render(start, &host, self.format);
        Generated {
            files: vec![LabFile::text(self.file.clone(), content)],
            planted,
            explanation,
        }
    }
}

fn text(value: &str, form: Form, also: Vec<String>) -> Planted {
    Planted::Text {
        value: value.to_owned(),
        form,
        also,
    }
}

#[derive(Debug)]
struct Service {
    name: &'static str,
    desc: &'static str,
    comm: &'static str,
    uid: u32,
    crash: &'static str,
    info: &'static str,
}

const fn svc(
    name: &'static str,
    desc: &'static str,
    comm: &'static str,
    uid: u32,
    crash: &'static str,
    info: &'static str,
) -> Service {
    Service {
        name,
        desc,
        comm,
        uid,
        crash,
        info,
    }
}

/// Host services; process names (`comm`) are all different.
const SERVICES: [Service; 11] = [
    svc(
        "payments-api",
        "Payments API",
        "java",
        1001,
        "Caused by: java.net.ConnectException: Connection refused (db-1:5432)",
        "INFO  c.e.p.PaymentController - POST /payments 201 in 48ms",
    ),
    svc(
        "search-indexer",
        "Search indexer",
        "indexer",
        1002,
        "panic: open /var/lib/search/segments.lock: permission denied",
        "level=info msg=\"indexed batch\" docs=500 took=1.2s",
    ),
    svc(
        "report-worker",
        "Report worker",
        "python3",
        1003,
        "ModuleNotFoundError: No module named 'reportlab'",
        "INFO worker: rendered invoice batch (40 PDFs) in 3.1s",
    ),
    svc(
        "web-frontend",
        "Web frontend",
        "node",
        1004,
        "Error: listen EADDRINUSE: address already in use :::3000",
        "GET /products 200 12.331 ms - 18234",
    ),
    svc(
        "image-resizer",
        "Image resizer",
        "resizer",
        1005,
        "fatal: config /etc/resizer/resizer.toml: expected '=' at line 12",
        "resized upload.png 1200x800 -> 400x266 in 35ms",
    ),
    svc(
        "ledger-sync",
        "Ledger sync",
        "ledger-sync",
        1006,
        "config: cannot read /etc/ledger-sync/config.yaml: permission denied",
        "sync: 212 entries pushed, 0 conflicts",
    ),
    svc(
        "notifier",
        "Notification sender",
        "notifier",
        1007,
        "error: SMTP_PASSWORD is not set",
        "sent 14 notifications (email=9, push=5)",
    ),
    svc(
        "session-cache",
        "Session cache",
        "keydb-server",
        1008,
        "FATAL CONFIG FILE ERROR: Bad directive or wrong number of arguments",
        "DB saved on disk",
    ),
    svc(
        "metrics-agent",
        "Metrics agent",
        "telegraf",
        1009,
        "E! [telegraf] Error running agent: could not initialize output influxdb",
        "I! [outputs.influxdb] Wrote batch of 412 metrics in 21ms",
    ),
    svc(
        "geo-lookup",
        "GeoIP lookup service",
        "geoipd",
        1010,
        "could not open database /var/lib/geoip/GeoLite2-City.mmdb: no such file",
        "lookups=811 cache_hit=0.93",
    ),
    svc(
        "audit-shipper",
        "Audit log shipper",
        "shipper",
        1011,
        "tls: failed to verify certificate: x509: certificate has expired",
        "shipped 1000 events to audit.example.internal:6514",
    ),
];

struct Pids(u64);

impl Pids {
    fn next(&mut self, rng: &mut Rng) -> u64 {
        self.0 += rng.range(3, 400);
        self.0
    }
}

struct Entry {
    t: i64,
    ident: String,
    pid: u64,
    msg: String,
}

struct Log {
    entries: Vec<Entry>,
    uptime_base: f64,
}

impl Log {
    fn push(&mut self, t: i64, ident: &str, pid: u64, msg: String) {
        self.entries.push(Entry {
            t,
            ident: ident.to_owned(),
            pid,
            msg,
        });
    }

    /// A line from systemd (PID 1).
    fn systemd(&mut self, t: i64, msg: String) {
        self.push(t, "systemd", 1, msg);
    }

    /// systemd on one unit: `NAME.service: what`.
    fn unit(&mut self, t: i64, s: &Service, what: &str) {
        self.systemd(t, format!("{}.service: {what}", s.name));
    }

    /// The "Stopped" and "Started" pair that ends every restart of a unit.
    fn restarted(&mut self, stopped: i64, started: i64, s: &Service) {
        self.systemd(stopped, format!("Stopped {}.service - {}.", s.name, s.desc));
        self.systemd(started, format!("Started {}.service - {}.", s.name, s.desc));
    }

    fn kernel(&mut self, t: i64, frac: f64, msg: &str) {
        let stamp = self.uptime_base + t as f64 + frac;
        self.entries.push(Entry {
            t,
            ident: "kernel".to_owned(),
            pid: 0,
            msg: format!("[{stamp:>12.6}] {msg}"),
        });
    }

    fn render(&self, start: NaiveDateTime, host: &str, format: Format) -> String {
        let mut out = String::with_capacity(self.entries.len() * 110);
        for e in &self.entries {
            let t = start + chrono::Duration::seconds(e.t);
            let stamp = match format {
                Format::Syslog => t.format("%b %e %H:%M:%S").to_string(),
                Format::Journal => t.format("%Y-%m-%dT%H:%M:%S+0000").to_string(),
            };
            let ident = if e.pid == 0 {
                e.ident.clone()
            } else {
                format!("{}[{}]", e.ident, e.pid)
            };
            let msg = if format == Format::Journal && e.ident == "kernel" {
                e.msg
                    .split_once("] ")
                    .map_or(e.msg.as_str(), |(_, m)| m)
                    .to_owned()
            } else {
                e.msg.clone()
            };
            let _ = writeln!(out, "{stamp} {host} {ident}: {msg}");
        }
        out
    }
}

#[allow(clippy::too_many_arguments)]
fn oom_block(
    log: &mut Log,
    rng: &mut Rng,
    at: i64,
    victim: &Service,
    pid: u64,
    invoker: &Service,
    invoker_pid: u64,
    others: &[&Service],
) {
    let mut f = rng.unit() * 0.5;
    let mut k = |log: &mut Log, msg: String| {
        f += 0.000_031;
        log.kernel(at, f, &msg);
    };
    k(
        log,
        format!(
            "{} invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0",
            invoker.comm
        ),
    );
    k(
        log,
        format!(
            "CPU: {} PID: {invoker_pid} Comm: {} Not tainted 6.8.0-49-generic #49-Ubuntu",
            rng.below(8),
            invoker.comm
        ),
    );
    k(
        log,
        "Hardware name: Amazon EC2 m6i.xlarge/, BIOS 1.0 10/16/2017".to_owned(),
    );
    k(log, "Call Trace:".to_owned());
    for frame in [
        "dump_stack_lvl+0x48/0x70",
        "dump_header+0x4a/0x240",
        "oom_kill_process+0x108/0x1c0",
        "out_of_memory+0x246/0x590",
        "__alloc_pages_slowpath.constprop.0+0xcba/0xf20",
        "__alloc_pages+0x31f/0x350",
        "handle_mm_fault+0x18c/0x380",
    ] {
        k(log, format!(" {frame}"));
    }
    k(log, "Mem-Info:".to_owned());
    k(
        log,
        format!(
            "active_anon:{} inactive_anon:{} isolated_anon:0",
            rng.range(3_600_000, 3_900_000),
            rng.range(20_000, 90_000)
        ),
    );
    k(
        log,
        format!(
            "free:{} free_pcp:{} free_cma:0",
            rng.range(20_000, 34_000),
            rng.range(0, 900)
        ),
    );
    k(log, "Tasks state (memory values in pages):".to_owned());
    k(
        log,
        "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name"
            .to_owned(),
    );
    let mut rows: Vec<(u64, u32, u64, u64, &str)> = vec![(
        pid,
        victim.uid,
        rng.range(4_000_000, 5_000_000),
        rng.range(3_400_000, 3_700_000),
        victim.comm,
    )];
    rows.push((
        invoker_pid,
        invoker.uid,
        rng.range(300_000, 900_000),
        rng.range(90_000, 260_000),
        invoker.comm,
    ));
    for (i, o) in others.iter().enumerate() {
        rows.push((
            invoker_pid + 13 * (i as u64 + 1),
            o.uid,
            rng.range(50_000, 600_000),
            rng.range(8_000, 120_000),
            o.comm,
        ));
    }
    rows.sort_by_key(|r| r.0);
    for (p, uid, vm, rss, name) in &rows {
        k(
            log,
            format!(
                "[{p:>7}] {uid:>5} {p:>5} {vm:>8} {rss:>8} {:>14} {:>8} {:>13} {name}",
                rss * 8 + 4096,
                0,
                0
            ),
        );
    }
    k(
        log,
        format!(
            "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/{}.service,task={},pid={pid},uid={}",
            victim.name, victim.comm, victim.uid
        ),
    );
    k(
        log,
        format!(
            "Out of memory: Killed process {pid} ({}) total-vm:{}kB, anon-rss:{}kB, file-rss:0kB, shmem-rss:0kB, UID:{} pgtables:{}kB oom_score_adj:0",
            victim.comm,
            rng.range(16_000_000, 19_000_000),
            rng.range(13_500_000, 14_800_000),
            victim.uid,
            rng.range(20_000, 40_000)
        ),
    );
    log.unit(
        at + 1,
        victim,
        "A process of this unit has been killed by the OOM killer.",
    );
    log.unit(
        at + 1,
        victim,
        "Main process exited, code=killed, status=9/KILL",
    );
    log.unit(at + 1, victim, "Failed with result 'oom-kill'.");
    log.unit(at + 1, victim, "Consumed 3h 12min 41.312s CPU time.");
}

fn crash_loop(log: &mut Log, rng: &mut Rng, pids: &mut Pids, at: i64, s: &Service, restarts: u64) {
    let mut t = at;
    for n in 0..=restarts {
        let pid = pids.next(rng);
        log.push(t, s.comm, pid, "starting up".to_owned());
        log.push(t + 1, s.comm, pid, s.crash.to_owned());
        log.unit(
            t + 1,
            s,
            "Main process exited, code=exited, status=1/FAILURE",
        );
        log.unit(t + 1, s, "Failed with result 'exit-code'.");
        if n == restarts {
            log.unit(t + 6, s, "Start request repeated too quickly.");
            log.unit(t + 6, s, "Failed with result 'exit-code'.");
            log.systemd(
                t + 6,
                format!("Failed to start {}.service - {}.", s.name, s.desc),
            );
            break;
        }
        t += 6;
        log.systemd(
            t,
            format!(
                "{}.service: Scheduled restart job, restart counter is at {}.",
                s.name,
                n + 1
            ),
        );
        log.restarted(t, t, s);
        // Restarts are spaced by RestartSec plus a growing backoff the unit file sets.
        t += rng.range(5, 40) as i64;
    }
}

fn noise(
    log: &mut Log,
    rng: &mut Rng,
    pids: &mut Pids,
    services: &[&Service],
    n: usize,
    span: i64,
) {
    let running: Vec<(u64, &Service)> =
        services[1..].iter().map(|s| (pids.next(rng), *s)).collect();
    let users = ["deploy", "alice", "bob", "ci-runner"];
    let mut session = rng.range(100, 900);
    let mut i = 0;
    // Scheduled work happens on its schedule: cron jobs at their minute (cron logs them
    // a second after the minute starts, each in a new process whose PID grows with
    // time), the sysstat timer every 10 minutes, time sync at its 34-minute poll.
    let pid_base = pids.0;
    let pid_at = |t: i64, rng: &mut Rng| pid_base + t as u64 * 3 + rng.below(3);
    for minute in 0..span / 60 {
        let t = minute * 60;
        let m = minute % 60;
        for (job_minute, job) in CRON_JOBS {
            if job_minute.contains(&m) {
                log.push(
                    t + 1,
                    "CRON",
                    pid_at(t + 1, rng),
                    format!("(root) CMD ({job})"),
                );
                i += 1;
            }
        }
        if m % 10 == 0 {
            for msg in [
                "Starting sysstat-collect.service - system activity accounting tool...",
                "sysstat-collect.service: Deactivated successfully.",
                "Finished sysstat-collect.service - system activity accounting tool.",
            ] {
                log.systemd(t, msg.to_owned());
            }
            i += 3;
        }
    }
    let mut t = rng.below(2048) as i64;
    while t < span {
        log.push(
            t,
            "systemd-timesyncd",
            511,
            format!(
                "Contacted time server 169.254.169.123:123 (169.254.169.123). Offset {}ms",
                rng.range(1, 40)
            ),
        );
        i += 1;
        t += 2048;
    }
    while i < n {
        let t = rng.below(span as u64) as i64;
        match rng.below(20) {
            0 => {
                let user = *rng.pick(&users);
                session += 1;
                let p = pid_at(t, rng);
                log.push(
                    t,
                    "sshd",
                    p,
                    format!(
                        "Accepted publickey for {user} from {} port {} ssh2: ED25519 SHA256:{}",
                        rng.private_ip(),
                        rng.range(40_000, 65_000),
                        fingerprint(rng)
                    ),
                );
                log.push(
                    t,
                    "systemd-logind",
                    612,
                    format!("New session {session} of user {user}."),
                );
                log.systemd(
                    t,
                    format!("Started session-{session}.scope - Session {session} of User {user}."),
                );
                log.push(
                    t + rng.range(30, 900) as i64,
                    "systemd-logind",
                    612,
                    format!("Session {session} logged out. Waiting for processes to exit."),
                );
                i += 4;
            }
            _ => {
                let (pid, s) = rng.pick(&running);
                log.push(t, s.comm, *pid, s.info.to_owned());
                i += 1;
            }
        }
    }
}

/// The host's cron jobs: (minutes of the hour, command), as its crontabs schedule them.
const CRON_JOBS: [(&[i64], &str); 3] = [
    (&[17], "cd / && run-parts --report /etc/cron.hourly"),
    (
        &[9, 39],
        "[ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi",
    ),
    (&[45], "/usr/local/bin/backup-config.sh"),
];

fn fingerprint(rng: &mut Rng) -> String {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    (0..43)
        .map(|_| B64[rng.below(64) as usize] as char)
        .collect()
}

fn hms(start: NaiveDateTime, t: i64) -> String {
    (start + chrono::Duration::seconds(t))
        .format("%H:%M:%S")
        .to_string()
}
