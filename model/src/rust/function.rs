//! Functions and methods: a `syn::Signature` lowered into a model [`Function`], for free
//! functions of the module and for methods of exported impl blocks alike.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;

use super::options::Options;
use super::{doc_of, py_name, reject_generics, unraw};
use crate::code::RustPath;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{FnKind, Function, Name, Param, ParamKind};
use crate::origin::Origin;
use crate::rusttype::lower_rust_type;
use crate::types::Type;

/// Lowers one `#[py_embed] fn` of the module.
pub fn lower_rust_fn(f: &syn::ItemFn, options: &Options, diags: &mut Diagnostics) -> Option<Function> {
    let mut function = lower_signature(&f.sig, &f.attrs, options, None, diags)?;
    function.kind = FnKind::Free;
    Some(function)
}

/// Lowers a signature. `self_ty` is the class's Rust name for methods (`Self` is replaced by
/// it); the kind is derived from the receiver and the options.
pub(crate) fn lower_signature(
    sig: &syn::Signature,
    attrs: &[syn::Attribute],
    options: &Options,
    self_ty: Option<&syn::Ident>,
    diags: &mut Diagnostics,
) -> Option<Function> {
    let generics_ok = reject_generics(&sig.generics, "functions", diags) & lifetimes_returned(sig, diags);
    let conflict = report_role_conflicts(options, diags);
    let qualifiers_ok = reject_qualifiers(sig, diags);
    let mut inputs = lower_inputs(sig, self_ty, diags);
    if let Some((group, _)) = &options.signature
        && inputs.ok
    {
        inputs.ok = super::signature::apply_signature(group, &mut inputs.params, diags);
    }
    let origin_of = |span: Span| Origin::Rust(span);
    let (mut returns, fallible) = match &sig.output {
        syn::ReturnType::Default => (Type::unit(Origin::Rust(sig.ident.span())), false),
        syn::ReturnType::Type(_, ty) => lower_rust_type(&replace_self(ty, self_ty), true, &origin_of, diags)?,
    };
    // Role options that do not fit the signature: refused at the option, never ignored.
    let mut roles_ok = true;
    if self_ty.is_some()
        && !conflict
        && let Some((span, message, help)) = role_misfit(options, inputs.receiver, inputs.params.len())
    {
        diags.push(Diagnostic::new(Origin::Rust(span), message).help(help));
        roles_ok = false;
    }
    if !(generics_ok && !conflict && qualifiers_ok && inputs.ok && roles_ok) {
        return None;
    }
    let kind = fn_kind(options, inputs.receiver, self_ty.is_some(), sig);
    let (mut py, origin) = py_name(options, &sig.ident);
    if kind == FnKind::Setter && options.name.is_none() {
        py = py.strip_prefix("set_").unwrap_or(&py).to_string();
    }
    if kind == FnKind::Constructor {
        py = "__init__".into();
    }
    let policy = returns.take_policy();
    // The attribute spells a policy through the return type (`&C`, `Arc<C>`).
    let policy_origin = returns.origin;
    Some(Function {
        name: Name { py, rust: sig.ident.to_string(), origin },
        kind,
        rust_path: Some(RustPath::from_ident(&sig.ident)),
        params: inputs.params,
        returns,
        fallible,
        release_gil: options.release_gil.is_some(),
        raises: None,
        extend: false,
        policy,
        policy_origin,
        borrows: None,
        doc: doc_of(attrs),
        origin,
    })
}

/// Options that each give the function a different role cannot be combined: each one after the
/// first is reported. Whether there was a conflict.
fn report_role_conflicts(options: &Options, diags: &mut Diagnostics) -> bool {
    let roles = [
        ("constructor", options.constructor),
        ("classmethod", options.classmethod),
        ("getter", options.getter),
        ("setter", options.setter),
        ("close", options.close),
    ];
    let mut chosen: Option<&str> = None;
    let mut conflict = false;
    for (name, span) in roles {
        let Some(span) = span else { continue };
        match chosen {
            Some(first) => {
                conflict = true;
                diags.push(
                    Diagnostic::new(Origin::Rust(span), format!("conflicting options `{first}` and `{name}`")).help(
                        "a method has one role: constructor, classmethod, property getter, property setter, or close",
                    ),
                );
            }
            None => chosen = Some(name),
        }
    }
    conflict
}

