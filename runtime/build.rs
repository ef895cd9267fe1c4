//! Publishes the libpython directory pyo3 was configured with as `DEP_PYBRIDGE_LIB_DIR`, so
//! `pybridge_build` can give embedding binaries an rpath to the same libpython.

fn main() {
    let config = pyo3_build_config::get();
    if let Some(dir) = config.lib_dir() {
        println!("cargo::metadata=lib_dir={dir}");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
