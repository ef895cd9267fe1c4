#[pybridge::py_embed]
mod m {
    #[py_embed(release_gil)]
    pub fn fill(out: &mut [f64], v: f64) {
        out.fill(v);
    }
}

fn main() {}
