//! Shrinking a failing spec: one-step reductions (drop one item), kept while the spec still
//! passes `check` and still fails to compile with the same error.

use super::{Case, Outcome, Workspace, run};
use crate::specgen::{self, Spec};

/// One-step reductions of a spec: drop one item (coarsest first).
pub fn reductions(spec: &Spec) -> Vec<Spec> {
    let mut out = Vec::new();
    macro_rules! each {
        (|$s:ident| $place:expr) => {{
            let n = {
                let $s = &mut spec.clone();
                ($place).len()
            };
            for i in 0..n {
                let mut owned = spec.clone();
                {
                    let $s = &mut owned;
                    ($place).remove(i);
                }
                out.push(owned);
            }
        }};
    }
    if spec.export.is_some() {
        let mut s = spec.clone();
        s.export = None;
        out.push(s);
    }
    each!(|s| s.imports);
    if spec.export.is_some() {
        each!(|s| s.export.as_mut().unwrap().classes);
        each!(|s| s.export.as_mut().unwrap().functions);
        each!(|s| s.export.as_mut().unwrap().enums);
        each!(|s| s.export.as_mut().unwrap().constants);
        each!(|s| s.export.as_mut().unwrap().exceptions);
        let classes = spec.export.as_ref().map_or(0, |e| e.classes.len());
        for c in 0..classes {
            each!(|s| s.export.as_mut().unwrap().classes[c].methods);
            each!(|s| s.export.as_mut().unwrap().classes[c].attrs);
            let mut s = spec.clone();
            let class = &mut s.export.as_mut().unwrap().classes[c];
            if class.ctor.take().is_some() {
                out.push(s);
            }
            let mut s = spec.clone();
            let class = &mut s.export.as_mut().unwrap().classes[c];
            if !class.traits.is_empty() || class.item.is_some() || class.raises.is_some() || class.generic.is_some() {
                class.traits.clear();
                class.item = None;
                class.raises = None;
                class.generic = None;
                out.push(s);
            }
            let methods = spec.export.as_ref().map_or(0, |e| e.classes[c].methods.len());
            for m in 0..methods {
                each!(|s| s.export.as_mut().unwrap().classes[c].methods[m].params);
            }
            if spec.export.as_ref().is_some_and(|e| e.classes[c].ctor.is_some()) {
                each!(|s| s.export.as_mut().unwrap().classes[c].ctor.as_mut().unwrap().params);
            }
        }
        let functions = spec.export.as_ref().map_or(0, |e| e.functions.len());
        for f in 0..functions {
            each!(|s| s.export.as_mut().unwrap().functions[f].params);
        }
    }
    for i in 0..spec.imports.len() {
        each!(|s| s.imports[i].functions);
        each!(|s| s.imports[i].classes);
        each!(|s| s.imports[i].constants);
        each!(|s| s.imports[i].exceptions);
        for c in 0..spec.imports[i].classes.len() {
            each!(|s| s.imports[i].classes[c].methods);
            each!(|s| s.imports[i].classes[c].attrs);
            let mut s = spec.clone();
            if s.imports[i].classes[c].ctor.take().is_some() {
                out.push(s);
            }
        }
        for f in 0..spec.imports[i].functions.len() {
            each!(|s| s.imports[i].functions[f].params);
        }
    }
    out
}

/// Drops items from a failing generated case while it still passes `check` and still fails
/// to compile with (one of) the same error code(s). At most `budget` builds.
pub fn minimise(
    ws: &Workspace,
    case: &Case,
    codes: &[String],
    first_error: &str,
    budget: usize,
    log: &mut dyn FnMut(&str),
) -> Case {
    let Some(mut spec) = case.spec.clone() else { return case.clone() };
    let mut best = case.clone();
    let mut builds = 0;
    // The same error: one of its codes, or (errors without a code) the same first line.
    let still_fails = |o: &Outcome, slot: &str| {
        let got = o.codes.get(slot).cloned().unwrap_or_default();
        let first = o.errors.get(slot).and_then(|e| e.first()).and_then(|e| e.lines().next()).unwrap_or_default();
        o.errors.contains_key(slot)
            && if codes.is_empty() { first == first_error } else { codes.iter().any(|c| got.contains(c)) }
    };
    'outer: loop {
        for candidate in reductions(&spec) {
            if builds >= budget {
                break 'outer;
            }
            let c = if case.attribute.is_some() {
                let Ok(source) = specgen::render_attribute(&candidate, &case.slot) else { continue };
                Case { attribute: Some(source), spec: Some(candidate.clone()), ..case.clone() }
            } else {
                let Ok(c) = Case::from_spec(candidate.clone(), &case.slot, case.origin.clone()) else { continue };
                // Refused by check: not a candidate (no build needed).
                let (_, checked) = pybridge_model::load_and_check(c.yaml.as_bytes());
                if checked.is_err() {
                    continue;
                }
                c
            };
            builds += 1;
            let outcome = run(ws, std::slice::from_ref(&c));
            if still_fails(&outcome, &c.slot) {
                let lines = |c: &Case| c.attribute.as_deref().unwrap_or(&c.yaml).lines().count();
                log(&format!("  minimise: {} → {} lines", lines(&best), lines(&c)));
                spec = candidate;
                best = c;
                continue 'outer;
            }
        }
        break;
    }
    best
}
