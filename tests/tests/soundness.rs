//! Regressions of the soundness issue (`specs/soundness.yaml`): declarations that `check`
//! accepted and then did not compile, or compiled and meant something else. The export module
//! is linked in and imported by the embedded interpreter; the import stubs call
//! `tests/python/soundness_mod.py`.

use pybridge_tests::soundness::soundness_mod;

unsafe extern "C" {
    fn PyInit_soundness() -> *mut pybridge::__private::pyo3::ffi::PyObject;
}

fn start() {
    pybridge_tests::start_with_module("soundness", PyInit_soundness);
}

/// Runs Python statements; an assertion failure becomes a test failure with its traceback.
fn run(code: &str) {
    start();
    pybridge_tests::run_python(code);
}

#[test]
fn keyword_only_import_parameters_bind_to_their_own_names() {
    start();
    // Every combination of given and omitted optional values: each value lands on its name.
    assert_eq!(soundness_mod::bind(1, None, 3, None).unwrap(), "p=1 q=2 k=3 m=4");
    assert_eq!(soundness_mod::bind(1, Some(20), 3, None).unwrap(), "p=1 q=20 k=3 m=4");
    assert_eq!(soundness_mod::bind(1, None, 3, Some(40)).unwrap(), "p=1 q=2 k=3 m=40");
    assert_eq!(soundness_mod::bind(1, Some(20), 3, Some(40)).unwrap(), "p=1 q=20 k=3 m=40");
}

#[test]
fn names_that_mangle_alike_are_told_apart_by_rust_name() {
    start();
    assert_eq!(soundness_mod::crate_().unwrap(), "crate");
    assert_eq!(soundness_mod::crate_underscore().unwrap(), "crate_");
    assert_eq!(soundness_mod::py_params(1, 2).unwrap(), "py=1 py_=2");
    let handle = soundness_mod::Attached::new().unwrap();
    handle.unit().unwrap();
}

#[test]
fn empty_tuples_are_checked_not_assumed() {
    start();
    soundness_mod::nothing().unwrap();
    soundness_mod::EMPTY().unwrap();
    let err = soundness_mod::not_nothing().unwrap_err().to_string();
    assert!(err.contains("soundness_mod.not_nothing") && err.contains("tuple[()]"), "{err}");
}

#[test]
fn borrowed_returns_and_parameters_cross() {
    run(r#"
import soundness as m
p = m.Person("Ada Lovelace")
assert p.name() == "Ada Lovelace"
assert p.nick() == "Ada"
assert m.Person("Ada").nick() is None
assert p.words() == ["Ada", "Lovelace"]
assert p.raw() == b"Ada Lovelace"
assert p.greet(None, ["Bo", "Cy"]) == "hello Bo and Cy from Ada Lovelace"
assert p.greet("hi", []) == "hi  from Ada Lovelace"
assert m.describe(None) == "None" and m.describe("x") == 'Some("x")'
assert m.GREETING == "hi"
assert m.Label(True).text() == "HI" and m.Label(False).text() == "hi"
assert m.Label(True) == m.Label(True) and len({m.Label(True), m.Label(True), m.Label(False)}) == 2
"#);
}

#[test]
fn keyword_parameters_of_exports_are_keyword_only() {
    run(r#"
import inspect
import soundness as m
p = m.Person("x")
assert p.scaled(2, factor=10, offset=3) == 23
assert p.scaled(2, offset=3, factor=10) == 23
try:
    p.scaled(2, 10, 3)
except TypeError:
    pass
else:
    raise AssertionError("keyword-only parameters accepted positionally")
params = inspect.signature(m.Person.scaled).parameters
assert [q.kind.name for q in params.values()][-2:] == ["KEYWORD_ONLY", "KEYWORD_ONLY"], params
"#);
}

#[test]
fn classmethods_are_classmethods_and_static_methods_static() {
    run(r#"
import inspect
import soundness as m
kind = type(inspect.getattr_static(m.Person, "anonymous")).__name__
assert kind == "classmethod_descriptor", kind
assert m.Person.anonymous().name() == ""
assert m.Person("x").anonymous().name() == ""
kind = type(inspect.getattr_static(m.Person, "bytes_of")).__name__
assert kind == "staticmethod", kind
assert m.Person.bytes_of("é") == b"\xc3\xa9"
assert m.byte_count(b"abc") == 3 and m.byte_count(bytearray(b"ab")) == 2 and m.byte_count([1, 2]) == 2
"#);
}

#[test]
fn writable_list_fields_take_lists() {
    run(r#"
import soundness as m
p = m.Person("x")
p.scores = [1, 2, 3]
p.weights = [0.5, 1.5]
p.tags = ["a", "b"]
assert (p.scores, p.weights, p.tags) == ([1, 2, 3], [0.5, 1.5], ["a", "b"])
p.scores = (4, 5)
assert p.scores == [4, 5]
"#);
}
