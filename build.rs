//! Embeds the built-in bank. Every top-level `drills/*.yaml` is embedded twice: as
//! YAML (what `validate` and the bank tests check, with line numbers) and as JSON
//! converted here, which start-up reads because parsing JSON is several times faster
//! than parsing YAML. Every `drills/labs/*.yaml` is embedded as YAML, in file name
//! order (the order `lab --list` shows). A new file in `drills/` or `drills/labs/` needs
//! no code change.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let drills = manifest.join("drills");
    println!("cargo:rerun-if-changed=drills");

    let mut names = yaml_files(&drills);
    names.sort();

    let mut prompts = String::new();
    let mut special = String::new();
    for name in &names {
        let yaml_path = drills.join(name);
        println!("cargo:rerun-if-changed={}", yaml_path.display());
        let json_path = out.join(Path::new(name).with_extension("json"));
        convert(&yaml_path, &json_path);
        let entry = format!(
            "(\"drills/{name}\", include_str!({yaml:?}), include_str!({json:?}))",
            yaml = yaml_path.display().to_string(),
            json = json_path.display().to_string(),
        );
        match name.as_str() {
            "follow-ups.yaml" => {
                let _ = writeln!(special, "pub(super) const FOLLOW_UPS: BuiltIn = {entry};");
            }
            "resources.yaml" => {
                let _ = writeln!(special, "pub(super) const RESOURCES: BuiltIn = {entry};");
            }
            "topics.yaml" => {
                let _ = writeln!(special, "pub(super) const TOPICS: BuiltIn = {entry};");
            }
            "vocabulary.yaml" => {
                let _ = writeln!(special, "pub(super) const VOCABULARY: BuiltIn = {entry};");
            }
            _ => {
                let _ = writeln!(prompts, "    {entry},");
            }
        }
    }
    let code = format!(
        "/// (name shown in messages, YAML text, the same as JSON)\npub(super) type BuiltIn = (&'static str, &'static str, &'static str);\n\npub(super) const PROMPT_FILES: &[BuiltIn] = &[\n{prompts}];\n\n{special}"
    );
    fs::write(out.join("builtin.rs"), code).expect("OUT_DIR is writable");
    embed_labs(&drills.join("labs"), &out);
}

/// `builtin_labs.rs`: (name shown in messages, YAML text) for each built-in lab file.
fn embed_labs(labs: &Path, out: &Path) {
    println!("cargo:rerun-if-changed={}", labs.display());
    let mut names = yaml_files(labs);
    names.sort();
    let mut entries = String::new();
    for name in &names {
        let path = labs.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            entries,
            "    (\"drills/labs/{name}\", include_str!({path:?})),",
            path = path.display().to_string()
        );
    }
    let code = format!("pub(super) const LAB_FILES: &[(&str, &str)] = &[\n{entries}];\n");
    fs::write(out.join("builtin_labs.rs"), code).expect("OUT_DIR is writable");
}

/// The names of the `*.yaml` files directly in `dir`.
fn yaml_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| Path::new(name).extension().is_some_and(|e| e == "yaml"))
        .collect()
}

fn convert(yaml_path: &Path, json_path: &Path) {
    let text = fs::read_to_string(yaml_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", yaml_path.display()));
    let value: serde_json::Value = serde_saphyr::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", yaml_path.display()));
    let json = serde_json::to_string(&value).expect("a YAML value converts to JSON");
    fs::write(json_path, json).expect("OUT_DIR is writable");
}
