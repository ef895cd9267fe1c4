//! Rust → Python per-call cost, in one run: generated stubs against the raw C-API limit
//! (`PyObject_Vectorcall` on a cached callable, arguments boxed per call) and pyo3's naive
//! `import + getattr + call` per call; positional, keyword and method calls; attached, and
//! from a thread that is not attached.
//!
//! Also: four threads calling at once ([`contention`]), container conversions through the
//! stubs against hand-written C-API loops ([`conversions`]), and closures, iterators and
//! handles against their raw calls ([`values`]).
//!
//! Run: `cargo run --release -p pybridge-bench --bin bench-import` (prints Markdown tables;
//! `bench/run` runs it with everything else). Each figure is the best of several repeats of a
//! timed loop, in ns per call.

use std::hint::black_box;
use std::time::Instant;

use pybridge::__private::pyo3::ffi;
use pybridge::__private::pyo3::prelude::*;
use pybridge::__private::pyo3::types::{PyString, PyTuple};

include!(concat!(env!("OUT_DIR"), "/bench.rs"));

mod contention;
mod conversions;
mod values;

const CALLS: u64 = 100_000;
const REPEATS: usize = 15;

/// ns per call of one timed loop.
fn time_loop<T>(f: &mut impl FnMut(u64) -> T) -> f64 {
    let start = Instant::now();
    for i in 0..CALLS {
        black_box(f(i));
    }
    start.elapsed().as_nanos() as f64 / CALLS as f64
}

/// Best ns per call over the repeats.
fn measure<T>(mut f: impl FnMut(u64) -> T) -> f64 {
    (0..REPEATS).map(|_| time_loop(&mut f)).fold(f64::INFINITY, f64::min)
}

/// Best ns per call of two implementations, their loops interleaved so that both see the
/// same machine (frequency changes and neighbours' load hit both alike).
fn compare<A, B>(mut a: impl FnMut(u64) -> A, mut b: impl FnMut(u64) -> B) -> (f64, f64) {
    let (mut best_a, mut best_b) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..REPEATS {
        best_a = best_a.min(time_loop(&mut a));
        best_b = best_b.min(time_loop(&mut b));
    }
    (best_a, best_b)
}

/// The limit: vectorcall on a cached callable, boxing the ints and unboxing the result.
///
/// SAFETY (for the callers' `unsafe` blocks): attached; `callable` is a live object; every
/// new reference is released.
unsafe fn raw_call(callable: *mut ffi::PyObject, a: i64, b: i64, kwnames: *mut ffi::PyObject) -> i64 {
    // SAFETY: see the function's contract.
    unsafe {
        let mut args = [std::ptr::null_mut(), ffi::PyLong_FromLongLong(a), ffi::PyLong_FromLongLong(b)];
        let nkw = if kwnames.is_null() { 0 } else { 1 };
        let result = ffi::PyObject_Vectorcall(
            callable,
            args.as_mut_ptr().add(1),
            (2 - nkw) | ffi::PY_VECTORCALL_ARGUMENTS_OFFSET,
            kwnames,
        );
        ffi::Py_DECREF(args[1]);
        ffi::Py_DECREF(args[2]);
        let value = ffi::PyLong_AsLongLong(result);
        ffi::Py_DECREF(result);
        value
    }
}

struct Row {
    shape: &'static str,
    limit: f64,
    stub: f64,
    naive: Option<f64>,
}

fn main() {
    pybridge::Interpreter::builder().sys_path(concat!(env!("CARGO_MANIFEST_DIR"), "/python")).start().expect("start");
    if std::env::var_os("BENCH_PROFILE_STUB").is_some() {
        // For `perf record`: only the attached positional stub, for a long time.
        pybridge::attach(|py| {
            for _ in 0..50 {
                measure(|i| bench_mod::attached::add(py, i as i64, 1).unwrap());
            }
        });
        return;
    }
    if let Some(which) = std::env::var_os("BENCH_PROFILE_UNATTACHED") {
        // For callgrind: `n` unattached calls of one column (`limit` or `stub`).
        profile_unattached(which.to_str() == Some("stub"));
        return;
    }
    let mut rows = pybridge::attach(measure_attached);
    rows.push(measure_unattached());
    let fresh = measure_fresh_thread_state();

    let contended = contention::run();
    let conversions = pybridge::attach(conversions::run);
    let values = pybridge::attach(values::run);

    print_calls(&rows, fresh);
    print_contention(&contended);
    print_conversions(&conversions);
    print_values(&values);
}

