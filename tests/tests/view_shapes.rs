//! Every view shape of `specs/view_shapes.yaml` and of `#[py_embed] mod attr_views`
//! (tests/src/views.rs), called from the embedded interpreter: each compiles (the build) and
//! each keeps alive, and hands back, what it borrows. The two modules are registered through
//! their generated `<NAME>_MODULE` constants (`Interpreter::builder().embed`).

fn start() {
    static START: std::sync::Once = std::sync::Once::new();
    START.call_once(|| {
        // The modules this binary exports, registered by their generated `<NAME>_MODULE` constants.
        pybridge::Interpreter::builder()
            .embed(pybridge_tests::view_shapes::VIEW_SHAPES_MODULE)
            .embed(pybridge_tests::views::attr_views::ATTR_VIEWS_MODULE)
            .start()
            .expect("start the interpreter");
    });
}

#[test]
fn spec_view_shapes_borrow_what_they_say() {
    start();
    pybridge_tests::run_python(
        r#"
import copy, gc, sys, weakref
import view_shapes as v
d = v.Doc("alpha beta gamma")
assert (d.whole().word(), d.maybe(1).n, [s.text for s in d.all()]) == ("alpha beta gamma", 6, ["alpha", "beta", "gamma"])
assert d.maybe(9) is None and d.checked(2).word() == "gamma"
try:
    d.checked(7)
    raise AssertionError("no error")
except v.NoSpanError as e:
    assert "no span 7" in str(e) and isinstance(e, IndexError)
text = "".join(["x", "yz"])
before = sys.getrefcount(text)
s = d.of_str(text)
assert (s.word(), s.n) == ("xyz", 16) and sys.getrefcount(text) == before + 1
assert d.of_bytes(b"bytes").word() == "bytes" and d.of_bytes(b"\xff") is None
other = v.Doc("other doc")
assert d.of_doc(other).word() == "other doc"
assert [x.word() for x in v.Doc.lookup("p q")] == ["p", "q"]
w = d.maybe(1)
assert (w.maybe_word(), w.letters(), w.again() == w, [h.text for h in w.halves()]) == ("beta", ["b", "e", "t", "a"], True, ["be", "ta"])
w.bump(); w.n += 1
assert w.n == 8 and len(w) == 4 and w.slow() == 4 and w.end() == 12
assert str(w) == "beta@8" and repr(w).startswith("Span {") and hash(w) == hash(copy.copy(w)) and w < d.maybe(2)
assert weakref.ref(w)() is w
class Sub(v.Span):
    pass
assert (v.free_span("f").word(), v.elided("e f").word(), v.elided("").word(), v.doc_first(other).word()) == ("f", "e", "", "other")
del s, w
gc.collect()
assert sys.getrefcount(text) == before
"#,
    );
}

#[test]
fn attribute_view_shapes_borrow_what_they_say() {
    start();
    pybridge_tests::run_python(
        r#"
import attr_views as a
p = a.Page("one two")
assert p.whole.text == "one two" and p.maybe(1).text == "two" and [m.n for m in p.all()] == [0, 1]
assert p.of_bytes(b"hi").word() == "hi" and [m.text for m in a.Page.lookup("x y")] == ["x", "y"]
m = a.mark_of("abc")
m.bump(); m.n = m.n + 1
assert (m.n, len(m), m[1], m[9], m.again() == m) == (2, 3, "b", None, True)
assert a.first_mark(p).text == "one"
"#,
    );
}
