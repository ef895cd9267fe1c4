//! Functions that take the direct entry point (`codegen/src/export/fast.rs`): every plain
//! parameter type, a `Result`, a panic, a default, `release_gil`; and a class whose methods and
//! properties do (`codegen/src/export/fast_class.rs`). tests/tests/fast_calls.rs calls them
//! from the embedded interpreter every way Python can.

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

    /// A counter: its plain methods and properties take direct entries.
    #[py_embed(subclass)]
    #[derive(Debug, Clone)]
    pub struct Counter {
        /// The count, read-write.
        #[py_embed(get, set)]
        pub count: i64,
        /// A label, read-only.
        #[py_embed(get)]
        pub label: String,
        /// A ratio, read-write.
        #[py_embed(get, set)]
        pub ratio: f64,
    }

    #[py_embed]
    impl Counter {
        /// A counter from `start`.
        pub fn new(start: i64) -> Self {
            Counter { count: start, label: format!("c{start}"), ratio: 0.5 }
        }

        /// The count.
        pub fn get(&self) -> i64 {
            self.count
        }

        /// Adds `by`, `times` times; the new count.
        #[py_embed(signature = (by, times = 1))]
        pub fn add(&mut self, by: i64, times: i64) -> i64 {
            self.count += by * times;
            self.count
        }

        /// `prefix` before the label.
        pub fn describe(&self, prefix: &str) -> String {
            format!("{prefix}{}", self.label)
        }

        /// Back to zero.
        pub fn reset(&mut self) {
            self.count = 0;
        }

        /// Twice the count.
        #[py_embed(getter)]
        pub fn double(&self) -> i64 {
            self.count * 2
        }

        /// The count, or an error when it is above `limit`.
        pub fn check(&self, limit: f64) -> Result<i64, Negative> {
            if self.count as f64 > limit { Err(Negative(limit - self.count as f64)) } else { Ok(self.count) }
        }

        /// Panics.
        pub fn explode(&self) -> i64 {
            panic!("counter {} exploded", self.count)
        }

        /// 0, 1, … up to the count, borrowing the counter.
        pub fn items(&self) -> impl Iterator<Item = i64> + '_ {
            (0..self.count).map(|i| i + self.count - self.count)
        }

        /// Sets the count to `f(count)` (a callback: no direct entry).
        pub fn visit(&mut self, f: impl Fn(i64) -> i64) -> i64 {
            self.count = f(self.count);
            self.count
        }
    }
}
