//! The Python default of a positional-only parameter, for a call that omits it but passes a
//! later positional-only one (`pow(2, 3, /)`-style signatures cannot skip a slot by keyword).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

use crate::error::{Error, Result};

/// The default of one parameter of one stub's callable, read once through
/// `inspect.signature` and cached.
pub struct PositionalDefault {
    param: &'static str,
    cell: PyOnceLock<Py<PyAny>>,
}

impl PositionalDefault {
    /// A cache for the default of `param`; nothing is read until [`PositionalDefault::get`].
    pub const fn new(param: &'static str) -> Self {
        PositionalDefault { param, cell: PyOnceLock::new() }
    }

    /// The default of the parameter of `callable` (read on first use). The error names the
    /// parameter and `function`, and says to pass the value.
    pub fn get<'py>(&'py self, callable: &Bound<'py, PyAny>, function: &'static str) -> Result<Bound<'py, PyAny>> {
        let py = callable.py();
        match self.cell.get_or_try_init(py, || read_default(callable, self.param)) {
            Ok(value) => Ok(value.bind(py).clone()),
            Err(e) => Err(Error::from_pyerr(
                py,
                pyo3::exceptions::PyTypeError::new_err(format!(
                    "{function}: cannot read the default of positional-only parameter `{}` to pass a later one ({e}); pass `{}` explicitly",
                    self.param, self.param
                )),
            )),
        }
    }

    /// [`PositionalDefault::get`] for a method `name` of `receiver`'s class.
    pub fn get_method<'py>(
        &'py self,
        receiver: &Bound<'py, PyAny>,
        name: &'static str,
        function: &'static str,
    ) -> Result<Bound<'py, PyAny>> {
        let method = receiver.getattr(name).map_err(|e| Error::from_pyerr(receiver.py(), e))?;
        self.get(&method, function)
    }
}

fn read_default(callable: &Bound<'_, PyAny>, param: &str) -> PyResult<Py<PyAny>> {
    let inspect = callable.py().import("inspect")?;
    let parameter = inspect.call_method1("signature", (callable,))?.getattr("parameters")?.get_item(param)?;
    let default = parameter.getattr("default")?;
    if default.is(&parameter.getattr("empty")?) {
        return Err(pyo3::exceptions::PyTypeError::new_err("the signature gives it no default"));
    }
    Ok(default.unbind())
}

impl std::fmt::Debug for PositionalDefault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PositionalDefault({})", self.param)
    }
}
