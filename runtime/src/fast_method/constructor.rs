//! Direct construction of exported classes: `Cls(a, b)` through the type's own vectorcall entry
//! point (`tp_vectorcall`), as CPython's builtin types (`list`, `range`, `dict`) are called.
//!
//! Calling a class goes through `type.__call__` (`type_call`): a tuple of the arguments, the
//! type's `tp_new` (pyo3's trampoline, which parses that tuple through its argument table), then
//! `tp_init` (`object.__init__`, which does nothing for these classes). A type whose
//! `tp_vectorcall` is set is called through it instead, with the arguments in place. The generated
//! glue sets it, once the class is made, to an entry that converts plain positional arguments as
//! the direct methods do ([`crate::fast`]), calls pyo3's `#[new]` wrapper as the plain Rust
//! function it also is, and makes the object as pyo3's `tp_new` would (`Bound::new`: the type's
//! `tp_alloc`, the value moved in). Every other call (keywords, a missing argument, a subclass of
//! `int`) goes to `type_call` unchanged, so its errors are pyo3's, word for word.
//!
//! CPython never inherits `tp_vectorcall`, so a Python subclass (`class Sub(Cls)`) is made by
//! `type_call` as before, with its own `__init__`. Assigning `Cls.__new__` or `Cls.__init__` from
//! Python changes the type's `tp_new` or `tp_init` slot: the entry compares both with what it saw
//! when installed on every call and gives the call to `type_call` when either changed.

use std::sync::OnceLock;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::{PyClass, PyTypeInfo};

use crate::fast::{FastArgs, RawCall, raise};

/// One exported class's direct constructor (a `static` of the generated glue) and, once the
/// class is set up, the slots it was installed beside.
// The stable ABI installs nothing, so it never reads the entry points.
#[cfg_attr(Py_LIMITED_API, allow(dead_code))]
pub struct FastConstructor {
    entry: ffi::vectorcallfunc,
    installed: OnceLock<Slots>,
    /// The class's kept blocks, and its `tp_alloc`/`tp_free` slots, which reach them.
    free_list: super::free_list::FreeList,
    alloc: ffi::allocfunc,
    free: ffi::freefunc,
}

/// The type's `tp_new` and `tp_init` when the entry was installed (as addresses: only compared).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Slots {
    new: usize,
    init: usize,
}

impl std::fmt::Debug for FastConstructor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FastConstructor").field("installed", &self.installed.get().is_some()).finish()
    }
}

/// The address of a slot function (`0` for an empty slot).
#[cfg(not(Py_LIMITED_API))]
fn slot_address<F: Copy>(slot: Option<F>) -> usize {
    slot.map_or(0, |f| {
        // SAFETY: `F` is a function pointer type (every caller passes a `tp_new`/`tp_init` slot),
        // which has the size of a `*const c_void`; only its address is read, never called.
        let f: *const std::ffi::c_void = unsafe { std::mem::transmute_copy(&f) };
        f.addr()
    })
}

/// The slots of type `tp` that the entry relies on.
///
/// # Safety
/// Attached; `tp` a live type object.
#[cfg(not(Py_LIMITED_API))]
#[inline(always)]
unsafe fn slots_of(tp: *mut ffi::PyTypeObject) -> Slots {
    // SAFETY: the caller's contract; two plain field reads of a live type object, under the GIL
    // that serialises every writer of them (`type.__setattr__`). No Rust reference to the type
    // object exists (pyo3 hands out pointers only), so reading through the raw pointer aliases
    // nothing.
    unsafe { Slots { new: slot_address((*tp).tp_new), init: slot_address((*tp).tp_init) } }
}

/// On the stable ABI type objects are opaque and no entry is installed (`add_fast_constructor`),
/// so no call reaches here; none would match.
#[cfg(Py_LIMITED_API)]
#[inline(always)]
unsafe fn slots_of(_tp: *mut ffi::PyTypeObject) -> Slots {
    Slots { new: 0, init: 0 }
}

impl FastConstructor {
    /// A direct constructor not installed yet: `entry` the class's vectorcall entry point,
    /// `alloc` and `free` its `tp_alloc`/`tp_free`, which call [`FastConstructor::free_list`]'s.
    pub const fn new(entry: ffi::vectorcallfunc, alloc: ffi::allocfunc, free: ffi::freefunc) -> Self {
        FastConstructor { entry, installed: OnceLock::new(), free_list: super::free_list::FreeList::new(), alloc, free }
    }

    /// The class's free list (its `tp_alloc` and `tp_free` call it).
    pub fn free_list(&self) -> &super::free_list::FreeList {
        &self.free_list
    }

