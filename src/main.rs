//! Parses the command line, runs it, prints the error once, exits with its code.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;
use sre_drill::cli::Cli;
use sre_drill::config::Env;
use sre_drill::console::{
    ending_on_signal, remember_terminal, restore_terminal, set_terminating, settle_terminal,
    take_interrupt_handled, terminating,
};
use sre_drill::error::{Exit, exit_for, is_broken_pipe};

/// See Cargo.toml: the system allocator was a fifth to a third of start-up and review.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    remember_terminal();
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        default_hook(info);
    }));
    watch_signals();

    let cli = Cli::parse();
    let env = Env::from_process();
    let result = sre_drill::run(&cli, &env);
    // An interrupted read ends the command before the signal watcher has woken: wait
    // a moment to learn whether it was a SIGTERM or SIGHUP rather than a Ctrl-C.
    let interrupted = matches!(&result, Err(err) if exit_for(err) == Exit::Interrupted);
    if terminating().is_some() || (interrupted && ending_on_signal()) {
        // A SIGTERM or SIGHUP ended the command: the signal watcher finishes cleaning up
        // and exits with the signal's code.
        loop {
            std::thread::park();
        }
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let exit = exit_for(&err);
            if exit == Exit::Interrupted {
                restore_terminal();
            } else if !is_broken_pipe(&err) {
                // Never a panic: if even stderr cannot be written, the exit code says it.
                let _ = writeln!(std::io::stderr(), "sre-drill: {}", describe(&err));
            }
            ExitCode::from(exit.code())
        }
    }
}

/// The error as one line. Every failure of ours names what failed; an I/O error with
/// nothing around it came from printing a command's output, and says so.
fn describe(err: &anyhow::Error) -> String {
    if err.chain().count() == 1 && err.downcast_ref::<std::io::Error>().is_some() {
        format!("cannot write the output: {err}")
    } else {
        format!("{err:#}")
    }
}

/// SIGINT, SIGTERM and SIGHUP: restore the terminal, remove the lab folders in use, and
/// leave (130, or 129 for SIGHUP).
/// A Ctrl-C typed into a menu also raises SIGINT; when the session says it is handling
/// that one (to offer logging the partial attempt), the watcher lets it. Graded attempts
/// are already on disk; an append in flight finishes (and is synced) before the exit,
/// and none starts after it.
fn watch_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if signal == SIGINT {
                std::thread::sleep(std::time::Duration::from_millis(250));
                if take_interrupt_handled() {
                    continue;
                }
            } else {
                set_terminating(if signal == SIGHUP { 129 } else { 130 });
            }
            restore_terminal();
            sre_drill::lab::owner::remove_claimed();
            sre_drill::check::cleanup_on_signal();
            // A menu that was switching to raw mode when the signal came finishes after
            // the first restore; restore once more when it is done.
            settle_terminal(std::time::Duration::from_millis(500));
            let code = if signal == SIGHUP { 129 } else { 130 };
            let _no_more_appends = sre_drill::jsonl::hold_appends();
            std::process::exit(code);
        }
    });
}
