//! Protocol methods declared by name (`__len__`, `__add__`…): a known protocol (see
//! `protocols.rs`), on an instance method, with the operands and the return type its slot needs,
//! not also generated from a trait; other dunders only from the list of ordinary ones.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Class, Direction, FnKind, Function, Module, ParamKind};
use crate::protocols::{PLAIN, PROTOCOLS, Protocol, REFUSED, Returns, is_dunder};
use crate::types::{IntWidth, TypeKind};

/// Every method named as a dunder is a protocol pybridge binds, declared the way its slot
/// needs; anything else would be refused by pyo3 at compile time, or fail when Python calls it.
pub(super) fn check_protocol_methods(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    for c in &module.classes {
        for m in c.methods.iter().filter(|m| m.kind != FnKind::Constructor && is_dunder(&m.name.py)) {
            match Protocol::named(&m.name.py) {
                Some(p) => check_protocol_method(c, m, p, diags),
                None if PLAIN.contains(&m.name.py.as_str()) => check_plain_twice(c, m, diags),
                None => refuse_dunder(m, diags),
            }
        }
        check_pickle(c, diags);
    }
}

/// An ordinary dunder a spec's `traits:` (`Clone`: `__copy__`) or `pickle` (`__reduce__`) also
/// defines is declared twice.
fn check_plain_twice(c: &Class, m: &Function, diags: &mut Diagnostics) {
    let py = m.name.py.as_str();
    let from_spec = matches!(c.origin, crate::origin::Origin::Spec(_));
    let by_trait = from_spec && c.dunders.iter().any(|d| d.python_names().contains(&py));
    let by_pickle = c.pickle.is_some() && matches!(py, "__reduce__" | "__reduce_ex__" | "__getstate__");
    if by_trait || by_pickle {
        let (source, help) = if by_pickle {
            ("`pickle`", "keep one: remove the method, or `pickle`")
        } else {
            ("the class's Rust trait", "keep one: remove the method, or the trait from `traits:`")
        };
        diags.push(
            Diagnostic::new(m.name.origin, format!("`{py}` is declared twice: by this method and by {source}"))
                .help(help),
        );
    }
}

/// `pickle` rebuilds an object by calling the class with its constructor's arguments, each read
/// back from the attribute (a field or a getter) of the same name: the class needs a
/// constructor whose parameters are all positional and readable that way.
fn check_pickle(c: &Class, diags: &mut Diagnostics) {
    let Some(at) = c.pickle else { return };
    let Some(ctor) = c.methods.iter().find(|m| m.kind == FnKind::Constructor) else {
        diags.push(
            Diagnostic::new(at, format!("`pickle` needs a constructor: `{}` has none", c.name.py))
                .help("declare the constructor whose arguments rebuild the object"),
        );
        return;
    };
    let readable = |name: &str| {
        c.attributes.iter().any(|a| a.name.py == name)
            || c.methods.iter().any(|m| m.kind == FnKind::Getter && m.name.py == name)
    };
    for p in &ctor.params {
        if p.kind == ParamKind::Keyword {
            diags.push(
                Diagnostic::new(
                    p.origin,
                    format!("`pickle` passes `{}` by position, and it is keyword-only", p.name.py),
                )
                .help("make the constructor's parameters positional"),
            );
        } else if !readable(&p.name.py) {
            diags.push(
                Diagnostic::new(
                    p.origin,
                    format!("`pickle` reads `{}` back from the object, which has no such attribute", p.name.py),
                )
                .help(format!(
                    "expose a field or getter named `{}` (it must return the constructor's argument)",
                    p.name.py
                )),
            );
        }
    }
}

fn refuse_dunder(m: &Function, diags: &mut Diagnostics) {
    let py = &m.name.py;
    let help = match REFUSED.iter().find(|(name, _)| name == py) {
        Some((_, instead)) => instead.to_string(),
        None => crate::names::suggest(py, PROTOCOLS.iter().map(|p| p.name).chain(PLAIN.iter().copied()))
            .unwrap_or_else(|| {
                "pybridge binds the operator, comparison, container, iteration, `__call__`, `__bool__`, conversion and text protocols, and the ordinary dunders in specs/SPEC.md, \"Protocols\"; give other methods a plain name".into()
            }),
    };
    diags.push(Diagnostic::new(m.name.origin, format!("`{py}` is not a protocol method pybridge binds")).help(help));
}