    /// The body of the entry point: between `required` and `count` arguments, all positional,
    /// are converted in place and passed to `body` (which calls pyo3's `#[new]` wrapper and
    /// makes the object); any other call, one `body` declines (`None`), or a class whose
    /// `__new__` or `__init__` was reassigned goes to `type.__call__`. Type-erased: one copy
    /// serves every class.
    ///
    /// # Safety
    /// `call` is what CPython passed to the class's vectorcall entry point (`module` is the
    /// class; `nargs` CPython's `nargsf`, flags included), attached.
    #[inline(always)]
    pub unsafe fn run_new(
        &self,
        call: RawCall,
        (required, count): (usize, usize),
        body: &mut dyn FnMut(Python<'_>, FastArgs<'_>) -> Option<PyResult<*mut ffi::PyObject>>,
    ) -> *mut ffi::PyObject {
        // SAFETY: attached (the caller's contract); the token does not escape this call.
        let py = unsafe { Python::assume_attached() };
        let RawCall { module: class, args, nargs, kwnames } = call;
        // `PyVectorcall_NARGS`: the top bit of `nargsf` is `PY_VECTORCALL_ARGUMENTS_OFFSET`.
        let nargs = ((nargs as usize) & (usize::MAX >> 1)) as ffi::Py_ssize_t;
        let given = nargs as usize;
        // SAFETY: `class` is the live type CPython called (the caller's contract).
        let unchanged = self.installed.get() == Some(&unsafe { slots_of(class.cast()) });
        if kwnames.is_null() && nargs >= 0 && given >= required && given <= count && unchanged {
            // SAFETY: CPython's `args` hold `nargs` live borrowed objects for the call.
            if let Some(value) = unsafe { super::answer(py, args, given, body) } {
                return value;
            }
        }
        // SAFETY: CPython's arguments, unchanged (the caller's contract).
        match unsafe { call_type(py, class, args, nargs, kwnames) } {
            Ok(value) => value.into_ptr(),
            Err(err) => raise(py, err),
        }
    }

    /// A new instance of `W` holding `value` (what pyo3's `tp_new` makes of its `#[new]`'s result).
    #[inline(always)]
    pub fn instance<W: PyClass>(
        py: Python<'_>,
        value: impl Into<pyo3::PyClassInitializer<W>>,
    ) -> PyResult<*mut ffi::PyObject> {
        Bound::new(py, value).map(Bound::into_ptr)
    }
}

/// `class(*args, **kwargs)` through the metatype's `tp_call` (`type.__call__`), as CPython calls a
/// type without a vectorcall entry.
///
/// # Safety
/// Attached; `class` a live type; `args` holds `nargs` borrowed objects followed by one per name
/// in `kwnames` (null without keywords), all alive for the call, as CPython passes them.
#[cold]
#[inline(never)]
unsafe fn call_type<'py>(
    py: Python<'py>,
    class: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: CPython's arguments (the caller's contract). The metatype's `tp_call` is read
    // from the live metatype of `class` and called with the signature CPython gives it, with
    // the tuple and dict alive for the call; it returns a new reference or null with an
    // exception set.
    unsafe {
        let (positional, keywords) = super::collect_args(py, None, args, nargs, kwnames)?;
        #[cfg(not(Py_LIMITED_API))]
        let Some(type_call) = (*ffi::Py_TYPE(class)).tp_call else {
            return Err(pyo3::exceptions::PyTypeError::new_err("pybridge: the class's type is not callable"));
        };
        // The stable ABI installs no entry, so a call never comes back here.
        #[cfg(Py_LIMITED_API)]
        let type_call = ffi::PyObject_Call;
        Bound::from_owned_ptr_or_err(py, type_call(class, positional.as_ptr(), keywords.as_ptr()))
    }
}

/// Sets `W`'s class's vectorcall entry to `fast`'s, when the class is as pyo3 made it (no entry
/// yet, `object.__init__`); otherwise, and on the stable ABI (whose type objects are opaque),
/// leaves the class to `type.__call__`.
#[cfg(Py_LIMITED_API)]
pub fn add_fast_constructor<W: PyClass + PyTypeInfo>(_py: Python<'_>, _fast: &'static FastConstructor) -> PyResult<()> {
    Ok(())
}

/// Sets `W`'s class's vectorcall entry to `fast`'s, when the class is as pyo3 made it (no entry
/// yet, `object.__init__`), with its free list (`free_list.rs`); otherwise, and on the stable
/// ABI (whose type objects are opaque), leaves the class to `type.__call__`.
#[cfg(not(Py_LIMITED_API))]
pub fn add_fast_constructor<W: PyClass + PyTypeInfo>(py: Python<'_>, fast: &'static FastConstructor) -> PyResult<()> {
    let class = W::type_object(py);
    let tp = class.as_type_ptr();
    // SAFETY: attached (`py`); `tp` is W's live heap type object, which pyo3 made and keeps for
    // the process. Its fields are read and written under the GIL, which serialises every reader
    // (CPython reads these slots only attached); no Rust reference to the type object exists
    // (pyo3 and this crate reach it by pointer only), so writing through the raw pointer
    // invalidates no borrow. CPython never inherits `tp_vectorcall`, so it affects calls of this
    // class only. The free list's slots are installed under `free_list::install`'s own checks.
    unsafe {
        let object_init = slot_address((*std::ptr::addr_of!(ffi::PyBaseObject_Type)).tp_init);
        let slots = slots_of(tp);
        if (*tp).tp_vectorcall.is_some() || slots.init != object_init || slots.new == 0 {
            return Ok(());
        }
        if *fast.installed.get_or_init(|| slots) != slots {
            return Ok(());
        }
        (*tp).tp_vectorcall = Some(fast.entry);
        super::free_list::install(py, &fast.free_list, tp, fast.alloc, fast.free);
    }
    super::remember(fast.entry as usize);
    Ok(())
}
