//! A filesystem tree whose disk use is dominated by one runaway log. The big files are
//! sparse: their size is real to `ls -l`, `find -size` and `du --apparent-size`, but
//! they take no disk.
//!
//! Decoys: a database whose folder adds up to a lot in 1 GiB segments, a folder of many
//! rotated logs, a downloaded image, and (decoys: 3) a virtual machine disk bigger than
//! the runaway log (so "the biggest file" is not the answer when the question asks
//! for the log).

use super::{Generated, Plant, distinct};
use crate::lab::answer::{Form, Planted, Shape};
use crate::lab::params::Reader;
use crate::lab::writer::{LabFile, RelPath};
use crate::rng::Rng;

const GIB: u64 = 1024 * 1024 * 1024;
const MIB: u64 = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Path,
    SizeGib,
}

#[derive(Debug, Clone)]
pub struct Params {
    pub ask: Ask,
    pub files: u64,
    pub decoys: u64,
    pub size_gib: u64,
}

impl Params {
    pub fn read(r: &mut Reader) -> Self {
        Self {
            ask: r.choice(
                "ask",
                &[("path", Ask::Path), ("size-gib", Ask::SizeGib)],
                Ask::Path,
            ),
            files: r.int("files", 40, 5000, 300),
            decoys: r.int("decoys", 0, 3, 1),
            size_gib: r.int("size_gib", 5, 400, 40),
        }
    }
}

impl Plant for Params {
    fn shape(&self) -> Shape {
        match self.ask {
            Ask::Path => Shape::Text,
            Ask::SizeGib => Shape::Number,
        }
    }

    fn generate(&self, rng: Rng) -> Generated {
        let mut files: Vec<LabFile> = Vec::new();
        let mut prng = rng.fork(1);
        let (runaway, line, stamp) = *prng.pick(&RUNAWAY);
        let runaway = runaway.replace("{hash}", &hex(&mut prng, 64));
        let size = self.size_gib * GIB + prng.below(GIB) / MIB * MIB;
        // The log began days ago and is still being written: the first lines at its
        // start, the last ones (what `tail` shows) today, attempts counted throughout.
        let began = chrono::NaiveDate::from_ymd_opt(2026, 1, 5)
            .and_then(|d| d.and_hms_opt(prng.range(0, 23) as u32, prng.range(0, 59) as u32, 0))
            .unwrap_or_default();
        let lines_written = size / (line.len() as u64 + 1);
        let now = began + chrono::Duration::days(prng.range(3, 20) as i64);
        let mut head = String::new();
        let mut tail = String::new();
        for (text, from, first_n) in [
            (&mut head, began, 1),
            (&mut tail, now, lines_written.saturating_sub(12)),
        ] {
            let mut t = from;
            for n in first_n..first_n + 12 {
                t += chrono::Duration::milliseconds(prng.range(2, 400) as i64);
                let stamped = line
                    .replace("{t}", &t.format(stamp).to_string())
                    .replace("{n}", &n.to_string());
                text.push_str(&stamped);
                text.push('\n');
            }
        }
        let mut log = sparse(&runaway, head.into_bytes(), size);
        log.tail = tail.into_bytes();
        files.push(log);

        let mut drng = rng.fork(2);
        if self.decoys >= 1 {
            // A database: many 1 GiB segments, together a big folder.
            let segments = (self.size_gib * 6 / 10).clamp(3, 300);
            let base = drng.range(16_384, 17_000);
            for i in 0..segments {
                let name = if i == 0 {
                    format!("var/lib/postgresql/16/main/base/{base}/{}", 24_576 + base)
                } else {
                    format!(
                        "var/lib/postgresql/16/main/base/{base}/{}.{i}",
                        24_576 + base
                    )
                };
                files.push(sparse(&name, Vec::new(), GIB));
            }
            // Many rotated logs, each small.
            for i in 1..=drng.range(20, 52) {
                let name = format!("var/log/nginx/access.log.{i}");
                files.push(sparse(
                    &name,
                    b"10.0.0.7 - - [01/Jan/2026:00:00:01 +0000] \"GET / HTTP/1.1\" 200 612\n"
                        .to_vec(),
                    drng.range(40, 140) * MIB,
                ));
            }
        }
        if self.decoys >= 2 {
            files.push(sparse(
                "home/alice/Downloads/ubuntu-24.04.1-desktop-amd64.iso",
                Vec::new(),
                6_203_355_136,
            ));
            files.push(sparse(
                "var/lib/docker/overlay2/l/base.tar",
                Vec::new(),
                drng.range(2, 4) * GIB,
            ));
        }
        if self.decoys >= 3 {
            let vm = self.size_gib * GIB + GIB * drng.range(8, 30);
            files.push(sparse(
                "var/lib/libvirt/images/build-runner.qcow2",
                b"QFI\xfb".to_vec(),
                vm,
            ));
        }

        let mut nrng = rng.fork(3);
        let dirs = distinct(&mut nrng, &NOISE_DIRS, NOISE_DIRS.len());
        let mut i = 0u64;
        while (files.len() as u64) < self.files {
            let (dir, ext, kb) = dirs[(i as usize) % dirs.len()];
            i += 1;
            let mut name = format!("{dir}/{}", filler_name(&mut nrng, dir, ext));
            if files.iter().any(|f| f.path.as_str() == name) {
                name = format!("{name}.{i}");
            }
            let len = nrng.range(kb / 4 + 1, kb * 2) * 1024;
            let content = if ext == "log" || ext == "txt" || ext == "conf" {
                format!("# {name}\n").into_bytes()
            } else {
                Vec::new()
            };
            files.push(sparse(&name, content, len));
        }
        for (path, text) in SMALL {
            files.push(LabFile::text(
                RelPath::known((*path).to_owned()),
                (*text).to_owned(),
            ));
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));

