//! View classes: exported Rust types with a lifetime (`regex::Match<'h>`, a `Word<'a>` of the
//! user's), whose Python objects keep alive what they borrow.
//!
//! A view borrows one thing, its *anchor*: the value of the object whose method made it (lent
//! as for borrowing iterators, `Holder::lend`: that object refuses changes, `close` and moves
//! while a view lives), a `str` or `bytes` argument (immutable Python objects, read in place)
//! or a class argument's value (lent the same way). [`lend_value`], [`lend_str`] and
//! [`lend_bytes`] run the user's call with the borrowed data and a [`Lender`], which turns each
//! returned view into a [`ViewCell`] holding the view beside a share of the anchor.
//!
//! The lifetime never leaves this module: a [`ViewCell`] stores its view as
//! `F::View<'static>` but hands it out only to closures that work for *every* lifetime
//! (`for<'a> FnOnce(&F::View<'a>)`), so nothing borrowed from it can escape the closure (the
//! pattern of the `yoke` crate). [`ViewFamily`] names the type for each lifetime: generated
//! code implements it once per view class (`type View<'h> = regex::Match<'h>;`).

use std::any::Any;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::export::closed_error;

/// A type with a lifetime, named for every lifetime (`type View<'h> = regex::Match<'h>;`).
/// Generated code implements it on a marker type per view class.
pub trait ViewFamily: 'static {
    /// The view for lifetime `'a`.
    type View<'a>: Send + Sync;
}

/// What a view borrows, kept alive: the Python object and, for an object's value, the lent
/// `Arc` of that value (the data lives in its allocation).
struct AnchorParts {
    _value: Option<Arc<dyn Any + Send + Sync>>,
    object: Py<PyAny>,
}

/// A share of a view's anchor (cheap to clone: one `Arc`).
#[derive(Clone)]
struct Anchor(Arc<AnchorParts>);

/// Turns views borrowing one anchor (lifetime `'a`) into [`ViewCell`]s that keep it alive.
/// `'a` is invariant: a lender accepts exactly the views of the borrow it was made for.
pub struct Lender<'a> {
    anchor: Anchor,
    _borrow: PhantomData<fn(&'a ()) -> &'a ()>,
}

impl std::fmt::Debug for Lender<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lender").finish_non_exhaustive()
    }
}

