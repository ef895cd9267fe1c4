//! Value types import specs name beyond pyo3's own conversions: [`ByteArray`] (`bytearray`),
//! [`BigInt`] (`BigInt`, a Python `int` of any size), [`Complex64`] (`complex`); and the
//! helpers generated union enums use (`Literal[...]` members compared by value, any
//! `Mapping` read as a `HashMap`).

use std::collections::HashMap;
use std::hash::Hash;

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

/// A Python `int` of any size (an import spec's `BigInt`): `num_bigint::BigInt`, converted both
/// ways by pyo3.
///
/// ```
/// let big: pybridge::BigInt = pybridge::BigInt::from(1u64 << 40) * 1_000_000_000_000u64;
/// assert_eq!(big.to_string(), "1099511627776000000000000");
/// ```
pub use num_bigint::BigInt;

/// A Python `complex` (an import spec's `complex`): `num_complex::Complex<f64>`.
///
/// ```
/// let z = pybridge::Complex64::new(1.0, -2.0);
/// assert_eq!(z.norm_sqr(), 5.0);
/// ```
pub type Complex64 = num_complex::Complex<f64>;

/// The bytes of a Python `bytearray` (an import spec's `bytearray`): passed to Python as a new
/// `bytearray`, read from a `bytearray` or `bytes`. Dereferences to its `Vec<u8>`.
///
/// ```
/// let mut b = pybridge::ByteArray::from(vec![1, 2]);
/// b.push(3);
/// assert_eq!(&b[..], &[1, 2, 3]);
/// assert_eq!(Vec::from(b), vec![1, 2, 3]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ByteArray(pub Vec<u8>);

impl std::ops::Deref for ByteArray {
    type Target = Vec<u8>;
    fn deref(&self) -> &Vec<u8> {
        &self.0
    }
}

impl std::ops::DerefMut for ByteArray {
    fn deref_mut(&mut self) -> &mut Vec<u8> {
        &mut self.0
    }
}

impl From<Vec<u8>> for ByteArray {
    fn from(bytes: Vec<u8>) -> Self {
        ByteArray(bytes)
    }
}

impl From<&[u8]> for ByteArray {
    fn from(bytes: &[u8]) -> Self {
        ByteArray(bytes.to_vec())
    }
}

impl From<ByteArray> for Vec<u8> {
    fn from(bytes: ByteArray) -> Self {
        bytes.0
    }
}

impl<'py> IntoPyObject<'py> for ByteArray {
    type Target = PyByteArray;
    type Output = Bound<'py, PyByteArray>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyByteArray::new(py, &self.0))
    }
}

impl<'py> IntoPyObject<'py> for &ByteArray {
    type Target = PyByteArray;
    type Output = Bound<'py, PyByteArray>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyByteArray::new(py, &self.0))
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for ByteArray {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(array) = obj.cast::<PyByteArray>() {
            return Ok(ByteArray(array.to_vec()));
        }
        if let Ok(bytes) = obj.cast::<PyBytes>() {
            return Ok(ByteArray(bytes.as_bytes().to_vec()));
        }
        Err(type_error(obj, "bytearray"))
    }
}

/// A `TypeError` "expected {expected}, got {type}".
pub(crate) fn type_error(obj: pyo3::Borrowed<'_, '_, PyAny>, expected: &str) -> PyErr {
    let actual = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
    pyo3::exceptions::PyTypeError::new_err(format!("expected {expected}, got {actual}"))
}

