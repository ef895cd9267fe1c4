#[pybridge::py_embed]
mod m {
    #[py_embed(release_gil)]
    pub fn run(f: impl Fn(i64) -> i64) -> i64 {
        f(1)
    }
}

fn main() {}
