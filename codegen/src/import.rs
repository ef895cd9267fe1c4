//! Import stubs: typed Rust functions that call a Python module through the runtime.
//!
//! For each imported module `m`, a Rust module `m` with one function per Python function (it
//! attaches to the interpreter itself) and `m::attached`, the same functions taking a
//! `Python<'py>` token for hot loops. Each stub resolves its callable once per interpreter
//! (`ImportedAttr`, a `PyOnceLock`) and calls it through vectorcall (`Args`), with keyword
//! names interned once (`KwNames`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{Constant, Function, Module, ParamKind, TypeKind};

use crate::docs::emit_doc;
use crate::rust_type::{emit_owned_type, emit_param_type};

/// Emits the Rust module of stubs for one imported Python module.
pub fn emit_import_module(module: &Module) -> TokenStream {
    let mod_ident = ident(&module.name.rust);
    let doc = emit_doc(
        &module.doc.clone().unwrap_or_else(|| format!("Typed stubs for the Python module `{}`.", module.name.py)),
    );
    let wrappers = module.functions.iter().map(|f| emit_attaching_fn(f, quote!(attached)));
    let attached = module.functions.iter().map(|f| emit_attached_fn(&module.name.py, f));
    let const_wrappers = module.constants.iter().map(emit_attaching_const);
    let const_attached = module.constants.iter().map(|c| emit_attached_const(&module.name.py, c));
    quote! {
        #doc
        #[allow(clippy::all, clippy::pedantic, dead_code, non_snake_case)]
        pub mod #mod_ident {
            #(#wrappers)*
            #(#const_wrappers)*
            /// The same stubs, taking a `Python<'py>` token: use them when already attached.
            pub mod attached {
                #(#attached)*
                #(#const_attached)*
            }
        }
    }
}

fn ident(rust: &str) -> syn::Ident {
    match rust.strip_prefix("r#") {
        Some(raw) => format_ident!("r#{}", raw),
        None => format_ident!("{}", rust),
    }
}

/// Parameter identifiers: `py` is taken by the interpreter token, so a Python parameter named
/// `py` is `py_` in Rust (documented in SPEC.md with the keyword rule).
fn param_ident(rust: &str) -> syn::Ident {
    if rust == "py" { format_ident!("py_") } else { ident(rust) }
}

fn doc_attr(doc: &Option<String>, fallback: String) -> TokenStream {
    emit_doc(doc.as_deref().unwrap_or(&fallback))
}

/// `fn f(a: A) -> Result<R>`: attaches, then calls the attached variant.
fn emit_attaching_fn(f: &Function, attached: TokenStream) -> TokenStream {
    let name = ident(&f.name.rust);
    let doc = doc_attr(&f.doc, format!("Calls the Python function `{}`.", f.name.py));
    let params = param_list(f);
    let args = f.params.iter().map(|p| param_ident(&p.name.rust));
    let ret = emit_owned_type(&f.returns);
    quote! {
        #doc
        pub fn #name(#(#params),*) -> ::pybridge::Result<#ret> {
            ::pybridge::__private::attach_call(|__pb_py| #attached::#name(__pb_py #(, #args)*))
        }
    }
}

