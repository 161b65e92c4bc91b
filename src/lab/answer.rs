//! What a lab's answer is and how a typed answer is compared with it.
//!
//! Pure functions: normalise what the user typed (case, spaces, quotes, trailing dots,
//! IP and number formats, path prefixes) and compare it with what the generator
//! planted, by the rule the lab file chose. Nothing here reads files or prints.

use std::fmt;
use std::net::IpAddr;

/// What kind of value an answer is, which decides how it is normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Free text: case, spaces, quotes and a trailing dot do not matter.
    Text,
    /// An IP address: `010.000.003.007` is `10.0.3.7`; IPv6 in any spelling.
    Ip,
    /// A host name: case and a trailing root dot do not matter.
    Host,
    /// A path inside the lab folder: `./x`, `/x` and the folder's own absolute path
    /// in front are all the same file.
    Path,
    /// A URL path: `GET /api/x?y=1`, `api/x` and `/api/x/` are `/api/x`.
    Endpoint,
    /// A whole number such as a PID: `pid 4242` and `#4242` are `4242`.
    Int,
}

/// What the generator planted, in the shape the lab's question asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Planted {
    /// One value; `also` holds other spellings a `one-of` rule accepts.
    Text {
        value: String,
        form: Form,
        also: Vec<String>,
    },
    Number {
        value: f64,
    },
    /// Several values, in any order.
    List {
        values: Vec<String>,
        form: Form,
    },
}

/// The broad shape of an answer, for checking a lab file's rule against its generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Text,
    Number,
    List,
}

impl Shape {
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Shape::Text => "one value (use `kind: exact` or `kind: one-of`)",
            Shape::Number => "a number (use `kind: number`)",
            Shape::List => "a list (use `kind: list`)",
        }
    }
}

impl Planted {
    #[must_use]
    pub fn shape(&self) -> Shape {
        match self {
            Planted::Text { .. } => Shape::Text,
            Planted::Number { .. } => Shape::Number,
            Planted::List { .. } => Shape::List,
        }
    }
}

impl fmt::Display for Planted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Planted::Text { value, .. } => f.write_str(value),
            Planted::Number { value } => f.write_str(&format_number(*value)),
            Planted::List { values, .. } => f.write_str(&values.join(", ")),
        }
    }
}

/// A tolerance for numeric answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    Absolute(f64),
    /// Percent of the planted value.
    Percent(f64),
}

impl Tolerance {
    fn allows(self, expected: f64, given: f64) -> bool {
        let slack = match self {
            Tolerance::Absolute(t) => t,
            Tolerance::Percent(p) => expected.abs() * p / 100.0,
        };
        (given - expected).abs() <= slack + 1e-9
    }
}

impl fmt::Display for Tolerance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tolerance::Absolute(t) => write!(f, "±{}", format_number(*t)),
            Tolerance::Percent(p) => write!(f, "±{}%", format_number(*p)),
        }
    }
}

/// How the lab file says answers are compared.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// The planted value only (after normalisation).
    Exact,
    /// The planted value or any of its other accepted spellings.
    OneOf,
    Number(Tolerance),
    /// Every planted value and nothing else, in any order.
    List,
}

impl Rule {
    #[must_use]
    pub fn shape(self) -> Shape {
        match self {
            Rule::Exact | Rule::OneOf => Shape::Text,
            Rule::Number(_) => Shape::Number,
            Rule::List => Shape::List,
        }
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Rule::Exact => "exact",
            Rule::OneOf => "one-of",
            Rule::Number(_) => "number",
            Rule::List => "list",
        }
    }

    /// A short line telling the user how to type the answer.
    #[must_use]
    pub fn how_to_answer(self) -> String {
        match self {
            Rule::Exact | Rule::OneOf => "Answer with one value on one line.".to_owned(),
            Rule::Number(t) => format!("Answer with a number ({t} is accepted)."),
            Rule::List => {
                "Answer with every value on one line, separated by spaces or commas, in any order."
                    .to_owned()
            }
        }
    }
}

/// Where the lab folder is, so an absolute path into it counts as the relative one.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub folder: Option<String>,
}

/// Checks one typed answer.
#[must_use]
pub fn is_correct(rule: Rule, planted: &Planted, given: &str, ctx: &Context) -> bool {
    match (rule, planted) {
        (Rule::Exact, Planted::Text { value, form, .. }) => same(*form, value, given, ctx),
        (Rule::OneOf, Planted::Text { value, form, also }) => std::iter::once(value)
            .chain(also)
            .any(|v| same(*form, v, given, ctx)),
        (Rule::Number(tolerance), Planted::Number { value }) => {
            parse_number(given).is_some_and(|n| tolerance.allows(*value, n))
        }
        (Rule::List, Planted::List { values, form }) => {
            let mut want: Vec<String> = values.iter().map(|v| normalise(*form, v, ctx)).collect();
            want.sort();
            want.dedup();
            let mut got: Vec<String> = split_list(given)
                .iter()
                .map(|v| normalise(*form, v, ctx))
                .collect();
            got.sort();
            got.dedup();
            !got.is_empty() && want == got
        }
        _ => false,
    }
}

