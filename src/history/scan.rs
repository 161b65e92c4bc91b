//! The fast path of the review reader: one attempt line read by a small hand-written
//! scanner that keeps the few fields review needs and steps over the texts (answers,
//! notes, follow-up answers) eight bytes at a time, without decoding them.
//!
//! It is only ever a shortcut. It accepts a line only when every key is one it knows,
//! every value has exactly the type `Attempt` asks for, and nothing is unusual (no
//! escapes in kept strings, no surrogate escapes, no numbers in a form `serde_json` would
//! refuse); for anything else it answers `None` and the serde reader decides, so a line
//! is damaged, and a record reads, exactly as before. A test compares the two on every
//! field broken in turn.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::record::{Findings, Interner, Points, Record};
use crate::bank::Level;

/// Reads one attempt line, or `None` when the serde reader has to decide.
pub(super) fn attempt(line: &str, strings: &mut Interner) -> Option<Record> {
    let mut s = Scanner {
        line,
        b: line.as_bytes(),
        at: 0,
    };
    let mut f = Fields::default();
    let mut seen: u32 = 0;
    s.object(|s, key| {
        let bit = match key {
            b"v" => {
                f.v = Some(s.uint(u32::MAX.into())? as u32);
                0
            }
            b"id" => {
                f.id = Some(s.plain_str()?);
                1
            }
            b"session" => {
                f.session = Some(s.plain_str()?);
                2
            }
            b"started" => {
                f.started = Some(timestamp(s.plain_str()?)?);
                3
            }
            b"finished" => {
                f.finished = Some(timestamp(s.plain_str()?)?);
                4
            }
            b"prompt" => {
                f.prompt = Some(s.plain_str()?);
                5
            }
            b"title" => {
                f.title = s.plain_str()?;
                6
            }
            b"category" => {
                f.category = Some(s.plain_str()?);
                7
            }
            b"level" => {
                f.level = Some(match s.plain_str()? {
                    "entry" => Level::Entry,
                    "mid" => Level::Mid,
                    "senior" => Level::Senior,
                    _ => return None,
                });
                8
            }
            b"tags" => {
                s.array(|s| {
                    f.tags.push(s.plain_str()?);
                    Some(())
                })?;
                9
            }
            b"timed" => {
                f.timed = Some(s.boolean()?);
                10
            }
            b"time_box_secs" => {
                f.time_box_secs = Some(s.uint(u64::MAX)?);
                11
            }
            b"think_secs" => {
                f.think_secs = s.uint(u64::MAX)?;
                12
            }
            b"answer_secs" => {
                f.answer_secs = Some(s.uint(u64::MAX)?);
                13
            }
            b"overtime_secs" => {
                f.overtime_secs = s.uint(u64::MAX)?;
                14
            }
            b"hints_used" => {
                f.hints_used = s.uint(u32::MAX.into())? as u32;
                15
            }
            b"answer" => {
                s.skip_str()?;
                16
            }
            b"rubric" => {
                f.rubric = Some(s.rubric()?);
                17
            }
            b"grade" => {
                f.grade = Some(s.uint(u8::MAX.into())? as u8);
                18
            }
            b"follow_ups" => {
                s.array(Scanner::follow_up)?;
                19
            }
            b"note" => {
                s.skip_str()?;
                20
            }
            b"partial" => {
                f.partial = s.boolean()?;
                21
            }
            b"version" => {
                s.skip_str()?;
                22
            }
            b"suggested_grade" => {
                f.suggested_grade = s.optional_uint(u8::MAX.into())?.map(|g| g as u8);
                23
            }
            // `scenario`, `lab`, `kind` and anything else: the serde reader decides.
            _ => return None,
        };
        if seen & (1 << bit) != 0 {
            return None;
        }
        seen |= 1 << bit;
        Some(())
    })?;
    s.ws();
    if s.at != s.b.len() {
        return None;
    }
    Some(Record {
        v: f.v?,
        id: f.id?.into(),
        session: strings.get(f.session?),
        started: f.started?,
        finished: f.finished?,
        prompt: strings.get(f.prompt?),
        title: strings.get(f.title),
        category: strings.get(f.category?),
        level: f.level?,
        tags: f.tags.iter().map(|t| strings.get(t)).collect(),
        timed: f.timed?,
        time_box_secs: f.time_box_secs?,
        think_secs: f.think_secs,
        answer_secs: f.answer_secs?,
        overtime_secs: f.overtime_secs,
        hints_used: f.hints_used,
        rubric: f.rubric?,
        grade: f.grade?,
        partial: f.partial,
        suggested_grade: f.suggested_grade,
        scenario: None::<Findings>,
        // A line with `graded_by` or `check` has a key the scanner does not know: serde
        // reads it.
        graded_by: None,
        check: None,
    })
}

