//! Direct entry points for exported functions whose parameters are plain values (the runtime's
//! `fast.rs` explains the fast and slow paths).
//!
//! For `fn add(a: i64, b: i64) -> i64` the glue keeps pyo3's `#[pyfunction]` wrapper
//! `__pb_fn_add` and adds
//!
//! ```ignore
//! ::pybridge::__private::fast_function!(__pb_fast_add, __pb_entry_add, call, (2, 2),
//!     |__pb_py, __pb_a| __pb_fn_add(__pb_a.get(0)?, __pb_a.get(1)?));
//! ```
//!
//! which defines `static __pb_fast_add: FastFunction` and the `unsafe extern "C"` entry point
//! `__pb_entry_add`: 2 arguments given positionally are each converted in place, any other call
//! goes to pyo3's entry point.
//!
//! and registers it with `add_fast_function(module, wrap_pyfunction!(__pb_fn_add), &__pb_fast_add)`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{FnKind, Function, IntWidth, ParamKind, ReturnPolicy, TypeKind};

/// Whether `f` gets a direct entry point: a free function whose parameters are all positional
/// `bool`, integer (up to 64 bits), float or `str` values, returning a value (not a view or a
/// borrowing iterator).
pub(super) fn is_fast(f: &Function) -> bool {
    f.kind == FnKind::Free && has_fast_shape(f)
}

/// Whether `ty` converts in place on a fast path (`FastArg`): `bool`, an integer up to 64 bits,
/// a float or a string.
pub(super) fn is_plain(ty: &pybridge_model::Type) -> bool {
    match &ty.kind {
        TypeKind::Bool | TypeKind::Float { .. } | TypeKind::Str { .. } => true,
        TypeKind::Int(w) => !matches!(w, IntWidth::I128 | IntWidth::U128),
        _ => false,
    }
}

/// The shape a direct entry point handles: every parameter positional and plain ([`is_plain`]),
/// defaults trailing, returning a value (not a view or a borrowing iterator).
pub(super) fn has_fast_shape(f: &Function) -> bool {
    let plain = |p: &pybridge_model::Param| {
        matches!(p.kind, ParamKind::Positional | ParamKind::PositionalOnly) && is_plain(&p.ty)
    };
    // Defaults trail (Python's rule; the entry reads a defaulted argument only when given).
    let of = |kind: ParamKind| f.params.iter().filter(move |p| p.kind == kind);
    let defaults: Vec<bool> =
        of(ParamKind::PositionalOnly).chain(of(ParamKind::Positional)).map(|p| p.default_rust.is_some()).collect();
    let first = defaults.iter().position(|d| *d).unwrap_or(defaults.len());
    let trailing = defaults[first..].iter().all(|d| *d);
    f.borrows.is_none()
        && f.policy == ReturnPolicy::Value
        && !matches!(f.returns.kind, TypeKind::Iterator { .. })
        && f.params.iter().all(plain)
        && trailing
}

/// The `static` holding `f`'s fast function.
pub(super) fn fast_static(f: &Function) -> syn::Ident {
    format_ident!("__pb_fast_{}", f.name.py)
}

/// The direct entry point of fast function `f`, whose pyo3 wrapper is `wrapper`: one
/// invocation of the runtime's `fast_function!` (the `static`, the entry point over
/// `FastFunction::call`), each parameter converted by `FastArgs::get` (or `get_or` with its
/// default). One line per function keeps the generated file, and `gen`'s memory, small.
pub(super) fn emit_fast_function(f: &Function, wrapper: &syn::Ident) -> TokenStream {
    let marker = crate::spec_marker::emit_spec_marker(&f.origin, &format!("function `{}` (direct entry)", f.name.py));
    let fast = fast_static(f);
    let entry = format_ident!("__pb_entry_{}", f.name.py);
    // Every wrapper takes the token first (export/mod.rs `emit_params_with`).
    let py_arg = quote!(__pb_py,);
    let unit = matches!(f.returns.kind, TypeKind::Unit);
    if f.params.is_empty() {
        let call = if unit { quote!(call_noargs_unit) } else { quote!(call_noargs) };
        return quote! {
            #marker
            ::pybridge::__private::fast_function!(#fast, #entry, noargs #call, |__pb_py| #wrapper(#py_arg));
        };
    }
    let (required, count, args) = emit_fast_args(f);
    let call = if unit { quote!(call_unit) } else { quote!(call) };
    quote! {
        #marker
        ::pybridge::__private::fast_function!(#fast, #entry, #call, (#required, #count), |__pb_py, __pb_a| #wrapper(#py_arg #(#args),*));
    }
}

/// The arity `(required, count)` of a fast entry and each argument's conversion from
/// `__pb_a` (`FastArgs`). The wrapper takes its parameters in Python's order (positional-only
/// first), which is the order positional arguments arrive in; a parameter left out takes its
/// default, the expression pyo3's `signature` evaluates.
pub(super) fn emit_fast_args(f: &Function) -> (proc_macro2::Literal, proc_macro2::Literal, Vec<TokenStream>) {
    let of = |kind: ParamKind| f.params.iter().filter(move |p| p.kind == kind);
    let ordered: Vec<&pybridge_model::Param> = of(ParamKind::PositionalOnly).chain(of(ParamKind::Positional)).collect();
    let count = ordered.len();
    let required = ordered.iter().take_while(|p| p.default_rust.is_none()).count();
    let args = ordered.iter().enumerate().map(|(i, p)| {
        let index = proc_macro2::Literal::usize_unsuffixed(i);
        match &p.default_rust {
            Some(value) if i >= required => {
                let value = super::emit_default_value(value, &p.ty);
                quote!(__pb_a.get_or(#index, || #value)?)
            }
            _ => quote!(__pb_a.get(#index)?),
        }
    });
    (proc_macro2::Literal::usize_unsuffixed(required), proc_macro2::Literal::usize_unsuffixed(count), args.collect())
}

/// Registering fast function `f` (pyo3 wrapper `wrapper`) in the module being initialised.
pub(super) fn emit_fast_registration(f: &Function, wrapper: &syn::Ident) -> TokenStream {
    let fast = fast_static(f);
    quote!(::pybridge::__private::add_fast_function(
        __pb_module,
        ::pybridge::__private::pyo3::wrap_pyfunction!(#wrapper, __pb_module)?,
        &#fast,
    )?;)
}
