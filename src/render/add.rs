//! Text for `add`: what was written and how to practise it.

use std::io::{self, Write};

/// Where `add` wrote, and how the prompt gets drilled.
pub enum Added<'a> {
    /// A new prompt in a file the bank loads.
    Loaded {
        id: &'a str,
        file: &'a str,
        category: &'a str,
    },
    /// A new prompt in a file outside the prompt folder: how to drill it anyway.
    Elsewhere {
        id: &'a str,
        file: &'a str,
        category: &'a str,
        prompt_folder: &'a str,
        folder: &'a str,
        /// The file is not named `*.yaml`, so the bank would not read it.
        rename: bool,
    },
    /// A scenario written into an existing prompt.
    Scenario { id: &'a str, file: &'a str },
}

/// The closing lines of `add`.
///
/// # Errors
/// The output cannot be written.
pub fn added(out: &mut impl Write, what: &Added<'_>) -> io::Result<()> {
    match what {
        Added::Loaded { id, file, category } => {
            writeln!(out, "Added '{id}' to {file}.")?;
            writeln!(
                out,
                "Practise it: sre-drill drill {id} (or with the rest of its category: sre-drill drill {category})"
            )
        }
        Added::Elsewhere {
            id,
            file,
            category,
            prompt_folder,
            folder,
            rename,
        } => {
            let rename = if *rename {
                " (and name the file *.yaml)"
            } else {
                ""
            };
            writeln!(out, "Added '{id}' to {file}.")?;
            writeln!(
                out,
                "{file} is outside your prompt folder {prompt_folder}; drill it with: sre-drill --bank {folder} drill {category}{rename}"
            )
        }
        Added::Scenario { id, file } => {
            writeln!(out, "Added a scenario to '{id}' in {file}.")?;
            writeln!(out, "Practise it: sre-drill drill {id}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(what: &Added<'_>) -> String {
        let mut out = Vec::new();
        added(&mut out, what).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_prompt_outside_the_prompt_folder_says_how_to_drill_it() {
        let shown = text(&Added::Elsewhere {
            id: "d-a",
            file: "t/x.txt",
            category: "design",
            prompt_folder: "/h/drills",
            folder: "t",
            rename: true,
        });
        assert_eq!(
            shown,
            "Added 'd-a' to t/x.txt.\nt/x.txt is outside your prompt folder /h/drills; drill it with: sre-drill --bank t drill design (and name the file *.yaml)\n"
        );
        assert_eq!(
            text(&Added::Scenario {
                id: "ts-b",
                file: "f.yaml"
            }),
            "Added a scenario to 'ts-b' in f.yaml.\nPractise it: sre-drill drill ts-b\n"
        );
    }
}
