//! The macros generated glue invokes, one line per class member; their expansion is here so the
//! generated file stays small.

/// Defines a method of the wrapper type `$wrapper` that pybridge registers itself (pyo3 has no
/// wrapper for it): its `static` [`FastMethod`] (with `$doc`, the docstring behind the text
/// signature) and its entry point, whose body calls the wrapper's plain method with
/// `$this: &$wrapper` and the arguments `$args` ([`MethodArgs`]). A call with keywords, or
/// with too few or too many arguments, is parsed by pyo3's parser with the method's name,
/// parameter names (`$names`), positional-only count and required count. Generated glue writes
/// one line per method; the expansion is here.
///
/// ```
/// # use pybridge::pyo3::prelude::*;
/// #[pyclass(frozen)]
/// struct Counter;
/// impl Counter {
///     fn zero(&self, _py: Python<'_>) -> PyResult<i64> {
///         Ok(0)
///     }
///     fn add(&self, _py: Python<'_>, a: i64) -> PyResult<i64> {
///         Ok(a)
///     }
/// }
/// pybridge::__private::fast_method!(ZERO, zero_entry, Counter, noargs call_noargs, "zero", "zero($self)\n--\n\n",
///     |py, this| this.zero(py));
/// pybridge::__private::fast_method!(ADD, add_entry, Counter, call, ("add", ["a"], 0, 1, 1),
///     "add($self, a)\n--\n\n", |py, this, args| this.add(py, args.get(0)?));
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! __pb_fast_method {
    ($fast:ident, $entry:ident, $wrapper:ty, noargs $call:ident, $name:literal, $doc:expr, |$py:ident, $this:ident| $body:expr) => {
        static $fast: $crate::__private::FastMethod =
            $crate::__private::FastMethod::new($crate::__private::FastEntry::NoArgs($entry), $name, $doc);
        // SAFETY (for the block below, whose lint the expansion allows): CPython calls a
        // `METH_NOARGS` method of `$wrapper`'s type attached, with `slf` an instance of it
        // (the descriptor checked), which is `run_noargs`'s and `this`'s contract.
        #[allow(clippy::undocumented_unsafe_blocks)]
        unsafe extern "C" fn $entry(
            slf: *mut $crate::__private::pyo3::ffi::PyObject,
            _: *mut $crate::__private::pyo3::ffi::PyObject,
        ) -> *mut $crate::__private::pyo3::ffi::PyObject {
            unsafe {
                $crate::__private::FastMethod::run_noargs(&mut |$py| {
                    let $this: &$wrapper = $crate::__private::FastMethod::this($py, slf);
                    $crate::__pb_fast_method!(@convert $call, $py, $body)
                })
            }
        }
    };
    ($fast:ident, $entry:ident, $wrapper:ty, $call:ident, ($name:literal, [$($param:literal),*], $positional_only:expr, $required:expr, $count:expr), $doc:expr, |$py:ident, $this:ident, $args:ident| $body:expr) => {
        static $fast: $crate::__private::FastMethod =
            $crate::__private::FastMethod::new($crate::__private::FastEntry::FastCall($entry), $name, $doc);
        // SAFETY (for the block below, whose lint the expansion allows): CPython calls a
        // `METH_FASTCALL | METH_KEYWORDS` method of `$wrapper`'s type attached, with `slf` an
        // instance of it (the descriptor checked), and its arguments pass through unchanged,
        // which is `run_call`'s and `this`'s contract.
        #[allow(clippy::undocumented_unsafe_blocks)]
        unsafe extern "C" fn $entry(
            slf: *mut $crate::__private::pyo3::ffi::PyObject,
            args: *const *mut $crate::__private::pyo3::ffi::PyObject,
            nargs: $crate::__private::pyo3::ffi::Py_ssize_t,
            kwnames: *mut $crate::__private::pyo3::ffi::PyObject,
        ) -> *mut $crate::__private::pyo3::ffi::PyObject {
            static SHAPE: $crate::__private::MethodShape = (<$wrapper as $crate::__private::pyo3::PyClass>::NAME, $name, &[$($param),*], $positional_only, $required, $count);
            // A plain function, not a closure: no closure shim per method. Inlined into
            // `run_call` in optimised builds (which is inlined here), not in a debug build.
            #[cfg_attr(not(debug_assertions), inline(always))]
            fn body(
                $py: $crate::Python<'_>,
                slf: *mut $crate::__private::pyo3::ffi::PyObject,
                $args: $crate::__private::MethodArgs<'_>,
            ) -> $crate::__private::pyo3::PyResult<*mut $crate::__private::pyo3::ffi::PyObject> {
                let $this: &$wrapper = unsafe { $crate::__private::FastMethod::this($py, slf) };
                $crate::__pb_fast_method!(@convert $call, $py, $body)
            }
            unsafe { $crate::__private::FastMethod::run_call((slf, args, nargs, kwnames), &SHAPE, body) }
        }
    };
    // The wrapper's `PyResult<R>` as a new reference: the value, or `None` for `()`.
    (@convert call_noargs, $py:ident, $body:expr) => {
        $crate::__private::FastMethod::value_ptr($py, $body)
    };
    (@convert call, $py:ident, $body:expr) => {
        $crate::__private::FastMethod::value_ptr($py, $body)
    };
    (@convert call_noargs_unit, $py:ident, $body:expr) => {
        $crate::__private::FastMethod::unit_ptr($py, $body)
    };
    (@convert call_unit, $py:ident, $body:expr) => {
        $crate::__private::FastMethod::unit_ptr($py, $body)
    };
}