/// Issue 14's table: callables, iterators and handles.
fn print_values(values: &[values::Value]) {
    println!();
    println!("Callables, iterators and handles (attached; ns):");
    println!();
    println!("| case | raw (ns) | pybridge (ns) | pybridge / raw |");
    println!("|---|---:|---:|---:|");
    for r in values {
        println!("| {} | {:.1} | {:.1} | {:.2} |", r.shape, r.raw, r.stub, r.stub / r.raw);
    }
}

/// Calls made attached: positional (beside pyo3's naive call), keyword, and method.
fn measure_attached(py: Python<'_>) -> Vec<Row> {
    let module = py.import("bench_mod").unwrap();
    let add = module.getattr("add").unwrap();
    let kw = module.getattr("kw").unwrap();
    let obj = bench_mod::Obj::new().unwrap();
    let kwnames = PyTuple::new(py, [PyString::intern(py, "b")]).unwrap();
    let m_name = PyString::intern(py, "m");
    let mut rows = vec![measure_positional(py, &add)];

    let (limit, stub) = compare(
        // SAFETY: attached; `kw` and `kwnames` live for the whole loop.
        |i| unsafe { raw_call(kw.as_ptr(), i as i64, 1, kwnames.as_ptr()) },
        |i| bench_mod::attached::kw(py, i as i64, 1).unwrap(),
    );
    rows.push(Row { shape: "keyword `kw(a, *, b)`, attached", limit, stub, naive: None });

    let bound = obj.bind(py);
    let receiver = bound.as_bound().clone();
    let (limit, stub) = compare(
        |i| {
            // SAFETY: attached; receiver and name live for the whole loop; references released.
            unsafe {
                let mut args = [receiver.as_ptr(), ffi::PyLong_FromLongLong(i as i64)];
                let result = ffi::PyObject_VectorcallMethod(
                    m_name.as_ptr(),
                    args.as_mut_ptr(),
                    2 | ffi::PY_VECTORCALL_ARGUMENTS_OFFSET,
                    std::ptr::null_mut(),
                );
                ffi::Py_DECREF(args[1]);
                let value = ffi::PyLong_AsLongLong(result);
                ffi::Py_DECREF(result);
                value
            }
        },
        |i| bound.m(i as i64).unwrap(),
    );
    rows.push(Row { shape: "method `o.m(x)`, attached", limit, stub, naive: None });
    rows
}

/// The positional call `add(a, b)`, attached: the limit, the stub, and pyo3's naive
/// `import + getattr + call`.
fn measure_positional(py: Python<'_>, add: &Bound<'_, PyAny>) -> Row {
    let (limit, stub) = compare(
        // SAFETY: attached; `add` lives for the whole loop.
        |i| unsafe { raw_call(add.as_ptr(), i as i64, 1, std::ptr::null_mut()) },
        |i| bench_mod::attached::add(py, i as i64, 1).unwrap(),
    );
    let naive = measure(|i| {
        let value: i64 =
            py.import("bench_mod").unwrap().getattr("add").unwrap().call1((i as i64, 1)).unwrap().extract().unwrap();
        black_box(value);
    });
    Row { shape: "positional `add(a, b)`, attached", limit, stub, naive: Some(naive) }
}

/// From a Rust thread that is not attached: every call attaches and detaches.
fn measure_unattached() -> Row {
    let unattached = std::thread::spawn(|| {
        let add = pybridge::attach(|py| py.import("bench_mod").unwrap().getattr("add").unwrap().unbind());
        let ptr = add.as_ptr() as usize;
        // The limit here: keep one thread state (an outer PyGILState_Ensure), then per call a
        // PyGILState_Ensure/Release pair around the raw call.
        // SAFETY: the interpreter runs and this thread is not attached.
        let outer = unsafe {
            let g = ffi::PyGILState_Ensure();
            ffi::PyEval_SaveThread();
            g
        };
        let (limit, stub) = compare(
            // SAFETY: the pair attaches this thread around the call; `ptr` is kept alive by `add`.
            |i| unsafe {
                let g = ffi::PyGILState_Ensure();
                let v = raw_call(ptr as *mut ffi::PyObject, i as i64, 1, std::ptr::null_mut());
                ffi::PyGILState_Release(g);
                v
            },
            |i| bench_mod::add(i as i64, 1).unwrap(),
        );
        // SAFETY: re-attach the kept thread state and release the outer ensure.
        unsafe {
            ffi::PyEval_RestoreThread(ffi::PyGILState_GetThisThreadState());
            ffi::PyGILState_Release(outer);
        }
        drop(pybridge::attach(|_py| add));
        (limit, stub)
    })
    .join()
    .unwrap();
    Row { shape: "positional, from an unattached thread", limit: unattached.0, stub: unattached.1, naive: None }
}

