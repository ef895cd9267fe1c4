#[pybridge::py_embed]
mod m {
    #[py_embed(name = "lambda")]
    pub fn f() {}
}

fn main() {}
