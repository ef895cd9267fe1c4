//! The one error type of pybridge: a Python exception (type, message, traceback, cause chain),
//! a conversion failure (function, parameter, expected and actual type), or an interpreter
//! problem. Everything is captured as text while attached, so the error is
//! `Send + Sync + 'static` and `Display` never touches the interpreter.

use std::fmt;

use pyo3::panic::PanicException;
use pyo3::types::{PyAnyMethods, PyStringMethods, PyTracebackMethods, PyTypeMethods};
use pyo3::{Bound, PyAny, PyErr, PyTypeInfo, Python, ffi};

/// `Result` with pybridge's [`Error`].
///
/// ```
/// fn root(x: f64) -> pybridge::Result<f64> {
///     use pybridge::ObjectExt;
///     pybridge::import("math")?.attr("sqrt")?.call_with((x,))?.to()
/// }
/// assert_eq!(root(9.0)?, 3.0);
/// assert!(root(-1.0).unwrap_err().is_python("ValueError"));
/// # Ok::<(), pybridge::Error>(())
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A Python exception, captured as text.
///
/// ```
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
///
/// ```
/// use pybridge::{ErrorKind, ObjectExt};
/// let err = pybridge::import("no_such_module_here").unwrap_err();
/// match err.kind() {
///     ErrorKind::Python(e) => assert_eq!(e.type_name, "ModuleNotFoundError"),
///     other => panic!("{other:?}"),
/// }
/// let err = pybridge::to_object("text")?.to::<i64>().unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::Conversion { .. }), "{err}");
/// # Ok::<(), pybridge::Error>(())
/// ```
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
    /// A generated module's `verify()` found the live Python module different from its spec:
    /// the module, and one line per difference.
    Drift {
        /// The Python module.
        module: String,
        /// What differs (`function \`f\`: no parameter \`x\``).
        differences: Vec<String>,
    },
}

