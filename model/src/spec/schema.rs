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

use std::fmt::Write as _;

use crate::names::PYTHON_KEYWORDS;
use crate::spec::keys::{Key, SECTIONS, Section, Shape, Side, TRAITS};

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

fn is_required(section: &Section, key: &Key, dir: Option<Dir>) -> bool {
    key.required || dir.is_some_and(|d| REQUIRED_IN.contains(&(section.name, key.name, d)))
}

/// A key of the other direction's items (`Side` in the key catalog; `reader.rs` refuses it at
/// the key): only `~` (absent) passes.
fn is_refused(_section: &Section, key: &Key, dir: Option<Dir>) -> bool {
    matches!((key.side, dir), (Side::Export, Some(Import)) | (Side::Import, Some(Export)))
}

fn key_doc(section: &Section, key: &Key, dir: Option<Dir>) -> String {
    if is_refused(section, key, dir) {
        let other = if dir == Some(Export) { "import" } else { "export" };
        format!("{} Only for `{other}:`; here only `~` (absent) is accepted.", key.doc)
    } else {
        key.doc.to_string()
    }
}

/// The schema of one key's value, without its description.
fn key_value(section: &Section, key: &Key, dir: Option<Dir>) -> Vec<(&'static str, J)> {
    if is_refused(section, key, dir) {
        return vec![("type", s("null"))];
    }
    let nullable = !is_required(section, key, dir);
    emit_key_value_by_name(section, key, dir, nullable)
        .unwrap_or_else(|| emit_key_value_by_shape(section, key, dir, nullable))
}

/// The schema of a key whose value has rules of its own (the version, names and their
/// patterns, enum variants, class traits), or `None` when its shape says it all.
fn emit_key_value_by_name(
    section: &Section,
    key: &Key,
    dir: Option<Dir>,
    nullable: bool,
) -> Option<Vec<(&'static str, J)>> {
    let name_ref = |def: &str| vec![("$ref", s(&format!("#/$defs/{def}")))];
    let value = match (section.name, key.name) {
        // lower.rs `lower_spec`: "unsupported spec version N".
        ("spec", "version") => vec![("type", s("integer")), ("const", J::Int(1))],
        // Checked only with `export:` (the `if`/`then` of the top level).
        ("spec", "module") => vec![("type", text_types(true))],
        ("import_module", "module") => name_ref("module_path"),
        ("import_module", "rust_name") => {
            vec![("type", strs(&["string", "null"])), ("pattern", s(&format!("^{IDENT}$")))]
        }
        // lower.rs `lower_name`: one identifier, not one of the five that cannot be raw.
        (_, "rust_name") => vec![
            ("type", strs(&["string", "null"])),
            ("pattern", s(&format!("^{IDENT}$"))),
            ("not", J::obj(vec![("enum", strs(&["self", "Self", "super", "crate", "_"]))])),
        ],
        ("enum", "variants") => vec![("type", s("array")), ("items", J::obj(name_ref("python_name")))],
        // check.rs `check_import_generated_names`: the error enum's own `Other` variant.
        ("exception", "name") if dir == Some(Import) => {
            let mut v = name_ref("python_name");
            v.push(("not", J::obj(vec![("const", s("Other"))])));
            v
        }
        // check.rs `check_export_dunders`: protocol methods are not declared as methods yet.
        ("method", "name") if dir == Some(Export) => {
            let mut v = name_ref("python_name");
            v.push(("not", J::obj(vec![("pattern", s("^__.+__$"))])));
            v
        }
        (_, "name") => name_ref("python_name"),
        ("class", "traits") => {
            vec![("type", nullable_types(&["array"], nullable)), ("items", J::obj(vec![("enum", strs(TRAITS))]))]
        }
        _ => return None,
    };
    Some(value)
}

/// The schema of a key's value from its shape in the key catalog.
fn emit_key_value_by_shape(section: &Section, key: &Key, dir: Option<Dir>, nullable: bool) -> Vec<(&'static str, J)> {
    match key.shape {
        Shape::Str => vec![("type", text_types(nullable))],
        Shape::Int => vec![("type", nullable_types(&["integer"], nullable)), ("minimum", J::Int(0))],
        Shape::Bool => vec![("type", nullable_types(&["boolean"], nullable))],
        Shape::Type => vec![("type", nullable_types(&["string"], nullable))],
        Shape::OneOf(words) => {
            let mut allowed: Vec<J> = words
                .iter()
                .filter(|w| {
                    !REFUSED_WORDS.iter().any(|(sec, k, d, word)| {
                        *sec == section.name && *k == key.name && word == *w && (d.is_none() || *d == dir)
                    })
                })
                .map(|w| s(w))
                .collect();
            if nullable {
                allowed.push(J::Null);
            }
            vec![("enum", J::Arr(allowed))]
        }
        Shape::StrList => {
            vec![("type", nullable_types(&["array"], nullable)), ("items", J::obj(vec![("type", text_types(false))]))]
        }
        Shape::List(inner) => vec![
            ("type", nullable_types(&["array"], nullable)),
            ("items", J::obj(vec![("$ref", s(&format!("#/$defs/{}", def_name(inner, dir.unwrap_or(Export)))))])),
        ],
        Shape::Map(inner) => {
            let target = ("$ref", s(&format!("#/$defs/{}", def_name(inner, dir.unwrap_or(Export)))));
            if nullable {
                vec![("anyOf", J::Arr(vec![J::obj(vec![target]), J::obj(vec![("type", s("null"))])]))]
            } else {
                vec![target]
            }
        }
    }
}

