//! Four Rust threads calling at once, each attaching per call: the generated stub
//! (`bench_mod::add`, which attaches by itself) against the same raw call inside a
//! `PyGILState_Ensure`/`Release` pair on threads that keep their thread state (the limit).
//!
//! Every call is timed (`Instant` around it: the clock's ~20 ns is in both figures), over
//! every round, and reported as the median (p50) and 99th percentile of those latencies, with
//! the median round's throughput; one lucky round no longer stands for the whole run.

use std::sync::{Arc, Barrier};
use std::time::Instant;

use pybridge::__private::pyo3::ffi;
use pybridge::__private::pyo3::prelude::*;

use crate::{bench_mod, raw_call};

pub const THREADS: usize = 4;
const CALLS: u64 = 50_000;
const ROUNDS: usize = 21;

/// Per-call latency percentiles (ns, every call of every thread of every round) and calls per
/// second of all threads together (the median round).
pub struct Contention {
    pub raw_p50: f64,
    pub raw_p99: f64,
    pub stub_p50: f64,
    pub stub_p99: f64,
    pub raw_throughput: f64,
    pub stub_throughput: f64,
}

/// One call, timed: its latency in ns.
#[inline(always)]
fn timed(call: impl FnOnce()) -> u32 {
    let start = Instant::now();
    call();
    start.elapsed().as_nanos().min(u128::from(u32::MAX)) as u32
}

/// One round: `THREADS` threads start together and each makes `CALLS` calls; the round's wall
/// time and every call's latency.
fn round(stub: bool, callable: usize) -> (f64, Vec<u32>) {
    let barrier = Arc::new(Barrier::new(THREADS + 1));
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut latencies = Vec::with_capacity(CALLS as usize);
                if stub {
                    // Let the runtime make this thread's kept thread state before the clock runs.
                    bench_mod::add(0, 1).unwrap();
                    barrier.wait();
                    for i in 0..CALLS {
                        latencies.push(timed(|| {
                            std::hint::black_box(bench_mod::add(i as i64, 1).unwrap());
                        }));
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
                        latencies.push(timed(|| {
                            // SAFETY: the pair attaches around the call; `callable` is kept alive by the caller.
                            std::hint::black_box(unsafe {
                                let g = ffi::PyGILState_Ensure();
                                let v = raw_call(callable as *mut ffi::PyObject, i as i64, 1, std::ptr::null_mut());
                                ffi::PyGILState_Release(g);
                                v
                            });
                        }));
                    }
                    // SAFETY: re-attach the kept thread state and release the outer ensure.
                    unsafe {
                        ffi::PyEval_RestoreThread(ffi::PyGILState_GetThisThreadState());
                        ffi::PyGILState_Release(outer);
                    }
                }
                latencies
            })
        })
        .collect();
    barrier.wait();
    let start = Instant::now();
    let mut latencies = Vec::with_capacity(THREADS * CALLS as usize);
    for h in handles {
        latencies.extend(h.join().unwrap());
    }
    (start.elapsed().as_nanos() as f64, latencies)
}

/// The `q` quantile (0..1) of sorted `values`.
fn quantile(sorted: &[u32], q: f64) -> f64 {
    f64::from(sorted[((sorted.len() - 1) as f64 * q).round() as usize])
}

/// Must be called from a thread that is not attached.
pub fn run() -> Contention {
    let add = pybridge::attach(|py| py.import("bench_mod").unwrap().getattr("add").unwrap().unbind());
    let ptr = add.as_ptr() as usize;
    let (mut raw_walls, mut stub_walls) = (Vec::new(), Vec::new());
    let (mut raw, mut stub) = (Vec::new(), Vec::new());
    // Interleaved, so that both see the same machine.
    for _ in 0..ROUNDS {
        let (wall, latencies) = round(false, ptr);
        raw_walls.push(wall);
        raw.extend(latencies);
        let (wall, latencies) = round(true, ptr);
        stub_walls.push(wall);
        stub.extend(latencies);
    }
    drop(pybridge::attach(|_py| add));
    raw.sort_unstable();
    stub.sort_unstable();
    let median = |walls: &mut Vec<f64>| {
        walls.sort_by(f64::total_cmp);
        walls[walls.len() / 2]
    };
    let total = (THREADS as u64 * CALLS) as f64;
    Contention {
        raw_p50: quantile(&raw, 0.5),
        raw_p99: quantile(&raw, 0.99),
        stub_p50: quantile(&stub, 0.5),
        stub_p99: quantile(&stub, 0.99),
        raw_throughput: total / median(&mut raw_walls) * 1e9,
        stub_throughput: total / median(&mut stub_walls) * 1e9,
    }
}
