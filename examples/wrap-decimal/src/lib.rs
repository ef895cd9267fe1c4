//! SWIG for Rust, a second time: the `rust_decimal` crate's `Decimal` and `RoundingStrategy`,
//! exposed to Python from a spec only (`specs/examples/wrap_decimal.yaml`): operators from its
//! `std::ops` impls, comparison, hashing, parsing, rounding with an enum, checked arithmetic
//! returning `None`, and `rust_decimal::Error` raised as a declared exception. No Rust is
//! written here besides this `include!`: no helper function, no trait impl.

include!(concat!(env!("OUT_DIR"), "/wrap_decimal.rs"));
