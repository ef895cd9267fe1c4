//! Rust functions exposed by `specs/skeleton_export.yaml` (keyword names on purpose).

use std::collections::HashMap;

/// Named like a Rust keyword.
pub fn r#match(r#type: &str, r#loop: i64) -> String {
    format!("{type}x{loop}", type = r#type, loop = r#loop)
}

/// `None` when any value is missing.
pub fn maybe_sum(values: Vec<Option<i64>>) -> Option<i64> {
    values.into_iter().sum()
}

/// A counter exposed by the spec, with no attribute on the Rust side.
#[derive(Debug, Clone)]
pub struct Tally {
    count: i64,
    /// A free-form label.
    pub label: String,
}

impl Tally {
    /// A tally at `start`.
    pub fn starting_at(start: i64) -> Self {
        Tally { count: start, label: String::new() }
    }

    /// Adds `by`; returns the new count.
    pub fn bump(&mut self, by: i64) -> i64 {
        self.count += by;
        self.count
    }

    /// The count.
    pub fn value(&self) -> i64 {
        self.count
    }

    /// A tally at zero.
    pub fn zero() -> Tally {
        Tally::starting_at(0)
    }
}

/// A generic stack, exposed once per instantiation by the spec.
#[derive(Debug, Clone)]
pub struct Stack<T> {
    items: Vec<T>,
}

impl<T> Stack<T> {
    /// An empty stack.
    pub fn new() -> Self {
        Stack { items: Vec::new() }
    }

    /// Pushes an item.
    pub fn push(&mut self, item: T) {
        self.items.push(item);
    }

    /// Pops the last item.
    pub fn pop(&mut self) -> Option<T> {
        self.items.pop()
    }

