//! Python in parallel from Rust threads: a pool of own-GIL sub-interpreters (PEP 684,
//! CPython 3.12+) that generated `pooled` stubs run in.
//!
//! Here: the public [`Pool`] and its builder, and the entry generated stubs call
//! ([`pool_call`]). `sub.rs`: the interpreters, each thread's thread states and the call;
//! `invoke.rs`: the call once attached (lookup, arguments, result, exception);
//! `values.rs`: the plain values a pooled call takes and returns; `capture.rs`: an exception as
//! text. Everything inside a sub-interpreter is raw CPython calls on pybridge's own code path:
//! pyo3's attach bookkeeping, its deferred-decref pool and its cached objects are per process,
//! so no pyo3 object API runs there (PERFORMANCE.md, section 5, says why).

#[cfg(all(Py_3_12, not(Py_LIMITED_API)))]
mod capture;
#[cfg(all(Py_3_12, not(Py_LIMITED_API)))]
mod invoke;
#[cfg(all(Py_3_12, not(Py_LIMITED_API)))]
mod sub;
mod values;

use std::sync::atomic::{AtomicUsize, Ordering};

pub use values::{PoolArg, PoolBytes, PoolBytesOut, PoolTexts, PoolValue};

use crate::error::{Error, Result};

/// A pool of own-GIL sub-interpreters (CPython 3.12 or later) that generated stubs run in, so
/// that Rust threads run Python in parallel instead of taking turns on one GIL.
///
/// Every function of an `import:` module whose parameters and result are plain values (`int`,
/// `float`, `bool`, `str`, `bytes`, `None`, and lists and optionals of them) gets a pooled
/// stub, `module::pooled::f(&pool, …)`, beside `module::f(…)`. Each Rust thread keeps a thread
/// state in the sub-interpreter it was given (threads take the pool's interpreters in turn), so
/// a call attaches as cheaply as a stub on the main interpreter does; two threads given
/// different interpreters run at once. Each sub-interpreter imports the modules it calls by
/// itself (module state is per interpreter, as in CPython), with the main interpreter's
/// `sys.path`.
///
/// Only values cross: arguments go in as new Python objects of the sub-interpreter, results come
/// out as Rust values, exceptions as [`Error`]s carrying text (type, message, traceback,
/// cause). No Python object handle can reach or leave a sub-interpreter, so none can be used by
/// the wrong one.
///
/// A module that refuses sub-interpreters (an extension module that does not declare support
/// for a per-interpreter GIL, such as numpy today, or a pyo3 module) makes the pooled stub
/// return an [`crate::ErrorKind::Interpreter`] error naming the function and quoting the
/// refusal, or, with [`PoolBuilder::fallback_to_main`], run that call on the main interpreter
/// through the ordinary stub.
///
/// On CPython before 3.12, and on stable-ABI builds, [`Pool::new`] returns an error saying so.
///
/// ```
/// # fn main() -> pybridge::Result<()> {
/// match pybridge::Pool::new(2) {
///     Ok(pool) => assert_eq!(pool.size(), 2),
///     // Built against CPython 3.10/3.11 or the stable ABI.
///     Err(e) => assert!(e.to_string().contains("3.12"), "{e}"),
/// }
/// # Ok(()) }
/// ```
pub struct Pool {
    #[cfg(all(Py_3_12, not(Py_LIMITED_API)))]
    inner: std::sync::Arc<sub::Inner>,
    fallback: bool,
    size: usize,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool").field("size", &self.size).field("fallback_to_main", &self.fallback).finish()
    }
}

impl Pool {
    /// `n` own-GIL sub-interpreters (at least one), made now; the main interpreter starts
    /// first if it has not.
    ///
    /// ```
    /// if let Ok(pool) = pybridge::Pool::new(1) {
    ///     assert!(!pool.falls_back_to_main());
    /// }
    /// ```
    pub fn new(n: usize) -> Result<Pool> {
        Pool::builder().size(n).build()
    }

    /// A builder, for [`PoolBuilder::fallback_to_main`].
    ///
    /// ```
    /// let built = pybridge::Pool::builder().size(2).fallback_to_main(true).build();
    /// # drop(built);
    /// ```
    pub fn builder() -> PoolBuilder {
        PoolBuilder { size: 1, fallback: false }
    }

    /// How many sub-interpreters the pool has.
    ///
    /// ```
    /// if let Ok(pool) = pybridge::Pool::new(3) {
    ///     assert_eq!(pool.size(), 3);
    /// }
    /// ```
    pub fn size(&self) -> usize {
        self.size
    }

    /// Whether calls into a module that refuses sub-interpreters run on the main interpreter.
    ///
    /// ```
    /// if let Ok(pool) = pybridge::Pool::builder().fallback_to_main(true).build() {
    ///     assert!(pool.falls_back_to_main());
    /// }
    /// ```
    pub fn falls_back_to_main(&self) -> bool {
        self.fallback
    }

    /// Whether this build can make sub-interpreters with their own GIL (CPython 3.12 or later,
    /// not the stable ABI).
    ///
    /// ```
    /// assert_eq!(pybridge::Pool::is_supported(), pybridge::Pool::new(1).is_ok());
    /// ```
    pub fn is_supported() -> bool {
        cfg!(all(Py_3_12, not(Py_LIMITED_API)))
    }
}

/// Options for a [`Pool`].
#[derive(Debug, Clone)]
pub struct PoolBuilder {
    size: usize,
    fallback: bool,
}

