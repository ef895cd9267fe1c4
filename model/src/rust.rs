//! The Rust-items front end: `#[py_embed]` on an inline `mod` (the module declaration) and on
//! the functions inside it, lowered into the same [`Module`] a spec's `export:` produces.
//!
//! Every unsupported shape is reported at its token (generics, lifetimes, `async`, receivers,
//! non-identifier patterns, unknown options), all at once.

use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Direction, FnKind, Function, Module, Name, Param, ParamKind};
use crate::names::suggest;
use crate::origin::Origin;
use crate::rusttype::lower_rust_type;
use crate::types::Type;

/// The attribute's name, as users write it.
pub const ATTRIBUTE: &str = "py_embed";

/// Options accepted by `#[py_embed(...)]` on a `mod` or a `fn`.
#[derive(Debug, Default)]
pub struct Options {
    /// `name = "..."`: the Python name.
    pub name: Option<(String, Span)>,
}

const OPTION_NAMES: &[&str] = &["name"];

/// Parses `#[py_embed(...)]` arguments; every unknown or repeated option is reported.
pub fn parse_options(args: TokenStream, diags: &mut Diagnostics) -> Options {
    let mut options = Options::default();
    if args.is_empty() {
        return options;
    }
    let parser = syn::meta::parser(|meta| {
        let key = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
        match key.as_str() {
            "name" => {
                let value: syn::LitStr = meta.value()?.parse()?;
                if options.name.is_some() {
                    diags.push(
                        Diagnostic::new(Origin::Rust(meta.path.span()), "duplicate option `name`")
                            .help("give `name` once"),
                    );
                } else {
                    options.name = Some((value.value(), value.span()));
                }
                Ok(())
            }
            _ => {
                let help = suggest(&key, OPTION_NAMES.iter().copied())
                    .unwrap_or_else(|| format!("expected one of: {}", OPTION_NAMES.join(", ")));
                diags.push(
                    Diagnostic::new(Origin::Rust(meta.path.span()), format!("unknown option `{key}`")).help(help),
                );
                // Skip the option's value, if any, so parsing can continue.
                if meta.input.peek(syn::Token![=]) {
                    let _: syn::Token![=] = meta.input.parse()?;
                    let _: syn::Expr = meta.input.parse()?;
                }
                Ok(())
            }
        }
    });
    if let Err(err) = syn::parse::Parser::parse2(parser, args) {
        diags.error(Origin::Rust(err.span()), err.to_string());
    }
    options
}

/// Whether an attribute is `#[py_embed]` (or `#[pybridge::py_embed]`).
pub fn is_py_embed(attr: &syn::Attribute) -> bool {
    attr.path().segments.last().is_some_and(|s| s.ident == ATTRIBUTE)
}

/// Lowers a `#[py_embed] mod` into an export module. Items inside marked `#[py_embed]` are
/// exported; the caller strips those inner attributes from the output.
pub fn lower_rust_module(item: &syn::ItemMod, options: &Options, diags: &mut Diagnostics) -> Module {
    let py = options.name.as_ref().map(|(n, _)| n.clone()).unwrap_or_else(|| unraw(&item.ident));
    let origin = Origin::Rust(options.name.as_ref().map(|(_, s)| *s).unwrap_or(item.ident.span()));
    let mut module = Module {
        direction: Direction::Export,
        name: Name { rust: item.ident.to_string(), py, origin },
        doc: doc_of(&item.attrs),
        functions: Vec::new(),
        classes: Vec::new(),
        enums: Vec::new(),
        exceptions: Vec::new(),
        constants: Vec::new(),
        origin,
    };
    let Some((_, items)) = &item.content else {
        diags.push(
            Diagnostic::new(Origin::Rust(item.ident.span()), "`#[py_embed]` needs an inline module")
                .help("write the module's items inside `mod name { ... }`"),
        );
        return module;
    };
    for inner in items {
        match inner {
            syn::Item::Fn(f) => {
                let Some(attr) = f.attrs.iter().find(|a| is_py_embed(a)) else { continue };
                let opts = match &attr.meta {
                    syn::Meta::List(list) => parse_options(list.tokens.clone(), diags),
                    _ => Options::default(),
                };
                if let Some(function) = lower_rust_fn(f, &opts, diags) {
                    module.functions.push(function);
                }
            }
            other => {
                if let Some(attr) = item_attrs(other).iter().find(|a| is_py_embed(a)) {
                    diags.push(
                        Diagnostic::new(
                            Origin::Rust(attr.span()),
                            "`#[py_embed]` inside a module supports functions only in this version",
                        )
                        .help("classes, enums and exceptions are tracked by the `#[py_embed]` issue"),
                    );
                }
            }
        }
    }
    module
}

