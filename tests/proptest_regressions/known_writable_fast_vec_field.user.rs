pub struct Series {
    pub ints: ::std::vec::Vec<i64>,
    pub floats: ::std::vec::Vec<f64>,
    pub names: ::std::vec::Vec<::std::string::String>,
}
