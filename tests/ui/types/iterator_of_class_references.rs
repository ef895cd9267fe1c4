#[pybridge::py_embed]
mod m {
    #[py_embed]
    #[derive(Clone)]
    pub struct Point {
        pub x: f64,
    }

    #[py_embed]
    pub struct Path {
        points: Vec<Point>,
    }

    #[py_embed]
    impl Path {
        pub fn points(&self) -> impl Iterator<Item = &Point> + '_ {
            self.points.iter()
        }
    }
}

fn main() {}
