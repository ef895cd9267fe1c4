//! Name rules: Python names valid and unique per scope, Rust names distinct after mangling,
//! and no declared name landing on a name the generated code defines or needs.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Bridge, Class, Direction, FnKind, Module, Name};
use crate::names::{generated, is_identifier, is_module_path, is_python_keyword};
use crate::origin::Origin;
use crate::types::TypeKind;

/// Two different Python names must not become one Rust name: `crate` and `crate_` both mangle
/// to `crate_`, an import parameter `py` becomes `py_`. The generated Rust would not compile,
/// or (an export without `rust:`) would call one Rust item for both names. Mangling stays
/// predictable; the second name gets an error that says how to rename it.
pub(super) fn check_rust_names_distinct(module: &Module, diags: &mut Diagnostics) {
    let import = module.direction == Direction::Import;
    let fix = if import { "give one of them `rust_name:`" } else { "give one of them `rust:` naming its Rust item" };
    // Import classes and their members are the generated-names rule's (it knows the names the
    // handles add); here: functions and constants (both `fn`s), and every export item.
    let mut top = RustNames::default();
    let classes = module.classes.iter().filter(|_| !import).map(|c| &c.name);
    let items = module
        .functions
        .iter()
        .map(|f| &f.name)
        .chain(classes)
        .chain(module.enums.iter().map(|e| &e.name))
        .chain(module.constants.iter().map(|c| &c.name));
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

/// Two import entries generating the same Rust module would not compile.
pub(super) fn check_import_names_unique(bridge: &Bridge, diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, Origin> = HashMap::new();
    for m in bridge.imports() {
        if let Some(first) = seen.insert(&m.name.rust, m.name.origin) {
            diags.push(
                Diagnostic::new(m.name.origin, format!("a second import generates the Rust module `{}`", m.name.rust))
                    .help("merge the two entries, or give one a different `rust_name`")
                    .note(first, "the first one is here"),
            );
        }
    }
}

/// Module names must be importable Python names (and Rust identifiers for `rust_name`).
pub(super) fn check_module_name(module: &Module, diags: &mut Diagnostics) {
    let name = &module.name;
    if name.py.is_empty() {
        // A present but empty value (`module: ""`, or a block scalar with no text): a missing
        // key stops at lowering, before any check runs.
        diags.push(Diagnostic::new(name.origin, "the module name is empty").help("write the module's name"));
        return;
    }
    let ok = match module.direction {
        Direction::Export => is_identifier(&name.py),
        Direction::Import => is_module_path(&name.py),
    };
    if !ok {
        let hint = match module.direction {
            Direction::Export => "an extension module name is one Python identifier, such as `fastmath`",
            Direction::Import => "write a dotted Python module path, such as `pkg.models`",
        };
        diags.push(Diagnostic::new(name.origin, format!("`{}` is not a valid Python module name", name.py)).help(hint));
    }
    if module.direction == Direction::Import && !is_identifier(crate::names::unraw(&name.rust)) {
        diags.push(
            Diagnostic::new(name.origin, format!("`{}` is not a valid Rust module name", name.rust))
                .help("set `rust_name:` to a Rust identifier"),
        );
    }
}

/// Each Python name is declared once per scope: a second declaration would silently replace the
/// first in Python and fail to compile in Rust. Names must also be identifiers, not keywords.
pub(super) fn check_unique_names(module: &Module, diags: &mut Diagnostics) {
    let mut top: HashMap<&str, Origin> = HashMap::new();
    let names = module
        .functions
        .iter()
        .map(|f| (&f.name, "function"))
        .chain(module.classes.iter().map(|c| (&c.name, "class")))
        .chain(module.enums.iter().map(|e| (&e.name, "enum")))
        .chain(module.exceptions.iter().map(|e| (&e.name, "exception")))
        .chain(module.constants.iter().map(|c| (&c.name, "constant")));
    for (name, what) in names {
        check_name(name, what, diags);
        unique(&mut top, name, what, "this module", diags);
    }
    for class in &module.classes {
        let mut members: HashMap<&str, Origin> = HashMap::new();
        let mut setters: HashMap<&str, Origin> = HashMap::new();
        for m in &class.methods {
            check_name(&m.name, "method", diags);
            match m.kind {
                // One constructor per class is its own rule (check_export_shapes).
                FnKind::Constructor => {}
                // A property's setter shares its getter's name.
                FnKind::Setter => {
                    unique(&mut setters, &m.name, "property setter", &format!("class `{}`", class.name.py), diags)
                }
                _ => unique(&mut members, &m.name, "method", &format!("class `{}`", class.name.py), diags),
            }
        }
        for a in &class.attributes {
            check_name(&a.name, "attribute", diags);
            unique(&mut members, &a.name, "attribute", &format!("class `{}`", class.name.py), diags);
        }
    }
    for e in &module.enums {
        let mut variants: HashMap<&str, Origin> = HashMap::new();
        for v in &e.variants {
            check_name(&v.name, "variant", diags);
            unique(&mut variants, &v.name, "variant", &format!("enum `{}`", e.name.py), diags);
        }
    }
}

pub(super) fn check_name(name: &Name, what: &str, diags: &mut Diagnostics) {
    if name.py.is_empty() && matches!(name.origin, Origin::Spec(_)) {
        // Present but empty (`name: ""`, or a block scalar with no text): generated code could
        // not name it.
        diags.push(Diagnostic::new(name.origin, format!("the name of this {what} is empty")).help("write a name"));
        return;
    }
    if name.py.is_empty() || name.py == "__init__" {
        return;
    }
    if !is_identifier(&name.py) {
        diags.push(
            Diagnostic::new(name.origin, format!("`{}` is not a valid Python name for a {what}", name.py))
                .help("names are letters, digits and `_`, not starting with a digit"),
        );
    } else if let Some(normal) = crate::names::python_normal_form(&name.py) {
        diags.push(
            Diagnostic::new(name.origin, format!("Python reads the {what} name `{}` as `{normal}`", name.py))
                .help(format!("Python normalises identifiers (NFKC); write `{normal}`")),
        );
    } else if is_python_keyword(&name.py) {
        diags.push(
            Diagnostic::new(name.origin, format!("`{}` is a Python keyword and cannot name a {what}", name.py))
                .help("Python code could not call it with ordinary syntax; choose another name (for example with a trailing `_`)"),
        );
    }
}

pub(super) fn unique<'m>(
    seen: &mut HashMap<&'m str, Origin>,
    name: &'m Name,
    what: &str,
    scope: &str,
    diags: &mut Diagnostics,
) {
    if name.py.is_empty() {
        return;
    }
    if let Some(first) = seen.insert(&name.py, name.origin) {
        diags.push(
            Diagnostic::new(name.origin, format!("duplicate {what} `{}` in {scope}", name.py))
                .help("each Python name may be declared once; remove or rename one")
                .note(first, "first declared here"),
        );
    }
}