fn same(form: Form, expected: &str, given: &str, ctx: &Context) -> bool {
    let given = normalise(form, given, ctx);
    !given.is_empty() && normalise(form, expected, ctx) == given
}

/// Items of a list answer: separated by commas, semicolons or white space.
#[must_use]
pub fn split_list(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(clean)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Trims spaces, surrounding quotes or backticks, and trailing full stops.
fn clean(text: &str) -> String {
    let t = text.trim();
    let t = t.trim_matches(|c| c == '"' || c == '\'' || c == '`').trim();
    t.trim_end_matches('.').trim().to_owned()
}

/// The canonical spelling of a value of the given form.
#[must_use]
pub fn normalise(form: Form, text: &str, ctx: &Context) -> String {
    let words = clean(text).split_whitespace().collect::<Vec<_>>().join(" ");
    match form {
        Form::Text => words.to_lowercase(),
        Form::Host => words.to_lowercase().trim_end_matches('.').to_owned(),
        Form::Ip => normalise_ip(&words),
        Form::Int => {
            let lower = words.to_lowercase();
            let digits = lower
                .trim_start_matches("pid")
                .trim_start_matches([':', '#', '='])
                .trim();
            match digits.parse::<u64>() {
                Ok(n) => n.to_string(),
                Err(_) => lower,
            }
        }
        Form::Path => normalise_path(&words, ctx),
        Form::Endpoint => normalise_endpoint(&words),
    }
}

fn normalise_ip(text: &str) -> String {
    let t = text.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = t.parse::<IpAddr>() {
        return ip.to_string();
    }
    // Leading zeros in dotted quads: 010.000.003.007.
    let parts: Vec<&str> = t.split('.').collect();
    if parts.len() == 4 {
        let octets: Option<Vec<u8>> = parts.iter().map(|p| p.parse::<u8>().ok()).collect();
        if let Some(o) = octets {
            return format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3]);
        }
    }
    t.to_lowercase()
}

fn normalise_path(text: &str, ctx: &Context) -> String {
    let mut t = text.to_owned();
    if let Some(folder) = &ctx.folder {
        let folder = folder.trim_end_matches('/');
        if !folder.is_empty()
            && let Some(rest) = t.strip_prefix(folder)
        {
            t = rest.to_owned();
        }
    }
    let parts: Vec<&str> = t
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    parts.join("/")
}

fn normalise_endpoint(text: &str) -> String {
    let mut t = text.trim();
    for method in ["get ", "post ", "put ", "delete ", "patch ", "head "] {
        if t.len() > method.len() && t[..method.len()].eq_ignore_ascii_case(method) {
            t = t[method.len()..].trim();
        }
    }
    let t = t.split(['?', '#', ' ']).next().unwrap_or_default();
    let path = t.trim_matches('/');
    format!("/{}", path.to_lowercase())
}

/// Reads `1234`, `1,234`, `1 234`, `1_234`, `12.50`, `12%`, `~12`.
#[must_use]
pub fn parse_number(text: &str) -> Option<f64> {
    let t = clean(text);
    let t = t
        .trim_start_matches(['~', '≈'])
        .trim_end_matches('%')
        .trim();
    let digits: String = t
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}'))
        .collect();
    let n = digits.parse::<f64>().ok()?;
    n.is_finite().then_some(n)
}

