//! pyo3_bindgen imports the Python module at build time to generate its bindings.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let python_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../python");
    println!("cargo:rerun-if-changed={python_dir}/bench_mod.py");
    std::env::set_var("PYTHONPATH", python_dir);
    pyo3_bindgen::Codegen::default()
        .module_name("bench_mod")?
        .build(format!("{}/bindings.rs", std::env::var("OUT_DIR")?))?;
    Ok(())
}
