//! Rust items behind `specs/conversions.yaml`: standard types that cross as Python's own.

use std::collections::{HashMap, HashSet};
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
