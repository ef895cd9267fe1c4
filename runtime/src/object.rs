//! [`ObjectExt`]: reading, calling and iterating an untyped [`Object`] (an `Any` value of a
//! stub, JSON-like data) from any thread without touching pyo3: each method attaches by itself
//! and returns pybridge's [`Error`](crate::Error). For work inside one attach, bind the object
//! (`obj.bind(py)`) and use [`pyo3`](crate::pyo3) directly, the documented escape hatch.

use pyo3::call::PyCallArgs;
use pyo3::conversion::FromPyObjectOwned;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator};

use crate::error::{Error, Result};
use crate::{Object, try_attach};

/// Methods on [`Object`] that attach by themselves (the names differ from pyo3's own methods
/// on `Py<PyAny>`, which take a `Python` token).
///
/// ```
/// use pybridge::ObjectExt;
/// let types = pybridge::import("types")?;
/// let config = types.attr("SimpleNamespace")?.call_with(())?;
/// config.set_attr("name", "api")?;
/// config.set_attr("servers", vec!["a", "b"])?;
/// let name: String = config.attr("name")?.to()?;
/// assert_eq!(name, "api");
/// let servers: Vec<String> = config.attr("servers")?.iterate()?.map(|s| s?.str()).collect::<pybridge::Result<_>>()?;
/// assert_eq!(servers, ["a", "b"]);
/// assert!(config.is_instance_of("types", "SimpleNamespace")?);
/// # Ok::<(), pybridge::Error>(())
/// ```
pub trait ObjectExt {
    /// `obj.name`.
    ///
    /// ```
    /// use pybridge::ObjectExt;
    /// let pi: f64 = pybridge::import("math")?.attr("pi")?.to()?;
    /// assert!((pi - std::f64::consts::PI).abs() < 1e-15);
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    fn attr(&self, name: &str) -> Result<Object>;
    /// `obj.name = value`.
    ///
    /// ```
    /// use pybridge::ObjectExt;
    /// let ns = pybridge::import("types")?.attr("SimpleNamespace")?.call_with(())?;
    /// ns.set_attr("port", 8080)?;
    /// assert_eq!(ns.attr("port")?.to::<u16>()?, 8080);
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    fn set_attr<V>(&self, name: &str, value: V) -> Result<()>
    where
        V: for<'py> IntoPyObject<'py>;
    /// `obj(*args)`; `args` is a tuple of Rust values (`()`, `(1,)`, `("a", 2.0)`).
    ///
    /// ```
    /// use pybridge::ObjectExt;
    /// let max = pybridge::import("builtins")?.attr("max")?;
    /// assert_eq!(max.call_with((3, 9, 4))?.to::<i64>()?, 9);
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    fn call_with<A>(&self, args: A) -> Result<Object>
    where
        A: for<'py> PyCallArgs<'py>;
    /// `obj(*args, **kwargs)`, keyword arguments given as `(name, value)` pairs.
    ///
    /// ```
    /// use pybridge::ObjectExt;
    /// let sorted = pybridge::import("builtins")?.attr("sorted")?;
    /// let reverse = pybridge::to_object(true)?;
    /// let out: Vec<i64> = sorted.call_kw((vec![1, 3, 2],), &[("reverse", &reverse)])?.to()?;
    /// assert_eq!(out, [3, 2, 1]);
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    fn call_kw<A>(&self, args: A, kwargs: &[(&str, &Object)]) -> Result<Object>
    where
        A: for<'py> PyCallArgs<'py>;
    /// `obj.name(*args)`.
    ///
    /// ```
    /// use pybridge::ObjectExt;
    /// let text = pybridge::to_object("a,b")?;
    /// let parts: Vec<String> = text.call_method_with("split", (",",))?.to()?;
    /// assert_eq!(parts, ["a", "b"]);
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    fn call_method_with<A>(&self, name: &str, args: A) -> Result<Object>
    where
        A: for<'py> PyCallArgs<'py>;
    /// The object as a Rust value (`i64`, `String`, `Vec<f64>`, `HashMap<String, Object>`, a
    /// generated class handle…), or a conversion error naming both types.
    ///
    /// ```
    /// use pybridge::ObjectExt;
    /// let value = pybridge::to_object("not a number")?;
    /// let err = value.to::<i64>().unwrap_err();
    /// assert!(matches!(err.kind(), pybridge::ErrorKind::Conversion { .. }), "{err}");
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    fn to<T>(&self) -> Result<T>
    where
        T: for<'py> FromPyObjectOwned<'py>;
    /// `isinstance(obj, module.class)`, subclasses included (`module` is imported if needed).
    ///
    /// ```
    /// use pybridge::ObjectExt;
    /// let ordered = pybridge::import("collections")?.attr("OrderedDict")?.call_with(())?;
    /// assert!(ordered.is_instance_of("builtins", "dict")?);
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    fn is_instance_of(&self, module: &str, class: &str) -> Result<bool>;
    /// `iter(obj)`, read lazily: each `next` attaches, and yields the item or the error raised.
    ///
    /// ```
    /// use pybridge::ObjectExt;
    /// let range = pybridge::import("builtins")?.attr("range")?.call_with((3,))?;
    /// let items: Vec<i64> = range.iterate()?.map(|i| i?.to()).collect::<pybridge::Result<_>>()?;
    /// assert_eq!(items, [0, 1, 2]);
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    fn iterate(&self) -> Result<ObjectIter>;
    /// Another handle to the same object (a new strong reference; `Object` is not `Clone`,
    /// because counting needs the interpreter).
    ///
    /// ```
    /// use pybridge::ObjectExt;
    /// let list = pybridge::to_object(vec![1])?;
    /// let same = list.new_ref();
    /// same.call_method_with("append", (2,))?;
    /// assert_eq!(list.to::<Vec<i64>>()?, [1, 2]);
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    fn new_ref(&self) -> Object;
    /// `str(obj)`.
    ///
    /// ```
    /// use pybridge::ObjectExt;
    /// assert_eq!(pybridge::to_object(1.5)?.str()?, "1.5");
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    fn str(&self) -> Result<String>;
    /// `repr(obj)`.
    ///
    /// ```
    /// use pybridge::ObjectExt;
    /// assert_eq!(pybridge::to_object("x")?.repr()?, "'x'");
    /// # Ok::<(), pybridge::Error>(())
    /// ```
    fn repr(&self) -> Result<String>;
}

