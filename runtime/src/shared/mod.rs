//! One class across extension modules (pybind11's shared type registry, through a capsule):
//! every exported class publishes a [`ClassApi`] table as its `_pybridge_api` class attribute
//! ([`publish_class`], `publish.rs`), and another pybridge module that declares the class as
//! foreign (`from:` in a spec) borrows and adopts values through it ([`ForeignRef`],
//! [`ForeignValue`], `foreign.rs`), never through a pointer cast of the other module's object.
//!
//! The table is `#[repr(C)]` and only holds C-stable fields (pointers, `usize`, `extern "C"`
//! function pointers); its layout is versioned by the capsule's name, which CPython compares
//! before handing out the pointer. Before a value crosses, the consumer compares the table's
//! fingerprint with its own view of the type ([`Fingerprint`]): the compiler that built each
//! side, the type's path, size and alignment.

mod foreign;
mod publish;

use std::ffi::{CStr, c_int, c_void};

use pyo3::ffi;

pub use foreign::{ForeignClass, ForeignRef, ForeignValue, Imported};
pub use publish::{Published, publish_class};

/// The capsule's name; the number is the version of [`ClassApi`]'s layout (a different layout
/// gets a different name, so an older module's capsule is refused by name).
pub(crate) const API_NAME: &CStr = c"pybridge.ClassApi.v1";

/// The class attribute holding the capsule.
pub(crate) const API_ATTRIBUTE: &str = "_pybridge_api";

/// The compiler that built this runtime (`rustc -vV`: release, commit hash, host), from build.rs.
pub(crate) const BUILD: &str = env!("PYBRIDGE_RUSTC");

/// The callback a lender runs with a `*const T` of the value it lends, and the context the
/// borrower passed along with it. It must not unwind.
pub(crate) type LendFn = unsafe extern "C" fn(value: *const c_void, ctx: *mut c_void);

/// What a module publishes per exported class. Every field is C-stable, so a module built by
/// another compiler can still read the fingerprint (and then refuse).
#[repr(C)]
#[derive(Debug)]
pub struct ClassApi {
    build: RawStr,
    type_name: RawStr,
    size: usize,
    align: usize,
    /// Runs `f(value, ctx)` with the value of instance `obj` (a live object the caller holds a
    /// reference to, attached) under a shared borrow of the publisher's borrow checker; 0, or
    /// -1 with a Python exception set (not an instance, mutably borrowed, closed, …).
    lend: unsafe extern "C" fn(obj: *mut ffi::PyObject, f: LendFn, ctx: *mut c_void) -> c_int,
    /// Moves the value at `value` (initialized, aligned, of the fingerprinted type, given up by
    /// the caller: never read or dropped by it again) into a new instance; a new reference, or
    /// null with a Python exception set (the value was dropped by the publisher then).
    adopt: unsafe extern "C" fn(value: *mut c_void) -> *mut ffi::PyObject,
}

// SAFETY: the raw pointers of a `ClassApi` (`RawStr`) point at `&'static str` data of the
// publishing module, which is immutable and lives as long as the process (CPython never unloads
// an extension module); nothing is ever written through them, so sharing or sending the table
// to another thread cannot race. Function pointers are `Send` already.
unsafe impl Send for ClassApi {}

/// A `&'static str` as two C-stable words.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
struct RawStr {
    ptr: *const u8,
    len: usize,
}

impl RawStr {
    fn new(text: &'static str) -> Self {
        RawStr { ptr: text.as_ptr(), len: text.len() }
    }

    /// The text, read defensively (not UTF-8 reads as a marker that matches nothing).
    ///
    /// # Safety
    /// `self` was made by [`RawStr::new`] in a module that is still loaded.
    unsafe fn get(&self) -> &'static str {
        // SAFETY: by the contract, `ptr..ptr+len` is a `&'static str` of a loaded module:
        // initialized, immutable for the rest of the process, valid for `len` bytes; a `u8`
        // slice has alignment 1 and no aliasing concern (nothing writes it).
        let bytes = unsafe { std::slice::from_raw_parts(self.ptr, self.len) };
        std::str::from_utf8(bytes).unwrap_or("<not UTF-8>")
    }
}

/// How a side sees the type: compared field by field before any pointer to a value crosses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    pub(crate) build: &'static str,
    pub(crate) type_name: &'static str,
    pub(crate) size: usize,
    pub(crate) align: usize,
}

impl Fingerprint {
    /// This module's view of `T`.
    pub(crate) fn of<T>() -> Self {
        Fingerprint {
            build: BUILD,
            type_name: std::any::type_name::<T>(),
            size: size_of::<T>(),
            align: align_of::<T>(),
        }
    }

    /// Whether values may cross: the same everything, and a compiler both sides could name.
    pub(crate) fn matches(&self, other: &Fingerprint) -> bool {
        self == other && !self.build.starts_with("unknown")
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` ({} bytes, align {}; built by {})", self.type_name, self.size, self.align, self.build)
    }
}

impl ClassApi {
    /// The publisher's fingerprint.
    fn fingerprint(&self) -> Fingerprint {
        Fingerprint {
            // SAFETY: both were made by `RawStr::new` in the publishing module, loaded as long as
            // the capsule holding this table lives (the caller holds it).
            build: unsafe { self.build.get() },
            // SAFETY: as above.
            type_name: unsafe { self.type_name.get() },
            size: self.size,
            align: self.align,
        }
    }
}
