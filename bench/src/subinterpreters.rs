//! Issue 18's spike: can Rust threads run Python in parallel in own-GIL sub-interpreters
//! (PEP 684, CPython 3.12+) next to pybridge's runtime, and what does it buy?
//!
//! Measures a CPU-bound pure-Python function (`work(n)`, a loop of `n` multiply-adds) run by 1
//! and 2 Rust threads: through the main interpreter (one GIL, pybridge's attach), and each in
//! its own sub-interpreter made with `Py_NewInterpreterFromConfig` (own GIL, own allocator).
//! Only raw CPython calls run inside a sub-interpreter here: pyo3 keeps per-process state (its
//! attach count, its deferred-decref pool, `intern!` and `PyOnceLock` statics holding objects
//! of the interpreter that filled them) that must not meet a second interpreter; PERFORMANCE.md
//! ("Sub-interpreters, issue 18") lists it and the decision.
//!
//! Build it against 3.12 or 3.13 (`PYO3_PYTHON=…/python3.12`, own target dir); on 3.11 it says
//! so and exits.

fn main() {
    #[cfg(Py_3_12)]
    spike::run();
    #[cfg(not(Py_3_12))]
    println!("own-GIL sub-interpreters need CPython 3.12 or later: build with PYO3_PYTHON set to one");
}

#[cfg(Py_3_12)]
mod spike {
    use std::ffi::CStr;
    use std::time::Instant;

    use pybridge::pyo3::ffi;

    /// The work: defines `work` and calls it `CALLS` times with `N`.
    const DEFINE: &CStr = c"def work(n):\n    s = 0\n    for i in range(n):\n        s += i * i\n    return s\n";
    const RUN: &CStr = c"for _ in range(200):\n    work(20000)\n";
    /// Calls of `work` per thread and round.
    const CALLS: f64 = 200.0;
    const ROUNDS: usize = 5;

    pub fn run() {
        pybridge::attach(|_py| ());
        let version = pybridge::attach(|_py| pybridge::Python::version_str().to_string());
        println!("CPython {version}; `work(20000)` ×200 per thread, best of {ROUNDS} rounds");
        println!();
        println!("| threads | one GIL (calls/s) | own-GIL sub-interpreters (calls/s) | sub-interpreters / one GIL |");
        println!("|---:|---:|---:|---:|");
        let mut single = 0.0;
        for threads in [1, 2] {
            let shared = best(|| throughput(threads, run_shared));
            let own = best(|| throughput(threads, run_own));
            if threads == 1 {
                single = own;
            }
            println!("| {threads} | {shared:.0} | {own:.0} | {:.2} |", own / shared);
        }
        let two = best(|| throughput(2, run_own));
        println!();
        println!("2 sub-interpreters against 1: {:.2}× the throughput", two / single);
        println!();
        latency();
        println!();
        println!("pyo3's object API inside a sub-interpreter (token from `assume_attached`):");
        std::thread::spawn(|| in_own(pyo3_inside)).join().expect("probe");
    }

