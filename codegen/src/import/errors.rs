//! `m::Error` for an imported module that declares exception classes: one variant per declared
//! class (matched with `isinstance`, the most derived declared class wins), `Other` for the
//! rest. Every variant carries the full `pybridge::Error` (type, message, traceback, causes).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Ctx, ident};
use crate::docs::emit_doc;

/// The enum, or nothing when the module declares no exception class.
pub(crate) fn emit_error_enum(ctx: &Ctx<'_>) -> TokenStream {
    let module = ctx.module;
    if module.exceptions.is_empty() {
        return TokenStream::new();
    }
    let m = &module.name.py;
    let variants: Vec<syn::Ident> = module.exceptions.iter().map(|e| ident(&e.name.rust)).collect();
    let statics: Vec<syn::Ident> = module
        .exceptions
        .iter()
        .map(|e| format_ident!("__PB_EXC_{}", pybridge_model::names::unraw(&e.name.rust)))
        .collect();
    let py_names: Vec<&str> = module.exceptions.iter().map(|e| e.name.py.as_str()).collect();
    let with_fields: Vec<bool> = module.exceptions.iter().map(|e| !e.attributes.is_empty()).collect();
    let definition = emit_enum_definition(ctx, &variants, &with_fields);
    let structs = module.exceptions.iter().filter(|e| !e.attributes.is_empty()).map(|e| emit_fields_struct(ctx, e));
    let accessors = emit_accessors(&variants, &with_fields);
    let conversions = emit_conversions(ctx, &variants, &statics);
    quote! {
        #definition
        #(#structs)*

        #(static #statics: ::pybridge::__private::ImportedAttr = ::pybridge::__private::ImportedAttr::new(#m, #py_names);)*

        #accessors
        #conversions
    }
}