/// Import stubs add Rust names of their own (the `Error` enum and its `Other` variant, a
/// `<Class>Ref` view per class, `new`, `set_<attribute>`, the handle's helper methods); a
/// declared name that lands on one of them would not compile.
pub(super) fn check_import_generated_names(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Import {
        return;
    }
    let mut taken: HashMap<String, (Origin, String)> = HashMap::new();
    if !module.exceptions.is_empty() {
        let what = "the module's error enum".into();
        claim_module_name(&mut taken, generated::ERROR_ENUM.into(), module.origin, what, diags);
        check_error_variants(module, diags);
    }
    let what = "the generated `attached` module".into();
    claim_module_name(&mut taken, generated::ATTACHED_MODULE.into(), module.origin, what, diags);
    for c in &module.classes {
        let base = crate::names::unraw(&c.name.rust).to_string();
        claim_module_name(&mut taken, base.clone(), c.name.origin, format!("class `{}`", c.name.py), diags);
        let what = format!("the view of class `{}`", c.name.py);
        claim_module_name(&mut taken, generated::view(&base), c.name.origin, what, diags);
        check_handle_member_names(c, diags);
    }
}

/// Claims a module-level Rust name of the import stubs for `what`; reports it when something
/// else already generates it.
fn claim_module_name(
    taken: &mut HashMap<String, (Origin, String)>,
    rust: String,
    origin: Origin,
    what: String,
    diags: &mut Diagnostics,
) {
    // A second declaration of the same Python name is already reported by the duplicate rule.
    if let Some((first, first_what)) = taken.get(&rust).filter(|(_, first_what)| *first_what != what) {
        diags.push(
            Diagnostic::new(
                origin,
                format!("{what} would generate the Rust name `{rust}`, already taken by {first_what}"),
            )
            .help("give one of them `rust_name:`, or leave one out of the spec")
            .note(*first, "the other one is here"),
        );
    } else {
        taken.insert(rust, (origin, what));
    }
}