/// `async`, `unsafe` and variadic functions cannot be exported. Whether there was none.
fn reject_qualifiers(sig: &syn::Signature, diags: &mut Diagnostics) -> bool {
    let mut ok = true;
    let mut reject = |span: Span, message: &str, help: &str| {
        diags.push(Diagnostic::new(Origin::Rust(span), message).help(help));
        ok = false;
    };
    if let Some(a) = &sig.asyncness {
        reject(a.span(), "`async fn` cannot be exported yet", "export a blocking function");
    }
    if let syn::Safety::Unsafe(u) = &sig.safety {
        reject(u.span(), "`unsafe fn` cannot be exported", "wrap it in a safe function that upholds its contract");
    }
    if let Some(v) = &sig.variadic {
        reject(v.span(), "variadic functions cannot be exported", "take a `Vec<T>` instead");
    }
    ok
}

/// A signature's receiver (`Some(true)` for `&mut self`) and parameters.
struct Inputs {
    receiver: Option<bool>,
    params: Vec<Param>,
    /// Every input lowered (problems were reported).
    ok: bool,
}

fn lower_inputs(sig: &syn::Signature, self_ty: Option<&syn::Ident>, diags: &mut Diagnostics) -> Inputs {
    let mut inputs = Inputs { receiver: None, params: Vec::new(), ok: true };
    let reject = |span: Span, message: &str, help: &str, diags: &mut Diagnostics| {
        diags.push(Diagnostic::new(Origin::Rust(span), message).help(help));
    };
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(r) => match lower_receiver(r, self_ty) {
                Ok(mutable) => inputs.receiver = Some(mutable),
                Err((span, message, help)) => {
                    reject(span, message, help, diags);
                    inputs.ok = false;
                }
            },
            syn::FnArg::Typed(pt) => {
                let syn::Pat::Ident(pi) = &*pt.pat else {
                    reject(pt.pat.span(), "parameters must be plain names", "write `name: Type`", diags);
                    inputs.ok = false;
                    continue;
                };
                if pi.by_ref.is_some() || pi.subpat.is_some() {
                    reject(pt.pat.span(), "parameters must be plain names", "write `name: Type`", diags);
                    inputs.ok = false;
                    continue;
                }
                let ty = replace_self(&pt.ty, self_ty);
                match lower_rust_type(&ty, false, &|span| Origin::Rust(span), diags) {
                    Some((ty, _)) => {
                        let origin = Origin::Rust(pi.ident.span());
                        inputs.params.push(Param {
                            name: Name { py: unraw(&pi.ident), rust: pi.ident.to_string(), origin },
                            ty,
                            kind: ParamKind::Positional,
                            default: None,
                            default_rust: None,
                            default_origin: Origin::Implied,
                            origin,
                        });
                    }
                    None => inputs.ok = false,
                }
            }
        }
    }
    inputs
}

/// `&self` (`false`) or `&mut self` (`true`); anything else is refused with its span, message
/// and fix.
fn lower_receiver(r: &syn::Receiver, self_ty: Option<&syn::Ident>) -> Result<bool, (Span, &'static str, &'static str)> {
    if self_ty.is_none() {
        return Err((
            r.span(),
            "`self` is only allowed on methods of exported classes",
            "make this a free function, or put it in a `#[py_embed] impl` of an exported struct",
        ));
    }
    match &r.kind {
        syn::ReceiverKind::Reference(_, None, mutability) => Ok(mutability.is_some()),
        syn::ReceiverKind::Reference(_, Some(lt), _) => {
            Err((lt.span(), "lifetimes cannot cross the Python boundary", "write `&self` or `&mut self`"))
        }
        _ => Err((
            r.span(),
            "methods that consume `self` cannot be called from Python",
            "take `&self` or `&mut self` (Python may still hold other references to the object)",
        )),
    }
}

