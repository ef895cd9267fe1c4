//! `__getitem__` and `__setitem__` from `std::ops::Index` / `IndexMut` (both front ends list
//! them as traits): the item is cloned out, or assigned in place. Rust's indexing panics on a
//! missing index or key; Python expects `IndexError` (integer keys: `for x in obj` stops on it)
//! or `KeyError`, so the panic is caught here and raised as that. Generated code calls these
//! as `extend` methods (the object first). Such an expected panic is not printed: `list(obj)`
//! on a class with only `__getitem__` ends on one (see [`quietly`]).

use std::cell::Cell;
use std::ops::{Index, IndexMut};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use pyo3::PyResult;
use pyo3::exceptions::{PyIndexError, PyKeyError};

use crate::protocols::DeclaredClone;

/// `obj[key]` for an integer key, cloned; a panicking `Index` raises `IndexError`.
pub fn index_get<T, K>(obj: &T, key: K) -> PyResult<T::Output>
where
    T: Index<K> + ?Sized,
    T::Output: DeclaredClone,
{
    get(obj, key).map_err(PyIndexError::new_err)
}

/// `obj[key]` for any other key, cloned; a panicking `Index` raises `KeyError`.
pub fn key_get<T, K>(obj: &T, key: K) -> PyResult<T::Output>
where
    T: Index<K> + ?Sized,
    T::Output: DeclaredClone,
{
    get(obj, key).map_err(PyKeyError::new_err)
}

/// `obj[key] = value` for an integer key; a panicking `IndexMut` raises `IndexError`.
pub fn index_set<T, K>(obj: &mut T, key: K, value: T::Output) -> PyResult<()>
where
    T: IndexMut<K> + ?Sized,
    T::Output: Sized,
{
    set(obj, key, value).map_err(PyIndexError::new_err)
}

/// `obj[key] = value` for any other key; a panicking `IndexMut` raises `KeyError`.
pub fn key_set<T, K>(obj: &mut T, key: K, value: T::Output) -> PyResult<()>
where
    T: IndexMut<K> + ?Sized,
    T::Output: Sized,
{
    set(obj, key, value).map_err(PyKeyError::new_err)
}

fn get<T, K>(obj: &T, key: K) -> Result<T::Output, String>
where
    T: Index<K> + ?Sized,
    T::Output: DeclaredClone,
{
    // `AssertUnwindSafe`: `index` takes `&self`, so a panic inside it leaves nothing half-changed
    // (short of interior mutability, which a panicking `Index` would have to be careful with
    // for Rust callers too).
    quietly(AssertUnwindSafe(|| obj.index(key).declared_clone())).map_err(|panic| message(&*panic))
}

fn set<T, K>(obj: &mut T, key: K, value: T::Output) -> Result<(), String>
where
    T: IndexMut<K> + ?Sized,
    T::Output: Sized,
{
    // `AssertUnwindSafe`: the assignment happens only after `index_mut` returned, so a panic
    // (a missing index) leaves the value as it was unless `index_mut` itself changed it first.
    quietly(AssertUnwindSafe(move || *obj.index_mut(key) = value)).map_err(|panic| message(&*panic))
}

thread_local! {
    /// Set while an index runs: its panic is an answer (`IndexError`), not a bug to print.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// `f`, its panic caught and not printed. The first call wraps the process's panic hook (once)
/// in one that stays silent while this thread runs such an `f` and defers to the previous hook
/// otherwise, so other panics print as before.
fn quietly<R>(f: AssertUnwindSafe<impl FnOnce() -> R>) -> std::thread::Result<R> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(f);
    QUIET.with(|q| q.set(was));
    result
}

/// The panic's message (Rust's own: "index out of bounds: the len is 3 but the index is 7").
fn message(panic: &(dyn std::any::Any + Send)) -> String {
    match (panic.downcast_ref::<&str>(), panic.downcast_ref::<String>()) {
        (Some(s), _) => (*s).to_string(),
        (_, Some(s)) => s.clone(),
        _ => "the index does not exist".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    #[test]
    fn only_panics_inside_quietly_are_silenced() {
        // Other tests of this binary may panic meanwhile: count only this test's messages.
        let printed = Arc::new(Mutex::new(Vec::<String>::new()));
        let seen = Arc::clone(&printed);
        std::panic::set_hook(Box::new(move |info| {
            let text = info.payload().downcast_ref::<&str>().copied().unwrap_or("");
            if text.starts_with("quietly-test") {
                seen.lock().unwrap().push(text.to_string());
            }
        }));
        let calls = AtomicUsize::new(0);
        let quiet = super::quietly(std::panic::AssertUnwindSafe(|| {
            calls.fetch_add(1, Ordering::Relaxed);
            panic!("quietly-test: inside");
        }));
        assert!(quiet.is_err());
        let loud = std::panic::catch_unwind(|| panic!("quietly-test: outside"));
        assert!(loud.is_err());
        assert_eq!(calls.load(Ordering::Relaxed), 1);
        assert_eq!(*printed.lock().unwrap(), ["quietly-test: outside"]);
    }
}
