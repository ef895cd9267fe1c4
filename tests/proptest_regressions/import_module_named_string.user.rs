pub struct UClass___SLOT___2<T> {
    pub _pt: ::std::marker::PhantomData<T>,
}
impl<T> ::std::fmt::Display for UClass___SLOT___2<T> { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl<T> ::std::fmt::Debug for UClass___SLOT___2<T> { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl<T> ::std::cmp::PartialEq for UClass___SLOT___2<T> { fn eq(&self, _: &Self) -> bool { true } }
impl<T> ::std::cmp::Eq for UClass___SLOT___2<T> {}
impl<T> ::std::hash::Hash for UClass___SLOT___2<T> { fn hash<H: ::std::hash::Hasher>(&self, _: &mut H) {} }
impl<T> ::std::cmp::PartialOrd for UClass___SLOT___2<T> { fn partial_cmp(&self, _: &Self) -> ::std::option::Option<::std::cmp::Ordering> { None } }
impl<T> ::std::cmp::Ord for UClass___SLOT___2<T> { fn cmp(&self, _: &Self) -> ::std::cmp::Ordering { ::std::cmp::Ordering::Equal } }
impl<T> ::std::clone::Clone for UClass___SLOT___2<T> { fn clone(&self) -> Self { todo!() } }
impl<T> ::std::str::FromStr for UClass___SLOT___2<T> { type Err = ::pybridge::Error; fn from_str(_: &str) -> ::std::result::Result<Self, Self::Err> { todo!() } }
impl<'pt, T> ::std::iter::IntoIterator for &'pt UClass___SLOT___2<T> { type Item = &'pt usize; type IntoIter = ::std::slice::Iter<'pt, usize>; fn into_iter(self) -> Self::IntoIter { todo!() } }
#[derive(Debug)]
pub struct UErr___SLOT__ {}
impl ::std::fmt::Display for UErr___SLOT__ {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("user error") }
}
impl ::std::error::Error for UErr___SLOT__ {}

impl<T> UClass___SLOT___2<T> {
    pub fn make___SLOT___6(_p0: crate::__SLOT___user::UClass___SLOT___4, _p1: ::std::collections::HashSet<i64>) -> ::std::result::Result<Self, crate::__SLOT___user::UErr___SLOT__> { todo!() }
}

pub struct UClass___SLOT___4 {
}
impl ::std::fmt::Display for UClass___SLOT___4 { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::fmt::Debug for UClass___SLOT___4 { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::cmp::PartialEq for UClass___SLOT___4 { fn eq(&self, _: &Self) -> bool { true } }
impl ::std::cmp::Eq for UClass___SLOT___4 {}
impl ::std::hash::Hash for UClass___SLOT___4 { fn hash<H: ::std::hash::Hasher>(&self, _: &mut H) {} }
impl ::std::cmp::PartialOrd for UClass___SLOT___4 { fn partial_cmp(&self, _: &Self) -> ::std::option::Option<::std::cmp::Ordering> { None } }
impl ::std::cmp::Ord for UClass___SLOT___4 { fn cmp(&self, _: &Self) -> ::std::cmp::Ordering { ::std::cmp::Ordering::Equal } }
impl ::std::clone::Clone for UClass___SLOT___4 { fn clone(&self) -> Self { todo!() } }
impl<'pt> ::std::iter::IntoIterator for &'pt UClass___SLOT___4 { type Item = &'pt usize; type IntoIter = ::std::slice::Iter<'pt, usize>; fn into_iter(self) -> Self::IntoIter { todo!() } }
pub fn um___SLOT___15(_v: &crate::__SLOT___user::UClass___SLOT___4, _p0: &[u8], _p1: ::std::collections::HashMap<usize, u128>, _p2: isize) -> ::std::vec::Vec<::std::vec::Vec<u8>> { todo!() }

pub fn um___SLOT___17(_v: &crate::__SLOT___user::UClass___SLOT___4) -> u128 { todo!() }

impl UClass___SLOT___4 {
    pub fn new(_p0: &crate::__SLOT___user::UClass___SLOT___2<String>) -> Self { todo!() }
    pub fn iter(&mut self) -> ::std::vec::Vec<::std::vec::Vec<bool>> { todo!() }
}

