//! Finding a topic's words in text: the text is read into words, and a phrase matches a
//! run of whole words (in any case, or exactly as written for `exact` words), its last
//! word also with a plural `s` or `es`. Pure; no allocation per comparison.

/// One word of a text: where it is, as written, and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub lower: String,
}

/// The words of `text`: runs of letters and digits, with `+` and `#` kept inside a word
/// (C++, C#). Anything else (spaces, hyphens, slashes, dots, quotes) separates words, so
/// `on-call`, `on call` and `On-Call` are the same two words.
#[must_use]
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || (start.is_some() && (c == '+' || c == '#'));
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push(word(text, s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Word {
    Word {
        start,
        end,
        lower: text[start..end].to_lowercase(),
    }
}

/// A phrase to look for: its words, and whether case matters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// Lower-cased, unless `exact`.
    parts: Vec<String>,
    exact: bool,
}

impl Phrase {
    /// The phrase `text`; `None` when it has no word at all (`"--"`).
    #[must_use]
    pub fn new(text: &str, exact: bool) -> Option<Phrase> {
        let parts: Vec<String> = words(text)
            .into_iter()
            .map(|w| {
                if exact {
                    text[w.start..w.end].to_owned()
                } else {
                    w.lower
                }
            })
            .collect();
        (!parts.is_empty()).then_some(Phrase { parts, exact })
    }

    /// How many words it spans.
    #[must_use]
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// Never true: a phrase has at least one word.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Whether the phrase starts at `words[at]` of `text`.
    #[must_use]
    pub fn matches_at(&self, text: &str, words: &[Word], at: usize) -> bool {
        let Some(run) = words.get(at..at + self.parts.len()) else {
            return false;
        };
        let last = self.parts.len() - 1;
        run.iter()
            .zip(&self.parts)
            .enumerate()
            .all(|(i, (w, part))| {
                let seen = if self.exact {
                    &text[w.start..w.end]
                } else {
                    w.lower.as_str()
                };
                seen == part || (i == last && is_plural(seen, part))
            })
    }
}

/// `seen` is `part` with a plural ending: SLOs, postmortems, caches.
fn is_plural(seen: &str, part: &str) -> bool {
    seen.strip_prefix(part)
        .is_some_and(|rest| rest == "s" || rest == "es")
}

/// Where one of `phrases` occurs in `text` (its words already read by [`words`]): at
/// each word, the longest phrase that starts there, and the search goes on after it.
/// Byte ranges of `text`, in order.
#[must_use]
pub fn find(text: &str, words: &[Word], phrases: &[Phrase]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let longest = phrases
            .iter()
            .filter(|p| p.matches_at(text, words, at))
            .map(Phrase::len)
            .max();
        match longest {
            Some(n) => {
                out.push((words[at].start, words[at + n - 1].end));
                at += n;
            }
            None => at += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, phrases: &[(&str, bool)]) -> Vec<String> {
        let phrases: Vec<Phrase> = phrases
            .iter()
            .filter_map(|(p, exact)| Phrase::new(p, *exact))
            .collect();
        find(text, &words(text), &phrases)
            .into_iter()
            .map(|(s, e)| text[s..e].to_owned())
            .collect()
    }

    #[test]
    fn words_split_on_punctuation_and_keep_cplusplus_and_csharp() {
        let text = "On-call for C++/C# and k8s (TCP/IP), #oncall.";
        let got: Vec<&str> = words(text).iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(
            got,
            [
                "On", "call", "for", "C++", "C#", "and", "k8s", "TCP", "IP", "oncall"
            ]
        );
    }

    #[test]
    fn phrases_match_whole_words_in_any_case_with_a_plural() {
        let phrases = [("on-call", false), ("slo", false), ("kubernetes", false)];
        assert_eq!(
            found(
                "Join our On Call rotation; define SLOs on Kubernetes. Oncall slow.",
                &phrases
            ),
            ["On Call", "SLOs", "Kubernetes"]
        );
        // "slow" is not SLO plus an ending; "kubernetesx" is not a word of the phrase.
        assert!(found("a slow kubernetesx", &phrases).is_empty());
    }

    #[test]
    fn exact_words_match_only_as_written() {
        let phrases = [("Go", true), ("golang", false)];
        assert_eq!(
            found("We write Go and Golang; go ahead, GO team.", &phrases),
            ["Go", "Golang"]
        );
    }

    #[test]
    fn the_longest_phrase_at_a_word_wins_and_matches_do_not_overlap() {
        let phrases = [
            ("incident", false),
            ("incident response", false),
            ("response", false),
        ];
        assert_eq!(
            found("Incident response, then every incident.", &phrases),
            ["Incident response", "incident"]
        );
    }

    #[test]
    fn a_phrase_without_words_is_none() {
        assert_eq!(Phrase::new("--/", false), None);
        assert_eq!(Phrase::new("ci/cd", false).map(|p| p.len()), Some(2));
    }

    #[test]
    fn unicode_text_is_read_by_characters() {
        assert_eq!(
            found(
                "Erfahrung mit Kubernetes-Clustern, Überwachung",
                &[("kubernetes", false)]
            ),
            ["Kubernetes"]
        );
    }
}
