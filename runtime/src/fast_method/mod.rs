//! Direct CPython entry points for the hot shapes of exported classes: methods whose parameters
//! are plain values, property getters, and setters of plain-value fields.
//!
//! pyo3 registers a class's methods and properties behind its trampoline (attach count,
//! deferred-decref pool, a second type check of `self`, its own argument table). At module
//! initialisation the generated glue replaces each hot one in the class's `__dict__` with a
//! method descriptor (`PyDescr_NewMethod`) or getset descriptor (`PyDescr_NewGetSet`) whose C
//! function is pybridge's own: CPython's descriptor has already checked that `self` is an
//! instance of the class, so the entry reads the wrapper in place (classes are frozen, see
//! `borrow_cell.rs`), converts plain arguments as [`crate::fast`] does for functions, and calls
//! pyo3's wrapper method as the plain Rust method it also is. Any other call (keywords, a
//! subclass of `int`, deleting an attribute) goes to pyo3's descriptor, kept aside, so its
//! errors are pyo3's, word for word.
//!
//! What the entries keep and skip is what [`crate::fast`]'s do: panics are `PanicException`,
//! errors the same `PyErr`s, borrows the wrapper's; pyo3's attach count is not bumped, so a
//! `Py<T>` the user's code drops during the call goes through pyo3's deferred pool.

use std::ffi::CString;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use pyo3::{PyClass, PyTypeInfo};

use crate::fast::{FastArgs, FastEntry, none, panic_error, raise, text_doc};

mod constructor;
mod free_list;
mod macros;
mod property;
mod slots;

pub use constructor::{FastConstructor, add_fast_constructor};
pub use property::{FastProperty, Getter, Setter, add_fast_property};
#[cfg(not(Py_LIMITED_API))]
pub use slots::is_direct_slot;
pub use slots::{FastSlot, add_fast_binary, add_fast_getitem, add_fast_len};

/// `slf`'s wrapper, read in place.
///
/// # Safety
/// Attached, and `slf` a live instance of `W`'s type or a subtype (CPython's descriptor checked
/// it) that outlives `'a` (the call).
#[inline(always)]
unsafe fn wrapper_of<'a, W>(py: Python<'_>, slf: *mut ffi::PyObject) -> &'a W
where
    W: PyClass<Frozen = pyo3::pyclass::boolean_struct::True> + Sync,
{
    // SAFETY: `slf` is a live object (the caller's contract) borrowed for the call; it is an
    // instance of `W` (checked by the descriptor), which is what `cast_unchecked` needs. The
    // `&W` of a frozen class needs no borrow flag (pyo3 hands out only `&W`), and it lives no
    // longer than the call, during which CPython holds `slf` (a borrowed argument).
    unsafe {
        let object = pyo3::Borrowed::from_ptr(py, slf);
        let wrapper: &'a W = &*std::ptr::from_ref(object.cast_unchecked::<W>().get());
        wrapper
    }
}

/// One exported method's direct entry point (a `static` of the generated glue) and, once the
/// class is set up, its method definition and pyo3's descriptor for the slow path.
pub struct FastMethod {
    entry: FastEntry,
    installed: OnceLock<Installed>,
}

/// What class setup makes, kept for the life of the process (a method definition must outlive
/// every descriptor made from it).
struct Installed {
    def: ffi::PyMethodDef,
    /// pyo3's descriptor, called for every call the fast path declines.
    original: Py<PyAny>,
    _name: CString,
    _doc: Option<CString>,
}

impl std::fmt::Debug for FastMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FastMethod").field("entry", &self.entry).finish_non_exhaustive()
    }
}

impl FastMethod {
    /// A fast method not installed yet.
    pub const fn new(entry: FastEntry) -> Self {
        FastMethod { entry, installed: OnceLock::new() }
    }

