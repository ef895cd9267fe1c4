//! View classes (types with a lifetime, `regex::Match<'h>`) and the calls that make them.
//!
//! A view class's wrapper holds a `ViewCell` (runtime `view.rs`): the view beside a share of
//! what it borrows. Its methods reach the view only through closures generic over the lifetime
//! (`__pb_with`: `for<'h> FnOnce(&regex::Match<'h>)`), so nothing borrowed can leave them. A call
//! returning views runs inside the runtime's `lend_value` / `lend_str` / `lend_bytes`, which
//! give it the borrowed data and a `__pb_lender` that wraps each view returned.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{Borrow, Class, Dunder, FnKind, Function, Module, Param, TypeKind};

use super::convert::{emit_return_type, return_alias, wrapper_ident};
use super::{emit_call, emit_call_with, emit_params_with, expr_path, param_ident};
use crate::docs::emit_doc;

/// The marker type naming a view class's type for every lifetime.
fn family_ident(py_name: &str) -> syn::Ident {
    format_ident!("__PbView_{}", py_name)
}

/// The view class's lifetime as a token (`'h`).
fn lifetime_of(c: &Class) -> syn::Lifetime {
    let name = c.lifetime.as_ref().map_or("a", |l| l.name.as_str());
    syn::Lifetime::new(&format!("'{name}"), proc_macro2::Span::call_site())
}

/// The wrapper of a view class: its `ViewCell`, family, helpers and `#[pymethods]`.
pub(super) fn emit_view_class(module: &Module, c: &Class) -> TokenStream {
    let wrapper = wrapper_ident(&c.name.py);
    let family = family_ident(&c.name.py);
    let alias = return_alias(&c.name.py);
    let inner = c.target().path().clone();
    let lt = lifetime_of(c);
    let py_name = &c.name.py;
    let module_name = &module.name.py;
    let doc = c.doc.as_deref().map(emit_doc);
    let marker = crate::spec_marker::emit_spec_marker(&c.origin, &format!("class `{py_name}`"));
    let mut options =
        vec![quote!(crate = "::pybridge::__private::pyo3"), quote!(name = #py_name), quote!(module = #module_name)];
    // `frozen`: the `BorrowCell` around the view is the borrow checker, not pyo3's flag.
    options.push(quote!(frozen));
    options.extend(c.subclass.then(|| quote!(subclass)));
    options.extend(c.weakref.then(|| quote!(weakref)));
    let pymethods = emit_view_pymethods(c, &wrapper, &inner);
    let helpers = emit_view_helpers(&wrapper, &family, &inner, &lt, py_name);
    quote! {
        #marker
        #doc
        #[::pybridge::__private::pyo3::pyclass(#(#options),*)]
        struct #wrapper {
            cell: ::pybridge::__private::BorrowCell<::pybridge::__private::ViewCell<#family>>,
        }

        type #alias = #wrapper;

        /// The view's type for every lifetime.
        enum #family {}

        #marker
        impl ::pybridge::__private::ViewFamily for #family {
            type View<#lt> = #inner;
        }

        #helpers

        #pymethods
    }
}

/// A view wrapper's helpers: making one from a `ViewCell`, and lending the view (shared,
/// exclusive, with a `Lender`, or paired with another view of the class) under the cell's
/// borrow.
fn emit_view_helpers(
    wrapper: &syn::Ident,
    family: &syn::Ident,
    inner: &syn::Path,
    lt: &syn::Lifetime,
    py_name: &str,
) -> TokenStream {
    quote! {
        #[allow(dead_code)]
        impl #wrapper {
            const __PB_NAME: &'static str = #py_name;

            fn __pb_view(cell: ::pybridge::__private::ViewCell<#family>) -> Self {
                Self { cell: ::pybridge::__private::BorrowCell::new(cell) }
            }

            #[inline]
            fn __pb_with<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl for<#lt> ::std::ops::FnOnce(&#inner) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                self.cell.borrow(py)?.with(#py_name, f)
            }

            #[inline]
            fn __pb_with_mut<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl for<#lt> ::std::ops::FnOnce(&mut #inner) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                self.cell.borrow_mut(py)?.with_mut(#py_name, f)
            }

            #[inline]
            fn __pb_with_lender<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl for<#lt> ::std::ops::FnOnce(&#inner, &::pybridge::__private::Lender<#lt>) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                self.cell.borrow(py)?.with_lender(#py_name, f)
            }

            #[inline]
            fn __pb_with_pair<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                other: &Self,
                f: impl for<#lt> ::std::ops::FnOnce(&#inner, &#inner) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                let (a, b) = (self.cell.borrow(py)?, other.cell.borrow(py)?);
                a.with_pair(&b, #py_name, f)
            }
        }
    }
}

