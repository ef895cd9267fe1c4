//! The publishing side: a class's `ClassApi`, whose functions lend and adopt values of the
//! class's own wrapper (so its borrow checker, views and `Drop` are the ones in force).

use std::ffi::{c_int, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use pyo3::{PyClass, ffi};

use super::{API_NAME, ClassApi, Fingerprint, LendFn, RawStr};

/// A generated class wrapper, as the capsule functions reach it: implemented by export glue.
pub trait Published: PyClass + Sized {
    /// The user's Rust type the wrapper holds.
    type Value;
    /// Runs `f` with the value under the wrapper's own rules (a view re-borrows its parent; a
    /// closed object refuses).
    fn lend_value<R>(&self, py: Python<'_>, f: impl FnOnce(&Self::Value) -> PyResult<R>) -> PyResult<R>;
    /// A new object owning `value`.
    fn adopt_value(py: Python<'_>, value: Self::Value) -> PyResult<Py<PyAny>>;
}

/// The capsule of `W`'s table (the `_pybridge_api` class attribute generated code adds).
pub fn publish_class<W: Published>(py: Python<'_>) -> PyResult<Bound<'_, PyCapsule>> {
    let Fingerprint { build, type_name, size, align } = Fingerprint::of::<W::Value>();
    let api = ClassApi {
        build: RawStr::new(build),
        type_name: RawStr::new(type_name),
        size,
        align,
        lend: lend::<W>,
        adopt: adopt::<W>,
    };
    PyCapsule::new_with_value(py, api, API_NAME)
}

/// `ClassApi::lend` for `W`.
///
/// # Safety
/// Called attached, with `obj` a live object the caller holds a reference to, and `f`/`ctx` a
/// pair the caller made for each other (see `ForeignRef::__pb_with`).
unsafe extern "C" fn lend<W: Published>(obj: *mut ffi::PyObject, f: LendFn, ctx: *mut c_void) -> c_int {
    // SAFETY: the caller is attached (contract); the token does not outlive this call.
    let py = unsafe { Python::assume_attached() };
    let run = AssertUnwindSafe(|| -> PyResult<()> {
        // SAFETY: `obj` is a live object the caller holds a reference to (contract); the new
        // `Bound` takes its own reference, released when it drops here.
        let obj = unsafe { Bound::from_borrowed_ptr(py, obj) };
        // The type check that makes the cast sound is ours, not the caller's `isinstance`.
        let cell = obj.cast::<W>()?;
        let guard = cell.try_borrow()?;
        guard.lend_value(py, |value| {
            // SAFETY: `value` is a `&W::Value` valid until `lend_value` returns, under the shared
            // borrow `lend_value` holds (no `&mut` to it can exist meanwhile: the wrapper's
            // `BorrowCell`),
            // and `f` only reads it through a `&` that cannot escape its callback (the
            // borrower's closure is higher-ranked over that lifetime). `f` and `ctx` belong
            // together (contract) and `f` catches its own panics.
            unsafe { f(std::ptr::from_ref(value).cast(), ctx) };
            Ok(())
        })
    });
    match catch_unwind(run) {
        Ok(Ok(())) => 0,
        Ok(Err(err)) => {
            err.restore(py);
            -1
        }
        Err(_) => {
            PyRuntimeError::new_err("a pybridge class lent across modules panicked").restore(py);
            -1
        }
    }
}

/// `ClassApi::adopt` for `W`.
///
/// # Safety
/// Called attached, with `value` pointing at an initialized, aligned `W::Value` (the borrower
/// checked the fingerprint) that the caller gives up: it never reads or drops it again.
unsafe extern "C" fn adopt<W: Published>(value: *mut c_void) -> *mut ffi::PyObject {
    // SAFETY: the caller is attached (contract).
    let py = unsafe { Python::assume_attached() };
    // SAFETY: `value` points at an initialized, aligned `W::Value` the caller gave up (contract),
    // so this read moves it: from here on this module owns it and drops it exactly once (in the
    // new object, or below if making the object fails). The caller's copy is inert bytes.
    let value = unsafe { std::ptr::read(value.cast::<W::Value>()) };
    let made = catch_unwind(AssertUnwindSafe(move || W::adopt_value(py, value).map(Py::into_ptr)));
    match made {
        Ok(Ok(ptr)) => ptr,
        Ok(Err(err)) => {
            err.restore(py);
            std::ptr::null_mut()
        }
        Err(_) => {
            PyRuntimeError::new_err("a pybridge class adopted across modules panicked").restore(py);
            std::ptr::null_mut()
        }
    }
}
