//! Import unions and aliases: one Rust enum per union (`int | str` → `IntOrStr`,
//! `Literal["r", "w"]` → `ROrW`, or an alias's name) with `From` each member type, and its
//! conversions both ways; one Rust `type` per other alias.
//!
//! Reading a value tries the members from the most specific: literals (compared by value),
//! `bool`, classes (by `isinstance`), integers, floats and `complex`, the rest in the order
//! written, `Any` last. So `float | int` reads `3` as an `int` and `int | bool` reads `True` as
//! a `bool`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{LiteralValue, MemberValue, Module, Type, TypeKind, UnionType};

use super::ident;
use crate::docs::emit_doc;
use crate::rust_type::emit_owned_type;

/// Every union enum and alias of the module.
pub(crate) fn emit_unions(module: &Module) -> TokenStream {
    let unions = collect_unions(module).into_iter().map(emit_union);
    let aliases = module.aliases.iter().filter(|a| !is_union(&a.ty)).map(|a| {
        let name = ident(&a.name.rust);
        let ty = emit_owned_type(&a.ty);
        let doc = emit_doc(a.doc.as_deref().unwrap_or(&format!("The Python type `{}`.", a.ty.python())));
        quote!(#doc pub type #name = #ty;)
    });
    quote!(#(#unions)* #(#aliases)*)
}

/// A union, or one `| None`: its alias names an enum rather than a type alias.
fn is_union(ty: &Type) -> bool {
    match &ty.kind {
        TypeKind::Optional(inner) => matches!(inner.kind, TypeKind::Union(_)),
        TypeKind::Union(_) => true,
        _ => false,
    }
}

/// Each union of the module once (check: one name, one union), in the order first written.
fn collect_unions(module: &Module) -> Vec<&UnionType> {
    let mut out: Vec<&UnionType> = Vec::new();
    for (ty, _) in pybridge_model::check::module_types(module) {
        ty.walk(&mut |t| {
            if let TypeKind::Union(u) = &t.kind
                && !out.iter().any(|x| x.name == u.name)
            {
                out.push(u);
            }
        });
    }
    for a in &module.aliases {
        a.ty.walk(&mut |t| {
            if let TypeKind::Union(u) = &t.kind
                && !out.iter().any(|x| x.name == u.name)
            {
                out.push(u);
            }
        });
    }
    out
}

fn emit_union(u: &UnionType) -> TokenStream {
    let name = format_ident!("{}", u.name);
    let python = u.python();
    let doc = emit_doc(&format!("The Python type `{python}`: one variant per member."));
    let variants = u.members.iter().map(|m| {
        let v = format_ident!("{}", m.variant);
        match &m.value {
            MemberValue::Type(t) => {
                let ty = emit_owned_type(t);
                let doc = emit_doc(&format!("`{}`.", t.python()));
                quote!(#doc #v(#ty))
            }
            MemberValue::Literal(l) => {
                let doc = emit_doc(&format!("`{}`.", l.python()));
                quote!(#doc #v)
            }
        }
    });
    let derives = emit_derives(u);
    let from = emit_from_impls(u, &name);
    let into = emit_into_python(u, &name);
    let extract = emit_from_python(u, &name, &python);
    quote! {
        #doc
        #derives
        pub enum #name { #(#variants,)* }
        #from
        #into
        #extract
    }
}

/// `Debug` always; `Clone` and `PartialEq` unless a member is `Any` (an untyped object);
/// `Eq` and `Hash` when every member hashes.
fn emit_derives(u: &UnionType) -> TokenStream {
    let untyped = u.types().any(|t| {
        let mut any = false;
        t.walk(&mut |x| any |= matches!(x.kind, TypeKind::Any));
        any
    });
    let float = u.types().any(|t| {
        let mut f = false;
        t.walk(&mut |x| f |= matches!(x.kind, TypeKind::Float { .. }));
        f
    });
    let hashable = u.types().all(Type::is_hashable) && !float;
    match (untyped, hashable) {
        (true, _) => quote!(#[derive(Debug)]),
        (false, true) => quote!(#[derive(Clone, Debug, PartialEq, Eq, Hash)]),
        (false, false) => quote!(#[derive(Clone, Debug, PartialEq)]),
    }
}

/// `From<T>` for each member type (and `From<&str>` beside a `str` member).
fn emit_from_impls(u: &UnionType, name: &syn::Ident) -> TokenStream {
    let impls = u.members.iter().filter_map(|m| {
        let MemberValue::Type(t) = &m.value else { return None };
        let v = format_ident!("{}", m.variant);
        let ty = emit_owned_type(t);
        let text = matches!(t.kind, TypeKind::Str { .. }).then(|| {
            quote! {
                impl ::core::convert::From<&str> for #name {
                    fn from(value: &str) -> Self { #name::#v(::std::string::String::from(value)) }
                }
            }
        });
        Some(quote! {
            impl ::core::convert::From<#ty> for #name {
                fn from(value: #ty) -> Self { #name::#v(value) }
            }
            #text
        })
    });
    quote!(#(#impls)*)
}

fn emit_into_python(u: &UnionType, name: &syn::Ident) -> TokenStream {
    let arms: Vec<TokenStream> = u
        .members
        .iter()
        .map(|m| {
            let v = format_ident!("{}", m.variant);
            match &m.value {
                MemberValue::Type(_) => quote!(#name::#v(value) => ::pybridge::__private::union_into(py, value)),
                MemberValue::Literal(l) => {
                    let value = literal_tokens(l);
                    quote!(#name::#v => ::pybridge::__private::union_into(py, #value))
                }
            }
        })
        .collect();
    quote! {
        /// By reference, as in a `list[...]` argument: the member converts by reference.
        impl<'a, 'py> ::pybridge::__private::pyo3::IntoPyObject<'py> for &'a #name {
            type Target = ::pybridge::__private::pyo3::PyAny;
            type Output = ::pybridge::__private::pyo3::Bound<'py, ::pybridge::__private::pyo3::PyAny>;
            type Error = ::pybridge::__private::pyo3::PyErr;
            fn into_pyobject(self, py: ::pybridge::Python<'py>) -> ::core::result::Result<Self::Output, Self::Error> {
                match self { #(#arms,)* }
            }
        }

        impl<'py> ::pybridge::__private::pyo3::IntoPyObject<'py> for #name {
            type Target = ::pybridge::__private::pyo3::PyAny;
            type Output = ::pybridge::__private::pyo3::Bound<'py, ::pybridge::__private::pyo3::PyAny>;
            type Error = ::pybridge::__private::pyo3::PyErr;
            fn into_pyobject(self, py: ::pybridge::Python<'py>) -> ::core::result::Result<Self::Output, Self::Error> {
                match self { #(#arms,)* }
            }
        }
    }
}

fn literal_tokens(l: &LiteralValue) -> TokenStream {
    match l {
        LiteralValue::Str(s) => quote!(#s),
        LiteralValue::Int(i) => {
            let i = proc_macro2::Literal::i64_suffixed(*i);
            quote!(#i)
        }
        LiteralValue::Bool(b) => quote!(#b),
    }
}

/// The order members are tried in: literals, `bool`, classes, integers, floats, the rest as
/// written, `Any` last.
fn rank(m: &MemberValue) -> u8 {
    match m {
        MemberValue::Literal(_) => 0,
        MemberValue::Type(t) => match &t.kind {
            TypeKind::Bool => 1,
            TypeKind::Class(_) => 2,
            TypeKind::Int(_) => 3,
            TypeKind::Float { .. } => 4,
            TypeKind::Std(pybridge_model::std_types::StdType::BigInt) => 3,
            TypeKind::Std(pybridge_model::std_types::StdType::Complex) => 4,
            TypeKind::Any | TypeKind::Std(pybridge_model::std_types::StdType::Json) => 6,
            _ => 5,
        },
    }
}

fn emit_from_python(u: &UnionType, name: &syn::Ident, python: &str) -> TokenStream {
    let mut members: Vec<_> = u.members.iter().collect();
    members.sort_by_key(|m| rank(&m.value));
    let tries = members.iter().map(|m| {
        let v = format_ident!("{}", m.variant);
        match &m.value {
            MemberValue::Type(t) => {
                let ty = emit_owned_type(t);
                quote! {
                    if let ::core::option::Option::Some(value) = ::pybridge::__private::union_try::<#ty>(obj) {
                        return ::core::result::Result::Ok(#name::#v(value));
                    }
                }
            }
            MemberValue::Literal(l) => {
                let test = match l {
                    LiteralValue::Str(s) => quote!(::pybridge::__private::literal_str(obj, #s)),
                    LiteralValue::Int(i) => {
                        let i = proc_macro2::Literal::i64_suffixed(*i);
                        quote!(::pybridge::__private::literal_int(obj, #i))
                    }
                    LiteralValue::Bool(b) => quote!(::pybridge::__private::literal_bool(obj, #b)),
                };
                quote! {
                    if #test {
                        return ::core::result::Result::Ok(#name::#v);
                    }
                }
            }
        }
    });
    quote! {
        impl<'a, 'py> ::pybridge::__private::pyo3::FromPyObject<'a, 'py> for #name {
            type Error = ::pybridge::__private::pyo3::PyErr;
            fn extract(
                obj: ::pybridge::__private::pyo3::Borrowed<'a, 'py, ::pybridge::__private::pyo3::PyAny>,
            ) -> ::core::result::Result<Self, Self::Error> {
                #(#tries)*
                ::core::result::Result::Err(::pybridge::__private::union_mismatch(obj, #python))
            }
        }
    }
}
