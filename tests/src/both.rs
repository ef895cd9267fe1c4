//! Rust types behind `specs/both_ways.yaml`: return policies, gc, one type both ways.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// A point (copied by value).
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// X.
    pub x: f64,
    /// Y.
    pub y: f64,
}

impl Point {
    /// A point.
    pub fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

/// A segment whose ends Python can view in place.
#[derive(Debug, Clone)]
pub struct Line {
    /// Start (exposed as a view).
    pub start: Point,
    /// End (exposed as a copy).
    pub end: Point,
}

impl Line {
    /// A segment.
    pub fn new(start: &Point, end: &Point) -> Self {
        Line { start: start.clone(), end: end.clone() }
    }

    /// The start, borrowed: Python gets a view.
    pub fn first(&self) -> &Point {
        &self.start
    }

    /// The end, copied.
    pub fn last(&self) -> Point {
        self.end.clone()
    }

    /// Euclidean length.
    pub fn length(&self) -> f64 {
        ((self.end.x - self.start.x).powi(2) + (self.end.y - self.start.y).powi(2)).sqrt()
    }

    /// Swaps the ends.
    pub fn reverse(&mut self) {
        std::mem::swap(&mut self.start, &mut self.end);
    }
}

/// A counter shared between Rust and Python (interior mutability).
#[derive(Debug, Default)]
pub struct Counter {
    count: AtomicU64,
}

impl Counter {
    /// Adds one.
    pub fn bump(&self) {
        self.count.fetch_add(1, Ordering::Relaxed);
    }

    /// The count.
    pub fn value(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
}

/// Holds a counter and hands out shares of it.
#[derive(Debug, Default)]
pub struct Registry {
    counter: Arc<Counter>,
}

impl Registry {
    /// A registry with a zero counter.
    pub fn new() -> Self {
        Self::default()
    }

    /// The registry's own counter, shared.
    pub fn counter(&self) -> Arc<Counter> {
        Arc::clone(&self.counter)
    }

    /// How many holders the counter has (this registry included).
    pub fn holders(&self) -> usize {
        Arc::strong_count(&self.counter)
    }
}

/// The count of a shared counter.
pub fn counter_total(counter: Arc<Counter>) -> u64 {
    counter.value()
}

/// A value Python can create and hold, nothing more.
#[derive(Debug, Default)]
pub struct Opaque;

impl Opaque {
    /// The value.
    pub fn new() -> Self {
        Opaque
    }
}

static NODE_DROPS: AtomicUsize = AtomicUsize::new(0);

/// Holds any Python object: a cycle through `payload` is collected by the gc.
#[derive(Debug, Default)]
pub struct Node {
    /// Any Python object.
    pub payload: Option<pybridge::Object>,
}

impl Node {
    /// An empty node.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        NODE_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

/// How many `Node`s were dropped so far.
pub fn node_drops() -> usize {
    NODE_DROPS.load(Ordering::SeqCst)
}
