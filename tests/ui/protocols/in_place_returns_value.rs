// An in-place operator changes the object: `__iadd__` returns nothing.
#[pybridge::py_embed]
mod m {
    #[py_embed]
    #[derive(Clone)]
    pub struct Total(i64);

    #[py_embed]
    impl Total {
        pub fn __iadd__(&mut self, n: i64) -> Total {
            self.0 += n;
            self.clone()
        }
    }
}

fn main() {}
