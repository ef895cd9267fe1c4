#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn first<'a>(x: &str) -> usize {
        x.len()
    }
}

fn main() {}
