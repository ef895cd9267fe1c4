//! Direct CPython entry points for the hot call shapes of exported functions.
//!
//! pyo3's `#[pyfunction]` wrapper is general: it parses positional and keyword arguments
//! through a table (`extract_arguments_fastcall`), bumps a thread-local attach count (reached
//! through `__tls_get_addr` in a shared library) and checks the deferred-decref pool on every
//! call. For a function whose parameters are all plain values (`bool`, integers, floats, `str`)
//! the generated glue also emits a direct `METH_FASTCALL | METH_KEYWORDS` (or `METH_NOARGS`)
//! function that handles the common call, every argument given positionally with an exact
//! type, by converting each argument in place ([`FastArg`]) and calling pyo3's wrapper as the
//! plain Rust function it also is ([`finish`]). Anything else (keywords, a missing or extra
//! argument, a subclass, a value out of range) goes to pyo3's own entry point unchanged
//! ([`FastFunction::slow`]), so its errors and defaults are pyo3's, word for word.
//!
//! What the fast path keeps: a panic is caught and raised as the module's `PanicException`;
//! the user's `Result` errors are the same `PyErr`s (the body is pyo3's wrapper); nothing
//! outlives the call (borrowed `&str` arguments point into the caller's argument objects).
//! What it skips: pyo3's attach count, so a `Py<T>` the user's code drops during the call is
//! decref'd through pyo3's deferred pool (at the next pyo3 entry) rather than at once. The
//! parameters of a fast function are plain values, so only objects the user's code reaches on
//! its own are affected.

use std::ffi::{CString, c_int};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyModule};

/// Defines a fast function: its `static` [`FastFunction`] and its `unsafe extern "C"` entry
/// point, whose body calls pyo3's wrapper (generated glue writes one line per function; the
/// expansion is here). `noargs` entry points take no arguments; the others take the arity
/// `(required, count)` and a body `|py, args| wrapper(args.get(0)?, …)`. `call`/`call_unit`
/// (and `call_noargs`/`call_noargs_unit`) pick the conversion of the wrapper's result.
///
/// ```
/// # use pybridge::pyo3::PyResult;
/// fn wrapper(a: i64, b: i64) -> PyResult<i64> {
///     Ok(a + b)
/// }
/// pybridge::__private::fast_function!(ADD, add_entry, call, (2, 2), |_py, a| wrapper(a.get(0)?, a.get(1)?));
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! __pb_fast_function {
    ($fast:ident, $entry:ident, noargs $call:ident, |$py:ident| $body:expr) => {
        static $fast: $crate::__private::FastFunction =
            $crate::__private::FastFunction::new($crate::__private::FastEntry::NoArgs($entry));
        // SAFETY (for the block below, whose lint the expansion allows): CPython calls a
        // `METH_NOARGS` function attached, which is `call_noargs`'s contract.
        #[allow(clippy::undocumented_unsafe_blocks)]
        unsafe extern "C" fn $entry(
            _: *mut $crate::__private::pyo3::ffi::PyObject,
            _: *mut $crate::__private::pyo3::ffi::PyObject,
        ) -> *mut $crate::__private::pyo3::ffi::PyObject {
            unsafe { $crate::__private::FastFunction::$call(|$py| $body) }
        }
    };
    ($fast:ident, $entry:ident, $call:ident, ($required:expr, $count:expr), |$py:ident, $args:ident| $body:expr) => {
        static $fast: $crate::__private::FastFunction =
            $crate::__private::FastFunction::new($crate::__private::FastEntry::FastCall($entry));
        // SAFETY (for the block below, whose lint the expansion allows): CPython calls a
        // `METH_FASTCALL | METH_KEYWORDS` function attached and its arguments pass through
        // unchanged, which is `FastFunction::call`'s contract.
        #[allow(clippy::undocumented_unsafe_blocks)]
        unsafe extern "C" fn $entry(
            module: *mut $crate::__private::pyo3::ffi::PyObject,
            args: *const *mut $crate::__private::pyo3::ffi::PyObject,
            nargs: $crate::__private::pyo3::ffi::Py_ssize_t,
            kwnames: *mut $crate::__private::pyo3::ffi::PyObject,
        ) -> *mut $crate::__private::pyo3::ffi::PyObject {
            let call = $crate::__private::RawCall { module, args, nargs, kwnames };
            unsafe { $fast.$call(call, ($required, $count), |$py, $args| ::core::option::Option::Some($body)) }
        }
    };
}

