//! Rust items behind `specs/soundness.yaml`: borrowed returns and parameters, keyword-only
//! parameters, a classmethod, writable list fields.

/// A person with borrowed accessors.
#[derive(Clone, Debug)]
pub struct Person {
    name: String,
    /// Scores (a writable `list[int]` field).
    pub scores: Vec<i64>,
    /// Weights (a writable `list[float]` field).
    pub weights: Vec<f64>,
    /// Tags (a writable `list[str]` field).
    pub tags: Vec<String>,
}

impl Person {
    /// A person called `name`.
    pub fn new(name: String) -> Self {
        Person { name, scores: Vec::new(), weights: Vec::new(), tags: Vec::new() }
    }
    /// The name, borrowed.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The first word of the name if there are several.
    pub fn nick(&self) -> Option<&str> {
        self.name.split_once(' ').map(|(first, _)| first)
    }
    /// The words of the name.
    pub fn words(&self) -> Vec<&str> {
        self.name.split(' ').collect()
    }
    /// The name's bytes.
    pub fn raw(&self) -> &[u8] {
        self.name.as_bytes()
    }
    /// A greeting for `names`.
    pub fn greet(&self, greeting: Option<&str>, names: Vec<&str>) -> String {
        format!("{} {} from {}", greeting.unwrap_or("hello"), names.join(" and "), self.name)
    }
    /// `value * factor + offset`: the result tells which value went where.
    pub fn scaled(&self, value: i64, factor: i64, offset: i64) -> i64 {
        value * factor + offset
    }
    /// A person with no name.
    pub fn anonymous() -> Person {
        Person::new(String::new())
    }
    /// The UTF-8 bytes of `text`.
    pub fn bytes_of(text: String) -> Vec<u8> {
        text.into_bytes()
    }
}

/// A greeting constant.
pub const GREETING: &str = "hi";

/// A type with a lifetime, exported as `Label<'static>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label<'a> {
    text: &'a str,
}

impl Label<'static> {
    /// A label borrowing one of two static strings.
    pub fn new(shout: bool) -> Self {
        Label { text: if shout { "HI" } else { "hi" } }
    }
}

impl Label<'_> {
    /// The borrowed text.
    pub fn text(&self) -> &str {
        self.text
    }
}

/// The number of bytes.
pub fn byte_count(data: Vec<u8>) -> usize {
    data.len()
}

/// Describes an optional label.
pub fn describe(label: Option<&str>) -> String {
    format!("{label:?}")
}
