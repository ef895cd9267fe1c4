//! Methods of a class wrapper: constructors, instance, static and class methods, property
//! methods, `close`, and views returned by methods.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use pybridge_model::{FnKind, Function, ReturnPolicy, TypeKind};

use super::class::*;
use super::convert::emit_return_type;
use super::property::*;
use super::{emit_call, emit_params, expr_path};
use crate::docs::emit_doc;

/// What every kind of method wrapper needs: its own identifier, the Rust method it calls, the
/// Python name, and the doc with its spec marker.
struct Parts {
    ident: syn::Ident,
    method: syn::Ident,
    rust_name: String,
    py_name: String,
    doc: TokenStream,
}

fn method_parts(m: &Function) -> Parts {
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
    let target = m.target();
    let rust_name = target.text().to_string();
    let method = pybridge_model::names::ident(&pybridge_model::names::rust_ident(&target.last_ident()));
    let py_name = m.name.py.clone();
    let doc = m.doc.as_deref().map(emit_doc);
    let marker = crate::spec_marker::emit_spec_marker(&m.origin, &format!("method `{py_name}`"));
    Parts { ident, method, rust_name, py_name, doc: quote!(#marker #doc) }
}

/// The wrapper of one method of class `wrapper` (Rust type `inner`); `close` is the Rust name of
/// the class's `close` method, `direct` whether the class lends its value without a closure.
pub(super) fn emit_method(
    wrapper: &syn::Ident,
    inner: &syn::Path,
    m: &Function,
    close: Option<&str>,
    direct: bool,
    gate: Option<&TokenStream>,
) -> TokenStream {
    let parts = method_parts(m);
    if close == Some(parts.rust_name.as_str()) {
        return emit_close(&parts, gate);
    }
    if m.policy == ReturnPolicy::View {
        return emit_method_view(wrapper, m, &parts);
    }
    if m.borrows.is_some() {
        return super::view::emit_borrowing_method(m, inner, &parts.ident, &parts.method, direct, &parts.doc);
    }
    if m.iterator_borrows_self() {
        let slot = is_slot_protocol(&m.name.py);
        return super::iter::emit_lending_method(m, &parts.ident, &parts.method, slot, &parts.doc);
    }
    match m.kind {
        FnKind::ClassMethod if returns_own_class(wrapper, m) => emit_subclassing_classmethod(inner, m, &parts),
        FnKind::Constructor | FnKind::ClassMethod | FnKind::Static | FnKind::Free => emit_associated(inner, m, &parts),
        FnKind::Method | FnKind::Getter | FnKind::MethodMut | FnKind::Setter => emit_instance_method(m, &parts, direct),
    }
}

/// `close`: runs the Rust method once and drops the value; later closes do nothing. With a
/// `gate` (a class exporting a buffer), closing while exported raises instead.
fn emit_close(parts: &Parts, gate: Option<&TokenStream>) -> TokenStream {
    let Parts { ident, method, py_name, doc, .. } = parts;
    // Taken out of the cell first: the Rust `close` runs with the object already closed.
    quote! {
        #doc
        #[pyo3(name = #py_name)]
        fn #ident(&self, __pb_py: ::pybridge::Python<'_>) -> ::pybridge::__private::pyo3::PyResult<()> {
            #gate
            let __pb_taken = self.inner.borrow_mut(__pb_py)?.take(Self::__PB_NAME)?;
            if let ::core::option::Option::Some(mut inner) = __pb_taken {
                inner.#method();
            }
            ::core::result::Result::Ok(())
        }
    }
}

/// A parameterless `&self` method returning `&C`: a view into this object.
fn emit_method_view(wrapper: &syn::Ident, m: &Function, parts: &Parts) -> TokenStream {
    let Parts { ident, method, py_name, doc, .. } = parts;
    let ret = emit_return_type(&m.returns);
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
    quote! {
        #doc
        #attr
        fn #ident(slf: &::pybridge::__private::pyo3::Bound<'_, Self>) -> ::pybridge::__private::pyo3::PyResult<#ret> {
            #view
        }
    }
}