/// The signature of a `METH_FASTCALL | METH_KEYWORDS` function.
pub type FastCall = unsafe extern "C" fn(
    *mut ffi::PyObject,
    *const *mut ffi::PyObject,
    ffi::Py_ssize_t,
    *mut ffi::PyObject,
) -> *mut ffi::PyObject;

/// The signature of a `METH_NOARGS` function.
pub type NoArgs = unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject) -> *mut ffi::PyObject;

/// The direct entry point of a fast function.
#[derive(Clone, Copy, Debug)]
pub enum FastEntry {
    /// No parameters: `METH_NOARGS` (as pyo3 registers it too).
    NoArgs(NoArgs),
    /// Parameters: `METH_FASTCALL | METH_KEYWORDS`, falling back to pyo3's entry point.
    FastCall(FastCall),
}

impl FastEntry {
    pub(crate) fn flags(self) -> c_int {
        match self {
            FastEntry::NoArgs(_) => ffi::METH_NOARGS,
            FastEntry::FastCall(_) => ffi::METH_FASTCALL | ffi::METH_KEYWORDS,
        }
    }
}

/// One exported function's direct entry point (a `static` of the generated glue) and, once the
/// module is initialised, its method definition and pyo3's entry point for the slow path.
///
/// ```
/// use pybridge::__private::{FastEntry, FastFunction, pyo3::ffi};
/// unsafe extern "C" fn f(_m: *mut ffi::PyObject, _a: *mut ffi::PyObject) -> *mut ffi::PyObject {
///     std::ptr::null_mut()
/// }
/// static F: FastFunction = FastFunction::new(FastEntry::NoArgs(f));
/// ```
pub struct FastFunction {
    entry: FastEntry,
    installed: OnceLock<Installed>,
}

/// What module initialisation sets up, kept for the life of the process (the method definition
/// must outlive every function object made from it; a second initialisation, in another
/// interpreter, reuses it).
struct Installed {
    def: ffi::PyMethodDef,
    slow: FastCall,
    // Owned by `def` (`ml_name`, `ml_doc` point into them).
    _name: CString,
    _doc: Option<CString>,
}

// SAFETY: `Installed` is written once (inside the `OnceLock`) and only read afterwards; its raw
// pointers point into its own `CString`s, which live as long as it does and are never written,
// and CPython only reads a method definition. Sharing `&Installed` across threads therefore
// shares only immutable data.
unsafe impl Send for Installed {}
// SAFETY: as above: no interior mutability, all pointees immutable for the value's life.
unsafe impl Sync for Installed {}

impl std::fmt::Debug for FastFunction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FastFunction")
            .field("entry", &self.entry)
            .field("installed", &self.installed.get().is_some())
            .finish()
    }
}

impl FastFunction {
    /// A fast function not installed yet.
    pub const fn new(entry: FastEntry) -> Self {
        FastFunction { entry, installed: OnceLock::new() }
    }

    /// pyo3's entry point, for every call the fast path does not take.
    ///
    /// # Safety
    /// The arguments are those CPython passed to the fast entry point (attached; `args` holds
    /// `nargs` borrowed objects followed by one per name in `kwnames`, which may be null).
    #[cold]
    #[inline(never)]
    pub unsafe fn slow(
        &self,
        module: *mut ffi::PyObject,
        args: *const *mut ffi::PyObject,
        nargs: ffi::Py_ssize_t,
        kwnames: *mut ffi::PyObject,
    ) -> *mut ffi::PyObject {
        match self.installed.get() {
            // SAFETY: the caller passes CPython's arguments through unchanged to the entry point
            // pyo3 registered for the same function with the same calling convention
            // (`add_fast_function` checked its flags), whose `self` is the same module.
            Some(installed) => unsafe { (installed.slow)(module, args, nargs, kwnames) },
            // The fast function object is made only after installing, so this cannot happen;
            // raise rather than crash if it ever did.
            None => {
                // SAFETY: attached (CPython called us); the message is a static C string.
                unsafe {
                    ffi::PyErr_SetString(ffi::PyExc_SystemError, c"pybridge: fast function not installed".as_ptr())
                };
                std::ptr::null_mut()
            }
        }
    }
}

