//! The embedded interpreter of the tests: started once per test binary with `tests/python` on
//! `sys.path`, Python statements run attached.

use crate::workspace_root;

/// Makes `tests/python` importable (for `skel_mod`).
pub fn use_test_python() {
    pybridge::add_sys_path(workspace_root().join("tests/python")).expect("sys.path");
}

/// Starts the embedded interpreter (once per test binary) with `tests/python` on `sys.path`
/// and the extension module `name` linked in (its `PyInit_` function).
pub fn start_with_module(name: &str, init: pybridge::ModuleInit) {
    static START: std::sync::Once = std::sync::Once::new();
    START.call_once(|| {
        pybridge::Interpreter::builder()
            .sys_path(workspace_root().join("tests/python"))
            .module(name, init)
            .start()
            .expect("start the interpreter");
    });
}

/// Runs Python statements attached, in a namespace of their own (tests run on parallel threads,
/// which the GIL interleaves: a shared `__main__` would let one test's names replace another's
/// mid-run); an exception (an assertion) becomes a panic with its traceback. The interpreter
/// must have been started.
pub fn run_python(code: &str) {
    let code = std::ffi::CString::new(code).expect("no NUL");
    pybridge::attach(|py| py.run(&code, Some(&pybridge::pyo3::types::PyDict::new(py)), None))
        .map_err(pybridge::Error::from)
        .unwrap_or_else(|e| panic!("{e}"));
}
