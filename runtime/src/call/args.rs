//! The argument builder of one vectorcall ([`Args`]) and the call itself: arguments kept as
//! owned raw pointers in the array CPython reads, keyword names from the stub's cached tuple.

use std::mem::MaybeUninit;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use pyo3::{BoundObject, IntoPyObject};

#[cfg(feature = "abi3-py311")]
use super::compat;
use super::{FromPyErr, KwNames, owned_or_fetch};
use crate::error::{Error, Result};

/// Arguments for one vectorcall: `N` is one more than the parameter count (slot 0 is left
/// free for `PY_VECTORCALL_ARGUMENTS_OFFSET`, or holds the receiver of a method call).
/// Positional arguments come first; once an optional argument is omitted, later ones are passed
/// by keyword.
///
/// The arguments are kept as owned raw pointers in the very array vectorcall reads, so a call
/// costs no copying; `Drop` releases them (the `'py` lifetime proves we are still attached).
#[allow(missing_debug_implementations)]
pub struct Args<'py, const N: usize> {
    py: Python<'py>,
    function: &'static str,
    /// Owned references in `1..len` (and in 0 for a method call's receiver); null elsewhere.
    objects: [*mut ffi::PyObject; N],
    len: usize,
    positional: usize,
    /// Keyword names of `objects[1 + positional..len]`, written only when pushed.
    keywords: [MaybeUninit<&'static str>; N],
    /// An optional argument was omitted: later arguments go by keyword, and the keyword list
    /// may differ from the stub's full list.
    omitted: bool,
}

impl<'py, const N: usize> Args<'py, N> {
    /// Empty arguments for a call to `function` (named in conversion errors).
    #[inline]
    pub fn new(py: Python<'py>, function: &'static str) -> Self {
        Args {
            py,
            function,
            objects: [std::ptr::null_mut(); N],
            len: 1,
            positional: 0,
            keywords: [MaybeUninit::uninit(); N],
            omitted: false,
        }
    }

