//! How an exported class holds its Rust value: owned (the default: `Drop` runs when Python
//! frees the object or at `close`), shared with Rust through an `Arc` (a method returning
//! `Arc<T>`), or a view into another Python object's value that keeps that object alive
//! (pybind11's `keep_alive`), or lent to lazy iterators (moved into an `Arc` the first time a
//! borrowing iterator is made; while one lives, nothing can change, close or move the value).
//! Generated wrappers reach the value only through
//! [`Holder::with`] / [`Holder::with_mut`], so a view never hands out a reference that could
//! outlive its parent's borrow.

use std::sync::Arc;

use pyo3::prelude::*;

use crate::export::closed_error;

/// Reads a view's value: borrows the parent object and calls the visitor with the part of its
/// value the view stands for.
pub type ViewRead<T> = for<'a, 'py> fn(&'a Bound<'py, PyAny>, &mut dyn FnMut(&T) -> PyResult<()>) -> PyResult<()>;

/// Writes through a view (views of fields): borrows the parent mutably.
pub type ViewWrite<T> = for<'a, 'py> fn(&'a Bound<'py, PyAny>, &mut dyn FnMut(&mut T) -> PyResult<()>) -> PyResult<()>;

/// A view: the parent Python object (kept alive by this reference) and how to reach the part
/// of its value the view stands for.
pub struct View<T> {
    parent: Py<PyAny>,
    read: ViewRead<T>,
    write: Option<ViewWrite<T>>,
}

/// The value behind an exported class's Python object.
///
/// ```
/// use pybridge::__private::Holder;
/// let mut h = Holder::Owned(vec![1, 2]);
/// assert_eq!(h.with("List", |v| Ok(v.len())).unwrap(), 2);
/// h.with_mut("List", |v| { v.push(3); Ok(()) }).unwrap();
/// let lent = h.lend("List").unwrap(); // a borrowing iterator holds this
/// assert!(h.with_mut("List", |v| { v.push(4); Ok(()) }).is_err()); // lent to an iterator
/// assert!(h.take("List").is_err());
/// drop(lent);
/// assert_eq!(h.take("List").unwrap(), Some(vec![1, 2, 3]));
/// assert!(h.with("List", |v| Ok(v.len())).is_err()); // closed
/// ```
pub enum Holder<T> {
    /// Python owns the value.
    Owned(T),
    /// Shared with Rust: Python holds one strong count.
    Shared(Arc<T>),
    /// A view into another object's value.
    View(View<T>),
    /// Python owns the value and lends it to borrowing iterators, each holding one more strong
    /// count: no `&mut T` exists while any does (`Arc::get_mut` refuses), and the value never
    /// moves (it lives in the `Arc`'s allocation until the last count goes).
    Lent(Arc<T>),
    /// Closed (`close()` ran, or the gc cleared the object): every access raises `ValueError`.
    Closed,
}

impl<T> crate::borrow_cell::BorrowCell<Holder<T>> {
    /// The value of an object that is not a view, borrowed shared: [`BorrowCell::borrow`] and
    /// [`Holder::get`] in one call (a method's wrapper makes one).
    ///
    /// [`BorrowCell::borrow`]: crate::borrow_cell::BorrowCell::borrow
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn value<'a>(&'a self, py: Python<'_>, class: &str) -> PyResult<crate::borrow_cell::Ref<'a, T>> {
        self.borrow(py)?.try_map(|holder| holder.get(class))
    }

    /// The value of an object that is not a view, borrowed exclusively:
    /// [`BorrowCell::borrow_mut`] and [`Holder::get_mut`] in one call.
    ///
    /// [`BorrowCell::borrow_mut`]: crate::borrow_cell::BorrowCell::borrow_mut
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn value_mut<'a>(&'a self, py: Python<'_>, class: &str) -> PyResult<crate::borrow_cell::RefMut<'a, T>> {
        self.borrow_mut(py)?.try_map(|holder| holder.get_mut(class))
    }
}

impl<T> Holder<T> {
    /// A view into `parent`'s value (read-only when `write` is `None`).
    pub fn view(parent: Py<PyAny>, read: ViewRead<T>, write: Option<ViewWrite<T>>) -> Self {
        Holder::View(View { parent, read, write })
    }

    /// The value of an object that is not a view (owned or shared), without a closure. A view
    /// (which generated code never asks this of) is a `TypeError`.
    #[inline]
    pub fn get(&self, class: &str) -> PyResult<&T> {
        match self {
            Holder::Owned(value) => Ok(value),
            Holder::Shared(value) | Holder::Lent(value) => Ok(value),
            Holder::View(_) => Err(not_direct(class)),
            Holder::Closed => Err(closed_error(class)),
        }
    }

