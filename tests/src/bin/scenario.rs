//! Scenarios that need a process of their own: interpreter configuration (one per process),
//! process-wide measurements (RSS), and hangs (a deadlock cannot be undone inside a process).
//! `tests/tests/scenarios.rs` runs each under a watchdog and checks its exit status and output.
//!
//! Usage: `scenario NAME`; exit status 0 and a last line `ok: ...` on success.
//!
//! The scenarios, by concern, in `scenario/` (beside this file, which cargo takes for the
//! binary): `threads.rs`, `memory.rs`, `startup.rs`, `errors.rs`, `drops.rs`, `exported.rs`.

#[path = "scenario/drops.rs"]
mod drops;
#[path = "scenario/errors.rs"]
mod errors;
#[path = "scenario/exported.rs"]
mod exported;
#[path = "scenario/memory.rs"]
mod memory;
#[path = "scenario/startup.rs"]
mod startup;
#[path = "scenario/threads.rs"]
mod threads;

use pybridge::Interpreter;
use pybridge_tests::workspace_root;

use drops::{drop_during_exception, drop_joins_thread};
use errors::{error_corpus, four_hop, panic_contract, recursion, system_exit};
use exported::spec_class;
use memory::{drop_unattached, fast_class_rss, fast_rss, plain_rss, pool_rss, refcount_rss, values_rss};
use startup::{broken_home, dev_mode, isolated, libpython, start_twice, sys_executable};
use threads::{deadlock, exit_mid_call, main_returns_mid_call, slow_import, threads};

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
        "values_rss" => values_rss(),
        "fast_rss" => fast_rss(),
        "fast_class_rss" => fast_class_rss(),
        "pool_rss" => pool_rss(),
        "plain_rss" => plain_rss(),
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

/// Starts the interpreter with `tests/python` on `sys.path` and the exported module linked in.
fn start() -> Result<(), String> {
    Interpreter::builder()
        .sys_path(workspace_root().join("tests/python"))
        .module("skeleton_export", PyInit_skeleton_export)
        .embed(pybridge_tests::fast::fast_fns::FAST_FNS_MODULE)
        .start()
        .map_err(|e| e.to_string())
}
