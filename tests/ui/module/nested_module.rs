#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub mod inner {
        pub fn f() {}
    }
}

fn main() {}
