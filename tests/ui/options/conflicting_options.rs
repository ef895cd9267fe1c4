#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct S {
        x: f64,
    }

    #[py_embed]
    impl S {
        #[py_embed(getter, setter)]
        pub fn x(&mut self) -> f64 {
            self.x
        }
    }
}

fn main() {}
