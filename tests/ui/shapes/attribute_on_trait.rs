#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub trait Shape {
        fn area(&self) -> f64;
    }
}

fn main() {}
