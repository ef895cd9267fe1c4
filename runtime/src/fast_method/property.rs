//! Direct getset descriptors of exported properties: [`FastProperty`], installed by
//! [`add_fast_property`] in place of pyo3's (kept for the setter's slow path).

use std::ffi::{CString, c_int, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyType;
use pyo3::{PyClass, PyTypeInfo};

use super::{not_installed, remember};
use crate::fast::panic_error;

/// The getter entry point of a property.
pub type Getter = unsafe extern "C" fn(*mut ffi::PyObject, *mut c_void) -> *mut ffi::PyObject;
/// The setter entry point of a property.
pub type Setter = unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject, *mut c_void) -> c_int;

/// One exported property's direct getter (and setter) and, once the class is set up, its
/// getset definition and pyo3's descriptor for the slow path.
pub struct FastProperty {
    get: Getter,
    set: Option<Setter>,
    installed: OnceLock<InstalledProperty>,
}

struct InstalledProperty {
    def: ffi::PyGetSetDef,
    original: Py<PyAny>,
    _name: CString,
    _doc: Option<CString>,
}

impl std::fmt::Debug for FastProperty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FastProperty").field("writable", &self.set.is_some()).finish_non_exhaustive()
    }
}

impl FastProperty {
    /// A fast property not installed yet.
    pub const fn new(get: Getter, set: Option<Setter>) -> Self {
        FastProperty { get, set, installed: OnceLock::new() }
    }

    /// The body of a setter entry point: `body` converts the value and calls pyo3's setter,
    /// or declines (`None`: another type, or deletion) and pyo3's descriptor takes the value.
    /// Type-erased, as [`FastMethod::run_call`].
    ///
    /// # Safety
    /// Attached; `slf` live, `value` live or null, both lent for the call.
    #[inline]
    pub unsafe fn run_set(
        &self,
        slf: *mut ffi::PyObject,
        value: *mut ffi::PyObject,
        body: &mut dyn FnMut(Python<'_>) -> Option<PyResult<()>>,
    ) -> c_int {
        // SAFETY: attached (the caller's contract); the token does not escape this call.
        let py = unsafe { Python::assume_attached() };
        let outcome = match catch_unwind(AssertUnwindSafe(|| body(py))) {
            Ok(Some(result)) => result,
            // SAFETY: live objects lent for the call (the caller's contract).
            Ok(None) => unsafe { self.slow_set(py, slf, value) },
            Err(payload) => Err(panic_error(payload)),
        };
        match outcome {
            Ok(()) => 0,
            Err(err) => {
                err.restore(py);
                -1
            }
        }
    }

    /// pyo3's descriptor's `__set__` (or `__delete__` for a null value).
    ///
    /// # Safety
    /// Attached; `slf` live, `value` live or null.
    #[cold]
    #[inline(never)]
    unsafe fn slow_set(&self, py: Python<'_>, slf: *mut ffi::PyObject, value: *mut ffi::PyObject) -> PyResult<()> {
        let installed = self.installed.get().ok_or_else(not_installed)?;
        let original = installed.original.bind(py);
        // SAFETY: live objects (the caller's contract); each `Bound` takes its own reference.
        let slf = unsafe { Bound::from_borrowed_ptr(py, slf) };
        if value.is_null() {
            original.call_method1("__delete__", (slf,))?;
        } else {
            // SAFETY: as above.
            let value = unsafe { Bound::from_borrowed_ptr(py, value) };
            original.call_method1("__set__", (slf, value))?;
        }
        Ok(())
    }
}

/// Replaces property `name` of `W`'s class (pyo3's getset descriptor) by one of `fast`'s entry
/// points, with pyo3's docstring; pyo3's is kept for the setter's slow path.
pub fn add_fast_property<W: PyClass + PyTypeInfo>(
    py: Python<'_>,
    name: &str,
    fast: &'static FastProperty,
) -> PyResult<()> {
    let class = W::type_object(py);
    let original = class.getattr(name)?;
    let installed = match fast.installed.get() {
        Some(installed) => installed,
        None => {
            let doc: Option<String> = original.getattr("__doc__")?.extract()?;
            let doc = doc
                .map(CString::new)
                .transpose()
                .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
            let c_name = CString::new(name).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
            let def = ffi::PyGetSetDef {
                name: c_name.as_ptr(),
                get: Some(fast.get),
                set: fast.set,
                doc: doc.as_ref().map_or(std::ptr::null(), |d| d.as_ptr()),
                closure: std::ptr::null_mut(),
            };
            let original = original.clone().unbind();
            let installed =
                fast.installed.get_or_init(|| InstalledProperty { def, original, _name: c_name, _doc: doc });
            remember(std::ptr::from_ref(&installed.def).addr());
            installed
        }
    };
    install_getset(&class, name, installed)
}

fn install_getset(class: &Bound<'_, PyType>, name: &str, installed: &'static InstalledProperty) -> PyResult<()> {
    let py = class.py();
    // SAFETY: attached (`py`); `installed.def` lives in a `static`'s `OnceLock` for the rest of
    // the process, as a getset definition must; `class` is a live type object. The result is a
    // new reference or null with an exception set, which `from_owned_ptr_or_err` takes.
    let descriptor = unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyDescr_NewGetSet(
                class.as_type_ptr(),
                &installed.def as *const ffi::PyGetSetDef as *mut ffi::PyGetSetDef,
            ),
        )?
    };
    class.setattr(name, descriptor)
}

// SAFETY: the definition's pointers point into the `CString`s stored beside it, never written
// after setup; the `Py` is `Send + Sync` itself. Nothing is reached through `&self` but reads.
unsafe impl Send for InstalledProperty {}
// SAFETY: as above.
unsafe impl Sync for InstalledProperty {}
