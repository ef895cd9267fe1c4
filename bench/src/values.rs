//! Issue 14's rows: a Rust closure called by Python (a stub's `Callable[[int], int]` argument)
//! against the same closure made by hand with pyo3's `PyCFunction::new_closure`; a Python
//! iterator read through a stub's `PyIter` against a raw `PyIter_Next` loop; and a class
//! handle's `Clone` and `==` (and their token-taking forms `clone_ref(py)`, `eq_ref(py, ..)`)
//! against the raw reference count and `PyObject_RichCompareBool`.
//! All attached (the stubs attach again, nested, as user code on an attached thread does).

use std::hint::black_box;

use pybridge::__private::pyo3::ffi;
use pybridge::__private::pyo3::prelude::*;
use pybridge::__private::pyo3::types::PyCFunction;

use super::{REPEATS, bench_mod, compare};

/// One row: the raw figure and the stub's, ns per item.
pub struct Value {
    pub shape: &'static str,
    pub raw: f64,
    pub stub: f64,
}

/// Items per timed call of the closure and iterator rows (so that a figure is per item).
const ITEMS: u64 = 1_000;

/// Timed calls per loop of the closure and iterator rows (each `ITEMS` items).
const LOOPS: u64 = 200;

/// [`compare`] for the per-item rows: best ns per call of `LOOPS` calls, interleaved.
fn compare_items<A, B>(mut a: impl FnMut(u64) -> A, mut b: impl FnMut(u64) -> B) -> (f64, f64) {
    let time = |f: &mut dyn FnMut(u64)| {
        let start = std::time::Instant::now();
        for i in 0..LOOPS {
            f(i);
        }
        start.elapsed().as_nanos() as f64 / LOOPS as f64
    };
    let (mut best_a, mut best_b) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..REPEATS {
        best_a = best_a.min(time(&mut |i| drop(black_box(a(i)))));
        best_b = best_b.min(time(&mut |i| drop(black_box(b(i)))));
    }
    (best_a, best_b)
}

pub fn run(py: Python<'_>) -> Vec<Value> {
    let module = py.import("bench_mod").unwrap();
    let call_n = module.getattr("call_n").unwrap();
    let numbers = module.getattr("numbers").unwrap();
    let mut rows = Vec::new();

    // Python calls the closure ITEMS times per loop iteration: ns per Python → Rust call.
    let by_hand = PyCFunction::new_closure(py, None, None, |args, _kwargs| -> PyResult<i64> {
        let (x,): (i64,) = args.extract()?;
        Ok(x + 1)
    })
    .unwrap();
    let (raw, stub) = compare_items(
        |_| call_n.call1((&by_hand, ITEMS)).unwrap(),
        |_| bench_mod::attached::call_n(py, |x| x + 1, ITEMS as i64).unwrap(),
    );
    rows.push(Value {
        shape: "Python calls a Rust closure (per call)",
        raw: raw / ITEMS as f64,
        stub: stub / ITEMS as f64,
    });

    // Rust pulls ITEMS items of a Python iterator: ns per item.
    let (raw, stub) = compare_items(
        |_| {
            let it = numbers.call1((ITEMS,)).unwrap();
            let mut total = 0i64;
            loop {
                // SAFETY: attached; `it` is a live iterator; the new reference is released.
                let item = unsafe { ffi::PyIter_Next(it.as_ptr()) };
                if item.is_null() {
                    break;
                }
                // SAFETY: `item` is a new reference to an int.
                unsafe {
                    total += ffi::PyLong_AsLongLong(item);
                    ffi::Py_DECREF(item);
                }
            }
            total
        },
        |_| bench_mod::attached::numbers(py, ITEMS as i64).unwrap().map(Result::unwrap).sum::<i64>(),
    );
    rows.push(Value {
        shape: "Rust reads a Python iterator (per item)",
        raw: raw / ITEMS as f64,
        stub: stub / ITEMS as f64,
    });
    // Inside an attach: `it.attached(py)` against pyo3's own `try_iter` (no attach per item).
    let (raw, stub) = compare_items(
        |_| {
            let it = numbers.call1((ITEMS,)).unwrap();
            it.try_iter().unwrap().map(|x| x.unwrap().extract::<i64>().unwrap()).sum::<i64>()
        },
        |_| bench_mod::attached::numbers(py, ITEMS as i64).unwrap().attached(py).map(Result::unwrap).sum::<i64>(),
    );
    rows.push(Value {
        shape: "the same, `it.attached(py)` against pyo3's `try_iter` (per item)",
        raw: raw / ITEMS as f64,
        stub: stub / ITEMS as f64,
    });

    // A class handle's Clone and == against the raw calls.
    let a = bench_mod::Obj::new().unwrap();
    let b = bench_mod::Obj::new().unwrap();
    let (pa, pb) = (a.as_object().as_ptr(), b.as_object().as_ptr());
    let (raw, stub) = compare(
        // SAFETY: attached; `a` keeps the object alive; the new reference is released.
        |_| unsafe {
            ffi::Py_INCREF(pa);
            ffi::Py_DECREF(pa);
        },
        |_| drop(black_box(a.clone())),
    );
    rows.push(Value { shape: "handle `Clone` (and drop)", raw, stub });
    let (raw, stub) = compare(
        // SAFETY: attached; both objects live for the loop.
        |_| unsafe { ffi::PyObject_RichCompareBool(pa, pb, ffi::Py_EQ) },
        |_| a == b,
    );
    rows.push(Value { shape: "handle `==` (Python's `__eq__`)", raw, stub });
    // The token-taking forms, for code that is already attached.
    let (raw, stub) = compare(
        // SAFETY: attached; `a` keeps the object alive; the new reference is released.
        |_| unsafe {
            ffi::Py_INCREF(pa);
            ffi::Py_DECREF(pa);
        },
        |_| drop(black_box(a.clone_ref(py))),
    );
    rows.push(Value { shape: "handle `clone_ref(py)` (and drop)", raw, stub });
    let (raw, stub) = compare(
        // SAFETY: attached; both objects live for the loop.
        |_| unsafe { ffi::PyObject_RichCompareBool(pa, pb, ffi::Py_EQ) },
        |_| a.eq_ref(py, &b).unwrap(),
    );
    rows.push(Value { shape: "handle `eq_ref(py, ..)`", raw, stub });
    rows
}
