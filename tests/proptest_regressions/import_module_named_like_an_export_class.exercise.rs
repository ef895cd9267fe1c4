pub fn __pt_obj_21_1(obj: self::Error::Crate) -> ::pybridge::Object { obj.into_object() }
pub fn __pt_f_21_2(a0: ::std::option::Option<f64>, a1: ::std::option::Option<&::pybridge::Object>, a2: &str) -> ::std::result::Result<::std::vec::Vec<self::Error::Crate>, ::pybridge::Error> { self::Error::py(a0, a1, a2) }
pub fn __pt_fa_21_3(py: ::pybridge::Python<'_>, a0: ::std::option::Option<f64>, a1: ::std::option::Option<&::pybridge::Object>, a2: &str) -> ::std::result::Result<::std::vec::Vec<self::Error::Crate>, ::pybridge::Error> { self::Error::attached::py(py, a0, a1, a2) }
pub fn __pt_f_21_4(a0: &str, a1: ::std::option::Option<&self::Error::Crate>) -> ::std::result::Result<::std::string::String, ::pybridge::Error> { self::Error::gamma(a0, a1) }
pub fn __pt_fa_21_5(py: ::pybridge::Python<'_>, a0: &str, a1: ::std::option::Option<&self::Error::Crate>) -> ::std::result::Result<::std::string::String, ::pybridge::Error> { self::Error::attached::gamma(py, a0, a1) }
pub fn __pt_f_21_6(a0: ::std::option::Option<&self::Error::Crate>) -> ::std::result::Result<::std::string::String, ::pybridge::Error> { self::Error::r#dyn(a0) }
pub fn __pt_fa_21_7(py: ::pybridge::Python<'_>, a0: ::std::option::Option<&self::Error::Crate>) -> ::std::result::Result<::std::string::String, ::pybridge::Error> { self::Error::attached::r#dyn(py, a0) }
pub fn __pt_k_21_8() -> ::std::result::Result<::std::option::Option<(::std::string::String, ::std::option::Option<::pybridge::Object>)>, ::pybridge::Error> { self::Error::String() }
pub fn __pt_k_21_9() -> ::std::result::Result<::std::collections::HashSet<::std::string::String>, ::pybridge::Error> { self::Error::Count() }
