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

#[cfg(all(test, feature = "spec"))]
mod tests {
    use crate::check::test_support::{assert_passes, assert_reports};

    // check_method_rust_names (a `rust:` that is not a path at all: see code.rs)

    #[test]
    fn method_rust_names_refuse_a_method_called_by_a_path() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Point
      methods:
        - name: norm
          rust: crate::geometry::norm
        - { name: scale, kind: mut_method, rust: \"geometry::scale\" }
";
        assert_reports(
            spec,
            &[
                (7, 17, "`crate::geometry::norm` cannot name a Rust method"),
                (9, 19, "`geometry::scale` cannot name a Rust method"),
            ],
        );
    }

    #[test]
    fn rust_paths_accept_static_lifetimes_method_names_and_expressions() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Match
      rust: \"crate::Match<'static>\"
    - name: Point
      methods:
        - name: norm
          rust: norm_fast
        - { name: scale, kind: mut_method, rust: scale_by }
        - { name: length, extend: true, rust: crate::geometry::length, returns: f64 }
        - { name: origin, kind: static, rust: crate::geometry::origin, returns: Point }
  enums:
    - name: Color
      rust: crate::Color
      variants: [Red]
  constants:
    - { name: VERSION, type: String, rust: \"crate::VERSION.to_string()\" }
";
        assert_passes(spec);
    }
}
