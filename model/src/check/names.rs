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

#[cfg(all(test, feature = "spec"))]
mod tests {
    use crate::check::test_support::{assert_passes, assert_reports};

    // check_rust_names_distinct

    #[test]
    fn rust_names_distinct_refuses_two_exports_mangled_alike() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: self }
    - { name: self_ }
";
        assert_reports(spec, &[(6, 15, "`self_` becomes the Rust name `self_`, which `self` already has")]);
    }

    #[test]
    fn rust_names_distinct_accepts_exports_mangled_alike_once_one_names_its_rust_item() {
        // The fix the message gives works: with `rust:`, the two call different items.
        let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: self, rust: crate::own }
    - { name: self_ }
  classes:
    - { name: crate, rust: crate::Krate }
    - { name: crate_ }
";
        assert_passes(spec);
    }

    #[test]
    fn rust_names_distinct_refuses_two_methods_mangled_alike() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: C
      methods:
        - name: crate
        - name: crate_
";
        assert_reports(spec, &[(8, 17, "`crate_` becomes the Rust name `crate_`, which `crate` already has")]);
    }

    #[test]
    fn rust_names_distinct_refuses_import_params_py_and_py_() {
        let spec = "\
version: 1
import:
  - module: m
    functions:
      - name: f
        params:
          - { name: py, type: int }
          - { name: py_, type: int }
";
        assert_reports(spec, &[(8, 21, "`py_` becomes the Rust name `py_`, which `py` already has")]);
    }

    #[test]
    fn rust_names_distinct_refuses_an_export_parameter_named_super() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: scale
      params:
        - { name: super, type: i64 }
";
        assert_reports(spec, &[(7, 19, "`super` cannot name a parameter of an exported function")]);
    }

    #[test]
    fn rust_names_distinct_refuses_a_method_new_beside_the_default_constructor() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Items
      constructor:
        params: [{ name: text, type: String }]
      methods:
        - { name: new, kind: static, returns: Items }
";
        assert_reports(spec, &[(9, 19, "method `new` and the constructor both call `new`")]);
    }

    #[test]
    fn rust_names_distinct_accepts_distinct_rust_names() {
        // The mangled clashes above, each with its documented fix (`rust_name:`, another name,
        // a `rust:` of its own, or the same signature as the constructor).
        let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: self }
    - { name: self_x }
    - name: scale
      params:
        - { name: super_, type: i64 }
  classes:
    - name: Items
      constructor:
        params: [{ name: text, type: String }]
      methods:
        - { name: new, kind: static, rust: make, returns: Items }
        - name: crate
        - name: crate_x
    - name: Same
      constructor:
        params: [{ name: text, type: String }]
      methods:
        - { name: new, kind: static, returns: Same, params: [{ name: text, type: String }] }
import:
  - module: m
    functions:
      - name: f
        params:
          - { name: py, type: int }
          - { name: py_, type: int, rust_name: py_again }
";
        assert_passes(spec);
    }

    // check_import_names_unique

    #[test]
    fn import_names_unique_refuses_two_imports_with_one_rust_module() {
        let spec = "\
version: 1
import:
  - module: a.b
  - module: a_b
";
        assert_reports(spec, &[(4, 13, "a second import generates the Rust module `a_b`")]);
    }

    #[test]
    fn import_names_unique_accepts_a_rust_name_of_its_own() {
        let spec = "\
version: 1
import:
  - module: a.b
  - module: a_b
    rust_name: a_b_flat
";
        assert_passes(spec);
    }

    // check_module_name

    #[test]
    fn module_name_refuses_an_empty_name() {
        let spec = "\
version: 1
module: \"\"
export:
  functions:
    - name: f
";
        assert_reports(spec, &[(2, 9, "the module name is empty")]);
    }

    #[test]
    fn module_name_refuses_an_export_name_that_is_not_an_identifier() {
        let spec = "\
version: 1
module: my-ext
export:
  functions:
    - name: f
";
        assert_reports(spec, &[(2, 9, "`my-ext` is not a valid Python module name")]);
    }

    #[test]
    fn module_name_refuses_an_import_path_that_is_neither_python_nor_rust() {
        let spec = "\
version: 1
import:
  - module: my-module
";
        assert_reports(
            spec,
            &[
                (3, 13, "`my-module` is not a valid Python module name"),
                (3, 13, "`my-module` is not a valid Rust module name"),
            ],
        );
    }

    #[test]
    fn module_name_refuses_a_rust_name_that_is_not_an_identifier() {
        let spec = "\
version: 1
import:
  - module: pkg
    rust_name: my-mod
";
        assert_reports(spec, &[(3, 13, "`my-mod` is not a valid Rust module name")]);
    }

    #[test]
    fn module_name_accepts_an_identifier_and_a_dotted_path() {
        let spec = "\
version: 1
module: my_ext
export:
  functions:
    - name: f
import:
  - module: pkg.models
";
        assert_passes(spec);
    }

    // check_unique_names

    #[test]
    fn unique_names_refuses_a_second_function_of_the_same_name() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
    - name: g
    - name: f