/// `import name`: the module as an [`Object`], to read with [`ObjectExt`].
///
/// ```
/// use pybridge::ObjectExt;
/// let sep: String = pybridge::import("os")?.attr("sep")?.to()?;
/// assert_eq!(sep, std::path::MAIN_SEPARATOR_STR);
/// # Ok::<(), pybridge::Error>(())
/// ```
pub fn import(name: &str) -> Result<Object> {
    attached(|py| py.import(name).map(|m| m.into_any().unbind()))
}

/// A Rust value as a Python [`Object`] (for [`ObjectExt::call_kw`] and containers of objects).
///
/// ```
/// use pybridge::ObjectExt;
/// let answer = pybridge::to_object(42)?;
/// assert_eq!(answer.repr()?, "42");
/// # Ok::<(), pybridge::Error>(())
/// ```
pub fn to_object<V>(value: V) -> Result<Object>
where
    V: for<'py> IntoPyObject<'py>,
{
    attached(|py| pyo3::IntoPyObjectExt::into_py_any(value, py))
}

/// Runs `f` attached, turning a Python exception into pybridge's [`Error`].
fn attached<R>(f: impl for<'py> FnOnce(Python<'py>) -> PyResult<R>) -> Result<R> {
    try_attach(|py| f(py).map_err(Error::from))?
}

impl ObjectExt for Object {
    fn attr(&self, name: &str) -> Result<Object> {
        attached(|py| self.bind(py).getattr(name).map(Bound::unbind))
    }

    fn set_attr<V>(&self, name: &str, value: V) -> Result<()>
    where
        V: for<'py> IntoPyObject<'py>,
    {
        attached(|py| {
            let value = pyo3::IntoPyObjectExt::into_bound_py_any(value, py)?;
            self.bind(py).setattr(name, value)
        })
    }

    fn call_with<A>(&self, args: A) -> Result<Object>
    where
        A: for<'py> PyCallArgs<'py>,
    {
        attached(|py| self.bind(py).call1(args).map(Bound::unbind))
    }

    fn call_kw<A>(&self, args: A, kwargs: &[(&str, &Object)]) -> Result<Object>
    where
        A: for<'py> PyCallArgs<'py>,
    {
        attached(|py| {
            let dict = PyDict::new(py);
            for (name, value) in kwargs {
                dict.set_item(name, value.bind(py))?;
            }
            self.bind(py).call(args, Some(&dict)).map(Bound::unbind)
        })
    }

    fn call_method_with<A>(&self, name: &str, args: A) -> Result<Object>
    where
        A: for<'py> PyCallArgs<'py>,
    {
        attached(|py| self.bind(py).call_method1(name, args).map(Bound::unbind))
    }

