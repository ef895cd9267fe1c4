//! The argument builder of a stub whose Python signature has `*args` or `**kwargs`: the count
//! of arguments is known only at the call, so they are gathered into a tuple and a dict and
//! passed through `PyObject_Call` (the fixed-size vectorcall array of [`super::Args`] cannot
//! hold them).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use pyo3::{BoundObject, IntoPyObject};

use super::FromPyErr;
use crate::error::{Error, Result};

/// Arguments for one call with variadic parts: positional values, then keywords.
#[allow(missing_debug_implementations)]
pub struct VarArgs<'py> {
    py: Python<'py>,
    function: &'static str,
    positional: Vec<Bound<'py, PyAny>>,
    keywords: Option<Bound<'py, PyDict>>,
    /// An optional argument was omitted: later ones go by keyword.
    omitted: bool,
}

impl<'py> VarArgs<'py> {
    /// Empty arguments for a call to `function` (named in conversion errors).
    pub fn new(py: Python<'py>, function: &'static str) -> Self {
        VarArgs { py, function, positional: Vec::new(), keywords: None, omitted: false }
    }

    fn convert<T: IntoPyObject<'py>>(&self, name: &str, value: T) -> Result<Bound<'py, PyAny>> {
        match value.into_pyobject(self.py) {
            Ok(v) => Ok(v.into_any().into_bound()),
            Err(e) => {
                let err: PyErr = e.into();
                Err(Error::conversion(
                    self.function,
                    &format!("parameter `{name}`"),
                    "a Python value",
                    "a Rust value".into(),
                    err.to_string(),
                ))
            }
        }
    }

    fn set_keyword(&mut self, name: &str, value: Bound<'py, PyAny>) -> Result<()> {
        let py = self.py;
        let dict = self.keywords.get_or_insert_with(|| PyDict::new(py));
        dict.set_item(PyString::new(py, name), value).map_err(|e| Error::from_pyerr(py, e))
    }

    fn push(&mut self, name: &'static str, value: Bound<'py, PyAny>) -> Result<()> {
        if self.omitted {
            return self.set_keyword(name, value);
        }
        self.positional.push(value);
        Ok(())
    }

    /// A required positional argument.
    pub fn positional<T: IntoPyObject<'py>>(&mut self, name: &'static str, value: T) -> Result<()> {
        let value = self.convert(name, value)?;
        self.push(name, value)
    }

    /// A positional argument with a Python default: `None` omits it (later arguments go by
    /// keyword).
    pub fn optional<T: IntoPyObject<'py>>(&mut self, name: &'static str, value: Option<T>) -> Result<()> {
        match value {
            Some(v) => self.positional(name, v),
            None => {
                self.omitted = true;
                Ok(())
            }
        }
    }

    /// A defaulted argument before one that must be positional (`*args`, a positional-only
    /// one): `None` passes the default itself.
    pub fn positional_or_default<T: IntoPyObject<'py>>(
        &mut self,
        name: &'static str,
        value: Option<T>,
        default: impl FnOnce() -> Result<Bound<'py, PyAny>>,
    ) -> Result<()> {
        match value {
            Some(v) => self.positional(name, v),
            None => {
                let value = default()?;
                self.push(name, value)
            }
        }
    }

    /// A required keyword-only argument.
    pub fn keyword<T: IntoPyObject<'py>>(&mut self, name: &'static str, value: T) -> Result<()> {
        let value = self.convert(name, value)?;
        self.set_keyword(name, value)
    }

    /// A keyword-only argument with a Python default: `None` omits it.
    pub fn optional_keyword<T: IntoPyObject<'py>>(&mut self, name: &'static str, value: Option<T>) -> Result<()> {
        match value {
            Some(v) => self.keyword(name, v),
            None => Ok(()),
        }
    }

    /// `*args`: each value an extra positional argument.
    pub fn extend_positional<T: IntoPyObject<'py>>(
        &mut self,
        name: &'static str,
        values: impl IntoIterator<Item = T>,
    ) -> Result<()> {
        for value in values {
            let value = self.convert(name, value)?;
            self.positional.push(value);
        }
        Ok(())
    }

    /// `**kwargs`: each entry an extra keyword argument.
    pub fn extend_keywords<K: AsRef<str>, T: IntoPyObject<'py>>(
        &mut self,
        name: &'static str,
        entries: impl IntoIterator<Item = (K, T)>,
    ) -> Result<()> {
        for (key, value) in entries {
            let value = self.convert(name, value)?;
            self.set_keyword(key.as_ref(), value)?;
        }
        Ok(())
    }

    /// Calls `callable` with the arguments; a Python exception becomes `E`.
    pub fn call<E: FromPyErr>(self, callable: &Bound<'py, PyAny>) -> std::result::Result<Bound<'py, PyAny>, E> {
        crate::stack::check_headroom().map_err(|e| E::from_pyerr(self.py, e))?;
        let py = self.py;
        let args = PyTuple::new(py, self.positional).map_err(|e| E::from_pyerr(py, e))?;
        callable.call(args, self.keywords.as_ref()).map_err(|e| E::from_pyerr(py, e))
    }

    /// Calls method `name` of `receiver`.
    pub fn call_method<E: FromPyErr>(
        self,
        receiver: &Bound<'py, PyAny>,
        name: &Bound<'py, PyString>,
    ) -> std::result::Result<Bound<'py, PyAny>, E> {
        let method = receiver.getattr(name).map_err(|e| E::from_pyerr(self.py, e))?;
        self.call(&method)
    }
}
