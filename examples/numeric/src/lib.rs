//! Python protocols from Rust, both front ends in one crate (copy the `cdylib` as
//! `numeric.so` or `numeric_spec.so`):
//!
//! - `numeric`: a `#[py_embed]` module whose classes declare protocol methods by name, as a
//!   PyO3 user writes them (`__add__`, `__len__`, `__getitem__`, `__next__`…);
//! - `numeric_spec`: `specs/examples/numeric_spec.yaml` binding [`money::Money`], plain Rust
//!   with ordinary method names, to the same protocols (`- name: __add__`, `rust: plus`), and
//!   [`points::Points`] to the operators of its `std::ops` impls (`traits: [Add, …]`);
//! - `numeric_ops` ([`ops`]): operators from `std::ops` trait impls in a `#[py_embed]` module;
//! - `numeric_views` ([`views`]): view classes (a type with a lifetime) with `#[py_embed]`.

pub mod bag;

pub mod money;

pub mod ops;

pub mod points;

pub mod views;

include!(concat!(env!("OUT_DIR"), "/numeric_spec.rs"));

/// `regex_views`: the `regex` crate wrapped from `specs/examples/regex_views.yaml` (view classes
/// `Match<'h>` and `Captures<'h>`).
pub mod regex_views {
    include!(concat!(env!("OUT_DIR"), "/regex_views.rs"));
}

/// `Match.span()` in `regex_views` (`extend: true`): a function taking the view first.
pub fn match_span(m: &regex::Match<'_>) -> (usize, usize) {
    (m.start(), m.end())
}

/// The attribute front end: protocol methods written as PyO3 users write them.
#[pybridge::py_embed]
pub mod numeric {
    use std::borrow::Cow;
    use std::collections::{BTreeMap, BTreeSet, HashMap};