/// Adds `slow` (pyo3's function object for an exported function, from `wrap_pyfunction!`) to
/// `module`, through `fast`'s direct entry point when pyo3 registered it with the calling
/// convention the fast path falls back to (otherwise, e.g. on the stable ABI before 3.10,
/// pyo3's function itself). The function's name, `__text_signature__` and `__doc__` are
/// pyo3's; `__self__` is the module, so it pickles by name like any module function.
pub fn add_fast_function(
    module: &Bound<'_, PyModule>,
    slow: Bound<'_, PyCFunction>,
    fast: &'static FastFunction,
) -> PyResult<()> {
    let name = slow.getattr("__name__")?.extract::<String>()?;
    let Some(installed) = install(&slow, fast, &name)? else {
        return module.add(name, slow);
    };
    let py = module.py();
    let module_name = module.name()?;
    // SAFETY: attached (`py`); `installed.def` lives in a `static`'s `OnceLock` for the rest of
    // the process, as a method definition must; `module` and `module_name` are live objects
    // CPython increfs as it stores them. The result is a new reference or null with an
    // exception set, which `from_owned_ptr_or_err` takes.
    let function = unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyCMethod_New(
                &installed.def as *const ffi::PyMethodDef as *mut ffi::PyMethodDef,
                module.as_ptr(),
                module_name.as_ptr(),
                std::ptr::null_mut(),
            ),
        )?
    };
    module.add(name, function)
}

/// Sets up `fast`'s method definition once per process (`None`: pyo3's function does not use
/// the calling convention the fast path falls back to, so it is registered as it is).
fn install<'a>(slow: &Bound<'_, PyCFunction>, fast: &'a FastFunction, name: &str) -> PyResult<Option<&'a Installed>> {
    if let Some(installed) = fast.installed.get() {
        return Ok(Some(installed));
    }
    // SAFETY: attached (`slow` is bound); `slow` is a live builtin function object, which is what
    // these two accessors read (flags and the C entry point of its method definition).
    let (flags, meth) =
        unsafe { (ffi::PyCFunction_GetFlags(slow.as_ptr()), ffi::PyCFunction_GetFunction(slow.as_ptr())) };
    if flags != fast.entry.flags() {
        return Ok(None);
    }
    let Some(meth) = meth else { return Ok(None) };
    // SAFETY: the flags say `METH_FASTCALL | METH_KEYWORDS` (or `METH_NOARGS`), so CPython calls
    // this entry point with that signature; `PyCFunction_GetFunction` returns it cast to the
    // generic `PyCFunction` type, and casting back to the signature the flags name is how
    // CPython itself calls it. For `METH_NOARGS` the slow path is never taken (CPython checks
    // the argument count itself) and the pointer is kept only to fill the field.
    let slow_entry: FastCall = unsafe { std::mem::transmute::<ffi::PyCFunction, FastCall>(meth) };
    let doc = text_doc(slow.as_any(), name)?;
    let c_name = CString::new(name).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    let Some(ml_meth) = method_pointer(fast.entry) else { return Ok(None) };
    let def = ffi::PyMethodDef {
        ml_name: c_name.as_ptr(),
        ml_meth,
        ml_flags: fast.entry.flags(),
        ml_doc: doc.as_ref().map_or(std::ptr::null(), |d| d.as_ptr()),
    };
    // A race between two initialisations keeps the first; both are equal.
    Ok(Some(fast.installed.get_or_init(|| Installed { def, slow: slow_entry, _name: c_name, _doc: doc })))
}

