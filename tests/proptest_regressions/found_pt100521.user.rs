#[derive(Clone, Debug)]
pub enum Type_ { Dict, value, r#loop }

pub struct Gamma {
}
impl ::std::fmt::Display for Gamma { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::fmt::Debug for Gamma { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::cmp::PartialEq for Gamma { fn eq(&self, _: &Self) -> bool { true } }
impl ::std::cmp::Eq for Gamma {}
impl ::std::hash::Hash for Gamma { fn hash<H: ::std::hash::Hasher>(&self, _: &mut H) {} }
impl ::std::cmp::PartialOrd for Gamma { fn partial_cmp(&self, _: &Self) -> ::std::option::Option<::std::cmp::Ordering> { None } }
impl ::std::cmp::Ord for Gamma { fn cmp(&self, _: &Self) -> ::std::cmp::Ordering { ::std::cmp::Ordering::Equal } }
impl ::std::clone::Clone for Gamma { fn clone(&self) -> Self { todo!() } }
impl Gamma {
}

pub struct Args {
}
impl ::std::fmt::Display for Args { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::fmt::Debug for Args { fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("x") } }
impl ::std::cmp::PartialEq for Args { fn eq(&self, _: &Self) -> bool { true } }
impl ::std::cmp::Eq for Args {}
impl ::std::hash::Hash for Args { fn hash<H: ::std::hash::Hasher>(&self, _: &mut H) {} }
impl ::std::cmp::PartialOrd for Args { fn partial_cmp(&self, _: &Self) -> ::std::option::Option<::std::cmp::Ordering> { None } }
impl ::std::cmp::Ord for Args { fn cmp(&self, _: &Self) -> ::std::cmp::Ordering { ::std::cmp::Ordering::Equal } }
#[derive(Debug)]
pub struct UErr___SLOT__ {}
impl ::std::fmt::Display for UErr___SLOT__ {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str("user error") }
}
impl ::std::error::Error for UErr___SLOT__ {}

impl Args {
    pub fn new(_p0: crate::__SLOT___user::Type_, _p1: ::pybridge::Object) -> ::std::result::Result<Self, crate::__SLOT___user::UErr___SLOT__> { todo!() }
    pub fn new(&self) -> crate::__SLOT___user::Gamma { todo!() }
}

