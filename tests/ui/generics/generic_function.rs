#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn first<T>(x: T) -> T {
        x
    }
}

fn main() {}
