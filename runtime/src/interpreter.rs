//! Starting the interpreter and attaching to it.
//!
//! The interpreter starts implicitly on the first [`attach`], or explicitly through
//! [`Interpreter::builder`]. pybridge starts CPython itself (`Py_InitializeFromConfig`), so that
//! a broken installation is an [`Error`], not a process exit, and so that `sys.executable` is a
//! real Python (the one pyo3 was built for, or the virtualenv's), which `multiprocessing` needs.
//! It never finalizes: other threads may still hold handles, and CPython cannot be restarted.

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use pyo3::ffi;
use pyo3::panic::PanicException;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyAnyMethods, PyListMethods};
use pyo3::{PyTypeInfo, Python};

use crate::error::{Error, Result};
use crate::thread_state::keep_thread_state;

/// The init function of an extension module (`PyInit_<name>`), for [`InterpreterBuilder::module`].
///
/// ```
/// #[pybridge::py_embed]
/// mod fastmath {
///     #[py_embed]
///     pub fn double(x: f64) -> f64 { 2.0 * x }
/// }
///
/// let init: pybridge::ModuleInit = fastmath::FASTMATH_MODULE.init();
/// pybridge::Interpreter::builder().module("fastmath", init).start()?;
/// # Ok::<(), pybridge::Error>(())
/// ```
pub type ModuleInit = unsafe extern "C" fn() -> *mut ffi::PyObject;

/// Set once the interpreter runs (started by us or by anyone else).
static STARTED: AtomicBool = AtomicBool::new(false);
/// Serializes starts; holds the start error, if starting failed.
static START: Mutex<Option<String>> = Mutex::new(None);

/// Entry point for configuring the interpreter before it starts. Without it, the first call
/// (a stub, [`attach`]) starts it with the defaults.
///
/// ```
/// pybridge::Interpreter::builder().isolated(true).start()?;
/// assert!(pybridge::Interpreter::is_running());
/// # Ok::<(), pybridge::Error>(())
/// ```
#[derive(Debug)]
pub struct Interpreter;

impl Interpreter {
    /// A builder for an explicit start.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("pybridge-doc-builder-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("greet.py"), "def hello():\n    return 'hi'\n").unwrap();
    /// pybridge::Interpreter::builder().sys_path(&dir).isolated(true).start()?;
    /// let greeting: String = pybridge::import("greet")?.call_method_with("hello", ())?.to()?;
    /// assert_eq!(greeting, "hi");
    /// # use pybridge::ObjectExt;
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    pub fn builder() -> InterpreterBuilder {
        InterpreterBuilder::default()
    }

    /// Whether the interpreter is running.
    ///
    /// ```
    /// assert!(!pybridge::Interpreter::is_running());
    /// pybridge::attach(|_py| ()); // starts it
    /// assert!(pybridge::Interpreter::is_running());
    /// ```
    pub fn is_running() -> bool {
        // SAFETY: Py_IsInitialized may be called at any time, attached or not.
        STARTED.load(Ordering::Acquire) || unsafe { ffi::Py_IsInitialized() } != 0
    }
}

/// How to start the interpreter: extra `sys.path` entries, a virtualenv, isolated mode, and
/// extension modules to register as built-ins.
///
/// ```
/// let builder: pybridge::InterpreterBuilder = pybridge::Interpreter::builder().sys_path("python");
/// builder.start()?;
/// # Ok::<(), pybridge::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct InterpreterBuilder {
    sys_path: Vec<PathBuf>,
    venv: Option<PathBuf>,
    isolated: bool,
    modules: Vec<(CString, ModuleInit)>,
}

impl InterpreterBuilder {
    /// Puts `dir` on `sys.path`, before the standard entries.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("pybridge-doc-sys-path-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// pybridge::Interpreter::builder().sys_path(&dir).start()?;
    /// let first: String = pybridge::attach(|py| {
    ///     use pybridge::pyo3::types::PyAnyMethods;
    ///     py.import("sys")?.getattr("path")?.get_item(0)?.extract()
    /// })?;
    /// assert_eq!(first, dir.to_string_lossy());
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    pub fn sys_path(mut self, dir: impl AsRef<Path>) -> Self {
        self.sys_path.push(dir.as_ref().to_path_buf());
        self
    }