    /// A 2-D vector: `copy.copy` from `Clone`, `pickle` through `Vec2(v.x, v.y)`, weak
    /// references, Python subclasses.
    #[py_embed(pickle, weakref, subclass)]
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
        /// The unit vector along x, as a classmethod.
        #[py_embed(classmethod)]
        pub fn unit_x() -> Vec2 {
            Vec2 { x: 1.0, y: 0.0 }
        }
        /// Scaled by `factor` (default 2), then moved by `offset` along both axes if given.
        #[py_embed(signature = (factor = 2.0, *, offset = None))]
        pub fn scaled(&self, factor: f64, offset: Option<f64>) -> Vec2 {
            let d = offset.unwrap_or(0.0);
            Vec2 { x: self.x * factor + d, y: self.y * factor + d }
        }
        /// The sum of any number of vectors (a list of objects, each copied out).
        pub fn sum_of(vectors: Vec<Vec2>) -> Vec2 {
            vectors.iter().fold(Vec2 { x: 0.0, y: 0.0 }, |a, b| a.__add__(b))
        }
        /// `v`, or the origin when `None`.
        pub fn or_origin(v: Option<Vec2>) -> Vec2 {
            v.unwrap_or(Vec2 { x: 0.0, y: 0.0 })
        }
        /// `a + b`.
        pub fn __add__(&self, other: &Vec2) -> Vec2 {
            Vec2 { x: self.x + other.x, y: self.y + other.y }
        }
        /// `a - b`.
        pub fn __sub__(&self, other: &Vec2) -> Vec2 {
            Vec2 { x: self.x - other.x, y: self.y - other.y }
        }
        /// `v * k`.
        pub fn __mul__(&self, k: f64) -> Vec2 {
            Vec2 { x: self.x * k, y: self.y * k }
        }
        /// `k * v`.
        pub fn __rmul__(&self, k: f64) -> Vec2 {
            self.__mul__(k)
        }
        /// `a @ b`: the dot product.
        pub fn __matmul__(&self, other: &Vec2) -> f64 {
            self.x * other.x + self.y * other.y
        }
        /// `v ** k`, component-wise.
        pub fn __pow__(&self, k: i32) -> Vec2 {
            Vec2 { x: self.x.powi(k), y: self.y.powi(k) }
        }
        /// `-v`.
        pub fn __neg__(&self) -> Vec2 {
            Vec2 { x: -self.x, y: -self.y }
        }
        /// `abs(v)`: the length.
        pub fn __abs__(&self) -> f64 {
            self.x.hypot(self.y)
        }
        /// `v += w`.
        pub fn __iadd__(&mut self, other: &Vec2) {
            self.x += other.x;
            self.y += other.y;
        }
        /// `bool(v)`: not the zero vector.
        pub fn __bool__(&self) -> bool {
            self.x != 0.0 || self.y != 0.0
        }
        /// `len(v)`: always 2.
        pub fn __len__(&self) -> usize {
            2
        }
        /// `v[i]`.
        pub fn __getitem__(&self, index: i64) -> Result<f64, OutOfRange> {
            match index {
                0 | -2 => Ok(self.x),
                1 | -1 => Ok(self.y),
                _ => Err(OutOfRange(index)),
            }
        }
        /// `v == w`, component-wise.
        pub fn __eq__(&self, other: &Vec2) -> bool {
            self.x == other.x && self.y == other.y
        }
        /// `repr(v)`.
        pub fn __repr__(&self) -> String {
            format!("Vec2({}, {})", self.x, self.y)
        }
    }

    /// An axis (a unit enum without discriminants: a Python `enum.Enum` valued 0, 1).
    #[py_embed]
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Axis {
        /// Horizontal.
        X,
        /// Vertical.
        Y,
    }

    /// A quadrant (explicit discriminants: a Python `enum.IntEnum`).
    #[py_embed]
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub enum Quadrant {
        /// x > 0, y > 0.
        First = 1,
        /// x < 0, y > 0.
        Second = 2,
        /// x < 0, y < 0.
        Third = 3,
        /// x > 0, y < 0.
        Fourth = 4,
    }

    /// The component of `v` along `axis`.
    #[py_embed]
    pub fn component(v: &Vec2, axis: Axis) -> f64 {
        match axis {
            Axis::X => v.x,
            Axis::Y => v.y,
        }
    }

    /// The quadrant `v` points into (`None` on an axis).
    #[py_embed]
    pub fn quadrant(v: &Vec2) -> Option<Quadrant> {
        match (v.x > 0.0, v.y > 0.0, v.x == 0.0 || v.y == 0.0) {
            (_, _, true) => None,
            (true, true, _) => Some(Quadrant::First),
            (false, true, _) => Some(Quadrant::Second),
            (false, false, _) => Some(Quadrant::Third),
            (true, false, _) => Some(Quadrant::Fourth),
        }
    }

    /// The axis `v` is longest along (`prefer` on a tie, `Axis.X` unless given).
    #[py_embed(signature = (v, prefer = Axis::X))]
    pub fn longest(v: &Vec2, prefer: Axis) -> Axis {
        match v.x.abs().partial_cmp(&v.y.abs()) {
            Some(std::cmp::Ordering::Greater) => Axis::X,
            Some(std::cmp::Ordering::Less) => Axis::Y,
            _ => prefer,
        }
    }

    /// The mean of the points (`&[Vec2]`: each object's value copied into the slice).
    #[py_embed]
    pub fn centroid(points: &[Vec2]) -> Vec2 {
        let n = points.len().max(1) as f64;
        let sum = points.iter().fold(Vec2 { x: 0.0, y: 0.0 }, |a, b| a.__add__(b));
        Vec2 { x: sum.x / n, y: sum.y / n }
    }

    /// `v` moved by `by` if given (`Option<&Vec2>`: borrowed, not copied).
    #[py_embed]
    pub fn offset(v: &Vec2, by: Option<&Vec2>) -> Vec2 {
        by.map_or_else(|| v.clone(), |d| v.__add__(d))
    }

    /// The lengths of named vectors, and the longest one's name with its vector.
    #[py_embed]
    pub fn lengths(named: HashMap<String, Vec2>) -> (HashMap<String, f64>, Option<(String, Vec2)>) {
        let lengths = named.iter().map(|(k, v)| (k.clone(), v.__abs__())).collect();
        let longest = named.into_iter().max_by(|a, b| a.1.__abs__().total_cmp(&b.1.__abs__()));
        (lengths, longest)
    }

    /// How often each axis occurs (members as dict keys), and the set of them.
    #[py_embed]
    pub fn tally_axes(axes: Vec<Axis>) -> (HashMap<Axis, i64>, std::collections::HashSet<Axis>) {
        let mut counts = HashMap::new();
        for a in &axes {
            *counts.entry(*a).or_insert(0) += 1;
        }
        (counts, axes.into_iter().collect())
    }

    /// The axes, in order (a `Vec` of members).
    #[py_embed]
    pub fn axes() -> Vec<Axis> {
        vec![Axis::X, Axis::Y]
    }

    /// The point a fraction `t` of the way from `a` to `b`; `a` and `b` are positional-only.
    #[py_embed(signature = (a, b, /, t = 0.5))]
    pub fn lerp(a: f64, b: f64, t: f64) -> f64 {
        a + (b - a) * t
    }

    /// `scale` times the sum of the values (`*values`), each weighted by the keyword argument
    /// of its position's name if given (`weighted(1.0, 2.0, _1=3.0)` is 7.0).
    #[py_embed(signature = (*values, scale = 1.0, **weights))]
    pub fn weighted(values: Vec<f64>, scale: f64, weights: HashMap<String, f64>) -> f64 {
        let weight = |i: usize| weights.get(&format!("_{i}")).copied().unwrap_or(1.0);
        scale * values.iter().enumerate().map(|(i, v)| v * weight(i)).sum::<f64>()
    }

    /// The mean of the values (a `&[f64]` parameter: the list is read once, then borrowed).
    #[py_embed]
    pub fn mean(values: &[f64]) -> f64 {
        if values.is_empty() { 0.0 } else { values.iter().sum::<f64>() / values.len() as f64 }
    }

    /// The sum of the values: any buffer of float64 (numpy array, `array.array('d')`,
    /// memoryview) is read in place; a list is copied first.
    #[py_embed]
    pub fn total(values: &[f64]) -> f64 {
        values.iter().sum()
    }

    /// The address of the first value Rust sees (a buffer's own memory: no copy was made).
    #[py_embed]
    pub fn address_of(values: &[f64]) -> usize {
        values.as_ptr() as usize
    }

    /// A checksum of the bytes (`&[u8]`: bytes, bytearray, memoryview, a uint8 array).
    #[py_embed]
    pub fn checksum(data: &[u8]) -> u64 {
        data.iter().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b)))
    }

    /// Sets every item of `out` to `value`, in place (a writable float64 buffer).
    #[py_embed]
    pub fn fill(out: &mut [f64], value: f64) {
        out.fill(value);
    }

    /// Writes `src * k` into `out` (which must not share memory with `src`).
    #[py_embed]
    pub fn scale_into(out: &mut [f64], src: &[f64], k: f64) {
        for (o, s) in out.iter_mut().zip(src) {
            *o = s * k;
        }
    }

    /// The sum, computed without holding the interpreter: the values are copied first.
    #[py_embed(release_gil)]
    pub fn total_detached(values: &[f32]) -> f64 {
        values.iter().map(|v| f64::from(*v)).sum()
    }

    /// Samples Python can view without a copy: `numpy.asarray(signal)`, `memoryview(signal)`.
    #[py_embed]
    #[derive(Debug)]
    pub struct Signal {
        /// The samples, exported read-only through the buffer protocol (and a list property).
        #[py_embed(buffer)]
        pub samples: Vec<f64>,
    }

    #[py_embed]
    impl Signal {
        /// `n` zero samples.
        #[py_embed(constructor)]
        pub fn new(n: usize) -> Signal {
            Signal { samples: vec![0.0; n] }
        }
        /// Appends a sample (refused while a view of the samples is alive).
        pub fn push(&mut self, v: f64) {
            self.samples.push(v);
        }
        /// The address of the samples in Rust.
        pub fn address(&self) -> usize {
            self.samples.as_ptr() as usize
        }
        /// The sum of the samples.
        pub fn total(&self) -> f64 {
            self.samples.iter().sum()
        }
        /// Drops the samples (refused while a view of them is alive; `with` closes too).
        #[py_embed(close)]
        pub fn release(&mut self) {
            self.samples.clear();
        }
    }

    /// Integers kept in order (a `&[i64]` return: copied into a new list).
    #[py_embed]
    #[derive(Debug)]
    pub struct Samples {
        values: Vec<i64>,
    }

    #[py_embed]
    impl Samples {
        /// Samples of `values`.
        #[py_embed(constructor)]
        pub fn new(values: &[i64]) -> Samples {
            Samples { values: values.to_vec() }
        }
        /// The values, as a list.
        pub fn values(&self) -> &[i64] {
            &self.values
        }
        /// The first value (a borrowed `Option<&i64>` return: copied out).
        pub fn first(&self) -> Option<&i64> {
            self.values.first()
        }
        /// The values kept in Rust (a `&Vec<i64>` return: copied into a new list).
        pub fn stored(&self) -> &Vec<i64> {
            &self.values
        }
        /// The distinct values, ascending (a `BTreeSet`: a Python set).
        pub fn distinct(&self) -> BTreeSet<i64> {
            self.values.iter().copied().collect()
        }
        /// The smallest and largest value (a `[i64; 2]`: a two-item list).
        pub fn bounds(&self) -> [i64; 2] {
            let min = self.values.iter().copied().min().unwrap_or(0);
            [min, self.values.iter().copied().max().unwrap_or(0)]
        }
        /// `"empty"` or the count (a `Cow<'_, str>` return: copied into a str).
        pub fn summary(&self) -> Cow<'_, str> {
            if self.values.is_empty() {
                Cow::Borrowed("empty")
            } else {
                Cow::Owned(format!("{} values", self.values.len()))
            }
        }
    }

    /// How often each value occurs (a `&Vec<i64>` parameter and a `BTreeMap` return).
    #[py_embed]
    #[allow(clippy::ptr_arg)] // shows a `&Vec<T>` parameter
    pub fn histogram(values: &Vec<i64>) -> BTreeMap<i64, usize> {
        let mut counts = BTreeMap::new();
        for v in values {
            *counts.entry(*v).or_insert(0) += 1;
        }
        counts
    }

    /// The words joined by `sep` (`&[&str]` and `Cow<str>` parameters, a `Box<str>` return;
    /// `sep` defaults to `", "`, a `&str` default for a `Cow<str>` parameter).
    #[py_embed(signature = (words, sep = ", "))]
    pub fn joined(words: &[&str], sep: Cow<'_, str>) -> Box<str> {
        words.join(&sep).into_boxed_str()
    }

    /// The point scaled by `k` (a `[f64; 2]` parameter and return).
    #[py_embed]
    pub fn scaled_point(p: [f64; 2], k: f64) -> [f64; 2] {
        [p[0] * k, p[1] * k]
    }

    /// An index past the end.
    #[py_embed(exception, base = "IndexError")]
    #[derive(Debug)]
    pub struct OutOfRange(pub i64);

    impl std::fmt::Display for OutOfRange {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "index {} is out of range", self.0)
        }
    }

    /// A closed path through points (a field holding objects of another class).
    #[py_embed]
    #[derive(Debug, Default)]
    pub struct Polygon {
        /// The corners, in order: read as new `Vec2` objects, assigned from a list of them.
        #[py_embed(get, set)]
        pub corners: Vec<Vec2>,
        /// A marked corner, if any.
        #[py_embed(get, set)]
        pub marked: Option<Vec2>,
        /// Named points (a map of objects: read as new objects, assigned from a dict of them).
        #[py_embed(get, set)]
        pub labels: HashMap<String, Vec2>,
    }

    #[py_embed]
    impl Polygon {
        /// A polygon through `corners`.
        #[py_embed(constructor)]
        pub fn new(corners: Vec<Vec2>) -> Polygon {
            Polygon { corners, ..Polygon::default() }
        }
        /// The perimeter.
        pub fn perimeter(&self) -> f64 {
            let n = self.corners.len();
            (0..n).map(|i| self.corners[(i + 1) % n].__sub__(&self.corners[i]).__abs__()).sum()
        }
    }

    /// Counts from `start` down to `stop` (exclusive): its own iterator.
    #[py_embed]
    #[derive(Debug)]
    pub struct Countdown {
        next: i64,
        stop: i64,
    }

    #[py_embed]
    impl Countdown {
        /// Counts from `start` down to `stop` (exclusive).
        #[py_embed(constructor)]
        pub fn new(start: i64, stop: i64) -> Countdown {
            Countdown { next: start, stop }
        }
        /// The next number, until `stop`.
        pub fn __next__(&mut self) -> Option<i64> {
            (self.next > self.stop).then(|| {
                self.next -= 1;
                self.next + 1
            })
        }
    }

    /// Numbers with lazy iterators: borrowing ones keep the bag alive and unchangeable.
    #[py_embed]
    #[derive(Debug, Default)]
    pub struct Bag {
        items: Vec<i64>,
        _probe: crate::bag::DropProbe,
    }

    #[py_embed]
    impl Bag {
        /// A bag of `items`.
        #[py_embed(constructor)]
        pub fn new(items: Vec<i64>) -> Bag {
            Bag { items, _probe: crate::bag::DropProbe }
        }
        /// The numbers, lazily, borrowed from the bag (`iter(bag)` too).
        pub fn items(&self) -> impl Iterator<Item = &i64> + '_ {
            crate::bag::Counted(self.items.iter())
        }
        /// `iter(bag)`: the numbers, lazily.
        pub fn __iter__(&self) -> impl Iterator<Item = &i64> + '_ {
            self.items()
        }
        /// Each number doubled (Rust 2024 lets the iterator borrow `self` without `+ '_`).
        pub fn doubled(&self) -> impl Iterator<Item = i64> {
            crate::bag::Counted(self.items.iter().map(|x| x * 2))
        }
        /// `start`, `start + step`, … forever: owns its data (`use<>`).
        pub fn counting(&self, start: i64, step: i64) -> impl Iterator<Item = i64> + use<> {
            crate::bag::Counted((0..).map(move |i| start + step * i))
        }
        /// Adds a number.
        pub fn push(&mut self, item: i64) {
            self.items.push(item);
        }
        /// Drops the numbers.
        #[py_embed(close)]
        pub fn close(&mut self) {}
    }

    /// `0, 1, 2, …` forever, lazily.
    #[py_embed]
    pub fn naturals() -> impl Iterator<Item = u64> {
        crate::bag::Counted(0..)
    }

    /// (items produced, iterators dropped, bags dropped) so far.
    #[py_embed]
    pub fn iter_stats() -> (usize, usize, usize) {
        crate::bag::stats()
    }

    /// A sparse table of named counters.
    #[py_embed]
    #[derive(Debug, Default)]
    pub struct Tally {
        counts: std::collections::BTreeMap<String, i64>,
    }

    #[py_embed]
    impl Tally {
        /// An empty tally.
        #[py_embed(constructor)]
        pub fn new() -> Tally {
            Tally::default()
        }
        /// `len(t)`: how many names.
        pub fn __len__(&self) -> usize {
            self.counts.len()
        }
        /// `t[name]` (0 for a name never counted).
        pub fn __getitem__(&self, name: &str) -> i64 {
            self.counts.get(name).copied().unwrap_or(0)
        }
        /// `t[name] = n`.
        pub fn __setitem__(&mut self, name: String, n: i64) {
            self.counts.insert(name, n);
        }
        /// `del t[name]`.
        pub fn __delitem__(&mut self, name: &str) {
            self.counts.remove(name);
        }
        /// `name in t`.
        pub fn __contains__(&self, name: &str) -> bool {
            self.counts.contains_key(name)
        }
        /// `t(name)`: counts `name` once more and returns its count.
        pub fn __call__(&mut self, name: String) -> i64 {
            let n = self.counts.entry(name).or_insert(0);
            *n += 1;
            *n
        }
        /// `str(t)`.
        pub fn __str__(&self) -> String {
            self.counts.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ")
        }
    }
}
