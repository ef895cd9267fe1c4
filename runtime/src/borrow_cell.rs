//! The borrow flag of an exported class's value, kept by pybridge instead of pyo3.
//!
//! Class wrappers are `#[pyclass(frozen)]`: pyo3 hands out `&Wrapper` with no borrow flag of its
//! own, and the wrapper keeps its value in a [`BorrowCell`], which counts shared and exclusive
//! borrows like `RefCell`. Every borrow takes a `Python` token: on a GIL build, the token proves
//! this thread holds the interpreter's GIL, so no other thread touches the flag meanwhile and
//! the flag needs no atomic read-modify-write (pyo3's own flag is one `lock cmpxchg` and one
//! `lock dec` per call, most of a small method's overhead). A free-threaded build
//! (`Py_GIL_DISABLED`) uses compare-and-swap instead.
//!
//! ```
//! use pybridge::__private::BorrowCell;
//! pybridge::attach(|py| {
//!     let cell = BorrowCell::new(vec![1, 2]);
//!     let shared = cell.borrow(py).unwrap();
//!     assert!(cell.borrow(py).is_ok()); // shared borrows stack
//!     assert!(cell.borrow_mut(py).is_err()); // "Already borrowed"
//!     drop(shared);
//!     cell.borrow_mut(py).unwrap().push(3);
//!     assert_eq!(*cell.borrow(py).unwrap(), [1, 2, 3]);
//! });
//! ```

use std::cell::UnsafeCell;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicIsize, Ordering};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// The flag's value while exclusively borrowed; `0` is free, `n > 0` is `n` shared borrows.
const EXCLUSIVE: isize = -1;

/// A value behind a borrow flag that only attached threads touch.
pub struct BorrowCell<T> {
    flag: AtomicIsize,
    value: UnsafeCell<T>,
}

// SAFETY: a `&BorrowCell<T>` reaches the value only through `borrow`/`borrow_mut`, which take a
// `Python` token, and through `for_traverse`, which takes the cycle collector's `PyVisit` (only
// made while the collector runs, attached). On a GIL build those prove this thread holds the
// GIL of the one interpreter the object belongs to (pyo3 refuses to initialize its modules in a
// second interpreter, so a class's objects never meet two GILs), so no two threads update the
// flag at once and GIL hand-overs order their updates; on a free-threaded build the updates are
// compare-and-swaps. The flag then works as `RwLock`'s does: many `&T` or one `&mut T`, never
// both. Shared `&T` across threads needs `T: Sync`, an exclusive `&mut T` handed to another
// thread needs `T: Send`: the same bounds as `RwLock<T>: Sync`.
unsafe impl<T: Send + Sync> Sync for BorrowCell<T> {}

impl<T> BorrowCell<T> {
    /// A cell holding `value`, not borrowed.
    pub const fn new(value: T) -> Self {
        BorrowCell { flag: AtomicIsize::new(0), value: UnsafeCell::new(value) }
    }

    /// A shared borrow: `RuntimeError: Already mutably borrowed` (pyo3's words) while an
    /// exclusive one lives.
    #[inline]
    pub fn borrow<'a>(&'a self, _py: Python<'_>) -> PyResult<Ref<'a, T>> {
        if !self.acquire_shared() {
            return Err(borrow_error("Already mutably borrowed"));
        }
        // SAFETY: the flag now counts this shared borrow, so no `&mut T` exists or can be made
        // until the `Ref` drops (see `Sync` above); the `&T` lives no longer than `'a`, the
        // cell's own borrow, and the `Ref` that releases it.
        Ok(Ref { value: unsafe { &*self.value.get() }, flag: &self.flag, _not_send: PhantomData })
    }

    /// An exclusive borrow: `RuntimeError: Already borrowed` while any other borrow lives.
    #[inline]
    pub fn borrow_mut<'a>(&'a self, _py: Python<'_>) -> PyResult<RefMut<'a, T>> {
        if !self.acquire_exclusive() {
            return Err(borrow_error("Already borrowed"));
        }
        // SAFETY: the flag went from free to exclusive, so no other `&T` or `&mut T` exists or
        // can be made until this `RefMut` drops (see `Sync` above): the `&mut T` is unique for
        // `'a`.
        Ok(RefMut { value: unsafe { &mut *self.value.get() }, flag: &self.flag, _not_send: PhantomData })
    }

