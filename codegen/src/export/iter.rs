//! Methods returning an iterator that borrows the object (`&self` → `impl Iterator + '_`): the
//! wrapper lends the object's value (`Holder::lend`, an `Arc` from then on) and the runtime's
//! `IterObject::lending` keeps that `Arc` and the object beside the user's iterator, so the
//! object outlives the iterator and refuses changes, `close` and moves while it lives.
//! Owned iterators need nothing here: `convert::emit_wrap` makes their `IterObject`.

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::Function;

use super::{emit_call_finishing, emit_params, expr_path};

/// The wrapper of a `&self` method whose iterator borrows `self`. `ident` is the wrapper's
/// name, `method` the Rust method, `attr` its `#[pyo3(...)]` attribute (without `signature`
/// when a protocol slot calls it), `doc` its doc and spec marker.
pub(super) fn emit_lending_method(
    m: &Function,
    ident: &syn::Ident,
    method: &syn::Ident,
    slot: bool,
    doc: &TokenStream,
) -> TokenStream {
    let py_name = &m.name.py;
    let (params, signature) = emit_params(m);
    let attr =
        if slot { quote!(#[pyo3(name = #py_name)]) } else { quote!(#[pyo3(name = #py_name, signature = #signature)]) };
    let body = if m.extend {
        // SWIG's %extend: a free function of the user's taking the object first.
        let path = expr_path(m.target().path());
        emit_call_finishing(m, quote!(#path), Some(quote!(__pb_self)), true)
    } else {
        emit_call_finishing(m, quote!(__pb_self.#method), None, true)
    };
    quote! {
        #doc
        #attr
        fn #ident(
            slf: &::pybridge::__private::pyo3::Bound<'_, Self>
            #(, #params)*
        ) -> ::pybridge::__private::pyo3::PyResult<::pybridge::__private::IterObject> {
            // The value moves into an `Arc` the iterator shares; while it does, this object's
            // `&mut self` methods, setters and `close` raise `RuntimeError`.
            let __pb_owner = slf.try_borrow()?.inner.borrow_mut(slf.py())?.lend(Self::__PB_NAME)?;
            let __pb_parent = ::pybridge::__private::pyo3::Bound::clone(slf).into_any().unbind();
            ::pybridge::__private::IterObject::lending(__pb_owner, __pb_parent, |__pb_self| { #body })
        }
    }
}
