#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn maker() -> impl Fn(i64) -> i64 {
        |x| x
    }
}

fn main() {}
