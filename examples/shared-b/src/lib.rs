//! `shared_b`: functions taking and returning `shared_a.Point` objects, a class another
//! extension module exports (`from: shared_a` in `specs/examples/shared_b.yaml`); and
//! `shared_mismatch` (copy the library as `shared_mismatch.so` too), which names the wrong Rust
//! type for it and is refused at the first crossing.

include!(concat!(env!("OUT_DIR"), "/shared_b.rs"));
include!(concat!(env!("OUT_DIR"), "/shared_mismatch.rs"));

/// `shared_c` (copy the library as `shared_c.so` too): the borrowing side declared with
/// `#[py_embed]`, the alias naming the class `shared_a` exports.
#[pybridge::py_embed]
pub mod shared_c {
    /// `shared_a.Point`: its objects cross here through the table `shared_a` publishes.
    #[py_embed(from = "shared_a")]
    pub type Point = shared_geometry::Point;

    /// The distance of `p` from the origin (the value lent under `shared_a`'s borrow checker).
    #[py_embed]
    pub fn norm(p: &Point) -> f64 {
        p.norm()
    }

    /// `p` mirrored on the diagonal: a new `shared_a.Point`.
    #[py_embed]
    pub fn mirrored(p: &Point) -> Point {
        Point::new(p.y, p.x)
    }

    /// The point farthest from the origin, if any (a list of objects in, an optional one out).
    #[py_embed]
    pub fn farthest(points: Vec<Point>) -> Option<Point> {
        points.into_iter().max_by(|a, b| a.norm().total_cmp(&b.norm()))
    }
}
