//! The sub-interpreters of a [`super::Pool`], the thread state each Rust thread keeps in the one
//! it was given, and a call.
//!
//! Attaching is `PyEval_RestoreThread` of the thread's own thread state of that interpreter,
//! never `PyGILState_Ensure` (which knows only the main interpreter) and never pyo3's attach
//! (whose bookkeeping and deferred decrefs are per process). Attaching a state rebinds
//! CPython's per-thread "gilstate" (what `PyGILState_Ensure`, so pyo3's attach, attaches) to
//! it: a call from an unattached thread notes that (`thread_state::displace_gilstate_from`),
//! and pybridge's next main-interpreter attach on the thread re-attaches the thread's kept main
//! state first (`thread_state::attach_main`).

use std::cell::{RefCell, UnsafeCell};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};

use pyo3::ffi;
use pyo3::types::PyAnyMethods;

use super::values::{PoolArg, PoolValue};
use super::{PoolFn, Pooled};
use crate::error::{Error, Result};

/// A pool's interpreters.
pub(crate) struct Inner {
    /// Tells this pool's bindings from others' in a thread's list.
    id: usize,
    interps: Vec<Interp>,
    /// Hands interpreters to threads in turn.
    next: AtomicUsize,
    /// Set once the interpreters ended (the pool dropped, or the process's interpreter exiting).
    ended: AtomicBool,
}

/// Every pool's interpreters, so that they end before a Python host finalizes (CPython 3.12
/// aborts finalization when sub-interpreters remain: "remaining subinterpreters").
static LIVE: Mutex<Vec<Weak<Inner>>> = Mutex::new(Vec::new());

/// One own-GIL sub-interpreter.
pub(super) struct Interp {
    state: *mut ffi::PyInterpreterState,
    /// Every thread state made for it (the one it was made with, then one per thread that was
    /// given it), as addresses; a thread's state is deleted by its thread when the thread ends,
    /// the others when the pool ends.
    threads: Mutex<Vec<usize>>,
    /// Each pooled function's callable (a reference of this interpreter), by slot. Read and
    /// written only by a thread attached to this interpreter: its own GIL orders the accesses,
    /// and no Rust reference into the table is held across a call into Python (which may
    /// release the GIL to another of its threads).
    pub(super) cache: UnsafeCell<Vec<Slot>>,
}

pub(super) enum Slot {
    Empty,
    Found(*mut ffi::PyObject),
    /// The module refuses sub-interpreters: every later call gets this error at once.
    Refused(Error),
}

// SAFETY: the raw pointers are CPython objects and states of the pool's interpreters, used only
// by a thread attached to that interpreter (its GIL is the lock, as for any CPython object);
// `cache` is read and written only under that GIL (see its field), `threads` under its mutex.
unsafe impl Send for Inner {}
// SAFETY: as for `Send`: every shared access goes through an interpreter's GIL or a mutex.
unsafe impl Sync for Inner {}

static NEXT_POOL: AtomicUsize = AtomicUsize::new(1);

/// This thread's thread states in pools' interpreters.
struct Binding {
    pool: Weak<Inner>,
    id: usize,
    index: usize,
    tstate: *mut ffi::PyThreadState,
    /// This thread's kept main interpreter state (thread_state.rs), null if it has none.
    main: *mut ffi::PyThreadState,
}

/// Where a thread calls into a pool: the interpreter's index, this thread's state in it, and its
/// kept main interpreter state.
#[derive(Clone, Copy)]
struct Bound {
    index: usize,
    tstate: *mut ffi::PyThreadState,
    main: *mut ffi::PyThreadState,
}

/// The list, releasing each binding's thread state when the thread ends.
struct Bindings(Vec<Binding>);

impl Drop for Bindings {
    fn drop(&mut self) {
        for binding in self.0.drain(..) {
            if let Some(inner) = binding.pool.upgrade() {
                inner.release(binding.index, binding.tstate);
            }
        }
    }
}

