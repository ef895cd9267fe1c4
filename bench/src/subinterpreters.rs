//! Issue 18: Python in parallel from Rust threads, through `pybridge::Pool` (own-GIL
//! sub-interpreters, CPython 3.12+) and the generated `pooled` stubs.
//!
//! - Throughput of a CPU-bound pure-Python function (`bench_work.work(20000)`, a loop of
//!   multiply-adds) from 1 and 2 Rust threads: the ordinary stub (one GIL) against the pooled
//!   stub (a pool of 2), and against a `multiprocessing` pool of 2 processes doing the same
//!   calls (the seed's approach; `spawn` start method, started and warmed before timing). Each
//!   round runs the four configurations back to back; a ratio is the median of the rounds'
//!   ratios (this shared machine's speed moves between rounds, and a best-of-rounds ratio
//!   would divide figures from different moments).
//! - Per-call latency of a trivial call (`bench_work.add(1, 2)`) from a thread that is not
//!   attached: the ordinary stub against the pooled stub, loops interleaved.
//!
//! Run against 3.12 or 3.13 (`PYO3_PYTHON=…/python3.12`, own target dir: see PERFORMANCE.md,
//! section 5); not part of `bench/run`, which builds for the default CPython (3.11). On 3.11
//! it says so and exits.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

include!(concat!(env!("OUT_DIR"), "/bench.rs"));

/// `work(N)` calls per thread and round.
const CALLS: usize = 200;
const N: i64 = 20_000;
const ROUNDS: usize = 9;

fn main() {
    pybridge::Interpreter::builder().sys_path(concat!(env!("CARGO_MANIFEST_DIR"), "/python")).start().expect("start");
    let version = pybridge::attach(|_py| pybridge::Python::version_str().to_string());
    let version = version.split_whitespace().next().unwrap_or("?").to_string();
    if !pybridge::Pool::is_supported() {
        println!(
            "CPython {version}: own-GIL sub-interpreters need CPython 3.12 or later (build with PYO3_PYTHON set to one)"
        );
        return;
    }
    // The ordinary stub before any sub-interpreter exists, for the latency table.
    let before = std::thread::spawn(|| best_ns(&mut || bench_work::add(black_box(1), 2).unwrap())).join().unwrap();
    let pool = Arc::new(pybridge::Pool::new(2).expect("a pool of 2"));
    println!(
        "CPython {version}; `work({N})` ×{CALLS} per thread; calls/s, best of {ROUNDS} rounds that interleave the \
         four configurations; ratios: the median over the rounds of each round's ratio"
    );
    println!();
    println!("| threads | one GIL (`bench_work::work`) | pool of 2 (`bench_work::pooled::work`) | pool / one GIL |");
    println!("|---:|---:|---:|---:|");
    // rounds[r] = [1 thread one GIL, 1 thread pool, 2 threads one GIL, 2 threads pool].
    let rounds: Vec<[f64; 4]> = (0..ROUNDS)
        .map(|_| {
            [
                rate(1, &pool, |_| bench_work::work(N).unwrap()),
                rate(1, &pool, |p| bench_work::pooled::work(p, N).unwrap()),
                rate(2, &pool, |_| bench_work::work(N).unwrap()),
                rate(2, &pool, |p| bench_work::pooled::work(p, N).unwrap()),
            ]
        })
        .collect();
    let best = |i: usize| rounds.iter().map(|r| r[i]).fold(0.0, f64::max);
    let ratio = |a: usize, b: usize| median(rounds.iter().map(|r| r[a] / r[b]).collect());
    println!("| 1 | {:.0} | {:.0} | {:.2} |", best(0), best(1), ratio(1, 0));
    println!("| 2 | {:.0} | {:.0} | {:.2} |", best(2), best(3), ratio(3, 2));
    let processes = multiprocessing_rate();
    println!("| 2 processes (`multiprocessing`, spawn) | | {processes:.0} | |");
    println!();
    println!("2 threads on the pool against 1 thread on one GIL: {:.2}× the throughput", ratio(3, 0));
    println!("2 threads on the pool against 1 thread on the pool: {:.2}×", ratio(3, 1));
    println!("2 threads on the pool (best round) against a multiprocessing pool of 2: {:.2}×", best(3) / processes);
    println!();
    latency(&pool, before);
}

