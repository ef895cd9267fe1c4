//! Seed 000's story without the C API: create an instance of a Python class from Rust, call its
//! methods, read the value back; and build a third-party object (a numpy array) from Rust data.
//! Stubs come from `specs/examples/objects.yaml`.

include!(concat!(env!("OUT_DIR"), "/objects.rs"));

/// Makes `python/` importable.
pub fn setup() -> pybridge::Result<()> {
    pybridge::add_sys_path(concat!(env!("CARGO_MANIFEST_DIR"), "/python"))
}
