//! `sre-drill plan --posting FILE|-`: read the posting, find its topics with the topic
//! map, plan them against the history, the bank and the stories, print through
//! `render::posting`. `drill posting` reads the posting and the map here too.

use std::io::{Read, Write};
use std::path::Path;

use anyhow::Result;

use crate::bad_input;
use crate::bank::Bank;
use crate::config::Config;
use crate::posting::{StoryWords, TopicMap};
use crate::render;

/// A posting as read: how to name it, and its text.
pub struct Posting {
    pub shown: String,
    pub text: String,
}

/// Reads the posting from `file`, or stdin for `-`.
///
/// # Errors
/// It cannot be read, is too long or is not text (bad input, naming it).
pub fn read(_config: &Config, file: &Path) -> Result<Posting> {
    let stdin = file == Path::new("-");
    let shown = if stdin {
        "the posting on stdin".to_owned()
    } else {
        file.display().to_string()
    };
    let mut bytes = Vec::new();
    let limit = crate::posting::MAX_POSTING_BYTES as u64 + 1;
    let read = if stdin {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        match std::fs::metadata(file) {
            Ok(meta) if !meta.is_file() => {
                return Err(bad_input!(
                    "{shown} is not a file; give the posting as a plain-text file, or - for stdin"
                ));
            }
            _ => {}
        }
        std::fs::File::open(file).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    if let Err(err) = read {
        return Err(bad_input!(
            "cannot read {shown}: {err}; save the posting as a plain-text file and give its path, or - to read it from stdin"
        ));
    }
    let text = crate::posting::posting_text(bytes).map_err(|why| bad_input!("{shown} {why}"))?;
    Ok(Posting { shown, text })
}

/// The topic map: built-in, with the user's file on top. Resources it names that the
/// bank lacks are one warning each.
///
/// # Errors
/// The user's file has a problem (bad input, naming the file, line and column).
pub fn topic_map(config: &Config, bank: &Bank) -> Result<TopicMap> {
    let map = TopicMap::load(&config.topics_file())?;
    if !config.quiet {
        let mut err = std::io::stderr().lock();
        for (topic, name) in map.unknown_resources(&bank.resources) {
            let _ = writeln!(
                err,
                "sre-drill: warning: topic '{topic}' names the resource '{name}', which is not in the resources; it is left out"
            );
        }
    }
    Ok(map)
}

/// `sre-drill plan --posting FILE|-`.
///
/// # Errors
/// The posting or the topic map cannot be read, the history cannot be read, or output
/// failed.
pub fn plan(config: &Config, file: &Path, json: bool) -> Result<()> {
    let posting = read(config, file)?;
    let bank = super::load_bank(config)?;
    let records = super::review::read_records_with(config, &bank)?;
    let map = topic_map(config, &bank)?;
    // Stories with a problem were left out of the bank with a warning; so here too.
    let stories = crate::story::load(&config.stories_file()).unwrap_or_default();
    let words: Vec<StoryWords<'_>> = stories
        .iter()
        .map(|s| StoryWords {
            id: &s.id,
            title: &s.title,
            topics: s.topics.iter().map(String::as_str).collect(),
        })
        .collect();
    let found = map.find(&posting.text);
    let plan = crate::posting::plan(&found, &map, &records, &bank, &words);
    let command = format!(
        "sre-drill drill posting --posting {}",
        render::posting::shell_word(&file.display().to_string())
    );
    let from_stdin = file == Path::new("-");
    let topics_file = config.topics_file().display().to_string();
    let view = render::posting::View {
        posting: &posting.shown,
        plan: &plan,
        command: (!from_stdin && !plan.drill.is_empty()).then_some(command.as_str()),
        from_stdin,
        topics_file: &topics_file,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    render::json_or_text(
        &mut out,
        json,
        || render::posting::json(&view),
        |out| render::posting::text(out, &view),
    )?;
    out.flush()?;
    Ok(())
}
