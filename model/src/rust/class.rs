//! Structs, enums and impl blocks: classes (fields as properties, derives and trait impls as
//! Python protocols), exception types, unit-only enums, and the methods of exported structs.

use syn::spanned::Spanned;

use super::function::lower_signature;
use super::options::{Options, Target, find_options};
use super::{doc_of, is_py_embed, py_name, reject_generics};
use crate::code::RustPath;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Attribute, Class, Dunder, Enum, Exception, ExceptionRef, FnKind, Module, Name, ReturnPolicy, Variant};
use crate::origin::Origin;
use crate::rusttype::lower_rust_type;

/// A `#[py_embed] struct`: a class, or an exception with `exception`.
pub(super) fn lower_struct(s: &syn::ItemStruct, opts: &Options, module: &mut Module, diags: &mut Diagnostics) {
    // A struct with one lifetime is a view class (its objects keep alive what they borrow).
    let view = super::view_lifetime(&s.generics).filter(|_| opts.exception.is_none());
    if view.is_none() && !reject_generics(&s.generics, "structs", diags) {
        return;
    }
    let lifetime = view.map(|l| crate::types::Lifetime { name: l.ident.to_string(), origin: Origin::Rust(l.span()) });
    let rust_path = match view {
        Some(l) => RustPath::from_ident_with_lifetime(&s.ident, l),
        None => RustPath::from_ident(&s.ident),
    };
    let (py, origin) = py_name(opts, &s.ident);
    let name = Name { py, rust: s.ident.to_string(), origin };
    let attributes = lower_fields(&s.fields, diags);
    if opts.exception.is_some() {
        module.exceptions.push(Exception {
            name,
            base: exception_base(opts),
            bases: Vec::new(),
            rust_path: Some(RustPath::from_ident(&s.ident)),
            attributes,
            doc: doc_of(&s.attrs),
            origin,
        });
        return;
    }
    if let Some((_, span)) = &opts.base {
        diags.push(
            Diagnostic::new(Origin::Rust(*span), "`base` applies to exception types")
                .help("add `exception` to make this struct a Python exception class"),
        );
    }
    if opts.unsendable.is_none() {
        check_send_fields(&s.fields, diags);
    }
    let mut dunders = derived_dunders(&s.attrs);
    if opts.display.is_some() {
        dunders.push(Dunder::Str);
    }
    module.classes.push(Class {
        name,
        rust_path: Some(rust_path),
        methods: Vec::new(),
        attributes,
        dunders,
        close: None,
        unsendable: opts.unsendable.is_some(),
        subclass: opts.subclass.is_some(),
        weakref: opts.weakref.is_some(),
        pickle: opts.pickle.map(Origin::Rust),
        iter_item: None,
        lifetime,
        doc: doc_of(&s.attrs),
        origin,
    });
}

/// Fields marked `#[py_embed(get)]` / `#[py_embed(get, set)]` become properties.
fn lower_fields(fields: &syn::Fields, diags: &mut Diagnostics) -> Vec<Attribute> {
    let mut attributes = Vec::new();
    for field in fields {
        let Some(opts) = find_options(&field.attrs, Target::Field, diags) else { continue };
        let Some(ident) = &field.ident else {
            diags.push(
                Diagnostic::new(Origin::Rust(field.span()), "fields of tuple structs cannot be properties")
                    .help("name the fields, or expose them through `#[py_embed(getter)]` methods"),
            );
            continue;
        };
        if opts.get.is_none() && opts.set.is_none() && opts.buffer.is_none() {
            diags.push(
                Diagnostic::new(Origin::Rust(ident.span()), "a field marked `#[py_embed]` needs `get` or `set`")
                    .help("write `#[py_embed(get)]` (read-only) or `#[py_embed(get, set)]` (read-write)"),
            );
            continue;
        }
        let Some((ty, _)) = lower_rust_type(&field.ty, false, &|span| Origin::Rust(span), diags) else { continue };
        let (py, origin) = py_name(&opts, ident);
        attributes.push(Attribute {
            name: Name { py, rust: ident.to_string(), origin },
            ty,
            writable: opts.set.is_some(),
            policy: if opts.view.is_some() { ReturnPolicy::View } else { ReturnPolicy::Value },
            buffer: opts.buffer.map(Origin::Rust),
            doc: doc_of(&field.attrs),
            origin,
        });
    }
    attributes
}

