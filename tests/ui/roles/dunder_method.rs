#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct S {
        items: Vec<i64>,
    }

    #[py_embed]
    impl S {
        // pyo3 refuses a `signature` on protocol methods; `check` refuses the name first.
        pub fn __len__(&self) -> usize {
            self.items.len()
        }
    }
}

fn main() {}
