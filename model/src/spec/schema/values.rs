//! The schema of one key's value: from its name where the checker has rules of its own (the
//! version, names and their patterns, enum variants, class traits), otherwise from its shape in
//! the key catalog; and which keys a direction requires or refuses.

use super::json::{J, s, strs};
use super::{Dir, Export, IDENT, Import, REFUSED_WORDS, REQUIRED_IN, def_name};
use crate::spec::keys::{Key, Section, Shape, Side, TRAITS};

pub(super) fn is_required(section: &Section, key: &Key, dir: Option<Dir>) -> bool {
    key.required || dir.is_some_and(|d| REQUIRED_IN.contains(&(section.name, key.name, d)))
}

/// A key of the other direction's items (`Side` in the key catalog; `reader.rs` refuses it at
/// the key): only `~` (absent) passes.
fn is_refused(_section: &Section, key: &Key, dir: Option<Dir>) -> bool {
    matches!((key.side, dir), (Side::Export, Some(Import)) | (Side::Import, Some(Export)))
}

pub(super) fn key_doc(section: &Section, key: &Key, dir: Option<Dir>) -> String {
    if is_refused(section, key, dir) {
        let other = if dir == Some(Export) { "import" } else { "export" };
        format!("{} Only for `{other}:`; here only `~` (absent) is accepted.", key.doc)
    } else {
        key.doc.to_string()
    }
}

/// The schema of one key's value, without its description.
pub(super) fn key_value(section: &Section, key: &Key, dir: Option<Dir>) -> Vec<(&'static str, J)> {
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
        // check/protocols.rs `check_protocol_methods`: a dunder method is a protocol pybridge
        // binds or an ordinary dunder (whether its operands and return fit, the schema cannot see).
        ("method", "name") if dir == Some(Export) => {
            let mut v = name_ref("python_name");
            let mut dunders: Vec<&str> = crate::protocols::PROTOCOLS.iter().map(|p| p.name).collect();
            dunders.extend(crate::protocols::PLAIN);
            let plain = J::obj(vec![("not", J::obj(vec![("pattern", s("^__.+__$"))]))]);
            v.push(("anyOf", J::Arr(vec![plain, J::obj(vec![("enum", strs(&dunders))])])));
            v
        }
        // resolve.rs `report_std_named_types`: an export type of that name means the std type.
        ("class" | "enum", "name") if dir == Some(Export) => {
            let mut v = name_ref("python_name");
            let reserved: Vec<&str> = crate::std_types::StdType::reserved_names().collect();
            v.push(("not", J::obj(vec![("enum", strs(&reserved))])));
            v
        }
        (_, "name") => name_ref("python_name"),
        ("class", "traits") => {
            // The container traits carry their types: `Index<usize, Output = f64>`.
            let written =
                J::obj(vec![("type", s("string")), ("pattern", s(r"^\s*(Index|IndexMut|Iterator)\s*<.+>\s*$"))]);
            let items = J::obj(vec![("anyOf", J::Arr(vec![J::obj(vec![("enum", strs(TRAITS))]), written]))]);
            vec![("type", nullable_types(&["array"], nullable)), ("items", items)]
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
