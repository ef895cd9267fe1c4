#[pybridge::py_embed]
mod m {
    #[py_embed(release_gil)]
    pub fn keep(x: pybridge::Object) -> pybridge::Object {
        x
    }
}

fn main() {}
