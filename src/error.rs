//! Exit codes and the two error kinds that change them.
//!
//! Everything else is an `anyhow::Error` with context, printed once by main as
//! `sre-drill: ...` with exit code 1. This module must not print anything.

use std::fmt;

/// How the process ends; the numbers are part of the CLI contract (SPEC §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Failure = 1,
    BadInput = 2,
    Interrupted = 130,
}

impl Exit {
    #[must_use]
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// Bad usage or invalid input: the user can fix it by changing what they typed or wrote.
/// Exit code 2.
#[derive(Debug)]
pub struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// The user pressed Ctrl-C (or the terminal went away). Exit code 130.
#[derive(Debug)]
pub struct Interrupted;

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupted {}

/// Shorthand for returning a [`BadInput`] error.
#[macro_export]
macro_rules! bad_input {
    ($($arg:tt)*) => {
        ::anyhow::Error::new($crate::error::BadInput(format!($($arg)*)))
    };
}

/// Which exit code an error deserves. A broken pipe is success: the reader has
/// seen all it wanted (`sre-drill history | head -1`).
#[must_use]
pub fn exit_for(err: &anyhow::Error) -> Exit {
    if err.downcast_ref::<Interrupted>().is_some() {
        return Exit::Interrupted;
    }
    if is_broken_pipe(err) {
        return Exit::Ok;
    }
    if err.downcast_ref::<BadInput>().is_some() {
        return Exit::BadInput;
    }
    Exit::Failure
}

/// True when the error (or any cause) is an EPIPE from writing to a closed pipe.
#[must_use]
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind);
        // serde_json wraps the write error of `to_writer` in its own type.
        let json = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        io.or(json) == Some(std::io::ErrorKind::BrokenPipe)
    })
}
