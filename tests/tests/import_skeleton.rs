//! Python → Rust, end to end: generated stubs called against real CPython.

use std::collections::HashMap;

use pybridge::ErrorKind;
use pybridge_tests::skeleton::{math, skel_mod};
use pybridge_tests::use_test_python;

#[test]
fn calls_math_sqrt_and_reads_pi() {
    assert_eq!(math::sqrt(2.0).unwrap(), 2f64.sqrt());
    assert_eq!(math::pi().unwrap(), std::f64::consts::PI);
}

#[test]
fn python_math_domain_error_arrives_typed() {
    let err = math::sqrt(-1.0).unwrap_err();
    assert!(err.is_python("ValueError"), "{err}");
    assert_eq!(err.to_string(), "ValueError: math domain error");
}

#[test]
fn omitted_defaults_let_python_apply_its_own() {
    use_test_python();
    // count omitted (Python default 1), sep omitted ('-'), loud required keyword-only.
    assert_eq!(skel_mod::describe("ab", None, None, false).unwrap(), "ab");
    assert_eq!(skel_mod::describe("ab", Some(3), None, true).unwrap(), "AB-AB-AB");
    assert_eq!(skel_mod::describe("ab", Some(2), Some("+"), false).unwrap(), "ab+ab");
    // `list[str]`: string literals or owned strings, no conversion by hand.
    assert_eq!(skel_mod::joined(&["a", "b"], None, None).unwrap(), "a b");
    let owned = vec![String::from("x"), String::from("y")];
    assert_eq!(skel_mod::joined(&owned, Some("-"), Some(&owned)).unwrap(), "x-y-x-y");
    // count omitted but a later keyword given: the call switches to keywords correctly.
    assert_eq!(skel_mod::describe("x", None, Some("/"), true).unwrap(), "X");
}

#[test]
fn containers_cross_both_ways() {
    use_test_python();
    let items = HashMap::from([("b".to_string(), 2), ("a".to_string(), 1)]);
    assert_eq!(skel_mod::pairs(&items).unwrap(), vec![("a".to_string(), 1), ("b".to_string(), 2)]);
    assert_eq!(skel_mod::maybe(true).unwrap(), Some(7));
    assert_eq!(skel_mod::maybe(false).unwrap(), None);
    let set = skel_mod::unique(&[3, 1, 3, 2]).unwrap();
    assert_eq!(set.len(), 3);
    assert!(set.contains(&1) && set.contains(&2) && set.contains(&3));
    assert_eq!(skel_mod::echo_bytes(b"abc").unwrap(), b"cba".to_vec());
    // `list[float]` results: the fast path (an exact list), and the general one (a tuple).
    assert_eq!(skel_mod::halves(&[1.0, 3.0], false).unwrap(), vec![0.5, 1.5]);
    assert_eq!(skel_mod::halves(&[1.0, 3.0], true).unwrap(), vec![0.5, 1.5]);
    // `list[str]`: the fast path, and a lone surrogate leaving it for a typed conversion error.
    assert_eq!(skel_mod::texts(false).unwrap(), vec!["a".to_string(), "b".to_string()]);
    let err = skel_mod::texts(true).unwrap_err().to_string();
    assert!(err.contains("skel_mod.texts") && err.contains("list[str]") && err.contains("surrogate"), "{err}");
}

#[test]
fn any_returns_an_untyped_handle() {
    use_test_python();
    let object = skel_mod::anything().unwrap();
    let text = pybridge::attach(|py| object.bind(py).to_string());
    assert_eq!(text, "{'any': [1, 2]}");
}