thread_local! {
    static BOUND: RefCell<Bindings> = const { RefCell::new(Bindings(Vec::new())) };
}

impl Inner {
    /// Makes `n` own-GIL sub-interpreters, each with the main interpreter's `sys.path`.
    pub(crate) fn start(n: usize) -> Result<Arc<Inner>> {
        let path: Vec<String> =
            crate::try_attach(|py| -> pyo3::PyResult<Vec<String>> { py.import("sys")?.getattr("path")?.extract() })?
                .map_err(Error::from)?;
        let id = NEXT_POOL.fetch_add(1, Ordering::Relaxed);
        let mut inner = Inner { id, interps: Vec::new(), next: AtomicUsize::new(0), ended: AtomicBool::new(false) };
        for _ in 0..n {
            // On an error, the interpreters made so far end with `inner`.
            let (state, first) = crate::try_attach(|_py| new_interpreter(&path))??;
            let threads = Mutex::new(vec![first as usize]);
            inner.interps.push(Interp { state, threads, cache: UnsafeCell::new(Vec::new()) });
        }
        let inner = Arc::new(inner);
        let mut live = lock(&LIVE);
        live.retain(|pool| pool.strong_count() > 0);
        live.push(Arc::downgrade(&inner));
        Ok(inner)
    }

    /// This thread's interpreter of the pool and its thread state there, made on first use.
    fn bind(self: &Arc<Self>) -> Result<Bound> {
        let found = BOUND.try_with(|bound| {
            let bound = bound.borrow();
            let binding = bound.0.iter().find(|b| b.id == self.id)?;
            Some(Bound { index: binding.index, tstate: binding.tstate, main: binding.main })
        });
        match found {
            Ok(Some(bound)) => Ok(bound),
            Ok(None) => self.bind_new(),
            Err(_) => Err(Error::interpreter("a sub-interpreter pool was called while this thread was ending")),
        }
    }

    #[cold]
    fn bind_new(self: &Arc<Self>) -> Result<Bound> {
        // A kept main interpreter thread state first (thread_state.rs): the one pybridge's
        // attach re-attaches after a pooled call rebound the gilstate.
        crate::try_attach(|_py| ())?;
        let index = self.next.fetch_add(1, Ordering::Relaxed) % self.interps.len();
        let interp = &self.interps[index];
        // SAFETY: `interp.state` is a live interpreter of this pool (ended only in `drop`, which
        // cannot run while `self` is borrowed). PyThreadState_New needs no GIL; the new state
        // is this thread's, used only by it, until its release or the pool's end.
        let tstate = unsafe { ffi::PyThreadState_New(interp.state) };
        if tstate.is_null() {
            return Err(Error::interpreter("CPython could not make a thread state for a sub-interpreter"));
        }
        lock(&interp.threads).push(tstate as usize);
        let main = crate::thread_state::kept_main();
        let binding = Binding { pool: Arc::downgrade(self), id: self.id, index, tstate, main };
        BOUND.with(|bound| {
            let mut bound = bound.borrow_mut();
            bound.0.retain(|b| b.pool.strong_count() > 0);
            bound.0.push(binding);
        });
        Ok(Bound { index, tstate, main })
    }

    /// Deletes a thread state of an ending thread, unless the pool's end already did. Counted
    /// as an attach scope (shutdown.rs), so that the exit hook, which ends every pool, waits
    /// for it; refused once Python is exiting (the state stays listed, and the pool's end
    /// deletes it).
    fn release(&self, index: usize, tstate: *mut ffi::PyThreadState) {
        let Some(depth) = crate::shutdown::this_thread() else { return };
        let Some(_held) = crate::shutdown::hold(&depth) else { return };
        let mut threads = lock(&self.interps[index].threads);
        let Some(at) = threads.iter().position(|&t| t == tstate as usize) else { return };
        threads.swap_remove(at);
        drop(threads);
        // SAFETY: this thread's own state of that interpreter, just unlisted (nothing else
        // attaches or deletes it).
        let switch = unsafe { Switch::to(tstate) };
        // SAFETY: attached with this thread's own state, which is no longer listed (so nothing
        // else deletes it). PyThreadState_DeleteCurrent releases the GIL and leaves no current
        // state, which `Switch` then restores from.
        unsafe {
            ffi::PyThreadState_Clear(tstate);
            ffi::PyThreadState_DeleteCurrent();
        }
        switch.ended();
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.end();
    }
}

