#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct S {
        x: f64,
    }

    #[py_embed]
    impl S {
        pub fn into_x(self) -> f64 {
            self.x
        }
    }
}

fn main() {}
