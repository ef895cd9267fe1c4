//! What generated class handles (`m::Counter`, import side) implement through Python: `Clone`
//! (a new reference to the same object), `PartialEq` (Python's `==`), `Display` (`str()`) and
//! `Debug` (`repr()`). Each attaches by itself, from any thread.

use pyo3::prelude::*;

use crate::Object;

/// A new strong reference to the same object (the handle's `Clone`). A thread that holds the
/// GIL already counts at once (`attach_guarded`: no Python code runs, so no pending exception
/// needs moving aside); any other attaches. Panics, as [`crate::attach`] does, once the
/// interpreter is exiting.
pub fn handle_clone(obj: &Object) -> Object {
    crate::interpreter::attach_guarded(|py| obj.clone_ref(py)).unwrap_or_else(|e| panic!("{e}"))
}

/// Python's `a == b` (the handle's `PartialEq`): `false` when `__eq__` raises or the
/// interpreter cannot be reached (a comparison cannot report an error).
pub fn handle_eq(a: &Object, b: &Object) -> bool {
    crate::try_attach(|py| a.bind(py).eq(b.bind(py)).unwrap_or(false)).unwrap_or(false)
}

/// Python's `a == b` on an attached thread (a handle's `eq_ref`): the error `__eq__` raised.
#[inline]
pub fn handle_eq_attached(py: Python<'_>, a: &Object, b: &Object) -> crate::Result<bool> {
    a.bind(py).eq(b.bind(py)).map_err(|e| crate::Error::from_pyerr(py, e))
}

/// `str(obj)` (the handle's `Display`); `<str() failed>` when it raises.
pub fn handle_str(obj: &Object) -> String {
    crate::try_attach(|py| obj.bind(py).str().map(|s| s.to_string_lossy().into_owned()).ok())
        .ok()
        .flatten()
        .unwrap_or_else(|| "<str() failed>".to_string())
}

/// `repr(obj)` (the handle's `Debug`), or `None` when it raises or the interpreter cannot be
/// reached (the generated `Debug` then writes the class's name).
pub fn handle_repr(obj: &Object) -> Option<String> {
    crate::try_attach(|py| obj.bind(py).repr().map(|s| s.to_string_lossy().into_owned()).ok()).ok().flatten()
}

/// Python's `hash(obj)` (the handle's `Hash`, where the class declares `__hash__`): 0 when it
/// raises or the interpreter cannot be reached (`Hash` cannot fail; equal objects still hash
/// alike).
pub fn handle_hash(obj: &Object) -> isize {
    crate::try_attach(|py| obj.bind(py).hash().unwrap_or(0)).unwrap_or(0)
}
