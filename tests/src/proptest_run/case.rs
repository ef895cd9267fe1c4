//! One spec of a run: generated from a seed (as a spec or as a `#[py_embed]` module), or kept
//! as a regression.

use crate::specgen::{self, Spec};

/// One spec of a run: its text, the user's Rust beside it, the stubs' exercise code.
#[derive(Clone, Debug)]
pub struct Case {
    /// The module name in the crate (`pt17`, `reg_x`): every generated name contains it.
    pub slot: String,
    /// Where it came from (`seed 17`, a regression file).
    pub origin: String,
    /// The spec.
    pub yaml: String,
    /// The user's Rust (the items an `export:` wraps).
    pub user: String,
    /// Never-run calls of each import stub.
    pub exercise: String,
    /// The generated model, when it came from the generator (for minimising).
    pub spec: Option<Spec>,
    /// A `#[py_embed]` case: the module's source (then `yaml` is empty).
    pub attribute: Option<String>,
}

impl Case {
    /// The case of generator seed `seed`.
    pub fn generated(seed: u64) -> Case {
        let slot = format!("pt{seed}");
        let spec = specgen::generate(seed, &slot);
        Case::from_spec(spec, &slot, format!("seed {seed}")).unwrap_or_else(|e| panic!("seed {seed}: {e}"))
    }

    /// Renders a generated model.
    pub fn from_spec(spec: Spec, slot: &str, origin: String) -> Result<Case, String> {
        let r = specgen::render(&spec, slot)?;
        Ok(Case {
            slot: slot.into(),
            origin,
            yaml: r.yaml,
            user: r.user,
            exercise: r.exercise,
            spec: Some(spec),
            attribute: None,
        })
    }

    /// The `#[py_embed]` case of generator seed `seed` (its export written as an attribute-declared
    /// module), if that seed has an export.
    pub fn attribute(seed: u64) -> Option<Case> {
        let slot = format!("pa{seed}");
        let spec = specgen::generate(seed, &slot);
        let source = specgen::render_attribute(&spec, &slot).ok()?;
        Some(Case {
            slot,
            origin: format!("seed {seed}, #[py_embed]"),
            yaml: String::new(),
            user: String::new(),
            exercise: String::new(),
            spec: Some(spec),
            attribute: Some(source),
        })
    }
}
