pub struct UClass___SLOT___3 {
}
impl ::std::fmt::Display for UClass___SLOT___3 { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::fmt::Debug for UClass___SLOT___3 { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::cmp::PartialEq for UClass___SLOT___3 { fn eq(&self, _: &Self) -> bool { true } }
impl ::std::cmp::Eq for UClass___SLOT___3 {}
impl ::std::hash::Hash for UClass___SLOT___3 { fn hash<H: ::std::hash::Hasher>(&self, _: &mut H) {} }
impl ::std::cmp::PartialOrd for UClass___SLOT___3 { fn partial_cmp(&self, _: &Self) -> ::std::option::Option<::std::cmp::Ordering> { None } }
impl ::std::cmp::Ord for UClass___SLOT___3 { fn cmp(&self, _: &Self) -> ::std::cmp::Ordering { ::std::cmp::Ordering::Equal } }
impl ::std::clone::Clone for UClass___SLOT___3 { fn clone(&self) -> Self { todo!() } }
impl<'pt> ::std::iter::IntoIterator for &'pt UClass___SLOT___3 { type Item = &'pt ::std::collections::HashSet<i32>; type IntoIter = ::std::slice::Iter<'pt, ::std::collections::HashSet<i32>>; fn into_iter(self) -> Self::IntoIter { todo!() } }
impl UClass___SLOT___3 {
    pub fn new() -> Self { todo!() }
}

pub struct Error {
    pub flag: ::std::string::String,
    pub width: ::std::vec::Vec<u8>,
    pub String: crate::__SLOT___user::UClass___SLOT___3,
}
impl ::std::fmt::Display for Error { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::fmt::Debug for Error { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::cmp::PartialEq for Error { fn eq(&self, _: &Self) -> bool { true } }
impl ::std::cmp::Eq for Error {}
impl ::std::hash::Hash for Error { fn hash<H: ::std::hash::Hasher>(&self, _: &mut H) {} }
impl ::std::cmp::PartialOrd for Error { fn partial_cmp(&self, _: &Self) -> ::std::option::Option<::std::cmp::Ordering> { None } }
impl ::std::cmp::Ord for Error { fn cmp(&self, _: &Self) -> ::std::cmp::Ordering { ::std::cmp::Ordering::Equal } }
impl ::std::clone::Clone for Error { fn clone(&self) -> Self { todo!() } }
impl<'pt> ::std::iter::IntoIterator for &'pt Error { type Item = &'pt f64; type IntoIter = ::std::slice::Iter<'pt, f64>; fn into_iter(self) -> Self::IntoIter { todo!() } }
impl Error {
}

