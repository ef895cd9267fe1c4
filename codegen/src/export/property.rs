//! Properties: field getters and setters, and views into the object (a class-typed field
//! returned as a view that keeps its parent alive and re-reads it on every access).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{Attribute, ReturnPolicy, TypeKind};

use super::convert::{emit_return_type, emit_wrap};
use crate::docs::emit_doc;

/// A property: a copy of the field (a new object for a class-typed field), or for `view`
/// fields a view into this object. `direct`: the class is never a view and has no buffer gate,
/// so the accessors borrow its cell without a closure (method.rs `emit_lent_body`).
pub(super) fn emit_property(wrapper: &syn::Ident, a: &Attribute, direct: bool) -> TokenStream {
    let field = super::param_ident(&a.name.rust);
    // Named through `#[pyo3(name = "…")]`, which takes any identifier: the Python name may be a
    // Rust keyword, and `#[getter(ref)]` / `#[getter("ref")]` do not parse (found by the spec
    // property test).
    let name = syn::LitStr::new(&a.name.py, proc_macro2::Span::call_site());
    let get = format_ident!("__pb_get_{}", a.name.py);
    let doc = a.doc.as_deref().map(emit_doc);
    let marker = crate::spec_marker::emit_spec_marker(&a.origin, &format!("attribute `{}`", a.name.py));
    let doc = quote!(#marker #doc);
    let getter = if a.policy == ReturnPolicy::View {
        let target = emit_return_type(&a.ty);
        let view = emit_view(wrapper, &target, quote!(&__pb_self.#field), Some(quote!(&mut __pb_self.#field)));
        quote! {
            #doc
            #[getter] #[pyo3(name = #name)]
            fn #get(slf: &::pybridge::__private::pyo3::Bound<'_, Self>) -> ::pybridge::__private::pyo3::PyResult<#target> {
                #view
            }
        }
    } else {
        let ty = emit_return_type(&a.ty);
        let value = emit_wrap(super::convert::emit_clone_ref(quote!(&__pb_self.#field), &a.ty), &a.ty);
        let read = super::method::emit_lent_body(quote!(::core::result::Result::Ok(#value)), direct, false);
        quote! {
            #doc
            #[getter] #[pyo3(name = #name)]
            #[inline(always)]
            fn #get(&self, __pb_py: ::pybridge::Python<'_>) -> ::pybridge::__private::pyo3::PyResult<#ty> {
                #read
            }
        }
    };
    let setter = a.writable.then(|| {
        let set = format_ident!("__pb_set_{}", a.name.py);
        let ty = super::convert::emit_param_type(&a.ty);
        // The value as the field's type: a class copied out of its object, a fast-path list
        // out of its `FastVec` (`__pb_` names: a variant may be called `value`).
        let value = match &a.ty.kind {
            TypeKind::List(inner) if crate::rust_type::is_fast_item(inner) => quote!(__pb_value.0),
            _ => super::convert::emit_owned_arg(&format_ident!("__pb_value"), &a.ty),
        };
        let holds_class = super::nested::holds_class(&a.ty);
        let convert = (holds_class || matches!(a.ty.kind, TypeKind::Class(_) | TypeKind::List(_)))
            .then(|| quote!(let __pb_value = #value;));
        let write = super::method::emit_lent_body(
            quote! {
                __pb_self.#field = __pb_value;
                ::core::result::Result::Ok(())
            },
            direct,
            true,
        );
        quote! {
            #[setter] #[pyo3(name = #name)]
            #[inline(always)]
            fn #set(&self, __pb_py: ::pybridge::Python<'_>, __pb_value: #ty) -> ::pybridge::__private::pyo3::PyResult<()> {
                #convert
                #write
            }
        }
    });
    quote!(#getter #setter)
}

/// The body of a getter returning a view into `slf` (which it keeps alive): `read` (and
/// `write`, for fields) reach the part of `__pb_self` the view stands for.
pub(super) fn emit_view(
    wrapper: &syn::Ident,
    target: &TokenStream,
    read: TokenStream,
    write: Option<TokenStream>,
) -> TokenStream {
    let write = match write {
        Some(write) => quote! {
            ::std::option::Option::Some(|__pb_parent, __pb_f| {
                let __pb_py = __pb_parent.py();
                let __pb_parent = __pb_parent.cast::<#wrapper>()?.try_borrow()?;
                __pb_parent.__pb_with_mut(__pb_py, |__pb_self| __pb_f(#write))
            })
        },
        None => quote!(::std::option::Option::None),
    };
    quote! {
        // A closed object fails here, not at the view's first use.
        slf.try_borrow()?.__pb_with(slf.py(), |_| ::core::result::Result::Ok(()))?;
        ::core::result::Result::Ok(#target {
            inner: ::pybridge::__private::BorrowCell::new(::pybridge::__private::Holder::view(
                ::std::clone::Clone::clone(slf).into_any().unbind(),
                |__pb_parent, __pb_f| {
                    let __pb_py = __pb_parent.py();
                    let __pb_parent = __pb_parent.cast::<#wrapper>()?.try_borrow()?;
                    __pb_parent.__pb_with(__pb_py, |__pb_self| __pb_f(#read))
                },
                #write,
            )),
        })
    }
}