    fn to<T>(&self) -> Result<T>
    where
        T: for<'py> FromPyObjectOwned<'py>,
    {
        try_attach(|py| {
            let value = self.bind(py);
            value.extract::<T>().map_err(|e| {
                let actual = value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
                let err: PyErr = e.into();
                Error::conversion("Object::to", "value", std::any::type_name::<T>(), actual, err.to_string())
            })
        })?
    }

    fn is_instance_of(&self, module: &str, class: &str) -> Result<bool> {
        attached(|py| {
            let class = py.import(module)?.getattr(class)?;
            self.bind(py).is_instance(&class)
        })
    }

    fn iterate(&self) -> Result<ObjectIter> {
        attached(|py| self.bind(py).try_iter().map(|it| ObjectIter { iter: Some(it.unbind()) }))
    }

    fn new_ref(&self) -> Object {
        crate::handles::handle_clone(self)
    }

    fn str(&self) -> Result<String> {
        attached(|py| self.bind(py).str().map(|s| s.to_string_lossy().into_owned()))
    }

    fn repr(&self) -> Result<String> {
        attached(|py| self.bind(py).repr().map(|s| s.to_string_lossy().into_owned()))
    }
}

/// A Python iterator read from Rust ([`ObjectExt::iterate`]): each `next` attaches and yields
/// the next item, or the exception the iterator raised (after which it ends). `Send + Sync`.
///
/// ```
/// use pybridge::ObjectExt;
/// let squares = pybridge::import("builtins")?.attr("map")?.call_with((pybridge::import("math")?.attr("sqrt")?, vec![1.0, 4.0]))?;
/// let roots: Vec<f64> = squares.iterate()?.map(|item| item?.to::<f64>()).collect::<pybridge::Result<_>>()?;
/// assert_eq!(roots, [1.0, 2.0]);
/// # Ok::<(), pybridge::Error>(())
/// ```
#[derive(Debug)]
pub struct ObjectIter {
    iter: Option<Py<PyIterator>>,
}

impl Iterator for ObjectIter {
    type Item = Result<Object>;

    fn next(&mut self) -> Option<Result<Object>> {
        let iter = self.iter.as_ref()?;
        let step = try_attach(|py| iter.bind(py).clone().next().map(|r| r.map(Bound::unbind).map_err(Error::from)));
        let item = match step {
            Ok(item) => item,
            Err(e) => Some(Err(e)),
        };
        if !matches!(item, Some(Ok(_))) {
            self.iter = None;
        }
        item
    }
}

/// The lazy iterator an import stub returns for `Iterator[T]`, `Generator[T, …]` or
/// `Iterable[T]`: each `next` attaches, pulls one item and converts it to `T`; an exception the
/// Python iterator raises arrives as the module's error type `E` (sorted into its declared
/// exception variants), and ends the iteration, as does a conversion error. `Send + Sync`
/// (it holds only the Python iterator), so it may be read on any thread.
///
/// ```
/// // `numbers` comes from a stub: `- { name: numbers, returns: "Iterator[int]" }`.
/// fn total(numbers: pybridge::PyIter<i64>) -> pybridge::Result<i64> {
///     numbers.sum() // stops at the first error, and returns it
/// }
/// # let _ = total;
/// ```
pub struct PyIter<T, E = Error> {
    iter: Option<Py<PyIterator>>,
    function: &'static str,
    expected: &'static str,
    _items: std::marker::PhantomData<fn() -> (T, E)>,
}

impl<T, E> PyIter<T, E> {
    pub(crate) fn new(iter: Py<PyIterator>, function: &'static str, expected: &'static str) -> Self {
        PyIter { iter: Some(iter), function, expected, _items: std::marker::PhantomData }
    }
}

