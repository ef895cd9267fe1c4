//! Generated names: no declared name may land on a name the generated code defines (the import
//! stubs' error enum, class handles and their views, `attached`, `pooled`, handle methods) or needs (the
//! prelude's `Ok`, `Err`, `Some`; the paths of exported classes).

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Bridge, Class, Direction, FnKind, Module, Name};
use crate::names::generated;
use crate::origin::Origin;
use crate::types::TypeKind;

/// Import stubs add Rust names of their own (the `Error` enum and its `Other` variant, a
/// `<Class>Ref` view per class, `new`, `set_<attribute>`, the handle's helper methods); a
/// declared name that lands on one of them would not compile.
pub(in crate::check) fn check_import_generated_names(module: &Module, diags: &mut Diagnostics) {
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
    if module.functions.iter().any(generated::is_poolable) {
        let what = "the generated `pooled` module".into();
        claim_module_name(&mut taken, generated::POOLED_MODULE.into(), module.origin, what, diags);
    }
    for c in &module.classes {
        let base = crate::names::unraw(&c.name.rust).to_string();
        claim_module_name(&mut taken, base.clone(), c.name.origin, format!("class `{}`", c.name.py), diags);
        let what = format!("the view of class `{}`", c.name.py);
        claim_module_name(&mut taken, generated::view(&base), c.name.origin, what, diags);
        check_handle_member_names(c, diags);
    }
    claim_value_type_names(module, &mut taken, diags);
    check_with_function_names(module, diags);
}

/// The types the stubs define for values: union enums (named after their members or an
/// alias), aliases, and the options structs of stubs with many defaults.
fn claim_value_type_names(module: &Module, taken: &mut HashMap<String, (Origin, String)>, diags: &mut Diagnostics) {
    for (ty, _) in crate::check::module_types(module) {
        ty.walk(&mut |t| {
            if let TypeKind::Union(u) = &t.kind {
                let what = format!("the union `{}`", u.python());
                claim_module_name(taken, u.name.clone(), t.origin, what, diags);
            }
        });
    }
    for a in &module.aliases {
        let name = crate::names::unraw(&a.name.rust).to_string();
        if !taken.get(&name).is_some_and(|(_, w)| w.starts_with("the union")) {
            claim_module_name(taken, name, a.name.origin, format!("alias `{}`", a.name.py), diags);
        }
    }
    for f in module.functions.iter().filter(|f| generated::has_options(f)) {
        let what = format!("the options struct of `{}`", f.name.py);
        claim_module_name(taken, generated::options_struct(None, &f.name.rust), f.name.origin, what, diags);
    }
    for c in &module.classes {
        for m in c.methods.iter().filter(|m| generated::has_options(m)) {
            let rust = match m.kind {
                FnKind::Constructor => generated::CONSTRUCTOR,
                _ => m.name.rust.as_str(),
            };
            let what = format!("the options struct of `{}.{}`", c.name.py, m.name.py);
            claim_module_name(taken, generated::options_struct(Some(&c.name.rust), rust), m.name.origin, what, diags);
        }
    }
}

/// `f_with`, the options form of a module function, must not land on a declared function, nor a
/// declared function on `verify` when the entry asks for it.
fn check_with_function_names(module: &Module, diags: &mut Diagnostics) {
    if let Some(at) = module.verify
        && let Some(f) = module.functions.iter().find(|f| crate::names::unraw(&f.name.rust) == "verify")
    {
        diags.push(
            Diagnostic::new(
                f.name.origin,
                format!("function `{}` lands on `verify`, which `verify: true` generates", f.name.py),
            )
            .help("give the function `rust_name:`")
            .note(at, "asked for here"),
        );
    }
    for f in module.functions.iter().filter(|f| generated::has_options(f)) {
        let with = generated::with_fn(&f.name.rust);
        if let Some(other) = module.functions.iter().find(|g| crate::names::unraw(&g.name.rust) == with) {
            diags.push(
                Diagnostic::new(
                    other.name.origin,
                    format!("function `{}` lands on `{with}`, the options form of `{}`", other.name.py, f.name.py),
                )
                .help("give it another `rust_name:`")
                .note(f.name.origin, "the function with three or more defaults is here"),
            );
        }
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
        if generated::has_options(m) {
            let what = format!("the options form of method `{}`", m.name.py);
            member(generated::with_fn(&rust), m.name.origin, what, diags);
        }
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
pub(in crate::check) fn check_param_patterns(module: &Module, diags: &mut Diagnostics) {
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
pub(in crate::check) fn check_prelude_shadowing(module: &Module, diags: &mut Diagnostics) {
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
pub(in crate::check) fn check_exported_paths_in_imports(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Import {
        return;
    }
    let mut local: Vec<String> =
        vec![generated::ATTACHED_MODULE.into(), generated::POOLED_MODULE.into(), "__PbExported".into()];
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

/// The names of Rust's prelude a `rust:` path or type may use unqualified (`UClass<String>`).
const PRELUDE_TYPES: &[&str] = &[
    "String",
    "Vec",
    "Option",
    "Result",
    "Box",
    "ToString",
    "ToOwned",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Default",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "Extend",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "Some",
    "None",
    "Ok",
    "Err",
];

/// An import's stubs are a Rust module (`mod <rust name>`) in the file the user includes, beside
/// the export glue of the same spec: a module named like a prelude type, or like an export item
/// the glue reaches by a relative path (an item without `rust:`, or a `rust:` path's first
/// segment), hides it there, and the code does not compile (rustc E0573). Found by the spec
/// property test (import modules named `String` and `Error`).
pub(in crate::check) fn check_import_modules_hide_nothing(bridge: &Bridge, diags: &mut Diagnostics) {
    let mut relative: Vec<String> = Vec::new();
    if let Some(export) = bridge.export() {
        let named = export.classes.iter().map(|c| (&c.name, &c.rust_path));
        let named = named.chain(export.enums.iter().map(|e| (&e.name, &e.rust_path)));
        let named = named.chain(export.functions.iter().map(|f| (&f.name, &f.rust_path)));
        for (name, path) in named {
            match path {
                None => relative.push(crate::names::unraw(&name.rust).to_string()),
                Some(path) if path.is_relative() => relative.push(path.first_ident()),
                Some(_) => {}
            }
        }
    }
    for m in bridge.imports() {
        let rust = crate::names::unraw(&m.name.rust);
        let hidden = if PRELUDE_TYPES.contains(&rust) {
            format!("Rust's `{rust}`")
        } else if relative.iter().any(|r| r == rust) {
            format!("`{rust}`, which the export glue of this spec reaches by that name")
        } else {
            continue;
        };
        diags.push(
            Diagnostic::new(m.name.origin, format!("the stubs' Rust module `{rust}` would hide {hidden}"))
                .help("give the import a `rust_name:` (the Rust module's name), such as a lowercase one"),
        );
    }
}

/// Every exported module has a `PanicException` (pyo3's, for a panic inside its code): no
/// declared name of an export module may take it.
pub(in crate::check) fn check_export_panic_exception_name(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    let names = module
        .functions
        .iter()
        .map(|f| &f.name)
        .chain(module.classes.iter().map(|c| &c.name))
        .chain(module.enums.iter().map(|e| &e.name))
        .chain(module.exceptions.iter().map(|e| &e.name))
        .chain(module.constants.iter().map(|c| &c.name));
    for name in names.filter(|n| n.py == "PanicException") {
        diags.push(
            Diagnostic::new(name.origin, "`PanicException` is the name of every exported module's panic exception")
                .help("give this item another Python `name`"),
        );
    }
}
