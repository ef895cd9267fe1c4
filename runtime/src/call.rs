//! What generated import stubs call: a once-per-interpreter attribute cache, a vectorcall
//! argument builder with interned keyword names, and typed extraction of results.
//!
//! Here: the per-interpreter caches ([`ImportedAttr`], [`KwNames`]); `args.rs`: the argument
//! builder and the call; `results.rs`: results and exceptions; `attributes.rs`: attribute access;
//! `compat.rs`: vectorcall for stable-ABI builds.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyTuple};

use crate::error::{Error, Result};

mod args;
mod attributes;
#[cfg(feature = "abi3-py311")]
mod compat;
mod defaults;
mod results;
mod varargs;

pub use args::{Args, callback};
pub use attributes::{get_attribute, set_attribute};
pub use defaults::PositionalDefault;
pub(crate) use results::owned_or_fetch;
pub use results::{
    FromPyErr, Located, Locator, callable_return, classify, exception_attr, extract_instance, extract_located,
    extract_return, iter_return, locate_entries, locate_fields, locate_items, locate_leaf, locate_optional,
};
pub(crate) use results::{extract_item, extract_value};
pub use varargs::VarArgs;

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
    #[inline]
    pub fn get<'py>(&'py self, py: Python<'py>) -> Result<&'py Bound<'py, PyAny>> {
        self.get_py(py).map_err(|e| Error::from_pyerr(py, e))
    }

    /// [`ImportedAttr::get`] with pyo3's error, for use inside conversions. `attr` may be
    /// dotted (`Driver.create` for a class method).
    #[inline]
    pub fn get_py<'py>(&'py self, py: Python<'py>) -> PyResult<&'py Bound<'py, PyAny>> {
        self.cell
            .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
                let mut object = py.import(self.module)?.into_any();
                for part in self.attr.split('.') {
                    object = object.getattr(part)?;
                }
                Ok(object.unbind())
            })
            .map(|obj| obj.bind(py))
    }
}

impl ImportedAttr {
    /// The attribute, or, when the module has none of that (undotted) name, the builtin of
    /// that name: Python's own lookup inside the module (its globals, then builtins), which
    /// is what an exception class a spec declares (`ValueError`) means when the module does not
    /// define it. Not cached when it falls back (an error path only).
    pub fn get_or_builtin<'py>(&'py self, py: Python<'py>) -> Option<Bound<'py, PyAny>> {
        match self.get_py(py) {
            Ok(found) => Some(found.clone()),
            Err(_) if !self.attr.contains('.') => py.import("builtins").and_then(|b| b.getattr(self.attr)).ok(),
            Err(_) => None,
        }
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
