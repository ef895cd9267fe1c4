//! What generated import stubs call: a once-per-interpreter attribute cache, a vectorcall
//! argument builder with interned keyword names, and typed extraction of results.

use pyo3::conversion::FromPyObjectOwned;
use std::mem::MaybeUninit;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyTuple, PyTypeMethods};
use pyo3::{BoundObject, IntoPyObject};

use crate::error::{Error, Result};

/// `module.attr`, imported once per interpreter and cached (a `PyOnceLock`: a plain once-cell
/// would deadlock when one thread holds the GIL while another initializes it).
pub struct ImportedAttr {
    module: &'static str,
    attr: &'static str,
    cell: PyOnceLock<Py<PyAny>>,
}

impl ImportedAttr {
    /// A cache for `module.attr`; nothing is imported until [`ImportedAttr::get`].
    pub const fn new(module: &'static str, attr: &'static str) -> Self {
        ImportedAttr { module, attr, cell: PyOnceLock::new() }
    }

    /// The attribute, importing the module on first use.
    #[inline]
    pub fn get<'py>(&'py self, py: Python<'py>) -> Result<&'py Bound<'py, PyAny>> {
        self.get_py(py).map_err(|e| Error::from_pyerr(py, e))
    }

    /// [`ImportedAttr::get`] with pyo3's error, for use inside conversions. `attr` may be
    /// dotted (`Driver.create` for a class method).
    #[inline]
    pub fn get_py<'py>(&'py self, py: Python<'py>) -> PyResult<&'py Bound<'py, PyAny>> {
        self.cell
            .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
                let mut object = py.import(self.module)?.into_any();
                for part in self.attr.split('.') {
                    object = object.getattr(part)?;
                }
                Ok(object.unbind())
            })
            .map(|obj| obj.bind(py))
    }
}

impl std::fmt::Debug for ImportedAttr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ImportedAttr({}.{})", self.module, self.attr)
    }
}

/// The keyword names a stub may pass, interned into one tuple once per interpreter.
pub struct KwNames {
    names: &'static [&'static str],
    tuple: PyOnceLock<Py<PyTuple>>,
}

impl KwNames {
    /// Keyword names in the order the stub pushes them.
    pub const fn new(names: &'static [&'static str]) -> Self {
        KwNames { names, tuple: PyOnceLock::new() }
    }

    fn tuple<'py>(&'py self, py: Python<'py>) -> PyResult<&'py Bound<'py, PyTuple>> {
        self.tuple
            .get_or_try_init(py, || -> PyResult<Py<PyTuple>> {
                Ok(PyTuple::new(py, self.names.iter().map(|n| PyString::intern(py, n)))?.unbind())
            })
            .map(|t| t.bind(py))
    }
}

/// The keyword list of stubs that take no keyword arguments.
pub static NO_KEYWORDS: KwNames = KwNames::new(&[]);

impl std::fmt::Debug for KwNames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KwNames({:?})", self.names)
    }
}

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
        let Ok(class) = attr.get_py(py) else { continue };
        let Ok(class) = class.cast::<pyo3::types::PyType>() else { continue };
        if !err.is_instance(py, class) {
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
    match value.extract::<T>() {
        Ok(v) => Ok(v),
        Err(e) => Err(return_error(value, function, expected, e.into())),
    }
}

#[cold]
fn return_error(value: &Bound<'_, PyAny>, function: &'static str, expected: &'static str, err: PyErr) -> Error {
    let actual = value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
    Error::conversion(function, "return value", expected, actual, err.to_string())
}

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
    extract_return(&value, qualified, expected).map_err(E::from)
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

/// Vectorcall for stable-ABI (abi3) builds, where Python 3.11's limited API has no
/// `PyObject_Vectorcall`: the same argument layout, called through `PyObject_Call` with a
/// tuple and a dict (slower, same behaviour).
#[cfg(feature = "abi3-py311")]
mod compat {
    use pyo3::ffi;

    /// # Safety
    /// Attached; `args[..nargs + len(kwnames)]` are live objects; `kwnames` is null or a tuple
    /// of str naming the last arguments.
    pub(super) unsafe fn vectorcall(
        callable: *mut ffi::PyObject,
        args: *const *mut ffi::PyObject,
        nargs: usize,
        kwnames: *mut ffi::PyObject,
    ) -> *mut ffi::PyObject {
        // SAFETY: the function's contract; every new reference is released on every path, and
        // PyTuple_SetItem steals the reference taken just before it.
        unsafe {
            let positional = ffi::PyTuple_New(nargs as ffi::Py_ssize_t);
            if positional.is_null() {
                return std::ptr::null_mut();
            }
            for i in 0..nargs {
                let item = *args.add(i);
                ffi::Py_IncRef(item);
                ffi::PyTuple_SetItem(positional, i as ffi::Py_ssize_t, item);
            }
            let mut keywords = std::ptr::null_mut();
            if !kwnames.is_null() {
                keywords = ffi::PyDict_New();
                if keywords.is_null() {
                    ffi::Py_DecRef(positional);
                    return std::ptr::null_mut();
                }
                for k in 0..ffi::PyTuple_Size(kwnames) {
                    let name = ffi::PyTuple_GetItem(kwnames, k);
                    if ffi::PyDict_SetItem(keywords, name, *args.add(nargs + k as usize)) != 0 {
                        ffi::Py_DecRef(keywords);
                        ffi::Py_DecRef(positional);
                        return std::ptr::null_mut();
                    }
                }
            }
            let result = ffi::PyObject_Call(callable, positional, keywords);
            ffi::Py_DecRef(positional);
            if !keywords.is_null() {
                ffi::Py_DecRef(keywords);
            }
            result
        }
    }

    /// # Safety
    /// As [`vectorcall`], with the receiver in `args[0]` counted in `nargs`, and `name` a str.
    pub(super) unsafe fn vectorcall_method(
        name: *mut ffi::PyObject,
        args: *const *mut ffi::PyObject,
        nargs: usize,
        kwnames: *mut ffi::PyObject,
    ) -> *mut ffi::PyObject {
        // SAFETY: the function's contract; the bound method is released after the call.
        unsafe {
            let method = ffi::PyObject_GetAttr(*args, name);
            if method.is_null() {
                return std::ptr::null_mut();
            }
            let result = vectorcall(method, args.add(1), nargs - 1, kwnames);
            ffi::Py_DecRef(method);
            result
        }
    }
}
