//! The one error type of pybridge: a Python exception (type, message, traceback, cause chain),
//! a conversion failure (function, parameter, expected and actual type), or an interpreter
//! problem. Everything is captured as text while attached, so the error is
//! `Send + Sync + 'static` and `Display` never touches the interpreter.

use std::fmt;

use pyo3::types::{PyAnyMethods, PyStringMethods, PyTracebackMethods, PyTypeMethods};
use pyo3::{PyErr, Python};

/// `Result` with pybridge's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A Python exception, captured as text.
///
/// ```no_run
/// # fn main() -> pybridge::Result<()> {
/// let err = pybridge::attach(|py| -> pybridge::Result<()> {
///     py.run(c"raise KeyError('k')", None, None)?;
///     Ok(())
/// }).unwrap_err();
/// assert_eq!(err.python().unwrap().type_name, "KeyError");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PythonException {
    /// The exception type's qualified name: `KeyError`, or `module.Class` outside builtins.
    pub type_name: String,
    /// `str(exception)`, or a placeholder when `__str__` itself raised.
    pub message: String,
    /// The formatted traceback (`Traceback (most recent call last): ...`), when there is one.
    pub traceback: Option<String>,
    /// The exception's `__cause__` (`raise ... from cause`), captured the same way.
    pub cause: Option<Box<PythonException>>,
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Python raised an exception.
    Python(PythonException),
    /// A value could not be converted between Rust and Python.
    Conversion {
        /// The Python function (`module.function`).
        function: String,
        /// `parameter \`x\`` or `return value`.
        what: String,
        /// The expected type, in Python syntax.
        expected: String,
        /// The actual Python type.
        actual: String,
        /// pyo3's detail (for example "out of range integral type conversion attempted").
        detail: String,
    },
    /// The interpreter could not start (a broken `PYTHONHOME`, a missing standard library),
    /// or was configured after it had started.
    Interpreter(String),
}

/// pybridge's error: `Send + Sync + 'static`, displayable without the interpreter.
///
/// A Python exception also keeps the exception object itself, so that raising the error back
/// into Python (`PyErr::from(error)`, or returning it from an exported function) re-raises the
/// very same exception, traceback and all.
#[derive(Clone, Debug)]
pub struct Error {
    kind: Box<ErrorKind>,
    original: Option<std::sync::Arc<pyo3::Py<pyo3::exceptions::PyBaseException>>>,
}

impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

impl Eq for Error {}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The Python exception, if this error is one.
    pub fn python(&self) -> Option<&PythonException> {
        match &*self.kind {
            ErrorKind::Python(e) => Some(e),
            ErrorKind::Conversion { .. } | ErrorKind::Interpreter(_) => None,
        }
    }

    /// Whether this is a Python exception whose type is named `type_name` (`"KeyError"`).
    pub fn is_python(&self, type_name: &str) -> bool {
        self.python().is_some_and(|e| e.type_name == type_name || e.type_name.rsplit('.').next() == Some(type_name))
    }

    /// Captures a pyo3 error while attached.
    pub fn from_pyerr(py: Python<'_>, err: PyErr) -> Self {
        let kind = Box::new(ErrorKind::Python(capture(py, &err, 0)));
        Error { kind, original: Some(std::sync::Arc::new(err.into_value(py))) }
    }

    /// The error as a Python exception: the original exception object when there is one,
    /// else a `RuntimeError` (conversion, interpreter) with this error's message.
    pub fn to_pyerr(&self) -> PyErr {
        match &self.original {
            Some(original) => Python::attach(|py| PyErr::from_value(original.bind(py).clone().into_any())),
            None => pyo3::exceptions::PyRuntimeError::new_err(self.to_string()),
        }
    }

    pub(crate) fn interpreter(message: impl Into<String>) -> Self {
        Error { kind: Box::new(ErrorKind::Interpreter(message.into())), original: None }
    }

    pub(crate) fn conversion(function: &str, what: &str, expected: &str, actual: String, detail: String) -> Self {
        Error {
            original: None,
            kind: Box::new(ErrorKind::Conversion {
                function: function.to_string(),
                what: what.to_string(),
                expected: expected.to_string(),
                actual,
                detail,
            }),
        }
    }
}

/// Causes are followed this deep; a longer (or cyclic) chain is cut.
const MAX_CAUSES: usize = 16;

fn capture(py: Python<'_>, err: &PyErr, depth: usize) -> PythonException {
    let ty = err.get_type(py);
    let qualname = ty.qualname().map(|s| s.to_string()).unwrap_or_else(|_| "<unknown>".into());
    let module = ty.module().map(|s| s.to_string()).unwrap_or_default();
    let type_name = if module.is_empty() || module == "builtins" { qualname } else { format!("{module}.{qualname}") };
    let message = match err.value(py).str() {
        Ok(s) => s.to_string_lossy().into_owned(),
        Err(_) => "<exception str() failed>".to_string(),
    };
    let traceback = err.traceback(py).and_then(|tb| tb.format().ok());
    let cause = if depth < MAX_CAUSES { err.cause(py).map(|c| Box::new(capture(py, &c, depth + 1))) } else { None };
    PythonException { type_name, message, traceback, cause }
}

impl From<PyErr> for Error {
    /// Captures the exception; attaching here is a no-op when already attached, which is
    /// always the case where a `PyErr` exists.
    fn from(err: PyErr) -> Self {
        Python::attach(|py| Error::from_pyerr(py, err))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.kind {
            ErrorKind::Python(e) => write!(f, "{}: {}", e.type_name, e.message),
            ErrorKind::Conversion { function, what, expected, actual, detail } => {
                write!(f, "{function}: {what} should be {expected}, got {actual}")?;
                if !detail.is_empty() {
                    write!(f, " ({detail})")?;
                }
                Ok(())
            }
            ErrorKind::Interpreter(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

impl From<Error> for PyErr {
    /// Re-raises the original Python exception (see [`Error::to_pyerr`]).
    fn from(err: Error) -> Self {
        err.to_pyerr()
    }
}

impl fmt::Display for PythonException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.type_name, self.message)
    }
}
