//! Results and exceptions of a call: the new reference or the raised exception, exceptions
//! sorted into error types, and typed extraction of returned values and instances.

use pyo3::conversion::FromPyObjectOwned;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyTypeMethods;

use super::ImportedAttr;
use crate::error::{Error, Result};

/// The new reference a CPython call returned, or the exception it raised (null): a
/// `PanicException` resumes its panic without printing ([`crate::error::fetch`]).
#[inline(always)]
pub(crate) fn owned_or_fetch<'py>(py: Python<'py>, result: *mut ffi::PyObject) -> PyResult<Bound<'py, PyAny>> {
    if result.is_null() {
        return Err(crate::error::fetch(py));
    }
    // SAFETY: attached (`py`); a non-null result of a CPython call that returns a new reference
    // is an owned, live object, and nothing else owns this reference.
    Ok(unsafe { Bound::from_owned_ptr(py, result) })
}

/// Turns a Python exception into an error type, while attached. Implemented by [`Error`] and by
/// the error enums generated for modules that declare exception classes.
pub trait FromPyErr: From<Error> {
    /// Captures `err`.
    fn from_pyerr(py: Python<'_>, err: PyErr) -> Self;
}

impl FromPyErr for Error {
    fn from_pyerr(py: Python<'_>, err: PyErr) -> Self {
        Error::from_pyerr(py, err)
    }
}

/// The index of the most derived of `classes` that `err` is an instance of.
pub fn classify(py: Python<'_>, err: &PyErr, classes: &[&ImportedAttr]) -> Option<usize> {
    let mut best: Option<(usize, Bound<'_, pyo3::types::PyType>)> = None;
    for (i, attr) in classes.iter().enumerate() {
        let Some(class) = attr.get_or_builtin(py) else { continue };
        let Ok(class) = class.cast_into::<pyo3::types::PyType>() else { continue };
        if !err.is_instance(py, &class) {
            continue;
        }
        let more_derived = match &best {
            None => true,
            Some((_, current)) => class.is_subclass(current).unwrap_or(false),
        };
        if more_derived {
            best = Some((i, class.clone()));
        }
    }
    best.map(|(i, _)| i)
}

/// Checks that `obj` is an instance of the class behind `class` and returns an owned handle;
/// the `TypeError` names the expected class and the actual type.
pub fn extract_instance(
    obj: pyo3::Borrowed<'_, '_, PyAny>,
    class: &ImportedAttr,
    qualname: &'static str,
) -> PyResult<Py<PyAny>> {
    let py = obj.py();
    if obj.is_instance(class.get_py(py)?)? {
        return Ok(obj.to_owned().unbind());
    }
    let actual = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
    Err(pyo3::exceptions::PyTypeError::new_err(format!("expected an instance of {qualname}, got {actual}")))
}

/// Extracts a Python result as `T`, or a conversion error naming the function, the expected
/// Python type and the actual one.
#[inline]
pub fn extract_return<'py, T: FromPyObjectOwned<'py>>(
    value: &Bound<'py, PyAny>,
    function: &'static str,
    expected: &'static str,
) -> Result<T> {
    extract_value(value, function, "return value", expected)
}

/// [`extract_return`] for `what` the value is (`return value`, `attribute`).
#[inline]
pub(crate) fn extract_value<'py, T: FromPyObjectOwned<'py>>(
    value: &Bound<'py, PyAny>,
    function: &'static str,
    what: &'static str,
    expected: &'static str,
) -> Result<T> {
    match value.extract::<T>() {
        Ok(v) => Ok(v),
        Err(e) => Err(return_error(value, (function, what), expected, e.into(), std::any::type_name::<T>())),
    }
}

/// A returned Python iterable as a lazy [`crate::PyIter`] (`iter()` taken now: a value that is
/// not iterable is a conversion error naming the function).
pub fn iter_return<T, E>(
    value: &Bound<'_, PyAny>,
    function: &'static str,
    expected: &'static str,
) -> Result<crate::PyIter<T, E>> {
    match value.try_iter() {
        Ok(iter) => Ok(crate::PyIter::new(iter.unbind(), function, expected)),
        Err(e) => Err(return_error(value, (function, "return value"), "an iterable", e, "an iterator")),
    }
}

/// A returned Python callable as a typed [`crate::PyFn`] (checked to be callable now).
pub fn callable_return<A, R, E>(
    value: &Bound<'_, PyAny>,
    function: &'static str,
    expected: &'static str,
) -> Result<crate::PyFn<A, R, E>> {
    if value.is_callable() {
        return Ok(crate::PyFn::new(value.clone().unbind(), function, expected));
    }
    let actual = value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
    Err(Error::conversion(function, "return value", "a callable", actual, String::new()))
}

/// One item of a [`crate::PyIter`] as `T`, or a conversion error naming the function.
pub(crate) fn extract_item<'py, T: FromPyObjectOwned<'py>>(
    value: &Bound<'py, PyAny>,
    function: &'static str,
    expected: &'static str,
) -> Result<T> {
    value.extract::<T>().map_err(|e| {
        let actual = value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        let err: PyErr = e.into();
        Error::conversion(function, "an item", expected, actual, err.to_string())
    })
}

/// Where inside a returned value its conversion failed: the path (`[2]["key"]`), the element
/// there, its error and the Rust type it was read as.
#[allow(missing_debug_implementations)]
pub struct Located<'py> {
    path: String,
    element: Bound<'py, PyAny>,
    err: PyErr,
    rust: &'static str,
}

/// Finds the element of a value that does not convert (generated per container type).
pub type Locator<'l> = &'l dyn for<'py> Fn(&Bound<'py, PyAny>) -> Option<Located<'py>>;

