//! The `#[py_embed]` front end: the attribute's arguments and item, read into the model. An
//! inline module becomes an unchecked [`Bridge`] (one export module) and the item to emit again,
//! its inner `#[py_embed]` attributes stripped; anything else is refused at its token. The
//! proc-macro's expansion (`pybridge_codegen::expand_py_embed`) analyzes and emits what this
//! returns, like every other front end's model.

use proc_macro2::TokenStream;
use quote::ToTokens;

use super::{Target, is_py_embed, lower_rust_module, parse_options};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::Bridge;
use crate::origin::Origin;

/// What `#[py_embed(args)] item` declares.
#[derive(Debug)]
pub enum Embed {
    /// An inline module: its model (to analyze) and the module item to emit again.
    Module {
        /// The model, lowered but not resolved or checked.
        bridge: Bridge,
        /// The module as written, minus the inner `#[py_embed]` attributes.
        item: syn::ItemMod,
    },
    /// Anything else: the tokens to emit as they are (the item, or nothing when it does not
    /// parse), beside the problems recorded.
    Refused(TokenStream),
}

/// Reads `#[py_embed(args)] item`, recording every problem in `diags`.
///
/// ```
/// use pybridge_model::rust::{Embed, read_py_embed};
/// let mut diags = pybridge_model::Diagnostics::new();
/// let item = quote::quote!(mod geometry { #[py_embed] pub fn area(r: f64) -> f64 { r * r } });
/// let Embed::Module { bridge, .. } = read_py_embed(Default::default(), item, &mut diags) else { panic!() };
/// assert_eq!(bridge.modules[0].functions[0].name.py, "area");
/// assert!(!diags.has_errors());
/// ```
pub fn read_py_embed(args: TokenStream, item: TokenStream, diags: &mut Diagnostics) -> Embed {
    for tokens in [&args, &item] {
        if let Some(span) = crate::depth::find_deep_nesting(tokens) {
            diags.error(Origin::Rust(span), crate::depth::too_deep_message());
            return Embed::Refused(TokenStream::new());
        }
    }
    let options = parse_options(args, Target::Module, diags);
    let item: syn::Item = match syn::parse2(item) {
        Ok(item) => item,
        Err(err) => {
            diags.error(Origin::Rust(err.span()), err.to_string());
            return Embed::Refused(TokenStream::new());
        }
    };
    match item {
        syn::Item::Mod(mut module_item) => {
            let module = lower_rust_module(&module_item, &options, diags);
            strip_inner_attributes(&mut module_item);
            Embed::Module { bridge: Bridge { version: 1, modules: vec![module] }, item: module_item }
        }
        syn::Item::Fn(f) => {
            diags.push(
                Diagnostic::new(
                    Origin::Rust(f.sig.ident.span()),
                    "`#[py_embed]` on a function registers it in the enclosing `#[py_embed] mod`, and there is none",
                )
                .help("put the function inside an inline module marked `#[py_embed]` (the Python module)"),
            );
            Embed::Refused(f.into_token_stream())
        }
        other => {
            refuse_item(&other, diags);
            Embed::Refused(other.into_token_stream())
        }
    }
}

/// Records why `#[py_embed]` cannot stand on `item` (a trait, a struct outside a module…).
fn refuse_item(item: &syn::Item, diags: &mut Diagnostics) {
    let span = match item {
        syn::Item::Trait(t) => t.ident.span(),
        syn::Item::Struct(s) => s.ident.span(),
        syn::Item::Enum(e) => e.ident.span(),
        _ => proc_macro2::Span::call_site(),
    };
    let what = match item {
        syn::Item::Trait(_) => "a trait",
        syn::Item::Struct(_) | syn::Item::Enum(_) => "a struct or enum in this version",
        _ => "this kind of item",
    };
    diags.error(Origin::Rust(span), format!("`#[py_embed]` cannot be applied to {what}"));
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
