//! Name rules: Python names valid and unique per scope, Rust names distinct after mangling,
//! and no declared name landing on a name the generated code defines or needs.
//!
//! By rule group: `python.rs` (valid, unique Python names), `rust.rs` (Rust names distinct after
//! mangling), `generated.rs` (declared names against the names generated code defines or needs).

mod generated;
mod python;
mod rust;

pub(super) use generated::{
    check_export_panic_exception_name, check_exported_paths_in_imports, check_import_generated_names,
    check_import_modules_hide_nothing, check_param_patterns, check_prelude_shadowing,
};
pub(super) use python::{check_import_names_unique, check_module_name, check_name, check_unique_names, unique};
pub(super) use rust::check_rust_names_distinct;

#[cfg(all(test, feature = "spec"))]
mod tests;
