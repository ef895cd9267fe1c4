//! Return policies, gc support and one type in both directions (`specs/both_ways.yaml`),
//! against the embedded interpreter with the `both_ways` extension module linked in.

use pybridge_tests::both::Point;
use pybridge_tests::both_ways::both_model;

unsafe extern "C" {
    fn PyInit_both_ways() -> *mut pybridge::__private::pyo3::ffi::PyObject;
}

fn start() {
    pybridge_tests::start_with_module("both_ways", PyInit_both_ways);
}

/// Runs Python statements; an assertion failure becomes a test failure with its traceback.
fn run(code: &str) {
    start();
    pybridge_tests::run_python(code);
}

#[test]
fn one_type_in_both_directions() {
    start();
    // The stub takes the Rust `Point`, Python receives a `both_ways.Point`, and the Python
    // function's `both_ways.Point` comes back as a Rust `Point`.
    let mirrored = both_model::mirror(&Point::new(1.5, -2.0)).unwrap();
    assert_eq!(mirrored, Point::new(-1.5, 2.0));
    assert_eq!(both_model::norm(&Point::new(3.0, 4.0)).unwrap(), 5.0);
}

#[test]
fn a_wrong_object_for_an_exported_class_is_a_typed_error() {
    start();
    let err = both_model::not_a_point(&Point::new(0.0, 0.0)).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("both_model.not_a_point") && text.contains("Point") && text.contains("str"), "{text}");
}

#[test]
fn value_policy_copies_and_view_policy_shares_the_parent_value() {
    run(r#"
import both_ways as m
line = m.Line(m.Point(0.0, 0.0), m.Point(3.0, 4.0))
# `end` (policy value) and `last()` are copies: changing them leaves the line alone.
end = line.end
end.x = 100.0
assert line.length() == 5.0 and line.last() == m.Point(3.0, 4.0)
# `start` (field, policy view) is a view: assigning through it changes the line.
start = line.start
start.x = -3.0
assert abs(line.length() - (6.0**2 + 4.0**2) ** 0.5) < 1e-12, line.length()
# `first()` (a method returning &Point) is a read-only view of the same field.
first = line.first()
assert first == m.Point(-3.0, 0.0), first
try:
    first.x = 1.0
    raise AssertionError("a method's view accepted a write")
except TypeError as e:
    assert "read-only view" in str(e), e
# Views follow the parent: after reverse(), `start` is the old end.
line.reverse()
assert start == m.Point(3.0, 4.0) and first == m.Point(3.0, 4.0), (start, first)
# A view keeps its parent alive after the last other reference goes.
import sys, gc
view = m.Line(m.Point(1.0, 2.0), m.Point(0.0, 0.0)).start
gc.collect()
assert view == m.Point(1.0, 2.0)
assert repr(view) == "Point { x: 1.0, y: 2.0 }", repr(view)
"#);
}

#[test]
fn shared_policy_shares_the_value_with_rust() {
    run(r#"
import both_ways as m, gc
reg = m.Registry()
assert reg.holders() == 1
c = reg.counter()
assert reg.holders() == 2
c.bump(); c.bump()
# The registry sees Python's bumps: one value, two holders.
assert reg.counter().value() == 2
assert m.counter_total(c) == 2
del c
gc.collect()
assert reg.holders() == 1, reg.holders()
# An owned value passed as Arc<Counter> (a fresh share here) keeps working afterwards.
c2 = reg.counter()
assert m.counter_total(c2) == 2 and c2.value() == 2
"#);
}

#[test]
fn a_cycle_through_a_python_object_field_is_collected() {
    run(r#"
import both_ways as m, gc
gc.collect()
before = m.node_drops()
for _ in range(1000):
    n = m.Node()
    n.payload = [n]          # node -> list -> node
    del n
gc.collect()
assert m.node_drops() - before == 1000, m.node_drops() - before
n = m.Node()
n.payload = n                # node -> itself
del n
gc.collect()
assert m.node_drops() - before == 1001
"#);
}
