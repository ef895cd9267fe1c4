//! The shape rules' tests (`shapes.rs`): for each rule, specs it refuses (at the offending
//! token, with its message) and specs it lets through.

use crate::check::test_support::{assert_passes, assert_reports};

// check_export_shapes (`raises:` and exception bases: see code.rs and resolve.rs)

#[test]
fn export_shapes_refuse_extend_on_a_static_method() {
    let spec = "\
version: 1
module: ext
export:
  classes:
    - name: V
      methods:
        - name: make
          kind: static
          rust: crate::make
          extend: true
";
    assert_reports(spec, &[(7, 17, "`extend` applies to instance methods")]);
}

#[test]
fn export_shapes_accept_extend_on_instance_methods() {
    let spec = "\
version: 1
module: ext
export:
  classes:
    - name: V
      methods:
        - name: make
          kind: static
          rust: crate::make
        - name: is_pre
          rust: crate::is_pre
          returns: bool
          extend: true
        - name: bump
          kind: mut_method
          rust: crate::bump
          extend: true
";
    assert_passes(spec);
}

// check_class_nesting (through check_export_shapes)

#[test]
fn class_nesting_refuses_shared_and_borrowed_classes_in_containers_and_nested_callables() {
    let spec = "\
version: 1
module: ext
export:
  classes:
    - name: C
      methods:
        - name: f
          params:
            - { name: a, type: \"Vec<Arc<C>>\" }
            - { name: b, type: \"Option<impl Fn(i64) -> i64>\" }
            - { name: c, type: \"impl Fn(&C) -> i64\" }
            - { name: d, type: \"Vec<&C>\" }
            - { name: e, type: \"Option<Option<&C>>\" }
          returns: \"HashMap<String, C>\"
  functions:
    - name: g
      returns: \"impl Fn(i64) -> i64\"
";
    assert_reports(
        spec,
        &[
            (9, 37, "`Arc<C>` crosses only as a whole parameter or return"),
            (10, 40, "a Python callable can only be a parameter of its own"),
            (11, 41, "exported classes cannot cross inside a callable's signature yet"),
            (12, 37, "a borrowed class crosses only as a whole parameter or inside one `Option` parameter"),
            (13, 33, "an optional of an optional cannot be told apart from one optional"),
            (13, 47, "a borrowed class crosses only as a whole parameter or inside one `Option` parameter"),
            (17, 17, "a Python callable can only be a parameter of its own"),
        ],
    );
}

#[test]
fn class_nesting_accepts_whole_classes_options_and_lists_of_them_and_direct_callables() {
    let spec = "\
version: 1
module: ext
export:
  classes:
    - name: C
      methods:
        - name: f
          params:
            - { name: a, type: \"&C\" }
            - { name: b, type: \"impl Fn(i64) -> i64\" }
            - { name: c, type: C }
            - { name: d, type: \"Vec<C>\" }
            - { name: e, type: \"Option<C>\" }
            - { name: h, type: \"Option<&C>\" }
            - { name: i, type: \"HashMap<String, Vec<(C, i64)>>\" }
            - { name: j, type: \"&[C]\" }
          returns: \"HashMap<String, Option<C>>\"
  functions:
    - name: g
      returns: \"Option<C>\"
";
    assert_passes(spec);
}

// check_policies

#[test]
fn policies_refuse_shared_and_view_without_a_class() {
    let spec = "\
version: 1
module: ext
export:
  enums:
    - { name: Color, variants: [Red, Green] }
  classes:
    - name: Point
    - name: Poly
      attributes:
        - { name: count, type: i64, policy: view }
      methods:
        - name: color
          returns: Color
          policy: shared
        - name: paint
          params:
            - { name: c, type: \"Arc<Color>\" }
";
    assert_reports(
        spec,
        &[
            (10, 32, "`view` needs a field whose type is a class declared in this module"),
            (14, 19, "policy `shared` needs a class as the return type"),
            (17, 33, "`Arc<Color>` needs a class, not an enum"),
        ],
    );
}

#[test]
fn policies_refuse_views_that_would_remember_arguments_or_extend() {
    let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Point
    - name: Poly
      methods:
        - name: corner
          params:
            - { name: i, type: usize }
          returns: \"&Point\"
        - name: first
          extend: true
          rust: crate::first
          returns: \"&Point\"
  functions:
    - name: origin
      returns: Point
      policy: view
";
    assert_reports(
        spec,
        &[
            (11, 21, "a view comes from a `&self` method without parameters"),
            (15, 21, "an `extend` function cannot return a view"),
            (19, 15, "a view comes from a `&self` method without parameters"),
        ],
    );
}

#[test]
fn policies_accept_shared_and_view_of_classes() {
    let spec = "\
version: 1
module: ext
export:
  enums:
    - { name: Color, variants: [Red, Green] }
  classes:
    - name: Point
    - name: Poly
      attributes:
        - { name: count, type: i64 }
        - { name: first, type: Point, policy: view }
      methods:
        - name: color
          returns: Color
        - name: corner
          returns: \"&Point\"
        - name: paint
          params:
            - { name: c, type: \"Arc<Point>\" }
        - name: at
          params:
            - { name: i, type: usize }
          returns: Point
          policy: shared
  functions:
    - name: origin
      returns: \"Arc<Point>\"
";
    assert_passes(spec);
}

// check_exported_in_imports

#[test]
fn exported_in_imports_refuses_nested_defaulted_and_held_exported_classes() {
    let spec = "\
version: 1
module: geo
export:
  classes:
    - name: Point
import:
  - module: geo_model
    functions:
      - name: hull
        params:
          - { name: points, type: \"list[Point]\" }
        returns: \"Point | None\"
      - name: nearest
        params:
          - { name: origin, type: Point, default: \"None\" }
    classes:
      - name: Shape
        attributes:
          - { name: center, type: Point }
    constants:
      - { name: ORIGIN, type: \"tuple[Point, int]\" }
";
    assert_reports(
        spec,
        &[
            (11, 41, "an exported class crosses an import stub only as a whole parameter or return type"),
            (12, 19, "an exported class crosses an import stub only as a whole parameter or return type"),
            (15, 21, "a parameter of an exported class cannot have a default"),
            (19, 35, "an exported class crosses only as a parameter or return value of an import stub"),
            (21, 38, "an exported class crosses only as a parameter or return value of an import stub"),
        ],
    );
}

#[test]
fn exported_in_imports_accepts_whole_parameters_and_returns() {
    let spec = "\
version: 1
module: geo
export:
  classes:
    - name: Point
import:
  - module: geo_model
    functions:
      - name: hull
        params:
          - { name: points, type: Point }
        returns: Point
      - name: nearest
        params:
          - { name: origin, type: Point }
          - { name: limit, type: int, default: \"None\" }
    classes:
      - name: Shape
        methods:
          - { name: center, returns: Point }
    constants:
      - { name: ORIGIN, type: \"tuple[int, int]\" }
";
    assert_passes(spec);
}
