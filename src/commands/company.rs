//! `sre-drill company ask|dealbreakers|list|show|compare|rename|forget`: the company
//! tracker of SPEC §7. Resolves names and question ids (bad ones are exit 2 with the
//! valid choices), appends events through the store, prints through `render::company`.

use std::io::{IsTerminal, Write};

use anyhow::Result;

use crate::bad_input;
use crate::bank::{Bank, Prompt, PromptId, did_you_mean};
use crate::cli::{AskArgs, CompanyCommand, CompanyOutput, DealbreakerCommand, DealbreakersArgs};
use crate::clock::{Clock, os_seed};
use crate::company::ask::Interviewer as _;
use crate::company::{
    Change, Company, Event, Flag, RoundInfo, Store, Tracker, ask, fold, record::event_id, view,
};
use crate::config::Config;
use crate::console::{Prompter, Stop};
use crate::render::company::{self as render, START_HINT, Style, shell_word};
use crate::render::json_or_text;

/// Runs one tracker subcommand.
///
/// # Errors
/// Bad names or ids (bad input), an unreadable or unwritable tracker, output failed.
pub fn run(config: &Config, command: &CompanyCommand) -> Result<()> {
    let store = Store::new(config.home.join("companies.jsonl"));
    match command {
        CompanyCommand::Ask(args) => ask_company(config, &store, args),
        CompanyCommand::Dealbreakers(args) => dealbreakers(config, &store, args),
        CompanyCommand::List { json } => list(config, &store, *json),
        CompanyCommand::Show { name, output } => show(config, &store, name, output),
        CompanyCommand::Compare { names, output } => compare(config, &store, names, output),
        CompanyCommand::Rename { old, new } => rename(config, &store, old, new),
        CompanyCommand::Forget { name, yes } => forget(config, &store, name, *yes),
    }
}

/// Reads and folds the tracker, reporting damaged lines once each.
fn read(config: &Config, store: &Store) -> Result<Tracker> {
    let loaded = store.read()?;
    if !config.quiet {
        let lines: Vec<usize> = loaded.damaged.iter().map(|d| d.line).collect();
        crate::history::report_damage(&mut std::io::stderr().lock(), store.path(), &lines);
    }
    Ok(fold(&loaded.events))
}

/// A record of `change` stamped now.
fn event(clock: &dyn Clock, change: Change) -> Event {
    let at = clock.wall();
    Event::new(event_id(at, os_seed(), 0), at, change)
}

/// The name as it will be stored: trimmed, not empty, on one line.
fn check_name(name: &str) -> Result<&str> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(bad_input!(
            "the company name is empty; give one, like \"Acme Corp\" (quotes keep spaces together)"
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(bad_input!(
            "the company name {trimmed:?} has a line break or control character; give it on one line"
        ));
    }
    Ok(trimmed)
}

/// The company with this name, or a bad-input error naming close matches. Every
/// command uses the one rule of [`Tracker::lookup`]: the exact name in any case, else
/// the only company whose name starts with it.
fn find<'a>(tracker: &'a Tracker, name: &str) -> Result<&'a Company> {
    check_name(name)?;
    let found = tracker.lookup(name);
    if let Some(company) = found {
        return Ok(company);
    }
    if tracker.companies.is_empty() {
        return Err(bad_input!(
            "no company '{}' in the tracker: nothing is recorded yet; start with: sre-drill company ask \"{}\"",
            name.trim(),
            name.trim()
        ));
    }
    let close = tracker.close_matches(name);
    let hint = if close.is_empty() {
        "see `sre-drill company list`".to_owned()
    } else {
        format!("did you mean {}?", quote_list(&close))
    };
    Err(bad_input!(
        "no company '{}' in the tracker; {hint}",
        name.trim()
    ))
}

fn quote_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    quoted.join(" or ")
}

/// The bank's company questions, in bank order.
fn company_questions(bank: &Bank) -> Vec<&Prompt> {
    bank.prompts
        .iter()
        .filter(|p| p.category.is_company())
        .collect()
}

