//! An exception raised in a sub-interpreter, captured as text with raw CPython calls (pyo3's
//! `PyErr` would normalize and display through its own attach, which knows only the main
//! interpreter): the same [`PythonException`] fields the main interpreter's errors carry.

use pyo3::ffi;

use crate::error::PythonException;

/// Causes followed at most (as for the main interpreter's errors).
const MAX_CAUSES: usize = 16;

/// Takes the raised exception out of the thread state (there must be one) as text.
///
/// # Safety
/// Attached to the interpreter that raised it.
pub(super) unsafe fn take_raised() -> PythonException {
    // SAFETY: attached (the caller's contract). PyErr_GetRaisedException moves the exception's
    // reference to us (null only if nothing was raised, which callers rule out).
    unsafe {
        let exception = ffi::PyErr_GetRaisedException();
        if exception.is_null() {
            return PythonException {
                type_name: "SystemError".into(),
                message: "a call failed without raising an exception".into(),
                traceback: None,
                cause: None,
            };
        }
        let captured = describe(exception, 0);
        ffi::Py_DECREF(exception);
        captured
    }
}

/// # Safety
/// Attached; `exception` a valid exception object.
unsafe fn describe(exception: *mut ffi::PyObject, depth: usize) -> PythonException {
    // SAFETY: attached. Every call returns a new reference (or null with an exception, which
    // `text_of` clears), released here; PyException_GetCause/GetTraceback return new
    // references or null without an exception.
    unsafe {
        let ty = ffi::Py_TYPE(exception);
        let qualname = owned_text(ffi::PyType_GetQualName(ty)).unwrap_or_else(|| "<unknown>".into());
        let module = owned_text(ffi::PyObject_GetAttrString(ty.cast(), c"__module__".as_ptr())).unwrap_or_default();
        let type_name = match module.as_str() {
            "" | "builtins" => qualname,
            _ => format!("{module}.{qualname}"),
        };
        let message =
            owned_text(ffi::PyObject_Str(exception)).unwrap_or_else(|| "<exception str() failed>".to_string());
        let traceback = format_traceback(ffi::PyException_GetTraceback(exception));
        let cause = match depth < MAX_CAUSES {
            true => {
                let cause = ffi::PyException_GetCause(exception);
                (!cause.is_null()).then(|| {
                    let described = Box::new(describe(cause, depth + 1));
                    ffi::Py_DECREF(cause);
                    described
                })
            }
            false => None,
        };
        PythonException { type_name, message, traceback, cause }
    }
}

/// `traceback.format_tb(tb)`, joined under the usual header, as pyo3's `PyTraceback::format`.
///
/// # Safety
/// Attached; `tb` a new reference or null (released here).
unsafe fn format_traceback(tb: *mut ffi::PyObject) -> Option<String> {
    if tb.is_null() {
        return None;
    }
    // SAFETY: attached; new references released once read; failures (cleared) give `None`.
    unsafe {
        let module = ffi::PyImport_ImportModule(c"traceback".as_ptr());
        let lines = match module.is_null() {
            true => std::ptr::null_mut(),
            false => {
                let format_tb = ffi::PyObject_GetAttrString(module, c"format_tb".as_ptr());
                ffi::Py_DECREF(module);
                match format_tb.is_null() {
                    true => std::ptr::null_mut(),
                    false => {
                        let lines = ffi::PyObject_CallOneArg(format_tb, tb);
                        ffi::Py_DECREF(format_tb);
                        lines
                    }
                }
            }
        };
        ffi::Py_DECREF(tb);
        if lines.is_null() {
            ffi::PyErr_Clear();
            return None;
        }
        let empty = ffi::PyUnicode_FromStringAndSize(std::ptr::null(), 0);
        let joined = owned_text(ffi::PyUnicode_Join(empty, lines));
        ffi::Py_DECREF(empty);
        ffi::Py_DECREF(lines);
        joined.map(|body| format!("Traceback (most recent call last):\n{body}"))
    }
}

/// A new reference to a str (or null with an exception) as a `String`, released here.
///
/// # Safety
/// Attached.
unsafe fn owned_text(object: *mut ffi::PyObject) -> Option<String> {
    // SAFETY: attached; the UTF-8 pointer lives as long as `object`, which is released only
    // after the copy; failures are cleared.
    unsafe {
        if object.is_null() {
            ffi::PyErr_Clear();
            return None;
        }
        let mut len = 0;
        let data = match ffi::PyUnicode_Check(object) {
            0 => std::ptr::null(),
            _ => ffi::PyUnicode_AsUTF8AndSize(object, &mut len),
        };
        let text = match data.is_null() {
            true => {
                ffi::PyErr_Clear();
                None
            }
            false => {
                Some(String::from_utf8_lossy(std::slice::from_raw_parts(data.cast::<u8>(), len as usize)).into_owned())
            }
        };
        ffi::Py_DECREF(object);
        text
    }
}
