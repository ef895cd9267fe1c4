#[pybridge::py_embed]
mod m {
    #[py_embed(base = "ValueError")]
    pub struct S {
        x: f64,
    }
}

fn main() {}
