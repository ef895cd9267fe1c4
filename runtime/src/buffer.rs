//! Buffers: `&[T]` / `&mut [T]` export parameters read from (and written into) any object
//! exporting the buffer protocol without a copy, and classes exporting a `Vec<T>` field.
//!
//! Why a borrowed buffer is sound to lend as `&[T]` / `&mut [T]` for one call:
//! - *Memory stays*: the `Py_buffer` is held (pyo3's [`PyUntypedBuffer`]) until the argument
//!   is dropped, after the user's function returned. An exporter keeps the memory valid and
//!   does not resize it while an export is alive (`bytearray` refuses resizing, numpy refuses
//!   `resize`, our own classes refuse every change, see [`Exports`]).
//! - *No writer while Rust reads, no reader while Rust writes*: the generated wrapper holds the
//!   interpreter for the whole call and runs no Python code during it, so no Python thread runs
//!   and no Python code of this thread runs. Functions that do let Python code run during the
//!   call (`release_gil`, a callable parameter) get a copy ([`SliceArg::into_copy`]) and cannot
//!   take `&mut [T]` (refused by `check`). Two buffer parameters of one call that share memory
//!   while one of them is `&mut` are refused ([`disjoint`]). A class's own exports are
//!   read-only, so a `&mut [T]` never aliases a `&self`.
//! - What no binding can see: the user's function calling Python itself (an import stub,
//!   `pybridge::attach`) that writes the same buffer, and native code writing the memory
//!   without the interpreter (a numpy operation that released the GIL on another thread).
//!   SPEC.md states this limit; such code should take a `Vec<T>`.

use std::ffi::CStr;
use std::os::raw::{c_char, c_int, c_void};
use std::sync::Arc;

use pyo3::buffer::PyUntypedBuffer;
use pyo3::exceptions::{PyBufferError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyMemoryView};
use pyo3::{Borrowed, ffi};

/// What an item format character says: signed, unsigned or float.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Signed integer.
    Signed,
    /// Unsigned integer.
    Unsigned,
    /// IEEE float.
    Float,
}

/// An item type a buffer may hold: every bit pattern of its size is a value (integers and
/// floats), so any buffer of the right format reads as valid `T`s.
///
/// # Safety
/// `Self` is a plain integer or float: `Copy`, no padding, every bit pattern valid, `KIND`
/// and the size describe it.
pub unsafe trait BufferItem: Copy + Send + Sync + 'static {
    /// Its native format in Python's `struct` module (`d` for `f64`).
    const FORMAT: &'static CStr;
    /// Its kind.
    const KIND: Kind;
    /// The items of a sequence that is not a buffer (a `list`): the copying fallback.
    fn from_sequence(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Vec<Self>>;
}