/// Ends every live pool's interpreters: called by the exit hook once no thread is inside an
/// attach scope (pool calls and thread-state releases included), attached to the main
/// interpreter. Later calls get an error.
pub(crate) fn end_all() {
    let live: Vec<Arc<Inner>> = lock(&LIVE).iter().filter_map(Weak::upgrade).collect();
    for inner in live {
        inner.end();
    }
}

impl Inner {
    /// Ends the interpreters, once.
    fn end(&self) {
        if self.ended.swap(true, Ordering::SeqCst) {
            return;
        }
        for interp in &self.interps {
            // SAFETY: no thread is attached to `interp`: every call borrows the pool, and this
            // runs when the last reference goes, or at exit once no thread is inside a call
            // (the exit hook's drain; a call arriving later sees `ended`). A fresh thread state
            // of this thread attaches; the cached callables are released under its GIL (the
            // exclusive borrow of the table is the only one: no call runs); the other threads'
            // states (idle: their threads find the pool gone, or `ended`, or the state no longer
            // listed) are cleared and deleted; Py_EndInterpreter needs the ending state current
            // and the only one, and leaves no state current, which `switch` restores from.
            unsafe {
                let end = ffi::PyThreadState_New(interp.state);
                let switch = Switch::to(end);
                for slot in (&mut *interp.cache.get()).drain(..) {
                    if let Slot::Found(object) = slot {
                        ffi::Py_DECREF(object);
                    }
                }
                for other in lock(&interp.threads).drain(..) {
                    ffi::PyThreadState_Clear(other as *mut ffi::PyThreadState);
                    ffi::PyThreadState_Delete(other as *mut ffi::PyThreadState);
                }
                ffi::Py_EndInterpreter(end);
                switch.ended();
            }
        }
    }
}

/// Attaches this thread to a state of another interpreter, detaching (and on drop restoring)
/// whatever it was attached to.
struct Switch {
    target: *mut ffi::PyThreadState,
    previous: *mut ffi::PyThreadState,
    /// Whether the target is still attached (a `Switch` whose target deleted itself only
    /// restores).
    attached: bool,
}

impl Switch {
    /// # Safety
    /// `target` is a live thread state made for this thread, not attached by another.
    unsafe fn to(target: *mut ffi::PyThreadState) -> Switch {
        // SAFETY: `target` is a live thread state of this thread's (the caller's contract). The
        // current state, if any, is detached first (PyEval_SaveThread releases its GIL), so
        // this thread never holds two GILs; re-attaching the same state is skipped.
        unsafe {
            let current = ffi::compat::PyThreadState_GetUnchecked();
            if current == target {
                return Switch { target, previous: target, attached: false };
            }
            let previous = if current.is_null() { current } else { ffi::PyEval_SaveThread() };
            ffi::PyEval_RestoreThread(target);
            Switch { target, previous, attached: true }
        }
    }

    /// The target deleted or ended itself (no state is current now): only the previous one
    /// is restored.
    fn ended(mut self) {
        self.attached = false;
        if self.previous.is_null() {
            // Attaching the target rebound the gilstate (see `call`).
            crate::thread_state::displace_gilstate();
        }
    }
}

impl Drop for Switch {
    fn drop(&mut self) {
        if self.previous == self.target {
            return;
        }
        // SAFETY: the target is attached (`attached`), so PyEval_SaveThread detaches it; the
        // previous state, if any, is re-attached.
        unsafe {
            if self.attached {
                ffi::PyEval_SaveThread();
            }
            if !self.previous.is_null() {
                ffi::PyEval_RestoreThread(self.previous);
            }
        }
    }
}

