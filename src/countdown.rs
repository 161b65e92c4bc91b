//! The countdown and how times are shown (`m:ss`): pure arithmetic over instants from
//! a Clock, below both the consoles and the session flows that use it.
//!
//! Remaining time is computed from the clock on every redraw, never by counting ticks,
//! so the display cannot drift from the wall clock.

use std::time::{Duration, Instant};

/// Where a running countdown stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    /// Time left in the box.
    Remaining(Duration),
    /// The box ran out this long ago.
    Overtime(Duration),
}

/// A time box that started at a known instant.
#[derive(Debug, Clone, Copy)]
pub struct Countdown {
    started: Instant,
    limit: Duration,
}

impl Countdown {
    #[must_use]
    pub fn new(started: Instant, limit: Duration) -> Self {
        Self { started, limit }
    }

    #[must_use]
    pub fn elapsed(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.started)
    }

    #[must_use]
    pub fn left(&self, now: Instant) -> Left {
        let elapsed = self.elapsed(now);
        if elapsed < self.limit {
            Left::Remaining(self.limit.saturating_sub(elapsed))
        } else {
            Left::Overtime(elapsed.saturating_sub(self.limit))
        }
    }

    #[must_use]
    pub fn limit(&self) -> Duration {
        self.limit
    }
}

/// `m:ss` or `h:mm:ss`, rounding remaining time up so "0:00" only shows at zero.
#[must_use]
pub fn clock_face(d: Duration, round_up: bool) -> String {
    let mut secs = d.as_secs();
    if round_up && d.subsec_nanos() > 0 {
        secs += 1;
    }
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Seconds, rounded to the nearest whole second, as stored in history.
#[must_use]
pub fn whole_secs(d: Duration) -> u64 {
    (d.as_millis() as u64 + 500) / 1000
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, ManualClock};
    use chrono::DateTime;

    fn clock() -> ManualClock {
        ManualClock::at(DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00").unwrap())
    }

    #[test]
    fn counts_down_then_into_overtime() {
        let clock = clock();
        let countdown = Countdown::new(clock.now(), Duration::from_secs(120));
        assert_eq!(
            countdown.left(clock.now()),
            Left::Remaining(Duration::from_secs(120))
        );
        clock.advance(Duration::from_secs(90));
        assert_eq!(
            countdown.left(clock.now()),
            Left::Remaining(Duration::from_secs(30))
        );
        clock.advance(Duration::from_secs(30));
        assert_eq!(countdown.left(clock.now()), Left::Overtime(Duration::ZERO));
        clock.advance(Duration::from_secs(45));
        assert_eq!(
            countdown.left(clock.now()),
            Left::Overtime(Duration::from_secs(45))
        );
    }

    #[test]
    fn a_planning_phase_then_an_answer_phase_each_have_their_own_box() {
        let clock = clock();
        let planning = Countdown::new(clock.now(), Duration::from_secs(60));
        clock.advance(Duration::from_secs(20));
        assert_eq!(
            planning.left(clock.now()),
            Left::Remaining(Duration::from_secs(40))
        );
        // Enter skipped planning after 20 s; the answer box starts now, not at 60 s.
        let answer = Countdown::new(clock.now(), Duration::from_secs(600));
        clock.advance(Duration::from_secs(600));
        assert_eq!(answer.left(clock.now()), Left::Overtime(Duration::ZERO));
        assert_eq!(planning.elapsed(clock.now()), Duration::from_secs(620));
    }

    #[test]
    fn the_face_rounds_remaining_time_up() {
        assert_eq!(clock_face(Duration::from_millis(59_001), true), "1:00");
        assert_eq!(clock_face(Duration::from_millis(59_001), false), "0:59");
        assert_eq!(clock_face(Duration::from_secs(3725), false), "1:02:05");
        assert_eq!(whole_secs(Duration::from_millis(1499)), 1);
        assert_eq!(whole_secs(Duration::from_millis(1500)), 2);
    }
}
