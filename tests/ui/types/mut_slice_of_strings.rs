#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub fn clear(out: &mut [String]) {
        out.iter_mut().for_each(String::clear);
    }
}

fn main() {}