/// Lowers one `#[py_embed] fn`.
pub fn lower_rust_fn(f: &syn::ItemFn, options: &Options, diags: &mut Diagnostics) -> Option<Function> {
    let sig = &f.sig;
    let before = diags.has_errors();
    let mut ok = true;
    let mut reject = |span: Span, message: &str, help: &str, diags: &mut Diagnostics| {
        diags.push(Diagnostic::new(Origin::Rust(span), message).help(help));
        ok = false;
    };
    if let Some(lt) = sig.generics.lifetimes().next() {
        reject(lt.span(), "lifetime parameters cannot cross the Python boundary", "take owned values or `&str`", diags);
    }
    if let Some(tp) = sig.generics.type_params().next() {
        reject(tp.span(), "generic functions cannot be exported", "export one concrete function per type", diags);
    }
    if let Some(cp) = sig.generics.const_params().next() {
        reject(
            cp.span(),
            "const generic functions cannot be exported",
            "export one concrete function per value",
            diags,
        );
    }
    if let Some(a) = &sig.asyncness {
        reject(a.span(), "`async fn` cannot be exported yet", "export a blocking function", diags);
    }
    if let Some(v) = &sig.variadic {
        reject(v.span(), "variadic functions cannot be exported", "take a `Vec<T>` instead", diags);
    }
    let origin_of = |span: Span| Origin::Rust(span);
    let mut params = Vec::new();
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(r) => reject(
                r.span(),
                "`self` is only allowed on methods of exported classes",
                "make this a free function, or put it in an impl block of a class",
                diags,
            ),
            syn::FnArg::Typed(pt) => {
                let syn::Pat::Ident(pi) = &*pt.pat else {
                    reject(pt.pat.span(), "parameters must be plain names", "write `name: Type`", diags);
                    continue;
                };
                if pi.by_ref.is_some() || pi.subpat.is_some() {
                    reject(pt.pat.span(), "parameters must be plain names", "write `name: Type`", diags);
                    continue;
                }
                if let Some((ty, _)) = lower_rust_type(&pt.ty, false, &origin_of, diags) {
                    let origin = Origin::Rust(pi.ident.span());
                    params.push(Param {
                        name: Name { py: unraw(&pi.ident), rust: pi.ident.to_string(), origin },
                        ty,
                        kind: ParamKind::Positional,
                        default: None,
                        origin,
                    });
                }
            }
        }
    }
    let (returns, fallible) = match &sig.output {
        syn::ReturnType::Default => (Type::unit(Origin::Rust(sig.ident.span())), false),
        syn::ReturnType::Type(_, ty) => lower_rust_type(ty, true, &origin_of, diags)?,
    };
    if !ok || (diags.has_errors() && !before && params.len() != sig.inputs.len()) {
        return None;
    }
    let py = options.name.as_ref().map(|(n, _)| n.clone()).unwrap_or_else(|| unraw(&sig.ident));
    let origin = Origin::Rust(options.name.as_ref().map(|(_, s)| *s).unwrap_or(sig.ident.span()));
    Some(Function {
        name: Name { py, rust: sig.ident.to_string(), origin },
        kind: FnKind::Free,
        rust_path: Some(sig.ident.to_string()),
        params,
        returns,
        fallible,
        doc: doc_of(&f.attrs),
        origin,
    })
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

fn unraw(ident: &syn::Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#").map(str::to_string).unwrap_or(s)
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        _ => &[],
    }
}
