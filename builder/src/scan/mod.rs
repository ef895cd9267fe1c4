//! `bindgen-cli scan`: an import spec from a Python module, read live (imported in the target
//! interpreter: `inspect.signature` and the resolved annotations) or statically from a `.pyi`
//! (Python's own `ast`, never importing the module). Both run the scanner (`common.py`,
//! `live.py`, `stub.py`, `main.py`, one script) in that interpreter,
//! which describes the module as JSON with each type already in the spec's typing syntax (or
//! `Any` and a reason); here that becomes YAML, which is then checked: a type `check` refuses
//! becomes `Any` with check's message as the reason, an item it refuses is left out with the
//! message, so what `scan` writes always passes `check`.
//!
//! Why Python parses the stubs (see ARCHITECTURE.md): the interpreter the stubs are for is at
//! hand (the live scan needs it anyway), its `ast` is the grammar the stubs are written in,
//! every version's, and `if sys.version_info >= …` branches are evaluated by that very
//! interpreter, so the scan describes the module as that Python sees it.

mod drift;
mod merge;
mod render;

pub use drift::check_against_live;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::Failure;

/// The scanner script, run by the target interpreter: shared helpers, the live scan, the stub
/// scan, the drift check's probe and `main`, one file each, run as one script.
const SCRIPT: &str =
    concat!(include_str!("common.py"), include_str!("live.py"), include_str!("stub.py"), include_str!("main.py"));

/// What to scan and how.
///
/// ```
/// let options = pybridge_build::ScanOptions { include: vec!["dedent".into()], ..Default::default() };
/// let yaml = pybridge_build::scan_module("textwrap", &options).unwrap();
/// assert!(yaml.contains("- name: \"dedent\""), "{yaml}");
/// assert!(!yaml.contains("- name: \"indent\""));
/// ```
#[derive(Clone, Debug, Default)]
pub struct ScanOptions {
    /// The interpreter to run (default: `$VIRTUAL_ENV/bin/python`, then `$PYO3_PYTHON`, then
    /// `python3`).
    pub python: Option<PathBuf>,
    /// Read this `.pyi` file (or the module's stub inside this directory) instead of
    /// importing the module.
    pub pyi: Option<PathBuf>,
    /// Keep only the names matching one of these globs (`*`, `?`).
    pub include: Vec<String>,
    /// Leave out the names matching one of these globs.
    pub exclude: Vec<String>,
    /// Directories put first on the interpreter's `sys.path` (`PYTHONPATH`).
    pub sys_path: Vec<PathBuf>,
    /// The text of a spec to merge the scan into (`--merge`): its declarations, names, docs
    /// and types are kept, the module's signatures taken.
    pub merge: Option<String>,
}

/// `python -c <scanner> …` with `--sys-path` directories in front of any `PYTHONPATH`.
pub(crate) fn command(options: &ScanOptions) -> (PathBuf, Command) {
    let python = interpreter(options);
    let mut command = Command::new(&python);
    command.arg("-c").arg(SCRIPT);
    if !options.sys_path.is_empty() {
        let mut paths = options.sys_path.clone();
        if let Some(existing) = std::env::var_os("PYTHONPATH") {
            paths.extend(std::env::split_paths(&existing));
        }
        if let Ok(joined) = std::env::join_paths(paths) {
            command.env("PYTHONPATH", joined);
        }
    }
    (python, command)
}

/// The spec `scan` writes for `module`.
///
/// ```
/// let options = pybridge_build::ScanOptions::default();
/// let yaml = pybridge_build::scan_module("textwrap", &options).unwrap();
/// assert!(yaml.contains("- module: \"textwrap\""), "{yaml}");
/// ```
pub fn scan_module(module: &str, options: &ScanOptions) -> Result<String, Failure> {
    let mut description = describe(module, options)?;
    filter_items(&mut description, options);
    if let Some(existing) = &options.merge {
        merge::merge_into(&mut description, existing, module)?;
    }
    render::render_checked(module, &description, options.pyi.is_some())
}

