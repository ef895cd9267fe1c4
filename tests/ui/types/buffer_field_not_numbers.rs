#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct Names {
        #[py_embed(buffer)]
        pub names: Vec<String>,
    }
}

fn main() {}