/// pybridge's error: `Send + Sync + 'static`, displayable without the interpreter.
///
/// A Python exception also keeps the exception object itself, so that raising the error back
/// into Python (`PyErr::from(error)`, or returning it from an exported function) re-raises the
/// very same exception, traceback and all.
///
/// ```
/// use pybridge::ObjectExt;
/// let err = pybridge::import("json")?.call_method_with("loads", ("{",)).unwrap_err();
/// assert!(err.is_python("JSONDecodeError"));
/// assert!(err.to_string().starts_with("json.decoder.JSONDecodeError: Expecting"), "{err}");
/// // `Send + Sync + 'static`: it crosses threads, and `Display` needs no interpreter.
/// std::thread::spawn(move || println!("{err}")).join().unwrap();
/// # Ok::<(), pybridge::Error>(())
/// ```
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
    ///
    /// ```
    /// let err = pybridge::import("no_such_module_here").unwrap_err();
    /// assert!(matches!(err.kind(), pybridge::ErrorKind::Python(_)));
    /// ```
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The Python exception, if this error is one.
    ///
    /// ```
    /// let err = pybridge::import("no_such_module_here").unwrap_err();
    /// let exception = err.python().unwrap();
    /// assert_eq!(exception.message, "No module named 'no_such_module_here'");
    /// ```
    pub fn python(&self) -> Option<&PythonException> {
        match &*self.kind {
            ErrorKind::Python(e) => Some(e),
            ErrorKind::Conversion { .. } | ErrorKind::Interpreter(_) | ErrorKind::Drift { .. } => None,
        }
    }

    /// Whether this is a Python exception whose type is named `type_name` (`"KeyError"`).
    ///
    /// ```
    /// let err = pybridge::import("no_such_module_here").unwrap_err();
    /// assert!(err.is_python("ModuleNotFoundError"));
    /// assert!(!err.is_python("ImportError")); // the name only; `is_instance_of` follows bases
    /// ```
    pub fn is_python(&self, type_name: &str) -> bool {
        self.python().is_some_and(|e| e.type_name == type_name || e.type_name.rsplit('.').next() == Some(type_name))
    }

    /// Whether the Python exception is an instance of `module.class`, subclasses included (a
    /// `KeyError` subclass is a `KeyError`; [`Error::is_python`] compares the type's name only).
    /// `false` for errors that are not Python exceptions, or when the class cannot be imported.
    ///
    /// ```
    /// let err = pybridge::import("no_such_module_here").unwrap_err();
    /// assert!(err.is_instance_of("builtins", "ImportError")); // ModuleNotFoundError's base
    /// assert!(!err.is_instance_of("builtins", "LookupError"));
    /// ```
    pub fn is_instance_of(&self, module: &str, class: &str) -> bool {
        let Some(original) = &self.original else { return false };
        crate::try_attach(|py| {
            let class = py.import(module).and_then(|m| m.getattr(class));
            class.and_then(|c| original.bind(py).is_instance(&c)).unwrap_or(false)
        })
        .unwrap_or(false)
    }

    /// Captures a pyo3 error while attached.
    ///
    /// ```
    /// use pybridge::pyo3::types::PyAnyMethods;
    /// let err = pybridge::attach(|py| {
    ///     let raised = py.import("math")?.getattr("no_such_function").unwrap_err();
    ///     Ok::<_, pybridge::PyErr>(pybridge::Error::from_pyerr(py, raised))
    /// })?;
    /// assert!(err.is_python("AttributeError"));
    /// # Ok::<(), pybridge::PyErr>(())
    /// ```
    pub fn from_pyerr(py: Python<'_>, err: PyErr) -> Self {
        let kind = Box::new(ErrorKind::Python(capture(py, &err, 0)));
        Error { kind, original: Some(std::sync::Arc::new(err.into_value(py))) }
    }

    /// The error as a Python exception: the original exception object when there is one,
    /// else a `RuntimeError` (conversion, interpreter) with this error's message. Also a
    /// `RuntimeError` when the original cannot be reached because the interpreter is shutting
    /// down (on a thread that is not attached; the error is not made into a Python object then).
    ///
    /// ```
    /// let err = pybridge::import("no_such_module_here").unwrap_err();
    /// let same = pybridge::attach(|py| err.to_pyerr().get_type(py).name().map(|n| n.to_string()))?;
    /// assert_eq!(same, "ModuleNotFoundError");
    /// # use pybridge::pyo3::types::PyTypeMethods;
    /// # Ok::<(), pybridge::PyErr>(())
    /// ```
    pub fn to_pyerr(&self) -> PyErr {
        let plain = || pyo3::exceptions::PyRuntimeError::new_err(self.to_string());
        match &self.original {
            Some(original) => {
                crate::interpreter::attach_guarded(|py| PyErr::from_value(original.bind(py).clone().into_any()))
                    .unwrap_or_else(|_| plain())
            }
            None => plain(),
        }
    }

    /// An exception captured as text only (a sub-interpreter's: its object stays there).
    #[cfg_attr(not(all(Py_3_12, not(Py_LIMITED_API))), allow(dead_code))]
    pub(crate) fn python_text(exception: PythonException) -> Self {
        Error { kind: Box::new(ErrorKind::Python(exception)), original: None }
    }

    pub(crate) fn interpreter(message: impl Into<String>) -> Self {
        Error { kind: Box::new(ErrorKind::Interpreter(message.into())), original: None }
    }

    pub(crate) fn drift(module: &str, differences: Vec<String>) -> Self {
        Error { kind: Box::new(ErrorKind::Drift { module: module.to_string(), differences }), original: None }
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

/// Takes the exception a CPython call just raised (it returned null or -1), like pyo3's
/// `PyErr::fetch`, except for a `PanicException` (a Rust panic that crossed Python on its way
/// back): that panic resumes here, with the original message and without a word on stderr.
/// pyo3's fetch would first print "PyO3 is resuming a panic…" and the Python traceback
/// (`PyErr_PrintEx`), which the README promises never happens.
#[allow(deprecated)] // PyErr_Fetch/PyErr_Restore: still supported, and on every version
#[cold]
#[inline(never)]
pub(crate) fn fetch(py: Python<'_>) -> PyErr {
    let mut parts = [std::ptr::null_mut(); 3];
    // SAFETY: attached (`py`). PyErr_Fetch moves the current exception's three references (or
    // nulls) out of the thread state into `parts`, which only this function then owns;
    // PyErr_NormalizeException replaces them in place with a normalized triple, still ours
    // (it may run Python code, the exception's constructor, which touches nothing of ours);
    // PyException_SetTraceback takes its own reference to the traceback, so ours is released
    // with the type's. `value` takes over the value's reference, and lives no longer than
    // `py`. No Rust reference is involved: `parts` is a local array that only these calls
    // write, through pointers derived from `&mut` borrows of it, each ending with its call.
    let value = unsafe {
        ffi::PyErr_Fetch(&mut parts[0], &mut parts[1], &mut parts[2]);
        if parts[0].is_null() {
            // Nothing was raised: pyo3's own fetch reports that.
            return PyErr::fetch(py);
        }
        ffi::PyErr_NormalizeException(&mut parts[0], &mut parts[1], &mut parts[2]);
        if parts[1].is_null() {
            // Not normalizable (no value): leave it to pyo3.
            ffi::PyErr_Restore(parts[0], parts[1], parts[2]);
            return PyErr::fetch(py);
        }
        if !parts[2].is_null() {
            ffi::PyException_SetTraceback(parts[1], parts[2]);
        }
        ffi::Py_DECREF(parts[0]);
        ffi::Py_XDECREF(parts[2]);
        Bound::from_owned_ptr(py, parts[1])
    };
    if PanicException::is_exact_type_of(&value) {
        resume_panic(value);
    }
    PyErr::from_value(value)
}

/// Resumes the panic a `PanicException` carries, as pyo3 does (the payload is the message as a
/// `String`), minus the printing. `resume_unwind` does not run the panic hook either.
#[cold]
fn resume_panic(value: Bound<'_, PyAny>) -> ! {
    let message = match value.str() {
        Ok(s) => s.to_string_lossy().into_owned(),
        Err(_) => String::from("Unwrapped panic from Python code"),
    };
    drop(value);
    std::panic::resume_unwind(Box::new(message))
}

impl From<PyErr> for Error {
    /// Captures the exception. Usually already attached (a nested attach, which takes
    /// nothing), but a `PyErr` is `Send`, so this may run on any thread: then it attaches
    /// through the shutdown guard, and while the interpreter is exiting the result is the
    /// "shutting down" error (the exception itself is released at a later attach, if any).
    fn from(err: PyErr) -> Self {
        crate::interpreter::attach_guarded(|py| Error::from_pyerr(py, err)).unwrap_or_else(|refused| refused)
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
            ErrorKind::Drift { module, differences } => {
                write!(f, "the live module `{module}` differs from its spec: {}", differences.join("; "))
            }
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

/// What a Rust closure passed for a `Callable[[A, B], R]` parameter may return: the value `R`
/// itself, or a `Result<R, E>` whose error is raised in Python, so the Python code that called
/// the closure sees an exception (and, unless it catches it, the stub returns it as its `Err`).
///
/// A [`Error`] (from a nested stub call, or `m::Error` turned into one with `From`) is raised
/// again as the original Python exception; any other error as a `RuntimeError` with the
/// error's message.
///
/// ```
/// use pybridge::CallbackReturn;
/// assert_eq!(CallbackReturn::<i64>::into_callback_result(3i64).unwrap(), 3);
/// let failed: Result<i64, String> = Err("no".into());
/// assert!(CallbackReturn::<i64>::into_callback_result(failed).is_err());
/// ```
pub trait CallbackReturn<T> {
    /// The value, or the exception to raise.
    fn into_callback_result(self) -> pyo3::PyResult<T>;
}

impl<T> CallbackReturn<T> for T {
    fn into_callback_result(self) -> pyo3::PyResult<T> {
        Ok(self)
    }
}

impl<T, E> CallbackReturn<T> for std::result::Result<T, E>
where
    E: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
{
    fn into_callback_result(self) -> pyo3::PyResult<T> {
        self.map_err(|e| match e.into().downcast::<Error>() {
            Ok(error) => error.to_pyerr(),
            Err(other) => pyo3::exceptions::PyRuntimeError::new_err(other.to_string()),
        })
    }
}