/// The fields of one line as they are found.
#[derive(Default)]
struct Fields<'a> {
    v: Option<u32>,
    id: Option<&'a str>,
    session: Option<&'a str>,
    started: Option<DateTime<FixedOffset>>,
    finished: Option<DateTime<FixedOffset>>,
    prompt: Option<&'a str>,
    title: &'a str,
    category: Option<&'a str>,
    level: Option<Level>,
    tags: Vec<&'a str>,
    timed: Option<bool>,
    time_box_secs: Option<u64>,
    think_secs: u64,
    answer_secs: Option<u64>,
    overtime_secs: u64,
    hints_used: u32,
    rubric: Option<Points>,
    grade: Option<u8>,
    partial: bool,
    suggested_grade: Option<u8>,
}

/// `YYYY-MM-DDTHH:MM:SS+HH:MM`, as sre-drill writes it, read directly; any other
/// form through chrono's RFC 3339 parser, as the serde reader does.
fn timestamp(text: &str) -> Option<DateTime<FixedOffset>> {
    written_form(text).or_else(|| DateTime::parse_from_rfc3339(text).ok())
}

/// A timestamp in the one form sre-drill writes, or `None` for any other form.
fn written_form(text: &str) -> Option<DateTime<FixedOffset>> {
    let b = text.as_bytes();
    {
        if b.len() != 25
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
            || b[22] != b':'
        {
            return None;
        }
        let n = |from: usize, to: usize| -> Option<u32> {
            b[from..to].iter().try_fold(0u32, |acc, &d| {
                d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
            })
        };
        let sign = match b[19] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let (oh, om) = (n(20, 22)?, n(23, 25)?);
        if oh > 23 || om > 59 {
            return None;
        }
        let offset = FixedOffset::east_opt(sign * i32::try_from(oh * 3600 + om * 60).ok()?)?;
        let local = NaiveDate::from_ymd_opt(i32::try_from(n(0, 4)?).ok()?, n(5, 7)?, n(8, 10)?)?
            .and_hms_opt(n(11, 13)?, n(14, 16)?, n(17, 19)?)?;
        local.and_local_timezone(offset).single()
    }
}