/// A class object may be used from any thread that holds it; fields of types that are not
/// `Send`/`Sync` would make that unsound. Spotted by name (the macro cannot ask the compiler);
/// anything it misses is still rejected by pyo3's own `Send + Sync` bound.
fn check_send_fields(fields: &syn::Fields, diags: &mut Diagnostics) {
    const NOT_SEND: &[&str] = &["Rc", "RefCell", "Cell", "UnsafeCell", "Weak"];
    for field in fields {
        let mut found: Option<(proc_macro2::Span, String)> = None;
        find_not_send(&field.ty, NOT_SEND, &mut found);
        if let Some((span, what)) = found {
            diags.push(
                Diagnostic::new(Origin::Rust(span), format!("`{what}` is not thread-safe, and Python may use this object from any thread"))
                    .help("use `Arc`/`Mutex`, or add `#[py_embed(unsendable)]` to the struct to pin objects to their creating thread"),
            );
        }
    }
}

fn find_not_send(ty: &syn::Type, names: &[&str], found: &mut Option<(proc_macro2::Span, String)>) {
    if found.is_some() {
        return;
    }
    match ty {
        syn::Type::Ptr(p) => *found = Some((p.span(), "raw pointer".into())),
        syn::Type::Path(p) => {
            for seg in &p.path.segments {
                if names.iter().any(|n| seg.ident == n) {
                    *found = Some((seg.ident.span(), seg.ident.to_string()));
                    return;
                }
                if let syn::PathArguments::AngleBracketed(args) = &seg.arguments {
                    for arg in &args.args {
                        if let syn::GenericArgument::Type(t) = arg {
                            find_not_send(t, names, found);
                        }
                    }
                }
            }
        }
        syn::Type::Reference(r) => find_not_send(&r.elem, names, found),
        syn::Type::Tuple(t) => t.elems.iter().for_each(|e| find_not_send(e, names, found)),
        syn::Type::Array(a) => find_not_send(&a.elem, names, found),
        syn::Type::Slice(s) => find_not_send(&s.elem, names, found),
        _ => {}
    }
}

/// `#[derive(Debug, PartialEq, Hash, PartialOrd)]` → `__repr__`, `__eq__`, `__hash__`, ordering.
fn derived_dunders(attrs: &[syn::Attribute]) -> Vec<Dunder> {
    let mut dunders = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            let d = meta.path.segments.last().and_then(|s| Dunder::from_trait(&s.ident.to_string()));
            // std derives no operator (a `derive(Add)` of another crate is not read).
            if let Some(d) = d.filter(|d| !dunders.contains(d) && !matches!(d, Dunder::Op(..))) {
                dunders.push(d);
            }
            Ok(())
        });
    }
    dunders
}

/// A `#[py_embed] enum`: unit variants only (an enum class), or an exception with `exception`.
pub(super) fn lower_enum(e: &syn::ItemEnum, opts: &Options, module: &mut Module, diags: &mut Diagnostics) {
    if !reject_generics(&e.generics, "enums", diags) {
        return;
    }
    let (py, origin) = py_name(opts, &e.ident);
    let name = Name { py, rust: e.ident.to_string(), origin };
    if opts.exception.is_some() {
        module.exceptions.push(Exception {
            name,
            base: exception_base(opts),
            bases: Vec::new(),
            rust_path: Some(RustPath::from_ident(&e.ident)),
            attributes: Vec::new(),
            doc: doc_of(&e.attrs),
            origin,
        });
        return;
    }
    let mut variants = Vec::new();
    let mut next = Some(0i64);
    for v in &e.variants {
        let mut fields = Vec::new();
        for (i, field) in v.fields.iter().enumerate() {
            let Some((ty, _)) = lower_rust_type(&field.ty, false, &|span| Origin::Rust(span), diags) else { continue };
            let (py, rust) = match &field.ident {
                // Python sees `r#type` as `type` (found by the spec property test).
                Some(ident) => (super::unraw(ident), ident.to_string()),
                None => (format!("_{i}"), i.to_string()),
            };
            let origin = Origin::Rust(field.span());
            fields.push(Attribute {
                name: Name { py, rust, origin },
                ty,
                writable: false,
                policy: ReturnPolicy::Value,
                buffer: None,
                doc: doc_of(&field.attrs),
                origin,
            });
        }
        // Any constant expression may give the discriminant (generated code reads it with
        // `as i64`); a literal one is also written into the `.pyi`.
        let value = match &v.discriminant {
            Some((_, expr)) => literal_discriminant(expr),
            None => next,
        };
        next = value.and_then(|n| n.checked_add(1));
        let origin = Origin::Rust(v.ident.span());
        variants.push(Variant {
            name: Name { py: super::unraw(&v.ident), rust: v.ident.to_string(), origin },
            value,
            fields,
            tuple: matches!(v.fields, syn::Fields::Unnamed(_)),
            origin,
        });
    }
    let int = e.variants.iter().any(|v| v.discriminant.is_some());
    let dunders = derived_dunders(&e.attrs);
    module.enums.push(Enum {
        name,
        rust_path: Some(RustPath::from_ident(&e.ident)),
        variants,
        int,
        dunders,
        doc: doc_of(&e.attrs),
        origin,
    });
}

