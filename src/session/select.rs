//! Which prompts a session serves: filter, then order, then take `count`.
//!
//! Order: due first (spaced repetition), then never seen, then the rest at random.
//! The RNG is seeded by the caller, so `--seed` reproduces a pick.

use std::collections::HashSet;
use std::hash::BuildHasher;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use crate::bank::{Category, Level, Prompt};

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// None means every category.
    pub category: Option<Category>,
    /// A prompt matches when it has any of these tags (none given: all match).
    pub tags: Vec<String>,
    pub levels: Vec<Level>,
}

impl Filter {
    #[must_use]
    pub fn matches(&self, prompt: &Prompt) -> bool {
        self.category.as_ref().is_none_or(|c| &prompt.category == c)
            && (self.tags.is_empty() || prompt.tags.iter().any(|t| self.tags.contains(t)))
            && (self.levels.is_empty() || self.levels.contains(&prompt.level))
    }
}

/// Picks up to `count` prompts: `due` ones first (in the order given), then prompts never
/// seen, then the rest; each group shuffled with `seed` except `due`. No prompt twice.
#[must_use]
pub fn pick<'a, S: BuildHasher>(
    prompts: &'a [Prompt],
    filter: &Filter,
    due: &[&str],
    seen: &HashSet<&str, S>,
    count: usize,
    seed: u64,
) -> Vec<&'a Prompt> {
    let mut rng = StdRng::seed_from_u64(seed);
    let candidates: Vec<&Prompt> = prompts.iter().filter(|p| filter.matches(p)).collect();
    let mut out: Vec<&Prompt> = due
        .iter()
        .filter_map(|id| candidates.iter().find(|p| p.id.0 == *id).copied())
        .collect();
    let (mut fresh, mut rest): (Vec<&Prompt>, Vec<&Prompt>) = candidates
        .into_iter()
        .filter(|p| !out.iter().any(|q| q.id == p.id))
        .partition(|p| !seen.contains(p.id.0.as_str()));
    fresh.shuffle(&mut rng);
    rest.shuffle(&mut rng);
    out.extend(fresh);
    out.extend(rest);
    out.truncate(count);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::tests::prompt;

    fn bank() -> Vec<Prompt> {
        vec![
            prompt("a", "coding", Level::Entry, &["linux"]),
            prompt("b", "coding", Level::Mid, &["git"]),
            prompt("c", "coding", Level::Senior, &["linux", "git"]),
            prompt("d", "troubleshooting", Level::Mid, &["linux"]),
            prompt("e", "coding", Level::Mid, &["cloud"]),
        ]
    }

    fn ids(picked: &[&Prompt]) -> Vec<String> {
        picked.iter().map(|p| p.id.0.clone()).collect()
    }

    #[test]
    fn filters_by_category_tag_and_level() {
        let bank = bank();
        let filter = Filter {
            category: Some(Category::new("coding")),
            tags: vec!["linux".to_owned(), "git".to_owned()],
            levels: vec![Level::Mid, Level::Senior],
        };
        let mut got = ids(&pick(&bank, &filter, &[], &HashSet::new(), 10, 1));
        got.sort();
        assert_eq!(got, vec!["b", "c"]);
    }

    #[test]
    fn due_first_then_never_seen_then_the_rest() {
        let bank = bank();
        let seen: HashSet<&str> = ["a", "b", "c", "d"].into_iter().collect();
        let got = ids(&pick(&bank, &Filter::default(), &["c"], &seen, 3, 7));
        assert_eq!(got[0], "c");
        assert_eq!(got[1], "e");
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn the_same_seed_gives_the_same_pick_and_no_repeats() {
        let bank = bank();
        let one = ids(&pick(
            &bank,
            &Filter::default(),
            &[],
            &HashSet::new(),
            5,
            42,
        ));
        let two = ids(&pick(
            &bank,
            &Filter::default(),
            &[],
            &HashSet::new(),
            5,
            42,
        ));
        assert_eq!(one, two);
        let mut unique = one.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 5);
    }
}