/// A company question by id, or a bad-input error listing the valid ids.
fn resolve_question<'a>(questions: &[&'a Prompt], id: &str) -> Result<&'a Prompt> {
    let wanted = id.trim();
    if let Some(p) = questions.iter().find(|p| p.id.0 == wanted) {
        return Ok(p);
    }
    let ids: Vec<&str> = questions.iter().map(|p| p.id.0.as_str()).collect();
    let guess = did_you_mean(wanted, &ids)
        .map(|g| format!("did you mean '{g}'? "))
        .unwrap_or_default();
    Err(bad_input!(
        "unknown company question '{wanted}'; {guess}valid ids: {}",
        ids.join(", ")
    ))
}

fn stdout_style(config: &Config) -> Style {
    Style {
        color: config.color && std::io::stdout().is_terminal(),
    }
}

/// The width to fit: `--width`, else `$COLUMNS`, else the terminal's, else 80.
fn width(config: &Config, forced: Option<u16>) -> usize {
    super::output_width(config, forced)
}

/// The company `ask` records for: the one named, or, when the name is new but close to
/// a known one ("acme" for "Acme Corp"), the known one if the person says so. On a
/// terminal this is a yes/no menu; otherwise one line of input (`n` or `no` keeps the
/// new name, anything else takes the known one).
fn meant_company(prompter: &mut dyn Prompter, tracker: &Tracker, name: &str) -> Result<String> {
    if tracker.find(name).is_some() {
        return Ok(name.to_owned());
    }
    let near = tracker
        .lookup(name)
        .map(|c| c.name.as_str())
        .or_else(|| tracker.close_matches(name).first().copied());
    let Some(near) = near else {
        return Ok(name.to_owned());
    };
    let question = format!("No company '{name}' yet; did you mean {near}?");
    let yes = prompter
        .confirm(&question, true)
        .map_err(Stop::into_error)?;
    Ok(if yes {
        near.to_owned()
    } else {
        name.to_owned()
    })
}

fn ask_company(config: &Config, store: &Store, args: &AskArgs) -> Result<()> {
    let name = check_name(&args.name)?;
    let bank = super::load_bank(config)?;
    let all = company_questions(&bank);
    let tracker = read(config, store)?;
    let mut prompter = crate::console::prompter(config.terminal, config.color);
    let meant = meant_company(prompter.as_mut(), &tracker, name)?;
    let name = meant.as_str();
    let questions: Vec<&Prompt> = if args.questions.is_empty() {
        ask::default_questions(&all, &tracker.dealbreakers)
    } else if args.questions.len() == 1 && args.questions[0].trim().eq_ignore_ascii_case("all") {
        all.clone()
    } else {
        let mut picked: Vec<&Prompt> = Vec::new();
        for id in args.questions.iter().filter(|id| !id.trim().is_empty()) {
            let p = resolve_question(&all, id)?;
            if !picked.iter().any(|q| q.id == p.id) {
                picked.push(p);
            }
        }
        picked
    };
    if questions.is_empty() {
        return Err(bad_input!(
            "no company questions to ask: the bank has none of the default ones; pick some with --questions (see `sre-drill list --category company`)"
        ));
    }
    for d in &tracker.dealbreakers {
        if !all.iter().any(|p| p.id == d.question) && !config.quiet {
            let _ = writeln!(
                std::io::stderr(),
                "sre-drill: warning: the deal-breaker question '{}' is not in the bank any more; remove it with: sre-drill company dealbreakers remove {}",
                d.question,
                d.question
            );
        }
    }
    store.check_writable()?;

    let clock: &dyn Clock = config.clock;
    let text = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let round = RoundInfo {
        round: tracker.next_round(name),
        date: args.date.unwrap_or_else(|| clock.wall().date_naive()),
        role: text(&args.role),
        stage: text(&args.stage),
        interviewer: text(&args.interviewer),
    };
    let shown_name = tracker.find(name).map_or(name, |c| c.name.as_str());
    let on_dealbreakers = questions
        .iter()
        .filter(|q| tracker.dealbreaker(&q.id).is_some())
        .count();
    let plan = ask::Plan {
        company: name,
        round: round.clone(),
        questions: &questions,
        dealbreakers: &tracker.dealbreakers,
        entropy: os_seed(),
    };
    let mut io = ask::Lines::new(prompter.as_mut());
    if !config.quiet {
        let intro = render::ask_intro(round.round, shown_name, questions.len(), on_dealbreakers);
        io.info(&intro)
            .map_err(|_| anyhow::anyhow!("cannot write to the terminal"))?;
    }
    let asked = ask::run(&plan, &mut io, clock, &mut |e| store.append(e))?;
    drop(prompter);

    let mut out = std::io::stdout().lock();
    if asked.answers == 0 && !asked.notes {
        render::nothing_recorded(&mut out, shown_name)?;
        return Ok(());
    }
    let tracker = read(config, store)?;
    let Some(company) = tracker.find(name) else {
        return Ok(());
    };
    render::recorded(
        &mut out,
        company,
        round.round,
        &asked,
        &tracker,
        store.path(),
    )?;
    out.flush()?;
    Ok(())
}

