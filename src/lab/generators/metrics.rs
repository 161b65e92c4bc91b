//! Prometheus text-format snapshots of a service's instances; one has the worst 5xx
//! error ratio.
//!
//! Decoys: the busiest instance has the most 5xx in absolute numbers but a lower ratio;
//! one instance returns many 4xx (rate limiting, not server errors); with two snapshots,
//! an instance that was bad before the window (high since-start ratio, fine now) and
//! one whose counters reset (restarted between the snapshots).

use std::fmt::Write;

use super::{Generated, Plant};
use crate::lab::answer::{Form, Planted, Shape};
use crate::lab::params::Reader;
use crate::lab::writer::{LabFile, RelPath};
use crate::rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Instance,
    Ratio,
    Over,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    PerInstance,
    Federated,
}

#[derive(Debug, Clone)]
pub struct Params {
    pub ask: Ask,
    pub instances: u64,
    pub snapshots: u64,
    pub decoys: u64,
    pub threshold: f64,
    pub layout: Layout,
}

impl Params {
    pub fn read(r: &mut Reader) -> Self {
        let decoys = r.int("decoys", 0, 3, 1);
        let snapshots = r.int("snapshots", 1, 2, 1);
        if decoys >= 3 && snapshots < 2 {
            r.conflict(
                "decoys",
                "`decoys: 3` adds a counter reset, which needs `snapshots: 2`".to_owned(),
            );
        }
        Self {
            ask: r.choice(
                "ask",
                &[
                    ("instance", Ask::Instance),
                    ("ratio", Ask::Ratio),
                    ("over", Ask::Over),
                ],
                Ask::Instance,
            ),
            instances: r.int("instances", 4, 60, 8),
            snapshots,
            decoys,
            threshold: r.float("threshold", 0.5, 5.0, 1.0),
            layout: r.choice(
                "layout",
                &[
                    ("per-instance", Layout::PerInstance),
                    ("federated", Layout::Federated),
                ],
                Layout::PerInstance,
            ),
        }
    }
}

impl Plant for Params {
    fn shape(&self) -> Shape {
        match self.ask {
            Ask::Instance => Shape::Text,
            Ask::Ratio => Shape::Number,
            Ask::Over => Shape::List,
        }
    }

