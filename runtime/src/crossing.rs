//! One type in both directions: a class a spec exports, passed to or returned from a Python
//! function called through an import stub of the same spec, crosses as the Rust type itself.
//! The export glue implements [`ExportedClass`] for the class's Rust type (tagged with a type
//! local to the generated file, so the impl is allowed for types of other crates too); the
//! stubs wrap arguments in [`ToPython`] and extract results through [`FromPython`].

use std::marker::PhantomData;

use pyo3::Borrowed;
use pyo3::conversion::{FromPyObject, IntoPyObject};
use pyo3::prelude::*;

/// A Rust type exported as a Python class by the spec whose generated file defines `Tag`.
pub trait ExportedClass<Tag>: Sized {
    /// A new Python object of the exported class holding a copy of `self`.
    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    /// A copy of the value inside `obj`, which must be an instance of the exported class.
    fn from_python(obj: &Bound<'_, PyAny>) -> PyResult<Self>;
}

/// An argument of an import stub that is an exported class: converted by copying into a new
/// object of the class.
#[derive(Debug)]
pub struct ToPython<'a, T, Tag>(&'a T, PhantomData<fn() -> Tag>);

impl<'a, T, Tag> ToPython<'a, T, Tag> {
    /// Wraps `value` for the call.
    pub fn new(value: &'a T) -> Self {
        ToPython(value, PhantomData)
    }
}

impl<'py, T: ExportedClass<Tag>, Tag> IntoPyObject<'py> for ToPython<'_, T, Tag> {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        self.0.to_python(py)
    }
}

/// A result of an import stub that is an exported class: `.0` is a copy of the object's value.
#[derive(Debug)]
pub struct FromPython<T, Tag>(pub T, PhantomData<fn() -> Tag>);

impl<'a, 'py, T: ExportedClass<Tag>, Tag> FromPyObject<'a, 'py> for FromPython<T, Tag> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error> {
        T::from_python(&obj).map(|value| FromPython(value, PhantomData))
    }
}

/// A result typed `tuple[()]`: Python must return an empty tuple (`()` in Rust; pyo3 has no
/// extraction for `()` because a function returning nothing returns `None`, not `()`).
#[derive(Debug)]
pub struct EmptyTuple;

impl<'a, 'py> FromPyObject<'a, 'py> for EmptyTuple {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error> {
        let tuple = obj.cast::<pyo3::types::PyTuple>().map_err(PyErr::from)?;
        if pyo3::types::PyTupleMethods::is_empty(&*tuple) {
            Ok(EmptyTuple)
        } else {
            Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "expected an empty tuple, got a tuple of {}",
                pyo3::types::PyTupleMethods::len(&*tuple)
            )))
        }
    }
}
