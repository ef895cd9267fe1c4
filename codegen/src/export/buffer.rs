//! A class's `buffer` field exported through the buffer protocol: `__getbuffer__` lends the
//! `Vec`'s items read-only (no copy; the view keeps the object alive) and counts the export in
//! the wrapper's `__pb_exports`, which every change to the value checks first (the gates are
//! emitted by `class.rs`, `method.rs` and `gc.rs` for classes [`buffer_field`] finds).

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::{Attribute, Class};

/// The field a class exports through the buffer protocol, if any (check allows one).
pub(crate) fn buffer_field(c: &Class) -> Option<&Attribute> {
    c.attributes.iter().find(|a| a.buffer.is_some())
}

/// The check every change to the value of a class with a buffer field runs first (nothing for
/// other classes).
pub(crate) fn emit_gate(c: &Class) -> Option<TokenStream> {
    buffer_field(c).map(|_| quote!(self.__pb_exports.check(Self::__PB_NAME)?;))
}

/// `__getbuffer__` / `__releasebuffer__` for the class's buffer field.
pub(super) fn emit_buffer_protocol(c: &Class) -> Option<TokenStream> {
    let field = super::param_ident(&buffer_field(c)?.name.rust);
    // The `// SAFETY:` arguments below are the generated blocks' (quote! drops comments, so the
    // generated methods allow clippy's `undocumented_unsafe_blocks`; the argument is here).
    Some(quote! {
        #[allow(clippy::undocumented_unsafe_blocks)]
        unsafe fn __getbuffer__(
            slf: ::pybridge::__private::pyo3::Bound<'_, Self>,
            view: *mut ::pybridge::__private::pyo3::ffi::Py_buffer,
            flags: ::std::os::raw::c_int,
        ) -> ::pybridge::__private::pyo3::PyResult<()> {
            let __pb_this = slf.try_borrow()?;
            let __pb_holder = __pb_this.inner.borrow(slf.py())?;
            let __pb_value = __pb_holder.get(Self::__PB_NAME)?;
            // SAFETY: `view` is CPython's (pyo3 passes it through). The items stay valid, in
            // place and unwritten while the export's token is alive: every change to this
            // object's value (`&mut self` methods, setters, `close`, sharing, the gc's clear)
            // first checks `__pb_exports` and raises `BufferError`, the class cannot be a view
            // into another object (check refuses `buffer` there), and the view holds a
            // reference to this object, so it is not freed before the view.
            unsafe {
                ::pybridge::__private::export_buffer(
                    view,
                    flags,
                    &__pb_value.#field[..],
                    &__pb_this.__pb_exports,
                    slf.as_any(),
                )
            }
        }

        #[allow(clippy::undocumented_unsafe_blocks)]
        unsafe fn __releasebuffer__(
            _slf: ::pybridge::__private::pyo3::Bound<'_, Self>,
            view: *mut ::pybridge::__private::pyo3::ffi::Py_buffer,
        ) {
            // SAFETY: `view` was filled by `__getbuffer__` above and CPython releases it once.
            // No borrow of the object is needed (the token lives in the view), so a release
            // while a method holds the object mutably cannot fail.
            unsafe { ::pybridge::__private::release_buffer(view) }
        }
    })
}
