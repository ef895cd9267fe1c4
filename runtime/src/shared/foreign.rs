//! The borrowing side: a class another pybridge module exports, imported at first use, its
//! fingerprint compared with ours, then lent ([`ForeignRef::__pb_with`]) and adopted
//! ([`ForeignValue`]) through its table.

use std::ffi::c_void;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::ptr::NonNull;

use pyo3::exceptions::{PyImportError, PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyCapsule, PyType};

use super::{API_ATTRIBUTE, API_NAME, ClassApi, Fingerprint};

/// A class of another pybridge module, as generated code declares it (a marker type per
/// `from:` class).
pub trait ForeignClass: 'static {
    /// The Rust type both modules name.
    type Value;
    /// The Python module that exports the class.
    const MODULE: &'static str;
    /// The class's name there.
    const NAME: &'static str;
    /// The module declaring it foreign (for messages).
    const HERE: &'static str;
    /// Where the imported class is kept (a `static` of the generated code).
    fn cell() -> &'static PyOnceLock<Imported>;
}

/// The other module's class and its table, checked.
#[derive(Debug)]
pub struct Imported {
    class: Py<PyType>,
    // Keeps `api` alive (the table is the capsule's value).
    _capsule: Py<PyCapsule>,
    api: ApiPtr,
}

#[derive(Debug)]
struct ApiPtr(NonNull<ClassApi>);

// SAFETY: the table is immutable after the publisher made it (see `ClassApi`'s `Send`), and the
// capsule that owns it lives in the same `Imported` (never dropped once in its static), so the
// pointer is valid and its target unchanging from any thread.
unsafe impl Send for ApiPtr {}
// SAFETY: as above: shared reads of immutable data.
unsafe impl Sync for ApiPtr {}

impl Imported {
    fn api(&self) -> &ClassApi {
        // SAFETY: `api` points into `_capsule`'s value, alive as long as `self`, immutable
        // (see `ApiPtr`); a `&` to it aliases nothing mutable.
        unsafe { self.api.0.as_ref() }
    }
}

/// `M`'s class and table, imported and checked at first use.
fn imported<M: ForeignClass>(py: Python<'_>) -> PyResult<&'static Imported> {
    M::cell().get_or_try_init(py, || import::<M>(py))
}

fn import<M: ForeignClass>(py: Python<'_>) -> PyResult<Imported> {
    let (module, name) = (M::MODULE, M::NAME);
    let class = py
        .import(module)
        .and_then(|m| m.getattr(name))
        .map_err(|e| {
            PyImportError::new_err(format!("`{name}` comes from module `{module}`, which could not be imported: {e}"))
        })?
        .cast_into::<PyType>()
        .map_err(|_| PyTypeError::new_err(format!("`{module}.{name}` is not a class")))?;
    let not_ours = || PyTypeError::new_err(format!("`{module}.{name}` is not a class exported by pybridge"));
    let capsule =
        class.getattr(API_ATTRIBUTE).map_err(|_| not_ours())?.cast_into::<PyCapsule>().map_err(|_| not_ours())?;
    let pointer = capsule.pointer_checked(Some(API_NAME)).map_err(|_| {
        PyTypeError::new_err(format!(
            "`{module}.{name}` was built by a pybridge whose class table is not `{}`",
            API_NAME.to_string_lossy()
        ))
    })?;
    let imported = Imported { class: class.unbind(), _capsule: capsule.unbind(), api: ApiPtr(pointer.cast()) };
    let (theirs, ours) = (imported.api().fingerprint(), Fingerprint::of::<M::Value>());
    if !theirs.matches(&ours) {
        return Err(PyTypeError::new_err(format!(
            "`{module}.{name}` cannot cross into `{}`: `{module}` holds {theirs}, `{}` expects {ours}",
            M::HERE,
            M::HERE
        )));
    }
    Ok(imported)
}

/// A parameter that is an instance of a foreign class (`&C`, or `C` copied out): the object,
/// checked with `isinstance` against the other module's class.
#[derive(Debug)]
pub struct ForeignRef<'py, M: ForeignClass> {
    obj: Bound<'py, PyAny>,
    imported: &'static Imported,
    _class: PhantomData<M>,
}

