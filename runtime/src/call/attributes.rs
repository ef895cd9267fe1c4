//! Attribute access on imported objects: a typed read and an assignment, by interned name.

use pyo3::conversion::FromPyObjectOwned;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyString;
use pyo3::{BoundObject, IntoPyObject};

use super::{FromPyErr, owned_or_fetch};
use crate::error::Error;

/// Reads attribute `name` of `obj` as `T` (a typed property or attribute of an imported class).
pub fn get_attribute<'py, T, E>(
    obj: &Bound<'py, PyAny>,
    name: &Bound<'py, PyString>,
    qualified: &'static str,
    expected: &'static str,
) -> Result<T, E>
where
    T: FromPyObjectOwned<'py>,
    E: FromPyErr,
{
    let py = obj.py();
    // SAFETY: attached (`py`); both are live objects and `name` is a str. PyObject_GetAttr
    // returns a new reference or null with an exception set.
    let value = owned_or_fetch(py, unsafe { ffi::PyObject_GetAttr(obj.as_ptr(), name.as_ptr()) })
        .map_err(|e| E::from_pyerr(py, e))?;
    super::extract_value(&value, qualified, "attribute", expected).map_err(E::from)
}

/// Assigns attribute `name` of `obj`.
pub fn set_attribute<'py, V, E>(
    obj: &Bound<'py, PyAny>,
    name: &Bound<'py, PyString>,
    value: V,
    qualified: &'static str,
) -> Result<(), E>
where
    V: IntoPyObject<'py>,
    E: FromPyErr,
{
    let py = obj.py();
    let value = value.into_pyobject(py).map_err(|e| {
        let err: PyErr = e.into();
        E::from(Error::conversion(
            qualified,
            "assigned value",
            "a Python value",
            "a Rust value".into(),
            err.to_string(),
        ))
    })?;
    let value = value.into_any().into_bound();
    // SAFETY: attached (`py`); all three are live objects (borrowed for the call) and `name` is
    // a str. PyObject_SetAttr returns -1 with an exception set on failure.
    if unsafe { ffi::PyObject_SetAttr(obj.as_ptr(), name.as_ptr(), value.as_ptr()) } < 0 {
        return Err(E::from_pyerr(py, crate::error::fetch(py)));
    }
    Ok(())
}
