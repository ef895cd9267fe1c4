//! The spec property test's runner: generated specs (and the kept regressions) → `check` →
//! `gen` (the build.rs `Builder`, as a user's build runs it) → ONE crate holding every spec's
//! output in its own module beside its user module → one `cargo build`. rustc's errors are
//! mapped back to the spec whose files they are in; a failing spec can be minimised (items
//! dropped while it still passes `check` and still fails to compile with the same error code).

//!
//! `case.rs`: one spec of a run; `regressions.rs`: the kept regressions; `batch.rs`: the crate
//! of a batch and its build; `rustc_errors.rs`: rustc's errors mapped back to the specs;
//! `minimise.rs`: shrinking a failing spec.

mod batch;
mod case;
mod minimise;
mod regressions;
mod rustc_errors;

pub use batch::{Outcome, Workspace, run};
pub use case::Case;
pub use minimise::{minimise, reductions};
pub use regressions::{Regression, regressions, regressions_dir, save_regression};
