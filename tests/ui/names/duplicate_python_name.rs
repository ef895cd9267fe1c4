#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn f() {}

    #[py_embed(name = "f")]
    pub fn g() {}
}

fn main() {}
