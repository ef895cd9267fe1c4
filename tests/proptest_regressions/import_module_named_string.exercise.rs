pub fn __pt_m_37_1(obj: &self::String::Mod) -> ::std::result::Result<::std::option::Option<i64>, ::pybridge::Error> { obj.name() }
pub fn __pt_s_37_2(a0: ::std::option::Option<&::std::collections::HashMap<bool, ::std::vec::Vec<::std::collections::HashMap<bool, i64>>>>, a1: ::std::option::Option<&::pybridge::Object>, a2: f64, a3: ::std::option::Option<i64>) -> ::std::result::Result<::std::string::String, ::pybridge::Error> { self::String::Mod::total(a0, a1, a2, a3) }
pub fn __pt_m_37_3(obj: &self::String::Mod) -> ::std::result::Result<self::String::Mod, ::pybridge::Error> { obj.r#gen() }
pub fn __pt_get_37_4(obj: &self::String::Mod) -> ::std::result::Result<self::String::Mod, ::pybridge::Error> { obj.beta() }
pub fn __pt_set_37_5(obj: &self::String::Mod, v: &self::String::Mod) -> ::std::result::Result<(), ::pybridge::Error> { obj.set_beta(v) }
pub fn __pt_obj_37_6(obj: self::String::Mod) -> ::pybridge::Object { obj.into_object() }
pub fn __pt_f_37_7() -> ::std::result::Result<(), ::pybridge::Error> { self::String::beta() }
pub fn __pt_fa_37_8(py: ::pybridge::Python<'_>) -> ::std::result::Result<(), ::pybridge::Error> { self::String::attached::beta(py) }
