//! Lazy iterators: an exported function returning `impl Iterator<Item = T>` gives Python an
//! [`IterObject`], which converts one item per `__next__` (nothing is collected).
//!
//! A borrowing iterator (a `&self` method's, `+ '_`) is made by [`IterObject::lending`] from
//! an `Arc<T>` the object's holder lent (`Holder::lend`): a self-referential pair of the `Arc`
//! and an iterator borrowing its value, the iterator dropped first. While the `Arc` has more
//! than one count, the holder refuses `&mut` access, `close` and moves (`Holder::Lent`), so
//! Python sees "lent to an iterator" errors rather than a value changing under the iterator.

use std::any::Any;
use std::sync::Arc;

use pyo3::prelude::*;

/// Produces the next item, converted: `None` when the Rust iterator is exhausted. `'a` is
/// what the iterator borrows.
pub type NextFn<'a> = Box<dyn FnMut(Python<'_>) -> Option<PyResult<Py<PyAny>>> + Send + 'a>;

/// The items of `iter`, each converted to Python when asked for.
pub fn next_of<'a, I>(iter: I) -> NextFn<'a>
where
    I: Iterator + Send + 'a,
    I::Item: for<'py> IntoPyObject<'py>,
{
    let mut iter = iter;
    Box::new(move |py| iter.next().map(|item| pyo3::IntoPyObjectExt::into_py_any(item, py)))
}

/// A value only ever reached through `&mut` (like `std::sync::Exclusive`): sharing a
/// reference to it across threads gives no access to the value, so it is `Sync` whenever the
/// value is `Send` (`#[pyclass]` needs `Sync`; a boxed iterator is at most `Send`).
struct Exclusive<T>(T);

// SAFETY: `Exclusive` has no method taking `&self` and no public field, so a `&Exclusive<T>`
// (what `Sync` lets threads share) gives no access to the `T` at all; the `T` is reached only
// through `&mut Exclusive<T>`, which Rust's aliasing rules make unique, so no two threads ever
// touch the `T` at once. Moving it between threads needs `T: Send`, which the bound requires.
unsafe impl<T: Send> Sync for Exclusive<T> {}

/// The Python iterator of an exported `impl Iterator` return.
///
/// Fields drop in declaration order: the Rust iterator first (it may hold a reference into
/// `owner`'s value), then the lent `Arc` (`owner`), then the parent object.
#[pyclass(module = "pybridge", name = "Iterator")]
pub struct IterObject {
    next: Option<Exclusive<NextFn<'static>>>,
    owner: Option<Arc<dyn Any + Send + Sync>>,
    parent: Option<Py<PyAny>>,
}

impl IterObject {
    /// An iterator that owns its data; each item is converted to Python when asked for.
    pub fn owned<I>(iter: I) -> Self
    where
        I: Iterator + Send + 'static,
        I::Item: for<'py> IntoPyObject<'py>,
    {
        IterObject { next: Some(Exclusive(next_of(iter))), owner: None, parent: None }
    }

    /// An iterator borrowing `owner`'s value: `make` gets the value and returns its items
    /// ([`next_of`] the user's iterator). The result keeps `owner` and the Python object
    /// `parent` whose value it is, and drops the iterator before both.
    pub fn lending<T, F>(owner: Arc<T>, parent: Py<PyAny>, make: F) -> PyResult<Self>
    where
        T: Send + Sync + 'static,
        F: for<'a> FnOnce(&'a T) -> PyResult<NextFn<'a>>,
    {
        let next = make(&*owner)?;
        // SAFETY: only the lifetime changes (the layout of a boxed trait object does not depend
        // on it). `next` borrows the `T` inside `owner`'s allocation, which does not move when
        // the `Arc` pointer moves into `self.owner` and is freed only with the last strong
        // count, one of which `self.owner` keeps until after `self.next` is dropped (field
        // order, and `release`). `make` was type-checked for every lifetime `'a`, so the only
        // place its borrow can be kept is `next`: it cannot outlive `owner`. No `&mut T` exists
        // meanwhile: an `Arc` hands out `&T` only, and `Arc::get_mut`/`into_inner` (the
        // holder's only ways to a mutable or owned value) fail while `self.owner` holds a count.
        let next = unsafe { std::mem::transmute::<NextFn<'_>, NextFn<'static>>(next) };
        let owner: Arc<dyn Any + Send + Sync> = owner;
        Ok(IterObject { next: Some(Exclusive(next)), owner: Some(owner), parent: Some(parent) })
    }

    /// Ends the iteration: the iterator first, then what it borrowed (so the parent can change
    /// again as soon as the iteration is over, even while Python still holds this object).
    fn release(&mut self) {
        self.next = None;
        self.owner = None;
        self.parent = None;
    }
}

impl std::fmt::Debug for IterObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IterObject")
            .field("exhausted", &self.next.is_none())
            .field("lending", &self.owner.is_some())
            .finish_non_exhaustive()
    }
}

#[pymethods]
impl IterObject {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let Some(Exclusive(next)) = self.next.as_mut() else { return Ok(None) };
        match next(py) {
            Some(item) => item.map(Some),
            None => {
                self.release();
                Ok(None)
            }
        }
    }

    fn __traverse__(&self, visit: pyo3::PyVisit<'_>) -> Result<(), pyo3::PyTraverseError> {
        match &self.parent {
            Some(parent) => visit.call(parent),
            None => Ok(()),
        }
    }

    fn __clear__(&mut self) {
        self.release();
    }
}
