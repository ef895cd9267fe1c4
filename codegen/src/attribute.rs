//! The `#[py_embed]` expansion, as a library function the proc-macro crate calls: parse the
//! item, lower it into the model with the shared Rust front end, check it, emit it with the
//! same export emitter the spec uses. On any problem the item is returned unchanged (minus the
//! inner attributes) beside `compile_error!`s at the user's tokens, so only real errors show.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use pybridge_model::rust::{Target, is_py_embed, lower_rust_module, parse_options};
use pybridge_model::{Bridge, Diagnostics, Origin};

use crate::export::emit_export_module;

/// Expands `#[py_embed(args)] item`.
pub fn expand_py_embed(args: TokenStream, item: TokenStream) -> TokenStream {
    for tokens in [&args, &item] {
        if let Some(span) = pybridge_model::depth::find_deep_nesting(tokens) {
            return syn::Error::new(span, pybridge_model::depth::too_deep_message()).to_compile_error();
        }
    }
    let mut diags = Diagnostics::new();
    let options = parse_options(args, Target::Module, &mut diags);
    let item: syn::Item = match syn::parse2(item) {
        Ok(item) => item,
        Err(err) => return err.to_compile_error(),
    };
    match item {
        syn::Item::Mod(mut module_item) => {
            let module = lower_rust_module(&module_item, &options, &mut diags);
            strip_inner_attributes(&mut module_item);
            let mut bridge = Bridge { version: 1, modules: vec![module] };
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
        syn::Item::Fn(f) => {
            diags.push(
                pybridge_model::Diagnostic::new(
                    Origin::Rust(f.sig.ident.span()),
                    "`#[py_embed]` on a function registers it in the enclosing `#[py_embed] mod`, and there is none",
                )
                .help("put the function inside an inline module marked `#[py_embed]` (the Python module)"),
            );
            let errors = diags.into_syn_error().map(|e| e.to_compile_error());
            quote!(#f #errors)
        }
        other => {
            let span = match &other {
                syn::Item::Trait(t) => t.ident.span(),
                syn::Item::Struct(s) => s.ident.span(),
                syn::Item::Enum(e) => e.ident.span(),
                _ => proc_macro2::Span::call_site(),
            };
            let what = match &other {
                syn::Item::Trait(_) => "a trait",
                syn::Item::Struct(_) | syn::Item::Enum(_) => "a struct or enum in this version",
                _ => "this kind of item",
            };
            let err = syn::Error::new(span, format!("`#[py_embed]` cannot be applied to {what}")).to_compile_error();
            quote!(#other #err)
        }
    }
}

/// Removes the inner `#[py_embed]` attributes (they were read by the front end; left in place
/// they would expand again, each on its own).
fn strip_inner_attributes(module: &mut syn::ItemMod) {
    let strip = |attrs: &mut Vec<syn::Attribute>| attrs.retain(|a| !is_py_embed(a));
    let Some((_, items)) = &mut module.content else { return };
    for item in items {
        match item {
            syn::Item::Fn(f) => strip(&mut f.attrs),
            syn::Item::Struct(s) => {
                strip(&mut s.attrs);
                s.fields.iter_mut().for_each(|f| strip(&mut f.attrs));
            }
            syn::Item::Enum(e) => strip(&mut e.attrs),
            syn::Item::Impl(i) => {
                strip(&mut i.attrs);
                for inner in &mut i.items {
                    if let syn::ImplItem::Fn(f) = inner {
                        strip(&mut f.attrs);
                    }
                }
            }
            // Refused by the front end; stripped so rustc adds no second error.
            syn::Item::Trait(t) => strip(&mut t.attrs),
            syn::Item::Mod(m) => strip(&mut m.attrs),
            syn::Item::Const(c) => strip(&mut c.attrs),
            syn::Item::Static(s) => strip(&mut s.attrs),
            syn::Item::Type(t) => strip(&mut t.attrs),
            syn::Item::Use(u) => strip(&mut u.attrs),
            syn::Item::Union(u) => strip(&mut u.attrs),
            _ => {}
        }
    }
}
