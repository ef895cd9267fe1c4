fn main() {
    pybridge_build::Builder::new("bench.yaml").build();
    // pyo3's version cfgs (`Py_3_12`) for the sub-interpreter spike.
    pyo3_build_config::use_pyo3_cfgs();
}
