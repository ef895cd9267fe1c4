//! The Rust items behind `specs/view_shapes.yaml`: every shape a view class may take, so the
//! tests crate's build compiles each one (what `check` accepts compiles), and
//! `tests/tests/view_shapes.rs` calls them from the embedded interpreter. `attr` declares the
//! same shapes with `#[py_embed]`.

use std::fmt;

/// A document owning its text.
#[derive(Debug)]
pub struct Doc {
    text: String,
}

/// No span at that position.
#[derive(Debug)]
pub struct NoSpan(pub usize);

impl fmt::Display for NoSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no span {}", self.0)
    }
}

impl Doc {
    /// A document.
    pub fn new(text: String) -> Doc {
        Doc { text }
    }
    /// The whole text as a span.
    pub fn whole(&self) -> Span<'_> {
        Span::at(&self.text, 0)
    }
    /// Span `n`, if any.
    pub fn maybe(&self, n: usize) -> Option<Span<'_>> {
        spans(&self.text).nth(n)
    }
    /// Every span.
    pub fn all(&self) -> Vec<Span<'_>> {
        spans(&self.text).collect()
    }
    /// Span `n`, or `NoSpan`.
    pub fn checked(&self, n: usize) -> Result<Span<'_>, NoSpan> {
        spans(&self.text).nth(n).ok_or(NoSpan(n))
    }
    /// A span of another text.
    pub fn of_str<'h>(&self, s: &'h str) -> Span<'h> {
        Span::at(s, self.text.len())
    }
    /// The first span of some bytes.
    pub fn of_bytes<'h>(&self, b: &'h [u8]) -> Option<Span<'h>> {
        std::str::from_utf8(b).ok().map(|s| Span::at(s, 0))
    }
    /// The first span of another document.
    pub fn of_doc<'d>(&self, other: &'d Doc) -> Span<'d> {
        other.whole()
    }
    /// Every span of a `str` (static).
    pub fn lookup<'h>(s: &'h str) -> Vec<Span<'h>> {
        spans(s).collect()
    }
}

/// A word and its position: borrows its text.
#[derive(Clone, Debug, PartialEq, PartialOrd, Hash)]
pub struct Span<'a> {
    /// The word.
    pub text: &'a str,
    /// Its position.
    pub n: usize,
}

impl fmt::Display for Span<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.text, self.n)
    }
}

impl<'a> Span<'a> {
    fn at(text: &'a str, n: usize) -> Span<'a> {
        Span { text, n }
    }
    /// The word.
    pub fn word(&self) -> &'a str {
        self.text
    }
    /// The word, unless empty.
    pub fn maybe_word(&self) -> Option<&'a str> {
        (!self.text.is_empty()).then_some(self.text)
    }
    /// Its characters as strings.
    pub fn letters(&self) -> Vec<&'a str> {
        self.text.split("").filter(|s| !s.is_empty()).collect()
    }
    /// The same span again.
    pub fn again(&self) -> Span<'a> {
        self.clone()
    }
    /// Its halves.
    pub fn halves(&self) -> Vec<Span<'a>> {
        let mid = self.text.len() / 2;
        vec![Span::at(&self.text[..mid], self.n), Span::at(&self.text[mid..], self.n + mid)]
    }
    /// Moves it one position on.
    pub fn bump(&mut self) {
        self.n += 1;
    }
    /// Its length.
    pub fn len(&self) -> usize {
        self.text.len()
    }
    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
    /// Counted without the interpreter.
    pub fn slow(&self) -> usize {
        self.text.chars().count()
    }
}

/// `extend: true` on a view: the span first.
pub fn span_end(s: &Span<'_>) -> usize {
    s.n + s.text.len()
}

/// A span of a `str` (a free function).
pub fn free_span<'h>(s: &'h str) -> Span<'h> {
    Span::at(s, 0)
}

/// The elided form: the one borrowed parameter.
pub fn elided(s: &str) -> Option<Span<'_>> {
    spans(s).next()
}

/// The first span of a document (elided, the `&Doc` parameter).
pub fn doc_first(d: &Doc) -> Option<Span<'_>> {
    d.maybe(0)
}

fn spans(text: &str) -> impl Iterator<Item = Span<'_>> {
    let mut n = 0;
    text.split(' ').map(move |w| {
        let s = Span::at(w, n);
        n += w.len() + 1;
        s
    })
}

/// The same shapes declared with `#[py_embed]` (the attribute front end).
#[pybridge::py_embed]
pub mod attr_views {
    /// A document owning its text.
    #[py_embed]
    #[derive(Debug)]
    pub struct Page {
        text: String,
    }

    #[py_embed]
    impl Page {
        #[py_embed(constructor)]
        pub fn new(text: String) -> Page {
            Page { text }
        }
        #[py_embed(getter)]
        pub fn whole(&self) -> Mark<'_> {
            Mark { text: &self.text, n: 0 }
        }
        pub fn maybe(&self, n: usize) -> Option<Mark<'_>> {
            self.text.split(' ').nth(n).map(|text| Mark { text, n })
        }
        pub fn all(&self) -> Vec<Mark<'_>> {
            self.text.split(' ').enumerate().map(|(n, text)| Mark { text, n }).collect()
        }
        pub fn of_bytes<'h>(&self, b: &'h [u8]) -> Option<Mark<'h>> {
            std::str::from_utf8(b).ok().map(|text| Mark { text, n: 0 })
        }
        pub fn lookup<'h>(s: &'h str) -> Vec<Mark<'h>> {
            s.split(' ').enumerate().map(|(n, text)| Mark { text, n }).collect()
        }
    }

    /// A word of a page.
    #[py_embed(subclass, weakref)]
    #[derive(Clone, Debug, PartialEq, PartialOrd, Hash)]
    pub struct Mark<'a> {
        #[py_embed(get)]
        pub text: &'a str,
        #[py_embed(get, set)]
        pub n: usize,
    }

    #[py_embed]
    impl<'a> Mark<'a> {
        pub fn word(&self) -> &'a str {
            self.text
        }
        pub fn again(&self) -> Mark<'a> {
            self.clone()
        }
        pub fn bump(&mut self) {
            self.n += 1;
        }
        pub fn __len__(&self) -> usize {
            self.text.len()
        }
        pub fn __getitem__(&self, i: usize) -> Option<char> {
            self.text.chars().nth(i)
        }
    }

    #[py_embed]
    pub fn mark_of<'h>(s: &'h str) -> Mark<'h> {
        Mark { text: s, n: 0 }
    }

    #[py_embed]
    pub fn first_mark(p: &Page) -> Option<Mark<'_>> {
        p.maybe(0)
    }
}
