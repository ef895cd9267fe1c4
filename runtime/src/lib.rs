//! pybridge's runtime: what generated bindings and their users depend on.
//!
//! - [`attach`]: run code attached to the interpreter (started on first use, never finalized);
//! - [`Error`] / [`Result`]: Python exceptions and conversion failures as plain Rust values;
//! - [`Object`]: an untyped Python object handle (`Any` in specs);
//! - [`py_embed`]: the attribute that turns an inline `mod` into a Python extension module;
//! - [`pyo3`]: the pyo3 underneath, re-exported as the escape hatch for anything else.
//!
//! Generated code reaches everything else through the hidden [`__private`] module.
//!
//! ```
//! // Calling Python from Rust without generated stubs:
//! let answer: f64 = pybridge::attach(|py| -> pybridge::Result<f64> {
//!     use pybridge::pyo3::prelude::*;
//!     Ok(py.import("math")?.getattr("sqrt")?.call1((2.0,))?.extract()?)
//! }).unwrap();
//! assert!((answer - 2f64.sqrt()).abs() < 1e-12);
//! ```

mod borrow_cell;
mod buffer;
mod call;
mod containers;
mod crossing;
mod direct_attach;
mod enums;
mod error;
mod export;
mod fast;
mod fast_method;
mod handles;
mod holder;
mod interpreter;
mod iter;
mod module;
mod object;
mod operators;
mod pool;
mod protocols;
mod shared;
mod shutdown;
mod stack;
mod subclass;
mod thread_state;
mod values;
mod verify;
mod view;

pub use error::{CallbackReturn, Error, ErrorKind, PythonException, Result};
pub use interpreter::{Interpreter, InterpreterBuilder, ModuleInit, add_sys_path, attach, try_attach};
pub use module::ExportedModule;
pub use object::{ObjectExt, ObjectIter, PyFn, PyIter, import, to_object};
pub use pool::{Pool, PoolBuilder};
pub use pybridge_macros::py_embed;
pub use pyo3::{PyErr, Python, exceptions};
/// `serde_json`, whose `Value` a [`Json`] holds (re-exported so a crate needs no dependency of
/// its own to build one: `pybridge::serde_json::json!({..})`).
pub use serde_json;
pub use values::{BigInt, ByteArray, Complex64, Json};

/// pyo3, the layer pybridge is built on: the documented escape hatch for what generated
/// bindings do not cover (calling Python by hand inside [`attach`], a `PyInit_` declaration for
/// [`InterpreterBuilder::module`]). It is the same pyo3, version and build configuration
/// pybridge uses, so its types mix with pybridge's (`Python`, `PyErr`, [`Object`]); a crate that
/// depends on pybridge needs no pyo3 dependency of its own.
///
/// ```no_run
/// use pybridge::pyo3::prelude::*;
/// let version: String = pybridge::attach(|py| -> pybridge::Result<String> {
///     Ok(py.import("sys")?.getattr("version")?.extract()?)
/// }).unwrap();
/// ```
pub use pyo3;

/// An untyped handle to a Python object (`Any` / `object` / unannotated in specs). `Send` and
/// `Sync`; dropping it on a thread that is not attached defers the decref safely.
///
/// ```
/// use pybridge::ObjectExt;
/// let object: pybridge::Object = pybridge::to_object(vec![3, 1, 2])?;
/// let sorted: Vec<i64> = pybridge::import("builtins")?.attr("sorted")?.call_with((object,))?.to()?;
/// assert_eq!(sorted, [1, 2, 3]);
/// # Ok::<(), pybridge::Error>(())
/// ```
pub type Object = pyo3::Py<pyo3::PyAny>;

/// Not public API: the paths generated code uses. May change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::__pb_fast_constructor as fast_constructor;
    pub use crate::__pb_fast_function as fast_function;
    pub use crate::__pb_fast_method as fast_method;
    pub use crate::__pb_fast_property as fast_property;
    pub use crate::__pb_fast_slot as fast_slot;
    pub use crate::borrow_cell::{BorrowCell, Ref, RefMut};
    pub use crate::buffer::{
        BufferItem, Exports, SliceArg, SliceMutArg, add_buffer_method, disjoint, export_buffer, release_buffer,
    };
    pub use crate::call::{
        Args, FromPyErr, ImportedAttr, KwNames, Located, Locator, NO_KEYWORDS, PositionalDefault, VarArgs,
        callable_return, callback, classify, exception_attr, extract_instance, extract_located, extract_return,
        get_attribute, iter_return, locate_entries, locate_fields, locate_items, locate_leaf, locate_optional,
        set_attribute,
    };
    pub use crate::containers::{index_get, index_set, key_get, key_set};
    pub use crate::crossing::{EmptyTuple, ExportedClass, FromPython, ToPython};
    pub use crate::enums::{EnumClass, EnumSpec};
    pub use crate::export::{
        CallbackSlot, FastItem, FastVec, build_pyerr, call_back, catch_callback, closed_error, expect_callable,
        raise_declared, register_panic_exception,
    };
    pub use crate::fast::{FastArg, FastArgs, FastCall, FastEntry, FastFunction, NoArgs, RawCall, add_fast_function};
    pub use crate::fast_method::{
        FastConstructor, FastMethod, FastProperty, FastSlot, Getter, MethodArgs, MethodShape, Setter, add_fast_binary,
        add_fast_constructor, add_fast_getitem, add_fast_len, add_fast_methods, add_fast_property,
    };
    #[cfg(not(Py_LIMITED_API))]
    pub use crate::fast_method::{is_direct, is_direct_slot};
    pub use crate::handles::{handle_clone, handle_eq, handle_eq_attached, handle_hash, handle_repr, handle_str};
    pub use crate::holder::{Holder, Traverse, ViewRead, ViewWrite};
    pub use crate::iter::{IterObject, NextFn, next_of};
    pub use crate::operators::*;
    pub use crate::pool::{PoolArg, PoolBytes, PoolBytesOut, PoolFn, PoolTexts, PoolValue, pool_call};
    pub use crate::protocols::{
        DeclaredClone, DeclaredDebug, DeclaredDisplay, DeclaredError, DeclaredHash, DeclaredPartialEq,
        DeclaredPartialOrd, clone_of, cmp_of, eq_of, hash_of, hide_orderings, into_object, into_pyerr, repr_of, str_of,
    };
    pub use crate::shared::{ForeignClass, ForeignRef, ForeignValue, Imported, Published, publish_class};
    pub use crate::subclass::new_instance_of;
    pub use crate::values::{
        AnyMapping, literal_bool, literal_int, literal_str, union_into, union_mismatch, union_try,
    };
    pub use crate::verify::{Declared, Member, Param, verify_module};
    pub use crate::view::{Lender, ViewCell, ViewFamily, lend_bytes, lend_str, lend_value};
    pub use pyo3;

    /// The Python pyo3 was built for (`sys.executable` of an embedded interpreter by default).
    pub const BUILD_PYTHON: &str = env!("PYBRIDGE_PYTHON_EXECUTABLE");

    pub use crate::direct_attach::attach_plain;

    /// Runs a stub body attached: an interpreter that cannot start becomes the stub's error.
    pub fn attach_call<T, E, F>(f: F) -> Result<T, E>
    where
        E: From<crate::Error>,
        F: for<'py> FnOnce(pyo3::Python<'py>) -> Result<T, E>,
    {
        crate::try_attach(f).map_err(E::from).and_then(|r| r)
    }
}