impl<'a> Lender<'a> {
    /// A [`ViewCell`] holding `view` and a share of the anchor it borrows.
    pub fn wrap<F: ViewFamily>(&self, view: F::View<'a>) -> ViewCell<F> {
        let view = ManuallyDrop::new(view);
        // SAFETY: only the lifetime changes: `F::View<'a>` and `F::View<'static>` are the same
        // type but for a lifetime, so they have one layout, and `view` is read exactly once
        // (`ManuallyDrop` keeps the original from being dropped too). The data `'a` borrows is
        // the anchor's: the `Arc`'s allocation of a lent value (which no `&mut` reaches while
        // the `Arc` has other counts: `Holder::Lent`) or the buffer of an immutable `str`/
        // `bytes` (see `lend_str`). The cell keeps a share of the anchor and drops the view
        // first (field order in `Parts`), so the borrow outlives every use. Nothing can read
        // the `'static` at all: `ViewCell` hands the view out only to closures generic over
        // the lifetime, so a reference taken from it cannot leave the closure, and `'a` being
        // invariant here, no view of another borrow can be wrapped with this anchor.
        let view = unsafe { std::ptr::read((&*view as *const F::View<'a>).cast::<F::View<'static>>()) };
        ViewCell { parts: Some(Parts { view, anchor: self.anchor.clone() }) }
    }
}

/// Runs `f` with the value of the object `parent`, lent as `owner` (`Holder::lend`), and a
/// [`Lender`] for the views it returns; each view keeps `owner` and `parent` alive.
pub fn lend_value<T, R>(owner: Arc<T>, parent: Py<PyAny>, f: impl for<'a> FnOnce(&'a T, &Lender<'a>) -> R) -> R
where
    T: Send + Sync + 'static,
{
    let share: Arc<dyn Any + Send + Sync> = Arc::<T>::clone(&owner);
    let lender =
        Lender { anchor: Anchor(Arc::new(AnchorParts { _value: Some(share), object: parent })), _borrow: PhantomData };
    f(&owner, &lender)
}

/// Runs `f` with the text of the Python `str` `s`, read in place, and a [`Lender`] for the views
/// it returns; each view keeps `s` alive.
pub fn lend_str<R>(
    s: &Bound<'_, PyString>,
    f: impl for<'a> FnOnce(&'a str, &Lender<'a>) -> PyResult<R>,
) -> PyResult<R> {
    // CPython keeps a `str`'s UTF-8 form in the object once asked for it (`PyUnicode_AsUTF8AndSize`)
    // and frees it only with the object; a `str` never changes. The views keep the object.
    let text = s.to_str()?;
    let lender = Lender {
        anchor: Anchor(Arc::new(AnchorParts { _value: None, object: s.clone().into_any().unbind() })),
        _borrow: PhantomData,
    };
    f(text, &lender)
}

/// Runs `f` with the contents of the Python `bytes` `b`, read in place, and a [`Lender`]; each
/// view keeps `b` alive (`bytes` never change and their buffer lives as long as they do).
pub fn lend_bytes<R>(
    b: &Bound<'_, PyBytes>,
    f: impl for<'a> FnOnce(&'a [u8], &Lender<'a>) -> PyResult<R>,
) -> PyResult<R> {
    let data = b.as_bytes();
    let lender = Lender {
        anchor: Anchor(Arc::new(AnchorParts { _value: None, object: b.clone().into_any().unbind() })),
        _borrow: PhantomData,
    };
    f(data, &lender)
}

/// The view and its anchor; the view is dropped first (it may read the anchor's data in its
/// `Drop`).
struct Parts<F: ViewFamily> {
    view: F::View<'static>,
    anchor: Anchor,
}

/// What a view class's Python object holds: the view and what it borrows, or nothing once the
/// cycle collector cleared it.
pub struct ViewCell<F: ViewFamily> {
    parts: Option<Parts<F>>,
}

impl<F: ViewFamily> ViewCell<F> {
    /// Calls `f` with the view. `class` names the Python class in the cleared-object error.
    #[inline]
    pub fn with<R>(&self, class: &str, f: impl for<'a> FnOnce(&F::View<'a>) -> PyResult<R>) -> PyResult<R> {
        match &self.parts {
            Some(parts) => f(&parts.view),
            None => Err(closed_error(class)),
        }
    }

    /// Calls `f` with the view, mutably (a `&mut self` method or a setter of the view's own
    /// fields; check refuses setting a field that borrows).
    #[inline]
    pub fn with_mut<R>(&mut self, class: &str, f: impl for<'a> FnOnce(&mut F::View<'a>) -> PyResult<R>) -> PyResult<R> {
        match &mut self.parts {
            Some(parts) => f(&mut parts.view),
            None => Err(closed_error(class)),
        }
    }

    /// Calls `f` with the view and a [`Lender`] of its anchor, for methods returning views of the
    /// same borrow (`Captures::get` → `Match<'h>`) and copies (`Clone`).
    #[inline]
    pub fn with_lender<R>(
        &self,
        class: &str,
        f: impl for<'a> FnOnce(&F::View<'a>, &Lender<'a>) -> PyResult<R>,
    ) -> PyResult<R> {
        match &self.parts {
            Some(parts) => f(&parts.view, &Lender { anchor: parts.anchor.clone(), _borrow: PhantomData }),
            None => Err(closed_error(class)),
        }
    }

    /// Calls `f` with this view and `other` at one lifetime (comparisons: `PartialEq`,
    /// `PartialOrd` take both operands of one type).
    #[inline]
    pub fn with_pair<R>(
        &self,
        other: &ViewCell<F>,
        class: &str,
        f: impl for<'a> FnOnce(&F::View<'a>, &F::View<'a>) -> PyResult<R>,
    ) -> PyResult<R> {
        match (&self.parts, &other.parts) {
            (Some(a), Some(b)) => f(&a.view, &b.view),
            _ => Err(closed_error(class)),
        }
    }

    /// Visits the Python object the view borrows (the class's `__traverse__`).
    pub fn traverse(&self, visit: &pyo3::PyVisit<'_>) -> Result<(), pyo3::PyTraverseError> {
        match &self.parts {
            Some(parts) => visit.call(&parts.anchor.0.object),
            None => Ok(()),
        }
    }

    /// Drops the view, then its share of the anchor (the class's `__clear__`).
    pub fn clear(&mut self) {
        self.parts = None;
    }
}

impl<F: ViewFamily> std::fmt::Debug for ViewCell<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ViewCell").field("cleared", &self.parts.is_none()).finish_non_exhaustive()
    }
}
