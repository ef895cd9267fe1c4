//! One Python thread state per Rust thread, kept for the thread's lifetime.
//!
//! CPython gives a thread that attaches through `PyGILState_Ensure` a new thread state and
//! destroys it again on the matching release when it was the outermost one: 7.6 µs per call on
//! the reference machine. Keeping one (an outer `PyGILState_Ensure` that is released only when
//! the Rust thread ends) turns later attaches into a GIL hand-over: 99 ns.

use std::cell::Cell;
use std::sync::Arc;

use pyo3::ffi;

use crate::shutdown::Depth;

/// What this thread holds.
struct Kept {
    /// The outer `PyGILState_Ensure` state, or `None` when the thread state is not ours (the
    /// thread that started the interpreter, or a thread Python itself created).
    gstate: Option<ffi::PyGILState_STATE>,
    /// This thread's attach-depth cell (shutdown.rs), held here because the thread-local that
    /// owns it may be destroyed before this one.
    depth: Option<Arc<Depth>>,
    /// The main interpreter thread state kept (CPython's gilstate binding may later point to a
    /// sub-interpreter's state of this thread, see [`displace_gilstate`]).
    tstate: *mut ffi::PyThreadState,
}

thread_local! {
    static KEPT: Cell<Option<Kept>> = const { Cell::new(None) };
    /// This thread's kept main interpreter thread state while CPython's gilstate binding points
    /// elsewhere (a sub-interpreter's state: attaching one rebinds it), else null.
    static DISPLACED: Cell<*mut ffi::PyThreadState> = const { Cell::new(std::ptr::null_mut()) };
}

/// Notes that this thread attached to a sub-interpreter's thread state (pool/sub.rs) while not
/// attached to the main interpreter: CPython bound its "gilstate" to that state, so until this
/// thread attaches its main state again, `PyGILState_Ensure` (which pyo3's attach uses) would
/// attach the sub-interpreter. [`attach_main`] re-attaches the main state first.
#[cfg_attr(not(all(Py_3_12, not(Py_LIMITED_API))), allow(dead_code))]
pub(crate) fn displace_gilstate() {
    displace_gilstate_from(kept_main());
}

/// [`displace_gilstate`] with this thread's kept main state already known ([`kept_main`]).
#[cfg_attr(not(all(Py_3_12, not(Py_LIMITED_API))), allow(dead_code))]
#[inline]
pub(crate) fn displace_gilstate_from(main: *mut ffi::PyThreadState) {
    let _ = DISPLACED.try_with(|d| d.set(main));
}

/// This thread's kept main interpreter thread state, or null (none kept yet).
#[cfg_attr(not(all(Py_3_12, not(Py_LIMITED_API))), allow(dead_code))]
pub(crate) fn kept_main() -> *mut ffi::PyThreadState {
    KEPT.try_with(|kept| {
        let current = kept.take();
        let tstate = current.as_ref().map_or(std::ptr::null_mut(), |k| k.tstate);
        kept.set(current);
        tstate
    })
    .unwrap_or(std::ptr::null_mut())
}

/// Runs `attach` (pyo3's attach, which goes through `PyGILState_Ensure`) with CPython's
/// gilstate binding pointing at this thread's main interpreter state: when a sub-interpreter
/// displaced it, the main state is attached first (which rebinds it), so pyo3's
/// `PyGILState_Ensure` finds it attached and nests, and it is detached again afterwards.
pub(crate) fn attach_main<R>(attach: impl FnOnce() -> R) -> R {
    let displaced = DISPLACED.try_with(Cell::get).unwrap_or(std::ptr::null_mut());
    if displaced.is_null() {
        return attach();
    }
    let _ = DISPLACED.try_with(|d| d.set(std::ptr::null_mut()));
    // Already attached (a pool call made inside `py.detach`, whose end re-attached the main
    // state and so rebound the gilstate): nothing to restore.
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: may be called unattached; reads this thread's current state.
    if !unsafe { ffi::compat::PyThreadState_GetUnchecked() }.is_null() {
        return attach();
    }
    // SAFETY: `displaced` is this thread's kept main thread state (deleted only when the thread
    // ends), and the thread is not attached (checked above; a sub-interpreter call detaches
    // before returning). PyEval_RestoreThread attaches it (and rebinds the gilstate to it);
    // pyo3's PyGILState_Ensure then nests (LOCKED) and its release leaves the state attached,
    // which PyEval_SaveThread detaches, as pyo3's own release would have.
    unsafe { ffi::PyEval_RestoreThread(displaced) };
    struct Detach;
    impl Drop for Detach {
        fn drop(&mut self) {
            // SAFETY: attached with the main state restored above (also when `attach` unwinds).
            unsafe { ffi::PyEval_SaveThread() };
        }
    }
    let _detach = Detach;
    attach()
}