/// The middle value (of an odd count).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Calls per second of `threads` new threads each making `CALLS` calls of `body` (which the
/// one-GIL rows give a pool they do not use).
fn rate(threads: usize, pool: &Arc<pybridge::Pool>, body: fn(&pybridge::Pool) -> i64) -> f64 {
    let start = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let pool = pool.clone();
            std::thread::spawn(move || {
                for _ in 0..CALLS {
                    black_box(body(&pool));
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("worker");
    }
    (CALLS * threads) as f64 / start.elapsed().as_secs_f64()
}

/// Calls per second of a `multiprocessing` pool of 2 (spawned and warmed first) mapping
/// `work(N)` over 2 × `CALLS` items, best of `ROUNDS`. A worker that cannot start (a
/// `sys.executable` of another Python) would be respawned forever: each map has a 60 s limit.
fn multiprocessing_rate() -> f64 {
    let code = format!(
        "import multiprocessing, time, bench_work\n\
         with multiprocessing.get_context('spawn').Pool(2) as p:\n    \
             p.map_async(bench_work.work, [10] * 8).get(timeout=60)\n    \
             best = 0.0\n    \
             for _ in range({ROUNDS}):\n        \
                 t = time.perf_counter()\n        \
                 p.map_async(bench_work.work, [{N}] * {total}, chunksize=1).get(timeout=60)\n        \
                 best = max(best, {total} / (time.perf_counter() - t))\n",
        total = 2 * CALLS
    );
    let code = std::ffi::CString::new(code).expect("no NUL");
    pybridge::attach(|py| -> pybridge::Result<f64> {
        use pybridge::pyo3::prelude::*;
        let globals = pybridge::pyo3::types::PyDict::new(py);
        py.run(&code, Some(&globals), None)?;
        Ok(globals.get_item("best")?.map(|b| b.extract()).transpose()?.unwrap_or(0.0))
    })
    .expect("multiprocessing")
}

/// Best ns per call over `LOOPS` loops of `LATENCY_CALLS` calls.
fn best_ns(f: &mut dyn FnMut() -> i64) -> f64 {
    (0..LOOPS).map(|_| time_ns(f)).fold(f64::INFINITY, f64::min)
}

/// ns per call of one loop of `LATENCY_CALLS` calls.
fn time_ns(f: &mut dyn FnMut() -> i64) -> f64 {
    let start = Instant::now();
    for _ in 0..LATENCY_CALLS {
        black_box(f());
    }
    start.elapsed().as_nanos() as f64 / f64::from(LATENCY_CALLS)
}

const LOOPS: usize = 15;
const LATENCY_CALLS: u32 = 100_000;

/// ns per call of `add(1, 2)` from an unattached thread: the ordinary stub and the pooled one,
/// best of `LOOPS` interleaved loops; `before` is the ordinary stub before any pool existed.
fn latency(pool: &Arc<pybridge::Pool>, before: f64) {
    let pool = pool.clone();
    let (main, pooled) = std::thread::spawn(move || {
        let (mut main, mut pooled) = (f64::INFINITY, f64::INFINITY);
        for _ in 0..LOOPS {
            main = main.min(time_ns(&mut || bench_work::add(black_box(1), 2).unwrap()));
            pooled = pooled.min(time_ns(&mut || bench_work::pooled::add(&pool, black_box(1), 2).unwrap()));
        }
        (main, pooled)
    })
    .join()
    .expect("latency");
    println!("| per call, `add(1, 2)` from an unattached thread | ns |");
    println!("|---|---:|");
    println!("| `bench_work::add` (main interpreter), before any pool existed | {before:.0} |");
    println!("| `bench_work::add` (main interpreter) | {main:.0} |");
    println!("| `bench_work::pooled::add` (the thread's sub-interpreter) | {pooled:.0} |");
    println!("| pooled / main | {:.2} |", pooled / main);
}
