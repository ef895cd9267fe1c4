pub struct Wrapper<T>(T);

#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn wrap(x: super::Wrapper<i64>) -> i64 {
        x.0
    }
}

fn main() {}