/// A mutex that a panicking holder did not spoil (the lists stay consistent: one push or
/// removal at a time).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A new own-GIL sub-interpreter with `path` as its `sys.path`, and the thread state CPython
/// made with it, detached: it is kept until the pool ends (CPython 3.12.1 cannot make another
/// thread state once the interpreter's first one is deleted: "init_threadstate: thread state
/// already initialized"); threads make their own. Called attached to the main interpreter, and
/// returns attached to it again.
fn new_interpreter(path: &[String]) -> Result<(*mut ffi::PyInterpreterState, *mut ffi::PyThreadState)> {
    let config = ffi::_PyInterpreterConfig_INIT;
    let mut tstate = std::ptr::null_mut();
    // SAFETY: attached to the main interpreter (`try_attach`, the caller). On success CPython
    // makes the new interpreter's thread state current and releases the main GIL (own GIL);
    // the main state is re-attached below before returning, so pyo3's view (this thread
    // attached to the main interpreter, its count untouched) is true again by then. Between
    // the two, only raw CPython calls on the new interpreter run. On failure the main state
    // stays current.
    unsafe {
        let main = ffi::PyThreadState_Get();
        let status = ffi::Py_NewInterpreterFromConfig(&mut tstate, &config);
        if ffi::PyStatus_Exception(status) != 0 || tstate.is_null() {
            let reason = match status.err_msg.is_null() {
                true => "unknown reason".to_string(),
                false => std::ffi::CStr::from_ptr(status.err_msg).to_string_lossy().into_owned(),
            };
            return Err(Error::interpreter(format!("CPython could not make a sub-interpreter: {reason}")));
        }
        let state = ffi::PyThreadState_GetInterpreter(tstate);
        let list = path.to_python();
        if !list.is_null() {
            ffi::PySys_SetObject(c"path".as_ptr(), list);
            ffi::Py_DECREF(list);
        }
        ffi::PyErr_Clear();
        ffi::PyEval_SaveThread();
        ffi::PyEval_RestoreThread(main);
        Ok((state, tstate))
    }
}

/// Runs `f(args…)` in this thread's interpreter of the pool.
pub(super) fn call<R: PoolValue>(inner: &Arc<Inner>, f: &PoolFn, args: &[&dyn PoolArg]) -> Pooled<R> {
    // Refused, as every attach is, once the process's interpreter is exiting.
    let _inside = match crate::shutdown::enter() {
        Ok(inside) => inside,
        Err(e) => return Pooled::Ran(Err(e)),
    };
    if inner.ended.load(Ordering::SeqCst) {
        return Pooled::Ran(Err(Error::interpreter(
            "the pool's sub-interpreters have ended: the Python interpreter is exiting",
        )));
    }
    let bound = match inner.bind() {
        Ok(bound) => bound,
        Err(e) => return Pooled::Ran(Err(e)),
    };
    // SAFETY: this thread's own state of that interpreter, made by `bind` for this thread and
    // deleted only by its release when the thread ends or by the pool's end: on drop no call
    // can be in progress (each borrows the pool), and at exit the hook ends pools only once no
    // thread is inside an attach scope (this call is one, `_inside`, and checked `ended`
    // inside it).
    let switch = unsafe { Switch::to(bound.tstate) };
    if switch.previous.is_null() {
        // Attaching rebound CPython's gilstate to this sub-interpreter state, and detaching
        // does not restore it: the next main-interpreter attach on this thread re-attaches
        // its main state first (thread_state.rs). (A thread that was attached to the main
        // interpreter gets it back, rebound, when `switch` restores it.)
        crate::thread_state::displace_gilstate_from(bound.main);
    }
    // SAFETY: attached to interpreter `bound.index` with this thread's own state until
    // `switch` drops, after the call.
    unsafe { super::invoke::invoke(&inner.interps[bound.index], f, args) }
}
