//! Classmethods returning `Self` on a Python subclass: the new object is an instance of the
//! class the method was called on (`Sub.make()` gives a `Sub`), as a Python classmethod writing
//! `cls(...)` would; the subclass's `__init__` is not called (the value is already built).

use pyo3::prelude::*;
use pyo3::types::PyType;
use pyo3::{PyClass, PyClassInitializer};

/// A new object holding `init`, of class `cls`: the pyclass `T` itself, or a Python subclass of
/// it. A `cls` that is not `T` or a subclass raises `TypeError`.
pub fn new_instance_of<T: PyClass>(
    cls: &Bound<'_, PyType>,
    init: impl Into<PyClassInitializer<T>>,
) -> PyResult<Py<PyAny>> {
    let py = cls.py();
    let base = py.get_type::<T>();
    if cls.is(&base) {
        return Ok(Bound::new(py, init)?.into_any().unbind());
    }
    if !cls.is_subclass(&base)? {
        let got = cls.qualname().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        let want = base.qualname().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        return Err(pyo3::exceptions::PyTypeError::new_err(format!("{got} is not a subclass of {want}")));
    }
    let init: PyClassInitializer<T> = init.into();
    // SAFETY: `cls` is a live type object (we hold a `Bound` to it, attached) and a subclass of
    // `T`'s type, checked just above: what `tp_new_impl` requires of its `cls` (pyo3's `#[new]`
    // passes the subtype it is called with the same way). It allocates the subclass's larger
    // layout through the subtype's `tp_alloc` and moves `init`'s value into the `T` part; no
    // Rust reference to the new object exists yet, so nothing aliases the value being written.
    // On success it returns a new (owned) reference.
    let ptr = unsafe { pyo3::impl_::pymethods::tp_new_impl(py, init, cls.as_type_ptr())? };
    // SAFETY: `ptr` is the owned reference `tp_new_impl` returned (not null on success); the
    // `Py` takes that one reference over, so it is released exactly once.
    Ok(unsafe { Bound::from_owned_ptr(py, ptr) }.unbind())
}
