//! What generated export glue calls: the closed-object error, hashing for `__hash__`, and fast
//! extraction of `list[float]` / `list[int]` arguments.

use std::hash::{Hash, Hasher};

use pyo3::conversion::FromPyObject;
use pyo3::prelude::*;
use pyo3::{Borrowed, ffi};

/// The error raised by any method of an object after its `close` method ran.
pub fn closed_error(class: &str) -> PyErr {
    pyo3::exceptions::PyValueError::new_err(format!("operation on a closed {class} object"))
}

/// `__hash__` from `Hash`.
pub fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A `Vec<T>` argument extracted with a fast path for exact lists of exact floats or ints (a
/// straight loop over the list's items), falling back to pyo3's general extraction for
/// anything else (tuples, subclasses, mixed items), which also produces the error messages.
#[derive(Debug)]
pub struct FastVec<T>(pub Vec<T>);

/// Item types with a fast path.
pub trait FastItem: Sized {
    /// The value of an item, or `None` to fall back.
    ///
    /// # Safety
    /// `item` is a live object and the caller is attached.
    unsafe fn fast(item: *mut ffi::PyObject) -> Option<Self>;
}

impl FastItem for f64 {
    #[inline(always)]
    unsafe fn fast(item: *mut ffi::PyObject) -> Option<f64> {
        // SAFETY: live object, attached (the trait's contract).
        unsafe { (ffi::PyFloat_CheckExact(item) != 0).then(|| ffi::PyFloat_AS_DOUBLE(item)) }
    }
}

impl FastItem for i64 {
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
        // list, `ob_item[..size]` are valid borrowed items, and no Python code runs in the loop
        // (FastItem::fast calls none), so the list cannot change under us. Elements are written
        // into the vector's spare capacity and the length set only to the count written.
        unsafe {
            if ffi::PyList_CheckExact(ptr) != 0 {
                let n = ffi::PyList_GET_SIZE(ptr) as usize;
                let items = (*(ptr as *mut ffi::PyListObject)).ob_item;
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
