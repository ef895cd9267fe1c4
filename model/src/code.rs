//! Rust code in the model: the paths and expressions a spec's `rust:` values name, parsed once by
//! the front end that read them. Emitters paste them as tokens; nothing downstream parses text.
//!
//! A value that does not parse is refused where it was written (see [`RustPath::parse`]), so
//! every [`RustPath`] in a model is a path that names an item, without a borrowed lifetime.

use std::fmt;

use proc_macro2::TokenStream;
use quote::ToTokens;

/// Why a `rust:` value was refused; [`PathProblem::message`] says it to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathProblem {
    /// Not a path (or a path ending in `crate`, `self`, `super`, `Self`), or nested too deeply
    /// to parse safely.
    NotAPath,
    /// A path with a lifetime other than `'static` (a Python object owns its value for as long
    /// as Python likes).
    Borrows,
    /// Not an expression (constants).
    NotAnExpression,
}

impl PathProblem {
    /// The diagnostic's message and help for a `rust: {text}` of an item of kind `what`.
    ///
    /// ```
    /// use pybridge_model::code::PathProblem;
    /// let (message, _help) = PathProblem::Borrows.message("Foo<'a>", "class");
    /// assert_eq!(message, "`rust: Foo<'a>` of this class borrows with a lifetime");
    /// ```
    pub fn message(self, text: &str, what: &str) -> (String, &'static str) {
        match self {
            PathProblem::NotAPath => (
                format!("`rust: {text}` of this {what} is not a Rust path"),
                "write a path such as `crate::module::item` or `other_crate::Type`",
            ),
            PathProblem::Borrows => (
                format!("`rust: {text}` of this {what} borrows with a lifetime"),
                "a Python object owns its value for as long as Python likes: use `'static` or a type that owns its data; only a class may borrow, with exactly one lifetime (a view class: `regex::Match<'h>`)",
            ),
            PathProblem::NotAnExpression => (
                format!("`rust: {text}` of this {what} is not a Rust expression"),
                "write an expression of the constant's type, such as `crate::VERSION.to_string()`",
            ),
        }
    }
}

/// A Rust path naming an item (`crate::ops::add`, `other::Type<u8>`, `FromStr::from_str`).
#[derive(Clone)]
pub struct RustPath {
    path: syn::Path,
    text: String,
}

impl RustPath {
    /// Parses a `rust:` value.
    ///
    /// ```
    /// use pybridge_model::code::{PathProblem, RustPath};
    /// assert_eq!(RustPath::parse("crate::ops::add").unwrap().last_ident(), "add");
    /// assert_eq!(RustPath::parse("a + b").unwrap_err(), PathProblem::NotAPath);
    /// assert_eq!(RustPath::parse("crate::ops::self").unwrap_err(), PathProblem::NotAPath);
    /// assert_eq!(RustPath::parse("Foo<'a>").unwrap_err(), PathProblem::Borrows);
    /// ```
    pub fn parse(text: &str) -> Result<RustPath, PathProblem> {
        let tokens = parse_tokens(text).ok_or(PathProblem::NotAPath)?;
        let path: syn::Path = syn::parse2(tokens).map_err(|_| PathProblem::NotAPath)?;
        let names_item = path
            .segments
            .last()
            .is_some_and(|s| !["crate", "self", "super", "Self"].contains(&s.ident.to_string().as_str()));
        if !names_item {
            return Err(PathProblem::NotAPath);
        }
        if crate::rusttype::path_has_lifetime(&path) {
            return Err(PathProblem::Borrows);
        }
        Ok(RustPath { path, text: text.trim().to_string() })
    }

