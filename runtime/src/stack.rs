//! Stack headroom before calling into Python.
//!
//! Rust → Python → Rust → … recursion grows the C stack at every level, and CPython 3.11 counts
//! only Python frames: on a thread with a small stack (Rust's default for spawned threads is
//! 2 MiB) the stack overflows, which aborts the process, before Python's recursion limit is
//! reached. Every stub call therefore checks the headroom first and raises `RecursionError`
//! when less than [`MIN_HEADROOM`] is left, so deep recursion is an exception on any stack size.

use std::cell::Cell;

use pyo3::PyResult;

/// The stack a call into Python must have left: far more than one level of Rust ↔ Python
/// recursion needs (a few KiB in debug builds).
pub const MIN_HEADROOM: usize = 128 * 1024;

thread_local! {
    /// The lowest address a call into Python may start from: the stack's low end plus
    /// [`MIN_HEADROOM`] (0: not known yet; 1: unknowable, no check).
    static LIMIT: Cell<usize> = const { Cell::new(0) };
}

#[cfg(target_os = "linux")]
fn stack_low() -> usize {
    // SAFETY: pthread_getattr_np fills `attr` for the calling thread, which is alive;
    // pthread_attr_getstack reads it; the attribute object is destroyed before returning.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return 1;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let ok = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        if ok { addr as usize } else { 1 }
    }
}

#[cfg(not(target_os = "linux"))]
fn stack_low() -> usize {
    1
}

/// `Err(RecursionError)` when this thread's stack has less than [`MIN_HEADROOM`] left.
#[inline(always)]
pub(crate) fn check_headroom() -> PyResult<()> {
    let marker = 0u8;
    let here = std::ptr::addr_of!(marker) as usize;
    // One thread-local load and one comparison on the hot path.
    let limit = LIMIT.get();
    if here < limit || limit == 0 {
        return check_slow(here);
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn check_slow(here: usize) -> PyResult<()> {
    let mut limit = LIMIT.get();
    if limit == 0 {
        let low = stack_low();
        limit = if low > 1 { low + MIN_HEADROOM } else { 1 };
        LIMIT.set(limit);
    }
    if here < limit {
        return Err(pyo3::exceptions::PyRecursionError::new_err(format!(
            "maximum recursion depth exceeded: less than {} KiB of this thread's stack left for a call into Python",
            MIN_HEADROOM / 1024
        )));
    }
    Ok(())
}
