//! Parameter lists: unique names and Python's ordering rules.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Direction, FnKind, Function, Module, ParamKind};
use crate::origin::Origin;

use super::*;

/// Parameters: unique names, and Python's ordering rules (a positional parameter without a
/// default cannot follow one with a default, nor any keyword-only parameter).
pub(super) fn check_functions(module: &Module, diags: &mut Diagnostics) {
    let all = module.functions.iter().chain(module.classes.iter().flat_map(|c| c.methods.iter()));
    for f in all {
        check_params(f, diags);
        if module.direction == Direction::Import && f.kind == FnKind::MethodMut {
            diags.push(
                Diagnostic::new(f.origin, "`mut_method` is only for exported classes")
                    .help("Python methods have no `&mut self`; use `kind: method`"),
            );
        }
    }
}

pub(super) fn check_params(f: &Function, diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, Origin> = HashMap::new();
    let mut defaulted: Option<Origin> = None;
    let mut keyword_only: Option<Origin> = None;
    for p in &f.params {
        check_name(&p.name, "parameter", diags);
        unique(&mut seen, &p.name, "parameter", &format!("`{}`", f.name.py), diags);
        if p.kind == ParamKind::Keyword {
            keyword_only.get_or_insert(p.origin);
        } else if let Some(first) = keyword_only {
            // Python's rule: every parameter after `*` is keyword-only. Accepting this order
            // would leave the positional layout of the call to guesswork.
            diags.push(
                Diagnostic::new(
                    p.origin,
                    format!("positional parameter `{}` follows a keyword-only parameter", p.name.py),
                )
                .help("move it before the keyword-only parameters, or make it `kind: keyword` (in Python every parameter after `*` is keyword-only)")
                .note(first, "the first keyword-only parameter is here"),
            );
        }
        if p.kind == ParamKind::Positional {
            match (&p.default, defaulted) {
                (Some(_), None) => defaulted = Some(p.origin),
                (None, Some(first)) => diags.push(
                    Diagnostic::new(
                        p.origin,
                        format!("parameter `{}` has no default but follows one that has", p.name.py),
                    )
                    .help("give it a `default`, or make it `kind: keyword`")
                    .note(first, "the first defaulted parameter is here"),
                ),
                _ => {}
            }
        }
    }
}
