//! The plain values a pooled call takes and returns, converted with raw CPython calls in the
//! attached sub-interpreter: no pyo3 object (and so nothing of pyo3's per-process state) is
//! made. Arguments become new objects of that interpreter; results are read into Rust values
//! before the call detaches.

use pyo3::ffi;

/// A value a pooled stub passes: converted to a new Python object of the attached interpreter.
#[doc(hidden)]
pub trait PoolArg {
    /// A new reference, or null with an exception set.
    ///
    /// # Safety
    /// The thread is attached to the interpreter the object is for.
    unsafe fn to_python(&self) -> *mut ffi::PyObject;
}

/// A value a pooled stub returns, read from a Python object of the attached interpreter.
#[doc(hidden)]
pub trait PoolValue: Sized {
    /// The Python type, for conversion errors (`list[int]`).
    fn expected() -> String;

    /// The value, or what was wrong with the object (the detail of a conversion error).
    ///
    /// # Safety
    /// The thread is attached to `object`'s interpreter; `object` is a valid (borrowed)
    /// reference. Leaves no exception set.
    unsafe fn from_python(object: *mut ffi::PyObject) -> Result<Self, String>;
}

/// `bytes` arguments (`&[u8]` would be a `list[int]`).
#[doc(hidden)]
#[derive(Debug)]
pub struct PoolBytes<'a>(pub &'a [u8]);

/// `list[str]` arguments, given as `&[impl AsRef<str>]`.
#[doc(hidden)]
#[derive(Debug)]
pub struct PoolTexts<'a, S>(pub &'a [S]);

/// A `bytes` result.
#[doc(hidden)]
#[derive(Debug)]
pub struct PoolBytesOut(pub Vec<u8>);

impl<T: PoolArg + ?Sized> PoolArg for &T {
    unsafe fn to_python(&self) -> *mut ffi::PyObject {
        // SAFETY: the caller's contract, passed on.
        unsafe { (**self).to_python() }
    }
}

impl PoolArg for bool {
    unsafe fn to_python(&self) -> *mut ffi::PyObject {
        // SAFETY: attached (the caller's contract); PyBool_FromLong returns a new reference.
        unsafe { ffi::PyBool_FromLong(*self as std::os::raw::c_long) }
    }
}

macro_rules! signed_arg {
    ($($t:ty),*) => {$(
        impl PoolArg for $t {
            unsafe fn to_python(&self) -> *mut ffi::PyObject {
                // SAFETY: attached (the caller's contract); a new reference or null.
                unsafe { ffi::PyLong_FromLongLong(*self as i64) }
            }
        }
    )*};
}

macro_rules! unsigned_arg {
    ($($t:ty),*) => {$(
        impl PoolArg for $t {
            unsafe fn to_python(&self) -> *mut ffi::PyObject {
                // SAFETY: attached (the caller's contract); a new reference or null.
                unsafe { ffi::PyLong_FromUnsignedLongLong(*self as u64) }
            }
        }
    )*};
}

signed_arg!(i8, i16, i32, i64, isize);
unsigned_arg!(u8, u16, u32, u64, usize);

macro_rules! wide_arg {
    ($($t:ty),*) => {$(
        impl PoolArg for $t {
            unsafe fn to_python(&self) -> *mut ffi::PyObject {
                // Beyond 64 bits through the decimal text (no NUL inside, so the CString holds).
                let text = std::ffi::CString::new(self.to_string()).unwrap_or_default();
                // SAFETY: attached (the caller's contract); a new reference or null.
                unsafe { ffi::PyLong_FromString(text.as_ptr(), std::ptr::null_mut(), 10) }
            }
        }
    )*};
}

wide_arg!(i128, u128);

impl PoolArg for f64 {
    unsafe fn to_python(&self) -> *mut ffi::PyObject {
        // SAFETY: attached (the caller's contract); a new reference or null.
        unsafe { ffi::PyFloat_FromDouble(*self) }
    }
}

