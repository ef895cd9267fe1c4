#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn parse(_xs: Vec<String>) -> Vec<Result<i64, String>> {
        Vec::new()
    }
}

fn main() {}
