//! The rules between keys of one mapping, each an `if`/`then` naming the checker's rule it
//! mirrors (the top level's `export:`, classes, methods, import entries).

use super::json::{J, s, strs};
use super::{Dir, HANDLE_METHODS, IDENT, Import};

/// The rules between keys of one mapping, each an `if`/`then` naming the checker's rule.
pub(super) fn rules(section: &str, dir: Option<Dir>) -> Vec<Vec<(&'static str, J)>> {
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
