//! Threads: many calling at once, a first import raced by 16 threads, the watchdog's deadlock,
//! and the process ending (or exiting from Python) while threads are mid-call.

use std::sync::{Arc, Barrier, Mutex};
use std::time::Duration;

use pybridge::__private::pyo3::types::PyAnyMethods;
use pybridge_tests::skeleton::{math, skel_mod, slow_mod};

use crate::start;

/// 16 Rust threads × 10,000 calls, every result checked.
pub(crate) fn threads() -> Result<String, String> {
    start()?;
    let handles: Vec<_> = (0..16)
        .map(|t| {
            std::thread::spawn(move || -> Result<(), String> {
                for i in 0..10_000i64 {
                    let x = (t * 10_000 + i) as f64;
                    let root = math::sqrt(x * x).map_err(|e| e.to_string())?;
                    if root != x {
                        return Err(format!("sqrt({}) = {root}", x * x));
                    }
                    if i % 100 == 0 {
                        let text = skel_mod::describe("ab", Some(2), None, t % 2 == 0).map_err(|e| e.to_string())?;
                        let want = if t % 2 == 0 { "AB-AB" } else { "ab-ab" };
                        if text != want {
                            return Err(format!("describe gave {text}"));
                        }
                    }
                }
                Ok(())
            })
        })
        .collect();
    for h in handles {
        h.join().map_err(|_| "thread panicked".to_string())??;
    }
    Ok("16 threads x 10000 calls checked".into())
}

/// 16 threads make their first call at once into a module whose import takes 0.3 s.
pub(crate) fn slow_import() -> Result<String, String> {
    start()?;
    let barrier = Arc::new(Barrier::new(16));
    let handles: Vec<_> = (0..16)
        .map(|i| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                slow_mod::ping(i).map_err(|e| e.to_string())
            })
        })
        .collect();
    for (i, h) in handles.into_iter().enumerate() {
        let got = h.join().map_err(|_| "thread panicked".to_string())??;
        if got != i as i64 + 1 {
            return Err(format!("ping({i}) = {got}"));
        }
    }
    let loads = pybridge::attach(|py| -> Result<usize, String> {
        let sys = py.import("sys").map_err(|e| e.to_string())?;
        let loads = sys.getattr("_slow_mod_loads").map_err(|e| e.to_string())?;
        loads.len().map_err(|e| e.to_string())
    })?;
    if loads != 1 {
        return Err(format!("the module body ran {loads} times"));
    }
    Ok("module body ran once for 16 concurrent first calls".into())
}

/// The watchdog's positive control: a real deadlock between the GIL and a Rust mutex.
pub(crate) fn deadlock() -> Result<String, String> {
    start()?;
    let lock = Arc::new(Mutex::new(()));
    let held = lock.lock().map_err(|e| e.to_string())?;
    let other = {
        let lock = lock.clone();
        std::thread::spawn(move || {
            pybridge::attach(|_py| {
                // Attached, waiting for the mutex the main thread holds.
                let _g = lock.lock();
            })
        })
    };
    std::thread::sleep(Duration::from_millis(200));
    // Holding the mutex, waiting for the GIL the other thread holds.
    pybridge::attach(|_py| drop(held));
    other.join().map_err(|_| "join".to_string())?;
    Err("the deadlock did not happen".into())
}

/// `main` returns while 8 threads are in the middle of stub calls: the process exits 0.
pub(crate) fn main_returns_mid_call() -> Result<String, String> {
    start()?;
    for _ in 0..8 {
        std::thread::spawn(|| {
            loop {
                let _ = skel_mod::maybe(true);
            }
        });
    }
    std::thread::sleep(Duration::from_millis(300));
    Ok("main returned with 8 threads mid-call".into())
}

/// Python code run from Rust exits (`PYBRIDGE_EXIT=sys_exit`: `sys.exit(0)`, which arrives as
/// an error, and the host exits with its code; `os_exit`: `os._exit(0)` ends the process from
/// inside Python) while 8 Rust threads are attached or mid-call: the process exits 0.
pub(crate) fn exit_mid_call() -> Result<String, String> {
    start()?;
    let calls = Arc::new(std::sync::atomic::AtomicU64::new(0));
    for t in 0..8 {
        let calls = calls.clone();
        std::thread::spawn(move || {
            loop {
                let _ = if t % 2 == 0 { skel_mod::nap(0.001).map(|_| ()) } else { skel_mod::maybe(true).map(|_| ()) };
                // Some threads stay attached between calls.
                if t % 4 == 1 {
                    pybridge::attach(|_py| std::thread::sleep(Duration::from_micros(200)));
                }
                calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        });
    }
    while calls.load(std::sync::atomic::Ordering::Relaxed) < 1_000 {
        std::thread::sleep(Duration::from_millis(10));
    }
    let how = std::env::var("PYBRIDGE_EXIT").unwrap_or_else(|_| "sys_exit".into());
    let summary =
        format!("{how} with 8 threads mid-call after {} calls", calls.load(std::sync::atomic::Ordering::Relaxed));
    match how.as_str() {
        "sys_exit" => {
            let err = skel_mod::exit_with(0).expect_err("SystemExit is an error");
            if !err.is_python("SystemExit") {
                return Err(format!("expected SystemExit, got {err}"));
            }
            println!("ok: {summary}: {err}");
            std::process::exit(0);
        }
        "os_exit" => {
            println!("ok: {summary}");
            use std::io::Write;
            std::io::stdout().flush().map_err(|e| e.to_string())?;
            pybridge::attach(|py| py.run(c"import os\nos._exit(0)", None, None)).map_err(|e| e.to_string())?;
            Err("os._exit returned".into())
        }
        other => Err(format!("unknown PYBRIDGE_EXIT {other:?}")),
    }
}