struct Scanner<'a> {
    line: &'a str,
    b: &'a [u8],
    at: usize,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.ws();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// `{ "key": value, ... }`, calling `value` after each key's colon.
    fn object(&mut self, mut value: impl FnMut(&mut Self, &[u8]) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        self.ws();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(());
        }
        loop {
            let key = self.plain_str()?;
            self.eat(b':')?;
            self.ws();
            value(self, key.as_bytes())?;
            self.ws();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
            self.ws();
        }
    }

    /// `[ item, ... ]`, calling `item` at each element.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        self.ws();
        if self.peek()? == b']' {
            self.at += 1;
            return Some(());
        }
        loop {
            self.ws();
            item(self)?;
            self.ws();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    fn boolean(&mut self) -> Option<bool> {
        let rest = &self.b[self.at..];
        if rest.starts_with(b"true") {
            self.at += 4;
            Some(true)
        } else if rest.starts_with(b"false") {
            self.at += 5;
            Some(false)
        } else {
            None
        }
    }

    /// A whole number in the form `serde_json` reads into an unsigned field, up to `max`.
    fn uint(&mut self, max: u64) -> Option<u64> {
        let start = self.at;
        let mut n: u64 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
            self.at += 1;
        }
        let digits = self.at - start;
        if digits == 0 || (digits > 1 && self.b[start] == b'0') || n > max {
            return None;
        }
        // A fraction or an exponent: not an integer field's form here.
        match self.peek() {
            Some(b'.' | b'e' | b'E') => None,
            _ => Some(n),
        }
    }

    #[allow(clippy::option_option)] // not read, or read as null or a number
    fn optional_uint(&mut self, max: u64) -> Option<Option<u64>> {
        if self.b[self.at..].starts_with(b"null") {
            self.at += 4;
            return Some(None);
        }
        self.uint(max).map(Some)
    }

    /// A string without escapes, borrowed from the line.
    fn plain_str(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.at;
        let end = start + self.stop()?;
        if self.b[end] != b'"' {
            return None;
        }
        self.at = end + 1;
        // Both ends sit next to ASCII quotes, so on char boundaries of the line.
        self.line.get(start..end)
    }

    /// Steps over a string's contents, checking its escapes as `serde_json` would.
    fn skip_str(&mut self) -> Option<()> {
        self.eat(b'"')?;
        loop {
            self.at += self.stop()?;
            match self.b[self.at] {
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                b'\\' => {
                    match *self.b.get(self.at + 1)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.at += 2,
                        b'u' => {
                            let hex =
                                std::str::from_utf8(self.b.get(self.at + 2..self.at + 6)?).ok()?;
                            if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                                return None;
                            }
                            let code = u32::from_str_radix(hex, 16).ok()?;
                            // Surrogates pair up or not: the serde reader decides.
                            if (0xD800..=0xDFFF).contains(&code) {
                                return None;
                            }
                            self.at += 6;
                        }
                        _ => return None,
                    }
                }
                // A raw control character inside a string.
                _ => return None,
            }
        }
    }

    /// How far from here to the next `"`, `\` or control character, eight bytes at a
    /// time; `None` when the line ends first.
    fn stop(&self) -> Option<usize> {
        let rest = &self.b[self.at..];
        let mut words = rest.chunks_exact(8);
        let mut offset = 0;
        for chunk in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word);
            let quote = x ^ (ONES * u64::from(b'"'));
            let slash = x ^ (ONES * u64::from(b'\\'));
            let hits = (quote.wrapping_sub(ONES) & !quote)
                | (slash.wrapping_sub(ONES) & !slash)
                | (x.wrapping_sub(ONES * 0x20) & !x);
            let hits = hits & HIGHS;
            if hits != 0 {
                return Some(offset + (hits.trailing_zeros() / 8) as usize);
            }
            offset += 8;
        }
        words
            .remainder()
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
            .map(|p| offset + p)
    }

    /// The rubric: `covered` and `must_missed` counted, `suggested` checked.
    fn rubric(&mut self) -> Option<Points> {
        let (mut covered, mut total, mut must_missed, mut suggested) = (None, None, None, false);
        self.object(|s, key| {
            let count = |s: &mut Self| {
                let mut n: u32 = 0;
                s.array(|s| {
                    s.uint(u32::MAX.into())?;
                    n = n.saturating_add(1);
                    Some(())
                })
                .map(|()| n)
            };
            match key {
                b"covered" if covered.is_none() => covered = Some(count(s)?),
                b"total" if total.is_none() => total = Some(s.uint(u32::MAX.into())? as u32),
                b"must_missed" if must_missed.is_none() => must_missed = Some(count(s)?),
                b"suggested" if !suggested => {
                    count(s)?;
                    suggested = true;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(Points {
            covered: covered?,
            total: total?,
            must_missed: must_missed.unwrap_or(0),
        })
    }

    /// One follow-up, checked as `FollowUpAnswer` reads it, nothing kept.
    fn follow_up(&mut self) -> Option<()> {
        let (mut question, mut grade, mut seen) = (false, false, 0u8);
        self.object(|s, key| {
            let bit = match key {
                b"question" => {
                    s.skip_str()?;
                    question = true;
                    0
                }
                b"answer" => {
                    s.skip_str()?;
                    1
                }
                b"grade" => {
                    s.uint(u8::MAX.into())?;
                    grade = true;
                    2
                }
                b"answer_secs" => {
                    s.uint(u64::MAX)?;
                    3
                }
                b"suggested_grade" => {
                    s.optional_uint(u8::MAX.into())?;
                    4
                }
                _ => return None,
            };
            if seen & (1 << bit) != 0 {
                return None;
            }
            seen |= 1 << bit;
            Some(())
        })?;
        (question && grade).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn follow_up(question: &str, answer: &str, grade: u8) -> crate::history::FollowUpAnswer {
        crate::history::FollowUpAnswer {
            question: question.to_owned(),
            answer: answer.to_owned(),
            grade,
            answer_secs: 5,
            suggested_grade: None,
        }
    }

    #[test]
    fn the_fast_path_reads_every_field_a_plain_attempt_is_written_with() {
        // The scanner is only a shortcut, so a key it forgets costs no correctness,
        // only speed: every line of that kind would fall back to the serde reader.
        // This pins that the lines the writer writes today take the fast path.
        let mut a =
            crate::review::tests::attempt("a", "p", "coding", "2026-03-01T09:00:00+01:00", 3);
        a.tags = vec!["linux".to_owned(), "git".to_owned()];
        a.hints_used = 2;
        a.partial = true;
        a.timed = true;
        a.answer = "df -h, then du".to_owned();
        a.note = "missed inodes".to_owned();
        a.follow_ups = vec![follow_up("What if it happens again?", "alert on inodes", 3)];
        let line = serde_json::to_string(&a).unwrap();
        let mut strings = Interner::default();
        let read = attempt(&line, &mut strings);
        assert_eq!(read, Some(Record::from(&a)), "{line}");
    }

    #[test]
    fn a_number_past_its_field_is_left_to_serde_and_null_takes_the_fast_path() {
        let a = crate::review::tests::attempt("a", "p", "coding", "2026-03-01T09:00:00+01:00", 3);
        let line = serde_json::to_string(&a).unwrap();
        let mut strings = Interner::default();
        let with = |key: &str, value: &str| {
            let mut v: serde_json::Value = serde_json::from_str(&line).unwrap();
            v[key] = serde_json::from_str(value).unwrap();
            v.to_string()
        };
        // At the largest value its field holds, a number is read; one past it is
        // not (serde calls the line damaged, and must be the one to say so).
        let most = with("hints_used", &u32::MAX.to_string());
        assert_eq!(
            attempt(&most, &mut strings).map(|r| r.hints_used),
            Some(u32::MAX)
        );
        let past = with("hints_used", &(u64::from(u32::MAX) + 1).to_string());
        assert_eq!(attempt(&past, &mut strings), None);
        assert_eq!(attempt(&with("grade", "256"), &mut strings), None);
        // Older lines wrote an unknown suggestion as null.
        let null = with("suggested_grade", "null");
        assert_eq!(attempt(&null, &mut strings), Some(Record::from(&a)));
    }

    #[test]
    fn escaped_texts_take_the_fast_path_and_a_repeated_key_does_not() {
        let mut a =
            crate::review::tests::attempt("a", "p", "coding", "2026-03-01T09:00:00+01:00", 3);
        // Every escape serde_json writes or reads, in a text the scanner steps over.
        a.answer = "say \"hi\"\tthen\\ back\nnext\u{1}line, caf\u{e9} \u{1f600}".to_owned();
        a.follow_ups = vec![follow_up("And then?", "a/b \"c\"", 2)];
        let line = serde_json::to_string(&a).unwrap();
        let line = line
            .replace("a/b", "a\\/b")
            .replace("then", "\\bthen\\f\\r");
        let mut strings = Interner::default();
        assert!(attempt(&line, &mut strings).is_some(), "{line}");
        // A key twice in a follow-up: serde calls the line damaged, so the scanner
        // must leave it to serde.
        let twice = line.replace("\"grade\":2,", "\"grade\":2,\"grade\":3,");
        assert_ne!(twice, line);
        assert_eq!(attempt(&twice, &mut strings), None);
        assert!(serde_json::from_str::<crate::history::Attempt>(&twice).is_err());
    }

    #[test]
    fn timestamps_read_as_chrono_reads_them() {
        for text in [
            "2026-11-27T10:00:00+01:00",
            "2024-02-29T23:59:59-05:30",
            "2026-01-01T00:00:00+00:00",
            "2026-01-01T00:00:00-00:00",
            "2026-01-01T00:00:00Z",
            "2026-01-01t00:00:00+00:00",
            "2026-01-01T00:00:00.5+00:00",
            "2026-02-30T00:00:00+00:00",
            "2026-12-31T23:59:60+00:00",
            "2026-12-31T24:00:00+00:00",
            "2026-12-31T23:00:00+24:00",
            "2026-12-31T23:00:00+23:60",
            "2026-12-31T23:00:00+2a:00",
            "not a time at all, 25 chr",
        ] {
            assert_eq!(
                timestamp(text),
                DateTime::parse_from_rfc3339(text).ok(),
                "{text}"
            );
        }
        // The form sre-drill writes is read without chrono's parser (that is the
        // point of the fast path); other forms are left to it.
        for text in ["2026-11-27T10:00:00+01:00", "2024-02-29T23:59:59-05:30"] {
            assert!(written_form(text).is_some(), "{text}");
        }
        for text in [
            "2026-01-01T00:00:00Z",
            "2026-01-01t00:00:00+00:00",
            "2026-01-01 00:00:00+00:00",
            "2026/01/01T00:00:00+00:00",
            "2026-01-01T00-00:00+00:00",
            "2026-01-01T00:00-00+00:00",
            "2026-01-01T00:00:00+00-00",
        ] {
            assert!(written_form(text).is_none(), "{text}");
        }
    }

    #[test]
    fn the_stop_finder_finds_the_first_quote_backslash_or_control() {
        for (text, at) in [
            ("abc\"", Some(3)),
            ("abcdefghijklmno\\p", Some(15)),
            ("abcdefgh\u{1}", Some(8)),
            ("ééééé\"", Some(10)),
            ("no stop here at all", None),
            ("\"", Some(0)),
            ("0123456\u{7f}\"", Some(8)),
        ] {
            let s = Scanner {
                line: text,
                b: text.as_bytes(),
                at: 0,
            };
            assert_eq!(s.stop(), at, "{text:?}");
        }
    }
}