/// The scanner's JSON description of `module`.
///
/// ```
/// let description = pybridge_build::scan_describe("textwrap", &Default::default()).unwrap();
/// assert!(description.to_string().contains("dedent"));
/// ```
pub fn describe(module: &str, options: &ScanOptions) -> Result<Value, Failure> {
    let (python, mut command) = command(options);
    match &options.pyi {
        Some(path) => {
            let file = stub_file(path, module)?;
            command.arg("pyi").arg(file).arg(module);
        }
        None => {
            command.arg("live").arg(module);
        }
    }
    let output = command
        .output()
        .map_err(|e| Failure::Io(format!("cannot run the Python interpreter {}: {e}", python.display())))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no message");
        return Err(Failure::Invalid(format!("error: scanning `{module}` failed in {}: {last}\n", python.display())));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| Failure::Io(format!("the scanner's output is not JSON: {e}")))
}

/// The interpreter a scan runs.
///
/// ```
/// let options = pybridge_build::ScanOptions { python: Some("/opt/python3.12/bin/python3".into()), ..Default::default() };
/// assert_eq!(pybridge_build::scan_interpreter(&options), std::path::Path::new("/opt/python3.12/bin/python3"));
/// ```
pub fn interpreter(options: &ScanOptions) -> PathBuf {
    if let Some(p) = &options.python {
        return p.clone();
    }
    if let Some(venv) = std::env::var_os("VIRTUAL_ENV").filter(|v| !v.is_empty()) {
        let python = Path::new(&venv).join("bin/python");
        if python.is_file() {
            return python;
        }
    }
    if let Some(p) = std::env::var_os("PYO3_PYTHON").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    PathBuf::from("python3")
}

/// `path` itself when it is a file, else `<dir>/<a>/<b>.pyi` or `<dir>/<a>/<b>/__init__.pyi`.
fn stub_file(path: &Path, module: &str) -> Result<PathBuf, Failure> {
    if path.is_file() {
        return Ok(path.to_path_buf());
    }
    let relative: PathBuf = module.split('.').collect();
    let candidates = [path.join(relative.with_extension("pyi")), path.join(&relative).join("__init__.pyi")];
    candidates.into_iter().find(|c| c.is_file()).ok_or_else(|| {
        Failure::Io(format!(
            "no stub for `{module}` in {} (looked for {}.pyi and {}/__init__.pyi)",
            path.display(),
            relative.display(),
            relative.display()
        ))
    })
}

/// Keeps the items `--include` selects and `--exclude` does not (each left-out name noted).
fn filter_items(description: &mut Value, options: &ScanOptions) {
    if options.include.is_empty() && options.exclude.is_empty() {
        return;
    }
    let keep = |name: &str| {
        (options.include.is_empty() || options.include.iter().any(|g| glob(g, name)))
            && !options.exclude.iter().any(|g| glob(g, name))
    };
    if let Some(items) = description.get_mut("items").and_then(Value::as_array_mut) {
        items.retain(|i| keep(i.get("name").and_then(Value::as_str).unwrap_or("")));
    }
}

/// `*` (any run) and `?` (one character) globs.
///
/// ```
/// assert!(pybridge_build::scan_glob("wr*", "wrap"));
/// assert!(!pybridge_build::scan_glob("?rap", "wraps"));
/// ```
pub fn glob(pattern: &str, name: &str) -> bool {
    fn go(p: &[char], n: &[char]) -> bool {
        match (p.first(), n.first()) {
            (None, None) => true,
            (Some('*'), _) => go(&p[1..], n) || (!n.is_empty() && go(p, &n[1..])),
            (Some('?'), Some(_)) => go(&p[1..], &n[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &n[1..]),
            _ => false,
        }
    }
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    go(&p, &n)
}
