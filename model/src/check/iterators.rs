//! Lazy iterators (`impl Iterator<Item = T>` returns): where they may stand, which functions
//! may return them, and what their items may be. A borrowing iterator (a `&self` method's)
//! lends the object's value to the Python iterator, so the class must hold its own value in a
//! form that can be lent for an unknown time (`Send + Sync`, not a view into another object).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Class, Direction, FnKind, Function, Module, ReturnPolicy};
use crate::types::{Capture, Type, TypeKind};

use super::*;

/// An iterator is the whole return type of a function or method (possibly inside its
/// `Result`), never a parameter, field, constant, item or part of another type.
pub(super) fn check_iterator_positions(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    let returns = TypeSet::of(all_functions(module).map(|f| &f.returns));
    for (ty, _) in module_types(module) {
        let whole = returns.contains(ty);
        ty.walk(&mut |t| {
            if matches!(t.kind, TypeKind::Iterator { .. }) && !(whole && std::ptr::eq(t, ty)) {
                diags.push(
                    Diagnostic::new(t.origin, "an iterator crosses only as the whole return type of a function or method")
                        .help("return `impl Iterator<Item = T>` itself; take a `Vec<T>` (a Python list) or `pybridge::Object` for an iterable argument"),
                );
            }
        });
    }
}

/// Import: an iterator (`Iterator[T]`, `Generator[T, …]`, `Iterable[T]`) is the whole return
/// type of a function or method, which the stub reads lazily, or a whole parameter without a
/// default, which takes any Rust `IntoIterator` (sent as a list); anywhere else there is
/// nothing to read it with.
pub(super) fn check_import_iterator_positions(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Import {
        return;
    }
    let returns = all_functions(module).filter(|f| f.kind != FnKind::Constructor).map(|f| &f.returns);
    // A defaulted parameter is an `Option` of its type, which an `impl IntoIterator` cannot be.
    let params = all_functions(module).flat_map(|f| f.params.iter().filter(|p| p.default.is_none()).map(|p| &p.ty));
    let wholes = TypeSet::of(returns.chain(params));
    for (ty, _) in module_types(module) {
        let whole = wholes.contains(ty);
        ty.walk(&mut |t| {
            if matches!(t.kind, TypeKind::Iterator { .. }) && !(whole && std::ptr::eq(t, ty)) {
                diags.push(
                    Diagnostic::new(t.origin, "an iterator crosses only as a whole return type, or a whole parameter without a default")
                        .help("return `Iterator[T]` itself (the stub reads it lazily), or take `Iterable[T]` as a parameter (any Rust `IntoIterator`)"),
                );
            }
        });
    }
}

/// The functions that return an iterator: owned ones anywhere, borrowing ones only from
/// `&self` methods of classes that can lend their value; no `release_gil`, no `&mut self`,
/// no property, no borrowed argument the iterator could keep; items are values (a class item
/// is a copy or an `Arc`, never a `&C`).
pub(super) fn check_iterator_functions(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    for f in &module.functions {
        check_iterator_function(module, None, f, diags);
    }
    for c in &module.classes {
        for f in &c.methods {
            check_iterator_function(module, Some(c), f, diags);
        }
    }
}

fn check_iterator_function(module: &Module, class: Option<&Class>, f: &Function, diags: &mut Diagnostics) {
    let TypeKind::Iterator { item, capture } = &f.returns.kind else { return };
    let at = f.returns.origin;
    let mut refuse = |message: &str, help: &str| diags.push(Diagnostic::new(at, message).help(help));
    match f.kind {
        FnKind::MethodMut | FnKind::Setter => {
            return refuse(
                "an iterator cannot borrow `&mut self`",
                "take `&self`: Python refuses changes to the object while the iterator lives",
            );
        }
        FnKind::Getter => {
            return refuse("a property cannot be an iterator", "make it a method (drop `getter`)");
        }
        FnKind::Free | FnKind::Static | FnKind::ClassMethod | FnKind::Constructor if *capture == Capture::Elided => {
            return refuse(
                "only a `&self` method's iterator can borrow (`+ '_`)",
                "return an iterator that owns its data: move what it needs into it (`into_iter`, `move` closures)",
            );
        }
        _ => {}
    }
    if f.release_gil {
        refuse(
            "`release_gil` would release the interpreter only while the iterator is made, not for its items",
            "drop `release_gil`",
        );
    }
    if let TypeKind::Class(c) = &item.kind
        && c.borrowed
    {
        diags.push(
            Diagnostic::new(item.origin, "an iterator's items cannot be references to a class")
                .help("yield `C` (each item a new object holding a copy) or `Arc<C>` (shared with Rust)"),
        );
    }
    if *capture != Capture::Static {
        for p in f.params.iter().filter(|p| borrows(&p.ty)) {
            diags.push(
                Diagnostic::new(p.ty.origin, "an iterator may borrow this argument, which Python frees after the call")
                    .help("take an owned parameter (`String`, `Vec<T>`, `T`, `C`), or say the iterator borrows nothing with `+ use<>`"),
            );
        }
    }
    if let Some(class) = class.filter(|_| f.iterator_borrows_self()) {
        check_lendable(module, class, f, diags);
    }
}

/// A borrowing iterator keeps the class's value in an `Arc` it shares with the Python
/// iterator: the class must be sendable and hold its own value (not a view into another
/// object, which it can only reach while that object is borrowed).
fn check_lendable(module: &Module, class: &Class, f: &Function, diags: &mut Diagnostics) {
    let at = f.returns.origin;
    if class.unsendable {
        diags.push(
            Diagnostic::new(
                at,
                format!("an `unsendable` class (`{}`) cannot lend itself to an iterator", class.name.py),
            )
            .help("collect the items into a `Vec<T>`, or make the iterator own its data (`+ use<>`)"),
        );
    }
    let views = all_functions(module).filter(|g| g.policy == ReturnPolicy::View).map(|g| &g.returns).chain(
        module
            .classes
            .iter()
            .flat_map(|k| k.attributes.iter())
            .filter(|a| a.policy == ReturnPolicy::View)
            .map(|a| &a.ty),
    );
    if views.into_iter().any(|t| matches!(&t.kind, TypeKind::Class(r) if r.name == class.name.py)) {
        diags.push(
            Diagnostic::new(at, format!("`{}` is also returned as a view, which cannot lend itself to an iterator", class.name.py))
                .help("collect the items into a `Vec<T>`, make the iterator own its data (`+ use<>`), or return copies instead of views"),
        );
    }
}

/// Whether a parameter of this type lends the call a borrow (`&str`, `&[T]`, `&T`, `&C`,
/// `Cow`, a callable) that an iterator capturing it would outlive.
fn borrows(ty: &Type) -> bool {
    let mut found = false;
    ty.walk(&mut |t| {
        found |= match &t.kind {
            TypeKind::Str { borrowed } | TypeKind::Bytes { borrowed } => *borrowed,
            TypeKind::Slice(_) | TypeKind::Callable { .. } => true,
            TypeKind::Indirect { via, .. } => *via != crate::types::Via::Box,
            TypeKind::Class(c) => c.borrowed,
            _ => false,
        };
    });
    found
}

fn all_functions(module: &Module) -> impl Iterator<Item = &Function> {
    module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()))
}

#[cfg(all(test, feature = "spec"))]
mod tests;
