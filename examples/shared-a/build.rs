fn main() {
    pybridge_build::Builder::new("../../specs/examples/shared_a.yaml").build();
}
