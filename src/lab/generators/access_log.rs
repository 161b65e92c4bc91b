//! nginx-style access logs with a 5xx burst or a latency spike behind one client or
//! one endpoint, among busy, noisy and misleading traffic.
//!
//! Format: nginx's `combined` plus `$request_time` (seconds) as the last field.
//! Decoys: the busiest client (all 2xx), a 404 scanner, scattered 5xx from another
//! client, an endpoint that is always slow.

use std::fmt::Write;

use super::{Generated, Plant, start_time};
use crate::lab::answer::{Form, Planted, Shape};
use crate::lab::params::Reader;
use crate::lab::writer::{LabFile, RelPath};
use crate::rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    ErrorBurst,
    LatencySpike,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Client,
    Endpoint,
}

#[derive(Debug, Clone)]
pub struct Params {
    pub fault: Fault,
    pub ask: Ask,
    pub lines: u64,
    pub decoys: u64,
    pub file: RelPath,
    pub rotated: bool,
}

impl Params {
    pub fn read(r: &mut Reader) -> Self {
        Self {
            fault: r.choice(
                "fault",
                &[
                    ("error-burst", Fault::ErrorBurst),
                    ("latency-spike", Fault::LatencySpike),
                ],
                Fault::ErrorBurst,
            ),
            ask: r.choice(
                "ask",
                &[("client", Ask::Client), ("endpoint", Ask::Endpoint)],
                Ask::Client,
            ),
            lines: r.int("lines", 1000, 200_000, 3000),
            decoys: r.int("decoys", 0, 3, 1),
            file: r.path("file", "var/log/nginx/access.log"),
            rotated: r.boolean("rotated", false),
        }
    }
}

impl Plant for Params {
    fn shape(&self) -> Shape {
        Shape::Text
    }

