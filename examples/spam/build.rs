fn main() {
    // The `.pyi` of the `#[py_embed]` module in src/lib.rs, where maturin packages it (pyproject.toml).
    pybridge_build::Builder::from_source("src/lib.rs").build();
}
