//! pybridge's emitters. They read only the model (`pybridge-model`), never YAML or syn trees
//! of user code:
//!
//! - [`export`]: Rust → Python glue (pyo3 wrappers and the module init) for an export module;
//! - [`import`]: typed Rust stubs that call an imported Python module through the runtime;
//! - [`pyi`]: `.pyi` stubs for an export module;
//! - [`attribute`]: the `#[py_embed]` expansion (front end + the same emitters);
//! - [`emit_bridge_rust`]: everything a spec generates, as one pretty-printed Rust file.

pub mod attribute;
pub mod banner;
pub mod docs;
pub mod export;
pub mod import;
#[cfg(feature = "pretty")]
mod pretty;
pub mod pyi;
pub mod rust_type;
pub mod spec_marker;

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::{Bridge, Direction};

pub use attribute::expand_py_embed;
pub use pyi::emit_pyi;

/// All Rust a spec generates, as tokens: export glue first, then one stub module per import.
pub fn emit_bridge_tokens(bridge: &Bridge) -> TokenStream {
    let crossing = classes_crossing_both_ways(bridge);
    let parts = bridge.modules.iter().map(|m| match m.direction {
        Direction::Export => export::emit_export_module_crossing(m, &crossing),
        Direction::Import => import::emit_import_module(m),
    });
    // The type tagging this file's `ExportedClass` impls (see `pybridge::__private::ExportedClass`).
    let tag = (!crossing.is_empty()).then(|| {
        quote! {
            #[doc(hidden)]
            #[derive(Debug)]
            pub enum __PbExported {}
        }
    });
    quote!(#tag #(#parts)*)
}

/// Exported classes that import stubs of the same spec take or return (one type, both ways).
fn classes_crossing_both_ways(bridge: &Bridge) -> Vec<String> {
    let mut names = Vec::new();
    for m in bridge.imports() {
        let functions = m.functions.iter().chain(m.classes.iter().flat_map(|c| c.methods.iter()));
        for ty in functions.flat_map(|f| f.params.iter().map(|p| &p.ty).chain(std::iter::once(&f.returns))) {
            ty.walk(&mut |t| {
                if let pybridge_model::TypeKind::Class(c) = &t.kind
                    && c.exported
                    && !names.contains(&c.name)
                {
                    names.push(c.name.clone());
                }
            });
        }
    }
    names
}

/// All Rust a spec generates, pretty-printed with the autogen banner. `source` is the spec's
/// file name, quoted in the banner.
#[cfg(feature = "pretty")]
pub fn emit_bridge_rust(bridge: &Bridge, source: &str) -> String {
    let mut out = banner::rust_banner(source);
    out.push_str(&spec_marker::replace_spec_markers(&banner::emit_pretty(emit_bridge_tokens(bridge)), source));
    out
}
