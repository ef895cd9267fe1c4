//! Check: the rules a resolved model must satisfy before any emitter runs. One function per
//! rule, each saying why it exists, grouped by concern: `names.rs`, `signatures.rs`, `types.rs`,
//! `shapes.rs`, `paths.rs`, `protocols.rs`, `buffers.rs`, `foreign.rs`, `iterators.rs`,
//! `views.rs` (view classes), `callables.rs` (import callables, nested optionals),
//! `exceptions.rs` (import exception attributes).

use crate::diagnostics::Diagnostics;
use crate::ir::{Bridge, Module};

mod buffers;
mod callables;
mod exceptions;
mod foreign;
mod iterators;
mod names;
mod paths;
mod protocols;
mod shapes;
mod signatures;
mod types;
mod unions;
mod views;

#[cfg(all(test, feature = "spec"))]
pub(crate) mod test_support;

use buffers::*;
use callables::*;
use exceptions::*;
use foreign::*;
use iterators::*;
use names::*;
use paths::*;
use protocols::*;
use shapes::*;
use signatures::*;
use types::*;
use views::*;

/// Python builtin exception classes an exported exception may derive from.
pub const BUILTIN_EXCEPTIONS: &[&str] = &[
    "Exception",
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BufferError",
    "EOFError",
    "ImportError",
    "IndexError",
    "KeyError",
    "LookupError",
    "MemoryError",
    "NameError",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "RecursionError",
    "ReferenceError",
    "RuntimeError",
    "StopIteration",
    "TimeoutError",
    "TypeError",
    "UnicodeError",
    "ValueError",
    "ZeroDivisionError",
    "FileNotFoundError",
    "PermissionError",
    "ConnectionError",
];

/// Runs every rule on every module.
pub fn check_bridge(bridge: &Bridge, diags: &mut Diagnostics) {
    check_import_names_unique(bridge, diags);
    check_import_modules_hide_nothing(bridge, diags);
    for module in &bridge.modules {
        check_module_name(module, diags);
        check_unique_names(module, diags);
        check_functions(module, diags);
        check_import_generated_names(module, diags);
        check_export_panic_exception_name(module, diags);
        check_export_shapes(module, diags);
        check_policies(module, diags);
        check_exported_in_imports(module, diags);
        check_method_rust_names(module, diags);
        check_rust_names_distinct(module, diags);
        check_hashable_keys(module, diags);
        check_protocol_methods(module, diags);
        check_borrowed_positions(module, diags);
        check_buffer_fields(module, diags);
        check_mut_slices(module, diags);
        check_empty_tuples(module, diags);
        check_iterator_positions(module, diags);
        check_import_iterator_positions(module, diags);
        check_import_callable_positions(module, diags);
        check_import_exception_attributes(module, diags);
        check_nested_optionals(module, diags);
        unions::check_unions(module, diags);
        unions::check_mapping_positions(module, diags);
        check_iterator_functions(module, diags);
        check_param_patterns(module, diags);
        check_prelude_shadowing(module, diags);
        check_exported_paths_in_imports(module, diags);
        check_foreign_declarations(module, diags);
        check_foreign_positions(module, diags);
        check_lifetimes(module, diags);
        check_view_positions(module, diags);
        check_view_borrows(module, diags);
        check_view_classes(module, diags);
    }
    check_views_in_imports(bridge, diags);
}

/// Types of the model by identity (where each stands in the module), for the checks that ask
/// whether a type is some function's whole parameter or return: hashed, so that a check stays
/// linear in the size of the spec (a list searched once per type made `check` quadratic: 4 s
/// for a 5 MB spec that now takes about 1).
pub(crate) struct TypeSet(std::collections::HashSet<*const crate::types::Type>);

impl TypeSet {
    /// The set of `types`.
    pub(crate) fn of<'a>(types: impl IntoIterator<Item = &'a crate::types::Type>) -> Self {
        TypeSet(types.into_iter().map(|t| t as *const crate::types::Type).collect())
    }

    /// Whether `ty` (this very type, not an equal one) is in the set.
    pub(crate) fn contains(&self, ty: &crate::types::Type) -> bool {
        self.0.contains(&(ty as *const crate::types::Type))
    }
}

/// Every type a module declares, with where it stands (an alias's type as a held value: the
/// checks see it once at its declaration, even when nothing uses it).
pub fn module_types(module: &Module) -> impl Iterator<Item = (&crate::types::Type, Position)> {
    let functions = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    functions
        .flat_map(|f| {
            f.params.iter().map(|p| (&p.ty, Position::Param)).chain(std::iter::once((&f.returns, Position::Return)))
        })
        // A view class's fields are read like returns: copied out of the borrow when read.
        .chain(module.classes.iter().flat_map(|c| {
            let position = if c.lifetime.is_some() { Position::Return } else { Position::Value };
            c.attributes.iter().map(move |a| (&a.ty, position))
        }))
        .chain(module.classes.iter().filter_map(|c| c.iter_item.as_ref()).map(|t| (t, Position::Value)))
        .chain(module.constants.iter().map(|c| (&c.ty, Position::Constant)))
        .chain(module.exceptions.iter().flat_map(|e| e.attributes.iter().map(|a| (&a.ty, Position::Value))))
        .chain(
            module
                .enums
                .iter()
                .flat_map(|e| e.variants.iter().flat_map(|v| v.fields.iter().map(|a| (&a.ty, Position::Value)))),
        )
        .chain(module.aliases.iter().map(|a| (&a.ty, Position::Value)))
}

/// Where a type stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// A parameter.
    Param,
    /// A function's return.
    Return,
    /// A constant (its Rust expression is bound to the type as written).
    Constant,
    /// Held by an object: an attribute, an iterator item, a variant's or exception's field.
    Value,
}