    /// Parses an exported class's `rust:` value, which may name one lifetime in its last segment
    /// (`regex::Match<'h>`: a view class): the path and that lifetime's name. Other lifetimes
    /// are refused as [`RustPath::parse`] refuses them.
    ///
    /// ```
    /// use pybridge_model::code::{PathProblem, RustPath};
    /// let (path, lifetime) = RustPath::parse_class("regex::Match<'h>").unwrap();
    /// assert_eq!((path.last_ident().as_str(), lifetime.as_deref()), ("Match", Some("h")));
    /// assert_eq!(RustPath::parse_class("regex::Regex").unwrap().1, None);
    /// assert_eq!(RustPath::parse_class("Pair<'a, 'b>").unwrap_err(), PathProblem::Borrows);
    /// assert_eq!(RustPath::parse_class("Pair<'a, u8>").unwrap_err(), PathProblem::Borrows);
    /// ```
    pub fn parse_class(text: &str) -> Result<(RustPath, Option<String>), PathProblem> {
        let tokens = parse_tokens(text).ok_or(PathProblem::NotAPath)?;
        let mut path: syn::Path = syn::parse2(tokens).map_err(|_| PathProblem::NotAPath)?;
        let Some(last) = path.segments.last_mut() else { return Err(PathProblem::NotAPath) };
        let lifetime = match &last.arguments {
            syn::PathArguments::AngleBracketed(a) if a.args.len() == 1 => match a.args.first() {
                Some(syn::GenericArgument::Lifetime(l)) if l.ident != "static" && l.ident != "_" => {
                    Some(l.ident.to_string())
                }
                _ => None,
            },
            _ => None,
        };
        let Some(lifetime) = lifetime else { return RustPath::parse(text).map(|p| (p, None)) };
        // The rest of the path must parse as a path that borrows nothing.
        let arguments = std::mem::take(&mut last.arguments);
        let rest = RustPath::parse(&quote::ToTokens::to_token_stream(&path).to_string())?;
        let mut path = rest.path;
        if let Some(last) = path.segments.last_mut() {
            last.arguments = arguments;
        }
        Ok((RustPath { path, text: text.trim().to_string() }, Some(lifetime)))
    }

    /// A view struct's path with its lifetime (`Word<'a>`), as the attribute declares it.
    pub fn from_ident_with_lifetime(ident: &syn::Ident, lifetime: &syn::Lifetime) -> RustPath {
        let path: syn::Path = syn::parse_quote!(#ident<#lifetime>);
        RustPath { path, text: format!("{ident}<{lifetime}>") }
    }

    /// The one-segment path of an identifier the front end already holds (a `#[py_embed]`
    /// item's name, or a model name's Rust identifier such as `r#type`).
    ///
    /// ```
    /// let path = pybridge_model::code::RustPath::from_ident(&pybridge_model::names::ident("r#type"));
    /// assert_eq!(path.text(), "r#type");
    /// assert!(path.as_ident().is_some());
    /// ```
    pub fn from_ident(ident: &syn::Ident) -> RustPath {
        RustPath { path: syn::Path::from(ident.clone()), text: ident.to_string() }
    }

    /// The parsed path.
    pub fn path(&self) -> &syn::Path {
        &self.path
    }

    /// The path as written, for messages.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The identifier, when the path is one plain identifier (a method's name).
    pub fn as_ident(&self) -> Option<&syn::Ident> {
        self.path.get_ident()
    }

    /// Whether the path has more than one segment (or a leading `::`).
    pub fn is_qualified(&self) -> bool {
        self.path.leading_colon.is_some() || self.path.segments.len() > 1
    }

    /// Whether the path is resolved from the module that uses it: no leading `::`, and not
    /// starting from `crate`, `self` or `super` (a generated nested module must bring it into
    /// scope).
    ///
    /// ```
    /// use pybridge_model::code::RustPath;
    /// assert!(RustPath::parse("shapes::Point").unwrap().is_relative());
    /// assert!(!RustPath::parse("crate::shapes::Point").unwrap().is_relative());
    /// assert!(!RustPath::parse("::shapes::Point").unwrap().is_relative());
    /// ```
    pub fn is_relative(&self) -> bool {
        self.path.leading_colon.is_none() && !["crate", "self", "super"].contains(&self.first_ident().as_str())
    }

    /// The first segment's identifier without `r#` (the crate a path starts from).
    pub fn first_ident(&self) -> String {
        self.path.segments.first().map(|s| crate::names::unraw_ident(&s.ident)).unwrap_or_default()
    }

    /// The last segment's identifier without `r#` (the item's own name).
    pub fn last_ident(&self) -> String {
        self.path.segments.last().map(|s| crate::names::unraw_ident(&s.ident)).unwrap_or_default()
    }
}

/// A Rust expression (an exported constant's value).
#[derive(Clone)]
pub struct RustExpr {
    expr: syn::Expr,
    text: String,
}

impl RustExpr {
    /// Parses a constant's `rust:` value.
    ///
    /// ```
    /// use pybridge_model::code::RustExpr;
    /// assert!(RustExpr::parse("crate::VERSION.to_string()").is_ok());
    /// assert!(RustExpr::parse("let x = 1;").is_err());
    /// assert!(RustExpr::parse("let x = 1").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<RustExpr, PathProblem> {
        let tokens = parse_tokens(text).ok_or(PathProblem::NotAnExpression)?;
        let expr = syn::parse2(tokens).map_err(|_| PathProblem::NotAnExpression)?;
        // syn reads `let x = 1` as an expression (for `if let` chains); Rust does not.
        if matches!(expr, syn::Expr::Let(_)) {
            return Err(PathProblem::NotAnExpression);
        }
        Ok(RustExpr { expr, text: text.trim().to_string() })
    }

