//! Direct CPython entry points for the hot shapes of exported classes: methods whose parameters
//! are plain values, property getters, and setters of plain-value fields.
//!
//! pyo3 registers a class's members behind its trampoline (attach count, deferred-decref pool,
//! a second type check of `self`, its own argument table). Plain methods are pybridge's alone:
//! pyo3 has no wrapper for them, and at module initialisation [`add_fast_methods`] puts a
//! method descriptor (`PyDescr_NewMethod`) of each one's entry in the class's `__dict__`.
//! CPython's descriptor has already checked that `self` is an instance of the class, so the
//! entry reads the wrapper in place (classes are frozen, see `borrow_cell.rs`) and runs the
//! method's body with the arguments ([`MethodArgs`]): those CPython passed positionally, or,
//! for any other call, those pyo3's own parser sorted out (keywords, and pyo3's errors for a
//! wrong call). Each converts in place when it can and through pyo3's `FromPyObject` otherwise.
//!
//! Property getters and setters keep pyo3's descriptors too: in optimised builds the glue
//! replaces each with a getset descriptor (`PyDescr_NewGetSet`) of pybridge's, and any call
//! its entry does not take (a subclass of `int`, deleting the attribute) goes to pyo3's
//! descriptor, kept aside, so its errors are pyo3's, word for word.
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

use crate::fast::{FastArgs, FastEntry, none, panic_error, raise};

mod args;
mod constructor;
mod free_list;
mod macros;
mod property;
mod slots;

pub use args::MethodArgs;
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
#[cfg_attr(not(debug_assertions), inline(always))]
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

/// One exported method's entry point (a `static` of the generated glue), its docstring (with
/// the text signature in front, as pyo3 writes it) and argument table, and, once the class is
/// set up, its method definition. pybridge registers these methods itself: pyo3 has no wrapper
/// for them.
pub struct FastMethod {
    entry: FastEntry,
    name: &'static str,
    doc: &'static str,
    installed: OnceLock<Installed>,
}

/// What class setup makes, kept for the life of the process (a method definition must outlive
/// every descriptor made from it).
struct Installed {
    def: ffi::PyMethodDef,
    _name: CString,
    _doc: CString,
}

impl std::fmt::Debug for FastMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FastMethod").field("entry", &self.entry).finish_non_exhaustive()
    }
}

impl FastMethod {
    /// Method `name`, not installed yet; `doc` is its docstring with the text signature in
    /// front (`name($self, a)\n--\n\n…`, from which CPython derives `__text_signature__`).
    pub const fn new(entry: FastEntry, name: &'static str, doc: &'static str) -> Self {
        FastMethod { entry, name, doc, installed: OnceLock::new() }
    }

    /// The wrapper `slf` holds, read in place (the entries' `this`).
    ///
    /// # Safety
    /// Attached, and `slf` a live instance of `W`'s type or a subtype (CPython's descriptor
    /// checked it) that outlives `'a` (the call).
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub unsafe fn this<'a, W>(py: Python<'_>, slf: *mut ffi::PyObject) -> &'a W
    where
        W: PyClass<Frozen = pyo3::pyclass::boolean_struct::True> + Sync,
    {
        // SAFETY: the caller's contract.
        unsafe { wrapper_of(py, slf) }
    }

    /// A wrapper's result as a new reference (the entries' conversion of a value).
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn object_ptr<R: for<'py> IntoPyObject<'py>>(py: Python<'_>, value: R) -> PyResult<*mut ffi::PyObject> {
        object_ptr(py, value)
    }

    /// A wrapper's result as a new reference, its error passed on (the entries' conversion of
    /// a method's value; generic over the value only, so methods returning one type share it).
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn value_ptr<R: for<'py> IntoPyObject<'py>>(
        py: Python<'_>,
        result: PyResult<R>,
    ) -> PyResult<*mut ffi::PyObject> {
        result.and_then(|value| object_ptr(py, value))
    }

    /// `None` as a new reference for a wrapper's `Ok(())`, its error passed on.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn unit_ptr(py: Python<'_>, result: PyResult<()>) -> PyResult<*mut ffi::PyObject> {
        result.map(|()| Self::none_ptr(py))
    }

    /// A new reference to `None` (the entries' conversion of `()`).
    #[cfg_attr(not(debug_assertions), inline(always))]
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
    /// `count` arguments, all positional, go to `body` as CPython passed them; any other call
    /// is parsed by pyo3's parser first (keywords, and pyo3's errors for a wrong call), with
    /// the `shape`'s class and method name, parameter names and positional-only count. `body`
    /// converts each argument ([`MethodArgs`]) and calls the wrapper method. Type-erased: one
    /// copy serves every method (less for rustc to compile per method; inlined and
    /// devirtualised in optimised builds).
    ///
    /// # Safety
    /// The first tuple is what CPython passed to the entry point (`self`, the arguments, their
    /// count, the keyword names), attached.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub unsafe fn run_call(
        (slf, args, nargs, kwnames): (
            *mut ffi::PyObject,
            *const *mut ffi::PyObject,
            ffi::Py_ssize_t,
            *mut ffi::PyObject,
        ),
        shape: &'static MethodShape,
        body: MethodBody,
    ) -> *mut ffi::PyObject {
        // SAFETY: attached (the caller's contract); the token does not escape this call.
        let py = unsafe { Python::assume_attached() };
        let &(_, _, names, _, required, count) = shape;
        let given = nargs as usize;
        if kwnames.is_null() && nargs >= 0 && given >= required && given <= count && count <= names.len() {
            // SAFETY: CPython's `args` hold `nargs` live borrowed objects for the call, and
            // `names` has `count` >= `given` entries.
            let arguments = unsafe { MethodArgs::new(py, args, given, names) };
            return finish(py, catch_unwind(AssertUnwindSafe(|| body(py, slf, arguments))));
        }
        // SAFETY: CPython's arguments, unchanged (the caller's contract).
        unsafe { args::parse_and_run(py, shape, slf, args, nargs, kwnames, body) }
    }
}

