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

use std::sync::Arc;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::answer::{Planted, Shape};
use super::params::Reader;
use super::writer::LabFile;
use crate::rng::Rng;
use crate::text::did_you_mean;

/// What a generator's parameters do once read from a lab file.
pub trait Plant: std::fmt::Debug + Send + Sync {
    /// The shape of the answer these parameters plant.
    fn shape(&self) -> Shape;
    /// The files and the planted fault for this random stream: the same stream gives
    /// the same bytes.
    fn generate(&self, rng: Rng) -> Generated;
}

/// A generator as lab files name it, and how its parameters are read.
pub struct Registered {
    pub name: &'static str,
    read: fn(&mut Reader) -> Arc<dyn Plant>,
}

/// Every generator a lab file may name, in the order messages list them. A new
/// generator is one module with `Params::read` and `impl Plant`, and one row here.
pub const GENERATORS: &[Registered] = &[
    Registered {
        name: "access-log",
        read: |r| Arc::new(access_log::Params::read(r)),
    },
    Registered {
        name: "syslog",
        read: |r| Arc::new(syslog::Params::read(r)),
    },
    Registered {
        name: "processes",
        read: |r| Arc::new(processes::Params::read(r)),
    },
    Registered {
        name: "disk",
        read: |r| Arc::new(disk::Params::read(r)),
    },
    Registered {
        name: "cron-load",
        read: |r| Arc::new(cron::Params::read(r)),
    },
    Registered {
        name: "dns",
        read: |r| Arc::new(dns::Params::read(r)),
    },
    Registered {
        name: "metrics",
        read: |r| Arc::new(metrics::Params::read(r)),
    },
];

/// The names of every generator, in registration order.
#[must_use]
pub fn names() -> Vec<&'static str> {
    GENERATORS.iter().map(|g| g.name).collect()
}

/// A generator with its checked parameters.
#[derive(Debug, Clone)]
pub struct Generator {
    name: &'static str,
    params: Arc<dyn Plant>,
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
    /// Reads the parameters of the generator called `name`; parameter problems are left
    /// in `reader`.
    ///
    /// # Errors
    /// An unknown name: a sentence with the closest name and the list of names.
    pub fn parse(name: &str, reader: &mut Reader) -> Result<Generator, String> {
        let Some(registered) = GENERATORS.iter().find(|g| g.name == name) else {
            let names = names();
            let hint = did_you_mean(name, &names)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            return Err(format!(
                "unknown generator '{name}'{hint}; use one of: {}",
                names.join(", ")
            ));
        };
        let params = (registered.read)(reader);
        reader.finish();
        Ok(Generator {
            name: registered.name,
            params,
        })
    }

    #[must_use]
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The shape of the answer these parameters plant.
    #[must_use]
    pub fn shape(&self) -> Shape {
        self.params.shape()
    }

    /// Generates the lab for `seed`.
    #[must_use]
    pub fn generate(&self, seed: u64) -> Generated {
        self.params.generate(Rng::new(seed))
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
        for name in names() {
            let g = with_defaults(name);
            assert_eq!(g.name(), name);
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
        assert!(Generator::parse("syslog", &mut reader).is_ok());
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
        let unknown = Generator::parse("sislog", &mut Reader::new("sislog", vec![])).unwrap_err();
        assert!(
            unknown.starts_with("unknown generator 'sislog' (did you mean `syslog`?); use one of: access-log, syslog,"),
            "{unknown}"
        );
    }
}
