//! The build.rs entry point: generate into `OUT_DIR`, tell cargo to re-run only when the spec
//! changes, give embedding binaries an rpath to the libpython pyo3 was configured with, and
//! fail the build with the same rendered diagnostics as the CLI.

use std::path::{Path, PathBuf};

use crate::engine::{Failure, check_spec, plan_outputs};
use crate::write::write_outputs;

/// Generates bindings from a spec inside a build script.
///
/// ```no_run
/// // build.rs, inside `fn main`:
/// pybridge_build::Builder::new("specs/model.yaml").build();
/// // src/lib.rs or main.rs:
/// // include!(concat!(env!("OUT_DIR"), "/model.rs"));
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    spec: PathBuf,
    out_dir: Option<PathBuf>,
    /// The input is a Rust source file with `#[py_embed] mod`s (only `.pyi` is written).
    source: bool,
}

impl Builder {
    /// A builder for the spec at `spec` (relative to the package root, where build.rs runs).
    ///
    /// ```no_run
    /// let builder = pybridge_build::Builder::new("specs/model.yaml");
    /// ```
    pub fn new(spec: impl AsRef<Path>) -> Self {
        Builder { spec: spec.as_ref().to_path_buf(), out_dir: None, source: false }
    }

    /// A builder writing `<module>.pyi` for each `#[py_embed] mod` of a Rust source file (the
    /// stubs of an attribute-declared crate, from the same model the attribute expands).
    ///
    /// ```no_run
    /// // build.rs of an extension crate: stubs beside Cargo.toml, where maturin packages them.
    /// pybridge_build::Builder::from_source("src/lib.rs").out_dir(".").build();
    /// ```
    pub fn from_source(source: impl AsRef<Path>) -> Self {
        Builder { spec: source.as_ref().to_path_buf(), out_dir: None, source: true }
    }

    /// Writes somewhere other than `OUT_DIR`.
    ///
    /// ```no_run
    /// pybridge_build::Builder::new("specs/model.yaml").out_dir("target/bindings").build();
    /// ```
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Generates, returning the failure instead of stopping the build.
    ///
    /// ```no_run
    /// if let Err(failure) = pybridge_build::Builder::new("specs/model.yaml").try_build() {
    ///     eprintln!("{failure}");
    /// }
    /// ```
    pub fn try_build(&self) -> Result<Vec<PathBuf>, Failure> {
        println!("cargo::rerun-if-changed={}", self.spec.display());
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => PathBuf::from(
                std::env::var_os("OUT_DIR")
                    .ok_or_else(|| Failure::Io("OUT_DIR is not set: call the Builder from build.rs".into()))?,
            ),
        };
        if self.source {
            let written = crate::engine::generate_pyi_from_source(&self.spec, &out_dir)?;
            return Ok(written.into_iter().map(|(path, _)| path).collect());
        }
        let bridge = check_spec(&self.spec)?;
        // Embedding binaries need it; for extension modules it is harmless (the interpreter
        // that imports them has its libpython loaded already).
        link_libpython_rpath(bridge.imports().next().is_some());
        let files = plan_outputs(&bridge, &self.spec);
        Ok(write_outputs(&out_dir, &files)?.into_iter().map(|(path, _)| path).collect())
    }

    /// Generates, or prints the diagnostics and fails the build (exit status 1).
    ///
    /// ```no_run
    /// pybridge_build::Builder::new("specs/model.yaml").build();
    /// ```
    pub fn build(&self) {
        if let Err(failure) = self.try_build() {
            eprintln!("{failure}");
            std::process::exit(1);
        }
    }
}

/// Makes the binaries of the calling package load the libpython that pyo3 was built for (an
/// rpath to its directory). Without it, a machine with two Python installations may load the
/// other one, whose site-packages are not the configured interpreter's. Needs a direct
/// dependency on `pybridge`, which publishes the directory as `DEP_PYBRIDGE_LIB_DIR`.
///
/// ```no_run
/// // build.rs of a binary that embeds Python without a spec:
/// pybridge_build::link_libpython_rpath(true);
/// ```
///
/// With `warn_if_unknown`, a missing `DEP_PYBRIDGE_LIB_DIR` becomes a cargo warning.
pub fn link_libpython_rpath(warn_if_unknown: bool) {
    // The target's family, not the host's: build scripts run on the host.
    let unix_target = std::env::var("CARGO_CFG_TARGET_FAMILY").is_ok_and(|f| f.split(',').any(|f| f == "unix"));
    match std::env::var("DEP_PYBRIDGE_LIB_DIR") {
        Ok(dir) if !dir.is_empty() && unix_target => println!("cargo::rustc-link-arg=-Wl,-rpath,{dir}"),
        Ok(_) => {}
        Err(_) if warn_if_unknown => println!(
            "cargo::warning=pybridge: DEP_PYBRIDGE_LIB_DIR is not set; add `pybridge` as a direct dependency so binaries load the configured libpython"
        ),
        Err(_) => {}
    }
}