/// Defines a fast property of `$wrapper`: a `static` [`FastProperty`], its getter entry calling
/// `$get` with `$this: &$wrapper`, and (with `set`) its setter entry calling `$set` with the
/// new value converted to `$ty` in place.
///
/// ```
/// # use pybridge::pyo3::prelude::*;
/// #[pyclass(frozen)]
/// struct Point;
/// impl Point {
///     fn x(&self, _py: Python<'_>) -> PyResult<i64> {
///         Ok(1)
///     }
/// }
/// pybridge::__private::fast_property!(X, x_get, Point, get |py, this| this.x(py));
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! __pb_fast_property {
    ($fast:ident, $get_entry:ident, $wrapper:ty, get |$py:ident, $this:ident| $get:expr) => {
        static $fast: $crate::__private::FastProperty =
            $crate::__private::FastProperty::new($get_entry, ::core::option::Option::None);
        $crate::__pb_fast_property!(@get $get_entry, $wrapper, |$py, $this| $get);
    };
    ($fast:ident, $get_entry:ident, $wrapper:ty, get |$py:ident, $this:ident| $get:expr,
     $set_entry:ident, set $ty:ty, |$spy:ident, $sthis:ident, $value:ident| $set:expr) => {
        static $fast: $crate::__private::FastProperty =
            $crate::__private::FastProperty::new($get_entry, ::core::option::Option::Some($set_entry));
        $crate::__pb_fast_property!(@get $get_entry, $wrapper, |$py, $this| $get);
        // SAFETY (for the block below, whose lint the expansion allows): CPython calls a getset
        // descriptor's setter of `$wrapper`'s type attached, with `slf` an instance of it (the
        // descriptor checked) and `value` a live object or null, which is `run_set`'s,
        // `this`'s and `FastArg::fast`'s contract (`fast` only for a non-null value).
        #[allow(clippy::undocumented_unsafe_blocks)]
        unsafe extern "C" fn $set_entry(
            slf: *mut $crate::__private::pyo3::ffi::PyObject,
            value: *mut $crate::__private::pyo3::ffi::PyObject,
            _: *mut ::core::ffi::c_void,
        ) -> ::core::ffi::c_int {
            unsafe {
                $fast.run_set(slf, value, &mut |$spy| {
                    if value.is_null() {
                        return ::core::option::Option::None;
                    }
                    let $value: $ty = $crate::__private::FastArg::fast(value)?;
                    let $sthis: &$wrapper = $crate::__private::FastMethod::this($spy, slf);
                    ::core::option::Option::Some($set)
                })
            }
        }
    };
    (@get $get_entry:ident, $wrapper:ty, |$py:ident, $this:ident| $get:expr) => {
        // SAFETY (for the block below, whose lint the expansion allows): CPython calls a getset
        // descriptor's getter of `$wrapper`'s type attached, with `slf` an instance of it (the
        // descriptor checked), which is `run_noargs`'s and `this`'s contract.
        #[allow(clippy::undocumented_unsafe_blocks)]
        unsafe extern "C" fn $get_entry(
            slf: *mut $crate::__private::pyo3::ffi::PyObject,
            _: *mut ::core::ffi::c_void,
        ) -> *mut $crate::__private::pyo3::ffi::PyObject {
            unsafe {
                $crate::__private::FastMethod::run_noargs(&mut |$py| {
                    let $this: &$wrapper = $crate::__private::FastMethod::this($py, slf);
                    $crate::__pb_fast_method!(@convert call_noargs, $py, $get)
                })
            }
        }
    };
}

