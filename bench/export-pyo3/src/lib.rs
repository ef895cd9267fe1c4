//! The benchmark's call shapes written by hand with PyO3 (module `bench_pyo3`), as a PyO3 user
//! would write them.

use pyo3::prelude::*;

pyo3::create_exception!(bench_pyo3, Failure, pyo3::exceptions::PyValueError);

/// Does nothing.
#[pyfunction]
fn f() {}

/// Adds two ints.
#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// The length of a string, in characters.
#[pyfunction]
fn length(s: &str) -> usize {
    s.chars().count()
}

/// Sums a list of floats.
#[pyfunction]
fn total(values: Vec<f64>) -> f64 {
    values.iter().sum()
}

/// Raises ValueError.
#[pyfunction]
fn fail() -> PyResult<()> {
    Err(Failure::new_err("failure"))
}

/// An object with a method and a property.
#[pyclass]
struct Obj {
    #[pyo3(get)]
    x: i64,
}

#[pymethods]
impl Obj {
    #[new]
    fn new() -> Self {
        Obj { x: 1 }
    }

    fn m(&self) {}

    fn __add__(&self, other: i64) -> i64 {
        self.x + other
    }

    fn __len__(&self) -> usize {
        self.x as usize
    }

    fn __getitem__(&self, index: i64) -> i64 {
        self.x + index
    }
}

#[pymodule]
fn bench_pyo3(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(f, m)?)?;
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(length, m)?)?;
    m.add_function(wrap_pyfunction!(total, m)?)?;
    m.add_function(wrap_pyfunction!(fail, m)?)?;
    m.add_class::<Obj>()?;
    m.add("Failure", m.py().get_type::<Failure>())?;
    Ok(())
}
