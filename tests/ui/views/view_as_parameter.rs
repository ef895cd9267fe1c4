#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct Word<'a> {
        #[py_embed(get)]
        pub text: &'a str,
    }

    /// A view crosses only as a return: nothing would keep this one's text alive.
    #[py_embed]
    pub fn length(word: Word<'_>) -> usize {
        word.text.len()
    }
}

fn main() {}