/// The entry point as a method definition's pointer (`None` where the stable ABI before 3.10
/// has no `METH_FASTCALL`; pyo3 then uses another convention and `install` never gets here).
pub(crate) fn method_pointer(entry: FastEntry) -> Option<ffi::PyMethodDefPointer> {
    match entry {
        FastEntry::NoArgs(f) => Some(ffi::PyMethodDefPointer { PyCFunction: f }),
        #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
        FastEntry::FastCall(f) => Some(ffi::PyMethodDefPointer { PyCFunctionFastWithKeywords: f }),
        #[cfg(not(any(Py_3_10, not(Py_LIMITED_API))))]
        FastEntry::FastCall(_) => None,
    }
}

/// pyo3's docstring with its text signature in front (`name(a, b)\n--\n\n…`), the form from
/// which CPython derives a builtin's `__text_signature__` and `__doc__`.
pub(crate) fn text_doc(slow: &Bound<'_, PyAny>, name: &str) -> PyResult<Option<CString>> {
    let signature: Option<String> = slow.getattr("__text_signature__")?.extract()?;
    let doc: Option<String> = slow.getattr("__doc__")?.extract()?;
    let text = match (signature, doc) {
        (Some(sig), doc) => format!("{name}{sig}\n--\n\n{}", doc.unwrap_or_default()),
        (None, Some(doc)) => doc,
        (None, None) => return Ok(None),
    };
    CString::new(text).map(Some).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}

/// What CPython passed to a `METH_FASTCALL | METH_KEYWORDS` entry point: the module, `nargs`
/// positional arguments at `args` followed by one per name in `kwnames` (null without keywords).
#[derive(Clone, Copy, Debug)]
pub struct RawCall {
    /// The function's `self`: the module.
    pub module: *mut ffi::PyObject,
    /// The arguments (borrowed).
    pub args: *const *mut ffi::PyObject,
    /// How many are positional.
    pub nargs: ffi::Py_ssize_t,
    /// The keyword names (a tuple), or null.
    pub kwnames: *mut ffi::PyObject,
}

/// The positional arguments CPython passed to a fast entry point, for [`FastFunction::call`]'s
/// body: each converted in place by [`FastArgs::get`] (or its default by [`FastArgs::get_or`]).
#[derive(Clone, Copy, Debug)]
pub struct FastArgs<'a> {
    args: *const *mut ffi::PyObject,
    nargs: usize,
    _objects: std::marker::PhantomData<&'a ffi::PyObject>,
}

impl<'a> FastArgs<'a> {
    /// The arguments at `args`.
    ///
    /// # Safety
    /// `args` holds `nargs` live borrowed objects, attached, for `'a`.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) unsafe fn new(args: *const *mut ffi::PyObject, nargs: usize) -> Self {
        FastArgs { args, nargs, _objects: std::marker::PhantomData }
    }

    /// Argument `i`, converted (`None`: the fast path declines, nothing left set). `i` must be
    /// a required parameter's (below [`FastFunction::call`]'s `required`); a later index is
    /// refused (`None`) rather than read.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn get<T: FastArg<'a>>(self, i: usize) -> Option<T> {
        if i >= self.nargs {
            return None;
        }
        // SAFETY: `i < nargs`, and `FastFunction::call` built `self` from CPython's `args`, which
        // hold `nargs` live borrowed objects that outlive the call (`'a` is that call), attached.
        unsafe { T::fast(*self.args.add(i)) }
    }

    /// Argument `i` if given, converted; otherwise `default()` (a defaulted parameter).
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn get_or<T: FastArg<'a>>(self, i: usize, default: impl FnOnce() -> T) -> Option<T> {
        if i < self.nargs { self.get(i) } else { Some(default()) }
    }
}

