#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn length(x: &'static str) -> usize {
        x.len()
    }
}

fn main() {}