    /// The value for the cycle collector's `__traverse__`, unless a method holds it exclusively
    /// right now (the collector may visit an object whose method is running; pyo3 skips those
    /// too).
    pub fn for_traverse<'a>(&'a self, _visit: &pyo3::PyVisit<'_>) -> Option<&'a T> {
        if self.flag.load(Ordering::Relaxed) == EXCLUSIVE {
            return None;
        }
        // SAFETY: the collector runs attached and runs no Python code while it traverses (pyo3
        // forbids it in `__traverse__`), so no borrow can begin until this `&T` (used only
        // inside the traverse call the `PyVisit` belongs to) is gone; none is exclusive now.
        Some(unsafe { &*self.value.get() })
    }

    /// The value, through the unique reference to the cell.
    pub fn get_mut(&mut self) -> &mut T {
        self.value.get_mut()
    }

    #[cfg(not(Py_GIL_DISABLED))]
    #[inline]
    fn acquire_shared(&self) -> bool {
        // Plain load and store: callers hold the GIL (the token), see `Sync` above.
        let flag = self.flag.load(Ordering::Relaxed);
        if flag == EXCLUSIVE {
            return false;
        }
        self.flag.store(flag + 1, Ordering::Relaxed);
        true
    }

    #[cfg(not(Py_GIL_DISABLED))]
    #[inline]
    fn acquire_exclusive(&self) -> bool {
        if self.flag.load(Ordering::Relaxed) != 0 {
            return false;
        }
        self.flag.store(EXCLUSIVE, Ordering::Relaxed);
        true
    }

    #[cfg(Py_GIL_DISABLED)]
    fn acquire_shared(&self) -> bool {
        let mut flag = self.flag.load(Ordering::Relaxed);
        loop {
            if flag == EXCLUSIVE {
                return false;
            }
            match self.flag.compare_exchange_weak(flag, flag + 1, Ordering::Acquire, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(now) => flag = now,
            }
        }
    }

    #[cfg(Py_GIL_DISABLED)]
    fn acquire_exclusive(&self) -> bool {
        self.flag.compare_exchange(0, EXCLUSIVE, Ordering::Acquire, Ordering::Relaxed).is_ok()
    }
}

#[cold]
#[inline(never)]
fn borrow_error(message: &str) -> PyErr {
    PyRuntimeError::new_err(message.to_string())
}

/// A shared borrow of a [`BorrowCell`]'s value; dereferences to it.
pub struct Ref<'a, T> {
    value: &'a T,
    flag: &'a AtomicIsize,
    // The release must happen on the attached thread that borrowed (see `Drop`).
    _not_send: PhantomData<*const ()>,
}

impl<T> Deref for Ref<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        self.value
    }
}

impl<'a, T> Ref<'a, T> {
    /// The borrow narrowed to the part of the value `f` picks, or `f`'s error with the borrow
    /// released (also when `f` panics).
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn try_map<U, E>(self, f: impl FnOnce(&'a T) -> Result<&'a U, E>) -> Result<Ref<'a, U>, E> {
        let (value, flag) = (self.value, self.flag);
        // On an error or a panic `self` drops here, releasing the borrow.
        let part = f(value)?;
        // The borrow now belongs to the narrowed `Ref`, which releases the same flag.
        std::mem::forget(self);
        Ok(Ref { value: part, flag, _not_send: PhantomData })
    }
}

impl<T> Drop for Ref<'_, T> {
    #[inline]
    fn drop(&mut self) {
        // Generated code drops a `Ref` in the scope that borrowed, attached: a `Ref` is not
        // `Send`, so it cannot be dropped inside a `detach` closure (which must be `Send`).
        release_shared(self.flag);
    }
}

/// An exclusive borrow of a [`BorrowCell`]'s value; dereferences to it, mutably.
pub struct RefMut<'a, T> {
    value: &'a mut T,
    flag: &'a AtomicIsize,
    _not_send: PhantomData<*const ()>,
}

impl<T> Deref for RefMut<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        self.value
    }
}

impl<T> DerefMut for RefMut<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        self.value
    }
}

