#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn total(items: impl Iterator<Item = i64>) -> i64 {
        items.sum()
    }
}

fn main() {}
