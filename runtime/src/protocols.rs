//! The Rust traits behind generated Python protocols and conversions, each behind a trait of
//! pybridge's own whose `#[diagnostic::on_unimplemented]` message names the spec declaration
//! and the fix: when a spec lists `Debug` under `traits:` for a type that lacks it, rustc says
//! so in those words (at the generated item, under its `// from spec.yaml:L:C` comment),
//! instead of pointing into pybridge's glue.
//!
//! Each trait has a blanket impl over the std trait, so any type that implements the std trait
//! qualifies; the functions are what generated code calls.

use std::cmp::Ordering;
use std::fmt::{Debug, Display};
use std::hash::{Hash, Hasher};

/// `__repr__` from `Debug`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` gets `__repr__` from `Debug`, which it does not implement",
    label = "this class is declared with `Debug`",
    note = "derive or implement `Debug` for it, or remove `Debug` from the class's `traits:` in the spec"
)]
pub trait DeclaredDebug {
    /// `format!("{:?}")`.
    fn declared_repr(&self) -> String;
}

impl<T: Debug + ?Sized> DeclaredDebug for T {
    fn declared_repr(&self) -> String {
        format!("{self:?}")
    }
}

/// `__str__` from `Display` (also the message of a raised error).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is shown to Python through `Display`, which it does not implement",
    label = "declared with `Display` (a class's `traits:`, or an error type under `raises:`)",
    note = "implement `Display` for it, or remove `Display` from the spec"
)]
pub trait DeclaredDisplay {
    /// `to_string()`.
    fn declared_str(&self) -> String;
}

impl<T: Display + ?Sized> DeclaredDisplay for T {
    fn declared_str(&self) -> String {
        self.to_string()
    }
}

/// `__eq__` from `PartialEq`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` gets `__eq__` from `PartialEq`, which it does not implement",
    label = "this class is declared with `PartialEq`",
    note = "derive or implement `PartialEq` for it, or remove `PartialEq`/`Eq` from the class's `traits:` in the spec"
)]
pub trait DeclaredPartialEq {
    /// `self == other`.
    fn declared_eq(&self, other: &Self) -> bool;
}

impl<T: PartialEq + ?Sized> DeclaredPartialEq for T {
    fn declared_eq(&self, other: &Self) -> bool {
        self == other
    }
}

/// `__lt__`, `__le__`, `__gt__`, `__ge__` from `PartialOrd`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` gets ordering from `PartialOrd`, which it does not implement",
    label = "this class is declared with `PartialOrd`",
    note = "derive or implement `PartialOrd` for it, or remove `PartialOrd`/`Ord` from the class's `traits:` in the spec"
)]
pub trait DeclaredPartialOrd {
    /// `partial_cmp`.
    fn declared_cmp(&self, other: &Self) -> Option<Ordering>;
}

impl<T: PartialOrd + ?Sized> DeclaredPartialOrd for T {
    fn declared_cmp(&self, other: &Self) -> Option<Ordering> {
        self.partial_cmp(other)
    }
}

/// `__hash__` from `Hash`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` gets `__hash__` from `Hash`, which it does not implement",
    label = "this class is declared with `Hash`",
    note = "derive or implement `Hash` for it, or remove `Hash` from the class's `traits:` in the spec"
)]
pub trait DeclaredHash {
    /// The value's hash with std's default hasher.
    fn declared_hash(&self) -> u64;
}

impl<T: Hash + ?Sized> DeclaredHash for T {
    fn declared_hash(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.hash(&mut hasher);
        hasher.finish()
    }
}

/// Copies of a class's value (a class passed by value, a field read as a copy).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is copied between Python objects, which needs `Clone`",
    label = "taken or returned by value here",
    note = "derive or implement `Clone` for it, or take it by reference (`&C`) / share it (`Arc<C>`, `policy: shared`) in the spec"
)]
pub trait DeclaredClone: Sized {
    /// `clone()`.
    fn declared_clone(&self) -> Self;
}

impl<T: Clone> DeclaredClone for T {
    fn declared_clone(&self) -> Self {
        self.clone()
    }
}

/// An exported function's error type, raised as a Python exception.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is returned as an error but pybridge does not know which Python exception to raise",
    label = "the `Err` of this function",
    note = "in the spec, add `raises: <Exception>` to the function (declaring the exception under `exceptions:`); with `#[py_embed]`, mark the error type `#[py_embed(exception)]`; or implement `From<{Self}> for pyo3::PyErr`"
)]
pub trait DeclaredError {
    /// The Python exception.
    fn declared_into_pyerr(self) -> pyo3::PyErr;
}

