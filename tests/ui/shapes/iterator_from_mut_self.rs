#[pybridge::py_embed]
mod m {
    #[py_embed]
    pub struct Queue {
        items: Vec<i64>,
    }

    #[py_embed]
    impl Queue {
        pub fn drain(&mut self) -> impl Iterator<Item = i64> + '_ {
            self.items.drain(..)
        }
    }
}

fn main() {}
