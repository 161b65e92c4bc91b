//! DNS configuration: `/etc/resolv.conf`, `/etc/hosts`, `nsswitch.conf`, BIND's
//! `named.conf.local` and zone files, with one entry that breaks resolution.
//!
//! Faults: a stale `/etc/hosts` pin, a CNAME target without its trailing dot, a CNAME
//! next to other data, a name server without an address, a misspelt search domain.
//! Decoys: agreeing hosts entries, a commented-out stale pin, external names, relative
//! CNAMEs that are right, out-of-zone name servers, round-robin records.

use std::fmt::Write;

use super::{Generated, Plant};
use crate::lab::answer::{Form, Planted, Shape};
use crate::lab::params::Reader;
use crate::lab::writer::{LabFile, RelPath};
use crate::rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    HostsOverride,
    CnameMissingDot,
    CnameConflict,
    NsWithoutAddress,
    SearchTypo,
}

#[derive(Debug, Clone)]
pub struct Params {
    pub fault: Fault,
    pub decoys: u64,
    pub records: u64,
}

impl Params {
    pub fn read(r: &mut Reader) -> Self {
        Self {
            fault: r.choice(
                "fault",
                &[
                    ("hosts-override", Fault::HostsOverride),
                    ("cname-missing-dot", Fault::CnameMissingDot),
                    ("cname-conflict", Fault::CnameConflict),
                    ("ns-without-address", Fault::NsWithoutAddress),
                    ("search-typo", Fault::SearchTypo),
                ],
                Fault::HostsOverride,
            ),
            decoys: r.int("decoys", 0, 3, 1),
            records: r.int("records", 10, 2000, 40),
        }
    }
}

impl Plant for Params {
    fn shape(&self) -> Shape {
        Shape::Text
    }

