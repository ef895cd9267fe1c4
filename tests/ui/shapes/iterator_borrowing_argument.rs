#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct Text {
        body: String,
    }

    #[py_embed]
    impl Text {
        pub fn matches(&self, word: &str) -> impl Iterator<Item = usize> {
            self.body.match_indices(word).map(|(i, _)| i)
        }
    }
}

fn main() {}
