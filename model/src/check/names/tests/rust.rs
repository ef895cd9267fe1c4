//! Tests of the Rust-name rule (`rust.rs`): names mangled alike refused, with the fix the
//! message gives working.

use crate::check::test_support::{assert_passes, assert_reports};

// check_rust_names_distinct

#[test]
fn rust_names_distinct_refuses_two_exports_mangled_alike() {
    let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: self }
    - { name: self_ }
";
    assert_reports(spec, &[(6, 15, "`self_` becomes the Rust name `self_`, which `self` already has")]);
}

#[test]
fn rust_names_distinct_accepts_exports_mangled_alike_once_one_names_its_rust_item() {
    // The fix the message gives works: with `rust:`, the two call different items.
    let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: self, rust: crate::own }
    - { name: self_ }
  classes:
    - { name: crate, rust: crate::Krate }
    - { name: crate_ }
";
    assert_passes(spec);
}

#[test]
fn rust_names_distinct_refuses_two_methods_mangled_alike() {
    let spec = "\
version: 1
module: ext
export:
  classes:
    - name: C
      methods:
        - name: crate
        - name: crate_
";
    assert_reports(spec, &[(8, 17, "`crate_` becomes the Rust name `crate_`, which `crate` already has")]);
}

#[test]
fn rust_names_distinct_refuses_import_params_py_and_py_() {
    let spec = "\
version: 1
import:
  - module: m
    functions:
      - name: f
        params:
          - { name: py, type: int }
          - { name: py_, type: int }
";
    assert_reports(spec, &[(8, 21, "`py_` becomes the Rust name `py_`, which `py` already has")]);
}

#[test]
fn rust_names_distinct_refuses_an_import_parameter_named_like_the_stubs_own_locals() {
    let spec = "\
version: 1
import:
  - module: m
    functions:
      - name: f
        params:
          - { name: __pb_pool, type: int }
          - { name: __pb_pool2, type: int, rust_name: pool2 }
";
    assert_reports(spec, &[(7, 21, "`__pb_pool` cannot name a parameter of an import stub")]);
}

#[test]
fn rust_names_distinct_refuses_an_export_parameter_named_super() {
    let spec = "\
version: 1
module: ext
export:
  functions:
    - name: scale
      params:
        - { name: super, type: i64 }
";
    assert_reports(spec, &[(7, 19, "`super` cannot name a parameter of an exported function")]);
}

#[test]
fn rust_names_distinct_refuses_a_method_new_beside_the_default_constructor() {
    let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Items
      constructor:
        params: [{ name: text, type: String }]
      methods:
        - { name: new, kind: static, returns: Items }
";
    assert_reports(spec, &[(9, 19, "method `new` and the constructor both call `new`")]);
}

#[test]
fn rust_names_distinct_accepts_distinct_rust_names() {
    // The mangled clashes above, each with its documented fix (`rust_name:`, another name,
    // a `rust:` of its own, or the same signature as the constructor).
    let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: self }
    - { name: self_x }
    - name: scale
      params:
        - { name: super_, type: i64 }
  classes:
    - name: Items
      constructor:
        params: [{ name: text, type: String }]
      methods:
        - { name: new, kind: static, rust: make, returns: Items }
        - name: crate
        - name: crate_x
    - name: Same
      constructor:
        params: [{ name: text, type: String }]
      methods:
        - { name: new, kind: static, returns: Same, params: [{ name: text, type: String }] }
import:
  - module: m
    functions:
      - name: f
        params:
          - { name: py, type: int }
          - { name: py_, type: int, rust_name: py_again }
";
    assert_passes(spec);
}
