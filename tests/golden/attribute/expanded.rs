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
    const _: () = {
        /// Adds two integers.
        #[::pybridge::__private::pyo3::pyfunction]
        #[pyo3(crate = "::pybridge::__private::pyo3", name = "add", signature = (a, b))]
        fn __pb_fn_add(a: i64, b: i64) -> ::pybridge::__private::pyo3::PyResult<i64> {
            Ok(add(a, b))
        }
        /// Parses a number.
        #[::pybridge::__private::pyo3::pyfunction]
        #[pyo3(
            crate = "::pybridge::__private::pyo3",
            name = "parse",
            signature = (text)
        )]
        fn __pb_fn_parse(text: &str) -> ::pybridge::__private::pyo3::PyResult<f64> {
            parse_number(text).map_err(::pybridge::__private::into_pyerr)
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
            ::pybridge::__private::pyo3::types::PyModuleMethods::add_function(
                __pb_module,
                ::pybridge::__private::pyo3::wrap_pyfunction!(__pb_fn_add, __pb_module)?,
            )?;
            ::pybridge::__private::pyo3::types::PyModuleMethods::add_function(
                __pb_module,
                ::pybridge::__private::pyo3::wrap_pyfunction!(
                    __pb_fn_parse, __pb_module
                )?,
            )?;
            Ok(())
        }
    };
}
