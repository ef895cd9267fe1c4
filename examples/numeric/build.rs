fn main() {
    pybridge_build::Builder::new("../../specs/examples/numeric_spec.yaml").build();
}
