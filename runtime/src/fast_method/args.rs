//! The arguments of a method pybridge registers itself (no pyo3 wrapper): the positional
//! arguments CPython passed, or, for any other call (keywords, a missing or extra argument),
//! the slots pyo3's own argument parser (`FunctionDescription`) filled, so that its errors are
//! pyo3's, word for word. Each argument converts in place when it can ([`FastArg`]) and through
//! pyo3's `FromPyObject` otherwise, with pyo3's note naming the argument.

use pyo3::ffi;
use pyo3::impl_::extract_argument::{FunctionDescription, NoVarargs, NoVarkeywords, argument_extraction_error};
use pyo3::prelude::*;

use crate::fast::FastArg;

/// The most parameters a method registered by pybridge takes (codegen gives a method with more
/// pyo3's wrapper instead).
pub(crate) const MAX_PARAMS: usize = 16;

/// A method's arguments, one borrowed object (or null: not given, take the default) per
/// parameter in Python's order, for the entry's body: [`MethodArgs::get`],
/// [`MethodArgs::get_or`].
#[derive(Clone, Copy)]
pub struct MethodArgs<'py> {
    py: Python<'py>,
    slots: *const *mut ffi::PyObject,
    given: usize,
    names: &'static [&'static str],
}

impl std::fmt::Debug for MethodArgs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MethodArgs").field("given", &self.given).field("names", &self.names).finish_non_exhaustive()
    }
}

impl<'py> MethodArgs<'py> {
    /// The arguments at `slots`.
    ///
    /// # Safety
    /// Attached (`py`); `slots` holds `given` pointers, each null or a live borrowed object for
    /// `'py` (the call); `names` has at least `given` entries.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(super) unsafe fn new(
        py: Python<'py>,
        slots: *const *mut ffi::PyObject,
        given: usize,
        names: &'static [&'static str],
    ) -> Self {
        MethodArgs { py, slots, given, names }
    }

    /// The object given for parameter `i`, or null.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn slot(self, i: usize) -> *mut ffi::PyObject {
        if i >= self.given {
            return std::ptr::null_mut();
        }
        // SAFETY: `i < given`, and `slots` holds `given` pointers (`new`'s contract).
        unsafe { *self.slots.add(i) }
    }

    /// Argument `i` (a required parameter's), converted: in place for an exact `int`, `float`,
    /// `bool` or `str`, else through pyo3's `FromPyObject`, whose error names the argument.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn get<T>(self, i: usize) -> PyResult<T>
    where
        T: FastArg<'py> + FromPyObject<'py, 'py>,
    {
        let object = self.slot(i);
        if object.is_null() {
            // pyo3's parser made sure every required argument is given; not reached.
            return Err(missing());
        }
        // SAFETY: attached, and `object` a live borrowed object for `'py` (`new`'s contract).
        match unsafe { T::fast(object) } {
            Some(value) => Ok(value),
            None => extract(self.py, object, self.names, i),
        }
    }

    /// Argument `i` if given, converted as [`MethodArgs::get`] does; otherwise `default()` (a
    /// parameter with a default).
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn get_or<T>(self, i: usize, default: impl FnOnce() -> T) -> PyResult<T>
    where
        T: FastArg<'py> + FromPyObject<'py, 'py>,
    {
        if self.slot(i).is_null() { Ok(default()) } else { self.get(i) }
    }
}

/// pyo3's conversion of `object`, its error noting the parameter's name (`names[i]`).
#[cold]
#[inline(never)]
fn extract<'py, T: FromPyObject<'py, 'py>>(
    py: Python<'py>,
    object: *mut ffi::PyObject,
    names: &'static [&'static str],
    i: usize,
) -> PyResult<T> {
    // SAFETY: attached (`py`), `object` a live borrowed object for `'py` (`MethodArgs::new`'s
    // contract, whose slots the caller read it from); the `Borrowed` does not outlive the call.
    let borrowed = unsafe { pyo3::Borrowed::from_ptr(py, object) };
    T::extract(borrowed).map_err(|e| argument_extraction_error(py, names.get(i).unwrap_or(&"?"), e.into()))
}

#[cold]
fn missing() -> PyErr {
    pyo3::exceptions::PySystemError::new_err("pybridge: a required argument was not given")
}

/// Parses any call of a method pybridge registers with pyo3's parser (`shape` describes it) (keywords, positional-only
/// parameters, counts, and its errors), then runs `body` on the slots it filled.
///
/// # Safety
/// Attached; `args` holds `nargs` borrowed objects followed by one per name in `kwnames` (null
/// without keywords), all alive for the call, as CPython passes them.
#[cold]
#[inline(never)]
#[allow(clippy::too_many_arguments)] // scalars, passed in registers from the hot entry
pub(super) unsafe fn parse_and_run(
    py: Python<'_>,
    &(class, name, names, positional_only, required, count): &'static super::MethodShape,
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
    body: super::MethodBody,
) -> *mut ffi::PyObject {
    if count > MAX_PARAMS || count != names.len() || required > count || positional_only > count {
        return crate::fast::raise(
            py,
            pyo3::exceptions::PySystemError::new_err("pybridge: method shape not supported"),
        );
    }
    let description = FunctionDescription::new(Some(class), name, names, positional_only, required, &[]);
    let mut output: [Option<pyo3::Borrowed<'_, '_, PyAny>>; MAX_PARAMS] = [None; MAX_PARAMS];
    // SAFETY: CPython's arguments (the caller's contract), which is the parser's contract; it
    // fills `output` with borrowed objects alive for the call.
    let parsed = unsafe {
        description.extract_arguments_fastcall::<NoVarargs, NoVarkeywords>(
            py,
            args,
            nargs,
            kwnames,
            &mut output[..count],
        )
    };
    if let Err(err) = parsed {
        return crate::fast::raise(py, err);
    }
    let slots = output.map(|o| o.map_or(std::ptr::null_mut(), |b| b.as_ptr()));
    // SAFETY: attached; each slot is null or an object the parser borrowed from the call's
    // arguments (alive for the call); `names` has `count` entries.
    let arguments = unsafe { MethodArgs::new(py, slots.as_ptr(), count, names) };
    super::finish(py, std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| body(py, slf, arguments))))
}
