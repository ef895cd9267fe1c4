//! Export shapes the emitters support: constructors, classes and callables in containers,
//! return policies, exported classes crossing import stubs.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Direction, FnKind, Module, ReturnPolicy};
use crate::origin::Origin;
use crate::types::TypeKind;

/// Export shapes the emitter supports: one constructor per class; classes inside containers by
/// value (borrowed only as `Option<&Class>` parameters); `release_gil` only with plain Rust data;
/// `extend` only on instance methods.
pub(super) fn check_export_shapes(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    for class in &module.classes {
        let mut constructors = class.methods.iter().filter(|m| m.kind == FnKind::Constructor);
        if let (Some(first), Some(second)) = (constructors.next(), constructors.next()) {
            diags.push(
                Diagnostic::new(second.origin, format!("class `{}` has a second constructor", class.name.py))
                    .help("Python classes have one `__init__`; make the others static methods")
                    .note(first.origin, "the first constructor is here"),
            );
        }
    }
    let functions = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in functions {
        for p in &f.params {
            check_class_nesting(&p.ty, false, diags);
        }
        check_class_nesting(&f.returns, true, diags);
        if f.release_gil {
            let mut bound = None;
            for ty in f.params.iter().map(|p| &p.ty).chain(std::iter::once(&f.returns)) {
                ty.walk(&mut |t| {
                    if matches!(t.kind, TypeKind::Any | TypeKind::Callable { .. }) && bound.is_none() {
                        bound = Some(t.origin);
                    }
                });
            }
            if let Some(origin) = bound {
                diags.push(
                    Diagnostic::new(origin, "a `release_gil` function cannot take or return Python objects")
                        .help("it runs without the interpreter; pass plain Rust data, or drop `release_gil`"),
                );
            }
        }
    }
    for e in &module.enums {
        for field in e.variants.iter().flat_map(|v| v.fields.iter()) {
            let mut class = None;
            field.ty.walk(&mut |t| {
                if matches!(t.kind, TypeKind::Class(_) | TypeKind::Callable { .. }) && class.is_none() {
                    class = Some(t.origin);
                }
            });
            if let Some(origin) = class {
                diags.push(
                    Diagnostic::new(origin, "enum variants cannot hold exported classes or callables yet")
                        .help("hold plain data (numbers, strings, lists, tuples) in the variant"),
                );
            }
        }
    }
    let all = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in all {
        if f.extend && !matches!(f.kind, FnKind::Method | FnKind::MethodMut) {
            diags
                .push(Diagnostic::new(f.origin, "`extend` applies to instance methods").help(
                    "use `kind: method` or `kind: mut_method`; a static method can name any function in `rust:`",
                ));
        }
    }
}

/// Return policies: `shared` and `view` hand Python a class object (not an enum, not a
/// container); a view is made from a parameterless `&self` method or a class-typed field,
/// because the view re-reads its parent on every access and cannot remember arguments.
pub(super) fn check_policies(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    let is_class = |ty: &crate::types::Type| match &ty.kind {
        TypeKind::Class(c) => module.classes.iter().any(|k| k.name.py == c.name),
        _ => false,
    };
    let functions = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in functions {
        for p in &f.params {
            if let TypeKind::Class(c) = &p.ty.kind
                && c.shared
                && !c.foreign
                && !is_class(&p.ty)
            {
                diags.push(
                    Diagnostic::new(p.ty.origin, format!("`Arc<{}>` needs a class, not an enum", c.name))
                        .help("take the enum by value or by `&`"),
                );
            }
        }
        if f.policy == ReturnPolicy::Value {
            continue;
        }
        let word = if f.policy == ReturnPolicy::Shared { "shared" } else { "view" };
        if !is_class(&f.returns) {
            diags.push(
                Diagnostic::new(f.policy_origin, format!("policy `{word}` needs a class as the return type")).help(
                    "return a class declared in this module (not an enum, `Option` or `Vec`), or use `policy: value`",
                ),
            );
        } else if f.policy == ReturnPolicy::View
            && !(matches!(f.kind, FnKind::Method | FnKind::Getter) && f.params.is_empty())
        {
            diags.push(
                Diagnostic::new(f.policy_origin, "a view comes from a `&self` method without parameters")
                    .help("return a copy (`policy: value`) or share it (`Arc<C>`, `policy: shared`) instead"),
            );
        } else if f.policy == ReturnPolicy::View && f.extend {
            diags.push(
                Diagnostic::new(f.policy_origin, "an `extend` function cannot return a view")
                    .help("return the value (`policy: value`) or an `Arc<C>`"),
            );
        }
    }
    for class in &module.classes {
        for a in class.attributes.iter().filter(|a| a.policy == ReturnPolicy::View) {
            if !is_class(&a.ty) {
                diags.push(
                    Diagnostic::new(a.ty.origin, "`view` needs a field whose type is a class declared in this module")
                        .help("drop `view`: other values are copied to Python"),
                );
            }
        }
    }
}

