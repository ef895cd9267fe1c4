//! Type rules: hashable set elements and dict keys, where borrowed text may stand, and where
//! `None` / `tuple[()]` may stand.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Direction, Module};
use crate::types::{Keys, TypeKind, Via};

use super::*;

/// Set elements and dict keys are hashed on both sides: Python refuses unhashable values
/// (`list`, `dict`, `set`), and Rust's `HashSet`/`HashMap` need `Eq + Hash` (`BTreeSet`/
/// `BTreeMap`: `Ord`), which `f64`, handles and Python objects lack.
pub(super) fn check_hashable_keys(module: &Module, diags: &mut Diagnostics) {
    let hashable = crate::types::Type::is_hashable;
    for (ty, _) in module_types(module) {
        ty.walk(&mut |t| {
            let (key, keys, what) = match &t.kind {
                TypeKind::Set(item, keys) => (item, keys, "a set element"),
                TypeKind::Dict(key, _, keys) => (key, keys, "a dict key"),
                _ => return,
            };
            if hashable(key) {
                return;
            }
            let why = match (&key.kind, keys) {
                (TypeKind::Float { .. }, Keys::Hashed | Keys::Mapping) => "Rust's floats are neither `Eq` nor `Hash`",
                (TypeKind::Float { .. }, Keys::Ordered) => "Rust's floats are not `Ord`",
                (TypeKind::List(_) | TypeKind::Array(..) | TypeKind::Dict(..) | TypeKind::Set(..), _) => {
                    "Python cannot hash it"
                }
                _ => "it cannot be hashed on both sides",
            };
            diags.push(
                Diagnostic::new(key.origin, format!("`{}` cannot be {what}: {why}", key.python())).help(
                    "use `int`, `str`, `bool`, `bytes` or a tuple of them; or a list of pairs instead of the map",
                ),
            );
        });
    }
}

/// Borrowed text (`&str`, `&[u8]`) crosses as a whole parameter or return, directly inside one
/// `Option`/`Vec`, or as the items of a whole `&[&str]` (the wrapper holds the owned values and
/// lends them, or copies a returned borrow); `&[T]` and the pointers of `TypeKind::Indirect`
/// (`&T`, `Cow`, `Box<str>`) as a whole parameter, return or constant, the pointers also
/// directly inside one `Option`. Elsewhere (a field, a map, a tuple, deeper nesting) no owner
/// exists for the borrow, or no conversion is emitted; a callable's signature takes none.
pub(super) fn check_borrowed_positions(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    for (ty, position) in module_types(module) {
        if let TypeKind::Callable { params, ret } = &ty.kind {
            // A callable's own arguments are closures' parameters, borrowed freely; the
            // pointers would need a conversion inside the closure.
            for t in params.iter().chain(std::iter::once(&**ret)) {
                t.walk(&mut |t| {
                    if matches!(t.kind, TypeKind::Indirect { .. } | TypeKind::SliceMut(_)) {
                        refuse_borrow(t, diags);
                    }
                });
            }
            continue;
        }
        let allowed = allowed_borrows(ty, position);
        ty.walk(&mut |t| {
            if is_borrow(&t.kind) && !allowed.iter().any(|a| std::ptr::eq(*a, t)) {
                refuse_borrow(t, diags);
            }
        });
    }
}

/// The kinds `check_borrowed_positions` places.
fn is_borrow(t: &TypeKind) -> bool {
    matches!(
        t,
        TypeKind::Str { borrowed: true }
            | TypeKind::Bytes { borrowed: true }
            | TypeKind::Slice(_)
            | TypeKind::SliceMut(_)
            | TypeKind::Indirect { .. }
    )
}

/// The borrows `ty`, standing at `position`, may hold.
fn allowed_borrows(ty: &crate::types::Type, position: Position) -> Vec<&crate::types::Type> {
    let text = |t: &TypeKind| matches!(t, TypeKind::Str { borrowed: true } | TypeKind::Bytes { borrowed: true });
    let call = matches!(position, Position::Param | Position::Return);
    match &ty.kind {
        _ if position == Position::Value => vec![],
        // Each item is copied out of its borrow as a whole return is.
        TypeKind::Iterator { item, .. } if position == Position::Return => allowed_borrows(item, position),
        TypeKind::Slice(inner) if call && text(&inner.kind) => vec![ty, inner],
        // A writable buffer is lent for the call only: nothing returns or keeps it.
        TypeKind::SliceMut(_) if position != Position::Param => vec![],
        k if is_borrow(k) => vec![ty],
        TypeKind::Optional(inner) if call && (text(&inner.kind) || matches!(inner.kind, TypeKind::Indirect { .. })) => {
            vec![inner]
        }
        TypeKind::List(inner) if call && text(&inner.kind) => vec![inner],
        _ => vec![],
    }
}

