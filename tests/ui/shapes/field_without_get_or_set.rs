#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct S {
        #[py_embed]
        x: f64,
    }
}

fn main() {}