    fn generate(&self, mut rng: Rng) -> Generated {
        let n = self.instances as usize;
        let by_ip = rng.chance(0.5);
        let service = *rng.pick(&[
            "checkout-api",
            "catalog",
            "payments",
            "search-api",
            "accounts",
        ]);
        let net = rng.range(2, 60);
        let mut names: Vec<(String, String)> = Vec::new();
        while names.len() < n {
            let (instance, short) = if by_ip {
                let ip = format!("10.{net}.{}.{}", rng.range(0, 15), rng.range(2, 254));
                (format!("{ip}:8080"), ip)
            } else {
                let host = format!("{service}-{}", rng.range(1, 99));
                (format!("{host}:8080"), host)
            };
            if !names.iter().any(|(i, _)| *i == instance) {
                names.push((instance, short));
            }
        }
        let two = self.snapshots >= 2;
        let mut prng = rng.fork(1);
        // Roles: 0 worst, 1 busiest, 2 many 4xx, 3 bad before the window, 4 reset.
        let mut insts: Vec<Inst> = names
            .iter()
            .map(|(i, s)| Inst::new(&mut prng, i, s))
            .collect();
        let mut worst_window = 0.02 + prng.unit() * 0.07;
        if self.ask == Ask::Over {
            worst_window = worst_window.max(self.threshold / 100.0 * (1.6 + prng.unit()));
        }
        insts[0].window_ratio = worst_window;
        if !two {
            insts[0].ratio = worst_window;
        }
        let mut over = vec![0usize];
        if self.ask == Ask::Over {
            for (k, inst) in insts
                .iter_mut()
                .enumerate()
                .skip(1)
                .take(prng.range(1, 2) as usize)
            {
                let r = self.threshold / 100.0 * (1.5 + prng.unit() * 2.0);
                inst.window_ratio = r;
                if !two {
                    inst.ratio = r;
                }
                over.push(k);
            }
        }
        let busiest = over.len();
        if self.decoys >= 1 && n > busiest {
            let (worst_ratio, worst_window) = (insts[0].ratio, insts[0].window_ratio);
            let b = &mut insts[busiest];
            b.weight = 4.0 + prng.unit();
            b.ratio = worst_ratio * 0.45;
            b.window_ratio = worst_window * 0.45;
            if self.ask == Ask::Over {
                b.ratio = b.ratio.min(self.threshold / 100.0 * 0.6);
                b.window_ratio = b.window_ratio.min(self.threshold / 100.0 * 0.6);
            }
        }
        if self.decoys >= 2 && n > busiest + 1 {
            insts[busiest + 1].client_errors = 0.12 + prng.unit() * 0.1;
        }
        if two && self.decoys >= 2 && n > busiest + 2 {
            // Bad yesterday, fine now.
            let inst = &mut insts[busiest + 2];
            inst.ratio = 0.15 + prng.unit() * 0.1;
            inst.window_ratio = 0.001;
        }
        if two && self.decoys >= 3 && n > busiest + 3 {
            insts[busiest + 3].reset = true;
        }
        let mut order: Vec<usize> = (0..n).collect();
        prng.shuffle(&mut order);

        let mut crng = rng.fork(2);
        for inst in &mut insts {
            inst.fill(&mut crng, two);
        }
        let ratio_of = |inst: &Inst| -> f64 {
            let (e, t) = if two {
                inst.window_totals()
            } else {
                inst.totals(0)
            };
            if t == 0 { 0.0 } else { e as f64 / t as f64 }
        };
        let worst = &insts[0];
        let worst_ratio = ratio_of(worst) * 100.0;

        let mut files = Vec::new();
        let mut frng = rng.fork(3);
        let started = 1_767_000_000 + frng.below(20_000_000);
        for snap in 0..self.snapshots as usize {
            let folder = if two {
                format!("metrics/{}", ["before", "after"][snap])
            } else {
                "metrics".to_owned()
            };
            match self.layout {
                Layout::PerInstance => {
                    for &i in &order {
                        let inst = &insts[i];
                        let name = format!("{folder}/{}.prom", inst.short);
                        let mut out = format!("# saved from http://{}/metrics\n", inst.instance);
                        for family in inst.families(snap, None, started, &mut frng) {
                            family.header(&mut out);
                            out.push_str(&family.samples);
                        }
                        files.push(LabFile::text(RelPath::known(name), out));
                    }
                }
                Layout::Federated => {
                    // One `# HELP`/`# TYPE` per family, then every instance's samples, as
                    // Prometheus's /federate writes it.
                    let rendered: Vec<Vec<Family>> = order
                        .iter()
                        .map(|&i| insts[i].families(snap, Some(service), started, &mut frng))
                        .collect();
                    let mut out = String::new();
                    for (k, family) in rendered[0].iter().enumerate() {
                        family.header(&mut out);
                        for families in &rendered {
                            out.push_str(&families[k].samples);
                        }
                    }
                    files.push(LabFile::text(
                        RelPath::known(format!("{folder}/federate.prom")),
                        out,
                    ));
                }
            }
        }

        let planted = match self.ask {
            Ask::Instance => Planted::Text {
                value: worst.instance.clone(),
                form: Form::Text,
                also: vec![worst.short.clone()],
            },
            Ask::Ratio => Planted::Number {
                value: (worst_ratio * 100.0).round() / 100.0,
            },
            Ask::Over => Planted::List {
                values: over.iter().map(|&i| insts[i].instance.clone()).collect(),
                form: Form::Text,
            },
        };
        Generated {
            files,
            planted,
            explanation: format!(
                "{} answers {:.2}% of its requests with 5xx{}; the busiest instance has more 5xx in absolute numbers, and 4xx are client errors, not server errors.",
                worst.instance,
                worst_ratio,
                if two {
                    " between the two snapshots (counters are cumulative: subtract, and treat a drop as a restart)"
                } else {
                    ""
                }
            ),
        }
    }
}