    /// Per-call latency of a trivial call `add(a, b)` (a Python function), each call attaching
    /// and detaching: in the main interpreter from an unattached thread (as a stub does, with
    /// pybridge's attach), in a sub-interpreter whose thread state the calling thread keeps
    /// (attach = `PyEval_RestoreThread` of its own thread state), and handed to a worker thread
    /// that owns a sub-interpreter (a channel round trip per call).
    fn latency() {
        const CALLS: u32 = 100_000;
        let main = std::thread::spawn(|| {
            let add = pybridge::attach(|_py| define_add());
            per_call(CALLS, || pybridge::attach(|_py| call_add(add)))
        })
        .join()
        .expect("main");
        let own = std::thread::spawn(|| {
            in_own_kept(|tstate| {
                let add = define_add();
                // SAFETY: this thread's sub-interpreter thread state, detached between calls.
                unsafe { ffi::PyEval_SaveThread() };
                // SAFETY: each call re-attaches this thread's own sub-interpreter thread state
                // (detached above and after each call), calls `add` of that interpreter and
                // detaches again.
                let ns = per_call(CALLS, || unsafe {
                    ffi::PyEval_RestoreThread(tstate);
                    let v = call_add(add);
                    ffi::PyEval_SaveThread();
                    v
                });
                // SAFETY: re-attached for the interpreter's end.
                unsafe { ffi::PyEval_RestoreThread(tstate) };
                ns
            })
        })
        .join()
        .expect("own");
        let (jobs, results) = (std::sync::mpsc::channel::<(i64, i64)>(), std::sync::mpsc::channel::<i64>());
        let (send, receive) = (jobs.0, results.1);
        let (job_rx, result_tx) = (jobs.1, results.0);
        let worker = std::thread::spawn(move || {
            in_own_kept(|_| {
                let add = define_add();
                for (a, b) in job_rx {
                    // SAFETY: attached to the worker's sub-interpreter for its whole life.
                    let _ = result_tx.send(unsafe { raw_add(add, a, b) });
                }
            })
        });
        let handed = per_call(CALLS / 10, || {
            send.send((1, 2)).expect("job");
            receive.recv().expect("result")
        });
        drop(send);
        worker.join().expect("worker");
        println!("| per call, `add(a, b)` attaching each time | ns |");
        println!("|---|---:|");
        println!("| main interpreter, `pybridge::attach` from an unattached thread | {main:.0} |");
        println!("| own sub-interpreter kept by the calling thread | {own:.0} |");
        println!("| handed to a worker's sub-interpreter (channel round trip) | {handed:.0} |");
    }

