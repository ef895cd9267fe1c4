//! Doc comments in generated Rust: one `#[doc = " line"]` per line, which prettyplease prints
//! as ordinary `/// line` comments.

use proc_macro2::TokenStream;
use quote::quote;

/// `///` lines for `text`.
pub fn emit_doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote!(#(#[doc = #lines])*)
}