/// The function's kind, from its receiver and role options.
fn fn_kind(options: &Options, receiver: Option<bool>, is_method: bool, sig: &syn::Signature) -> FnKind {
    match (receiver, is_method) {
        (_, false) => FnKind::Free,
        (Some(_), _) if options.getter.is_some() => FnKind::Getter,
        (Some(true), _) if options.setter.is_some() => FnKind::Setter,
        (Some(false), _) => FnKind::Method,
        (Some(true), _) => FnKind::MethodMut,
        (None, _) if options.classmethod.is_some() => FnKind::ClassMethod,
        (None, _) if options.constructor.is_some() || sig.ident == "new" => FnKind::Constructor,
        (None, _) => FnKind::Static,
    }
}

/// The first role option (`getter`, `setter`, `constructor`) that the method's receiver or
/// parameter count contradicts: its span, the message and the fix.
fn role_misfit(options: &Options, receiver: Option<bool>, params: usize) -> Option<(Span, &'static str, &'static str)> {
    if let Some(s) = options.getter {
        match receiver {
            Some(false) if params == 0 => {}
            Some(false) => {
                return Some((
                    s,
                    "a `getter` takes no parameters",
                    "a property is read as `obj.name`; make this a method",
                ));
            }
            _ => return Some((s, "`getter` needs `&self`", "take `&self`: a getter reads the object")),
        }
    }
    if let Some(s) = options.setter {
        match receiver {
            Some(true) if params == 1 => {}
            Some(true) => {
                return Some((s, "a `setter` takes exactly one value", "write `fn set_x(&mut self, value: T)`"));
            }
            _ => {
                return Some((
                    s,
                    "`setter` needs `&mut self`",
                    "take `&mut self` and the new value: a setter changes the object",
                ));
            }
        }
    }
    match (receiver, options.constructor, options.classmethod) {
        (Some(_), Some(s), _) => Some((
            s,
            "`constructor` goes on an associated function, not a method",
            "remove the receiver and return `Self`, or drop `constructor`",
        )),
        (Some(_), _, Some(s)) => Some((
            s,
            "`classmethod` goes on an associated function, not a method",
            "remove the receiver (Python passes the class), or drop `classmethod`",
        )),
        _ => None,
    }
}

/// `Self` → the class's name, so types resolve like any other class reference.
fn replace_self(ty: &syn::Type, self_ty: Option<&syn::Ident>) -> syn::Type {
    let mut ty = ty.clone();
    if let Some(ident) = self_ty {
        struct ReplaceSelf<'a>(&'a syn::Ident);
        impl VisitMut for ReplaceSelf<'_> {
            fn visit_path_mut(&mut self, path: &mut syn::Path) {
                if path.is_ident("Self") {
                    let span = path.segments[0].ident.span();
                    path.segments[0].ident = syn::Ident::new(&self.0.to_string(), span);
                }
                syn::visit_mut::visit_path_mut(self, path);
            }
        }
        ReplaceSelf(ident).visit_type_mut(&mut ty);
    }
    ty
}

/// A function's lifetime parameters name what its views borrow (`fn split<'h>(text: &'h str)
/// -> Vec<Word<'h>>`), so each must appear in the return type; others are refused.
fn lifetimes_returned(sig: &syn::Signature, diags: &mut Diagnostics) -> bool {
    let output = quote::ToTokens::to_token_stream(&sig.output);
    let mut names = Vec::new();
    collect_lifetimes(output, &mut names);
    let mut ok = true;
    for lt in sig.generics.lifetimes().filter(|l| !names.contains(&l.lifetime.ident.to_string())) {
        diags.push(
            Diagnostic::new(Origin::Rust(lt.span()), "lifetime parameters cannot cross the Python boundary")
                .help("Python owns its objects: use owned data (a lifetime names what a returned view class borrows)"),
        );
        ok = false;
    }
    ok
}

/// The names of the lifetimes written in `tokens` (a `'` joint with an identifier).
fn collect_lifetimes(tokens: proc_macro2::TokenStream, names: &mut Vec<String>) {
    let mut quote_seen = false;
    for tree in tokens {
        match tree {
            proc_macro2::TokenTree::Punct(p) => quote_seen = p.as_char() == '\'',
            proc_macro2::TokenTree::Ident(i) if quote_seen => {
                names.push(i.to_string());
                quote_seen = false;
            }
            proc_macro2::TokenTree::Group(g) => {
                collect_lifetimes(g.stream(), names);
                quote_seen = false;
            }
            _ => quote_seen = false,
        }
    }
}
