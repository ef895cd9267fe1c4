pub struct Bag {
    pub items: ::std::vec::Vec<i64>,
}
pub fn bag_len(b: &Bag) -> usize {
    b.items.len()
}
