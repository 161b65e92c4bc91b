//! The terminal's settings as they were when sre-drill started, put back on the way out.
//!
//! Two libraries switch the terminal to raw mode: crossterm in the answer phase, and
//! dialoguer's menus (through the `console` crate). crossterm only undoes its own raw
//! mode, so a signal that arrives while a menu is reading a key would leave the
//! terminal raw. Remembering the settings at start and restoring them on every exit
//! path covers both.

use std::sync::OnceLock;

#[cfg(unix)]
static SAVED: OnceLock<rustix::termios::Termios> = OnceLock::new();

/// Remembers the terminal's settings, when stdin is a terminal. Call once, at start.
pub fn remember() {
    #[cfg(unix)]
    if let Ok(settings) = rustix::termios::tcgetattr(std::io::stdin()) {
        let _ = SAVED.set(settings);
    }
}

/// Puts back the settings [`remember`] saw (cooked mode, echo on). Safe at any time;
/// does nothing when stdin is not a terminal.
pub fn put_back() {
    #[cfg(unix)]
    if let Some(settings) = SAVED.get() {
        let _ = rustix::termios::tcsetattr(
            std::io::stdin(),
            rustix::termios::OptionalActions::Now,
            settings,
        );
    }
}
