//! Container conversions through the generated stubs against hand-written C-API loops
//! (`pyo3::ffi`), each side making the same one call. `take_*` stubs convert Rust → Python (the
//! parameter), `get_*` stubs convert Python → Rust (the return value).

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Instant;

use pybridge::__private::pyo3::ffi;
use pybridge::__private::pyo3::prelude::*;

use crate::bench_mod;

/// One conversion row: ns per conversion, the C loop and the stub.
pub struct Conversion {
    pub shape: &'static str,
    pub raw: f64,
    pub stub: f64,
}

const REPEATS: usize = 21;

/// Best ns per call of two implementations, `calls` calls per timed loop, loops interleaved.
fn compare(calls: u32, mut a: impl FnMut(), mut b: impl FnMut()) -> (f64, f64) {
    let (mut best_a, mut best_b) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..REPEATS {
        let start = Instant::now();
        for _ in 0..calls {
            a();
        }
        best_a = best_a.min(start.elapsed().as_nanos() as f64 / f64::from(calls));
        let start = Instant::now();
        for _ in 0..calls {
            b();
        }
        best_b = best_b.min(start.elapsed().as_nanos() as f64 / f64::from(calls));
    }
    (best_a, best_b)
}

/// Calls `callable` with `arg` (or no argument) through vectorcall: the same single call the stub makes.
///
/// # Safety
/// Attached; `callable` and `arg` (when not null) are live; returns a new reference.
unsafe fn call(callable: *mut ffi::PyObject, arg: *mut ffi::PyObject) -> *mut ffi::PyObject {
    let mut args = [std::ptr::null_mut(), arg];
    let n = if arg.is_null() { 0 } else { 1 };
    // SAFETY: see the function's contract; the array outlives the call.
    let result = unsafe {
        ffi::PyObject_Vectorcall(
            callable,
            args.as_mut_ptr().add(1),
            n | ffi::PY_VECTORCALL_ARGUMENTS_OFFSET,
            std::ptr::null_mut(),
        )
    };
    assert!(!result.is_null(), "call failed");
    result
}

/// # Safety
/// Attached; `s` is valid UTF-8 (a `&str`).
unsafe fn new_str(s: &str) -> *mut ffi::PyObject {
    // SAFETY: the pointer and length describe `s`.
    unsafe { ffi::PyUnicode_FromStringAndSize(s.as_ptr().cast(), s.len() as ffi::Py_ssize_t) }
}

/// # Safety
/// Attached; `o` is a live `str`.
unsafe fn to_string(o: *mut ffi::PyObject) -> String {
    let mut len: ffi::Py_ssize_t = 0;
    // SAFETY: `o` is a str; the UTF-8 buffer it returns lives as long as `o` and holds `len` bytes.
    unsafe {
        let data = ffi::PyUnicode_AsUTF8AndSize(o, &mut len);
        assert!(!data.is_null(), "not a str");
        let bytes = std::slice::from_raw_parts(data.cast::<u8>(), len as usize);
        std::str::from_utf8_unchecked(bytes).to_owned()
    }
}

/// # Safety
/// Attached; `o` is a live object.
unsafe fn to_i64(o: *mut ffi::PyObject) -> i64 {
    // SAFETY: attached.
    let v = unsafe { ffi::PyLong_AsLongLong(o) };
    // SAFETY: attached.
    assert!(v != -1 || unsafe { ffi::PyErr_Occurred().is_null() }, "not an int");
    v
}

/// Every conversion row, each a stub against its C-API loop.
pub fn run(py: Python<'_>) -> Vec<Conversion> {
    let module = py.import("bench_mod").unwrap();
    let mut rows = compare_floats(py, &module);
    rows.extend(compare_dicts(py, &module));
    rows.extend(compare_pairs(py, &module));
    rows
}

/// `Vec<f64>` ↔ list of 1,000,000 floats, both ways.
fn compare_floats(py: Python<'_>, module: &Bound<'_, PyModule>) -> Vec<Conversion> {
    let f = |name: &str| module.getattr(name).unwrap();
    let (get_floats, take_floats) = (f("get_floats"), f("take_floats"));
    let floats: Vec<f64> = (0..1_000_000).map(f64::from).collect();
    let mut rows = Vec::new();
    let (raw, stub) = compare(
        3,
        || {
            // SAFETY: attached; every new reference is stored in the list or released.
            unsafe {
                let list = ffi::PyList_New(floats.len() as ffi::Py_ssize_t);
                for (i, v) in floats.iter().enumerate() {
                    ffi::PyList_SET_ITEM(list, i as ffi::Py_ssize_t, ffi::PyFloat_FromDouble(*v));
                }
                let r = call(take_floats.as_ptr(), list);
                ffi::Py_DECREF(list);
                ffi::Py_DECREF(r);
            }
        },
        || bench_mod::attached::take_floats(py, &floats).unwrap(),
    );
    rows.push(Conversion { shape: "`Vec<f64>` (1,000,000) → list", raw, stub });

    let (raw, stub) = compare(
        3,
        || {
            // SAFETY: attached; the list is checked; borrowed items live as long as it does.
            let v = unsafe {
                let list = call(get_floats.as_ptr(), std::ptr::null_mut());
                assert!(ffi::PyList_Check(list) != 0, "not a list");
                let n = ffi::PyList_GET_SIZE(list);
                let mut v = Vec::with_capacity(n as usize);
                for i in 0..n {
                    let item = ffi::PyList_GET_ITEM(list, i);
                    v.push(if ffi::PyFloat_CheckExact(item) != 0 {
                        ffi::PyFloat_AS_DOUBLE(item)
                    } else {
                        let x = ffi::PyFloat_AsDouble(item);
                        assert!(x != -1.0 || ffi::PyErr_Occurred().is_null(), "not a float");
                        x
                    });
                }
                ffi::Py_DECREF(list);
                v
            };
            black_box(v);
        },
        || {
            black_box(bench_mod::attached::get_floats(py).unwrap());
        },
    );
    rows.push(Conversion { shape: "list (1,000,000 floats) → `Vec<f64>`", raw, stub });
    rows
}

