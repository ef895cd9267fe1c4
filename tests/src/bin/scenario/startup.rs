//! The interpreter's configuration and start: a second start, `sys.executable`, a broken
//! PYTHONHOME, isolated mode, the libpython loaded, development mode.

use pybridge::__private::pyo3::types::PyAnyMethods;
use pybridge::Interpreter;
use pybridge_tests::skeleton::math;

use crate::start;

/// A second start is a clear error; implicit starts stay no-ops.
pub(crate) fn start_twice() -> Result<String, String> {
    math::sqrt(4.0).map_err(|e| e.to_string())?; // implicit start
    let err = Interpreter::builder().isolated(true).start().expect_err("second start must fail");
    let text = err.to_string();
    if !text.contains("already running") {
        return Err(format!("unclear error: {text}"));
    }
    math::sqrt(9.0).map_err(|e| e.to_string())?;
    Ok(text)
}

/// `sys.executable` is a real Python (multiprocessing needs it), and an activated virtualenv
/// is honoured.
pub(crate) fn sys_executable() -> Result<String, String> {
    let (executable, prefix) = pybridge::attach(|py| -> Result<(String, String), String> {
        let sys = py.import("sys").map_err(|e| e.to_string())?;
        let get = |name: &str| -> Result<String, String> {
            sys.getattr(name).and_then(|v| v.extract()).map_err(|e| e.to_string())
        };
        Ok((get("executable")?, get("prefix")?))
    })?;
    let this = std::env::current_exe().map_err(|e| e.to_string())?;
    if std::path::Path::new(&executable) == this {
        return Err(format!("sys.executable is this binary: {executable}"));
    }
    let name =
        std::path::Path::new(&executable).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if !name.starts_with("python") {
        return Err(format!("sys.executable is not a Python: {executable}"));
    }
    Ok(format!("{executable} {prefix}"))
}

/// A broken PYTHONHOME is an error value, not a crash or a hang.
pub(crate) fn broken_home() -> Result<String, String> {
    match pybridge::try_attach(|_py| ()) {
        Err(e) if matches!(e.kind(), pybridge::ErrorKind::Interpreter(_)) => {
            // A second attempt reports the same error rather than retrying a half-started CPython.
            let again = pybridge::try_attach(|_py| ()).expect_err("still broken");
            Ok(format!("{e} / again: {again}"))
        }
        Err(e) => Err(format!("wrong error kind: {e:?}")),
        Ok(()) => Err("started with a broken PYTHONHOME".into()),
    }
}

/// Isolated mode reaches CPython's flags.
pub(crate) fn isolated() -> Result<String, String> {
    Interpreter::builder().isolated(true).start().map_err(|e| e.to_string())?;
    let flag: i64 = pybridge::attach(|py| -> Result<i64, String> {
        let sys = py.import("sys").map_err(|e| e.to_string())?;
        sys.getattr("flags").and_then(|f| f.getattr("isolated")).and_then(|v| v.extract()).map_err(|e| e.to_string())
    })?;
    if flag != 1 {
        return Err(format!("sys.flags.isolated = {flag}"));
    }
    Ok("sys.flags.isolated = 1".into())
}

/// The libpython mapped into the process is the one of the Python pyo3 was built for (the
/// rpath), not another installation's.
pub(crate) fn libpython() -> Result<String, String> {
    math::sqrt(1.0).map_err(|e| e.to_string())?;
    let maps = std::fs::read_to_string("/proc/self/maps").map_err(|e| e.to_string())?;
    let loaded: Vec<&str> = maps
        .lines()
        .filter_map(|l| l.split_whitespace().nth(5))
        .filter(|p| p.contains("libpython3"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    // A virtualenv's python is a symlink into the base installation, which holds libpython.
    let real = std::path::Path::new(pybridge::__private::BUILD_PYTHON).canonicalize().map_err(|e| e.to_string())?;
    let prefix = real.parent().and_then(|bin| bin.parent()).ok_or("no build python")?.to_path_buf();
    match loaded.as_slice() {
        [one] if std::path::Path::new(one).starts_with(&prefix) => Ok(format!("{one} (under {})", prefix.display())),
        other => Err(format!("loaded {other:?}, expected one libpython under {}", prefix.display())),
    }
}

/// What the embedded interpreter's development mode and allocator are (the dev-mode run of
/// every scenario checks that the environment reached CPython).
pub(crate) fn dev_mode() -> Result<String, String> {
    start()?;
    pybridge::attach(|py| -> Result<String, String> {
        let code = c"import sys, _testinternalcapi as t\nfrom_env = (sys.flags.dev_mode, t.get_configs()['pre_config']['allocator'])";
        let globals = pybridge::__private::pyo3::types::PyDict::new(py);
        py.run(code, Some(&globals), None).map_err(|e| pybridge::Error::from(e).to_string())?;
        let (dev, allocator): (bool, i64) =
            globals.get_item("from_env").and_then(|v| v.extract()).map_err(|e| pybridge::Error::from(e).to_string())?;
        Ok(format!("dev_mode={dev} allocator={allocator}"))
    })
}
