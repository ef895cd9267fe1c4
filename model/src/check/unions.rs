//! Import unions, literals, aliases and `Mapping`: each union makes one Rust enum whose
//! variants are distinct Rust types, with a name no other item of the module takes; an alias
//! name is a Rust identifier that no class or Python type name shadows; a `Mapping` is read
//! from any mapping only where the stub reads it whole.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Direction, Module};
use crate::types::{Keys, MemberValue, Type, TypeKind, UnionType};
use crate::unions::MAX_UNNAMED_MEMBERS;

use super::*;

/// The union rules of one import module.
pub(super) fn check_unions(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Import {
        return;
    }
    let mut seen: Vec<&UnionType> = Vec::new();
    for (ty, _) in module_types(module) {
        ty.walk(&mut |t| {
            let TypeKind::Union(u) = &t.kind else { return };
            check_members(u, diags);
            if !u.alias && u.members.len() > MAX_UNNAMED_MEMBERS {
                diags.push(
                    Diagnostic::new(t.origin, format!("a union of {} members needs a name", u.members.len())).help(
                        format!(
                            "declare it under `aliases:` (`- {{ name: Mode, type: '{}' }}`) and write its name here",
                            u.python()
                        ),
                    ),
                );
            }
            match seen.iter().find(|s| s.name == u.name) {
                Some(s) if s.python() != u.python() => {
                    diags.push(
                        Diagnostic::new(t.origin, format!("two different unions make the Rust enum `{}`", u.name))
                            .help(format!("`{}` and `{}`: name one under `aliases:`", s.python(), u.python())),
                    );
                }
                Some(_) => {}
                None => seen.push(u),
            }
        });
    }
    check_alias_names(module, diags);
}

/// Variants are distinct Rust types (`list[int] | Sequence[int]` is one `Vec<i64>` twice),
/// and nothing the enum cannot convert stands in one.
fn check_members(u: &UnionType, diags: &mut Diagnostics) {
    for (i, m) in u.members.iter().enumerate() {
        let MemberValue::Type(t) = &m.value else { continue };
        if let Some(first) = u.members[..i].iter().find(|x| x.variant == m.variant) {
            let first = match &first.value {
                MemberValue::Type(f) => f.python(),
                MemberValue::Literal(l) => l.python(),
            };
            diags.push(
                Diagnostic::new(m.origin, "this member of the union reads as the same Rust type as an earlier one")
                    .help(format!("the earlier `{first}` already takes these values: keep one of them")),
            );
        }
        if matches!(&t.kind, TypeKind::Class(c) if c.exported) {
            diags.push(
                Diagnostic::new(m.origin, format!("the exported class `{}` cannot be a member of a union", t.python()))
                    .help("take the union as `Any` and read it with `pybridge::ObjectExt::to`, or split the function"),
            );
        }
    }
}

/// Alias names: Rust identifiers, each declared once, none a Python type's (the generated-names
/// rule refuses one that lands on another item).
fn check_alias_names(module: &Module, diags: &mut Diagnostics) {
    for (i, a) in module.aliases.iter().enumerate() {
        let name = a.name.py.as_str();
        let problem = if !crate::names::is_identifier(name) || crate::names::try_ident(name).is_none() {
            Some(("is not a Rust identifier".to_string(), "name it like a Rust type, such as `Mode`".to_string()))
        } else if crate::pytype::PYTHON_TYPE_NAMES.contains(&name) {
            Some(("is a Python type name".into(), "an alias cannot stand for a builtin; choose another name".into()))
        } else if module.aliases[..i].iter().any(|x| x.name.py == name) {
            Some(("is declared twice".into(), "remove one of them".into()))
        } else {
            None
        };
        if let Some((what, help)) = problem {
            diags.push(Diagnostic::new(a.name.origin, format!("alias `{name}` {what}")).help(help));
        }
    }
}

