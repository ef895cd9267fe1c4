//! Vectorcall for stable-ABI (abi3) builds, where Python 3.11's limited API has no
//! `PyObject_Vectorcall`: the same argument layout, called through `PyObject_Call` with a
//! tuple and a dict (slower, same behaviour).

use pyo3::ffi;

/// # Safety
/// Attached; `args[..nargs + len(kwnames)]` are live objects; `kwnames` is null or a tuple
/// of str naming the last arguments.
pub(super) unsafe fn vectorcall(
    callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: usize,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: the function's contract; every new reference is released on every path, and
    // PyTuple_SetItem steals the reference taken just before it.
    unsafe {
        let positional = ffi::PyTuple_New(nargs as ffi::Py_ssize_t);
        if positional.is_null() {
            return std::ptr::null_mut();
        }
        for i in 0..nargs {
            let item = *args.add(i);
            ffi::Py_IncRef(item);
            ffi::PyTuple_SetItem(positional, i as ffi::Py_ssize_t, item);
        }
        let mut keywords = std::ptr::null_mut();
        if !kwnames.is_null() {
            keywords = ffi::PyDict_New();
            if keywords.is_null() {
                ffi::Py_DecRef(positional);
                return std::ptr::null_mut();
            }
            for k in 0..ffi::PyTuple_Size(kwnames) {
                let name = ffi::PyTuple_GetItem(kwnames, k);
                if ffi::PyDict_SetItem(keywords, name, *args.add(nargs + k as usize)) != 0 {
                    ffi::Py_DecRef(keywords);
                    ffi::Py_DecRef(positional);
                    return std::ptr::null_mut();
                }
            }
        }
        let result = ffi::PyObject_Call(callable, positional, keywords);
        ffi::Py_DecRef(positional);
        if !keywords.is_null() {
            ffi::Py_DecRef(keywords);
        }
        result
    }
}

/// # Safety
/// As [`vectorcall`], with the receiver in `args[0]` counted in `nargs`, and `name` a str.
pub(super) unsafe fn vectorcall_method(
    name: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: usize,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: the function's contract; the bound method is released after the call.
    unsafe {
        let method = ffi::PyObject_GetAttr(*args, name);
        if method.is_null() {
            return std::ptr::null_mut();
        }
        let result = vectorcall(method, args.add(1), nargs - 1, kwnames);
        ffi::Py_DecRef(method);
        result
    }
}
