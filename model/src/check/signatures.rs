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
        check_param_kinds(f, module.direction, diags);
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
        } else if let Some(first) =
            keyword_only.filter(|_| matches!(p.kind, ParamKind::Positional | ParamKind::PositionalOnly))
        {
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
        if matches!(p.kind, ParamKind::Positional | ParamKind::PositionalOnly) {
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

/// The kinds beyond `positional`/`keyword` (`positional_only`, `*args`, `**kwargs`), in
/// Python's order (`a, /, b, *args, c, **kwargs`), each variadic one at most once, without a
/// default, and of the shape it receives: `*args` a `Vec<T>` (`list[T]`), `**kwargs` a map
/// from `String` (`dict[str, T]`).
fn check_param_kinds(f: &Function, direction: Direction, diags: &mut Diagnostics) {
    let rank = |k: ParamKind| match k {
        ParamKind::PositionalOnly => 0,
        ParamKind::Positional => 1,
        ParamKind::VarPositional => 2,
        ParamKind::Keyword => 3,
        ParamKind::VarKeyword => 4,
    };
    let mut highest: Option<(ParamKind, Origin)> = None;
    for p in &f.params {
        let variadic = matches!(p.kind, ParamKind::VarPositional | ParamKind::VarKeyword);
        if direction == Direction::Import && variadic && p.default.is_some() {
            diags.push(
                Diagnostic::new(
                    p.origin,
                    format!("`*args`/`**kwargs` parameter `{}` cannot have a default", p.name.py),
                )
                .help("remove `default`: pass an empty slice or map for none"),
            );
        }
        // A positional parameter after a keyword-only one: `check_params` reports it.
        let reported = |kind| kind == ParamKind::Keyword && rank(p.kind) < 2;
        match highest {
            Some((kind, _)) if reported(kind) => {}
            // Out of order, or a second `*args`/`**kwargs`.
            Some((kind, first)) if rank(p.kind) < rank(kind) || (variadic && kind == p.kind) => {
                diags.push(
                    Diagnostic::new(p.origin, format!("parameter `{}` is out of Python's order", p.name.py))
                        .help("order parameters as Python does: `positional_only`, `positional`, one `var_positional` (`*args`), `keyword`, one `var_keyword` (`**kwargs`)")
                        .note(first, "it follows this one"),
                );
            }
            _ => highest = Some((p.kind, p.origin)),
        }
        check_variadic_shape(p, diags);
    }
}

/// `*args` is a `Vec<T>`, `**kwargs` a map keyed by `String` (neither can be given a default:
/// lowering refuses one for a collection, and pyo3's grammar has none).
fn check_variadic_shape(p: &crate::ir::Param, diags: &mut Diagnostics) {
    use crate::types::TypeKind;
    let (fits, wanted) = match p.kind {
        ParamKind::VarPositional => {
            (matches!(p.ty.kind, TypeKind::List(_)), "`*args` is a `Vec<T>` (each extra positional argument a `T`)")
        }
        ParamKind::VarKeyword => (
            matches!(&p.ty.kind, TypeKind::Dict(k, _, _) if matches!(k.kind, TypeKind::Str { borrowed: false })),
            "`**kwargs` is a `HashMap<String, T>` (each extra keyword argument a `T`)",
        ),
        _ => return,
    };
    if !fits {
        diags.push(
            Diagnostic::new(p.ty.origin, format!("`{}` cannot receive the extra arguments", p.ty.python()))
                .help(wanted),
        );
    }
}

#[cfg(all(test, feature = "spec"))]
mod tests {
    use crate::check::test_support::{assert_passes, assert_reports};

    // check_functions (and its check_params)

    #[test]
    fn functions_refuse_a_repeated_parameter() {
        let spec = "\
version: 1
import:
  - module: m
    functions:
      - name: f
        params:
          - { name: x, type: int }
          - { name: x, type: str }
";
        assert_reports(spec, &[(8, 21, "duplicate parameter `x` in `f`")]);
    }

    #[test]
    fn functions_refuse_a_parameter_named_by_a_python_keyword() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - name: C
      methods:
        - name: f
          params:
            - { name: lambda, type: i64 }
";
        assert_reports(spec, &[(9, 23, "`lambda` is a Python keyword and cannot name a parameter")]);
    }

    #[test]
    fn functions_refuse_a_positional_parameter_after_a_keyword_only_one() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: k, type: i64, kind: keyword }
        - { name: p, type: i64 }
";
        assert_reports(spec, &[(8, 19, "positional parameter `p` follows a keyword-only parameter")]);
    }

    #[test]
    fn functions_refuse_a_parameter_without_default_after_a_defaulted_one() {
        let spec = "\
version: 1
import:
  - module: m
    functions:
      - name: f
        params:
          - { name: a, type: int, default: \"0\" }
          - { name: b, type: int }
";
        assert_reports(spec, &[(8, 21, "parameter `b` has no default but follows one that has")]);
    }

    #[test]
    fn functions_refuse_a_mut_method_on_an_import() {
        let spec = "\
version: 1
import:
  - module: m
    classes:
      - name: Counter
        methods:
          - { name: bump, kind: mut_method }
";
        assert_reports(spec, &[(7, 21, "`mut_method` is only for exported classes")]);
    }

    #[test]
    fn functions_accept_python_ordered_parameters() {
        // The same parameters in an order Python accepts: positional before keyword-only,
        // defaulted after the others (a keyword-only one may lack a default).
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: p, type: i64 }
        - { name: k, type: i64, kind: keyword }
  classes:
    - name: C
      methods:
        - name: f
          params:
            - { name: lambda_, type: i64 }
        - { name: bump, kind: mut_method }
import:
  - module: m
    functions:
      - name: f
        params:
          - { name: x, type: int }
          - { name: b, type: int }
          - { name: a, type: int, default: \"0\" }
          - { name: k, type: int, kind: keyword }
    classes:
      - name: Counter
        methods:
          - { name: bump, kind: method }
";
        assert_passes(spec);
    }

    // check_param_kinds

    #[test]
    fn param_kinds_follow_pythons_order_and_shapes() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: rest, type: \"Vec<i64>\", kind: var_positional }
        - { name: a, type: i64, kind: positional_only }
        - { name: opts, type: \"Vec<i64>\", kind: var_keyword }
";
        assert_reports(
            spec,
            &[
                (8, 19, "parameter `a` is out of Python's order"),
                (9, 32, "`list[int]` cannot receive the extra arguments"),
            ],
        );
        assert_passes(
            "version: 1\nmodule: ext\nexport:\n  functions:\n    - name: f\n      params:\n        - { name: a, type: i64, kind: positional_only }\n        - { name: r, type: \"Vec<i64>\", kind: var_positional }\n        - { name: k, type: \"HashMap<String, i64>\", kind: var_keyword }\n",
        );
    }

    #[test]
    fn import_variadics_take_their_collection_shape_and_no_default() {
        let spec = "\
version: 1
import:
  - module: m
    functions:
      - name: f
        params:
          - { name: a, type: int, kind: positional_only }
          - { name: rest, type: \"list[int]\", kind: var_positional, default: \"()\" }
          - { name: extra, type: \"dict[int, int]\", kind: var_keyword }
";
        assert_reports(
            spec,
            &[
                (8, 21, "`*args`/`**kwargs` parameter `rest` cannot have a default"),
                (9, 35, "`dict[int, int]` cannot receive the extra arguments"),
            ],
        );
        assert_passes(
            "version: 1\nimport:\n  - module: m\n    functions:\n      - name: f\n        params:\n          - { name: a, type: int, kind: positional_only }\n          - { name: r, type: \"list[str]\", kind: var_positional }\n          - { name: k, type: \"dict[str, Any]\", kind: var_keyword }\n",
        );
    }
}