fn param_list(f: &Function) -> Vec<TokenStream> {
    f.params
        .iter()
        .map(|p| {
            let name = param_ident(&p.name.rust);
            let ty = match (&p.default, &p.ty.kind) {
                // A defaulted `T | None` stays one `Option`: `None` omits the argument.
                (Some(_), TypeKind::Optional(_)) => emit_param_type(&p.ty),
                (Some(_), _) => {
                    let inner = emit_param_type(&p.ty);
                    quote!(::std::option::Option<#inner>)
                }
                (None, _) => emit_param_type(&p.ty),
            };
            quote!(#name: #ty)
        })
        .collect()
}

/// `fn f(py, a: A) -> Result<R>`: the real call.
fn emit_attached_fn(module: &str, f: &Function) -> TokenStream {
    let name = ident(&f.name.rust);
    let doc = doc_attr(&f.doc, format!("Calls the Python function `{}` while attached.", f.name.py));
    let params = param_list(f);
    let py_name = &f.name.py;
    let qualified = format!("{module}.{py_name}");
    let capacity = proc_macro2::Literal::usize_unsuffixed(f.params.len() + 1);
    let pushes = f.params.iter().map(|p| {
        let arg = param_ident(&p.name.rust);
        let pname = &p.name.py;
        match (p.kind, p.default.is_some()) {
            (ParamKind::Positional, false) => quote!(__pb_args.positional(#pname, #arg)?;),
            (ParamKind::Positional, true) => quote!(__pb_args.optional(#pname, #arg)?;),
            (ParamKind::Keyword, false) => quote!(__pb_args.keyword(#pname, #arg)?;),
            (ParamKind::Keyword, true) => quote!(__pb_args.optional_keyword(#pname, #arg)?;),
        }
    });
    let keyword_names: Vec<&str> = f
        .params
        .iter()
        .filter(|p| p.kind == ParamKind::Keyword || p.default.is_some())
        .map(|p| p.name.py.as_str())
        .collect();
    let kwnames_static = if keyword_names.is_empty() {
        quote!(
            use ::pybridge::__private::NO_KEYWORDS as __PB_KWNAMES;
        )
    } else {
        quote!(static __PB_KWNAMES: ::pybridge::__private::KwNames = ::pybridge::__private::KwNames::new(&[#(#keyword_names),*]);)
    };
    let ret = emit_owned_type(&f.returns);
    let expected = f.returns.python();
    let finish = match f.returns.kind {
        TypeKind::Unit => quote! {
            __pb_args.call(__pb_callable, &__PB_KWNAMES)?;
            Ok(())
        },
        _ => quote! {
            let __pb_value = __pb_args.call(__pb_callable, &__PB_KWNAMES)?;
            ::pybridge::__private::extract_return(&__pb_value, #qualified, #expected)
        },
    };
    quote! {
        #doc
        pub fn #name(py: ::pybridge::Python<'_> #(, #params)*) -> ::pybridge::Result<#ret> {
            static __PB_CALLABLE: ::pybridge::__private::ImportedAttr = ::pybridge::__private::ImportedAttr::new(#module, #py_name);
            #kwnames_static
            let __pb_callable = __PB_CALLABLE.get(py)?;
            let mut __pb_args = ::pybridge::__private::Args::<'_, #capacity>::new(py, #qualified);
            #(#pushes)*
            #finish
        }
    }
}

fn emit_attaching_const(c: &Constant) -> TokenStream {
    let name = ident(&c.name.rust);
    let doc = emit_doc(&format!("Reads the Python constant `{}` (read once, then cached).", c.name.py));
    let ret = emit_owned_type(&c.ty);
    quote! {
        #doc
        pub fn #name() -> ::pybridge::Result<#ret> {
            ::pybridge::__private::attach_call(attached::#name)
        }
    }
}

fn emit_attached_const(module: &str, c: &Constant) -> TokenStream {
    let name = ident(&c.name.rust);
    let py_name = &c.name.py;
    let qualified = format!("{module}.{py_name}");
    let ret = emit_owned_type(&c.ty);
    let expected = c.ty.python();
    let doc = emit_doc(&format!("Reads the Python constant `{py_name}` while attached."));
    quote! {
        #doc
        pub fn #name(py: ::pybridge::Python<'_>) -> ::pybridge::Result<#ret> {
            static __PB_VALUE: ::pybridge::__private::ImportedAttr = ::pybridge::__private::ImportedAttr::new(#module, #py_name);
            ::pybridge::__private::extract_return(__PB_VALUE.get(py)?, #qualified, #expected)
        }
    }
}
