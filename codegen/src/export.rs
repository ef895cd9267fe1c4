//! Export glue: Python wrappers for Rust functions and the module's init function, built on
//! pyo3's own macros through the runtime's hidden `__private::pyo3` path.
//!
//! The same emitter serves the YAML spec (`rust:` paths into the user's crate) and the
//! `#[py_embed]` attribute (functions of the annotated module). Everything lands inside one
//! `const _: () = { ... };` so no helper name can clash with user items; calls into user code
//! carry the user's span so rustc's type errors point at what they wrote.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use pybridge_model::{Constant, Function, Module};

use crate::docs::emit_doc;
use crate::rust_type::{emit_export_type, emit_owned_type};

/// Emits the glue for an export module.
pub fn emit_export_module(module: &Module) -> TokenStream {
    let wrappers = module.functions.iter().map(emit_wrapper);
    let registrations = module.functions.iter().map(|f| {
        let wrapper = wrapper_ident(f);
        quote!(::pybridge::__private::pyo3::types::PyModuleMethods::add_function(
            __pb_module,
            ::pybridge::__private::pyo3::wrap_pyfunction!(#wrapper, __pb_module)?,
        )?;)
    });
    let constants = module.constants.iter().map(emit_constant);
    let py_name = &module.name.py;
    let doc = module.doc.clone().unwrap_or_default();
    // setattr, not `add`: `add` would also list `__doc__` in `__all__`.
    let set_doc = (!doc.is_empty()).then(
        || quote!(::pybridge::__private::pyo3::types::PyAnyMethods::setattr(__pb_module.as_any(), "__doc__", #doc)?;),
    );
    quote! {
        const _: () = {
            #(#wrappers)*

            #[::pybridge::__private::pyo3::pymodule]
            #[pyo3(crate = "::pybridge::__private::pyo3", name = #py_name)]
            fn __pb_init(
                __pb_module: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::types::PyModule>,
            ) -> ::pybridge::__private::pyo3::PyResult<()> {
                #set_doc
                #(#registrations)*
                #(#constants)*
                Ok(())
            }
        };
    }
}

fn wrapper_ident(f: &Function) -> syn::Ident {
    format_ident!("__pb_fn_{}", f.name.py)
}

fn emit_wrapper(f: &Function) -> TokenStream {
    let wrapper = wrapper_ident(f);
    let py_name = &f.name.py;
    let span = f.origin.span();
    let target: syn::Path = syn::parse_str(f.rust_path.as_deref().unwrap_or(&f.name.rust))
        .unwrap_or_else(|_| syn::parse_quote!(unresolved));
    let params: Vec<TokenStream> = f
        .params
        .iter()
        .map(|p| {
            let name = param_ident(&p.name.rust);
            let ty = emit_export_type(&p.ty);
            quote!(#name: #ty)
        })
        .collect();
    let args = f.params.iter().map(|p| param_ident(&p.name.rust));
    let signature_names = f.params.iter().map(|p| param_ident(&p.name.rust));
    let ret = emit_owned_type(&f.returns);
    let doc = f.doc.as_deref().map(emit_doc);
    let call = quote_spanned!(span=> #target(#(#args),*));
    let body = if f.fallible { quote!(#call.map_err(::pybridge::__private::into_pyerr)) } else { quote!(Ok(#call)) };
    quote! {
        #doc
        #[::pybridge::__private::pyo3::pyfunction]
        #[pyo3(crate = "::pybridge::__private::pyo3", name = #py_name, signature = (#(#signature_names),*))]
        fn #wrapper(#(#params),*) -> ::pybridge::__private::pyo3::PyResult<#ret> {
            #body
        }
    }
}

fn emit_constant(c: &Constant) -> TokenStream {
    let name = &c.name.py;
    let span = c.origin.span();
    let expr: syn::Expr =
        syn::parse_str(c.rust_value.as_deref().unwrap_or("()")).unwrap_or_else(|_| syn::parse_quote!(()));
    let ty = emit_owned_type(&c.ty);
    let value = quote_spanned!(span=> { let __pb_value: #ty = #expr; __pb_value });
    quote!(::pybridge::__private::pyo3::types::PyModuleMethods::add(__pb_module, #name, #value)?;)
}

fn param_ident(rust: &str) -> syn::Ident {
    match rust.strip_prefix("r#") {
        Some(raw) => format_ident!("r#{}", raw),
        None => format_ident!("{}", rust),
    }
}
