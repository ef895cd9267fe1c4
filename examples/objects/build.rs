fn main() {
    pybridge_build::Builder::new("../../specs/examples/objects.yaml").build();
}
