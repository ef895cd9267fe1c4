//! A free list of object blocks per exported class, as CPython keeps for its own `float`,
//! `tuple` and `list`: an instance freed is kept (up to [`CAPACITY`] per class) and the next
//! one made reuses its memory, skipping the allocator both ways.
//!
//! It is the class's `tp_alloc` and `tp_free` slots, set beside its direct constructor
//! (`constructor.rs`), so every way an instance is made (the constructor, pyo3's `tp_new`, a
//! method returning a new one) and freed (pyo3's `tp_dealloc`) goes through it. Only instances
//! of the class itself are kept: a subclass may inherit both slots (a Rust subclass can; a
//! Python `class Sub(Cls)` gets CPython's own), and its instances (another size, a `__dict__`)
//! go to CPython's `PyType_GenericAlloc` and `PyObject_GC_Del` as before. The class must be as pyo3 makes it: a GC type with CPython's generic slots and
//! no managed dict or weak-reference slot, checked when installing.
//!
//! A kept block is what `PyObject_GC_Del` would have freed: the object untracked (pyo3's
//! `tp_dealloc` untracks before freeing; a block still tracked is freed normally), its value
//! already dropped. Keeping it zeroes its GC header (untracking leaves the "finalized" flag
//! set there, which a fresh allocation does not have); reusing it does what
//! `PyType_GenericAlloc` does after allocating: zero the object, `PyObject_Init` (type,
//! reference count, the type's reference) and `PyObject_GC_Track`. The collector's count of
//! young objects is raised by an allocation and lowered by a free (not below zero); a kept
//! block skips both, as CPython's own tuple free list does. Blocks kept when the process ends
//! are not freed (pybridge never finalizes an interpreter it could restart).
//!
//! Installed on CPython 3.10–3.13 release builds only: the GC header's layout (two words
//! before the object) is CPython's, checked for those versions; a debug interpreter's
//! `PyObject_GC_Track` runs the type's `tp_traverse` on the still-zeroed object, which a
//! class with a `__traverse__` cannot take. One visible difference: assigning `__class__`
//! between the class and a Python subclass of it (`class S(C): __slots__ = ()`) is refused
//! (`TypeError: ... deallocator differs`), since their `tp_free` now differ.

use std::cell::UnsafeCell;
use std::ffi::c_void;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

use pyo3::ffi;

/// How many blocks a class keeps.
pub const CAPACITY: usize = 32;

/// The largest instance kept (bytes), so that a class of large values keeps little memory.
#[cfg(not(Py_LIMITED_API))]
const LARGEST: ffi::Py_ssize_t = 512;

/// One class's kept blocks (in its direct constructor's `static`).
pub struct FreeList {
    /// The class the list serves; null until installed.
    class: AtomicPtr<ffi::PyTypeObject>,
    /// Its instances' size (`tp_basicsize`), set with `class`.
    size: AtomicUsize,
    kept: UnsafeCell<Kept>,
}

struct Kept {
    blocks: [*mut ffi::PyObject; CAPACITY],
    len: usize,
}

// SAFETY: `kept` is read and written only inside `alloc` and `free`, which CPython calls as the
// class's `tp_alloc`/`tp_free` slots attached to the interpreter that made the class (pyo3
// refuses to import a module into any interpreter but the first that imported it), so that
// interpreter's GIL serialises every access; free-threaded builds do not install the list
// (`install`). The raw pointers are blocks no live object uses, handed from `free` to `alloc`
// only.
unsafe impl Sync for FreeList {}

impl FreeList {
    /// An empty list serving no class yet.
    pub const fn new() -> Self {
        FreeList {
            class: AtomicPtr::new(std::ptr::null_mut()),
            size: AtomicUsize::new(0),
            kept: UnsafeCell::new(Kept { blocks: [std::ptr::null_mut(); CAPACITY], len: 0 }),
        }
    }

    /// The class's `tp_alloc`: a kept block for an instance of the class itself, otherwise
    /// `PyType_GenericAlloc`.
    ///
    /// # Safety
    /// CPython's `tp_alloc` contract: attached, `tp` a live type whose slot this is.
    #[inline]
    pub unsafe fn alloc(&self, tp: *mut ffi::PyTypeObject, items: ffi::Py_ssize_t) -> *mut ffi::PyObject {
        if items == 0 && std::ptr::eq(tp, self.class.load(Ordering::Relaxed)) {
            // SAFETY: attached, so the GIL serialises this with every other access (the `Sync`
            // impl's argument); the `&mut` lives only for this block and nothing else borrows
            // `kept` meanwhile (CPython calls no slot of this class from inside it).
            let block = unsafe {
                let kept = &mut *self.kept.get();
                kept.len.checked_sub(1).map(|len| {
                    kept.len = len;
                    kept.blocks[len]
                })
            };
            if let Some(block) = block {
                // SAFETY: `block` is a block `free` kept: memory of an object of exactly `tp`
                // (its `tp_basicsize` bytes, `size`, after the GC header CPython allocated before
                // it), untracked, no object alive in it. Zeroing it, `PyObject_Init` and
                // `PyObject_GC_Track` make it what `PyType_GenericAlloc` returns.
                unsafe {
                    std::ptr::write_bytes(block.cast::<u8>(), 0, self.size.load(Ordering::Relaxed));
                    ffi::PyObject_Init(block, tp);
                    ffi::PyObject_GC_Track(block.cast());
                }
                return block;
            }
        }
        // SAFETY: the caller's contract is `PyType_GenericAlloc`'s.
        unsafe { ffi::PyType_GenericAlloc(tp, items) }
    }

