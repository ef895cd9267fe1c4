//! Scenarios that need a process of their own: interpreter configuration (one per process),
//! process-wide measurements (RSS), and hangs (a deadlock cannot be undone inside a process).
//! `tests/tests/scenarios.rs` runs each under a watchdog and checks its exit status and output.
//!
//! Usage: `scenario NAME`; exit status 0 and a last line `ok: ...` on success.

use std::sync::{Arc, Barrier, Mutex};
use std::time::Duration;

use pybridge::__private::pyo3::types::PyAnyMethods;
use pybridge::Interpreter;
use pybridge_tests::skeleton::{math, skel_mod, slow_mod};
use pybridge_tests::workspace_root;

unsafe extern "C" {
    fn PyInit_skeleton_export() -> *mut pybridge::__private::pyo3::ffi::PyObject;
}

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    if std::env::var_os("PYBRIDGE_PLANT_LEAK").is_some() {
        // The positive control of scripts/sanitize and scripts/valgrind: a real leak (a heap
        // block nothing points to any more), of a size the scripts look for in the report.
        std::mem::forget(Box::new([0x5au8; PLANTED_LEAK_BYTES]));
    }
    let result = match name.as_str() {
        "threads" => threads(),
        "slow_import" => slow_import(),
        "deadlock" => deadlock(),
        "refcount_rss" => refcount_rss(),
        "drop_unattached" => drop_unattached(),
        "panic_contract" => panic_contract(),
        "start_twice" => start_twice(),
        "sys_executable" => sys_executable(),
        "broken_home" => broken_home(),
        "system_exit" => system_exit(),
        "isolated" => isolated(),
        "spec_class" => spec_class(),
        "recursion" => recursion(),
        "main_returns_mid_call" => main_returns_mid_call(),
        "libpython" => libpython(),
        "drop_during_exception" => drop_during_exception(),
        "drop_joins_thread" => drop_joins_thread(),
        "error_corpus" => error_corpus(),
        "four_hop" => four_hop(),
        "exit_mid_call" => exit_mid_call(),
        "dev_mode" => dev_mode(),
        _ => Err(format!("unknown scenario {name:?}")),
    };
    match result {
        Ok(summary) => println!("ok: {summary}"),
        Err(message) => {
            eprintln!("FAILED: {message}");
            std::process::exit(1);
        }
    }
}

/// The size of the planted leak (`PYBRIDGE_PLANT_LEAK=1`), distinctive in leak reports.
const PLANTED_LEAK_BYTES: usize = 4242;

fn start() -> Result<(), String> {
    Interpreter::builder()
        .sys_path(workspace_root().join("tests/python"))
        .module("skeleton_export", PyInit_skeleton_export)
        .start()
        .map_err(|e| e.to_string())
}