    #[inline]
    fn convert<T: IntoPyObject<'py>>(&self, name: &'static str, value: T) -> Result<*mut ffi::PyObject> {
        match value.into_pyobject(self.py) {
            Ok(v) => Ok(v.into_any().into_bound().into_ptr()),
            Err(e) => Err(self.conversion_error(name, e.into())),
        }
    }

    #[cold]
    fn conversion_error(&self, name: &'static str, err: PyErr) -> Error {
        Error::conversion(
            self.function,
            &format!("parameter `{name}`"),
            "a Python value",
            "a Rust value".into(),
            err.to_string(),
        )
    }

    #[inline]
    fn push(&mut self, name: &'static str, object: *mut ffi::PyObject, keyword: bool) {
        assert!(self.len < N, "more arguments than the stub declared");
        self.objects[self.len] = object;
        if keyword || self.omitted {
            self.keywords[self.len - 1 - self.positional] = MaybeUninit::new(name);
        } else {
            self.positional += 1;
        }
        self.len += 1;
    }

    /// A required positional argument.
    #[inline]
    pub fn positional<T: IntoPyObject<'py>>(&mut self, name: &'static str, value: T) -> Result<()> {
        let object = self.convert(name, value)?;
        self.push(name, object, false);
        Ok(())
    }

    /// A positional argument with a Python default: `None` omits it (and every later argument
    /// goes by keyword, so Python applies its own default).
    #[inline]
    pub fn optional<T: IntoPyObject<'py>>(&mut self, name: &'static str, value: Option<T>) -> Result<()> {
        match value {
            Some(v) => self.positional(name, v),
            None => {
                self.omitted = true;
                Ok(())
            }
        }
    }

    /// A positional-only argument with a Python default that a later positional-only argument
    /// follows: `None` passes the default itself (`default()`, read from the signature), since
    /// a positional slot cannot be skipped.
    #[inline]
    pub fn positional_or_default<T: IntoPyObject<'py>>(
        &mut self,
        name: &'static str,
        value: Option<T>,
        default: impl FnOnce() -> Result<Bound<'py, PyAny>>,
    ) -> Result<()> {
        match value {
            Some(v) => self.positional(name, v),
            None => {
                let object = default()?.into_ptr();
                self.push(name, object, false);
                Ok(())
            }
        }
    }

    /// A required keyword-only argument.
    #[inline]
    pub fn keyword<T: IntoPyObject<'py>>(&mut self, name: &'static str, value: T) -> Result<()> {
        let object = self.convert(name, value)?;
        self.push(name, object, true);
        Ok(())
    }

    /// A keyword-only argument with a Python default: `None` omits it.
    #[inline]
    pub fn optional_keyword<T: IntoPyObject<'py>>(&mut self, name: &'static str, value: Option<T>) -> Result<()> {
        match value {
            Some(v) => self.keyword(name, v),
            None => {
                self.omitted = true;
                Ok(())
            }
        }
    }

    /// Calls `callable` with the arguments. `kwnames` is the stub's full keyword list; when
    /// every keyword was given (the usual case) its cached tuple is used, otherwise a tuple is
    /// built for this call. A Python exception becomes `E` (pybridge's [`Error`], or a
    /// module's generated error enum, which sorts declared exception classes into variants).
    ///
    /// Takes `&mut self`: with `PY_VECTORCALL_ARGUMENTS_OFFSET` the callee may write into the
    /// argument array (slot 0), so the pointer CPython gets must come from a unique borrow. A
    /// shared borrow does not compile:
    ///
    /// ```compile_fail,E0596
    /// use pybridge::__private::{Args, NO_KEYWORDS};
    /// use pybridge::pyo3::prelude::*;
    /// pybridge::attach(|py| {
    ///     let args = Args::<'_, 1>::new(py, "builtins.len");
    ///     let len = py.import("builtins").unwrap().getattr("len").unwrap();
    ///     let shared = &args;
    ///     let _ = shared.call::<pybridge::Error>(&len, &NO_KEYWORDS);
    /// });
    /// ```
    #[inline]
    pub fn call<E: FromPyErr>(
        &mut self,
        callable: &Bound<'py, PyAny>,
        kwnames: &'py KwNames,
    ) -> Result<Bound<'py, PyAny>, E> {
        self.vectorcall(Target::Callable(callable), kwnames).map_err(|e| E::from_pyerr(self.py, e))
    }

    /// Calls method `name` of `receiver` (`PyObject_VectorcallMethod`: no bound-method object).
    #[inline]
    pub fn call_method<E: FromPyErr>(
        &mut self,
        receiver: &Bound<'py, PyAny>,
        name: &Bound<'py, PyString>,
        kwnames: &'py KwNames,
    ) -> Result<Bound<'py, PyAny>, E> {
        if self.objects[0].is_null() {
            self.objects[0] = receiver.clone().into_ptr();
        }
        self.vectorcall(Target::Method(name), kwnames).map_err(|e| E::from_pyerr(self.py, e))
    }

    #[inline(always)]
    fn vectorcall(&mut self, target: Target<'_, 'py>, kwnames: &'py KwNames) -> PyResult<Bound<'py, PyAny>> {
        crate::stack::check_headroom()?;
        let py = self.py;
        let nkw = self.len - 1 - self.positional;
        let built;
        let kw_ptr = if nkw == 0 {
            std::ptr::null_mut()
        } else if !self.omitted && nkw == kwnames.names.len() {
            // Nothing omitted: the keywords were pushed in the stub's order, all of them.
            kwnames.tuple(py)?.as_ptr()
        } else {
            // SAFETY: `keywords[..nkw]` were written by `push` for each keyword argument.
            let names = self.keywords[..nkw].iter().map(|n| unsafe { n.assume_init() });
            built = PyTuple::new(py, names.map(|n| PyString::intern(py, n)))?;
            built.as_ptr()
        };
        let positional = self.positional;
        // From the unique borrow: CPython may write slot 0 (`PY_VECTORCALL_ARGUMENTS_OFFSET`), so
        // the pointer needs write permission over the whole array, which `as_ptr` (derived
        // from a shared borrow) would not give.
        let args = self.objects.as_mut_ptr();
        let result = match target {
            #[cfg(feature = "abi3-py311")]
            // SAFETY: attached; the same argument layout as the vectorcall below, through the
            // stable ABI's calls (`compat::vectorcall`'s contract).
            Target::Callable(callable) => unsafe {
                compat::vectorcall(callable.as_ptr(), args.add(1), positional, kw_ptr)
            },
            #[cfg(feature = "abi3-py311")]
            // SAFETY: as below; the receiver is in slot 0.
            Target::Method(name) => unsafe { compat::vectorcall_method(name.as_ptr(), args, positional + 1, kw_ptr) },
            // SAFETY: we are attached (`py`); `objects[1..len]` are references we own, alive for
            // the whole call; slot 0 exists and may be overwritten by the callee, which
            // PY_VECTORCALL_ARGUMENTS_OFFSET permits: `args` comes from `&mut self.objects`
            // (`as_mut_ptr`), and nothing else reads or writes `objects` until the call returns,
            // so those writes alias no live Rust reference; `kw_ptr` is null or a tuple of `nkw`
            // str objects naming the last `nkw` arguments, as vectorcall requires.
            #[cfg(not(feature = "abi3-py311"))]
            Target::Callable(callable) => unsafe {
                ffi::PyObject_Vectorcall(
                    callable.as_ptr(),
                    args.add(1),
                    positional | ffi::PY_VECTORCALL_ARGUMENTS_OFFSET,
                    kw_ptr,
                )
            },
            #[cfg(not(feature = "abi3-py311"))]
            // SAFETY: as above, with the receiver in slot 0 (set by `call_method`), counted as
            // the first positional argument; for this call the flag lets the callee change
            // `args[0]` temporarily (never `args[-1]`), within the array `args` may write; `name`
            // is a str.
            Target::Method(name) => unsafe {
                ffi::PyObject_VectorcallMethod(
                    name.as_ptr(),
                    args,
                    (positional + 1) | ffi::PY_VECTORCALL_ARGUMENTS_OFFSET,
                    kw_ptr,
                )
            },
        };
        owned_or_fetch(py, result)
    }
}

