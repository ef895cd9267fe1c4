//! Scanning a Rust source file for `#[py_embed] mod` items, outside the compiler: the same
//! front end the attribute uses, so `.pyi` stubs for an attribute-declared crate come from the
//! same model (the proc-macro itself writes no files).

use syn::spanned::Spanned;

use super::options::{Target, parse_options};
use super::{Options, is_py_embed, lower_rust_module};
use crate::diagnostics::Diagnostics;
use crate::ir::{Bridge, Module};
use crate::origin::Origin;

/// Every `#[py_embed] mod` in `source` (at any nesting depth), lowered, resolved and checked.
pub fn scan_source(source: &str, diags: &mut Diagnostics) -> Vec<Module> {
    match <proc_macro2::TokenStream as std::str::FromStr>::from_str(source) {
        Ok(tokens) => {
            if let Some(span) = crate::depth::find_deep_nesting(&tokens) {
                diags.error(Origin::Rust(span), crate::depth::too_deep_message());
                return Vec::new();
            }
        }
        // The lexer's own error sits where it gave up; an unbalanced bracket is found where it
        // opens (or at the closer that matches nothing).
        Err(_) => {
            if let Some(d) = super::delims::unbalanced(source) {
                diags.push(d);
                return Vec::new();
            }
        }
    }
    let file = match syn::parse_file(source) {
        Ok(file) => file,
        Err(err) => {
            diags.error(Origin::Rust(err.span()), format!("cannot parse the Rust source: {err}"));
            return Vec::new();
        }
    };
    let mut modules = Vec::new();
    collect(&file.items, &mut modules, diags);
    let mut bridge = Bridge { version: 1, modules };
    crate::analyze(&mut bridge, diags);
    bridge.modules
}

fn collect(items: &[syn::Item], out: &mut Vec<Module>, diags: &mut Diagnostics) {
    for item in items {
        let syn::Item::Mod(m) = item else { continue };
        match m.attrs.iter().find(|a| is_py_embed(a)) {
            Some(attr) => {
                let options = match &attr.meta {
                    syn::Meta::List(list) => parse_options(list.tokens.clone(), Target::Module, diags),
                    _ => Options::default(),
                };
                let _ = attr.span();
                out.push(lower_rust_module(m, &options, diags));
            }
            None => {
                if let Some((_, inner)) = &m.content {
                    collect(inner, out, diags);
                }
            }
        }
    }
}
