//! Import: a `Callable[[A, B], R]` is a whole parameter, which the stub takes as a Rust closure
//! (`impl Fn(A, B) -> R + Send + Sync + 'static`) and hands Python as a callable, or a whole
//! return, a typed `pybridge::PyFn` (`f.call((a, b))`). One inside another type has nothing to
//! convert it (take `Any` and call it with `pybridge::ObjectExt::call_with`).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Direction, Module};
use crate::types::TypeKind;

use super::*;

/// Callables stand only as whole parameters of import functions and methods.
pub(super) fn check_import_callable_positions(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Import {
        return;
    }
    // Whole parameters (Rust closures) and whole returns (typed `PyFn`s), not constructors'.
    let functions = || module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    // A defaulted parameter is an `Option` of its type, which a closure argument cannot be.
    let params = functions().flat_map(|f| f.params.iter().filter(|p| p.default.is_none()).map(|p| &p.ty));
    let returns = functions().filter(|f| f.kind != crate::ir::FnKind::Constructor).map(|f| &f.returns);
    let params = TypeSet::of(params.chain(returns));
    for (ty, _) in module_types(module) {
        let whole = params.contains(ty);
        ty.walk(&mut |t| {
            if matches!(t.kind, TypeKind::Callable { .. }) && !(whole && std::ptr::eq(t, ty)) {
                diags.push(
                    Diagnostic::new(t.origin, "a callable crosses only as a whole parameter (without a default) or return")
                        .help("a parameter takes a Rust closure, a return is a typed `pybridge::PyFn`; elsewhere declare `Any` and call it with `pybridge::ObjectExt::call_with`"),
                );
            }
        });
    }
}

/// `Optional[Optional[T]]` (`T | None | None`) is `Optional[T]` to Python: a stub could never
/// return the inner `None` apart from the outer one, so the nesting is refused with the fix.
pub(super) fn check_nested_optionals(module: &Module, diags: &mut Diagnostics) {
    for (ty, _) in module_types(module) {
        ty.walk(&mut |t| {
            if let TypeKind::Optional(inner) = &t.kind
                && matches!(inner.kind, TypeKind::Optional(_))
            {
                diags.push(
                    Diagnostic::new(t.origin, "an optional of an optional cannot be told apart from one optional")
                        .help("Python has one `None`: write `Optional[T]` (`T | None`) once"),
                );
            }
        });
    }
}
