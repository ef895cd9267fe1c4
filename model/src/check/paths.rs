//! `rust:` values of methods: an instance method is called as `value.name(…)`, so its Rust
//! name is one identifier. (Every `rust:` value parses, names an item and borrows nothing: the
//! front ends refuse the rest where it was written, see `code.rs`.)

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{FnKind, Module};
use crate::names::is_identifier;

/// An instance method's `rust:` (or its default, the method's name) is one identifier, not a
/// path (a function path needs `extend: true`) and not `self`-like.
pub(super) fn check_method_rust_names(module: &Module, diags: &mut Diagnostics) {
    for m in module.classes.iter().flat_map(|c| &c.methods) {
        let by_name = matches!(m.kind, FnKind::Method | FnKind::MethodMut | FnKind::Getter | FnKind::Setter);
        if !by_name || m.extend {
            continue;
        }
        let rust = m.rust_path.as_ref().map_or_else(|| m.name.rust.clone(), |p| p.text().to_string());
        let bare = crate::names::unraw(&rust);
        if !is_identifier(bare) || ["self", "Self", "super", "crate", "_"].contains(&bare) {
            diags.push(
                Diagnostic::new(m.origin, format!("`{rust}` cannot name a Rust method")).help(
                    "give `rust:` the method's name (one identifier), or use `extend: true` with a function path",
                ),
            );
        }
    }
}
