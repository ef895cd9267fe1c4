//! How values cross in export wrappers: the wrapper's parameter type and the argument
//! expression handed to the user's function, and how a returned value is wrapped. Classes and
//! enums travel as their generated `#[pyclass]` wrappers (`__PbClass_<Name>`), never through
//! trait impls on the user's types, so the same code serves types the user does not own.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{Keys, Type, TypeKind, Via};

use crate::rust_type::{emit_export_type, is_fast_item};

/// The generated wrapper type of a class or enum, by Python name.
pub(crate) fn wrapper_ident(py_name: &str) -> syn::Ident {
    format_ident!("__PbClass_{}", py_name)
}

/// The parameter type a wrapper declares for `ty`.
pub(crate) fn emit_param_type(ty: &Type) -> TokenStream {
    match &ty.kind {
        // Another module's class: the object, lent through that module's table (foreign.rs).
        TypeKind::Class(c) if c.foreign => {
            let wrapper = wrapper_ident(&c.name);
            quote!(::pybridge::__private::ForeignRef<'_, #wrapper>)
        }
        TypeKind::Class(c) if c.shared => {
            // Sharing may move an owned value into an `Arc` in place (under the cell's exclusive
            // borrow, `__pb_shared`).
            let wrapper = wrapper_ident(&c.name);
            quote!(::pybridge::__private::pyo3::PyRef<'_, #wrapper>)
        }
        // A unit-only enum's member converts to the wrapper itself (see enums.rs).
        TypeKind::Class(c) if c.unit_enum => {
            let wrapper = wrapper_ident(&c.name);
            quote!(#wrapper)
        }
        TypeKind::Class(c) => {
            let wrapper = wrapper_ident(&c.name);
            quote!(::pybridge::__private::pyo3::PyRef<'_, #wrapper>)
        }
        // Classes in containers (`Vec<C>`, `Option<&C>`, `HashMap<K, C>`…): see nested.rs.
        _ if holds_class(ty) => super::nested::emit_holder_type(ty),
        // `&[u8]`, `&[f64]`…: any buffer of the item format, lent in place (a list is copied).
        TypeKind::Bytes { borrowed: true } => quote!(::pybridge::__private::SliceArg<'_, u8>),
        TypeKind::Slice(inner) if inner.is_buffer_item() => {
            let item = emit_export_type(inner);
            quote!(::pybridge::__private::SliceArg<'_, #item>)
        }
        TypeKind::SliceMut(inner) => {
            let item = emit_export_type(inner);
            quote!(::pybridge::__private::SliceMutArg<'_, #item>)
        }
        TypeKind::List(inner) | TypeKind::Slice(inner) if is_fast_item(inner) => {
            let item = emit_export_type(inner);
            quote!(::pybridge::__private::FastVec<#item>)
        }
        // `&[T]`: the wrapper holds the `Vec<T>` the call borrows.
        TypeKind::Slice(_) => crate::rust_type::emit_owned_type(ty),
        // `&T`, `Cow`, `Box`: the wrapper holds the owned value it converts or lends.
        TypeKind::Indirect { target, .. } => emit_param_type(target),
        TypeKind::Callable { .. } => {
            quote!(::pybridge::__private::pyo3::Bound<'_, ::pybridge::__private::pyo3::PyAny>)
        }
        _ => emit_export_type(ty),
    }
}

/// The expression passing parameter `name` on to the user's function. A callable becomes a
/// closure that calls it (its exceptions park in the wrapper's `__pb_slot`). A borrowed class
/// (`&C`) is not an expression: `emit_call_with` nests the call in the object's `__pb_with`.
pub(crate) fn emit_arg(name: &syn::Ident, ty: &Type) -> TokenStream {
    match &ty.kind {
        TypeKind::Callable { params, ret } => {
            let args: Vec<syn::Ident> = (0..params.len()).map(|i| format_ident!("__pb_c{}", i)).collect();
            let types = params.iter().map(emit_export_type);
            if matches!(ret.kind, TypeKind::Unit) {
                // `()` is not extractable: take whatever the callable returned and drop it (found
                // by the spec property test).
                return quote!(|#(#args: #types),*| {
                    let _: ::pybridge::Object = ::pybridge::__private::call_back(&#name, &__pb_slot, (#(#args,)*));
                });
            }
            let ret = crate::rust_type::emit_owned_type(ret);
            quote!(|#(#args: #types),*| -> #ret {
                ::pybridge::__private::call_back(&#name, &__pb_slot, (#(#args,)*))
            })
        }
        // `&[C]`: each value copied out into a `Vec<C>` the call borrows.
        TypeKind::Slice(_) if holds_class(ty) => {
            let values = super::nested::emit_to_rust(quote!(#name), ty, 0);
            quote!(&#values)
        }
        TypeKind::Bytes { borrowed: true } => quote!(#name.as_slice()),
        TypeKind::Slice(inner) if inner.is_buffer_item() => quote!(#name.as_slice()),
        TypeKind::SliceMut(_) => quote!(#name.as_mut_slice()),
        TypeKind::List(inner) if is_fast_item(inner) => quote!(#name.0),
        TypeKind::Slice(inner) if is_fast_item(inner) => quote!(&#name.0),
        // `&[&str]`: the wrapper holds a `Vec<String>` and lends a `Vec<&str>`.
        TypeKind::Slice(inner) if is_borrowed_text(inner) => {
            quote!(&#name.iter().map(|__pb_s| &**__pb_s).collect::<::std::vec::Vec<_>>())
        }
        TypeKind::Slice(_) => quote!(&#name),
        TypeKind::Indirect { via, target } => pointer_in(*via, target, emit_arg(name, target)),
        TypeKind::Optional(inner) => match &inner.kind {
            TypeKind::Indirect { via, target } => optional_pointer_in(name, *via, target),
            _ if is_borrowed_text(inner) => quote!(#name.as_deref()),
            _ => emit_owned_arg(name, ty),
        },
        // `Option<&str>`, `Vec<&str>` (and `&[u8]` alike): the wrapper holds owned values and
        // lends them for the call.
        TypeKind::List(inner) if is_borrowed_text(inner) => {
            quote!(#name.iter().map(|__pb_s| &**__pb_s).collect::<::std::vec::Vec<_>>())
        }
        _ => emit_owned_arg(name, ty),
    }
}

/// The pointer `via` to the owned `value` (of type `target`) the wrapper holds: lent (`&T`),
/// `Cow::Owned`, or boxed.
fn pointer_in(via: Via, target: &Type, value: TokenStream) -> TokenStream {
    match via {
        Via::Ref => quote!(&#value),
        _ => {
            let f = pointer_in_fn(via, target);
            quote!(#f(#value))
        }
    }
}

/// The function making a `Cow`/`Box` of an owned value (a path, so `Option::map` takes it
/// without a closure clippy would flag in the user's crate).
fn pointer_in_fn(via: Via, target: &Type) -> TokenStream {
    let pointee = crate::rust_type::emit_pointee(target);
    match via {
        Via::Cow => quote!(::std::borrow::Cow::<#pointee>::Owned),
        _ => quote!(::std::boxed::Box::<#pointee>::from),
    }
}

/// The owned value behind the pointer expression `value` (of type `via` to `target`), made
/// before any borrow ends: cloned (`&T`; Python objects inside with `clone_ref`, attached for
/// it), `Cow::into_owned`, or unboxed.
fn pointer_out(via: Via, target: &Type, value: TokenStream) -> TokenStream {
    match via {
        Via::Ref if target.uses_any() => {
            let copy = emit_clone_ref(value, target);
            quote!(::pybridge::__private::pyo3::Python::attach(|__pb_py| #copy))
        }
        Via::Ref => emit_clone_ref(value, target),
        _ => {
            let f = pointer_out_fn(via, target);
            quote!(#f(#value))
        }
    }
}

/// The function turning a `Cow`/`Box` into its owned value.
fn pointer_out_fn(via: Via, target: &Type) -> TokenStream {
    match (via, &target.kind) {
        (Via::Cow, _) => quote!(::std::borrow::Cow::into_owned),
        (_, TypeKind::Str { .. }) => quote!(::std::string::String::from),
        _ => quote!(<[_]>::into_vec),
    }
}

/// `Option<pointer>` parameters: lent with `as_ref`, or each value converted.
fn optional_pointer_in(name: &syn::Ident, via: Via, target: &Type) -> TokenStream {
    match via {
        Via::Ref => quote!(#name.as_ref()),
        _ => {
            let f = pointer_in_fn(via, target);
            quote!(#name.map(#f))
        }
    }
}

/// `Option<pointer>` returns: cloned (`Option::cloned`), or each value converted.
fn optional_pointer_out(value: TokenStream, via: Via, target: &Type) -> TokenStream {
    match via {
        Via::Ref if target.uses_any() => {
            let each = pointer_out(via, target, quote!(__pb_x));
            quote!(#value.map(|__pb_x| #each))
        }
        Via::Ref => quote!(#value.cloned()),
        _ => {
            let f = pointer_out_fn(via, target);
            quote!(#value.map(#f))
        }
    }
}

/// `&str` or `&[u8]`: borrowed text or bytes, which a wrapper holds owned.
pub(crate) fn is_borrowed_text(ty: &Type) -> bool {
    matches!(ty.kind, TypeKind::Str { borrowed: true } | TypeKind::Bytes { borrowed: true })
}

/// An owned value from parameter `name`: a class is copied out of its object (or, for
/// `Arc<C>`, shared with it).
pub(crate) fn emit_owned_arg(name: &syn::Ident, ty: &Type) -> TokenStream {
    match &ty.kind {
        TypeKind::Class(c) if c.shared => quote!(#name.__pb_shared(__pb_py)?),
        TypeKind::Class(_) => {
            quote!(#name.__pb_with(__pb_py, |__pb_v| ::core::result::Result::Ok(::pybridge::__private::clone_of(__pb_v)))?)
        }
        _ if holds_class(ty) => super::nested::emit_to_rust(quote!(#name), ty, 0),
        _ => quote!(#name),
    }
}

/// Whether parameter type `ty` is passed as a borrow of the object's value.
pub(crate) fn is_borrowed_class(ty: &Type) -> bool {
    matches!(&ty.kind, TypeKind::Class(c) if c.borrowed)
}

/// Whether parameter type `ty` is `Option<&C>`: a borrow of the object's value, if one is given.
pub(crate) fn is_optional_borrowed_class(ty: &Type) -> bool {
    matches!(&ty.kind, TypeKind::Optional(inner) if is_borrowed_class(inner))
}

/// Whether a class or enum stands inside the container type `ty`.
pub(crate) fn holds_class(ty: &Type) -> bool {
    super::nested::holds_class(ty)
}

/// The type a class's values take on their way to Python: an alias the class emitter defines
/// (the wrapper itself, or for an enum with data the value that picks its variant's class).
pub(crate) fn return_alias(py_name: &str) -> syn::Ident {
    format_ident!("__PbRet_{}", py_name)
}

/// The Rust type a wrapper returns for `ty` (classes as their wrappers).
pub(crate) fn emit_return_type(ty: &Type) -> TokenStream {
    match &ty.kind {
        TypeKind::Class(c) => {
            let alias = return_alias(&c.name);
            quote!(#alias)
        }
        _ if holds_class(ty) => super::nested::emit_out_type(ty),
        _ => crate::rust_type::emit_owned_type(ty),
    }
}

/// Wraps `value` (an expression of the user's type) for returning to Python.
pub(crate) fn emit_wrap(value: TokenStream, ty: &Type) -> TokenStream {
    match &ty.kind {
        TypeKind::Class(c) if c.shared => {
            let wrapper = wrapper_ident(&c.name);
            quote!(#wrapper::__pb_share(#value))
        }
        // A view (check: only in returns of calls that lend): wrapped beside its borrow.
        TypeKind::Class(c) if c.view => {
            let wrapper = wrapper_ident(&c.name);
            quote!(#wrapper::__pb_view(__pb_lender.wrap(#value)))
        }
        TypeKind::Class(c) => {
            let wrapper = wrapper_ident(&c.name);
            quote!(#wrapper::__pb_wrap(#value))
        }
        _ if holds_class(ty) => super::nested::emit_out(value, ty, 0),
        // Borrowed returns (`&str`, `Option<&str>`, `Vec<&str>`, `&[u8]`…) are copied before
        // the borrow of the object ends.
        TypeKind::Str { borrowed: true } | TypeKind::Bytes { borrowed: true } => {
            quote!(::std::borrow::ToOwned::to_owned(#value))
        }
        TypeKind::Slice(inner) if is_borrowed_text(inner) => {
            quote!(#value.iter().map(|__pb_s| ::std::borrow::ToOwned::to_owned(*__pb_s)).collect::<::std::vec::Vec<_>>())
        }
        TypeKind::Slice(_) => quote!(<[_]>::to_vec(#value)),
        TypeKind::Iterator { item, .. } => {
            let items = emit_iter_items(value, item);
            quote!(::pybridge::__private::IterObject::owned(#items))
        }
        TypeKind::Indirect { via, target } => pointer_out(*via, target, value),
        TypeKind::Optional(inner) if matches!(inner.kind, TypeKind::Indirect { .. }) => {
            let TypeKind::Indirect { via, target } = &inner.kind else { return value };
            optional_pointer_out(value, *via, target)
        }
        TypeKind::Optional(inner) if is_borrowed_text(inner) => quote!(#value.map(::std::borrow::ToOwned::to_owned)),
        TypeKind::List(inner) if is_borrowed_text(inner) => {
            quote!(#value.into_iter().map(::std::borrow::ToOwned::to_owned).collect::<::std::vec::Vec<_>>())
        }
        _ => value,
    }
}

/// The items of the iterator expression `value`, each wrapped as a return of type `item`
/// would be (a `&T` cloned, a class value in its wrapper), lazily.
pub(crate) fn emit_iter_items(value: TokenStream, item: &Type) -> TokenStream {
    // Paths where one converts a whole item (a closure calling one is clippy's
    // `redundant_closure` in the user's crate).
    let path = match &item.kind {
        TypeKind::Class(c) => {
            let wrapper = wrapper_ident(&c.name);
            Some(if c.shared { quote!(#wrapper::__pb_share) } else { quote!(#wrapper::__pb_wrap) })
        }
        TypeKind::Str { borrowed: true } | TypeKind::Bytes { borrowed: true } => {
            Some(quote!(::std::borrow::ToOwned::to_owned))
        }
        TypeKind::Indirect { via: Via::Ref, target } if !target.uses_any() => {
            return quote!(::std::iter::Iterator::cloned(#value));
        }
        TypeKind::Indirect { via, target } if *via != Via::Ref => Some(pointer_out_fn(*via, target)),
        _ => None,
    };
    if let Some(path) = path {
        return quote!(::std::iter::Iterator::map(#value, #path));
    }
    let each = emit_wrap(quote!(__pb_item), item);
    if each.to_string() == "__pb_item" {
        return value;
    }
    quote!(::std::iter::Iterator::map(#value, |__pb_item| #each))
}

/// Whether a parameter of this type is lent from a Python buffer (`&[u8]`, `&[T]` of numbers,
/// `&mut [T]`).
pub(crate) fn is_buffer_param(ty: &Type) -> bool {
    match &ty.kind {
        TypeKind::Bytes { borrowed: true } | TypeKind::SliceMut(_) => true,
        TypeKind::Slice(inner) => inner.is_buffer_item(),
        _ => false,
    }
}

/// Before the call: `&[T]` arguments copied when Python code runs during it (`release_gil`,
/// callables: it could write the buffer Rust reads); each `&mut [T]` argument checked not to
/// share memory with another buffer argument.
pub(crate) fn emit_buffer_guards(f: &pybridge_model::Function) -> TokenStream {
    let ident = |p: &pybridge_model::Param| crate::export::param_ident(&p.name.rust);
    let buffers: Vec<&pybridge_model::Param> = f.params.iter().filter(|p| is_buffer_param(&p.ty)).collect();
    let copies = (f.release_gil || takes_callable(&f.params))
        .then(|| buffers.iter().filter(|p| !matches!(p.ty.kind, TypeKind::SliceMut(_))).map(|p| ident(p)))
        .into_iter()
        .flatten()
        .map(|name| quote!(let #name = #name.into_copy();));
    let mut checks = Vec::new();
    for (i, a) in buffers.iter().enumerate() {
        for (j, b) in buffers.iter().enumerate() {
            let a_mut = matches!(a.ty.kind, TypeKind::SliceMut(_));
            let b_mut = matches!(b.ty.kind, TypeKind::SliceMut(_));
            // Each pair once, the written one first.
            if i == j || !a_mut || (b_mut && j < i) {
                continue;
            }
            let (an, bn) = (ident(a), ident(b));
            let (ap, bp) = (&a.name.py, &b.name.py);
            checks.push(quote!(::pybridge::__private::disjoint((#ap, #an.span()), (#bp, #bn.span()))?;));
        }
    }
    quote!(#(#copies)* #(#checks)*)
}

/// Whether a function takes a Python callable (its call is wrapped in `catch_callback`).
pub(crate) fn takes_callable(params: &[pybridge_model::Param]) -> bool {
    params.iter().any(|p| matches!(p.ty.kind, TypeKind::Callable { .. }))
}

/// A copy of the value behind the reference expression `r` of type `ty`: `Clone::clone`, except
/// that Python objects inside (`pybridge::Object`, at any depth) are copied with `clone_ref`,
/// because `Py<T>: Clone` needs pyo3's `py-clone` feature. Needs `__pb_py` in scope. (Found by
/// the spec property test: an attribute `Vec<pybridge::Object>` did not compile.)
pub(crate) fn emit_clone_ref(r: TokenStream, ty: &Type) -> TokenStream {
    if !ty.uses_any() {
        return quote!(::std::clone::Clone::clone(#r));
    }
    match &ty.kind {
        TypeKind::Any => quote!(::pybridge::__private::pyo3::Py::clone_ref(#r, __pb_py)),
        TypeKind::Optional(inner) => {
            let inner = emit_clone_ref(quote!(__pb_x), inner);
            quote!(::std::option::Option::as_ref(#r).map(|__pb_x| #inner))
        }
        TypeKind::List(inner) => {
            let inner = emit_clone_ref(quote!(__pb_x), inner);
            quote!((#r).iter().map(|__pb_x| #inner).collect::<::std::vec::Vec<_>>())
        }
        TypeKind::Tuple(items) => {
            let items = items.iter().enumerate().map(|(i, t)| {
                let index = syn::Index::from(i);
                emit_clone_ref(quote!(&(#r).#index), t)
            });
            quote!((#(#items,)*))
        }
        TypeKind::Dict(_, v, keys) => {
            let v = emit_clone_ref(quote!(__pb_x), v);
            let map = match keys {
                Keys::Hashed | Keys::Mapping => quote!(::std::collections::HashMap<_, _>),
                Keys::Ordered => quote!(::std::collections::BTreeMap<_, _>),
            };
            quote!((#r).iter().map(|(__pb_k, __pb_x)| (::std::clone::Clone::clone(__pb_k), #v)).collect::<#map>())
        }
        TypeKind::Array(inner, _) => {
            let inner = emit_clone_ref(quote!(__pb_x), inner);
            quote!((#r).each_ref().map(|__pb_x| #inner))
        }
        _ => quote!(::std::clone::Clone::clone(#r)),
    }
}
