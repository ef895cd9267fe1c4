//! Shapes that must compile: every kind of item and option together.

#[pybridge::py_embed(name = "everything")]
mod items {
    use std::sync::Arc;

    #[py_embed]
    #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub struct Point {
        #[py_embed(get, set)]
        pub x: i64,
        #[py_embed(get, name = "ordinate")]
        pub y: i64,
        shared: Arc<Vec<u8>>,
    }

    impl std::fmt::Display for Point {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "({}, {})", self.x, self.y)
        }
    }

    #[py_embed]
    impl Point {
        pub fn new(x: i64, y: i64) -> Self {
            Point { x, y, shared: Arc::new(Vec::new()) }
        }

        pub fn origin() -> Point {
            Point::new(0, 0)
        }

        pub fn add(&self, other: &Point) -> Point {
            Point::new(self.x + other.x, self.y + other.y)
        }

        pub fn bump(&mut self) {
            self.x += 1;
        }

        #[py_embed(getter)]
        pub fn norm1(&self) -> i64 {
            self.x.abs() + self.y.abs()
        }

        #[py_embed(setter)]
        pub fn set_norm1(&mut self, value: i64) {
            self.x = value;
            self.y = 0;
        }

        #[py_embed(release_gil)]
        pub fn slow(&self, n: u64) -> u64 {
            (0..n).sum()
        }

        #[py_embed(skip)]
        pub fn rust_only(&self) -> &Arc<Vec<u8>> {
            &self.shared
        }

        fn private_helper(&self) -> i64 {
            self.x
        }
    }

    #[py_embed]
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub enum Mode {
        Fast,
        Slow = 10,
    }

    #[py_embed(exception, base = "ValueError")]
    #[derive(Debug)]
    pub struct BadPoint {
        #[py_embed(get)]
        pub x: i64,
    }

    impl std::fmt::Display for BadPoint {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "bad x {}", self.x)
        }
    }

    #[py_embed(exception, base = "BadPoint")]
    #[derive(Debug)]
    pub enum VeryBad {
        Worse,
    }

    impl std::fmt::Display for VeryBad {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("very bad")
        }
    }

    #[py_embed]
    pub fn checked(x: i64) -> Result<Point, BadPoint> {
        if x >= 0 { Ok(Point::new(x, 0)) } else { Err(BadPoint { x }) }
    }

    #[py_embed]
    pub fn fold(f: impl Fn(i64, String) -> Option<i64>, items: Vec<String>) -> i64 {
        items.into_iter().fold(0, |acc, s| f(acc, s).unwrap_or(acc))
    }

    #[py_embed]
    pub fn modes(fast: bool) -> Mode {
        if fast { Mode::Fast } else { Mode::Slow }
    }

    #[py_embed]
    pub fn many(n: i64) -> Vec<Point> {
        (0..n).map(|i| Point::new(i, i)).collect()
    }

    #[py_embed]
    pub fn maybe(n: i64) -> Option<Point> {
        (n > 0).then(|| Point::new(n, n))
    }

    #[py_embed]
    pub fn io(path: &str) -> Result<String, std::io::Error> {
        std::fs::read_to_string(path)
    }

    #[py_embed]
    pub fn r#type(r#match: &str, data: Vec<f64>, ids: Vec<i64>, table: std::collections::HashMap<String, i64>) -> (usize, f64, i64, usize) {
        (r#match.len(), data.iter().sum(), ids.iter().sum(), table.len())
    }

    #[py_embed]
    pub struct Handle {
        name: String,
    }

    #[py_embed]
    impl Handle {
        pub fn new(name: String) -> Self {
            Handle { name }
        }

        pub fn name(&self) -> String {
            self.name.clone()
        }

        #[py_embed(close)]
        pub fn close(&mut self) {}
    }

    /// Return policies and gc: a view field, a view method, a shared value, a Python field.
    #[py_embed]
    pub struct Segment {
        #[py_embed(get, set, view)]
        pub start: Point,
        #[py_embed(get, set)]
        pub tag: Option<pybridge::Object>,
        shared: Arc<Point>,
    }

    #[py_embed]
    impl Segment {
        pub fn new(start: Point) -> Self {
            Segment { shared: Arc::new(start.clone()), start, tag: None }
        }

        pub fn first(&self) -> &Point {
            &self.start
        }

        pub fn shared(&self) -> Arc<Point> {
            Arc::clone(&self.shared)
        }

        pub fn take_shared(&self, point: Arc<Point>) -> i64 {
            point.x
        }
    }

    #[py_embed(unsendable)]
    pub struct Local {
        counter: std::rc::Rc<i64>,
    }

    pub fn not_exported() {}
}

fn main() {
    items::not_exported();
}