    /// Runs in a virtualenv: `sys.executable` becomes `<dir>/bin/python` and CPython finds the
    /// environment's `pyvenv.cfg` and `site-packages` from it, as when the venv's Python runs.
    /// Without this call, an activated virtualenv (`VIRTUAL_ENV`) is used the same way, except
    /// in isolated mode; without either, `sys.executable` is the Python pyo3 was built for.
    ///
    /// ```
    /// // A fresh virtualenv (`python3 -m venv`), or the one the test command activated.
    /// let venv = match std::env::var_os("VIRTUAL_ENV") {
    ///     Some(venv) => std::path::PathBuf::from(venv),
    ///     None => {
    ///         let venv = std::env::temp_dir().join(format!("pybridge-doc-venv-{}", std::process::id()));
    ///         let made = std::process::Command::new("python3").args(["-m", "venv", "--without-pip"]).arg(&venv).status();
    ///         assert!(made.unwrap().success());
    ///         venv
    ///     }
    /// };
    /// pybridge::Interpreter::builder().venv(&venv).start()?;
    /// let prefix: String = pybridge::attach(|py| {
    ///     use pybridge::pyo3::types::PyAnyMethods;
    ///     py.import("sys")?.getattr("prefix")?.extract()
    /// })?;
    /// assert_eq!(std::path::Path::new(&prefix).canonicalize().unwrap(), venv.canonicalize().unwrap());
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    pub fn venv(mut self, dir: impl AsRef<Path>) -> Self {
        self.venv = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Isolated mode (`python -I`): no `PYTHON*` environment variables, no user site-packages,
    /// the script's directory not on `sys.path`.
    ///
    /// ```
    /// pybridge::Interpreter::builder().isolated(true).start()?;
    /// let isolated: bool = pybridge::attach(|py| {
    ///     use pybridge::pyo3::types::PyAnyMethods;
    ///     py.import("sys")?.getattr("flags")?.getattr("isolated")?.extract::<i64>().map(|flag| flag == 1)
    /// })?;
    /// assert!(isolated);
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    pub fn isolated(mut self, isolated: bool) -> Self {
        self.isolated = isolated;
        self
    }

    /// Registers an extension module pybridge generated in this binary (`m::M_MODULE` of a
    /// `#[py_embed] mod m`, or the same constant of a spec's generated file) as a built-in, so
    /// `import m` works without a `.so` on disk: Rust calls Python, which calls back into Rust.
    ///
    /// ```
    /// #[pybridge::py_embed]
    /// mod fastmath {
    ///     #[py_embed]
    ///     pub fn double(x: f64) -> f64 { 2.0 * x }
    /// }
    ///
    /// # fn main() -> pybridge::Result<()> {
    /// use pybridge::ObjectExt;
    /// pybridge::Interpreter::builder().embed(fastmath::FASTMATH_MODULE).start()?;
    /// let four: f64 = pybridge::import("fastmath")?.call_method_with("double", (2.0,))?.to()?;
    /// assert_eq!(four, 4.0);
    /// # Ok(()) }
    /// ```
    pub fn embed(self, module: crate::ExportedModule) -> Self {
        self.module(module.name(), module.init())
    }

    /// Registers any extension module linked into this binary by its init function
    /// (`PyInit_<name>`, e.g. one written by hand or by PyO3) as a built-in; for pybridge's own
    /// modules, [`InterpreterBuilder::embed`] needs no declaration.
    ///
    /// ```
    /// #[pybridge::pyo3::pymodule(crate = "pybridge::pyo3")]
    /// mod handmade {
    ///     #[pybridge::pyo3::pyfunction(crate = "pybridge::pyo3")]
    ///     fn triple(x: i64) -> i64 { 3 * x }
    /// }
    ///
    /// # fn main() -> pybridge::Result<()> {
    /// use pybridge::ObjectExt;
    /// // pyo3's `#[pymodule]` defines `PyInit_handmade`, which `module` takes.
    /// pybridge::Interpreter::builder().module("handmade", handmade::__pyo3_init).start()?;
    /// let six: i64 = pybridge::import("handmade")?.call_method_with("triple", (2,))?.to()?;
    /// assert_eq!(six, 6);
    /// # Ok(()) }
    /// ```
    pub fn module(mut self, name: &str, init: ModuleInit) -> Self {
        if let Ok(name) = CString::new(name) {
            self.modules.push((name, init));
        }
        self
    }

    /// Starts the interpreter. It is an error if it already runs (started implicitly by an
    /// earlier call, by another builder, or because this is an extension module), since the
    /// configuration could not be applied.
    ///
    /// ```
    /// pybridge::Interpreter::builder().start()?;
    /// // Once: a second start (or a start after the first call) is refused.
    /// let again = pybridge::Interpreter::builder().start().unwrap_err();
    /// assert!(again.to_string().contains("already running"), "{again}");
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    pub fn start(self) -> Result<()> {
        let mut guard = START.lock().unwrap_or_else(|e| e.into_inner());
        if Interpreter::is_running() {
            return Err(Error::interpreter(
                "the Python interpreter is already running; configure it before the first call",
            ));
        }
        if let Some(previous) = guard.as_ref() {
            return Err(Error::interpreter(previous.clone()));
        }
        match self.initialize() {
            Ok(()) => Ok(()),
            Err(message) => {
                *guard = Some(message.clone());
                Err(Error::interpreter(message))
            }
        }
    }

    #[cfg(feature = "abi3-py311")]
    fn initialize(self) -> std::result::Result<(), String> {
        Err("this pybridge build targets the stable ABI (feature `abi3-py311`): it runs inside a Python \
             process (extension modules) but cannot start an interpreter; build without that feature to \
             embed Python"
            .to_string())
    }

    #[cfg(not(feature = "abi3-py311"))]
    fn initialize(self) -> std::result::Result<(), String> {
        // An activated virtualenv counts, as it does for `python` itself (not in isolated mode).
        let venv = self.venv.clone().or_else(|| {
            let active = std::env::var_os("VIRTUAL_ENV").filter(|_| !self.isolated).map(PathBuf::from)?;
            active.join("bin").join("python").is_file().then_some(active)
        });
        let executable = match &venv {
            Some(venv) => Some(venv.join("bin").join("python")),
            None => Some(PathBuf::from(env!("PYBRIDGE_PYTHON_EXECUTABLE"))).filter(|p| p.is_file()),
        };
        for (name, init) in &self.modules {
            // SAFETY: called before the interpreter starts (we hold START and it is not
            // running); `name` lives in a static list CPython keeps pointing at, so it is leaked.
            let status = unsafe { ffi::PyImport_AppendInittab(name.clone().into_raw(), Some(*init)) };
            if status != 0 {
                return Err(format!("cannot register built-in module {name:?}"));
            }
        }
        // SAFETY: PyConfig is plain C data initialized by PyConfig_Init*Config before any
        // use; it is cleared on every path; the interpreter is not running (checked under the
        // START lock), so Py_InitializeFromConfig may be called, on this thread, which then holds
        // the GIL until PyEval_SaveThread releases it.
        unsafe {
            let mut config = std::mem::MaybeUninit::<ffi::PyConfig>::zeroed();
            if self.isolated {
                ffi::PyConfig_InitIsolatedConfig(config.as_mut_ptr());
            } else {
                ffi::PyConfig_InitPythonConfig(config.as_mut_ptr());
            }
            let config = config.as_mut_ptr();
            // An embedding host keeps its own signal handling (Ctrl-C stays the host's).
            (*config).install_signal_handlers = 0;
            if let Some(exe) = executable.and_then(|p| CString::new(p.to_string_lossy().into_owned()).ok()) {
                let status = ffi::PyConfig_SetBytesString(config, &mut (*config).executable, exe.as_ptr());
                if ffi::PyStatus_Exception(status) != 0 {
                    ffi::PyConfig_Clear(config);
                    return Err(status_message("cannot set sys.executable", &status));
                }
            }
            let status = ffi::Py_InitializeFromConfig(config);
            ffi::PyConfig_Clear(config);
            if ffi::PyStatus_Exception(status) != 0 {
                return Err(status_message("cannot start the Python interpreter", &status));
            }
            crate::thread_state::keep_started(ffi::PyEval_SaveThread());
        }
        STARTED.store(true, Ordering::Release);
        if !self.sys_path.is_empty() {
            let dirs = self.sys_path.clone();
            attach(|py| -> pyo3::PyResult<()> {
                let path = py.import("sys")?.getattr("path")?.cast_into::<pyo3::types::PyList>()?;
                for (i, dir) in dirs.iter().enumerate() {
                    path.insert(i, dir.to_string_lossy().as_ref())?;
                }
                Ok(())
            })
            .map_err(|e| Error::from(e).to_string())?;
        }
        Ok(())
    }
}

#[cfg(not(feature = "abi3-py311"))]
fn status_message(what: &str, status: &ffi::PyStatus) -> String {
    let text = |p: *const std::os::raw::c_char| {
        // SAFETY: PyStatus strings are null or static NUL-terminated C strings.
        (!p.is_null()).then(|| unsafe { std::ffi::CStr::from_ptr(p) }.to_string_lossy().into_owned())
    };
    let mut message = what.to_string();
    if let Some(func) = text(status.func) {
        message.push_str(&format!(": {func}"));
    }
    if let Some(err) = text(status.err_msg) {
        message.push_str(&format!(": {err}"));
    }
    message.push_str(" (check PYTHONHOME and PYTHONPATH)");
    message
}

/// Starts the interpreter with the default configuration unless it runs already.
fn ensure_started() -> Result<()> {
    if STARTED.load(Ordering::Acquire) {
        return Ok(());
    }
    let guard = START.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(previous) = guard.as_ref() {
        return Err(Error::interpreter(previous.clone()));
    }
    // SAFETY: Py_IsInitialized may be called at any time.
    if unsafe { ffi::Py_IsInitialized() } != 0 {
        STARTED.store(true, Ordering::Release);
        return Ok(());
    }
    drop(guard);
    match InterpreterBuilder::default().start() {
        Ok(()) => Ok(()),
        // Another thread won the race between our check and the start: fine.
        Err(_) if Interpreter::is_running() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Runs `f` attached to the Python interpreter, starting it first if needed. Panics if the
/// interpreter cannot start (see [`try_attach`] for the error instead).
///
/// Each Rust thread keeps one Python thread state for its lifetime, so attaching from a thread
/// that is not attached costs a GIL hand-over, not a thread-state creation.
///
/// ```
/// use pybridge::pyo3::types::PyAnyMethods;
/// let platform: String = pybridge::attach(|py| py.import("sys")?.getattr("platform")?.extract())?;
/// assert!(!platform.is_empty());
/// # Ok::<(), pybridge::PyErr>(())
/// ```
pub fn attach<F, R>(f: F) -> R
where
    F: for<'py> FnOnce(Python<'py>) -> R,
{
    match try_attach(f) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    }
}

/// Like [`attach`], but an interpreter that cannot start is an error rather than a panic.
///
/// ```
/// let answer = pybridge::try_attach(|_py| 42)?;
/// assert_eq!(answer, 42);
/// # Ok::<(), pybridge::Error>(())
/// ```
pub fn try_attach<F, R>(f: F) -> Result<R>
where
    F: for<'py> FnOnce(Python<'py>) -> R,
{
    // Before anything touches CPython: refused once the interpreter is exiting or has
    // finalized (shutdown.rs), so that it is neither attached to nor started again.
    let _inside = crate::shutdown::enter()?;
    ensure_started()?;
    keep_thread_state();
    Ok(crate::thread_state::attach_main(|| {
        Python::attach(|py| {
            let _pending = PendingException::save(py);
            prepare(py);
            f(py)
        })
    }))
}

