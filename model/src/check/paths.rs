//! `rust:` values: parseable paths (expressions for constants) without borrowed lifetimes.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{FnKind, Module};
use crate::names::is_identifier;
use crate::origin::Origin;

/// Text nested too deeply for syn to parse safely (see `depth.rs`); also true for text that is
/// not tokens at all (the parse that follows would fail anyway).
pub(super) fn too_deep(text: &str) -> bool {
    <proc_macro2::TokenStream as std::str::FromStr>::from_str(text)
        .map_or(true, |tokens| crate::depth::find_deep_nesting(&tokens).is_some())
}

/// `rust:` values are pasted into generated Rust: each must parse as a path (an expression for
/// constants), or the output would not compile, or could not even be printed.
pub(super) fn check_rust_paths(module: &Module, diags: &mut Diagnostics) {
    let check = |path: &Option<String>, origin: Origin, what: &str, diags: &mut Diagnostics| {
        // A path must parse, and name an item: it cannot end in `crate`, `self`, `super` or `Self`.
        let names_item = |p: &syn::Path| {
            p.segments
                .last()
                .is_some_and(|s| !["crate", "self", "super", "Self"].contains(&s.ident.to_string().as_str()))
        };
        if let Some(path) = path
            && let Ok(p) = syn::parse_str::<syn::Path>(path)
            && !too_deep(path)
            && crate::rusttype::path_has_lifetime(&p)
        {
            diags.push(
                Diagnostic::new(origin, format!("`rust: {path}` of this {what} borrows with a lifetime"))
                    .help("a Python object owns its value for as long as Python likes: use `'static`, or a type that owns its data"),
            );
        } else if let Some(path) = path
            && (too_deep(path) || !syn::parse_str::<syn::Path>(path).is_ok_and(|p| names_item(&p)))
        {
            diags.push(
                Diagnostic::new(origin, format!("`rust: {path}` of this {what} is not a Rust path"))
                    .help("write a path such as `crate::module::item` or `other_crate::Type`"),
            );
        }
    };
    for f in &module.functions {
        check(&f.rust_path, f.origin, "function", diags);
    }
    for c in &module.classes {
        check(&c.rust_path, c.origin, "class", diags);
        for m in &c.methods {
            check(&m.rust_path, m.origin, "method", diags);
            // An instance method is called as `value.name(…)`: its Rust name is one identifier.
            let by_name = matches!(m.kind, FnKind::Method | FnKind::MethodMut | FnKind::Getter | FnKind::Setter);
            if by_name && !m.extend {
                let rust = m.rust_path.clone().unwrap_or_else(|| m.name.rust.clone());
                let bare = crate::names::unraw(&rust);
                if !is_identifier(bare) || ["self", "Self", "super", "crate", "_"].contains(&bare) {
                    diags.push(Diagnostic::new(m.origin, format!("`{rust}` cannot name a Rust method")).help(
                        "give `rust:` the method's name (one identifier), or use `extend: true` with a function path",
                    ));
                }
            }
        }
    }
    for e in &module.enums {
        check(&e.rust_path, e.origin, "enum", diags);
    }
    for c in &module.constants {
        if let Some(value) = &c.rust_value
            && (too_deep(value) || syn::parse_str::<syn::Expr>(value).is_err())
        {
            diags.push(
                Diagnostic::new(
                    c.origin,
                    format!("`rust: {value}` of constant `{}` is not a Rust expression", c.name.py),
                )
                .help("write an expression of the constant's type, such as `crate::VERSION.to_string()`"),
            );
        }
    }
}

#[cfg(all(test, feature = "spec"))]
mod tests {
    use crate::check::test_support::{assert_passes, assert_reports};

    // check_rust_paths (a `rust:` that is not a path at all: see tests_moving.rs)

    #[test]
    fn rust_paths_refuse_a_path_that_borrows_with_a_lifetime() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Match
      rust: \"crate::Match<'a>\"
  enums:
    - name: Color
      rust: \"crate::Color<'a>\"
      variants: [Red]
";
        assert_reports(
            spec,
            &[
                (5, 13, "`rust: crate::Match<'a>` of this class borrows with a lifetime"),
                (8, 13, "`rust: crate::Color<'a>` of this enum borrows with a lifetime"),
            ],
        );
    }

    #[test]
    fn rust_paths_refuse_a_method_called_by_a_path() {
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
    fn rust_paths_refuse_a_constant_that_is_not_an_expression() {
        let spec = "\
version: 1
module: ext
export:
  constants:
    - { name: VERSION, type: String, rust: \"crate::VERSION.\" }
";
        assert_reports(spec, &[(5, 15, "`rust: crate::VERSION.` of constant `VERSION` is not a Rust expression")]);
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
