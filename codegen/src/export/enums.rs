//! Enums: unit-only enums as enum classes, enums with data as a base class with one subclass
//! per variant.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{Attribute, Enum, Module, Variant};

use super::convert::{return_alias, wrapper_ident};
use super::protocol::*;
use crate::docs::emit_doc;
use crate::rust_type::emit_owned_type;

/// `__pb_with` of an enum wrapper, which holds its value directly (enums are frozen: no
/// close, no views). Generic parameters are `__PbR`: a user type named `R` is written `R` in
/// the signature (found by the spec property test).
pub(super) fn emit_direct_with(inner: &syn::Path) -> TokenStream {
    quote! {
        #[inline]
        #[allow(dead_code)]
        fn __pb_with<__PbR>(
            &self,
            _py: ::pybridge::Python<'_>,
            f: impl ::std::ops::FnOnce(&#inner) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
        ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
            f(&self.inner)
        }
    }
}

/// A unit-only enum: a real `enum.Enum` (or `enum.IntEnum`) class made by the runtime, whose
/// members' values are the Rust discriminants (`Variant as i64`). The wrapper is a plain value
/// (no Python object owns a Rust value): it converts to its variant's member and back, so it
/// crosses as parameters, returns, fields and constants like any value.
pub(super) fn emit_enum(module: &Module, e: &Enum) -> TokenStream {
    if e.has_data() {
        return emit_data_enum(module, e);
    }
    let wrapper = wrapper_ident(&e.name.py);
    let class = enum_class_ident(&e.name.py);
    let inner = e.target().path().clone();
    let py_name = &e.name.py;
    let module_name = &module.name.py;
    let doc = match &e.doc {
        Some(doc) => quote!(::core::option::Option::Some(#doc)),
        None => quote!(::core::option::Option::None),
    };
    let int = e.int;
    let names = e.variants.iter().map(|v| v.name.py.as_str());
    let idents: Vec<syn::Ident> = e.variants.iter().map(|v| format_ident!("{}", v.name.rust)).collect();
    let alias = return_alias(&e.name.py);
    let marker = crate::spec_marker::emit_spec_marker(&e.origin, &format!("enum `{py_name}`"));
    let helpers = emit_unit_enum_helpers(&wrapper, &class, &inner, &idents);
    let conversions = emit_unit_enum_conversions(&wrapper, &class);
    // The spec lists every variant (the matches are exhaustive), deprecated ones of a wrapped
    // crate included (`rust_decimal::RoundingStrategy::RoundHalfUp`): naming them is no warning.
    quote! {
        #marker
        #[allow(deprecated)]
        static #class: ::pybridge::__private::EnumClass =
            ::pybridge::__private::EnumClass::new(::pybridge::__private::EnumSpec {
                module: #module_name,
                name: #py_name,
                doc: #doc,
                int: #int,
                members: &[#((#names, #inner::#idents as i64)),*],
            });

        struct #wrapper {
            inner: #inner,
        }

        type #alias = #wrapper;

        #helpers

        #conversions
    }
}

/// The `static` holding a unit-only enum's Python class.
pub(super) fn enum_class_ident(py_name: &str) -> syn::Ident {
    format_ident!("__PB_ENUM_{}", py_name)
}

/// The unit-only enum wrapper's helpers: `__pb_wrap`, `__pb_with`, and the variant's position
/// (its member's index) both ways.
fn emit_unit_enum_helpers(
    wrapper: &syn::Ident,
    class: &syn::Ident,
    inner: &syn::Path,
    idents: &[syn::Ident],
) -> TokenStream {
    let with = emit_direct_with(inner);
    let positions: Vec<proc_macro2::Literal> = (0..idents.len()).map(proc_macro2::Literal::usize_unsuffixed).collect();
    quote! {
        // Each helper serves some uses of the enum (a parameter, a return) and not others.
        #[allow(dead_code, deprecated)]
        impl #wrapper {
            fn __pb_wrap(__pb_value: #inner) -> Self {
                Self { inner: __pb_value }
            }

            #with

            fn __pb_position(&self) -> usize {
                match self.inner {
                    #(#inner::#idents => #positions,)*
                }
            }

            fn __pb_at(__pb_position: usize) -> ::pybridge::__private::pyo3::PyResult<Self> {
                ::core::result::Result::Ok(Self::__pb_wrap(match __pb_position {
                    #(#positions => #inner::#idents,)*
                    _ => return ::core::result::Result::Err(#class.no_variant(__pb_position)),
                }))
            }
        }
    }
}

/// `IntoPyObject` (the variant's member) and `FromPyObject` (a member of this enum only); equality,
/// hashing and order by variant, so members can be set elements and dict keys.
fn emit_unit_enum_conversions(wrapper: &syn::Ident, class: &syn::Ident) -> TokenStream {
    quote! {
        impl ::core::cmp::PartialEq for #wrapper {
            fn eq(&self, other: &Self) -> bool {
                self.__pb_position() == other.__pb_position()
            }
        }

        impl ::core::cmp::Eq for #wrapper {}

        impl ::core::hash::Hash for #wrapper {
            fn hash<__PbH: ::core::hash::Hasher>(&self, state: &mut __PbH) {
                ::core::hash::Hash::hash(&self.__pb_position(), state)
            }
        }

        impl ::core::cmp::PartialOrd for #wrapper {
            fn partial_cmp(&self, other: &Self) -> ::core::option::Option<::core::cmp::Ordering> {
                ::core::option::Option::Some(::core::cmp::Ord::cmp(self, other))
            }
        }

        impl ::core::cmp::Ord for #wrapper {
            fn cmp(&self, other: &Self) -> ::core::cmp::Ordering {
                ::core::cmp::Ord::cmp(&self.__pb_position(), &other.__pb_position())
            }
        }

        impl<'py> ::pybridge::__private::pyo3::IntoPyObject<'py> for #wrapper {
            type Target = ::pybridge::__private::pyo3::PyAny;
            type Output = ::pybridge::__private::pyo3::Bound<'py, ::pybridge::__private::pyo3::PyAny>;
            type Error = ::pybridge::PyErr;

            fn into_pyobject(self, py: ::pybridge::Python<'py>) -> ::std::result::Result<Self::Output, Self::Error> {
                #class.member(py, self.__pb_position())
            }
        }

        impl<'a, 'py> ::pybridge::__private::pyo3::FromPyObject<'a, 'py> for #wrapper {
            type Error = ::pybridge::PyErr;

            fn extract(
                obj: ::pybridge::__private::pyo3::Borrowed<'a, 'py, ::pybridge::__private::pyo3::PyAny>,
            ) -> ::std::result::Result<Self, Self::Error> {
                Self::__pb_at(#class.position_of(&obj)?)
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
    let inner = e.target().path().clone();
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
    let into_pyobject = emit_into_variant_object(e, &base, &out, &inner, &variant_classes, &variant_idents);
    let pymethods = emit_data_enum_pymethods(e, &base, &variant_classes);
    let variants = e
        .variants
        .iter()
        .zip(&variant_classes)
        .zip(&variant_idents)
        .map(|((v, class), ident)| emit_variant_class(&inner, &base, module_name, class, ident, v));
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

        #into_pyobject

        #pymethods

        #(#variants)*
    }
}

