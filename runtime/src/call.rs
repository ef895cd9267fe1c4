//! What generated import stubs call: a once-per-interpreter attribute cache, a vectorcall
//! argument builder with interned keyword names, and typed extraction of results.

use pyo3::conversion::FromPyObjectOwned;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyTuple};
use pyo3::{BoundObject, IntoPyObject};

use crate::error::{Error, Result};

/// `module.attr`, imported once per interpreter and cached (a `PyOnceLock`: a plain once-cell
/// would deadlock when one thread holds the GIL while another initializes it).
pub struct ImportedAttr {
    module: &'static str,
    attr: &'static str,
    cell: PyOnceLock<Py<PyAny>>,
}

impl ImportedAttr {
    /// A cache for `module.attr`; nothing is imported until [`ImportedAttr::get`].
    pub const fn new(module: &'static str, attr: &'static str) -> Self {
        ImportedAttr { module, attr, cell: PyOnceLock::new() }
    }

    /// The attribute, importing the module on first use.
    pub fn get<'py>(&'py self, py: Python<'py>) -> Result<&'py Bound<'py, PyAny>> {
        self.cell
            .get_or_try_init(py, || -> PyResult<Py<PyAny>> { Ok(py.import(self.module)?.getattr(self.attr)?.unbind()) })
            .map(|obj| obj.bind(py))
            .map_err(|e| Error::from_pyerr(py, e))
    }
}

impl std::fmt::Debug for ImportedAttr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ImportedAttr({}.{})", self.module, self.attr)
    }
}

/// The keyword names a stub may pass, interned into one tuple once per interpreter.
pub struct KwNames {
    names: &'static [&'static str],
    tuple: PyOnceLock<Py<PyTuple>>,
}

impl KwNames {
    /// Keyword names in the order the stub pushes them.
    pub const fn new(names: &'static [&'static str]) -> Self {
        KwNames { names, tuple: PyOnceLock::new() }
    }

    fn tuple<'py>(&'py self, py: Python<'py>) -> PyResult<&'py Bound<'py, PyTuple>> {
        self.tuple
            .get_or_try_init(py, || -> PyResult<Py<PyTuple>> {
                Ok(PyTuple::new(py, self.names.iter().map(|n| PyString::intern(py, n)))?.unbind())
            })
            .map(|t| t.bind(py))
    }
}

/// The keyword list of stubs that take no keyword arguments.
pub static NO_KEYWORDS: KwNames = KwNames::new(&[]);

impl std::fmt::Debug for KwNames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KwNames({:?})", self.names)
    }
}

