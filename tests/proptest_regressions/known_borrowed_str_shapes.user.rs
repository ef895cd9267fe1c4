pub fn name() -> &'static str {
    "x"
}
pub fn maybe(text: ::std::option::Option<&str>) -> ::std::option::Option<&str> {
    text
}
