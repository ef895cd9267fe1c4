//! `impl Iterator<Item = T>` (export returns): a lazy Python iterator. The bounds say what the
//! iterator may borrow ([`Capture`]): `+ '_` / `use<'_>` borrows `self`, `+ 'static` /
//! `use<>` owns its data, and without either a `&self` method's iterator may borrow `self`
//! (Rust 2024 captures every lifetime in scope). Marker bounds (`Send`, `Sync`,
//! `ExactSizeIterator`, `DoubleEndedIterator`, `FusedIterator`) are accepted and change
//! nothing; named lifetimes and other traits are refused at their token.

use proc_macro2::Span;
use syn::spanned::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::origin::Origin;
use crate::types::{Capture, Type, TypeKind};

/// Traits an iterator's `impl` may also name; they change nothing about how it crosses.
const MARKER_BOUNDS: &[&str] = &["Send", "Sync", "ExactSizeIterator", "DoubleEndedIterator", "FusedIterator"];

/// Whether `impl …` names `Iterator` among its bounds.
pub(crate) fn is_iterator(it: &syn::TypeImplTrait) -> bool {
    it.bounds.iter().any(|b| matches!(b, syn::TypeParamBound::Trait(t) if last_ident_is(&t.path, "Iterator")))
}

fn last_ident_is(path: &syn::Path, name: &str) -> bool {
    path.segments.last().is_some_and(|s| s.ident == name)
}

/// Lowers `impl Iterator<Item = T> [+ bounds]`.
pub(crate) fn lower_iterator(
    it: &syn::TypeImplTrait,
    origin: Origin,
    origin_of: &dyn Fn(Span) -> Origin,
    diags: &mut Diagnostics,
) -> Option<Type> {
    let mut item = None;
    let mut capture = Capture::Default;
    let mut ok = true;
    for bound in &it.bounds {
        match bound {
            syn::TypeParamBound::Trait(t) if last_ident_is(&t.path, "Iterator") => {
                item = item_type(&t.path);
                if item.is_none() {
                    diags.push(
                        Diagnostic::new(origin_of(t.path.span()), "an iterator needs its item type")
                            .help("write `impl Iterator<Item = T>`"),
                    );
                    ok = false;
                }
            }
            syn::TypeParamBound::Trait(t) if MARKER_BOUNDS.iter().any(|m| last_ident_is(&t.path, m)) => {}
            syn::TypeParamBound::Lifetime(l) => match lifetime_capture(l) {
                Some(c) => capture = c,
                None => ok = refuse_lifetime(l, origin_of, diags),
            },
            syn::TypeParamBound::PreciseCapture(p) => {
                capture = Capture::Static;
                for param in &p.params {
                    if let syn::CapturedParam::Lifetime(l) = param {
                        match lifetime_capture(l) {
                            Some(Capture::Elided) => capture = Capture::Elided,
                            Some(_) => {}
                            None => ok = refuse_lifetime(l, origin_of, diags),
                        }
                    }
                }
            }
            other => {
                diags.push(Diagnostic::new(origin_of(other.span()), "this bound cannot cross with an iterator").help(
                    "an iterator may add `Send`, `ExactSizeIterator`, `DoubleEndedIterator`, `+ '_` or `+ use<>`",
                ));
                ok = false;
            }
        }
    }
    let item = crate::rusttype::lower(item?, origin_of, diags)?;
    ok.then(|| Type::new(TypeKind::Iterator { item: Box::new(item), capture }, origin))
}

/// The `Item = T` binding of `Iterator<Item = T>`.
fn item_type(path: &syn::Path) -> Option<&syn::Type> {
    let syn::PathArguments::AngleBracketed(args) = &path.segments.last()?.arguments else { return None };
    args.args.iter().find_map(|a| match a {
        syn::GenericArgument::AssocType(t) if t.ident == "Item" => Some(&t.ty),
        _ => None,
    })
}

/// `'_` borrows `self`; `'static` owns; a named lifetime is refused (`None`).
fn lifetime_capture(l: &syn::Lifetime) -> Option<Capture> {
    match l.ident.to_string().as_str() {
        "_" => Some(Capture::Elided),
        "static" => Some(Capture::Static),
        _ => None,
    }
}

fn refuse_lifetime(l: &syn::Lifetime, origin_of: &dyn Fn(Span) -> Origin, diags: &mut Diagnostics) -> bool {
    diags.push(
        Diagnostic::new(origin_of(l.span()), "lifetimes cannot cross the Python boundary")
            .help("write `+ '_` for an iterator that borrows `self`, or `+ use<>` for one that owns its data"),
    );
    false
}