/// `IntoPyObject` for the outgoing value: tells its variant apart and builds an instance of
/// that variant's class (initialized through the base class).
fn emit_into_variant_object(
    e: &Enum,
    base: &syn::Ident,
    out: &syn::Ident,
    inner: &syn::Path,
    variant_classes: &[syn::Ident],
    variant_idents: &[syn::Ident],
) -> TokenStream {
    // `Shape::Circle { .. }` / `Shape::Square(..)` / `Shape::Empty`, to tell variants apart.
    let any_patterns: Vec<TokenStream> = e
        .variants
        .iter()
        .zip(variant_idents)
        .map(|(v, ident)| match (v.tuple, v.fields.is_empty()) {
            (true, _) => quote!(#inner::#ident(..)),
            (false, false) => quote!(#inner::#ident { .. }),
            (false, true) => quote!(#inner::#ident),
        })
        .collect();
    let indices = (0..e.variants.len()).map(proc_macro2::Literal::usize_unsuffixed);
    let indices2 = (0..e.variants.len()).map(proc_macro2::Literal::usize_unsuffixed);
    quote! {
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
    }
}

/// The base class's `#[pymethods]`: one class attribute per variant (its class) and the
/// dunders of the enum's derived traits.
fn emit_data_enum_pymethods(e: &Enum, base: &syn::Ident, variant_classes: &[syn::Ident]) -> TokenStream {
    // Derived traits give every variant class `__eq__`, `__repr__`… through the base class.
    let dunders = e.dunders.iter().map(emit_dunder_methods);
    let class_attrs = e.variants.iter().zip(variant_classes).map(|(v, class)| {
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
    quote! {
        #[::pybridge::__private::pyo3::pymethods(crate = "::pybridge::__private::pyo3")]
        impl #base {
            #(#class_attrs)*
            #(#dunders)*
        }
    }
}

/// One variant's class: a final subclass of the enum's base class, constructed from the
/// variant's fields (`Shape.Circle(r=1.0)`), with the fields as read-only properties.
fn emit_variant_class(
    inner: &syn::Path,
    base: &syn::Ident,
    module_name: &str,
    class: &syn::Ident,
    ident: &syn::Ident,
    v: &Variant,
) -> TokenStream {
    let name = &v.name.py;
    let params: Vec<syn::Ident> = v
        .fields
        .iter()
        .map(|f| format_ident!("{}", if v.tuple { f.name.py.clone() } else { f.name.rust.clone() }))
        .collect();
    let types: Vec<TokenStream> = v.fields.iter().map(|f| emit_owned_type(&f.ty)).collect();
    let construct = match (v.tuple, v.fields.is_empty()) {
        (true, _) => quote!(#inner::#ident(#(#params),*)),
        (false, false) => quote!(#inner::#ident { #(#params),* }),
        (false, true) => quote!(#inner::#ident),
    };
    let getters = v.fields.iter().enumerate().map(|(i, f)| emit_variant_getter(inner, ident, v, i, f));
    // `case Shape.Circle(r)` in Python 3.10+ matches positionally through `__match_args__`.
    let match_args = (!v.fields.is_empty()).then(|| {
        let names = v.fields.iter().map(|f| f.name.py.as_str());
        let names_ty = v.fields.iter().map(|_| quote!(&'static str));
        quote! {
            #[classattr]
            fn __match_args__() -> (#(#names_ty,)*) {
                (#(#names,)*)
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
            #match_args
        }
    }
}

/// The getter of field `i` (`f`) of variant `v`: matches the variant held by the base class.
fn emit_variant_getter(inner: &syn::Path, ident: &syn::Ident, v: &Variant, i: usize, f: &Attribute) -> TokenStream {
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
}
