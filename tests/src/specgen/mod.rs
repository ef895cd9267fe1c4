//! The spec property test's generator: random *valid* specs across the whole grammar, each
//! with the Rust a real user would write beside it (the items an `export:` wraps) and a
//! never-run function per import stub that calls it with the documented Rust types, so the
//! stub's signature is checked by rustc. Deterministic from a seed (SplitMix64, no deps).
//!
//! `crate::proptest_run` turns a batch of these into one crate and builds it.
//!
//! Known findings (spec shapes `check` accepts but whose output does not compile, or binds
//! wrongly, that the lead is fixing) are kept out of the generator by [`KNOWN_FINDINGS`](crate::specgen::KNOWN_FINDINGS): one
//! entry per finding. Remove an entry once its fix lands; the generator then produces that
//! shape again and the regression specs tagged `# known-finding: <Name>` in
//! `tests/proptest_regressions/` join the regular replay. `PYBRIDGE_PROPTEST_ENABLE=Name,Name`
//! (or `all`) re-enables entries for one run, which is how to show that the test can fail.

mod export;
mod findings;
mod generate;
mod import;
mod model;
mod names;
mod render;
mod render_attr;
mod render_export;
mod render_import;
mod rng;

use export::*;
pub use findings::{Finding, KNOWN_FINDINGS, REFUSED_SHAPES, allowed};
use generate::*;
pub use generate::{generate, param_rust, walk};
use import::*;
pub use model::*;
use names::{PLAIN_NAMES, TRICKY_NAMES};
use render::*;
pub use render::{render, usable_type_name};
pub use render_attr::render_attribute;
pub use rng::Rng;

/// Where the user's module lives in the test crate (the spec's `rust:` paths use it).
pub fn user_module(slot: &str) -> String {
    format!("crate::{slot}_user")
}
