#[pybridge::py_embed]
pub fn f() {}

fn main() {}