impl FastFunction {
    /// The body of a `METH_FASTCALL | METH_KEYWORDS` entry point: when the call passes between
    /// `required` and `count` arguments, all positionally, `body` converts them ([`FastArgs`])
    /// and calls pyo3's wrapper; if it declines (`None`), or the call is any other, pyo3's entry
    /// point takes it ([`FastFunction::slow`]). The result is converted as pyo3 would: the value
    /// as a new reference, an error raised, a panic raised as `PanicException`.
    ///
    /// # Safety
    /// `call` is what CPython passed to the entry point, attached ([`RawCall`]).
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub unsafe fn call<R>(
        &self,
        call: RawCall,
        arity: (usize, usize),
        body: impl for<'py> FnOnce(Python<'py>, FastArgs<'_>) -> Option<PyResult<R>>,
    ) -> *mut ffi::PyObject
    where
        R: for<'py> IntoPyObject<'py>,
    {
        // SAFETY: the caller's contract is `call_with`'s.
        unsafe { self.call_with(call, arity, body, into_ptr) }
    }

    /// [`FastFunction::call`] for a wrapper returning `()`: `None`.
    ///
    /// # Safety
    /// As [`FastFunction::call`].
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub unsafe fn call_unit(
        &self,
        call: RawCall,
        arity: (usize, usize),
        body: impl for<'py> FnOnce(Python<'py>, FastArgs<'_>) -> Option<PyResult<()>>,
    ) -> *mut ffi::PyObject {
        // SAFETY: the caller's contract is `call_with`'s; `none` runs attached (`call_with`
        // converts the result inside the call).
        unsafe { self.call_with(call, arity, body, |_, ()| none()) }
    }

    /// # Safety
    /// `call` is what CPython passed to the entry point, attached ([`RawCall`]).
    #[cfg_attr(not(debug_assertions), inline(always))]
    unsafe fn call_with<R>(
        &self,
        call: RawCall,
        (required, count): (usize, usize),
        body: impl for<'py> FnOnce(Python<'py>, FastArgs<'_>) -> Option<PyResult<R>>,
        convert: impl for<'py> FnOnce(Python<'py>, R) -> *mut ffi::PyObject,
    ) -> *mut ffi::PyObject {
        let RawCall { module, args, nargs, kwnames } = call;
        let given = nargs as usize;
        if kwnames.is_null() && nargs >= 0 && given >= required && given <= count {
            // SAFETY: attached (the caller's contract); the token does not escape this call.
            let py = unsafe { Python::assume_attached() };
            let fast = FastArgs { args, nargs: given, _objects: std::marker::PhantomData };
            match catch_unwind(AssertUnwindSafe(|| body(py, fast))) {
                Ok(Some(Ok(value))) => return convert(py, value),
                Ok(Some(Err(err))) => return raise(py, err),
                Ok(None) => {}
                Err(payload) => return raise(py, panic_error(payload)),
            }
        }
        // SAFETY: CPython's arguments, unchanged (the caller's contract).
        unsafe { self.slow(module, args, nargs, kwnames) }
    }

    /// The body of a `METH_NOARGS` entry point: calls pyo3's wrapper and converts its result
    /// as [`FastFunction::call`] does.
    ///
    /// # Safety
    /// Attached (CPython called the entry point).
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub unsafe fn call_noargs<R>(body: impl for<'py> FnOnce(Python<'py>) -> PyResult<R>) -> *mut ffi::PyObject
    where
        R: for<'py> IntoPyObject<'py>,
    {
        // SAFETY: attached (the caller's contract).
        unsafe { Self::call_noargs_with(body, into_ptr) }
    }

    /// [`FastFunction::call_noargs`] for a wrapper returning `()`: `None`.
    ///
    /// # Safety
    /// Attached (CPython called the entry point).
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub unsafe fn call_noargs_unit(body: impl for<'py> FnOnce(Python<'py>) -> PyResult<()>) -> *mut ffi::PyObject {
        // SAFETY: attached (the caller's contract); `none` runs inside the call, attached.
        unsafe { Self::call_noargs_with(body, |_, ()| none()) }
    }

    /// # Safety
    /// Attached.
    #[cfg_attr(not(debug_assertions), inline(always))]
    unsafe fn call_noargs_with<R>(
        body: impl for<'py> FnOnce(Python<'py>) -> PyResult<R>,
        convert: impl for<'py> FnOnce(Python<'py>, R) -> *mut ffi::PyObject,
    ) -> *mut ffi::PyObject {
        // SAFETY: attached (the caller's contract); the token does not escape this call.
        let py = unsafe { Python::assume_attached() };
        match catch_unwind(AssertUnwindSafe(|| body(py))) {
            Ok(Ok(value)) => convert(py, value),
            Ok(Err(err)) => raise(py, err),
            Err(payload) => raise(py, panic_error(payload)),
        }
    }
}

