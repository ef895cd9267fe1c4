//! `pybridge::Pool`: generated `pooled` stubs running in own-GIL sub-interpreters (CPython
//! 3.12+; scripts/test runs this file on 3.13 through `scripts/test-python 3.13`). On an older
//! CPython the pool is refused with an error saying what it needs.

use pybridge::{ErrorKind, Pool};
use pybridge_tests::pool::{pool_mod, pool_numpy, pool_refuses};
use pybridge_tests::use_test_python;

/// A pool of `n`, or `None` (after checking the refusal) on a CPython without own-GIL
/// sub-interpreters.
fn pool(n: usize) -> Option<Pool> {
    use_test_python();
    match Pool::new(n) {
        Ok(pool) => {
            assert!(Pool::is_supported());
            Some(pool)
        }
        Err(e) => {
            assert!(!Pool::is_supported(), "{e}");
            let version = pybridge::attach(|py| py.version_info().minor);
            assert!(version < 12, "CPython 3.{version} should make sub-interpreters: {e}");
            assert!(e.to_string().contains("CPython 3.12 or later"), "{e}");
            None
        }
    }
}

#[test]
fn pooled_stubs_run_in_a_sub_interpreter_and_return_values() {
    let Some(pool) = pool(1) else { return };
    assert_eq!(pool_mod::pooled::add(&pool, 2, 3).unwrap(), 5);
    assert_eq!(pool_mod::pooled::work(&pool, 4).unwrap(), 14);
    assert_ne!(pool_mod::pooled::interpreter_id(&pool).unwrap(), 0, "ran in the main interpreter");
    assert_eq!(pool_mod::interpreter_id().unwrap(), 0);
    let shapes = pool_mod::pooled::shapes(&pool, &["a", "b"], Some(0.5), b"\x01\xff", &[true, false]).unwrap();
    assert_eq!(shapes, [Some("A".to_string()), None, Some("0.5".into()), Some("01ff".into())]);
    let shapes = pool_mod::pooled::shapes(&pool, &[String::from("x")], None, b"", &[true]).unwrap();
    assert_eq!(shapes, [Some("X".to_string()), Some("None".into()), Some(String::new())]);
    assert_eq!(pool_mod::pooled::echo_bytes(&pool, b"abc").unwrap(), b"cba");
    // A parameter named `pool` beside the stub's own pool.
    assert_eq!(pool_mod::pooled::offset(&pool, 40, 2).unwrap(), 42);
    // Plain values only: a function taking a dict has no pooled stub (checked by the golden
    // file and by this not compiling: `pool_mod::pooled::objects`).
    assert_eq!(pool_mod::objects(&[("a".to_string(), 1)].into()).unwrap(), 1);
}

#[test]
fn each_thread_keeps_its_interpreter_and_module_state_is_per_interpreter() {
    let Some(pool) = pool(2) else { return };
    let pool = std::sync::Arc::new(pool);
    let runs: Vec<(i64, Vec<i64>)> = (0..2)
        .map(|_| {
            let pool = pool.clone();
            std::thread::spawn(move || {
                let id = pool_mod::pooled::interpreter_id(&pool).unwrap();
                let counts = (0..3).map(|_| pool_mod::pooled::count(&pool).unwrap()).collect();
                assert_eq!(pool_mod::pooled::interpreter_id(&pool).unwrap(), id, "changed interpreter");
                (id, counts)
            })
        })
        .map(|t| t.join().unwrap())
        .collect();
    // Threads take the interpreters in turn: two threads, two interpreters, each counting
    // from 1 in its own copy of the module; the main interpreter's copy is a third.
    assert_ne!(runs[0].0, runs[1].0);
    assert_eq!(runs[0].1, [1, 2, 3]);
    assert_eq!(runs[1].1, [1, 2, 3]);
    assert_eq!(pool_mod::count().unwrap(), 1);
}

#[test]
fn exceptions_arrive_as_text_with_traceback_and_cause() {
    let Some(pool) = pool(1) else { return };
    let err = pool_mod::pooled::fail(&pool, "bad value").unwrap_err();
    let python = err.python().expect("a Python exception");
    assert_eq!(python.type_name, "ValueError");
    assert_eq!(python.message, "bad value");
    let traceback = python.traceback.as_deref().expect("a traceback");
    assert!(traceback.starts_with("Traceback (most recent call last):\n"), "{traceback}");
    assert!(traceback.contains("pool_mod.py") && traceback.contains("in fail"), "{traceback}");
    let cause = python.cause.as_deref().expect("the KeyError");
    assert_eq!((cause.type_name.as_str(), cause.message.as_str()), ("KeyError", "'inner'"));
    // Recursion is limited per interpreter, and its error arrives like any other.
    let err = pool_mod::pooled::recurse(&pool, 100_000).unwrap_err();
    assert!(err.is_python("RecursionError"), "{err}");
    assert_eq!(pool_mod::pooled::recurse(&pool, 50).unwrap(), 50);
    // A result of the wrong type: a conversion error naming the function.
    let err = pool_mod::pooled::lies(&pool).unwrap_err();
    match err.kind() {
        ErrorKind::Conversion { function, what, expected, actual, .. } => {
            assert_eq!((function.as_str(), what.as_str()), ("pool_mod.lies", "return value"));
            assert_eq!((expected.as_str(), actual.as_str()), ("int", "str"));
        }
        other => panic!("{other:?}"),
    }
    // The pool still works after all of that.
    assert_eq!(pool_mod::pooled::add(&pool, 1, 1).unwrap(), 2);
}

