//! A prompt's fields and their limits, written once.
//!
//! The file checker (`parse`), the guided `add` dialogue and the command line all take
//! the field names and limits from here, so a field or a limit changes in one place.

use std::ops::RangeInclusive;

use super::Category;

/// The keys of a prompt file.
pub const FILE_FIELDS: &[&str] = &["category", "prompts"];
/// The fields of a prompt, in the order the built-in files write them.
pub const PROMPT_FIELDS: &[&str] = &[
    "id",
    "title",
    "category",
    "level",
    "tags",
    "minutes",
    "think_seconds",
    "prompt",
    "hints",
    "rubric",
    "pitfalls",
    "follow_ups",
    "why",
    "listen_for",
    "red_flags",
    "scenario",
    "facts",
    "check",
    "answer",
    "formerly",
];
/// The fields of a rubric point written as a mapping.
pub const POINT_FIELDS: &[&str] = &["point", "must", "listen_for", "by_check"];
/// The fields of a follow-up written as a mapping.
pub const FOLLOW_UP_FIELDS: &[&str] = &["ask", "listen_for", "minutes", "stage", "answer"];
/// The fields of a `scenario:` block.
pub const SCENARIO_FIELDS: &[&str] = &[
    "facts",
    "evidence",
    "risky",
    "cause",
    "fixes",
    "timeline",
    "otherwise",
];
/// The fields of a fix.
pub const FIX_FIELDS: &[&str] = &["ask", "say", "good"];
/// The fields of a fact, a risky action and the cause.
pub const REPLY_FIELDS: &[&str] = &["ask", "say"];
/// The fields of an evidence entry.
pub const EVIDENCE_FIELDS: &[&str] = &["id", "ask", "say", "key"];
/// The fields of a timeline event.
pub const EVENT_FIELDS: &[&str] = &["after", "say"];
/// Fields only company prompts have.
pub const COMPANY_ONLY: &[&str] = &["why", "listen_for", "red_flags"];
/// Fields company prompts never have.
pub const NOT_COMPANY: &[&str] = &["rubric", "pitfalls", "scenario"];

/// The longest prompt id, in bytes (ids are ASCII).
pub const ID_MAX_LEN: usize = 80;

/// The longest category name.
pub const CATEGORY_MAX_LEN: usize = 40;

/// A prompt's time box, in whole minutes.
pub const MINUTES: RangeInclusive<u32> = 1..=180;

/// A follow-up's own time box, in whole minutes.
pub const FOLLOW_UP_MINUTES: RangeInclusive<u32> = 1..=60;

/// The reading time before a prompt's clock starts, in seconds.
pub const THINK_SECONDS: RangeInclusive<u32> = 0..=600;

/// Whether `id` is a well-formed prompt id: kebab-case and not too long.
#[must_use]
pub fn id_is_well_formed(id: &str) -> bool {
    crate::text::is_kebab(id) && id.len() <= ID_MAX_LEN
}

/// Whether `name` is a well-formed category name.
#[must_use]
pub fn category_is_well_formed(name: &str) -> bool {
    crate::text::is_kebab(name) && name.len() <= CATEGORY_MAX_LEN
}

/// The fewest rubric points (company prompts: signs to listen for) a prompt of
/// `category` needs: two for the built-in categories, one for a category of your own.
#[must_use]
pub fn minimum_points(category: &Category) -> usize {
    if category.is_company() || category.is_built_in() {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kebab_case_and_at_most_the_limit() {
        assert!(id_is_well_formed("ts-disk-full"));
        assert!(id_is_well_formed(&"a".repeat(ID_MAX_LEN)));
        assert!(!id_is_well_formed(&"a".repeat(ID_MAX_LEN + 1)));
        assert!(!id_is_well_formed("Disk_Full"));
    }

    #[test]
    fn built_in_and_company_categories_need_two_points_others_one() {
        assert_eq!(minimum_points(&Category::new("troubleshooting")), 2);
        assert_eq!(minimum_points(&Category::new("company")), 2);
        assert_eq!(minimum_points(&Category::new("my-own")), 1);
    }

    #[test]
    fn the_add_protocol_states_the_limits_written_here() {
        let minutes = format!("{} to {}", MINUTES.start(), MINUTES.end());
        assert!(
            crate::cli::ADD_PROTOCOL.contains(&minutes),
            "`add --help` must say minutes are {minutes}"
        );
    }
}
