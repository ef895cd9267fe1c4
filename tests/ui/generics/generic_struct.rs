#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct Stack<T> {
        items: Vec<T>,
    }
}

fn main() {}