        let planted = match self.ask {
            Ask::Path => Planted::Text {
                value: runaway.clone(),
                form: Form::Path,
                also: vec![],
            },
            Ask::SizeGib => Planted::Number {
                value: (size as f64 / GIB as f64 * 10.0).round() / 10.0,
            },
        };
        Generated {
            files,
            planted,
            explanation: format!(
                "{runaway} is {:.1} GiB: a log that is never rotated. Plain `du` shows little because the lab's files are sparse; `du --apparent-size`, `ls -lS` or `find -size +1G` show it.",
                size as f64 / GIB as f64
            ),
        }
    }
}

fn sparse(path: &str, content: Vec<u8>, len: u64) -> LabFile {
    LabFile {
        path: RelPath::known(path.to_owned()),
        content,
        sparse_len: Some(len),
        tail: Vec::new(),
    }
}

fn hex(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b"0123456789abcdef"[rng.below(16) as usize]))
        .collect()
}

/// A name such a folder really holds: package files, camera uploads, hashed caches.
fn filler_name(rng: &mut Rng, dir: &str, ext: &str) -> String {
    const PACKAGES: [&str; 12] = [
        "libssl3",
        "openssl",
        "curl",
        "libcurl4",
        "python3.11",
        "nginx-common",
        "tzdata",
        "linux-image-6.1.0-28-amd64",
        "libc6",
        "postgresql-client-16",
        "git",
        "vim-runtime",
    ];
    const JARS: [&str; 8] = [
        "jackson-databind",
        "guava",
        "netty-handler",
        "slf4j-api",
        "logback-classic",
        "postgresql",
        "commons-lang3",
        "micrometer-core",
    ];
    const LOGS: [&str; 6] = [
        "syslog",
        "kern.log",
        "auth.log",
        "dpkg.log",
        "daemon.log",
        "messages",
    ];
    const CERTS: [&str; 6] = [
        "ISRG_Root_X1",
        "DigiCert_Global_Root_G2",
        "GlobalSign_Root_CA",
        "Amazon_Root_CA_1",
        "USERTrust_RSA_Certification_Authority",
        "Baltimore_CyberTrust_Root",
    ];
    let version = |rng: &mut Rng| {
        format!(
            "{}.{}.{}",
            rng.range(1, 9),
            rng.range(0, 30),
            rng.range(0, 12)
        )
    };
    match ext {
        "deb" => format!("{}_{}-1_amd64.deb", rng.pick(&PACKAGES), version(rng)),
        "txt" => format!(
            "deb.debian.org_debian_dists_bookworm{}_main_binary-amd64_Packages",
            rng.pick(&["", "-updates", "-backports"])
        ),
        "gz" if dir.starts_with("var/backups") => {
            format!(
                "{}.{}.gz",
                rng.pick(&["dpkg.status", "apt.extended_states", "passwd", "group"]),
                rng.range(1, 9)
            )
        }
        "gz" => format!("{}.changelog.Debian.gz", rng.pick(&PACKAGES)),
        "jpg" => format!("IMG_{:04}.jpg", rng.range(1, 9999)),
        "png" => format!(
            "Screenshot_2025-12-{:02}_{}.png",
            rng.range(1, 31),
            hex(rng, 6)
        ),
        "pack" => format!("{}.pack", hex(rng, 20)),
        "bin" => hex(rng, 56),
        "jar" => format!("{}-{}.jar", rng.pick(&JARS), version(rng)),
        "journal" => format!(
            "system@{}-{}-{}.journal",
            hex(rng, 32),
            hex(rng, 16),
            hex(rng, 16)
        ),
        "log" => format!("{}.{}.gz", rng.pick(&LOGS), rng.range(2, 14)),
        "tmp" => format!("tmp.{}", hex(rng, 10)),
        "pem" => format!("{}.pem", rng.pick(&CERTS)),
        "conf" => format!(
            "{}.conf",
            rng.pick(&["billing", "invoices", "payments", "logging", "cron", "smtp"])
        ),
        _ => format!("{}.{ext}", hex(rng, 12)),
    }
}

