//! The generators: Rust code that writes a lab's evidence from a seed and plants one
//! fault, knowing the answer. Lab files choose a generator by name and tune it with
//! parameters; they never contain commands.
//!
//! Each generator is pure: `(parameters, seed) -> files + planted answer`, the same
//! bytes for the same seed on every run. Writing to disk is `writer`'s job.

// Offsets in seconds, counts and sizes here are far below `i64::MAX`.
#![allow(clippy::cast_possible_wrap)]

pub mod access_log;
pub mod cron;
pub mod disk;
pub mod dns;
pub mod metrics;
pub mod processes;
pub mod syslog;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::answer::{Planted, Shape};
use super::params::Reader;
use super::rng::Rng;
use super::writer::LabFile;

/// Every generator name a lab file may use.
pub const NAMES: &[&str] = &[
    "access-log",
    "syslog",
    "processes",
    "disk",
    "cron-load",
    "dns",
    "metrics",
];

/// A generator with its checked parameters.
#[derive(Debug, Clone)]
pub enum Generator {
    AccessLog(access_log::Params),
    Syslog(syslog::Params),
    Processes(processes::Params),
    Disk(disk::Params),
    CronLoad(cron::Params),
    Dns(dns::Params),
    Metrics(metrics::Params),
}

/// A generated lab: its files and the fault it planted.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    pub files: Vec<LabFile>,
    pub planted: Planted,
    /// One or two sentences on where the fault shows, printed after the answer phase.
    pub explanation: String,
}

impl Generator {
    /// Reads the parameters of the generator called `name`; `None` for an unknown name.
    #[must_use]
    pub fn parse(name: &str, reader: &mut Reader) -> Option<Generator> {
        let generator = match name {
            "access-log" => Generator::AccessLog(access_log::Params::read(reader)),
            "syslog" => Generator::Syslog(syslog::Params::read(reader)),
            "processes" => Generator::Processes(processes::Params::read(reader)),
            "disk" => Generator::Disk(disk::Params::read(reader)),
            "cron-load" => Generator::CronLoad(cron::Params::read(reader)),
            "dns" => Generator::Dns(dns::Params::read(reader)),
            "metrics" => Generator::Metrics(metrics::Params::read(reader)),
            _ => return None,
        };
        reader.finish();
        Some(generator)
    }

    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Generator::AccessLog(_) => "access-log",
            Generator::Syslog(_) => "syslog",
            Generator::Processes(_) => "processes",
            Generator::Disk(_) => "disk",
            Generator::CronLoad(_) => "cron-load",
            Generator::Dns(_) => "dns",
            Generator::Metrics(_) => "metrics",
        }
    }

    /// The shape of the answer these parameters plant.
    #[must_use]
    pub fn shape(&self) -> Shape {
        match self {
            Generator::AccessLog(p) => p.shape(),
            Generator::Syslog(p) => p.shape(),
            Generator::Processes(p) => p.shape(),
            Generator::Disk(p) => p.shape(),
            Generator::CronLoad(p) => p.shape(),
            Generator::Dns(p) => p.shape(),
            Generator::Metrics(p) => p.shape(),
        }
    }

    /// Generates the lab for `seed`.
    #[must_use]
    pub fn generate(&self, seed: u64) -> Generated {
        let rng = Rng::new(seed);
        match self {
            Generator::AccessLog(p) => p.generate(rng),
            Generator::Syslog(p) => p.generate(rng),
            Generator::Processes(p) => p.generate(rng),
            Generator::Disk(p) => p.generate(&rng),
            Generator::CronLoad(p) => p.generate(rng),
            Generator::Dns(p) => p.generate(rng),
            Generator::Metrics(p) => p.generate(rng),
        }
    }
}

/// A start time for a lab's evidence: a weekday morning in 2026, from the seed.
fn start_time(rng: &mut Rng) -> NaiveDateTime {
    let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default()
        + Duration::days(rng.below(300) as i64);
    day.and_hms_opt(0, 0, 0).unwrap_or_default()
}

/// A host name like `web-07` or `api-3`.
fn host_name(rng: &mut Rng) -> String {
    let role = *rng.pick(&["web", "api", "app", "worker", "node", "edge"]);
    format!("{role}-{:02}", rng.range(1, 24))
}

/// Picks `n` distinct items from `items` (all of them when `n` is larger).
fn distinct<T: Clone>(rng: &mut Rng, items: &[T], n: usize) -> Vec<T> {
    let mut all: Vec<T> = items.to_vec();
    rng.shuffle(&mut all);
    all.truncate(n);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::params::{Entry, Value};

    fn with_defaults(name: &str) -> Generator {
        let entry = Entry {
            key: "name".to_owned(),
            line: 1,
            column: 1,
            value: Value::Str(name.to_owned()),
            value_line: 1,
            value_column: 7,
        };
        let mut reader = Reader::new(name, vec![entry]);
        let generator = Generator::parse(name, &mut reader).unwrap();
        assert!(reader.problems.is_empty(), "{name}: {:?}", reader.problems);
        generator
    }

    #[test]
    fn every_generator_with_its_defaults_is_deterministic_and_seed_dependent() {
        for name in NAMES {
            let g = with_defaults(name);
            assert_eq!(g.name(), *name);
            let a = g.generate(1);
            assert_eq!(a, g.generate(1), "{name}");
            assert!(!a.files.is_empty(), "{name}");
            assert_eq!(a.planted.shape(), g.shape(), "{name}");
            let answers: std::collections::BTreeSet<String> =
                (1..=8).map(|s| g.generate(s).planted.to_string()).collect();
            assert!(answers.len() >= 2, "{name}: {answers:?}");
        }
    }

    #[test]
    fn unknown_and_conflicting_parameters_are_reported() {
        let entry = |key: &str, value: Value| Entry {
            key: key.to_owned(),
            line: 3,
            column: 7,
            value,
            value_line: 3,
            value_column: 13,
        };
        let mut reader = Reader::new(
            "syslog",
            vec![
                entry("name", Value::Str("syslog".to_owned())),
                entry("fault", Value::Str("oom".to_owned())),
                entry("ask", Value::Str("restarts".to_owned())),
                entry("lnes", Value::Int(5)),
            ],
        );
        assert!(Generator::parse("syslog", &mut reader).is_some());
        let messages: Vec<&str> = reader.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("needs `fault: crash-loop`")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("did you mean `lines`?")),
            "{messages:?}"
        );
        assert!(Generator::parse("nope", &mut Reader::new("nope", vec![])).is_none());
    }
}