/// Makes sure this thread has a Python thread state that outlives the coming attach. Must be
/// called while the interpreter runs and this thread is not attached.
pub(crate) fn keep_thread_state() {
    KEPT.with(|kept| {
        let current = kept.take();
        if current.is_some() {
            kept.set(current);
            return;
        }
        // SAFETY: the interpreter runs (callers start it first). PyGILState_GetThisThreadState
        // may be called without the GIL. When this thread has no thread state, it is not
        // attached, so PyGILState_Ensure creates one and takes the GIL, and PyEval_SaveThread
        // releases the GIL while keeping the thread state (and the gilstate counter at 1).
        let (gstate, tstate) = unsafe {
            let tstate = ffi::PyGILState_GetThisThreadState();
            if tstate.is_null() {
                let gstate = ffi::PyGILState_Ensure();
                (Some(gstate), ffi::PyEval_SaveThread())
            } else {
                (None, tstate)
            }
        };
        let depth = gstate.and_then(|_| crate::shutdown::this_thread());
        if let Some(depth) = &depth {
            crate::direct_attach::allow(tstate, depth);
        }
        kept.set(Some(Kept { gstate, depth, tstate }));
    });
}

/// Keeps the thread state of the thread that started the interpreter (`tstate`, the main
/// thread state, which `Py_InitializeFromConfig` created and which lives until the interpreter
/// finalizes): later attaches of this thread may then be direct too (direct_attach.rs).
#[cfg(not(feature = "abi3-py311"))]
pub(crate) fn keep_started(tstate: *mut ffi::PyThreadState) {
    let _ = KEPT.try_with(|kept| {
        let depth = crate::shutdown::this_thread();
        if let Some(depth) = &depth {
            crate::direct_attach::allow(tstate, depth);
        }
        kept.set(Some(Kept { gstate: None, depth, tstate }));
    });
}

/// Whether a sub-interpreter displaced CPython's gilstate binding of this thread
/// ([`displace_gilstate`]): attaching then goes through [`attach_main`].
#[cfg(not(Py_LIMITED_API))]
#[inline(always)]
pub(crate) fn gilstate_displaced() -> bool {
    DISPLACED.try_with(|d| !d.get().is_null()).unwrap_or(true)
}

impl Drop for Kept {
    fn drop(&mut self) {
        // First: the direct attach points at `self.depth` and `self.tstate`.
        crate::direct_attach::forbid();
        let Some(gstate) = self.gstate else { return };
        // Checking `is_finalizing()` and then attaching is a race: finalization may begin in
        // between, and CPython (before 3.14) then ends the thread inside PyEval_RestoreThread
        // with `pthread_exit`, unwinding through these Rust frames. So the release is an
        // attach scope like any other (shutdown.rs): counted in this thread's depth before the
        // flags are read, it either is refused (the interpreter is exiting: the thread state is
        // leaked, the process is ending) or holds the `atexit` callback, and so the beginning
        // of finalization, off until it is done. Without a cell (the thread's locals were
        // already being destroyed when it kept its state), or without the exit hook (`atexit`
        // could not be imported), the flag check below is all there is.
        let held = match &self.depth {
            Some(depth) => match crate::shutdown::hold(depth) {
                Some(held) => Some(held),
                None => return,
            },
            None => None,
        };
        // SAFETY: this runs when the Rust thread ends, not attached (no attach scope can be
        // open in a thread-local destructor). The thread state created in keep_thread_state is
        // this thread's; re-attaching it and releasing the outer PyGILState_Ensure deletes it.
        // `held` keeps finalization from beginning before both calls returned (see above). No
        // Rust reference is involved: CPython's own thread-state pointers only.
        unsafe {
            if ffi::Py_IsInitialized() == 0 || is_finalizing() {
                return;
            }
            // The state kept (not the gilstate binding's, which a sub-interpreter may have
            // displaced); attaching it rebinds the gilstate, which the release then finds.
            ffi::PyEval_RestoreThread(self.tstate);
            ffi::PyGILState_Release(gstate);
        }
        drop(held);
    }
}

