//! Rust type syntax → [`Type`]: `i64`, `f64`, `String`, `&str`, `Vec<(f64, f64)>`,
//! `Option<T>`, `HashMap<K, V>`, `HashSet<T>` and their `BTree` forms, tuples, `()`, `&[u8]`,
//! `&[T]`, `&T`, declared class types, and (for returns) `Result<T, E>`; arrays, `Cow` and
//! `Box` in `rustptr.rs`, `impl Iterator` in `rustiter.rs`. Shapes that cannot cross the boundary (named lifetimes, `&mut`, raw
//! pointers, `impl Trait`, unknown generics) are reported at the offending token.

use proc_macro2::Span;
use syn::spanned::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::names::suggest;
use crate::origin::{Loc, Origin};
use crate::types::{ClassRef, IntWidth, Keys, Type, TypeKind, Via};

/// Rust type names this parser knows (besides declared classes).
pub const RUST_TYPE_NAMES: &[&str] = &[
    "bool",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "f32",
    "f64",
    "String",
    "str",
    "Vec",
    "Option",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "Box",
    "Cow",
    "Result",
    "Arc",
    "char",
    "PathBuf",
    "Duration",
    "SystemTime",
    "IpAddr",
];

/// Parses a Rust type written in a spec (first character at `base`). With `is_return`, a
/// top-level `Result<T, E>` is accepted and reported as fallible.
///
/// Every parsed string stays in proc-macro2's thread-local span table (`span-locations` keeps
/// each source text and its line offsets so spans can report line and column): about 5 bytes of
/// memory per spec byte. The type's spans are turned into spec locations before this returns,
/// so the table is cleared after each type; spans made earlier on this thread (never the case
/// in the spec front end, which is not run inside a procedural macro) become invalid.
pub fn parse_rust_type_str(text: &str, base: Loc, is_return: bool, diags: &mut Diagnostics) -> Option<(Type, bool)> {
    let parsed = parse_spec_type(text, base, is_return, diags);
    proc_macro2::extra::invalidate_current_thread_spans();
    parsed
}

fn parse_spec_type(text: &str, base: Loc, is_return: bool, diags: &mut Diagnostics) -> Option<(Type, bool)> {
    if let Ok(tokens) = <proc_macro2::TokenStream as std::str::FromStr>::from_str(text)
        && let Some(span) = crate::depth::find_deep_nesting(&tokens)
    {
        diags.push(
            Diagnostic::new(spec_origin(base, span), crate::depth::too_deep_message())
                .help("declare a class for part of the type, or flatten it"),
        );
        return None;
    }
    let ty: syn::Type = match syn::parse_str(text) {
        Ok(ty) => ty,
        Err(err) => {
            let origin = spec_origin(base, err.span());
            diags.push(
                Diagnostic::new(origin, format!("not a Rust type: {err}"))
                    .help("export types are written in Rust syntax, such as `Vec<(f64, f64)>` or `Option<String>`"),
            );
            return None;
        }
    };
    let origin_of = |span: Span| spec_origin(base, span);
    lower_rust_type(&ty, is_return, &origin_of, diags)
}

/// Lowers a parsed Rust type; `origin_of` maps token spans to origins (spec offsets for specs,
/// the spans themselves for the attribute).
pub fn lower_rust_type(
    ty: &syn::Type,
    is_return: bool,
    origin_of: &dyn Fn(Span) -> Origin,
    diags: &mut Diagnostics,
) -> Option<(Type, bool)> {
    if let Some((name, args, _)) = path_parts(ty).filter(|(name, _, _)| is_return && name == "Result") {
        debug_assert_eq!(name, "Result");
        let Some(ok) = args.first() else {
            diags.error(origin_of(ty.span()), "`Result` needs its success type: `Result<T, E>`");
            return None;
        };
        return lower(ok, origin_of, diags).map(|t| (t, true));
    }
    lower(ty, origin_of, diags).map(|t| (t, false))
}