    fn generate(&self, mut rng: Rng) -> Generated {
        let start = start_time(&mut rng) + chrono::Duration::hours(rng.range(8, 15) as i64);
        let span: i64 = 2 * 3600;
        let clients = client_pool(&mut rng);
        let mut events: Vec<Event> = Vec::new();

        let k = (self.lines / 20).max(80) as usize;
        let window_start = span / 4 + rng.below((span / 2) as u64) as i64;
        let window_len = 60 * rng.range(4, 9) as i64;
        let mut planted_rng = rng.fork(1);
        let stranger = loop {
            let ip = planted_rng.private_ip();
            if !clients.iter().any(|c| c == &ip) {
                break ip;
            }
        };
        let target = &ENDPOINTS[planted_rng.below(PLANTABLE as u64) as usize];

        let (answer, form, explanation) = match (self.fault, self.ask) {
            (Fault::ErrorBurst, Ask::Client) => {
                let mut failed = 0;
                for _ in 0..k {
                    let t = window_start + planted_rng.below(window_len as u64) as i64;
                    let ep = if planted_rng.chance(0.8) {
                        target
                    } else {
                        planted_rng.pick(&ENDPOINTS[..PLANTABLE])
                    };
                    let status = if planted_rng.chance(0.9) {
                        failed += 1;
                        *planted_rng.pick(&[502u16, 503, 504])
                    } else {
                        200
                    };
                    events.push(Event::new(
                        t,
                        &stranger,
                        ep,
                        status,
                        &mut planted_rng,
                        UA_SCRIPT,
                    ));
                }
                (
                    stranger.clone(),
                    Form::Ip,
                    format!(
                        "{stranger} sent {k} requests in {} minutes from {}; {failed} of them failed with 502/503/504.",
                        window_len / 60,
                        clock(start, window_start)
                    ),
                )
            }
            (Fault::ErrorBurst, Ask::Endpoint) => {
                let k = (self.lines / 25).max(60) as usize;
                for _ in 0..k {
                    let t = window_start + planted_rng.below(window_len as u64) as i64;
                    let ip = pick_weighted(&mut planted_rng, &clients);
                    let status = if planted_rng.chance(0.85) {
                        *planted_rng.pick(&[500u16, 502, 503])
                    } else {
                        200
                    };
                    events.push(Event::new(t, &ip, target, status, &mut planted_rng, ""));
                }
                (
                    target.path.to_owned(),
                    Form::Endpoint,
                    format!(
                        "{} failed for every client for {} minutes from {}: its backend was down.",
                        target.path,
                        window_len / 60,
                        clock(start, window_start)
                    ),
                )
            }
            (Fault::LatencySpike, Ask::Endpoint) => {
                let k = (self.lines / 25).max(60) as usize;
                for _ in 0..k {
                    let t = window_start + planted_rng.below(window_len as u64) as i64;
                    let ip = pick_weighted(&mut planted_rng, &clients);
                    let mut e = Event::new(t, &ip, target, 200, &mut planted_rng, "");
                    e.rt = 1.2 + planted_rng.unit() * 4.5;
                    if planted_rng.chance(0.05) {
                        e.status = 504;
                    }
                    events.push(e);
                }
                (
                    target.path.to_owned(),
                    Form::Endpoint,
                    format!(
                        "{} went from tens of milliseconds to seconds for {} minutes from {}; the export endpoint is slow all day and was a decoy.",
                        target.path,
                        window_len / 60,
                        clock(start, window_start)
                    ),
                )
            }
            (Fault::LatencySpike, Ask::Client) => {
                for _ in 0..k {
                    let t = window_start + planted_rng.below(window_len as u64) as i64;
                    let mut e = Event::new(t, &stranger, &SEARCH, 200, &mut planted_rng, UA_SCRIPT);
                    e.path = format!(
                        "/api/search?q=*&limit={}",
                        planted_rng.pick(&[5000, 10000, 50000])
                    );
                    e.rt = 1.5 + planted_rng.unit() * 6.0;
                    e.bytes = planted_rng.range(2_000_000, 40_000_000);
                    events.push(e);
                }
                (
                    stranger.clone(),
                    Form::Ip,
                    format!(
                        "{stranger} ran unbounded searches (limit=5000 and up) for {} minutes from {}; each took seconds.",
                        window_len / 60,
                        clock(start, window_start)
                    ),
                )
            }
        };

        let mut decoy_rng = rng.fork(2);
        let planted_count = events.len();
        if self.decoys >= 1 {
            // The busiest client: many requests, all fine.
            let busy = clients[0].clone();
            for _ in 0..(self.lines as usize / 10) {
                let t = decoy_rng.below(span as u64) as i64;
                let ep = decoy_rng.pick(&ENDPOINTS[..PLANTABLE]);
                events.push(Event::new(t, &busy, ep, 200, &mut decoy_rng, UA_MONITOR));
            }
            // The always-slow export endpoint.
            for _ in 0..(planted_count / 4).max(5) {
                let t = decoy_rng.below(span as u64) as i64;
                let ip = pick_weighted(&mut decoy_rng, &clients);
                let mut e = Event::new(t, &ip, &EXPORT, 200, &mut decoy_rng, "");
                e.rt = 1.1 + decoy_rng.unit() * 8.0;
                e.bytes = decoy_rng.range(500_000, 9_000_000);
                events.push(e);
            }
        }
        if self.decoys >= 2 {
            // A scanner: lots of 404s in a few minutes.
            let scanner = decoy_rng.public_ip();
            let at = decoy_rng.below((span - 600) as u64) as i64;
            for i in 0..(planted_count * 4 / 5) {
                let t = at + decoy_rng.below(300) as i64;
                let path = SCANNED[i % SCANNED.len()];
                let mut e = Event::new(t, &scanner, &ROOT, 404, &mut decoy_rng, UA_SCANNER);
                path.clone_into(&mut e.path);
                events.push(e);
            }
        }
        if self.decoys >= 3 {
            // Scattered 5xx from one client over the whole span, fewer than the answer.
            let flaky = clients[3].clone();
            for _ in 0..(planted_count / 4) {
                let t = decoy_rng.below(span as u64) as i64;
                let ep = decoy_rng.pick(&ENDPOINTS[..PLANTABLE]);
                events.push(Event::new(t, &flaky, ep, 500, &mut decoy_rng, ""));
            }
        }
        let mut noise_rng = rng.fork(3);
        let background = (self.lines as usize).saturating_sub(events.len());
        events.extend(background_events(
            &mut noise_rng,
            &clients,
            background,
            span,
        ));
        events.sort_by_key(|e| e.t);

        let mut files = vec![LabFile::text(self.file.clone(), render(start, &events))];
        if self.rotated {
            let mut old_rng = rng.fork(4);
            let mut old = background_events(&mut old_rng, &clients, self.lines as usize / 2, span);
            old.sort_by_key(|e| e.t);
            let name = format!("{}.1", self.file.as_str());
            files.insert(
                0,
                LabFile::text(
                    RelPath::known(name),
                    render(start - chrono::Duration::days(1), &old),
                ),
            );
        }
        Generated {
            files,
            planted: Planted::Text {
                value: answer,
                form,
                also: vec![],
            },
            explanation,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Endpoint {
    method: &'static str,
    path: &'static str,
    latency: f64,
    size: u64,
    weight: u64,
}

const fn ep(
    method: &'static str,
    path: &'static str,
    latency: f64,
    size: u64,
    weight: u64,
) -> Endpoint {
    Endpoint {
        method,
        path,
        latency,
        size,
        weight,
    }
}

/// The first `PLANTABLE` endpoints can carry the fault; the rest are noise.
const PLANTABLE: usize = 9;
const ENDPOINTS: [Endpoint; 14] = [
    ep("POST", "/api/checkout", 0.120, 850, 3),
    ep("GET", "/api/cart", 0.030, 1400, 8),
    ep("POST", "/api/orders", 0.090, 620, 3),
    ep("GET", "/api/recommendations", 0.060, 5200, 6),
    ep("GET", "/api/inventory", 0.025, 2300, 4),
    ep("POST", "/api/payments", 0.150, 410, 2),
    ep("GET", "/api/users/me", 0.015, 900, 7),
    ep("POST", "/login", 0.080, 300, 2),
    ep("GET", "/api/shipping/quote", 0.070, 700, 3),
    ep("GET", "/", 0.010, 14_000, 6),
    ep("GET", "/static/app.js", 0.002, 310_000, 8),
    ep("GET", "/static/app.css", 0.002, 48_000, 6),
    ep("GET", "/healthz", 0.001, 2, 5),
    ep("GET", "/api/products", 0.040, 18_000, 10),
];
const EXPORT: Endpoint = ep("GET", "/api/reports/export", 2.0, 4_000_000, 0);
const SEARCH: Endpoint = ep("GET", "/api/search", 0.05, 9000, 0);
const ROOT: Endpoint = ep("GET", "/", 0.002, 150, 0);
const SCANNED: [&str; 8] = [
    "/wp-login.php",
    "/.env",
    "/admin.php",
    "/phpmyadmin/index.php",
    "/.git/config",
    "/cgi-bin/luci",
    "/xmlrpc.php",
    "/server-status",
];

const UA: [&str; 6] = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "okhttp/4.12.0",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
];
const UA_SCRIPT: &str = "python-requests/2.32.3";
const UA_MONITOR: &str = "Go-http-client/1.1";
const UA_SCANNER: &str = "Mozilla/5.0 zgrab/0.x";

struct Event {
    t: i64,
    ip: String,
    method: &'static str,
    path: String,
    status: u16,
    bytes: u64,
    ua: &'static str,
    rt: f64,
}

impl Event {
    fn new(t: i64, ip: &str, ep: &Endpoint, status: u16, rng: &mut Rng, ua: &'static str) -> Self {
        let bytes = if status >= 400 {
            rng.range(150, 600)
        } else {
            rng.around(ep.size as f64, 0.3) as u64 + 1
        };
        Self {
            t,
            ip: ip.to_owned(),
            method: ep.method,
            path: ep.path.to_owned(),
            status,
            bytes,
            ua: if ua.is_empty() { *rng.pick(&UA) } else { ua },
            rt: rng.around(ep.latency, 0.5),
        }
    }
}

fn client_pool(rng: &mut Rng) -> Vec<String> {
    let mut pool = Vec::new();
    while pool.len() < 48 {
        let ip = if rng.chance(0.7) {
            rng.private_ip()
        } else {
            rng.public_ip()
        };
        if !pool.contains(&ip) {
            pool.push(ip);
        }
    }
    pool
}

/// Clients are Zipf-like: the first is the busiest.
fn pick_weighted(rng: &mut Rng, clients: &[String]) -> String {
    let total: f64 = (1..=clients.len()).map(|i| 1.0 / i as f64).sum();
    let mut x = rng.unit() * total;
    for (i, c) in clients.iter().enumerate() {
        x -= 1.0 / (i + 1) as f64;
        if x <= 0.0 {
            return c.clone();
        }
    }
    clients[clients.len() - 1].clone()
}

fn background_events(rng: &mut Rng, clients: &[String], n: usize, span: i64) -> Vec<Event> {
    let total_weight: u64 = ENDPOINTS.iter().map(|e| e.weight).sum();
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let t = rng.below(span as u64) as i64;
        let mut x = rng.below(total_weight);
        let mut endpoint = &ENDPOINTS[0];
        for e in &ENDPOINTS {
            if x < e.weight {
                endpoint = e;
                break;
            }
            x -= e.weight;
        }
        let ip = pick_weighted(rng, clients);
        let roll = rng.unit();
        let status = if endpoint.path.starts_with("/static") && roll < 0.3 {
            304
        } else if roll < 0.002 {
            *rng.pick(&[500u16, 502])
        } else if roll < 0.012 {
            404
        } else if roll < 0.02 && endpoint.method == "POST" {
            *rng.pick(&[400u16, 401, 422])
        } else {
            200
        };
        let mut e = Event::new(t, &ip, endpoint, status, rng, "");
        if endpoint.path == "/api/products" && rng.chance(0.7) {
            e.path = format!("/api/products/{}", rng.range(1000, 9999));
        }
        if endpoint.path == "/healthz" {
            e.ua = "kube-probe/1.31";
        }
        if status == 304 {
            e.bytes = 0;
        }
        out.push(e);
    }
    out
}

fn clock(start: chrono::NaiveDateTime, offset: i64) -> String {
    (start + chrono::Duration::seconds(offset))
        .format("%H:%M")
        .to_string()
}

/// nginx's `proxy_read_timeout` default.
const UPSTREAM_TIMEOUT_SECS: f64 = 60.0;

fn render(start: chrono::NaiveDateTime, events: &[Event]) -> String {
    let mut out = String::with_capacity(events.len() * 190);
    for e in events {
        let t = start + chrono::Duration::seconds(e.t);
        // nginx answers 504 when the upstream did not answer in time: the request took
        // the whole timeout.
        let rt = if e.status == 504 {
            UPSTREAM_TIMEOUT_SECS + e.rt.fract() * 0.01
        } else {
            e.rt
        };
        let referer = if e.path.starts_with("/static") {
            "https://shop.example.com/"
        } else {
            "-"
        };
        let _ = writeln!(
            out,
            "{} - - [{}] \"{} {} HTTP/1.1\" {} {} \"{referer}\" \"{}\" {:.3}",
            e.ip,
            t.format("%d/%b/%Y:%H:%M:%S +0000"),
            e.method,
            e.path,
            e.status,
            e.bytes,
            e.ua,
            rt
        );
    }
    out
}