    /// The wrapper `slf` holds, read in place (the entries' `this`).
    ///
    /// # Safety
    /// Attached, and `slf` a live instance of `W`'s type or a subtype (CPython's descriptor
    /// checked it) that outlives `'a` (the call).
    #[inline(always)]
    pub unsafe fn this<'a, W>(py: Python<'_>, slf: *mut ffi::PyObject) -> &'a W
    where
        W: PyClass<Frozen = pyo3::pyclass::boolean_struct::True> + Sync,
    {
        // SAFETY: the caller's contract.
        unsafe { wrapper_of(py, slf) }
    }

    /// A wrapper's result as a new reference (the entries' conversion of a value).
    #[inline(always)]
    pub fn object_ptr<R: for<'py> IntoPyObject<'py>>(py: Python<'_>, value: R) -> PyResult<*mut ffi::PyObject> {
        object_ptr(py, value)
    }

    /// A new reference to `None` (the entries' conversion of `()`).
    #[inline(always)]
    pub fn none_ptr(_py: Python<'_>) -> *mut ffi::PyObject {
        // SAFETY: attached (the token).
        unsafe { none() }
    }

    /// The type-erased core of a no-argument entry (a method or a getter): runs `body`
    /// attached, its error raised and a panic raised as `PanicException`; one copy serves every
    /// member (inlined and devirtualised in optimised builds).
    ///
    /// # Safety
    /// Attached (CPython called the entry point).
    #[inline]
    pub unsafe fn run_noargs(body: &mut dyn FnMut(Python<'_>) -> PyResult<*mut ffi::PyObject>) -> *mut ffi::PyObject {
        // SAFETY: the caller's contract.
        unsafe { run(body) }
    }

    /// The body of a `METH_FASTCALL | METH_KEYWORDS` entry point: between `required` and
    /// `count` arguments, all positional, are converted in place and passed to `body` (which
    /// calls pyo3's wrapper method); any other call, or one `body` declines (`None`), goes to
    /// pyo3's descriptor. Type-erased: one copy serves every method (less for rustc to compile
    /// per method; inlined and devirtualised in optimised builds).
    ///
    /// # Safety
    /// `call` is what CPython passed to the entry point, attached.
    #[inline]
    pub unsafe fn run_call(
        &self,
        call: crate::fast::RawCall,
        (required, count): (usize, usize),
        body: &mut dyn FnMut(Python<'_>, FastArgs<'_>) -> Option<PyResult<*mut ffi::PyObject>>,
    ) -> *mut ffi::PyObject {
        // SAFETY: attached (the caller's contract); the token does not escape this call.
        let py = unsafe { Python::assume_attached() };
        let crate::fast::RawCall { module: slf, args, nargs, kwnames } = call;
        let given = nargs as usize;
        if kwnames.is_null() && nargs >= 0 && given >= required && given <= count {
            // SAFETY: CPython's `args` hold `nargs` live borrowed objects for the call.
            if let Some(value) = unsafe { answer(py, args, given, body) } {
                return value;
            }
        }
        // SAFETY: CPython's arguments, unchanged (the caller's contract).
        match unsafe { self.slow(py, slf, args, nargs, kwnames) } {
            Ok(value) => value.into_ptr(),
            Err(err) => raise(py, err),
        }
    }

    /// Calls pyo3's descriptor with `slf` and the call's arguments.
    ///
    /// # Safety
    /// Attached; `args` holds `nargs` borrowed objects followed by one per name in `kwnames`
    /// (null without keywords), all alive for the call, as CPython passes them.
    #[cold]
    #[inline(never)]
    unsafe fn slow<'py>(
        &self,
        py: Python<'py>,
        slf: *mut ffi::PyObject,
        args: *const *mut ffi::PyObject,
        nargs: ffi::Py_ssize_t,
        kwnames: *mut ffi::PyObject,
    ) -> PyResult<Bound<'py, PyAny>> {
        let installed = self.installed.get().ok_or_else(not_installed)?;
        // SAFETY: CPython's arguments (the caller's contract); `slf` is live for the call.
        let (positional, keywords) = unsafe { collect_args(py, Some(slf), args, nargs, kwnames)? };
        installed.original.bind(py).call(positional, Some(&keywords))
    }
}

