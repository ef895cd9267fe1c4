pub fn __pt_unit() -> ::std::result::Result<(), ::pybridge::Error> {
    self::m___SLOT__::unit()
}
pub fn __pt_nothing(t: &self::m___SLOT__::Thing) -> ::std::result::Result<(), ::pybridge::Error> {
    t.nothing()
}
