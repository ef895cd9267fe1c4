//! Printing model types as Rust types: owned (returns, export signatures) and borrowed
//! (import stub parameters, where `&str` and `&[T]` spare the caller a clone).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{Keys, Type, TypeKind, Via};

/// The Rust type an export signature uses, as the user wrote it (`&str` stays `&str`).
pub fn emit_export_type(ty: &Type) -> TokenStream {
    match &ty.kind {
        TypeKind::Str { borrowed: true } => quote!(&str),
        TypeKind::Bytes { borrowed: true } => quote!(&[u8]),
        TypeKind::Slice(inner) => {
            let inner = emit_owned_type(inner);
            quote!(&[#inner])
        }
        TypeKind::SliceMut(inner) => {
            let inner = emit_owned_type(inner);
            quote!(&mut [#inner])
        }
        TypeKind::Indirect { via: Via::Ref, target } => {
            let target = emit_owned_type(target);
            quote!(&#target)
        }
        TypeKind::Indirect { via: Via::Cow, target } => {
            let pointee = emit_pointee(target);
            quote!(::std::borrow::Cow<'_, #pointee>)
        }
        TypeKind::Indirect { via: Via::Box, target } => {
            let pointee = emit_pointee(target);
            quote!(::std::boxed::Box<#pointee>)
        }
        _ => emit_owned_type(ty),
    }
}

/// The unsized type a `Cow`/`Box` points to, from its owned target: `str` for `String`, `[T]`
/// for `Vec<T>`, `[u8]` for bytes.
pub fn emit_pointee(target: &Type) -> TokenStream {
    match &target.kind {
        TypeKind::Str { .. } => quote!(str),
        TypeKind::Bytes { .. } => quote!([u8]),
        TypeKind::List(inner) => {
            let inner = emit_owned_type(inner);
            quote!([#inner])
        }
        _ => emit_owned_type(target),
    }
}

/// The owned Rust type for a value coming out of Python.
pub fn emit_owned_type(ty: &Type) -> TokenStream {
    match &ty.kind {
        TypeKind::Bool => quote!(bool),
        TypeKind::Int(w) => {
            let ident = format_ident!("{}", w.rust());
            quote!(#ident)
        }
        TypeKind::Float { single: true } => quote!(f32),
        TypeKind::Float { single: false } => quote!(f64),
        TypeKind::Str { .. } => quote!(::std::string::String),
        TypeKind::Bytes { .. } => quote!(::std::vec::Vec<u8>),
        TypeKind::Unit => quote!(()),
        TypeKind::Optional(inner) => {
            let inner = emit_owned_type(inner);
            quote!(::std::option::Option<#inner>)
        }
        TypeKind::List(inner) | TypeKind::Slice(inner) | TypeKind::SliceMut(inner) => {
            let inner = emit_owned_type(inner);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeKind::Set(inner, Keys::Hashed | Keys::Mapping) => {
            let inner = emit_owned_type(inner);
            quote!(::std::collections::HashSet<#inner>)
        }
        TypeKind::Set(inner, Keys::Ordered) => {
            let inner = emit_owned_type(inner);
            quote!(::std::collections::BTreeSet<#inner>)
        }
        TypeKind::Dict(k, v, Keys::Hashed | Keys::Mapping) => {
            let (k, v) = (emit_owned_type(k), emit_owned_type(v));
            quote!(::std::collections::HashMap<#k, #v>)
        }
        TypeKind::Dict(k, v, Keys::Ordered) => {
            let (k, v) = (emit_owned_type(k), emit_owned_type(v));
            quote!(::std::collections::BTreeMap<#k, #v>)
        }
        TypeKind::Array(inner, len) => {
            let (inner, len) = (emit_owned_type(inner), proc_macro2::Literal::usize_unsuffixed(*len));
            quote!([#inner; #len])
        }
        // A pointer's value comes out of Python as its owned target.
        TypeKind::Indirect { target, .. } => emit_owned_type(target),
        TypeKind::Tuple(items) => {
            let items = items.iter().map(emit_owned_type);
            quote!((#(#items,)*))
        }
        TypeKind::Class(class) => {
            let path = class.rust_path.as_ref().expect("the resolver records every class reference's Rust path");
            quote!(#path)
        }
        TypeKind::Std(std) => {
            let segments = std.row().rust.iter().map(|s| format_ident!("{}", s));
            match std.row().rust.len() {
                1 => quote!(#(#segments)*),
                _ => quote!(#(:: #segments)*),
            }
        }
        TypeKind::Any => quote!(::pybridge::Object),
        // Only export parameters take callables (see export/convert.rs); elsewhere the check
        // phase refuses them, and an untyped handle is the honest fallback.
        TypeKind::Callable { .. } => quote!(::pybridge::Object),
        // Only whole returns (check refuses the rest): the runtime's Python iterator.
        TypeKind::Iterator { .. } => quote!(::pybridge::__private::IterObject),
        // The enum the import module generates (`import/unions.rs`).
        TypeKind::Union(u) => {
            let name = format_ident!("{}", u.name);
            quote!(#name)
        }
    }
}

/// [`emit_param_type`] without `impl Trait` (setters and operator impls, which pass the value
/// on as it is): a `list[str]` is `&[String]`.
pub fn emit_plain_param_type(ty: &Type) -> TokenStream {
    match &ty.kind {
        TypeKind::List(inner) if matches!(inner.kind, TypeKind::Str { .. }) => quote!(&[::std::string::String]),
        TypeKind::Union(_) => emit_owned_type(ty),
        TypeKind::Optional(inner) if matches!(inner.kind, TypeKind::Union(_)) => emit_owned_type(ty),
        _ => emit_param_type(ty),
    }
}

/// The Rust type an import stub takes for a parameter: borrowed where that saves a copy.
pub fn emit_param_type(ty: &Type) -> TokenStream {
    match &ty.kind {
        TypeKind::Str { .. } => quote!(&str),
        TypeKind::Bytes { .. } => quote!(&[u8]),
        // `list[str]`: `&["a", "b"]` and `&[String]` alike.
        TypeKind::List(inner) if matches!(inner.kind, TypeKind::Str { .. }) => {
            quote!(&[impl ::core::convert::AsRef<str>])
        }
        TypeKind::List(inner) => {
            let inner = emit_owned_type(inner);
            quote!(&[#inner])
        }
        TypeKind::Set(..) | TypeKind::Dict(..) | TypeKind::Class(_) | TypeKind::Any => {
            let owned = emit_owned_type(ty);
            quote!(&#owned)
        }
        // An optional `list[str]` stays `&[String]`: `None` must not need a type annotation.
        TypeKind::Optional(inner) if matches!(&inner.kind, TypeKind::List(i) if matches!(i.kind, TypeKind::Str { .. })) =>
        {
            quote!(::std::option::Option<&[::std::string::String]>)
        }
        // An optional union stays `Option<IntOrStr>`: `None` must not need a type annotation.
        TypeKind::Optional(inner) if matches!(inner.kind, TypeKind::Union(_)) => emit_owned_type(ty),
        TypeKind::Optional(inner) => {
            let inner = emit_param_type(inner);
            quote!(::std::option::Option<#inner>)
        }
        // A union: any of its member types (`f(3)`, `f("x")`), or the enum itself.
        TypeKind::Union(u) => {
            let name = format_ident!("{}", u.name);
            quote!(impl ::core::convert::Into<#name>)
        }
        // `Iterable[T]` (or `Iterator[T]`) parameters: any Rust `IntoIterator`, sent as a list.
        TypeKind::Iterator { item, .. } => {
            let item = emit_owned_type(item);
            quote!(impl ::std::iter::IntoIterator<Item = #item>)
        }
        // `Callable[[A, B], R]`: a Rust closure, which Python calls with owned values.
        TypeKind::Callable { params, ret } => {
            let params = params.iter().map(emit_owned_type);
            let ret = emit_owned_type(ret);
            quote!(impl ::std::ops::Fn(#(#params),*) -> #ret + ::std::marker::Send + ::std::marker::Sync + 'static)
        }
        _ => emit_owned_type(ty),
    }
}

/// Whether a `list[T]` of this item type takes the runtime's `FastVec` path (a direct read of
/// exact lists of exact `float`, `int`, `str`, or 2-tuples of those; anything else falls back
/// to pyo3's general extraction).
pub fn is_fast_item(ty: &Type) -> bool {
    match &ty.kind {
        TypeKind::Float { single: false } | TypeKind::Int(pybridge_model::IntWidth::I64) => true,
        TypeKind::Str { borrowed: false } => true,
        TypeKind::Tuple(items) => items.len() == 2 && items.iter().all(is_fast_item),
        _ => false,
    }
}
