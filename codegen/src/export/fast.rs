//! Direct entry points for exported functions whose parameters are plain values (the runtime's
//! `fast.rs` explains the fast and slow paths).
//!
//! For `fn add(a: i64, b: i64) -> i64` the glue keeps pyo3's `#[pyfunction]` wrapper
//! `__pb_fn_add` and adds
//!
//! ```ignore
//! static __pb_fast_add: FastFunction = FastFunction::new(FastEntry::FastCall(__pb_entry_add));
//! unsafe extern "C" fn __pb_entry_add(m, args, nargs, kwnames) -> *mut PyObject {
//!     if nargs == 2 && kwnames.is_null() {
//!         if let Some(a) = FastArg::fast(*args.add(0)) { if let Some(b) = FastArg::fast(*args.add(1)) {
//!             return finish(|py| __pb_fn_add(a, b));
//!         } }
//!     }
//!     __pb_fast_add.slow(m, args, nargs, kwnames)
//! }
//! ```
//!
//! and registers it with `add_fast_function(module, wrap_pyfunction!(__pb_fn_add), &__pb_fast_add)`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{FnKind, Function, IntWidth, ParamKind, ReturnPolicy, TypeKind};

/// Whether `f` gets a direct entry point: a free function whose parameters are all positional
/// `bool`, integer (up to 64 bits), float or `str` values, returning a value (not a view or a
/// borrowing iterator).
pub(super) fn is_fast(f: &Function) -> bool {
    let plain = |p: &pybridge_model::Param| {
        matches!(p.kind, ParamKind::Positional | ParamKind::PositionalOnly)
            && match &p.ty.kind {
                TypeKind::Bool | TypeKind::Float { .. } | TypeKind::Str { .. } => true,
                TypeKind::Int(w) => !matches!(w, IntWidth::I128 | IntWidth::U128),
                _ => false,
            }
    };
    f.kind == FnKind::Free
        && f.borrows.is_none()
        && f.policy == ReturnPolicy::Value
        && !matches!(f.returns.kind, TypeKind::Iterator { .. })
        && f.params.iter().all(plain)
}

/// The `static` holding `f`'s fast function.
pub(super) fn fast_static(f: &Function) -> syn::Ident {
    format_ident!("__pb_fast_{}", f.name.py)
}

/// The direct entry point of fast function `f`, whose pyo3 wrapper is `wrapper`.
pub(super) fn emit_fast_function(f: &Function, wrapper: &syn::Ident) -> TokenStream {
    let marker = crate::spec_marker::emit_spec_marker(&f.origin, &format!("function `{}` (direct entry)", f.name.py));
    let fast = fast_static(f);
    let entry = format_ident!("__pb_entry_{}", f.name.py);
    let ffi = quote!(::pybridge::__private::pyo3::ffi);
    let py_arg = f.release_gil.then(|| quote!(__pb_py,));
    let finish = if matches!(f.returns.kind, TypeKind::Unit) {
        quote!(::pybridge::__private::finish_unit)
    } else {
        quote!(::pybridge::__private::finish)
    };
    if f.params.is_empty() {
        return quote! {
            #marker
            static #fast: ::pybridge::__private::FastFunction =
                ::pybridge::__private::FastFunction::new(::pybridge::__private::FastEntry::NoArgs(#entry));
            #marker
            // SAFETY (see the `METH_FASTCALL` form below): CPython calls a `METH_NOARGS` function
            // attached.
            #[allow(clippy::undocumented_unsafe_blocks)]
            unsafe extern "C" fn #entry(_: *mut #ffi::PyObject, _: *mut #ffi::PyObject) -> *mut #ffi::PyObject {
                unsafe { #finish(|__pb_py| #wrapper(#py_arg)) }
            }
        };
    }
    let count = f.params.len();
    let args: Vec<syn::Ident> = (0..count).map(|i| format_ident!("__pb_x{}", i)).collect();
    let index = 0..count;
    // The wrapper takes its parameters in Python's order (positional-only first), which is the
    // order positional arguments arrive in. Every argument is converted before any is checked:
    // a conversion that declines has no effect (no Python code runs, no exception is left).
    let (pattern, values) = if count == 1 {
        (quote!(::core::option::Option::Some(__pb_x0)), quote!(__pb_x0))
    } else {
        let some = args.iter().map(|a| quote!(::core::option::Option::Some(#a)));
        (quote!((#(#some),*)), quote!((#(#args),*)))
    };
    quote! {
        #marker
        static #fast: ::pybridge::__private::FastFunction =
            ::pybridge::__private::FastFunction::new(::pybridge::__private::FastEntry::FastCall(#entry));
        #marker
        // SAFETY (the generated code allows clippy's `undocumented_unsafe_blocks`; the argument
        // is here): CPython calls a `METH_FASTCALL | METH_KEYWORDS` function attached, with
        // `__pb_nargs` live borrowed arguments at `__pb_args`, so reading the first `#count`
        // once `__pb_nargs` equals it is in bounds; the objects outlive the call, so every `&str`
        // converted from them does too, and none escapes (the wrapper returns owned values); the
        // slow path gets CPython's arguments unchanged.
        #[allow(clippy::undocumented_unsafe_blocks)]
        unsafe extern "C" fn #entry(
            __pb_module: *mut #ffi::PyObject,
            __pb_args: *const *mut #ffi::PyObject,
            __pb_nargs: #ffi::Py_ssize_t,
            __pb_kwnames: *mut #ffi::PyObject,
        ) -> *mut #ffi::PyObject {
            if __pb_nargs == #count as #ffi::Py_ssize_t && __pb_kwnames.is_null() {
                #(let #args = unsafe { ::pybridge::__private::FastArg::fast(*__pb_args.add(#index)) };)*
                if let #pattern = #values {
                    return unsafe { #finish(move |__pb_py| #wrapper(#py_arg #(#args),*)) };
                }
            }
            unsafe { #fast.slow(__pb_module, __pb_args, __pb_nargs, __pb_kwnames) }
        }
    }
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