/// Attaches for runtime code that is usually reached attached already (error conversions, a
/// view reaching its parent, building a declared exception) but may be reached from any thread:
/// never through pyo3's own `Python::attach` alone, which would take the GIL past the shutdown
/// guard (shutdown.rs) and so could be ended by CPython mid-Rust while Python exits.
///
/// A thread that holds the GIL already takes nothing by attaching again (pyo3 nests, or at most
/// a recursive `PyGILState_Ensure` that does not wait), so it can neither block nor race
/// finalization: it runs `f` at once, and is not refused during the exit hook's drain (a
/// Python thread still running then keeps working). Any other thread goes through
/// [`try_attach`], which refuses once the interpreter is exiting.
pub(crate) fn attach_guarded<F, R>(f: F) -> Result<R>
where
    F: for<'py> FnOnce(Python<'py>) -> R,
{
    // SAFETY: Py_IsInitialized may be called at any time; once it says 1, PyGILState_Check may
    // be called from any thread, attached or not (it compares this thread's thread state with
    // the one holding the GIL). Py_IsInitialized is 0 again from the moment finalization
    // begins, so a thread reaching this then goes through the guard. CPython's check reports 1
    // when it is disabled, as it is once sub-interpreters exist (a `Pool`): a thread with no
    // current thread state is not attached whatever it says, and goes through the guard (and
    // `attach_main`). PyThreadState_GetUnchecked may be called unattached.
    #[cfg(not(feature = "abi3-py311"))]
    let holds_gil = unsafe {
        ffi::Py_IsInitialized() != 0
            && ffi::PyGILState_Check() == 1
            && !ffi::compat::PyThreadState_GetUnchecked().is_null()
    };
    // The stable ABI has no PyGILState_Check: always the guarded path.
    #[cfg(feature = "abi3-py311")]
    let holds_gil = false;
    if holds_gil {
        return Ok(Python::attach(f));
    }
    try_attach(f)
}