    /// The value, mutably, of an object that is not a view (see [`Holder::with_mut`] for the
    /// shared case).
    #[inline]
    pub fn get_mut(&mut self, class: &str) -> PyResult<&mut T> {
        match self {
            Holder::Owned(value) => Ok(value),
            Holder::Shared(value) => Arc::get_mut(value).ok_or_else(|| shared_error(class)),
            Holder::Lent(value) => Arc::get_mut(value).ok_or_else(|| iterated_error(class, "changing")),
            Holder::View(_) => Err(not_direct(class)),
            Holder::Closed => Err(closed_error(class)),
        }
    }

    /// Calls `f` with the value. `class` names the Python class in the closed-object error.
    #[inline]
    pub fn with<R>(&self, class: &str, f: impl FnOnce(&T) -> PyResult<R>) -> PyResult<R> {
        match self {
            Holder::Owned(value) => f(value),
            Holder::Shared(value) | Holder::Lent(value) => f(value),
            Holder::View(view) => view.with(f),
            Holder::Closed => Err(closed_error(class)),
        }
    }

    /// Calls `f` with the value, mutably. A value shared with Rust can be changed only while
    /// Python holds the last reference (`Arc::get_mut`); a method's view is read-only.
    #[inline]
    pub fn with_mut<R>(&mut self, class: &str, f: impl FnOnce(&mut T) -> PyResult<R>) -> PyResult<R> {
        match self {
            Holder::Owned(value) => f(value),
            Holder::Shared(value) => match Arc::get_mut(value) {
                Some(value) => f(value),
                None => Err(shared_error(class)),
            },
            Holder::Lent(value) => match Arc::get_mut(value) {
                Some(value) => f(value),
                None => Err(iterated_error(class, "changing")),
            },
            Holder::View(view) => view.with_mut(class, f),
            Holder::Closed => Err(closed_error(class)),
        }
    }

    /// Takes an owned value out (for `close`), leaving the holder closed. A shared value is
    /// returned only if Python held the last reference; otherwise Python's share is dropped.
    /// A view just lets go of its parent. A value lent to a live iterator is refused
    /// (`RuntimeError`), and the holder is left as it was.
    pub fn take(&mut self, class: &str) -> PyResult<Option<T>> {
        if let Holder::Lent(value) = self
            && Arc::strong_count(value) > 1
        {
            return Err(iterated_error(class, "closing"));
        }
        Ok(match std::mem::replace(self, Holder::Closed) {
            Holder::Owned(value) => Some(value),
            Holder::Shared(value) | Holder::Lent(value) => Arc::into_inner(value),
            Holder::View(_) | Holder::Closed => None,
        })
    }

    /// The value for a borrowing iterator, which keeps the returned count for as long as it
    /// reads the value: an owned value moves into an `Arc` first (the iterator does not exist
    /// yet, so nothing borrows it while it moves). A view cannot lend (check refuses borrowing
    /// iterators on classes returned as views): `TypeError`.
    pub fn lend(&mut self, class: &str) -> PyResult<Arc<T>> {
        if let Holder::Owned(_) = self {
            let Holder::Owned(value) = std::mem::replace(self, Holder::Closed) else { unreachable!() };
            *self = Holder::Lent(Arc::new(value));
        }
        match self {
            Holder::Shared(value) | Holder::Lent(value) => Ok(Arc::clone(value)),
            Holder::View(_) => Err(not_direct(class)),
            _ => Err(closed_error(class)),
        }
    }

    /// The value as an `Arc` (an `Arc<T>` parameter): an owned value moves into a new `Arc`
    /// that Python and Rust then share.
    pub fn share(&mut self, class: &str) -> PyResult<Arc<T>> {
        if let Holder::Owned(_) = self {
            let Holder::Owned(value) = std::mem::replace(self, Holder::Closed) else { unreachable!() };
            *self = Holder::Shared(Arc::new(value));
        }
        if let Holder::Lent(value) = self {
            // Rust joins the iterators in reading it; changes wait until every share is gone.
            *self = Holder::Shared(Arc::clone(value));
        }
        match self {
            Holder::Shared(value) => Ok(Arc::clone(value)),
            Holder::View(_) => Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "a view into another object cannot be passed as a shared {class}; pass a copy"
            ))),
            _ => Err(closed_error(class)),
        }
    }

    /// The value, if Python owns it alone (for the gc's traverse: a value shared with Rust, or
    /// another object's, is not this object's to report).
    pub fn owned(&self) -> Option<&T> {
        match self {
            Holder::Owned(value) => Some(value),
            Holder::Lent(value) if Arc::strong_count(value) == 1 => Some(value),
            _ => None,
        }
    }

    /// The Python object a view keeps alive (for the gc's traverse).
    pub fn parent(&self) -> Option<&Py<PyAny>> {
        match self {
            Holder::View(view) => Some(&view.parent),
            _ => None,
        }
    }
}