/// Union enums: a member's value as a Python object.
#[inline]
pub fn union_into<'py, T: IntoPyObject<'py>>(py: Python<'py>, value: T) -> PyResult<Bound<'py, PyAny>> {
    match value.into_pyobject(py) {
        Ok(v) => Ok(pyo3::BoundObject::into_bound(pyo3::BoundObject::into_any(v))),
        Err(e) => Err(e.into()),
    }
}

/// Union enums: whether `obj` is the `str` literal `value`.
#[inline]
pub fn literal_str(obj: pyo3::Borrowed<'_, '_, PyAny>, value: &str) -> bool {
    obj.cast::<PyString>().is_ok_and(|s| s.to_str().is_ok_and(|s| s == value))
}

/// Union enums: whether `obj` is the `int` literal `value` (a `bool` is not: `Literal[1]`
/// does not take `True`).
#[inline]
pub fn literal_int(obj: pyo3::Borrowed<'_, '_, PyAny>, value: i64) -> bool {
    obj.is_instance_of::<pyo3::types::PyInt>()
        && !obj.is_instance_of::<pyo3::types::PyBool>()
        && obj.extract::<i64>().is_ok_and(|v| v == value)
}

/// Union enums: whether `obj` is the `bool` literal `value`.
#[inline]
pub fn literal_bool(obj: pyo3::Borrowed<'_, '_, PyAny>, value: bool) -> bool {
    obj.cast::<pyo3::types::PyBool>().is_ok_and(|b| b.is_true() == value)
}

/// Union enums: the `TypeError` of a value that is none of the members.
#[cold]
pub fn union_mismatch(obj: pyo3::Borrowed<'_, '_, PyAny>, expected: &str) -> PyErr {
    match obj.repr() {
        Ok(repr) => {
            let actual = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
            pyo3::exceptions::PyTypeError::new_err(format!("expected {expected}, got {actual} {repr}"))
        }
        Err(_) => type_error(obj, expected),
    }
}

/// Union enums: tries `T`; `None` when `obj` is not one.
#[inline]
pub fn union_try<'a, 'py, T: FromPyObject<'a, 'py>>(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> Option<T> {
    obj.extract::<T>().ok()
}

/// A `Mapping[K, V]` return: any mapping (a `dict` directly, anything else through its
/// `items()`), read as a `HashMap`.
#[derive(Debug)]
pub struct AnyMapping<K, V>(pub HashMap<K, V>);

impl<'a, 'py, K, V> FromPyObject<'a, 'py> for AnyMapping<K, V>
where
    K: for<'b> FromPyObject<'b, 'py> + Eq + Hash,
    V: for<'b> FromPyObject<'b, 'py>,
{
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<pyo3::types::PyDict>() {
            return obj.extract::<HashMap<K, V>>().map(AnyMapping);
        }
        let items = obj.call_method0(pyo3::intern!(obj.py(), "items")).map_err(|_| type_error(obj, "a mapping"))?;
        let mut map = HashMap::new();
        for item in items.try_iter()? {
            let item = item?;
            let k: K = item.get_item(0)?.extract().map_err(Into::<PyErr>::into)?;
            let v: V = item.get_item(1)?.extract().map_err(Into::<PyErr>::into)?;
            map.insert(k, v);
        }
        Ok(AnyMapping(map))
    }
}

/// JSON-like data (an import spec's `Json`): a `serde_json::Value` read from and passed as
/// Python's `None`, `bool`, `int`, `float`, `str`, `list` (or `tuple`) and `dict` with `str`
/// keys. Dereferences to its `Value`.
///
/// Reading refuses what JSON cannot hold, naming where it is (`[2]["when"]: datetime is not
/// JSON`): other types, non-`str` keys, NaN and infinities, integers outside `i64`/`u64`, and
/// nesting deeper than 256.
///
/// ```
/// let data = pybridge::Json(serde_json::json!({"a": [1, 2.5, null]}));
/// assert_eq!(data["a"][0], 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Json(pub serde_json::Value);

/// How deep [`Json`] values may nest.
const JSON_DEPTH: usize = 256;

impl std::ops::Deref for Json {
    type Target = serde_json::Value;
    fn deref(&self) -> &serde_json::Value {
        &self.0
    }
}

impl std::ops::DerefMut for Json {
    fn deref_mut(&mut self) -> &mut serde_json::Value {
        &mut self.0
    }
}

impl From<serde_json::Value> for Json {
    fn from(value: serde_json::Value) -> Self {
        Json(value)
    }
}

impl From<Json> for serde_json::Value {
    fn from(value: Json) -> Self {
        value.0
    }
}

impl<'py> IntoPyObject<'py> for &Json {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_python(py, &self.0, 0)
    }
}

impl<'py> IntoPyObject<'py> for Json {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_python(py, &self.0, 0)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Json {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let mut path = String::new();
        python_to_json(&obj, &mut path, 0).map(Json).map_err(|why| {
            pyo3::exceptions::PyTypeError::new_err(format!("{path}{}{why}", if path.is_empty() { "" } else { ": " }))
        })
    }
}

fn json_to_python<'py>(py: Python<'py>, value: &serde_json::Value, depth: usize) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    if depth > JSON_DEPTH {
        return Err(pyo3::exceptions::PyValueError::new_err(format!("JSON nested deeper than {JSON_DEPTH}")));
    }
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => pyo3::types::PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, None, Some(f)) => f.into_pyobject(py)?.into_any(),
            _ => return Err(pyo3::exceptions::PyValueError::new_err(format!("unrepresentable JSON number {n}"))),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = pyo3::types::PyList::empty(py);
            for item in items {
                list.append(json_to_python(py, item, depth + 1)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = pyo3::types::PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, json_to_python(py, v, depth + 1)?)?;
            }
            dict.into_any()
        }
    })
}

/// `obj` as JSON; on failure, `path` says where (`[2]["when"]`) and the error why.
fn python_to_json(obj: &Bound<'_, PyAny>, path: &mut String, depth: usize) -> Result<serde_json::Value, String> {
    use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyTuple};
    use serde_json::Value;
    if depth > JSON_DEPTH {
        return Err(format!("nested deeper than {JSON_DEPTH}"));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return obj.extract::<u64>().map(Value::from).map_err(|_| format!("{obj} is out of range for JSON's i64/u64"));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let f = f.value();
        return serde_json::Number::from_f64(f).map(Value::Number).ok_or_else(|| format!("{f} is not a JSON number"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_str().map(|s| Value::String(s.to_owned())).map_err(|e| e.to_string());
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, item) in obj.try_iter().map_err(|e| e.to_string())?.enumerate() {
            let item = item.map_err(|e| e.to_string())?;
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            out.push(python_to_json(&item, path, depth + 1)?);
            path.truncate(len);
        }
        return Ok(Value::Array(out));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in dict.iter() {
            let Ok(key) = k.cast::<PyString>() else {
                let kind = k.get_type().name().map(|n| n.to_string()).unwrap_or_default();
                return Err(format!("a {kind} key ({k}) is not JSON (keys are str)"));
            };
            let key = key.to_str().map_err(|e| e.to_string())?.to_owned();
            let len = path.len();
            path.push_str(&format!("[{key:?}]"));
            map.insert(key, python_to_json(&v, path, depth + 1)?);
            path.truncate(len);
        }
        return Ok(Value::Object(map));
    }
    let kind = obj.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    Err(format!("{kind} is not JSON"))
}
