fn main() {
    pybridge_build::Builder::new("../../specs/examples/numeric_spec.yaml").build();
    pybridge_build::Builder::new("../../specs/examples/regex_views.yaml").build();
}