/// `pub enum Error`: one documented variant per declared class, then `Other`.
fn emit_enum_definition(ctx: &Ctx<'_>, variants: &[syn::Ident], with_fields: &[bool]) -> TokenStream {
    let module = ctx.module;
    let m = &module.name.py;
    let docs = module.exceptions.iter().map(|e| {
        let mut text = format!("`{m}.{}` (or a subclass) was raised.", e.name.py);
        text.push_str(&python_bases(e));
        if let Some(doc) = &e.doc {
            text.push_str("\n\n");
            text.push_str(doc);
        }
        emit_doc(&text)
    });
    let enum_doc = emit_doc(&format!(
        "Errors of the `{m}` stubs: the exception classes the spec declares, and `Other` for everything else."
    ));
    // An exception with attributes carries them in a struct of its name (floats among them:
    // `PartialEq` only).
    let payloads = variants
        .iter()
        .zip(with_fields)
        .map(|(v, fields)| if *fields { quote!(#v) } else { quote!(::pybridge::Error) });
    let eq = (!with_fields.iter().any(|f| *f)).then(|| quote!(, Eq));
    quote! {
        #enum_doc
        #[derive(Clone, Debug, PartialEq #eq)]
        pub enum Error {
            #(#docs #variants(#payloads),)*
            /// Any other Python exception, a conversion failure, or an interpreter that cannot start.
            Other(::pybridge::Error),
        }
    }
}

/// `Error::error`, `Error::into_error`, `Deref`, `Display` and `std::error::Error`: the
/// underlying `pybridge::Error`, whatever the variant.
fn emit_accessors(variants: &[syn::Ident], with_fields: &[bool]) -> TokenStream {
    let borrowed = variants
        .iter()
        .zip(with_fields)
        .map(|(v, fields)| if *fields { quote!(Self::#v(e) => &e.error,) } else { quote!(Self::#v(e) => e,) });
    let owned = variants
        .iter()
        .zip(with_fields)
        .map(|(v, fields)| if *fields { quote!(Self::#v(e) => e.error,) } else { quote!(Self::#v(e) => e,) });
    quote! {
        impl Error {
            /// The underlying error, whatever the variant.
            pub fn error(&self) -> &::pybridge::Error {
                match self {
                    #(#borrowed)*
                    Self::Other(e) => e,
                }
            }

            /// The underlying error, whatever the variant.
            pub fn into_error(self) -> ::pybridge::Error {
                match self {
                    #(#owned)*
                    Self::Other(e) => e,
                }
            }
        }

        /// Every variant carries a `pybridge::Error`: its type name, message, traceback and causes
        /// are one `.` away.
        impl ::std::ops::Deref for Error {
            type Target = ::pybridge::Error;

            fn deref(&self) -> &::pybridge::Error {
                self.error()
            }
        }

        impl ::std::fmt::Display for Error {
            // `__pb_` locals: a class of the module may be named `f` or `error` (its handle is a
            // tuple struct, which a binding cannot shadow; found by the spec property test).
            fn fmt(&self, __pb_f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.error(), __pb_f)
            }
        }

        impl ::std::error::Error for Error {}
    }
}

/// The conversions: `From<pybridge::Error>` (as `Other`), into `pybridge::Error`, and
/// `FromPyErr`, which picks the variant of the most derived declared class with `isinstance`.
fn emit_conversions(ctx: &Ctx<'_>, variants: &[syn::Ident], statics: &[syn::Ident]) -> TokenStream {
    let indices = (0..variants.len()).map(proc_macro2::Literal::usize_unsuffixed);
    let arms = ctx.module.exceptions.iter().zip(variants).map(|(e, v)| {
        if e.attributes.is_empty() {
            return quote!(Self::#v(__pb_error));
        }
        // Each attribute read off the exception now; one that is missing or of another type
        // makes the error a conversion error naming it (as `Other`).
        let qualified = format!("{}.{}", ctx.module.name.py, e.name.py);
        let fields = e.attributes.iter().map(|a| {
            let field = ident(&a.name.rust);
            let (name, expected) = (&a.name.py, a.ty.python());
            quote!(#field: match ::pybridge::__private::exception_attr(&__pb_value, #qualified, #name, #expected) {
                ::core::result::Result::Ok(__pb_v) => __pb_v,
                ::core::result::Result::Err(__pb_e) => return Self::Other(__pb_e),
            },)
        });
        quote!(Self::#v(#v { #(#fields)* error: __pb_error }))
    });
    quote! {
        impl ::std::convert::From<::pybridge::Error> for Error {
            fn from(__pb_error: ::pybridge::Error) -> Self {
                Self::Other(__pb_error)
            }
        }

        impl ::std::convert::From<Error> for ::pybridge::Error {
            fn from(__pb_error: Error) -> Self {
                __pb_error.into_error()
            }
        }

        impl ::pybridge::__private::FromPyErr for Error {
            fn from_pyerr(py: ::pybridge::Python<'_>, __pb_err: ::pybridge::PyErr) -> Self {
                let __pb_index = ::pybridge::__private::classify(py, &__pb_err, &[#(&#statics),*]);
                let __pb_value = ::pybridge::__private::pyo3::PyErr::value(&__pb_err, py).clone().into_any();
                let __pb_error = ::pybridge::Error::from_pyerr(py, __pb_err);
                let _ = &__pb_value;
                match __pb_index {
                    #(::std::option::Option::Some(#indices) => #arms,)*
                    _ => Self::Other(__pb_error),
                }
            }
        }
    }
}

/// ` Declared as `class E(A, B)`.` when the spec names the bases (`base:`, `bases:`).
fn python_bases(e: &pybridge_model::Exception) -> String {
    if e.bases.is_empty() && matches!(e.base.origin, pybridge_model::Origin::Implied) {
        return String::new();
    }
    let names: Vec<&str> =
        std::iter::once(e.base.name.as_str()).chain(e.bases.iter().map(|b| b.name.as_str())).collect();
    format!(" Declared as `class {}({})`.", e.name.py, names.join(", "))
}

/// `pub struct <Exception>`: the declared attributes, read when the exception was caught, and
/// the error itself (`Deref` and `Display` reach it).
fn emit_fields_struct(ctx: &Ctx<'_>, e: &pybridge_model::Exception) -> TokenStream {
    let name = ident(&e.name.rust);
    let doc = emit_doc(&format!(
        "`{}.{}` (or a subclass) was raised: its attributes, read when it was caught, and the error.{}",
        ctx.module.name.py,
        e.name.py,
        python_bases(e)
    ));
    let fields = e.attributes.iter().map(|a| {
        let field = ident(&a.name.rust);
        let ty = crate::rust_type::emit_owned_type(&a.ty);
        let adoc = emit_doc(a.doc.as_deref().unwrap_or(&format!("The exception's `{}`.", a.name.py)));
        quote!(#adoc pub #field: #ty,)
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub struct #name {
            #(#fields)*
            /// The exception itself: type, message, traceback and causes.
            pub error: ::pybridge::Error,
        }

        impl ::std::ops::Deref for #name {
            type Target = ::pybridge::Error;

            fn deref(&self) -> &::pybridge::Error {
                &self.error
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, __pb_f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.error, __pb_f)
            }
        }
    }
}
