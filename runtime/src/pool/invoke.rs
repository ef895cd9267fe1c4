//! A pooled call attached to its sub-interpreter: the callable looked up in the interpreter's
//! table (imported on first use; a refusal cached), the arguments made, the call, the result
//! read, an exception captured as text.

use pyo3::ffi;

use super::capture;
use super::sub::{Interp, Slot};
use super::values::{PoolArg, PoolValue};
use super::{PoolFn, Pooled};
use crate::error::{Error, PythonException};

/// Looks up, calls and converts, attached to `interp`.
///
/// # Safety
/// Attached to `interp`.
pub(super) unsafe fn invoke<R: PoolValue>(interp: &Interp, f: &PoolFn, args: &[&dyn PoolArg]) -> Pooled<R> {
    // SAFETY: attached to `interp` (the caller's contract): the callable is this interpreter's
    // (its cache holds a reference until the pool ends); each argument is a new reference made
    // here and released after the call; vectorcall borrows them, and the slot before the first
    // one is ours to lend (PY_VECTORCALL_ARGUMENTS_OFFSET).
    unsafe {
        let callable = match lookup(interp, f) {
            Ok(callable) => callable,
            Err(outcome) => return outcome,
        };
        // Up to 8 arguments on the stack, more in a `Vec`.
        let mut small = [std::ptr::null_mut(); 9];
        let mut large = Vec::new();
        let argv: &mut [*mut ffi::PyObject] = match args.len() < small.len() {
            true => &mut small[..=args.len()],
            false => {
                large.resize(args.len() + 1, std::ptr::null_mut());
                &mut large
            }
        };
        for (i, arg) in args.iter().enumerate() {
            let object = arg.to_python();
            if object.is_null() {
                release(&argv[1..=i]);
                return Pooled::Ran(Err(Error::python_text(capture::take_raised())));
            }
            argv[i + 1] = object;
        }
        let nargs = args.len() | ffi::PY_VECTORCALL_ARGUMENTS_OFFSET;
        let result = ffi::PyObject_Vectorcall(callable, argv.as_ptr().add(1), nargs, std::ptr::null_mut());
        release(&argv[1..]);
        if result.is_null() {
            let raised = capture::take_raised();
            return match refuses(&raised) {
                true => Pooled::Refused(refusal(f, &raised)),
                false => Pooled::Ran(Err(Error::python_text(raised))),
            };
        }
        let value = R::from_python(result).map_err(|detail| {
            Error::conversion(f.qualified, "return value", &R::expected(), type_name(result), detail)
        });
        ffi::Py_DECREF(result);
        Pooled::Ran(value)
    }
}

/// # Safety
/// Attached; each pointer a reference this code owns.
unsafe fn release(objects: &[*mut ffi::PyObject]) {
    for &object in objects {
        // SAFETY: the caller's contract.
        unsafe { ffi::Py_DECREF(object) };
    }
}

/// `f`'s callable in `interp`: cached, or imported now and cached.
///
/// # Safety
/// Attached to `interp`.
unsafe fn lookup<R>(interp: &Interp, f: &PoolFn) -> std::result::Result<*mut ffi::PyObject, Pooled<R>> {
    let slot = f.slot();
    // SAFETY: attached to `interp`, whose GIL guards its cache; the shared borrow ends before
    // any call into Python.
    match unsafe { (&*interp.cache.get()).get(slot) } {
        Some(Slot::Found(callable)) => return Ok(*callable),
        Some(Slot::Refused(error)) => return Err(Pooled::Refused(error.clone())),
        _ => {}
    }
    // SAFETY: attached; importing and reading attributes may run Python code (and release the
    // GIL), with no borrow of the cache held.
    let found = unsafe { import_attr(f) };
    // SAFETY: attached again, with no other borrow of the cache alive: the exclusive borrow
    // lives for this block only.
    let cache = unsafe { &mut *interp.cache.get() };
    if cache.len() <= slot {
        cache.resize_with(slot + 1, || Slot::Empty);
    }
    match found {
        Ok(callable) => {
            if let Slot::Found(earlier) = cache[slot] {
                // Another thread of this interpreter cached it while this one imported.
                // SAFETY: ours is a new reference, not stored.
                unsafe { ffi::Py_DECREF(callable) };
                return Ok(earlier);
            }
            cache[slot] = Slot::Found(callable);
            Ok(callable)
        }
        Err(raised) if refuses(&raised) => {
            let error = refusal(f, &raised);
            cache[slot] = Slot::Refused(error.clone());
            Err(Pooled::Refused(error))
        }
        Err(raised) => Err(Pooled::Ran(Err(Error::python_text(raised)))),
    }
}

