//! Tests of the Python-name rules (`python.rs`): import module names, module names, and names
//! unique per scope.

use crate::check::test_support::{assert_passes, assert_reports};

// check_import_names_unique

#[test]
fn import_names_unique_refuses_two_imports_with_one_rust_module() {
    let spec = "\
version: 1
import:
  - module: a.b
  - module: a_b
";
    assert_reports(spec, &[(4, 13, "a second import generates the Rust module `a_b`")]);
}

#[test]
fn import_names_unique_accepts_a_rust_name_of_its_own() {
    let spec = "\
version: 1
import:
  - module: a.b
  - module: a_b
    rust_name: a_b_flat
";
    assert_passes(spec);
}

// check_module_name

#[test]
fn module_name_refuses_an_empty_name() {
    let spec = "\
version: 1
module: \"\"
export:
  functions:
    - name: f
";
    assert_reports(spec, &[(2, 9, "the module name is empty")]);
}

#[test]
fn module_name_refuses_an_export_name_that_is_not_an_identifier() {
    let spec = "\
version: 1
module: my-ext
export:
  functions:
    - name: f
";
    assert_reports(spec, &[(2, 9, "`my-ext` is not a valid Python module name")]);
}

#[test]
fn module_name_refuses_an_import_path_that_is_neither_python_nor_rust() {
    let spec = "\
version: 1
import:
  - module: my-module
";
    assert_reports(
        spec,
        &[
            (3, 13, "`my-module` is not a valid Python module name"),
            (3, 13, "`my-module` is not a valid Rust module name"),
        ],
    );
}

#[test]
fn module_name_refuses_a_rust_name_that_is_not_an_identifier() {
    let spec = "\
version: 1
import:
  - module: pkg
    rust_name: my-mod
";
    assert_reports(spec, &[(3, 13, "`my-mod` is not a valid Rust module name")]);
}

#[test]
fn module_name_accepts_an_identifier_and_a_dotted_path() {
    let spec = "\
version: 1
module: my_ext
export:
  functions:
    - name: f
import:
  - module: pkg.models
";
    assert_passes(spec);
}

// check_unique_names

#[test]
fn unique_names_refuses_a_second_function_of_the_same_name() {
    let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
    - name: g
    - name: f
";
    assert_reports(spec, &[(7, 13, "duplicate function `f` in this module")]);
}

#[test]
fn unique_names_refuses_a_class_and_an_enum_of_the_same_name() {
    let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Color
  enums:
    - { name: Color, variants: [Red] }
";
    assert_reports(spec, &[(7, 15, "duplicate enum `Color` in this module")]);
}

#[test]
fn unique_names_refuses_an_attribute_named_like_a_method() {
    let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Driver
      methods:
        - name: speed
      attributes:
        - { name: speed, type: i64 }
";
    assert_reports(spec, &[(9, 19, "duplicate attribute `speed` in class `Driver`")]);
}

#[test]
fn unique_names_refuses_a_repeated_variant() {
    let spec = "\
version: 1
module: ext
export:
  enums:
    - { name: Color, variants: [Red, Green, Red] }
";
    assert_reports(spec, &[(5, 45, "duplicate variant `Red` in enum `Color`")]);
}

#[test]
fn unique_names_refuses_names_python_cannot_write() {
    let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: price€, rust: crate::price }
    - { name: lambda, rust: crate::lambda }
    - { name: ｆｏｏ, rust: crate::foo }
    - { name: \"\", rust: crate::empty }
";
    assert_reports(
        spec,
        &[
            (5, 15, "`price€` is not a valid Python name for a function"),
            (6, 15, "`lambda` is a Python keyword and cannot name a function"),
            (7, 15, "Python reads the function name `ｆｏｏ` as `foo`"),
            (8, 15, "the name of this function is empty"),
        ],
    );
}

#[test]
fn unique_names_accepts_one_valid_name_per_scope() {
    // The same names as above, once per scope: a method and a function, an attribute and
    // a method of another class, a variant and an enum may share a name.
    let spec = "\
version: 1
module: ext
export:
  functions:
    - name: f
    - name: g
    - { name: price, rust: crate::price }
    - { name: lambda_, rust: crate::lambda }
    - { name: café, rust: crate::cafe }
  classes:
    - name: Color
      methods:
        - name: f
    - name: Driver
      methods:
        - name: speed
    - name: Car
      attributes:
        - { name: speed, type: i64 }
  enums:
    - { name: Hue, variants: [Red, Green, Hue] }
";
    assert_passes(spec);
}
