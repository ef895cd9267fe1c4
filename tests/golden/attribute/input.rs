// Input of the `#[py_embed]` expansion snapshot (tests/tests/golden.rs).

/// Fast math for Python.
#[py_embed(name = "fastmath")]
mod fast {
    /// Adds two integers.
    #[py_embed]
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }

    /// Parses a number.
    #[py_embed(name = "parse")]
    pub fn parse_number(text: &str) -> Result<f64, std::num::ParseFloatError> {
        text.parse()
    }

    // Not exported: no attribute.
    pub fn helper() {}
}

/// Classes, enums and exceptions.
#[py_embed]
mod geometry {
    /// A point.
    #[py_embed]
    #[derive(Debug, Clone, PartialEq)]
    pub struct Point {
        #[py_embed(get, set)]
        pub x: f64,
        #[py_embed(get)]
        pub y: f64,
    }

    #[py_embed]
    impl Point {
        pub fn new(x: f64, y: f64) -> Self {
            Point { x, y }
        }

        pub fn norm(&self) -> f64 {
            (self.x * self.x + self.y * self.y).sqrt()
        }

        pub fn shift(&mut self, dx: f64) {
            self.x += dx;
        }

        #[py_embed(release_gil)]
        pub fn slow_norm(&self, rounds: u64) -> f64 {
            (0..rounds).fold(0.0, |_, _| self.norm())
        }

        pub fn coordinates(&self) -> impl Iterator<Item = &f64> + '_ {
            [&self.x, &self.y].into_iter()
        }
    }

    // `p + q` on clones, `-p` on a reference: Python operators from `std::ops`.
    impl std::ops::Add for Point {
        type Output = Point;
        fn add(self, o: Point) -> Point {
            Point { x: self.x + o.x, y: self.y + o.y }
        }
    }

    impl std::ops::Neg for &Point {
        type Output = Point;
        fn neg(self) -> Point {
            Point { x: -self.x, y: -self.y }
        }
    }

    #[py_embed]
    #[derive(Clone, Copy)]
    pub enum Axis {
        X,
        Y = 4,
    }

    #[py_embed(exception, base = "ValueError")]
    #[derive(Debug)]
    pub struct BadPoint {
        #[py_embed(get)]
        pub code: i64,
    }

    #[py_embed]
    pub fn origin() -> Point {
        Point { x: 0.0, y: 0.0 }
    }

    #[py_embed]
    pub fn checked(x: f64) -> Result<Point, BadPoint> {
        if x.is_finite() { Ok(Point { x, y: 0.0 }) } else { Err(BadPoint { code: 1 }) }
    }

    #[py_embed]
    pub fn steps(n: u64) -> impl Iterator<Item = Point> {
        (0..n).map(|i| Point { x: i as f64, y: 0.0 })
    }

    #[py_embed]
    pub fn distance(a: &Point, b: Point, axis: Axis) -> f64 {
        match axis {
            Axis::X => (a.x - b.x).abs(),
            Axis::Y => (a.y - b.y).abs(),
        }
    }

    /// A view class: a word borrowing the text it was found in.
    #[py_embed]
    pub struct Word<'a> {
        #[py_embed(get)]
        pub text: &'a str,
    }

    #[py_embed]
    impl<'a> Word<'a> {
        pub fn as_str(&self) -> &'a str {
            self.text
        }
    }

    /// `Index`/`IndexMut`/`Iterator` impls give `__getitem__`/`__setitem__`/`__next__`.
    #[py_embed]
    pub struct Cells {
        values: Vec<f64>,
    }

    impl std::ops::Index<usize> for Cells {
        type Output = f64;
        fn index(&self, i: usize) -> &f64 {
            &self.values[i]
        }
    }

    impl std::ops::IndexMut<usize> for Cells {
        fn index_mut(&mut self, i: usize) -> &mut f64 {
            &mut self.values[i]
        }
    }

    impl Iterator for Cells {
        type Item = f64;
        fn next(&mut self) -> Option<f64> {
            self.values.pop()
        }
    }

    #[py_embed]
    pub fn first_word<'h>(text: &'h str) -> Option<Word<'h>> {
        text.split_whitespace().next().map(|text| Word { text })
    }
}
