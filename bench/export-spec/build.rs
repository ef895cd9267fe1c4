fn main() {
    pybridge_build::Builder::new("bench_spec.yaml").build();
}
