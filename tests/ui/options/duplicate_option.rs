#[pybridge::py_embed]
mod m {
    #[py_embed(name = "f", name = "g")]
    pub fn f() {}
}

fn main() {}
