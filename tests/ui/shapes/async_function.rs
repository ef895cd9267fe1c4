#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub async fn later() -> i64 {
        1
    }
}

fn main() {}