macro_rules! buffer_item {
    ($t:ty, $format:literal, $kind:ident, fast) => {
        // SAFETY: a plain number type (the trait's contract).
        unsafe impl BufferItem for $t {
            const FORMAT: &'static CStr = $format;
            const KIND: Kind = Kind::$kind;
            fn from_sequence(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Vec<Self>> {
                obj.extract::<crate::export::FastVec<$t>>().map(|v| v.0)
            }
        }
    };
    ($t:ty, $format:literal, $kind:ident) => {
        // SAFETY: a plain number type (the trait's contract).
        unsafe impl BufferItem for $t {
            const FORMAT: &'static CStr = $format;
            const KIND: Kind = Kind::$kind;
            fn from_sequence(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Vec<Self>> {
                obj.extract::<Vec<$t>>()
            }
        }
    };
}

buffer_item!(f64, c"d", Float, fast);
buffer_item!(i64, c"q", Signed, fast);
buffer_item!(f32, c"f", Float);
buffer_item!(i8, c"b", Signed);
buffer_item!(i16, c"h", Signed);
buffer_item!(i32, c"i", Signed);
buffer_item!(isize, c"n", Signed);
buffer_item!(u8, c"B", Unsigned);
buffer_item!(u16, c"H", Unsigned);
buffer_item!(u32, c"I", Unsigned);
buffer_item!(u64, c"Q", Unsigned);
buffer_item!(usize, c"N", Unsigned);

/// The kind and size a `struct` format names, if it is one item in native byte order (`d`,
/// `@d`, `=d`, `<d` on a little-endian machine; numpy writes `l` for its `int64` on Linux).
pub(crate) fn item_of(format: &[u8]) -> Option<(Kind, usize)> {
    let native_order = if cfg!(target_endian = "little") { b'<' } else { b'>' };
    let (standard, c) = match format {
        [c] | [b'@', c] => (false, *c),
        [b'=', c] => (true, *c),
        [order, c] if *order == native_order || (*order == b'!' && native_order == b'>') => (true, *c),
        _ => return None,
    };
    use std::mem::size_of;
    let long = if standard { 4 } else { size_of::<std::os::raw::c_long>() };
    Some(match c {
        b'b' => (Kind::Signed, 1),
        b'B' | b'c' => (Kind::Unsigned, 1),
        b'h' => (Kind::Signed, 2),
        b'H' => (Kind::Unsigned, 2),
        b'i' => (Kind::Signed, 4),
        b'I' => (Kind::Unsigned, 4),
        b'l' => (Kind::Signed, long),
        b'L' => (Kind::Unsigned, long),
        b'q' => (Kind::Signed, 8),
        b'Q' => (Kind::Unsigned, 8),
        b'n' if !standard => (Kind::Signed, size_of::<isize>()),
        b'N' if !standard => (Kind::Unsigned, size_of::<usize>()),
        b'f' => (Kind::Float, 4),
        b'd' => (Kind::Float, 8),
        _ => return None,
    })
}

/// A buffer of `obj` whose items are `T`s, or the `TypeError` naming what it holds instead
/// (pyo3 prefixes the parameter's name).
fn typed_buffer<T: BufferItem>(obj: &Bound<'_, PyAny>) -> PyResult<PyUntypedBuffer> {
    let buffer = PyUntypedBuffer::get(obj)?;
    let size = std::mem::size_of::<T>();
    if item_of(buffer.format().to_bytes()) != Some((T::KIND, size)) || buffer.item_size() != size {
        let message = format!(
            "expected a buffer of {} (format '{}'), got format '{}' ({}-byte items)",
            std::any::type_name::<T>(),
            T::FORMAT.to_string_lossy(),
            buffer.format().to_string_lossy(),
            buffer.item_size(),
        );
        buffer.release(obj.py());
        return Err(PyTypeError::new_err(message));
    }
    Ok(buffer)
}

/// Whether the buffer can be lent as a `&[T]` in place: C-contiguous and aligned for `T`.
fn in_place<T>(buffer: &PyUntypedBuffer) -> bool {
    buffer.is_c_contiguous()
        && buffer.buf_ptr().align_offset(std::mem::align_of::<T>()) == 0
        && buffer.len_bytes() == buffer.item_count() * std::mem::size_of::<T>()
}

/// A `&[T]` export parameter: any object exporting the buffer protocol with items of `T`'s
/// format, lent in place when C-contiguous and aligned, copied otherwise (a strided numpy view,
/// a misaligned `memoryview`); any other sequence (a `list`) is copied through the item
/// conversion. A buffer of another format is a `TypeError` naming the parameter.
pub struct SliceArg<'py, T: BufferItem> {
    py: Python<'py>,
    /// Held while lent in place; released (attached) when the argument is dropped.
    buffer: Option<PyUntypedBuffer>,
    owned: Vec<T>,
}

impl<'a, 'py, T: BufferItem> FromPyObject<'a, 'py> for SliceArg<'py, T> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        // SAFETY: attached (we hold a Borrowed<'_, 'py>), `obj` is a live object.
        if unsafe { ffi::PyObject_CheckBuffer(obj.as_ptr()) } == 0 {
            return Ok(SliceArg { py, buffer: None, owned: T::from_sequence(obj)? });
        }
        let buffer = typed_buffer::<T>(&obj)?;
        if in_place::<T>(&buffer) {
            return Ok(SliceArg { py, buffer: Some(buffer), owned: Vec::new() });
        }
        buffer.release(py);
        // Strided or misaligned: the bytes in C order, copied once more into aligned `T`s.
        let bytes = PyMemoryView::from(&obj)?.call_method0("tobytes")?.cast_into::<PyBytes>()?;
        let bytes = bytes.as_bytes();
        let mut owned: Vec<T> = Vec::with_capacity(bytes.len() / std::mem::size_of::<T>());
        // SAFETY: `owned` has room for `bytes.len() / size` items; `T` is a plain number type
        // (BufferItem's contract), so any bytes are valid `T`s; the regions do not overlap (a
        // fresh allocation); the length is set only to the count written.
        unsafe {
            let count = bytes.len() / std::mem::size_of::<T>();
            std::ptr::copy_nonoverlapping(
                bytes.as_ptr(),
                owned.as_mut_ptr().cast::<u8>(),
                count * std::mem::size_of::<T>(),
            );
            owned.set_len(count);
        }
        Ok(SliceArg { py, buffer: None, owned })
    }
}