fn check_protocol_method(c: &Class, m: &Function, p: &Protocol, diags: &mut Diagnostics) {
    let py = p.name;
    if !matches!(m.kind, FnKind::Method | FnKind::MethodMut) {
        let message = format!("`{py}` is a protocol method: it takes `self`");
        diags.push(
            Diagnostic::new(m.name.origin, message).help("declare it as an instance method (`&self` or `&mut self`)"),
        );
        return;
    }
    let operands = m.params.len();
    if operands < p.min || operands > p.max {
        let wanted = match (p.min, p.max) {
            (0, 0) => "no operand besides `self`".to_string(),
            (1, 1) => "one operand besides `self`".to_string(),
            (n, m) if n == m => format!("{n} operands besides `self`"),
            (n, m) => format!("{n} to {m} operands besides `self`"),
        };
        diags.push(
            Diagnostic::new(m.name.origin, format!("`{py}` takes {wanted}, and this one takes {operands}"))
                .help("Python calls the protocol with a fixed number of operands"),
        );
    }
    if py != "__call__"
        && m.params
            .iter()
            .any(|p| matches!(p.kind, ParamKind::Keyword | ParamKind::VarPositional | ParamKind::VarKeyword))
    {
        diags.push(
            Diagnostic::new(m.name.origin, format!("`{py}`'s operands are positional"))
                .help("Python passes a protocol's operands by position: remove `kind: keyword`"),
        );
    }
    check_protocol_return(m, p, diags);
    // A spec lists its traits on purpose: the same protocol twice is a contradiction. Derives
    // (`#[py_embed]`) serve Rust too; there the method takes precedence (`__repr__` overriding
    // `Debug`), as it would in a Python subclass.
    let from_spec = matches!(c.origin, crate::origin::Origin::Spec(_));
    let from_trait = from_spec && c.dunders.iter().any(|d| d.python_names().contains(&py));
    let from_item = py == "__iter__" && c.iter_item.is_some();
    if from_trait || from_item {
        let source = if from_item { "`IntoIterator` (`item:`)" } else { "the class's Rust trait" };
        diags.push(
            Diagnostic::new(m.name.origin, format!("`{py}` is declared twice: by this method and by {source}"))
                .help("keep one: remove the method, or the trait from `traits:` (the derive, with `#[py_embed]`)"),
        );
    }
}

fn check_protocol_return(m: &Function, p: &Protocol, diags: &mut Diagnostics) {
    let kind = &m.returns.kind;
    let (fits, wanted) = match p.returns {
        Returns::Value => (!matches!(kind, TypeKind::Unit), "a value"),
        Returns::Unit => (matches!(kind, TypeKind::Unit), "nothing (`()`): the object itself changes"),
        Returns::Bool => (matches!(kind, TypeKind::Bool), "`bool`"),
        Returns::Usize => (matches!(kind, TypeKind::Int(IntWidth::Usize)), "`usize`"),
        Returns::Next => (matches!(kind, TypeKind::Optional(_)), "`Option<T>` (`None` ends the iteration)"),
        Returns::Text => (matches!(kind, TypeKind::Str { .. }), "`String` or `&str`"),
        Returns::Int => (matches!(kind, TypeKind::Int(_)), "an integer"),
        Returns::Float => (matches!(kind, TypeKind::Float { .. }), "`f64` or `f32`"),
        Returns::Anything => (true, ""),
    };
    if !fits {
        let py = p.name;
        diags.push(
            Diagnostic::new(m.returns.origin.or(m.name.origin), format!("`{py}` must return {wanted}"))
                .help(format!("Python's `{py}` slot needs {wanted}; change the return type")),
        );
    }
}

#[cfg(all(test, feature = "spec"))]
mod tests {
    use crate::check::test_support::{assert_passes, assert_reports};

    fn class_with(methods: &str) -> String {
        format!("version: 1\nmodule: ext\nexport:\n  classes:\n    - name: Grid\n      methods:\n{methods}")
    }