/// `value` as a new reference, or null with its conversion error raised.
#[cfg_attr(not(debug_assertions), inline(always))]
pub(crate) fn into_ptr<R: for<'py> IntoPyObject<'py>>(py: Python<'_>, value: R) -> *mut ffi::PyObject {
    match pyo3::IntoPyObjectExt::into_py_any(value, py) {
        Ok(object) => object.into_ptr(),
        Err(err) => raise(py, err),
    }
}

/// A new reference to `None`.
///
/// # Safety
/// Attached.
#[cfg_attr(not(debug_assertions), inline(always))]
pub(crate) unsafe fn none() -> *mut ffi::PyObject {
    // SAFETY: attached (the caller's contract); `Py_None` is immortal on 3.12+ and otherwise gets
    // the reference the caller receives.
    unsafe {
        let none = ffi::Py_None();
        ffi::Py_INCREF(none);
        none
    }
}

#[cold]
#[inline(never)]
pub(crate) fn raise(py: Python<'_>, err: PyErr) -> *mut ffi::PyObject {
    err.restore(py);
    std::ptr::null_mut()
}

/// pyo3's `PanicException` for a caught panic, with the panic's message (as pyo3 makes it).
#[cold]
#[inline(never)]
pub(crate) fn panic_error(payload: Box<dyn std::any::Any + Send + 'static>) -> PyErr {
    let message = if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else {
        "panic from Rust code".to_string()
    };
    pyo3::panic::PanicException::new_err((message,))
}

/// A parameter type the fast path converts in place: `Some` for an argument of the exact
/// Python type that converts without running Python code, `None` (no exception left set)
/// for anything else, which then takes pyo3's path and gets pyo3's conversion and error.
pub trait FastArg<'a>: Sized {
    /// Converts `object`.
    ///
    /// # Safety
    /// Attached; `object` is a live object that stays alive for `'a`.
    unsafe fn fast(object: *mut ffi::PyObject) -> Option<Self>;
}

/// An exact `int` as `i64` (`None`, the error cleared, when it does not fit).
///
/// # Safety
/// Attached; `object` is live.
#[cfg_attr(not(debug_assertions), inline(always))]
unsafe fn exact_int(object: *mut ffi::PyObject) -> Option<i64> {
    // SAFETY: attached, `object` live (the caller's contract); on failure the pending exception
    // is ours (set by the conversion just made) and is cleared.
    unsafe {
        if ffi::PyLong_CheckExact(object) == 0 {
            return None;
        }
        let value = ffi::PyLong_AsLongLong(object);
        if value == -1 && !ffi::PyErr_Occurred().is_null() {
            ffi::PyErr_Clear();
            return None;
        }
        Some(value)
    }
}

macro_rules! fast_ints {
    ($($t:ty),*) => {$(
        impl<'a> FastArg<'a> for $t {
            #[cfg_attr(not(debug_assertions), inline(always))]
            unsafe fn fast(object: *mut ffi::PyObject) -> Option<Self> {
                // SAFETY: the caller's contract is `exact_int`'s.
                <$t>::try_from(unsafe { exact_int(object) }?).ok()
            }
        }
    )*};
}
fast_ints!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl<'a> FastArg<'a> for f64 {
    #[cfg_attr(not(debug_assertions), inline(always))]
    unsafe fn fast(object: *mut ffi::PyObject) -> Option<Self> {
        // SAFETY: attached, `object` live (the caller's contract); an exact float's value is
        // read without calling Python code, and it cannot fail.
        unsafe {
            if ffi::PyFloat_CheckExact(object) == 0 {
                return None;
            }
            #[cfg(not(Py_LIMITED_API))]
            let value = ffi::PyFloat_AS_DOUBLE(object);
            #[cfg(Py_LIMITED_API)]
            let value = ffi::PyFloat_AsDouble(object);
            Some(value)
        }
    }
}

