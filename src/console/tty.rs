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

/// For the way out after a signal: waits (at most `limit`) until what was written to
/// the terminal has been sent, then puts the settings back again.
///
/// A menu switches to raw mode with a `tcsetattr` that first waits for pending output
/// to drain; if the signal came while it waited, its raw mode lands after the first
/// [`put_back`]. Once the output has drained, that switch is done, and this second
/// `put_back` is the last word. The wait runs on its own thread so a terminal that
/// never drains cannot keep sre-drill from exiting.
pub fn settle(limit: std::time::Duration) {
    #[cfg(unix)]
    if SAVED.get().is_some() {
        let (done, drained) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = rustix::termios::tcdrain(std::io::stdin());
            let _ = done.send(());
        });
        let _ = drained.recv_timeout(limit);
        // The menu's thread may need a moment to return from its own switch.
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    put_back();
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
