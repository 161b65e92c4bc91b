//! The built-in bank, embedded in the binary so an installed sre-drill works anywhere.
//! build.rs lists every `drills/*.yaml` here, as YAML and as JSON converted at build time.

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
