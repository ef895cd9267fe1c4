//! The direct attach of plain import stubs.
//!
//! An import stub called from a thread that is not attached attaches by itself. The ordinary
//! path ([`crate::try_attach`]) is general: it starts the interpreter when needed, keeps the
//! thread's Python thread state, and attaches through pyo3's `Python::attach`, whose attach
//! count makes every `Py<T>` dropped inside release its reference at once (dropped while not
//! attached, it waits in pyo3's deferred pool). That is `PyGILState_Ensure`/`Release`, four
//! thread-local reads and pyo3's own checks around the call: 18–22 ns over the bare
//! `Ensure`/`Release` pair of the C-API limit (PERFORMANCE.md, section 2).
//!
//! A stub whose parameters and result are plain values (`names::generated::is_plain_call`: a
//! module function, a class handle's method, a handle's attribute of a plain type) drops no
//! `Py<T>` while it succeeds: its arguments and result live as `Bound` values, released
//! directly, and a handle is borrowed (`bind` clones a `Bound`). Such a stub attaches directly: once this thread keeps a thread state of its own
//! (or started the interpreter) and the exit hook is registered, an unattached call re-attaches
//! that state with `PyEval_RestoreThread` and detaches it with `PyEval_SaveThread`, counted in
//! the shutdown guard's depth like every attach, with a pending exception moved aside as
//! [`crate::try_attach`] does. pyo3's attach count stays as it was (0): when the call fails or
//! panics, the `PyErr`s it dropped went to pyo3's deferred pool, so the scope then attaches
//! through pyo3 once more before detaching, which releases them (pyo3 empties its pool on an
//! outermost attach). Any other state (attached already, a sub-interpreter's binding, the
//! interpreter exiting, the stable ABI) takes the ordinary path.

use std::cell::Cell;
use std::sync::Arc;

use pyo3::{Python, ffi};

use crate::shutdown::Depth;

/// What a direct attach of this thread needs: its kept thread state and its depth cell.
#[derive(Clone, Copy)]
#[cfg_attr(Py_LIMITED_API, allow(dead_code))]
struct Direct {
    tstate: *mut ffi::PyThreadState,
    depth: *const Depth,
}

thread_local! {
    /// Set while this thread's kept thread state (thread_state.rs) may be attached directly.
    /// No destructor: readable to the end of the thread.
    static DIRECT: Cell<Option<Direct>> = const { Cell::new(None) };
}

/// Lets this thread attach `tstate` (its kept thread state) directly, counted in `depth`. The
/// kept state's owner (`Kept`, thread_state.rs) holds `depth` and calls [`forbid`] before
/// either goes.
pub(crate) fn allow(tstate: *mut ffi::PyThreadState, depth: &Arc<Depth>) {
    let direct = Direct { tstate, depth: Arc::as_ptr(depth) };
    let _ = DIRECT.try_with(|d| d.set(Some(direct)));
}

/// Ends [`allow`]: this thread attaches through the ordinary path from now on.
pub(crate) fn forbid() {
    let _ = DIRECT.try_with(|d| d.set(None));
}

/// Runs a plain stub's body attached: directly when this thread may (module docs), else through
/// [`crate::try_attach`].
///
/// `f` must drop no `Py<T>` when it returns `Ok` (the generated code calls this only for
/// stubs whose parameters and result are plain values).
#[inline]
pub fn attach_plain<T, E, F>(f: F) -> Result<T, E>
where
    E: From<crate::Error>,
    F: for<'py> FnOnce(Python<'py>) -> Result<T, E>,
{
    #[cfg(not(Py_LIMITED_API))]
    if let Some(mut scope) = DirectScope::enter() {
        // SAFETY: `enter` attached this thread's thread state; the token does not outlive
        // `scope`, which detaches it (`f` takes it for any `'py` and cannot keep it).
        let py = unsafe { Python::assume_attached() };
        let result = f(py);
        scope.clean = result.is_ok();
        return result;
    }
    crate::__private::attach_call(f)
}

/// A direct attach: this thread's kept thread state attached, one scope counted in its depth.
#[cfg(not(Py_LIMITED_API))]
struct DirectScope {
    depth: *const Depth,
    pending: Option<crate::interpreter::PendingException>,
    /// The body returned `Ok` (else, or on a panic, pyo3's pool is emptied before detaching).
    clean: bool,
}

#[cfg(not(Py_LIMITED_API))]
impl DirectScope {
    #[inline(always)]
    fn enter() -> Option<DirectScope> {
        let direct = DIRECT.try_with(Cell::get).ok().flatten()?;
        if crate::thread_state::gilstate_displaced() {
            return None;
        }
        // SAFETY: may be called unattached; reads this thread's current thread state.
        if !unsafe { ffi::compat::PyThreadState_GetUnchecked() }.is_null() {
            return None;
        }
        // SAFETY: `DIRECT` is set only while the `Kept` holding this `Arc<Depth>` lives (it
        // calls `forbid` first when dropped), and `Kept` lives in this thread's locals, which
        // outlive this call: the cell is alive. Only a shared reference to its atomic is made.
        let depth = unsafe { &*direct.depth };
        if !crate::shutdown::enter_hooked(depth) {
            return None;
        }
        // SAFETY: `direct.tstate` is this thread's kept thread state: created for it by
        // `keep_thread_state` (deleted only when `Kept` drops, at thread end, after `forbid`)
        // or the main thread state of the thread that started the interpreter (deleted when
        // the interpreter finalizes). The scope just counted keeps finalization from beginning
        // until it ends (the exit hook waits for it; shutdown.rs), and the hook is registered
        // (`enter_hooked`), so the interpreter is running and not finalizing. The thread is
        // not attached (checked above), and its gilstate binding is its own (not displaced), so
        // restoring the state attaches exactly what `PyGILState_Ensure` would have.
        unsafe { ffi::PyEval_RestoreThread(direct.tstate) };
        // SAFETY: attached just above.
        let py = unsafe { Python::assume_attached() };
        let pending = Some(crate::interpreter::PendingException::save(py));
        Some(DirectScope { depth: direct.depth, pending, clean: false })
    }
}

#[cfg(not(Py_LIMITED_API))]
impl Drop for DirectScope {
    #[inline(always)]
    fn drop(&mut self) {
        if !self.clean {
            empty_deferred_pool();
        }
        // Put back an exception that was pending on entry (attached: before detaching).
        drop(self.pending.take());
        // SAFETY: the state `enter` attached is still this thread's current one: `f` ran
        // inside, and whatever it attached or detached it undid before returning (or
        // unwinding). Detaching keeps the thread state for the next call.
        unsafe { ffi::PyEval_SaveThread() };
        // SAFETY: as in `enter`: the cell outlives this scope.
        crate::shutdown::leave(unsafe { &*self.depth });
    }
}

/// Releases the references pyo3 deferred while this direct scope ran with its attach count at
/// 0 (a failed call's `PyErr`s): an outermost pyo3 attach empties the pool. Already attached,
/// `Python::attach` takes nothing (a nested `PyGILState_Ensure`).
#[cfg(not(Py_LIMITED_API))]
#[cold]
#[inline(never)]
fn empty_deferred_pool() {
    Python::attach(|_| ());
}
