#[pybridge::py_embed]
mod m {
    #[py_embed]
    #[derive(Clone)]
    pub struct Point {
        x: f64,
    }

    #[py_embed]
    pub enum Shape {
        At(Point),
    }
}

fn main() {}
