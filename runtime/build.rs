//! Publishes what pyo3 was configured with:
//! - `DEP_PYBRIDGE_LIB_DIR` (metadata) so `pybridge_build` can give embedding binaries an rpath
//!   to the same libpython;
//! - `PYBRIDGE_PYTHON_EXECUTABLE` (compile-time env of this crate) so an embedded interpreter's
//!   `sys.executable` is a real Python, which multiprocessing and subprocess need;
//! - pyo3's version cfgs (`Py_3_13`, …) for the few version-dependent FFI calls.

fn main() {
    let config = pyo3_build_config::get();
    if let Some(dir) = config.lib_dir() {
        println!("cargo::metadata=lib_dir={dir}");
    }
    println!("cargo::rustc-env=PYBRIDGE_PYTHON_EXECUTABLE={}", config.executable().unwrap_or(""));
    pyo3_build_config::use_pyo3_cfgs();
    println!("cargo::rerun-if-changed=build.rs");
}