/// `Mapping[K, V]` reads any mapping as a whole return or constant; a parameter passes a `dict`.
/// Elsewhere only a `dict` could be read, so `dict[K, V]` says what happens.
pub(super) fn check_mapping_positions(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Import {
        return;
    }
    for (ty, position) in module_types(module) {
        let whole_return = matches!(position, Position::Return | Position::Constant)
            && matches!(ty.kind, TypeKind::Dict(_, _, Keys::Mapping));
        let param = position == Position::Param;
        let mut in_callable: Vec<&Type> = Vec::new();
        ty.walk(&mut |t| {
            if let TypeKind::Callable { params, .. } = &t.kind {
                in_callable.extend(params.iter());
            }
        });
        ty.walk(&mut |t| {
            if !matches!(t.kind, TypeKind::Dict(_, _, Keys::Mapping)) || (whole_return && std::ptr::eq(t, ty)) {
                return;
            }
            let inside_callable = in_callable.iter().any(|c| {
                let mut found = false;
                c.walk(&mut |x| found |= std::ptr::eq(x, t));
                found
            });
            if param && !inside_callable {
                return;
            }
            diags.push(
                Diagnostic::new(t.origin, "a `Mapping` is read from any mapping only as a whole return or constant")
                    .help("write `dict[K, V]` here (only a `dict` can be read in this place)"),
            );
        });
    }
}

#[cfg(all(test, feature = "spec"))]
mod tests {
    use crate::check::test_support::{assert_passes, assert_reports};

    // check_unions
    #[test]
    fn unions_refuse_twin_variants_long_unnamed_unions_and_name_clashes() {
        let spec = "\
version: 1
import:
  - module: m
    functions:
      - name: f
        params:
          - { name: a, type: \"list[int] | Sequence[int]\" }
          - { name: b, type: \"int | str | bytes | float | bool\" }
          - { name: c, type: 'Literal[\"point\", 3]' }
        returns: 'Literal[\"x\"] | Literal[\"X\"] | int'
    classes:
      - name: PointOrV3
";
        assert_reports(
            spec,
            &[
                (7, 43, "this member of the union reads as the same Rust type as an earlier one"),
                (8, 31, "a union of 5 members needs a name"),
                (
                    9,
                    31,
                    "the union `typing.Literal['point', 3]` would generate the Rust name `PointOrV3`, already taken by class `PointOrV3`",
                ),
            ],
        );
    }

    #[test]
    fn aliases_name_unions_and_refuse_bad_names() {
        let spec = "\
version: 1
import:
  - module: m
    aliases:
      - { name: Mode, type: 'Literal[\"r\", \"w\", \"a\", \"x\", \"r+\"]' }
      - { name: Pair, type: 'tuple[Mode, int]' }
      - { name: int, type: str }
      - { name: Loop, type: 'list[Loop]' }
    functions:
      - name: f
        params:
          - { name: m, type: Mode }
          - { name: p, type: Pair | None }
";
        assert_reports(spec, &[(7, 17, "alias `int` is a Python type name"), (8, 35, "alias `Loop` refers to itself")]);
        assert_passes(
            "version: 1\nimport:\n  - module: m\n    aliases:\n      - { name: Mode, type: 'Literal[\"r\", \"w\", \"a\", \"x\", \"r+\"]' }\n    functions:\n      - { name: f, params: [{ name: m, type: Mode }], returns: 'Mapping[str, Mode]' }\n",
        );
    }

    // check_mapping_positions
    #[test]
    fn mappings_are_read_only_as_whole_returns() {
        let spec = "\
version: 1
import:
  - module: m
    functions:
      - name: f
        params:
          - { name: a, type: \"Mapping[str, int]\" }
          - { name: cb, type: \"Callable[[Mapping[str, int]], None]\" }
        returns: \"list[Mapping[str, int]]\"
    constants:
      - { name: C, type: \"Mapping[str, int]\" }
      - { name: D, type: \"list[Mapping[str, int]]\" }
";
        assert_reports(
            spec,
            &[
                (8, 42, "a `Mapping` is read from any mapping only as a whole return"),
                (9, 24, "a `Mapping` is read from any mapping only as a whole return"),
                (12, 32, "a `Mapping` is read from any mapping only as a whole return"),
            ],
        );
    }
}
