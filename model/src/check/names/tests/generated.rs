//! Tests of the generated-name rules (`generated.rs`): names the import stubs define, parameter
//! patterns, the prelude's variants, and exported classes' paths from import stubs.

use crate::check::test_support::{assert_passes, assert_reports};

// check_import_generated_names

#[test]
fn import_generated_names_refuses_a_class_named_like_the_error_enum() {
    let spec = "\
version: 1
import:
  - module: m
    classes:
      - name: Error
    exceptions:
      - name: BadInput
";
    assert_reports(
        spec,
        &[(5, 15, "class `Error` would generate the Rust name `Error`, already taken by the module's error enum")],
    );
}

#[test]
fn import_generated_names_refuses_an_exception_named_other() {
    let spec = "\
version: 1
import:
  - module: m
    exceptions:
      - name: Other
";
    assert_reports(spec, &[(5, 15, "exception `Other` clashes with the error enum's `Other` variant")]);
}

#[test]
fn import_generated_names_refuses_a_class_named_like_a_view_or_the_attached_module() {
    let spec = "\
version: 1
import:
  - module: m
    classes:
      - name: Counter
      - name: CounterRef
      - name: attached
";
    assert_reports(
        spec,
        &[
            (6, 15, "`CounterRef`, already taken by the view of class `Counter`"),
            (7, 15, "class `attached` would generate the Rust name `attached`, already taken"),
        ],
    );
}

#[test]
fn import_generated_names_refuses_members_named_like_generated_methods() {
    let spec = "\
version: 1
import:
  - module: m
    classes:
      - name: Driver
        constructor:
          params:
            - { name: size, type: int }
        methods:
          - name: new
          - name: bind
          - name: set_x
        attributes:
          - { name: x, type: float, writable: true }
";
    assert_reports(
        spec,
        &[
            (10, 19, "method `new` of `Driver` would generate `new`, already taken by method `__init__`"),
            (11, 19, "`bind` of `Driver` would generate `bind`, already taken by the generated `bind`"),
            (14, 21, "the setter of `x` of `Driver` would generate `set_x`, already taken by method `set_x`"),
        ],
    );
}

#[test]
fn import_generated_names_accepts_names_moved_aside_with_rust_name() {
    let spec = "\
version: 1
import:
  - module: m
    classes:
      - { name: Error, rust_name: ErrorClass }
      - name: Counter
      - { name: CounterRef, rust_name: CounterReference }
      - { name: attached, rust_name: attached_class }
      - name: Driver
        constructor:
          params:
            - { name: size, type: int }
        methods:
          - { name: new, rust_name: new_driver }
          - { name: bind, rust_name: bind_driver }
          - { name: set_x, rust_name: assign_x }
        attributes:
          - { name: x, type: float, writable: true }
    exceptions:
      - name: BadInput
      - name: OtherError
";
    assert_passes(spec);
}

// check_param_patterns

#[test]
fn param_patterns_refuses_parameters_rust_reads_as_patterns() {
    let spec = "\
version: 1
import:
  - module: m
    classes:
      - name: width
    functions:
      - name: f
        params:
          - { name: Ok, type: int }
          - { name: width, type: int }
          - { name: widthRef, type: int }
";
    assert_reports(
        spec,
        &[
            (9, 21, "parameter `Ok` cannot be a Rust binding: Rust reads `Ok` as the prelude's enum variant"),
            (10, 21, "`width` cannot be a Rust binding: Rust reads `width` as the generated class handle"),
            (11, 21, "parameter `widthRef` cannot be a Rust binding"),
        ],
    );
}

#[test]
fn param_patterns_refuses_an_export_parameter_named_some() {
    let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: Some, type: i64 }
";
    assert_reports(spec, &[(7, 19, "parameter `Some` cannot be a Rust binding")]);
}

#[test]
fn param_patterns_refuses_an_imported_class_named_py() {
    let spec = "\
version: 1
import:
  - module: m
    classes:
      - name: py
";
    assert_reports(spec, &[(5, 15, "an imported class cannot be named `py`")]);
}

#[test]
fn param_patterns_accepts_plain_bindings() {
    let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
      params:
        - { name: some, type: i64 }
        - { name: width, type: i64 }
import:
  - module: m
    classes:
      - name: width
      - { name: py, rust_name: py_class }
    functions:
      - name: f
        params:
          - { name: ok, type: int }
          - { name: width_, type: int }
          - { name: Ok, type: int, rust_name: ok_flag }
";
    assert_passes(spec);
}

// check_prelude_shadowing

#[test]
fn prelude_shadowing_refuses_items_named_like_prelude_variants() {
    let spec = "\
version: 1
module: ext
export:
  functions:
    - name: Err
  classes:
    - name: Ok
import:
  - module: m
    functions:
      - name: Some
    constants:
      - { name: Ok, type: int }
";
    assert_reports(
        spec,
        &[
            (5, 13, "a function named `Err` would hide Rust's `Err` from the generated code"),
            (7, 13, "a class named `Ok` would hide Rust's `Ok` from the generated code"),
            (11, 15, "a function named `Some` would hide Rust's `Some` from the generated code"),
            (13, 17, "a constant named `Ok` would hide Rust's `Ok` from the generated code"),
        ],
    );
}

#[test]
fn prelude_shadowing_accepts_exports_with_a_rust_path_and_renamed_imports() {
    let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: Err, rust: crate::make_err }
  classes:
    - { name: Ok, rust: crate::Okay }
import:
  - module: m
    functions:
      - { name: Some, rust_name: some }
    constants:
      - { name: Ok, type: int, rust_name: OK }
";
    assert_passes(spec);
}

// check_exported_paths_in_imports

#[test]
fn exported_paths_in_imports_refuses_an_exported_class_reached_as_the_error_enum() {
    let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Error
      constructor: {}
import:
  - module: m
    exceptions:
      - name: Boom
    functions:
      - name: echo
        params:
          - { name: e, type: Error }
        returns: Error
";
    assert_reports(
        spec,
        &[
            (14, 30, "exported class `Error` is reached as `Error`, a name the stubs of this module define themselves"),
            (15, 18, "exported class `Error` is reached as `Error`"),
        ],
    );
}

#[test]
fn exported_paths_in_imports_accepts_a_path_from_the_crate_root() {
    let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Error
      rust: crate::Error
      constructor: {}
import:
  - module: m
    exceptions:
      - name: Boom
    functions:
      - name: echo
        params:
          - { name: e, type: Error }
        returns: Error
";
    assert_passes(spec);
}

// check_import_modules_hide_nothing

#[test]
fn import_modules_refuse_prelude_names_and_names_the_export_glue_reaches() {
    let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Error
    - { name: Point, rust: crate::geo::Point }
import:
  - module: Option
  - module: Error
  - module: geo
";
    assert_reports(
        spec,
        &[
            (8, 13, "the stubs' Rust module `Option` would hide Rust's `Option`"),
            (
                9,
                13,
                "the stubs' Rust module `Error` would hide `Error`, which the export glue of this spec reaches by that name",
            ),
        ],
    );
}
