// `impl Mul<f64> for V`: Python's `__mul__` from the trait needs both operands the class;
// a scalar operand is declared as a method (`fn __mul__(&self, k: f64) -> V`).
#[pybridge::py_embed]
mod m {
    #[py_embed]
    #[derive(Clone)]
    pub struct V {
        x: f64,
    }

    impl std::ops::Mul<f64> for V {
        type Output = V;
        fn mul(self, k: f64) -> V {
            V { x: self.x * k }
        }
    }
}

fn main() {}