/// Whether the interpreter has begun finalizing, or has finalized (CPython resets the flag only
/// when it is initialized again). May be called unattached, before and after the interpreter.
pub(crate) fn finalizing() -> bool {
    // SAFETY: the finalizing flag may be read at any time.
    unsafe { is_finalizing() }
}

#[cfg(Py_3_13)]
unsafe fn is_finalizing() -> bool {
    // SAFETY: may be called without the GIL.
    unsafe { ffi::Py_IsFinalizing() != 0 }
}

#[cfg(all(not(Py_3_13), not(Py_LIMITED_API)))]
unsafe fn is_finalizing() -> bool {
    unsafe extern "C" {
        fn _Py_IsFinalizing() -> std::os::raw::c_int;
    }
    // SAFETY: `_Py_IsFinalizing` exists in 3.8–3.12 (public API since 3.13) and may be called
    // without the GIL. A full-API build runs only on the minor version it was built for.
    unsafe { _Py_IsFinalizing() != 0 }
}

/// A stable-ABI build before 3.13 runs on every later CPython too, where `_Py_IsFinalizing` is
/// gone (3.13 renamed it `Py_IsFinalizing`): linking either by name would fail to load on the
/// other versions, so the running interpreter's is looked up once, by name.
#[cfg(all(not(Py_3_13), Py_LIMITED_API))]
unsafe fn is_finalizing() -> bool {
    type IsFinalizing = unsafe extern "C" fn() -> std::os::raw::c_int;
    static FOUND: std::sync::OnceLock<Option<IsFinalizing>> = std::sync::OnceLock::new();
    match FOUND.get_or_init(find_is_finalizing) {
        // SAFETY: the function CPython exports under that name, with that signature (no
        // arguments, an `int`), which may be called without the GIL.
        Some(f) => unsafe { f() != 0 },
        // No way to ask (neither name found): the exit hook's flag, set just before
        // finalization begins (shutdown.rs).
        None => crate::shutdown::exiting(),
    }
}

#[cfg(all(not(Py_3_13), Py_LIMITED_API, unix))]
fn find_is_finalizing() -> Option<unsafe extern "C" fn() -> std::os::raw::c_int> {
    for name in [c"Py_IsFinalizing", c"_Py_IsFinalizing"] {
        // SAFETY: `dlsym` with RTLD_DEFAULT and a NUL-terminated name only reads the symbol
        // tables of the loaded objects (libpython among them, or the executable that links it).
        let found = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) };
        if !found.is_null() {
            // SAFETY: both names are CPython's `int (void)` function (the same function,
            // renamed in 3.13), so the pointer is one to call with that signature; POSIX
            // returns functions from dlsym as data pointers. No Rust reference is formed from
            // it, and libpython stays loaded while Python runs.
            return Some(unsafe {
                std::mem::transmute::<*mut std::os::raw::c_void, unsafe extern "C" fn() -> std::os::raw::c_int>(found)
            });
        }
    }
    None
}

#[cfg(all(not(Py_3_13), Py_LIMITED_API, not(unix)))]
fn find_is_finalizing() -> Option<unsafe extern "C" fn() -> std::os::raw::c_int> {
    None
}
