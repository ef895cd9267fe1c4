//! Direct slot functions for two container protocols of exported classes: `len(o)`
//! (`__len__`, the `mp_length` or `sq_length` slot) and `o[key]` with a plain key
//! (`__getitem__`, `mp_subscript`).
//!
//! pyo3 fills a class's slots from its type spec, each behind its trampoline. Once the class is
//! made, the generated glue writes pybridge's entry into the same slot (as `constructor.rs`
//! writes `tp_vectorcall`): it reads the frozen wrapper in place, as the method entries do,
//! and calls pyo3's wrapper method as a plain method. A key the entry does not convert (a
//! slice, a subclass of `int`, a string for an integer key) goes to pyo3's slot function, kept
//! aside, so its errors are pyo3's. A Python subclass that defines `__len__` or `__getitem__`
//! gets CPython's own slot; one that does not inherits the entry, which reads the wrapper of a
//! subclass instance as it does for the class's own. The `__len__`/`__getitem__` descriptors in
//! the class's `__dict__` stay pyo3's (`Cls.__len__(o)` calls pyo3's slot function, with the
//! same result).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::{PyClass, PyTypeInfo};

use crate::fast::{panic_error, raise};

/// One class's direct `__len__` or `__getitem__` (a `static` of the generated glue) and, once
/// installed, pyo3's slot function for the calls the entry declines.
pub struct FastSlot {
    original: OnceLock<usize>,
}

impl std::fmt::Debug for FastSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FastSlot").field("installed", &self.original.get().is_some()).finish()
    }
}

impl Default for FastSlot {
    fn default() -> Self {
        FastSlot::new()
    }
}

impl FastSlot {
    /// A slot entry not installed yet.
    pub const fn new() -> Self {
        FastSlot { original: OnceLock::new() }
    }

    /// The body of a `__len__` entry: `body`'s length, a Python `OverflowError` past
    /// `isize::MAX` (as pyo3's), its error raised, a panic raised as `PanicException`.
    ///
    /// # Safety
    /// Attached (CPython called the slot).
    #[inline(always)]
    pub unsafe fn run_len(body: &mut dyn FnMut(Python<'_>) -> PyResult<usize>) -> ffi::Py_ssize_t {
        // SAFETY: attached (the caller's contract); the token does not escape this call.
        let py = unsafe { Python::assume_attached() };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            body(py)
                .and_then(|n| ffi::Py_ssize_t::try_from(n).map_err(|_| pyo3::exceptions::PyOverflowError::new_err(())))
        }));
        match outcome {
            Ok(Ok(n)) => n,
            Ok(Err(err)) => {
                raise(py, err);
                -1
            }
            Err(payload) => {
                raise(py, panic_error(payload));
                -1
            }
        }
    }

    /// The body of a `__getitem__` entry: `body` converts `key` and calls pyo3's wrapper
    /// method; a key it declines (`None`) goes to pyo3's slot function with the same arguments.
    ///
    /// # Safety
    /// Attached; `slf` and `key` are what CPython passed to the class's `mp_subscript`.
    #[inline(always)]
    pub unsafe fn run_getitem(
        &self,
        slf: *mut ffi::PyObject,
        key: *mut ffi::PyObject,
        body: &mut dyn FnMut(Python<'_>) -> Option<PyResult<*mut ffi::PyObject>>,
    ) -> *mut ffi::PyObject {
        // SAFETY: attached (the caller's contract); the token does not escape this call.
        let py = unsafe { Python::assume_attached() };
        match catch_unwind(AssertUnwindSafe(|| body(py))) {
            Ok(Some(Ok(value))) => return value,
            Ok(Some(Err(err))) => return raise(py, err),
            Ok(None) => {}
            Err(payload) => return raise(py, panic_error(payload)),
        }
        // SAFETY: CPython's arguments, unchanged (the caller's contract).
        unsafe { self.slow_getitem(py, slf, key) }
    }

    /// pyo3's `mp_subscript` with CPython's arguments.
    ///
    /// # Safety
    /// As [`FastSlot::run_getitem`].
    #[cold]
    #[inline(never)]
    unsafe fn slow_getitem(
        &self,
        py: Python<'_>,
        slf: *mut ffi::PyObject,
        key: *mut ffi::PyObject,
    ) -> *mut ffi::PyObject {
        match self.original.get() {
            Some(&original) => {
                // SAFETY: `original` is the address of pyo3's `mp_subscript` for this class, read
                // from the slot `add_fast_getitem` replaced, so it has the `binaryfunc`
                // signature; it is called as CPython would have called it.
                unsafe {
                    let original = std::mem::transmute::<usize, ffi::binaryfunc>(original);
                    original(slf, key)
                }
            }
            None => raise(py, super::not_installed()),
        }
    }
}