impl PoolArg for f32 {
    unsafe fn to_python(&self) -> *mut ffi::PyObject {
        // SAFETY: attached (the caller's contract); a new reference or null.
        unsafe { ffi::PyFloat_FromDouble(f64::from(*self)) }
    }
}

impl PoolArg for str {
    unsafe fn to_python(&self) -> *mut ffi::PyObject {
        // SAFETY: attached (the caller's contract); the pointer and length describe this
        // string's UTF-8 bytes, which CPython copies before returning.
        unsafe { ffi::PyUnicode_FromStringAndSize(self.as_ptr().cast(), self.len() as ffi::Py_ssize_t) }
    }
}

impl PoolArg for String {
    unsafe fn to_python(&self) -> *mut ffi::PyObject {
        // SAFETY: the caller's contract, passed on.
        unsafe { self.as_str().to_python() }
    }
}

impl PoolArg for PoolBytes<'_> {
    unsafe fn to_python(&self) -> *mut ffi::PyObject {
        // SAFETY: attached (the caller's contract); CPython copies the borrowed bytes.
        unsafe { ffi::PyBytes_FromStringAndSize(self.0.as_ptr().cast(), self.0.len() as ffi::Py_ssize_t) }
    }
}

impl<T: PoolArg> PoolArg for Option<T> {
    unsafe fn to_python(&self) -> *mut ffi::PyObject {
        match self {
            // SAFETY: the caller's contract, passed on.
            Some(value) => unsafe { value.to_python() },
            // SAFETY: attached; `None` is immortal (3.12+), the new reference is still counted.
            None => unsafe { ffi::Py_NewRef(ffi::Py_None()) },
        }
    }
}

impl<T: PoolArg> PoolArg for [T] {
    unsafe fn to_python(&self) -> *mut ffi::PyObject {
        // SAFETY: the caller's contract, passed on.
        unsafe { list_of(self.len(), |i| self[i].to_python()) }
    }
}

impl<T: PoolArg> PoolArg for Vec<T> {
    unsafe fn to_python(&self) -> *mut ffi::PyObject {
        // SAFETY: the caller's contract, passed on.
        unsafe { self.as_slice().to_python() }
    }
}

impl<S: AsRef<str>> PoolArg for PoolTexts<'_, S> {
    unsafe fn to_python(&self) -> *mut ffi::PyObject {
        // SAFETY: the caller's contract, passed on.
        unsafe { list_of(self.0.len(), |i| self.0[i].as_ref().to_python()) }
    }
}