#[cold]
#[inline(never)]
fn shared_error(class: &str) -> PyErr {
    pyo3::exceptions::PyTypeError::new_err(format!(
        "this {class} is shared with Rust (an Arc) and cannot be changed from Python"
    ))
}

#[cold]
#[inline(never)]
fn iterated_error(class: &str, doing: &str) -> PyErr {
    pyo3::exceptions::PyRuntimeError::new_err(format!(
        "`{class}` is lent to an iterator or a view; finish or drop them before {doing} it"
    ))
}

#[cold]
#[inline(never)]
fn not_direct(class: &str) -> PyErr {
    pyo3::exceptions::PyTypeError::new_err(format!("this {class} is a view; pybridge reached it the wrong way (a bug)"))
}

impl<T> View<T> {
    fn with<R>(&self, f: impl FnOnce(&T) -> PyResult<R>) -> PyResult<R> {
        let mut f = Some(f);
        let mut out = None;
        // Generated code calls this attached (a pyclass method holds its object); the guarded
        // attach is then a plain nested one. Refused (the interpreter exiting, this thread not
        // attached) it is a `RuntimeError`.
        crate::interpreter::attach_guarded(|py| {
            (self.read)(self.parent.bind(py), &mut |value| {
                if let Some(f) = f.take() {
                    out = Some(f(value)?);
                }
                Ok(())
            })
        })
        .map_err(PyErr::from)??;
        out.ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("a view's parent did not provide a value"))
    }

    fn with_mut<R>(&self, class: &str, f: impl FnOnce(&mut T) -> PyResult<R>) -> PyResult<R> {
        let Some(write) = self.write else {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "this {class} is a read-only view into another object; change that object instead"
            )));
        };
        let mut f = Some(f);
        let mut out = None;
        // Generated code calls this attached (a pyclass method holds its object); the guarded
        // attach is then a plain nested one. Refused (the interpreter exiting, this thread not
        // attached) it is a `RuntimeError`.
        crate::interpreter::attach_guarded(|py| {
            write(self.parent.bind(py), &mut |value| {
                if let Some(f) = f.take() {
                    out = Some(f(value)?);
                }
                Ok(())
            })
        })
        .map_err(PyErr::from)??;
        out.ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("a view's parent did not provide a value"))
    }
}

/// Values whose Python references a class's `__traverse__` reports (fields of type
/// `pybridge::Object`, and `Option`s and `Vec`s of them).
pub trait Traverse {
    /// Visits every Python object held.
    fn traverse(&self, visit: &pyo3::PyVisit<'_>) -> Result<(), pyo3::PyTraverseError>;
}

impl Traverse for Py<PyAny> {
    fn traverse(&self, visit: &pyo3::PyVisit<'_>) -> Result<(), pyo3::PyTraverseError> {
        visit.call(self)
    }
}

impl<T: Traverse> Traverse for Option<T> {
    fn traverse(&self, visit: &pyo3::PyVisit<'_>) -> Result<(), pyo3::PyTraverseError> {
        self.as_ref().map_or(Ok(()), |v| v.traverse(visit))
    }
}

impl<T: Traverse> Traverse for Vec<T> {
    fn traverse(&self, visit: &pyo3::PyVisit<'_>) -> Result<(), pyo3::PyTraverseError> {
        self.iter().try_for_each(|v| v.traverse(visit))
    }
}

impl<T> std::fmt::Debug for View<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("View").field("parent", &self.parent).field("writable", &self.write.is_some()).finish()
    }
}

impl<T> std::fmt::Debug for Holder<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Holder::Owned(_) => f.write_str("Holder::Owned(..)"),
            Holder::Shared(value) => write!(f, "Holder::Shared(strong = {})", Arc::strong_count(value)),
            Holder::Lent(value) => write!(f, "Holder::Lent(strong = {})", Arc::strong_count(value)),
            Holder::View(view) => view.fmt(f),
            Holder::Closed => f.write_str("Holder::Closed"),
        }
    }
}
