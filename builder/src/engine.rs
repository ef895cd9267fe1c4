//! The engine under the CLI and build.rs: read a spec, run the phases, render diagnostics,
//! and plan the output files. Nothing is written here (see `write.rs`).

use std::fmt;
use std::path::{Path, PathBuf};

use pybridge_codegen::{emit_bridge_rust, emit_pyi};
use pybridge_model::render::render_diagnostics;
use pybridge_model::{Bridge, load_and_check};

/// Why a run failed.
///
/// ```
/// let failure = pybridge_build::check_spec("no/such/spec.yaml".as_ref()).unwrap_err();
/// assert!(matches!(failure, pybridge_build::Failure::Io(_)));
/// assert!(failure.to_string().starts_with("error: cannot read spec no/such/spec.yaml"));
/// ```
#[derive(Debug)]
pub enum Failure {
    /// The spec has problems; the rendered diagnostics (`file:line:col: error: ...`).
    Invalid(String),
    /// A file could not be read or written.
    Io(String),
}

impl Failure {
    /// The process exit code for this failure: 1 for an invalid spec, 2 for I/O.
    ///
    /// ```
    /// use pybridge_build::Failure;
    /// assert_eq!(Failure::Invalid("spec.yaml:1:1: error: …".into()).exit_code(), 1);
    /// assert_eq!(Failure::Io("cannot read".into()).exit_code(), 2);
    /// ```
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Invalid(_) => 1,
            Failure::Io(_) => 2,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Invalid(text) => f.write_str(text.trim_end()),
            Failure::Io(text) => write!(f, "error: {text}"),
        }
    }
}

impl std::error::Error for Failure {}

/// One planned output file.
///
/// ```
/// let file = pybridge_build::OutputFile { name: "m.pyi".into(), contents: "x: int\n".into() };
/// assert_eq!(file.name, "m.pyi");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// File name inside the output directory.
    pub name: String,
    /// Its complete contents.
    pub contents: String,
}

/// Reads and checks a spec. `path` is shown in diagnostics as given.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("pybridge-doc-check-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let spec = dir.join("model.yaml");
/// std::fs::write(&spec, "version: 1\nimport:\n  - module: math\n    functions:\n      - { name: sqrt, params: [{ name: x, type: flaot }] }\n").unwrap();
/// let failure = pybridge_build::check_spec(&spec).unwrap_err();
/// // Located, with a suggestion.
/// assert!(failure.to_string().contains("model.yaml:5:49: error: unknown type `flaot`"), "{failure}");
/// assert!(failure.to_string().contains("did you mean `float`?"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn check_spec(path: &Path) -> Result<Bridge, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::Io(format!("cannot read spec {}: {e}", path.display())))?;
    let (source, result) = load_and_check(&bytes);
    result.map_err(|diags| Failure::Invalid(render_diagnostics(&path.display().to_string(), &source, &diags)))
}

/// The files a checked spec generates: `<spec stem>.rs` with all Rust (export glue and import
/// stubs), and `<module>.pyi` for the export module.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("pybridge-doc-plan-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let spec = dir.join("fastgeo.yaml");
/// std::fs::write(&spec, "version: 1\nmodule: fastgeo\nexport:\n  functions:\n    - { name: add, rust: crate::add, params: [{ name: a, type: i64 }], returns: i64 }\n").unwrap();
/// let bridge = pybridge_build::check_spec(&spec).unwrap();
/// let files = pybridge_build::plan_outputs(&bridge, &spec);
/// let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
/// assert_eq!(names, ["fastgeo.rs", "fastgeo.pyi"]);
/// assert!(files[1].contents.contains("def add(a: int) -> int:"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn plan_outputs(bridge: &Bridge, spec_path: &Path) -> Vec<OutputFile> {
    let source = spec_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "spec".into());
    let stem = spec_path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "spec".into());
    let mut files = vec![OutputFile {
        name: format!("{}.rs", stem.replace(['-', '.'], "_")),
        contents: emit_bridge_rust(bridge, &source),
    }];
    if let Some(export) = bridge.export() {
        files.push(OutputFile { name: format!("{}.pyi", export.name.py), contents: emit_pyi(export, &source) });
    }
    files
}

