#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn apply(f: impl Fn(i64) -> i64) -> i64 {
        f(1)
    }
}

fn main() {}
