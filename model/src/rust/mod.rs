//! The Rust-items front end: `#[py_embed]` on an inline `mod` (the module declaration) and on
//! the items inside it, lowered into the same [`Module`] a spec's `export:` produces.
//!
//! - `fn` → a module function (`function.rs`, shared with methods);
//! - `struct` → a class, its `#[py_embed(get, set)]` fields properties, derives and trait impls
//!   (`Debug`, `Display` with `display`, `PartialEq`, `Hash`, `PartialOrd`) Python protocols;
//!   with `exception`, an exception class instead (`class.rs`);
//! - `impl` of such a struct → its methods; `enum` → an enum class (unit variants) or a base
//!   class with one subclass per variant (variants with data).
//!
//! Every unsupported shape is reported at its token, all at once.

mod attribute;
mod class;
mod containers;
mod delims;
mod function;
mod operators;
pub mod options;
mod scan;
mod signature;

use proc_macro2::Span;
use syn::spanned::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Direction, Module, Name};
use crate::origin::Origin;

pub use attribute::{Embed, read_py_embed};
pub use function::lower_rust_fn;
pub use options::{Options, Target, find_options, parse_options};
pub use scan::scan_source;

/// The attribute's name, as users write it.
pub const ATTRIBUTE: &str = "py_embed";

/// Whether an attribute is `#[py_embed]` (or `#[pybridge::py_embed]`).
pub fn is_py_embed(attr: &syn::Attribute) -> bool {
    attr.path().segments.last().is_some_and(|s| s.ident == ATTRIBUTE)
}

/// Lowers a `#[py_embed] mod` into an export module. Items inside marked `#[py_embed]` are
/// exported; the caller strips those inner attributes from the output.
pub fn lower_rust_module(item: &syn::ItemMod, options: &Options, diags: &mut Diagnostics) -> Module {
    let py = options.name.as_ref().map(|(n, _)| n.clone()).unwrap_or_else(|| unraw(&item.ident));
    let origin = Origin::Rust(options.name.as_ref().map(|(_, s)| *s).unwrap_or(item.ident.span()));
    let name = Name { rust: item.ident.to_string(), py, origin };
    let mut module = Module::new(Direction::Export, name, doc_of(&item.attrs), origin);
    let Some((_, items)) = &item.content else {
        diags.push(
            Diagnostic::new(Origin::Rust(item.ident.span()), "`#[py_embed]` needs an inline module")
                .help("write the module's items inside `mod name { ... }`"),
        );
        return module;
    };
    // Types first, so impl blocks and trait impls find their class whatever the order.
    for inner in items {
        match inner {
            syn::Item::Struct(s) => {
                if let Some(opts) = find_options(&s.attrs, Target::Struct, diags) {
                    class::lower_struct(s, &opts, &mut module, diags);
                }
            }
            syn::Item::Enum(e) => {
                if let Some(opts) = find_options(&e.attrs, Target::Enum, diags) {
                    class::lower_enum(e, &opts, &mut module, diags);
                }
            }
            syn::Item::Type(t) => {
                if let Some(opts) = find_options(&t.attrs, Target::TypeAlias, diags) {
                    lower_foreign_alias(t, &opts, &mut module, diags);
                }
            }
            _ => {}
        }
    }
    for inner in items {
        match inner {
            syn::Item::Fn(f) => {
                if let Some(opts) = find_options(&f.attrs, Target::Function, diags)
                    && let Some(function) = lower_rust_fn(f, &opts, diags)
                {
                    module.functions.push(function);
                }
            }
            syn::Item::Impl(i) => class::lower_impl(i, &mut module, diags),
            syn::Item::Struct(_) | syn::Item::Enum(_) | syn::Item::Type(_) => {}
            other => {
                if let Some(attr) = item_attrs(other).iter().find(|a| is_py_embed(a)) {
                    let what = match other {
                        syn::Item::Trait(_) => "a trait: export the types that implement it",
                        syn::Item::Mod(_) => "a nested module: exported modules are flat",
                        _ => "this kind of item",
                    };
                    diags.push(
                        Diagnostic::new(
                            Origin::Rust(attr.span()),
                            format!("`#[py_embed]` cannot be applied to {what}"),
                        )
                        .help("apply it to functions, structs, unit-only enums and their impl blocks"),
                    );
                }
            }
        }
    }
    // Operator impls last: a method declared by name in any impl block takes precedence.
    for inner in items {
        if let syn::Item::Impl(i) = inner {
            operators::lower_operator_impl(i, &mut module, diags);
        }
    }
    containers::lower_container_impls(items, &mut module, diags);
    module
}

