pub fn __pt_mirror(d: &Delta) -> ::std::result::Result<Delta, ::pybridge::Error> {
    self::both___SLOT__::mirror(d)
}
pub fn __pt_mirror_attached(py: ::pybridge::Python<'_>, d: &Delta) -> ::std::result::Result<Delta, ::pybridge::Error> {
    self::both___SLOT__::attached::mirror(py, d)
}