/// 16 Rust threads × 10,000 calls, every result checked.
fn threads() -> Result<String, String> {
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
fn slow_import() -> Result<String, String> {
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
fn deadlock() -> Result<String, String> {
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

/// Python's own `sys.getrefcount(o)`.
fn getrefcount(py: pybridge::Python<'_>, o: &pybridge::Object) -> i64 {
    py.import("sys").and_then(|sys| sys.getattr("getrefcount")?.call1((o,))?.extract()).unwrap_or(-1)
}

fn rss_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    pages * 4
}

/// 1,000,000 stub calls: the argument's refcount and the process RSS stay flat.
fn refcount_rss() -> Result<String, String> {
    start()?;
    let object: pybridge::Object =
        pybridge::attach(|py| py.eval(c"[1, 2, 3]", None, None).map(|o| o.unbind())).map_err(|e| e.to_string())?;
    let refcount = |o: &pybridge::Object| pybridge::attach(|py| getrefcount(py, o));
    // Warm up: caches, interned names, allocator arenas.
    for _ in 0..10_000 {
        skel_mod::identity(&object).map_err(|e| e.to_string())?;
    }
    let (before_refs, before_rss) = (refcount(&object), rss_kib());
    for _ in 0..1_000_000 {
        skel_mod::identity(&object).map_err(|e| e.to_string())?;
    }
    let (after_refs, after_rss) = (refcount(&object), rss_kib());
    if after_refs != before_refs {
        return Err(format!("refcount {before_refs} -> {after_refs}"));
    }
    let growth = after_rss.saturating_sub(before_rss);
    if growth > 1024 {
        return Err(format!("RSS grew {growth} KiB ({before_rss} -> {after_rss} KiB)"));
    }
    Ok(format!(
        "1000000 calls; refcount {before_refs} -> {after_refs}; RSS {before_rss} -> {after_rss} KiB (+{growth} KiB)"
    ))
}

/// 100,000 handles dropped on threads that never attach are released at the next attach.
fn drop_unattached() -> Result<String, String> {
    start()?;
    let (object, baseline) = pybridge::attach(|py| {
        let o = py.eval(c"object()", None, None).map(|o| o.unbind());
        o.map(|o| {
            let rc = getrefcount(py, &o);
            (o, rc)
        })
    })
    .map_err(|e| e.to_string())?;
    let handles: Vec<pybridge::Object> = pybridge::attach(|py| (0..100_000).map(|_| object.clone_ref(py)).collect());
    let raised = pybridge::attach(|py| getrefcount(py, &object));
    let chunks: Vec<Vec<pybridge::Object>> = handles.into_iter().fold(vec![Vec::new()], |mut acc, h| {
        if acc.last().is_some_and(|c| c.len() == 12_500) {
            acc.push(Vec::new());
        }
        acc.last_mut().unwrap().push(h);
        acc
    });
    let threads: Vec<_> = chunks.into_iter().map(|chunk| std::thread::spawn(move || drop(chunk))).collect();
    for t in threads {
        t.join().map_err(|_| "join".to_string())?;
    }
    let after = pybridge::attach(|py| getrefcount(py, &object));
    if after != baseline {
        return Err(format!("refcount {baseline} -> {raised} -> {after} after the next attach"));
    }
    Ok(format!("refcount {baseline} -> {raised} with 100000 handles -> {after} after dropping them unattached"))
}

/// A Rust panic inside an exported function, called by Python, called by a Rust stub,
/// resumes as a panic in the calling Rust thread with the original message.
fn panic_contract() -> Result<String, String> {
    start()?;
    std::panic::set_hook(Box::new(|_| {}));
    let caught = std::panic::catch_unwind(|| skel_mod::call_export("boom", "kaboom"));
    let _ = std::panic::take_hook();
    match caught {
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            if message.contains("kaboom") {
                // The interpreter and the exported module are still usable afterwards.
                let next = skel_mod::call_export("echo", "still here").map_err(|e| e.to_string())?;
                Ok(format!("panic resumed in Rust with {message:?}; next call returned {next:?}"))
            } else {
                Err(format!("panic payload {message:?}"))
            }
        }
        Ok(result) => Err(format!("no panic; got {result:?}")),
    }
}

/// A second start is a clear error; implicit starts stay no-ops.
fn start_twice() -> Result<String, String> {
    math::sqrt(4.0).map_err(|e| e.to_string())?; // implicit start
    let err = Interpreter::builder().isolated(true).start().expect_err("second start must fail");
    let text = err.to_string();
    if !text.contains("already running") {
        return Err(format!("unclear error: {text}"));
    }
    math::sqrt(9.0).map_err(|e| e.to_string())?;
    Ok(text)
}

/// `sys.executable` is a real Python (multiprocessing needs it), and an activated virtualenv
/// is honoured.
fn sys_executable() -> Result<String, String> {
    let (executable, prefix) = pybridge::attach(|py| -> Result<(String, String), String> {
        let sys = py.import("sys").map_err(|e| e.to_string())?;
        let get = |name: &str| -> Result<String, String> {
            sys.getattr(name).and_then(|v| v.extract()).map_err(|e| e.to_string())
        };
        Ok((get("executable")?, get("prefix")?))
    })?;
    let this = std::env::current_exe().map_err(|e| e.to_string())?;
    if std::path::Path::new(&executable) == this {
        return Err(format!("sys.executable is this binary: {executable}"));
    }
    let name =
        std::path::Path::new(&executable).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if !name.starts_with("python") {
        return Err(format!("sys.executable is not a Python: {executable}"));
    }
    Ok(format!("{executable} {prefix}"))
}

/// A broken PYTHONHOME is an error value, not a crash or a hang.
fn broken_home() -> Result<String, String> {
    match pybridge::try_attach(|_py| ()) {
        Err(e) if matches!(e.kind(), pybridge::ErrorKind::Interpreter(_)) => {
            // A second attempt reports the same error rather than retrying a half-started CPython.
            let again = pybridge::try_attach(|_py| ()).expect_err("still broken");
            Ok(format!("{e} / again: {again}"))
        }
        Err(e) => Err(format!("wrong error kind: {e:?}")),
        Ok(()) => Err("started with a broken PYTHONHOME".into()),
    }
}

/// `sys.exit()` in Python is an error value in Rust; the host keeps running.
fn system_exit() -> Result<String, String> {
    start()?;
    let err = skel_mod::exit_with(3).expect_err("SystemExit must be an error");
    if !err.is_python("SystemExit") {
        return Err(format!("expected SystemExit, got {err}"));
    }
    let root = math::sqrt(16.0).map_err(|e| e.to_string())?;
    Ok(format!("{err}; still running, sqrt(16) = {root}"))
}

/// Isolated mode reaches CPython's flags.
fn isolated() -> Result<String, String> {
    Interpreter::builder().isolated(true).start().map_err(|e| e.to_string())?;
    let flag: i64 = pybridge::attach(|py| -> Result<i64, String> {
        let sys = py.import("sys").map_err(|e| e.to_string())?;
        sys.getattr("flags").and_then(|f| f.getattr("isolated")).and_then(|v| v.extract()).map_err(|e| e.to_string())
    })?;
    if flag != 1 {
        return Err(format!("sys.flags.isolated = {flag}"));
    }
    Ok("sys.flags.isolated = 1".into())
}

/// The libpython mapped into the process is the one of the Python pyo3 was built for (the
/// rpath), not another installation's.
fn libpython() -> Result<String, String> {
    math::sqrt(1.0).map_err(|e| e.to_string())?;
    let maps = std::fs::read_to_string("/proc/self/maps").map_err(|e| e.to_string())?;
    let loaded: Vec<&str> = maps
        .lines()
        .filter_map(|l| l.split_whitespace().nth(5))
        .filter(|p| p.contains("libpython3"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    // A virtualenv's python is a symlink into the base installation, which holds libpython.
    let real = std::path::Path::new(pybridge::__private::BUILD_PYTHON).canonicalize().map_err(|e| e.to_string())?;
    let prefix = real.parent().and_then(|bin| bin.parent()).ok_or("no build python")?.to_path_buf();
    match loaded.as_slice() {
        [one] if std::path::Path::new(one).starts_with(&prefix) => Ok(format!("{one} (under {})", prefix.display())),
        other => Err(format!("loaded {other:?}, expected one libpython under {}", prefix.display())),
    }
}

/// A class, an exception and functions exported from a spec (no attribute on the Rust type),
/// used from Python inside the embedded interpreter.
fn spec_class() -> Result<String, String> {
    start()?;
    let code = c"
import skeleton_export as m
t = m.Tally(5)
assert t.bump(2) == 7, t.bump
assert t.current() == 7
t.label = 'visits'
assert t.label == 'visits'
assert m.Tally.zero().current() == 0
assert issubclass(m.TallyError, ValueError)
assert m.match('a', 3) == 'ax3'
assert m.maybe_sum([1, None]) is None and m.maybe_sum([1, 2]) == 3
assert m.ANSWER == 42
ints, strs = m.IntStack(), m.StrStack()
ints.push(1); ints.push(2); strs.push('a')
assert list(ints) == [1, 2] and sum(ints) == 3
assert (ints.pop(), ints.len(), strs.pop(), strs.pop()) == (2, 1, 'a', None)
try:
    ints.push('x')
    raise AssertionError('IntStack accepted a str')
except TypeError:
    pass
";
    pybridge::attach(|py| py.run(code, None, None)).map_err(|e| pybridge::Error::from(e).to_string())?;
    Ok("Tally, TallyError and the functions behave as declared".into())
}

/// Rust → Python → Rust → … recursion to depth 5,000 ends in Python's RecursionError, not a
/// hang or a stack overflow, whatever the thread's stack size (`PYBRIDGE_STACK_MIB`, default
/// 2 MiB: Rust's default for spawned threads, too small for 1,000 levels in a debug build).
fn recursion() -> Result<String, String> {
    start()?;
    let mib: usize = std::env::var("PYBRIDGE_STACK_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(2);
    let started = std::time::Instant::now();
    let outcome = std::thread::Builder::new()
        .stack_size(mib << 20)
        .spawn(|| skel_mod::recurse(5_000).map_err(|e| e.to_string()))
        .map_err(|e| e.to_string())?
        .join()
        .map_err(|_| "the recursion thread panicked".to_string())?;
    let elapsed = started.elapsed();
    match outcome {
        Err(message) if message.contains("RecursionError") => {
            Ok(format!("RecursionError after {elapsed:.2?} on a {mib} MiB stack: {message}"))
        }
        other => Err(format!("expected RecursionError, got {other:?}")),
    }
}

/// `main` returns while 8 threads are in the middle of stub calls: the process exits 0.
fn main_returns_mid_call() -> Result<String, String> {
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

/// A Rust `Drop` that calls Python while a Python exception propagates leaves that exception
/// intact: through Python (an exported `Noisy` freed while a TypeError propagates; its Drop
/// calls a stub and joins a thread that calls one), and through the pybridge API (a
/// stub called from Rust while an exception is pending).
fn drop_during_exception() -> Result<String, String> {
    use pybridge::__private::pyo3::PyErr;
    use pybridge::__private::pyo3::exceptions::PyKeyError;
    start()?;
    let err = skel_mod::make_noisy("first").expect_err("make_noisy raises");
    if err.to_string() != "TypeError: object of type 'skeleton_export.Noisy' has no len()" {
        return Err(format!("the propagating exception changed: {err} ({:?})", err.python()));
    }
    let drops = pybridge_tests::exported::NOISY_DROPS.lock().map_err(|e| e.to_string())?.clone();
    let want = r#"first: direct Ok(Some(7)), joined Ok("t-t")"#;
    if drops != [want] {
        return Err(format!("Noisy drops: {drops:?}, expected [{want:?}]"));
    }
    // Through the API: an exception is pending (set, not yet raised) when a stub runs.
    let (during, kept) = pybridge::attach(|py| {
        PyKeyError::new_err("pending").restore(py);
        let during = skel_mod::maybe(true).map_err(|e| e.to_string());
        let kept = PyErr::take(py).map(|e| pybridge::Error::from_pyerr(py, e).to_string());
        (during, kept)
    });
    if during != Ok(Some(7)) || kept.as_deref() != Some("KeyError: 'pending'") {
        return Err(format!("stub during a pending exception: {during:?}; pending afterwards: {kept:?}"));
    }
    Ok(format!("{err} kept through a Drop that called Python ({})", drops[0]))
}

/// A value whose Drop joins a thread that calls a stub.
struct Joiner(Option<std::thread::JoinHandle<Result<i64, String>>>);

impl Joiner {
    fn spawn(calls: i64) -> Joiner {
        Joiner(Some(std::thread::spawn(move || {
            let mut sum = 0;
            for _ in 0..calls {
                sum += skel_mod::maybe(true).map_err(|e| e.to_string())?.unwrap_or(0);
            }
            Ok(sum)
        })))
    }
}

impl Drop for Joiner {
    fn drop(&mut self) {
        if let Some(handle) = self.0.take() {
            // Detach while joining when this Drop runs attached (a plain join would hold the
            // GIL the worker needs); when not attached, attach + detach costs a GIL hand-over.
            let outcome = pybridge::attach(|py| py.detach(|| handle.join()));
            let sum = outcome.map_err(|_| "worker panicked".to_string()).and_then(|r| r);
            JOINED.lock().unwrap_or_else(|e| e.into_inner()).push(sum);
        }
    }
}

static JOINED: Mutex<Vec<Result<i64, String>>> = Mutex::new(Vec::new());

/// A Drop that joins a thread calling stubs does not deadlock: dropped unattached, dropped
/// attached (inside `attach`), and dropped by Python (the exported `Noisy`, freed by `del`).
fn drop_joins_thread() -> Result<String, String> {
    start()?;
    let started = std::time::Instant::now();
    drop(Joiner::spawn(10_000));
    pybridge::attach(|_py| drop(Joiner::spawn(10_000)));
    // A plain join, unattached: the worker attaches freely.
    let plain = std::thread::spawn(|| skel_mod::maybe(true).map_err(|e| e.to_string()));
    let plain = plain.join().map_err(|_| "worker panicked".to_string())??;
    pybridge::attach(|py| py.run(c"import skeleton_export\nn = skeleton_export.Noisy('deleted')\ndel n", None, None))
        .map_err(|e| pybridge::Error::from(e).to_string())?;
    let joined = JOINED.lock().map_err(|e| e.to_string())?.clone();
    if joined != [Ok(70_000), Ok(70_000)] || plain != Some(7) {
        return Err(format!("joined {joined:?}, plain {plain:?}"));
    }
    let drops = pybridge_tests::exported::NOISY_DROPS.lock().map_err(|e| e.to_string())?.clone();
    if drops != [r#"deleted: direct Ok(Some(7)), joined Ok("t-t")"#] {
        return Err(format!("Noisy drops: {drops:?}"));
    }
    Ok(format!(
        "3 Drops joined threads making 10000 + 10000 + 1 stub calls (unattached, attached, freed by Python) in {:.2?}",
        started.elapsed()
    ))
}

/// Exceptions that are hard to turn into text arrive as typed errors whose Display and Debug
/// work: `__str__` raising, lone surrogates in the message and in the type name, `from`
/// chains, a cause whose `__str__` raises, and a cause cycle.
fn error_corpus() -> Result<String, String> {
    start()?;
    let mut seen = Vec::new();
    for kind in ["bad_str", "surrogate", "surrogate_type", "chained", "bad_str_cause", "cycle"] {
        let err = match skel_mod::raise_odd(kind) {
            Ok(()) => return Err(format!("{kind}: no error")),
            Err(skel_mod::Error::Other(e)) => e,
            Err(other) => return Err(format!("{kind}: wrong variant {other:?}")),
        };
        let (text, debug) = (err.to_string(), format!("{err:?}"));
        let py = err.python().ok_or_else(|| format!("{kind}: not a Python exception: {text}"))?;
        let traceback = py.traceback.as_deref().unwrap_or_default();
        if !traceback.contains("raise_odd") || debug.is_empty() {
            return Err(format!("{kind}: traceback {traceback:?}"));
        }
        let causes = std::iter::successors(py.cause.as_deref(), |c| c.cause.as_deref()).count();
        let ok = match kind {
            "bad_str" => text == "skel_mod.BadStr: <exception str() failed>",
            "surrogate" => {
                py.type_name == "ValueError" && text.starts_with("ValueError: lone ") && text.ends_with(" surrogate")
            }
            "surrogate_type" => py.type_name.starts_with("skel_mod.Bad") && py.message == "surrogate in the type name",
            "chained" => text == "RuntimeError: outer" && py.cause.as_ref().is_some_and(|c| c.type_name == "KeyError"),
            "bad_str_cause" => py.cause.as_ref().is_some_and(|c| c.message == "<exception str() failed>"),
            "cycle" => text == "ValueError: a" && causes == 16,
            _ => false,
        };
        if !ok {
            return Err(format!("{kind}: {text} / {debug}"));
        }
        seen.push(format!("{kind} -> {text:?} ({causes} causes)"));
    }
    // The interpreter is fine afterwards.
    let still = skel_mod::maybe(true).map_err(|e| e.to_string())?;
    if still != Some(7) {
        return Err(format!("maybe(true) = {still:?}"));
    }
    Ok(seen.join("; "))
}

/// Rust stub → Python `four_hop` → exported Rust `hop3` → Python callback → `raise KeyError`:
/// the outer Rust caller gets the KeyError with a traceback through both Python hops. With a
/// panic at hop 3 instead, the panic contract holds (it resumes in the calling Rust thread), and
/// so it does with a panic at hop 4 (an exported function the callback calls). Nothing is
/// printed on the way (the test checks that stderr stays empty).
fn four_hop() -> Result<String, String> {
    start()?;
    let err = skel_mod::four_hop("deep").expect_err("the callback raises");
    let py = err.python().ok_or_else(|| format!("not a Python exception: {err}"))?;
    let traceback = py.traceback.clone().unwrap_or_default();
    if py.type_name != "KeyError" || py.message != "'hop4 deep'" {
        return Err(format!("expected KeyError('hop4 deep'), got {err}"));
    }
    if !(traceback.contains("in four_hop") && traceback.contains("in _hop4") && traceback.contains("skel_mod.py")) {
        return Err(format!("traceback lacks a hop:\n{traceback}"));
    }
    std::panic::set_hook(Box::new(|_| {}));
    let caught = std::panic::catch_unwind(|| skel_mod::four_hop("panic"));
    let _ = std::panic::take_hook();
    let message = match caught {
        Err(payload) => payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default(),
        Ok(result) => return Err(format!("no panic at hop 3; got {result:?}")),
    };
    if message != "hop3 panicked" {
        return Err(format!("panic payload {message:?}"));
    }
    // Under the callback: exported `boom` panics inside `_hop4`, the panic resumes in `hop3`'s
    // callback wrapper, crosses Python again as a PanicException, and resumes here.
    std::panic::set_hook(Box::new(|_| {}));
    let caught = std::panic::catch_unwind(|| skel_mod::four_hop("panic4"));
    let _ = std::panic::take_hook();
    let message4 = match caught {
        Err(payload) => payload.downcast_ref::<String>().cloned().unwrap_or_default(),
        Ok(result) => return Err(format!("no panic at hop 4; got {result:?}")),
    };
    if message4 != "hop4 panicked" {
        return Err(format!("hop-4 panic payload {message4:?}"));
    }
    let again = skel_mod::four_hop("again").expect_err("raises again");
    if !again.is_python("KeyError") {
        return Err(format!("after the panic: {again}"));
    }
    let frames = traceback.matches("  File ").count();
    Ok(format!(
        "{err} with a {frames}-frame traceback; hop-3 panic resumed in Rust as {message:?}, hop-4 panic as \
         {message4:?}; next call: {again}"
    ))
}

/// Python code run from Rust exits (`PYBRIDGE_EXIT=sys_exit`: `sys.exit(0)`, which arrives as
/// an error, and the host exits with its code; `os_exit`: `os._exit(0)` ends the process from
/// inside Python) while 8 Rust threads are attached or mid-call: the process exits 0.
fn exit_mid_call() -> Result<String, String> {
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

/// What the embedded interpreter's development mode and allocator are (the dev-mode run of
/// every scenario checks that the environment reached CPython).
fn dev_mode() -> Result<String, String> {
    start()?;
    pybridge::attach(|py| -> Result<String, String> {
        let code = c"import sys, _testinternalcapi as t\nfrom_env = (sys.flags.dev_mode, t.get_configs()['pre_config']['allocator'])";
        let globals = pybridge::__private::pyo3::types::PyDict::new(py);
        py.run(code, Some(&globals), None).map_err(|e| pybridge::Error::from(e).to_string())?;
        let (dev, allocator): (bool, i64) =
            globals.get_item("from_env").and_then(|v| v.extract()).map_err(|e| pybridge::Error::from(e).to_string())?;
        Ok(format!("dev_mode={dev} allocator={allocator}"))
    })
}