    /// The class's `tp_free`: keeps the block of an untracked instance of the class itself while
    /// there is room, otherwise `PyObject_GC_Del`.
    ///
    /// # Safety
    /// CPython's `tp_free` contract: attached, `block` an object of this slot's type (or a
    /// subtype) being freed, its contents finalized.
    #[inline]
    pub unsafe fn free(&self, block: *mut c_void) {
        let object = block.cast::<ffi::PyObject>();
        // SAFETY: `object`'s memory is still allocated (the caller's contract), so its type is
        // readable; an instance of the class itself was allocated by `PyType_GenericAlloc` or
        // `alloc` with its GC header in the two words before it (what `install` checked), part
        // of the same block, which no other pointer reaches once the object is untracked and
        // being freed; the `&mut kept` lives only for the push, under the GIL (as in `alloc`).
        unsafe {
            if std::ptr::eq(ffi::Py_TYPE(object), self.class.load(Ordering::Relaxed))
                && ffi::PyObject_GC_IsTracked(object) == 0
            {
                let kept = &mut *self.kept.get();
                if kept.len < CAPACITY {
                    // The GC header, two words before the object (CPython 3.10–3.13's
                    // `PyGC_Head`; `install` checked the version, a GC type and no managed
                    // pre-header): zeroed, as a fresh allocation's. Untracked, so no list of
                    // the collector's points at it.
                    let head = object.cast::<usize>().sub(2);
                    head.write(0);
                    head.add(1).write(0);
                    kept.blocks[kept.len] = object;
                    kept.len += 1;
                    return;
                }
            }
            ffi::PyObject_GC_Del(block);
        }
    }

    /// How many blocks are kept now (tests).
    pub fn kept(&self) -> usize {
        // SAFETY: a read of a `usize` the GIL-holding slots write; callers are attached.
        unsafe { (*self.kept.get()).len }
    }
}

impl std::fmt::Debug for FreeList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FreeList").field("installed", &!self.class.load(Ordering::Relaxed).is_null()).finish()
    }
}

impl Default for FreeList {
    fn default() -> Self {
        FreeList::new()
    }
}

/// Sets `tp`'s `tp_alloc`/`tp_free` to `alloc`/`free` (which call `list`'s) when the class is as
/// pyo3 makes it: a GC type with CPython's generic slots, no managed dict or weak-reference
/// slot, instances of at most [`LARGEST`] bytes. Otherwise, and on free-threaded builds, leaves
/// the class as it is.
///
/// # Safety
/// Attached; `tp` a live heap type that no instance exists of yet, or whose instances were all
/// allocated by `PyType_GenericAlloc` (the slots' previous values, checked), and that Rust code
/// reaches by pointer only.
#[cfg(not(Py_LIMITED_API))]
pub(super) unsafe fn install(
    py: pyo3::Python<'_>,
    list: &'static FreeList,
    tp: *mut ffi::PyTypeObject,
    alloc: ffi::allocfunc,
    free: ffi::freefunc,
) {
    if cfg!(Py_GIL_DISABLED) || !release_interpreter(py) {
        return;
    }
    // SAFETY: the caller's contract; plain field reads and writes of a live type object under the
    // GIL, which every reader of these slots holds; no Rust reference to the type object exists,
    // so writing through the raw pointer invalidates no borrow. The blocks `free` keeps were
    // allocated by `PyType_GenericAlloc` (the slot it replaces, checked here) and are freed by
    // `PyObject_GC_Del` (the slot it replaces, checked here) if ever given back.
    unsafe {
        let generic_alloc = (*tp).tp_alloc.map(|f| f as usize) == Some(ffi::PyType_GenericAlloc as *const () as usize);
        let gc_free = (*tp).tp_free.map(|f| f as usize) == Some(ffi::PyObject_GC_Del as *const () as usize);
        let plain = (*tp).tp_flags & ffi::Py_TPFLAGS_HAVE_GC != 0 && (*tp).tp_flags & managed_flags() == 0;
        let small = (*tp).tp_basicsize <= LARGEST && (*tp).tp_itemsize == 0;
        let unused = list.class.load(Ordering::Relaxed).is_null();
        if !(generic_alloc && gc_free && plain && small && unused) {
            return;
        }
        list.size.store((*tp).tp_basicsize as usize, Ordering::Relaxed);
        list.class.store(tp, Ordering::Relaxed);
        (*tp).tp_alloc = Some(alloc);
        (*tp).tp_free = Some(free);
    }
    super::remember(alloc as usize);
}

/// A CPython 3.10–3.13 without debug reference counting (`sys.gettotalrefcount` exists in
/// `Py_REF_DEBUG` builds, which every `Py_DEBUG` build is): the interpreters whose GC header
/// and `PyObject_GC_Track` the free list is written for.
#[cfg(not(Py_LIMITED_API))]
fn release_interpreter(py: pyo3::Python<'_>) -> bool {
    use pyo3::types::PyAnyMethods;
    let version = py.version_info();
    let debug = py.import("sys").and_then(|sys| sys.hasattr("gettotalrefcount")).unwrap_or(true);
    (3, 10) <= (version.major, version.minor) && (version.major, version.minor) <= (3, 13) && !debug
}

/// `Py_TPFLAGS_MANAGED_DICT` (3.11+) and `Py_TPFLAGS_MANAGED_WEAKREF` (3.12+), where CPython
/// has them: types whose instances carry a pre-header besides the GC one.
#[cfg(not(Py_LIMITED_API))]
fn managed_flags() -> std::ffi::c_ulong {
    #[cfg(Py_3_12)]
    return ffi::Py_TPFLAGS_MANAGED_DICT | ffi::Py_TPFLAGS_MANAGED_WEAKREF;
    #[cfg(all(Py_3_11, not(Py_3_12)))]
    return ffi::Py_TPFLAGS_MANAGED_DICT;
    #[cfg(not(Py_3_11))]
    return 0;
}
