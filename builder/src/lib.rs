//! pybridge for build.rs and the CLI: run a spec through the phases, render diagnostics, and
//! deliver the outputs atomically.
//!
//! The phases: parse → resolve → check (in `pybridge-model`) → emit (in `pybridge-codegen`) →
//! deliver (here, [`write`](mod@write)). Use [`Builder`] from build.rs; the `bindgen-cli` binary is a thin
//! shell over [`check_spec`] and [`generate`].

mod builder;
mod engine;
mod scaffold;
mod scan;
pub mod write;

pub use builder::{Builder, link_libpython_rpath};
pub use engine::{Failure, OutputFile, check_spec, generate, generate_pyi_from_source, plan_outputs, plan_wheel_stubs};
pub use scaffold::{NewProject, ProjectKind, PybridgeSource, new_project, plan_project};
pub use scan::{
    ScanOptions, check_against_live, describe as scan_describe, glob as scan_glob, interpreter as scan_interpreter,
    scan_module,
};
pub use write::WriteOutcome;
