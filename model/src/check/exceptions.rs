//! Import: the attributes an exception declares are read off the raised exception when it is
//! caught, into fields of its error variant (which is `Clone`): read-only values.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Direction, Module};
use crate::types::TypeKind;

/// Exception attributes are not `writable` and hold values (`Any` cannot be copied into a
/// `Clone` error).
pub(super) fn check_import_exception_attributes(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Import {
        return;
    }
    for a in module.exceptions.iter().flat_map(|e| &e.attributes) {
        if a.writable {
            diags.push(
                Diagnostic::new(a.origin, format!("the exception attribute `{}` cannot be writable", a.name.py))
                    .help("it is read once, when the exception is caught: drop `writable`"),
            );
        }
        if a.name.rust == "error" {
            diags.push(
                Diagnostic::new(a.origin, "an exception attribute cannot be named `error`")
                    .help("the variant's `error` field holds the exception itself: give the attribute `rust_name:`"),
            );
        }
        let mut untyped = false;
        a.ty.walk(&mut |t| untyped |= matches!(t.kind, TypeKind::Any));
        if untyped {
            diags.push(
                Diagnostic::new(
                    a.ty.origin,
                    format!("the exception attribute `{}` needs a value type, not `Any`", a.name.py),
                )
                .help("declare its type (`int`, `str`, `list[str]`…), or read it from `error().python()` yourself"),
            );
        }
    }
}
