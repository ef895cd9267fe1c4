// `*args` is not bound yet: refused at its token, never ignored.
#[pybridge::py_embed]
mod m {
    #[py_embed(signature = (a, *rest))]
    pub fn total(a: i64, rest: Vec<i64>) -> i64 {
        a + rest.iter().sum::<i64>()
    }
}

fn main() {}