// `do_not_recommend`: rustc reports the missing `DeclaredError` (and its message above) instead
// of descending into `PyErr: From<E>`, which names neither the spec nor the fix.
#[diagnostic::do_not_recommend]
impl<E: Into<pyo3::PyErr>> DeclaredError for E {
    fn declared_into_pyerr(self) -> pyo3::PyErr {
        self.into()
    }
}

/// `__repr__` from `Debug`.
pub fn repr_of<T: DeclaredDebug + ?Sized>(value: &T) -> String {
    value.declared_repr()
}

/// `__str__` from `Display`.
pub fn str_of<T: DeclaredDisplay + ?Sized>(value: &T) -> String {
    value.declared_str()
}

/// `__eq__` from `PartialEq`.
pub fn eq_of<T: DeclaredPartialEq + ?Sized>(a: &T, b: &T) -> bool {
    a.declared_eq(b)
}

/// Ordering from `PartialOrd`.
pub fn cmp_of<T: DeclaredPartialOrd + ?Sized>(a: &T, b: &T) -> Option<Ordering> {
    a.declared_cmp(b)
}

/// `__hash__` from `Hash`.
pub fn hash_of<T: DeclaredHash + ?Sized>(value: &T) -> u64 {
    value.declared_hash()
}

/// A copy of a class's value.
pub fn clone_of<T: DeclaredClone>(value: &T) -> T {
    value.declared_clone()
}

/// `value` (a class wrapper, or an enum's outgoing value) as a new Python object.
pub fn into_object<'py, T>(py: pyo3::Python<'py>, value: T) -> pyo3::PyResult<pyo3::Py<pyo3::PyAny>>
where
    T: pyo3::IntoPyObject<'py>,
    T::Error: Into<pyo3::PyErr>,
{
    value
        .into_pyobject(py)
        .map(|v| {
            use pyo3::BoundObject as _;
            v.into_any().into_bound().unbind()
        })
        .map_err(Into::into)
}

/// Converts an exported function's error into the Python exception it raises.
pub fn into_pyerr<E: DeclaredError>(err: E) -> pyo3::PyErr {
    err.declared_into_pyerr()
}

/// Removes the ordering slot wrappers (`__lt__`, `__le__`, `__gt__`, `__ge__`) that CPython puts
/// in the dict of a class whose `__eq__` comes from `PartialEq` but that has no `PartialOrd`: the
/// comparison slot already answers `NotImplemented` for them (so `a < b` raises `TypeError`),
/// but `help()` and `dir()` listed them as the class's own methods. The slot itself is left
/// alone (routing it through Python-level lookups would slow `==`). Does nothing under the
/// stable ABI, whose type objects are opaque.
pub fn hide_orderings(class: &pyo3::Bound<'_, pyo3::types::PyType>) -> pyo3::PyResult<()> {
    #[cfg(not(feature = "abi3-py311"))]
    {
        use pyo3::ffi;
        let py = class.py();
        let ty = pyo3::types::PyTypeMethods::as_type_ptr(class);
        // SAFETY: attached (`class` is a bound reference); `ty` is a live heap type that pyo3
        // just created and registered, and nothing else can run between these calls (no Python
        // code runs while deleting a slot wrapper, whose refcount is owned by the dict). The
        // dict is the type's own (`tp_dict` of a heap type is never null once ready); removing
        // entries from it and then `PyType_Modified` is how CPython itself invalidates the
        // method cache after a dict change. No Rust reference into the dict exists: only raw
        // pointers are used, so no aliasing rule is involved.
        unsafe {
            let dict = (*ty).tp_dict;
            if dict.is_null() {
                return Ok(());
            }
            for name in ["__lt__", "__le__", "__gt__", "__ge__"] {
                let key = pyo3::types::PyString::intern(py, name);
                match ffi::PyDict_DelItem(dict, key.as_ptr()) {
                    0 => {}
                    _ if ffi::PyErr_ExceptionMatches(ffi::PyExc_KeyError) != 0 => ffi::PyErr_Clear(),
                    _ => return Err(pyo3::PyErr::fetch(py)),
                }
            }
            ffi::PyType_Modified(ty);
        }
    }
    #[cfg(feature = "abi3-py311")]
    let _ = class;
    Ok(())
}
