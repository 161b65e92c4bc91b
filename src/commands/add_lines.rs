//! The lines `add` reads for must-haves, words to listen for and scenario entries.
//! Pure: each takes what was typed and returns the value or one sentence saying what
//! is wrong and what to type instead. The forms are documented in `sre-drill add --help`.

use crate::bank::{Event, Evidence, Fix, Reply, Scenario};

/// Must-have points: their numbers (`2 3`, `2,3`), or empty for none.
///
/// # Errors
/// A number that is not a point.
pub fn parse_must(line: &str, total: usize) -> Result<Vec<usize>, String> {
    let mut picked = Vec::new();
    for word in line.split([',', ' ', '\t']).filter(|w| !w.is_empty()) {
        match word.parse::<usize>() {
            Ok(n) if (1..=total).contains(&n) => {
                if !picked.contains(&n) {
                    picked.push(n);
                }
            }
            _ => {
                return Err(format!(
                    "'{word}' is not a point number; give numbers from 1 to {total} (like `2 3`), or an empty line for none"
                ));
            }
        }
    }
    Ok(picked)
}

/// `N: phrase, phrase`: the words that show point (or follow-up) N was covered.
///
/// # Errors
/// No `N:`, a number out of range, or no phrase.
pub fn parse_listen(line: &str, total: usize) -> Result<(usize, Vec<String>), String> {
    let shape = || {
        format!(
            "'{}' is not `N: phrase, phrase` (N from 1 to {total}), like `2: deleted but open, lsof +L1`",
            line.trim()
        )
    };
    let (number, phrases) = line.split_once(':').ok_or_else(shape)?;
    let n = number
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=total).contains(n))
        .ok_or_else(shape)?;
    let phrases = split_phrases(phrases);
    if phrases.is_empty() {
        return Err(shape());
    }
    Ok((n, phrases))
}

