//! Rust spellings that cross as another type's Python value: arrays `[T; N]`, and the
//! pointers `Cow<'_, str>`, `Cow<'_, [T]>`, `Box<str>`, `Box<[T]>` (see [`TypeKind::Indirect`];
//! `&T` is lowered in `rusttype.rs`).

use proc_macro2::Span;
use syn::spanned::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::origin::Origin;
use crate::rusttype::lower;
use crate::types::{Type, TypeKind, Via};

/// `[T; N]` with a literal `N`: a list of exactly `N` items (pyo3 checks the length).
pub(crate) fn lower_array(
    a: &syn::TypeArray,
    origin: Origin,
    origin_of: &dyn Fn(Span) -> Origin,
    diags: &mut Diagnostics,
) -> Option<Type> {
    let len = match &a.len {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(n), .. }) => n.base10_parse::<usize>().ok(),
        _ => None,
    };
    let Some(len) = len else {
        diags.push(
            Diagnostic::new(origin_of(a.len.span()), "the length of an array must be a number")
                .help("write the length as an integer literal (`[f64; 3]`), or take a `Vec<T>` of any length"),
        );
        return None;
    };
    let item = lower(&a.elem, origin_of, diags)?;
    Some(Type::new(TypeKind::Array(Box::new(item), len), origin))
}

/// `Cow<str>`, `Cow<'_, [T]>`, `Box<str>`, `Box<[T]>`: the value they point to, crossing as
/// `String` / `Vec<T>` (`Vec<u8>` for `[u8]`). A `Cow`'s lifetime must be elided, `'_` or
/// `'static`: a named one ties the value to something Python does not hold.
pub(crate) fn lower_pointer(
    ty: &syn::Type,
    name: &str,
    args: &[&syn::Type],
    name_span: Span,
    origin: Origin,
    origin_of: &dyn Fn(Span) -> Origin,
    diags: &mut Diagnostics,
) -> Option<TypeKind> {
    if let Some(lt) = named_lifetime(ty) {
        diags.push(
            Diagnostic::new(origin_of(lt.span()), format!("`{name}` borrows with a lifetime, which cannot cross the Python boundary"))
                .help("write `Cow<'_, str>` (or `Cow<str>`): a returned `Cow` is copied before the borrow ends, a parameter is passed `Cow::Owned`"),
        );
        return None;
    }
    let via = if name == "Cow" { Via::Cow } else { Via::Box };
    let target = match args {
        [syn::Type::Path(p)] if p.path.is_ident("str") => TypeKind::Str { borrowed: false },
        [syn::Type::Slice(s)] if matches!(&*s.elem, syn::Type::Path(p) if p.path.is_ident("u8")) => {
            TypeKind::Bytes { borrowed: false }
        }
        [syn::Type::Slice(s)] => TypeKind::List(Box::new(lower(&s.elem, origin_of, diags)?)),
        _ => {
            let help = match via {
                Via::Box => "take or return the value itself (`T`, not `Box<T>`), or write `Box<str>` / `Box<[T]>`",
                _ => "take or return an owned value (`String`, `Vec<T>`, `T`), or write `Cow<str>` / `Cow<[T]>`",
            };
            diags.push(
                Diagnostic::new(
                    origin_of(name_span),
                    format!("only `{name}<str>` and `{name}<[T]>` cross the boundary"),
                )
                .help(help),
            );
            return None;
        }
    };
    Some(TypeKind::Indirect { via, target: Box::new(Type::new(target, origin)) })
}

/// A lifetime argument other than `'_` and `'static` (`Cow<'a, str>`).
fn named_lifetime(ty: &syn::Type) -> Option<&syn::Lifetime> {
    let syn::Type::Path(p) = ty else { return None };
    p.path.segments.iter().find_map(|s| match &s.arguments {
        syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            syn::GenericArgument::Lifetime(l) if l.ident != "static" && l.ident != "_" => Some(l),
            _ => None,
        }),
        _ => None,
    })
}