fn spec_origin(base: Loc, span: Span) -> Origin {
    let start = span.start();
    let end = span.end();
    let len = if end.line == start.line { (end.column.saturating_sub(start.column)) as u32 } else { 1 };
    if start.line <= 1 {
        Origin::Spec(Loc::new(base.line, base.col + start.column as u32, len))
    } else {
        Origin::Spec(Loc::new(base.line + start.line as u32 - 1, start.column as u32 + 1, len))
    }
}

/// The last path segment's name, its type arguments, and the segment's span.
pub(crate) fn path_parts(ty: &syn::Type) -> Option<(String, Vec<&syn::Type>, Span)> {
    let syn::Type::Path(p) = ty else { return None };
    if p.qself.is_some() {
        return None;
    }
    let last = p.path.segments.last()?;
    let args = match &last.arguments {
        syn::PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|arg| match arg {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    Some((last.ident.to_string(), args, last.ident.span()))
}

pub(crate) fn lower(ty: &syn::Type, origin_of: &dyn Fn(Span) -> Origin, diags: &mut Diagnostics) -> Option<Type> {
    let origin = origin_of(ty.span());
    let kind = match ty {
        syn::Type::Paren(p) => return lower(&p.elem, origin_of, diags),
        syn::Type::Group(g) => return lower(&g.elem, origin_of, diags),
        syn::Type::Tuple(t) if t.elems.is_empty() => TypeKind::Unit,
        syn::Type::Tuple(t) => {
            let items: Vec<_> = t.elems.iter().map(|e| lower(e, origin_of, diags)).collect();
            TypeKind::Tuple(items.into_iter().collect::<Option<Vec<_>>>()?)
        }
        syn::Type::Reference(r) => return lower_reference(r, origin, origin_of, diags),
        syn::Type::Array(a) => return crate::rustptr::lower_array(a, origin, origin_of, diags),
        syn::Type::ImplTrait(it) if crate::rustiter::is_iterator(it) => {
            return crate::rustiter::lower_iterator(it, origin, origin_of, diags);
        }
        syn::Type::ImplTrait(it) => return lower_callable(it, origin, origin_of, diags),
        syn::Type::Path(_) => return lower_path(ty, origin_of, diags),
        _ => {
            diags.push(
                Diagnostic::new(origin, "this type cannot cross the Python boundary")
                    .help("use owned types such as `i64`, `String`, `Vec<T>`, `Option<T>`, or a declared class"),
            );
            return None;
        }
    };
    Some(Type::new(kind, origin))
}

fn lower_reference(
    r: &syn::TypeReference,
    origin: Origin,
    origin_of: &dyn Fn(Span) -> Origin,
    diags: &mut Diagnostics,
) -> Option<Type> {
    // `&'_ T` is `&T`: the elided lifetime, bound to the call like any other. A named one is
    // recorded: only what a view class borrows may carry one (check: `views.rs`).
    let lifetime = r
        .lifetime
        .as_ref()
        .filter(|lt| lt.ident != "_")
        .map(|lt| crate::types::Lifetime { name: lt.ident.to_string(), origin: origin_of(lt.span()) });
    if let (Some(lt), Some(_)) = (&lifetime, &r.mutability) {
        diags.push(
            Diagnostic::new(lt.origin, "lifetimes cannot cross the Python boundary")
                .help("Python owns its objects: take `&str`/`&T` without a lifetime, or an owned value"),
        );
        return None;
    }
    if let Some(m) = &r.mutability {
        // `&mut [T]` of a number type: a writable buffer, written in place.
        if let syn::Type::Slice(s) = &*r.elem {
            let item = lower(&s.elem, origin_of, diags)?;
            if item.is_buffer_item() {
                return Some(Type::new(TypeKind::SliceMut(Box::new(item)), origin));
            }
        }
        diags.push(
            Diagnostic::new(origin_of(m.span()), "`&mut` arguments cannot cross the Python boundary, except `&mut [T]` of a number type")
                .help("`&mut [f64]`, `&mut [u8]`… take a writable buffer (bytearray, numpy array) in place; otherwise take the value by `&` and return the changed value, or make it a `&mut self` method of a class"),
        );
        return None;
    }
    let kind = match &*r.elem {
        syn::Type::Path(p) if p.path.is_ident("str") => TypeKind::Str { borrowed: true },
        syn::Type::Slice(s) if matches!(&*s.elem, syn::Type::Path(p) if p.path.is_ident("u8")) => {
            TypeKind::Bytes { borrowed: true }
        }
        // `&[T]`: a list, read into a `Vec<T>` the call borrows (returns: copied out).
        syn::Type::Slice(s) => TypeKind::Slice(Box::new(lower(&s.elem, origin_of, diags)?)),
        // `&T` of a declared class borrows the object; any other `&T` crosses as `T`.
        elem => {
            let inner = lower(elem, origin_of, diags)?;
            match inner.kind {
                TypeKind::Class(c) => TypeKind::Class(ClassRef { borrowed: true, ..c }),
                _ => TypeKind::Indirect { via: Via::Ref, target: Box::new(inner) },
            }
        }
    };
    // Only what views borrow or return carries a lifetime (`&'h str`, `&'h [u8]`, `&'h C`);
    // anything else is refused here, with the rest of the types' problems.
    let viewable =
        matches!(&kind, TypeKind::Str { .. } | TypeKind::Bytes { .. } | TypeKind::Slice(_) | TypeKind::Class(_));
    if let Some(lt) = lifetime.as_ref().filter(|lt| !viewable && lt.name != "static") {
        diags.push(
            Diagnostic::new(lt.origin, "lifetimes cannot cross the Python boundary")
                .help("Python owns its objects: take `&str`/`&T` without a lifetime, or an owned value"),
        );
        return None;
    }
    Some(Type::new(kind, origin).with_lifetime(lifetime))
}

fn lower_path(ty: &syn::Type, origin_of: &dyn Fn(Span) -> Origin, diags: &mut Diagnostics) -> Option<Type> {
    let origin = origin_of(ty.span());
    let (name, args, name_span) = path_parts(ty)?;
    let kind = if is_object_path(ty, &name, &args) {
        TypeKind::Any
    } else if let Some((_, w)) = IntWidth::ALL.iter().find(|(n, _)| *n == name) {
        TypeKind::Int(*w)
    } else if let Some(std) = std_type_of(ty).filter(|_| args.is_empty()) {
        TypeKind::Std(std)
    } else {
        match name.as_str() {
            "bool" => TypeKind::Bool,
            "f64" => TypeKind::Float { single: false },
            "f32" => TypeKind::Float { single: true },
            "String" => TypeKind::Str { borrowed: false },
            "Vec" | "Option" | "HashSet" | "HashMap" | "BTreeSet" | "BTreeMap" | "Arc" => {
                lower_std_generic(&name, &args, origin, origin_of, diags)?
            }
            "Cow" | "Box" => crate::rustptr::lower_pointer(ty, &name, &args, name_span, origin, origin_of, diags)?,
            _ => {
                let kind = lower_other_path(ty, &name, &args, name_span, origin, origin_of, diags)?;
                // `'_` is recorded too: a class that is not a view may not take one.
                let lifetime = view_lifetime(ty).map(|l| crate::types::Lifetime {
                    name: l.map_or_else(|| "_".to_string(), |l| l.ident.to_string()),
                    origin: origin_of(l.map_or(name_span, |l| l.span())),
                });
                return Some(Type::new(kind, origin).with_lifetime(lifetime));
            }
        }
    };
    Some(Type::new(kind, origin))
}

/// The standard type a path names (`Duration`, `std::time::Duration`, `char`), if any.
fn std_type_of(ty: &syn::Type) -> Option<crate::std_types::StdType> {
    let syn::Type::Path(p) = ty else { return None };
    let segments: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    crate::std_types::StdType::from_rust(&segments)
}

/// Whether the path is a Python object: `pybridge::Object` or `Py<PyAny>`.
fn is_object_path(ty: &syn::Type, name: &str, args: &[&syn::Type]) -> bool {
    match ty {
        syn::Type::Path(p) => {
            let segments: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
            segments.ends_with(&["pybridge".into(), "Object".into()])
                || (name == "Py"
                    && args.len() == 1
                    && matches!(args[0], syn::Type::Path(a) if a.path.is_ident("PyAny")))
        }
        _ => false,
    }
}

/// `Vec<T>` (`Vec<u8>` as bytes), `Option<T>`, `HashSet<T>`, `HashMap<K, V>`, their `BTree`
/// forms and `Arc<Class>`:
/// the type arguments lowered, their number checked.
fn lower_std_generic(
    name: &str,
    args: &[&syn::Type],
    origin: Origin,
    origin_of: &dyn Fn(Span) -> Origin,
    diags: &mut Diagnostics,
) -> Option<TypeKind> {
    let arity = |n: usize, diags: &mut Diagnostics| -> bool {
        if args.len() == n {
            return true;
        }
        diags.error(origin, format!("`{name}` takes {n} type argument{}", if n == 1 { "" } else { "s" }));
        false
    };
    let kind = match name {
        // `Vec<u8>` is `bytes`, as pyo3 converts it (a `list[int]` is accepted too).
        "Vec" if args.len() == 1 && matches!(args[0], syn::Type::Path(p) if p.path.is_ident("u8")) => {
            TypeKind::Bytes { borrowed: false }
        }
        "Vec" if arity(1, diags) => TypeKind::List(Box::new(lower(args[0], origin_of, diags)?)),
        "Option" if arity(1, diags) => TypeKind::Optional(Box::new(lower(args[0], origin_of, diags)?)),
        "HashSet" | "BTreeSet" if arity(1, diags) => {
            TypeKind::Set(Box::new(lower(args[0], origin_of, diags)?), keys_of(name))
        }
        "HashMap" | "BTreeMap" if arity(2, diags) => TypeKind::Dict(
            Box::new(lower(args[0], origin_of, diags)?),
            Box::new(lower(args[1], origin_of, diags)?),
            keys_of(name),
        ),
        "Arc" if arity(1, diags) => match lower(args[0], origin_of, diags)?.kind {
            TypeKind::Class(c) if !c.borrowed => TypeKind::Class(ClassRef { shared: true, ..c }),
            _ => {
                diags.push(
                    Diagnostic::new(origin, "only a declared class can be shared through `Arc`")
                        .help("write `Arc<Class>` for a class declared in this module, or pass the value itself"),
                );
                return None;
            }
        },
        _ => return None,
    };
    Some(kind)
}

/// `BTree*` keep their keys ordered, `Hash*` hashed.
fn keys_of(name: &str) -> Keys {
    if name.starts_with("BTree") { Keys::Ordered } else { Keys::Hashed }
}

/// Any other path: a declared class (capitalized, without type or lifetime arguments), or a
/// diagnostic (`Result` not outermost, bare `str`, lifetimes, generics, unknown names).
fn lower_other_path(
    ty: &syn::Type,
    name: &str,
    args: &[&syn::Type],
    name_span: Span,
    origin: Origin,
    origin_of: &dyn Fn(Span) -> Origin,
    diags: &mut Diagnostics,
) -> Option<TypeKind> {
    let kind = match name {
        "Result" => {
            diags.push(
                Diagnostic::new(origin, "`Result` is only allowed as the outermost return type")
                    .help("return `Result<T, E>` from the function itself"),
            );
            return None;
        }
        "str" => {
            diags.push(Diagnostic::new(origin, "`str` must be borrowed").help("write `&str` or `String`"));
            return None;
        }
        // `Match<'h>` / `Match<'_>`: a view class (check refuses it if the class is not one).
        _ if args.is_empty() && view_lifetime(ty).is_some() && name.chars().next().is_some_and(char::is_uppercase) => {
            TypeKind::Class(ClassRef::named(name.to_string()))
        }
        _ if has_lifetime_args(ty) => {
            diags.push(
                Diagnostic::new(origin_of(name_span), format!("`{name}` borrows with a lifetime, which cannot cross the Python boundary"))
                    .help("a Python object owns its value for as long as Python likes: use `'static`, or a type that owns its data"),
            );
            return None;
        }
        _ if !args.is_empty() => {
            diags.push(
                Diagnostic::new(origin_of(name_span), format!("generic type `{name}<…>` cannot cross the boundary"))
                    .help("declare a concrete class for each instantiation"),
            );
            return None;
        }
        _ if name.chars().next().is_some_and(|c| c.is_uppercase()) => {
            // The resolver records the declared class's path.
            TypeKind::Class(ClassRef::named(name.to_string()))
        }
        _ => {
            diags.push(
                Diagnostic::new(origin, format!("unknown type `{name}`"))
                    .maybe_help(suggest(name, RUST_TYPE_NAMES.iter().copied())),
            );
            return None;
        }
    };
    Some(kind)
}

/// The one lifetime argument of a path type written `Name<'h>` or `Name<'_>` (a view class):
/// `Some(None)` for `'_`.
fn view_lifetime(ty: &syn::Type) -> Option<Option<&syn::Lifetime>> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(a) = &last.arguments else { return None };
    match (a.args.len(), a.args.first()) {
        (1, Some(syn::GenericArgument::Lifetime(l))) if l.ident == "_" => Some(None),
        (1, Some(syn::GenericArgument::Lifetime(l))) if l.ident != "static" => Some(Some(l)),
        _ => None,
    }
}

/// Whether a path type has lifetime arguments other than `'static` (`Match<'a>`): a Python
/// object owns its value for as long as Python likes, so only `'static` borrows fit.
fn has_lifetime_args(ty: &syn::Type) -> bool {
    let syn::Type::Path(p) = ty else { return false };
    crate::rusttype::path_has_lifetime(&p.path)
}

/// Whether `path` has a lifetime argument other than `'static` in any segment.
pub fn path_has_lifetime(path: &syn::Path) -> bool {
    path.segments.iter().any(|s| match &s.arguments {
        syn::PathArguments::AngleBracketed(a) => {
            a.args.iter().any(|g| matches!(g, syn::GenericArgument::Lifetime(l) if l.ident != "static"))
        }
        _ => false,
    })
}

/// `impl Fn(A, B) -> R` (or `FnMut`): a Python callable passed as a typed Rust closure.
fn lower_callable(
    it: &syn::TypeImplTrait,
    origin: Origin,
    origin_of: &dyn Fn(Span) -> Origin,
    diags: &mut Diagnostics,
) -> Option<Type> {
    let bound = it.bounds.iter().find_map(|b| match b {
        syn::TypeParamBound::Trait(t) => t.path.segments.last(),
        _ => None,
    });
    let Some(segment) = bound.filter(|s| s.ident == "Fn" || s.ident == "FnMut") else {
        diags.push(
            Diagnostic::new(
                origin,
                "`impl Trait` cannot cross the Python boundary, except `impl Fn(..) -> R` and `impl Iterator<Item = T>`",
            )
            .help("take a concrete type, `impl Fn(A) -> R` for a Python callable, or return `impl Iterator<Item = T>`"),
        );
        return None;
    };
    let syn::PathArguments::Parenthesized(args) = &segment.arguments else { return None };
    let params: Vec<Type> = args.inputs.iter().map(|a| lower(&a.ty, origin_of, diags)).collect::<Option<_>>()?;
    let ret = match &args.output {
        syn::ReturnType::Default => Type::unit(origin),
        syn::ReturnType::Type(_, t) => lower(t, origin_of, diags)?,
    };
    Some(Type::new(TypeKind::Callable { params, ret: Box::new(ret) }, origin))
}
