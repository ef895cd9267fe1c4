#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UEnum___SLOT___3 { Alpha, Box }

pub struct UClass___SLOT___5 {
}
impl ::std::fmt::Display for UClass___SLOT___5 { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::fmt::Debug for UClass___SLOT___5 { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::cmp::PartialEq for UClass___SLOT___5 { fn eq(&self, _: &Self) -> bool { true } }
impl ::std::cmp::Eq for UClass___SLOT___5 {}
impl ::std::hash::Hash for UClass___SLOT___5 { fn hash<H: ::std::hash::Hasher>(&self, _: &mut H) {} }
impl ::std::cmp::PartialOrd for UClass___SLOT___5 { fn partial_cmp(&self, _: &Self) -> ::std::option::Option<::std::cmp::Ordering> { None } }
impl ::std::cmp::Ord for UClass___SLOT___5 { fn cmp(&self, _: &Self) -> ::std::cmp::Ordering { ::std::cmp::Ordering::Equal } }
impl UClass___SLOT___5 {
}

pub struct UClass___SLOT___7 {
    pub name: ::std::vec::Vec<f64>,
    pub width: ::std::vec::Vec<bool>,
}
impl ::std::fmt::Display for UClass___SLOT___7 { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::fmt::Debug for UClass___SLOT___7 { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::cmp::PartialEq for UClass___SLOT___7 { fn eq(&self, _: &Self) -> bool { true } }
impl ::std::cmp::Eq for UClass___SLOT___7 {}
impl ::std::hash::Hash for UClass___SLOT___7 { fn hash<H: ::std::hash::Hasher>(&self, _: &mut H) {} }
impl ::std::cmp::PartialOrd for UClass___SLOT___7 { fn partial_cmp(&self, _: &Self) -> ::std::option::Option<::std::cmp::Ordering> { None } }
impl ::std::cmp::Ord for UClass___SLOT___7 { fn cmp(&self, _: &Self) -> ::std::cmp::Ordering { ::std::cmp::Ordering::Equal } }
impl ::std::clone::Clone for UClass___SLOT___7 { fn clone(&self) -> Self { todo!() } }
impl UClass___SLOT___7 {
}

pub fn cval_32() -> ::std::collections::HashMap<::std::string::String, crate::__SLOT___user::UEnum___SLOT___3> { todo!() }

