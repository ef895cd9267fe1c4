//! pybridge's shared model and its front ends.
//!
//! - [`ir`]: the model (one tree for both directions, every node located);
//! - [`spec`]: the YAML front end; [`rust`]: the Rust-items front end used by `#[py_embed]`;
//! - [`resolve`] and [`check`]: the phases between parsing and emitting;
//! - [`diagnostics`] and [`render`]: collected, located problems and their text form.
//!
//! The phases, for a spec: [`spec::load_spec`] (parse + lower) → [`analyze`] (resolve + check),
//! with an error gate after each; emitters live in `pybridge-codegen`.

pub mod check;
pub mod code;
pub mod container_traits;
pub mod depth;
pub mod diagnostics;
mod dunder;
pub mod ir;
pub mod names;
pub mod operators;
pub mod origin;
pub mod protocols;
pub mod pytype;
#[cfg(feature = "spec")]
pub mod render;
pub mod resolve;
pub mod rust;
mod rustiter;
mod rustptr;
pub mod rusttype;
#[cfg(feature = "spec")]
pub mod spec;
pub mod std_types;
pub mod types;
pub mod unions;
#[cfg(feature = "spec")]
pub mod yaml;
#[cfg(feature = "spec")]
mod yaml_errors;

pub use code::{RustExpr, RustPath};
pub use diagnostics::{Diagnostic, Diagnostics};
pub use ir::*;
pub use origin::{Loc, Origin};
pub use types::{
    Capture, ClassRef, IntWidth, Keys, Lifetime, LiteralValue, MemberValue, Type, TypeKind, UnionMember, UnionType, Via,
};

/// Resolve, then check: the one gating rule between the phases, for every front end (spec,
/// attribute, scanned source). Resolve always runs, so unknown types are reported beside
/// lowering problems; check runs only when nothing fatal was reported so far (checks assume
/// lowered and resolved items; a recoverable problem, such as an unknown key whose mapping was
/// read anyway, does not stop it).
pub fn analyze(bridge: &mut Bridge, diags: &mut Diagnostics) {
    resolve::resolve_bridge(bridge, diags);
    if diags.fatal_count() == 0 {
        check::check_bridge(bridge, diags);
    }
}

/// Parse, lower, resolve and check a spec's bytes; the model when there was no problem.
#[cfg(feature = "spec")]
pub fn load_and_check(bytes: &[u8]) -> (String, Result<Bridge, Vec<Diagnostic>>) {
    let mut diags = Diagnostics::new();
    let source = match spec::decode_source(bytes) {
        Ok(s) => s,
        Err(d) => {
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            return (lossy, Err(vec![d]));
        }
    };
    let bridge = spec::load_spec(&source, &mut diags);
    let result = match bridge {
        Some(mut bridge) => {
            analyze(&mut bridge, &mut diags);
            if diags.has_errors() { Err(diags.into_sorted()) } else { Ok(bridge) }
        }
        None => Err(diags.into_sorted()),
    };
    let result = result.map_err(|list| {
        let widths = spec::line_widths(&source);
        list.into_iter()
            .map(|mut d| {
                if let Origin::Spec(loc) = d.origin {
                    d.origin = Origin::Spec(spec::clamp_loc(&widths, loc));
                }
                if let Some((Origin::Spec(loc), text)) = d.note.take() {
                    d.note = Some((Origin::Spec(spec::clamp_loc(&widths, loc)), text));
                }
                d
            })
            .collect()
    });
    (source, result)
}