/// The rules between keys of one mapping, each an `if`/`then` naming the checker's rule.
fn rules(section: &str, dir: Option<Dir>) -> Vec<Vec<(&'static str, J)>> {
    match (section, dir) {
        ("spec", None) => vec![emit_rule(
            "lower.rs lower_spec: an `export:` section needs the module's Python name (check.rs check_module_name: one identifier)",
            present("export", J::obj(vec![("type", s("object"))])),
            J::obj(vec![
                ("required", strs(&["module"])),
                ("properties", J::obj(vec![("module", J::obj(vec![("$ref", s("#/$defs/identifier"))]))])),
            ]),
        )],
        ("class", Some(dir)) => emit_class_rules(dir),
        ("method", Some(dir)) => emit_method_rules(dir),
        ("import_module", Some(Import)) => vec![emit_rule(
            "check.rs check_import_generated_names: declared exceptions make the Rust enum `Error`",
            present("exceptions", J::obj(vec![("type", s("array")), ("minItems", J::Int(1))])),
            J::obj(vec![("properties", names_not(&["classes"], &["Error"]))]),
        )],
        _ => Vec::new(),
    }
}

/// One rule: `$comment` (the checker's rule it mirrors), `if` and `then`.
fn emit_rule(comment: &str, when: J, then: J) -> Vec<(&'static str, J)> {
    vec![("$comment", s(comment)), ("if", when), ("then", then)]
}

/// The rules of a class: `IntoIterator` needs `item`; an import class's members stay off the
/// handle's own method names (and `new`, with a constructor).
fn emit_class_rules(dir: Dir) -> Vec<Vec<(&'static str, J)>> {
    let mut rules = vec![emit_rule(
        "lower.rs lower_class: `IntoIterator` needs the item type",
        present("traits", J::obj(vec![("type", s("array")), ("contains", J::obj(vec![("const", s("IntoIterator"))]))])),
        J::obj(vec![
            ("required", strs(&["item"])),
            ("properties", J::obj(vec![("item", J::obj(vec![("type", s("string"))]))])),
        ]),
    )];
    if dir == Import {
        rules.push(vec![
            ("$comment", s("check.rs check_import_generated_names: a class handle defines these methods itself")),
            ("properties", names_not(&["methods", "attributes"], HANDLE_METHODS)),
        ]);
        rules.push(emit_rule(
            "check.rs check_import_generated_names: a constructor is the class handle's `new`",
            present("constructor", J::obj(vec![("type", s("object"))])),
            J::obj(vec![("properties", names_not(&["methods", "attributes"], &["new"]))]),
        ));
    }
    rules
}

/// The rules of a method: an instance method's `rust:` is one identifier; for export,
/// `extend` applies to instance methods and a view comes from a plain `&self` method.
fn emit_method_rules(dir: Dir) -> Vec<Vec<(&'static str, J)>> {
    let mut rules = vec![emit_rule(
        "check.rs check_rust_paths: an instance method is called as `value.name(…)`, so its `rust:` is one identifier (a function path needs `extend: true`)",
        J::obj(vec![
            ("required", strs(&["rust"])),
            (
                "properties",
                J::obj(vec![
                    ("rust", J::obj(vec![("not", J::obj(vec![("type", s("null"))]))])),
                    ("kind", enum_of(&["method", "mut_method"], true)),
                    ("extend", not_true()),
                ]),
            ),
        ]),
        J::obj(vec![(
            "properties",
            J::obj(vec![(
                "rust",
                J::obj(vec![
                    ("type", s("string")),
                    ("pattern", s(&format!("^(?:r#)?{IDENT}$"))),
                    ("not", J::obj(vec![("pattern", s("^(?:r#)?(?:self|Self|super|crate|_)$"))])),
                ]),
            )]),
        )]),
    )];
    if dir == Import {
        return rules;
    }
    rules.push(emit_rule(
        "check.rs check_export_shapes: `extend` applies to instance methods",
        present("extend", J::obj(vec![("const", J::Bool(true))])),
        J::obj(vec![("properties", J::obj(vec![("kind", enum_of(&["method", "mut_method"], true))]))]),
    ));
    rules.push(emit_rule(
        "check.rs check_policies: a view comes from a `&self` method without parameters, not from `extend`",
        present("policy", J::obj(vec![("const", s("view"))])),
        J::obj(vec![(
            "properties",
            J::obj(vec![
                ("kind", enum_of(&["method"], true)),
                ("params", J::obj(vec![("maxItems", J::Int(0))])),
                ("extend", not_true()),
            ]),
        )]),
    ));
    rules
}

