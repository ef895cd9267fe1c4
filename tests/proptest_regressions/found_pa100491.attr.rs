// Found by the spec property test (seed 100491, #[py_embed]); passes check, fails rustc:
//   error[E0404]: expected trait, found enum `Fn`
//    --> src/pa100491.rs:7:40
//     |
//   7 |     pub fn ufn_pa100491_12(width: impl Fn() -> ()) -> String { todo!() }
//     |                                        ^^^^^^^^^^ not a trait
//     |
//   help: consider importing this trait instead
//     |
//   4 +     use std::ops::Fn;
//     |
//   
#[::pybridge::py_embed(name = "pt___SLOT___a")]
pub mod __SLOT___attr {
    #[py_embed]
    #[derive(Clone, Debug)]
    pub enum Fn { To_string, Ok = 11, items }
    #[py_embed(name = "flag")]
    pub fn ufn___SLOT___12(width: impl Fn() -> ()) -> String { todo!() }
    pub fn helper_without_attribute() {}
}