impl<'a> FastArg<'a> for f32 {
    #[cfg_attr(not(debug_assertions), inline(always))]
    unsafe fn fast(object: *mut ffi::PyObject) -> Option<Self> {
        // SAFETY: the caller's contract is `f64`'s. pyo3 narrows the same way (`as`).
        unsafe { <f64 as FastArg<'a>>::fast(object) }.map(|v| v as f32)
    }
}

impl<'a> FastArg<'a> for bool {
    #[cfg_attr(not(debug_assertions), inline(always))]
    unsafe fn fast(object: *mut ffi::PyObject) -> Option<Self> {
        // SAFETY: attached; comparing pointers with the two singletons reads nothing else.
        unsafe {
            if object == ffi::Py_True() {
                Some(true)
            } else if object == ffi::Py_False() {
                Some(false)
            } else {
                None
            }
        }
    }
}

impl<'a> FastArg<'a> for &'a str {
    #[cfg_attr(not(debug_assertions), inline(always))]
    unsafe fn fast(object: *mut ffi::PyObject) -> Option<Self> {
        // SAFETY: attached, `object` a live `str` (checked) that stays alive for `'a` (the
        // caller's contract). `PyUnicode_AsUTF8AndSize` returns a buffer the string object owns
        // and caches until it is freed, so the slice is valid for `'a`; nothing can write it (a
        // `str` is immutable), so a shared `&str` to it aliases nothing mutable. CPython
        // guarantees the buffer is UTF-8 (a string with lone surrogates fails, and is left to
        // pyo3, which raises its own error).
        #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
        unsafe {
            if ffi::PyUnicode_Check(object) == 0 {
                return None;
            }
            utf8_of(object)
        }
        // The stable ABI before 3.10 has no `PyUnicode_AsUTF8AndSize`: pyo3's path.
        #[cfg(not(any(Py_3_10, not(Py_LIMITED_API))))]
        None
    }
}

/// The UTF-8 text of `object`, a `str`: the buffer CPython caches in the string object, or
/// `None` (the exception cleared) when the text cannot be encoded (a lone surrogate). Shared by
/// the fast parameters here and the list fast path (`export.rs`, `FastItem for String`).
///
/// # Safety
/// Attached; `object` is a live `str` (exact or a subclass) that stays alive for `'a`. After a
/// failure the caller must not read `object` again: building the `UnicodeEncodeError` may have
/// run Python code (a collection) that freed it, which its caller's reference rules out only
/// where it holds one.
#[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
#[cfg_attr(not(debug_assertions), inline(always))]
pub(crate) unsafe fn utf8_of<'a>(object: *mut ffi::PyObject) -> Option<&'a str> {
    // SAFETY: attached, `object` a live `str` for `'a` (the caller's contract). The buffer
    // `PyUnicode_AsUTF8AndSize` returns belongs to the string object, is cached until the
    // string is freed, and is valid UTF-8 of `size` bytes; a `str` is immutable, so nothing
    // writes it while the shared `&str` lives.
    unsafe {
        let mut size: ffi::Py_ssize_t = 0;
        let data = ffi::PyUnicode_AsUTF8AndSize(object, &mut size);
        if data.is_null() {
            ffi::PyErr_Clear();
            return None;
        }
        let bytes = std::slice::from_raw_parts(data.cast::<u8>(), size as usize);
        Some(std::str::from_utf8_unchecked(bytes))
    }
}

impl<'a> FastArg<'a> for String {
    #[cfg_attr(not(debug_assertions), inline(always))]
    unsafe fn fast(object: *mut ffi::PyObject) -> Option<Self> {
        // SAFETY: the caller's contract is `&str`'s; the text is copied before returning.
        unsafe { <&str as FastArg<'_>>::fast(object) }.map(str::to_owned)
    }
}