/// Whether `m` returns a new object of the class `wrapper` wraps, by value.
fn returns_own_class(wrapper: &syn::Ident, m: &Function) -> bool {
    m.policy == ReturnPolicy::Value
        && matches!(&m.returns.kind, TypeKind::Class(c) if !c.shared && !c.unit_enum && super::convert::wrapper_ident(&c.name) == *wrapper)
}

/// A classmethod returning its own class (`Self`): called on a Python subclass, it returns an
/// instance of that subclass (the runtime's `new_instance_of`; the subclass's `__init__` is not
/// called: the value is built already).
fn emit_subclassing_classmethod(inner: &syn::Path, m: &Function, parts: &Parts) -> TokenStream {
    let Parts { ident, method, py_name, doc, .. } = parts;
    let (params, signature) = emit_params(m);
    let ret = emit_return_type(&m.returns);
    let body = emit_call(m, static_target(inner, m, method));
    quote! {
        #doc
        #[classmethod]
        #[pyo3(name = #py_name, signature = #signature)]
        fn #ident(
            cls: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::types::PyType>,
            #(#params),*
        ) -> ::pybridge::__private::pyo3::PyResult<::pybridge::Object> {
            // `?` and early returns in the call leave the method with its error.
            let __pb_made: ::pybridge::__private::pyo3::PyResult<#ret> = { #body };
            ::pybridge::__private::new_instance_of::<Self>(cls, __pb_made?)
        }
    }
}