/// The fast path every entry shares: `body` on the `given` positional arguments at `args`,
/// its value returned, its error or panic raised (`Some`: the result to return); `None` when
/// `body` declined, for the caller's slow path.
///
/// # Safety
/// Attached; `args` holds `given` live borrowed objects for the call.
#[inline(always)]
unsafe fn answer(
    py: Python<'_>,
    args: *const *mut ffi::PyObject,
    given: usize,
    body: &mut dyn FnMut(Python<'_>, FastArgs<'_>) -> Option<PyResult<*mut ffi::PyObject>>,
) -> Option<*mut ffi::PyObject> {
    // SAFETY: the caller's contract is `FastArgs::new`'s.
    let fast = unsafe { FastArgs::new(args, given) };
    match catch_unwind(AssertUnwindSafe(|| body(py, fast))) {
        Ok(Some(Ok(value))) => Some(value),
        Ok(Some(Err(err))) => Some(raise(py, err)),
        Ok(None) => None,
        Err(payload) => Some(raise(py, panic_error(payload))),
    }
}

/// A vectorcall's arguments as a tuple (after `leading`, when given) and a dict of its keywords,
/// for the slow paths that call pyo3's own entry with them.
///
/// # Safety
/// Attached; `leading` a live object; `args` holds `nargs` borrowed objects followed by one per
/// name in `kwnames` (null without keywords), all alive for the call, as CPython passes them.
unsafe fn collect_args<'py>(
    py: Python<'py>,
    leading: Option<*mut ffi::PyObject>,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
    // SAFETY: every pointer is a live object CPython lent for the call (the caller's contract);
    // `from_borrowed_ptr` takes a new reference to each, released when the `Bound`s drop.
    // `args` has `nargs` + len(kwnames) entries.
    unsafe {
        let nargs = nargs.max(0) as usize;
        let mut positional: Vec<Bound<'py, PyAny>> =
            leading.map(|o| Bound::from_borrowed_ptr(py, o)).into_iter().collect();
        positional.extend((0..nargs).map(|i| Bound::from_borrowed_ptr(py, *args.add(i))));
        let keywords = PyDict::new(py);
        if !kwnames.is_null() {
            let names = Bound::from_borrowed_ptr(py, kwnames).cast_into::<PyTuple>()?;
            for (i, name) in names.iter().enumerate() {
                keywords.set_item(name, Bound::from_borrowed_ptr(py, *args.add(nargs + i)))?;
            }
        }
        Ok((PyTuple::new(py, positional)?, keywords))
    }
}

#[cold]
pub(super) fn not_installed() -> PyErr {
    pyo3::exceptions::PySystemError::new_err("pybridge: fast method not installed")
}

/// `value` as a new reference.
#[inline(always)]
fn object_ptr<R: for<'py> IntoPyObject<'py>>(py: Python<'_>, value: R) -> PyResult<*mut ffi::PyObject> {
    pyo3::IntoPyObjectExt::into_py_any(value, py).map(Py::into_ptr)
}

