pub fn __pt_set(b: &self::m___SLOT__::Box, v: ::std::option::Option<i64>) -> ::std::result::Result<(), ::pybridge::Error> {
    b.set_size(v)
}
pub fn __pt_value(v: self::m___SLOT__::value) -> ::pybridge::Object {
    v.into_object()
}
