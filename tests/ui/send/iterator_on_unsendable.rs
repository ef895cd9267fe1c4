#[pybridge::py_embed]
mod m {
    #[py_embed(unsendable)]
    pub struct Cells {
        items: std::rc::Rc<Vec<i64>>,
    }

    #[py_embed]
    impl Cells {
        pub fn items(&self) -> impl Iterator<Item = &i64> + '_ {
            self.items.iter()
        }
    }
}

fn main() {}