fn dealbreakers(config: &Config, store: &Store, args: &DealbreakersArgs) -> Result<()> {
    let tracker = read(config, store)?;
    let bank = super::load_bank(config)?;
    let all = company_questions(&bank);
    let mut out = std::io::stdout().lock();
    match &args.command {
        None | Some(DealbreakerCommand::List { .. }) => {
            let json =
                args.json || matches!(args.command, Some(DealbreakerCommand::List { json: true }));
            json_or_text(
                &mut out,
                json,
                || render::dealbreakers_json(&tracker.dealbreakers, &all),
                |out| render::dealbreakers(out, &tracker.dealbreakers, &all),
            )?;
        }
        Some(DealbreakerCommand::Add {
            question,
            condition,
        }) => {
            let prompt = resolve_question(&all, question)?;
            let condition = condition.join(" ").trim().to_owned();
            if condition.is_empty() {
                return Err(bad_input!(
                    "the deal-breaker condition is empty; say which answer you would not accept, like: sre-drill company dealbreakers add {} \"the answer I would not accept\"",
                    prompt.id
                ));
            }
            if condition.chars().any(char::is_control) {
                return Err(bad_input!(
                    "the deal-breaker condition has a line break or control character; give it on one line"
                ));
            }
            let existed = tracker.dealbreaker(&prompt.id).is_some();
            let e = event(
                config.clock,
                Change::DealbreakerAdd {
                    question: prompt.id.clone(),
                    condition: condition.clone(),
                },
            );
            store.append(&e)?;
            let hit: Vec<&str> = tracker
                .companies
                .iter()
                .filter(|c| c.latest(&prompt.id).is_some_and(|a| a.flag == Flag::Red))
                .map(|c| c.name.as_str())
                .collect();
            render::dealbreaker_added(&mut out, prompt, &condition, existed, &hit)?;
        }
        Some(DealbreakerCommand::Remove { question }) => {
            let wanted = PromptId(question.trim().to_owned());
            if tracker.dealbreaker(&wanted).is_none() {
                let current: Vec<&str> = tracker
                    .dealbreakers
                    .iter()
                    .map(|d| d.question.0.as_str())
                    .collect();
                return Err(if current.is_empty() {
                    bad_input!(
                        "'{}' is not a deal-breaker; there are none yet",
                        question.trim()
                    )
                } else {
                    bad_input!(
                        "'{}' is not a deal-breaker; the deal-breakers are: {}",
                        question.trim(),
                        current.join(", ")
                    )
                });
            }
            store.append(&event(
                config.clock,
                Change::DealbreakerRemove {
                    question: wanted.clone(),
                },
            ))?;
            render::dealbreaker_removed(&mut out, &wanted)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn list(config: &Config, store: &Store, json: bool) -> Result<()> {
    let tracker = read(config, store)?;
    let rows = view::summaries(&tracker);
    let mut out = std::io::stdout().lock();
    json_or_text(
        &mut out,
        json,
        || &rows,
        |out| {
            if rows.is_empty() {
                writeln!(out, "{START_HINT}")
            } else {
                render::list(out, &rows, tracker.dealbreakers.len())
            }
        },
    )?;
    out.flush()?;
    Ok(())
}

fn show(config: &Config, store: &Store, name: &str, output: &CompanyOutput) -> Result<()> {
    let tracker = read(config, store)?;
    let company = find(&tracker, name)?;
    let bank = super::load_bank(config)?;
    let all = company_questions(&bank);
    let detail = view::detail(company, &tracker.dealbreakers, &all);
    let mut out = std::io::stdout().lock();
    json_or_text(
        &mut out,
        output.json,
        || &detail,
        |out| {
            if output.markdown {
                render::detail_markdown(out, &detail)
            } else {
                render::detail(
                    out,
                    &detail,
                    width(config, output.width),
                    stdout_style(config),
                )
            }
        },
    )?;
    out.flush()?;
    Ok(())
}

fn compare(config: &Config, store: &Store, names: &[String], output: &CompanyOutput) -> Result<()> {
    let tracker = read(config, store)?;
    let mut companies: Vec<&Company> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for name in names {
        check_name(name)?;
        match tracker.lookup(name) {
            Some(c) if companies.iter().any(|k| k.key == c.key) => {
                return Err(bad_input!(
                    "'{}' is named twice (names match in any case); give each company once",
                    name.trim()
                ));
            }
            Some(c) => companies.push(c),
            None => unknown.push(name.trim().to_owned()),
        }
    }
    if tracker.companies.is_empty() {
        return Err(bad_input!(
            "nothing to compare: no companies are recorded yet; start with: sre-drill company ask NAME"
        ));
    }
    if !unknown.is_empty() {
        let parts: Vec<String> = unknown
            .iter()
            .map(|n| {
                let close = tracker.close_matches(n);
                if close.is_empty() {
                    format!("'{n}'")
                } else {
                    format!("'{n}' (did you mean {}?)", quote_list(&close))
                }
            })
            .collect();
        let known: Vec<&str> = tracker.companies.iter().map(|c| c.name.as_str()).collect();
        return Err(bad_input!(
            "no company {} in the tracker; recorded: {}",
            parts.join(", "),
            known.join(", ")
        ));
    }
    let bank = super::load_bank(config)?;
    let all = company_questions(&bank);
    let comparison = view::comparison(&companies, &tracker.dealbreakers, &all);
    let mut out = std::io::stdout().lock();
    json_or_text(
        &mut out,
        output.json,
        || &comparison,
        |out| {
            if output.markdown {
                render::compare_markdown(out, &comparison)
            } else {
                let width = width(config, output.width);
                render::compare(out, &comparison, width, stdout_style(config))
            }
        },
    )?;
    out.flush()?;
    Ok(())
}

fn rename(config: &Config, store: &Store, old: &str, new: &str) -> Result<()> {
    let tracker = read(config, store)?;
    let company = find(&tracker, old)?;
    let new = check_name(new)?;
    if company.name == new {
        return Err(bad_input!(
            "'{new}' already has that name; nothing to rename"
        ));
    }
    if let Some(other) = tracker.find(new)
        && other.key != company.key
    {
        return Err(bad_input!(
            "there is already a company '{}'; pick another name, or forget that one first with: sre-drill company forget {}",
            other.name,
            shell_word(&other.name)
        ));
    }
    store.append(&event(
        config.clock,
        Change::Rename {
            company: company.name.clone(),
            to: new.to_owned(),
        },
    ))?;
    let mut out = std::io::stdout().lock();
    render::renamed(&mut out, &company.name, new)?;
    out.flush()?;
    Ok(())
}

fn forget(config: &Config, store: &Store, name: &str, yes: bool) -> Result<()> {
    let tracker = read(config, store)?;
    let company = find(&tracker, name)?;
    if !yes {
        if !config.terminal {
            return Err(bad_input!(
                "forgetting {} needs confirmation, which is asked only on a terminal (not from a pipe or with TERM=dumb); add --yes: sre-drill company forget {} --yes",
                company.name,
                shell_word(&company.name)
            ));
        }
        let confirmed = crate::console::prompter(config.terminal, config.color)
            .confirm(
                &format!(
                    "Forget everything recorded about {}?",
                    render::forget_what(company)
                ),
                false,
            )
            .map_err(Stop::into_error)?;
        if !confirmed {
            writeln!(std::io::stdout(), "{}", render::NOTHING_FORGOTTEN)?;
            return Ok(());
        }
    }
    store.append(&event(
        config.clock,
        Change::Forget {
            company: company.name.clone(),
        },
    ))?;
    let mut out = std::io::stdout().lock();
    render::forgot(&mut out, company, store.path())?;
    out.flush()?;
    Ok(())
}
