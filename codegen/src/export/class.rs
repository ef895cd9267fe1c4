//! `#[pyclass]` wrappers: a class wraps its Rust value as `Option<T>` (taken by `close`, so
//! `Drop` runs exactly once, at close or when Python frees the object) and forwards methods,
//! properties and protocols; an enum wraps its value with one class attribute per variant.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{Class, Function, Module, ReturnPolicy, TypeKind};

use super::convert::{emit_return_type, emit_wrap, return_alias, wrapper_ident};
use super::expr_path;
use super::method::*;
use super::property::*;
use super::protocol::*;
use crate::docs::emit_doc;

/// The function a static method or constructor calls: a full path (`rust: crate::make_it`, or
/// `FromStr::from_str`), or an associated function of the class's type.
pub(super) fn static_target(inner: &syn::Path, m: &Function, method: &syn::Ident) -> TokenStream {
    match m.rust_path.as_ref().filter(|p| p.is_qualified()) {
        Some(path) => {
            let path = expr_path(path.path());
            quote!(#path)
        }
        None => {
            let inner = expr_path(inner);
            quote!(#inner::#method)
        }
    }
}

/// The wrapper struct, its helpers and its `#[pymethods]`.
pub(super) fn emit_class(module: &Module, c: &Class) -> TokenStream {
    let wrapper = wrapper_ident(&c.name.py);
    let inner = c.target().path().clone();
    let py_name = &c.name.py;
    let doc = c.doc.as_deref().map(emit_doc);
    let marker = crate::spec_marker::emit_spec_marker(&c.origin, &format!("class `{py_name}`"));
    let doc = quote!(#marker #doc);
    let options = emit_pyclass_options(module, c);
    let helpers =
        emit_wrapper_helpers(&wrapper, &inner, py_name, super::buffer::emit_gate(c), lends_directly(module, c));
    let exports = super::buffer::buffer_field(c).map(|_| quote!(__pb_exports: ::pybridge::__private::Exports,));
    let pymethods = emit_pymethods(module, c, &wrapper, &inner);
    let fast = super::fast_class::emit_fast_members(c, lends_directly(module, c));
    let alias = return_alias(&c.name.py);
    quote! {
        #doc
        #[::pybridge::__private::pyo3::pyclass(#(#options),*)]
        struct #wrapper {
            // Unread when the class has no method (a constructor alone): still the value's owner.
            #[allow(dead_code)]
            inner: ::pybridge::__private::BorrowCell<::pybridge::__private::Holder<#inner>>,
            #exports
        }

        type #alias = #wrapper;

        #helpers
        #pymethods
        #fast
    }
}

/// The `#[pyclass(..)]` options: the crate, name and module, `frozen` (the wrapper's
/// `BorrowCell` is the borrow checker, not pyo3's flag), then `subclass` and `unsendable` when
/// asked for.
fn emit_pyclass_options(module: &Module, c: &Class) -> Vec<TokenStream> {
    let py_name = &c.name.py;
    let module_name = &module.name.py;
    let mut options = vec![
        quote!(crate = "::pybridge::__private::pyo3"),
        quote!(name = #py_name),
        quote!(module = #module_name),
        quote!(frozen),
    ];
    if c.subclass {
        options.push(quote!(subclass));
    }
    if c.unsendable {
        options.push(quote!(unsendable));
    }
    if c.weakref {
        options.push(quote!(weakref));
    }
    options
}

/// The wrapper's plain helpers: wrapping an owned or shared value, lending it (`__pb_with`,
/// `__pb_with_mut`) and sharing it. A class whose objects are never views (`direct`) lends
/// its value without the holder's view dispatch (less for rustc to instantiate per closure).
fn emit_wrapper_helpers(
    wrapper: &syn::Ident,
    inner: &syn::Path,
    py_name: &str,
    gate: Option<TokenStream>,
    direct: bool,
) -> TokenStream {
    let (with, with_mut) = if direct {
        (quote!(f(&*self.inner.value(py, #py_name)?)), quote!(f(&mut *self.inner.value_mut(py, #py_name)?)))
    } else {
        (quote!(self.inner.borrow(py)?.with(#py_name, f)), quote!(self.inner.borrow_mut(py)?.with_mut(#py_name, f)))
    };
    // A class with a buffer field counts its exports (refusing changes while any is alive).
    let exports = gate.as_ref().map(|_| quote!(__pb_exports: ::core::default::Default::default(),));
    quote! {
        #[allow(dead_code)]
        impl #wrapper {
            const __PB_NAME: &'static str = #py_name;

            // `__pb_` bindings: a user enum may have a variant named `value` (rustc's
            // deny-by-default `bindings_with_variant_name`; found by the spec property test).
            fn __pb_wrap(__pb_value: #inner) -> Self {
                Self { inner: ::pybridge::__private::BorrowCell::new(::pybridge::__private::Holder::Owned(__pb_value)), #exports }
            }

            fn __pb_share(__pb_value: ::std::sync::Arc<#inner>) -> Self {
                Self { inner: ::pybridge::__private::BorrowCell::new(::pybridge::__private::Holder::Shared(__pb_value)), #exports }
            }

            #[inline]
            fn __pb_with<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl ::std::ops::FnOnce(&#inner) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                #with
            }

            #[inline]
            fn __pb_with_mut<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl ::std::ops::FnOnce(&mut #inner) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                #gate
                #with_mut
            }

            fn __pb_shared(&self, py: ::pybridge::Python<'_>) -> ::pybridge::__private::pyo3::PyResult<::std::sync::Arc<#inner>> {
                #gate
                self.inner.borrow_mut(py)?.share(#py_name)
            }
        }
    }
}

/// Whether `c`'s objects lend their value without a closure: never views, and no buffer
/// exports to check.
fn lends_directly(module: &Module, c: &Class) -> bool {
    !can_be_view(module, c) && super::buffer::emit_gate(c).is_none()
}

/// The `#[pymethods]` block: methods, properties, dunders, `__iter__`, the context manager and
/// the cycle-collector hooks.
fn emit_pymethods(module: &Module, c: &Class, wrapper: &syn::Ident, inner: &syn::Path) -> TokenStream {
    // Objects that can never be views lend their value directly (no closure per method: less
    // code for rustc to instantiate); views need `__pb_with`, which re-borrows their parent.
    // A class with a buffer field reaches its value through `__pb_with_mut`, which checks its
    // exports, for every change.
    let gate = super::buffer::emit_gate(c);
    let direct = lends_directly(module, c);
    // The plain methods pybridge registers itself (fast_class.rs) have no wrapper method;
    // pyo3 makes the others' entries.
    let methods = c
        .methods
        .iter()
        .filter(|m| !super::fast_class::is_registered_by_pybridge(c, m))
        .map(|m| emit_method(wrapper, inner, m, c.close.as_deref(), direct, gate.as_ref()));
    let properties = c.attributes.iter().map(|a| emit_property(wrapper, a, direct));
    let dunders = c.dunders.iter().map(|d| emit_dunder(c, d));
    let iter = c.iter_item.as_ref().map(emit_iter);
    let self_iter = pybridge_model::protocols::needs_self_iter(c).then(emit_self_iter);
    let close = c.close.as_deref().map(|close| emit_context_manager(close, gate.as_ref()));
    let gc = needs_gc(module, c).then(|| super::gc::emit_gc(c));
    let buffer = super::buffer::emit_buffer_protocol(c);
    let reduce = c.pickle.map(|_| emit_reduce(c));
    quote! {
        // Other pybridge modules take and return this class through this table
        // (`runtime/src/shared/`).
        impl ::pybridge::__private::Published for #wrapper {
            type Value = #inner;
            fn lend_value<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl ::std::ops::FnOnce(&#inner) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                self.__pb_with(py, f)
            }
            fn adopt_value(
                py: ::pybridge::Python<'_>,
                value: #inner,
            ) -> ::pybridge::__private::pyo3::PyResult<::pybridge::__private::pyo3::Py<::pybridge::__private::pyo3::PyAny>> {
                ::core::result::Result::Ok(::pybridge::__private::pyo3::Bound::new(py, Self::__pb_wrap(value))?.into_any().unbind())
            }
        }

        #[::pybridge::__private::pyo3::pymethods(crate = "::pybridge::__private::pyo3")]
        impl #wrapper {
            #[classattr]
            fn _pybridge_api(
                py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::types::PyCapsule>> {
                ::pybridge::__private::publish_class::<Self>(py)
            }
            #(#methods)*
            #(#properties)*
            #(#dunders)*
            #iter
            #self_iter
            #close
            #gc
            #reduce
            #buffer
        }
    }
}

/// `__reduce__` for `pickle`: the object's class (a Python subclass stays itself) and the
/// constructor's arguments, each read from the attribute of the same name (check makes sure
/// each exists and is positional).
fn emit_reduce(c: &Class) -> TokenStream {
    let names: Vec<&str> = c
        .methods
        .iter()
        .find(|m| m.kind == pybridge_model::FnKind::Constructor)
        .map(|ctor| ctor.params.iter().map(|p| p.name.py.as_str()).collect())
        .unwrap_or_default();
    let count = names.len();
    quote! {
        fn __reduce__<'py>(
            slf: &::pybridge::__private::pyo3::Bound<'py, Self>,
        ) -> ::pybridge::__private::pyo3::PyResult<(
            ::pybridge::__private::pyo3::Bound<'py, ::pybridge::__private::pyo3::PyAny>,
            ::pybridge::__private::pyo3::Bound<'py, ::pybridge::__private::pyo3::types::PyTuple>,
        )> {
            let slf = slf.as_any();
            let args: [::pybridge::__private::pyo3::Bound<'py, ::pybridge::__private::pyo3::PyAny>; #count] =
                [#(::pybridge::__private::pyo3::types::PyAnyMethods::getattr(slf, #names)?),*];
            ::core::result::Result::Ok((
                ::pybridge::__private::pyo3::types::PyAnyMethods::get_type(slf).into_any(),
                ::pybridge::__private::pyo3::types::PyTuple::new(slf.py(), args)?,
            ))
        }
    }
}

/// `ExportedClass` for a class that import stubs of the same spec also take or return: values
/// cross by copy, into a new object of the class and out of an instance of it.
pub(super) fn emit_crossing(c: &Class) -> TokenStream {
    let wrapper = wrapper_ident(&c.name.py);
    let inner = c.target().path().clone();
    quote! {
        impl ::pybridge::__private::ExportedClass<__PbExported> for #inner {
            fn to_python<'py>(
                &self,
                py: ::pybridge::Python<'py>,
            ) -> ::pybridge::__private::pyo3::PyResult<::pybridge::__private::pyo3::Bound<'py, ::pybridge::__private::pyo3::PyAny>> {
                let value = #wrapper::__pb_wrap(::pybridge::__private::clone_of(self));
                ::core::result::Result::Ok(::pybridge::__private::pyo3::Bound::new(py, value)?.into_any())
            }

            fn from_python(
                obj: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::PyAny>,
            ) -> ::pybridge::__private::pyo3::PyResult<Self> {
                obj.cast::<#wrapper>()?.try_borrow()?.__pb_with(obj.py(), |v| ::core::result::Result::Ok(::pybridge::__private::clone_of(v)))
            }
        }
    }
}

/// Whether the class takes part in Python's cycle collector: it has fields holding Python
/// objects, or it can be a view (which holds its parent object).
pub(super) fn needs_gc(module: &Module, c: &Class) -> bool {
    can_be_view(module, c) || c.attributes.iter().any(|a| a.ty.uses_any())
}

/// Whether some method or field of the module returns a view of this class (its objects may
/// then stand for a part of another object's value).
pub(super) fn can_be_view(module: &Module, c: &Class) -> bool {
    module
        .classes
        .iter()
        .flat_map(|k| {
            k.methods
                .iter()
                .filter(|m| m.policy == ReturnPolicy::View)
                .map(|m| &m.returns)
                .chain(k.attributes.iter().filter(|a| a.policy == ReturnPolicy::View).map(|a| &a.ty))
        })
        .any(|ty| matches!(&ty.kind, TypeKind::Class(r) if r.name == c.name.py))
}

/// `__iter__` from `&T: IntoIterator`: a snapshot (the items cloned into a list), so the Rust
/// value may change later.
fn emit_iter(item_type: &pybridge_model::Type) -> TokenStream {
    // Python objects are copied with `clone_ref`, classes cross as their wrappers (found by the
    // spec property test: `item: Option<pybridge::Object>` and `item: C` did not compile).
    let each = if item_type.uses_any() || matches!(item_type.kind, TypeKind::Class(_)) {
        let each = emit_wrap(super::convert::emit_clone_ref(quote!(__pb_item), item_type), item_type);
        quote!(|__pb_item| #each)
    } else {
        quote!(::std::clone::Clone::clone)
    };
    let item = emit_return_type(item_type);
    quote! {
        fn __iter__<'py>(
            &self,
            py: ::pybridge::Python<'py>,
        ) -> ::pybridge::__private::pyo3::PyResult<::pybridge::__private::pyo3::Bound<'py, ::pybridge::__private::pyo3::PyAny>> {
            // A snapshot: the items are cloned into a list, so the Rust value may change later.
            let __pb_py = py;
            let items: ::std::vec::Vec<#item> = self.__pb_with(py, |__pb_self| {
                ::core::result::Result::Ok(::std::iter::IntoIterator::into_iter(__pb_self).map(#each).collect())
            })?;
            let list = ::pybridge::__private::pyo3::types::PyList::new(py, items)?;
            ::pybridge::__private::pyo3::types::PyAnyMethods::try_iter(list.as_any()).map(|it| it.into_any())
        }
    }
}

/// `with` support from the `close` method: `__exit__` closes (the value is dropped there).
fn emit_context_manager(close: &str, gate: Option<&TokenStream>) -> TokenStream {
    let close = format_ident!("{}", close);
    // With a gate (a buffer field), closing while exported raises; a value lent to iterators
    // cannot be taken either.
    quote! {
        fn __enter__(slf: ::pybridge::__private::pyo3::PyRef<'_, Self>) -> ::pybridge::__private::pyo3::PyRef<'_, Self> {
            slf
        }

        fn __exit__(
            &self,
            __pb_py: ::pybridge::Python<'_>,
            _exc_type: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::PyAny>,
            _exc_value: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::PyAny>,
            _traceback: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::PyAny>,
        ) -> ::pybridge::__private::pyo3::PyResult<bool> {
            #gate
            // Taken out of the cell first: `close` runs with the object already closed.
            let __pb_taken = self.inner.borrow_mut(__pb_py)?.take(Self::__PB_NAME)?;
            if let ::core::option::Option::Some(mut inner) = __pb_taken {
                inner.#close();
            }
            ::core::result::Result::Ok(false)
        }
    }
}
