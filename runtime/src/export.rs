//! What generated export glue calls: the closed-object error, declared exceptions, and fast
//! extraction of `list[float]` / `list[int]` arguments.

use pyo3::conversion::FromPyObject;
use pyo3::prelude::*;
use pyo3::{Borrowed, BoundObject, IntoPyObject, ffi};

/// The error raised by any method of an object after its `close` method ran (out of line: the
/// entries' hot path keeps no frame for it).
#[cold]
#[inline(never)]
pub fn closed_error(class: &str) -> PyErr {
    pyo3::exceptions::PyValueError::new_err(format!("operation on a closed {class} object"))
}

/// A `Vec<T>` argument extracted with a fast path for exact lists of exact floats or ints (a
/// straight loop over the list's items), falling back to pyo3's general extraction for
/// anything else (tuples, subclasses, mixed items), which also produces the error messages.
#[derive(Debug)]
pub struct FastVec<T>(pub Vec<T>);

/// Item types with a fast path.
///
/// # Safety
/// Implementations may run Python code only on a path that returns `None`, and must not touch
/// `item` (or anything reached through it) after that code ran. Python code may change any
/// container: it may clear the list being read, freeing its item array and `item` itself.
/// [`FastVec`]'s loop and the pair impl rely on this ("the only call that can run Python code
/// ends the loop"). The one such call today is `PyUnicode_AsUTF8AndSize` on a str it cannot
/// encode (a lone surrogate): the `UnicodeEncodeError` it builds is a GC allocation, which on
/// CPython 3.11 and older may run the cycle collector and so any `__del__`
/// (`tests/tests/list_fast_path.rs` makes that happen).
pub unsafe trait FastItem: Sized {
    /// The value of an item, or `None` to fall back.
    ///
    /// # Safety
    /// `item` is a live object and the caller is attached.
    unsafe fn fast(item: *mut ffi::PyObject) -> Option<Self>;
}

// SAFETY: the trait's contract holds: runs no Python code (a type check and a field read, or on
// the stable ABI `PyFloat_AsDouble` of an exact float, which allocates nothing).
unsafe impl FastItem for f64 {
    #[inline(always)]
    unsafe fn fast(item: *mut ffi::PyObject) -> Option<f64> {
        // SAFETY: live object, attached (the trait's contract).
        #[cfg(not(feature = "abi3-py311"))]
        let value = unsafe { (ffi::PyFloat_CheckExact(item) != 0).then(|| ffi::PyFloat_AS_DOUBLE(item)) };
        // The stable ABI has no field access: the function call (it cannot fail on an exact float).
        #[cfg(feature = "abi3-py311")]
        // SAFETY: live object, attached (the trait's contract).
        let value = unsafe { (ffi::PyFloat_CheckExact(item) != 0).then(|| ffi::PyFloat_AsDouble(item)) };
        value
    }
}

// SAFETY: the trait's contract holds: runs no Python code (`PyLong_AsLongLongAndOverflow` of an
// exact int reads its digits and allocates nothing, even on overflow).
unsafe impl FastItem for i64 {
    #[inline(always)]
    unsafe fn fast(item: *mut ffi::PyObject) -> Option<i64> {
        // SAFETY: live object, attached (the trait's contract). For an exact int,
        // PyLong_AsLongLongAndOverflow reports a value outside 64 bits through `overflow` and
        // sets no exception; the general path then raises OverflowError.
        unsafe {
            if ffi::PyLong_CheckExact(item) == 0 {
                return None;
            }
            let mut overflow = 0;
            let value = ffi::PyLong_AsLongLongAndOverflow(item, &mut overflow);
            (overflow == 0).then_some(value)
        }
    }
}

