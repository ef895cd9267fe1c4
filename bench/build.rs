fn main() {
    pybridge_build::Builder::new("bench.yaml").build();
}
