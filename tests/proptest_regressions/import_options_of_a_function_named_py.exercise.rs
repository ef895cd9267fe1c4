pub fn __pt_py_1(o: self::m::PyOptions<'_>) -> ::std::result::Result<::std::string::String, ::pybridge::Error> { self::m::py_with(o) }