/// An import stub converts an exported class through its export wrapper, so the class must
/// be the whole parameter or return type (not nested in a container).
pub(super) fn check_exported_in_imports(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Import {
        return;
    }
    let types = module
        .functions
        .iter()
        .chain(module.classes.iter().flat_map(|c| c.methods.iter()))
        .flat_map(|f| f.params.iter().map(|p| &p.ty).chain(std::iter::once(&f.returns)));
    let values = module
        .classes
        .iter()
        .flat_map(|c| c.attributes.iter().map(|a| &a.ty))
        .chain(module.constants.iter().map(|c| &c.ty));
    let is_exported = |t: &TypeKind| matches!(t, TypeKind::Class(c) if c.exported);
    for ty in values {
        if let Some(origin) = first_origin(ty, is_exported) {
            diags.push(
                Diagnostic::new(
                    origin,
                    "an exported class crosses only as a parameter or return value of an import stub",
                )
                .help("read it through a function or method of the Python module instead"),
            );
        }
    }
    let defaulted = module
        .functions
        .iter()
        .chain(module.classes.iter().flat_map(|c| c.methods.iter()))
        .flat_map(|f| f.params.iter())
        .filter(|p| p.default.is_some() && matches!(&p.ty.kind, TypeKind::Class(c) if c.exported));
    for p in defaulted {
        diags.push(
            Diagnostic::new(p.origin, "a parameter of an exported class cannot have a default")
                .help("remove `default`, or declare a second function without the parameter"),
        );
    }
    for ty in types {
        if is_exported(&ty.kind) {
            continue;
        }
        if let Some(origin) = first_origin(ty, is_exported) {
            diags.push(
                Diagnostic::new(
                    origin,
                    "an exported class crosses an import stub only as a whole parameter or return type",
                )
                .help("pass or return the class itself; for many values, call the function once per value"),
            );
        }
    }
}

/// Where the first type inside `ty` (itself included) of the kind `pred` accepts was written.
pub(super) fn first_origin(ty: &crate::types::Type, pred: impl Fn(&TypeKind) -> bool) -> Option<Origin> {
    let mut found = None;
    ty.walk(&mut |t| {
        if found.is_none() && pred(&t.kind) {
            found = Some(t.origin);
        }
    });
    found
}

/// Classes travel as their Python wrappers: directly, or by value in any container (a borrow
/// also directly in an `Option` parameter); callables only as direct parameters.
pub(super) fn check_class_nesting(ty: &crate::types::Type, is_return: bool, diags: &mut Diagnostics) {
    // An iterator's items cross as a return's would, one at a time.
    if let TypeKind::Iterator { item, .. } = &ty.kind
        && is_return
    {
        return check_class_nesting(item, true, diags);
    }
    let mut callable = None;
    ty.walk(&mut |t| {
        if matches!(t.kind, TypeKind::Callable { .. }) && callable.is_none() {
            callable = Some(t);
        }
    });
    if let Some(c) = callable {
        let direct = std::ptr::eq(c, ty) && !is_return;
        if !direct {
            diags.push(
                Diagnostic::new(c.origin, "a Python callable can only be a parameter of its own")
                    .help("take `f: impl Fn(A) -> R` directly; callables cannot be returned or nested in containers"),
            );
            return;
        }
        let mut class = None;
        c.walk(&mut |t| {
            if matches!(t.kind, TypeKind::Class(_)) && class.is_none() {
                class = Some(t.origin);
            }
        });
        if let Some(origin) = class {
            diags.push(
                Diagnostic::new(origin, "exported classes cannot cross inside a callable's signature yet")
                    .help("pass plain data (numbers, strings, lists) to and from Python callables"),
            );
        }
        return;
    }
    // A class or enum crosses in any container by value (each value copied in or out, see
    // codegen's export/nested.rs); a borrow `&C` only as a whole parameter or directly in an
    // `Option` parameter, and `Arc<C>` only whole.
    let optional_borrow = !is_return
        && matches!(&ty.kind, TypeKind::Optional(inner) if matches!(&inner.kind, TypeKind::Class(c) if c.borrowed));
    let mut found = None;
    ty.walk(&mut |t| match &t.kind {
        TypeKind::Class(c)
            if (c.borrowed || c.shared) && !std::ptr::eq(t, ty) && !optional_borrow && found.is_none() =>
        {
            found = Some((t.origin, c.shared));
        }
        _ => {}
    });
    if let Some((origin, shared)) = found {
        let (what, help) = if shared {
            ("`Arc<C>` crosses only as a whole parameter or return", "hold the class by value in the container")
        } else {
            (
                "a borrowed class crosses only as a whole parameter or inside one `Option` parameter",
                "hold the class by value in the container (each value is copied)",
            )
        };
        diags.push(Diagnostic::new(origin, what).help(help));
    }
}

#[cfg(all(test, feature = "spec"))]
mod tests;
