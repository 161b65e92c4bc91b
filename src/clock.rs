//! Where time and randomness come from.
//!
//! Nothing outside this module and main.rs reads the system clock or seeds an RNG from
//! the operating system: the session, the timers and the picks take a `&dyn Clock` and a
//! seed, so tests drive them with a [`ManualClock`] and a fixed seed.

use std::cell::Cell;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Local};

/// A source of monotonic time (for timers) and wall time (for records).
pub trait Clock: std::fmt::Debug {
    /// Monotonic now, for measuring durations.
    fn now(&self) -> Instant;
    /// Wall-clock now with the local offset, for timestamps in records.
    fn wall(&self) -> DateTime<FixedOffset>;
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn wall(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }
}

/// The system's monotonic time with the wall clock stopped at one moment: the clock
/// when `SRE_DRILL_NOW` is set, so tests and demos fix "now" for every command of a
/// separate process (output that shows the time is the same on every run) while
/// timers still run.
#[derive(Debug)]
pub struct WallFixedAt(DateTime<FixedOffset>);

impl WallFixedAt {
    #[must_use]
    pub fn new(wall: DateTime<FixedOffset>) -> Self {
        Self(wall)
    }
}

impl Clock for WallFixedAt {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn wall(&self) -> DateTime<FixedOffset> {
        self.0
    }
}

/// A clock that moves only when told to. For tests.
#[derive(Debug)]
pub struct ManualClock {
    base: Instant,
    wall_base: DateTime<FixedOffset>,
    offset: Cell<Duration>,
}

impl ManualClock {
    /// A clock standing at `wall`.
    #[must_use]
    pub fn at(wall: DateTime<FixedOffset>) -> Self {
        Self {
            base: Instant::now(),
            wall_base: wall,
            offset: Cell::new(Duration::ZERO),
        }
    }

    /// Move time forward.
    pub fn advance(&self, by: Duration) {
        self.offset.set(self.offset.get() + by);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.base + self.offset.get()
    }

    fn wall(&self) -> DateTime<FixedOffset> {
        self.wall_base + chrono::Duration::from_std(self.offset.get()).unwrap_or_default()
    }
}

/// A fresh random seed from the operating system, for picks when `--seed` is not given
/// and for attempt ids.
#[must_use]
pub fn os_seed() -> u64 {
    rand::random()
}
