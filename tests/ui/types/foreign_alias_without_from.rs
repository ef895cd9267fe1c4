// A type alias exports nothing itself: `#[py_embed]` on one needs `from = "module"`, naming
// the pybridge module that exports the class.
#[pybridge::py_embed]
mod m {
    pub struct Point;

    #[py_embed]
    pub type Alias = Point;
}

fn main() {}