/// Methods, properties, protocols and the cycle collector's hooks of a view class.
fn emit_view_pymethods(c: &Class, wrapper: &syn::Ident, inner: &syn::Path) -> TokenStream {
    let methods = c.methods.iter().map(|m| super::method::emit_method(wrapper, inner, m, None, false, None));
    let properties = c.attributes.iter().map(|a| super::property::emit_property(wrapper, a, false));
    let dunders = c.dunders.iter().map(|d| emit_view_dunder(c, d));
    let self_iter = pybridge_model::protocols::needs_self_iter(c).then(super::method::emit_self_iter);
    quote! {
        #[::pybridge::__private::pyo3::pymethods(crate = "::pybridge::__private::pyo3")]
        impl #wrapper {
            #(#methods)*
            #(#properties)*
            #(#dunders)*
            #self_iter

            fn __traverse__(&self, visit: ::pybridge::__private::pyo3::PyVisit<'_>) -> ::core::result::Result<(), ::pybridge::__private::pyo3::PyTraverseError> {
                // Skipped while a method holds the view exclusively (it is reachable then).
                match self.cell.for_traverse(&visit) {
                    ::core::option::Option::Some(__pb_cell) => __pb_cell.traverse(&visit),
                    ::core::option::Option::None => ::core::result::Result::Ok(()),
                }
            }

            fn __clear__(&self, __pb_py: ::pybridge::Python<'_>) {
                if let ::core::result::Result::Ok(mut __pb_cell) = self.cell.borrow_mut(__pb_py) {
                    __pb_cell.clear();
                }
            }
        }
    }
}

