//! Shell completion scripts: `clap_complete`'s output, with its bash script repaired.
//!
//! `clap_complete` 4.6 names the bash states of a hyphenated binary two ways: the loop
//! that walks the words sets `sre__drill__subcmd__lab`, while the case arm that offers
//! the options is spelled `sre__subcmd__drill__subcmd__lab` (clap issues #6421 and
//! #6529). Nothing past the first word completed. [`script`] renames the arms to the
//! spelling the loop uses; once upstream agrees with itself the rename finds nothing.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The name the scripts complete.
pub const BIN: &str = "sre-drill";

/// The completion script for `shell`, ready to source.
#[must_use]
pub fn script(shell: Shell) -> String {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, BIN, &mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    match shell {
        Shell::Bash => repair_bash(&text, BIN),
        _ => text,
    }
}

/// Renames the case arms `{bin with - as __subcmd__}__subcmd__X)` to the state names
/// the word loop assigns, `{bin with - as __}__subcmd__X)`.
fn repair_bash(script: &str, bin: &str) -> String {
    let wrong = format!("{}__subcmd__", bin.replace('-', "__subcmd__"));
    let right = format!("{}__subcmd__", bin.replace('-', "__"));
    if wrong == right {
        return script.to_owned();
    }
    let mut out = String::with_capacity(script.len());
    for line in script.split_inclusive('\n') {
        let body = line.trim_start();
        if body.starts_with(&wrong) && body.trim_end().ends_with(')') {
            let indent = &line[..line.len() - body.len()];
            out.push_str(indent);
            out.push_str(&right);
            out.push_str(&body[wrong.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_arm_is_a_state_the_word_loop_can_reach() {
        let script = script(Shell::Bash);
        let assigned: std::collections::BTreeSet<&str> = script
            .lines()
            .filter_map(|l| l.trim().strip_prefix("cmd=\""))
            .filter_map(|l| l.strip_suffix('"'))
            .collect();
        let arms: Vec<&str> = script
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("sre__") && l.ends_with(')') && !l.contains(','))
            .map(|l| l.trim_end_matches(')'))
            .collect();
        assert!(arms.len() > 20, "{arms:?}");
        for arm in arms {
            assert!(assigned.contains(arm), "case arm {arm} is never reached");
        }
    }

    #[test]
    fn a_name_without_hyphen_is_left_alone() {
        let s = "        tool__subcmd__lab)\n";
        assert_eq!(repair_bash(s, "tool"), s);
    }
}
