pub fn __pt_echo(e: &Error) -> ::std::result::Result<Error, self::m___SLOT__::Error> {
    self::m___SLOT__::echo(e)
}