#[test]
fn rust_keywords_reach_the_right_python_names() {
    use_test_python();
    assert_eq!(skel_mod::r#match("t", 1, 2).unwrap(), "t:1:2");
    assert_eq!(skel_mod::crate_().unwrap(), "a constant named like a Rust keyword");
}

#[test]
fn exception_two_frames_deep_has_type_message_and_traceback() {
    use_test_python();
    let err = skel_mod::raise_two_deep("missing").unwrap_err();
    let exc = err.python().expect("a Python exception");
    assert_eq!(exc.type_name, "KeyError");
    assert_eq!(exc.message, "'missing'");
    let tb = exc.traceback.as_deref().expect("a traceback");
    let source = std::fs::read_to_string(pybridge_tests::workspace_root().join("tests/python/skel_mod.py")).unwrap();
    let line = source.lines().position(|l| l.contains("raise KeyError(message)")).unwrap() + 1;
    assert!(tb.contains(&format!("skel_mod.py\", line {line}, in _deeper")), "{tb}");
    assert!(tb.contains("in raise_two_deep"), "{tb}");
}

#[test]
fn wrong_return_type_is_a_conversion_error() {
    use_test_python();
    let err = skel_mod::lies().unwrap_err();
    match err.kind() {
        ErrorKind::Conversion { function, what, expected, actual, .. } => {
            assert_eq!(function, "skel_mod.lies");
            assert_eq!(what, "return value");
            assert_eq!(expected, "int");
            assert_eq!(actual, "str");
        }
        other => panic!("expected a conversion error, got {other:?}"),
    }
}

#[test]
fn int_overflow_is_a_typed_conversion_error() {
    use_test_python();
    let err = skel_mod::big().unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Conversion { expected, .. } if expected == "an int that fits i64"),
        "{err}"
    );
    assert!(err.to_string().contains("skel_mod.big: return value should be an int that fits i64, got int"), "{err}");
    assert!(err.to_string().contains("1180591620717411303424 is out of range for i64"), "{err}");
}

#[test]
fn every_rust_integer_width_crosses_with_its_range() {
    use_test_python();
    assert_eq!(skel_mod::wide(200).unwrap(), 200u8);
    let err = skel_mod::wide(u128::MAX).unwrap_err();
    assert!(err.to_string().contains(&format!("{} is out of range for u8", u128::MAX)), "{err}");
    let err = skel_mod::wide(300).unwrap_err();
    assert!(
        err.to_string().contains(
            "skel_mod.wide: return value should be an int that fits u8, got int (300 is out of range for u8)"
        ),
        "{err}"
    );
}

#[test]
fn attached_variants_share_the_cached_callable() {
    use pybridge::__private::pyo3::types::PyAnyMethods;
    use_test_python();
    // The attaching stub resolves `skel_mod.identity` once (no other test here calls it) …
    let one = pybridge::attach(|py| py.eval(c"1", None, None).map(|v| v.unbind())).unwrap();
    let first = skel_mod::identity(&one).unwrap();
    // … then the module attribute is replaced: a stub that looked it up again (or an attached
    // variant with a cache of its own) would call the replacement.
    let swap = c"import skel_mod\nskel_mod._kept = skel_mod.identity\nskel_mod.identity = lambda v: 'replaced'";
    pybridge::attach(|py| py.run(swap, None, None)).unwrap();
    let again = pybridge::attach(|py| skel_mod::attached::identity(py, &one));
    let restore = c"import skel_mod\nskel_mod.identity = skel_mod._kept";
    pybridge::attach(|py| py.run(restore, None, None)).unwrap();
    let again = again.unwrap();
    pybridge::attach(|py| {
        assert_eq!(first.bind(py).extract::<i64>().unwrap(), 1);
        assert_eq!(again.bind(py).extract::<i64>().unwrap(), 1, "the attached stub called the replacement");
    });
}

