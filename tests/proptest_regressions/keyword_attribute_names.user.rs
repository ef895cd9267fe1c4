pub struct Holder {
    pub r#abstract: i64,
    pub self_: ::std::string::String,
    pub r#ref: ::std::vec::Vec<u8>,
}
