//! `list` and `show`.

use std::io::Write;

use anyhow::Result;

use crate::bad_input;
use crate::cli::ListArgs;
use crate::config::Config;
use crate::render;
use crate::session::select::Filter;

/// `sre-drill list`.
///
/// # Errors
/// Unknown category, or output failed.
pub fn list(config: &Config, args: &ListArgs) -> Result<()> {
    let bank = super::load_bank(config)?;
    let category = match &args.category {
        Some(name) => Some(super::drill::resolve_category(&bank, name)?),
        None => None,
    };
    let filter = Filter {
        category,
        tags: args.tag.clone(),
        levels: args.level.clone(),
    };
    let prompts: Vec<_> = bank.prompts.iter().filter(|p| filter.matches(p)).collect();
    let mut out = std::io::stdout().lock();
    render::json_or_text(
        &mut out,
        args.json,
        || {
            prompts
                .iter()
                .map(|p| render::prompt_json(p))
                .collect::<Vec<_>>()
        },
        |out| render::prompt_list(out, &prompts),
    )?;
    out.flush()?;
    Ok(())
}

/// `sre-drill show ID`.
///
/// # Errors
/// Unknown id (bad input), or output failed.
pub fn show(config: &Config, id: &str, json: bool) -> Result<()> {
    let bank = super::load_bank(config)?;
    let Some(prompt) = bank.get(id) else {
        let mut close: Vec<String> = bank
            .prompts
            .iter()
            .map(|p| p.id.0.clone())
            .filter(|p| p.contains(id) || id.contains(p.as_str()))
            .take(5)
            .collect();
        if close.is_empty() {
            // A near id or near former id, named by the prompt's current id.
            close.extend(bank.closest_name(id).filter(|n| bank.get(n).is_some()));
        }
        let hint = if close.is_empty() {
            "run `sre-drill list` to see the ids".to_owned()
        } else {
            format!("did you mean {}?", close.join(", "))
        };
        return Err(bad_input!("no prompt with id '{id}'; {hint}"));
    };
    let mut out = std::io::stdout().lock();
    render::json_or_text(
        &mut out,
        json,
        || render::prompt_json(prompt),
        |out| render::prompt_detail(out, prompt),
    )?;
    out.flush()?;
    Ok(())
}
