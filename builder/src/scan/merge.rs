//! `scan --merge EXISTING`: a fresh scan laid over a spec the user has edited. The user's
//! spec decides *what* is declared and *how it reads in Rust*; the module decides the
//! signatures:
//!
//! - only what the existing entry declares is kept (an item the user removed stays removed;
//!   one the module gained is listed in a trailing comment, for `--include`);
//! - each kept item keeps its `rust_name` and `doc`, and each parameter or return still there
//!   keeps its declared type (a user's `int` over the scan's `Any` survives);
//! - parameters, kinds and defaults follow the module: a parameter it removed goes, one it
//!   added comes (scanned), a changed default or kind is taken.

use serde_json::Value;

use pybridge_model::{Diagnostics, Direction, Function, Module};

use crate::Failure;

/// Lays `description` (a fresh scan of `module`) over the import entry for `module` in the
/// spec text `existing`.
pub(super) fn merge_into(description: &mut Value, existing: &str, module: &str) -> Result<(), Failure> {
    let mut diags = Diagnostics::new();
    let bridge = pybridge_model::spec::load_spec(existing, &mut diags);
    let entry = bridge
        .as_ref()
        .and_then(|b| b.modules.iter().find(|m| m.direction == Direction::Import && m.name.py == module));
    let Some(entry) = entry else {
        return Err(Failure::Invalid(format!("error: the spec to merge into has no import entry for `{module}`\n")));
    };
    let items = description.get_mut("items").and_then(Value::as_array_mut);
    let Some(items) = items else { return Ok(()) };
    let mut gained = Vec::new();
    items.retain_mut(|item| {
        let name = item.get("name").and_then(Value::as_str).unwrap_or("").to_string();
        let kept = match item.get("kind").and_then(Value::as_str) {
            Some("function") => entry.functions.iter().find(|f| f.name.py == name).map(|f| keep_function(item, f)),
            Some("class") => entry.classes.iter().find(|c| c.name.py == name).map(|c| keep_class(item, c)),
            Some("constant") => entry.constants.iter().find(|c| c.name.py == name).map(|c| {
                item["type"] = Value::from(spec_type(&c.ty));
                keep_names(item, &c.name, c.doc.as_deref());
            }),
            Some("exception") => entry.exceptions.iter().find(|e| e.name.py == name).map(|e| {
                keep_names(item, &e.name, e.doc.as_deref());
            }),
            _ => None,
        };
        if kept.is_none() {
            gained.push(name);
        }
        kept.is_some()
    });
    if !gained.is_empty() {
        let skipped = description["skipped"].as_array_mut();
        if let Some(skipped) = skipped {
            for name in gained {
                skipped
                    .push(serde_json::json!({ "name": name, "why": "not in the merged spec (add it with --include)" }));
            }
        }
    }
    note_vanished(description, entry);
    let aliases: Vec<Value> = entry
        .aliases
        .iter()
        .map(|a| serde_json::json!({ "name": a.name.py, "type": spec_type(&a.ty), "doc": a.doc }))
        .collect();
    description["aliases"] = Value::from(aliases);
    Ok(())
}

/// `ty` as an import spec writes it (`u8`, `Mapping[...]`, `Json`, an alias by its name: the
/// lowered, unresolved type keeps the names the user wrote).
fn spec_type(ty: &pybridge_model::Type) -> String {
    use pybridge_model::{Keys, MemberValue, TypeKind};
    let list = |items: &[pybridge_model::Type]| items.iter().map(spec_type).collect::<Vec<_>>().join(", ");
    match &ty.kind {
        TypeKind::Int(w) if *w != pybridge_model::IntWidth::I64 => w.rust().into(),
        TypeKind::Std(s) => s.row().import_name.unwrap_or(s.row().python).into(),
        TypeKind::Any => "Any".into(),
        TypeKind::Optional(inner) => format!("{} | None", spec_type(inner)),
        TypeKind::List(t) => format!("list[{}]", spec_type(t)),
        TypeKind::Set(t, _) => format!("set[{}]", spec_type(t)),
        TypeKind::Dict(k, v, Keys::Mapping) => format!("Mapping[{}, {}]", spec_type(k), spec_type(v)),
        TypeKind::Dict(k, v, _) => format!("dict[{}, {}]", spec_type(k), spec_type(v)),
        TypeKind::Tuple(items) if items.is_empty() => "tuple[()]".into(),
        TypeKind::Tuple(items) => format!("tuple[{}]", list(items)),
        TypeKind::Iterator { item, .. } => format!("Iterator[{}]", spec_type(item)),
        TypeKind::Callable { params, ret } => format!("Callable[[{}], {}]", list(params), spec_type(ret)),
        TypeKind::Union(u) => {
            let literals: Vec<String> = u
                .members
                .iter()
                .filter_map(|m| match &m.value {
                    MemberValue::Literal(l) => Some(l.python()),
                    MemberValue::Type(_) => None,
                })
                .collect();
            let mut parts: Vec<String> = u.types().map(spec_type).collect();
            if !literals.is_empty() {
                parts.insert(0, format!("Literal[{}]", literals.join(", ")));
            }
            parts.join(" | ")
        }
        _ => ty.python(),
    }
}

