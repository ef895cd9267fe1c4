pub fn each(values: ::std::vec::Vec<i64>, f: impl Fn(i64) -> (), g: impl Fn()) {
    values.into_iter().for_each(f);
    g();
}