/// Defines the direct constructor of `$wrapper`: a `static` [`FastConstructor`] and the class's
/// vectorcall entry point, whose body calls pyo3's `#[new]` wrapper with the converted
/// arguments and makes the object (`FastConstructor::instance`).
///
/// ```
/// # use pybridge::pyo3::prelude::*;
/// #[pyclass(frozen)]
/// struct Point(i64);
/// impl Point {
///     fn make(_py: Python<'_>, x: i64) -> PyResult<Self> {
///         Ok(Point(x))
///     }
/// }
/// pybridge::__private::fast_constructor!(NEW, new_entry, Point, (1, 1), |py, a| Point::make(py, a.get(0)?));
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! __pb_fast_constructor {
    ($fast:ident, $entry:ident, $wrapper:ty, ($required:expr, $count:expr), |$py:ident, $args:ident| $body:expr) => {
        static $fast: $crate::__private::FastConstructor = $crate::__private::FastConstructor::new(
            $entry,
            {
                // SAFETY (for the block below, whose lint the expansion allows): CPython calls a
                // type's `tp_alloc` attached with that type, `alloc`'s contract.
                #[allow(clippy::undocumented_unsafe_blocks)]
                unsafe extern "C" fn alloc(
                    tp: *mut $crate::__private::pyo3::ffi::PyTypeObject,
                    items: $crate::__private::pyo3::ffi::Py_ssize_t,
                ) -> *mut $crate::__private::pyo3::ffi::PyObject {
                    unsafe { $fast.free_list().alloc(tp, items) }
                }
                alloc
            },
            {
                // SAFETY (for the block below, whose lint the expansion allows): CPython calls a
                // type's `tp_free` attached with an instance being freed, `free`'s contract.
                #[allow(clippy::undocumented_unsafe_blocks)]
                unsafe extern "C" fn free(block: *mut ::core::ffi::c_void) {
                    unsafe { $fast.free_list().free(block) }
                }
                free
            },
        );
        // SAFETY (for the block below, whose lint the expansion allows): CPython calls a type's
        // vectorcall entry attached, with the type itself as `class` (the field is never
        // inherited) and its arguments passed through unchanged, which is `run_new`'s contract.
        #[allow(clippy::undocumented_unsafe_blocks)]
        unsafe extern "C" fn $entry(
            class: *mut $crate::__private::pyo3::ffi::PyObject,
            args: *const *mut $crate::__private::pyo3::ffi::PyObject,
            nargsf: usize,
            kwnames: *mut $crate::__private::pyo3::ffi::PyObject,
        ) -> *mut $crate::__private::pyo3::ffi::PyObject {
            let call = $crate::__private::RawCall { module: class, args, nargs: nargsf as isize, kwnames };
            unsafe {
                $fast.run_new(call, ($required, $count), &mut |$py, $args| {
                    ::core::option::Option::Some(
                        ($body)
                            .and_then(|__pb_v| $crate::__private::FastConstructor::instance::<$wrapper>($py, __pb_v)),
                    )
                })
            }
        }
    };
}

