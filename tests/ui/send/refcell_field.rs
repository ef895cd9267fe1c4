use std::cell::RefCell;

#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct S {
        cache: super::RefCell<Vec<f64>>,
    }
}

fn main() {}