/// An exception class must not land on the error enum's `Other` variant (nor on another
/// exception's variant).
fn check_error_variants(module: &Module, diags: &mut Diagnostics) {
    let mut variants: HashMap<&str, Origin> = HashMap::new();
    variants.insert(generated::OTHER_VARIANT, module.origin);
    for e in &module.exceptions {
        if let Some(first) = variants.insert(e.name.rust.as_str(), e.name.origin) {
            diags.push(
                Diagnostic::new(
                    e.name.origin,
                    format!("exception `{}` clashes with the error enum's `Other` variant", e.name.py),
                )
                .note(first, "declared here"),
            );
        }
    }
}

/// The methods of an import class's handle (declared methods, `new` for the constructor,
/// attribute getters and `set_<attribute>` setters) must not land on each other or on the
/// handle's generated helper methods.
fn check_handle_member_names(c: &Class, diags: &mut Diagnostics) {
    let mut members: HashMap<String, (Origin, String)> = generated::HANDLE_METHODS
        .iter()
        .map(|n| (n.to_string(), (c.origin, format!("the generated `{n}` method"))))
        .collect();
    let mut member = |rust: String, origin: Origin, what: String, diags: &mut Diagnostics| {
        if let Some((first, first_what)) = members.get(&rust).filter(|(_, first_what)| *first_what != what) {
            diags.push(
                Diagnostic::new(
                    origin,
                    format!("{what} of `{}` would generate `{rust}`, already taken by {first_what}", c.name.py),
                )
                .help("give one of them `rust_name:`, or leave one out of the spec")
                .note(*first, "the other one is here"),
            );
        } else {
            members.entry(rust).or_insert((origin, what));
        }
    };
    for m in &c.methods {
        let rust = if m.kind == FnKind::Constructor {
            generated::CONSTRUCTOR.to_string()
        } else {
            crate::names::unraw(&m.name.rust).to_string()
        };
        member(rust, m.name.origin, format!("method `{}`", m.name.py), diags);
    }
    for a in &c.attributes {
        member(
            crate::names::unraw(&a.name.rust).to_string(),
            a.name.origin,
            format!("attribute `{}`", a.name.py),
            diags,
        );
        if a.writable {
            let setter = generated::setter(&a.name.rust);
            member(setter, a.name.origin, format!("the setter of `{}`", a.name.py), diags);
        }
    }
}

/// A Rust parameter name is a pattern: one that names a tuple struct or tuple variant in scope
/// (`Some`, `Ok`, `Err`, or an import entry's class handle `pub struct Driver(Object)` and its
/// view `DriverRef`) is read as that struct or variant, not as a new binding, and the generated
/// function does not compile (rustc E0530). Found by the spec property test.
pub(super) fn check_param_patterns(module: &Module, diags: &mut Diagnostics) {
    let mut taken: Vec<String> = ["Some", "Ok", "Err"].iter().map(|s| s.to_string()).collect();
    if module.direction == Direction::Import {
        for c in &module.classes {
            let base = crate::names::unraw(&c.name.rust);
            taken.push(base.to_string());
            taken.push(generated::view(base));
            // Every attached stub binds the interpreter token as `py`.
            if base == "py" {
                diags.push(
                    Diagnostic::new(c.name.origin, "an imported class cannot be named `py`").help(
                        "the stubs bind the interpreter token as `py`; leave the class out, or reach it as `Any`",
                    ),
                );
            }
        }
    }
    let all = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in all {
        for p in &f.params {
            let rust = crate::names::unraw(&p.name.rust);
            if taken.iter().any(|t| t == rust) {
                let what = if ["Some", "Ok", "Err"].contains(&rust) {
                    format!("Rust reads `{rust}` as the prelude's enum variant")
                } else {
                    format!("Rust reads `{rust}` as the generated class handle of the same name")
                };
                diags.push(
                    Diagnostic::new(
                        p.name.origin,
                        format!("parameter `{}` cannot be a Rust binding: {what}", p.name.py),
                    )
                    .help(
                        "rename the parameter (Rust parameters are patterns, and this one names a struct or variant)",
                    ),
                );
            }
        }
    }
}

