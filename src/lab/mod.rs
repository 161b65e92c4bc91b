//! Hands-on labs: generated, auto-checked troubleshooting on the user's own machine.
//!
//! A lab file names a generator; the generator (Rust code, never a command from the
//! file) writes broken evidence into a fresh folder from a seed and knows the planted
//! answer; the user investigates with their own tools and types the answer, which is
//! checked at once. This module owns lab files ([`spec`]), generators ([`generators`]),
//! answer checking ([`answer`]), the only writer of lab folders ([`writer`]), the
//! runner that drives one lab through a `Console` ([`run`]) and the `--pipeline`
//! check ([`pipeline`]). It never prints except through a `Console` or a writer.

pub mod answer;
pub mod generators;
pub mod owner;
pub mod params;
pub mod pipeline;
pub mod run;
pub mod spec;
pub mod writer;

pub use spec::{CATEGORY, Lab, Labs, ParsedLabs, TRIES, load, parse_lab_file};
