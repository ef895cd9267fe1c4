//! A `classes:` entry with `from:`: a class another pybridge module exports. Only its name
//! and Rust type may be written: its docstring, constructor, methods, attributes and options are
//! the other module's, so each of those keys is refused where it was written.

use crate::code::RustPath;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{ForeignClass, Name};
use crate::origin::Origin;
use crate::spec::reader::Fields;

/// The keys a foreign class refuses (everything but `name`, `rust` and `from`).
const OWNED_BY_THE_OTHER_MODULE: &[&str] =
    &["doc", "constructor", "methods", "attributes", "traits", "item", "subclass", "weakref", "pickle", "raises"];

pub(super) fn lower_foreign(
    mut fields: Fields<'_>,
    name: Name,
    rust_path: Option<RustPath>,
    module: String,
    module_origin: Origin,
    diags: &mut Diagnostics,
) -> ForeignClass {
    for key in OWNED_BY_THE_OTHER_MODULE {
        if let Some(node) = fields.get(key) {
            diags.push_recoverable(
                Diagnostic::new(node.origin(), format!("`{key}` on class `{}`, which comes `from: {module}`", name.py))
                    .help(format!(
                        "the class is `{module}`'s: declare its {key} there, or drop `from:` to export it here"
                    )),
            );
        }
    }
    let origin = fields.origin();
    fields.finish(diags);
    ForeignClass { name, rust_path, module, module_origin, origin }
}