impl PoolBuilder {
    /// How many sub-interpreters (default 1; at least 1). More than the machine's cores gains
    /// nothing: each runs on one core at a time.
    ///
    /// ```
    /// let _ = pybridge::Pool::builder().size(4);
    /// ```
    pub fn size(mut self, n: usize) -> Self {
        self.size = n;
        self
    }

    /// Run a call whose module refuses sub-interpreters on the main interpreter instead of
    /// returning the refusal (default: return it).
    ///
    /// ```
    /// let _ = pybridge::Pool::builder().fallback_to_main(true);
    /// ```
    pub fn fallback_to_main(mut self, fallback: bool) -> Self {
        self.fallback = fallback;
        self
    }

    /// Makes the sub-interpreters.
    ///
    /// ```
    /// let pool = pybridge::Pool::builder().size(0).build();
    /// assert!(pool.unwrap_err().to_string().contains("at least one"));
    /// ```
    pub fn build(self) -> Result<Pool> {
        if self.size == 0 {
            return Err(Error::interpreter("a sub-interpreter pool needs at least one interpreter (size 0)"));
        }
        #[cfg(all(Py_3_12, not(Py_LIMITED_API)))]
        {
            let inner = sub::Inner::start(self.size)?;
            Ok(Pool { inner, fallback: self.fallback, size: self.size })
        }
        #[cfg(not(all(Py_3_12, not(Py_LIMITED_API))))]
        Err(Error::interpreter(UNSUPPORTED))
    }
}

#[cfg(not(all(Py_3_12, not(Py_LIMITED_API))))]
const UNSUPPORTED: &str = "sub-interpreters with their own GIL need CPython 3.12 or later and a version-specific \
                           (not stable-ABI) build: this one was built for an earlier CPython or the stable ABI";

/// A Python function a pooled stub calls: `module.attr`, looked up once per sub-interpreter
/// (each interpreter keeps its own reference, in a slot this function is given on first use).
#[doc(hidden)]
#[derive(Debug)]
#[cfg_attr(not(all(Py_3_12, not(Py_LIMITED_API))), allow(dead_code))]
pub struct PoolFn {
    pub(crate) module: &'static str,
    pub(crate) attr: &'static str,
    /// `module.attr`, for error messages.
    pub(crate) qualified: &'static str,
    /// 1 + the slot index in each interpreter's table; 0 until first use.
    slot: AtomicUsize,
}

#[cfg_attr(not(all(Py_3_12, not(Py_LIMITED_API))), allow(dead_code))]
/// Slots handed out so far (process-wide: a slot means the same function in every interpreter).
static NEXT_SLOT: AtomicUsize = AtomicUsize::new(0);

#[cfg_attr(not(all(Py_3_12, not(Py_LIMITED_API))), allow(dead_code))]
impl PoolFn {
    /// `module.attr` (`qualified` is the two joined by a dot).
    pub const fn new(module: &'static str, attr: &'static str, qualified: &'static str) -> Self {
        PoolFn { module, attr, qualified, slot: AtomicUsize::new(0) }
    }

    /// This function's slot in every interpreter's table.
    #[inline]
    pub(crate) fn slot(&self) -> usize {
        match self.slot.load(Ordering::Relaxed) {
            0 => self.assign_slot(),
            n => n - 1,
        }
    }

    #[cold]
    fn assign_slot(&self) -> usize {
        let fresh = NEXT_SLOT.fetch_add(1, Ordering::Relaxed) + 1;
        match self.slot.compare_exchange(0, fresh, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => fresh - 1,
            Err(taken) => taken - 1,
        }
    }
}

/// What a pooled call came to.
#[doc(hidden)]
#[derive(Debug)]
#[cfg_attr(not(all(Py_3_12, not(Py_LIMITED_API))), allow(dead_code))]
pub enum Pooled<R> {
    /// The call ran in a sub-interpreter: its result or its error.
    Ran(Result<R>),
    /// The module (or one it imports) refuses sub-interpreters: this error names it.
    Refused(Error),
}

/// Runs `f(args…)` in one of `pool`'s sub-interpreters; on a refusal, `main()` (the ordinary
/// stub) when the pool falls back to the main interpreter. Generated `pooled` stubs call this.
#[doc(hidden)]
pub fn pool_call<R: PoolValue>(
    pool: &Pool,
    f: &PoolFn,
    args: &[&dyn PoolArg],
    main: impl FnOnce() -> Result<R>,
) -> Result<R> {
    match run(pool, f, args) {
        Pooled::Ran(result) => result,
        Pooled::Refused(_) if pool.fallback => main(),
        Pooled::Refused(error) => Err(error),
    }
}

/// Ends every pool's sub-interpreters (the exit hook, once no thread is inside a call).
pub(crate) fn end_all() {
    #[cfg(all(Py_3_12, not(Py_LIMITED_API)))]
    sub::end_all();
}

#[cfg(all(Py_3_12, not(Py_LIMITED_API)))]
fn run<R: PoolValue>(pool: &Pool, f: &PoolFn, args: &[&dyn PoolArg]) -> Pooled<R> {
    sub::call(&pool.inner, f, args)
}

#[cfg(not(all(Py_3_12, not(Py_LIMITED_API))))]
fn run<R: PoolValue>(_pool: &Pool, _f: &PoolFn, _args: &[&dyn PoolArg]) -> Pooled<R> {
    // A `Pool` cannot be built here: `PoolBuilder::build` refuses first.
    Pooled::Ran(Err(Error::interpreter(UNSUPPORTED)))
}
