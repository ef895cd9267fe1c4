//! Python exiting while Rust threads use it.
//!
//! When a Python process that imported an extension module ends, `Py_FinalizeEx` runs while
//! Rust threads the module spawned may be calling into Python. On CPython before 3.14 a thread
//! that tries to take the GIL once finalization has begun is ended with `pthread_exit`, whose
//! forced unwind runs the destructors of the Rust frames it crosses, among them pyo3's attach
//! guard, whose `PyGILState_Release` aborts the process ("Fatal Python error: PyGILState_Release:
//! thread state must be current when releasing"; tests/python/test_reliability.py).
//!
//! So pybridge keeps threads from taking the GIL once finalization has begun: an `atexit`
//! callback (registered on the first attach; `atexit` runs in `Py_FinalizeEx` before the
//! finalizing flag is set) marks the interpreter as exiting, then waits, with the GIL released,
//! up to [`DRAIN_LIMIT`] for the threads that are inside an attach scope to leave it. From then
//! on an outermost attach on any other thread is an error ("the Python interpreter is shutting
//! down"): stubs return it, [`crate::attach`] panics with it.
//!
//! Each thread publishes its attach depth in an atomic of its own (no shared counter on the
//! call path). An asymmetric fence (a compiler fence on the call path, `membarrier` in the
//! callback) makes sure that either the attaching thread sees the exiting flag or the callback
//! sees the thread's depth, without a hardware fence per call (a `SeqCst` store there cost
//! ~8 ns per unattached stub call).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use pyo3::Python;
use pyo3::types::PyAnyMethods;

use crate::error::{Error, Result};

/// How long interpreter exit waits for threads inside an attach scope to leave it. A thread
/// still inside after that (a long Python call, a long `detach` inside an attach) is left to
/// CPython, as without pybridge.
pub(crate) const DRAIN_LIMIT: Duration = Duration::from_secs(2);

/// How long a refused attach waits before returning its error.
const REFUSAL_PAUSE: Duration = Duration::from_millis(10);

/// Set once the `atexit` callback is registered.
static HOOKED: AtomicBool = AtomicBool::new(false);
/// Set by the `atexit` callback.
static EXITING: AtomicBool = AtomicBool::new(false);
/// The depth cell of the thread running the `atexit` callback (it may still attach).
static EXITING_THREAD: AtomicUsize = AtomicUsize::new(0);
/// Every thread's depth cell.
static THREADS: Mutex<Vec<Weak<Depth>>> = Mutex::new(Vec::new());

/// One thread's attach depth, alone on its cache lines: threads write theirs on every attach,
/// and cells sharing a line would bounce it between cores (false sharing). With 4 contending
/// threads the stub measured 295–548 ns per call per thread padded against 412–979 unpadded,
/// within the run-to-run noise of that benchmark (see PERFORMANCE.md).
#[repr(align(128))]
#[derive(Debug)]
pub(crate) struct Depth(AtomicUsize);

impl std::ops::Deref for Depth {
    type Target = AtomicUsize;

    fn deref(&self) -> &AtomicUsize {
        &self.0
    }
}

thread_local! {
    /// This thread's attach depth, visible to the `atexit` callback.
    static DEPTH: Arc<Depth> = register();
}

fn register() -> Arc<Depth> {
    let depth = Arc::new(Depth(AtomicUsize::new(0)));
    let mut threads = THREADS.lock().unwrap_or_else(|e| e.into_inner());
    threads.retain(|t| t.strong_count() > 0);
    threads.push(Arc::downgrade(&depth));
    depth
}

/// An attach scope, counted in this thread's depth while it lives.
pub(crate) struct Inside {
    counted: bool,
}

/// Counts one more attach scope in `depth` (a thread's cell), or refuses (returns `false`,
/// `depth` unchanged) when the interpreter is exiting and this is an outermost attach on a
/// thread other than the exiting one.
#[inline(always)]
fn try_enter(depth: &Depth) -> bool {
    let outer = depth.load(Ordering::Relaxed);
    depth.store(outer + 1, Ordering::Relaxed);
    // The store above and the loads below must not be reordered (store → load): on this side
    // only the compiler is told so; `on_exit` issues the hardware barrier for every thread at
    // once (membarrier), so the call path pays no fence.
    std::sync::atomic::compiler_fence(Ordering::SeqCst);
    // Once the hook is registered, it sets EXITING before CPython's finalizing flag, so the
    // flag (a call into libpython) is read only until then.
    let exiting =
        || EXITING.load(Ordering::SeqCst) || (!HOOKED.load(Ordering::Acquire) && crate::thread_state::finalizing());
    if outer == 0 && exiting() && EXITING_THREAD.load(Ordering::SeqCst) != std::ptr::from_ref(depth) as usize {
        depth.store(outer, Ordering::Release);
        return false;
    }
    true
}

/// This thread's depth cell, for a guard that must work after the thread-local is gone (the
/// kept thread state is released by a thread-local destructor: thread_state.rs). `None` while
/// this thread's locals are being destroyed.
pub(crate) fn this_thread() -> Option<Arc<Depth>> {
    DEPTH.try_with(Arc::clone).ok()
}

/// An attach scope counted in a given thread's cell: [`hold`].
pub(crate) struct Held<'a>(&'a Depth);