/// Arguments for one vectorcall: `N` is one more than the parameter count (slot 0 is left
/// free for `PY_VECTORCALL_ARGUMENTS_OFFSET`). Positional arguments come first; once an
/// optional argument is omitted, later ones are passed by keyword.
#[allow(missing_debug_implementations)]
pub struct Args<'py, const N: usize> {
    py: Python<'py>,
    function: &'static str,
    objects: [Option<Bound<'py, PyAny>>; N],
    len: usize,
    positional: usize,
    keywords: [&'static str; N],
    by_keyword: bool,
}

impl<'py, const N: usize> Args<'py, N> {
    /// Empty arguments for a call to `function` (named in conversion errors).
    pub fn new(py: Python<'py>, function: &'static str) -> Self {
        Args { py, function, objects: [const { None }; N], len: 1, positional: 0, keywords: [""; N], by_keyword: false }
    }

    fn convert<T: IntoPyObject<'py>>(&self, name: &'static str, value: T) -> Result<Bound<'py, PyAny>> {
        value.into_pyobject(self.py).map(|v| v.into_any().into_bound()).map_err(|e| {
            let err: PyErr = e.into();
            Error::conversion(
                self.function,
                &format!("parameter `{name}`"),
                "a Python value",
                "a Rust value".into(),
                err.to_string(),
            )
        })
    }

    fn push(&mut self, name: &'static str, object: Bound<'py, PyAny>, keyword: bool) {
        debug_assert!(self.len < N, "more arguments than the stub declared");
        self.objects[self.len] = Some(object);
        if keyword || self.by_keyword {
            self.keywords[self.len - 1 - self.positional] = name;
        } else {
            self.positional += 1;
        }
        self.len += 1;
    }

    /// A required positional argument.
    pub fn positional<T: IntoPyObject<'py>>(&mut self, name: &'static str, value: T) -> Result<()> {
        let object = self.convert(name, value)?;
        self.push(name, object, false);
        Ok(())
    }

    /// A positional argument with a Python default: `None` omits it (and every later argument
    /// goes by keyword, so Python applies its own default).
    pub fn optional<T: IntoPyObject<'py>>(&mut self, name: &'static str, value: Option<T>) -> Result<()> {
        match value {
            Some(v) => self.positional(name, v),
            None => {
                self.by_keyword = true;
                Ok(())
            }
        }
    }

    /// A required keyword-only argument.
    pub fn keyword<T: IntoPyObject<'py>>(&mut self, name: &'static str, value: T) -> Result<()> {
        let object = self.convert(name, value)?;
        self.push(name, object, true);
        Ok(())
    }

    /// A keyword-only argument with a Python default: `None` omits it.
    pub fn optional_keyword<T: IntoPyObject<'py>>(&mut self, name: &'static str, value: Option<T>) -> Result<()> {
        match value {
            Some(v) => self.keyword(name, v),
            None => Ok(()),
        }
    }

    /// Calls `callable` with the arguments. `kwnames` is the stub's full keyword list; when
    /// exactly those keywords were given (the usual case) its cached tuple is used, otherwise
    /// a tuple is built for this call.
    pub fn call(self, callable: &Bound<'py, PyAny>, kwnames: &'py KwNames) -> Result<Bound<'py, PyAny>> {
        let py = self.py;
        let nkw = self.len - 1 - self.positional;
        let keywords = &self.keywords[..nkw];
        let built;
        let names: Option<&Bound<'py, PyTuple>> = if nkw == 0 {
            None
        } else if keywords == kwnames.names {
            Some(kwnames.tuple(py).map_err(|e| Error::from_pyerr(py, e))?)
        } else {
            built = PyTuple::new(py, keywords.iter().map(|n| PyString::intern(py, n)))
                .map_err(|e| Error::from_pyerr(py, e))?;
            Some(&built)
        };
        let mut pointers = [std::ptr::null_mut::<ffi::PyObject>(); N];
        for (slot, object) in pointers.iter_mut().zip(&self.objects).skip(1).take(self.len - 1) {
            *slot = object.as_ref().map_or(std::ptr::null_mut(), |o| o.as_ptr());
        }
        let kw_ptr = names.map_or(std::ptr::null_mut(), |t| t.as_ptr());
        // SAFETY: we are attached (`py`); `pointers[1..len]` are borrowed references kept alive
        // by `self.objects` for the whole call; slot 0 exists and may be overwritten by the
        // callee, which PY_VECTORCALL_ARGUMENTS_OFFSET permits; `kw_ptr` is null or a tuple of
        // `nkw` str objects naming the last `nkw` arguments, as vectorcall requires.
        let result = unsafe {
            ffi::PyObject_Vectorcall(
                callable.as_ptr(),
                pointers.as_ptr().add(1),
                self.positional | ffi::PY_VECTORCALL_ARGUMENTS_OFFSET,
                kw_ptr,
            )
        };
        // SAFETY: vectorcall returns a new reference or null with an exception set, which
        // `from_owned_ptr_or_err` turns into an error.
        unsafe { Bound::from_owned_ptr_or_err(py, result) }.map_err(|e| Error::from_pyerr(py, e))
    }
}

/// Extracts a Python result as `T`, or a conversion error naming the function, the expected
/// Python type and the actual one.
pub fn extract_return<'py, T: FromPyObjectOwned<'py>>(
    value: &Bound<'py, PyAny>,
    function: &'static str,
    expected: &'static str,
) -> Result<T> {
    value.extract::<T>().map_err(|e| {
        let err: PyErr = e.into();
        let actual = value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        Error::conversion(function, "return value", expected, actual, err.to_string())
    })
}