impl<'a, 'py, T> FromPyObject<'a, 'py> for FastVec<T>
where
    T: FastItem + for<'b> FromPyObject<'b, 'py>,
{
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let ptr = obj.as_ptr();
        // SAFETY: attached (we hold a Borrowed<'_, 'py>); `ptr` is a live object. For an exact
        // list, `ob_item[..size]` are valid borrowed items for as long as the list does not
        // change, and only Python code can change it (we hold no Rust reference into it: `items`
        // is a raw pointer read once). Python code can run in the loop, but only in a
        // `T::fast` call that then returns `None` (FastItem's contract: a lone surrogate's
        // `UnicodeEncodeError` can run the collector and a `__del__` that clears this list, on
        // CPython <= 3.11), and that ends the loop: after it neither `items`, `n` nor the item is
        // used again, and the fallback below reads the list afresh, as it then is. So every
        // `*items.add(written)` read happens before any Python code ran
        // (tests/tests/list_fast_path.rs pins this). Elements are written into the vector's
        // spare capacity and the length set only to the count written.
        unsafe {
            if ffi::PyList_CheckExact(ptr) != 0 {
                #[cfg(not(feature = "abi3-py311"))]
                let (n, items) = (ffi::PyList_GET_SIZE(ptr) as usize, (*(ptr as *mut ffi::PyListObject)).ob_item);
                // The stable ABI hides the item array: borrowed items, one call each.
                #[cfg(feature = "abi3-py311")]
                let borrowed: Vec<*mut ffi::PyObject> =
                    (0..ffi::PyList_Size(ptr).max(0)).map(|i| ffi::PyList_GetItem(ptr, i)).collect();
                #[cfg(feature = "abi3-py311")]
                let (n, items) = (borrowed.len(), borrowed.as_ptr());
                let mut values: Vec<T> = Vec::with_capacity(n);
                let out = values.as_mut_ptr();
                let mut written = 0;
                while written < n {
                    match T::fast(*items.add(written)) {
                        Some(v) => {
                            out.add(written).write(v);
                            written += 1;
                        }
                        None => break,
                    }
                }
                values.set_len(written);
                if written == n {
                    return Ok(FastVec(values));
                }
            }
        }
        obj.extract::<Vec<T>>().map(FastVec)
    }
}

// SAFETY: the trait's contract holds: the one call that may run Python code is
// `PyUnicode_AsUTF8AndSize` failing (see the trait), and that path returns `None` without
// touching `item` again; on success nothing but a copy into Rust memory follows.
unsafe impl FastItem for String {
    #[inline(always)]
    unsafe fn fast(item: *mut ffi::PyObject) -> Option<String> {
        // SAFETY: live object, attached (the trait's contract). For an exact str the UTF-8 buffer
        // CPython returns is valid UTF-8 of `size` bytes, alive as long as the str, and copied
        // before anything else runs; a str it cannot encode (a lone surrogate) sets an
        // exception, cleared here: the general path then raises the proper
        // `UnicodeEncodeError`. Building that exception may have run Python code which freed
        // `item` (the exception kept it alive until `PyErr_Clear`), so `item` is not read after.
        unsafe {
            if ffi::PyUnicode_CheckExact(item) == 0 {
                return None;
            }
            crate::fast::utf8_of(item).map(String::from)
        }
    }
}

// SAFETY: the trait's contract holds: Python code can run only inside `A::fast` or `B::fast` on a
// path that returns `None` (their contract), and then the `?` returns `None` at once: the tuple
// (which that code may have freed, with the list holding it) is not read after `A::fast`
// failed, nor after `B::fast` ran at all.
unsafe impl<A: FastItem, B: FastItem> FastItem for (A, B) {
    #[inline(always)]
    unsafe fn fast(item: *mut ffi::PyObject) -> Option<(A, B)> {
        // SAFETY: live object, attached (the trait's contract); an exact tuple of two items
        // holds two live borrowed items, both read before any Python code could run (the
        // second item is fetched before `B::fast` runs, after `A::fast` returned `Some`, which
        // ran no Python code).
        unsafe {
            if ffi::PyTuple_CheckExact(item) == 0 {
                return None;
            }
            #[cfg(not(feature = "abi3-py311"))]
            let (size, first, second) =
                (ffi::PyTuple_GET_SIZE(item), |t| ffi::PyTuple_GET_ITEM(t, 0), |t| ffi::PyTuple_GET_ITEM(t, 1));
            #[cfg(feature = "abi3-py311")]
            let (size, first, second) =
                (ffi::PyTuple_Size(item), |t| ffi::PyTuple_GetItem(t, 0), |t| ffi::PyTuple_GetItem(t, 1));
            if size != 2 {
                return None;
            }
            Some((A::fast(first(item))?, B::fast(second(item))?))
        }
    }
}

/// Where a Python callable passed as `impl Fn(..) -> R` parks the exception it raised, while
/// the Rust caller's stack unwinds back to the generated wrapper.
#[derive(Debug, Default)]
pub struct CallbackSlot(std::cell::RefCell<Option<PyErr>>);

/// The unwinding payload of a callback that raised (its exception is in the slot).
struct CallbackRaised;