/// Enters an attach scope on `depth` (this thread's cell, from [`this_thread`]), or `None` when
/// the interpreter is exiting (no pause: the caller gives up instead of retrying). While the
/// guard lives, the `atexit` callback waits for it (up to [`DRAIN_LIMIT`]) before CPython
/// begins finalizing, so a thread state may be re-attached and released under it without
/// racing finalization: the check and the attach are one step, as for [`enter`].
pub(crate) fn hold(depth: &Arc<Depth>) -> Option<Held<'_>> {
    try_enter(depth).then(|| Held(depth))
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.0.store(self.0.load(Ordering::Relaxed) - 1, Ordering::Release);
    }
}

/// [`enter`] on a given thread's cell (the direct attach's, plain_attach.rs), without the
/// refusal's pause: `false` (the cell unchanged) when the exit hook is not registered, or
/// when the interpreter is exiting and this is an outermost attach; the caller then takes the
/// ordinary path, which refuses. A `true` is undone by [`leave`].
#[cfg(not(Py_LIMITED_API))]
#[inline(always)]
pub(crate) fn enter_hooked(depth: &Depth) -> bool {
    HOOKED.load(Ordering::Acquire) && try_enter(depth)
}

/// Ends an attach scope that [`enter_hooked`] counted in `depth`.
#[cfg(not(Py_LIMITED_API))]
#[inline(always)]
pub(crate) fn leave(depth: &Depth) {
    depth.store(depth.load(Ordering::Relaxed) - 1, Ordering::Release);
}

/// Enters an attach scope, or refuses when the interpreter is exiting and this is an outermost
/// attach on a thread other than the exiting one.
pub(crate) fn enter() -> Result<Inside> {
    let entered = DEPTH.try_with(|depth| try_enter(depth));
    match entered {
        Ok(true) => Ok(Inside { counted: true }),
        Ok(false) => {
            // A loop that ignores the error would otherwise spin and take the CPU the exiting
            // thread needs (32 such threads on 2 cores stretched an exit to 2 s).
            std::thread::sleep(REFUSAL_PAUSE);
            Err(shutting_down())
        }
        // This thread's locals are being destroyed (an attach from a thread-local destructor).
        Err(_) if EXITING.load(Ordering::SeqCst) => Err(shutting_down()),
        Err(_) => Ok(Inside { counted: false }),
    }
}

fn shutting_down() -> Error {
    Error::interpreter("the Python interpreter is shutting down")
}

impl Drop for Inside {
    fn drop(&mut self) {
        if self.counted {
            let _ = DEPTH.try_with(|depth| depth.store(depth.load(Ordering::Relaxed) - 1, Ordering::Release));
        }
    }
}

/// A full memory barrier on every running thread of the process (the heavy half of an
/// asymmetric fence; `enter` has the light half): afterwards, each thread's depth store that
/// preceded its read of `EXITING` is visible here, or that read sees `EXITING` set. Where
/// `membarrier` is unavailable, a pause long enough for any store buffer to drain.
fn heavy_barrier() {
    #[cfg(target_os = "linux")]
    {
        /// `MEMBARRIER_CMD_GLOBAL` (Linux 4.3+, no registration needed).
        const MEMBARRIER_CMD_GLOBAL: libc::c_long = 1;
        // SAFETY: membarrier takes two integers and touches no memory of ours.
        if unsafe { libc::syscall(libc::SYS_membarrier, MEMBARRIER_CMD_GLOBAL, 0 as libc::c_long) } == 0 {
            return;
        }
    }
    std::thread::sleep(Duration::from_millis(20));
}

/// Whether the `atexit` callback has run (finalization is about to begin or has begun).
#[cfg(all(not(Py_3_13), Py_LIMITED_API))]
pub(crate) fn exiting() -> bool {
    EXITING.load(Ordering::SeqCst)
}

/// Registers the `atexit` callback (once per interpreter, from the first attach).
pub(crate) fn register_exit_hook(py: Python<'_>) -> pyo3::PyResult<()> {
    let hook = pyo3::types::PyCFunction::new_closure(
        py,
        Some(c"_pybridge_exit"),
        Some(c"Lets Rust threads leave Python before the interpreter finalizes (pybridge)."),
        |args, _kwargs| -> pyo3::PyResult<()> {
            on_exit(args.py());
            Ok(())
        },
    )?;
    py.import("atexit")?.call_method1("register", (hook,))?;
    HOOKED.store(true, Ordering::Release);
    Ok(())
}

/// The `atexit` callback: no new outermost attaches, then wait (detached) for threads inside
/// an attach scope to leave it.
fn on_exit(py: Python<'_>) {
    let own = DEPTH.try_with(|depth| Arc::as_ptr(depth) as usize).unwrap_or(0);
    EXITING_THREAD.store(own, Ordering::SeqCst);
    EXITING.store(true, Ordering::SeqCst);
    let deadline = Instant::now() + DRAIN_LIMIT;
    heavy_barrier();
    let drained = py.detach(|| {
        loop {
            let busy = THREADS
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .iter()
                .filter_map(Weak::upgrade)
                .filter(|depth| Arc::as_ptr(depth) as usize != own && depth.load(Ordering::SeqCst) > 0)
                .count();
            if busy == 0 {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    });
    // Sub-interpreter pools end now, before CPython finalizes (3.12 aborts on remaining
    // sub-interpreters): only when no thread is still inside a call, which could be in one.
    if drained {
        crate::pool::end_all();
    }
}
