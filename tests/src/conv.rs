//! Rust items behind `specs/conversions.yaml`: standard types that cross as Python's own.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// The next character (`'a'` → `'b'`).
pub fn next_char(c: char) -> char {
    char::from_u32(c as u32 + 1).unwrap_or(c)
}

/// `base/name`.
pub fn joined(base: PathBuf, name: &str) -> PathBuf {
    base.join(name)
}

/// Twice as long.
pub fn doubled(d: Duration) -> Duration {
    d * 2
}

/// `d` after `t`.
pub fn later(t: SystemTime, d: Duration) -> SystemTime {
    t + d
}

/// 4 or 6.
pub fn version_of(ip: IpAddr) -> u8 {
    if ip.is_ipv4() { 4 } else { 6 }
}

/// 127.0.0.1.
pub fn localhost() -> IpAddr {
    IpAddr::V4(Ipv4Addr::LOCALHOST)
}

/// The addresses, once each.
pub fn distinct(ips: Vec<IpAddr>) -> HashSet<IpAddr> {
    ips.into_iter().collect()
}

/// The sum of the waits, plus `extra`.
pub fn total(waits: HashMap<String, Duration>, extra: Option<Duration>) -> Duration {
    waits.values().sum::<Duration>() + extra.unwrap_or_default()
}

/// The mean of the values.
pub fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len().max(1) as f64
}

/// The first two values (fewer if there are fewer).
pub fn first_two(values: &[String]) -> &[String] {
    &values[..values.len().min(2)]
}

// BTreeMap / BTreeSet: Python dicts and sets, ordered in Rust.

/// Each word's length, keyed in order.
pub fn word_lengths(words: BTreeSet<String>) -> BTreeMap<String, usize> {
    words.into_iter().map(|w| (w.clone(), w.chars().count())).collect()
}

/// The keys in order, each with its value's length.
pub fn ordered_keys(m: BTreeMap<i64, String>) -> Vec<(i64, usize)> {
    m.into_iter().map(|(k, v)| (k, v.len())).collect()
}

// Arrays: lists of a fixed length (`[u8; N]`: bytes).

/// `v` times `k`.
pub fn scaled(v: [f64; 3], k: f64) -> [f64; 3] {
    v.map(|x| x * k)
}

/// The bytes in reverse order.
pub fn reversed4(b: [u8; 4]) -> [u8; 4] {
    [b[3], b[2], b[1], b[0]]
}

/// The sum of each pair.
pub fn pair_sums(pairs: Vec<[i64; 2]>) -> Vec<i64> {
    pairs.iter().map(|[a, b]| a + b).collect()
}

// Box<str>, Box<[T]>.

/// Upper case.
#[allow(clippy::boxed_local)] // the type under test
pub fn shout(s: Box<str>) -> Box<str> {
    s.to_uppercase().into_boxed_str()
}

/// Each value doubled.
#[allow(clippy::boxed_local)] // the type under test
pub fn doubled_all(v: Box<[i64]>) -> Box<[i64]> {
    v.iter().map(|x| x * 2).collect()
}

/// Upper case, if any.
pub fn maybe_shout(s: Option<Box<str>>) -> Option<Box<str>> {
    s.map(shout)
}

// Cow: returns copied into Python values, parameters passed `Cow::Owned`.

/// `s` without surrounding spaces: borrowed when there are none.
pub fn trimmed(s: &str) -> Cow<'_, str> {
    if s.trim() == s { Cow::Borrowed(s) } else { Cow::Owned(s.trim().to_string()) }
}

/// `s` with `<` escaped.
pub fn escaped(s: Cow<'_, str>) -> Cow<'_, str> {
    if s.contains('<') { Cow::Owned(s.replace('<', "&lt;")) } else { s }
}

/// Whether `s` arrived owned (a `Cow` parameter always does).
pub fn arrives_owned(s: Cow<'_, str>) -> bool {
    matches!(s, Cow::Owned(_))
}

/// The values without zeros: borrowed when there are none.
pub fn nonzero(v: &[i64]) -> Cow<'_, [i64]> {
    if v.contains(&0) { Cow::Owned(v.iter().copied().filter(|x| *x != 0).collect()) } else { Cow::Borrowed(v) }
}

/// The sum of the values.
pub fn cow_sum(v: Cow<'_, [f64]>) -> f64 {
    v.iter().sum()
}

/// The bytes with the last one dropped.
pub fn cow_bytes(b: Cow<'_, [u8]>) -> Cow<'_, [u8]> {
    let n = b.len().saturating_sub(1);
    Cow::Owned(b[..n].to_vec())
}

/// The name, if given, else a default; borrowed either way.
pub fn name_or(name: Option<Cow<'_, str>>) -> Cow<'_, str> {
    name.unwrap_or(Cow::Borrowed("anonymous"))
}

// `&T` of plain types: parameters lend the converted value, returns are cloned.

/// `a + b`.
pub fn add_refs(a: &i64, b: &i64) -> i64 {
    a + b
}

/// The longest word (the first of equals).
#[allow(clippy::ptr_arg)] // the type under test
pub fn longest(words: &Vec<String>) -> &String {
    static EMPTY: String = String::new();
    words.iter().fold(&EMPTY, |best, w| if w.len() > best.len() { w } else { best })
}

/// The first value, if any.
pub fn first_of(values: &[i64]) -> Option<&i64> {
    values.first()
}

/// The count of values, if given.
pub fn count_of(values: Option<&Vec<i64>>) -> usize {
    values.map_or(0, Vec::len)
}

// `&[&str]`: the wrapper holds `Vec<String>` and lends `Vec<&str>`.

/// The words joined with `sep`.
pub fn joined_words(words: &[&str], sep: &str) -> String {
    words.join(sep)
}

/// The first two words.
pub fn first_words<'a>(words: &'a [&'a str]) -> &'a [&'a str] {
    &words[..words.len().min(2)]
}

/// A shelf of labelled items: methods borrowing `self` return `&T` and `Cow`.
#[derive(Clone, Debug, Default)]
pub struct Shelf {
    items: Vec<String>,
    count: i64,
    label: Option<String>,
    place: PathBuf,
}

impl Shelf {
    /// A shelf holding `items`.
    pub fn new(items: Vec<String>, label: Option<String>) -> Self {
        Shelf { count: items.len() as i64, items, label, place: PathBuf::from("/shelves/a") }
    }
    /// The items, borrowed.
    pub fn items(&self) -> &Vec<String> {
        &self.items
    }
    /// The count, borrowed.
    pub fn count(&self) -> &i64 {
        &self.count
    }
    /// The label, borrowed.
    pub fn label(&self) -> Option<&String> {
        self.label.as_ref()
    }
    /// The place, borrowed.
    pub fn place(&self) -> &PathBuf {
        &self.place
    }
    /// The label or `"shelf"`, borrowed from the object or from a static.
    pub fn title(&self) -> Cow<'_, str> {
        match &self.label {
            Some(l) => Cow::Borrowed(l),
            None => Cow::Borrowed("shelf"),
        }
    }
}