fn refuse_borrow(t: &crate::types::Type, diags: &mut Diagnostics) {
    let (message, help) = match &t.kind {
        TypeKind::Str { .. } => (
            "a borrow cannot be held here",
            "write `String`: borrowed text crosses only as a whole parameter or return, or inside one `Option`/`Vec`",
        ),
        TypeKind::Slice(_) => {
            ("a borrow cannot be held here", "write `Vec<T>`: a slice crosses only as a whole parameter or return")
        }
        TypeKind::SliceMut(_) => (
            "a `&mut [T]` can only be a whole parameter",
            "a writable buffer is lent to one call: return a `Vec<T>` instead, or take `&mut [T]` as a parameter",
        ),
        TypeKind::Indirect { via: Via::Ref, .. } => (
            "a borrow cannot be held here",
            "write the owned type (`T` for `&T`): a reference crosses only as a whole parameter, return or constant, or inside one `Option`",
        ),
        TypeKind::Indirect { via: Via::Cow, .. } => (
            "a borrow cannot be held here",
            "write `String` or `Vec<T>`: a `Cow` crosses only as a whole parameter, return or constant, or inside one `Option`",
        ),
        TypeKind::Indirect { .. } => (
            "a `Box` cannot be converted here",
            "write `String` or `Vec<T>`: `Box<str>`/`Box<[T]>` cross only as a whole parameter, return or constant, or inside one `Option`",
        ),
        _ => (
            "a borrow cannot be held here",
            "write `Vec<u8>`: borrowed bytes cross only as a whole parameter or return, or inside one `Option`/`Vec`",
        ),
    };
    diags.push(Diagnostic::new(t.origin, message).help(help));
}

/// `tuple[()]` is read through the runtime's empty-tuple check, which exists for a whole value
/// (a return, an attribute, a constant, a parameter), not inside containers. `None` / `()` is a
/// whole return type only (a callable's too): pyo3 converts no `()` argument, and a `()` inside
/// a container would reach Python as an empty tuple, not `None`.
pub(super) fn check_empty_tuples(module: &Module, diags: &mut Diagnostics) {
    fn visit(ty: &crate::types::Type, whole: bool, position: Position, diags: &mut Diagnostics) {
        match &ty.kind {
            TypeKind::Tuple(items) if items.is_empty() && !whole => diags.push(
                Diagnostic::new(
                    ty.origin,
                    "`tuple[()]` can only be a whole parameter, return, attribute or constant type",
                )
                .help("use a value type inside containers"),
            ),
            TypeKind::Unit if !(whole && position == Position::Return) => diags.push(
                Diagnostic::new(ty.origin, "`None` (`()`) can only be a whole return type")
                    .help("leave the parameter out, or use an optional type (`Optional[T]`, `Option<T>`)"),
            ),
            TypeKind::Optional(t)
            | TypeKind::List(t)
            | TypeKind::Set(t, _)
            | TypeKind::Array(t, _)
            | TypeKind::Iterator { item: t, .. } => visit(t, false, position, diags),
            // A pointer crosses as its target, in the same place.
            TypeKind::Indirect { target, .. } => visit(target, whole, position, diags),
            TypeKind::Dict(k, v, _) => {
                visit(k, false, position, diags);
                visit(v, false, position, diags);
            }
            TypeKind::Tuple(items) => items.iter().for_each(|t| visit(t, false, position, diags)),
            TypeKind::Callable { params, ret } => {
                params.iter().for_each(|t| visit(t, false, Position::Param, diags));
                visit(ret, true, Position::Return, diags);
            }
            _ => {}
        }
    }
    for (ty, position) in module_types(module) {
        visit(ty, true, position, diags);
    }
}

#[cfg(all(test, feature = "spec"))]
mod tests {
    use crate::check::test_support::{assert_passes, assert_reports};

    // check_hashable_keys

    #[test]
    fn hashable_keys_refuse_unhashable_export_elements_and_keys() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: a, type: \"HashSet<f64>\" }
        - { name: b, type: \"HashSet<pybridge::Object>\" }
      returns: \"HashMap<Vec<i64>, i64>\"
";
        assert_reports(
            spec,
            &[
                (7, 37, "`float` cannot be a set element: Rust's floats are neither `Eq` nor `Hash`"),
                (8, 37, "cannot be a set element: it cannot be hashed on both sides"),
                (9, 25, "`list[int]` cannot be a dict key: Python cannot hash it"),
            ],
        );
    }

