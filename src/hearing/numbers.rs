//! Numbers and quantities as people type them (SPEC §15): `20k`, `20,000`, `20 000`
//! and `twenty thousand` are one number; `43TB`, `43 TB` and `43 terabytes` one
//! quantity; `500MB/s`, `1.5Gbps`, `250ms`, `20k rps`, `4x` likewise.
//!
//! A number with a unit matches within 10% after conversion inside one dimension;
//! bits and bytes never convert into each other. Bare numbers and percentages match
//! exactly after normalisation (`99.90%` is `99.9%`). Pure.

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dim {
    /// A number without a unit, or with a k/M/B multiplier.
    Number,
    Percent,
    Bytes,
    BytesPerSec,
    BitsPerSec,
    Bits,
    Seconds,
    /// Requests (or queries, messages) per second.
    PerSec,
    /// `4x`: a factor.
    Factor,
}

/// One reading of a typed quantity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub value: f64,
    pub dim: Dim,
    /// Written with a unit or a multiplier: matched within 10%.
    pub tolerant: bool,
}

/// A typed quantity: usually one reading, two when the text is ambiguous (`10m` is ten
/// minutes or ten million).
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub readings: Vec<Reading>,
    /// `=43 tb` in a phrase: only the exact value.
    pub exact: bool,
}

impl Quantity {
    /// Does a quantity the candidate typed (`other`) say this phrase's quantity?
    #[must_use]
    pub fn heard_in(&self, other: &Quantity) -> bool {
        self.readings.iter().any(|a| {
            other.readings.iter().any(|b| {
                if a.dim != b.dim {
                    return false;
                }
                if self.exact || !(a.tolerant || b.tolerant) {
                    return (a.value - b.value).abs() <= a.value.abs() * 1e-9 + 1e-12;
                }
                let big = a.value.abs().max(b.value.abs());
                (a.value - b.value).abs() <= big * 0.10
            })
        })
    }
}

impl Quantity {
    /// A phrase's bare number (`99.75`) said as a percentage (`99.75%`): the same value.
    #[must_use]
    pub fn bare_heard_as_percent(&self, other: &Quantity) -> bool {
        self.readings.iter().any(|a| {
            a.dim == Dim::Number
                && !a.tolerant
                && other.readings.iter().any(|b| {
                    b.dim == Dim::Percent && (a.value - b.value).abs() <= a.value.abs() * 1e-9
                })
        })
    }
}

/// Units after a number, as typed (the case of `b` matters: `Mb` is megabits).
fn unit(text: &str) -> Option<Vec<(f64, Dim)>> {
    let t = text.trim_end_matches('.');
    // Multipliers of a count.
    let lower = t.to_ascii_lowercase();
    let single = |v: f64, d: Dim| Some(vec![(v, d)]);
    match lower.as_str() {
        "" => return None,
        "%" | "percent" | "pct" => return single(1.0, Dim::Percent),
        "x" | "times" => return single(1.0, Dim::Factor),
        "k" | "thousand" => return single(1e3, Dim::Number),
        "mm" | "mil" | "million" | "millions" => return single(1e6, Dim::Number),
        "bn" | "billion" | "billions" => return single(1e9, Dim::Number),
        "m" => return Some(vec![(60.0, Dim::Seconds), (1e6, Dim::Number)]),
        "ns" | "nanoseconds" => return single(1e-9, Dim::Seconds),
        "us" | "µs" | "microseconds" => return single(1e-6, Dim::Seconds),
        "ms" | "msec" | "msecs" | "millis" | "milliseconds" | "millisecond" => {
            return single(1e-3, Dim::Seconds);
        }
        "s" | "sec" | "secs" | "second" | "seconds" => return single(1.0, Dim::Seconds),
        "min" | "mins" | "minute" | "minutes" => return single(60.0, Dim::Seconds),
        "h" | "hr" | "hrs" | "hour" | "hours" => return single(3600.0, Dim::Seconds),
        "d" | "day" | "days" => return single(86400.0, Dim::Seconds),
        "w" | "wk" | "wks" | "week" | "weeks" => return single(604_800.0, Dim::Seconds),
        "rps" | "qps" | "tps" | "req/s" | "reqs/s" | "requests/s" | "rq/s" | "msg/s" | "msgs/s"
        | "ops/s" | "iops" | "/s" => return single(1.0, Dim::PerSec),
        "b" if t == "B" => return Some(vec![(1.0, Dim::Bytes), (1e9, Dim::Number)]),
        "byte" | "bytes" => return single(1.0, Dim::Bytes),
        "bit" | "bits" => return single(1.0, Dim::Bits),
        "kilobytes" | "kilobyte" => return single(1e3, Dim::Bytes),
        "megabytes" | "megabyte" | "megs" | "meg" => return single(1e6, Dim::Bytes),
        "gigabytes" | "gigabyte" | "gigs" | "gig" => return single(1e9, Dim::Bytes),
        "terabytes" | "terabyte" => return single(1e12, Dim::Bytes),
        "petabytes" | "petabyte" => return single(1e15, Dim::Bytes),
        "megabits" | "megabit" => return single(1e6, Dim::Bits),
        "gigabits" | "gigabit" => return single(1e9, Dim::Bits),
        _ => {}
    }
    // PREFIX + b / B / bit / bps / B/s / b/s / ib.
    let mut chars = t.chars();
    let prefix = chars.next()?;
    let rest: String = chars.collect();
    let scale = match prefix.to_ascii_lowercase() {
        'k' => 1e3,
        'm' => 1e6,
        'g' => 1e9,
        't' => 1e12,
        'p' => 1e15,
        _ => return None,
    };
    let rest_lower = rest.to_ascii_lowercase();
    let rest_lower = rest_lower.strip_prefix('i').unwrap_or(&rest_lower);
    let bits_case = rest.starts_with('b') && prefix.is_ascii_uppercase();
    let dim = match rest_lower {
        "b" if bits_case => Dim::Bits,
        "b" => Dim::Bytes,
        "bit" | "bits" => Dim::Bits,
        "bps" | "bit/s" | "bits/s" | "b/s" if rest_lower == "bps" || bits_case => Dim::BitsPerSec,
        "bit/s" | "bits/s" => Dim::BitsPerSec,
        "b/s" | "bs" | "byte/s" | "bytes/s" => Dim::BytesPerSec,
        "rps" | "qps" | "req/s" | "/s" => Dim::PerSec,
        _ => return None,
    };
    Some(vec![(scale, dim)])
}

