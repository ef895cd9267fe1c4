//! Methods of a class wrapper: constructors, instance, static and class methods, property
//! methods, `close`, and views returned by methods.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use pybridge_model::{FnKind, Function, ReturnPolicy};

use super::class::*;
use super::convert::emit_return_type;
use super::property::*;
use super::{emit_call, emit_params, expr_path};
use crate::docs::emit_doc;

pub(super) fn emit_method(
    wrapper: &syn::Ident,
    inner: &syn::Path,
    m: &Function,
    close: Option<&str>,
    direct: bool,
) -> TokenStream {
    // The constructor's Rust name is `new`: its wrapper gets a name no method can have (a
    // method named `new` beside a constructor was a duplicate definition; found by the spec
    // property test).
    let ident = if m.kind == FnKind::Constructor {
        format_ident!("__pb_constructor")
    } else {
        format_ident!("__pb_m_{}", pybridge_model::names::unraw(&m.name.rust))
    };
    // The Rust method: the attribute records its own name, a spec its `rust:` key (default:
    // the Python name, or `new` for a constructor).
    let rust_name = m.rust_path.clone().unwrap_or_else(|| m.name.rust.clone());
    let last = rust_name.rsplit("::").next().unwrap_or(&rust_name);
    let method = super::param_ident(&pybridge_model::names::rust_ident(pybridge_model::names::unraw(last)));
    let py_name = &m.name.py;
    let doc = m.doc.as_deref().map(emit_doc);
    let marker = crate::spec_marker::emit_spec_marker(&m.origin, &format!("method `{py_name}`"));
    let doc = quote!(#marker #doc);
    if close == Some(rust_name.as_str()) {
        // `close`: runs the Rust method once and drops the value; later closes do nothing.
        return quote! {
            #doc
            #[pyo3(name = #py_name)]
            fn #ident(&mut self) {
                if let ::core::option::Option::Some(mut inner) = self.inner.take() {
                    inner.#method();
                }
            }
        };
    }
    let (params, signature) = emit_params(m);
    let ret = emit_return_type(&m.returns);
    if m.policy == ReturnPolicy::View {
        let span = m.origin.span();
        let read = quote_spanned!(span=> __pb_self.#method());
        let view = emit_view(wrapper, &ret, read, None);
        let attr = match m.kind {
            FnKind::Getter => {
                let name = syn::LitStr::new(&m.name.py, proc_macro2::Span::call_site());
                quote!(#[getter] #[pyo3(name = #name)])
            }
            _ => quote!(#[pyo3(name = #py_name)]),
        };
        return quote! {
            #doc
            #attr
            fn #ident(slf: &::pybridge::__private::pyo3::Bound<'_, Self>) -> ::pybridge::__private::pyo3::PyResult<#ret> {
                #view
            }
        };
    }
    match m.kind {
        FnKind::Constructor => {
            let body = emit_call(m, static_target(inner, m, &method));
            quote! {
                #doc
                #[new]
                #[pyo3(signature = #signature)]
                fn #ident(#(#params),*) -> ::pybridge::__private::pyo3::PyResult<#ret> {
                    #body
                }
            }
        }
        FnKind::ClassMethod => {
            // A real classmethod: Python passes the class (a subclass when called on one).
            let body = emit_call(m, static_target(inner, m, &method));
            quote! {
                #doc
                #[classmethod]
                #[pyo3(name = #py_name, signature = #signature)]
                fn #ident(
                    _cls: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::types::PyType>
                    #(, #params)*
                ) -> ::pybridge::__private::pyo3::PyResult<#ret> {
                    #body
                }
            }
        }
        FnKind::Static | FnKind::Free => {
            let body = emit_call(m, static_target(inner, m, &method));
            quote! {
                #doc
                #[staticmethod]
                #[pyo3(name = #py_name, signature = #signature)]
                fn #ident(#(#params),*) -> ::pybridge::__private::pyo3::PyResult<#ret> {
                    #body
                }
            }
        }
        FnKind::Method | FnKind::Getter | FnKind::MethodMut | FnKind::Setter => {
            let body = if m.extend {
                // SWIG's %extend: a free function of the user's taking the object first.
                let path: syn::Path = syn::parse_str(m.rust_path.as_deref().unwrap_or_default())
                    .unwrap_or_else(|_| syn::parse_quote!(unresolved));
                let path = expr_path(&path);
                super::emit_call_with(m, quote!(#path), Some(quote!(__pb_self)))
            } else {
                emit_call(m, quote!(__pb_self.#method))
            };
            let name = syn::LitStr::new(&m.name.py, proc_macro2::Span::call_site());
            let attr = match m.kind {
                FnKind::Getter => quote!(#[getter] #[pyo3(name = #name)]),
                FnKind::Setter => quote!(#[setter] #[pyo3(name = #name)]),
                _ => quote!(#[pyo3(name = #py_name, signature = #signature)]),
            };
            let mutable = matches!(m.kind, FnKind::MethodMut | FnKind::Setter);
            let receiver = if mutable { quote!(&mut self) } else { quote!(&self) };
            let body = match (direct, mutable) {
                (true, false) => quote! {
                    let __pb_self = self.inner.get(Self::__PB_NAME)?;
                    #body
                },
                (true, true) => quote! {
                    let __pb_self = self.inner.get_mut(Self::__PB_NAME)?;
                    #body
                },
                (false, false) => quote!(self.__pb_with(|__pb_self| { #body })),
                (false, true) => quote!(self.__pb_with_mut(|__pb_self| { #body })),
            };
            quote! {
                #doc
                #attr
                fn #ident(#receiver #(, #params)*) -> ::pybridge::__private::pyo3::PyResult<#ret> {
                    #body
                }
            }
        }
    }
}
