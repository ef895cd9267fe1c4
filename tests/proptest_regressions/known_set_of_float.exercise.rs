pub fn __pt_floats(k: &::std::collections::HashMap<f64, i64>) -> ::std::result::Result<::std::collections::HashSet<f64>, ::pybridge::Error> {
    self::m___SLOT__::floats(k)
}
