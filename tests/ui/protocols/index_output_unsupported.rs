#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct Grid {
        cells: Vec<u8>,
    }

    /// `__getitem__` from `Index`: its `Output` must cross the boundary as any return does.
    impl std::ops::Index<usize> for Grid {
        type Output = *const u8;
        fn index(&self, _i: usize) -> &*const u8 {
            unimplemented!()
        }
    }
}

fn main() {}