/// A protocol from a Rust trait on a view: comparisons see both views at one lifetime
/// (`__pb_with_pair`), a copy is a new view of the same borrow; the rest as for any class.
fn emit_view_dunder(c: &Class, d: &Dunder) -> TokenStream {
    let declared = |name: &str| c.methods.iter().any(|m| m.name.py == name);
    if d.python_names().iter().any(|n| declared(n)) && *d != Dunder::Ord {
        return TokenStream::new();
    }
    let marker = crate::spec_marker::emit_spec_marker(&c.origin, &format!("a trait of class `{}`", c.name.py));
    let methods = match d {
        Dunder::Eq => quote! {
            fn __eq__(&self, __pb_py: ::pybridge::Python<'_>, other: ::pybridge::__private::pyo3::PyRef<'_, Self>) -> ::pybridge::__private::pyo3::PyResult<bool> {
                self.__pb_with_pair(__pb_py, &other, |a, b| ::core::result::Result::Ok(::pybridge::__private::eq_of(a, b)))
            }
        },
        Dunder::Ord => {
            let ops = [
                ("__lt__", quote!(is_lt)),
                ("__le__", quote!(is_le)),
                ("__gt__", quote!(is_gt)),
                ("__ge__", quote!(is_ge)),
            ];
            let methods = ops.iter().filter(|(name, _)| !declared(name)).map(|(name, test)| {
                let name = format_ident!("{}", name);
                quote! {
                    fn #name(&self, __pb_py: ::pybridge::Python<'_>, other: ::pybridge::__private::pyo3::PyRef<'_, Self>) -> ::pybridge::__private::pyo3::PyResult<bool> {
                        self.__pb_with_pair(__pb_py, &other, |a, b| {
                            ::core::result::Result::Ok(::pybridge::__private::cmp_of(a, b).is_some_and(|o| o.#test()))
                        })
                    }
                }
            });
            quote!(#(#methods)*)
        }
        Dunder::Copy => quote! {
            fn __copy__(&self, __pb_py: ::pybridge::Python<'_>) -> ::pybridge::__private::pyo3::PyResult<Self> {
                self.__pb_with_lender(__pb_py, |v, l| ::core::result::Result::Ok(Self::__pb_view(l.wrap(::pybridge::__private::clone_of(v)))))
            }

            fn __deepcopy__(
                &self,
                __pb_py: ::pybridge::Python<'_>,
                memo: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::PyAny>,
            ) -> ::pybridge::__private::pyo3::PyResult<Self> {
                let _ = memo; // a copy of a view borrows the same thing
                self.__copy__(__pb_py)
            }
        },
        // Check refuses operators on views.
        Dunder::Op(..) => TokenStream::new(),
        _ => super::protocol::emit_dunder_methods(d),
    };
    quote!(#marker #methods)
}

/// The anchor parameter's declared type: the Python object the views borrow in place (`str`,
/// `bytes`) or the object whose value they borrow.
fn anchor_declared(f: &Function) -> impl Fn(&Param) -> Option<TokenStream> + '_ {
    let anchor = match f.borrows {
        Some(Borrow::Param(i)) => f.params.get(i),
        _ => None,
    };
    move |p: &Param| {
        let a = anchor.filter(|a| std::ptr::eq(*a, p))?;
        Some(match &a.ty.kind {
            TypeKind::Bytes { .. } => {
                quote!(&::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::types::PyBytes>)
            }
            TypeKind::Class(c) => {
                let wrapper = wrapper_ident(&c.name);
                quote!(&::pybridge::__private::pyo3::Bound<'_, #wrapper>)
            }
            _ => quote!(&::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::types::PyString>),
        })
    }
}

/// `f` as the call inside the lending closure sees it: the anchor parameter is already the
/// borrowed data (`&'h str`, `&'h [u8]`, `&'h T`), passed as it is.
fn call_view_of(f: &Function) -> Function {
    let mut f = f.clone();
    if let Some(Borrow::Param(i)) = f.borrows
        && let Some(p) = f.params.get_mut(i)
    {
        p.ty.kind = TypeKind::Str { borrowed: false };
    }
    f
}

/// `body` (which uses the borrowed data under the anchor's name and `__pb_lender`) inside the
/// runtime call lending the anchor parameter.
fn emit_lending(f: &Function, body: TokenStream) -> TokenStream {
    let Some(Borrow::Param(i)) = f.borrows else { return body };
    let Some(p) = f.params.get(i) else { return body };
    let name = param_ident(&p.name.rust);
    match &p.ty.kind {
        TypeKind::Bytes { .. } => quote!(::pybridge::__private::lend_bytes(#name, |#name, __pb_lender| { #body })),
        TypeKind::Class(c) => {
            let wrapper = wrapper_ident(&c.name);
            quote! {
            let __pb_owner = #name.try_borrow()?.inner.borrow_mut(#name.py())?.lend(#wrapper::__PB_NAME)?;
            ::pybridge::__private::lend_value(__pb_owner, ::pybridge::__private::pyo3::Bound::clone(#name).into_any().unbind(), |#name, __pb_lender| { #body })
            }
        }
        _ => quote!(::pybridge::__private::lend_str(#name, |#name, __pb_lender| { #body })),
    }
}

/// A free function returning views of its `&'h str` / `&'h [u8]` / `&'h C` argument.
pub(super) fn emit_borrowing_function(
    f: &Function,
    wrapper: &syn::Ident,
    target: &syn::Path,
    doc: TokenStream,
) -> TokenStream {
    let py_name = &f.name.py;
    let declared = anchor_declared(f);
    let (params, signature) = emit_params_with(f, &declared);
    let ret = emit_return_type(&f.returns);
    let body = emit_lending(f, emit_call(&call_view_of(f), quote!(#target)));
    quote! {
        #doc
        #[::pybridge::__private::pyo3::pyfunction]
        #[pyo3(crate = "::pybridge::__private::pyo3", name = #py_name, signature = #signature)]
        fn #wrapper(#(#params),*) -> ::pybridge::__private::pyo3::PyResult<#ret> {
            #body
        }
    }
}

/// A method returning views: of the object's own value (`&self`, lent while the views live),
/// of an argument, or (a view's method) of what the view borrows.
pub(super) fn emit_borrowing_method(
    m: &Function,
    inner: &syn::Path,
    ident: &syn::Ident,
    method: &syn::Ident,
    direct: bool,
    doc: &TokenStream,
) -> TokenStream {
    let py_name = &m.name.py;
    let declared = anchor_declared(m);
    let (params, signature) = emit_params_with(m, &declared);
    let ret = emit_return_type(&m.returns);
    let attr = match m.kind {
        FnKind::Getter => {
            let name = syn::LitStr::new(py_name, proc_macro2::Span::call_site());
            quote!(#[getter] #[pyo3(name = #name)])
        }
        _ if super::method::is_slot_protocol(py_name) => quote!(#[pyo3(name = #py_name)]),
        _ => quote!(#[pyo3(name = #py_name, signature = #signature)]),
    };
    let call = if m.extend {
        let path = expr_path(m.target().path());
        emit_call_with(&call_view_of(m), quote!(#path), Some(quote!(__pb_self)))
    } else {
        emit_call(&call_view_of(m), quote!(__pb_self.#method))
    };
    if m.kind == FnKind::Static {
        let target = super::class::static_target(inner, m, method);
        let body = emit_lending(m, emit_call(&call_view_of(m), target));
        return quote! {
            #doc
            #[staticmethod]
            #[pyo3(name = #py_name, signature = #signature)]
            fn #ident(#(#params),*) -> ::pybridge::__private::pyo3::PyResult<#ret> {
                #body
            }
        };
    }
    let mutable = m.kind == FnKind::MethodMut;
    let (receiver, body) = match m.borrows {
        Some(Borrow::Receiver) => (
            quote!(slf: &::pybridge::__private::pyo3::Bound<'_, Self>),
            quote! {
                // The value moves into an `Arc` the views share; while any lives, this object's
                // `&mut self` methods, setters and `close` raise `RuntimeError`.
                let __pb_owner = slf.try_borrow()?.inner.borrow_mut(slf.py())?.lend(Self::__PB_NAME)?;
                let __pb_parent = ::pybridge::__private::pyo3::Bound::clone(slf).into_any().unbind();
                ::pybridge::__private::lend_value(__pb_owner, __pb_parent, |__pb_self, __pb_lender| { #call })
            },
        ),
        Some(Borrow::View) => {
            (quote!(&self), quote!(self.__pb_with_lender(__pb_py, |__pb_self, __pb_lender| { #call })))
        }
        _ => (quote!(&self), super::method::emit_lent_body(emit_lending(m, call), direct, mutable)),
    };
    quote! {
        #doc
        #attr
        fn #ident(#receiver #(, #params)*) -> ::pybridge::__private::pyo3::PyResult<#ret> {
            #body
        }
    }
}
