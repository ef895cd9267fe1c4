//! Seed 004's examples made Rust with `#[py_embed]`: SWIG's `MyClass` (a string holder whose
//! destructor Python's garbage collection triggers) and pybind11's `process_data`, plus a class
//! with state and properties, an enum, an error type raised as an exception, and a resource
//! with deterministic release.
//!
//! Build the extension module with `maturin build -m examples/shapes/Cargo.toml`.

/// The Python module `shapes`.
#[pybridge::py_embed]
pub mod shapes {
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// How many `MyClass` values were dropped (to check that Drop runs exactly once).
    pub static MYCLASS_DROPS: AtomicUsize = AtomicUsize::new(0);
    /// How many `Resource` values were dropped.
    pub static RESOURCE_DROPS: AtomicUsize = AtomicUsize::new(0);

    /// Holds a string (SWIG's `MyClass`).
    #[py_embed]
    #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub struct MyClass {
        data: String,
    }

    #[py_embed]
    impl MyClass {
        /// Creates a holder of `data`.
        pub fn new(data: String) -> Self {
            MyClass { data }
        }

        /// The held string.
        pub fn get_data(&self) -> String {
            self.data.clone()
        }
    }

    impl Drop for MyClass {
        fn drop(&mut self) {
            MYCLASS_DROPS.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// A rectangle.
    #[py_embed(subclass)]
    #[derive(Debug, Clone, PartialEq, PartialOrd)]
    pub struct Rect {
        /// Width, read-write.
        #[py_embed(get, set)]
        pub width: f64,
        /// Height, read-only.
        #[py_embed(get)]
        pub height: f64,
    }

    impl std::fmt::Display for Rect {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{}x{}", self.width, self.height)
        }
    }

    #[py_embed]
    impl Rect {
        /// A `width` × `height` rectangle.
        pub fn new(width: f64, height: f64) -> Self {
            Rect { width, height }
        }

        /// A square.
        pub fn square(side: f64) -> Rect {
            Rect { width: side, height: side }
        }

        /// The area.
        pub fn area(&self) -> f64 {
            self.width * self.height
        }

        /// Scales both sides.
        pub fn scale(&mut self, factor: f64) {
            self.width *= factor;
            self.height *= factor;
        }

        /// The perimeter, as a property.
        #[py_embed(getter)]
        pub fn perimeter(&self) -> f64 {
            2.0 * (self.width + self.height)
        }

        /// Whether this rectangle is larger than `other`.
        pub fn larger_than(&self, other: &Rect) -> bool {
            self.area() > other.area()
        }

        /// Pure Rust work, run without holding the interpreter.
        #[py_embed(release_gil)]
        pub fn integrate(&self, steps: u64) -> f64 {
            (0..steps).map(|i| (i as f64 / steps as f64) * self.width).sum::<f64>() / steps.max(1) as f64
        }

        /// Calls `visitor` with the area and scales the sides by its answer (a `&mut self`
        /// method with a Python callback: a callback that touches this rectangle gets a clean
        /// "already borrowed" error, not undefined behaviour).
        pub fn visit(&mut self, visitor: impl Fn(f64) -> f64) {
            let factor = visitor(self.area());
            self.width *= factor;
            self.height *= factor;
        }

        /// Panics: the object stays usable afterwards.
        pub fn explode(&self) -> f64 {
            panic!("rectangle {}x{} exploded", self.width, self.height)
        }
    }

    /// A color.
    #[py_embed]
    #[derive(Debug, Clone, Copy, PartialEq)]
    pub enum Color {
        /// Red.
        Red,
        /// Green.
        Green,
        /// Blue.
        Blue = 5,
    }

    /// A shape: an enum with data, one Python class per variant.
    #[py_embed]
    #[derive(Debug, Clone, PartialEq)]
    pub enum Shape {
        /// A circle of radius `r`.
        Circle {
            /// The radius.
            r: f64,
        },
        /// A square of side `_0`.
        Square(f64),
        /// Nothing.
        Empty,
    }

    /// The area of any shape.
    #[py_embed]
    pub fn shape_area(shape: &Shape) -> f64 {
        match shape {
            Shape::Circle { r } => std::f64::consts::PI * r * r,
            Shape::Square(side) => side * side,
            Shape::Empty => 0.0,
        }
    }

    /// A circle of radius `r`, as a `Shape`.
    #[py_embed]
    pub fn circle(r: f64) -> Shape {
        Shape::Circle { r }
    }

    /// Why a shape could not be made.
    #[py_embed(exception, base = "ValueError")]
    #[derive(Debug)]
    pub struct ShapeError {
        /// An error code, readable on the Python exception.
        #[py_embed(get)]
        pub code: i64,
        message: String,
    }

    impl std::fmt::Display for ShapeError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.message)
        }
    }

    /// A shape too large to make: a subclass of `ShapeError` (an exception hierarchy).
    #[py_embed(exception, base = "ShapeError")]
    #[derive(Debug)]
    pub struct TooBig {
        /// The offending area.
        #[py_embed(get)]
        pub area: f64,
    }

    impl std::fmt::Display for TooBig {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "area {} is over the limit", self.area)
        }
    }

    /// A rectangle of at most `limit` area, or `TooBig`.
    #[py_embed]
    pub fn bounded_rect(width: f64, height: f64, limit: f64) -> Result<Rect, TooBig> {
        if width * height <= limit { Ok(Rect { width, height }) } else { Err(TooBig { area: width * height }) }
    }

    /// Reads a text file: `std::io::Error` raises the matching `OSError` subclass.
    #[py_embed]
    pub fn read_text(path: &str) -> Result<String, std::io::Error> {
        std::fs::read_to_string(path)
    }

    /// A rectangle with positive sides, or `ShapeError`.
    #[py_embed]
    pub fn make_rect(width: f64, height: f64) -> Result<Rect, ShapeError> {
        if width > 0.0 && height > 0.0 {
            Ok(Rect { width, height })
        } else {
            Err(ShapeError { code: 22, message: format!("sides must be positive, got {width} and {height}") })
        }
    }

    /// Doubles every value (pybind11's `process_data`).
    #[py_embed]
    pub fn process_data(data: Vec<f64>) -> Vec<f64> {
        data.into_iter().map(|v| v * 2.0).collect()
    }

    /// Applies a Python callable `times` times: `f(f(...f(x)))`.
    #[py_embed]
    pub fn apply(f: impl Fn(i64) -> i64, x: i64, times: u32) -> i64 {
        (0..times).fold(x, |acc, _| f(acc))
    }

    /// Sums a list of floats.
    #[py_embed]
    pub fn total(values: Vec<f64>) -> f64 {
        values.iter().sum()
    }

    /// Colors by name.
    #[py_embed]
    pub fn color_of(name: &str) -> Option<Color> {
        match name {
            "red" => Some(Color::Red),
            "green" => Some(Color::Green),
            "blue" => Some(Color::Blue),
            _ => None,
        }
    }

    /// The value of a color.
    #[py_embed]
    pub fn brightness(color: Color) -> i64 {
        color as i64 * 10
    }

    /// Drop counters: `(MyClass drops, Resource drops)`.
    #[py_embed]
    pub fn drops() -> (usize, usize) {
        (MYCLASS_DROPS.load(Ordering::SeqCst), RESOURCE_DROPS.load(Ordering::SeqCst))
    }

    /// A resource with deterministic release: `with Resource("x") as r: ...`.
    #[py_embed]
    #[derive(Debug)]
    pub struct Resource {
        name: String,
    }

    #[py_embed]
    impl Resource {
        /// Opens the resource.
        pub fn new(name: String) -> Self {
            Resource { name }
        }

        /// Reads from it.
        pub fn read(&self) -> String {
            format!("data from {}", self.name)
        }

        /// Releases it; later calls raise ValueError.
        #[py_embed(close)]
        pub fn close(&mut self) {}
    }

    impl Drop for Resource {
        fn drop(&mut self) {
            RESOURCE_DROPS.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// Panics in `Drop` when asked to (the unraisable-hook test).
    #[py_embed]
    #[derive(Debug)]
    pub struct Fragile {
        panic_on_drop: bool,
    }

    #[py_embed]
    impl Fragile {
        /// A value whose destructor panics if `panic_on_drop`.
        pub fn new(panic_on_drop: bool) -> Self {
            Fragile { panic_on_drop }
        }
    }

    impl Drop for Fragile {
        fn drop(&mut self) {
            if self.panic_on_drop {
                panic!("Fragile dropped");
            }
        }
    }
}