const HANDLERS: [(&str, &str, f64); 6] = [
    ("GET", "/api/items", 5.0),
    ("GET", "/api/items/{id}", 8.0),
    ("POST", "/api/orders", 1.5),
    ("GET", "/api/orders/{id}", 2.0),
    ("PUT", "/api/cart", 2.5),
    ("GET", "/healthz", 1.0),
];
const OK_CODES: [(&str, f64); 4] = [("200", 0.9), ("201", 0.04), ("204", 0.03), ("304", 0.03)];
const CLIENT_CODES: [(&str, f64); 4] = [("400", 0.2), ("404", 0.35), ("429", 0.4), ("401", 0.05)];
const SERVER_CODES: [(&str, f64); 3] = [("500", 0.5), ("502", 0.2), ("503", 0.3)];

struct Inst {
    instance: String,
    short: String,
    weight: f64,
    /// 5xx share since start (before the window).
    ratio: f64,
    /// 5xx share inside the window between the snapshots.
    window_ratio: f64,
    client_errors: f64,
    reset: bool,
    /// Seconds after the fleet's first start that this instance started (a rolling deploy).
    start_offset: u64,
    /// Mean latency in seconds of each handler that has a histogram.
    latency: [f64; 3],
    /// Counters per snapshot: (method, handler, code) -> value.
    counts: [Vec<(usize, &'static str, u64)>; 2],
}

impl Inst {
    fn new(rng: &mut Rng, instance: &str, short: &str) -> Self {
        let ratio = 0.0005 + rng.unit() * 0.0035;
        Self {
            instance: instance.to_owned(),
            short: short.to_owned(),
            weight: 0.8 + rng.unit() * 0.5,
            ratio,
            window_ratio: ratio,
            client_errors: 0.01 + rng.unit() * 0.02,
            reset: false,
            start_offset: rng.range(0, 900),
            latency: [0.04, 0.025, 0.18].map(|mean| rng.around(mean, 0.3)),
            counts: [Vec::new(), Vec::new()],
        }
    }

    fn fill(&mut self, rng: &mut Rng, two: bool) {
        let total = (self.weight * 1_500_000.0 * (0.9 + rng.unit() * 0.2)) as u64;
        self.counts[0] = split(rng, total, self.ratio, self.client_errors);
        if two {
            let window = (self.weight * 24_000.0 * (0.9 + rng.unit() * 0.2)) as u64;
            let inc = split(rng, window, self.window_ratio, self.client_errors);
            self.counts[1] = self.counts[0]
                .iter()
                .zip(&inc)
                .map(|(a, b)| (a.0, a.1, if self.reset { b.2 } else { a.2 + b.2 }))
                .collect();
        }
    }

    /// (5xx, all) in a snapshot.
    fn totals(&self, snap: usize) -> (u64, u64) {
        let c = &self.counts[snap];
        let errors = c.iter().filter(|x| x.1.starts_with('5')).map(|x| x.2).sum();
        (errors, c.iter().map(|x| x.2).sum())
    }

    /// (5xx, all) between the snapshots, as `increase()` sees it.
    fn window_totals(&self) -> (u64, u64) {
        let mut errors = 0;
        let mut all = 0;
        for (a, b) in self.counts[0].iter().zip(&self.counts[1]) {
            let d = if b.2 >= a.2 { b.2 - a.2 } else { b.2 };
            all += d;
            if b.1.starts_with('5') {
                errors += d;
            }
        }
        (errors, all)
    }

    /// The metric families of one scrape, in exposition order.
    fn families(&self, snap: usize, job: Option<&str>, started: u64, rng: &mut Rng) -> Vec<Family> {
        let extra = match job {
            Some(job) => format!(",instance=\"{}\",job=\"{job}\"", self.instance),
            None => String::new(),
        };
        let only = extra.trim_start_matches(',');
        let start = if self.reset && snap == 1 {
            started + self.start_offset + 86_400 * 3 + 200
        } else {
            started + self.start_offset
        };
        let mut requests = String::new();
        for (h, code, value) in &self.counts[snap] {
            let (method, handler, _) = HANDLERS[*h];
            let _ = writeln!(
                requests,
                "http_requests_total{{code=\"{code}\",handler=\"{handler}\",method=\"{method}\"{extra}}} {value}"
            );
        }
        let mut durations = String::new();
        for (h, (method, handler, _)) in HANDLERS.iter().enumerate().take(3) {
            // Every request counted above was timed: the histogram's count is the
            // handler's requests, its buckets an exponential spread around its mean.
            let count: u64 = self.counts[snap]
                .iter()
                .filter(|c| c.0 == h)
                .map(|c| c.2)
                .sum();
            let mean = self.latency[h];
            for le in BUCKETS {
                let below = 1.0 - (-le / mean).exp();
                let _ = writeln!(
                    durations,
                    "http_request_duration_seconds_bucket{{handler=\"{handler}\",method=\"{method}\",le=\"{le}\"{extra}}} {}",
                    (count as f64 * below).floor() as u64
                );
            }
            let _ = writeln!(
                durations,
                "http_request_duration_seconds_bucket{{handler=\"{handler}\",method=\"{method}\",le=\"+Inf\"{extra}}} {count}"
            );
            let _ = writeln!(
                durations,
                "http_request_duration_seconds_sum{{handler=\"{handler}\",method=\"{method}\"{extra}}} {:.3}",
                count as f64 * mean
            );
            let _ = writeln!(
                durations,
                "http_request_duration_seconds_count{{handler=\"{handler}\",method=\"{method}\"{extra}}} {count}"
            );
        }
        vec![
            Family {
                name: "go_goroutines",
                help: "Number of goroutines that currently exist.",
                kind: "gauge",
                samples: format!("go_goroutines{{{only}}} {}\n", rng.range(40, 400)),
            },
            Family {
                name: "process_start_time_seconds",
                help: "Start time of the process since unix epoch in seconds.",
                kind: "gauge",
                samples: format!("process_start_time_seconds{{{only}}} {start}\n"),
            },
            Family {
                name: "process_resident_memory_bytes",
                help: "Resident memory size in bytes.",
                kind: "gauge",
                samples: format!(
                    "process_resident_memory_bytes{{{only}}} {}\n",
                    rng.range(80_000_000, 400_000_000)
                ),
            },
            Family {
                name: "http_requests_total",
                help: "Total HTTP requests by handler, method and status code.",
                kind: "counter",
                samples: requests,
            },
            Family {
                name: "http_request_duration_seconds",
                help: "Request latency.",
                kind: "histogram",
                samples: durations,
            },
        ]
    }
}

/// The histogram's upper bounds below `+Inf`, in seconds.
const BUCKETS: [f64; 9] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

/// One metric family of a scrape: its header once, then the samples of one instance.
struct Family {
    name: &'static str,
    help: &'static str,
    kind: &'static str,
    samples: String,
}

impl Family {
    fn header(&self, out: &mut String) {
        let _ = writeln!(out, "# HELP {} {}", self.name, self.help);
        let _ = writeln!(out, "# TYPE {} {}", self.name, self.kind);
    }
}

/// Splits `total` requests over handlers and codes with the given 5xx and 4xx shares;
/// the cells add up exactly.
fn split(rng: &mut Rng, total: u64, server: f64, client: f64) -> Vec<(usize, &'static str, u64)> {
    let errors = (total as f64 * server).round() as u64;
    let clients = (total as f64 * client).round() as u64;
    let ok = total.saturating_sub(errors + clients);
    let mut cells = Vec::new();
    for (group, n) in [
        (&OK_CODES[..], ok),
        (&CLIENT_CODES[..], clients),
        (&SERVER_CODES[..], errors),
    ] {
        let mut weights = Vec::new();
        for (h, (_, _, hw)) in HANDLERS.iter().enumerate() {
            for (code, cw) in group {
                if HANDLERS[h].1 == "/healthz" && *code != "200" {
                    continue;
                }
                weights.push((h, *code, hw * cw * (0.7 + rng.unit() * 0.6)));
            }
        }
        let sum: f64 = weights.iter().map(|w| w.2).sum();
        let mut left = n;
        let last = weights.len().saturating_sub(1);
        for (k, (h, code, w)) in weights.into_iter().enumerate() {
            let v = if k == last {
                left
            } else {
                ((n as f64 * w / sum).floor() as u64).min(left)
            };
            left -= v;
            cells.push((h, code, v));
        }
    }
    cells.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    cells
}
