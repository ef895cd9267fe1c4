//! Classes another pybridge module exports (`from:`): where they may stand, and what `from:`
//! may name. Their values cross through the other module's table as parameters (`&C`, `C`,
//! inside `Option`, lists, tuples, dicts) and as returns; positions that would keep one inside
//! an object of this module, share it (`Arc<C>`), lend a view of it, or convert it in a
//! callable or iterator are refused where the type was written.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Module, ReturnPolicy};
use crate::types::{Type, TypeKind};

use super::{Position, module_types};

/// `from:` names another module, as a dotted Python name; the class's name is not also a
/// class or enum of this module.
pub(super) fn check_foreign_declarations(module: &Module, diags: &mut Diagnostics) {
    for (i, f) in module.foreign.iter().enumerate() {
        let dotted = !f.module.is_empty() && f.module.split('.').all(crate::names::is_identifier);
        if !dotted {
            diags.push(
                Diagnostic::new(f.module_origin, format!("`from: {}` is not a dotted Python module name", f.module))
                    .help("name the extension module that exports the class, such as `geometry` or `pkg.geometry`"),
            );
        } else if f.module == module.name.py {
            diags.push(
                Diagnostic::new(f.module_origin, format!("`from: {}` names this module itself", f.module))
                    .help("drop `from:` and declare the class here, or name the module that exports it"),
            );
        }
        let local = module.classes.iter().map(|c| &c.name.py).chain(module.enums.iter().map(|e| &e.name.py));
        // Reported at the second declaration (a local class counts as the first).
        if local.chain(module.foreign[..i].iter().map(|o| &o.name.py)).any(|n| *n == f.name.py) {
            diags.push(
                Diagnostic::new(f.origin, format!("class `{}` is declared twice", f.name.py))
                    .help("a module declares a class once: either here or `from:` another module"),
            );
        }
    }
}

/// A foreign class stands only in parameters and returns, by value, borrowed or in containers.
pub(super) fn check_foreign_positions(module: &Module, diags: &mut Diagnostics) {
    if module.foreign.is_empty() {
        return;
    }
    for (ty, position) in module_types(module) {
        let held = matches!(position, Position::Value | Position::Constant);
        let opaque = matches!(ty.kind, TypeKind::Iterator { .. } | TypeKind::Callable { .. });
        ty.walk(&mut |t| {
            let TypeKind::Class(c) = &t.kind else { return };
            if !c.foreign {
                return;
            }
            let why = if held {
                "an attribute, constant or field would keep it inside an object of this module"
            } else if c.shared {
                "`Arc<C>` shares the value with this module, which does not own it"
            } else if opaque {
                "iterator items and callable arguments do not cross through the other module's table"
            } else {
                return;
            };
            push_position(t, why, diags);
        });
    }
    let views = module.classes.iter().flat_map(|c| c.methods.iter()).filter(|m| m.policy == ReturnPolicy::View);
    for m in views.filter(|m| is_foreign(&m.returns)) {
        push_position(&m.returns, "a view would lend a value this module does not own", diags);
    }
}

fn is_foreign(ty: &Type) -> bool {
    matches!(&ty.kind, TypeKind::Class(c) if c.foreign)
}

fn push_position(t: &Type, why: &str, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::new(t.origin, format!("class `{}` comes from another module here: {why}", t.python()))
            .help("take it as a parameter (`&C`, `C`, `Option<C>`, `Vec<C>`) or return it by value"),
    );
}
