#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn push(items: &mut Vec<i64>) {
        items.push(1);
    }
}

fn main() {}
