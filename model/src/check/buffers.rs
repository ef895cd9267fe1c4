//! Buffer rules: which fields a class may export through the buffer protocol, and where a
//! writable buffer (`&mut [T]`) may be lent.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Class, Module, ReturnPolicy};
use crate::types::TypeKind;

/// A `buffer` field is a `Vec<T>` of numbers (the item format Python's `struct` module names),
/// one per class, on a class that owns its value: an object that is a view into another
/// object's value cannot keep that value from changing while the buffer is exported.
pub(super) fn check_buffer_fields(module: &Module, diags: &mut Diagnostics) {
    for class in &module.classes {
        let mut seen = false;
        for a in &class.attributes {
            let Some(at) = a.buffer else { continue };
            let numbers = match &a.ty.kind {
                TypeKind::List(item) => item.is_buffer_item(),
                TypeKind::Bytes { borrowed: false } => true,
                _ => false,
            };
            if !numbers {
                diags.push(
                    Diagnostic::new(at, format!("`buffer` needs a `Vec<T>` field of numbers, not `{}`", a.ty.python()))
                        .help("export a `Vec<f64>`, `Vec<f32>`, `Vec<i64>`, `Vec<u8>`… field; other values have no buffer format"),
                );
            } else if seen {
                diags.push(
                    Diagnostic::new(at, format!("class `{}` already exports a buffer field", class.name.py))
                        .help("an object exports one buffer: keep `buffer` on one field"),
                );
            } else if can_be_view(module, class) {
                diags.push(
                    Diagnostic::new(at, format!("class `{}` is returned as a view, so it cannot export a buffer", class.name.py))
                        .help("a view's value belongs to another object, which could change it while the buffer is exported: return a copy (`policy: value`)"),
                );
            }
            seen = true;
        }
    }
}

/// Whether some method or field of the module returns `class` as a view into another object.
fn can_be_view(module: &Module, class: &Class) -> bool {
    module.classes.iter().any(|k| {
        k.methods
            .iter()
            .filter(|m| m.policy == ReturnPolicy::View)
            .map(|m| &m.returns)
            .chain(k.attributes.iter().filter(|a| a.policy == ReturnPolicy::View).map(|a| &a.ty))
            .any(|ty| matches!(&ty.kind, TypeKind::Class(r) if r.name == class.name.py))
    })
}

/// A `&mut [T]` is written while Rust holds it; no other code may touch the buffer meanwhile.
/// With the interpreter held and no Python code running, nothing else can; a `release_gil`
/// function lets other Python threads run, and a callable parameter runs Python code, which
/// could write (or, for a `bytearray`, read half-written) the same buffer. `&[T]` parameters
/// of such functions are copied instead (see `codegen/src/export/convert.rs`); a written
/// buffer cannot be, so it is refused.
pub(super) fn check_mut_slices(module: &Module, diags: &mut Diagnostics) {
    let functions = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in functions {
        let callable = f.params.iter().any(|p| matches!(p.ty.kind, TypeKind::Callable { .. }));
        if !f.release_gil && !callable {
            continue;
        }
        let why = if f.release_gil { "a `release_gil` function" } else { "a function taking a callable" };
        for p in f.params.iter().filter(|p| matches!(p.ty.kind, TypeKind::SliceMut(_))) {
            diags.push(
                Diagnostic::new(p.ty.origin, format!("a `&mut [T]` cannot be a parameter of {why}"))
                    .help("other Python code runs during the call and could use the same buffer: take `&[T]` (copied here) and return a `Vec<T>`"),
            );
        }
    }
}
