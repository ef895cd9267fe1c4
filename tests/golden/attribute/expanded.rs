/// Fast math for Python.
mod fast {
    /// Adds two integers.
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }
    /// Parses a number.
    pub fn parse_number(text: &str) -> Result<f64, std::num::ParseFloatError> {
        text.parse()
    }
    pub fn helper() {}
    #[allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]
    const _: () = {
        ::pybridge::__private::fast_function!(
            __pb_fast_add, __pb_entry_add, call, (2, 2), | __pb_py, __pb_a |
            __pb_fn_add(__pb_py, __pb_a.get(0) ?, __pb_a.get(1) ?)
        );
        /// Adds two integers.
        #[::pybridge::__private::pyo3::pyfunction]
        #[pyo3(crate = "::pybridge::__private::pyo3", name = "add", signature = (a, b))]
        fn __pb_fn_add(
            __pb_py: ::pybridge::Python<'_>,
            a: i64,
            b: i64,
        ) -> ::pybridge::__private::pyo3::PyResult<i64> {
            let __pb_a0 = a;
            let __pb_a1 = b;
            let __pb_result = self::add(__pb_a0, __pb_a1);
            ::core::result::Result::Ok(__pb_result)
        }
        ::pybridge::__private::fast_function!(
            __pb_fast_parse, __pb_entry_parse, call, (1, 1), | __pb_py, __pb_a |
            __pb_fn_parse(__pb_py, __pb_a.get(0) ?)
        );
        /// Parses a number.
        #[::pybridge::__private::pyo3::pyfunction]
        #[pyo3(
            crate = "::pybridge::__private::pyo3",
            name = "parse",
            signature = (text)
        )]
        fn __pb_fn_parse(
            __pb_py: ::pybridge::Python<'_>,
            text: &str,
        ) -> ::pybridge::__private::pyo3::PyResult<f64> {
            let __pb_a0 = text;
            let __pb_result = self::parse_number(__pb_a0)
                .map_err(::pybridge::__private::into_pyerr)?;
            ::core::result::Result::Ok(__pb_result)
        }
        #[::pybridge::__private::pyo3::pymodule]
        #[pyo3(crate = "::pybridge::__private::pyo3", name = "fastmath")]
        fn __pb_init(
            __pb_module: &::pybridge::__private::pyo3::Bound<
                '_,
                ::pybridge::__private::pyo3::types::PyModule,
            >,
        ) -> ::pybridge::__private::pyo3::PyResult<()> {
            ::pybridge::__private::pyo3::types::PyAnyMethods::setattr(
                __pb_module.as_any(),
                "__doc__",
                "Fast math for Python.",
            )?;
            ::pybridge::__private::register_panic_exception(__pb_module)?;
            ::pybridge::__private::add_fast_function(
                __pb_module,
                ::pybridge::__private::pyo3::wrap_pyfunction!(__pb_fn_add, __pb_module)?,
                &__pb_fast_add,
            )?;
            ::pybridge::__private::add_fast_function(
                __pb_module,
                ::pybridge::__private::pyo3::wrap_pyfunction!(
                    __pb_fn_parse, __pb_module
                )?,
                &__pb_fast_parse,
            )?;
            ::core::result::Result::Ok(())
        }
    };
    ///The extension module `fastmath` linked into this binary: `pybridge::Interpreter::builder().embed(FASTMATH_MODULE)` makes `import fastmath` work in an embedded interpreter.
    #[allow(dead_code, non_snake_case)]
    pub const FASTMATH_MODULE: ::pybridge::ExportedModule = {
        unsafe extern "C" {
            fn PyInit_fastmath() -> *mut ::pybridge::__private::pyo3::ffi::PyObject;
        }
:: pybridge :: ExportedModule :: __new ("fastmath" , PyInit_fastmath)
    };
}
/// Classes, enums and exceptions.
mod geometry {
    /// A point.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Point {
        pub x: f64,
        pub y: f64,
    }
    impl Point {
        pub fn new(x: f64, y: f64) -> Self {
            Point { x, y }
        }
        pub fn norm(&self) -> f64 {
            (self.x * self.x + self.y * self.y).sqrt()
        }
        pub fn shift(&mut self, dx: f64) {
            self.x += dx;
        }
        pub fn slow_norm(&self, rounds: u64) -> f64 {
            (0..rounds).fold(0.0, |_, _| self.norm())
        }
        pub fn coordinates(&self) -> impl Iterator<Item = &f64> + '_ {
            [&self.x, &self.y].into_iter()
        }
    }
    impl std::ops::Add for Point {
        type Output = Point;
        fn add(self, o: Point) -> Point {
            Point {
                x: self.x + o.x,
                y: self.y + o.y,
            }
        }
    }
    impl std::ops::Neg for &Point {
        type Output = Point;
        fn neg(self) -> Point {
            Point { x: -self.x, y: -self.y }
        }
    }
    #[derive(Clone, Copy)]
    pub enum Axis {
        X,
        Y = 4,
    }
    #[derive(Debug)]
    pub struct BadPoint {
        pub code: i64,
    }
    pub fn origin() -> Point {
        Point { x: 0.0, y: 0.0 }
    }
    pub fn checked(x: f64) -> Result<Point, BadPoint> {
        if x.is_finite() { Ok(Point { x, y: 0.0 }) } else { Err(BadPoint { code: 1 }) }
    }
    pub fn steps(n: u64) -> impl Iterator<Item = Point> {
        (0..n).map(|i| Point { x: i as f64, y: 0.0 })
    }
    pub fn distance(a: &Point, b: Point, axis: Axis) -> f64 {
        match axis {
            Axis::X => (a.x - b.x).abs(),
            Axis::Y => (a.y - b.y).abs(),
        }
    }
    /// A view class: a word borrowing the text it was found in.
    pub struct Word<'a> {
        pub text: &'a str,
    }
    impl<'a> Word<'a> {
        pub fn as_str(&self) -> &'a str {
            self.text
        }
    }
    /// `Index`/`IndexMut`/`Iterator` impls give `__getitem__`/`__setitem__`/`__next__`.
    pub struct Cells {
        values: Vec<f64>,
    }
    impl std::ops::Index<usize> for Cells {
        type Output = f64;
        fn index(&self, i: usize) -> &f64 {
            &self.values[i]
        }
    }
    impl std::ops::IndexMut<usize> for Cells {
        fn index_mut(&mut self, i: usize) -> &mut f64 {
            &mut self.values[i]
        }
    }
    impl Iterator for Cells {
        type Item = f64;
        fn next(&mut self) -> Option<f64> {
            self.values.pop()
        }
    }
    pub fn first_word<'h>(text: &'h str) -> Option<Word<'h>> {
        text.split_whitespace().next().map(|text| Word { text })
    }
    #[allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]
    const _: () = {
        fn __pb_exc_BadPoint(
            py: ::pybridge::Python<'_>,
        ) -> ::pybridge::__private::pyo3::PyResult<
            &::pybridge::__private::pyo3::Bound<
                '_,
                ::pybridge::__private::pyo3::types::PyType,
            >,
        > {
            static __PB_TYPE: ::pybridge::__private::pyo3::sync::PyOnceLock<
                ::pybridge::__private::pyo3::Py<
                    ::pybridge::__private::pyo3::types::PyType,
                >,
            > = ::pybridge::__private::pyo3::sync::PyOnceLock::new();
            __PB_TYPE
                .get_or_try_init(
                    py,
                    || ::pybridge::PyErr::new_type(
                        py,
                        c"geometry.BadPoint",
                        ::core::option::Option::None,
                        ::core::option::Option::Some(
                            &py
                                .get_type::<
                                    ::pybridge::__private::pyo3::exceptions::PyValueError,
                                >(),
                        ),
                        ::core::option::Option::None,
                    ),
                )
                .map(|t| t.bind(py))
        }
        impl ::std::convert::From<BadPoint> for ::pybridge::PyErr {
            fn from(err: BadPoint) -> Self {
                ::pybridge::__private::build_pyerr(|py| {
                    let __pb_type = match __pb_exc_BadPoint(py) {
                        ::core::result::Result::Ok(t) => t,
                        ::core::result::Result::Err(e) => return e,
                    };
                    let __pb_message = ::pybridge::__private::str_of(&err);
                    match ::pybridge::__private::pyo3::types::PyAnyMethods::call1(
                        __pb_type.as_any(),
                        (__pb_message,),
                    ) {
                        ::core::result::Result::Ok(__pb_value) => {
                            let _ = ::pybridge::__private::pyo3::types::PyAnyMethods::setattr(
                                &__pb_value,
                                "code",
                                ::std::clone::Clone::clone(&err.code),
                            );
                            ::pybridge::PyErr::from_value(__pb_value)
                        }
                        ::core::result::Result::Err(e) => e,
                    }
                })
            }
        }
        /// A point.
        #[::pybridge::__private::pyo3::pyclass(
            crate = "::pybridge::__private::pyo3",
            name = "Point",
            module = "geometry",
            frozen
        )]
        struct __PbClass_Point {
            #[allow(dead_code)]
            inner: ::pybridge::__private::BorrowCell<
                ::pybridge::__private::Holder<Point>,
            >,
        }
        type __PbRet_Point = __PbClass_Point;
        #[allow(dead_code)]
        impl __PbClass_Point {
            const __PB_NAME: &'static str = "Point";
            fn __pb_wrap(__pb_value: Point) -> Self {
                Self {
                    inner: ::pybridge::__private::BorrowCell::new(
                        ::pybridge::__private::Holder::Owned(__pb_value),
                    ),
                }
            }
            fn __pb_share(__pb_value: ::std::sync::Arc<Point>) -> Self {
                Self {
                    inner: ::pybridge::__private::BorrowCell::new(
                        ::pybridge::__private::Holder::Shared(__pb_value),
                    ),
                }
            }
            #[inline]
            fn __pb_with<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl ::std::ops::FnOnce(
                    &Point,
                ) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                f(&*self.inner.value(py, "Point")?)
            }
            #[inline]
            fn __pb_with_mut<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl ::std::ops::FnOnce(
                    &mut Point,
                ) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                f(&mut *self.inner.value_mut(py, "Point")?)
            }
            fn __pb_shared(
                &self,
                py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<::std::sync::Arc<Point>> {
                self.inner.borrow_mut(py)?.share("Point")
            }
        }
        impl ::pybridge::__private::Published for __PbClass_Point {
            type Value = Point;
            fn lend_value<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl ::std::ops::FnOnce(
                    &Point,
                ) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                self.__pb_with(py, f)
            }
            fn adopt_value(
                py: ::pybridge::Python<'_>,
                value: Point,
            ) -> ::pybridge::__private::pyo3::PyResult<
                ::pybridge::__private::pyo3::Py<::pybridge::__private::pyo3::PyAny>,
            > {
                ::core::result::Result::Ok(
                    ::pybridge::__private::pyo3::Bound::new(py, Self::__pb_wrap(value))?
                        .into_any()
                        .unbind(),
                )
            }
        }
        #[::pybridge::__private::pyo3::pymethods(crate = "::pybridge::__private::pyo3")]
        impl __PbClass_Point {
            #[classattr]
            fn _pybridge_api(
                py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<
                ::pybridge::__private::pyo3::Bound<
                    '_,
                    ::pybridge::__private::pyo3::types::PyCapsule,
                >,
            > {
                ::pybridge::__private::publish_class::<Self>(py)
            }
            #[new]
            #[pyo3(signature = (x, y))]
            fn __pb_constructor(
                __pb_py: ::pybridge::Python<'_>,
                x: f64,
                y: f64,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbRet_Point> {
                let __pb_a0 = x;
                let __pb_a1 = y;
                let __pb_result = Point::new(__pb_a0, __pb_a1);
                ::core::result::Result::Ok(__PbClass_Point::__pb_wrap(__pb_result))
            }
            #[pyo3(name = "coordinates", signature = ())]
            fn __pb_m_coordinates(
                slf: &::pybridge::__private::pyo3::Bound<'_, Self>,
                __pb_py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<
                ::pybridge::__private::IterObject,
            > {
                let __pb_owner = slf
                    .try_borrow()?
                    .inner
                    .borrow_mut(slf.py())?
                    .lend(Self::__PB_NAME)?;
                let __pb_parent = ::pybridge::__private::pyo3::Bound::clone(slf)
                    .into_any()
                    .unbind();
                ::pybridge::__private::IterObject::lending(
                    __pb_owner,
                    __pb_parent,
                    |__pb_self| {
                        let __pb_result = __pb_self.coordinates();
                        ::core::result::Result::Ok(
                            ::pybridge::__private::next_of(
                                ::std::iter::Iterator::cloned(__pb_result),
                            ),
                        )
                    },
                )
            }
            #[getter]
            #[pyo3(name = "x")]
            #[inline(always)]
            fn __pb_get_x(
                &self,
                __pb_py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<f64> {
                let __pb_guard = self.inner.value(__pb_py, Self::__PB_NAME)?;
                let __pb_self = &*__pb_guard;
                ::core::result::Result::Ok(::std::clone::Clone::clone(&__pb_self.x))
            }
            #[setter]
            #[pyo3(name = "x")]
            #[inline(always)]
            fn __pb_set_x(
                &self,
                __pb_py: ::pybridge::Python<'_>,
                __pb_value: f64,
            ) -> ::pybridge::__private::pyo3::PyResult<()> {
                let mut __pb_guard = self.inner.value_mut(__pb_py, Self::__PB_NAME)?;
                let __pb_self = &mut *__pb_guard;
                __pb_self.x = __pb_value;
                ::core::result::Result::Ok(())
            }
            #[getter]
            #[pyo3(name = "y")]
            #[inline(always)]
            fn __pb_get_y(
                &self,
                __pb_py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<f64> {
                let __pb_guard = self.inner.value(__pb_py, Self::__PB_NAME)?;
                let __pb_self = &*__pb_guard;
                ::core::result::Result::Ok(::std::clone::Clone::clone(&__pb_self.y))
            }
            fn __repr__(
                &self,
                __pb_py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<::std::string::String> {
                self.__pb_with(
                    __pb_py,
                    |v| ::core::result::Result::Ok(::pybridge::__private::repr_of(v)),
                )
            }
            fn __copy__(
                &self,
                py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<::pybridge::Object> {
                let value = self
                    .__pb_with(
                        py,
                        |v| ::core::result::Result::Ok(
                            ::pybridge::__private::clone_of(v),
                        ),
                    )?;
                ::pybridge::__private::into_object(py, Self::__pb_wrap(value))
            }
            fn __deepcopy__(
                &self,
                py: ::pybridge::Python<'_>,
                memo: &::pybridge::__private::pyo3::Bound<
                    '_,
                    ::pybridge::__private::pyo3::PyAny,
                >,
            ) -> ::pybridge::__private::pyo3::PyResult<::pybridge::Object> {
                let _ = memo;
                self.__copy__(py)
            }
            fn __eq__(
                &self,
                __pb_py: ::pybridge::Python<'_>,
                other: ::pybridge::__private::pyo3::PyRef<'_, Self>,
            ) -> ::pybridge::__private::pyo3::PyResult<bool> {
                self.__pb_with(
                    __pb_py,
                    |a| {
                        other
                            .__pb_with(
                                __pb_py,
                                |b| ::core::result::Result::Ok(
                                    ::pybridge::__private::eq_of(a, b),
                                ),
                            )
                    },
                )
            }
            fn __add__(
                &self,
                py: ::pybridge::Python<'_>,
                other: ::pybridge::__private::pyo3::PyRef<'_, Self>,
            ) -> ::pybridge::__private::pyo3::PyResult<::pybridge::Object> {
                let __pb_value = self
                    .__pb_with(
                        py,
                        |a| {
                            other
                                .__pb_with(
                                    py,
                                    |b| ::core::result::Result::Ok(
                                        ::pybridge::__private::add_of(a, b),
                                    ),
                                )
                        },
                    )?;
                ::pybridge::__private::into_object(py, Self::__pb_wrap(__pb_value))
            }
            fn __neg__(
                &self,
                py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<::pybridge::Object> {
                let __pb_value = self
                    .__pb_with(
                        py,
                        |a| ::core::result::Result::Ok(
                            ::pybridge::__private::neg_ref_of(a),
                        ),
                    )?;
                ::pybridge::__private::into_object(py, Self::__pb_wrap(__pb_value))
            }
        }
        #[cfg(not(debug_assertions))]
        ::pybridge::__private::fast_constructor!(
            __pb_fastc_Point, __pb_entryc_Point, __PbClass_Point, (2, 2), | __pb_py,
            __pb_a | __PbClass_Point::__pb_constructor(__pb_py, __pb_a.get(0) ?, __pb_a
            .get(1) ?)
        );
        ::pybridge::__private::fast_method!(
            __pb_fastm_Point_norm, __pb_entrym_Point_norm, __PbClass_Point, noargs
            call_noargs, "norm", "norm($self)\n--\n\n", | __pb_py, __pb_this | { let
            __pb_guard = __pb_this.inner.value(__pb_py, __PbClass_Point::__PB_NAME) ?;
            let __pb_self = & * __pb_guard; let __pb_result = __pb_self.norm();
            ::core::result::Result::Ok(__pb_result) }
        );
        ::pybridge::__private::fast_method!(
            __pb_fastm_Point_shift, __pb_entrym_Point_shift, __PbClass_Point, call_unit,
            ("shift", ["dx"], 0, 1, 1), "shift($self, dx)\n--\n\n", | __pb_py, __pb_this,
            __pb_a | { let dx : f64 = __pb_a.get(0) ?; let mut __pb_guard = __pb_this
            .inner.value_mut(__pb_py, __PbClass_Point::__PB_NAME) ?; let __pb_self = &
            mut * __pb_guard; let __pb_a0 = dx; __pb_self.shift(__pb_a0);
            ::core::result::Result::Ok(()) }
        );
        ::pybridge::__private::fast_method!(
            __pb_fastm_Point_slow_norm, __pb_entrym_Point_slow_norm, __PbClass_Point,
            call, ("slow_norm", ["rounds"], 0, 1, 1), "slow_norm($self, rounds)\n--\n\n",
            | __pb_py, __pb_this, __pb_a | { let rounds : u64 = __pb_a.get(0) ?; let
            __pb_guard = __pb_this.inner.value(__pb_py, __PbClass_Point::__PB_NAME) ?;
            let __pb_self = & * __pb_guard; let __pb_a0 = rounds; let __pb_result =
            __pb_py.detach(move || __pb_self.slow_norm(__pb_a0));
            ::core::result::Result::Ok(__pb_result) }
        );
        #[cfg(not(debug_assertions))]
        ::pybridge::__private::fast_property!(
            __pb_fastp_Point_x, __pb_getp_Point_x, __PbClass_Point, get | __pb_py,
            __pb_this | __PbClass_Point::__pb_get_x(__pb_this, __pb_py),
            __pb_setp_Point_x, set f64, | __pb_py, __pb_this, __pb_v |
            __PbClass_Point::__pb_set_x(__pb_this, __pb_py, __pb_v)
        );
        #[cfg(not(debug_assertions))]
        ::pybridge::__private::fast_property!(
            __pb_fastp_Point_y, __pb_getp_Point_y, __PbClass_Point, get | __pb_py,
            __pb_this | __PbClass_Point::__pb_get_y(__pb_this, __pb_py)
        );
        /// A view class: a word borrowing the text it was found in.
        #[::pybridge::__private::pyo3::pyclass(
            crate = "::pybridge::__private::pyo3",
            name = "Word",
            module = "geometry",
            frozen
        )]
        struct __PbClass_Word {
            cell: ::pybridge::__private::BorrowCell<
                ::pybridge::__private::ViewCell<__PbView_Word>,
            >,
        }
        type __PbRet_Word = __PbClass_Word;
        /// The view's type for every lifetime.
        enum __PbView_Word {}
        impl ::pybridge::__private::ViewFamily for __PbView_Word {
            type View<'a> = Word<'a>;
        }
        #[allow(dead_code)]
        impl __PbClass_Word {
            const __PB_NAME: &'static str = "Word";
            fn __pb_view(cell: ::pybridge::__private::ViewCell<__PbView_Word>) -> Self {
                Self {
                    cell: ::pybridge::__private::BorrowCell::new(cell),
                }
            }
            #[inline]
            fn __pb_with<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl for<'a> ::std::ops::FnOnce(
                    &Word<'a>,
                ) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                self.cell.borrow(py)?.with("Word", f)
            }
            #[inline]
            fn __pb_with_mut<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl for<'a> ::std::ops::FnOnce(
                    &mut Word<'a>,
                ) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                self.cell.borrow_mut(py)?.with_mut("Word", f)
            }
            #[inline]
            fn __pb_with_lender<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl for<'a> ::std::ops::FnOnce(
                    &Word<'a>,
                    &::pybridge::__private::Lender<'a>,
                ) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                self.cell.borrow(py)?.with_lender("Word", f)
            }
            #[inline]
            fn __pb_with_pair<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                other: &Self,
                f: impl for<'a> ::std::ops::FnOnce(
                    &Word<'a>,
                    &Word<'a>,
                ) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                let (a, b) = (self.cell.borrow(py)?, other.cell.borrow(py)?);
                a.with_pair(&b, "Word", f)
            }
        }
        #[::pybridge::__private::pyo3::pymethods(crate = "::pybridge::__private::pyo3")]
        impl __PbClass_Word {
            #[pyo3(name = "as_str", signature = ())]
            #[cfg_attr(not(debug_assertions), inline(always))]
            fn __pb_m_as_str(
                &self,
                __pb_py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<::std::string::String> {
                self.__pb_with(
                    __pb_py,
                    |__pb_self| {
                        let __pb_result = __pb_self.as_str();
                        ::core::result::Result::Ok(
                            ::std::borrow::ToOwned::to_owned(__pb_result),
                        )
                    },
                )
            }
            #[getter]
            #[pyo3(name = "text")]
            #[inline(always)]
            fn __pb_get_text(
                &self,
                __pb_py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<::std::string::String> {
                self.__pb_with(
                    __pb_py,
                    |__pb_self| {
                        ::core::result::Result::Ok(
                            ::std::borrow::ToOwned::to_owned(
                                ::std::clone::Clone::clone(&__pb_self.text),
                            ),
                        )
                    },
                )
            }
            fn __traverse__(
                &self,
                visit: ::pybridge::__private::pyo3::PyVisit<'_>,
            ) -> ::core::result::Result<
                (),
                ::pybridge::__private::pyo3::PyTraverseError,
            > {
                match self.cell.for_traverse(&visit) {
                    ::core::option::Option::Some(__pb_cell) => __pb_cell.traverse(&visit),
                    ::core::option::Option::None => ::core::result::Result::Ok(()),
                }
            }
            fn __clear__(&self, __pb_py: ::pybridge::Python<'_>) {
                if let ::core::result::Result::Ok(mut __pb_cell) = self
                    .cell
                    .borrow_mut(__pb_py)
                {
                    __pb_cell.clear();
                }
            }
        }
        /// `Index`/`IndexMut`/`Iterator` impls give `__getitem__`/`__setitem__`/`__next__`.
        #[::pybridge::__private::pyo3::pyclass(
            crate = "::pybridge::__private::pyo3",
            name = "Cells",
            module = "geometry",
            frozen
        )]
        struct __PbClass_Cells {
            #[allow(dead_code)]
            inner: ::pybridge::__private::BorrowCell<
                ::pybridge::__private::Holder<Cells>,
            >,
        }
        type __PbRet_Cells = __PbClass_Cells;
        #[allow(dead_code)]
        impl __PbClass_Cells {
            const __PB_NAME: &'static str = "Cells";
            fn __pb_wrap(__pb_value: Cells) -> Self {
                Self {
                    inner: ::pybridge::__private::BorrowCell::new(
                        ::pybridge::__private::Holder::Owned(__pb_value),
                    ),
                }
            }
            fn __pb_share(__pb_value: ::std::sync::Arc<Cells>) -> Self {
                Self {
                    inner: ::pybridge::__private::BorrowCell::new(
                        ::pybridge::__private::Holder::Shared(__pb_value),
                    ),
                }
            }
            #[inline]
            fn __pb_with<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl ::std::ops::FnOnce(
                    &Cells,
                ) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                f(&*self.inner.value(py, "Cells")?)
            }
            #[inline]
            fn __pb_with_mut<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl ::std::ops::FnOnce(
                    &mut Cells,
                ) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                f(&mut *self.inner.value_mut(py, "Cells")?)
            }
            fn __pb_shared(
                &self,
                py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<::std::sync::Arc<Cells>> {
                self.inner.borrow_mut(py)?.share("Cells")
            }
        }
        impl ::pybridge::__private::Published for __PbClass_Cells {
            type Value = Cells;
            fn lend_value<__PbR>(
                &self,
                py: ::pybridge::Python<'_>,
                f: impl ::std::ops::FnOnce(
                    &Cells,
                ) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                self.__pb_with(py, f)
            }
            fn adopt_value(
                py: ::pybridge::Python<'_>,
                value: Cells,
            ) -> ::pybridge::__private::pyo3::PyResult<
                ::pybridge::__private::pyo3::Py<::pybridge::__private::pyo3::PyAny>,
            > {
                ::core::result::Result::Ok(
                    ::pybridge::__private::pyo3::Bound::new(py, Self::__pb_wrap(value))?
                        .into_any()
                        .unbind(),
                )
            }
        }
        #[::pybridge::__private::pyo3::pymethods(crate = "::pybridge::__private::pyo3")]
        impl __PbClass_Cells {
            #[classattr]
            fn _pybridge_api(
                py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<
                ::pybridge::__private::pyo3::Bound<
                    '_,
                    ::pybridge::__private::pyo3::types::PyCapsule,
                >,
            > {
                ::pybridge::__private::publish_class::<Self>(py)
            }
            #[pyo3(name = "__getitem__")]
            #[cfg_attr(not(debug_assertions), inline(always))]
            fn __pb_m___getitem__(
                &self,
                __pb_py: ::pybridge::Python<'_>,
                key: usize,
            ) -> ::pybridge::__private::pyo3::PyResult<f64> {
                let __pb_guard = self.inner.value(__pb_py, Self::__PB_NAME)?;
                let __pb_self = &*__pb_guard;
                let __pb_a0 = key;
                let __pb_result = ::pybridge::__private::index_get(__pb_self, __pb_a0)
                    .map_err(::pybridge::__private::into_pyerr)?;
                ::core::result::Result::Ok(__pb_result)
            }
            #[pyo3(name = "__next__")]
            #[cfg_attr(not(debug_assertions), inline(always))]
            fn __pb_m___next__(
                &self,
                __pb_py: ::pybridge::Python<'_>,
            ) -> ::pybridge::__private::pyo3::PyResult<::std::option::Option<f64>> {
                let mut __pb_guard = self.inner.value_mut(__pb_py, Self::__PB_NAME)?;
                let __pb_self = &mut *__pb_guard;
                let __pb_result = ::core::iter::Iterator::next(__pb_self);
                ::core::result::Result::Ok(__pb_result)
            }
            #[pyo3(name = "__setitem__")]
            #[cfg_attr(not(debug_assertions), inline(always))]
            fn __pb_m___setitem__(
                &self,
                __pb_py: ::pybridge::Python<'_>,
                key: usize,
                value: f64,
            ) -> ::pybridge::__private::pyo3::PyResult<()> {
                let mut __pb_guard = self.inner.value_mut(__pb_py, Self::__PB_NAME)?;
                let __pb_self = &mut *__pb_guard;
                let __pb_a0 = key;
                let __pb_a1 = value;
                ::pybridge::__private::index_set(__pb_self, __pb_a0, __pb_a1)
                    .map_err(::pybridge::__private::into_pyerr)?;
                ::core::result::Result::Ok(())
            }
            #[pyo3(name = "__iter__")]
            fn __pb_iter_self(
                slf: ::pybridge::__private::pyo3::PyRef<'_, Self>,
            ) -> ::pybridge::__private::pyo3::PyRef<'_, Self> {
                slf
            }
        }
        #[cfg(not(debug_assertions))]
        ::pybridge::__private::fast_slot!(
            getitem __pb_fasts_Cells_getitem, __pb_entrys_Cells_getitem, __PbClass_Cells,
            usize, | __pb_py, __pb_this, __pb_k |
            __PbClass_Cells::__pb_m___getitem__(__pb_this, __pb_py, __pb_k)
        );
        #[allow(deprecated)]
        static __PB_ENUM_Axis: ::pybridge::__private::EnumClass = ::pybridge::__private::EnumClass::new(::pybridge::__private::EnumSpec {
            module: "geometry",
            name: "Axis",
            doc: ::core::option::Option::None,
            int: true,
            members: &[("X", Axis::X as i64), ("Y", Axis::Y as i64)],
        });
        struct __PbClass_Axis {
            inner: Axis,
        }
        type __PbRet_Axis = __PbClass_Axis;
        #[allow(dead_code, deprecated)]
        impl __PbClass_Axis {
            fn __pb_wrap(__pb_value: Axis) -> Self {
                Self { inner: __pb_value }
            }
            #[inline]
            #[allow(dead_code)]
            fn __pb_with<__PbR>(
                &self,
                _py: ::pybridge::Python<'_>,
                f: impl ::std::ops::FnOnce(
                    &Axis,
                ) -> ::pybridge::__private::pyo3::PyResult<__PbR>,
            ) -> ::pybridge::__private::pyo3::PyResult<__PbR> {
                f(&self.inner)
            }
            fn __pb_position(&self) -> usize {
                match self.inner {
                    Axis::X => 0,
                    Axis::Y => 1,
                }
            }
            fn __pb_at(
                __pb_position: usize,
            ) -> ::pybridge::__private::pyo3::PyResult<Self> {
                ::core::result::Result::Ok(
                    Self::__pb_wrap(
                        match __pb_position {
                            0 => Axis::X,
                            1 => Axis::Y,
                            _ => {
                                return ::core::result::Result::Err(
                                    __PB_ENUM_Axis.no_variant(__pb_position),
                                );
                            }
                        },
                    ),
                )
            }
        }
        impl ::core::cmp::PartialEq for __PbClass_Axis {
            fn eq(&self, other: &Self) -> bool {
                self.__pb_position() == other.__pb_position()
            }
        }
        impl ::core::cmp::Eq for __PbClass_Axis {}
        impl ::core::hash::Hash for __PbClass_Axis {
            fn hash<__PbH: ::core::hash::Hasher>(&self, state: &mut __PbH) {
                ::core::hash::Hash::hash(&self.__pb_position(), state)
            }
        }
        impl ::core::cmp::PartialOrd for __PbClass_Axis {
            fn partial_cmp(
                &self,
                other: &Self,
            ) -> ::core::option::Option<::core::cmp::Ordering> {
                ::core::option::Option::Some(::core::cmp::Ord::cmp(self, other))
            }
        }
        impl ::core::cmp::Ord for __PbClass_Axis {
            fn cmp(&self, other: &Self) -> ::core::cmp::Ordering {
                ::core::cmp::Ord::cmp(&self.__pb_position(), &other.__pb_position())
            }
        }
        impl<'py> ::pybridge::__private::pyo3::IntoPyObject<'py> for __PbClass_Axis {
            type Target = ::pybridge::__private::pyo3::PyAny;
            type Output = ::pybridge::__private::pyo3::Bound<
                'py,
                ::pybridge::__private::pyo3::PyAny,
            >;
            type Error = ::pybridge::PyErr;
            fn into_pyobject(
                self,
                py: ::pybridge::Python<'py>,
            ) -> ::std::result::Result<Self::Output, Self::Error> {
                __PB_ENUM_Axis.member(py, self.__pb_position())
            }
        }
        impl<'a, 'py> ::pybridge::__private::pyo3::FromPyObject<'a, 'py>
        for __PbClass_Axis {
            type Error = ::pybridge::PyErr;
            fn extract(
                obj: ::pybridge::__private::pyo3::Borrowed<
                    'a,
                    'py,
                    ::pybridge::__private::pyo3::PyAny,
                >,
            ) -> ::std::result::Result<Self, Self::Error> {
                Self::__pb_at(__PB_ENUM_Axis.position_of(&obj)?)
            }
        }
        ::pybridge::__private::fast_function!(
            __pb_fast_origin, __pb_entry_origin, noargs call_noargs, | __pb_py |
            __pb_fn_origin(__pb_py,)
        );
        #[::pybridge::__private::pyo3::pyfunction]
        #[pyo3(crate = "::pybridge::__private::pyo3", name = "origin", signature = ())]
        fn __pb_fn_origin(
            __pb_py: ::pybridge::Python<'_>,
        ) -> ::pybridge::__private::pyo3::PyResult<__PbRet_Point> {
            let __pb_result = self::origin();
            ::core::result::Result::Ok(__PbClass_Point::__pb_wrap(__pb_result))
        }
        ::pybridge::__private::fast_function!(
            __pb_fast_checked, __pb_entry_checked, call, (1, 1), | __pb_py, __pb_a |
            __pb_fn_checked(__pb_py, __pb_a.get(0) ?)
        );
        #[::pybridge::__private::pyo3::pyfunction]
        #[pyo3(crate = "::pybridge::__private::pyo3", name = "checked", signature = (x))]
        fn __pb_fn_checked(
            __pb_py: ::pybridge::Python<'_>,
            x: f64,
        ) -> ::pybridge::__private::pyo3::PyResult<__PbRet_Point> {
            let __pb_a0 = x;
            let __pb_result = self::checked(__pb_a0)
                .map_err(::pybridge::__private::into_pyerr)?;
            ::core::result::Result::Ok(__PbClass_Point::__pb_wrap(__pb_result))
        }
        #[::pybridge::__private::pyo3::pyfunction]
        #[pyo3(crate = "::pybridge::__private::pyo3", name = "steps", signature = (n))]
        fn __pb_fn_steps(
            __pb_py: ::pybridge::Python<'_>,
            n: u64,
        ) -> ::pybridge::__private::pyo3::PyResult<::pybridge::__private::IterObject> {
            let __pb_a0 = n;
            let __pb_result = self::steps(__pb_a0);
            ::core::result::Result::Ok(
                ::pybridge::__private::IterObject::owned(
                    ::std::iter::Iterator::map(__pb_result, __PbClass_Point::__pb_wrap),
                ),
            )
        }
        #[::pybridge::__private::pyo3::pyfunction]
        #[pyo3(
            crate = "::pybridge::__private::pyo3",
            name = "distance",
            signature = (a, b, axis)
        )]
        fn __pb_fn_distance(
            __pb_py: ::pybridge::Python<'_>,
            a: ::pybridge::__private::pyo3::PyRef<'_, __PbClass_Point>,
            b: ::pybridge::__private::pyo3::PyRef<'_, __PbClass_Point>,
            axis: __PbClass_Axis,
        ) -> ::pybridge::__private::pyo3::PyResult<f64> {
            let __pb_a1 = b
                .__pb_with(
                    __pb_py,
                    |__pb_v| ::core::result::Result::Ok(
                        ::pybridge::__private::clone_of(__pb_v),
                    ),
                )?;
            let __pb_a2 = axis
                .__pb_with(
                    __pb_py,
                    |__pb_v| ::core::result::Result::Ok(
                        ::pybridge::__private::clone_of(__pb_v),
                    ),
                )?;
            a.__pb_with(
                __pb_py,
                |__pb_a0| {
                    let __pb_result = self::distance(__pb_a0, __pb_a1, __pb_a2);
                    ::core::result::Result::Ok(__pb_result)
                },
            )
        }
        #[::pybridge::__private::pyo3::pyfunction]
        #[pyo3(
            crate = "::pybridge::__private::pyo3",
            name = "first_word",
            signature = (text)
        )]
        fn __pb_fn_first_word(
            __pb_py: ::pybridge::Python<'_>,
            text: &::pybridge::__private::pyo3::Bound<
                '_,
                ::pybridge::__private::pyo3::types::PyString,
            >,
        ) -> ::pybridge::__private::pyo3::PyResult<
            ::core::option::Option<__PbRet_Word>,
        > {
            ::pybridge::__private::lend_str(
                text,
                |text, __pb_lender| {
                    let __pb_a0 = text;
                    let __pb_result = self::first_word(__pb_a0);
                    ::core::result::Result::Ok(
                        __pb_result
                            .map(|__pb_x0| __PbClass_Word::__pb_view(
                                __pb_lender.wrap(__pb_x0),
                            )),
                    )
                },
            )
        }
        #[::pybridge::__private::pyo3::pymodule]
        #[pyo3(crate = "::pybridge::__private::pyo3", name = "geometry")]
        fn __pb_init(
            __pb_module: &::pybridge::__private::pyo3::Bound<
                '_,
                ::pybridge::__private::pyo3::types::PyModule,
            >,
        ) -> ::pybridge::__private::pyo3::PyResult<()> {
            ::pybridge::__private::pyo3::types::PyAnyMethods::setattr(
                __pb_module.as_any(),
                "__doc__",
                "Classes, enums and exceptions.",
            )?;
            ::pybridge::__private::register_panic_exception(__pb_module)?;
            ::pybridge::__private::pyo3::types::PyModuleMethods::add(
                __pb_module,
                "BadPoint",
                __pb_exc_BadPoint(__pb_module.py())?,
            )?;
            ::pybridge::__private::pyo3::types::PyModuleMethods::add_class::<
                __PbClass_Point,
            >(__pb_module)?;
            ::pybridge::__private::add_fast_methods::<
                __PbClass_Point,
            >(
                __pb_module.py(),
                &[
                    &__pb_fastm_Point_norm,
                    &__pb_fastm_Point_shift,
                    &__pb_fastm_Point_slow_norm,
                ],
            )?;
            #[cfg(not(debug_assertions))]
            {
                ::pybridge::__private::add_fast_constructor::<
                    __PbClass_Point,
                >(__pb_module.py(), &__pb_fastc_Point)?;
                ::pybridge::__private::add_fast_property::<
                    __PbClass_Point,
                >(__pb_module.py(), "x", &__pb_fastp_Point_x)?;
                ::pybridge::__private::add_fast_property::<
                    __PbClass_Point,
                >(__pb_module.py(), "y", &__pb_fastp_Point_y)?;
            }
            ::pybridge::__private::pyo3::types::PyModuleMethods::add_class::<
                __PbClass_Word,
            >(__pb_module)?;
            ::pybridge::__private::pyo3::types::PyModuleMethods::add_class::<
                __PbClass_Cells,
            >(__pb_module)?;
            #[cfg(not(debug_assertions))]
            {
                ::pybridge::__private::add_fast_getitem::<
                    __PbClass_Cells,
                >(
                    __pb_module.py(),
                    &__pb_fasts_Cells_getitem,
                    __pb_entrys_Cells_getitem,
                )?;
            }
            ::pybridge::__private::pyo3::types::PyModuleMethods::add(
                __pb_module,
                "Axis",
                __PB_ENUM_Axis.class(__pb_module.py())?,
            )?;
            ::pybridge::__private::hide_orderings(
                &__pb_module.py().get_type::<__PbClass_Point>(),
            )?;
            ::pybridge::__private::add_fast_function(
                __pb_module,
                ::pybridge::__private::pyo3::wrap_pyfunction!(
                    __pb_fn_origin, __pb_module
                )?,
                &__pb_fast_origin,
            )?;
            ::pybridge::__private::add_fast_function(
                __pb_module,
                ::pybridge::__private::pyo3::wrap_pyfunction!(
                    __pb_fn_checked, __pb_module
                )?,
                &__pb_fast_checked,
            )?;
            ::pybridge::__private::pyo3::types::PyModuleMethods::add_function(
                __pb_module,
                ::pybridge::__private::pyo3::wrap_pyfunction!(
                    __pb_fn_steps, __pb_module
                )?,
            )?;
            ::pybridge::__private::pyo3::types::PyModuleMethods::add_function(
                __pb_module,
                ::pybridge::__private::pyo3::wrap_pyfunction!(
                    __pb_fn_distance, __pb_module
                )?,
            )?;
            ::pybridge::__private::pyo3::types::PyModuleMethods::add_function(
                __pb_module,
                ::pybridge::__private::pyo3::wrap_pyfunction!(
                    __pb_fn_first_word, __pb_module
                )?,
            )?;
            ::core::result::Result::Ok(())
        }
    };
    ///The extension module `geometry` linked into this binary: `pybridge::Interpreter::builder().embed(GEOMETRY_MODULE)` makes `import geometry` work in an embedded interpreter.
    #[allow(dead_code, non_snake_case)]
    pub const GEOMETRY_MODULE: ::pybridge::ExportedModule = {
        unsafe extern "C" {
            fn PyInit_geometry() -> *mut ::pybridge::__private::pyo3::ffi::PyObject;
        }
:: pybridge :: ExportedModule :: __new ("geometry" , PyInit_geometry)
    };
}