/// A new list of `len` items, `item(i)` a new reference (or null with an exception).
///
/// # Safety
/// Attached to the interpreter the list is for; `item` makes objects of it.
unsafe fn list_of(len: usize, item: impl Fn(usize) -> *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: attached (the caller's contract). PyList_New gives a new list of `len` empty
    // slots; each is filled once with a new reference, which PyList_SetItem steals; on a
    // failed item the half-filled list is released (empty slots are allowed in a dealloc).
    unsafe {
        let list = ffi::PyList_New(len as ffi::Py_ssize_t);
        if list.is_null() {
            return list;
        }
        for i in 0..len {
            let object = item(i);
            if object.is_null() {
                ffi::Py_DECREF(list);
                return std::ptr::null_mut();
            }
            ffi::PyList_SetItem(list, i as ffi::Py_ssize_t, object);
        }
        list
    }
}

impl PoolValue for () {
    fn expected() -> String {
        "None".into()
    }

    unsafe fn from_python(object: *mut ffi::PyObject) -> Result<Self, String> {
        // SAFETY: attached (the caller's contract); Py_None is the interpreter's `None`.
        match unsafe { ffi::Py_IsNone(object) } != 0 {
            true => Ok(()),
            false => Err("expected None".into()),
        }
    }
}

impl PoolValue for bool {
    fn expected() -> String {
        "bool".into()
    }

    unsafe fn from_python(object: *mut ffi::PyObject) -> Result<Self, String> {
        // SAFETY: attached; compares with the interpreter's `True` and `False`.
        unsafe {
            match (ffi::Py_IsTrue(object) != 0, ffi::Py_IsFalse(object) != 0) {
                (true, _) => Ok(true),
                (_, true) => Ok(false),
                _ => Err("expected a bool".into()),
            }
        }
    }
}

macro_rules! int_value {
    ($($t:ty),*) => {$(
        impl PoolValue for $t {
            fn expected() -> String {
                "int".into()
            }

            unsafe fn from_python(object: *mut ffi::PyObject) -> Result<Self, String> {
                // SAFETY: attached (the caller's contract).
                let wide = unsafe { read_int(object)? };
                <$t>::try_from(wide).map_err(|_| "out of range integral type conversion attempted".to_string())
            }
        }
    )*};
}

int_value!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

macro_rules! wide_value {
    ($($t:ty),*) => {$(
        impl PoolValue for $t {
            fn expected() -> String {
                "int".into()
            }

            unsafe fn from_python(object: *mut ffi::PyObject) -> Result<Self, String> {
                // SAFETY: attached (the caller's contract); the int's decimal text, parsed.
                let text = unsafe { int_text(object)? };
                text.parse().map_err(|_| "out of range integral type conversion attempted".to_string())
            }
        }
    )*};
}

wide_value!(i128, u128);

/// `str(operator.index(object))`.
///
/// # Safety
/// Attached; `object` valid.
unsafe fn int_text(object: *mut ffi::PyObject) -> Result<String, String> {
    // SAFETY: attached; new references released after use; failures cleared.
    unsafe {
        let index = ffi::PyNumber_Index(object);
        if index.is_null() {
            ffi::PyErr_Clear();
            return Err("expected an int".into());
        }
        let text = ffi::PyObject_Str(index);
        ffi::Py_DECREF(index);
        let result = match text.is_null() {
            true => Err("expected an int".to_string()),
            false => String::from_python(text),
        };
        ffi::Py_XDECREF(text);
        ffi::PyErr_Clear();
        result
    }
}

/// An `int` (or an object with `__index__`, as pyo3 accepts) as an `i128`.
///
/// # Safety
/// Attached; `object` valid.
unsafe fn read_int(object: *mut ffi::PyObject) -> Result<i128, String> {
    // SAFETY: attached. PyNumber_Index returns a new reference to an exact-or-sub int, or null
    // with TypeError; the overflow flag form never raises for an int; the unsigned read is
    // tried only for values above i64's range, and its error is cleared.
    unsafe {
        let index = ffi::PyNumber_Index(object);
        if index.is_null() {
            ffi::PyErr_Clear();
            return Err("expected an int".into());
        }
        let mut overflow = 0;
        let value = ffi::PyLong_AsLongLongAndOverflow(index, &mut overflow);
        let result = match overflow {
            0 => Ok(i128::from(value)),
            1 => {
                let unsigned = ffi::PyLong_AsUnsignedLongLong(index);
                match unsigned == u64::MAX && !ffi::PyErr_Occurred().is_null() {
                    true => {
                        ffi::PyErr_Clear();
                        Err("out of range integral type conversion attempted".to_string())
                    }
                    false => Ok(i128::from(unsigned)),
                }
            }
            _ => Err("out of range integral type conversion attempted".to_string()),
        };
        ffi::Py_DECREF(index);
        result
    }
}

impl PoolValue for f64 {
    fn expected() -> String {
        "float".into()
    }

    unsafe fn from_python(object: *mut ffi::PyObject) -> Result<Self, String> {
        // SAFETY: attached. PyFloat_AsDouble accepts floats, `__float__` and `__index__`
        // objects (as pyo3's `f64` does), and signals failure with -1.0 and an exception.
        unsafe {
            let value = ffi::PyFloat_AsDouble(object);
            if value == -1.0 && !ffi::PyErr_Occurred().is_null() {
                ffi::PyErr_Clear();
                return Err("expected a float".into());
            }
            Ok(value)
        }
    }
}

impl PoolValue for f32 {
    fn expected() -> String {
        "float".into()
    }

    unsafe fn from_python(object: *mut ffi::PyObject) -> Result<Self, String> {
        // SAFETY: the caller's contract, passed on.
        unsafe { f64::from_python(object).map(|v| v as f32) }
    }
}

impl PoolValue for String {
    fn expected() -> String {
        "str".into()
    }

    unsafe fn from_python(object: *mut ffi::PyObject) -> Result<Self, String> {
        // SAFETY: attached. PyUnicode_AsUTF8AndSize returns a pointer into the str object's own
        // UTF-8 cache, valid while the object lives (the caller holds it) and copied here at
        // once; null (a lone surrogate) sets an exception, cleared.
        unsafe {
            if ffi::PyUnicode_Check(object) == 0 {
                return Err("expected a str".into());
            }
            let mut len = 0;
            let data = ffi::PyUnicode_AsUTF8AndSize(object, &mut len);
            if data.is_null() {
                ffi::PyErr_Clear();
                return Err("the str is not valid UTF-8 (a lone surrogate)".into());
            }
            let bytes = std::slice::from_raw_parts(data.cast::<u8>(), len as usize);
            Ok(String::from_utf8_lossy(bytes).into_owned())
        }
    }
}

impl PoolValue for PoolBytesOut {
    fn expected() -> String {
        "bytes".into()
    }

    unsafe fn from_python(object: *mut ffi::PyObject) -> Result<Self, String> {
        // SAFETY: attached; PyBytes_AsString points into the bytes object (alive, the caller
        // holds it) for PyBytes_Size bytes, copied at once.
        unsafe {
            if ffi::PyBytes_Check(object) == 0 {
                return Err("expected bytes".into());
            }
            let data = ffi::PyBytes_AsString(object);
            let len = ffi::PyBytes_Size(object) as usize;
            Ok(PoolBytesOut(std::slice::from_raw_parts(data.cast::<u8>(), len).to_vec()))
        }
    }
}

impl<T: PoolValue> PoolValue for Option<T> {
    fn expected() -> String {
        format!("{} | None", T::expected())
    }

    unsafe fn from_python(object: *mut ffi::PyObject) -> Result<Self, String> {
        // SAFETY: the caller's contract, passed on.
        unsafe {
            match ffi::Py_IsNone(object) != 0 {
                true => Ok(None),
                false => T::from_python(object).map(Some),
            }
        }
    }
}

impl<T: PoolValue> PoolValue for Vec<T> {
    fn expected() -> String {
        format!("list[{}]", T::expected())
    }

    unsafe fn from_python(object: *mut ffi::PyObject) -> Result<Self, String> {
        // SAFETY: attached. A list or tuple is read by index (PySequence_GetItem returns new
        // references, released after each item is read); `str` is refused, as pyo3 does.
        unsafe {
            if ffi::PyUnicode_Check(object) != 0 || (ffi::PyList_Check(object) == 0 && ffi::PyTuple_Check(object) == 0)
            {
                return Err("expected a list".into());
            }
            let len = ffi::PySequence_Size(object);
            let mut items = Vec::with_capacity(len.max(0) as usize);
            for i in 0..len {
                let item = ffi::PySequence_GetItem(object, i);
                if item.is_null() {
                    ffi::PyErr_Clear();
                    return Err(format!("item {i} could not be read"));
                }
                let value = T::from_python(item);
                ffi::Py_DECREF(item);
                items.push(value.map_err(|e| format!("item {i}: {e}"))?);
            }
            Ok(items)
        }
    }
}