    #[test]
    fn protocol_methods_accept_each_slot_shape_and_ordinary_dunders() {
        assert_passes(&class_with(
            "        - { name: __add__, params: [{ name: o, type: \"&Grid\" }], returns: Grid }
        - { name: __pow__, params: [{ name: e, type: i64 }, { name: m, type: \"Option<i64>\" }], returns: Grid }
        - { name: __iadd__, kind: mut_method, params: [{ name: o, type: i64 }] }
        - { name: __len__, returns: usize }
        - { name: __next__, kind: mut_method, returns: \"Option<i64>\" }
        - { name: __call__, params: [{ name: a, type: i64 }, { name: k, type: i64, kind: keyword }] }
        - { name: __index__, returns: i32 }
        - { name: __round__, params: [{ name: n, type: i64, kind: keyword }], returns: f64 }
",
        ));
    }

    #[test]
    fn protocol_methods_refuse_unknown_and_replaced_dunders() {
        assert_reports(
            &class_with(
                "        - { name: __lenn__, returns: usize }
        - { name: __init__, params: [{ name: a, type: i64 }] }
        - { name: __getattr__, params: [{ name: a, type: String }], returns: i64 }
",
            ),
            &[
                (7, 19, "`__lenn__` is not a protocol method pybridge binds"),
                (8, 19, "`__init__` is not a protocol method pybridge binds"),
                (9, 19, "`__getattr__` is not a protocol method pybridge binds"),
            ],
        );
    }

    #[test]
    fn protocol_methods_refuse_wrong_operands_receivers_and_returns() {
        assert_reports(
            &class_with(
                "        - { name: __add__, params: [{ name: a, type: i64 }, { name: b, type: i64 }], returns: Grid }
        - { name: __neg__, kind: static, returns: Grid }
        - { name: __bool__, returns: i64 }
        - { name: __float__, returns: i64 }
        - { name: __setitem__, kind: mut_method, params: [{ name: k, type: i64 }, { name: v, type: i64 }], returns: i64 }
        - { name: __getitem__, params: [{ name: k, type: i64, kind: keyword }], returns: i64 }
",
            ),
            &[
                (7, 19, "`__add__` takes one operand besides `self`, and this one takes 2"),
                (8, 19, "`__neg__` is a protocol method: it takes `self`"),
                (9, 38, "`__bool__` must return `bool`"),
                (10, 39, "`__float__` must return `f64` or `f32`"),
                (11, 117, "`__setitem__` must return nothing"),
                (12, 19, "`__getitem__`'s operands are positional"),
            ],
        );
    }

    #[test]
    fn protocol_methods_refuse_a_slot_the_spec_traits_fill_too() {
        let spec = "version: 1\nmodule: ext\nexport:\n  classes:\n    - name: Grid\n      traits: [PartialEq, PartialOrd, Debug]\n      methods:\n        - { name: __eq__, params: [{ name: o, type: \"&Grid\" }], returns: bool }\n        - { name: __lt__, params: [{ name: o, type: \"&Grid\" }], returns: bool }\n        - { name: __ne__, params: [{ name: o, type: \"&Grid\" }], returns: bool }\n      item: i64\n";
        assert_reports(
            spec,
            &[
                (8, 19, "`__eq__` is declared twice: by this method and by the class's Rust trait"),
                (9, 19, "`__lt__` is declared twice"),
            ],
        );
    }

    #[test]
    fn protocol_methods_refuse_an_operator_the_spec_traits_give_too() {
        let spec = "version: 1\nmodule: ext\nexport:\n  classes:\n    - name: Grid\n      traits: [Add, Neg, Not]\n      methods:\n        - { name: __add__, params: [{ name: o, type: \"&Grid\" }], returns: Grid }\n        - { name: __radd__, params: [{ name: o, type: i64 }], returns: Grid }\n        - { name: __invert__, returns: Grid }\n";
        assert_reports(
            spec,
            &[
                (8, 19, "`__add__` is declared twice: by this method and by the class's Rust trait"),
                (10, 19, "`__invert__` is declared twice"),
            ],
        );
    }
}