/// `#[py_embed(from = "other")] pub type Point = geometry::Point;`: a class the pybridge module
/// `other` exports, taken and returned here as that module's objects (the spec's `from:`). The
/// alias names the type in the generated glue, so its path is the alias itself.
fn lower_foreign_alias(t: &syn::ItemType, opts: &Options, module: &mut Module, diags: &mut Diagnostics) {
    let Some((from, from_span)) = &opts.from else {
        diags.push(
            Diagnostic::new(Origin::Rust(t.ident.span()), "`#[py_embed]` on a type alias needs `from = \"module\"`")
                .help("a type alias exports nothing itself: it names a class another pybridge module exports"),
        );
        return;
    };
    if !t.generics.params.is_empty() {
        diags.push(
            Diagnostic::new(Origin::Rust(t.generics.span()), "a class from another module has no type parameters")
                .help("alias one concrete type: `pub type Points = geometry::Stack<Point>;`"),
        );
        return;
    }
    let (py, origin) = match &opts.name {
        Some((name, span)) => (name.clone(), Origin::Rust(*span)),
        None => (unraw(&t.ident), Origin::Rust(t.ident.span())),
    };
    module.foreign.push(crate::ir::ForeignClass {
        name: Name { py, rust: t.ident.to_string(), origin },
        rust_path: Some(crate::code::RustPath::from_ident(&t.ident)),
        module: from.clone(),
        module_origin: Origin::Rust(*from_span),
        origin: Origin::Rust(t.ident.span()),
    });
}

/// The `///` doc comment of an item, lines joined, common indentation removed.
pub fn doc_of(attrs: &[syn::Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    if lines.is_empty() {
        return None;
    }
    let indent =
        lines.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    let text: Vec<&str> = lines.iter().map(|l| if l.len() >= indent { &l[indent..] } else { l.trim() }).collect();
    Some(text.join("\n").trim().to_string())
}

pub(crate) use crate::names::unraw_ident as unraw;

/// The Python name: `name = "..."` or the Rust name; and where to point at it.
pub(crate) fn py_name(options: &Options, ident: &syn::Ident) -> (String, Origin) {
    match &options.name {
        Some((name, span)) => (name.clone(), Origin::Rust(*span)),
        None => (unraw(ident), Origin::Rust(ident.span())),
    }
}

/// The one lifetime parameter of a view struct or its impl block (`struct Word<'a>`,
/// `impl<'a> Word<'a>`): `Some` when it is the only generic parameter, without bounds or a
/// `where` clause.
pub(crate) fn view_lifetime(generics: &syn::Generics) -> Option<&syn::Lifetime> {
    let mut params = generics.params.iter();
    match (params.next(), params.next(), &generics.where_clause) {
        (Some(syn::GenericParam::Lifetime(l)), None, None) if l.bounds.is_empty() => Some(&l.lifetime),
        _ => None,
    }
}

/// Reports generic parameters and lifetimes on an exported item.
pub(crate) fn reject_generics(generics: &syn::Generics, what: &str, diags: &mut Diagnostics) -> bool {
    let mut ok = true;
    let mut reject = |span: Span, message: String, help: &str| {
        diags.push(Diagnostic::new(Origin::Rust(span), message).help(help));
        ok = false;
    };
    // A function's lifetimes are judged where they are used (check: `views.rs`): views borrow
    // the parameter written with the lifetime their return names.
    let lifetimes_used = what == "functions";
    if let Some(lt) = generics.lifetimes().find(|l| !lifetimes_used || !l.bounds.is_empty()) {
        reject(
            lt.span(),
            "lifetime parameters cannot cross the Python boundary".into(),
            "Python owns its objects: use owned data",
        );
    }
    if let Some(tp) = generics.type_params().next() {
        reject(
            tp.span(),
            format!("generic {what} cannot be exported"),
            "export one concrete type or function per instantiation",
        );
    }
    if let Some(cp) = generics.const_params().next() {
        reject(cp.span(), format!("const generic {what} cannot be exported"), "export one concrete item per value");
    }
    ok
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        syn::Item::Union(i) => &i.attrs,
        _ => &[],
    }
}
