//! Aiming at one job posting (SPEC §16): the topic map, finding the topics a posting
//! names, and the plan for that job.
//!
//! `words.rs` reads text into words and matches phrases; `map.rs` is the topic map
//! (built-in `drills/topics.yaml`, the user's `topics.yaml` on top); `plan.rs` turns the
//! topics found, the history's records, the bank and the user's stories into the plan.
//! Pure apart from reading the user's map file: nothing here prints, reads the
//! terminal or the environment.

pub mod map;
pub mod plan;
pub mod words;

pub use map::{Found, Seen, Topic, TopicMap};
pub use plan::{PostingPlan, StoryWords, plan};

/// The largest posting read: job postings are a few pages of text.
pub const MAX_POSTING_BYTES: usize = 1024 * 1024;

/// A posting's bytes as text.
///
/// # Errors
/// A sentence (without the file's name) when it is too long or not UTF-8 text.
pub fn posting_text(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.len() > MAX_POSTING_BYTES {
        return Err(format!(
            "is {} KiB; a job posting is read up to {} KiB of plain text",
            bytes.len().div_ceil(1024),
            MAX_POSTING_BYTES / 1024
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        "is not plain UTF-8 text (a PDF or a word-processor file?); copy the posting's text into a .txt file".to_owned()
    })?;
    Ok(text.trim_start_matches('\u{feff}').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_posting_is_utf8_text_of_bounded_size() {
        assert_eq!(
            posting_text(b"\xef\xbb\xbfSRE".to_vec()),
            Ok("SRE".to_owned())
        );
        assert!(
            posting_text(vec![0xff, 0xfe, 0x00])
                .unwrap_err()
                .contains("UTF-8")
        );
        assert!(
            posting_text(vec![b'a'; MAX_POSTING_BYTES + 1])
                .unwrap_err()
                .contains("1024 KiB")
        );
    }
}