/// An exception that was set when `attach` was entered, put back when it returns (or unwinds).
///
/// A Rust `Drop` may run while a Python exception propagates: CPython frees a call's arguments
/// with the exception set (tests/src/bin/scenario.rs, `drop_during_exception`). If that Drop
/// calls Python through a stub or `attach`, CPython would see the pending exception as the
/// callee's ("returned a result with an exception set"), or the callee would clear it, and the
/// caller would then get `SystemError: error return without exception set` instead of its own
/// exception. Moving the exception aside for the attach scope keeps it intact; without a
/// pending exception this is one `PyErr_Occurred` load.
pub(crate) struct PendingException {
    saved: Option<[*mut ffi::PyObject; 3]>,
}

impl PendingException {
    #[allow(deprecated)] // PyErr_Fetch/PyErr_Restore: still supported, and on every version
    pub(crate) fn save(_py: Python<'_>) -> Self {
        // SAFETY: attached (`_py`). PyErr_Fetch moves the three references of the current
        // exception out of the thread state into `parts` (owned by us until restored).
        let saved = unsafe {
            if ffi::PyErr_Occurred().is_null() {
                None
            } else {
                let mut parts = [std::ptr::null_mut(); 3];
                ffi::PyErr_Fetch(&mut parts[0], &mut parts[1], &mut parts[2]);
                Some(parts)
            }
        };
        PendingException { saved }
    }
}