    fn generate(&self, mut rng: Rng) -> Generated {
        let origin = (*rng.pick(&ORIGINS)).to_owned();
        let parent = origin
            .split_once('.')
            .map_or("example.net", |(_, p)| p)
            .to_owned();
        let net = rng.range(16, 31);
        let mut zone = Zone::new(&origin);
        let mut names = NAMES.to_vec();
        rng.shuffle(&mut names);
        let mut zrng = rng.fork(1);
        zone.rr("@", "NS", &format!("ns1.{origin}."));
        zone.rr("@", "NS", &format!("ns2.{origin}."));
        zone.rr("ns1", "A", &format!("10.{net}.0.2"));
        zone.rr("ns2", "A", &format!("10.{net}.0.3"));
        zone.rr("@", "MX", &format!("10 mail.{origin}."));
        zone.rr("mail", "A", &format!("10.{net}.1.25"));
        zone.rr("web", "A", &format!("10.{net}.2.10"));
        let mut a_names: Vec<String> = Vec::new();
        let mut count = 0;
        let mut i = 0usize;
        while count < self.records {
            let base = names[i % names.len()];
            let name = if i < names.len() {
                base.to_owned()
            } else {
                format!("{base}-{}", i / names.len() + 1)
            };
            i += 1;
            let ip = format!("10.{net}.{}.{}", zrng.range(3, 60), zrng.range(2, 254));
            zone.rr(&name, "A", &ip);
            a_names.push(name);
            count += 1;
        }
        let mut hosts: Vec<String> = vec![
            "127.0.0.1\tlocalhost".to_owned(),
            "127.0.1.1\tapp-07.{origin} app-07".replace("{origin}", &origin),
            String::new(),
            "# The following lines are desirable for IPv6 capable hosts".to_owned(),
            "::1     ip6-localhost ip6-loopback".to_owned(),
            "fe00::0 ip6-localnet".to_owned(),
            "ff00::0 ip6-mcastprefix".to_owned(),
            "ff02::1 ip6-allnodes".to_owned(),
            "ff02::2 ip6-allrouters".to_owned(),
            String::new(),
        ];
        let mut search = [origin.clone(), parent.clone()];
        let mut prng = rng.fork(2);
        let target = a_names[prng.below(a_names.len().min(12) as u64) as usize].clone();
        let fqdn = |n: &str| format!("{n}.{origin}");

        let (answer, also, story) = match self.fault {
            Fault::HostsOverride => {
                let right = zone.a_of(&target).unwrap_or_default();
                let wrong = format!("10.{net}.{}.{}", prng.range(61, 99), prng.range(2, 254));
                hosts.push(format!(
                    "# pinned during the {} migration, remove after cut-over",
                    prng.pick(&["2024-03", "2024-11", "2025-02"])
                ));
                hosts.push(format!("{wrong}\t{} {target}", fqdn(&target)));
                (
                    fqdn(&target),
                    vec![target.clone()],
                    format!(
                        "/etc/hosts pins {} to {wrong}, but the zone says {right}; with `hosts: files dns` in nsswitch.conf the stale pin wins.",
                        fqdn(&target)
                    ),
                )
            }
            Fault::CnameMissingDot => {
                let alias = *prng.pick(&["status", "docs", "grafana-old", "pay", "assets"]);
                zone.rr(alias, "CNAME", &fqdn(&target));
                (
                    fqdn(alias),
                    vec![alias.to_owned()],
                    format!(
                        "`{alias} IN CNAME {}` has no trailing dot, so it points at {}.{origin}., which does not exist.",
                        fqdn(&target),
                        fqdn(&target)
                    ),
                )
            }
            Fault::CnameConflict => {
                let alias = *prng.pick(&["shop", "portal", "login", "support"]);
                zone.rr(alias, "CNAME", "web");
                zone.rr(
                    alias,
                    "TXT",
                    "\"google-site-verification=3Kq9xV2mP0aLr8sTuW1yZ4bC6dE5fG7hJ\"",
                );
                (
                    fqdn(alias),
                    vec![alias.to_owned()],
                    format!(
                        "{alias} has a CNAME and a TXT record; a CNAME cannot sit next to other data, so BIND refuses to load the zone (`{alias}.{origin}: CNAME and other data`)."
                    ),
                )
            }
            Fault::NsWithoutAddress => {
                zone.rr("@", "NS", &format!("ns3.{origin}."));
                (
                    fqdn("ns3"),
                    vec!["ns3".to_owned()],
                    format!(
                        "ns3.{origin} is listed as a name server but has no A record in the zone, so resolvers that pick it cannot reach it."
                    ),
                )
            }
            Fault::SearchTypo => {
                let typo = misspell(&mut prng, &origin);
                search[0].clone_from(&typo);
                (
                    typo.clone(),
                    vec![],
                    format!(
                        "resolv.conf searches {typo} instead of {origin}, so short names like `{target}` are tried in a domain that does not exist."
                    ),
                )
            }
        };
        let mut drng = rng.fork(3);
        if self.decoys >= 1 {
            // Agreeing pins and a commented-out stale one.
            for n in a_names.iter().filter(|n| **n != target).take(2) {
                let ip = zone.a_of(n).unwrap_or_default();
                hosts.push(format!("{ip}\t{} {n}", fqdn(n)));
            }
            if let Some(n) = a_names.iter().filter(|n| **n != target).nth(3) {
                hosts.push(format!(
                    "#10.{net}.{}.{}\t{} {n}",
                    drng.range(61, 99),
                    drng.range(2, 254),
                    fqdn(n)
                ));
            }
            zone.rr("www", "CNAME", "web");
        }
        if self.decoys >= 2 {
            hosts.push("203.0.113.45\tsftp.partner-logistics.example.org".to_owned());
            zone.rr("cdn", "CNAME", "shop-assets.edge-cdn.example.com.");
            zone.rr("@", "NS", "ns-1187.awsdns-20.org.");
            zone.rr("@", "TXT", "\"v=spf1 mx include:_spf.example.com ~all\"");
        }
        if self.decoys >= 3 {
            zone.rr("web", "A", &format!("10.{net}.2.11"));
            zone.rr("grafana", "CNAME", &format!("monitoring-1.{origin}."));
            zone.rr("monitoring-1", "A", &format!("10.{net}.3.40"));
            zone.rr(
                "mail",
                "TXT",
                "\"v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC\"",
            );
        }

        let mut files = Vec::new();
        let ns1 = format!("10.{net}.0.2");
        let ns2 = format!("10.{net}.0.3");
        files.push(LabFile::text(RelPath::known("etc/resolv.conf"), format!(
            "# This is /etc/resolv.conf, written by the network configuration.\n# Do not edit by hand; changes are overwritten.\n\nnameserver {ns1}\nnameserver {ns2}\nsearch {}\noptions timeout:2 attempts:2 rotate\n",
            search.join(" ")
        )));
        files.push(LabFile::text(
            RelPath::known("etc/hosts"),
            format!("{}\n", hosts.join("\n")),
        ));
        files.push(LabFile::text(
            RelPath::known("etc/nsswitch.conf"),
            NSSWITCH.to_owned(),
        ));
        files.push(LabFile::text(RelPath::known("etc/bind/named.conf.local"), format!(
            "//\n// Local zones\n//\nzone \"{origin}\" {{\n\ttype master;\n\tfile \"/var/named/db.{origin}\";\n\tallow-transfer {{ {ns2}; }};\n}};\n\nzone \"{parent}\" {{\n\ttype slave;\n\tfile \"/var/named/db.{parent}\";\n\tmasters {{ 10.{net}.0.9; }};\n}};\n"
        )));
        files.push(LabFile::text(
            RelPath::known(format!("var/named/db.{origin}")),
            zone.render(&mut drng),
        ));
        let mut parent_zone = Zone::new(&parent);
        parent_zone.rr("@", "NS", &format!("ns1.{origin}."));
        parent_zone.rr("@", "NS", &format!("ns2.{origin}."));
        parent_zone.rr("www", "A", "198.51.100.20");
        parent_zone.rr("@", "A", "198.51.100.20");
        parent_zone.rr("vpn", "A", "198.51.100.31");
        files.push(LabFile::text(
            RelPath::known(format!("var/named/db.{parent}")),
            parent_zone.render(&mut drng),
        ));

        Generated {
            files,
            planted: Planted::Text {
                value: answer,
                form: Form::Host,
                also,
            },
            explanation: story,
        }
    }
}

