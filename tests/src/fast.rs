//! Functions that take the direct entry point (`codegen/src/export/fast.rs`): every plain
//! parameter type, a `Result`, a panic, a default, `release_gil`; and a class whose methods and
//! properties do, and a class whose constructor does (`codegen/src/export/fast_class.rs`). tests/tests/fast_calls.rs calls them
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

        /// `text` `times` times, joined by `sep` (upper-cased when `upper`), then the count
        /// times `scale` plus `shift`: the same signature as the function `pad`, whose wrapper
        /// is pyo3's (the tests compare the two).
        #[py_embed(signature = (text, /, times = 2, sep = "-", upper = false, scale = 1.5, shift = -1))]
        pub fn pad(&self, text: &str, times: usize, sep: &str, upper: bool, scale: f64, shift: i64) -> String {
            pad(text, times, sep, upper, scale, shift + self.count)
        }

        /// Sets the count to `f(count)` (a callback: no direct entry).
        pub fn visit(&mut self, f: impl Fn(i64) -> i64) -> i64 {
            self.count = f(self.count);
            self.count
        }
    }

    /// `text` `times` times, joined by `sep` (upper-cased when `upper`), then `scale` plus
    /// `shift`.
    #[py_embed(signature = (text, /, times = 2, sep = "-", upper = false, scale = 1.5, shift = -1))]
    pub fn pad(text: &str, times: usize, sep: &str, upper: bool, scale: f64, shift: i64) -> String {
        let joined = vec![text; times].join(sep);
        let joined = if upper { joined.to_uppercase() } else { joined };
        format!("{joined}:{}", scale + shift as f64)
    }

    /// How many `Made` values were dropped.
    static MADE_DROPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    /// How many `Made` values were dropped so far.
    #[py_embed]
    pub fn made_drops() -> usize {
        MADE_DROPS.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// A value made through the class's direct constructor; counts its drops.
    #[py_embed(subclass)]
    #[derive(Debug)]
    pub struct Made {
        /// The first argument.
        #[py_embed(get)]
        pub x: i64,
        /// The second, 0.5 unless given.
        #[py_embed(get)]
        pub y: f64,
        /// The third, "" unless given.
        #[py_embed(get)]
        pub tag: String,
    }

    #[py_embed]
    impl Made {
        /// A value; an error for 13, a panic for a negative `x`.
        #[py_embed(signature = (x, y = 0.5, tag = ""))]
        pub fn new(x: i64, y: f64, tag: &str) -> Result<Self, Negative> {
            assert!(x >= 0, "Made({x}): negative");
            if x == 13 {
                return Err(Negative(13.0));
            }
            Ok(Made { x, y, tag: tag.to_owned() })
        }
    }

    impl Drop for Made {
        fn drop(&mut self) {
            MADE_DROPS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    }

    /// Plain values only, made by its direct constructor and reusing its free list.
    #[py_embed(subclass)]
    #[derive(Debug, Clone, Copy)]
    pub struct Pair {
        /// The first.
        #[py_embed(get, set)]
        pub a: i64,
        /// The second.
        #[py_embed(get)]
        pub b: f64,
    }

    #[py_embed]
    impl Pair {
        /// A pair.
        pub fn new(a: i64, b: f64) -> Self {
            Pair { a, b }
        }

        /// A new pair, swapped (made by pyo3's path, through the class's free list too).
        pub fn swapped(&self) -> Pair {
            Pair { a: self.b as i64, b: self.a as f64 }
        }

        /// Always 2 (a direct `__len__` slot).
        pub fn __len__(&self) -> usize {
            2
        }

        /// `p + k`: a new pair with `a + k` (a direct operator slot returning an object).
        pub fn __add__(&self, k: i64) -> Pair {
            Pair { a: self.a + k, b: self.b }
        }

        /// `k + p`: `a + k` (the reflected operator: pyo3's path).
        pub fn __radd__(&self, k: i64) -> i64 {
            self.a + k
        }

        /// `p * x`: `b * x`; an error for 0 (a direct operator slot returning a value).
        pub fn __mul__(&self, x: f64) -> Result<f64, OutOfRange> {
            if x == 0.0 { Err(OutOfRange(0)) } else { Ok(self.b * x) }
        }

        /// `a` for 0 and -2, `b` for 1 and -1 (a direct `__getitem__` slot); a panic for 7.
        pub fn __getitem__(&self, index: i64) -> Result<f64, OutOfRange> {
            match index {
                0 | -2 => Ok(self.a as f64),
                1 | -1 => Ok(self.b),
                7 => panic!("index seven"),
                _ => Err(OutOfRange(index)),
            }
        }
    }

    /// An index past a pair's end.
    #[py_embed(exception, base = "IndexError")]
    #[derive(Debug)]
    pub struct OutOfRange(pub i64);

    impl std::fmt::Display for OutOfRange {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "pair index out of range: {}", self.0)
        }
    }

    /// A sized container whose length does not fit a Python `len` (a direct `__len__` slot).
    #[py_embed]
    #[derive(Debug, Clone, Copy)]
    pub struct Huge {
        /// Whether its length is past `isize::MAX`.
        #[py_embed(get)]
        pub over: bool,
    }

    #[py_embed]
    impl Huge {
        /// A container.
        pub fn new(over: bool) -> Self {
            Huge { over }
        }

        /// `usize::MAX` when `over`, else 5.
        pub fn __len__(&self) -> usize {
            if self.over { usize::MAX } else { 5 }
        }
    }
}
