// The signature names the parameters in the function's order.
#[pybridge::py_embed]
mod m {
    #[py_embed(signature = (b, a))]
    pub fn sub(a: i64, b: i64) -> i64 {
        a - b
    }
}

fn main() {}
