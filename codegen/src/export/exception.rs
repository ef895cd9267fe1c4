//! Rust error types as Python exception classes: the type object is created once per
//! interpreter (`PyErr::new_type`, with its declared base), and `From<E> for PyErr` raises it
//! with `str(error)` as the message and the declared fields set as attributes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{Exception, ExceptionRef, ExceptionTarget, Module};

/// The function returning the exception's type object.
pub(crate) fn type_fn(py_name: &str) -> syn::Ident {
    format_ident!("__pb_exc_{}", py_name)
}

/// The base class expression: another declared exception, or a builtin one.
fn base_type(base: &ExceptionRef) -> TokenStream {
    match base.target {
        ExceptionTarget::Declared => {
            let f = type_fn(&base.name);
            quote!(#f(py)?)
        }
        ExceptionTarget::Builtin | ExceptionTarget::Unresolved => {
            let ty = format_ident!("Py{}", base.name);
            quote!(&py.get_type::<::pybridge::__private::pyo3::exceptions::#ty>())
        }
    }
}

pub(super) fn emit_exception(module: &Module, e: &Exception) -> TokenStream {
    let f = type_fn(&e.name.py);
    let qualified = std::ffi::CString::new(format!("{}.{}", module.name.py, e.name.py)).unwrap_or_default();
    let qualified = proc_macro2::Literal::c_string(&qualified);
    let doc = match e.doc.as_deref().and_then(|d| std::ffi::CString::new(d).ok()) {
        Some(doc) => {
            let lit = proc_macro2::Literal::c_string(&doc);
            quote!(::core::option::Option::Some(#lit))
        }
        None => quote!(::core::option::Option::None),
    };
    let base = base_type(&e.base);
    let from_impl = e.rust_path.as_ref().map(|rust| {
        let attributes = e.attributes.iter().map(|a| {
            let field = super::param_ident(&a.name.rust);
            let name = &a.name.py;
            quote!(let _ = ::pybridge::__private::pyo3::types::PyAnyMethods::setattr(&__pb_value, #name, ::std::clone::Clone::clone(&err.#field));)
        });
        quote! {
            impl ::std::convert::From<#rust> for ::pybridge::PyErr {
                fn from(err: #rust) -> Self {
                    ::pybridge::__private::build_pyerr(|py| {
                        let __pb_type = match #f(py) {
                            ::core::result::Result::Ok(t) => t,
                            ::core::result::Result::Err(e) => return e,
                        };
                        let __pb_message = ::pybridge::__private::str_of(&err);
                        match ::pybridge::__private::pyo3::types::PyAnyMethods::call1(__pb_type.as_any(), (__pb_message,)) {
                            ::core::result::Result::Ok(__pb_value) => {
                                #(#attributes)*
                                ::pybridge::PyErr::from_value(__pb_value)
                            }
                            ::core::result::Result::Err(e) => e,
                        }
                    })
                }
            }
        }
    });
    let marker = crate::spec_marker::emit_spec_marker(&e.origin, &format!("exception `{}`", e.name.py));
    quote! {
        #marker
        fn #f(py: ::pybridge::Python<'_>) -> ::pybridge::__private::pyo3::PyResult<&::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::types::PyType>> {
            static __PB_TYPE: ::pybridge::__private::pyo3::sync::PyOnceLock<::pybridge::__private::pyo3::Py<::pybridge::__private::pyo3::types::PyType>> =
                ::pybridge::__private::pyo3::sync::PyOnceLock::new();
            __PB_TYPE
                .get_or_try_init(py, || ::pybridge::PyErr::new_type(py, #qualified, #doc, ::core::option::Option::Some(#base), ::core::option::Option::None))
                .map(|t| t.bind(py))
        }

        #from_impl
    }
}