/// The user's `rust_name` and `doc`.
fn keep_names(item: &mut Value, name: &pybridge_model::Name, doc: Option<&str>) {
    if name.rust != pybridge_model::names::rust_ident(&name.py) {
        item["rust_name"] = Value::from(pybridge_model::names::unraw(&name.rust));
    }
    if let Some(doc) = doc {
        item["doc"] = Value::from(doc);
    }
}

/// The user's names and the declared types of parameters (and the return) still there.
fn keep_function(item: &mut Value, f: &Function) {
    keep_names(item, &f.name, f.doc.as_deref());
    if let Some(params) = item.get_mut("params").and_then(Value::as_array_mut) {
        for p in params {
            let name = p.get("name").and_then(Value::as_str).unwrap_or("");
            if let Some(declared) = f.params.iter().find(|d| d.name.py == name) {
                p["type"] = Value::from(spec_type(&declared.ty));
                p.as_object_mut().map(|o| o.remove("why"));
                if declared.name.rust != pybridge_model::names::rust_ident(&declared.name.py) {
                    p["rust_name"] = Value::from(pybridge_model::names::unraw(&declared.name.rust));
                }
            }
        }
    }
    if let Some(ret) = item.get_mut("returns") {
        *ret = serde_json::json!({ "type": spec_type(&f.returns) });
    }
}

fn keep_class(item: &mut Value, c: &pybridge_model::Class) {
    keep_names(item, &c.name, c.doc.as_deref());
    if let Some(methods) = item.get_mut("methods").and_then(Value::as_array_mut) {
        methods.retain_mut(|m| {
            let name = m.get("name").and_then(Value::as_str).unwrap_or("").to_string();
            match c.methods.iter().find(|d| d.name.py == name) {
                Some(declared) => {
                    keep_function(m, declared);
                    true
                }
                None => false,
            }
        });
    }
    match c.methods.iter().find(|m| m.kind == pybridge_model::FnKind::Constructor) {
        Some(ctor) => {
            if let Some(scanned) = item.get_mut("constructor") {
                keep_function(scanned, ctor);
                scanned.as_object_mut().map(|o| o.remove("returns"));
            }
        }
        // Not declared: left out, as the user left it.
        None => {
            item.as_object_mut().map(|o| o.remove("constructor"));
        }
    }
    if let Some(attributes) = item.get_mut("attributes").and_then(Value::as_array_mut) {
        attributes.retain_mut(|a| {
            let name = a.get("name").and_then(Value::as_str).unwrap_or("").to_string();
            match c.attributes.iter().find(|d| d.name.py == name) {
                Some(declared) => {
                    a["type"] = Value::from(spec_type(&declared.ty));
                    a.as_object_mut().map(|o| o.remove("why"));
                    true
                }
                None => false,
            }
        });
    }
}

/// Declared items the module no longer has, as trailing comments (they are not written).
fn note_vanished(description: &mut Value, entry: &Module) {
    let present: Vec<String> = description["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i.get("name").and_then(Value::as_str).map(String::from)).collect())
        .unwrap_or_default();
    let declared = entry
        .functions
        .iter()
        .map(|f| &f.name.py)
        .chain(entry.classes.iter().map(|c| &c.name.py))
        .chain(entry.constants.iter().map(|c| &c.name.py))
        .chain(entry.exceptions.iter().map(|e| &e.name.py));
    let vanished: Vec<String> = declared.filter(|n| !present.contains(n)).cloned().collect();
    if let Some(skipped) = description["skipped"].as_array_mut() {
        for name in vanished {
            skipped
                .push(serde_json::json!({ "name": name, "why": "declared in the merged spec, gone from the module" }));
        }
    }
}
