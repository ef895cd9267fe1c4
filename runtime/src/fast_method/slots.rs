//! Direct slot functions for protocols of exported classes: `len(o)` (`__len__`, the
//! `mp_length` or `sq_length` slot), `o[key]` with a plain key (`__getitem__`,
//! `mp_subscript`), and the binary operators `o + x`, `o - x`, … with a plain right operand
//! (`__add__`, `__sub__`, …: `nb_add`, `nb_subtract`, …).
//!
//! pyo3 fills a class's slots from its type spec, each behind its trampoline. Once the class is
//! made, the generated glue writes pybridge's entry into the same slot (as `constructor.rs`
//! writes `tp_vectorcall`): it reads the frozen wrapper in place, as the method entries do,
//! and calls pyo3's wrapper method as a plain method. A key the entry does not convert (a
//! slice, a subclass of `int`, a string for an integer key) goes to pyo3's slot function, kept
//! aside, so its errors are pyo3's. An operator slot serves both `o + x` and `x + o` (pyo3's
//! function tries `__add__` and then `__radd__`): the entry takes only a left operand that is an
//! instance of the class and a right operand it converts, for which pyo3's function would call
//! `__add__` and return its value (a plain value or an object of a class, never
//! `NotImplemented`); every other pair goes to pyo3's function. A Python subclass that defines `__len__` or `__getitem__`
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
    /// The class (for an operator's left-operand check); null until installed.
    class: std::sync::atomic::AtomicPtr<ffi::PyTypeObject>,
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
        FastSlot { original: OnceLock::new(), class: std::sync::atomic::AtomicPtr::new(std::ptr::null_mut()) }
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

    /// The body of a binary operator's entry: when `lhs` is an instance of the class, `body`
    /// converts `rhs` and calls pyo3's wrapper method; any other pair, or an operand `body`
    /// declines (`None`), goes to pyo3's slot function with the same arguments.
    ///
    /// # Safety
    /// Attached; `lhs` and `rhs` are what CPython passed to the class's number slot.
    #[inline(always)]
    pub unsafe fn run_binary(
        &self,
        lhs: *mut ffi::PyObject,
        rhs: *mut ffi::PyObject,
        body: &mut dyn FnMut(Python<'_>) -> Option<PyResult<*mut ffi::PyObject>>,
    ) -> *mut ffi::PyObject {
        let class = self.class.load(std::sync::atomic::Ordering::Relaxed);
        // SAFETY: `lhs` is a live object CPython passed (the caller's contract); its type is
        // read, and compared with the class or asked whether it is a subtype of it.
        let instance = unsafe {
            let tp = ffi::Py_TYPE(lhs);
            !class.is_null() && (std::ptr::eq(tp, class) || ffi::PyType_IsSubtype(tp, class) != 0)
        };
        if instance {
            // SAFETY: the caller's contract, with `lhs` an instance of the class (checked),
            // which is what the body's read of the wrapper needs.
            return unsafe { self.run_getitem(lhs, rhs, body) };
        }
        // SAFETY: CPython's arguments, unchanged (the caller's contract).
        unsafe { self.slow_getitem(Python::assume_attached(), lhs, rhs) }
    }

    /// pyo3's slot function (`mp_subscript`, or an operator's number slot) with CPython's
    /// arguments.
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
                // SAFETY: `original` is the address of pyo3's function for this slot of this
                // class, read from the slot `add_fast_getitem`/`add_fast_binary` replaced, so it
                // has the `binaryfunc` signature; it is called as CPython would have called it.
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

/// Writes `entry` into `W`'s class's number slot for the operator `name` (`"__add__"`,
/// `"__sub__"`, …), keeping pyo3's function in `fast` for the operand pairs the entry declines;
/// on the stable ABI (opaque type objects), or where pyo3 filled no such slot, nothing.
pub fn add_fast_binary<W: PyClass + PyTypeInfo>(
    py: Python<'_>,
    fast: &'static FastSlot,
    entry: ffi::binaryfunc,
    name: &str,
) -> PyResult<()> {
    #[cfg(not(Py_LIMITED_API))]
    {
        let tp = W::type_object(py).as_type_ptr();
        // SAFETY: as in `add_fast_len`: a field of the heap type's own number suite, read and
        // written under the GIL; pyo3's function is kept before the entry replaces it, and a
        // second installation finds the entry there and changes nothing.
        unsafe {
            let Some(slot) = number_slot(tp, name) else { return Ok(()) };
            let Some(original) = *slot else { return Ok(()) };
            if original as usize == entry as usize
                || *fast.original.get_or_init(|| original as usize) != original as usize
            {
                return Ok(());
            }
            fast.class.store(tp, std::sync::atomic::Ordering::Relaxed);
            *slot = Some(entry);
        }
        super::remember(entry as usize);
    }
    #[cfg(Py_LIMITED_API)]
    let _ = (py, fast, entry, name);
    Ok(())
}

/// The number slot of `tp` that operator `name` fills.
///
/// # Safety
/// `tp` a live type object, attached; the pointer is used only under the GIL.
#[cfg(not(Py_LIMITED_API))]
unsafe fn number_slot(tp: *mut ffi::PyTypeObject, name: &str) -> Option<*mut Option<ffi::binaryfunc>> {
    // SAFETY: the caller's contract; a heap type's number suite lives in the type object.
    let number = unsafe { (*tp).tp_as_number };
    if number.is_null() {
        return None;
    }
    // SAFETY: `number` is the live suite (checked non-null); only field addresses are taken.
    unsafe {
        Some(match name {
            "__add__" => &raw mut (*number).nb_add,
            "__sub__" => &raw mut (*number).nb_subtract,
            "__mul__" => &raw mut (*number).nb_multiply,
            "__mod__" => &raw mut (*number).nb_remainder,
            "__lshift__" => &raw mut (*number).nb_lshift,
            "__rshift__" => &raw mut (*number).nb_rshift,
            "__and__" => &raw mut (*number).nb_and,
            "__xor__" => &raw mut (*number).nb_xor,
            "__or__" => &raw mut (*number).nb_or,
            "__floordiv__" => &raw mut (*number).nb_floor_divide,
            "__truediv__" => &raw mut (*number).nb_true_divide,
            "__matmul__" => &raw mut (*number).nb_matrix_multiply,
            _ => return None,
        })
    }
}

/// Whether `class`'s `__len__`, `__getitem__` or operator slot (`"__add__"`, …), or its
/// `tp_alloc` (`name`), is one of pybridge's entries (tests check which classes got one, and a
/// free list).
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
            _ => number_slot(tp, name).and_then(|slot| *slot).map(|f| f as usize),
        }
    };
    slot.is_some_and(super::is_remembered)
}
