//! `m::pooled`: the module's functions run in a sub-interpreter of a `pybridge::Pool`.
//!
//! A function gets a pooled stub when only plain values cross: positional parameters without
//! defaults of `bool`, `int`, `float`, `str`, `bytes`, and lists and optionals of the first
//! four (nested), returning one of those or `None` (`names::generated::is_poolable`). The stub
//! takes the same parameters after the pool (`__pb_pool`: a parameter may be named `pool`), and
//! returns `pybridge::Error` (an exception as text: its object stays in the sub-interpreter).
//! Its fallback for a module that refuses sub-interpreters is the ordinary stub, `m::f`.

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::names::generated::is_poolable;
use pybridge_model::{Function, TypeKind};

use super::call::{emit_args, emit_params};
use super::{Ctx, ident, param_ident};
use crate::rust_type::emit_owned_type;

/// `pub mod pooled { … }`, or nothing when no function qualifies.
pub(crate) fn emit_pooled_module(ctx: &Ctx<'_>) -> TokenStream {
    let stubs: Vec<TokenStream> =
        ctx.module.functions.iter().filter(|f| is_poolable(f)).map(|f| emit_pooled_fn(ctx, f)).collect();
    if stubs.is_empty() {
        return TokenStream::new();
    }
    quote! {
        /// The functions whose arguments and results are plain values, run in a sub-interpreter
        /// of a `pybridge::Pool` (CPython 3.12+): `pooled::f(&pool, …)`.
        pub mod pooled {
            #[allow(unused_imports)]
            use super::*;
            #(#stubs)*
        }
    }
}

fn emit_pooled_fn(ctx: &Ctx<'_>, f: &Function) -> TokenStream {
    let name = ident(&f.name.rust);
    let module = &ctx.module.name.py;
    let attr = &f.name.py;
    let qualified = format!("{module}.{attr}");
    let doc = format!(
        "Calls the Python function `{qualified}` in one of the pool's sub-interpreters (`{}` calls it on the main \
         interpreter).",
        f.name.rust
    );
    let marker = crate::spec_marker::emit_spec_marker(&f.origin, &format!("function `{}` (pooled)", f.name.py));
    let params = emit_params(f);
    let args = emit_args(f);
    let values = f.params.iter().map(|p| {
        let arg = param_ident(&p.name.rust);
        match &p.ty.kind {
            TypeKind::Bytes { .. } => quote!(&::pybridge::__private::PoolBytes(#arg)),
            TypeKind::List(inner) if matches!(inner.kind, TypeKind::Str { .. }) => {
                quote!(&::pybridge::__private::PoolTexts(#arg))
            }
            _ => quote!(&#arg),
        }
    });
    let call = quote! {
        static __PB_FN: ::pybridge::__private::PoolFn = ::pybridge::__private::PoolFn::new(#module, #attr, #qualified);
    };
    let body = match matches!(f.returns.kind, TypeKind::Bytes { .. }) {
        true => quote! {
            #call
            ::pybridge::__private::pool_call(__pb_pool, &__PB_FN, &[#(#values),*], || {
                super::#name(#(#args),*).map(::pybridge::__private::PoolBytesOut).map_err(::core::convert::Into::into)
            })
            .map(|__pb_bytes| __pb_bytes.0)
        },
        false => quote! {
            #call
            ::pybridge::__private::pool_call(__pb_pool, &__PB_FN, &[#(#values),*], || {
                super::#name(#(#args),*).map_err(::core::convert::Into::into)
            })
        },
    };
    let ret = emit_owned_type(&f.returns);
    quote! {
        #marker
        #[doc = #doc]
        pub fn #name(__pb_pool: &::pybridge::Pool #(, #params)*) -> ::std::result::Result<#ret, ::pybridge::Error> {
            #body
        }
    }
}
