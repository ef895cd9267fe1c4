fn main() {
    pybridge_build::Builder::new("../../specs/examples/hello_import.yaml").build();
}
