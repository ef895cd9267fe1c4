pub struct Items {
}
impl ::std::fmt::Display for Items { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::fmt::Debug for Items { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::cmp::PartialEq for Items { fn eq(&self, _: &Self) -> bool { true } }
impl ::std::cmp::Eq for Items {}
impl ::std::hash::Hash for Items { fn hash<H: ::std::hash::Hasher>(&self, _: &mut H) {} }
impl ::std::cmp::PartialOrd for Items { fn partial_cmp(&self, _: &Self) -> ::std::option::Option<::std::cmp::Ordering> { None } }
impl ::std::cmp::Ord for Items { fn cmp(&self, _: &Self) -> ::std::cmp::Ordering { ::std::cmp::Ordering::Equal } }
impl ::std::clone::Clone for Items { fn clone(&self) -> Self { todo!() } }
impl Items {
    pub fn new(_p0: ::std::string::String, _p1: ::std::vec::Vec<::std::vec::Vec<u8>>) -> Self { todo!() }
    pub fn new(_p0: &crate::__SLOT___user::Items, _p1: &[u8], _p2: ::std::collections::HashSet<bool>) -> ::pybridge::Object { todo!() }
}

