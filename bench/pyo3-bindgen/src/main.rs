//! Rust → Python per-call cost of pyo3_bindgen 0.5's generated bindings (build.rs generates
//! them from bench/python/bench_mod.py), beside the same C-API limit as bench/src/import_calls.rs
//! measured in this binary too, so that the ratios compare with that table's.
//!
//! Run by `bench/run` (built into target/pyo3-bindgen: this crate pins pyo3 0.21 through
//! pyo3_bindgen, so it is a workspace of its own). Prints a Markdown table.

use std::hint::black_box;
use std::time::Instant;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

include!(concat!(env!("OUT_DIR"), "/bindings.rs"));

use bench_mod::ObjMethods;

/// CPython's `PY_VECTORCALL_ARGUMENTS_OFFSET` (pyo3-ffi 0.21 keeps its copy private).
const ARGUMENTS_OFFSET: usize = 1 << (usize::BITS - 1);

const CALLS: u64 = 100_000;
const REPEATS: usize = 15;

fn time_loop<T>(f: &mut impl FnMut(u64) -> T) -> f64 {
    let start = Instant::now();
    for i in 0..CALLS {
        black_box(f(i));
    }
    start.elapsed().as_nanos() as f64 / CALLS as f64
}

/// Best ns per call of two implementations, their loops interleaved.
fn compare<A, B>(mut a: impl FnMut(u64) -> A, mut b: impl FnMut(u64) -> B) -> (f64, f64) {
    let (mut best_a, mut best_b) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..REPEATS {
        best_a = best_a.min(time_loop(&mut a));
        best_b = best_b.min(time_loop(&mut b));
    }
    (best_a, best_b)
}

/// The limit: vectorcall on a cached callable, boxing the ints and unboxing the result (the same
/// function as in bench/src/import_calls.rs).
///
/// # Safety
/// Attached; `callable` is a live object; every new reference is released.
unsafe fn raw_call(callable: *mut ffi::PyObject, a: i64, b: i64, kwnames: *mut ffi::PyObject) -> i64 {
    let mut args = [std::ptr::null_mut(), ffi::PyLong_FromLongLong(a), ffi::PyLong_FromLongLong(b)];
    let nkw = if kwnames.is_null() { 0 } else { 1 };
    let result =
        ffi::PyObject_Vectorcall(callable, args.as_mut_ptr().add(1), (2 - nkw) as usize | ARGUMENTS_OFFSET, kwnames);
    ffi::Py_DECREF(args[1]);
    ffi::Py_DECREF(args[2]);
    let value = ffi::PyLong_AsLongLong(result);
    ffi::Py_DECREF(result);
    value
}

fn main() {
    let python_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../python");
    let mut rows: Vec<(&str, f64, f64)> = Vec::new();
    Python::with_gil(|py| {
        let path = py.import_bound("sys").unwrap().getattr("path").unwrap();
        path.call_method1("insert", (0, python_dir)).unwrap();
        let module = py.import_bound("bench_mod").unwrap();
        let add = module.getattr("add").unwrap();
        let kw = module.getattr("kw").unwrap();
        let kwnames = PyTuple::new_bound(py, [PyString::intern_bound(py, "b")]);
        let m_name = PyString::intern_bound(py, "m");

        let (limit, generated) = compare(
            // SAFETY: attached; `add` lives for the whole loop.
            |i| unsafe { raw_call(add.as_ptr(), i as i64, 1, std::ptr::null_mut()) },
            |i| bench_mod::add(py, i as i64, 1).unwrap(),
        );
        rows.push(("positional `add(a, b)`, attached", limit, generated));

        let (limit, generated) = compare(
            // SAFETY: attached; `kw` and `kwnames` live for the whole loop.
            |i| unsafe { raw_call(kw.as_ptr(), i as i64, 1, kwnames.as_ptr()) },
            |i| bench_mod::kw(py, i as i64, 1).unwrap(),
        );
        rows.push(("keyword `kw(a, *, b)`, attached", limit, generated));

        let obj = module.getattr("Obj").unwrap().call0().unwrap();
        let typed = obj.clone().downcast_into::<bench_mod::Obj>().unwrap();
        let (limit, generated) = compare(
            |i| {
                // SAFETY: attached; receiver and name live for the whole loop; references released.
                unsafe {
                    let mut args = [obj.as_ptr(), ffi::PyLong_FromLongLong(i as i64)];
                    let result = ffi::PyObject_VectorcallMethod(
                        m_name.as_ptr(),
                        args.as_mut_ptr(),
                        2 | ARGUMENTS_OFFSET,
                        std::ptr::null_mut(),
                    );
                    ffi::Py_DECREF(args[1]);
                    let value = ffi::PyLong_AsLongLong(result);
                    ffi::Py_DECREF(result);
                    value
                }
            },
            |i| typed.m(i as i64).unwrap(),
        );
        rows.push(("method `o.m(x)`, attached", limit, generated));
    });

    // From a thread that is not attached: `Python::with_gil` per call. Like the limit, the thread
    // keeps its thread state (an outer PyGILState_Ensure), so with_gil's PyGILState_Ensure reuses it.
    let (limit, generated) = std::thread::spawn(|| {
        let add = Python::with_gil(|py| py.import_bound("bench_mod").unwrap().getattr("add").unwrap().unbind());
        let ptr = add.as_ptr() as usize;
        // SAFETY: the interpreter runs and this thread is not attached.
        let outer = unsafe {
            let g = ffi::PyGILState_Ensure();
            ffi::PyEval_SaveThread();
            g
        };
        let result = compare(
            // SAFETY: the pair attaches this thread around the call; `ptr` is kept alive by `add`.
            |i| unsafe {
                let g = ffi::PyGILState_Ensure();
                let v = raw_call(ptr as *mut ffi::PyObject, i as i64, 1, std::ptr::null_mut());
                ffi::PyGILState_Release(g);
                v
            },
            |i| Python::with_gil(|py| bench_mod::add(py, i as i64, 1).unwrap()),
        );
        // SAFETY: re-attach the kept thread state and release the outer ensure.
        unsafe {
            ffi::PyEval_RestoreThread(ffi::PyGILState_GetThisThreadState());
            ffi::PyGILState_Release(outer);
        }
        Python::with_gil(|_py| drop(add));
        result
    })
    .join()
    .unwrap();
    rows.push(("positional, from an unattached thread (thread state kept)", limit, generated));

    println!("| call | C-API limit (ns) | pyo3_bindgen 0.5 (ns) | pyo3_bindgen / limit |");
    println!("|---|---:|---:|---:|");
    for (shape, limit, generated) in &rows {
        println!("| {shape} | {limit:.0} | {generated:.0} | {:.2} |", generated / limit);
    }
    println!();
    println!("pyo3 0.21.2 (pinned by pyo3_bindgen 0.5.0). {CALLS} calls per loop, best of {REPEATS} loops.");
}
