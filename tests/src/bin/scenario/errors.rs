//! Errors and panics across the boundary: the panic contract, `sys.exit()`, deep recursion,
//! exceptions that are hard to turn into text, and four hops Rust → Python → Rust → Python.

use pybridge_tests::skeleton::{math, skel_mod};

use crate::start;

/// A Rust panic inside an exported function, called by Python, called by a Rust stub,
/// resumes as a panic in the calling Rust thread with the original message.
pub(crate) fn panic_contract() -> Result<String, String> {
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

/// `sys.exit()` in Python is an error value in Rust; the host keeps running.
pub(crate) fn system_exit() -> Result<String, String> {
    start()?;
    let err = skel_mod::exit_with(3).expect_err("SystemExit must be an error");
    if !err.is_python("SystemExit") {
        return Err(format!("expected SystemExit, got {err}"));
    }
    let root = math::sqrt(16.0).map_err(|e| e.to_string())?;
    Ok(format!("{err}; still running, sqrt(16) = {root}"))
}

/// Rust → Python → Rust → … recursion to depth 5,000 ends in Python's RecursionError, not a
/// hang or a stack overflow, whatever the thread's stack size (`PYBRIDGE_STACK_MIB`, default
/// 2 MiB: Rust's default for spawned threads, too small for 1,000 levels in a debug build).
pub(crate) fn recursion() -> Result<String, String> {
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

/// Exceptions that are hard to turn into text arrive as typed errors whose Display and Debug
/// work: `__str__` raising, lone surrogates in the message and in the type name, `from`
/// chains, a cause whose `__str__` raises, and a cause cycle.
pub(crate) fn error_corpus() -> Result<String, String> {
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
pub(crate) fn four_hop() -> Result<String, String> {
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
