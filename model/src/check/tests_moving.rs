//! Tests of three diagnostics that are moving out of `check` (into the spec lowering or the
//! resolve phase): a `rust:` that is not a Rust path (from `paths.rs`), a `raises:` naming no
//! declared exception and an unknown exception `base:` (both from `shapes.rs`). They go through
//! the public pipeline only ([`crate::load_and_check`]), so they hold wherever the rule lives.

use crate::check::test_support::{assert_passes, assert_reports};

// `rust: …` is not a Rust path

#[test]
fn a_rust_value_that_is_not_a_path_is_refused() {
    let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: f, rust: \"crate::\" }
    - { name: g, rust: \"crate::ops::self\" }
  classes:
    - name: C
      rust: \"crate::C<\"
      constructor:
        rust: \"new(\"
      methods:
        - { name: make, kind: static, rust: \"crate::make(\" }
  enums:
    - { name: Color, rust: \"not a path\", variants: [Red] }
";
    assert_reports(
        spec,
        &[
            (5, 15, "`rust: crate::` of this function is not a Rust path"),
            (6, 15, "`rust: crate::ops::self` of this function is not a Rust path"),
            (8, 13, "`rust: crate::C<` of this class is not a Rust path"),
            (11, 9, "`rust: new(` of this method is not a Rust path"),
            (13, 19, "`rust: crate::make(` of this method is not a Rust path"),
            (15, 15, "`rust: not a path` of this enum is not a Rust path"),
        ],
    );
}

#[test]
fn rust_values_that_are_paths_are_accepted() {
    let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: f, rust: \"crate::f\" }
    - { name: g, rust: \"crate::ops::g\" }
  classes:
    - name: C
      rust: \"crate::C<i64>\"
      constructor:
        rust: \"new_c\"
      methods:
        - { name: make, kind: static, rust: \"crate::make\" }
  enums:
    - { name: Color, rust: \"::other_crate::Color\", variants: [Red] }
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
