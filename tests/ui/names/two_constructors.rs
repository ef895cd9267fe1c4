#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct S {
        x: f64,
    }

    #[py_embed]
    impl S {
        pub fn new(x: f64) -> Self {
            S { x }
        }

        #[py_embed(constructor)]
        pub fn zero() -> Self {
            S { x: 0.0 }
        }
    }
}

fn main() {}
