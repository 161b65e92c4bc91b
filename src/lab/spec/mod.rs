//! Lab files: what a lab is ([`types`]), how one written in YAML is checked
//! ([`check`]), and reading the built-in labs plus the user's packs
//! (`$SRE_DRILL_HOME/drills/labs/`, `--bank DIR/labs/`) ([`load`]).
//!
//! A lab file is data only: texts, a generator name and its parameters, and how the
//! answer is compared. Every problem is reported as `file:line:col: sentence`; unknown
//! fields are errors. A bad user file is reported and skipped; the built-in labs
//! always load. Nothing here writes or prints.

mod check;
mod load;
mod types;

pub use load::{load, parse_lab_file};
pub use types::{CATEGORY, Lab, Labs, ParsedLabs, TRIES};
