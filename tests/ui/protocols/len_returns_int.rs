// `len()` needs a non-negative size: `__len__` returns `usize`.
#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct Bag;

    #[py_embed]
    impl Bag {
        pub fn __len__(&self) -> i64 {
            0
        }
    }
}

fn main() {}