/// Check, plan and write: the whole `gen` run. Returns the written paths (unchanged files
/// included) in plan order.
///
/// ```
/// use pybridge_build::WriteOutcome;
/// let dir = std::env::temp_dir().join(format!("pybridge-doc-gen-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let spec = dir.join("model.yaml");
/// std::fs::write(&spec, "version: 1\nimport:\n  - module: math\n    functions:\n      - { name: sqrt, params: [{ name: x, type: float }], returns: float }\n").unwrap();
/// let written = pybridge_build::generate(&spec, &dir.join("out")).unwrap();
/// assert_eq!(written, [(dir.join("out/model.rs"), WriteOutcome::Written)]);
/// // Again: nothing changes, nothing is touched.
/// let again = pybridge_build::generate(&spec, &dir.join("out")).unwrap();
/// assert_eq!(again[0].1, WriteOutcome::Unchanged);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn generate(spec_path: &Path, out_dir: &Path) -> Result<Vec<(PathBuf, crate::write::WriteOutcome)>, Failure> {
    let bridge = check_spec(spec_path)?;
    let files = plan_outputs(&bridge, spec_path);
    crate::write::write_outputs(out_dir, &files)
}

/// Writes `<module>.pyi` for every `#[py_embed] mod` found in the Rust source file `src`
/// (stubs for an attribute-declared crate, from the same model the attribute expands).
///
/// ```
/// let dir = std::env::temp_dir().join(format!("pybridge-doc-pyi-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let source = dir.join("lib.rs");
/// std::fs::write(&source, "#[pybridge::py_embed]\npub mod fastmath {\n    #[py_embed]\n    pub fn add(a: i64, b: i64) -> i64 { a + b }\n}\n").unwrap();
/// let written = pybridge_build::generate_pyi_from_source(&source, &dir).unwrap();
/// assert_eq!(written[0].0, dir.join("fastmath.pyi"));
/// assert!(std::fs::read_to_string(dir.join("fastmath.pyi")).unwrap().contains("def add(a: int, b: int) -> int:"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn generate_pyi_from_source(
    src: &Path,
    out_dir: &Path,
) -> Result<Vec<(PathBuf, crate::write::WriteOutcome)>, Failure> {
    let files = plan_pyi_from_source(src)?.into_iter().map(|(_, file)| file).collect::<Vec<_>>();
    crate::write::write_outputs(out_dir, &files)
}

/// The `<module>.pyi` of every `#[py_embed] mod` in the Rust source file `src`, each with its
/// module's Python name.
pub(crate) fn plan_pyi_from_source(src: &Path) -> Result<Vec<(String, OutputFile)>, Failure> {
    let source =
        std::fs::read_to_string(src).map_err(|e| Failure::Io(format!("cannot read {}: {e}", src.display())))?;
    let mut diags = pybridge_model::Diagnostics::new();
    let modules = pybridge_model::rust::scan_source(&source, &mut diags);
    if diags.has_errors() {
        return Err(Failure::Invalid(render_diagnostics(&src.display().to_string(), &source, &diags.into_sorted())));
    }
    if modules.is_empty() {
        return Err(Failure::Invalid(format!("{}: error: no `#[py_embed] mod` found\n", src.display())));
    }
    let name = src.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(modules
        .iter()
        .map(|m| {
            let file = OutputFile { name: format!("{}.pyi", m.name.py), contents: emit_pyi(m, &name) };
            (m.name.py.clone(), file)
        })
        .collect())
}

/// The package layout of an extension module `m`'s stubs inside a wheel, as maturin builds a
/// pure-Rust project: `m/__init__.pyi` for the package maturin wraps the extension in,
/// `m/m.pyi` for the extension module itself (so `mypy.stubtest m` finds stubs for both), and
/// `m/py.typed`. The Builder writes it into `OUT_DIR`, which a maturin `include` packages:
///
/// ```toml
/// [tool.maturin]
/// include = [{ path = "m/*", from = "out-dir", to = "" }]
/// ```
///
/// ```
/// let files = pybridge_build::plan_wheel_stubs("fastgeo", "def add(a: int) -> int: ...\n");
/// let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
/// assert_eq!(names, ["fastgeo/__init__.pyi", "fastgeo/fastgeo.pyi", "fastgeo/py.typed"]);
/// ```
pub fn plan_wheel_stubs(module: &str, pyi: &str) -> Vec<OutputFile> {
    vec![
        OutputFile { name: format!("{module}/__init__.pyi"), contents: pyi.to_owned() },
        OutputFile { name: format!("{module}/{module}.pyi"), contents: pyi.to_owned() },
        OutputFile {
            name: format!("{module}/py.typed"),
            contents: "# Marker file for PEP 561: this package ships its type stubs.\n".to_owned(),
        },
    ]
}