/// `BENCH_PROFILE_N` (default 100,000) calls of the unattached limit or stub, for instruction
/// counts: the difference of two runs with different counts is the per-call cost.
fn profile_unattached(stub: bool) {
    let n: usize = std::env::var("BENCH_PROFILE_N").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    std::thread::spawn(move || {
        let add = pybridge::attach(|py| py.import("bench_mod").unwrap().getattr("add").unwrap().unbind());
        let ptr = add.as_ptr() as usize;
        // SAFETY: as in `measure_unattached`: keep one thread state, then attach per call.
        let outer = unsafe {
            let g = ffi::PyGILState_Ensure();
            ffi::PyEval_SaveThread();
            g
        };
        for i in 0..n {
            let v = if stub {
                bench_mod::add(i as i64, 1).unwrap()
            } else {
                // SAFETY: as in `measure_unattached`.
                unsafe {
                    let g = ffi::PyGILState_Ensure();
                    let v = raw_call(ptr as *mut ffi::PyObject, i as i64, 1, std::ptr::null_mut());
                    ffi::PyGILState_Release(g);
                    v
                }
            };
            black_box(v);
        }
        // SAFETY: as in `measure_unattached`.
        unsafe {
            ffi::PyEval_RestoreThread(ffi::PyGILState_GetThisThreadState());
            ffi::PyGILState_Release(outer);
        }
        drop(pybridge::attach(|_py| add));
    })
    .join()
    .unwrap();
}

/// Without a kept thread state, CPython creates and destroys one per attach: ns per call.
fn measure_fresh_thread_state() -> f64 {
    std::thread::spawn(|| {
        let add = pybridge::attach(|py| py.import("bench_mod").unwrap().getattr("add").unwrap().unbind());
        let ptr = add.as_ptr() as usize;
        let fresh = std::thread::spawn(move || {
            measure(|i| {
                // SAFETY: a fresh thread with no thread state: each pair creates and deletes one.
                unsafe {
                    let g = ffi::PyGILState_Ensure();
                    let v = raw_call(ptr as *mut ffi::PyObject, i as i64, 1, std::ptr::null_mut());
                    ffi::PyGILState_Release(g);
                    v
                }
            })
        })
        .join()
        .unwrap();
        drop(pybridge::attach(|_py| add));
        fresh
    })
    .join()
    .unwrap()
}

/// The per-call table, and the cost of an attach without a kept thread state.
fn print_calls(rows: &[Row], fresh: f64) {
    println!("| call | C-API limit (ns) | pybridge stub (ns) | stub / limit | pyo3 naive import+getattr+call (ns) |");
    println!("|---|---:|---:|---:|---:|");
    for r in rows {
        let naive = r.naive.map(|n| format!("{n:.0} ({:.1}x)", n / r.limit)).unwrap_or_else(|| "–".into());
        println!("| {} | {:.0} | {:.0} | {:.2} | {} |", r.shape, r.limit, r.stub, r.stub / r.limit, naive);
    }
    println!();
    println!("Attach without a kept thread state (CPython creates and deletes one per call): {fresh:.0} ns per call.");
    println!("{CALLS} calls per loop, best of {REPEATS} loops.");
    println!();
}

/// The table of threads calling at once.
fn print_contention(c: &contention::Contention) {
    println!(
        "{} threads at once, each calling `add(a, b)` from unattached (one attach per call):",
        contention::THREADS
    );
    println!();
    println!("| | C-API limit (kept thread states) | pybridge stub | stub / limit |");
    println!("|---|---:|---:|---:|");
    println!("| p50 latency per call (ns) | {:.0} | {:.0} | {:.2} |", c.raw_p50, c.stub_p50, c.stub_p50 / c.raw_p50);
    println!("| p99 latency per call (ns) | {:.0} | {:.0} | {:.2} |", c.raw_p99, c.stub_p99, c.stub_p99 / c.raw_p99);
    println!(
        "| calls per second, all threads (median round) | {:.2} M | {:.2} M | {:.2} (throughput) |",
        c.raw_throughput / 1e6,
        c.stub_throughput / 1e6,
        c.stub_throughput / c.raw_throughput
    );
    println!();
    println!("Every call timed (the clock's own ~20 ns is in both columns), all threads, all rounds.");
    println!();
}

/// The table of container conversions.
fn print_conversions(conversions: &[conversions::Conversion]) {
    println!("Conversions (one call each, attached; µs per conversion):");
    println!();
    println!("| conversion | C-API loop (µs) | pybridge stub (µs) | stub / C |");
    println!("|---|---:|---:|---:|");
    for r in conversions {
        println!("| {} | {:.0} | {:.0} | {:.2} |", r.shape, r.raw / 1e3, r.stub / 1e3, r.stub / r.raw);
    }
}
