//! The `#[py_embed]` compile-time contract, pinned with trybuild: every unsupported shape is a
//! compile error at the offending token (one diagnostic per file, grouped by category under
//! `tests/ui/`), and `tests/ui/pass/` holds shapes that must compile and run.
//!
//! Re-record the `.stderr` files with `TRYBUILD=overwrite cargo test -p pybridge-tests --test ui`.

#[test]
fn ui() {
    // The `pass` cases link libpython; let them find the one pyo3 was built for.
    let python = std::path::Path::new(pybridge::__private::BUILD_PYTHON);
    if let Some(lib) = python.canonicalize().ok().and_then(|p| p.parent()?.parent().map(|prefix| prefix.join("lib"))) {
        // SAFETY: this test binary runs this one test; no other thread reads the environment.
        unsafe { std::env::set_var("LD_LIBRARY_PATH", lib) };
    }
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    for category in [
        "generics",
        "lifetimes",
        "options",
        "roles",
        "shapes",
        "send",
        "names",
        "gil",
        "types",
        "module",
        "protocols",
        "signatures",
        "views",
    ] {
        cases.compile_fail(format!("ui/{category}/*.rs"));
    }
}
