#[pybridge::py_embed]
mod m {
    #[py_embed]
    #[py_embed(name = "g")]
    pub fn f() {}
}

fn main() {}
