#[pybridge::py_embed]
mod m {
    #[py_embed(get)]
    pub fn f() {}
}

fn main() {}
