//! The direct entry point of exported functions with plain parameters (`fast_fns`,
//! tests/src/fast.rs), called every way Python can call a function: the fast path (every
//! argument positional, of its exact type) and everything it hands to pyo3's path (keywords,
//! defaults, subclasses, conversions, wrong counts), which must behave exactly as pyo3 does;
//! errors, panics, the function object's introspection and pickling.

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
    pybridge_tests::run_python(
        r#"
import fast_fns as f
assert f.nothing() is None
assert f.mix(1, -2, 2**64 - 1, True) == "1 -2 18446744073709551615 true"
assert f.text(0.5, 1.5, "é", "o") == "0.5 1.5 é o"
assert f.add(1, 2) == 3 and f.sub(5, 3) == 2
assert (f.greet("a"), f.greet("a", "yo"), f.greet("a", "yo", 2)) == ("hi a", "yo a", "yo ayo a")
assert f.root(9.0) == 3.0 and f.first("xyz") == "x" and f.slow_sum(5) == 10
"#,
    );
}

#[test]
fn everything_else_takes_pyo3s_path_and_behaves_as_pyo3() {
    start();
    pybridge_tests::run_python(
        r#"
import fast_fns as f
class MyInt(int): pass
class MyStr(str): pass
# keywords, a default, subclasses, conversions the fast path does not do
assert f.add(1) == 11 and f.add(a=1, b=2) == 3 and f.add(1, b=5) == 6
assert f.add(MyInt(4), True) == 5 and f.root(4) == 2.0 and f.first(MyStr("q")) == "q"
assert f.mix(1, -2, 3, flag=False) == "1 -2 3 false" and f.text(2, 3, s="s", owned=MyStr("t")) == "2 3 s t"
def raises(exc, match, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except exc as e:
        assert match in str(e), (match, str(e))
    else:
        raise AssertionError(f"{fn.__name__}{args} did not raise")
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
"#,
    );
}

#[test]
fn the_function_objects_look_like_pyo3s() {
    start();
    pybridge_tests::run_python(
        r#"
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
"#,
    );
}
