//! Import: the attributes an exception declares are read off the raised exception when it is
//! caught, into fields of its error variant (which is `Clone`): read-only values; its further
//! `bases:` are Python class names, each once.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Direction, Module};
use crate::types::TypeKind;

/// Exception attributes are not `writable` and hold values (`Any` cannot be copied into a
/// `Clone` error).
pub(super) fn check_import_exception_attributes(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Import {
        return;
    }
    // `bases:` name Python classes (dotted for another module's), each once, not the base.
    for e in &module.exceptions {
        for (i, b) in e.bases.iter().enumerate() {
            let problem = if !crate::names::is_module_path(&b.name) {
                Some("is not a Python class name")
            } else if b.name == e.base.name || e.bases[..i].iter().any(|x| x.name == b.name) {
                Some("is named twice among the bases")
            } else {
                None
            };
            if let Some(problem) = problem {
                diags.push(
                    Diagnostic::new(b.origin, format!("base `{}` of `{}` {problem}", b.name, e.name.py))
                        .help("list each further base once, by its Python name (`KeyError`, `pkg.errors.AppError`)"),
                );
            }
        }
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

#[cfg(all(test, feature = "spec"))]
mod tests {
    use crate::check::test_support::assert_reports;

    // check_import_exception_attributes
    #[test]
    fn exception_bases_are_class_names_each_once() {
        let spec = "\
version: 1
import:
  - module: m
    exceptions:
      - { name: A, base: ValueError, bases: [KeyError, \"not a name\", ValueError, pkg.errors.AppError] }
";
        assert_reports(
            spec,
            &[
                (5, 56, "base `not a name` of `A` is not a Python class name"),
                (5, 70, "base `ValueError` of `A` is named twice among the bases"),
            ],
        );
    }
}