    /// How many items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<'a, T> IntoIterator for &'a Stack<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T> Default for Stack<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Rust → Python → Rust recursion: calls the import stub `skel_mod.recurse(n)`, which calls
/// back here with `n - 1`. A Python exception (RecursionError) comes back as the error.
pub fn recurse(n: i64) -> Result<i64, pybridge::Error> {
    Ok(crate::skeleton::skel_mod::recurse(n)?)
}

/// Returns its argument.
pub fn echo(text: &str) -> String {
    text.to_string()
}

/// Panics with `message` (the panic contract test).
pub fn boom(message: &str) -> String {
    panic!("{message}")
}

/// The third hop of Rust stub → Python → here → Python callback: panics when `kind` is
/// `"panic"`, else returns what the callback returns (or lets its exception through).
pub fn hop3(kind: &str, callback: impl Fn(String) -> String) -> String {
    if kind == "panic" {
        panic!("hop3 panicked");
    }
    callback(kind.to_string())
}

/// Spawns `threads` Rust threads that call import stubs until the process ends (each loop:
/// `skel_mod.maybe`, then `skel_mod.nap(nap)`, sleeping in Python with the GIL released),
/// and returns at once: the "Python exits while Rust threads are attached or mid-call"
/// scenario. Errors (the interpreter shutting down) are ignored, as a careless caller would.
pub fn spawn_callers(threads: i64, nap: f64) {
    for t in 0..threads {
        std::thread::spawn(move || {
            loop {
                let _ = crate::skeleton::skel_mod::maybe(t % 2 == 0);
                let _ = crate::skeleton::skel_mod::nap(nap);
            }
        });
    }
}

/// Pooled calls made by [`spawn_pool_callers`]'s threads.
static POOL_CALLS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// Starts `threads` Rust threads calling `pool_mod.add` in a pool of 2 own-GIL
/// sub-interpreters, forever (errors, such as the interpreter shutting down, ignored); returns
/// `false`, starting nothing, where this CPython cannot make one (before 3.12): the "Python
/// exits while Rust threads call into a pool" scenario.
pub fn spawn_pool_callers(threads: i64) -> bool {
    let Ok(pool) = pybridge::Pool::new(2) else { return false };
    let pool = std::sync::Arc::new(pool);
    for _ in 0..threads {
        let pool = pool.clone();
        std::thread::spawn(move || {
            loop {
                if crate::pool::pool_mod::pooled::add(&pool, 1, 2).is_ok() {
                    POOL_CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            }
        });
    }
    true
}

/// How many pooled calls [`spawn_pool_callers`]'s threads have made.
pub fn pool_calls() -> i64 {
    POOL_CALLS.load(std::sync::atomic::Ordering::Relaxed)
}

/// Threads of [`spawn_enders`] that have called once / that may end / whose thread-local
/// destructors got past pybridge's.
static ENDERS_CALLED: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
static ENDERS_GO: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static ENDERS_DONE: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// A thread-local whose destructor counts in `ENDERS_DONE`. Created before the thread's
/// first attach, so it is destroyed after pybridge's kept thread state is released (the
/// destructors of thread-locals run in the reverse order of their creation).
struct EnderMark;

impl Drop for EnderMark {
    fn drop(&mut self) {
        ENDERS_DONE.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

thread_local! {
    static ENDER_MARK: std::cell::Cell<Option<EnderMark>> = const { std::cell::Cell::new(None) };
}

/// Spawns `threads` Rust threads that each make one stub call (so each keeps a Python
/// thread state, released by a thread-local destructor when the thread ends) and then wait,
/// unattached, until [`end_threads`] lets them go; returns when all have called (the GIL
/// released meanwhile). What they do then is `work`: `"end"` ends the thread at once;
/// `"from_pyerr"` first turns a `PyErr` it kept into a `pybridge::Error`, `"to_pyerr"` a
/// `pybridge::Error` it kept (holding its exception object) back into a `PyErr`, both
/// unattached, as any thread may.
pub fn spawn_enders(threads: i64, work: &str) {
    use std::sync::atomic::Ordering;
    for _ in 0..threads {
        let work = work.to_string();
        std::thread::spawn(move || {
            if work == "end" {
                ENDER_MARK.with(|mark| mark.set(Some(EnderMark)));
            }
            let _ = crate::skeleton::skel_mod::maybe(true);
            let kept = pybridge::attach(|py| py.run(c"raise KeyError('kept')", None, None).unwrap_err());
            let kept_error = pybridge::attach(|py| pybridge::Error::from_pyerr(py, kept.clone_ref(py)));
            ENDERS_CALLED.fetch_add(1, Ordering::SeqCst);
            while !ENDERS_GO.load(Ordering::SeqCst) {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            match work.as_str() {
                "from_pyerr" => {
                    let _ = pybridge::Error::from(kept);
                    ENDERS_DONE.fetch_add(1, Ordering::SeqCst);
                }
                "to_pyerr" => {
                    let _ = pybridge::PyErr::from(kept_error);
                    ENDERS_DONE.fetch_add(1, Ordering::SeqCst);
                }
                _ => {}
            }
            // Returning runs the thread-local destructors: pybridge releases the thread's
            // kept Python thread state there.
        });
    }
    pybridge::attach(|py| {
        py.detach(|| {
            while ENDERS_CALLED.load(Ordering::SeqCst) < threads {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
        })
    });
}

/// Lets the threads of [`spawn_enders`] go, and waits, keeping the GIL (no detach), until
/// each has done its work (for `"end"`: got past pybridge's thread-local destructor, its
/// `EnderMark` dropped) or 5 s passed; prints `enders: DONE of CALLED`. Registered with `atexit` before pybridge's own
/// hook, it runs after that hook (`atexit` runs the last registered first), right before
/// CPython begins finalizing: the threads release their kept thread states while the
/// interpreter exits. A thread that tried to attach then would wait for this GIL until
/// finalization began and CPython ended it inside `PyEval_RestoreThread`.
pub fn end_threads() -> i64 {
    use std::sync::atomic::Ordering;
    ENDERS_GO.store(true, Ordering::SeqCst);
    let called = ENDERS_CALLED.load(Ordering::SeqCst);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while ENDERS_DONE.load(Ordering::SeqCst) < called && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let done = ENDERS_DONE.load(Ordering::SeqCst);
    println!("enders: {done} of {called}");
    done
}

/// What each `Noisy` Drop saw: the result of an import-stub call made inside the Drop and
/// of a thread (joined inside the Drop) that made one.
pub static NOISY_DROPS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// A value whose Rust `Drop` calls Python, directly and from a thread it joins; exported
/// so that Python frees it (for example while an exception propagates).
#[derive(Debug)]
pub struct Noisy {
    label: String,
}

impl Noisy {
    /// A labelled value.
    pub fn new(label: String) -> Self {
        Noisy { label }
    }

    /// Its label.
    pub fn label(&self) -> String {
        self.label.clone()
    }
}

impl Drop for Noisy {
    fn drop(&mut self) {
        let direct = crate::skeleton::skel_mod::maybe(true);
        let worker = std::thread::spawn(|| crate::skeleton::skel_mod::describe("t", Some(2), None, false));
        // Joining a thread that needs the interpreter: release it while waiting (the Drop
        // may run attached, as here when Python frees the object).
        let joined = pybridge::attach(|py| py.detach(|| worker.join()));
        let joined = joined.map_err(|_| "worker panicked".to_string()).and_then(|r| r.map_err(|e| e.to_string()));
        let entry = format!("{}: direct {:?}, joined {:?}", self.label, direct.map_err(|e| e.to_string()), joined);
        NOISY_DROPS.lock().unwrap_or_else(|e| e.into_inner()).push(entry);
    }
}

/// Collects pairs into a map.
pub fn table(pairs: Vec<(String, f64)>) -> HashMap<String, f64> {
    pairs.into_iter().collect()
}