impl<'py, T: BufferItem> SliceArg<'py, T> {
    /// The items, lent for the call.
    #[inline]
    pub fn as_slice(&self) -> &[T] {
        match &self.buffer {
            None => &self.owned,
            Some(buffer) if buffer.item_count() == 0 => &[],
            // SAFETY: `extract` checked the buffer: items of `T`'s size and kind (any bits are a
            // valid `T`), C-contiguous, aligned, `item_count` items in `len_bytes`. The memory
            // stays valid until `self.buffer` is released, which happens only in `drop`, after
            // this borrow of `self` ended. No `&mut` to it exists meanwhile and nothing writes
            // it: the wrapper holds the interpreter for the whole call and runs no Python code
            // (functions that would, `release_gil` ones and those taking callables, call
            // `into_copy` first), another `&mut [T]` argument over the same memory is refused by
            // `disjoint`, and this module's own class exports are read-only. See the module
            // docs for what no binding can see.
            Some(buffer) => unsafe {
                std::slice::from_raw_parts(buffer.buf_ptr().cast::<T>().cast_const(), buffer.item_count())
            },
        }
    }

    /// The same items, copied and the buffer released: for calls during which other Python code
    /// runs (`release_gil`, callables), which could write a buffer Rust reads.
    pub fn into_copy(mut self) -> Self {
        if self.buffer.is_some() {
            self.owned = self.as_slice().to_vec();
            if let Some(buffer) = self.buffer.take() {
                buffer.release(self.py);
            }
        }
        self
    }

    /// The address range lent (empty for a copy), for [`disjoint`].
    pub fn span(&self) -> (usize, usize) {
        span_of(self.buffer.as_ref())
    }
}

impl<T: BufferItem> Drop for SliceArg<'_, T> {
    fn drop(&mut self) {
        // Released with the token we hold (the wrapper is attached), not through pyo3's drop,
        // which would attach on its own.
        if let Some(buffer) = self.buffer.take() {
            buffer.release(self.py);
        }
    }
}

impl<T: BufferItem> std::fmt::Debug for SliceArg<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SliceArg")
            .field("in_place", &self.buffer.is_some())
            .field("len", &self.as_slice().len())
            .finish()
    }
}

impl<T: BufferItem> std::fmt::Debug for SliceMutArg<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SliceMutArg").field("span", &self.span()).finish()
    }
}

fn span_of(buffer: Option<&PyUntypedBuffer>) -> (usize, usize) {
    match buffer {
        Some(b) => (b.buf_ptr() as usize, b.buf_ptr() as usize + b.len_bytes()),
        None => (0, 0),
    }
}

/// A `&mut [T]` export parameter: a writable, C-contiguous, aligned buffer of `T`'s format
/// (`bytearray`, `array.array`, a numpy array), written in place. Anything else is a
/// `TypeError` naming the parameter: read-only buffers (`bytes`), other formats, strided views,
/// and objects without the buffer protocol (a `list` cannot be written in place).
pub struct SliceMutArg<'py, T: BufferItem> {
    py: Python<'py>,
    buffer: Option<PyUntypedBuffer>,
    _items: std::marker::PhantomData<T>,
}

