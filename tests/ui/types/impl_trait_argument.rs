#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn show(value: impl std::fmt::Display) -> String {
        value.to_string()
    }
}

fn main() {}