/// `import module; module.attr` (dotted attributes followed), as a new reference.
///
/// # Safety
/// Attached.
unsafe fn import_attr(f: &PoolFn) -> std::result::Result<*mut ffi::PyObject, PythonException> {
    let text = |s: &str| {
        std::ffi::CString::new(s).map_err(|_| PythonException {
            type_name: "ValueError".into(),
            message: format!("`{s}` contains a NUL byte"),
            traceback: None,
            cause: None,
        })
    };
    // SAFETY: attached; each step returns a new reference or null with an exception (taken as
    // text); the previous object is released once the next is read.
    unsafe {
        let mut object = ffi::PyImport_ImportModule(text(f.module)?.as_ptr());
        for part in f.attr.split('.') {
            if object.is_null() {
                break;
            }
            let next = ffi::PyObject_GetAttrString(object, text(part)?.as_ptr());
            ffi::Py_DECREF(object);
            object = next;
        }
        match object.is_null() {
            true => Err(capture::take_raised()),
            false => Ok(object),
        }
    }
}

/// Whether an exception is a module refusing sub-interpreters: CPython's refusal of a
/// single-phase extension module, or pyo3's of its modules.
fn refuses(raised: &PythonException) -> bool {
    raised.type_name == "ImportError"
        && (raised.message.contains(REFUSED_SINGLE_PHASE) || raised.message.contains(REFUSED_PYO3))
}

/// The refusal as an error naming the function and the module CPython refused (the line of
/// the message that says so: numpy wraps it in a long advice text).
fn refusal(f: &PoolFn, raised: &PythonException) -> Error {
    let says = |line: &str| line.contains(REFUSED_SINGLE_PHASE) || line.contains(REFUSED_PYO3);
    let reason = raised.message.lines().find(|line| says(line)).unwrap_or(&raised.message).trim();
    Error::interpreter(format!(
        "`{}` cannot run in a sub-interpreter: {}: {reason} (a pool built with `fallback_to_main(true)` runs such \
         calls on the main interpreter)",
        f.qualified, raised.type_name
    ))
}

/// CPython's words for an extension module that cannot load in this interpreter, and pyo3's.
const REFUSED_SINGLE_PHASE: &str = "does not support loading in subinterpreters";
const REFUSED_PYO3: &str = "do not yet support subinterpreters";

/// The name of an object's type, for conversion errors.
///
/// # Safety
/// Attached; `object` valid.
unsafe fn type_name(object: *mut ffi::PyObject) -> String {
    // SAFETY: attached; PyType_GetName returns a new reference (or null, cleared).
    unsafe {
        let name = ffi::PyType_GetName(ffi::Py_TYPE(object));
        let mut len = 0;
        let data = if name.is_null() { std::ptr::null() } else { ffi::PyUnicode_AsUTF8AndSize(name, &mut len) };
        let text = match data.is_null() {
            true => "<unknown>".to_string(),
            false => String::from_utf8_lossy(std::slice::from_raw_parts(data.cast::<u8>(), len as usize)).into_owned(),
        };
        ffi::Py_XDECREF(name);
        ffi::PyErr_Clear();
        text
    }
}
