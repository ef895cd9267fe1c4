// pyo3's rule: the signature lists every parameter, in the function's order.
#[pybridge::py_embed]
mod m {
    #[py_embed(signature = (a, b = 2))]
    pub fn add(a: i64, b: i64, c: i64) -> i64 {
        a + b + c
    }
}

fn main() {}