impl<'a, T> RefMut<'a, T> {
    /// The borrow narrowed to the part of the value `f` picks, or `f`'s error with the borrow
    /// released (also when `f` panics).
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn try_map<U, E>(self, f: impl FnOnce(&'a mut T) -> Result<&'a mut U, E>) -> Result<RefMut<'a, U>, E> {
        let flag = self.flag;
        // Releases the flag unless the narrowed borrow takes it over (an error, a panic).
        let release = ReleaseExclusive(flag);
        let this = std::mem::ManuallyDrop::new(self);
        // SAFETY: `this` is never dropped or read again, so moving the `&'a mut T` out of it
        // leaves exactly one unique reference, `value`; the exclusive flag it stood for is
        // released by `release` (or kept by the narrowed borrow below), as `Drop` would have.
        let value: &'a mut T = unsafe { std::ptr::read(&this.value) };
        let part = f(value)?;
        std::mem::forget(release);
        Ok(RefMut { value: part, flag, _not_send: PhantomData })
    }
}

/// Ends an exclusive borrow when dropped ([`RefMut::try_map`]'s error and panic paths).
struct ReleaseExclusive<'a>(&'a AtomicIsize);

impl Drop for ReleaseExclusive<'_> {
    fn drop(&mut self) {
        self.0.store(0, Ordering::Release);
    }
}

impl<T> Drop for RefMut<'_, T> {
    #[inline]
    fn drop(&mut self) {
        // Attached, as for `Ref`; the store publishes the end of the borrow.
        self.flag.store(0, Ordering::Release);
    }
}

#[cfg(not(Py_GIL_DISABLED))]
#[inline]
fn release_shared(flag: &AtomicIsize) {
    flag.store(flag.load(Ordering::Relaxed) - 1, Ordering::Relaxed);
}

#[cfg(Py_GIL_DISABLED)]
fn release_shared(flag: &AtomicIsize) {
    flag.fetch_sub(1, Ordering::Release);
}

impl<T> std::fmt::Debug for Ref<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ref(..)")
    }
}

impl<T> std::fmt::Debug for RefMut<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RefMut(..)")
    }
}

impl<T> std::fmt::Debug for BorrowCell<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BorrowCell").field("flag", &self.flag.load(Ordering::Relaxed)).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_exclude_each_other_and_end_with_their_guards() {
        crate::attach(|py| {
            let cell = BorrowCell::new(1);
            {
                let a = cell.borrow(py).unwrap();
                let b = cell.borrow(py).unwrap();
                assert_eq!(*a + *b, 2);
                let err = cell.borrow_mut(py).err().unwrap();
                assert_eq!(err.to_string(), "RuntimeError: Already borrowed");
            }
            {
                let mut m = cell.borrow_mut(py).unwrap();
                *m = 5;
                let err = cell.borrow(py).err().unwrap();
                assert_eq!(err.to_string(), "RuntimeError: Already mutably borrowed");
                assert!(cell.borrow_mut(py).is_err());
            }
            assert_eq!(*cell.borrow(py).unwrap(), 5);
            assert!(cell.borrow_mut(py).is_ok());
        });
    }

    #[test]
    fn narrowed_borrows_release_their_flag_on_errors_and_panics() {
        crate::attach(|py| {
            let cell = BorrowCell::new((1, 2));
            {
                let part = cell.borrow(py).unwrap().try_map(|v| Ok::<_, ()>(&v.1)).unwrap();
                assert_eq!(*part, 2);
                assert!(cell.borrow_mut(py).is_err(), "the narrowed borrow still holds the flag");
            }
            assert!(cell.borrow(py).unwrap().try_map(|_| Err::<&i32, _>("no")).is_err());
            let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let _ = cell.borrow(py).unwrap().try_map(|_| -> Result<&i32, ()> { panic!("in try_map") });
            }));
            assert!(panicked.is_err());
            {
                let mut part = cell.borrow_mut(py).unwrap().try_map(|v| Ok::<_, ()>(&mut v.0)).unwrap();
                *part = 7;
                assert!(cell.borrow(py).is_err(), "the narrowed exclusive borrow still holds the flag");
            }
            assert!(cell.borrow_mut(py).unwrap().try_map(|_| Err::<&mut i32, _>("no")).is_err());
            let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let _ = cell.borrow_mut(py).unwrap().try_map(|_| -> Result<&mut i32, ()> { panic!("in try_map") });
            }));
            assert!(panicked.is_err());
            // Every borrow above ended: the flag is free again.
            assert_eq!(*cell.borrow_mut(py).unwrap(), (7, 2));
        });
    }
}
