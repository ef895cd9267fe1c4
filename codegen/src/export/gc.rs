//! Cycle-collector support for exported classes (`__traverse__` / `__clear__`): a class whose
//! fields hold Python objects, or which can be a view holding its parent object, reports those
//! references to Python's gc, and clearing it drops its Rust value (so `Drop` runs once, there).

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::Class;

/// `__traverse__` visits the parent of a view and every declared attribute whose type holds
/// Python objects (`pybridge::Object`, or `Option`/`Vec` of it) in an owned value; a value
/// shared with Rust (`Arc`) is not this object's to report.
pub(super) fn emit_gc(c: &Class) -> TokenStream {
    let fields = c.attributes.iter().filter(|a| a.ty.uses_any()).map(|a| {
        let field = super::param_ident(&a.name.rust);
        quote!(::pybridge::__private::Traverse::traverse(&__pb_value.#field, &visit)?;)
    });
    quote! {
        fn __traverse__(
            &self,
            visit: ::pybridge::__private::pyo3::PyVisit<'_>,
        ) -> ::std::result::Result<(), ::pybridge::__private::pyo3::PyTraverseError> {
            if let ::std::option::Option::Some(parent) = self.inner.parent() {
                visit.call(parent)?;
            }
            if let ::std::option::Option::Some(__pb_value) = self.inner.owned() {
                let _ = __pb_value;
                #(#fields)*
            }
            ::core::result::Result::Ok(())
        }

        fn __clear__(&mut self) {
            // Drops the Rust value (its `Drop` runs here, once) and the references it held.
            self.inner = ::pybridge::__private::Holder::Closed;
        }
    }
}
