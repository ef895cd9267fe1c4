//! Unit-only Rust enums as real Python enums: an `enum.Enum` (or `enum.IntEnum`) class made once
//! per process with the functional API, whose members stand for the Rust variants. Generated
//! code keeps one [`EnumClass`] per enum in a `static`; a Rust value crosses as the member at
//! its variant's position, and a Python member comes back as the position of the member it is
//! (members are singletons: pickling and copying return the same object).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};

/// What an enum class is made from: its module, name, docstring, kind and members (each a
/// Python name and its value, the Rust discriminant), in declaration order.
#[derive(Debug)]
pub struct EnumSpec {
    /// The module the class says it belongs to (`__module__`), so pickling finds it.
    pub module: &'static str,
    /// The class name.
    pub name: &'static str,
    /// The docstring, if any.
    pub doc: ::core::option::Option<&'static str>,
    /// An `enum.IntEnum` (members are ints) rather than an `enum.Enum`.
    pub int: bool,
    /// The members: Python name and value, in variant order.
    pub members: &'static [(&'static str, i64)],
}

struct Members {
    class: Py<PyType>,
    members: Vec<Py<PyAny>>,
}

/// The Python class of one unit-only enum, made on first use (module initialisation).
pub struct EnumClass {
    spec: EnumSpec,
    cell: PyOnceLock<Members>,
}

impl ::core::fmt::Debug for EnumClass {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("EnumClass").field("spec", &self.spec).finish_non_exhaustive()
    }
}

impl EnumClass {
    /// A class to be made from `spec`; nothing happens until first use.
    pub const fn new(spec: EnumSpec) -> Self {
        EnumClass { spec, cell: PyOnceLock::new() }
    }

    fn members<'py>(&'py self, py: Python<'py>) -> PyResult<&'py Members> {
        self.cell.get_or_try_init(py, || self.make(py))
    }

    fn make(&self, py: Python<'_>) -> PyResult<Members> {
        let spec = &self.spec;
        let enum_module = py.import("enum")?;
        let base = enum_module.getattr(if spec.int { "IntEnum" } else { "Enum" })?;
        let pairs = PyList::empty(py);
        for (name, value) in spec.members {
            pairs
                .append(PyTuple::new(py, [name.into_pyobject(py)?.into_any(), value.into_pyobject(py)?.into_any()])?)?;
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("module", spec.module)?;
        kwargs.set_item("qualname", spec.name)?;
        let class = base.call((spec.name, pairs), Some(&kwargs))?.cast_into::<PyType>()?;
        if let Some(doc) = spec.doc {
            class.setattr("__doc__", doc)?;
        }
        let members =
            spec.members.iter().map(|(name, _)| class.getattr(*name).map(Bound::unbind)).collect::<PyResult<_>>()?;
        Ok(Members { class: class.unbind(), members })
    }

    /// The class, made on first use.
    pub fn class<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyType>> {
        Ok(self.members(py)?.class.bind(py).clone())
    }

    /// The member at variant position `position`.
    pub fn member<'py>(&self, py: Python<'py>, position: usize) -> PyResult<Bound<'py, PyAny>> {
        let members = &self.members(py)?.members;
        match members.get(position) {
            Some(member) => Ok(member.bind(py).clone()),
            None => Err(self.no_variant(position)),
        }
    }

    /// The error for a position no variant has (a spec whose variants disagree with the class).
    pub fn no_variant(&self, position: usize) -> PyErr {
        pyo3::exceptions::PySystemError::new_err(format!("{}: no variant at position {position}", self.spec.name))
    }

    /// The variant position of `obj`, which must be one of the members; otherwise a
    /// `TypeError` naming the enum.
    pub fn position_of(&self, obj: &Bound<'_, PyAny>) -> PyResult<usize> {
        let members = self.members(obj.py())?;
        if let Some(position) = members.members.iter().position(|m| m.is(obj)) {
            return Ok(position);
        }
        let got = obj.get_type().qualname().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "expected a member of {}.{}, got {got}",
            self.spec.module, self.spec.name
        )))
    }
}
