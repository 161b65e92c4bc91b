//! `ps -eo pid,ppid,user,stat,pcpu,pmem,vsz,rss,etime,args` snapshots of a busy host
//! with a zombie-producing parent, a fork storm, or (over several snapshots) a leak.
//!
//! Decoys: a pool master with many healthy workers, a process busy at 180% CPU, a
//! stray zombie under another parent, a zombie named like the guilty parent, the
//! biggest (but steady) process, and a sawtooth garbage-collected heap.

use std::fmt::Write;

use super::{Generated, Plant, start_time};
use crate::lab::answer::{Form, Planted, Shape};
use crate::lab::params::Reader;
use crate::lab::writer::{LabFile, RelPath};
use crate::rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Zombies,
    ForkStorm,
    Leak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Pid,
    Count,
}

#[derive(Debug, Clone)]
pub struct Params {
    pub fault: Fault,
    pub ask: Ask,
    pub processes: u64,
    pub decoys: u64,
    pub snapshots: u64,
    pub dir: Option<RelPath>,
}

impl Params {
    pub fn read(r: &mut Reader) -> Self {
        let fault = r.choice(
            "fault",
            &[
                ("zombies", Fault::Zombies),
                ("fork-storm", Fault::ForkStorm),
                ("leak", Fault::Leak),
            ],
            Fault::Zombies,
        );
        let ask = r.choice("ask", &[("pid", Ask::Pid), ("count", Ask::Count)], Ask::Pid);
        if fault == Fault::Leak && ask == Ask::Count {
            r.conflict(
                "ask",
                "a leak lab asks for the `pid`; `count` is for zombies and fork storms".to_owned(),
            );
        }
        let snapshots = r.int("snapshots", 1, 8, if fault == Fault::Leak { 3 } else { 1 });
        if fault == Fault::Leak && snapshots < 3 {
            r.conflict(
                "snapshots",
                "a leak shows only across snapshots; use `snapshots: 3` or more".to_owned(),
            );
        }
        let dir = r.path("dir", "snapshots");
        Self {
            fault,
            ask,
            processes: r.int("processes", 60, 3000, 160),
            decoys: r.int("decoys", 0, 3, 1),
            snapshots,
            dir: Some(dir),
        }
    }
}

impl Plant for Params {
    fn shape(&self) -> Shape {
        match self.ask {
            Ask::Pid => Shape::Text,
            Ask::Count => Shape::Number,
        }
    }