impl Drop for PendingException {
    #[allow(deprecated)]
    fn drop(&mut self) {
        if let Some([ty, value, tb]) = self.saved.take() {
            // SAFETY: still inside the same `Python::attach` scope (the guard lives in it), so
            // attached on the thread that fetched; PyErr_Restore takes back the references
            // PyErr_Fetch gave us, replacing (and releasing) anything `f` left set.
            unsafe { ffi::PyErr_Restore(ty, value, tb) };
        }
    }
}

/// Per-interpreter preparation, once. Creating `PanicException`'s type eagerly matters: created
/// lazily while a RecursionError is being raised, its creation itself fails and pyo3 loops.
fn prepare(py: Python<'_>) {
    static READY: PyOnceLock<()> = PyOnceLock::new();
    READY.get_or_init(py, || {
        let _ = PanicException::type_object(py);
        // Rust threads must stop taking the GIL before Python finalizes (shutdown.rs). Without
        // `atexit` (a broken standard library) the earlier behaviour stays.
        let _ = crate::shutdown::register_exit_hook(py);
    });
}

/// Puts `dir` first on `sys.path` (once), so modules there can be imported by stubs.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("pybridge-doc-add-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("added_mod.py"), "VALUE = 7\n").unwrap();
/// pybridge::add_sys_path(&dir)?;
/// let value: i64 = pybridge::import("added_mod")?.attr("VALUE")?.to()?;
/// assert_eq!(value, 7);
/// # use pybridge::ObjectExt;
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), pybridge::Error>(())
/// ```
pub fn add_sys_path(dir: impl AsRef<std::path::Path>) -> Result<()> {
    let dir = dir.as_ref().to_string_lossy().into_owned();
    try_attach(|py| -> pyo3::PyResult<()> {
        let path = py.import("sys")?.getattr("path")?.cast_into::<pyo3::types::PyList>()?;
        if !path.contains(&dir)? {
            path.insert(0, &dir)?;
        }
        Ok(())
    })?
    .map_err(Error::from)
}
