//! Attribute parser: any token stream given to `#[py_embed]` → an expansion (possibly carrying
//! `compile_error!`s), never a panic; the expansion parses as Rust items.
#![no_main]

use std::str::FromStr;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Split into attribute arguments and the item, at the first `|` (so both get fuzzed).
    let (args, item) = text.split_once('|').unwrap_or(("", text));
    let (Ok(args), Ok(item)) = (proc_macro2::TokenStream::from_str(args), proc_macro2::TokenStream::from_str(item))
    else {
        return;
    };
    let expanded = pybridge_codegen::expand_py_embed(args, item);
    if let Err(e) = syn::parse2::<syn::File>(expanded.clone()) {
        panic!("the expansion does not parse: {e}\n{expanded}");
    }
});
