// Found by the spec property test (seed 100004, #[py_embed]); passes check, fails rustc:
//   error[E0308]: mismatched types
//    --> src/pa100004.rs:1:1
//     |
//   1 | #[::pybridge::py_embed(name = "pt_pa100004_a")]
//     | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//     | |
//     | expected type parameter `R`, found `R`
//     | arguments to this function are incorrect
//     |
//     = note: expected reference `&R` (type parameter `R`)
//                found reference `&R` (`R`)
//   note: type parameter defined here
#[::pybridge::py_embed(name = "pt___SLOT___a")]
pub mod __SLOT___attr {
    #[py_embed]
    #[derive(Clone, Debug)]
    pub enum R { new, Fn { radius: f64, label: String } }
    pub fn helper_without_attribute() {}
}