    /// The parsed expression.
    pub fn expr(&self) -> &syn::Expr {
        &self.expr
    }

    /// The expression as written, for messages.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// `text` as tokens, unless it is not tokens or nests too deeply for syn (see `depth.rs`).
fn parse_tokens(text: &str) -> Option<TokenStream> {
    let tokens: TokenStream = text.parse().ok()?;
    crate::depth::find_deep_nesting(&tokens).is_none().then_some(tokens)
}

impl ToTokens for RustPath {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.path.to_tokens(tokens);
    }
}

impl ToTokens for RustExpr {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.expr.to_tokens(tokens);
    }
}

impl fmt::Debug for RustPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RustPath({})", self.text)
    }
}

impl fmt::Debug for RustExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RustExpr({})", self.text)
    }
}

impl fmt::Display for RustPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialEq for RustPath {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_before_syn_sees_it() {
        let deep = format!("a{}b{}", "::c<".repeat(200), ">".repeat(200));
        assert_eq!(RustPath::parse(&deep).unwrap_err(), PathProblem::NotAPath);
        assert!(RustExpr::parse(&"(".repeat(300)).is_err());
    }

    #[test]
    fn static_lifetimes_and_generics_are_paths() {
        let path = RustPath::parse("other::Holder<'static, u8>").unwrap();
        assert!(path.is_qualified());
        assert_eq!((path.first_ident(), path.last_ident()), ("other".to_string(), "Holder".to_string()));
        assert!(!RustPath::parse("add").unwrap().is_qualified());
        assert!(RustPath::parse("::std::str::FromStr::from_str").unwrap().is_qualified());
    }

    // Through the spec front end: a `rust:` value is refused where it was written.
    #[cfg(feature = "spec")]
    mod spec_values {
        use crate::check::test_support::{assert_passes, assert_reports};

        #[test]
        fn a_rust_value_that_is_not_a_path_is_refused() {
            let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: f, rust: \"crate::\" }
    - { name: g, rust: \"crate::ops::self\" }
  classes:
    - name: C
      rust: \"crate::C<\"
      constructor:
        rust: \"new(\"
      methods:
        - { name: make, kind: static, rust: \"crate::make(\" }
  enums:
    - { name: Color, rust: \"not a path\", variants: [Red] }
";
            assert_reports(
                spec,
                &[
                    (5, 24, "`rust: crate::` of this function is not a Rust path"),
                    (6, 24, "`rust: crate::ops::self` of this function is not a Rust path"),
                    (9, 13, "`rust: crate::C<` of this class is not a Rust path"),
                    (11, 15, "`rust: new(` of this constructor is not a Rust path"),
                    (13, 45, "`rust: crate::make(` of this method is not a Rust path"),
                    (15, 28, "`rust: not a path` of this enum is not a Rust path"),
                ],
            );
        }

        #[test]
        fn rust_values_that_are_paths_are_accepted() {
            let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: f, rust: \"crate::f\" }
    - { name: g, rust: \"crate::ops::g\" }
  classes:
    - name: C
      rust: \"crate::C<i64>\"
      constructor:
        rust: \"new_c\"
      methods:
        - { name: make, kind: static, rust: \"crate::make\" }
  enums:
    - { name: Color, rust: \"::other_crate::Color\", variants: [Red] }
";
            assert_passes(spec);
        }

        #[test]
        fn rust_paths_refuse_a_path_that_borrows_with_a_lifetime() {
            let spec = "\
version: 1
module: ext
export:
  classes:
    - name: Pair
      rust: \"crate::Pair<'a, 'b>\"
  enums:
    - name: Color
      rust: \"crate::Color<'a>\"
      variants: [Red]
";
            assert_reports(
                spec,
                &[
                    (6, 13, "`rust: crate::Pair<'a, 'b>` of this class borrows with a lifetime"),
                    (9, 13, "`rust: crate::Color<'a>` of this enum borrows with a lifetime"),
                ],
            );
        }

        #[test]
        fn rust_paths_refuse_a_constant_that_is_not_an_expression() {
            let spec = "\
version: 1
module: ext
export:
  constants:
    - { name: VERSION, type: String, rust: \"crate::VERSION.\" }
";
            assert_reports(spec, &[(5, 44, "`rust: crate::VERSION.` of this constant is not a Rust expression")]);
        }
    }
}