/// Generated code says `Ok(…)`, `Err(…)` and `Some(…)`: an item of the same name in the module
/// of the stubs (an import's function, constant or class) or, for an export item without a
/// `rust:` path, in the module that includes the file (where the default path finds it)
/// shadows the prelude's variant there, and the generated code does not compile (rustc E0532).
/// Found by the spec property test.
pub(super) fn check_prelude_shadowing(module: &Module, diags: &mut Diagnostics) {
    const PRELUDE: &[&str] = &["Ok", "Err", "Some"];
    let mut report = |name: &Name, what: &str| {
        if PRELUDE.contains(&name.rust.as_str()) {
            diags.push(
                Diagnostic::new(
                    name.origin,
                    format!("a {what} named `{}` would hide Rust's `{}` from the generated code", name.py, name.rust),
                )
                .help(match module.direction {
                    Direction::Import => "leave it out of the spec, or reach it through another name".to_string(),
                    _ => "give it a `rust:` path, so the Rust item can have another name".to_string(),
                }),
            );
        }
    };
    match module.direction {
        Direction::Import => {
            module.functions.iter().for_each(|f| report(&f.name, "function"));
            module.constants.iter().for_each(|c| report(&c.name, "constant"));
            module.classes.iter().for_each(|c| report(&c.name, "class"));
        }
        Direction::Export => {
            module.functions.iter().filter(|f| f.rust_path.is_none()).for_each(|f| report(&f.name, "function"));
            module.classes.iter().filter(|c| c.rust_path.is_none()).for_each(|c| report(&c.name, "class"));
            module.enums.iter().filter(|e| e.rust_path.is_none()).for_each(|e| report(&e.name, "enum"));
        }
    }
}

/// An exported class with a relative `rust:` path (the default: its name) is reached from the
/// stubs' module through its parent; a name that module defines itself (its `Error` enum, a
/// class handle, `attached`) would be found first, and the stub would convert the wrong type.
/// Found by the spec property test (an exported class `Error` beside declared exceptions).
pub(super) fn check_exported_paths_in_imports(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Import {
        return;
    }
    let mut local: Vec<String> = vec![generated::ATTACHED_MODULE.into(), "__PbExported".into()];
    if !module.exceptions.is_empty() {
        local.push(generated::ERROR_ENUM.into());
    }
    local.extend(module.classes.iter().map(|c| crate::names::unraw(&c.name.rust).to_string()));
    let types = module
        .functions
        .iter()
        .chain(module.classes.iter().flat_map(|c| c.methods.iter()))
        .flat_map(|f| f.params.iter().map(|p| &p.ty).chain(std::iter::once(&f.returns)));
    for ty in types {
        if let TypeKind::Class(c) = &ty.kind
            && c.exported
            && let Some(first) = c.rust_path.as_ref().filter(|p| p.is_relative()).map(|p| p.first_ident())
            && local.contains(&first)
        {
            diags.push(
                Diagnostic::new(
                    ty.origin,
                    format!(
                        "exported class `{}` is reached as `{}`, a name the stubs of this module define themselves",
                        c.name, first
                    ),
                )
                .help("give the exported class a `rust:` path from the crate root (`crate::…::Type`)"),
            );
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
        TypeKind::Set(t) => format!("HashSet<{}>", type_shape(t)),
        TypeKind::Dict(k, v) => format!("HashMap<{}, {}>", type_shape(k), type_shape(v)),
        TypeKind::Tuple(items) => format!("({})", items.iter().map(type_shape).collect::<Vec<_>>().join(", ")),
        TypeKind::Callable { params, ret } => {
            format!("Fn({}) -> {}", params.iter().map(type_shape).collect::<Vec<_>>().join(", "), type_shape(ret))
        }
        other => format!("{other:?}"),
    }
}
