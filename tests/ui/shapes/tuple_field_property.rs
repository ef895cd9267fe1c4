#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct S(#[py_embed(get)] f64);
}

fn main() {}
