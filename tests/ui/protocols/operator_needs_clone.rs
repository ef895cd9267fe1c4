// `impl Add for V` computes `a.clone() + b.clone()` (Python keeps both operands): `V` must be
// `Clone`, and rustc's message says so (or implement `Add<&V> for &V`).
#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct V {
        x: f64,
    }

    impl std::ops::Add for V {
        type Output = V;
        fn add(self, o: V) -> V {
            V { x: self.x + o.x }
        }
    }
}

fn main() {}
