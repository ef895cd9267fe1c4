//! The JSON Schema of the spec format, generated from the key catalog in `keys.rs`.
//!
//! `specs/pybridge.schema.json` is this function's output; a test fails when the committed file
//! and the catalog drift apart (re-record with `PYBRIDGE_BLESS=1`).
//!
//! The schema says what the checker says, wherever a schema can say it
//! (`tests/python/test_spec_schema.py` compares the two verdicts on every spec the project has):
//!
//! - `~` (null, or no value) counts as absent for every optional key; a required key must have a
//!   value (`Fields::get` and `Fields::finish` in `reader.rs`);
//! - text keys take any scalar (`read_str` reads numbers and booleans as their text); types are
//!   strings; `version` is `1`;
//! - each section has one definition per direction (`export_function`, `import_function`, …),
//!   because lowering and checks refuse some keys and words in one direction only (the tables
//!   below, each entry naming its rule);
//! - names are identifiers and not Python keywords (`check.rs`: `check_name`,
//!   `check_module_name`), and rules between keys of one mapping are `if`/`then`.
//!
//! What no schema can check (types inside strings, rules across items, …) is listed in
//! `specs/SPEC.md` under "What the JSON Schema cannot check".
//!
//! Here: the definitions and the mappings' bodies; `values.rs`: one key's value; `rules.rs`: the
//! `if`/`then` rules between keys; `json.rs`: the JSON value and its writer.

mod json;
mod rules;
mod values;

use crate::names::PYTHON_KEYWORDS;
use crate::spec::keys::{SECTIONS, Section};
use json::{J, s, strs, write_json};
use rules::rules;
use values::{is_required, key_doc, key_value};

/// The schema as pretty-printed JSON text (deterministic: catalog order).
pub fn emit_json_schema() -> String {
    let top = &SECTIONS[0];
    let mut root = vec![
        ("$schema", s("https://json-schema.org/draft/2020-12/schema")),
        ("$id", s("pybridge.schema.json")),
        ("title", s("pybridge spec, version 1")),
        ("description", s("Generated from model/src/spec/keys.rs and model/src/spec/schema.rs; do not edit by hand.")),
    ];
    root.extend(section_body(top, None));
    root.push(("$defs", J::obj(definitions())));
    let mut out = String::new();
    write_json(&mut out, &J::obj(root), 0);
    out.push('\n');
    out
}

/// The direction a definition is for: some keys and words are refused in one direction only.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dir {
    Export,
    Import,
}

use Dir::{Export, Import};

impl Dir {
    fn word(self) -> &'static str {
        match self {
            Export => "export",
            Import => "import",
        }
    }
}

/// Words of a `OneOf` key refused in one direction (`None`: in both).
const REFUSED_WORDS: &[(&str, &str, Option<Dir>, &str)] = &[
    // check.rs `check_policies`: "a view comes from a `&self` method without parameters".
    ("function", "policy", Some(Export), "view"),
    // lower.rs `lower_class`: "an attribute cannot be `shared`".
    ("attribute", "policy", None, "shared"),
    // check.rs `check_functions`: "`mut_method` is only for exported classes".
    ("method", "kind", Some(Import), "mut_method"),
];

/// Keys required in one direction only.
const REQUIRED_IN: &[(&str, &str, Dir)] = &[
    // lower.rs `lower_constant`: "exported constant `X` needs a value".
    ("constant", "rust", Export),
];

/// Rust names an import class handle defines itself (check.rs `check_import_generated_names`):
/// a method or attribute of the same name would not compile.
const HANDLE_METHODS: &[&str] = crate::names::generated::HANDLE_METHODS;

/// An identifier: ASCII letters, digits and `_`, not starting with a digit. Non-ASCII
/// characters are let through (the checker uses Unicode's XID classes, which JSON Schema's
/// regular expression dialects do not share: SPEC.md lists this).
const IDENT: &str = "(?:[A-Za-z_]|[^\\x00-\\x7F])(?:[A-Za-z0-9_]|[^\\x00-\\x7F])*";

fn definitions() -> Vec<(String, J)> {
    let mut defs: Vec<(String, J)> = vec![
        (
            "identifier".to_string(),
            J::obj(vec![
                ("description", s("An identifier (a Rust module name, the export module's Python name).")),
                ("type", s("string")),
                ("pattern", s(&format!("^{IDENT}$"))),
            ]),
        ),
        (
            "python_name".to_string(),
            J::obj(vec![
                ("description", s("A Python name: an identifier that is not a Python keyword.")),
                ("type", s("string")),
                ("pattern", s(&format!("^{IDENT}$"))),
                ("not", J::obj(vec![("enum", strs(PYTHON_KEYWORDS))])),
            ]),
        ),
        (
            "module_path".to_string(),
            J::obj(vec![
                ("description", s("A dotted Python module path (`pkg.models`).")),
                ("type", s("string")),
                ("pattern", s(&format!("^{IDENT}(?:\\.{IDENT})*$"))),
            ]),
        ),
    ];
    for dir in [Export, Import] {
        for section in &SECTIONS[1..] {
            if applies(section, dir) {
                let mut body =
                    vec![("description", s(&format!("{} (in `{}:`)", capitalized(section.what), dir.word())))];
                body.extend(section_body(section, Some(dir)));
                defs.push((def_name(section.name, dir), J::obj(body)));
            }
        }
    }
    defs
}

/// Whether a section appears in a direction: `export` and `enum` only under `export:`,
/// `import_module` only under `import:`.
fn applies(section: &Section, dir: Dir) -> bool {
    match section.name {
        "export" | "enum" => dir == Export,
        "import_module" => dir == Import,
        _ => true,
    }
}

/// The definition name of a section in a direction.
fn def_name(section: &str, dir: Dir) -> String {
    match section {
        "export" | "import_module" => section.to_string(),
        _ => format!("{}_{section}", dir.word()),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `type`, `additionalProperties`, `required`, `properties` and the `if`/`then` rules of one
/// mapping (`dir` is `None` for the top level).
fn section_body(section: &Section, dir: Option<Dir>) -> Vec<(&'static str, J)> {
    let required: Vec<&str> = section.keys.iter().filter(|k| is_required(section, k, dir)).map(|k| k.name).collect();
    let properties = section
        .keys
        .iter()
        .map(|key| {
            let mut value = key_value(section, key, dir);
            value.push(("description", s(&key_doc(section, key, dir))));
            (key.name.to_string(), J::obj(value))
        })
        .collect();
    let mut body = vec![
        ("type", s("object")),
        ("additionalProperties", J::Bool(false)),
        ("required", strs(&required)),
        ("properties", J::Obj(properties)),
    ];
    // One rule whose keywords the mapping does not use yet sits beside them; more go in `allOf`.
    let mut rules = rules(section.name, dir);
    if rules.len() == 1 && rules[0].iter().all(|(k, _)| body.iter().all(|(b, _)| b != k)) {
        body.append(&mut rules[0]);
    } else if !rules.is_empty() {
        body.push(("allOf", J::Arr(rules.into_iter().map(J::obj).collect())));
    }
    body
}
