pub struct Bag {
    pub objects: ::std::vec::Vec<::pybridge::Object>,
    pub r#struct: ::std::option::Option<(::std::option::Option<::std::vec::Vec<u8>>, ::std::vec::Vec<::pybridge::Object>)>,
    pub named: ::std::collections::HashMap<::std::string::String, (i64, ::pybridge::Object)>,
    pub items: ::std::vec::Vec<::std::option::Option<::pybridge::Object>>,
}
impl<'a> ::std::iter::IntoIterator for &'a Bag {
    type Item = &'a ::std::option::Option<::pybridge::Object>;
    type IntoIter = ::std::slice::Iter<'a, ::std::option::Option<::pybridge::Object>>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}
pub struct Shelf {
    pub bags: ::std::vec::Vec<Bag>,
}
impl ::std::clone::Clone for Bag {
    fn clone(&self) -> Self {
        todo!()
    }
}
impl<'a> ::std::iter::IntoIterator for &'a Shelf {
    type Item = &'a Bag;
    type IntoIter = ::std::slice::Iter<'a, Bag>;
    fn into_iter(self) -> Self::IntoIter {
        self.bags.iter()
    }
}
