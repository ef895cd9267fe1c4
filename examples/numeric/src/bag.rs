//! Plain Rust behind the lazy-iterator examples: counters of the items iterators produced and
//! of the values and iterators dropped, which the Python tests read (`iter_stats()`).

use std::sync::atomic::{AtomicUsize, Ordering};

static PRODUCED: AtomicUsize = AtomicUsize::new(0);
static ITERATOR_DROPS: AtomicUsize = AtomicUsize::new(0);
static VALUE_DROPS: AtomicUsize = AtomicUsize::new(0);

/// An iterator that counts the items it produces and its own drop.
#[derive(Debug)]
pub struct Counted<I>(pub I);

impl<I: Iterator> Iterator for Counted<I> {
    type Item = I::Item;
    fn next(&mut self) -> Option<I::Item> {
        let item = self.0.next();
        if item.is_some() {
            PRODUCED.fetch_add(1, Ordering::SeqCst);
        }
        item
    }
}

impl<I> Drop for Counted<I> {
    fn drop(&mut self) {
        ITERATOR_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

/// Counts its own drop: a field of a value whose drops the tests count.
#[derive(Debug, Default)]
pub struct DropProbe;

impl Drop for DropProbe {
    fn drop(&mut self) {
        VALUE_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

/// (items produced, iterators dropped, values dropped) so far.
pub fn stats() -> (usize, usize, usize) {
    (PRODUCED.load(Ordering::SeqCst), ITERATOR_DROPS.load(Ordering::SeqCst), VALUE_DROPS.load(Ordering::SeqCst))
}