    fn generate(&self, mut rng: Rng) -> Generated {
        let start = start_time(&mut rng) + chrono::Duration::hours(rng.range(9, 17) as i64);
        let mut table = Table::base(&mut rng.fork(1), self.processes as usize);
        let mut prng = rng.fork(2);
        let mut drng = rng.fork(3);
        let (pid, count, story) = match self.fault {
            Fault::Zombies => {
                let (name, args) = *prng.pick(&DISPATCHERS);
                let parent = table.spawn(
                    &mut prng,
                    1,
                    "svc-jobs",
                    "Sl",
                    &args.replace("{}", name),
                    0.3,
                    180_000,
                );
                let n = prng.range(18, 140) as usize;
                for _ in 0..n {
                    table.zombie(&mut prng, parent, "svc-jobs", name);
                }
                if self.decoys >= 1 {
                    let sshd = table.find("sshd: /usr/sbin/sshd");
                    table.zombie(&mut drng, sshd, "root", "sshd");
                }
                if self.decoys >= 2 {
                    // A zombie named like the guilty parent, under a shell.
                    let shell = table.spawn(&mut drng, 1, "deploy", "Ss", "-bash", 0.0, 5200);
                    table.zombie(&mut drng, shell, "deploy", &name.replace(".py", ""));
                }
                (
                    parent,
                    n,
                    format!(
                        "{parent} keeps forking workers and never waits for them: {n} children are left as <defunct> zombies. Killing the zombies does nothing; the parent must reap them or be restarted."
                    ),
                )
            }
            Fault::ForkStorm => {
                let parent = table.spawn(
                    &mut prng,
                    1,
                    "backup",
                    "Ss",
                    "/bin/bash /usr/local/bin/retry-upload.sh --forever",
                    0.1,
                    4100,
                );
                let n = (prng.range(120, 480) + self.processes / 3) as usize;
                for i in 0..n {
                    let args = format!(
                        "curl -sS --retry 0 -T /data/outbox/batch-{:05}.tar https://archive.example.net/upload",
                        4000 + i
                    );
                    table.spawn(&mut prng, parent, "backup", "S", &args, 0.4, 9800);
                }
                (
                    parent,
                    n,
                    format!(
                        "{parent} (retry-upload.sh) starts a new curl for every retry without waiting: {n} uploads are running at once."
                    ),
                )
            }
            Fault::Leak => {
                let parent = table.spawn(
                    &mut prng,
                    1,
                    "www-data",
                    "Ssl",
                    "node /srv/storefront/server.js --port 3000",
                    6.5,
                    410_000,
                );
                (
                    parent,
                    0,
                    format!(
                        "{parent} (node server.js) grows by hundreds of MiB between snapshots and never gives memory back: a leak. The JVM is the biggest process, but its heap rises and falls with garbage collection."
                    ),
                )
            }
        };
        if self.decoys >= 1 {
            // A pool master with healthy workers, and a busy single process.
            let master = table.spawn(
                &mut drng,
                1,
                "root",
                "Ss",
                "gunicorn: master [shop.wsgi:application]",
                0.0,
                38_000,
            );
            for _ in 0..drng.range(16, 32) {
                table.spawn(
                    &mut drng,
                    master,
                    "www-data",
                    "S",
                    "gunicorn: worker [shop.wsgi:application]",
                    1.2,
                    96_000,
                );
            }
        }
        if self.decoys >= 3 {
            let make = table.spawn(&mut drng, 1, "ci", "S+", "make -j16 all", 0.0, 3_900);
            for i in 0..16 {
                let args =
                    format!("/usr/lib/gcc/x86_64-linux-gnu/13/cc1 -quiet src/module_{i:02}.c -O2");
                table.spawn(&mut drng, make, "ci", "R+", &args, 97.0, 120_000);
            }
        }

        let dir = self
            .dir
            .clone()
            .unwrap_or_else(|| RelPath::known("snapshots"));
        let mut files = Vec::new();
        let snapshots = if self.fault == Fault::Leak {
            self.snapshots.max(3)
        } else {
            self.snapshots
        };
        let mut srng = rng.fork(4);
        let big = table.biggest();
        let sawtooth = table.find("java");
        for s in 0..snapshots {
            let at = start + chrono::Duration::minutes(10 * s as i64);
            if s > 0 {
                table.tick(&mut srng, 600);
                if self.fault == Fault::Leak {
                    table.grow(pid, srng.range(180_000, 420_000));
                    let swing = if s % 2 == 1 { 350_000 } else { -300_000 };
                    table.shift(sawtooth, swing);
                    table.shift(big, srng.range(0, 2000) as i64 - 1000);
                }
            }
            let name = format!("ps-{}.txt", at.format("%H%M"));
            files.push(LabFile::text(dir.child(&name), table.render()));
        }
        let planted = match self.ask {
            Ask::Pid => Planted::Text {
                value: pid.to_string(),
                form: Form::Int,
                also: vec![],
            },
            Ask::Count => Planted::Number {
                value: count as f64,
            },
        };
        Generated {
            files,
            planted,
            explanation: story,
        }
    }
}

const DISPATCHERS: [(&str, &str); 3] = [
    (
        "dispatcher.py",
        "/usr/bin/python3 /opt/jobs/{} --queue reports",
    ),
    ("fanout.py", "/usr/bin/python3 /opt/notify/{} --workers 4"),
    (
        "pdfgen.py",
        "/usr/bin/python3 /srv/billing/{} --watch /srv/billing/inbox",
    ),
];

const TOTAL_KB: f64 = 16.0 * 1024.0 * 1024.0;

#[derive(Clone)]
struct Proc {
    pid: u64,
    ppid: u64,
    user: String,
    stat: String,
    cpu: f64,
    vsz: u64,
    rss: u64,
    age: u64,
    args: String,
}

struct Table {
    procs: Vec<Proc>,
    next_pid: u64,
}

