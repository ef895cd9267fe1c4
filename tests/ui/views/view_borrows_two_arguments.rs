#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct Word<'a> {
        #[py_embed(get)]
        pub text: &'a str,
    }

    /// Which argument would the word keep alive? Check asks for one.
    #[py_embed]
    pub fn longer<'h>(a: &'h str, b: &'h str) -> Word<'h> {
        Word { text: if a.len() >= b.len() { a } else { b } }
    }
}

fn main() {}
