//! The `#[py_embed(...)]` option grammar: every option is parsed with its token kept, set once
//! (a repeat is reported at the second occurrence), and checked against the options the item
//! kind accepts, so `#[py_embed(get)]` on a function says which options a function takes.

use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::names::suggest;
use crate::origin::Origin;

/// Which item the options are on; each accepts a different set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// An inline `mod` (the Python module).
    Module,
    /// A free function.
    Function,
    /// A struct (a class, or an exception with `exception`).
    Struct,
    /// A named field of a struct.
    Field,
    /// An `impl` block of an exported struct.
    Impl,
    /// A method inside such an impl block.
    Method,
    /// A unit-only enum.
    Enum,
    /// A type alias naming a class another pybridge module exports.
    TypeAlias,
}

impl Target {
    /// The options this item accepts.
    pub fn accepts(self) -> &'static [&'static str] {
        match self {
            Target::Module => &["name"],
            Target::Function => &["name", "release_gil", "signature"],
            Target::Struct => &["name", "display", "exception", "base", "unsendable", "subclass", "weakref", "pickle"],
            Target::Field => &["name", "get", "set", "view", "buffer"],
            Target::Impl => &[],
            Target::Method => {
                &["name", "constructor", "classmethod", "skip", "release_gil", "close", "getter", "setter", "signature"]
            }
            Target::Enum => &["name", "exception", "base"],
            Target::TypeAlias => &["name", "from"],
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Target::Module => "a module",
            Target::Function => "a function",
            Target::Struct => "a struct",
            Target::Field => "a field",
            Target::Impl => "an impl block",
            Target::Method => "a method",
            Target::Enum => "an enum",
            Target::TypeAlias => "a type alias",
        }
    }
}

/// Parsed options; each is `Some(span)` (flags) or `Some((value, span))` when given.
#[derive(Debug, Default)]
pub struct Options {
    /// `name = "..."`: the Python name.
    pub name: Option<(String, Span)>,
    /// `get`: a readable property (fields).
    pub get: Option<Span>,
    /// `set`: a writable property (fields).
    pub set: Option<Span>,
    /// `view`: a class-typed field's getter returns a view into the object, not a copy.
    pub view: Option<Span>,
    /// `buffer`: a `Vec<T>` field of numbers exported through the buffer protocol (implies `get`).
    pub buffer: Option<Span>,
    /// `constructor`: this associated function is `__init__`.
    pub constructor: Option<Span>,
    /// `skip`: a `pub fn` of an exported impl that is not exported.
    pub skip: Option<Span>,
    /// `release_gil`: run without holding the interpreter (pure Rust work).
    pub release_gil: Option<Span>,
    /// `close`: this method releases the object; adds `__enter__`/`__exit__`.
    pub close: Option<Span>,
    /// `getter`: this `&self` method is a property getter.
    pub getter: Option<Span>,
    /// `setter`: this `&mut self` method is a property setter (`set_x` sets `x`).
    pub setter: Option<Span>,
    /// `display`: `__str__` from `Display`.
    pub display: Option<Span>,
    /// `exception`: this type is a Python exception class.
    pub exception: Option<Span>,
    /// `base = "ValueError"`: the exception's base class.
    pub base: Option<(String, Span)>,
    /// `unsendable`: the class may hold non-`Send` data (checked at runtime by thread).
    pub unsendable: Option<Span>,
    /// `subclass`: Python may subclass the class.
    pub subclass: Option<Span>,
    /// `weakref`: instances can be weakly referenced.
    pub weakref: Option<Span>,
    /// `pickle`: instances pickle through the constructor's arguments.
    pub pickle: Option<Span>,
    /// `classmethod`: this associated function is a Python classmethod.
    pub classmethod: Option<Span>,
    /// `signature = (a, b = 2.0, *, c)`: pyo3's signature grammar (defaults, `/`, `*`).
    pub signature: Option<(proc_macro2::Group, Span)>,
    /// `from = "module"`: the aliased class is exported by that pybridge module.
    pub from: Option<(String, Span)>,
}

