//! One function per command: resolve what the command needs, call the library, print
//! through `render`. Warnings go to stderr as `sre-drill: warning: ...`.

pub mod add;
pub mod add_lines;
pub mod bank;
pub mod check;
pub mod company;
pub mod drill;
pub mod history;
pub mod interview;
pub mod lab;
pub mod man;
pub mod posting;
pub mod report;
pub mod review;
pub mod story;
pub mod validate;

use std::io::Write;

use anyhow::Result;

use crate::bank::{Bank, load};
use crate::config::Config;
use crate::history::{History, Loaded};

/// Loads the bank and reports skipped user files.
///
/// # Errors
/// An explicit `--bank` folder is missing.
pub fn load_bank(config: &Config) -> Result<Bank> {
    let loaded = load(Some(&config.user_drills()), &config.banks)?;
    Ok(with_stories(config, report_bank(config, loaded)))
}

/// The bank with the user's stories in it, as prompts of the category `behavioural`
/// (so `drill`, `due`, `list` and `show` serve them like any prompt). A stories file
/// with a problem is one warning, and the stories are left out until it is fixed; a
/// story whose id a prompt file already uses is left out with a warning too.
#[must_use]
pub fn with_stories(config: &Config, mut bank: Bank) -> Bank {
    let warn = |text: &str| {
        if !config.quiet {
            let _ = writeln!(std::io::stderr().lock(), "sre-drill: warning: {text}");
        }
    };
    let path = config.stories_file();
    let stories = match crate::story::load(&path) {
        Ok(stories) => stories,
        Err(problem) => {
            warn(&format!(
                "{problem}; your stories are left out until it is fixed"
            ));
            return bank;
        }
    };
    if stories.is_empty() {
        return bank;
    }
    // A broken topic map is reported by the commands that read it for a posting.
    let map = crate::posting::TopicMap::load(&config.topics_file())
        .or_else(|_| crate::posting::TopicMap::built_in())
        .unwrap_or_default();
    for story in &stories {
        if bank.get(&story.id).is_some() {
            warn(&format!(
                "{}: the story '{}' is left out: a prompt already has that id",
                path.display(),
                story.id
            ));
            continue;
        }
        let prompt = story.to_prompt(story_tags(&map, story), &path);
        bank.prompts.push(prompt);
    }
    bank
}

/// The skill areas a story's topics and title stand for (through the topic map).
#[must_use]
pub fn story_tags(map: &crate::posting::TopicMap, story: &crate::story::Story) -> Vec<String> {
    let mut words: Vec<&str> = story.topics.iter().map(String::as_str).collect();
    words.push(&story.title);
    map.tags_for(&words, |t| crate::bank::SKILL_AREAS.contains(&t))
}

/// Prints what loading the bank warned about (unless `--quiet`), and returns the bank.
#[must_use]
pub fn report_bank(config: &Config, (bank, report): (Bank, crate::bank::LoadReport)) -> Bank {
    if !config.quiet {
        let mut err = std::io::stderr().lock();
        for w in &report.warnings {
            let _ = writeln!(err, "sre-drill: warning: {w}");
        }
    }
    bank
}

/// The width to fit text to: `forced` (a `--width`), else `$COLUMNS`, else the width of
/// the terminal on stdout, else 80.
#[must_use]
pub fn output_width(config: &Config, forced: Option<u16>) -> usize {
    if let Some(w) = forced {
        return usize::from(w);
    }
    // COLUMNS is what a shell exports for the user's window; it wins over asking the
    // terminal, so output piped to a pager still fits.
    let w = config.columns.or_else(crate::console::stdout_width);
    w.unwrap_or(80).clamp(30, 1000)
}

/// Reads the history and reports damaged lines once each.
///
/// # Errors
/// The file exists but cannot be read.
pub fn read_history(config: &Config) -> Result<Loaded> {
    let history = History::new(config.history.clone());
    let loaded = history.read()?;
    if !config.quiet {
        let lines: Vec<usize> = loaded.damaged.iter().map(|d| d.line).collect();
        crate::history::report_damage(&mut std::io::stderr().lock(), &config.history, &lines);
    }
    Ok(loaded)
}
