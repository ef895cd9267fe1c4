//! Classes another pybridge module exports (spec `from:`): each gets a marker type named like a
//! local class's wrapper (`__PbClass_<Name>`), so every emitter that lends a parameter's value
//! (`__pb_with`) or wraps a returned one (`__pb_wrap`, `__PbRet_<Name>`) serves it unchanged;
//! the runtime's `ForeignRef`/`ForeignValue` cross through the other module's published table.

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::{ForeignClass, Module};

use super::convert::{return_alias, wrapper_ident};

/// The marker type, its `ForeignClass` impl and its `__pb_wrap`.
pub(super) fn emit_foreign_class(module: &Module, f: &ForeignClass) -> TokenStream {
    let Some(path) = f.try_target() else { return TokenStream::new() };
    let inner = path.path().clone();
    let wrapper = wrapper_ident(&f.name.py);
    let alias = return_alias(&f.name.py);
    let (py_name, from, here) = (&f.name.py, &f.module, &module.name.py);
    let marker = crate::spec_marker::emit_spec_marker(&f.origin, &format!("class `{py_name}` from `{from}`"));
    quote! {
        #marker
        #[allow(non_camel_case_types)]
        struct #wrapper;

        type #alias = ::pybridge::__private::ForeignValue<#wrapper>;

        impl ::pybridge::__private::ForeignClass for #wrapper {
            type Value = #inner;
            const MODULE: &'static str = #from;
            const NAME: &'static str = #py_name;
            const HERE: &'static str = #here;
            fn cell() -> &'static ::pybridge::__private::pyo3::sync::PyOnceLock<::pybridge::__private::Imported> {
                static CELL: ::pybridge::__private::pyo3::sync::PyOnceLock<::pybridge::__private::Imported> =
                    ::pybridge::__private::pyo3::sync::PyOnceLock::new();
                &CELL
            }
        }

        #[allow(dead_code)]
        impl #wrapper {
            fn __pb_wrap(__pb_value: #inner) -> #alias {
                ::pybridge::__private::ForeignValue::new(__pb_value)
            }
        }
    }
}
