// A class parameter has no default object; an enum parameter defaults to a variant.
#[pybridge::py_embed]
mod m {
    #[py_embed]
    #[derive(Clone)]
    pub struct Point {
        pub x: f64,
    }

    #[py_embed]
    #[derive(Clone, Copy)]
    pub enum Axis {
        X,
        Y,
    }

    #[py_embed(signature = (p = Point { x: 0.0 }, axis = Axis::Y))]
    pub fn along(p: Point, axis: Axis) -> f64 {
        match axis {
            Axis::X => p.x,
            Axis::Y => 0.0,
        }
    }
}

fn main() {}
