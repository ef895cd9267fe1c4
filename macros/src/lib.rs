//! The `#[py_embed]` attribute. This crate is only the entry point: parsing, checking and
//! emitting live in `pybridge-model` and `pybridge-codegen`, shared with the CLI and build.rs.

use proc_macro::TokenStream;

/// Turns an inline module into a Python extension module.
///
/// ```ignore
/// #[pybridge::py_embed]            // Python module name: `fastmath` (or `name = "..."`)
/// mod fastmath {
///     /// Adds two integers.
///     #[py_embed]
///     pub fn add(a: i64, b: i64) -> i64 { a + b }
/// }
/// ```
///
/// | option | on | meaning |
/// |---|---|---|
/// | `name = "..."` | `mod`, `fn` | the Python name (default: the Rust name) |
///
/// Functions inside the module marked `#[py_embed]` are exported; unsupported shapes
/// (generics, lifetimes, `&mut` parameters, `self`, `async`) are compile errors at their token.
#[proc_macro_attribute]
pub fn py_embed(args: TokenStream, item: TokenStream) -> TokenStream {
    pybridge_codegen::expand_py_embed(args.into(), item.into()).into()
}
