//! Small text rules shared by every part: the id form, "did you mean", edit distance,
//! and durations as people write them. Pure functions, no I/O.

use std::time::Duration;

/// Lower-case letters and digits in dash-separated words: the form of ids and categories.
#[must_use]
pub fn is_kebab(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The closest known name, when it is close enough to be a typo.
#[must_use]
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&word, k), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Edit distance where swapping two neighbouring letters counts as one edit (optimal
/// string alignment), so `titel` is one edit from `title`.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// Parses `90s`, `10m`, `1h`, `1h30m`, `2m30s` (humantime's forms); a bare number means
/// minutes.
///
/// # Errors
/// A sentence naming what is wrong.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    // Lower case first: humantime reads `M` as months, people mean minutes.
    let t = text.trim().to_ascii_lowercase();
    if t.is_empty() {
        return Err("empty duration; use a form like 90s, 10m or 1h".to_owned());
    }
    let bad = || format!("'{text}' is not a duration; use a form like 90s, 10m, 1h or 1h30m");
    let total = if t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse::<u64>()
            .map_err(|_| bad())?
            .checked_mul(60)
            .ok_or_else(bad)?
    } else {
        humantime::parse_duration(&t).map_err(|_| bad())?.as_secs()
    };
    if total == 0 {
        return Err("the time box must be longer than zero".to_owned());
    }
    if total > 24 * 3600 {
        return Err(format!("'{text}' is longer than a day; use at most 24h"));
    }
    Ok(Duration::from_secs(total))
}

/// [`parse_duration`] in whole seconds, for durations inside prompt files (`after: 6m`).
#[must_use]
pub fn duration_secs(text: &str) -> Option<u64> {
    parse_duration(text).ok().map(|d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("2m30s"), Ok(Duration::from_secs(150)));
        assert_eq!(parse_duration("5"), Ok(Duration::from_secs(300)));
        assert!(
            parse_duration("0s")
                .unwrap_err()
                .contains("longer than zero")
        );
        assert!(
            parse_duration("ten")
                .unwrap_err()
                .contains("not a duration")
        );
        assert!(parse_duration("10x").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("99999999999999999999h").is_err());
        assert_eq!(parse_duration("1H30M"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("1h 30m"), Ok(Duration::from_secs(5400)));
        assert!(
            parse_duration("25h")
                .unwrap_err()
                .contains("longer than a day")
        );
        assert_eq!(
            parse_duration("1h30x").unwrap_err(),
            "'1h30x' is not a duration; use a form like 90s, 10m, 1h or 1h30m"
        );
    }
    #[test]
    fn did_you_mean_only_for_near_misses() {
        let known = ["title", "follow_ups", "rubric"];
        assert_eq!(did_you_mean("titel", &known), Some("title"));
        assert_eq!(did_you_mean("follow-ups", &known), Some("follow_ups"));
        assert_eq!(did_you_mean("banana", &known), None);
    }

    #[test]
    fn a_swap_of_neighbours_is_one_edit() {
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("ca", "abc"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}

/// A command as the user would type it again: each word as it is when the shell passes
/// it through unchanged, or in single quotes (`sh -c 'sleep 1'`).
#[must_use]
pub fn shell_command(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            if !w.is_empty()
                && w.chars()
                    .all(|c| c.is_alphanumeric() || "-_.,/+@=:%".contains(c))
            {
                w.clone()
            } else {
                format!("'{}'", w.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `1 prompt`, `2 prompts`: the count and the noun that agrees with it.
#[must_use]
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod plural_tests {
    use super::plural;

    #[test]
    fn the_noun_agrees_with_the_count() {
        assert_eq!(plural(0, "prompt", "prompts"), "0 prompts");
        assert_eq!(plural(1, "prompt", "prompts"), "1 prompt");
        assert_eq!(
            plural(2, "prompt matches", "prompts match"),
            "2 prompts match"
        );
    }
}

#[cfg(test)]
mod shell_tests {
    use super::shell_command;

    #[test]
    fn a_command_is_quoted_only_where_the_shell_needs_it() {
        let words = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            shell_command(&words(&["python3", "./sol.py", "--top=3"])),
            "python3 ./sol.py --top=3"
        );
        assert_eq!(
            shell_command(&words(&["sh", "-c", "echo 'hi' | wc -l", ""])),
            r"sh -c 'echo '\''hi'\'' | wc -l' ''"
        );
    }
}
