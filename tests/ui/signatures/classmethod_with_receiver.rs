// Python passes the class to a classmethod: it has no receiver.
#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct Unit;

    #[py_embed]
    impl Unit {
        #[py_embed(classmethod)]
        pub fn make(&self) -> Unit {
            Unit
        }
    }
}

fn main() {}