impl<'a, 'py, M: ForeignClass> FromPyObject<'a, 'py> for ForeignRef<'py, M> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let imported = imported::<M>(obj.py())?;
        if !obj.is_instance(imported.class.bind(obj.py()))? {
            let found = obj.get_type().name()?;
            return Err(PyTypeError::new_err(format!("expected `{}.{}`, got `{found}`", M::MODULE, M::NAME)));
        }
        Ok(ForeignRef { obj: obj.to_owned(), imported, _class: PhantomData })
    }
}

/// What the lending callback shares with `__pb_with`: the closure, then its outcome.
struct Lending<F, R> {
    f: Option<F>,
    out: Option<std::thread::Result<PyResult<R>>>,
}

/// The `LendFn` for one `__pb_with` call: runs the closure with the lent value, catching a panic
/// (it must not unwind into the other module), and stores the outcome.
///
/// # Safety
/// `ctx` is the `Lending<F, R>` of the `__pb_with` call that passed this very instantiation;
/// `value` points at a live `T` under a shared borrow for the duration of the call.
unsafe extern "C" fn run_lent<T, F: FnOnce(&T) -> PyResult<R>, R>(value: *const c_void, ctx: *mut c_void) {
    // SAFETY: `ctx` is a `&mut Lending<F, R>` on `__pb_with`'s stack (contract), which holds no
    // other reference to it while the lender runs: this is the only live access.
    let lending = unsafe { &mut *ctx.cast::<Lending<F, R>>() };
    // SAFETY: the lender holds a shared borrow of the value for this call (no `&mut` exists), the
    // fingerprint showed it is a `T` of the same layout, and the `&T` does not escape `f`
    // (higher-ranked closure).
    let value = unsafe { &*value.cast::<T>() };
    if let Some(f) = lending.f.take() {
        lending.out = Some(catch_unwind(AssertUnwindSafe(|| f(value))));
    }
}

impl<M: ForeignClass> ForeignRef<'_, M> {
    /// Runs `f` with the object's value, lent by the module that owns it (its borrow checker
    /// refuses a mutably borrowed object, its view rules apply, a closed object raises). Takes
    /// the token like a class wrapper's `__pb_with`, so generated code calls both alike.
    pub fn __pb_with<R, F: FnOnce(&M::Value) -> PyResult<R>>(&self, _py: Python<'_>, f: F) -> PyResult<R> {
        let mut lending: Lending<F, R> = Lending { f: Some(f), out: None };
        let ctx = std::ptr::from_mut(&mut lending).cast::<c_void>();
        // SAFETY: attached (`self.obj` is a `Bound`); `obj` is alive (we hold it); `run_lent` is
        // instantiated for exactly `lending`'s type, and `lending` is not touched until `lend`
        // returns.
        let code = unsafe { (self.imported.api().lend)(self.obj.as_ptr(), run_lent::<M::Value, F, R>, ctx) };
        let py = self.obj.py();
        if code != 0 {
            return Err(PyErr::take(py).unwrap_or_else(|| PyRuntimeError::new_err("lending failed without an error")));
        }
        match lending.out {
            Some(Ok(result)) => result,
            Some(Err(panic)) => resume_unwind(panic),
            None => Err(PyRuntimeError::new_err("the class's module did not lend the value")),
        }
    }
}

/// A value returned as an instance of a foreign class: moved into a new object of the module
/// that owns the class (whose `Drop` then runs, once).
#[derive(Debug)]
pub struct ForeignValue<M: ForeignClass> {
    value: M::Value,
}

impl<M: ForeignClass> ForeignValue<M> {
    /// A value on its way to becoming an `M` object.
    pub fn new(value: M::Value) -> Self {
        ForeignValue { value }
    }
}

impl<'py, M: ForeignClass> IntoPyObject<'py> for ForeignValue<M> {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // A failed import drops the value here, in this module: still once.
        let imported = imported::<M>(py)?;
        let mut value = ManuallyDrop::new(self.value);
        let ptr = std::ptr::from_mut(&mut *value).cast::<c_void>();
        // SAFETY: attached; `ptr` is an initialized, aligned `M::Value` (the fingerprint showed
        // the other module's type has this layout) that we give up: it sits in a `ManuallyDrop`
        // that is never read or dropped again, so the adopter's move is the only owner.
        let object = unsafe { (imported.api().adopt)(ptr) };
        // SAFETY: `adopt` returns a new reference, or null with an exception set.
        unsafe { Bound::from_owned_ptr_or_err(py, object) }
    }
}
