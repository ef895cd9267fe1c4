//! Four Rust threads calling at once, each attaching per call: the generated stub
//! (`bench_mod::add`, which attaches by itself) against the same raw call inside a
//! `PyGILState_Ensure`/`Release` pair on threads that keep their thread state (the limit).

use std::sync::{Arc, Barrier};
use std::time::Instant;

use pybridge::__private::pyo3::ffi;
use pybridge::__private::pyo3::prelude::*;

use crate::{bench_mod, raw_call};

pub const THREADS: usize = 4;
const CALLS: u64 = 50_000;
const ROUNDS: usize = 21;

/// ns per call seen by each thread (the round's wall time / calls per thread) and calls per
/// second of all threads together, best round of each.
pub struct Contention {
    pub raw_per_thread: f64,
    pub stub_per_thread: f64,
    pub raw_throughput: f64,
    pub stub_throughput: f64,
}

/// One round: `THREADS` threads start together and each makes `CALLS` calls; the round's wall time.
fn round(stub: bool, callable: usize) -> f64 {
    let barrier = Arc::new(Barrier::new(THREADS + 1));
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                if stub {
                    // Let the runtime make this thread's kept thread state before the clock runs.
                    bench_mod::add(0, 1).unwrap();
                    barrier.wait();
                    for i in 0..CALLS {
                        std::hint::black_box(bench_mod::add(i as i64, 1).unwrap());
                    }
                } else {
                    // SAFETY: the interpreter runs and this thread is not attached: keep one thread
                    // state (outer ensure), detach, then attach per call with an inner pair.
                    let outer = unsafe {
                        let g = ffi::PyGILState_Ensure();
                        ffi::PyEval_SaveThread();
                        g
                    };
                    barrier.wait();
                    for i in 0..CALLS {
                        // SAFETY: the pair attaches around the call; `callable` is kept alive by the caller.
                        std::hint::black_box(unsafe {
                            let g = ffi::PyGILState_Ensure();
                            let v = raw_call(callable as *mut ffi::PyObject, i as i64, 1, std::ptr::null_mut());
                            ffi::PyGILState_Release(g);
                            v
                        });
                    }
                    // SAFETY: re-attach the kept thread state and release the outer ensure.
                    unsafe {
                        ffi::PyEval_RestoreThread(ffi::PyGILState_GetThisThreadState());
                        ffi::PyGILState_Release(outer);
                    }
                }
            })
        })
        .collect();
    barrier.wait();
    let start = Instant::now();
    for h in handles {
        h.join().unwrap();
    }
    start.elapsed().as_nanos() as f64
}

/// Must be called from a thread that is not attached.
pub fn run() -> Contention {
    let add = pybridge::attach(|py| py.import("bench_mod").unwrap().getattr("add").unwrap().unbind());
    let ptr = add.as_ptr() as usize;
    let (mut raw, mut stub) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..ROUNDS {
        raw = raw.min(round(false, ptr));
        stub = stub.min(round(true, ptr));
    }
    drop(pybridge::attach(|_py| add));
    let total = (THREADS as u64 * CALLS) as f64;
    Contention {
        raw_per_thread: raw / CALLS as f64,
        stub_per_thread: stub / CALLS as f64,
        raw_throughput: total / raw * 1e9,
        stub_throughput: total / stub * 1e9,
    }
}