/// Parses `#[py_embed(...)]` arguments for `target`. Every unknown, misplaced or repeated
/// option is reported; parsing goes on after each.
pub fn parse_options(args: TokenStream, target: Target, diags: &mut Diagnostics) -> Options {
    let mut options = Options::default();
    if args.is_empty() {
        return options;
    }
    let accepted = target.accepts();
    let parser = syn::meta::parser(|meta| {
        let key = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
        let span = meta.path.span();
        let known = ALL.contains(&key.as_str());
        if !known || !accepted.contains(&key.as_str()) {
            let help = if accepted.is_empty() {
                format!("{} takes no options", target.describe())
            } else {
                suggest(&key, accepted.iter().copied())
                    .unwrap_or_else(|| format!("{} accepts: {}", target.describe(), accepted.join(", ")))
            };
            let message = if known {
                format!("option `{key}` does not apply to {}", target.describe())
            } else {
                format!("unknown option `{key}`")
            };
            diags.push(Diagnostic::new(Origin::Rust(span), message).help(help));
            skip_value(&meta)?;
            return Ok(());
        }
        if key == "signature" {
            let tree: proc_macro2::TokenTree = meta.value()?.parse()?;
            let group = match tree {
                proc_macro2::TokenTree::Group(group) => group,
                other => proc_macro2::Group::new(proc_macro2::Delimiter::None, other.into()),
            };
            if options.signature.replace((group, span)).is_some() {
                diags.push(
                    Diagnostic::new(Origin::Rust(span), "duplicate option `signature`").help("give `signature` once"),
                );
            }
            return Ok(());
        }
        let value = if VALUED.contains(&key.as_str()) {
            let lit: syn::LitStr = meta.value()?.parse()?;
            Some((lit.value(), lit.span()))
        } else {
            None
        };
        let slot_taken = set_option(&mut options, &key, span, value);
        if slot_taken {
            diags.push(
                Diagnostic::new(Origin::Rust(span), format!("duplicate option `{key}`"))
                    .help(format!("give `{key}` once")),
            );
        }
        Ok(())
    });
    if let Err(err) = syn::parse::Parser::parse2(parser, args) {
        diags.error(Origin::Rust(err.span()), err.to_string());
    }
    options
}

const ALL: &[&str] = &[
    "name",
    "get",
    "set",
    "view",
    "buffer",
    "from",
    "constructor",
    "skip",
    "release_gil",
    "close",
    "getter",
    "setter",
    "display",
    "exception",
    "base",
    "unsendable",
    "subclass",
    "weakref",
    "pickle",
    "classmethod",
    "signature",
];
const VALUED: &[&str] = &["name", "base", "from"];

fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _: syn::Token![=] = meta.input.parse()?;
        let _: syn::Expr = meta.input.parse()?;
    }
    Ok(())
}

/// Stores an option; `true` when it was already set.
fn set_option(o: &mut Options, key: &str, span: Span, value: Option<(String, Span)>) -> bool {
    fn flag(slot: &mut Option<Span>, span: Span) -> bool {
        slot.replace(span).is_some()
    }
    fn valued(slot: &mut Option<(String, Span)>, value: Option<(String, Span)>) -> bool {
        let was = slot.is_some();
        if !was {
            *slot = value;
        }
        was
    }
    match key {
        "name" => valued(&mut o.name, value),
        "base" => valued(&mut o.base, value),
        "from" => valued(&mut o.from, value),
        "get" => flag(&mut o.get, span),
        "set" => flag(&mut o.set, span),
        "view" => flag(&mut o.view, span),
        "buffer" => flag(&mut o.buffer, span),
        "constructor" => flag(&mut o.constructor, span),
        "skip" => flag(&mut o.skip, span),
        "release_gil" => flag(&mut o.release_gil, span),
        "close" => flag(&mut o.close, span),
        "getter" => flag(&mut o.getter, span),
        "setter" => flag(&mut o.setter, span),
        "display" => flag(&mut o.display, span),
        "exception" => flag(&mut o.exception, span),
        "unsendable" => flag(&mut o.unsendable, span),
        "subclass" => flag(&mut o.subclass, span),
        "weakref" => flag(&mut o.weakref, span),
        "pickle" => flag(&mut o.pickle, span),
        "classmethod" => flag(&mut o.classmethod, span),
        _ => false,
    }
}

/// The options of `#[py_embed(...)]` among `attrs`, if the attribute is there. A second
/// `#[py_embed]` on the same item is reported.
pub fn find_options(attrs: &[syn::Attribute], target: Target, diags: &mut Diagnostics) -> Option<Options> {
    let mut found: Option<Options> = None;
    for attr in attrs.iter().filter(|a| super::is_py_embed(a)) {
        let options = match &attr.meta {
            syn::Meta::List(list) => parse_options(list.tokens.clone(), target, diags),
            _ => Options::default(),
        };
        if found.is_some() {
            diags.push(
                Diagnostic::new(Origin::Rust(attr.span()), "duplicate `#[py_embed]` attribute")
                    .help("merge the options into one `#[py_embed(...)]`"),
            );
        } else {
            found = Some(options);
        }
    }
    found
}
