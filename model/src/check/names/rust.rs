//! Rust names: two different Python names must not become one Rust name after mangling (in
//! one scope: a module's items, a function's parameters, a class's members, an enum's variants).

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Direction, FnKind, Module, Name};
use crate::origin::Origin;
use crate::types::TypeKind;

/// Two different Python names must not become one Rust name: `crate` and `crate_` both mangle
/// to `crate_`, an import parameter `py` becomes `py_`. The generated Rust would not compile,
/// or (an export without `rust:`) would call one Rust item for both names. Mangling stays
/// predictable; the second name gets an error that says how to rename it.
pub(in crate::check) fn check_rust_names_distinct(module: &Module, diags: &mut Diagnostics) {
    let import = module.direction == Direction::Import;
    let fix = if import { "give one of them `rust_name:`" } else { "give one of them `rust:` naming its Rust item" };
    // Import classes and their members are the generated-names rule's (it knows the names the
    // handles add); here: functions and constants (both `fn`s), and every export item.
    // An export item with `rust:` calls that path, and its wrapper is named after the Python
    // name: only the default paths (the mangled names) can meet.
    let mut top = RustNames::default();
    let defaulted = |path: &Option<crate::RustPath>| import || path.is_none();
    let classes = module.classes.iter().filter(|c| !import && c.rust_path.is_none()).map(|c| &c.name);
    let items = module
        .functions
        .iter()
        .filter(|f| defaulted(&f.rust_path))
        .map(|f| &f.name)
        .chain(classes)
        .chain(module.enums.iter().filter(|e| defaulted(&e.rust_path)).map(|e| &e.name))
        .chain(module.constants.iter().filter(|_| import).map(|c| &c.name));
    for name in items {
        top.claim(name.rust.clone(), name, fix, diags);
    }
    let functions = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in functions {
        let mut params = RustNames::default();
        for p in &f.params {
            let rust = if import { crate::names::import_param_rust(&p.name.rust) } else { p.name.rust.clone() };
            if !import && rust.ends_with('_') && !p.name.py.ends_with('_') {
                // pyo3 takes a keyword argument's Python name from the Rust parameter.
                diags.push(
                    Diagnostic::new(
                        p.name.origin,
                        format!("`{}` cannot name a parameter of an exported function", p.name.py),
                    )
                    .help(format!("Python callers would have to write `{rust}=`; rename the parameter")),
                );
            }
            if import && rust.starts_with("__pb") {
                // The stubs' own locals (`__pb_py`, `__pb_pool`, …) would shadow or clash.
                diags.push(
                    Diagnostic::new(
                        p.name.origin,
                        format!("`{}` cannot name a parameter of an import stub", p.name.py),
                    )
                    .help("names starting with `__pb` are the generated code's; give it `rust_name:`"),
                );
            }
            params.claim(
                rust,
                &p.name,
                if import { "give one of them `rust_name:`" } else { "rename one of them" },
                diags,
            );
        }
    }
    for c in module.classes.iter().filter(|_| !import) {
        let mut members = RustNames::default();
        for m in c.methods.iter().filter(|m| !matches!(m.kind, FnKind::Constructor | FnKind::Setter)) {
            members.claim(m.name.rust.clone(), &m.name, fix, diags);
        }
        // A constructor without `rust:` calls `T::new`: a method `new` without `rust:` would call
        // the same function with another signature (found by the spec property test).
        let default_ctor = c.methods.iter().find(|m| m.kind == FnKind::Constructor && m.rust_path.is_none());
        let default_new = c.methods.iter().find(|m| {
            m.kind != FnKind::Constructor && m.rust_path.is_none() && crate::names::unraw(&m.name.rust) == "new"
        });
        if let (Some(ctor), Some(m)) = (default_ctor, default_new)
            && !same_signature(ctor, m, &c.name.py)
        {
            diags.push(
                Diagnostic::new(m.name.origin, format!("method `{}` and the constructor both call `new`", m.name.py))
                    .help("give the method (or the constructor) `rust:` naming its own Rust function")
                    .note(ctor.origin, "the constructor, whose `rust:` defaults to `new`, is here"),
            );
        }
        for a in &c.attributes {
            members.claim(a.name.rust.clone(), &a.name, "rename one of them", diags);
        }
    }
    for e in &module.enums {
        let mut variants = RustNames::default();
        for v in &e.variants {
            variants.claim(v.name.rust.clone(), &v.name, "rename one of them", diags);
        }
    }
}

/// The Rust names taken in one scope, with who took each.
#[derive(Default)]
pub(super) struct RustNames {
    taken: HashMap<String, (String, Origin)>,
}

impl RustNames {
    /// Takes `rust` for `name`; a different Python name that already took it is an error at
    /// this one (the same Python name twice is the duplicate rule's).
    fn claim(&mut self, rust: String, name: &Name, fix: &str, diags: &mut Diagnostics) {
        if name.py.is_empty() {
            return;
        }
        match self.taken.get(&rust) {
            Some((first, _)) if *first == format!("`{}`", name.py) => {}
            Some((first, origin)) => diags.push(
                Diagnostic::new(
                    name.origin,
                    format!("`{}` becomes the Rust name `{rust}`, which {first} already has", name.py),
                )
                .help(fix.to_string())
                .note(*origin, "the other one is here"),
            ),
            None => {
                self.taken.insert(rust, (format!("`{}`", name.py), name.origin));
            }
        }
    }
}

/// Whether constructor `ctor` and method `m` can call one Rust function: the same parameter
/// types, and `m` returns the class by value (what a constructor returns).
fn same_signature(ctor: &crate::ir::Function, m: &crate::ir::Function, class: &str) -> bool {
    let returns_class = matches!(&m.returns.kind, TypeKind::Class(c) if c.name == class && !c.borrowed && !c.shared);
    returns_class
        && ctor.fallible == m.fallible
        && ctor.params.len() == m.params.len()
        && ctor.params.iter().zip(&m.params).all(|(a, b)| type_shape(&a.ty) == type_shape(&b.ty))
}

/// A type's Rust shape as text, without origins (for comparing two declarations).
fn type_shape(ty: &crate::types::Type) -> String {
    match &ty.kind {
        TypeKind::Optional(t) => format!("Option<{}>", type_shape(t)),
        TypeKind::List(t) => format!("Vec<{}>", type_shape(t)),
        TypeKind::Set(t, keys) => format!("{keys:?}Set<{}>", type_shape(t)),
        TypeKind::Dict(k, v, keys) => format!("{keys:?}Map<{}, {}>", type_shape(k), type_shape(v)),
        TypeKind::Array(t, n) => format!("[{}; {n}]", type_shape(t)),
        TypeKind::Indirect { via, target } => format!("{via:?}<{}>", type_shape(target)),
        TypeKind::Tuple(items) => format!("({})", items.iter().map(type_shape).collect::<Vec<_>>().join(", ")),
        TypeKind::Iterator { item, capture } => format!("Iterator<{}>{capture:?}", type_shape(item)),
        TypeKind::Callable { params, ret } => {
            format!("Fn({}) -> {}", params.iter().map(type_shape).collect::<Vec<_>>().join(", "), type_shape(ret))
        }
        other => format!("{other:?}"),
    }
}
