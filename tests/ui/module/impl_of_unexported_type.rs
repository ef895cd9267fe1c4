#[pybridge::py_embed]
mod m {
    pub struct S;

    #[py_embed]
    impl S {
        pub fn f(&self) {}
    }
}

fn main() {}