impl<const N: usize> Drop for Args<'_, N> {
    #[inline]
    fn drop(&mut self) {
        // All N slots (null past `len`): a constant trip count the compiler unrolls.
        for &object in &self.objects {
            if !object.is_null() {
                // SAFETY: non-null entries are references this builder owns; `'py` proves the
                // thread is still attached.
                unsafe { ffi::Py_DECREF(object) };
            }
        }
    }
}

enum Target<'a, 'py> {
    Callable(&'a Bound<'py, PyAny>),
    Method(&'a Bound<'py, PyString>),
}

/// A Rust closure as a Python callable (an import stub's `Callable[[A, B], R]` argument): Python
/// calls it with positional arguments, converted to `A` (a tuple of the parameter types; a
/// wrong count or type is Python's `TypeError`), and receives its result converted. A panic
/// inside is contained as pyo3's `PanicException` and resumes in Rust when the stub returns.
pub fn callback<'py, A, R, O, F>(py: Python<'py>, f: F) -> Result<Bound<'py, pyo3::types::PyCFunction>>
where
    A: for<'a, 'p> FromPyObject<'a, 'p>,
    R: for<'p> IntoPyObject<'p>,
    O: crate::CallbackReturn<R>,
    F: Fn(A) -> O + Send + Sync + 'static,
{
    pyo3::types::PyCFunction::new_closure(py, None, None, move |args, _kwargs| -> PyResult<Py<PyAny>> {
        let values: A = args.as_any().extract().map_err(Into::into)?;
        let value = f(values).into_callback_result()?;
        pyo3::IntoPyObjectExt::into_py_any(value, args.py())
    })
    .map_err(|e| Error::from_pyerr(py, e))
}