fn split_phrases(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One scenario line, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioLine {
    Fact(Reply),
    Evidence(Evidence),
    Risky(Reply),
    Cause(Reply),
    Fix(Fix),
    Event(Event),
    Otherwise(String),
}

const SCENARIO_SHAPES: &str = "fact: PHRASES => REPLY, evidence ID [key]: PHRASES => OUTPUT, risky: PHRASES => QUESTION, cause: PHRASES => EXPLANATION, fix good|bad: PHRASES => RESULT, after 5m: EVENT, or otherwise: REPLY";

/// One scenario line: `fact: PHRASES => REPLY`, `evidence ID [key]: PHRASES => OUTPUT`,
/// `risky: PHRASES => QUESTION`, `cause: PHRASES => EXPLANATION`,
/// `fix good|bad: PHRASES => RESULT`, `after 5m: EVENT`, `otherwise: REPLY`. PHRASES are separated by commas; `\n` in a reply starts a new
/// line (for command output).
///
/// # Errors
/// A sentence naming what is wrong and the forms a line can take.
pub fn parse_scenario_line(line: &str) -> Result<ScenarioLine, String> {
    let line = line.trim();
    let (head, rest) = line
        .split_once(':')
        .ok_or_else(|| format!("'{line}' is not a scenario line; use one of: {SCENARIO_SHAPES}"))?;
    let mut words = head.split_whitespace();
    let kind = words.next().unwrap_or_default().to_ascii_lowercase();
    let args: Vec<&str> = words.collect();
    let text = |s: &str| s.trim().replace("\\n", "\n");
    let reply = |what: &str| -> Result<Reply, String> {
        let (phrases, say) = rest
            .split_once("=>")
            .ok_or_else(|| format!("'{line}' has no `=>`: write {kind}: PHRASES => {what}"))?;
        let ask = split_phrases(phrases);
        let say = text(say);
        if ask.is_empty() || say.is_empty() {
            return Err(format!(
                "'{line}' needs phrases before `=>` and the {} after it",
                what.to_ascii_lowercase()
            ));
        }
        Ok(Reply { ask, say })
    };
    match (kind.as_str(), args.as_slice()) {
        ("fact", []) => reply("REPLY").map(ScenarioLine::Fact),
        ("risky", []) => reply("QUESTION").map(ScenarioLine::Risky),
        ("cause", []) => reply("EXPLANATION").map(ScenarioLine::Cause),
        ("fix", [how]) => {
            let good = match how.to_ascii_lowercase().as_str() {
                "good" => true,
                "bad" => false,
                _ => {
                    return Err(format!(
                        "'{how}' after `fix`: write `fix good:` for a mitigation that works or `fix bad:` for one that does not"
                    ));
                }
            };
            let Reply { ask, say } = reply("RESULT")?;
            Ok(ScenarioLine::Fix(Fix { ask, say, good }))
        }
        ("evidence", [id] | [id, _]) => {
            let key = match args.get(1) {
                None => false,
                Some(k) if k.eq_ignore_ascii_case("key") => true,
                Some(other) => {
                    return Err(format!(
                        "'{other}' after the evidence id: write `evidence {id} key:` for key evidence, or leave it out"
                    ));
                }
            };
            if !crate::text::is_kebab(id) {
                return Err(format!(
                    "evidence id '{id}' must be lower-case words joined by dashes, like disk-graph"
                ));
            }
            let Reply { ask, say } = reply("OUTPUT")?;
            Ok(ScenarioLine::Evidence(Evidence {
                id: (*id).to_owned(),
                ask,
                say,
                key,
            }))
        }
        ("after", [when]) => {
            let after = crate::text::parse_duration(when)?.as_secs();
            let say = text(rest);
            if say.is_empty() {
                return Err(format!("'{line}' needs what happens after the colon"));
            }
            Ok(ScenarioLine::Event(Event { after, say }))
        }
        ("otherwise", []) => {
            let say = text(rest);
            if say.is_empty() {
                return Err(
                    "`otherwise:` needs the reply to questions that match nothing".to_owned(),
                );
            }
            Ok(ScenarioLine::Otherwise(say))
        }
        _ => Err(format!(
            "'{head}' does not start a scenario line; use one of: {SCENARIO_SHAPES}"
        )),
    }
}

/// The scenario the lines make, or `None` for no lines.
///
/// # Errors
/// Lines without a `cause:`, or with two.
pub fn build_scenario(lines: Vec<ScenarioLine>) -> Result<Option<Scenario>, String> {
    if lines.is_empty() {
        return Ok(None);
    }
    let mut scenario = Scenario {
        facts: Vec::new(),
        evidence: Vec::new(),
        risky: Vec::new(),
        cause: Reply {
            ask: Vec::new(),
            say: String::new(),
        },
        fixes: Vec::new(),
        timeline: Vec::new(),
        otherwise: None,
    };
    let mut causes = 0;
    for line in lines {
        match line {
            ScenarioLine::Fact(r) => scenario.facts.push(r),
            ScenarioLine::Evidence(e) => scenario.evidence.push(e),
            ScenarioLine::Risky(r) => scenario.risky.push(r),
            ScenarioLine::Cause(r) => {
                causes += 1;
                scenario.cause = r;
            }
            ScenarioLine::Fix(f) => scenario.fixes.push(f),
            ScenarioLine::Event(e) => scenario.timeline.push(e),
            ScenarioLine::Otherwise(s) => scenario.otherwise = Some(s),
        }
    }
    match causes {
        0 => Err("a scenario needs one `cause: PHRASES => EXPLANATION` line: what the candidate should find".to_owned()),
        1 => Ok(Some(scenario)),
        _ => Err("a scenario has one cause; give a single `cause:` line".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn must_haves_are_point_numbers() {
        assert_eq!(parse_must("2 3", 4), Ok(vec![2, 3]));
        assert_eq!(parse_must(" 1,1 ", 4), Ok(vec![1]));
        assert_eq!(parse_must("", 4), Ok(vec![]));
        assert!(parse_must("5", 4).unwrap_err().contains("from 1 to 4"));
        assert!(parse_must("two", 4).is_err());
    }

    #[test]
    fn listen_lines_name_a_point_and_its_phrases() {
        assert_eq!(
            parse_listen("2: deleted but open, lsof +L1 ", 3),
            Ok((
                2,
                vec!["deleted but open".to_owned(), "lsof +L1".to_owned()]
            ))
        );
        assert!(parse_listen("4: x", 3).is_err());
        assert!(parse_listen("2:", 3).is_err());
        assert!(
            parse_listen("deleted but open", 3)
                .unwrap_err()
                .contains("N: phrase")
        );
    }

    #[test]
    fn scenario_lines_take_every_entry_kind() {
        assert_eq!(
            parse_scenario_line("fact: do i have root, sudo => Yes, sudo everywhere."),
            Ok(ScenarioLine::Fact(Reply {
                ask: vec!["do i have root".into(), "sudo".into()],
                say: "Yes, sudo everywhere.".into()
            }))
        );
        let Ok(ScenarioLine::Evidence(e)) =
            parse_scenario_line("evidence open-files key: lsof +L1 => COMMAND PID\\nwebapp 2143")
        else {
            panic!("evidence");
        };
        assert!(e.key);
        assert_eq!(e.id, "open-files");
        assert_eq!(e.say, "COMMAND PID\nwebapp 2143");
        assert_eq!(
            parse_scenario_line("after 4m: The disk is at 96%."),
            Ok(ScenarioLine::Event(Event {
                after: 240,
                say: "The disk is at 96%.".into()
            }))
        );
        assert!(matches!(
            parse_scenario_line("otherwise: Nothing unusual."),
            Ok(ScenarioLine::Otherwise(_))
        ));
        assert_eq!(
            parse_scenario_line("fix good: truncate it => df shows 61%."),
            Ok(ScenarioLine::Fix(Fix {
                ask: vec!["truncate it".into()],
                say: "df shows 61%.".into(),
                good: true
            }))
        );
        assert!(matches!(
            parse_scenario_line("fix bad: delete more => nothing changes"),
            Ok(ScenarioLine::Fix(Fix { good: false, .. }))
        ));
        assert!(
            parse_scenario_line("fix maybe: x => y")
                .unwrap_err()
                .contains("fix good")
        );
    }

    #[test]
    fn bad_scenario_lines_say_what_to_write() {
        assert!(
            parse_scenario_line("fact: sudo")
                .unwrap_err()
                .contains("=>")
        );
        assert!(
            parse_scenario_line("clue: x => y")
                .unwrap_err()
                .contains("fact: PHRASES")
        );
        assert!(
            parse_scenario_line("evidence Disk_Graph: df => 95%")
                .unwrap_err()
                .contains("dashes")
        );
        assert!(
            parse_scenario_line("evidence disk maybe: df => 95%")
                .unwrap_err()
                .contains("key")
        );
        assert!(
            parse_scenario_line("after soon: x")
                .unwrap_err()
                .contains("duration")
        );
        assert!(parse_scenario_line("no colon here").is_err());
    }

    #[test]
    fn a_scenario_needs_exactly_one_cause() {
        assert_eq!(build_scenario(vec![]), Ok(None));
        let fact = parse_scenario_line("fact: sudo => Yes.").unwrap();
        let cause = parse_scenario_line("cause: held open => It holds the file.").unwrap();
        assert!(
            build_scenario(vec![fact.clone()])
                .unwrap_err()
                .contains("cause")
        );
        assert!(build_scenario(vec![fact.clone(), cause.clone(), cause.clone()]).is_err());
        let s = build_scenario(vec![fact, cause]).unwrap().unwrap();
        assert_eq!(s.cause.say, "It holds the file.");
        assert_eq!(s.facts.len(), 1);
    }
}
