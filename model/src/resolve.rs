//! Resolve: every class reference in a type must name a class declared in the same module, or
//! (import modules) a class the same spec exports: one type in both directions, so an import
//! stub takes and returns the exported Rust type itself. Export class references are matched
//! by Python name or by the last segment of the class's Rust path; the resolver records the
//! Rust path on the reference. Every exception reference (`raises:`, `base:`) must name an
//! exception declared in the module, or (bases) a Python builtin exception.

mod aliases;
mod defaults;
pub(crate) mod views;

use aliases::{resolve_aliases, substitute_aliases};

use crate::check::BUILTIN_EXCEPTIONS;
use crate::code::RustPath;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Bridge, Direction, ExceptionRef, ExceptionTarget, Module};
use crate::names::suggest;
use crate::pytype::PYTHON_TYPE_NAMES;
use crate::rusttype::RUST_TYPE_NAMES;
use crate::types::{Type, TypeKind};

/// Resolves every class reference of every module.
pub fn resolve_bridge(bridge: &mut Bridge, diags: &mut Diagnostics) {
    // (python name, rust path) of every class the spec exports.
    // The names are not checked yet (resolve also runs on broken specs): a class whose name is
    // no identifier has no path, and references to it keep none (check or lowering refuses it).
    let exported: Vec<(String, Option<RustPath>)> = bridge
        .export()
        .map(|m| m.classes.iter().map(|c| (c.name.py.clone(), c.try_target())).collect())
        .unwrap_or_default();
    for module in &mut bridge.modules {
        let exported = if module.direction == Direction::Import { &exported[..] } else { &[] };
        resolve_module(module, exported, diags);
        if module.direction == Direction::Export {
            defaults::resolve_member_defaults(module, diags);
            resolve_exceptions(module, diags);
            report_std_named_types(module, diags);
        }
    }
}

/// What a class reference may name in one module: (python name, last segment of the rust path,
/// rust path, unit enum, foreign) of every class and enum, the view classes, and (imports) the
/// classes the spec exports.
pub(crate) struct Names<'a> {
    classes: Vec<(String, String, Option<RustPath>, bool, bool)>,
    views: Vec<String>,
    exported: &'a [(String, Option<RustPath>)],
    direction: Direction,
}

fn resolve_module(module: &mut Module, exported: &[(String, Option<RustPath>)], diags: &mut Diagnostics) {
    let views: Vec<String> =
        module.classes.iter().filter(|c| c.lifetime.is_some()).map(|c| c.name.py.clone()).collect();
    let named = module
        .classes
        .iter()
        .map(|c| (&c.name, c.try_target(), false))
        .chain(module.enums.iter().map(|e| (&e.name, e.try_target(), !e.has_data())));
    let classes: Vec<(String, String, Option<RustPath>, bool, bool)> = named
        .map(|(name, path, unit_enum)| (name, path, unit_enum, false))
        .chain(module.foreign.iter().map(|f| (&f.name, f.try_target(), false, true)))
        .map(|(name, path, unit_enum, foreign)| {
            let last = path.as_ref().map_or_else(|| name.rust.clone(), RustPath::last_ident);
            let target = match module.direction {
                Direction::Export => path,
                Direction::Import => crate::names::try_ident(&name.rust).map(|i| RustPath::from_ident(&i)),
            };
            (name.py.clone(), last, target, unit_enum, foreign)
        })
        .collect();
    let names = Names { classes, views, exported, direction: module.direction };
    let aliases = resolve_aliases(module, &names, diags);
    let mut visit = |ty: &mut Type| {
        substitute_aliases(ty, &aliases);
        resolve_class_refs(ty, &names, diags);
    };
    for f in module.functions.iter_mut().chain(module.classes.iter_mut().flat_map(|c| c.methods.iter_mut())) {
        f.params.iter_mut().for_each(|p| visit(&mut p.ty));
        visit(&mut f.returns);
    }
    for c in &mut module.classes {
        c.attributes.iter_mut().for_each(|a| visit(&mut a.ty));
        if let Some(item) = &mut c.iter_item {
            visit(item);
        }
    }
    for e in &mut module.exceptions {
        e.attributes.iter_mut().for_each(|a| visit(&mut a.ty));
    }
    module.constants.iter_mut().for_each(|c| visit(&mut c.ty));
    if module.direction == Direction::Export {
        views::resolve_borrows(module);
    }
}

