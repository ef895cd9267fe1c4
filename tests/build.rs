fn main() {
    pybridge_build::Builder::new("specs/skeleton_import.yaml").build();
}