/// `key` is present and its value matches `schema`.
fn present(key: &str, schema: J) -> J {
    J::obj(vec![("required", strs(&[key])), ("properties", J::obj(vec![(key, schema)]))])
}

/// `properties` saying that no item of the lists `lists` is named one of `words`.
fn names_not(lists: &[&str], words: &[&str]) -> J {
    let not_named = J::obj(vec![(
        "items",
        J::obj(vec![("properties", J::obj(vec![("name", J::obj(vec![("not", enum_of(words, false))]))]))]),
    )]);
    J::obj(lists.iter().map(|l| (*l, not_named.clone())).collect())
}

/// `false`, or absent.
fn not_true() -> J {
    J::obj(vec![("enum", J::Arr(vec![J::Bool(false), J::Null]))])
}

fn enum_of(words: &[&str], nullable: bool) -> J {
    let mut all: Vec<J> = words.iter().map(|w| s(w)).collect();
    if nullable {
        all.push(J::Null);
    }
    J::obj(vec![("enum", J::Arr(all))])
}

/// What `read_str` takes: any scalar (numbers and booleans are read as their text).
fn text_types(nullable: bool) -> J {
    nullable_types(&["string", "number", "boolean"], nullable)
}

fn nullable_types(types: &[&str], nullable: bool) -> J {
    let mut all: Vec<&str> = types.to_vec();
    if nullable {
        all.push("null");
    }
    if all.len() == 1 { s(all[0]) } else { strs(&all) }
}

/// A JSON value, kept in insertion order.
#[derive(Clone, Debug)]
enum J {
    Obj(Vec<(String, J)>),
    Arr(Vec<J>),
    Str(String),
    Int(i64),
    Bool(bool),
    Null,
}

impl J {
    fn obj<K: Into<String>>(pairs: Vec<(K, J)>) -> J {
        J::Obj(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

fn s(text: &str) -> J {
    J::Str(text.to_string())
}

fn strs(words: &[&str]) -> J {
    J::Arr(words.iter().map(|w| s(w)).collect())
}

/// Objects and arrays that fit on one line are written on one line.
const WIDTH: usize = 120;

fn write_json(out: &mut String, value: &J, indent: usize) {
    let one_line = flat(value);
    if indent + one_line.len() <= WIDTH || !matches!(value, J::Obj(_) | J::Arr(_)) {
        out.push_str(&one_line);
        return;
    }
    let pad = "  ".repeat(indent / 2 + 1);
    let close = "  ".repeat(indent / 2);
    match value {
        J::Obj(pairs) => {
            out.push_str("{\n");
            for (i, (key, v)) in pairs.iter().enumerate() {
                let _ = write!(out, "{pad}{}: ", quote(key));
                write_json(out, v, indent + 2);
                out.push_str(if i + 1 < pairs.len() { ",\n" } else { "\n" });
            }
            let _ = write!(out, "{close}}}");
        }
        J::Arr(items) if items.iter().all(|v| !matches!(v, J::Obj(_) | J::Arr(_))) => {
            // Words fill their lines.
            out.push_str("[\n");
            let mut line = pad.clone();
            for (i, v) in items.iter().enumerate() {
                let item = flat(v) + if i + 1 < items.len() { "," } else { "" };
                if line.len() > pad.len() && line.len() + 1 + item.len() > WIDTH {
                    out.push_str(line.trim_end());
                    out.push('\n');
                    line = pad.clone();
                }
                line.push_str(&item);
                line.push(' ');
            }
            out.push_str(line.trim_end());
            let _ = write!(out, "\n{close}]");
        }
        J::Arr(items) => {
            out.push_str("[\n");
            for (i, v) in items.iter().enumerate() {
                out.push_str(&pad);
                write_json(out, v, indent + 2);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            let _ = write!(out, "{close}]");
        }
        _ => {}
    }
}

fn flat(value: &J) -> String {
    match value {
        J::Obj(pairs) if pairs.is_empty() => "{}".into(),
        J::Obj(pairs) => {
            let inner: Vec<String> = pairs.iter().map(|(k, v)| format!("{}: {}", quote(k), flat(v))).collect();
            format!("{{ {} }}", inner.join(", "))
        }
        J::Arr(items) => format!("[{}]", items.iter().map(flat).collect::<Vec<_>>().join(", ")),
        J::Str(text) => quote(text),
        J::Int(n) => n.to_string(),
        J::Bool(b) => b.to_string(),
        J::Null => "null".into(),
    }
}

fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
