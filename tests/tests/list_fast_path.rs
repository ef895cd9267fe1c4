//! The list fast path (`FastVec`: export parameters and import results of `list[str]`,
//! `list[tuple[str, str]]`, …) reads an exact list's item array directly, with the length taken
//! once. That is sound only while no Python code runs in the loop, and one call can run some:
//! for a lone surrogate, `PyUnicode_AsUTF8AndSize` builds a `UnicodeEncodeError`, and on CPython
//! 3.11 and older that GC-tracked allocation may run the cycle collector, and with it any
//! `__del__`, which may clear the very list being read (freeing its item array and items).
//!
//! These tests make that happen on purpose: a garbage cycle whose `__del__` clears the list,
//! the collector's threshold at 1, and a lone surrogate in the list (alone, and inside a pair).
//! The loop must stop at the item that ran Python code and touch neither the array nor that
//! item again. Run with `PYTHONMALLOC=debug` (set below, before the interpreter starts), so
//! memory CPython frees is overwritten and a read after it crashes; `scripts/sanitize` runs
//! this file under AddressSanitizer too.

use pybridge::__private::pyo3::ffi;
use pybridge::__private::pyo3::prelude::*;
use pybridge::__private::pyo3::types::{PyDict, PyList};
use pybridge::__private::{FastItem, FastVec};

fn start() {
    static START: std::sync::Once = std::sync::Once::new();
    START.call_once(|| {
        // The debug allocator poisons freed memory. scripts/sanitize sets PYTHONMALLOC=malloc
        // (ASan sees every allocation then); keep that one.
        if std::env::var_os("PYTHONMALLOC").is_none() {
            // SAFETY: before the interpreter starts and before this binary's tests spawn any
            // thread that reads the environment (`Once`: the first test to get here sets it
            // while the others wait on the `Once`, and none reads the environment before).
            unsafe { std::env::set_var("PYTHONMALLOC", "debug") };
        }
        pybridge::Interpreter::builder().start().expect("start the interpreter");
    });
}

/// Sets up `lst` (built by `items`, fresh objects only) and a garbage cycle whose `__del__`
/// records `len(lst)` and clears it, with the collector disabled; then, with nothing else
/// running, enables the collector (threshold 1) and extracts `lst` as `T`. Returns the
/// extraction's result as text and the lengths `__del__` saw, read right after the extraction
/// (so a collection that ran, ran inside it).
fn clear_during_extraction<T>(items: &str) -> (String, Vec<usize>, usize)
where
    T: std::fmt::Debug + FastItem + for<'a, 'py> FromPyObject<'a, 'py>,
{
    start();
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    pybridge::attach(|py| {
        let globals = PyDict::new(py);
        let code = format!(
            "import gc\n\
             gc.collect()\n\
             gc.disable()\n\
             fired = []\n\
             class Clearer:\n\
             \x20   def __init__(self, target):\n\
             \x20       self.target = target\n\
             \x20       self.me = self\n\
             \x20   def __del__(self):\n\
             \x20       fired.append(len(self.target))\n\
             \x20       self.target.clear()\n\
             lst = {items}\n\
             Clearer(lst)\n\
             # young GC objects kept alive: the next GC allocation is over the threshold\n\
             ballast = [[] for _ in range(100)]\n\
             gc.set_threshold(1)\n"
        );
        let code = std::ffi::CString::new(code).unwrap();
        py.run(&code, Some(&globals), None).unwrap();
        let lst = globals.get_item("lst").unwrap().unwrap().cast_into::<PyList>().unwrap();
        let fired = globals.get_item("fired").unwrap().unwrap().cast_into::<PyList>().unwrap();
        let before = lst.len();
        assert_eq!(fired.len(), 0, "the collector ran before the extraction");
        // SAFETY: attached. No allocation between this and the extraction (no Python code, no
        // GC object created), so the first GC allocation is the one inside the extraction.
        unsafe { ffi::PyGC_Enable() };
        let result = lst.extract::<FastVec<T>>();
        // SAFETY: attached.
        unsafe { ffi::PyGC_Disable() };
        let seen: Vec<usize> = fired.extract().unwrap();
        let result = match result {
            Ok(value) => format!("Ok({:?})", value.0),
            Err(err) => format!("Err({})", err.get_type(py).name().unwrap()),
        };
        py.run(c"import gc\ngc.set_threshold(700, 10, 10)\ngc.enable()\ngc.collect()", Some(&globals), None).unwrap();
        (result, seen, before)
    })
}

/// One test at a time: the collector's settings are per process.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn old_gc() -> bool {
    // CPython 3.12 moved automatic collection out of the allocator (to the eval loop's
    // periodic checks), so there the extraction cannot run the collector at all.
    start();
    pybridge::attach(|py| py.version_info() < (3, 12))
}

/// Checks one case: on 3.11 and older the collector must have run inside the extraction, seen
/// the whole list and cleared it; the extraction then falls back to the general path, which
/// reads the list as it now is (empty). On newer versions nothing runs and the surrogate is a
/// `UnicodeEncodeError`.
fn check(result: &str, seen: &[usize], before: usize) {
    if old_gc() {
        assert_eq!(seen, [before], "the collector did not run inside the extraction (result {result})");
        assert_eq!(result, "Ok([])", "the fallback reads the list the collector cleared");
    } else {
        assert_eq!(seen, [] as [usize; 0]);
        assert_eq!(result, "Err(UnicodeEncodeError)");
    }
}

#[test]
fn a_list_cleared_by_a_del_during_a_lone_surrogates_error_is_not_read_again() {
    // Good items first (read and copied), the surrogate, then items only the list holds.
    let (result, seen, before) = clear_during_extraction::<String>(
        "[f'ok{i}' * 3 for i in range(5)] + [chr(0xD800) + 'x'] + [f'after{i}' * 3 for i in range(50)]",
    );
    check(&result, &seen, before);
}

#[test]
fn a_pair_freed_by_a_del_during_its_second_items_error_is_not_read_again() {
    // The tuple is held only by the list: clearing the list frees it (and its first item)
    // while its second item is being converted.
    let (result, seen, before) = clear_during_extraction::<(String, String)>(
        "[(f'k{i}' * 3, f'v{i}' * 3) for i in range(5)] + [(f'k' * 3 + 'x', chr(0xDC00) + 'y')] \
         + [(f'k{i}' * 3, f'w{i}' * 3) for i in range(50)]",
    );
    check(&result, &seen, before);
}

#[test]
fn a_pair_whose_first_item_is_a_lone_surrogate_is_not_read_again() {
    let (result, seen, before) = clear_during_extraction::<(String, i64)>(
        "[(f'k{i}' * 3, i + 10**6) for i in range(5)] + [(chr(0xD800) + 'z', 10**6)] \
         + [(f'k{i}' * 3, i + 10**6) for i in range(50)]",
    );
    check(&result, &seen, before);
}
