//! `verify()` (an import entry with `verify: true`): the entry's declarations as a static table
//! the runtime compares with the live module (`runtime/src/verify.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::{FnKind, Function, Module, ParamKind};

/// `pub fn verify()` for `module`, when it asks for one.
pub(crate) fn emit_verify(module: &Module) -> TokenStream {
    if module.verify.is_none() {
        return TokenStream::new();
    }
    let functions = module.functions.iter().map(|f| {
        let (name, params) = (&f.name.py, emit_params(f));
        quote!(::pybridge::__private::Declared::Function(#name, &[#(#params),*]))
    });
    let classes = module.classes.iter().map(|c| {
        let name = &c.name.py;
        let ctor = match c.methods.iter().find(|m| m.kind == FnKind::Constructor) {
            Some(m) => {
                let params = emit_params(m);
                quote!(::core::option::Option::Some(&[#(#params),*]))
            }
            None => quote!(::core::option::Option::None),
        };
        let methods = c.methods.iter().filter(|m| m.kind != FnKind::Constructor).map(|m| {
            let kind = match m.kind {
                FnKind::Static => "static",
                FnKind::ClassMethod => "classmethod",
                _ => "method",
            };
            let (mname, params) = (&m.name.py, emit_params(m));
            quote!(::pybridge::__private::Member(#mname, #kind, &[#(#params),*]))
        });
        let attributes = c.attributes.iter().map(|a| {
            let aname = &a.name.py;
            quote!(::pybridge::__private::Member(#aname, "attribute", &[]))
        });
        quote!(::pybridge::__private::Declared::Class(#name, #ctor, &[#(#methods,)* #(#attributes),*]))
    });
    let constants = module.constants.iter().map(|c| {
        let name = &c.name.py;
        quote!(::pybridge::__private::Declared::Constant(#name))
    });
    let exceptions = module.exceptions.iter().map(|e| {
        let name = &e.name.py;
        quote!(::pybridge::__private::Declared::Exception(#name))
    });
    let py = &module.name.py;
    let doc = format!(
        " Compares the live module `{py}` with what the spec declares: each name exists and is what the spec says (function, class, method, static or class method, attribute, constant, exception class), with the declared parameters (names in order, kinds, defaults). Call it at start-up; every difference is in the one `ErrorKind::Drift` error."
    );
    quote! {
        #[doc = #doc]
        pub fn verify() -> ::std::result::Result<(), ::pybridge::Error> {
            static __PB_DECLARED: &[::pybridge::__private::Declared] = &[#(#functions,)* #(#classes,)* #(#constants,)* #(#exceptions),*];
            ::pybridge::__private::verify_module(#py, __PB_DECLARED)
        }
    }
}

fn emit_params(f: &Function) -> Vec<TokenStream> {
    f.params
        .iter()
        .map(|p| {
            let kind = match p.kind {
                ParamKind::PositionalOnly => "positional_only",
                ParamKind::Positional => "positional",
                ParamKind::VarPositional => "var_positional",
                ParamKind::Keyword => "keyword",
                ParamKind::VarKeyword => "var_keyword",
            };
            let (name, default) = (&p.name.py, p.default.is_some());
            quote!(::pybridge::__private::Param(#name, #kind, #default))
        })
        .collect()
}
