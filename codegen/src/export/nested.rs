//! Classes and enums inside containers (`Vec<C>`, `Option<C>`, `HashMap<K, C>`, `&[C]`,
//! `(C, i64)`, `HashSet<E>` of a unit enum, and any nesting of those): the wrapper's parameter
//! holds each object (`PyRef<__PbClass_C>`, or an enum's plain wrapper) and copies each value out
//! for the call; a returned container wraps each value in a new object. Check allows a class in
//! a container by value only (a borrow `&C` only as a whole parameter or directly in an
//! `Option`, `Arc<C>` only whole), and a class as a set element or dict key only when it is a
//! unit-only enum.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{Keys, Type, TypeKind};

use super::convert::{return_alias, wrapper_ident};
use crate::rust_type::emit_export_type;

/// Whether a class or enum stands anywhere inside the container `ty` (not a class itself, nor
/// an iterator or callable, which convert their items their own way).
pub(crate) fn holds_class(ty: &Type) -> bool {
    if matches!(ty.kind, TypeKind::Class(_) | TypeKind::Iterator { .. } | TypeKind::Callable { .. }) {
        return false;
    }
    let mut found = false;
    ty.walk(&mut |t| found |= matches!(t.kind, TypeKind::Class(_)));
    found
}

fn map_type(keys: &Keys) -> TokenStream {
    match keys {
        Keys::Hashed | Keys::Mapping => quote!(::std::collections::HashMap),
        Keys::Ordered => quote!(::std::collections::BTreeMap),
    }
}

fn set_type(keys: &Keys) -> TokenStream {
    match keys {
        Keys::Hashed | Keys::Mapping => quote!(::std::collections::HashSet),
        Keys::Ordered => quote!(::std::collections::BTreeSet),
    }
}