";
        assert_reports(spec, &[(7, 13, "duplicate function `f` in this module")]);
    }

    #[test]
    fn unique_names_refuses_a_class_and_an_enum_of_the_same_name() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Color
  enums:
    - { name: Color, variants: [Red] }
";
        assert_reports(spec, &[(7, 15, "duplicate enum `Color` in this module")]);
    }

    #[test]
    fn unique_names_refuses_an_attribute_named_like_a_method() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Driver
      methods:
        - name: speed
      attributes:
        - { name: speed, type: i64 }
";
        assert_reports(spec, &[(9, 19, "duplicate attribute `speed` in class `Driver`")]);
    }

    #[test]
    fn unique_names_refuses_a_repeated_variant() {
        let spec = "\
version: 1
module: ext
export:
  enums:
    - { name: Color, variants: [Red, Green, Red] }
";
        assert_reports(spec, &[(5, 45, "duplicate variant `Red` in enum `Color`")]);
    }

    #[test]
    fn unique_names_refuses_names_python_cannot_write() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: price€, rust: crate::price }
    - { name: lambda, rust: crate::lambda }
    - { name: ｆｏｏ, rust: crate::foo }
    - { name: \"\", rust: crate::empty }
";
        assert_reports(
            spec,
            &[
                (5, 15, "`price€` is not a valid Python name for a function"),
                (6, 15, "`lambda` is a Python keyword and cannot name a function"),
                (7, 15, "Python reads the function name `ｆｏｏ` as `foo`"),
                (8, 15, "the name of this function is empty"),
            ],
        );
    }

    #[test]
    fn unique_names_accepts_one_valid_name_per_scope() {
        // The same names as above, once per scope: a method and a function, an attribute and
        // a method of another class, a variant and an enum may share a name.
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
    - name: g
    - { name: price, rust: crate::price }
    - { name: lambda_, rust: crate::lambda }
    - { name: café, rust: crate::cafe }
  classes:
    - name: Color
      methods:
        - name: f
    - name: Driver
      methods:
        - name: speed
    - name: Car
      attributes:
        - { name: speed, type: i64 }
  enums:
    - { name: Hue, variants: [Red, Green, Hue] }
";
        assert_passes(spec);
    }

    // check_import_generated_names

    #[test]
    fn import_generated_names_refuses_a_class_named_like_the_error_enum() {
        let spec = "\
version: 1
import:
  - module: m
    classes:
      - name: Error
    exceptions:
      - name: BadInput
";
        assert_reports(
            spec,
            &[(5, 15, "class `Error` would generate the Rust name `Error`, already taken by the module's error enum")],
        );
    }

    #[test]
    fn import_generated_names_refuses_an_exception_named_other() {
        let spec = "\
version: 1
import:
  - module: m
    exceptions:
      - name: Other
";
        assert_reports(spec, &[(5, 15, "exception `Other` clashes with the error enum's `Other` variant")]);
    }

    #[test]
    fn import_generated_names_refuses_a_class_named_like_a_view_or_the_attached_module() {
        let spec = "\
version: 1
import:
  - module: m
    classes:
      - name: Counter
      - name: CounterRef
      - name: attached
";
        assert_reports(
            spec,
            &[
                (6, 15, "`CounterRef`, already taken by the view of class `Counter`"),
                (7, 15, "class `attached` would generate the Rust name `attached`, already taken"),
            ],
        );
    }

    #[test]
    fn import_generated_names_refuses_members_named_like_generated_methods() {
        let spec = "\
version: 1
import:
  - module: m
    classes:
      - name: Driver
        constructor:
          params:
            - { name: size, type: int }
        methods:
          - name: new
          - name: bind
          - name: set_x
        attributes:
          - { name: x, type: float, writable: true }
";
        assert_reports(
            spec,
            &[
                (10, 19, "method `new` of `Driver` would generate `new`, already taken by method `__init__`"),
                (11, 19, "`bind` of `Driver` would generate `bind`, already taken by the generated `bind`"),
                (14, 21, "the setter of `x` of `Driver` would generate `set_x`, already taken by method `set_x`"),
            ],
        );
    }

    #[test]
    fn import_generated_names_accepts_names_moved_aside_with_rust_name() {
        let spec = "\
version: 1
import:
  - module: m
    classes:
      - { name: Error, rust_name: ErrorClass }
      - name: Counter
      - { name: CounterRef, rust_name: CounterReference }
      - { name: attached, rust_name: attached_class }
      - name: Driver
        constructor:
          params:
            - { name: size, type: int }
        methods:
          - { name: new, rust_name: new_driver }
          - { name: bind, rust_name: bind_driver }
          - { name: set_x, rust_name: assign_x }
        attributes:
          - { name: x, type: float, writable: true }
    exceptions:
      - name: BadInput
      - name: OtherError
";
        assert_passes(spec);
    }

    // check_param_patterns

    #[test]
    fn param_patterns_refuses_parameters_rust_reads_as_patterns() {
        let spec = "\
version: 1
import:
  - module: m
    classes:
      - name: width
    functions:
      - name: f
        params:
          - { name: Ok, type: int }
          - { name: width, type: int }
          - { name: widthRef, type: int }
";
        assert_reports(
            spec,
            &[
                (9, 21, "parameter `Ok` cannot be a Rust binding: Rust reads `Ok` as the prelude's enum variant"),
                (10, 21, "`width` cannot be a Rust binding: Rust reads `width` as the generated class handle"),
                (11, 21, "parameter `widthRef` cannot be a Rust binding"),
            ],
        );
    }

    #[test]
    fn param_patterns_refuses_an_export_parameter_named_some() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: Some, type: i64 }
