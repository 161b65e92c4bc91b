//! A filesystem tree whose disk use is dominated by one runaway log. The big files are
//! sparse: their size is real to `ls -l`, `find -size` and `du --apparent-size`, but
//! they take no disk.
//!
//! Decoys: a database whose folder adds up to a lot in 1 GiB segments, a folder of many
//! rotated logs, a downloaded image, and (decoys: 3) a virtual machine disk bigger than
//! the runaway log (so "the biggest file" is not the answer when the question asks
//! for the log).

use super::{Generated, distinct};
use crate::lab::answer::{Form, Planted, Shape};
use crate::lab::params::Reader;
use crate::lab::rng::Rng;
use crate::lab::writer::{LabFile, RelPath};

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

    #[must_use]
    pub fn shape(&self) -> Shape {
        match self.ask {
            Ask::Path => Shape::Text,
            Ask::SizeGib => Shape::Number,
        }
    }

    #[must_use]
    pub fn generate(&self, rng: &Rng) -> Generated {
        let mut files: Vec<LabFile> = Vec::new();
        let mut prng = rng.fork(1);
        let (runaway, line) = *prng.pick(&RUNAWAY);
        let runaway = runaway.replace("{hash}", &hex(&mut prng, 64));
        let size = self.size_gib * GIB + prng.below(GIB) / MIB * MIB;
        let mut head = String::new();
        for i in 0..12 {
            head.push_str(&line.replace("{n}", &(1_000 + i * 7).to_string()));
            head.push('\n');
        }
        files.push(sparse(&runaway, head.into_bytes(), size));

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
            let name = format!("{dir}/{}-{:04}.{ext}", stem(&mut nrng), i);
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
    }
}

fn hex(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b"0123456789abcdef"[rng.below(16) as usize]))
        .collect()
}

fn stem(rng: &mut Rng) -> &'static str {
    const STEMS: [&str; 10] = [
        "cache", "data", "report", "export", "session", "chunk", "thumb", "index", "blob", "part",
    ];
    STEMS[rng.below(STEMS.len() as u64) as usize]
}

/// Where the runaway log may be, and the line it repeats.
const RUNAWAY: [(&str, &str); 6] = [
    (
        "opt/billing/logs/debug.log",
        "2026-01-05 10:00:00,{n} DEBUG [pool-3-thread-7] c.e.b.InvoiceRetry - retrying invoice 88123 (attempt {n})",
    ),
    (
        "var/lib/docker/containers/{hash}/{hash}-json.log",
        "{\"log\":\"WARN upstream connect error, retrying in 0ms (attempt {n})\\n\",\"stream\":\"stderr\",\"time\":\"2026-01-05T10:00:00.{n}Z\"}",
    ),
    (
        "home/deploy/nohup.out",
        "[worker] poll: queue empty, sleeping 0s (iteration {n})",
    ),
    (
        "srv/shop/storage/logs/laravel.log",
        "[2026-01-05 10:00:00] production.ERROR: SQLSTATE[HY000] [2002] Connection refused (attempt {n})",
    ),
    (
        "var/log/app/worker.out",
        "Traceback (most recent call last): ... ConnectionResetError: [Errno 104] Connection reset by peer ({n})",
    ),
    (
        "var/log/sync-agent/trace.log",
        "TRACE sync.agent: heartbeat ok seq={n} lag=0ms",
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