/// A plain number as typed: `20`, `1.5`, `20,000`, `-3`.
fn plain_number(text: &str) -> Option<f64> {
    let t = text.strip_prefix('~').unwrap_or(text);
    if t.is_empty()
        || !t
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '.')
    {
        return None;
    }
    // Thousands separators: 20,000 or 1,200,000 (groups of three).
    let cleaned: String = if t.contains(',') {
        let groups: Vec<&str> = t.split(',').collect();
        if groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
        {
            groups.concat()
        } else {
            return None;
        }
    } else {
        t.to_owned()
    };
    if cleaned.chars().filter(|c| *c == '.').count() > 1 {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Reads one typed chunk as a quantity: `43TB`, `500MB/s`, `250ms`, `20k`, `4x`,
/// `99.9%`, `20,000`, or a bare `429`. `None` for anything else (`p99`, `v1.2.3`).
#[must_use]
pub fn parse_chunk(chunk: &str) -> Option<Quantity> {
    let split = chunk
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(chunk.len(), |(i, _)| i);
    let (num, rest) = chunk.split_at(split);
    let num = num.trim_end_matches([',', '.']);
    let value = plain_number(num)?;
    let rest = rest.trim_start_matches(['.', ',']);
    // `20k rps` arrives as `20k` then `rps`; `500MB/s` as one chunk.
    if rest.is_empty() {
        return Some(bare(value));
    }
    let units = unit(rest).or_else(|| {
        // A multiplier then a rate: `20krps`, `2kqps`.
        let (m, r) = rest.split_at(1);
        let m = unit(m)?;
        let r = unit(r)?;
        (m.len() == 1 && m[0].1 == Dim::Number && r.len() == 1)
            .then(|| vec![(m[0].0 * r[0].0, r[0].1)])
    })?;
    Some(with_units(value, &units))
}

/// A number with no unit.
#[must_use]
pub fn bare(value: f64) -> Quantity {
    Quantity {
        readings: vec![Reading {
            value,
            dim: Dim::Number,
            tolerant: false,
        }],
        exact: false,
    }
}

fn with_units(value: f64, units: &[(f64, Dim)]) -> Quantity {
    Quantity {
        readings: units
            .iter()
            .map(|(scale, dim)| Reading {
                value: value * scale,
                dim: *dim,
                tolerant: *dim != Dim::Percent,
            })
            .collect(),
        exact: false,
    }
}

/// A unit word that may follow a number typed apart from it (`43 TB`, `20 k`,
/// `250 ms`, `20k rps`): the number becomes a quantity in that unit.
#[must_use]
pub fn apply_unit(q: &Quantity, word: &str) -> Option<Quantity> {
    let units = unit(word)?;
    let first = q.readings.first()?;
    if first.dim == Dim::Number && !first.tolerant {
        return Some(with_units(first.value, &units));
    }
    // `20k rps`: a count then a rate unit.
    if first.dim == Dim::Number && units.len() == 1 && units[0].1 != Dim::Number {
        return Some(Quantity {
            readings: vec![Reading {
                value: first.value * units[0].0,
                dim: units[0].1,
                tolerant: true,
            }],
            exact: false,
        });
    }
    None
}

/// Spelled-out numbers: `twenty thousand`, `two hundred`, `a million`. Returns the
/// value and how many words it used, or `None` when `words` does not start with one.
#[must_use]
pub fn spelled(words: &[&str]) -> Option<(f64, usize)> {
    let small = |w: &str| -> Option<f64> {
        Some(match w {
            "zero" => 0.0,
            "one" => 1.0,
            "two" => 2.0,
            "three" => 3.0,
            "four" => 4.0,
            "five" => 5.0,
            "six" => 6.0,
            "seven" => 7.0,
            "eight" => 8.0,
            "nine" => 9.0,
            "ten" => 10.0,
            "eleven" => 11.0,
            "twelve" => 12.0,
            "thirteen" => 13.0,
            "fourteen" => 14.0,
            "fifteen" => 15.0,
            "sixteen" => 16.0,
            "seventeen" => 17.0,
            "eighteen" => 18.0,
            "nineteen" => 19.0,
            "twenty" => 20.0,
            "thirty" => 30.0,
            "forty" => 40.0,
            "fifty" => 50.0,
            "sixty" => 60.0,
            "seventy" => 70.0,
            "eighty" => 80.0,
            "ninety" => 90.0,
            _ => return None,
        })
    };
    // The scale, and whether it multiplies only the words just before it (hundred).
    let scale = |w: &str| -> Option<(f64, bool)> {
        Some(match w {
            "hundred" => (1e2, true),
            "thousand" => (1e3, false),
            "million" => (1e6, false),
            "billion" => (1e9, false),
            _ => return None,
        })
    };
    let mut total = 0.0;
    let mut current = 0.0;
    let mut used = 0;
    let mut any = false;
    for (i, w) in words.iter().enumerate() {
        if let Some(v) = small(w) {
            current += v;
            any = true;
        } else if let Some((s, hundred)) = scale(w) {
            // A scale word with no number before it ("thousands of files") is a word.
            if current == 0.0 {
                break;
            }
            if hundred {
                current *= s;
            } else {
                total += current * s;
                current = 0.0;
            }
        } else if *w == "and" && any && i + 1 < words.len() && small(words[i + 1]).is_some() {
            // "two hundred and fifty".
        } else {
            break;
        }
        used = i + 1;
    }
    if !any {
        return None;
    }
    Some((total + current, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quantity {
        parse_chunk(text).unwrap_or_else(|| panic!("{text} reads as a quantity"))
    }

    #[test]
    fn compact_and_spaced_quantities_are_one_quantity() {
        assert!(q("43TB").heard_in(&apply_unit(&q("43"), "TB").unwrap()));
        assert!(q("43TB").heard_in(&apply_unit(&q("43"), "terabytes").unwrap()));
        assert!(q("500MB/s").heard_in(&q("0.5GB/s")));
        assert!(q("250ms").heard_in(&apply_unit(&q("0.25"), "s").unwrap()));
        assert!(q("20k").heard_in(&q("20,000")));
        assert!(q("20,000").heard_in(&q("20k")));
        assert!(q("4x").heard_in(&apply_unit(&q("4"), "times").unwrap()));
        assert!(q("1.5Gbps").heard_in(&q("1500Mbps")));
    }

    #[test]
    fn a_unit_allows_ten_percent_and_bare_numbers_are_exact() {
        assert!(q("43TB").heard_in(&q("45TB")));
        assert!(!q("43TB").heard_in(&q("50TB")));
        assert!(!q("429").heard_in(&q("400")));
        assert!(q("429").heard_in(&q("429")));
        assert!(!q("99.9%").heard_in(&q("99.99%")));
        assert!(q("99.9%").heard_in(&q("99.90%")));
    }

    #[test]
    fn bits_and_bytes_never_convert_silently() {
        assert!(!q("500MB/s").heard_in(&q("4Gbps")));
        assert!(!q("1Gb").heard_in(&q("1GB")));
        assert!(q("10m").heard_in(&apply_unit(&q("10"), "minutes").unwrap()));
        assert!(q("10m").heard_in(&apply_unit(&q("10"), "million").unwrap()));
    }

    #[test]
    fn an_exact_phrase_quantity_takes_only_its_value() {
        let mut exact = q("43TB");
        exact.exact = true;
        assert!(!exact.heard_in(&q("45TB")));
        assert!(exact.heard_in(&q("43TB")));
    }

    #[test]
    fn spelled_numbers_read_as_numbers() {
        assert_eq!(spelled(&["twenty", "thousand", "rps"]), Some((20_000.0, 2)));
        assert_eq!(
            spelled(&["two", "hundred", "and", "fifty"]),
            Some((250.0, 4))
        );
        assert_eq!(spelled(&["three"]), Some((3.0, 1)));
        assert_eq!(spelled(&["disk"]), None);
    }

    #[test]
    fn words_that_are_not_numbers_stay_words() {
        assert!(parse_chunk("p99").is_none());
        assert!(parse_chunk("v1.2.3").is_none());
        assert!(parse_chunk("ext4").is_none());
    }
}
