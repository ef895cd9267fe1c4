//! The `#[py_embed]` expansion, as a library function the proc-macro crate calls: the Rust
//! front end reads the item (`pybridge_model::rust::read_py_embed`), [`pybridge_model::analyze`]
//! resolves and checks it as it does a spec, and the export emitter the spec uses writes the
//! glue into the module. On any problem the item is returned unchanged (minus the inner
//! attributes) beside `compile_error!`s at the user's tokens, so only real errors show.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use pybridge_model::Diagnostics;
use pybridge_model::rust::{Embed, read_py_embed};

use crate::export::emit_export_module;

/// Expands `#[py_embed(args)] item`.
pub fn expand_py_embed(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut diags = Diagnostics::new();
    let (mut bridge, mut module_item) = match read_py_embed(args, item, &mut diags) {
        Embed::Module { bridge, item } => (bridge, item),
        Embed::Refused(tokens) => {
            let errors = diags.into_syn_error().map(|e| e.to_compile_error());
            return quote!(#tokens #errors);
        }
    };
    pybridge_model::analyze(&mut bridge, &mut diags);
    if let Some(err) = diags.into_syn_error() {
        let errors = err.to_compile_error();
        return quote!(#module_item #errors);
    }
    let glue = emit_export_module(&bridge.modules[0]);
    if let Some((_, items)) = &mut module_item.content {
        items.push(syn::Item::Verbatim(glue));
    }
    module_item.into_token_stream()
}
