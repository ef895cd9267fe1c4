fn main() {
    pybridge_build::Builder::new("../../specs/examples/wrap_semver.yaml").build();
}