/// Calls `callable(*args)` and extracts `R`. If Python raises (or the result does not convert),
/// the error is parked in `slot` and the Rust code between here and the wrapper is unwound (no
/// panic message: `resume_unwind` skips the hook); [`catch_callback`] turns it back into the
/// exception for the Python caller.
pub fn call_back<'py, A, R>(callable: &Bound<'py, PyAny>, slot: &CallbackSlot, args: A) -> R
where
    A: IntoPyObject<'py, Target = pyo3::types::PyTuple>,
    R: for<'a> FromPyObject<'a, 'py>,
{
    let py = callable.py();
    let result = args
        .into_pyobject(py)
        .map_err(Into::into)
        .and_then(|args| {
            let args = args.into_bound();
            // SAFETY: attached (`py`); `callable` and the tuple `args` are live for the call; a
            // null kwargs is allowed. The result is a new reference or null with an exception
            // set, taken by `owned_or_fetch` (a `PanicException` from Rust code the callable
            // reached resumes its panic without printing, see `crate::error::fetch`).
            crate::call::owned_or_fetch(py, unsafe {
                ffi::PyObject_Call(callable.as_ptr(), args.as_ptr(), std::ptr::null_mut())
            })
        })
        .and_then(|value| value.extract::<R>().map_err(Into::into));
    match result {
        Ok(value) => value,
        Err(err) => {
            *slot.0.borrow_mut() = Some(err);
            std::panic::resume_unwind(Box::new(CallbackRaised))
        }
    }
}

/// Runs the user's function; a callback's exception comes back as `Err`, any other panic keeps
/// unwinding (pyo3 turns it into `PanicException`).
pub fn catch_callback<T>(slot: &CallbackSlot, f: impl FnOnce() -> T) -> PyResult<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(value) => Ok(value),
        Err(payload) if payload.is::<CallbackRaised>() => Err(slot
            .0
            .borrow_mut()
            .take()
            .unwrap_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("callback failed"))),
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

/// Checks that a parameter is callable, naming it in the `TypeError`.
pub fn expect_callable<'py>(value: Bound<'py, PyAny>, function: &str, param: &str) -> PyResult<Bound<'py, PyAny>> {
    if value.is_callable() {
        Ok(value)
    } else {
        let actual = value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "{function}() argument '{param}' must be callable, not {actual}"
        )))
    }
}

/// The exception of a declared class for a Rust error that has no `Into<PyErr>` (an error type
/// of another crate): `exception(py)` gives the class, the error's `Display` the message.
pub fn raise_declared<E: crate::protocols::DeclaredDisplay + ?Sized>(
    exception: for<'a> fn(Python<'a>) -> PyResult<&'a Bound<'a, pyo3::types::PyType>>,
    err: &E,
) -> PyErr {
    // The instance is made here, not lazily: CPython would otherwise normalise a lazy error
    // when raising it (an `IsSubclass` check and a second construction), measurably slower.
    // Called attached (an exported function's error on its way to Python); the guarded attach
    // is then a plain nested one. Refused, the exception is a `RuntimeError` with the message.
    crate::interpreter::attach_guarded(|py| match exception(py).and_then(|class| class.call1((err.declared_str(),))) {
        Ok(value) => PyErr::from_value(value),
        Err(e) => e,
    })
    .unwrap_or_else(|_| pyo3::exceptions::PyRuntimeError::new_err(err.declared_str()))
}

/// Builds the Python exception of an exported error type (the generated `From<E> for PyErr`)
/// attached through the shutdown guard: usually already attached (the error is on its way to
/// Python), so this nests; on another thread while Python exits, it is refused and the result
/// is a lazy `RuntimeError` saying so, instead of attaching to a finalizing interpreter.
pub fn build_pyerr(f: impl for<'py> FnOnce(Python<'py>) -> PyErr) -> PyErr {
    crate::interpreter::attach_guarded(f)
        .unwrap_or_else(|refused| pyo3::exceptions::PyRuntimeError::new_err(refused.to_string()))
}

/// Every exported module's `PanicException`: pyo3's exception for a Rust panic inside the
/// module's code, added to the module (and its `__all__`, so the package maturin wraps a
/// pure-Rust module in re-exports it) so Python can catch it by name: `except
/// mymod.PanicException`. It derives from `BaseException`, as pyo3 makes it: `except Exception`
/// does not catch a panic. Each extension module links its own pyo3, so each has its own class
/// (pyo3 names them all `pyo3_runtime.PanicException`, a module that does not exist): catch
/// the one of the module whose code panicked.
pub fn register_panic_exception(module: &Bound<'_, pyo3::types::PyModule>) -> PyResult<()> {
    use pyo3::types::PyModuleMethods;
    module.add("PanicException", module.py().get_type::<pyo3::panic::PanicException>())
}
