// A misspelt protocol is refused with the name it is close to.
#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct Bag;

    #[py_embed]
    impl Bag {
        pub fn __getitm__(&self, index: i64) -> i64 {
            index
        }
    }
}

fn main() {}
