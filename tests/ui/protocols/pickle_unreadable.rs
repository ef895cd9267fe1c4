// `pickle` calls the class with its constructor's arguments, read back from the object's
// attributes: `seed` has none.
#[pybridge::py_embed]
mod m {
    #[py_embed(pickle)]
    #[derive(Clone)]
    pub struct Dice {
        #[py_embed(get)]
        pub sides: i64,
        pub seed: u64,
    }

    #[py_embed]
    impl Dice {
        #[py_embed(constructor)]
        pub fn new(sides: i64, seed: u64) -> Dice {
            Dice { sides, seed }
        }
    }
}

fn main() {}