impl<'a, 'py, T: BufferItem> FromPyObject<'a, 'py> for SliceMutArg<'py, T> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let what = obj.get_type().name().map(|n| n.to_string()).unwrap_or_default();
        // SAFETY: attached (we hold a Borrowed<'_, 'py>), `obj` is a live object.
        if unsafe { ffi::PyObject_CheckBuffer(obj.as_ptr()) } == 0 {
            return Err(PyTypeError::new_err(format!(
                "expected a writable buffer of {} (bytearray, array.array, numpy array), got {what}",
                std::any::type_name::<T>()
            )));
        }
        let buffer = typed_buffer::<T>(&obj)?;
        let problem = if buffer.readonly() {
            Some("is read-only")
        } else if !in_place::<T>(&buffer) {
            Some("is not C-contiguous and aligned (pass numpy.ascontiguousarray(x) and copy the result back)")
        } else {
            None
        };
        if let Some(problem) = problem {
            buffer.release(py);
            return Err(PyTypeError::new_err(format!(
                "the buffer of this {what} {problem}; it cannot be written in place"
            )));
        }
        Ok(SliceMutArg { py, buffer: Some(buffer), _items: std::marker::PhantomData })
    }
}

impl<'py, T: BufferItem> SliceMutArg<'py, T> {
    /// The items, lent mutably for the call.
    #[inline]
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        match &self.buffer {
            Some(buffer) if buffer.item_count() > 0 => {
                // SAFETY: as in `SliceArg::as_slice` (format, contiguity, alignment and length
                // checked; memory valid until `drop`, after this borrow of `self` ends), and
                // the buffer is writable. Exclusive for the borrow: Python code cannot run
                // during the call (the wrapper holds the interpreter; `check` refuses `&mut [T]`
                // in `release_gil` functions and beside callables), no other argument of the
                // call overlaps it (`disjoint`, checked before the call), and `&mut self` makes
                // this the only slice made from this argument.
                unsafe { std::slice::from_raw_parts_mut(buffer.buf_ptr().cast::<T>(), buffer.item_count()) }
            }
            _ => &mut [],
        }
    }

    /// The address range lent, for [`disjoint`].
    pub fn span(&self) -> (usize, usize) {
        span_of(self.buffer.as_ref())
    }
}

impl<T: BufferItem> Drop for SliceMutArg<'_, T> {
    fn drop(&mut self) {
        if let Some(buffer) = self.buffer.take() {
            buffer.release(self.py);
        }
    }
}

/// Refuses a call whose `&mut [T]` argument `a` shares memory with another buffer argument `b`
/// (Rust may not hold `&mut` and another reference to the same items).
pub fn disjoint(a: (&str, (usize, usize)), b: (&str, (usize, usize))) -> PyResult<()> {
    let ((a_name, (a0, a1)), (b_name, (b0, b1))) = (a, b);
    if a0 < a1 && b0 < b1 && a0 < b1 && b0 < a1 {
        return Err(PyBufferError::new_err(format!(
            "arguments '{a_name}' and '{b_name}' share memory, and '{a_name}' is written: pass a copy of one"
        )));
    }
    Ok(())
}

/// The live buffer exports of an object whose class has a `buffer` field: one token per
/// export, held by the `Py_buffer` until `__releasebuffer__`. While any is alive the object
/// refuses every change to its value (methods taking `&mut self`, setters, `close`, sharing,
/// the gc's clear), so the exported `Vec` is neither written, reallocated nor dropped.
#[derive(Default, Debug)]
pub struct Exports(Arc<()>);

impl Exports {
    /// `BufferError` while a buffer of the object is exported.
    #[inline]
    pub fn check(&self, class: &str) -> PyResult<()> {
        if self.exported() {
            return Err(PyBufferError::new_err(format!(
                "this {class} cannot be changed while its buffer is exported (a memoryview or numpy array of it is alive): release it first"
            )));
        }
        Ok(())
    }

    /// Whether a buffer of the object is exported.
    #[inline]
    pub fn exported(&self) -> bool {
        Arc::strong_count(&self.0) > 1
    }
}

/// What an export keeps in `Py_buffer::internal`: its shape and strides (pointed to by the
/// view) and its token.
struct ExportInfo {
    shape: [ffi::Py_ssize_t; 1],
    strides: [ffi::Py_ssize_t; 1],
    _token: Arc<()>,
}