#[test]
fn a_module_refusing_sub_interpreters_is_named_or_falls_back() {
    let Some(pool) = pool(1) else { return };
    for _ in 0..2 {
        let err = pool_refuses::pooled::loaded(&pool).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Interpreter(_)), "{err:?}");
        let text = err.to_string();
        assert!(text.contains("`pool_refuses.loaded` cannot run in a sub-interpreter"), "{text}");
        assert!(text.contains("_test_shared_gil_only does not support loading in subinterpreters"), "{text}");
        assert!(text.contains("fallback_to_main(true)"), "{text}");
    }
    let falls_back = Pool::builder().size(1).fallback_to_main(true).build().unwrap();
    assert!(falls_back.falls_back_to_main());
    assert_eq!(pool_refuses::pooled::loaded(&falls_back).unwrap(), 1);
    assert_eq!(pool_mod::pooled::add(&falls_back, 2, 2).unwrap(), 4);
}

#[test]
fn a_pool_called_while_attached_to_the_main_interpreter_comes_back_to_it() {
    let Some(pool) = pool(1) else { return };
    pybridge::attach(|py| {
        use pybridge::pyo3::prelude::*;
        let before = py.import("sys").unwrap().getattr("path").unwrap();
        assert_eq!(pool_mod::pooled::add(&pool, 20, 22).unwrap(), 42);
        assert_ne!(pool_mod::pooled::interpreter_id(&pool).unwrap(), 0);
        // Still attached to the main interpreter, with objects from before still usable.
        let after = py.import("sys").unwrap().getattr("path").unwrap();
        assert!(before.is(&after));
        assert_eq!(pool_mod::attached::interpreter_id(py).unwrap(), 0);
        // A pooled call with the main interpreter released (`detach`), then attaching stubs
        // nested in this attach: they nest on the main interpreter.
        assert_eq!(py.detach(|| pool_mod::pooled::add(&pool, 1, 2)).unwrap(), 3);
        assert_eq!(pool_mod::interpreter_id().unwrap(), 0);
        assert_eq!(pool_mod::attached::interpreter_id(py).unwrap(), 0);
    });
    // And from a thread that is not attached at all.
    assert_ne!(pool_mod::pooled::interpreter_id(&pool).unwrap(), 0);
    assert_eq!(pool_mod::interpreter_id().unwrap(), 0);
}

#[test]
fn pools_end_with_their_threads_and_without_them() {
    // A pool dropped while a thread that used it still lives, and one outliving its threads.
    for _ in 0..3 {
        let Some(pool) = pool(2) else { return };
        let pool = std::sync::Arc::new(pool);
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let keep = {
            let pool = pool.clone();
            std::thread::spawn(move || {
                assert_eq!(pool_mod::pooled::add(&pool, 1, 2).unwrap(), 3);
                drop(pool);
                rx.recv().unwrap();
            })
        };
        let done = {
            let pool = pool.clone();
            std::thread::spawn(move || pool_mod::pooled::work(&pool, 10).unwrap())
        };
        assert_eq!(done.join().unwrap(), 285);
        drop(pool);
        tx.send(()).unwrap();
        keep.join().unwrap();
    }
}

#[test]
fn numpy_refuses_sub_interpreters_with_its_module_named_and_runs_on_the_main_one() {
    let Some(pool) = pool(1) else { return };
    let has_numpy = pybridge::attach(|py| py.import("numpy").is_ok());
    if !has_numpy {
        assert!(std::env::var_os("PYBRIDGE_REQUIRE_NUMPY").is_none(), "numpy is required (PYBRIDGE_REQUIRE_NUMPY)");
        return;
    }
    let err = pool_numpy::pooled::total(&pool, &[1.0, 2.0]).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("`pool_numpy.total` cannot run in a sub-interpreter: ImportError:"), "{text}");
    assert!(text.contains("numpy._core._multiarray_umath does not support loading in subinterpreters"), "{text}");
    // One line of numpy's advice text, not all of it.
    assert!(!text.contains("IMPORTANT"), "{text}");
    let falls_back = Pool::builder().fallback_to_main(true).build().unwrap();
    assert_eq!(pool_numpy::pooled::total(&falls_back, &[1.0, 2.0, 3.5]).unwrap(), 6.5);
}