impl<T, E> PyIter<T, E>
where
    T: for<'py> FromPyObjectOwned<'py>,
    E: crate::__private::FromPyErr,
{
    /// The next item, on a thread that is attached already (`py`): no attach per item, so a
    /// loop inside `pybridge::attach` pays it once. The caller's exception state is its own
    /// (a pending exception is not moved aside, as the self-attaching `next` does).
    ///
    /// ```
    /// fn first_two(mut numbers: pybridge::PyIter<i64>) -> pybridge::Result<Vec<i64>> {
    ///     pybridge::attach(|py| [numbers.next_attached(py), numbers.next_attached(py)].into_iter().flatten().collect())
    /// }
    /// # let _ = first_two;
    /// ```
    pub fn next_attached(&mut self, py: Python<'_>) -> Option<std::result::Result<T, E>> {
        let iter = self.iter.as_ref()?;
        let item = match iter.bind(py).clone().next()? {
            Ok(item) => Some(crate::call::extract_item::<T>(&item, self.function, self.expected).map_err(E::from)),
            Err(e) => Some(Err(E::from_pyerr(py, e))),
        };
        if !matches!(item, Some(Ok(_))) {
            self.iter = None;
        }
        item
    }

    /// The items read with [`PyIter::next_attached`]: `for x in it.attached(py) { … }`.
    ///
    /// ```
    /// fn total(mut numbers: pybridge::PyIter<i64>) -> pybridge::Result<i64> {
    ///     pybridge::attach(|py| numbers.attached(py).sum()) // one attach for the whole loop
    /// }
    /// # let _ = total;
    /// ```
    pub fn attached<'a, 'py>(
        &'a mut self,
        py: Python<'py>,
    ) -> impl Iterator<Item = std::result::Result<T, E>> + use<'a, 'py, T, E> {
        std::iter::from_fn(move || self.next_attached(py))
    }
}

impl<T, E> std::fmt::Debug for PyIter<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PyIter").field("function", &self.function).field("done", &self.iter.is_none()).finish()
    }
}

impl<T, E> Iterator for PyIter<T, E>
where
    T: for<'py> FromPyObjectOwned<'py>,
    E: crate::__private::FromPyErr,
{
    type Item = std::result::Result<T, E>;

    fn next(&mut self) -> Option<std::result::Result<T, E>> {
        let iter = self.iter.as_ref()?;
        let (function, expected) = (self.function, self.expected);
        let step = try_attach(|py| match iter.bind(py).clone().next()? {
            Ok(item) => Some(crate::call::extract_item::<T>(&item, function, expected).map_err(E::from)),
            Err(e) => Some(Err(E::from_pyerr(py, e))),
        });
        let item = match step {
            Ok(item) => item,
            Err(e) => Some(Err(E::from(e))),
        };
        if !matches!(item, Some(Ok(_))) {
            self.iter = None;
        }
        item
    }
}

/// A Python callable an import stub returned for `Callable[[A, B], R]`: `call((a, b))` attaches,
/// calls it with the converted arguments and converts its result to `R`; an exception it raises
/// arrives as the module's error type `E`. `Send + Sync` (it holds only the Python object).
///
/// ```
/// // `scale` comes from a stub: `- { name: scaler, returns: "Callable[[float], float]" }`.
/// fn apply(scale: &pybridge::PyFn<(f64,), f64>) -> pybridge::Result<f64> {
///     scale.call((2.5,))
/// }
/// # let _ = apply;
/// ```
pub struct PyFn<A, R, E = Error> {
    callable: Object,
    function: &'static str,
    expected: &'static str,
    _signature: std::marker::PhantomData<fn(A) -> (R, E)>,
}

impl<A, R, E> PyFn<A, R, E> {
    pub(crate) fn new(callable: Object, function: &'static str, expected: &'static str) -> Self {
        PyFn { callable, function, expected, _signature: std::marker::PhantomData }
    }

    /// The callable itself.
    ///
    /// ```
    /// use pybridge::ObjectExt;
    /// fn name_of(f: &pybridge::PyFn<(f64,), f64>) -> pybridge::Result<String> {
    ///     f.as_object().attr("__name__")?.to()
    /// }
    /// # let _ = name_of;
    /// ```
    pub fn as_object(&self) -> &Object {
        &self.callable
    }
}

impl<A, R, E> PyFn<A, R, E>
where
    A: for<'py> PyCallArgs<'py>,
    R: for<'py> FromPyObjectOwned<'py>,
    E: crate::__private::FromPyErr,
{
    /// Calls it: `args` is the tuple of its parameters (`(a, b)`, `(a,)`, `()`).
    ///
    /// ```
    /// fn both(add: &pybridge::PyFn<(i64, i64), i64>) -> pybridge::Result<i64> {
    ///     add.call((2, 3))
    /// }
    /// # let _ = both;
    /// ```
    pub fn call(&self, args: A) -> std::result::Result<R, E> {
        let (function, expected) = (self.function, self.expected);
        let outcome = try_attach(|py| match self.callable.bind(py).call1(args) {
            Ok(value) => {
                crate::call::extract_value::<R>(&value, function, "callable's result", expected).map_err(E::from)
            }
            Err(e) => Err(E::from_pyerr(py, e)),
        });
        outcome.map_err(E::from)?
    }
}

impl<A, R, E> std::fmt::Debug for PyFn<A, R, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PyFn").field("returned_by", &self.function).finish_non_exhaustive()
    }
}