/// Defines a direct protocol slot of `$wrapper`: `len`, the `__len__` slot's entry calling
/// `$body` with `$this: &$wrapper`; `getitem`, a `static` [`FastSlot`] and the `mp_subscript`
/// entry converting the key to `$ty` in place (a key it cannot convert goes to pyo3's slot
/// function); or `binary`, the same for an operator's number slot, taking the call only when
/// the left operand is an instance of the class.
///
/// ```
/// # use pybridge::pyo3::prelude::*;
/// #[pyclass(frozen)]
/// struct Row(Vec<i64>);
/// impl Row {
///     fn len(&self, _py: Python<'_>) -> PyResult<usize> {
///         Ok(self.0.len())
///     }
///     fn at(&self, _py: Python<'_>, i: i64) -> PyResult<i64> {
///         Ok(self.0[i as usize])
///     }
/// }
/// pybridge::__private::fast_slot!(len len_entry, Row, |py, this| this.len(py));
/// pybridge::__private::fast_slot!(getitem AT, at_entry, Row, i64, |py, this, i| this.at(py, i));
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! __pb_fast_slot {
    (len $entry:ident, $wrapper:ty, |$py:ident, $this:ident| $body:expr) => {
        // SAFETY (for the block below, whose lint the expansion allows): CPython calls a type's
        // `mp_length`/`sq_length` attached with an instance of it or a subclass that inherits
        // the slot, which is `run_len`'s and `this`'s contract.
        #[allow(clippy::undocumented_unsafe_blocks)]
        unsafe extern "C" fn $entry(
            slf: *mut $crate::__private::pyo3::ffi::PyObject,
        ) -> $crate::__private::pyo3::ffi::Py_ssize_t {
            unsafe {
                $crate::__private::FastSlot::run_len(&mut |$py| {
                    let $this: &$wrapper = $crate::__private::FastMethod::this($py, slf);
                    $body
                })
            }
        }
    };
    (binary $fast:ident, $entry:ident, $wrapper:ty, $ty:ty, |$py:ident, $this:ident, $key:ident| $body:expr) => {
        $crate::__pb_fast_slot!(@keyed run_binary $fast, $entry, $wrapper, $ty, |$py, $this, $key| $body);
    };
    (getitem $fast:ident, $entry:ident, $wrapper:ty, $ty:ty, |$py:ident, $this:ident, $key:ident| $body:expr) => {
        $crate::__pb_fast_slot!(@keyed run_getitem $fast, $entry, $wrapper, $ty, |$py, $this, $key| $body);
    };
    (@keyed $run:ident $fast:ident, $entry:ident, $wrapper:ty, $ty:ty, |$py:ident, $this:ident, $key:ident| $body:expr) => {
        static $fast: $crate::__private::FastSlot = $crate::__private::FastSlot::new();
        // SAFETY (for the block below, whose lint the expansion allows): CPython calls a type's
        // `mp_subscript` or number slot attached with two live objects; `run_getitem` is called
        // only with an instance of the class (or of a subclass inheriting the slot) first, and
        // `run_binary` calls the body only when the first is one (it checks), which is
        // `this`'s contract; `FastArg::fast` takes the live second.
        #[allow(clippy::undocumented_unsafe_blocks)]
        unsafe extern "C" fn $entry(
            slf: *mut $crate::__private::pyo3::ffi::PyObject,
            key: *mut $crate::__private::pyo3::ffi::PyObject,
        ) -> *mut $crate::__private::pyo3::ffi::PyObject {
            unsafe {
                $fast.$run(slf, key, &mut |$py| {
                    let $key: $ty = $crate::__private::FastArg::fast(key)?;
                    let $this: &$wrapper = $crate::__private::FastMethod::this($py, slf);
                    ::core::option::Option::Some(
                        ($body).and_then(|__pb_v| $crate::__private::FastMethod::object_ptr($py, __pb_v)),
                    )
                })
            }
        }
    };
}
