//! The benchmark's array shape written with rust-numpy (module `bench_numpy`): a
//! `PyReadonlyArray1<f64>` parameter, the numpy crate's way to read an array in place.

use numpy::PyReadonlyArray1;
use pyo3::prelude::*;

/// Sums a contiguous 1-D float64 numpy array in place.
#[pyfunction]
fn total_slice(values: PyReadonlyArray1<'_, f64>) -> PyResult<f64> {
    Ok(values.as_slice()?.iter().sum())
}

#[pymodule]
fn bench_numpy(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(total_slice, m)?)?;
    Ok(())
}