/// The value of an integer literal discriminant (`3`, `-1`), or `None` for other constant
/// expressions.
fn literal_discriminant(expr: &syn::Expr) -> Option<i64> {
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse().ok(),
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => literal_discriminant(expr).map(|n| -n),
        syn::Expr::Group(g) => literal_discriminant(&g.expr),
        syn::Expr::Paren(p) => literal_discriminant(&p.expr),
        _ => None,
    }
}

/// An impl block: inherent `#[py_embed] impl` of an exported struct gives its methods; trait
/// impls of `Debug`, `Display`, `PartialEq`, `Hash`, `PartialOrd` give Python protocols.
pub(super) fn lower_impl(i: &syn::ItemImpl, module: &mut Module, diags: &mut Diagnostics) {
    let marked = find_options(&i.attrs, Target::Impl, diags).is_some();
    let syn::Type::Path(self_path) = &*i.self_ty else {
        if marked {
            diags.push(Diagnostic::new(Origin::Rust(i.self_ty.span()), "`#[py_embed] impl` needs a struct type"));
        }
        return;
    };
    // `Word` or, for a view struct, `Word<'a>` / `Word<'_>`.
    let self_ident = match (self_path.qself.as_ref(), self_path.path.segments.first()) {
        (None, Some(seg)) if self_path.path.segments.len() == 1 && self_path.path.leading_colon.is_none() => &seg.ident,
        _ => return,
    };
    let class = module.classes.iter_mut().find(|c| *self_ident == c.name.rust);
    if let Some((trait_path, _)) = &i.trait_ {
        // Trait impls declare protocols by themselves; no attribute needed. Operators
        // (`impl Add for T`) are read after every impl block (`operators.rs`).
        let d = trait_path.segments.last().and_then(|s| Dunder::from_trait(&s.ident.to_string()));
        let d = d.filter(|d| !matches!(d, Dunder::Op(..)));
        let dunders = match class {
            Some(class) => Some(&mut class.dunders),
            None => module.enums.iter_mut().find(|e| *self_ident == e.name.rust).map(|e| &mut e.dunders),
        };
        if let (Some(dunders), Some(d)) = (dunders, d)
            && !dunders.contains(&d)
        {
            dunders.push(d);
        }
        return;
    }
    if !marked {
        return;
    }
    let Some(class) = class else {
        diags.push(
            Diagnostic::new(Origin::Rust(self_ident.span()), format!("`{self_ident}` is not an exported class"))
                .help(format!("mark `struct {self_ident}` with `#[py_embed]` in this module")),
        );
        return;
    };
    let viewed = class.lifetime.is_some() && super::view_lifetime(&i.generics).is_some();
    if !viewed && !reject_generics(&i.generics, "impl blocks", diags) {
        return;
    }
    for item in &i.items {
        let syn::ImplItem::Fn(f) = item else { continue };
        let opts = find_options(&f.attrs, Target::Method, diags).unwrap_or_default();
        let public = matches!(f.vis, syn::Visibility::Public(_));
        if opts.skip.is_some() || (!public && !f.attrs.iter().any(is_py_embed)) {
            continue;
        }
        let Some(method) = lower_signature(&f.sig, &f.attrs, &opts, Some(self_ident), diags) else { continue };
        if let Some(span) = opts.close {
            if method.kind != FnKind::MethodMut || !method.params.is_empty() {
                diags.push(
                    Diagnostic::new(Origin::Rust(span), "a `close` method takes `&mut self` and nothing else")
                        .help("write `fn close(&mut self)`; it runs once, and the object is released after it"),
                );
                continue;
            }
            class.close = Some(method.name.rust.clone());
        }
        class.methods.push(method);
    }
}

/// `base = "ValueError"` (default `Exception`), resolved later like a spec's `base:`.
fn exception_base(opts: &Options) -> ExceptionRef {
    match &opts.base {
        Some((name, span)) => ExceptionRef::new(name.clone(), Origin::Rust(*span)),
        None => ExceptionRef::new("Exception", Origin::Implied),
    }
}
