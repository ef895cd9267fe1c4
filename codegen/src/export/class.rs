//! `#[pyclass]` wrappers: a class wraps its Rust value as `Option<T>` (taken by `close`, so
//! `Drop` runs exactly once, at close or when Python frees the object) and forwards methods,
//! properties and protocols; an enum wraps its value with one class attribute per variant.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use pybridge_model::{Attribute, Class, Dunder, Enum, FnKind, Function, Module, ReturnPolicy, TypeKind};

use super::convert::{emit_return_type, emit_wrap, return_alias, wrapper_ident};
use super::{emit_call, emit_params, expr_path};
use crate::docs::emit_doc;
use crate::rust_type::emit_owned_type;

fn rust_path(path: &Option<String>, fallback: &str) -> syn::Path {
    syn::parse_str(path.as_deref().unwrap_or(fallback)).unwrap_or_else(|_| syn::parse_quote!(Unresolved))
}

/// The function a static method or constructor calls: a full path (`rust: crate::make_it`, or
/// `FromStr::from_str`), or an associated function of the class's type.
fn static_target(inner: &syn::Path, m: &Function, method: &syn::Ident) -> TokenStream {
    match m.rust_path.as_deref().filter(|p| p.contains("::")) {
        Some(path) => {
            let path: syn::Path = syn::parse_str(path).unwrap_or_else(|_| syn::parse_quote!(unresolved));
            let path = expr_path(&path);
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
    let inner = rust_path(&c.rust_path, &c.name.rust);
    let py_name = &c.name.py;
    let module_name = &module.name.py;
    let doc = c.doc.as_deref().map(emit_doc);
    let marker = crate::spec_marker::emit_spec_marker(&c.origin, &format!("class `{py_name}`"));
    let doc = quote!(#marker #doc);
    let mut options =
        vec![quote!(crate = "::pybridge::__private::pyo3"), quote!(name = #py_name), quote!(module = #module_name)];
    if c.subclass {
        options.push(quote!(subclass));
    }
    if c.unsendable {
        options.push(quote!(unsendable));
    }
    // Objects that can never be views lend their value directly (no closure per method: less
    // code for rustc to instantiate); views need `__pb_with`, which re-borrows their parent.
    let direct = !can_be_view(module, c);
    let methods = c.methods.iter().map(|m| emit_method(&wrapper, &inner, m, c.close.as_deref(), direct));
    let properties = c.attributes.iter().map(|a| emit_property(&wrapper, a));
    let dunders = c.dunders.iter().map(|d| emit_dunder(c, d));
    let iter = c.iter_item.as_ref().map(|item_type| {
        // Python objects are copied with `clone_ref`, classes cross as their wrappers (found by
        // the spec property test: `item: Option<pybridge::Object>` and `item: C` did not compile).
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
                let items: ::std::vec::Vec<#item> = self.__pb_with(|__pb_self| {
                    ::core::result::Result::Ok(::std::iter::IntoIterator::into_iter(__pb_self).map(#each).collect())
                })?;
                let list = ::pybridge::__private::pyo3::types::PyList::new(py, items)?;
                ::pybridge::__private::pyo3::types::PyAnyMethods::try_iter(list.as_any()).map(|it| it.into_any())
            }
        }
    });
    let close = c.close.as_ref().map(|close| {
        let close = format_ident!("{}", close);
        quote! {
            fn __enter__(slf: ::pybridge::__private::pyo3::PyRef<'_, Self>) -> ::pybridge::__private::pyo3::PyRef<'_, Self> {
                slf
            }

            fn __exit__(
                &mut self,
                _exc_type: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::PyAny>,
                _exc_value: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::PyAny>,
                _traceback: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::PyAny>,
            ) -> bool {
                if let ::core::option::Option::Some(mut inner) = self.inner.take() {
                    inner.#close();
                }
                false
            }
        }
    });
    let gc = needs_gc(module, c).then(|| super::gc::emit_gc(c));
    let alias = return_alias(&c.name.py);
    quote! {
        #doc
        #[::pybridge::__private::pyo3::pyclass(#(#options),*)]
        struct #wrapper {
            // Unread when the class has no method (a constructor alone): still the value's owner.
            #[allow(dead_code)]
            inner: ::pybridge::__private::Holder<#inner>,
        }

        type #alias = #wrapper;

        #[allow(dead_code)]
        impl #wrapper {
            const __PB_NAME: &'static str = #py_name;

            // `__pb_` bindings: a user enum may have a variant named `value` (rustc's
            // deny-by-default `bindings_with_variant_name`; found by the spec property test).
            fn __pb_wrap(__pb_value: #inner) -> Self {
                Self { inner: ::pybridge::__private::Holder::Owned(__pb_value) }
            }

            fn __pb_share(__pb_value: ::std::sync::Arc<#inner>) -> Self {
                Self { inner: ::pybridge::__private::Holder::Shared(__pb_value) }
            }

            #[inline]
            fn __pb_with<__PbR>(
                &self,
                f: impl ::std::ops::FnOnce(&#inner) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                self.inner.with(#py_name, f)
            }

            #[inline]
            fn __pb_with_mut<__PbR>(
                &mut self,
                f: impl ::std::ops::FnOnce(&mut #inner) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                self.inner.with_mut(#py_name, f)
            }

            fn __pb_shared(&mut self) -> ::pybridge::__private::pyo3::PyResult<::std::sync::Arc<#inner>> {
                self.inner.share(#py_name)
            }
        }

        #[::pybridge::__private::pyo3::pymethods(crate = "::pybridge::__private::pyo3")]
        impl #wrapper {
            #(#methods)*
            #(#properties)*
            #(#dunders)*
            #iter
            #close
            #gc
        }
    }
}

/// `ExportedClass` for a class that import stubs of the same spec also take or return: values
/// cross by copy, into a new object of the class and out of an instance of it.
pub(super) fn emit_crossing(c: &Class) -> TokenStream {
    let wrapper = wrapper_ident(&c.name.py);
    let inner = rust_path(&c.rust_path, &c.name.rust);
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
                obj.cast::<#wrapper>()?.try_borrow()?.__pb_with(|v| ::core::result::Result::Ok(::pybridge::__private::clone_of(v)))
            }
        }
    }
}