/// The type a wrapper parameter declares to hold `ty`'s objects.
pub(crate) fn emit_holder_type(ty: &Type) -> TokenStream {
    if !holds_class(ty) && !matches!(ty.kind, TypeKind::Class(_)) {
        return emit_export_type(ty);
    }
    match &ty.kind {
        TypeKind::Class(c) if c.unit_enum => {
            let wrapper = wrapper_ident(&c.name);
            quote!(#wrapper)
        }
        TypeKind::Class(c) if c.foreign => {
            let wrapper = wrapper_ident(&c.name);
            quote!(::pybridge::__private::ForeignRef<'_, #wrapper>)
        }
        TypeKind::Class(c) => {
            let wrapper = wrapper_ident(&c.name);
            quote!(::pybridge::__private::pyo3::PyRef<'_, #wrapper>)
        }
        TypeKind::Optional(t) => {
            let t = emit_holder_type(t);
            quote!(::core::option::Option<#t>)
        }
        TypeKind::List(t) | TypeKind::Slice(t) => {
            let t = emit_holder_type(t);
            quote!(::std::vec::Vec<#t>)
        }
        TypeKind::Set(t, keys) => {
            let (set, t) = (set_type(keys), emit_holder_type(t));
            quote!(#set<#t>)
        }
        TypeKind::Dict(k, v, keys) => {
            let (map, k, v) = (map_type(keys), emit_holder_type(k), emit_holder_type(v));
            quote!(#map<#k, #v>)
        }
        TypeKind::Tuple(items) => {
            let items = items.iter().map(emit_holder_type);
            quote!((#(#items,)*))
        }
        _ => emit_export_type(ty),
    }
}

/// The user's value from `expr`, a holder of type `emit_holder_type(ty)` (consumed): each class
/// copied out of its object (`Clone`), each enum taken from its wrapper. `depth` keeps the
/// closures' bindings apart. Uses `?` (inside `PyResult` closures for collections).
pub(crate) fn emit_to_rust(expr: TokenStream, ty: &Type, depth: usize) -> TokenStream {
    if !holds_class(ty) && !matches!(ty.kind, TypeKind::Class(_)) {
        return expr;
    }
    let x = format_ident!("__pb_x{}", depth);
    let k = format_ident!("__pb_k{}", depth);
    let each = |t: &Type, e: TokenStream| emit_to_rust(e, t, depth + 1);
    let result = quote!(::pybridge::__private::pyo3::PyResult);
    match &ty.kind {
        TypeKind::Class(c) if c.unit_enum => quote!(#expr.inner),
        TypeKind::Class(_) => {
            quote!(#expr.__pb_with(__pb_py, |__pb_v| ::core::result::Result::Ok(::pybridge::__private::clone_of(__pb_v)))?)
        }
        TypeKind::Optional(t) => {
            let inner = each(t, quote!(#x));
            quote!(match #expr {
                ::core::option::Option::Some(#x) => ::core::option::Option::Some(#inner),
                ::core::option::Option::None => ::core::option::Option::None,
            })
        }
        TypeKind::List(t) | TypeKind::Slice(t) | TypeKind::Set(t, _) => {
            let inner = emit_item_result(quote!(#x), t, depth + 1);
            let collection = match &ty.kind {
                TypeKind::Set(_, keys) => set_type(keys),
                _ => quote!(::std::vec::Vec),
            };
            quote! {
                #expr.into_iter()
                    .map(|#x| -> #result<_> { #inner })
                    .collect::<#result<#collection<_>>>()?
            }
        }
        TypeKind::Dict(kt, vt, keys) => {
            let (key, value, map) = (each(kt, quote!(#k)), each(vt, quote!(#x)), map_type(keys));
            quote! {
                #expr.into_iter()
                    .map(|(#k, #x)| -> #result<_> { ::core::result::Result::Ok((#key, #value)) })
                    .collect::<#result<#map<_, _>>>()?
            }
        }
        TypeKind::Tuple(items) => {
            let names: Vec<syn::Ident> = (0..items.len()).map(|i| format_ident!("__pb_t{}_{}", depth, i)).collect();
            let values = items.iter().zip(&names).map(|(t, n)| each(t, quote!(#n)));
            quote!({ let (#(#names,)*) = #expr; (#(#values,)*) })
        }
        _ => expr,
    }
}

/// `emit_to_rust` of one item as a `PyResult` (a class's copy is one already: no `Ok(…?)`).
fn emit_item_result(expr: TokenStream, ty: &Type, depth: usize) -> TokenStream {
    match &ty.kind {
        TypeKind::Class(c) if !c.unit_enum => {
            quote!(#expr.__pb_with(__pb_py, |__pb_v| ::core::result::Result::Ok(::pybridge::__private::clone_of(__pb_v))))
        }
        _ => {
            let value = emit_to_rust(expr, ty, depth);
            quote!(::core::result::Result::Ok(#value))
        }
    }
}

/// The type a wrapper returns for `ty`: each class as its return alias (a new object).
pub(crate) fn emit_out_type(ty: &Type) -> TokenStream {
    match &ty.kind {
        TypeKind::Class(c) => {
            let alias = return_alias(&c.name);
            quote!(#alias)
        }
        _ if !holds_class(ty) => crate::rust_type::emit_owned_type(ty),
        TypeKind::Optional(t) => {
            let t = emit_out_type(t);
            quote!(::core::option::Option<#t>)
        }
        TypeKind::List(t) | TypeKind::Slice(t) => {
            let t = emit_out_type(t);
            quote!(::std::vec::Vec<#t>)
        }
        TypeKind::Set(t, keys) => {
            let (set, t) = (set_type(keys), emit_out_type(t));
            quote!(#set<#t>)
        }
        TypeKind::Dict(k, v, keys) => {
            let (map, k, v) = (map_type(keys), emit_out_type(k), emit_out_type(v));
            quote!(#map<#k, #v>)
        }
        TypeKind::Tuple(items) => {
            let items = items.iter().map(emit_out_type);
            quote!((#(#items,)*))
        }
        _ => crate::rust_type::emit_owned_type(ty),
    }
}

/// `value` (the user's owned value of type `ty`) as `emit_out_type(ty)`: each class or enum
/// value wrapped (`__pb_wrap`), no copies.
pub(crate) fn emit_out(value: TokenStream, ty: &Type, depth: usize) -> TokenStream {
    let x = format_ident!("__pb_x{}", depth);
    let k = format_ident!("__pb_k{}", depth);
    let each = |t: &Type, e: TokenStream| emit_out(e, t, depth + 1);
    // A class item maps through the wrapping function itself (no closure for clippy to flag in
    // the user's crate).
    let mapper = |t: &Type| match &t.kind {
        TypeKind::Class(c) if c.view => {
            let wrapper = wrapper_ident(&c.name);
            quote!(|#x| #wrapper::__pb_view(__pb_lender.wrap(#x)))
        }
        TypeKind::Class(c) => {
            let wrapper = wrapper_ident(&c.name);
            quote!(#wrapper::__pb_wrap)
        }
        _ => {
            let inner = each(t, quote!(#x));
            quote!(|#x| #inner)
        }
    };
    match &ty.kind {
        TypeKind::Class(c) if c.view => {
            let wrapper = wrapper_ident(&c.name);
            quote!(#wrapper::__pb_view(__pb_lender.wrap(#value)))
        }
        TypeKind::Class(c) => {
            let wrapper = wrapper_ident(&c.name);
            quote!(#wrapper::__pb_wrap(#value))
        }
        _ if !holds_class(ty) => value,
        TypeKind::Optional(t) => {
            let f = mapper(t);
            quote!(#value.map(#f))
        }
        // Collected into the type written out (a constant's value has no type to infer from:
        // found by the spec property test).
        TypeKind::List(t) | TypeKind::Set(t, _) => {
            let (f, out) = (mapper(t), emit_out_type(ty));
            quote!(#value.into_iter().map(#f).collect::<#out>())
        }
        // A returned `&[C]`: each value cloned into a new object.
        TypeKind::Slice(t) => {
            let (inner, out) = (each(t, quote!(::pybridge::__private::clone_of(#x))), emit_out_type(ty));
            quote!(#value.iter().map(|#x| #inner).collect::<#out>())
        }
        TypeKind::Dict(kt, vt, _) => {
            let (key, item, out) = (each(kt, quote!(#k)), each(vt, quote!(#x)), emit_out_type(ty));
            quote!(#value.into_iter().map(|(#k, #x)| (#key, #item)).collect::<#out>())
        }
        TypeKind::Tuple(items) => {
            let names: Vec<syn::Ident> = (0..items.len()).map(|i| format_ident!("__pb_t{}_{}", depth, i)).collect();
            let values = items.iter().zip(&names).map(|(t, n)| each(t, quote!(#n)));
            quote!({ let (#(#names,)*) = #value; (#(#values,)*) })
        }
        _ => value,
    }
}