    #[test]
    fn hashable_keys_refuse_unhashable_import_elements_and_keys() {
        let spec = "\
version: 1
import:
  - module: m
    functions:
      - name: f
        params:
          - { name: b, type: \"dict[float, int]\" }
        returns: \"set[list[int]]\"
    constants:
      - { name: C, type: \"dict[str, dict[set[int], int]]\" }
";
        assert_reports(
            spec,
            &[
                (7, 36, "`float` cannot be a dict key: Rust's floats are neither `Eq` nor `Hash`"),
                (8, 23, "`list[int]` cannot be a set element: Python cannot hash it"),
                (10, 42, "`set[int]` cannot be a dict key: Python cannot hash it"),
            ],
        );
    }

    #[test]
    fn hashable_keys_accept_hashable_elements_and_keys() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: a, type: \"HashSet<i64>\" }
        - { name: b, type: \"HashSet<Vec<u8>>\" }
      returns: \"HashMap<(String, Option<bool>), f64>\"
import:
  - module: m
    functions:
      - name: f
        params:
          - { name: b, type: \"dict[tuple[int, str], float]\" }
        returns: \"set[bytes]\"
    constants:
      - { name: C, type: \"dict[str, dict[int | None, list[int]]]\" }
";
        assert_passes(spec);
    }

    #[test]
    fn hashable_keys_refuse_unordered_btree_keys() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: a, type: \"BTreeSet<f64>\" }
        - { name: b, type: \"BTreeMap<(i64, String), [u8; 2]>\" }
      returns: \"BTreeMap<[i64; 2], i64>\"
";
        assert_reports(
            spec,
            &[
                (7, 38, "`float` cannot be a set element: Rust's floats are not `Ord`"),
                (9, 26, "`list[int]` cannot be a dict key: Python cannot hash it"),
            ],
        );
    }

    // check_borrowed_positions

    #[test]
    fn borrowed_positions_place_pointers_whole_or_in_one_option() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: a, type: \"&[&str]\" }
        - { name: b, type: \"Option<Cow<str>>\" }
        - { name: c, type: \"&Vec<i64>\" }
        - { name: d, type: \"Option<&'_ i64>\" }
        - { name: e, type: \"Box<[u8]>\" }
      returns: \"Option<&String>\"
    - name: g
      params:
        - { name: a, type: \"Vec<Cow<str>>\" }
        - { name: b, type: \"Option<Option<&i64>>\" }
      returns: \"[&str; 2]\"
  classes:
    - name: C
      attributes:
        - { name: label, type: \"Cow<'static, str>\" }
  constants:
    - { name: NAME, type: \"Box<str>\", rust: crate::NAME.into() }
";
        assert_reports(
            spec,
            &[
                (15, 33, "a borrow cannot be held here"),
                (16, 29, "an optional of an optional cannot be told apart from one optional"),
                (16, 43, "a borrow cannot be held here"),
                (17, 18, "a borrow cannot be held here"),
                (21, 33, "a borrow cannot be held here"),
            ],
        );
    }

    #[test]
    fn borrowed_positions_refuse_borrows_without_an_owner() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: a, type: \"Option<Vec<&str>>\" }
      returns: \"HashMap<&str, i64>\"
    - name: g
      returns: \"(i64, &[u8])\"
  classes:
    - name: C
      attributes:
        - { name: label, type: \"&str\" }
  constants:
    - { name: NAMES, type: \"Vec<&str>\", rust: crate::NAMES.to_vec() }
";
        assert_reports(
            spec,
            &[
                (7, 40, "a borrow cannot be held here"),
                (8, 25, "a borrow cannot be held here"),
                (10, 23, "a borrow cannot be held here"),
                (14, 33, "a borrow cannot be held here"),
                (16, 33, "a borrow cannot be held here"),
            ],
        );
    }

    #[test]
    fn borrowed_positions_accept_whole_and_singly_wrapped_borrows() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: a, type: \"Option<&str>\" }
        - { name: b, type: \"Vec<&[u8]>\" }
        - { name: c, type: \"&str\" }
        - { name: d, type: \"impl Fn(&str) -> i64\" }
      returns: \"Vec<&str>\"
    - name: g
      returns: \"(i64, Vec<u8>)\"
  classes:
    - name: C
      attributes:
        - { name: label, type: String }
  constants:
    - { name: NAME, type: \"&str\", rust: crate::NAME }
";
        assert_passes(spec);
    }

    // check_empty_tuples

    #[test]
    fn empty_tuples_refuse_nested_empty_tuples_and_none_outside_returns() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: a, type: \"(i64, ())\" }
        - { name: b, type: \"()\" }
        - { name: c, type: \"impl Fn(()) -> i64\" }
import:
  - module: m
    functions:
      - name: g
        params:
          - { name: a, type: None }
        returns: \"list[tuple[()]]\"
";
        assert_reports(
            spec,
            &[
                (7, 35, "`None` (`()`) can only be a whole return type"),
                (8, 29, "`None` (`()`) can only be a whole return type"),
                (9, 37, "`None` (`()`) can only be a whole return type"),
                (15, 30, "`None` (`()`) can only be a whole return type"),
                (16, 24, "`tuple[()]` can only be a whole parameter, return, attribute or constant type"),
            ],
        );
    }

    #[test]
    fn empty_tuples_accept_whole_empty_tuples_and_none_returns() {
        let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: a, type: \"(i64, bool)\" }
        - { name: c, type: \"impl Fn(i64) -> ()\" }
      returns: \"()\"
import:
  - module: m
    functions:
      - name: g
        params:
          - { name: a, type: \"tuple[()]\" }
        returns: None
      - name: h
        returns: \"tuple[()]\"
    constants:
      - { name: C, type: \"tuple[()]\" }
";
        assert_passes(spec);
    }
}