/// Writes `entry` into `W`'s class's `__len__` slot (`mp_length`, or `sq_length` for a class
/// pyo3 made a sequence), where pyo3 filled one; on the stable ABI (opaque type objects),
/// nothing.
pub fn add_fast_len<W: PyClass + PyTypeInfo>(py: Python<'_>, entry: ffi::lenfunc) -> PyResult<()> {
    #[cfg(not(Py_LIMITED_API))]
    {
        let tp = W::type_object(py).as_type_ptr();
        // SAFETY: attached (`py`); `tp` is W's live heap type object, whose method suites
        // CPython allocated with it (a heap type's `as_mapping`/`as_sequence` point into it).
        // Its slots are read and written under the GIL, which every reader of them holds; no
        // Rust reference to the type object exists, so writing through the raw pointer
        // invalidates no borrow.
        unsafe {
            let mapping = (*tp).tp_as_mapping;
            let sequence = (*tp).tp_as_sequence;
            if !mapping.is_null() && (*mapping).mp_length.is_some() {
                (*mapping).mp_length = Some(entry);
            } else if !sequence.is_null() && (*sequence).sq_length.is_some() {
                (*sequence).sq_length = Some(entry);
            } else {
                return Ok(());
            }
        }
        super::remember(entry as usize);
    }
    #[cfg(Py_LIMITED_API)]
    let _ = (py, entry);
    Ok(())
}

/// Writes `entry` into `W`'s class's `mp_subscript`, keeping pyo3's function in `fast` for
/// the keys the entry declines; on the stable ABI (opaque type objects), nothing.
pub fn add_fast_getitem<W: PyClass + PyTypeInfo>(
    py: Python<'_>,
    fast: &'static FastSlot,
    entry: ffi::binaryfunc,
) -> PyResult<()> {
    #[cfg(not(Py_LIMITED_API))]
    {
        let tp = W::type_object(py).as_type_ptr();
        // SAFETY: as in `add_fast_len`; the slot's previous function is kept before the entry
        // replaces it, and a second installation (another module initialisation) finds the
        // entry already there and changes nothing.
        unsafe {
            let mapping = (*tp).tp_as_mapping;
            if mapping.is_null() {
                return Ok(());
            }
            let Some(original) = (*mapping).mp_subscript else { return Ok(()) };
            if original as usize == entry as usize {
                return Ok(());
            }
            if *fast.original.get_or_init(|| original as usize) != original as usize {
                return Ok(());
            }
            (*mapping).mp_subscript = Some(entry);
        }
        super::remember(entry as usize);
    }
    #[cfg(Py_LIMITED_API)]
    let _ = (py, fast, entry);
    Ok(())
}

/// Whether `class`'s `__len__` or `__getitem__` slot, or its `tp_alloc` (`name`), is one of
/// pybridge's entries (tests check which classes got one, and a free list).
#[cfg(not(Py_LIMITED_API))]
pub fn is_direct_slot(class: &Bound<'_, pyo3::types::PyType>, name: &str) -> bool {
    let tp = class.as_type_ptr();
    // SAFETY: attached (`class` is bound); plain reads of a live type object's slots, which are
    // compared by address, never called.
    let slot = unsafe {
        let (mapping, sequence) = ((*tp).tp_as_mapping, (*tp).tp_as_sequence);
        match name {
            "__len__" if !mapping.is_null() && (*mapping).mp_length.is_some() => {
                (*mapping).mp_length.map(|f| f as usize)
            }
            "__len__" if !sequence.is_null() => (*sequence).sq_length.map(|f| f as usize),
            "__getitem__" if !mapping.is_null() => (*mapping).mp_subscript.map(|f| f as usize),
            "tp_alloc" => (*tp).tp_alloc.map(|f| f as usize),
            _ => None,
        }
    };
    slot.is_some_and(super::is_remembered)
}
