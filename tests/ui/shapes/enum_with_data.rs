#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub enum Shape {
        Circle(f64),
    }
}

fn main() {}
