fn main() {
    pybridge_build::Builder::new("../../specs/examples/shared_b.yaml").build();
    // A module that declares `shared_a.Point` with the wrong Rust type: refused by fingerprint.
    pybridge_build::Builder::new("../../tests/specs/shared_mismatch.yaml").build();
}
