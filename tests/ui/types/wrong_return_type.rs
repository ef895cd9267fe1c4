#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn f() -> f64 {
        "not a float"
    }
}

fn main() {}
