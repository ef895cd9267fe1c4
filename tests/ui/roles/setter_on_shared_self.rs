#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct S {
        x: f64,
    }

    #[py_embed]
    impl S {
        // A setter changes the value: `&self` cannot, so the option is refused, not ignored.
        #[py_embed(setter)]
        pub fn set_x(&self, x: f64) {
            let _ = (self.x, x);
        }
    }
}

fn main() {}
