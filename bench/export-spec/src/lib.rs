//! The benchmark's call shapes as plain Rust items ([`plain`], no attributes), exposed to Python
//! as module `bench_spec` by the `export:` spec `bench_spec.yaml`.

include!(concat!(env!("OUT_DIR"), "/bench_spec.rs"));

/// Plain Rust: what a crate the user does not own would contain.
pub mod plain {
    /// Does nothing.
    pub fn f() {}

    /// Adds two ints.
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }

    /// The length of a string's UTF-8 text, in bytes (the same O(1) body in every implementation).
    pub fn length(s: &str) -> usize {
        s.len()
    }

    /// Sums a list of floats.
    pub fn total(values: Vec<f64>) -> f64 {
        values.iter().sum()
    }

    /// Sums the values.
    pub fn total_slice(values: &[f64]) -> f64 {
        values.iter().sum()
    }

    /// Fails.
    pub fn fail() -> Result<(), Failure> {
        Err(Failure)
    }

    /// The error `fail` returns.
    #[derive(Debug)]
    pub struct Failure;

    impl std::fmt::Display for Failure {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("failure")
        }
    }

    /// An object with a method and a field.
    #[derive(Debug)]
    pub struct Obj {
        /// A field.
        pub x: i64,
        /// A field Python may assign.
        pub y: i64,
    }

    impl Obj {
        /// A new object.
        pub fn new() -> Self {
            Obj { x: 1, y: 0 }
        }

        /// Does nothing.
        pub fn m(&self) {}

        /// `self.x + other`.
        pub fn plus(&self, other: i64) -> i64 {
            self.x + other
        }

        /// `self.x` as a size.
        pub fn size(&self) -> usize {
            self.x as usize
        }

        /// `self.x + index`.
        pub fn at(&self, index: i64) -> i64 {
            self.x + index
        }
    }

    impl Default for Obj {
        fn default() -> Self {
            Self::new()
        }
    }

    /// A 2-D vector.
    #[derive(Clone, Debug)]
    pub struct Vec2 {
        /// The x component.
        pub x: f64,
        /// The y component.
        pub y: f64,
    }

    impl Vec2 {
        /// A vector.
        pub fn new(x: f64, y: f64) -> Vec2 {
            Vec2 { x, y }
        }

        /// The component-wise sum.
        pub fn plus(&self, other: &Vec2) -> Vec2 {
            Vec2 { x: self.x + other.x, y: self.y + other.y }
        }
    }

    /// Numbers `0..n`.
    #[derive(Debug)]
    pub struct Numbers {
        values: Vec<i64>,
    }

    impl Numbers {
        /// The numbers `0..n`.
        pub fn new(n: i64) -> Numbers {
            Numbers { values: (0..n).collect() }
        }

        /// The numbers, borrowed.
        pub fn items(&self) -> impl Iterator<Item = i64> + '_ {
            self.values.iter().copied()
        }
    }
}
