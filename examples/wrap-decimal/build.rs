fn main() {
    pybridge_build::Builder::new("../../specs/examples/wrap_decimal.yaml").build();
}