/// `12`, `12.5`, `0.25`: no trailing zeros.
#[must_use]
pub fn format_number(n: f64) -> String {
    if (n - n.round()).abs() < 1e-9 {
        format!("{}", n.round() as i64)
    } else {
        let s = format!("{n:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str, form: Form) -> Planted {
        Planted::Text {
            value: value.to_owned(),
            form,
            also: vec![],
        }
    }

    fn ok(rule: Rule, planted: &Planted, given: &str) -> bool {
        is_correct(
            rule,
            planted,
            given,
            &Context {
                folder: Some("/home/u/labs/x-1".to_owned()),
            },
        )
    }

    #[test]
    fn text_ignores_case_spaces_quotes_and_a_trailing_dot() {
        let p = text("payments-api", Form::Text);
        for given in [
            "payments-api",
            "  Payments-API. ",
            "`payments-api`",
            "\"payments-api\"",
        ] {
            assert!(ok(Rule::Exact, &p, given), "{given}");
        }
        assert!(!ok(Rule::Exact, &p, "payments"));
        assert!(!ok(Rule::Exact, &p, ""));
    }

    #[test]
    fn ips_compare_by_address_not_spelling() {
        let p = text("10.0.3.7", Form::Ip);
        assert!(ok(Rule::Exact, &p, "010.000.003.007"));
        assert!(ok(Rule::Exact, &p, " 10.0.3.7."));
        assert!(!ok(Rule::Exact, &p, "10.0.3.70"));
        let v6 = text("2001:db8::1", Form::Ip);
        assert!(ok(Rule::Exact, &v6, "2001:0DB8:0:0:0:0:0:1"));
        assert!(ok(Rule::Exact, &v6, "[2001:db8::1]"));
    }

    #[test]
    fn hosts_ignore_the_root_dot_and_case() {
        let p = text("api.corp.example.", Form::Host);
        assert!(ok(Rule::Exact, &p, "API.corp.example"));
        assert!(ok(Rule::Exact, &p, "api.corp.example."));
    }

    #[test]
    fn paths_are_relative_to_the_lab_folder_however_written() {
        let p = text("var/log/app/debug.log", Form::Path);
        for given in [
            "var/log/app/debug.log",
            "./var/log/app/debug.log",
            "/var/log/app/debug.log",
            "/home/u/labs/x-1/var/log/app/debug.log",
            "var//log/app/debug.log",
        ] {
            assert!(ok(Rule::Exact, &p, given), "{given}");
        }
        assert!(!ok(Rule::Exact, &p, "debug.log"));
    }

    #[test]
    fn endpoints_drop_method_query_and_slashes() {
        let p = text("/api/checkout", Form::Endpoint);
        for given in [
            "/api/checkout",
            "GET /api/checkout?id=3",
            "api/checkout/",
            "POST  /API/checkout",
        ] {
            assert!(ok(Rule::Exact, &p, given), "{given}");
        }
        assert!(!ok(Rule::Exact, &p, "/api/cart"));
    }

    #[test]
    fn pids_accept_a_label() {
        let p = text("4242", Form::Int);
        for given in ["4242", "pid 4242", "PID:4242", "#4242", "04242"] {
            assert!(ok(Rule::Exact, &p, given), "{given}");
        }
        assert!(!ok(Rule::Exact, &p, "424"));
    }

    #[test]
    fn one_of_accepts_every_listed_spelling_and_exact_only_the_first() {
        let p = Planted::Text {
            value: "worker".to_owned(),
            form: Form::Text,
            also: vec!["worker.service".to_owned()],
        };
        assert!(ok(Rule::OneOf, &p, "worker.service"));
        assert!(ok(Rule::OneOf, &p, "Worker"));
        assert!(!ok(Rule::Exact, &p, "worker.service"));
    }

    #[test]
    fn numbers_read_separators_percent_signs_and_tolerance() {
        assert_eq!(parse_number("1,234"), Some(1234.0));
        assert_eq!(parse_number("1 234."), Some(1234.0));
        assert_eq!(parse_number("12.50%"), Some(12.5));
        assert_eq!(parse_number("~7"), Some(7.0));
        assert_eq!(parse_number("seven"), None);
        assert_eq!(parse_number("NaN"), None);
        let p = Planted::Number { value: 12.0 };
        assert!(ok(Rule::Number(Tolerance::Absolute(0.5)), &p, "12.4"));
        assert!(!ok(Rule::Number(Tolerance::Absolute(0.5)), &p, "12.6"));
        assert!(ok(Rule::Number(Tolerance::Percent(10.0)), &p, "13.2"));
        assert!(!ok(Rule::Number(Tolerance::Percent(10.0)), &p, "13.3"));
        assert!(ok(Rule::Number(Tolerance::Absolute(0.0)), &p, "12.0"));
    }

    #[test]
    fn lists_match_as_sets_in_any_order() {
        let p = Planted::List {
            values: vec!["api-3:8080".to_owned(), "api-7:8080".to_owned()],
            form: Form::Text,
        };
        assert!(ok(Rule::List, &p, "api-7:8080, api-3:8080"));
        assert!(ok(Rule::List, &p, "API-3:8080 api-7:8080."));
        assert!(!ok(Rule::List, &p, "api-3:8080"));
        assert!(!ok(Rule::List, &p, "api-3:8080 api-7:8080 api-1:8080"));
        assert!(!ok(Rule::List, &p, ""));
    }

    #[test]
    fn a_rule_of_the_wrong_shape_never_matches() {
        let p = Planted::Number { value: 3.0 };
        assert!(!ok(Rule::Exact, &p, "3"));
    }

    #[test]
    fn numbers_format_without_trailing_zeros() {
        assert_eq!(format_number(12.0), "12");
        assert_eq!(format_number(4.25), "4.25");
        assert_eq!(format_number(0.1), "0.1");
    }
}