/// Records on each class reference in `ty` its Python name and Rust path, or reports a name
/// that refers to nothing.
pub(crate) fn resolve_class_refs(ty: &mut Type, names: &Names<'_>, diags: &mut Diagnostics) {
    ty.walk_mut(&mut |t| {
        let origin = t.origin;
        let TypeKind::Class(class) = &mut t.kind else { return };
        match names.classes.iter().find(|(py, last, _, _, _)| *py == class.name || *last == class.name) {
            Some((py, _, path, unit_enum, foreign)) => {
                // From here on the reference names the class by its Python name (the `.pyi`
                // spelling, and the key of its export wrapper).
                class.name = py.clone();
                class.rust_path = path.clone();
                class.unit_enum = *unit_enum;
                class.foreign = *foreign;
                class.view = names.views.contains(py);
            }
            None if names.exported.iter().any(|(py, _)| *py == class.name) => {
                let (_, path) = names.exported.iter().find(|(py, _)| *py == class.name).expect("found above");
                class.rust_path = path.clone();
                class.exported = true;
            }
            None => {
                let builtins = match names.direction {
                    Direction::Export => RUST_TYPE_NAMES,
                    Direction::Import => PYTHON_TYPE_NAMES,
                };
                let candidates =
                    names.classes.iter().map(|(py, _, _, _, _)| py.as_str()).chain(builtins.iter().copied());
                diags.push(
                    Diagnostic::new(origin, format!("unknown type `{}`", class.name)).help(
                        suggest(&class.name, candidates)
                            .unwrap_or_else(|| "declare it under `classes:` in this module".to_string()),
                    ),
                );
            }
        }
    });
}

/// `raises:` names a declared exception; `base:` a declared or a builtin one. The problems are
/// recoverable: no check reads an exception reference, so the checks still run.
fn resolve_exceptions(module: &mut Module, diags: &mut Diagnostics) {
    let declared: Vec<String> = module.exceptions.iter().map(|e| e.name.py.clone()).collect();
    let functions = module.functions.iter_mut().chain(module.classes.iter_mut().flat_map(|c| c.methods.iter_mut()));
    for raises in functions.filter_map(|f| f.raises.as_mut()) {
        if declared.contains(&raises.name) {
            raises.target = ExceptionTarget::Declared;
        } else {
            let help = suggest(&raises.name, declared.iter().map(String::as_str))
                .unwrap_or_else(|| "declare it under `exceptions:`".into());
            let message = format!("`raises: {}` names no exception declared in this module", raises.name);
            diags.push_recoverable(Diagnostic::new(raises.origin, message).help(help));
        }
    }
    for e in &mut module.exceptions {
        let fallback = e.origin;
        resolve_base(&mut e.base, fallback, &declared, diags);
    }
    report_base_cycles(module, diags);
}

/// An export type written `Duration`, `PathBuf`… means the standard type (`std_types.rs`): a
/// class or enum of that name could never be referred to.
fn report_std_named_types(module: &Module, diags: &mut Diagnostics) {
    let names = module.classes.iter().map(|c| &c.name).chain(module.enums.iter().map(|e| &e.name));
    for name in names.filter(|n| crate::std_types::StdType::reserved_names().any(|r| r == n.py)) {
        diags.push(
            Diagnostic::new(name.origin, format!("`{}` names a standard type in this module's types", name.py))
                .help("give the class another Python `name` (its `rust:` path may stay), and use that name in types"),
        );
    }
}

