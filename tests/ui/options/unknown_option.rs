#[pybridge::py_embed]
mod m {
    #[py_embed(nmae = "f")]
    pub fn f() {}
}

fn main() {}