/// The type-erased core of a no-argument entry (a method or a getter): runs `body` attached,
/// its error raised and a panic raised as `PanicException` (one copy for every member).
///
/// # Safety
/// Attached (CPython called the entry point).
#[inline]
unsafe fn run(body: &mut dyn FnMut(Python<'_>) -> PyResult<*mut ffi::PyObject>) -> *mut ffi::PyObject {
    // SAFETY: attached (the caller's contract); the token does not escape this call.
    let py = unsafe { Python::assume_attached() };
    match catch_unwind(AssertUnwindSafe(|| body(py))) {
        Ok(Ok(value)) => value,
        Ok(Err(err)) => raise(py, err),
        Err(payload) => raise(py, panic_error(payload)),
    }
}

/// Replaces method `name` of `W`'s class (pyo3's descriptor) by a descriptor of `fast`'s entry
/// point, with pyo3's name, text signature and docstring; pyo3's is kept for the slow path.
pub fn add_fast_method<W: PyClass + PyTypeInfo>(py: Python<'_>, name: &str, fast: &'static FastMethod) -> PyResult<()> {
    let class = W::type_object(py);
    let original = class.getattr(name)?;
    let installed = match fast.installed.get() {
        Some(installed) => installed,
        None => {
            let doc = text_doc(&original, name)?;
            let c_name = CString::new(name).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
            let Some(ml_meth) = crate::fast::method_pointer(fast.entry) else { return Ok(()) };
            let def = ffi::PyMethodDef {
                ml_name: c_name.as_ptr(),
                ml_meth,
                ml_flags: fast.entry.flags(),
                ml_doc: doc.as_ref().map_or(std::ptr::null(), |d| d.as_ptr()),
            };
            let original = original.clone().unbind();
            let installed = fast.installed.get_or_init(|| Installed { def, original, _name: c_name, _doc: doc });
            remember(std::ptr::from_ref(&installed.def).addr());
            installed
        }
    };
    // SAFETY: attached (`py`); `installed.def` lives in a `static`'s `OnceLock` for the rest of
    // the process, as a method definition must; `class` is W's live type object. The result is
    // a new reference or null with an exception set, which `from_owned_ptr_or_err` takes.
    let descriptor = unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyDescr_NewMethod(
                class.as_type_ptr(),
                &installed.def as *const ffi::PyMethodDef as *mut ffi::PyMethodDef,
            ),
        )?
    };
    class.setattr(name, descriptor)
}

/// The addresses of the method and getset definitions installed (for [`is_direct`]).
static DIRECT: std::sync::Mutex<Vec<usize>> = std::sync::Mutex::new(Vec::new());

/// Whether `def` is the address of an installed entry or definition.
#[cfg(not(Py_LIMITED_API))]
pub(super) fn is_remembered(def: usize) -> bool {
    DIRECT.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains(&def)
}

pub(super) fn remember(def: usize) {
    let mut direct = DIRECT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if !direct.contains(&def) {
        direct.push(def);
    }
}

/// Whether `descriptor` (a class's method or property, from its `__dict__`, or the class
/// itself for its constructor) is one of pybridge's direct entries rather than pyo3's (tests
/// check which members got one).
#[cfg(not(Py_LIMITED_API))]
pub fn is_direct(descriptor: &Bound<'_, PyAny>) -> PyResult<bool> {
    let kind = descriptor.get_type().name()?;
    let ptr = descriptor.as_ptr();
    // SAFETY: attached (`descriptor` is bound); the type names say which CPython struct the
    // object is (builtin types: user code cannot make a type of that name the descriptor's),
    // and only the definition pointer is read, not followed.
    let def = unsafe {
        if let Ok(class) = descriptor.cast::<pyo3::types::PyType>() {
            (*class.as_type_ptr()).tp_vectorcall.map_or(0, |f| f as usize)
        } else if kind == "method_descriptor" {
            (*ptr.cast::<ffi::PyMethodDescrObject>()).d_method.addr()
        } else if kind == "getset_descriptor" {
            (*ptr.cast::<ffi::PyGetSetDescrObject>()).d_getset.addr()
        } else {
            return Ok(false);
        }
    };
    Ok(is_remembered(def))
}

// SAFETY: the definitions' pointers point into the `CString`s stored beside them, never written
// after setup; the `Py` is `Send + Sync` itself. Nothing is reached through `&self` but reads.
unsafe impl Send for Installed {}
// SAFETY: as above.
unsafe impl Sync for Installed {}