/// A method's body: given the token, `self` and the arguments, converts them, calls the
/// wrapper method and converts its result. A plain function (the entry's closure captures
/// nothing): no closure type, so no trait-object glue, per method.
pub type MethodBody = for<'py, 'a> fn(Python<'py>, *mut ffi::PyObject, MethodArgs<'a>) -> PyResult<*mut ffi::PyObject>;

/// A method's shape for its entry: the class's and the method's Python names, the parameter
/// names in Python's order, how many are positional-only, how many required, how many in all.
pub type MethodShape = (&'static str, &'static str, &'static [&'static str], usize, usize, usize);

/// A body's outcome as the entry's return: the value, or null with its error (or its panic, as
/// `PanicException`) raised.
#[cfg_attr(not(debug_assertions), inline(always))]
fn finish(py: Python<'_>, outcome: std::thread::Result<PyResult<*mut ffi::PyObject>>) -> *mut ffi::PyObject {
    match outcome {
        Ok(Ok(value)) => value,
        Ok(Err(err)) => raise(py, err),
        Err(payload) => raise(py, panic_error(payload)),
    }
}

/// The fast path every entry shares: `body` on the `given` positional arguments at `args`,
/// its value returned, its error or panic raised (`Some`: the result to return); `None` when
/// `body` declined, for the caller's slow path.
///
/// # Safety
/// Attached; `args` holds `given` live borrowed objects for the call.
#[cfg_attr(not(debug_assertions), inline(always))]
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
#[cfg_attr(not(debug_assertions), inline(always))]
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

/// Puts a method descriptor of each of `methods`' entry points in `W`'s class, under its name,
/// with the docstring and text signature the glue wrote (pyo3 has no wrapper for them).
pub fn add_fast_methods<W: PyClass + PyTypeInfo>(py: Python<'_>, methods: &[&'static FastMethod]) -> PyResult<()> {
    let class = W::type_object(py);
    methods.iter().try_for_each(|fast| add_fast_method(&class, fast))
}

/// [`add_fast_methods`] for one method (not generic: one copy for every class).
fn add_fast_method(class: &Bound<'_, pyo3::types::PyType>, fast: &'static FastMethod) -> PyResult<()> {
    let (py, name) = (class.py(), fast.name);
    let installed = match fast.installed.get() {
        Some(installed) => installed,
        None => {
            let value_error = |e: std::ffi::NulError| pyo3::exceptions::PyValueError::new_err(e.to_string());
            let c_name = CString::new(name).map_err(value_error)?;
            let doc = CString::new(fast.doc).map_err(value_error)?;
            let Some(ml_meth) = crate::fast::method_pointer(fast.entry) else {
                return Err(pyo3::exceptions::PySystemError::new_err("pybridge: no vectorcall methods on this Python"));
            };
            let def = ffi::PyMethodDef {
                ml_name: c_name.as_ptr(),
                ml_meth,
                ml_flags: fast.entry.flags(),
                ml_doc: doc.as_ptr(),
            };
            let installed = fast.installed.get_or_init(|| Installed { def, _name: c_name, _doc: doc });
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