impl Table {
    fn base(rng: &mut Rng, want: usize) -> Self {
        let mut t = Table {
            procs: Vec::new(),
            next_pid: 1,
        };
        let uptime = rng.range(3, 90) * 86_400 + rng.below(86_400);
        t.add(
            rng,
            0,
            "root",
            "Ss",
            "/sbin/init splash",
            0.0,
            13_000,
            uptime,
        );
        t.next_pid = 2;
        let kthreadd = t.add(rng, 0, "root", "S", "[kthreadd]", 0.0, 0, uptime);
        for name in [
            "rcu_gp",
            "rcu_par_gp",
            "slub_flushwq",
            "netns",
            "mm_percpu_wq",
            "rcu_tasks_kthread",
            "rcu_sched",
            "migration/0",
            "idle_inject/0",
            "cpuhp/0",
            "kdevtmpfs",
            "inet_frag_wq",
            "kauditd",
            "khungtaskd",
            "oom_reaper",
            "writeback",
            "kcompactd0",
            "ksmd",
            "khugepaged",
            "kintegrityd",
            "kblockd",
            "blkcg_punt_bio",
            "watchdogd",
            "kswapd0",
            "ecryptfs-kthread",
            "kthrotld",
            "jbd2/nvme0n1p1-8",
            "ext4-rsv-conver",
        ] {
            t.add(
                rng,
                kthreadd,
                "root",
                "I<",
                &format!("[{name}]"),
                0.0,
                0,
                uptime,
            );
        }
        for cpu in 0..4 {
            t.add(
                rng,
                kthreadd,
                "root",
                "S",
                &format!("[ksoftirqd/{cpu}]"),
                0.0,
                0,
                uptime,
            );
            let age = rng.range(60, 5000);
            t.add(
                rng,
                kthreadd,
                "root",
                "I",
                &format!("[kworker/{cpu}:1-events]"),
                0.0,
                0,
                age,
            );
        }
        t.next_pid += rng.range(100, 300);
        let services: [(&str, &str, &str, f64, u64); 14] = [
            ("root", "Ss", "/lib/systemd/systemd-journald", 0.0, 48_000),
            ("root", "Ss", "/lib/systemd/systemd-udevd", 0.0, 7_400),
            (
                "systemd+",
                "Ss",
                "/lib/systemd/systemd-networkd",
                0.0,
                8_900,
            ),
            (
                "systemd+",
                "Ss",
                "/lib/systemd/systemd-resolved",
                0.0,
                13_600,
            ),
            ("root", "Ss", "/usr/sbin/cron -f -P", 0.0, 2_900),
            (
                "messagebus",
                "Ss",
                "@dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only",
                0.0,
                5_100,
            ),
            ("syslog", "Ssl", "/usr/sbin/rsyslogd -n -iNONE", 0.0, 6_200),
            ("root", "Ssl", "/usr/bin/containerd", 0.3, 52_000),
            (
                "root",
                "Ss",
                "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups",
                0.0,
                9_300,
            ),
            (
                "root",
                "Ss+",
                "/sbin/agetty -o -p -- \\u --noclear tty1 linux",
                0.0,
                1_900,
            ),
            (
                "postgres",
                "Ss",
                "/usr/lib/postgresql/16/bin/postgres -D /var/lib/postgresql/16/main -c config_file=/etc/postgresql/16/main/postgresql.conf",
                0.1,
                31_000,
            ),
            (
                "redis",
                "Ssl",
                "/usr/bin/redis-server 127.0.0.1:6379",
                0.4,
                14_800,
            ),
            (
                "root",
                "Ss",
                "nginx: master process /usr/sbin/nginx -g daemon on; master_process on;",
                0.0,
                2_600,
            ),
            (
                "app",
                "Ssl",
                "java -Xms4g -Xmx6g -jar /opt/inventory/inventory-service.jar",
                184.0,
                4_900_000,
            ),
        ];
        for (user, stat, args, cpu, rss) in services {
            let age = uptime - rng.range(10, 200);
            let pid = t.add(rng, 1, user, stat, args, cpu, rss, age);
            if args.starts_with("nginx") {
                for _ in 0..4 {
                    t.add(
                        rng,
                        pid,
                        "www-data",
                        "S",
                        "nginx: worker process",
                        0.3,
                        9_800,
                        uptime - 300,
                    );
                }
            }
            if args.contains("postgres -D") {
                for name in [
                    "checkpointer",
                    "background writer",
                    "walwriter",
                    "autovacuum launcher",
                    "logical replication launcher",
                ] {
                    t.add(
                        rng,
                        pid,
                        "postgres",
                        "Ss",
                        &format!("postgres: 16/main: {name}"),
                        0.0,
                        9_000,
                        uptime - 300,
                    );
                }
                for _ in 0..rng.range(4, 10) {
                    let args = format!(
                        "postgres: 16/main: app shop {}(52{}) idle",
                        rng.private_ip(),
                        rng.range(100, 999)
                    );
                    let age = rng.range(100, 80_000);
                    t.add(rng, pid, "postgres", "Ss", &args, 0.1, 26_000, age);
                }
            }
        }
        // Interactive sessions and odd jobs up to the wanted size.
        let listener = t.find("sshd: /usr/sbin/sshd");
        while t.procs.len() < want {
            let user = *rng.pick(&["deploy", "alice", "bob"]);
            let age = rng.range(60, 40_000);
            let sshd = t.add(
                rng,
                listener,
                "root",
                "Ss",
                &format!("sshd: {user} [priv]"),
                0.0,
                11_000,
                age,
            );
            let args = format!("sshd: {user}@pts/{}", rng.below(9));
            let pty = t.add(rng, sshd, user, "S", &args, 0.0, 7_000, age);
            let bash = t.add(rng, pty, user, "Ss", "-bash", 0.0, 5_400, age);
            let tool = *rng.pick(&[
                "vim /etc/nginx/sites-enabled/shop",
                "tail -F /var/log/nginx/error.log",
                "htop",
                "less /var/log/syslog",
                "watch -n1 df -h",
                "journalctl -fu inventory",
            ]);
            let age = rng.range(10, 3_000);
            t.add(rng, bash, user, "S+", tool, 0.1, 4_000, age);
        }
        t
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        rng: &mut Rng,
        ppid: u64,
        user: &str,
        stat: &str,
        args: &str,
        cpu: f64,
        rss: u64,
        age: u64,
    ) -> u64 {
        let pid = self.next_pid;
        self.next_pid += rng.range(1, 40);
        // A child starts after its parent: never older than it.
        let age = match self.procs.iter().find(|p| p.pid == ppid) {
            Some(parent) if age > parent.age => {
                parent.age.saturating_sub(rng.below(parent.age / 4 + 1))
            }
            _ => age,
        };
        let rss = if rss == 0 {
            0
        } else {
            (rss as f64 * rng.around(1.0, 0.2)) as u64
        };
        let vsz = if rss == 0 {
            0
        } else {
            rss * rng.range(2, 6) + 1_024
        };
        self.procs.push(Proc {
            pid,
            ppid,
            user: user.to_owned(),
            stat: stat.to_owned(),
            cpu: if cpu == 0.0 {
                0.0
            } else {
                rng.around(cpu, 0.2)
            },
            vsz,
            rss,
            age,
            args: args.to_owned(),
        });
        pid
    }

