pub struct Matrix;

#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn det(_m: super::Matrix) -> f64 {
        0.0
    }
}

fn main() {}