#[test]
fn stubs_are_callable_from_many_threads() {
    use_test_python();
    let handles: Vec<_> = (0..8)
        .map(|t| {
            std::thread::spawn(move || {
                for i in 0..200 {
                    let x = (t * 1000 + i) as f64;
                    assert_eq!(math::sqrt(x * x).unwrap(), x);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("thread");
    }
}

#[test]
fn generators_are_read_lazily_and_their_errors_arrive_typed() {
    use_test_python();
    let items: Vec<i64> = skel_mod::countdown(3).unwrap().map(Result::unwrap).collect();
    // Any Rust `IntoIterator` where Python takes an iterable, a Python iterator's items too.
    assert_eq!(skel_mod::total_of(1..=4).unwrap(), 10);
    assert_eq!(skel_mod::total_of(skel_mod::countdown(3).unwrap().map(Result::unwrap)).unwrap(), 6);
    assert_eq!(items, [3, 2, 1]);
    // Lazily: an endless prefix is fine, and the iterator moves to another thread.
    let mut it = skel_mod::countdown(1_000_000_000).unwrap();
    assert_eq!(it.next().unwrap().unwrap(), 1_000_000_000);
    let rest = std::thread::spawn(move || it.take(2).map(Result::unwrap).collect::<Vec<_>>()).join().unwrap();
    assert_eq!(rest, [999_999_999, 999_999_998]);
    // Inside an attach, `attached(py)` reads without attaching per item.
    let sum: i64 = pybridge::attach(|py| skel_mod::countdown(4).unwrap().attached(py).map(Result::unwrap).sum());
    assert_eq!(sum, 10);
    // The exception the generator raises is the module's declared variant, and ends it.
    let mut faulty = skel_mod::faulty("raise").unwrap();
    assert_eq!(faulty.next().unwrap().unwrap(), 1);
    match faulty.next().unwrap() {
        Err(skel_mod::Error::SkelError(e)) => assert!(e.to_string().contains("generator failed"), "{e}"),
        other => panic!("expected SkelError, got {other:?}"),
    }
    assert!(faulty.next().is_none());
    // A wrongly typed item is a conversion error naming the function.
    let mut wrong = skel_mod::faulty("type").unwrap();
    assert_eq!(wrong.next().unwrap().unwrap(), 1);
    let err = wrong.next().unwrap().unwrap_err();
    assert!(err.to_string().contains("skel_mod.faulty: an item should be int, got str"), "{err}");
    assert!(wrong.next().is_none());
}

#[test]
fn rust_closures_are_python_callables() {
    use_test_python();
    assert_eq!(skel_mod::apply(|x| x * 10, 4).unwrap(), 41);
    assert_eq!(skel_mod::apply_pair(|a, b| a.repeat(b as usize), "ab", 3).unwrap(), "ababab!");
    let captured = 1.25;
    assert_eq!(skel_mod::call_none(move || captured).unwrap(), 2.5);
    let words = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = std::sync::Arc::clone(&words);
    skel_mod::each_word(move |w| sink.lock().unwrap().push(w), "to be or").unwrap();
    assert_eq!(*words.lock().unwrap(), ["to", "be", "or"]);
    // The closure may call back into Python (nested, on the same thread).
    assert_eq!(skel_mod::apply(|x| skel_mod::apply(|y| y + 1, x).unwrap(), 1).unwrap(), 4);
    // Python passing the wrong type: its TypeError comes back as the call's error.
    let err = skel_mod::misuse(|x| x).unwrap_err();
    assert!(err.to_string().contains("TypeError"), "{err}");
    // Callables Python returns: typed, callable from any thread, their exceptions typed.
    let triple = skel_mod::multiplier(3).unwrap();
    assert_eq!(triple.call((14,)).unwrap(), 42);
    assert_eq!(std::thread::spawn(move || triple.call((5,)).unwrap()).join().unwrap(), 15);
    match skel_mod::refuser().unwrap().call(("x".to_string(),)) {
        Err(skel_mod::Error::SkelError(e)) => assert!(e.to_string().contains("refused x"), "{e}"),
        other => panic!("expected SkelError, got {other:?}"),
    }
    skel_mod::notifier().unwrap().call(()).unwrap();
    let made = skel_mod::make_with(|n| skel_mod::Counter::new(Some(n * 2), None).unwrap(), 21).unwrap();
    assert_eq!(made, 42);
    let counters = (1..=3).map(|n| skel_mod::Counter::new(Some(n), None).unwrap());
    assert_eq!(skel_mod::count_values(counters).unwrap(), 6);
    let err = skel_mod::not_callable().unwrap_err();
    assert!(err.to_string().contains("skel_mod.not_callable: return value should be a callable, got int"), "{err}");
    // From another thread, with state shared by the closure.
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = std::sync::Arc::clone(&calls);
    let total = std::thread::spawn(move || {
        (0..100)
            .map(|i| {
                let seen = std::sync::Arc::clone(&seen);
                skel_mod::apply(
                    move |x| {
                        seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        x + i
                    },
                    0,
                )
                .unwrap()
            })
            .sum::<i64>()
    })
    .join()
    .unwrap();
    assert_eq!((total, calls.load(std::sync::atomic::Ordering::Relaxed)), ((0..100).map(|i| i + 1).sum(), 100));
}