const ORIGINS: [&str; 5] = [
    "corp.example.net",
    "internal.acme-shop.com",
    "prod.example.org",
    "dc1.northwind.io",
    "svc.contoso-labs.net",
];

const NAMES: [&str; 24] = [
    "api",
    "db-1",
    "db-2",
    "cache-1",
    "kafka-1",
    "kafka-2",
    "kafka-3",
    "es-1",
    "es-2",
    "vpn",
    "git",
    "ci",
    "ldap",
    "sso",
    "wiki",
    "jira",
    "prometheus",
    "alertmanager",
    "k8s-api",
    "ingress",
    "registry",
    "vault",
    "consul",
    "billing",
];

const NSSWITCH: &str = "# /etc/nsswitch.conf\n#\n# Example configuration of GNU Name Service Switch functionality.\n\npasswd:         files systemd\ngroup:          files systemd\nshadow:         files\ngshadow:        files\n\nhosts:          files dns\nnetworks:       files\n\nprotocols:      db files\nservices:       db files\nethers:         db files\nrpc:            db files\n\nnetgroup:       nis\n";

/// Swaps two neighbouring, different letters of the first label that is long enough.
fn misspell(rng: &mut Rng, domain: &str) -> String {
    let labels: Vec<&str> = domain.split('.').collect();
    let Some(index) = labels
        .iter()
        .position(|l| l.len() >= 4 && l.chars().all(|c| c.is_ascii_lowercase()))
    else {
        return format!("{domain}x");
    };
    let mut chars: Vec<char> = labels[index].chars().collect();
    let spots: Vec<usize> = (0..chars.len() - 1)
        .filter(|&i| chars[i] != chars[i + 1])
        .collect();
    if spots.is_empty() {
        return format!("{domain}x");
    }
    let at = *rng.pick(&spots);
    chars.swap(at, at + 1);
    let mut out: Vec<String> = labels.iter().map(|l| (*l).to_owned()).collect();
    out[index] = chars.into_iter().collect();
    out.join(".")
}

struct Zone {
    origin: String,
    records: Vec<(String, &'static str, String)>,
}

impl Zone {
    fn new(origin: &str) -> Self {
        Self {
            origin: origin.to_owned(),
            records: Vec::new(),
        }
    }

    fn rr(&mut self, name: &str, kind: &'static str, data: &str) {
        self.records.push((name.to_owned(), kind, data.to_owned()));
    }

    fn a_of(&self, name: &str) -> Option<String> {
        self.records
            .iter()
            .find(|(n, k, _)| n == name && *k == "A")
            .map(|(_, _, d)| d.clone())
    }

    fn render(&self, rng: &mut Rng) -> String {
        let origin = &self.origin;
        let mut out = String::new();
        let serial = format!(
            "2026{:02}{:02}{:02}",
            rng.range(1, 12),
            rng.range(1, 28),
            rng.range(1, 9)
        );
        let _ = writeln!(
            out,
            "; zone file for {origin}\n; managed by hand: bump the serial on every change\n$ORIGIN {origin}.\n$TTL 300"
        );
        let _ = writeln!(
            out,
            "@\tIN\tSOA\tns1.{origin}. hostmaster.{origin}. (\n\t\t\t{serial} ; serial\n\t\t\t3600       ; refresh\n\t\t\t600        ; retry\n\t\t\t1209600    ; expire\n\t\t\t300 )      ; negative cache TTL\n"
        );
        let mut records: Vec<&(String, &str, String)> = self.records.iter().collect();
        // Apex first, then the rest sorted by name, as people keep zone files.
        records.sort_by(|a, b| (a.0 != "@").cmp(&(b.0 != "@")).then_with(|| a.0.cmp(&b.0)));
        for (name, kind, data) in records {
            let _ = writeln!(out, "{name:<16}\tIN\t{kind:<5}\t{data}");
        }
        out
    }
}