/// Fills `view` (from `__getbuffer__`) with a read-only, one-dimensional view of `data`
/// owned by `owner`, counted in `exports`. A request for a writable buffer is a `BufferError`.
///
/// # Safety
/// `view` is the `Py_buffer` CPython passed to `bf_getbuffer`. `data` lies in `owner`'s value
/// and stays valid, unmoved and unwritten while `exports` counts the export: the caller's class
/// checks `exports` before every change to its value, and `view.obj` keeps `owner` alive.
pub unsafe fn export_buffer<T: BufferItem>(
    view: *mut ffi::Py_buffer,
    flags: c_int,
    data: &[T],
    exports: &Exports,
    owner: &Bound<'_, PyAny>,
) -> PyResult<()> {
    if view.is_null() {
        return Err(PyBufferError::new_err("no Py_buffer to fill"));
    }
    if flags & ffi::PyBUF_WRITABLE == ffi::PyBUF_WRITABLE {
        // SAFETY: `view` is CPython's (the function's contract); on failure `obj` must be NULL.
        unsafe { (*view).obj = std::ptr::null_mut() };
        return Err(PyBufferError::new_err("this object's buffer is read-only"));
    }
    let size = std::mem::size_of::<T>() as ffi::Py_ssize_t;
    let info = Box::into_raw(Box::new(ExportInfo {
        shape: [data.len() as ffi::Py_ssize_t],
        strides: [size],
        _token: Arc::clone(&exports.0),
    }));
    // SAFETY: `view` is a writable `Py_buffer` (the contract). `info` lives until
    // `release_buffer` frees it, so `shape`/`strides` point into live memory for the export's
    // life. `format` is a static C string consumers only read. `obj` takes a new reference,
    // which `PyBuffer_Release` drops after `__releasebuffer__`: the owner outlives every view.
    // `buf` is only read by consumers (`readonly = 1`, writable requests refused above), and
    // the caller keeps `data` in place while the token in `info` is alive.
    unsafe {
        (*view).buf = data.as_ptr().cast_mut().cast::<c_void>();
        (*view).len = data.len() as ffi::Py_ssize_t * size;
        (*view).readonly = 1;
        (*view).itemsize = size;
        (*view).format =
            if flags & ffi::PyBUF_FORMAT != 0 { T::FORMAT.as_ptr().cast_mut() } else { std::ptr::null_mut::<c_char>() };
        (*view).ndim = 1;
        (*view).shape =
            if flags & ffi::PyBUF_ND == ffi::PyBUF_ND { (*info).shape.as_mut_ptr() } else { std::ptr::null_mut() };
        (*view).strides = if flags & ffi::PyBUF_STRIDES == ffi::PyBUF_STRIDES {
            (*info).strides.as_mut_ptr()
        } else {
            std::ptr::null_mut()
        };
        (*view).suboffsets = std::ptr::null_mut();
        (*view).internal = info.cast::<c_void>();
        (*view).obj = owner.clone().into_ptr();
    }
    Ok(())
}

/// `__releasebuffer__`: frees what [`export_buffer`] kept, dropping the export's token.
///
/// # Safety
/// `view` is a `Py_buffer` that [`export_buffer`] filled, released once (CPython's contract).
pub unsafe fn release_buffer(view: *mut ffi::Py_buffer) {
    // SAFETY: `internal` is the `ExportInfo` `export_buffer` leaked for this view, freed once
    // here (CPython calls `bf_releasebuffer` once per successful `bf_getbuffer`).
    unsafe {
        if !view.is_null() && !(*view).internal.is_null() {
            drop(Box::from_raw((*view).internal.cast::<ExportInfo>()));
            (*view).internal = std::ptr::null_mut();
        }
    }
}

/// PEP 688's `__buffer__` on CPython before 3.12, for a class that exports a buffer (its
/// `bf_getbuffer` slot): 3.12 derives the Python-level method from the slot, earlier versions
/// have none, while the class's `.pyi` declares it (so type checkers see a `Buffer`, and
/// `memoryview(obj)` type-checks). The method added is `memoryview(self)`, which goes through
/// the slot as `memoryview(obj)` does; on 3.12 and later nothing is added.
pub fn add_buffer_method(class: &Bound<'_, pyo3::types::PyType>) -> PyResult<()> {
    let py = class.py();
    if py.version_info() >= (3, 12) {
        return Ok(());
    }
    let method = py.eval(c"lambda self, flags, /: memoryview(self)", None, None)?;
    method.setattr("__name__", "__buffer__")?;
    method.setattr("__qualname__", format!("{}.__buffer__", class.qualname()?))?;
    class.setattr("__buffer__", method)
}