    #[allow(clippy::too_many_arguments)]
    fn spawn(
        &mut self,
        rng: &mut Rng,
        ppid: u64,
        user: &str,
        stat: &str,
        args: &str,
        cpu: f64,
        rss: u64,
    ) -> u64 {
        let age = rng.range(20, 20_000);
        self.add(rng, ppid, user, stat, args, cpu, rss, age)
    }

    fn zombie(&mut self, rng: &mut Rng, ppid: u64, user: &str, name: &str) {
        let age = rng.range(5, 9_000);
        self.add(
            rng,
            ppid,
            user,
            "Z",
            &format!("[{name}] <defunct>"),
            0.0,
            0,
            age,
        );
    }

    fn find(&self, prefix: &str) -> u64 {
        self.procs
            .iter()
            .find(|p| p.args.starts_with(prefix))
            .map_or(1, |p| p.pid)
    }

    fn biggest(&self) -> u64 {
        self.procs.iter().max_by_key(|p| p.rss).map_or(1, |p| p.pid)
    }

    fn tick(&mut self, rng: &mut Rng, secs: u64) {
        for p in &mut self.procs {
            p.age += secs;
            if p.rss > 0 {
                let jitter = rng.range(0, 600) as i64 - 300;
                p.rss = (p.rss as i64 + jitter).max(1_000) as u64;
            }
        }
    }

    fn grow(&mut self, pid: u64, kb: u64) {
        if let Some(p) = self.procs.iter_mut().find(|p| p.pid == pid) {
            p.rss += kb;
            p.vsz += kb;
        }
    }

    fn shift(&mut self, pid: u64, kb: i64) {
        if let Some(p) = self.procs.iter_mut().find(|p| p.pid == pid) {
            p.rss = (p.rss as i64 + kb).max(1_000) as u64;
        }
    }

    fn render(&self) -> String {
        let mut out = String::with_capacity(self.procs.len() * 100);
        let _ = writeln!(
            out,
            "    PID    PPID USER     STAT %CPU %MEM    VSZ   RSS     ELAPSED COMMAND"
        );
        let mut procs: Vec<&Proc> = self.procs.iter().collect();
        procs.sort_by_key(|p| p.pid);
        for p in procs {
            let user: String = p.user.chars().take(8).collect();
            let _ = writeln!(
                out,
                "{:>7} {:>7} {user:<8} {:<4} {:>4.1} {:>4.1} {:>6} {:>5} {:>11} {}",
                p.pid,
                p.ppid,
                p.stat,
                p.cpu,
                p.rss as f64 / TOTAL_KB * 100.0,
                p.vsz,
                p.rss,
                etime(p.age),
                p.args
            );
        }
        out
    }
}

fn etime(secs: u64) -> String {
    let (d, h, m, s) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60, secs % 60);
    if d > 0 {
        format!("{d}-{h:02}:{m:02}:{s:02}")
    } else if h > 0 {
        format!("{h:02}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}