/// A declared exception cannot derive from itself, directly or through others: Python has no
/// such class, and creating its type object would recurse.
fn report_base_cycles(module: &Module, diags: &mut Diagnostics) {
    for e in &module.exceptions {
        let mut chain = vec![e.name.py.as_str()];
        let mut current = e;
        while current.base.target == ExceptionTarget::Declared {
            let Some(parent) = module.exceptions.iter().find(|x| x.name.py == current.base.name) else { break };
            if parent.name.py == e.name.py {
                let through = match chain.len() {
                    1 => String::new(),
                    _ => format!(" (through `{}`)", chain[1..].join("`, `")),
                };
                let message = format!("exception `{}` derives from itself{through}", e.name.py);
                diags.push_recoverable(Diagnostic::new(e.base.origin.or(e.origin), message).help(
                    "derive it from a builtin exception such as `Exception`, or from a declared one outside the cycle",
                ));
                break;
            }
            if chain.contains(&parent.name.py.as_str()) {
                break; // a cycle that does not pass through `e`: reported at its own members
            }
            chain.push(&parent.name.py);
            current = parent;
        }
    }
}

fn resolve_base(base: &mut ExceptionRef, fallback: crate::Origin, declared: &[String], diags: &mut Diagnostics) {
    base.target = if declared.contains(&base.name) {
        ExceptionTarget::Declared
    } else if BUILTIN_EXCEPTIONS.contains(&base.name.as_str()) {
        ExceptionTarget::Builtin
    } else {
        let candidates = BUILTIN_EXCEPTIONS.iter().copied().chain(declared.iter().map(String::as_str));
        let help = suggest(&base.name, candidates)
            .unwrap_or_else(|| "use a builtin exception such as `ValueError`, or one declared in this module".into());
        let message = format!("unknown base exception `{}`", base.name);
        diags.push_recoverable(Diagnostic::new(base.origin.or(fallback), message).help(help));
        return;
    };
}

#[cfg(all(test, feature = "spec"))]
mod tests {
    use crate::check::test_support::{assert_passes, assert_reports};

    // resolve_bridge

    #[test]
    fn resolve_refuses_unknown_export_types_wherever_they_stand() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: x, type: Strng }
      returns: \"Option<Pointt>\"
  classes:
    - name: Point
      attributes:
        - { name: next, type: Nod }
      traits: [IntoIterator]
      item: Itm
  constants:
    - { name: ORIGIN, type: Pointe, rust: crate::ORIGIN }
