//! Starting the interpreter and attaching to it.
//!
//! [`attach`] starts CPython on first use (it is never finalized: other threads may still hold
//! handles), prepares pyo3's `PanicException` type once per interpreter, and runs the closure
//! attached. Calls nest freely: attaching while attached costs a counter increment.

use pyo3::panic::PanicException;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyAnyMethods, PyListMethods};
use pyo3::{PyTypeInfo, Python};

use crate::error::{Error, Result};

/// Runs `f` attached to the Python interpreter, starting it first if needed.
///
/// ```no_run
/// use pybridge::__private::pyo3::types::PyAnyMethods;
/// let platform: String = pybridge::attach(|py| py.import("sys")?.getattr("platform")?.extract())?;
/// assert!(!platform.is_empty());
/// # Ok::<(), pybridge::PyErr>(())
/// ```
pub fn attach<F, R>(f: F) -> R
where
    F: for<'py> FnOnce(Python<'py>) -> R,
{
    // A no-op when Python already runs (an extension module, or a second call).
    Python::initialize();
    Python::attach(|py| {
        prepare(py);
        f(py)
    })
}

/// Per-interpreter preparation, once. Creating `PanicException`'s type eagerly matters: created
/// lazily while a RecursionError is being raised, its creation itself fails and pyo3 loops.
fn prepare(py: Python<'_>) {
    static READY: PyOnceLock<()> = PyOnceLock::new();
    READY.get_or_init(py, || {
        let _ = PanicException::type_object(py);
    });
}

/// Puts `dir` first on `sys.path` (once), so modules there can be imported by stubs.
///
/// ```no_run
/// pybridge::add_sys_path("python")?;
/// # Ok::<(), pybridge::Error>(())
/// ```
pub fn add_sys_path(dir: impl AsRef<std::path::Path>) -> Result<()> {
    let dir = dir.as_ref().to_string_lossy().into_owned();
    attach(|py| -> pyo3::PyResult<()> {
        let path = py.import("sys")?.getattr("path")?.cast_into::<pyo3::types::PyList>()?;
        if !path.contains(&dir)? {
            path.insert(0, &dir)?;
        }
        Ok(())
    })
    .map_err(Error::from)
}
