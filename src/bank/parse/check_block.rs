//! A coding prompt's `check:` block: `{checker: NAME, PARAM: NUMBER, ...}`. The checker
//! must be a built-in one; the numbers must be the ones it takes, within their ranges.

use super::{Checker, shorten};
use crate::bank::types::{Category, CheckSpec};
use crate::bank::yaml::{Key, Node, Value};
use crate::check;
use crate::text::did_you_mean;

impl Checker<'_> {
    pub(super) fn check_block(
        &mut self,
        key: &Key,
        node: &Node,
        category: Option<&Category>,
    ) -> Option<CheckSpec> {
        if category.is_some_and(|c| c.as_str() != "coding") {
            self.error(
                key.line,
                key.column,
                "`check` is only for coding prompts".to_owned(),
            );
            return None;
        }
        let Value::Map(entries) = &node.value else {
            self.error(
                node.line,
                node.column,
                format!(
                    "`check` must be a mapping like `{{checker: top-5xx-clients}}`, found {}",
                    node.value.kind()
                ),
            );
            return None;
        };
        let names: Vec<&str> = check::CHECKERS.iter().map(|c| c.name).collect();
        let Some((_, name_node)) = entries.iter().find(|(k, _)| k.text == "checker") else {
            self.error(
                node.line,
                node.column,
                "`check` has no `checker:`; name one of the built-in checkers".to_owned(),
            );
            return None;
        };
        let name = self.text(name_node, "checker")?;
        let Some(found) = check::find(&name) else {
            let hint = did_you_mean(&name, &names).map_or_else(
                || format!("known: {}", names.join(", ")),
                |s| format!("did you mean `{s}`?"),
            );
            self.error(
                name_node.line,
                name_node.column,
                format!("unknown checker '{}'; {hint}", shorten(&name)),
            );
            return None;
        };
        let known: Vec<&'static str> = found.params.iter().map(|p| p.name).collect();
        let mut params = Vec::new();
        let mut ok = true;
        for (k, v) in entries.iter().filter(|(k, _)| k.text != "checker") {
            let Some(param) = found.params.iter().find(|p| p.name == k.text) else {
                let hint = did_you_mean(&k.text, &known).map_or_else(
                    || {
                        if known.is_empty() {
                            format!("; checker '{name}' takes no numbers")
                        } else {
                            format!("; it takes {}", known.join(", "))
                        }
                    },
                    |s| format!("; did you mean `{s}`?"),
                );
                self.error(
                    k.line,
                    k.column,
                    format!("unknown field `{}` in `check`{hint}", shorten(&k.text)),
                );
                ok = false;
                continue;
            };
            match v.value {
                Value::Int(n) if (param.min..=param.max).contains(&n) => {
                    params.push((param.name.to_owned(), n));
                }
                _ => {
                    self.error(
                        v.line,
                        v.column,
                        format!(
                            "`{}` must be a whole number from {} to {}",
                            param.name, param.min, param.max
                        ),
                    );
                    ok = false;
                }
            }
        }
        // One order whatever the file's: the bank read from JSON sorts mapping keys.
        params.sort();
        ok.then(|| CheckSpec {
            checker: found.name.to_owned(),
            params,
        })
    }
}