";
        assert_reports(spec, &[(7, 19, "parameter `Some` cannot be a Rust binding")]);
    }

    #[test]
    fn param_patterns_refuses_an_imported_class_named_py() {
        let spec = "\
version: 1
import:
  - module: m
    classes:
      - name: py
";
        assert_reports(spec, &[(5, 15, "an imported class cannot be named `py`")]);
    }

    #[test]
    fn param_patterns_accepts_plain_bindings() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: some, type: i64 }
        - { name: width, type: i64 }
import:
  - module: m
    classes:
      - name: width
      - { name: py, rust_name: py_class }
    functions:
      - name: f
        params:
          - { name: ok, type: int }
          - { name: width_, type: int }
          - { name: Ok, type: int, rust_name: ok_flag }
";
        assert_passes(spec);
    }

    // check_prelude_shadowing

    #[test]
    fn prelude_shadowing_refuses_items_named_like_prelude_variants() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: Err
  classes:
    - name: Ok
import:
  - module: m
    functions:
      - name: Some
    constants:
      - { name: Ok, type: int }
";
        assert_reports(
            spec,
            &[
                (5, 13, "a function named `Err` would hide Rust's `Err` from the generated code"),
                (7, 13, "a class named `Ok` would hide Rust's `Ok` from the generated code"),
                (11, 15, "a function named `Some` would hide Rust's `Some` from the generated code"),
                (13, 17, "a constant named `Ok` would hide Rust's `Ok` from the generated code"),
            ],
        );
    }

    #[test]
    fn prelude_shadowing_accepts_exports_with_a_rust_path_and_renamed_imports() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: Err, rust: crate::make_err }
  classes:
    - { name: Ok, rust: crate::Okay }
import:
  - module: m
    functions:
      - { name: Some, rust_name: some }
    constants:
      - { name: Ok, type: int, rust_name: OK }
";
        assert_passes(spec);
    }

    // check_exported_paths_in_imports

    #[test]
    fn exported_paths_in_imports_refuses_an_exported_class_reached_as_the_error_enum() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Error
      constructor: {}
import:
  - module: m
    exceptions:
      - name: Boom
    functions:
      - name: echo
        params:
          - { name: e, type: Error }
        returns: Error
";
        assert_reports(
            spec,
            &[
                (
                    14,
                    30,
                    "exported class `Error` is reached as `Error`, a name the stubs of this module define themselves",
                ),
                (15, 18, "exported class `Error` is reached as `Error`"),
            ],
        );
    }

    #[test]
    fn exported_paths_in_imports_accepts_a_path_from_the_crate_root() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Error
      rust: crate::Error
      constructor: {}
import:
  - module: m
    exceptions:
      - name: Boom
    functions:
      - name: echo
        params:
          - { name: e, type: Error }
        returns: Error
";
        assert_passes(spec);
    }
}
