//! Publishes what pyo3 was configured with:
//! - `DEP_PYBRIDGE_LIB_DIR` (metadata) so `pybridge_build` can give embedding binaries an rpath
//!   to the same libpython;
//! - `PYBRIDGE_PYTHON_EXECUTABLE` (compile-time env of this crate) so an embedded interpreter's
//!   `sys.executable` is a real Python, which multiprocessing and subprocess need;
//! - `PYBRIDGE_RUSTC` (compile-time env): the compiler building this crate (`rustc -vV`'s
//!   release, commit hash and host), part of the fingerprint a class shared across extension
//!   modules is compared by (`src/shared/`);
//! - pyo3's version cfgs (`Py_3_13`, …) for the few version-dependent FFI calls.

fn main() {
    let config = pyo3_build_config::get();
    if let Some(dir) = config.lib_dir() {
        println!("cargo::metadata=lib_dir={dir}");
    }
    println!("cargo::rustc-env=PYBRIDGE_PYTHON_EXECUTABLE={}", config.executable().unwrap_or(""));
    println!("cargo::rustc-env=PYBRIDGE_RUSTC={}", rustc_version());
    pyo3_build_config::use_pyo3_cfgs();
    println!("cargo::rerun-if-changed=build.rs");
}

/// `release commit-hash host` of the compiler cargo runs; "unknown …" (which matches nothing)
/// when it cannot be asked.
fn rustc_version() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = std::process::Command::new(&rustc).arg("-vV").output() else {
        return format!("unknown ({rustc} did not run)");
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| text.lines().find_map(|l| l.strip_prefix(name)).unwrap_or("?").trim().to_string();
    format!("rustc {} ({}) {}", field("release:"), field("commit-hash:"), field("host:"))
}
