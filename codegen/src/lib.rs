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
pub mod pyi;
pub mod rust_type;

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::{Bridge, Direction};

pub use attribute::expand_py_embed;
pub use pyi::emit_pyi;

/// All Rust a spec generates, as tokens: export glue first, then one stub module per import.
pub fn emit_bridge_tokens(bridge: &Bridge) -> TokenStream {
    let parts = bridge.modules.iter().map(|m| match m.direction {
        Direction::Export => export::emit_export_module(m),
        Direction::Import => import::emit_import_module(m),
    });
    quote!(#(#parts)*)
}

/// All Rust a spec generates, pretty-printed with the autogen banner. `source` is the spec's
/// file name, quoted in the banner.
pub fn emit_bridge_rust(bridge: &Bridge, source: &str) -> String {
    let mut out = banner::rust_banner(source);
    out.push_str(&banner::emit_pretty(emit_bridge_tokens(bridge)));
    out
}
