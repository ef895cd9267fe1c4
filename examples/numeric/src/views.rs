//! `numeric_views`: view classes declared with `#[py_embed]`. `Word<'a>` borrows the text it
//! was found in: a `Text` object's value (its `&self` methods return words), or a Python
//! `str` passed to [`numeric_views::split`] (read in place, no copy). Each word keeps what it
//! borrows alive; a `Text` refuses changes while any of its words lives.
//! (`specs/examples/regex_views.yaml` wraps the `regex` crate's `Match<'h>` the same way.)

use std::sync::atomic::{AtomicUsize, Ordering};

/// Words dropped so far (`Drop` runs exactly once per word).
pub static WORDS_DROPPED: AtomicUsize = AtomicUsize::new(0);

#[pybridge::py_embed]
pub mod numeric_views {
    use super::{Ordering, WORDS_DROPPED};

    /// A text owned by Python.
    #[py_embed]
    #[derive(Debug)]
    pub struct Text {
        body: String,
    }

    #[py_embed]
    impl Text {
        #[py_embed(constructor)]
        pub fn new(body: String) -> Self {
            Text { body }
        }

        /// The first word, borrowing this text.
        pub fn first_word(&self) -> Option<Word<'_>> {
            super::words_of(&self.body).next()
        }

        /// Every word, each borrowing this text.
        pub fn words(&self) -> Vec<Word<'_>> {
            super::words_of(&self.body).collect()
        }

        /// Appends `more` (refused while a word of this text lives).
        pub fn append(&mut self, more: &str) {
            self.body.push_str(more);
        }

        /// The whole text.
        #[py_embed(getter)]
        pub fn body(&self) -> &str {
            &self.body
        }

        /// Word `n` (from 0); `NoWord` past the last.
        pub fn word(&self, n: usize) -> Result<Word<'_>, NoWord> {
            super::words_of(&self.body).nth(n).ok_or(NoWord(n))
        }

        /// The words of any `str` (a static method borrowing its argument).
        pub fn words_in<'h>(text: &'h str) -> Vec<Word<'h>> {
            super::words_of(text).collect()
        }
    }

    /// No word at that position.
    #[py_embed(exception, base = "IndexError")]
    #[derive(Debug)]
    pub struct NoWord(pub usize);

    impl std::fmt::Display for NoWord {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "no word {}", self.0)
        }
    }

    /// A word and where it starts: a view into the text it was found in.
    #[py_embed]
    #[derive(Clone, Debug, PartialEq, PartialOrd, Hash)]
    pub struct Word<'a> {
        /// The word itself.
        #[py_embed(get)]
        pub text: &'a str,
        /// Where it starts, in bytes (a view's own fields may change; those that borrow may not).
        #[py_embed(get, set)]
        pub start: usize,
        pub rest: &'a str,
        pub offset: usize,
    }

    #[py_embed]
    impl<'a> Word<'a> {
        /// The word in capitals (a new string).
        pub fn upper(&self) -> String {
            self.text.to_uppercase()
        }

        /// The word (borrowed from the text; copied into a Python `str`).
        pub fn as_str(&self) -> &'a str {
            self.text
        }

        /// The next word of the same text: another view of the same borrow.
        pub fn next_word(&self) -> Option<Word<'a>> {
            let mut next = super::words_of(self.rest).next()?;
            next.start += self.offset;
            next.offset += self.offset;
            Some(next)
        }

        pub fn __len__(&self) -> usize {
            self.text.chars().count()
        }

        /// Drops the word's first `n` characters (a `&mut self` method of a view).
        pub fn skip(&mut self, n: usize) {
            let cut = self.text.char_indices().nth(n).map_or(self.text.len(), |(i, _)| i);
            self.text = &self.text[cut..];
            self.start += cut;
        }

        /// The vowels in the word, counted without the interpreter.
        #[py_embed(release_gil)]
        pub fn vowels(&self) -> usize {
            self.text.chars().filter(|c| "aeiouAEIOU".contains(*c)).count()
        }
    }

    impl Drop for Word<'_> {
        fn drop(&mut self) {
            WORDS_DROPPED.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The words of a Python `str`, read in place: each keeps the `str` alive.
    #[py_embed]
    pub fn split<'h>(text: &'h str) -> Vec<Word<'h>> {
        super::words_of(text).collect()
    }

    /// The first word of `bytes` (ASCII-only text), read in place.
    #[py_embed]
    pub fn first_ascii<'h>(data: &'h [u8]) -> Option<Word<'h>> {
        super::words_of(std::str::from_utf8(data).ok()?).next()
    }

    /// The first word of a `Text` passed as an argument (lent like a method's `self`).
    #[py_embed]
    pub fn first_of<'t>(text: &'t Text) -> Option<Word<'t>> {
        text.first_word()
    }

    /// Words dropped so far.
    #[py_embed]
    pub fn words_dropped() -> usize {
        WORDS_DROPPED.load(Ordering::Relaxed)
    }
}

/// The words of `text` (split on whitespace), with their byte offsets.
fn words_of(text: &str) -> impl Iterator<Item = numeric_views::Word<'_>> {
    let mut rest = text;
    let mut offset = 0;
    std::iter::from_fn(move || {
        let skipped = rest.len() - rest.trim_start().len();
        rest = &rest[skipped..];
        offset += skipped;
        if rest.is_empty() {
            return None;
        }
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = numeric_views::Word { text: &rest[..len], start: offset, rest: &rest[len..], offset: offset + len };
        rest = &rest[len..];
        offset += len;
        Some(word)
    })
}
