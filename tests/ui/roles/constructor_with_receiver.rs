#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct S {
        x: f64,
    }

    #[py_embed]
    impl S {
        #[py_embed(constructor)]
        pub fn make(&self) -> Self {
            S { x: self.x }
        }
    }
}

fn main() {}
