//! Generated code names every std item by its full path: a module whose glob import shadows
//! the prelude (as `use anyhow::*;` brings `anyhow::Ok` and `anyhow::Result`) still compiles.

#[allow(non_snake_case, dead_code, non_camel_case_types, unused_macros)]
mod shadow {
    /// Like `anyhow::Ok`: a function, not the variant.
    pub fn Ok<T>(value: T) -> ::std::result::Result<T, ::std::string::String> {
        ::std::result::Result::Ok(value)
    }
    /// Like `anyhow::Result`: one parameter, a fixed error type.
    pub type Result<T, E = ::std::string::String> = ::std::result::Result<T, E>;
    /// Unit structs take both namespaces: a bare `Some(x)` or `None` would mean these.
    pub struct Some;
    pub struct None;
    pub struct Err;
    pub struct Option;
    pub struct Vec;
    pub struct String;
    pub struct Box;
    pub struct Clone;
    pub struct Default;
    pub struct Into;
    pub struct From;
    pub struct Iterator;
    pub struct IntoIterator;
    pub struct ToString;
    pub struct Send;
    pub struct Sync;
    pub struct Drop;
    pub struct Fn;
    pub struct PartialEq;
    macro_rules! unreachable {
        ($($t:tt)*) => {
            compile_error!("the prelude's unreachable! was shadowed")
        };
    }
    pub(crate) use unreachable;
    macro_rules! concat {
        ($($t:tt)*) => {
            compile_error!("the prelude's concat! was shadowed")
        };
    }
    pub(crate) use concat;
}

#[pybridge::py_embed(name = "shadowed")]
mod items {
    #[allow(unused_imports)]
    use super::shadow::*;

    #[py_embed]
    #[derive(Debug, ::std::clone::Clone, ::std::cmp::PartialEq, Hash, PartialOrd)]
    pub struct Point {
        #[py_embed(get, set)]
        pub x: i64,
        #[py_embed(get, set)]
        pub label: ::std::option::Option<::std::string::String>,
    }

    #[py_embed]
    impl Point {
        pub fn new(x: i64, label: ::std::option::Option<::std::string::String>) -> Self {
            Point { x, label }
        }

        pub fn try_scale(&self, by: i64) -> ::std::result::Result<Point, Overflow> {
            match self.x.checked_mul(by) {
                ::std::option::Option::Some(x) => ::std::result::Result::Ok(Point { x, label: self.label.clone() }),
                ::std::option::Option::None => ::std::result::Result::Err(Overflow { by }),
            }
        }

        pub fn copies(&self, n: usize) -> ::std::vec::Vec<Point> {
            ::std::iter::repeat_n(self.clone(), n).collect()
        }

        pub fn maybe(&self) -> ::std::option::Option<Point> {
            ::std::option::Option::Some(self.clone())
        }
    }

    #[py_embed(exception, base = "ValueError")]
    #[derive(Debug)]
    pub struct Overflow {
        #[py_embed(get)]
        pub by: i64,
    }

    impl ::std::fmt::Display for Overflow {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            write!(f, "overflow scaling by {}", self.by)
        }
    }

    #[py_embed]
    #[derive(Debug, ::std::clone::Clone, Copy, ::std::cmp::PartialEq)]
    pub enum Color {
        Red,
        Green,
    }

    #[py_embed]
    #[derive(Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
    pub enum Shape {
        Circle { r: f64 },
        Square(f64),
    }

    #[py_embed]
    pub fn area(shape: &Shape) -> f64 {
        match shape {
            Shape::Circle { r } => 3.0 * r * r,
            Shape::Square(s) => s * s,
        }
    }

    #[py_embed]
    pub fn parse(text: &str) -> ::std::result::Result<i64, ::std::num::ParseIntError> {
        text.parse()
    }
}

fn main() {}