    fn per_call(calls: u32, mut f: impl FnMut() -> i64) -> f64 {
        (0..5)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..calls {
                    std::hint::black_box(f());
                }
                start.elapsed().as_nanos() as f64 / f64::from(calls)
            })
            .fold(f64::INFINITY, f64::min)
    }

    /// Defines `add` in the current interpreter's `__main__` and returns it (a new reference,
    /// kept for the interpreter's life).
    fn define_add() -> usize {
        // SAFETY: attached (callers); the strings are NUL-terminated; `add` is looked up in
        // `__main__`'s dict (borrowed) and a new reference to it is kept.
        unsafe {
            assert_eq!(ffi::PyRun_SimpleString(c"def add(a, b):\n    return a + b\n".as_ptr()), 0);
            let main = ffi::PyImport_AddModule(c"__main__".as_ptr());
            let add = ffi::PyObject_GetAttrString(main, c"add".as_ptr());
            assert!(!add.is_null());
            add as usize
        }
    }

    fn call_add(add: usize) -> i64 {
        // SAFETY: attached (callers); `add` is alive (kept by `define_add`).
        unsafe { raw_add(add, 1, 2) }
    }

    /// `add(a, b)` by vectorcall.
    ///
    /// # Safety
    /// Attached to the interpreter that made `add`, which is alive.
    unsafe fn raw_add(add: usize, a: i64, b: i64) -> i64 {
        // SAFETY: the caller's contract; every new reference is released.
        unsafe {
            let args = [ffi::PyLong_FromLongLong(a), ffi::PyLong_FromLongLong(b)];
            let result = ffi::PyObject_Vectorcall(add as *mut ffi::PyObject, args.as_ptr(), 2, std::ptr::null_mut());
            ffi::Py_DECREF(args[0]);
            ffi::Py_DECREF(args[1]);
            let value = ffi::PyLong_AsLongLong(result);
            ffi::Py_DECREF(result);
            value
        }
    }

    /// Runs `f` attached to a new own-GIL sub-interpreter on this thread, passing its thread
    /// state; `f` must return attached to it.
    fn in_own_kept<R>(f: impl FnOnce(*mut ffi::PyThreadState) -> R) -> R {
        // SAFETY: the main interpreter runs (started in `run`). PyGILState_Ensure attaches this
        // thread to it (a sub-interpreter is created from an attached thread); creating an
        // own-GIL interpreter makes its thread state current and releases the main GIL; `f`
        // runs attached to it and returns attached (its contract); Py_EndInterpreter needs it
        // current and leaves no thread state current; the main thread state is then
        // re-attached and released. Only raw CPython calls (and, in `in_own`, pyo3's object API
        // on `Bound`s) run inside the sub-interpreter.
        unsafe {
            let gstate = ffi::PyGILState_Ensure();
            let main = ffi::PyThreadState_Get();
            let mut tstate = std::ptr::null_mut();
            let config = ffi::_PyInterpreterConfig_INIT;
            let status = ffi::Py_NewInterpreterFromConfig(&mut tstate, &config);
            assert!(ffi::PyStatus_Exception(status) == 0 && !tstate.is_null(), "sub-interpreter");
            let r = f(tstate);
            ffi::Py_EndInterpreter(tstate);
            ffi::PyEval_RestoreThread(main);
            ffi::PyGILState_Release(gstate);
            r
        }
    }

    /// What pyo3 calls do inside a sub-interpreter: plain object calls, an error, and an
    /// extension module that only supports one interpreter (CPython's own test module).
    fn pyo3_inside(py: pybridge::Python<'_>) {
        use pybridge::pyo3::prelude::*;
        // SAFETY: attached to the sub-interpreter (the caller's contract); reads its ID.
        let id = unsafe { ffi::PyInterpreterState_GetID(ffi::PyInterpreterState_Get()) };
        let sqrt: f64 = py.import("math").and_then(|m| m.getattr("sqrt")?.call1((2.0,))?.extract()).expect("math.sqrt");
        println!("- interpreter {id}: `math.sqrt(2.0)` = {sqrt:.6}");
        let err = py.import("no_such_module").err().map(|e| e.to_string()).unwrap_or_default();
        println!("- a failed import: {err}");
        let single = py.import("_testsinglephase").err().map(|e| e.to_string()).unwrap_or_else(|| "imported".into());
        println!("- a single-phase extension module: {single}");
    }

    /// Runs `f` in a new own-GIL sub-interpreter on this thread.
    fn in_own(f: fn(pybridge::Python<'_>)) {
        // SAFETY: attached to the new sub-interpreter for the call; the token does not outlive
        // it. The objects `f` makes are `Bound`s released inside it (pyo3's deferred pool, which
        // would carry a decref to another interpreter, is not reached).
        in_own_kept(|_| f(unsafe { pybridge::Python::assume_attached() }));
    }

    fn best(mut f: impl FnMut() -> f64) -> f64 {
        (0..ROUNDS).map(|_| f()).fold(0.0, f64::max)
    }

    /// Calls per second of `threads` threads each running `body` once (a fixed amount of work).
    fn throughput(threads: usize, body: fn()) -> f64 {
        let start = Instant::now();
        let handles: Vec<_> = (0..threads).map(|_| std::thread::spawn(body)).collect();
        for handle in handles {
            handle.join().expect("worker");
        }
        CALLS * threads as f64 / start.elapsed().as_secs_f64()
    }

    /// The work in the main interpreter, under its one GIL.
    fn run_shared() {
        pybridge::attach(|_py| {
            // SAFETY: attached to the main interpreter; the strings are NUL-terminated.
            unsafe {
                assert_eq!(ffi::PyRun_SimpleString(DEFINE.as_ptr()), 0);
                assert_eq!(ffi::PyRun_SimpleString(RUN.as_ptr()), 0);
            }
        });
    }

    /// The work in a new own-GIL sub-interpreter, created and ended on this thread.
    fn run_own() {
        in_own_kept(|_| {
            // SAFETY: attached to the new sub-interpreter; the strings are NUL-terminated.
            unsafe {
                assert_eq!(ffi::PyRun_SimpleString(DEFINE.as_ptr()), 0);
                assert_eq!(ffi::PyRun_SimpleString(RUN.as_ptr()), 0);
            }
        });
    }
}