/// `HashMap<String, i64>` ↔ dict of 10,000 str → int, both ways.
fn compare_dicts(py: Python<'_>, module: &Bound<'_, PyModule>) -> Vec<Conversion> {
    let f = |name: &str| module.getattr(name).unwrap();
    let (get_dict, take_dict) = (f("get_dict"), f("take_dict"));
    let dict: HashMap<String, i64> = (0..10_000).map(|i| (format!("key{i}"), i)).collect();
    let mut rows = Vec::new();
    let (raw, stub) = compare(
        20,
        || {
            // SAFETY: attached; keys and values are released after PyDict_SetItem took its own references.
            unsafe {
                let d = ffi::PyDict_New();
                for (k, v) in &dict {
                    let key = new_str(k);
                    let value = ffi::PyLong_FromLongLong(*v);
                    assert!(ffi::PyDict_SetItem(d, key, value) == 0);
                    ffi::Py_DECREF(key);
                    ffi::Py_DECREF(value);
                }
                let r = call(take_dict.as_ptr(), d);
                ffi::Py_DECREF(d);
                ffi::Py_DECREF(r);
            }
        },
        || bench_mod::attached::take_dict(py, &dict).unwrap(),
    );
    rows.push(Conversion { shape: "`HashMap<String, i64>` (10,000) → dict", raw, stub });

    let (raw, stub) = compare(
        20,
        || {
            // SAFETY: attached; PyDict_Next yields borrowed references owned by the dict.
            let m = unsafe {
                let d = call(get_dict.as_ptr(), std::ptr::null_mut());
                assert!(ffi::PyDict_Check(d) != 0, "not a dict");
                let mut m = HashMap::with_capacity(ffi::PyDict_Size(d) as usize);
                let (mut pos, mut key, mut value) = (0, std::ptr::null_mut(), std::ptr::null_mut());
                while ffi::PyDict_Next(d, &mut pos, &mut key, &mut value) != 0 {
                    m.insert(to_string(key), to_i64(value));
                }
                ffi::Py_DECREF(d);
                m
            };
            black_box(m);
        },
        || {
            black_box(bench_mod::attached::get_dict(py).unwrap());
        },
    );
    rows.push(Conversion { shape: "dict (10,000 str → int) → `HashMap<String, i64>`", raw, stub });
    rows
}

/// `Vec<(String, i64)>` ↔ list of 10,000 `(str, int)` tuples, both ways.
fn compare_pairs(py: Python<'_>, module: &Bound<'_, PyModule>) -> Vec<Conversion> {
    let f = |name: &str| module.getattr(name).unwrap();
    let (get_pairs, take_pairs) = (f("get_pairs"), f("take_pairs"));
    let pairs: Vec<(String, i64)> = (0..10_000).map(|i| (format!("name{i}"), i)).collect();
    let mut rows = Vec::new();
    let (raw, stub) = compare(
        20,
        || {
            // SAFETY: attached; every new reference is stored in its container or released.
            unsafe {
                let list = ffi::PyList_New(pairs.len() as ffi::Py_ssize_t);
                for (i, (s, n)) in pairs.iter().enumerate() {
                    let t = ffi::PyTuple_New(2);
                    ffi::PyTuple_SET_ITEM(t, 0, new_str(s));
                    ffi::PyTuple_SET_ITEM(t, 1, ffi::PyLong_FromLongLong(*n));
                    ffi::PyList_SET_ITEM(list, i as ffi::Py_ssize_t, t);
                }
                let r = call(take_pairs.as_ptr(), list);
                ffi::Py_DECREF(list);
                ffi::Py_DECREF(r);
            }
        },
        || bench_mod::attached::take_pairs(py, &pairs).unwrap(),
    );
    rows.push(Conversion { shape: "`Vec<(String, i64)>` (10,000) → list of tuples", raw, stub });

    let (raw, stub) = compare(
        20,
        || {
            // SAFETY: attached; list and tuple shapes are checked; items are borrowed from them.
            let v = unsafe {
                let list = call(get_pairs.as_ptr(), std::ptr::null_mut());
                assert!(ffi::PyList_Check(list) != 0, "not a list");
                let n = ffi::PyList_GET_SIZE(list);
                let mut v = Vec::with_capacity(n as usize);
                for i in 0..n {
                    let t = ffi::PyList_GET_ITEM(list, i);
                    assert!(ffi::PyTuple_Check(t) != 0 && ffi::PyTuple_GET_SIZE(t) == 2, "not a pair");
                    v.push((to_string(ffi::PyTuple_GET_ITEM(t, 0)), to_i64(ffi::PyTuple_GET_ITEM(t, 1))));
                }
                ffi::Py_DECREF(list);
                v
            };
            black_box(v);
        },
        || {
            black_box(bench_mod::attached::get_pairs(py).unwrap());
        },
    );
    rows.push(Conversion { shape: "list of 10,000 `(str, int)` → `Vec<(String, i64)>`", raw, stub });
    rows
}
