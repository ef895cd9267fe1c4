use std::rc::Rc;

#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct S {
        shared: super::Rc<f64>,
    }
}

fn main() {}
