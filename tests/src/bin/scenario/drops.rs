//! Rust `Drop`s that call Python: while an exception propagates, and joining threads that call
//! stubs.

use std::sync::Mutex;

use pybridge_tests::skeleton::skel_mod;

use crate::start;

/// A Rust `Drop` that calls Python while a Python exception propagates leaves that exception
/// intact: through Python (an exported `Noisy` freed while a TypeError propagates; its Drop
/// calls a stub and joins a thread that calls one), and through the pybridge API (a
/// stub called from Rust while an exception is pending).
pub(crate) fn drop_during_exception() -> Result<String, String> {
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
pub(crate) fn drop_joins_thread() -> Result<String, String> {
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