/// Whether the class takes part in Python's cycle collector: it has fields holding Python
/// objects, or it can be a view (which holds its parent object).
fn needs_gc(module: &Module, c: &Class) -> bool {
    can_be_view(module, c) || c.attributes.iter().any(|a| a.ty.uses_any())
}

/// Whether some method or field of the module returns a view of this class (its objects may
/// then stand for a part of another object's value).
fn can_be_view(module: &Module, c: &Class) -> bool {
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

/// A property: a copy of the field (a new object for a class-typed field), or for `view`
/// fields a view into this object.
fn emit_property(wrapper: &syn::Ident, a: &Attribute) -> TokenStream {
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
        quote! {
            #doc
            #[getter] #[pyo3(name = #name)]
            fn #get(&self, __pb_py: ::pybridge::Python<'_>) -> ::pybridge::__private::pyo3::PyResult<#ty> {
                let _ = __pb_py;
                self.__pb_with(|__pb_self| ::core::result::Result::Ok(#value))
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
        let convert =
            matches!(a.ty.kind, TypeKind::Class(_) | TypeKind::List(_)).then(|| quote!(let __pb_value = #value;));
        quote! {
            #[setter] #[pyo3(name = #name)]
            fn #set(&mut self, __pb_value: #ty) -> ::pybridge::__private::pyo3::PyResult<()> {
                #convert
                self.__pb_with_mut(|__pb_self| {
                    __pb_self.#field = __pb_value;
                    ::core::result::Result::Ok(())
                })
            }
        }
    });
    quote!(#getter #setter)
}

/// The body of a getter returning a view into `slf` (which it keeps alive): `read` (and
/// `write`, for fields) reach the part of `__pb_self` the view stands for.
fn emit_view(wrapper: &syn::Ident, target: &TokenStream, read: TokenStream, write: Option<TokenStream>) -> TokenStream {
    let write = match write {
        Some(write) => quote! {
            ::std::option::Option::Some(|__pb_parent, __pb_f| {
                let mut __pb_parent = __pb_parent.cast::<#wrapper>()?.try_borrow_mut()?;
                __pb_parent.__pb_with_mut(|__pb_self| __pb_f(#write))
            })
        },
        None => quote!(::std::option::Option::None),
    };
    quote! {
        // A closed object fails here, not at the view's first use.
        slf.try_borrow()?.__pb_with(|_| ::core::result::Result::Ok(()))?;
        ::core::result::Result::Ok(#target {
            inner: ::pybridge::__private::Holder::view(
                ::std::clone::Clone::clone(slf).into_any().unbind(),
                |__pb_parent, __pb_f| {
                    let __pb_parent = __pb_parent.cast::<#wrapper>()?.try_borrow()?;
                    __pb_parent.__pb_with(|__pb_self| __pb_f(#read))
                },
                #write,
            ),
        })
    }
}

fn emit_method(
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

/// A protocol from a Rust trait, marked with the class's spec line (rustc's error for a type
/// lacking the trait lands here, with the runtime's message naming the trait and the fix).
fn emit_dunder(c: &Class, d: &Dunder) -> TokenStream {
    let trait_name = match d {
        Dunder::Repr => "Debug",
        Dunder::Str => "Display",
        Dunder::Eq => "PartialEq",
        Dunder::Hash => "Hash",
        Dunder::Ord => "PartialOrd",
    };
    let marker =
        crate::spec_marker::emit_spec_marker(&c.origin, &format!("trait `{trait_name}` of class `{}`", c.name.py));
    let methods = emit_dunder_methods(d);
    quote!(#marker #methods)
}

fn emit_dunder_methods(d: &Dunder) -> TokenStream {
    match d {
        Dunder::Repr => quote! {
            fn __repr__(&self) -> ::pybridge::__private::pyo3::PyResult<::std::string::String> {
                self.__pb_with(|v| ::core::result::Result::Ok(::pybridge::__private::repr_of(v)))
            }
        },
        Dunder::Str => quote! {
            fn __str__(&self) -> ::pybridge::__private::pyo3::PyResult<::std::string::String> {
                self.__pb_with(|v| ::core::result::Result::Ok(::pybridge::__private::str_of(v)))
            }
        },
        Dunder::Eq => quote! {
            fn __eq__(&self, other: ::pybridge::__private::pyo3::PyRef<'_, Self>) -> ::pybridge::__private::pyo3::PyResult<bool> {
                self.__pb_with(|a| other.__pb_with(|b| ::core::result::Result::Ok(::pybridge::__private::eq_of(a, b))))
            }
        },
        Dunder::Hash => quote! {
            fn __hash__(&self) -> ::pybridge::__private::pyo3::PyResult<u64> {
                self.__pb_with(|v| ::core::result::Result::Ok(::pybridge::__private::hash_of(v)))
            }
        },
        Dunder::Ord => {
            let ops = [
                (quote!(__lt__), quote!(is_lt)),
                (quote!(__le__), quote!(is_le)),
                (quote!(__gt__), quote!(is_gt)),
                (quote!(__ge__), quote!(is_ge)),
            ];
            let methods = ops.iter().map(|(name, test)| {
                quote! {
                    fn #name(&self, other: ::pybridge::__private::pyo3::PyRef<'_, Self>) -> ::pybridge::__private::pyo3::PyResult<bool> {
                        self.__pb_with(|a| other.__pb_with(|b| {
                            ::core::result::Result::Ok(::pybridge::__private::cmp_of(a, b).is_some_and(|o| o.#test()))
                        }))
                    }
                }
            });
            quote!(#(#methods)*)
        }
    }
}

/// `__pb_with` of an enum wrapper, which holds its value directly (enums are frozen: no
/// close, no views). Generic parameters are `__PbR`: a user type named `R` is written `R` in
/// the signature (found by the spec property test).
fn emit_direct_with(inner: &syn::Path) -> TokenStream {
    quote! {
        #[inline]
        #[allow(dead_code)]
        fn __pb_with<__PbR>(
            &self,
            f: impl ::std::ops::FnOnce(&#inner) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
        ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
            f(&self.inner)
        }
    }
}

/// A unit-only enum: a class whose instances wrap one variant, with the variants as class
/// attributes, `name`/`value`, `__int__`, `__eq__`, `__hash__` and `__repr__` (`Color.Red`).
pub(super) fn emit_enum(module: &Module, e: &Enum) -> TokenStream {
    if e.has_data() {
        return emit_data_enum(module, e);
    }
    let wrapper = wrapper_ident(&e.name.py);
    let inner = rust_path(&e.rust_path, &e.name.rust);
    let with = emit_direct_with(&inner);
    let py_name = &e.name.py;
    let module_name = &module.name.py;
    let doc = e.doc.as_deref().map(emit_doc);
    let variant_idents: Vec<syn::Ident> = e.variants.iter().map(|v| format_ident!("{}", v.name.rust)).collect();
    let variant_names: Vec<&str> = e.variants.iter().map(|v| v.name.py.as_str()).collect();
    let values: Vec<i64> = e.variants.iter().map(|v| v.value).collect();
    let attrs = variant_idents.iter().zip(&variant_names).map(|(ident, name)| {
        let fn_name = format_ident!("__pb_v_{}", ident);
        quote! {
            #[classattr]
            #[pyo3(name = #name)]
            fn #fn_name() -> Self {
                Self::__pb_wrap(#inner::#ident)
            }
        }
    });
    let alias = return_alias(&e.name.py);
    let marker = crate::spec_marker::emit_spec_marker(&e.origin, &format!("enum `{py_name}`"));
    quote! {
        #marker
        #doc
        #[::pybridge::__private::pyo3::pyclass(crate = "::pybridge::__private::pyo3", name = #py_name, module = #module_name, frozen)]
        struct #wrapper {
            inner: #inner,
        }

        type #alias = #wrapper;

        impl #wrapper {
            fn __pb_wrap(__pb_value: #inner) -> Self {
                Self { inner: __pb_value }
            }

            #with

            fn __pb_index(&self) -> (i64, &'static str) {
                match self.inner {
                    #(#inner::#variant_idents => (#values, #variant_names),)*
                }
            }
        }

        #[::pybridge::__private::pyo3::pymethods(crate = "::pybridge::__private::pyo3")]
        impl #wrapper {
            #(#attrs)*

            /// The variant's name.
            #[getter]
            fn name(&self) -> &'static str {
                self.__pb_index().1
            }

            /// The variant's integer value.
            #[getter]
            fn value(&self) -> i64 {
                self.__pb_index().0
            }

            fn __int__(&self) -> i64 {
                self.__pb_index().0
            }

            fn __repr__(&self) -> ::std::string::String {
                ::std::format!("{}.{}", #py_name, self.__pb_index().1)
            }

            fn __eq__(&self, other: ::pybridge::__private::pyo3::PyRef<'_, Self>) -> bool {
                self.__pb_index().0 == other.__pb_index().0
            }

            fn __hash__(&self) -> u64 {
                self.__pb_index().0 as u64
            }
        }
    }
}

/// An enum whose variants carry data: a base class `Shape` (holding the Rust value) and one
/// subclass per variant (`Shape.Circle(r=1.0)`) with the variant's fields as read-only
/// properties. Values returned to Python become an instance of their variant's class.
pub(super) fn emit_data_enum(module: &Module, e: &Enum) -> TokenStream {
    let base = wrapper_ident(&e.name.py);
    let out = format_ident!("__PbOut_{}", e.name.py);
    let alias = return_alias(&e.name.py);
    let inner = rust_path(&e.rust_path, &e.name.rust);
    let with = emit_direct_with(&inner);
    let py_name = &e.name.py;
    let module_name = &module.name.py;
    let doc = e.doc.as_deref().map(emit_doc);
    let variant_classes: Vec<syn::Ident> = e
        .variants
        .iter()
        .map(|v| format_ident!("__PbVariant_{}_{}", e.name.py, pybridge_model::names::unraw(&v.name.rust)))
        .collect();
    let variant_idents: Vec<syn::Ident> = e.variants.iter().map(|v| format_ident!("{}", v.name.rust)).collect();
    // `Shape::Circle { .. }` / `Shape::Square(..)` / `Shape::Empty`, to tell variants apart.
    let any_patterns: Vec<TokenStream> = e
        .variants
        .iter()
        .zip(&variant_idents)
        .map(|(v, ident)| match (v.tuple, v.fields.is_empty()) {
            (true, _) => quote!(#inner::#ident(..)),
            (false, false) => quote!(#inner::#ident { .. }),
            (false, true) => quote!(#inner::#ident),
        })
        .collect();
    // Derived traits give every variant class `__eq__`, `__repr__`… through the base class.
    let dunders = e.dunders.iter().map(emit_dunder_methods);
    let indices = (0..e.variants.len()).map(proc_macro2::Literal::usize_unsuffixed);
    let indices2 = (0..e.variants.len()).map(proc_macro2::Literal::usize_unsuffixed);
    let class_attrs = e.variants.iter().zip(&variant_classes).map(|(v, class)| {
        let fn_name = format_ident!("__pb_variant_{}", pybridge_model::names::unraw(&v.name.rust));
        let name = &v.name.py;
        quote! {
            #[classattr]
            #[pyo3(name = #name)]
            fn #fn_name(py: ::pybridge::Python<'_>) -> ::pybridge::__private::pyo3::Py<::pybridge::__private::pyo3::types::PyType> {
                py.get_type::<#class>().unbind()
            }
        }
    });
    let variants = e.variants.iter().zip(&variant_classes).zip(&variant_idents).map(|((v, class), ident)| {
        let name = &v.name.py;
        let params: Vec<syn::Ident> = v.fields.iter().map(|f| format_ident!("{}", if v.tuple { f.name.py.clone() } else { f.name.rust.clone() })).collect();
        let types: Vec<TokenStream> = v.fields.iter().map(|f| emit_owned_type(&f.ty)).collect();
        let construct = match (v.tuple, v.fields.is_empty()) {
            (true, _) => quote!(#inner::#ident(#(#params),*)),
            (false, false) => quote!(#inner::#ident { #(#params),* }),
            (false, true) => quote!(#inner::#ident),
        };
        let getters = v.fields.iter().enumerate().map(|(i, f)| {
            let getter = format_ident!("__pb_get_{}", f.name.py.trim_start_matches('_'));
            let prop = syn::LitStr::new(&f.name.py, proc_macro2::Span::call_site());
            let ty = emit_owned_type(&f.ty);
            let binding = format_ident!("__pb_field");
            let pattern = if v.tuple {
                let parts = (0..v.fields.len()).map(|j| if j == i { quote!(#binding) } else { quote!(_) });
                quote!(#inner::#ident(#(#parts),*))
            } else {
                let field = format_ident!("{}", f.name.rust);
                quote!(#inner::#ident { #field: #binding, .. })
            };
            quote! {
                #[getter]
                #[pyo3(name = #prop)]
                fn #getter(slf: ::pybridge::__private::pyo3::PyRef<'_, Self>) -> #ty {
                    match &slf.as_super().inner {
                        #pattern => ::std::clone::Clone::clone(#binding),
                        _ => ::core::unreachable!("a variant class always holds its own variant"),
                    }
                }
            }
        });
        quote! {
            #[::pybridge::__private::pyo3::pyclass(crate = "::pybridge::__private::pyo3", name = #name, module = #module_name, extends = #base, frozen)]
            struct #class;

            #[::pybridge::__private::pyo3::pymethods(crate = "::pybridge::__private::pyo3")]
            impl #class {
                #[new]
                #[pyo3(signature = (#(#params),*))]
                fn __pb_new(#(#params: #types),*) -> ::pybridge::__private::pyo3::PyClassInitializer<Self> {
                    ::pybridge::__private::pyo3::PyClassInitializer::from(#base { inner: #construct }).add_subclass(Self)
                }
                #(#getters)*
            }
        }
    });
    quote! {
        #doc
        #[::pybridge::__private::pyo3::pyclass(crate = "::pybridge::__private::pyo3", name = #py_name, module = #module_name, subclass, frozen)]
        struct #base {
            inner: #inner,
        }

        /// A value on its way to Python: becomes an instance of its variant's class.
        struct #out(#inner);

        type #alias = #out;

        impl #base {
            fn __pb_wrap(__pb_value: #inner) -> #out {
                #out(__pb_value)
            }

            #with
        }

        impl<'py> ::pybridge::__private::pyo3::IntoPyObject<'py> for #out {
            type Target = ::pybridge::__private::pyo3::PyAny;
            type Output = ::pybridge::__private::pyo3::Bound<'py, ::pybridge::__private::pyo3::PyAny>;
            type Error = ::pybridge::PyErr;

            fn into_pyobject(self, py: ::pybridge::Python<'py>) -> ::std::result::Result<Self::Output, Self::Error> {
                let variant = match &self.0 {
                    #(#any_patterns => #indices,)*
                };
                let init = ::pybridge::__private::pyo3::PyClassInitializer::from(#base { inner: self.0 });
                match variant {
                    #(#indices2 => ::core::result::Result::Ok(::pybridge::__private::pyo3::Bound::new(py, init.add_subclass(#variant_classes))?.into_any()),)*
                    _ => ::core::unreachable!(),
                }
            }
        }

        #[::pybridge::__private::pyo3::pymethods(crate = "::pybridge::__private::pyo3")]
        impl #base {
            #(#class_attrs)*
            #(#dunders)*
        }

        #(#variants)*
    }
}