/// A constructor, a classmethod (Python passes the class: a subclass when called on one) or a
/// static method: no receiver.
fn emit_associated(inner: &syn::Path, m: &Function, parts: &Parts) -> TokenStream {
    let Parts { ident, method, py_name, doc, .. } = parts;
    let (params, signature) = emit_params(m);
    let ret = emit_return_type(&m.returns);
    let body = emit_call(m, static_target(inner, m, method));
    let (attr, cls) = match m.kind {
        FnKind::Constructor => (quote!(#[new] #[pyo3(signature = #signature)]), None),
        FnKind::ClassMethod => (
            quote!(#[classmethod] #[pyo3(name = #py_name, signature = #signature)]),
            Some(quote!(_cls: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::types::PyType>)),
        ),
        _ => (quote!(#[staticmethod] #[pyo3(name = #py_name, signature = #signature)]), None),
    };
    let params = cls.into_iter().chain(params);
    quote! {
        #doc
        #attr
        fn #ident(#(#params),*) -> ::pybridge::__private::pyo3::PyResult<#ret> {
            #body
        }
    }
}

/// The body of a plain `&self`/`&mut self` method that pybridge registers itself
/// (fast_class.rs), for its entry: the call of the Rust method under a borrow of
/// `receiver`'s cell (`direct`: without a closure), the arguments bound to the parameters'
/// names already. No wrapper method: the entry's body is the only function per method.
pub(super) fn emit_registered_body(
    m: &Function,
    direct: bool,
    receiver: &TokenStream,
    wrapper: &syn::Ident,
) -> TokenStream {
    let body = emit_method_call(m, &method_parts(m).method);
    let mutable = m.kind == FnKind::MethodMut;
    emit_lent_body_on(body, direct, mutable, receiver, &quote!(#wrapper::__PB_NAME))
}

/// The call of method `m` with its value as `__pb_self` (`method` is the Rust method's name).
fn emit_method_call(m: &Function, method: &syn::Ident) -> TokenStream {
    if m.extend {
        // SWIG's %extend: a free function of the user's taking the object first.
        let path = expr_path(m.target().path());
        super::emit_call_with(m, quote!(#path), Some(quote!(__pb_self)))
    } else {
        emit_call(m, quote!(__pb_self.#method))
    }
}

/// A `&self`/`&mut self` method, property getter or setter (the wrapper takes `&self` and
/// borrows the cell itself); `direct` lends the value without a
/// closure (a class that is never a view).
fn emit_instance_method(m: &Function, parts: &Parts, direct: bool) -> TokenStream {
    let Parts { ident, method, py_name, doc, .. } = parts;
    let (mut params, signature) = emit_params(m);
    let ret = emit_return_type(&m.returns);
    let modulo_check = refuses_modulo(m).then(|| {
        params.push(quote!(__pb_modulo: ::core::option::Option<::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::PyAny>>));
        let message = format!("{py_name}() takes no modulo: `pow(x, y, m)` is not supported here");
        quote! {
            if __pb_modulo.is_some() {
                return ::core::result::Result::Err(::pybridge::__private::pyo3::exceptions::PyTypeError::new_err(#message));
            }
        }
    });
    let body = emit_method_call(m, method);
    let name = syn::LitStr::new(&m.name.py, proc_macro2::Span::call_site());
    let attr = match m.kind {
        FnKind::Getter => quote!(#[getter] #[pyo3(name = #name)]),
        FnKind::Setter => quote!(#[setter] #[pyo3(name = #name)]),
        // A protocol's slot passes its operands positionally: pyo3 takes no `signature` there
        // (except for `__call__`, which receives arguments like any call).
        _ if is_slot_protocol(&m.name.py) => quote!(#[pyo3(name = #py_name)]),
        _ => quote!(#[pyo3(name = #py_name, signature = #signature)]),
    };
    let mutable = matches!(m.kind, FnKind::MethodMut | FnKind::Setter);
    let body = emit_lent_body(body, direct, mutable);
    // `#[inline(always)]` in optimised builds: a class's direct entry (fast_class.rs) calls this
    // wrapper as a plain method (with `#[inline]` LLVM kept the call and a 64-byte `PyResult`
    // copy). Not in a debug build, where inlining it into every entry only costs compile time.
    quote! {
        #doc
        #attr
        #[cfg_attr(not(debug_assertions), inline(always))]
        fn #ident(&self #(, #params)*) -> ::pybridge::__private::pyo3::PyResult<#ret> {
            #modulo_check
            #body
        }
    }
}

/// `body` (which reads the value as `__pb_self`) under a borrow of the object's cell, shared or
/// `mutable`; `direct` (a class that is never a view) borrows without a closure. The token is
/// the wrapper's `__pb_py` parameter.
pub(super) fn emit_lent_body(body: TokenStream, direct: bool, mutable: bool) -> TokenStream {
    emit_lent_body_on(body, direct, mutable, &quote!(self), &quote!(Self::__PB_NAME))
}

/// [`emit_lent_body`] on the wrapper `receiver` (`self` in a wrapper method), whose class's
/// Python name is `name`.
fn emit_lent_body_on(
    body: TokenStream,
    direct: bool,
    mutable: bool,
    receiver: &TokenStream,
    name: &TokenStream,
) -> TokenStream {
    match (direct, mutable) {
        (true, false) => quote! {
            let __pb_guard = #receiver.inner.value(__pb_py, #name)?;
            let __pb_self = &*__pb_guard;
            #body
        },
        (true, true) => quote! {
            let mut __pb_guard = #receiver.inner.value_mut(__pb_py, #name)?;
            let __pb_self = &mut *__pb_guard;
            #body
        },
        (false, false) => quote!(#receiver.__pb_with(__pb_py, |__pb_self| { #body })),
        (false, true) => quote!(#receiver.__pb_with_mut(__pb_py, |__pb_self| { #body })),
    }
}

/// `__pow__`/`__rpow__` declared with one operand: Python may still pass a modulo (`pow(x, y,
/// m)`), which the wrapper takes and refuses rather than ignore.
fn refuses_modulo(m: &Function) -> bool {
    matches!(m.name.py.as_str(), "__pow__" | "__rpow__") && m.params.len() == 1
}

/// Whether `py` names a protocol method filled through a slot (every protocol but `__call__`).
pub(super) fn is_slot_protocol(py: &str) -> bool {
    py != "__call__" && pybridge_model::protocols::Protocol::named(py).is_some()
}

/// `__iter__` returning the object itself, for a class that declares `__next__` without
/// `__iter__`: Python's iterator protocol needs both.
pub(super) fn emit_self_iter() -> TokenStream {
    quote! {
        #[pyo3(name = "__iter__")]
        fn __pb_iter_self(slf: ::pybridge::__private::pyo3::PyRef<'_, Self>) -> ::pybridge::__private::pyo3::PyRef<'_, Self> {
            slf
        }
    }
}