";
        assert_reports(
            spec,
            &[
                (7, 28, "unknown type `Strng`"),
                (8, 24, "unknown type `Pointt`"),
                (12, 31, "unknown type `Nod`"),
                (14, 13, "unknown type `Itm`"),
                (16, 29, "unknown type `Pointe`"),
            ],
        );
    }

    #[test]
    fn resolve_refuses_unknown_import_types_and_classes_of_other_entries() {
        let spec = "\
version: 1
import:
  - module: a
    classes:
      - name: Driver
  - module: b
    functions:
      - name: f
        params:
          - { name: x, type: \"list[flot]\" }
        returns: Driver
    constants:
      - { name: C, type: \"dict[str, Car]\" }
";
        assert_reports(
            spec,
            &[(10, 36, "unknown type `flot`"), (11, 18, "unknown type `Driver`"), (13, 37, "unknown type `Car`")],
        );
    }

    #[test]
    fn resolve_refuses_an_import_class_in_the_export() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: f, returns: Driver }
import:
  - module: m
    classes:
      - name: Driver
";
        assert_reports(spec, &[(5, 27, "unknown type `Driver`")]);
    }

    #[test]
    fn resolve_accepts_declared_classes_enums_and_exported_classes() {
        // Export references by Python name or by the last segment of the class's `rust:` path;
        // import references to the entry's own classes and to the spec's exported classes.
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: x, type: String }
        - { name: c, type: Color }
      returns: \"Option<Pt>\"
  classes:
    - name: Point
      rust: crate::geo::Pt
      attributes:
        - { name: next, type: \"Option<Point>\" }
      traits: [IntoIterator]
      item: i64
  enums:
    - { name: Color, variants: [Red] }
  constants:
    - { name: ORIGIN, type: Point, rust: crate::ORIGIN }
import:
  - module: m
    classes:
      - name: Driver
    functions:
      - name: f
        params:
          - { name: x, type: \"list[float]\" }
          - { name: p, type: Point }
        returns: Driver
    constants:
      - { name: C, type: \"dict[str, int]\" }
";
        assert_passes(spec);
    }

    // `raises: X` names no exception declared in this module

    #[test]
    fn raises_naming_no_declared_exception_is_refused() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: parse
      returns: \"Result<i64, crate::Error>\"
      raises: ParseEror
  classes:
    - name: Parser
      raises: ParseEror
      constructor:
        raises: BadInput
      methods:
        - { name: one, returns: \"Result<i64, crate::E>\" }
        - { name: two, returns: \"Result<i64, crate::E>\" }
  exceptions:
    - name: ParseError
";
        assert_reports(
            spec,
            &[
                (7, 15, "`raises: ParseEror` names no exception declared in this module"),
                (10, 15, "`raises: ParseEror` names no exception declared in this module"),
                (12, 17, "`raises: BadInput` names no exception declared in this module"),
            ],
        );
    }

    #[test]
    fn raises_naming_a_declared_exception_is_accepted() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: parse
      returns: \"Result<i64, crate::Error>\"
      raises: ParseError
  classes:
    - name: Parser
      raises: ParseError
      constructor:
        raises: BadInput
      methods:
        - { name: one, returns: \"Result<i64, crate::E>\" }
        - { name: two, returns: \"Result<i64, crate::E>\" }
  exceptions:
    - name: ParseError
    - name: BadInput
";
        assert_passes(spec);
    }

    // unknown base exception

    #[test]
    fn an_unknown_base_exception_is_refused() {
        let spec = "\
version: 1
module: ext
export:
  exceptions:
    - name: ParseError
      base: ValueEror
    - { name: LateError, base: Exceptoin }
";
        assert_reports(
            spec,
            &[(6, 13, "unknown base exception `ValueEror`"), (7, 32, "unknown base exception `Exceptoin`")],
        );
    }

    #[test]
    fn builtin_and_declared_base_exceptions_are_accepted() {
        let spec = "\
version: 1
module: ext
export:
  exceptions:
    - name: ParseError
      base: ValueError
    - { name: EarlyError, base: LookupError }
    - { name: LateError, base: EarlyError }
    - name: Plain
";
        assert_passes(spec);
    }

    // report_base_cycles

    #[test]
    fn an_exception_deriving_from_itself_is_refused() {
        let spec = "\
version: 1
module: ext
export:
  exceptions:
    - { name: Loop, base: Loop }
    - { name: A, base: B }
    - { name: B, base: A }
    - { name: Outside, base: A }
";
        assert_reports(
            spec,
            &[
                (5, 27, "exception `Loop` derives from itself"),
                (6, 24, "exception `A` derives from itself (through `B`)"),
                (7, 24, "exception `B` derives from itself (through `A`)"),
            ],
        );
    }

    // report_std_named_types

    #[test]
    fn a_class_named_like_a_std_type_is_refused_and_std_types_resolve() {
        let spec = "\
version: 1
module: ext
export:
  classes:
    - { name: PathBuf, rust: crate::P }
  functions:
    - { name: f, params: [{ name: d, type: Duration }, { name: p, type: std::path::PathBuf }], returns: \"HashSet<IpAddr>\" }
";
        assert_reports(spec, &[(5, 15, "`PathBuf` names a standard type in this module's types")]);
        let ok = "\
version: 1
module: ext
export:
  functions:
    - { name: f, params: [{ name: d, type: Duration }, { name: c, type: char }], returns: \"HashMap<SystemTime, PathBuf>\" }
";
        assert_passes(ok);
    }
}