/// [`extract_return`] for a type with containers: a failure names the element (`at [2]["k"]`),
/// found by `locate` once the conversion has failed (the cold path only).
#[inline]
pub fn extract_located<'py, T: FromPyObjectOwned<'py>>(
    value: &Bound<'py, PyAny>,
    function: &'static str,
    expected: &'static str,
    locate: Locator<'_>,
) -> Result<T> {
    match value.extract::<T>() {
        Ok(v) => Ok(v),
        Err(e) => Err(located_error(value, function, expected, e.into(), std::any::type_name::<T>(), locate)),
    }
}

#[cold]
fn located_error(
    value: &Bound<'_, PyAny>,
    function: &'static str,
    expected: &'static str,
    err: PyErr,
    rust: &'static str,
    locate: Locator<'_>,
) -> Error {
    match locate(value) {
        Some(l) if !l.path.is_empty() => {
            let what = format!("return value at {}", l.path);
            return_error(&l.element, (function, &what), expected, l.err, l.rust)
        }
        _ => return_error(value, (function, "return value"), expected, err, rust),
    }
}

/// A leaf of a [`Locator`]: the value itself as `T`.
pub fn locate_leaf<'py, T: for<'a> FromPyObject<'a, 'py>>(value: &Bound<'py, PyAny>) -> Option<Located<'py>> {
    match value.extract::<T>() {
        Ok(_) => None,
        Err(e) => Some(Located {
            path: String::new(),
            element: value.clone(),
            err: e.into(),
            rust: std::any::type_name::<T>(),
        }),
    }
}

/// A [`Locator`] step into `None` or a value.
pub fn locate_optional<'py>(value: &Bound<'py, PyAny>, inner: Locator<'_>) -> Option<Located<'py>> {
    if value.is_none() { None } else { inner(value) }
}

/// A [`Locator`] step into each item of a list, tuple, set or other iterable (`[i]`).
pub fn locate_items<'py>(value: &Bound<'py, PyAny>, item: Locator<'_>) -> Option<Located<'py>> {
    if value.is_instance_of::<pyo3::types::PyString>() {
        return None;
    }
    for (i, x) in value.try_iter().ok()?.enumerate() {
        let x = x.ok()?;
        if let Some(mut l) = item(&x) {
            l.path = format!("[{i}]{}", l.path);
            return Some(l);
        }
    }
    None
}

/// A [`Locator`] step into each key (`key k`) and value (`[k]`) of a mapping.
pub fn locate_entries<'py>(value: &Bound<'py, PyAny>, key: Locator<'_>, val: Locator<'_>) -> Option<Located<'py>> {
    let items = value.call_method0(pyo3::intern!(value.py(), "items")).ok()?;
    for pair in items.try_iter().ok()? {
        let pair = pair.ok()?;
        let (k, v) = (pair.get_item(0).ok()?, pair.get_item(1).ok()?);
        let shown = k.repr().map(|r| r.to_string()).unwrap_or_else(|_| "?".into());
        if let Some(mut l) = key(&k) {
            l.path = format!("key {shown}{}", l.path);
            return Some(l);
        }
        if let Some(mut l) = val(&v) {
            l.path = format!("[{shown}]{}", l.path);
            return Some(l);
        }
    }
    None
}

/// A [`Locator`] step into the fields of a tuple (`[i]`).
pub fn locate_fields<'py>(value: &Bound<'py, PyAny>, fields: &[Locator<'_>]) -> Option<Located<'py>> {
    for (i, field) in fields.iter().enumerate() {
        let x = value.get_item(i).ok()?;
        if let Some(mut l) = field(&x) {
            l.path = format!("[{i}]{}", l.path);
            return Some(l);
        }
    }
    None
}

#[cold]
fn return_error(
    value: &Bound<'_, PyAny>,
    (function, what): (&'static str, &str),
    expected: &'static str,
    err: PyErr,
    rust: &'static str,
) -> Error {
    let actual = value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
    // An `int` too wide for the Rust integer: say which value and which type ("out of range for
    // u8"), not pyo3's "out of range integral type conversion attempted".
    let py = value.py();
    if err.is_instance_of::<pyo3::exceptions::PyOverflowError>(py) && value.is_instance_of::<pyo3::types::PyInt>() {
        let shown = value.repr().map(|r| r.to_string()).unwrap_or_else(|_| "the int".into());
        let wanted = format!("an int that fits {rust}");
        return Error::conversion(function, what, &wanted, actual, format!("{shown} is out of range for {rust}"));
    }
    Error::conversion(function, what, expected, actual, err.to_string())
}

/// Attribute `name` of a raised exception `exc` (of the declared class `exception`) as `T`: an
/// error naming the exception and the attribute when it is missing or of another type.
pub fn exception_attr<'py, T: FromPyObjectOwned<'py>>(
    exc: &Bound<'py, PyAny>,
    exception: &'static str,
    name: &'static str,
    expected: &'static str,
) -> Result<T> {
    let what = format!("attribute `{name}`");
    let value = match exc.getattr(name) {
        Ok(value) => value,
        Err(e) => return Err(Error::conversion(exception, &what, expected, "nothing".into(), e.to_string())),
    };
    value.extract::<T>().map_err(|e| {
        let actual = value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        let err: PyErr = e.into();
        Error::conversion(exception, &what, expected, actual, err.to_string())
    })
}
