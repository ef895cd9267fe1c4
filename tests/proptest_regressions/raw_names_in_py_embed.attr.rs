// Found by the spec property test (#[py_embed] cases of seeds 4, 5, 9, 10):
//   `r#do` is not a valid Python name for a variant          (check refused valid Rust)
//   error: custom attribute panicked: `"__PbVariant_Size_r#do"` is not a valid identifier
//   error: expected string literal                            (a `getter`/`setter` method:
//          `#[pyo3(name = level)]` after the keyword-attribute fix; `#[getter(type)]` before)
// Fixed: the attribute front end unraws variant and field names for Python; codegen trims
// `r#` from generated identifiers and names getters/setters with string literals.
#[::pybridge::py_embed(name = "pt___SLOT___a")]
pub mod __SLOT___attr {
    #[py_embed]
    #[derive(Clone, Debug)]
    pub enum Size {
        r#do,
        Some { r#type: f64, label: String },
        r#final(i64, Vec<u8>),
    }
    #[py_embed]
    #[derive(Clone, Copy)]
    pub enum Plain {
        r#match,
        r#loop = 4,
    }
    #[py_embed(subclass, unsendable)]
    pub struct Holder {
        #[py_embed(get, set)]
        pub r#ref: i64,
        pub hidden: u8,
    }
    #[py_embed]
    impl Holder {
        pub fn new() -> Self {
            Holder { r#ref: 0, hidden: 0 }
        }
        #[py_embed(getter)]
        pub fn r#type(&self) -> i64 {
            self.r#ref
        }
        #[py_embed(setter)]
        pub fn set_type(&mut self, value: i64) {
            self.r#ref = value;
        }
        #[py_embed(getter)]
        pub fn level(&self) -> i64 {
            0
        }
        #[py_embed(close)]
        pub fn shut(&mut self) {}
        #[py_embed(release_gil)]
        pub fn slow(&self, n: u64) -> u64 {
            n
        }
    }
}
