//! `shared_b`: functions taking and returning `shared_a.Point` objects, a class another
//! extension module exports (`from: shared_a` in `specs/examples/shared_b.yaml`); and
//! `shared_mismatch` (copy the library as `shared_mismatch.so` too), which names the wrong Rust
//! type for it and is refused at the first crossing.

include!(concat!(env!("OUT_DIR"), "/shared_b.rs"));
include!(concat!(env!("OUT_DIR"), "/shared_mismatch.rs"));
