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

    /// The length of a string's UTF-8 text, in bytes (the same O(1) body in every implementation).
    #[py_embed]
    pub fn length(s: &str) -> usize {
        s.len()
    }

    /// Sums a list of floats.
    #[py_embed]
    pub fn total(values: Vec<f64>) -> f64 {
        values.iter().sum()
    }

    /// Sums a float64 buffer (a numpy array: read in place) or a list of floats (copied).
    #[py_embed]
    pub fn total_slice(values: &[f64]) -> f64 {
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
        /// A field Python may assign.
        #[py_embed(get, set)]
        pub y: i64,
    }

    #[py_embed]
    impl Obj {
        /// A new object.
        pub fn new() -> Self {
            Obj { x: 1, y: 0 }
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

    /// A 2-D vector: `a + b` of two objects.
    #[py_embed]
    #[derive(Clone, Debug)]
    pub struct Vec2 {
        /// The x component.
        #[py_embed(get)]
        pub x: f64,
        /// The y component.
        #[py_embed(get)]
        pub y: f64,
    }

    #[py_embed]
    impl Vec2 {
        /// A vector.
        #[py_embed(constructor)]
        pub fn new(x: f64, y: f64) -> Vec2 {
            Vec2 { x, y }
        }

        /// `a + b`.
        pub fn __add__(&self, other: &Vec2) -> Vec2 {
            Vec2 { x: self.x + other.x, y: self.y + other.y }
        }
    }

    /// Numbers `0..n`, iterated lazily.
    #[py_embed]
    #[derive(Debug)]
    pub struct Numbers {
        values: Vec<i64>,
    }

    #[py_embed]
    impl Numbers {
        /// The numbers `0..n`.
        #[py_embed(constructor)]
        pub fn new(n: i64) -> Numbers {
            Numbers { values: (0..n).collect() }
        }

        /// The numbers, one per `next()`, borrowed from the object.
        pub fn items(&self) -> impl Iterator<Item = i64> + '_ {
            self.values.iter().copied()
        }
    }
}
