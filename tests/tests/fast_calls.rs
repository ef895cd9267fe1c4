//! The direct entry point of exported functions with plain parameters (`fast_fns`,
//! tests/src/fast.rs), called every way Python can call a function: the fast path (every
//! argument positional, of its exact type) and everything it hands to pyo3's path (keywords,
//! defaults, subclasses, conversions, wrong counts), which must behave exactly as pyo3 does;
//! errors, panics, the function object's introspection and pickling. The same for the direct
//! entries of a class's methods and properties (`Counter`), with borrows and subclasses.

/// `raises(exc, match, fn, *args)`: `fn(*args)` raises `exc` with `match` in its message.
const RAISES: &str = r#"
def raises(exc, match, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except exc as e:
        assert match in str(e), (match, str(e))
    else:
        raise AssertionError(f"{fn}{args} did not raise")
"#;

/// Runs `code` in the embedded interpreter, with `raises` defined (in a namespace of its own:
/// `run_python`).
fn run(code: &str) {
    pybridge_tests::run_python(&format!("{RAISES}{code}"));
}

fn start() {
    static START: std::sync::Once = std::sync::Once::new();
    START.call_once(|| {
        pybridge::Interpreter::builder()
            .embed(pybridge_tests::fast::fast_fns::FAST_FNS_MODULE)
            .start()
            .expect("start the interpreter");
    });
}

#[test]
fn fast_path_converts_every_plain_type() {
    start();
    run(r#"
import fast_fns as f
assert f.nothing() is None
assert f.mix(1, -2, 2**64 - 1, True) == "1 -2 18446744073709551615 true"
assert f.text(0.5, 1.5, "é", "o") == "0.5 1.5 é o"
assert f.add(1, 2) == 3 and f.sub(5, 3) == 2
assert (f.greet("a"), f.greet("a", "yo"), f.greet("a", "yo", 2)) == ("hi a", "yo a", "yo ayo a")
assert f.root(9.0) == 3.0 and f.first("xyz") == "x" and f.slow_sum(5) == 10
"#);
}

#[test]
fn everything_else_takes_pyo3s_path_and_behaves_as_pyo3() {
    start();
    run(r#"
import fast_fns as f
class MyInt(int): pass
class MyStr(str): pass
# keywords, a default, subclasses, conversions the fast path does not do
assert f.add(1) == 11 and f.add(a=1, b=2) == 3 and f.add(1, b=5) == 6
assert f.add(MyInt(4), True) == 5 and f.root(4) == 2.0 and f.first(MyStr("q")) == "q"
assert f.mix(1, -2, 3, flag=False) == "1 -2 3 false" and f.text(2, 3, s="s", owned=MyStr("t")) == "2 3 s t"
raises(TypeError, "missing 1 required positional argument: 'b'", f.sub, 1)
raises(TypeError, "positional-only", f.sub, a=1, b=2)
raises(TypeError, "add() takes from 1 to 2 positional arguments but 3 were given", f.add, 1, 2, 3)
raises(TypeError, "takes no arguments (1 given)", f.nothing, 1)
raises(TypeError, "greet() missing 1 required positional argument: 'name'", f.greet)
raises(TypeError, "greet() takes from 1 to 3 positional arguments but 4 were given", f.greet, "a", "b", 1, 2)
assert f.greet("a", times=3, greeting="o") == "o ao ao a"
raises(TypeError, "'str' object cannot be interpreted as an integer", f.add, "1", 2)
raises(OverflowError, "", f.mix, 256, 0, 0, True)
raises(OverflowError, "", f.mix, 0, 0, -1, True)
raises(OverflowError, "", f.add, 2**63, 0)
raises(TypeError, "'int' object is not an instance of 'bool'", f.mix, 0, 0, 0, 1)
raises(UnicodeEncodeError, "surrogates not allowed", f.first, "\ud800")
# the user's error and a panic
raises(f.Negative, "negative: -1", f.root, -1.0)
assert issubclass(f.Negative, ValueError)
raises(f.PanicException, "first of an empty string", f.first, "")
assert f.first("ok") == "o"
"#);
}

#[test]
fn the_function_objects_look_like_pyo3s() {
    start();
    run(r#"
import inspect, pickle
import fast_fns as f
assert str(inspect.signature(f.add)) == "(a, b=10)", inspect.signature(f.add)
assert str(inspect.signature(f.greet)) == "(name, /, greeting='hi', times=1)", inspect.signature(f.greet)
assert str(inspect.signature(f.sub)) == "(a, /, b)" and str(inspect.signature(f.nothing)) == "()"
assert f.add.__doc__ == "`a + b`, with `b` defaulting to 10.", repr(f.add.__doc__)
assert f.add.__name__ == "add" and f.add.__qualname__ == "add" and f.add.__module__ == "fast_fns"
assert f.add.__self__ is f and type(f.add).__name__ == "builtin_function_or_method"
assert pickle.loads(pickle.dumps(f.add)) is f.add
assert "add" in f.__all__ if hasattr(f, "__all__") else True
"#);
}

#[test]
fn class_members_take_direct_entries() {
    start();
    run(r#"
import fast_fns as f
C = f.Counter
# pybridge's descriptors replaced pyo3's (a direct entry each)
kinds = {n: type(C.__dict__[n]).__name__ for n in ("get", "add", "describe", "reset", "count", "label", "double", "visit")}
assert kinds == {"get": "method_descriptor", "add": "method_descriptor", "describe": "method_descriptor",
                 "reset": "method_descriptor", "count": "getset_descriptor", "label": "getset_descriptor",
                 "double": "getset_descriptor", "visit": "method_descriptor"}, kinds
c = C(3)
assert c.get() == 3 and c.add(2) == 5 and c.add(1, 3) == 8 and c.describe("x-") == "x-c3"
assert c.reset() is None and c.get() == 0 and c.double == 0
c.count = 7
c.ratio = 0.25
assert (c.count, c.label, c.ratio, c.double) == (7, "c3", 0.25, 14)
assert C.get(c) == 7 and C.add(c, 1) == 8
"#);
    // Which members got a direct entry (the descriptors' types are the same either way).
    pybridge::attach(|py| -> pybridge::Result<()> {
        use pybridge::pyo3::prelude::*;
        let members = py.import("fast_fns")?.getattr("Counter")?.getattr("__dict__")?;
        let expected = [
            ("get", true),
            ("add", true),
            ("describe", true),
            ("reset", true),
            ("check", true),
            ("explode", true),
            ("pad", true),
            ("count", true),
            ("label", true),
            ("ratio", true),
            ("double", true),
            // a callable parameter, a borrowing iterator: pyo3's
            ("visit", false),
            ("items", false),
        ];
        for (name, direct) in expected {
            let member = members.get_item(name)?;
            assert_eq!(pybridge::__private::is_direct(&member)?, direct, "{name}");
        }
        Ok(())
    })
    .unwrap();
}

#[test]
fn class_members_hand_everything_else_to_pyo3() {
    start();
    run(r#"
import fast_fns as f
C = f.Counter
class MyInt(int): pass
c = C(1)
# keywords, subclasses and conversions go to pyo3's descriptor
assert c.add(by=1) == 2 and c.add(1, times=2) == 4 and c.add(MyInt(1)) == 5 and c.add(True) == 6
c.count = MyInt(9)
c.ratio = 2  # an int for a float: pyo3 converts it
assert (c.count, c.ratio) == (9, 2.0)
raises(TypeError, "missing 1 required positional argument: 'by'", c.add)
raises(TypeError, "takes from 1 to 2 positional arguments but 3 were given", c.add, 1, 2, 3)
raises(TypeError, "takes no arguments (1 given)", c.get, 1)
raises(TypeError, "'str' object cannot be interpreted as an integer", c.add, "1")
raises(OverflowError, "", c.add, 2**64)
def set_count(v): c.count = v
raises(TypeError, "'str' object cannot be interpreted as an integer", set_count, "x")
def delete(): del c.count
raises(AttributeError, "property has no deleter", delete)
def set_label(): c.label = "y"
raises(AttributeError, "label", set_label)
raises(TypeError, "doesn't apply to a 'int' object", C.get, 1)
# the user's error, a panic: the object stays usable
raises(f.Negative, "negative", c.check, 1.0)
assert c.check(100.0) == 9
raises(f.PanicException, "counter 9 exploded", c.explode)
assert c.get() == 9
"#);
}

/// The plain methods pybridge registers itself (pyo3 has no wrapper for them) parse, convert,
/// fail and introspect as pyo3's wrapper of the same signature does: `Counter.pad` against
/// the function `pad`, which keeps pyo3's `#[pyfunction]`.
#[test]
fn registered_methods_behave_as_pyo3s_wrappers() {
    start();
    run(r#"
import inspect
import fast_fns as f
C = f.Counter
c = C(0)
class MyInt(int): pass
class MyStr(str): pass
calls = [
    (("ab",), {}), (("ab", 3), {}), (("ab", 3, "+"), {}), (("ab",), {"upper": True}),
    (("ab",), {"times": 1, "scale": 2.5, "shift": 4}), ((MyStr("ab"), MyInt(2), MyStr("/"), True, 1, MyInt(2)), {}),
    (("ab", 2, "-", False, 1.0, 0), {}),
]
for args, kwargs in calls:
    assert c.pad(*args, **kwargs) == f.pad(*args, **kwargs), (args, kwargs)
def outcome(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except BaseException as e:
        return type(e).__name__, str(e).replace("Counter.pad()", "pad()"), getattr(e, "__notes__", None)
    raise AssertionError(f"no error: {args} {kwargs}")
bad = [
    ((), {}), (("a", 1, "-", True, 1.0, 0, 9), {}), ((), {"text": "a"}), (("a",), {"nope": 1}),
    (("a",), {"times": "2"}), (("a", -1), {}), (("a", 2**70), {}), ((1,), {}), (("a", 2, 3), {}),
    (("a", 2, "-", 1), {}), (("a", 2, "-", True, "x"), {}), (("a", 2), {"times": 3}), (("\ud800",), {}),
]
for args, kwargs in bad:
    mine, theirs = outcome(c.pad, *args, **kwargs), outcome(f.pad, *args, **kwargs)
    assert mine == theirs, (args, kwargs, mine, theirs)
# introspection: the signature and docstring pyo3 would write
sig_method = str(inspect.signature(C.pad)).replace("(self, ", "(")
assert sig_method == str(inspect.signature(f.pad)), (sig_method, inspect.signature(f.pad))
assert str(inspect.signature(f.pad)) == "(text, /, times=2, sep='-', upper=False, scale=1.5, shift=-1)"
assert C.pad.__doc__.startswith("`text` `times` times, joined by `sep`"), repr(C.pad.__doc__)
assert C.pad.__text_signature__ == "($self, text, /, times=2, sep='-', upper=False, scale=1.5, shift=-1)"
"#);
}

#[test]
fn class_members_keep_the_borrow_rules_and_subclasses() {
    start();
    run(r#"
import inspect
import fast_fns as f
C = f.Counter
c = C(3)
# a borrowing iterator keeps the value from changing
it = c.items()
raises(RuntimeError, "lent to an iterator", c.add, 1)
def set_count(): c.count = 1
raises(RuntimeError, "lent to an iterator", set_count)
assert c.get() == 3 and c.count == 3 and list(it) == [0, 1, 2]
del it
assert c.add(1) == 4
# a `&mut self` method holding the value: re-entering raises pyo3's words
raises(RuntimeError, "Already borrowed", c.visit, lambda n: c.add(1))
raises(RuntimeError, "Already mutably borrowed", c.visit, lambda n: c.get())
raises(RuntimeError, "Already mutably borrowed", c.visit, lambda n: c.count)
assert c.visit(lambda n: n * 10) == 40 and c.count == 40
# subclasses: inherited entries read the same value; overrides win
class Sub(C):
    def describe(self, prefix):
        return "sub:" + super().describe(prefix)
s = Sub(2)
assert s.get() == 2 and s.add(3) == 5 and s.count == 5 and s.double == 10 and s.describe("-") == "sub:-c2"
# introspection is pyo3's
assert str(inspect.signature(C.add)) == "(self, /, by, times=1)", inspect.signature(C.add)
assert str(inspect.signature(C.get)) == "(self, /)", inspect.signature(C.get)
assert C.add.__doc__ == "Adds `by`, `times` times; the new count.", repr(C.add.__doc__)
assert C.count.__doc__ == "The count, read-write.", repr(C.count.__doc__)
assert C.double.__doc__ == "Twice the count.", repr(C.double.__doc__)
assert C.get.__qualname__ == "Counter.get" and C.get.__name__ == "get" and C.get.__objclass__ is C
"#);
}

#[test]
fn constructors_take_the_class_entry_and_hand_everything_else_to_type_call() {
    start();
    pybridge::attach(|py| -> pybridge::Result<()> {
        use pybridge::pyo3::prelude::*;
        let m = py.import("fast_fns")?;
        // `Made`'s constructor is plain: the class's own vectorcall entry; `Counter`'s too.
        assert!(pybridge::__private::is_direct(&m.getattr("Made")?)?);
        assert!(pybridge::__private::is_direct(&m.getattr("Counter")?)?);
        Ok(())
    })
    .unwrap();
    run(r#"
import gc, inspect
import fast_fns as f
M = f.Made
class MyInt(int): pass
# the fast path: positional arguments of their exact types, defaults when left out
m = M(1)
assert (type(m), m.x, m.y, m.tag) == (M, 1, 0.5, ""), (m.x, m.y, m.tag)
assert (M(2, 1.5).y, M(3, 2.5, "t").tag) == (1.5, "t")
# everything else: type.__call__ and pyo3's tp_new, with pyo3's words
assert (M(x=4).x, M(5, tag="k").tag, M(MyInt(6)).x, M(7, 1).y) == (4, "k", 6, 1.0)
raises(TypeError, "missing 1 required positional argument: 'x'", M)
raises(TypeError, "takes from 1 to 3 positional arguments but 4 were given", M, 1, 2.0, "t", 4)
raises(TypeError, "'str' object cannot be interpreted as an integer", M, "1")
raises(OverflowError, "", M, 2**64)
# the user's error and a panic, on the fast path
raises(f.Negative, "negative: 13", M, 13)
raises(f.PanicException, "Made(-1): negative", M, -1)
# every value made is dropped once
gc.collect()
before = f.made_drops()
for i in range(1000):
    M(i % 7)
    M(i % 7, 1.0, "x")
raises(f.Negative, "", M, 13)
gc.collect()
assert f.made_drops() - before == 2000, f.made_drops() - before
# subclasses are made by type.__call__ (CPython does not inherit the entry), with their __init__
seen = []
class Sub(M):
    def __init__(self, x, y=0.5, tag=""):
        seen.append((x, tag))
s = Sub(8, tag="s")
assert (type(s), s.x, s.tag, seen) == (Sub, 8, "s", [(8, "s")]), seen
# a class whose __init__ or __new__ is reassigned: the entry steps aside, and back when removed
M.__init__ = lambda self, *a, **k: seen.append("init")
assert M(9).x == 9 and seen[-1] == "init", seen
del M.__init__
assert M(10).x == 10 and seen[-1] == "init" and len(seen) == 2, seen
# introspection is pyo3's
assert str(inspect.signature(M)) == "(x, y=0.5, tag='')", inspect.signature(M)
M.__new__ = staticmethod(lambda cls, *a: "replaced")
assert M(11) == "replaced"
# (deleting it leaves `object.__new__`, as it would without the entry: this class is done)
del M.__new__
raises(TypeError, "object.__new__() takes exactly one argument", M, 12)
"#);
}

#[test]
fn instances_reuse_their_class_free_list_and_stay_whole() {
    start();
    pybridge::attach(|py| -> pybridge::Result<()> {
        use pybridge::pyo3::prelude::*;
        use pybridge::pyo3::types::PyType;
        let pair = py.import("fast_fns")?.getattr("Pair")?;
        assert!(pybridge::__private::is_direct(&pair)?);
        // the free list is the class's allocator (CPython 3.10–3.13 release builds)
        let pair = pair.cast_into::<PyType>().map_err(pybridge::pyo3::PyErr::from)?;
        assert!(pybridge::__private::is_direct_slot(&pair, "tp_alloc"));
        Ok(())
    })
    .unwrap();
    run(r#"
import gc
import fast_fns as f
P = f.Pair
def churn(n):
    for i in range(n):
        p = P(i, 0.5)
        q = p.swapped()
        assert (p.a, p.b, q.a, q.b) == (i, 0.5, 0, float(i)), (i, p.a, p.b, q.a, q.b)
# every instance made from a kept block is a whole object: tracked, its fields its own
live = [P(i, i / 2) for i in range(100)]
del live
again = [P(i, -i) for i in range(100)]
assert all(p.a == i and p.b == -i for i, p in enumerate(again))
assert all(gc.is_tracked(p) for p in again)
again[3].a = 7
assert again[3].a == 7 and again[4].a == 4
del again
# subclass instances (another size, a __dict__) share nothing with the kept blocks
class Sub(P):
    pass
s = [Sub(i, 1.0) for i in range(50)]
for x in s:
    x.extra = x.a * 2
assert [x.extra for x in s[:3]] == [0, 2, 4] and type(s[0]) is Sub
del s
# the one visible difference (free_list.rs): `__class__` cannot move between the class and a
# subclass, whose `tp_free` differ now
class Slotted(P):
    __slots__ = ()
def move(o, cls):
    o.__class__ = cls
raises(TypeError, "deallocator differs", move, P(1, 2.0), Slotted)
# many instances, each a whole object; that each gives the type's reference back (the class's
# refcount), and blocks and RSS, are the `fast_class_rss` scenario's, alone in its process (the
# other tests here make `Pair`s on parallel threads)
churn(20000)
"#);
}

#[test]
fn container_slots_take_direct_entries_and_hand_other_keys_to_pyo3() {
    start();
    pybridge::attach(|py| -> pybridge::Result<()> {
        use pybridge::pyo3::prelude::*;
        use pybridge::pyo3::types::PyType;
        let m = py.import("fast_fns")?;
        let class = |name: &str| -> pybridge::Result<pybridge::pyo3::Bound<'_, PyType>> {
            Ok(m.getattr(name)?.cast_into::<PyType>().map_err(pybridge::pyo3::PyErr::from)?)
        };
        let (pair, huge) = (class("Pair")?, class("Huge")?);
        assert!(pybridge::__private::is_direct_slot(&pair, "__len__"));
        assert!(pybridge::__private::is_direct_slot(&pair, "__getitem__"));
        assert!(pybridge::__private::is_direct_slot(&huge, "__len__"));
        assert!(pybridge::__private::is_direct_slot(&pair, "__add__"));
        assert!(pybridge::__private::is_direct_slot(&pair, "__mul__"));
        // `Counter` declares neither
        assert!(!pybridge::__private::is_direct_slot(&class("Counter")?, "__len__"));
        Ok(())
    })
    .unwrap();
    run(r#"
import fast_fns as f
class MyInt(int): pass
p = f.Pair(3, 0.25)
assert len(p) == 2 and (p[0], p[1], p[-1], p[-2]) == (3.0, 0.25, 0.25, 3.0)
# the user's error, a panic: raised as declared; the object stays usable
raises(f.OutOfRange, "pair index out of range: 5", lambda: p[5])
raises(IndexError, "out of range", lambda: p[-3])
raises(f.PanicException, "index seven", lambda: p[7])
assert p[1] == 0.25
# keys the entry does not take go to pyo3's slot, with pyo3's words
assert p[MyInt(1)] == 0.25 and p[True] == 0.25
raises(TypeError, "'str' object cannot be interpreted as an integer", lambda: p["0"])
raises(TypeError, "'slice' object cannot be interpreted as an integer", lambda: p[0:1])
raises(OverflowError, "", lambda: p[2**70])
# iteration through __getitem__ (the old protocol) stops at IndexError
assert list(p) == [3.0, 0.25]
# a length past isize::MAX is an OverflowError, as pyo3's
assert len(f.Huge(False)) == 5
raises(OverflowError, "", len, f.Huge(True))
# subclasses inherit the entries, or replace them
class Longer(f.Pair):
    def __len__(self):
        return 9
class Same(f.Pair):
    pass
assert (len(Longer(1, 2.0)), len(Same(1, 2.0)), Same(4, 2.0)[0]) == (9, 2, 4.0)
# the descriptors stay pyo3's, with the same results
assert f.Pair.__len__(p) == 2 and f.Pair.__getitem__(p, 1) == 0.25
# operators: the instance on the left and a plain right operand take the entry
q = p + 4
assert (type(q), q.a, q.b, p * 2.0) == (f.Pair, 7, 0.25, 0.5)
raises(f.OutOfRange, "pair index out of range: 0", lambda: p * 0.0)
# everything else is pyo3's: the reflected method, subclasses of int, conversions, other types
assert 4 + p == 7 and (p + MyInt(1)).a == 4 and (p + True).a == 4 and p * 2 == 0.5
raises(TypeError, "unsupported operand type(s) for +: 'fast_fns.Pair' and 'str'", lambda: p + "x")
raises(TypeError, "unsupported operand type(s) for *: 'float' and 'fast_fns.Pair'", lambda: 2.0 * p)
raises(TypeError, "unsupported operand type(s) for +: 'fast_fns.Pair' and 'fast_fns.Pair'", lambda: p + p)
# a subclass inherits the entry (its instances are instances of the class)
assert (Same(1, 2.0) + 1).a == 2 and type(Same(1, 2.0) + 1) is f.Pair
"#);
}
