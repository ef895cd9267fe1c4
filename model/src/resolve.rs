//! Resolve: every class reference in a type must name a class declared in the same module, or
//! (import modules) a class the same spec exports: one type in both directions, so an import
//! stub takes and returns the exported Rust type itself. Export class references are matched
//! by Python name or by the last segment of the class's Rust path; the resolver records the
//! Rust path on the reference. Every exception reference (`raises:`, `base:`) must name an
//! exception declared in the module, or (bases) a Python builtin exception.

use crate::check::BUILTIN_EXCEPTIONS;
use crate::code::RustPath;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Bridge, Direction, ExceptionRef, ExceptionTarget, Module};
use crate::names::suggest;
use crate::pytype::PYTHON_TYPE_NAMES;
use crate::rusttype::RUST_TYPE_NAMES;
use crate::types::{Type, TypeKind};

/// Resolves every class reference of every module.
pub fn resolve_bridge(bridge: &mut Bridge, diags: &mut Diagnostics) {
    // (python name, rust path) of every class the spec exports.
    let exported: Vec<(String, RustPath)> = bridge
        .export()
        .map(|m| m.classes.iter().map(|c| (c.name.py.clone(), c.target())).collect())
        .unwrap_or_default();
    for module in &mut bridge.modules {
        let exported = if module.direction == Direction::Import { &exported[..] } else { &[] };
        resolve_module(module, exported, diags);
        if module.direction == Direction::Export {
            resolve_exceptions(module, diags);
        }
    }
}

fn resolve_module(module: &mut Module, exported: &[(String, RustPath)], diags: &mut Diagnostics) {
    // (python name, last segment of the rust path, rust path) of every class, and of every enum
    // (which export types reference the same way).
    let named =
        module.classes.iter().map(|c| (&c.name, c.target())).chain(module.enums.iter().map(|e| (&e.name, e.target())));
    let classes: Vec<(String, String, RustPath)> = named
        .map(|(name, path)| {
            let last = path.last_ident();
            let target = match module.direction {
                Direction::Export => path,
                Direction::Import => RustPath::from_ident(&name.ident()),
            };
            (name.py.clone(), last, target)
        })
        .collect();
    let direction = module.direction;
    let mut visit = |ty: &mut Type| {
        ty.walk_mut(&mut |t| {
            let origin = t.origin;
            if let TypeKind::Class(class) = &mut t.kind {
                match classes.iter().find(|(py, last, _)| *py == class.name || *last == class.name) {
                    Some((py, _, path)) => {
                        // From here on the reference names the class by its Python name (the
                        // `.pyi` spelling, and the key of its export wrapper).
                        class.name = py.clone();
                        class.rust_path = Some(path.clone());
                    }
                    None if exported.iter().any(|(py, _)| *py == class.name) => {
                        let (_, path) = exported.iter().find(|(py, _)| *py == class.name).expect("found above");
                        class.rust_path = Some(path.clone());
                        class.exported = true;
                    }
                    None => {
                        let builtins = match direction {
                            Direction::Export => RUST_TYPE_NAMES,
                            Direction::Import => PYTHON_TYPE_NAMES,
                        };
                        let names = classes.iter().map(|(py, _, _)| py.as_str()).chain(builtins.iter().copied());
                        diags.push(
                            Diagnostic::new(origin, format!("unknown type `{}`", class.name)).help(
                                suggest(&class.name, names)
                                    .unwrap_or_else(|| "declare it under `classes:` in this module".to_string()),
                            ),
                        );
                    }
                }
            }
        })
    };
    for f in module.functions.iter_mut().chain(module.classes.iter_mut().flat_map(|c| c.methods.iter_mut())) {
        f.params.iter_mut().for_each(|p| visit(&mut p.ty));
        visit(&mut f.returns);
    }
    for c in &mut module.classes {
        c.attributes.iter_mut().for_each(|a| visit(&mut a.ty));
        if let Some(item) = &mut c.iter_item {
            visit(item);
        }
    }
    for e in &mut module.exceptions {
        e.attributes.iter_mut().for_each(|a| visit(&mut a.ty));
    }
    module.constants.iter_mut().for_each(|c| visit(&mut c.ty));
}

/// `raises:` names a declared exception; `base:` a declared or a builtin one. The problems are
/// recoverable: no check reads an exception reference, so the checks still run.
fn resolve_exceptions(module: &mut Module, diags: &mut Diagnostics) {
    let declared: Vec<String> = module.exceptions.iter().map(|e| e.name.py.clone()).collect();
    let functions = module.functions.iter_mut().chain(module.classes.iter_mut().flat_map(|c| c.methods.iter_mut()));
    for raises in functions.filter_map(|f| f.raises.as_mut()) {
        if declared.contains(&raises.name) {
            raises.target = ExceptionTarget::Declared;
        } else {
            let help = suggest(&raises.name, declared.iter().map(String::as_str))
                .unwrap_or_else(|| "declare it under `exceptions:`".into());
            let message = format!("`raises: {}` names no exception declared in this module", raises.name);
            diags.push_recoverable(Diagnostic::new(raises.origin, message).help(help));
        }
    }
    for e in &mut module.exceptions {
        let fallback = e.origin;
        resolve_base(&mut e.base, fallback, &declared, diags);
    }
    report_base_cycles(module, diags);
}

/// A declared exception cannot derive from itself, directly or through others: Python has no
/// such class, and creating its type object would recurse.
fn report_base_cycles(module: &Module, diags: &mut Diagnostics) {
    for e in &module.exceptions {
        let mut chain = vec![e.name.py.as_str()];
        let mut current = e;
        while current.base.target == ExceptionTarget::Declared {
            let Some(parent) = module.exceptions.iter().find(|x| x.name.py == current.base.name) else { break };
            if parent.name.py == e.name.py {
                let through = match chain.len() {
                    1 => String::new(),
                    _ => format!(" (through `{}`)", chain[1..].join("`, `")),
                };
                let message = format!("exception `{}` derives from itself{through}", e.name.py);
                diags.push_recoverable(Diagnostic::new(e.base.origin.or(e.origin), message).help(
                    "derive it from a builtin exception such as `Exception`, or from a declared one outside the cycle",
                ));
                break;
            }
            if chain.contains(&parent.name.py.as_str()) {
                break; // a cycle that does not pass through `e`: reported at its own members
            }
            chain.push(&parent.name.py);
            current = parent;
        }
    }
}

fn resolve_base(base: &mut ExceptionRef, fallback: crate::Origin, declared: &[String], diags: &mut Diagnostics) {
    base.target = if declared.contains(&base.name) {
        ExceptionTarget::Declared
    } else if BUILTIN_EXCEPTIONS.contains(&base.name.as_str()) {
        ExceptionTarget::Builtin
    } else {
        let candidates = BUILTIN_EXCEPTIONS.iter().copied().chain(declared.iter().map(String::as_str));
        let help = suggest(&base.name, candidates)
            .unwrap_or_else(|| "use a builtin exception such as `ValueError`, or one declared in this module".into());
        let message = format!("unknown base exception `{}`", base.name);
        diags.push_recoverable(Diagnostic::new(base.origin.or(fallback), message).help(help));
        return;
    };
}
