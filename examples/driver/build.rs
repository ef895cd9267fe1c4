fn main() {
    pybridge_build::Builder::new("../../specs/examples/driver.yaml").build();
}
