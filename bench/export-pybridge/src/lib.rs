//! The benchmark's call shapes, declared with `#[py_embed]` (module `bench_pb`).

/// Benchmark shapes.
#[pybridge::py_embed(name = "bench_pb")]
pub mod shapes {
    /// Does nothing.
    #[py_embed]
    pub fn f() {}

    /// Adds two ints.
    #[py_embed]
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }

    /// The length of a string, in characters.
    #[py_embed]
    pub fn length(s: &str) -> usize {
        s.chars().count()
    }

    /// Sums a list of floats.
    #[py_embed]
    pub fn total(values: Vec<f64>) -> f64 {
        values.iter().sum()
    }

    /// Raises ValueError.
    #[py_embed]
    pub fn fail() -> Result<(), Failure> {
        Err(Failure)
    }

    /// The error `fail` raises.
    #[py_embed(exception, base = "ValueError")]
    #[derive(Debug)]
    pub struct Failure;

    impl std::fmt::Display for Failure {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("failure")
        }
    }

    /// An object with a method and a property.
    #[py_embed]
    #[derive(Debug)]
    pub struct Obj {
        /// A field.
        #[py_embed(get)]
        pub x: i64,
    }

    #[py_embed]
    impl Obj {
        /// A new object.
        pub fn new() -> Self {
            Obj { x: 1 }
        }

        /// Does nothing.
        pub fn m(&self) {}

        /// `o + n`.
        pub fn __add__(&self, other: i64) -> i64 {
            self.x + other
        }

        /// `len(o)`.
        pub fn __len__(&self) -> usize {
            self.x as usize
        }

        /// `o[i]`.
        pub fn __getitem__(&self, index: i64) -> i64 {
            self.x + index
        }
    }

    impl Default for Obj {
        fn default() -> Self {
            Self::new()
        }
    }
}