/// Where the runaway log may be, the line it repeats (`{t}` its time, `{n}` a count),
/// and the time format of that line.
const RUNAWAY: [(&str, &str, &str); 6] = [
    (
        "opt/billing/logs/debug.log",
        "{t} DEBUG [pool-3-thread-7] c.e.b.InvoiceRetry - retrying invoice 88123 (attempt {n})",
        "%Y-%m-%d %H:%M:%S,%3f",
    ),
    (
        "var/lib/docker/containers/{hash}/{hash}-json.log",
        "{\"log\":\"WARN upstream connect error, retrying in 0ms (attempt {n})\\n\",\"stream\":\"stderr\",\"time\":\"{t}Z\"}",
        "%Y-%m-%dT%H:%M:%S%.9f",
    ),
    (
        "home/deploy/nohup.out",
        "{t} [worker] poll: queue empty, sleeping 0s (iteration {n})",
        "%H:%M:%S%.3f",
    ),
    (
        "srv/shop/storage/logs/laravel.log",
        "[{t}] production.ERROR: SQLSTATE[HY000] [2002] Connection refused (attempt {n})",
        "%Y-%m-%d %H:%M:%S",
    ),
    (
        "var/log/app/worker.out",
        "{t} ERROR worker: ConnectionResetError: [Errno 104] Connection reset by peer (retry {n})",
        "%Y-%m-%d %H:%M:%S,%3f",
    ),
    (
        "var/log/sync-agent/trace.log",
        "time={t} level=trace msg=\"heartbeat ok\" seq={n} lag=0ms",
        "%Y-%m-%dT%H:%M:%S%.3fZ",
    ),
];

/// Ordinary folders: (path, extension, typical size in KiB).
const NOISE_DIRS: [(&str, &str, u64); 14] = [
    ("var/cache/apt/archives", "deb", 900),
    ("var/lib/apt/lists", "txt", 300),
    ("usr/share/doc/packages", "gz", 8),
    ("srv/uploads/2025/11", "jpg", 700),
    ("srv/uploads/2025/12", "png", 400),
    ("home/alice/projects/site/node_modules/.cache", "pack", 600),
    ("home/bob/.cache/pip/http", "bin", 150),
    ("opt/billing/lib", "jar", 2200),
    (
        "var/log/journal/3f2a9c1d8e7b4a60b1c2d3e4f5a6b7c8",
        "journal",
        16_384,
    ),
    ("var/log", "log", 400),
    ("tmp", "tmp", 60),
    ("etc/ssl/certs", "pem", 2),
    ("var/backups", "gz", 3_000),
    ("opt/billing/conf", "conf", 4),
];

const SMALL: [(&str, &str); 3] = [
    (
        "etc/fstab",
        "UUID=2f3c9a4e-1b7d-4c8e-9a0f-5d6e7f8a9b0c /  ext4  defaults,discard  0 1\n",
    ),
    ("etc/hostname", "billing-01\n"),
    (
        "etc/logrotate.d/billing",
        "/opt/billing/logs/app.log {\n    daily\n    rotate 14\n    compress\n    missingok\n}\n",
    ),
];
