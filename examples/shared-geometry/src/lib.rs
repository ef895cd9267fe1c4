//! Plain Rust that knows nothing of Python, shared by two extension modules:
//! `shared_a` (examples/shared-a) exports [`Point`] as a class, `shared_b`
//! (examples/shared-b) takes and returns `shared_a.Point` objects through it.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many [`Point`]s this copy of the crate has dropped. Each extension module links its own
/// copy (statics are per module): `shared_a.drops()` counts the points `shared_a` objects own.
static DROPS: AtomicUsize = AtomicUsize::new(0);

/// The number of points dropped by this module's copy of the crate.
pub fn drops() -> usize {
    DROPS.load(Ordering::SeqCst)
}

/// A labelled point (the label is heap memory, so a move between modules is visible).
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// The x coordinate.
    pub x: f64,
    /// The y coordinate.
    pub y: f64,
    /// A name.
    pub label: String,
}

impl Point {
    /// A point labelled with its coordinates.
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y, label: format!("({x}, {y})") }
    }

    /// The distance from the origin.
    pub fn norm(&self) -> f64 {
        self.x.hypot(self.y)
    }

    /// Scales the point, calling `during` while it is borrowed mutably.
    pub fn scale_with(&mut self, k: f64, during: impl Fn()) {
        during();
        self.x *= k;
        self.y *= k;
    }
}

impl Drop for Point {
    fn drop(&mut self) {
        DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

/// The midpoint of two points.
pub fn midpoint(a: &Point, b: &Point) -> Point {
    Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
}

/// `p` moved by `dx` along x (the label travels with it).
pub fn moved(mut p: Point, dx: f64) -> Point {
    p.x += dx;
    p
}

/// `p`, or the origin.
pub fn or_origin(p: Option<Point>) -> Point {
    p.unwrap_or_else(|| Point::new(0.0, 0.0))
}

/// The centroid of some points (the origin for none).
pub fn centroid(points: Vec<Point>) -> Point {
    let n = points.len().max(1) as f64;
    let (x, y) = points.iter().fold((0.0, 0.0), |(x, y), p| (x + p.x, y + p.y));
    Point::new(x / n, y / n)
}

/// The labels of some points, read in place.
pub fn labels(points: &[Point]) -> Vec<String> {
    points.iter().map(|p| p.label.clone()).collect()
}

/// The points of a list, each moved by `dx`.
pub fn all_moved(points: Vec<Point>, dx: f64) -> Vec<Point> {
    points.into_iter().map(|p| moved(p, dx)).collect()
}

/// Another type with another layout, which a module may wrongly declare as `shared_a.Point`
/// (tests/specs/shared_mismatch.yaml): the fingerprint refuses it.
pub mod legacy {
    /// Integer coordinates, three of them.
    #[derive(Clone, Debug)]
    pub struct Point {
        /// The x coordinate.
        pub x: i64,
        /// The y coordinate.
        pub y: i64,
        /// The z coordinate.
        pub z: i64,
    }

    /// The x coordinate.
    pub fn x_of(p: &Point) -> i64 {
        p.x
    }
}
