//! Functions that take the direct entry point (`codegen/src/export/fast.rs`): every plain
//! parameter type, a `Result`, a panic, a default, `release_gil`; tests/tests/fast_calls.rs
//! calls them from the embedded interpreter every way Python can.

/// The module `fast_fns`.
#[pybridge::py_embed]
pub mod fast_fns {
    /// Returns nothing.
    #[py_embed]
    pub fn nothing() {}

    /// Integers and a flag, echoed back as text.
    #[py_embed]
    pub fn mix(a: u8, b: i32, c: u64, flag: bool) -> String {
        format!("{a} {b} {c} {flag}")
    }

    /// Floats and text, echoed back as text.
    #[py_embed]
    pub fn text(x: f64, y: f32, s: &str, owned: String) -> String {
        format!("{x} {y} {s} {owned}")
    }

    /// `a + b`, with `b` defaulting to 10.
    #[py_embed(signature = (a, b = 10))]
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }

    /// A greeting, `greeting` defaulting to "hi" and `times` to 1.
    #[py_embed(signature = (name, /, greeting = "hi", times = 1))]
    pub fn greet(name: &str, greeting: &str, times: u8) -> String {
        format!("{greeting} {name}").repeat(usize::from(times))
    }

    /// Positional-only `a`.
    #[py_embed(signature = (a, /, b))]
    pub fn sub(a: i64, b: i64) -> i64 {
        a - b
    }

    /// A `Result`: an error for a negative number.
    #[py_embed]
    pub fn root(x: f64) -> Result<f64, Negative> {
        if x < 0.0 { Err(Negative(x)) } else { Ok(x.sqrt()) }
    }

    /// A negative number where none may be.
    #[py_embed(exception, base = "ValueError")]
    #[derive(Debug)]
    pub struct Negative(pub f64);

    impl std::fmt::Display for Negative {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "negative: {}", self.0)
        }
    }

    /// Panics for an empty string.
    #[py_embed]
    pub fn first(s: &str) -> char {
        s.chars().next().expect("first of an empty string")
    }

    /// Runs detached.
    #[py_embed(release_gil)]
    pub fn slow_sum(n: u32) -> u64 {
        (0..u64::from(n)).sum()
    }
}
