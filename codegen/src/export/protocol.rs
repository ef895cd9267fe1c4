//! Python protocols from Rust traits (`__repr__`, `__str__`, `__eq__`, `__hash__`, ordering).

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::operators::{Operands, Operator};
use pybridge_model::{Class, Dunder};

/// A protocol from a Rust trait, marked with the class's spec line (rustc's error for a type
/// lacking the trait lands here, with the runtime's message naming the trait and the fix).
pub(super) fn emit_dunder(c: &Class, d: &Dunder) -> TokenStream {
    let trait_name = match d {
        Dunder::Repr => "Debug",
        Dunder::Str => "Display",
        Dunder::Eq => "PartialEq",
        Dunder::Hash => "Hash",
        Dunder::Ord => "PartialOrd",
        Dunder::Copy => "Clone",
        Dunder::Op(op, _) => op.trait_name(),
    };
    let marker =
        crate::spec_marker::emit_spec_marker(&c.origin, &format!("trait `{trait_name}` of class `{}`", c.name.py));
    // A protocol method the class declares by name takes precedence (`__repr__` over a derived
    // `Debug`); check refuses the pair in a spec, which lists its traits on purpose.
    let declared = |name: &str| c.methods.iter().any(|m| m.name.py == name);
    let methods = match d {
        Dunder::Ord => emit_orderings(&|name| !declared(name)),
        _ if d.python_names().iter().any(|n| declared(n)) => return TokenStream::new(),
        _ => emit_dunder_methods(d),
    };
    quote!(#marker #methods)
}

pub(super) fn emit_dunder_methods(d: &Dunder) -> TokenStream {
    match d {
        Dunder::Repr => quote! {
            fn __repr__(&self, __pb_py: ::pybridge::Python<'_>) -> ::pybridge::__private::pyo3::PyResult<::std::string::String> {
                self.__pb_with(__pb_py, |v| ::core::result::Result::Ok(::pybridge::__private::repr_of(v)))
            }
        },
        Dunder::Str => quote! {
            fn __str__(&self, __pb_py: ::pybridge::Python<'_>) -> ::pybridge::__private::pyo3::PyResult<::std::string::String> {
                self.__pb_with(__pb_py, |v| ::core::result::Result::Ok(::pybridge::__private::str_of(v)))
            }
        },
        Dunder::Eq => quote! {
            fn __eq__(&self, __pb_py: ::pybridge::Python<'_>, other: ::pybridge::__private::pyo3::PyRef<'_, Self>) -> ::pybridge::__private::pyo3::PyResult<bool> {
                self.__pb_with(__pb_py, |a| other.__pb_with(__pb_py, |b| ::core::result::Result::Ok(::pybridge::__private::eq_of(a, b))))
            }
        },
        Dunder::Hash => quote! {
            fn __hash__(&self, __pb_py: ::pybridge::Python<'_>) -> ::pybridge::__private::pyo3::PyResult<u64> {
                self.__pb_with(__pb_py, |v| ::core::result::Result::Ok(::pybridge::__private::hash_of(v)))
            }
        },
        Dunder::Ord => emit_orderings(&|_| true),
        // The copy is a new object of the class itself (a Python subclass's copy is of the
        // base class: the subclass's constructor is unknown here).
        Dunder::Copy => quote! {
            fn __copy__(&self, py: ::pybridge::Python<'_>) -> ::pybridge::__private::pyo3::PyResult<::pybridge::Object> {
                let value = self.__pb_with(py, |v| ::core::result::Result::Ok(::pybridge::__private::clone_of(v)))?;
                ::pybridge::__private::into_object(py, Self::__pb_wrap(value))
            }

            fn __deepcopy__(
                &self,
                py: ::pybridge::Python<'_>,
                memo: &::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::PyAny>,
            ) -> ::pybridge::__private::pyo3::PyResult<::pybridge::Object> {
                let _ = memo; // the value holds no Python objects to share
                self.__copy__(py)
            }
        },
        Dunder::Op(op, operands) => emit_operator(*op, *operands),
    }
}

/// An operator from a `std::ops` trait: the result, a new value, becomes a new object of the
/// class. A binary operator's operand of another type fails pyo3's extraction of the
/// `PyRef<Self>`, which pyo3 answers with `NotImplemented` for operator slots, so Python tries
/// the other operand's reflected method.
fn emit_operator(op: Operator, operands: Operands) -> TokenStream {
    let name = quote::format_ident!("{}", op.python_name());
    let suffix = match operands {
        Operands::Cloned => "of",
        Operands::Borrowed => "ref_of",
    };
    let call = quote::format_ident!("{}_{suffix}", op.method());
    if op.is_unary() {
        return quote! {
            fn #name(&self, py: ::pybridge::Python<'_>) -> ::pybridge::__private::pyo3::PyResult<::pybridge::Object> {
                let __pb_value = self.__pb_with(py, |a| ::core::result::Result::Ok(::pybridge::__private::#call(a)))?;
                ::pybridge::__private::into_object(py, Self::__pb_wrap(__pb_value))
            }
        };
    }
    quote! {
        fn #name(
            &self,
            py: ::pybridge::Python<'_>,
            other: ::pybridge::__private::pyo3::PyRef<'_, Self>,
        ) -> ::pybridge::__private::pyo3::PyResult<::pybridge::Object> {
            let __pb_value = self.__pb_with(py, |a| other.__pb_with(py, |b| ::core::result::Result::Ok(::pybridge::__private::#call(a, b))))?;
            ::pybridge::__private::into_object(py, Self::__pb_wrap(__pb_value))
        }
    }
}

/// `__lt__`, `__le__`, `__gt__`, `__ge__` from `PartialOrd`, those `wanted` lets through.
fn emit_orderings(wanted: &dyn Fn(&str) -> bool) -> TokenStream {
    let ops = [
        (quote!(__lt__), quote!(is_lt)),
        (quote!(__le__), quote!(is_le)),
        (quote!(__gt__), quote!(is_gt)),
        (quote!(__ge__), quote!(is_ge)),
    ];
    let methods = ops.iter().filter(|(name, _)| wanted(&name.to_string())).map(|(name, test)| {
        quote! {
            fn #name(&self, __pb_py: ::pybridge::Python<'_>, other: ::pybridge::__private::pyo3::PyRef<'_, Self>) -> ::pybridge::__private::pyo3::PyResult<bool> {
                self.__pb_with(__pb_py, |a| other.__pb_with(__pb_py, |b| {
                    ::core::result::Result::Ok(::pybridge::__private::cmp_of(a, b).is_some_and(|o| o.#test()))
                }))
            }
        }
    });
    quote!(#(#methods)*)
}
