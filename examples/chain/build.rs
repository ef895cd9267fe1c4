fn main() {
    pybridge_build::Builder::new("../../specs/examples/chain.yaml").build();
}
