#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct S {
        x: f64,
    }

    #[py_embed]
    impl S {
        #[py_embed(getter)]
        pub fn scaled(&self, by: f64) -> f64 {
            self.x * by
        }
    }
}

fn main() {}
