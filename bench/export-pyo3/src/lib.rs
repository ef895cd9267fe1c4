//! The benchmark's call shapes written by hand with PyO3 (module `bench_pyo3`), as a PyO3 user
//! would write them.

use pyo3::buffer::PyBuffer;
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

/// The length of a string's UTF-8 text, in bytes (the same O(1) body in every implementation).
#[pyfunction]
fn length(s: &str) -> usize {
    s.len()
}

/// Sums a list of floats.
#[pyfunction]
fn total(values: Vec<f64>) -> f64 {
    values.iter().sum()
}

/// Sums a float64 buffer in place (a numpy array) through `PyBuffer<f64>`, as pyo3 0.30 has it
/// (`as_slice_ptr`: its safe `as_slice` is deprecated as unsound).
#[pyfunction]
fn total_slice(values: PyBuffer<f64>) -> PyResult<f64> {
    let slice = values
        .as_slice_ptr()
        .ok_or_else(|| pyo3::exceptions::PyBufferError::new_err("expected a C-contiguous buffer"))?;
    // SAFETY: the buffer is held (and its memory kept) until `values` drops, after the sum; this
    // function holds the interpreter and runs no Python code meanwhile, so nothing writes it.
    let slice = unsafe { slice.as_ref() };
    Ok(slice.iter().sum())
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
    #[pyo3(get, set)]
    y: i64,
}

#[pymethods]
impl Obj {
    #[new]
    fn new() -> Self {
        Obj { x: 1, y: 0 }
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

/// A 2-D vector: `a + b` of two objects.
#[pyclass]
#[derive(Clone)]
struct Vec2 {
    #[pyo3(get)]
    x: f64,
    #[pyo3(get)]
    y: f64,
}

#[pymethods]
impl Vec2 {
    #[new]
    fn new(x: f64, y: f64) -> Self {
        Vec2 { x, y }
    }

    fn __add__(&self, other: PyRef<'_, Vec2>) -> Vec2 {
        Vec2 { x: self.x + other.x, y: self.y + other.y }
    }
}

/// Numbers `0..n`, iterated lazily by [`NumbersIter`].
#[pyclass]
struct Numbers {
    values: Vec<i64>,
}

#[pymethods]
impl Numbers {
    #[new]
    fn new(n: i64) -> Self {
        Numbers { values: (0..n).collect() }
    }

    fn items(slf: Py<Self>) -> NumbersIter {
        NumbersIter { owner: slf, index: 0 }
    }
}

/// The iterator a PyO3 user writes over a parent's `Vec`: it keeps the parent alive and reads
/// one item per `__next__` through a shared borrow of it.
#[pyclass]
struct NumbersIter {
    owner: Py<Numbers>,
    index: usize,
}

#[pymethods]
impl NumbersIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> Option<i64> {
        let item = self.owner.borrow(py).values.get(self.index).copied();
        self.index += 1;
        item
    }
}

#[pymodule]
fn bench_pyo3(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(f, m)?)?;
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(length, m)?)?;
    m.add_function(wrap_pyfunction!(total, m)?)?;
    m.add_function(wrap_pyfunction!(total_slice, m)?)?;
    m.add_function(wrap_pyfunction!(fail, m)?)?;
    m.add_class::<Obj>()?;
    m.add_class::<Vec2>()?;
    m.add_class::<Numbers>()?;
    m.add_class::<NumbersIter>()?;
    m.add("Failure", m.py().get_type::<Failure>())?;
    Ok(())
}
