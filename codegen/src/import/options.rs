//! Options structs: a stub with three or more defaulted parameters also gets a form that takes
//! them in one struct, so a call names only what it sets:
//!
//! ```text
//! textwrap::wrap_with(&text, textwrap::WrapOptions { width: Some(20), ..Default::default() })
//! ```
//!
//! beside the positional `textwrap::wrap(&text, Some(20), None, None, None)`. The struct
//! (`WrapOptions`, `DriverPredictOptions`) has one `Option` field per defaulted parameter and
//! derives `Default`; the `_with` form calls the positional one.

use proc_macro2::{Group, Punct, Spacing, TokenStream, TokenTree};
use quote::{format_ident, quote};

use pybridge_model::names::generated;
use pybridge_model::{FnKind, Function};

use super::call::emit_params;
use super::{Ctx, ident, param_ident};
use crate::docs::emit_doc;

/// Where the `_with` form stands.
pub(crate) enum Site {
    /// A module function, attaching by itself.
    Function,
    /// A module function in `attached`.
    AttachedFunction,
    /// A method of a class handle (or of its bound view when `view`).
    Method { view: bool },
}

/// The options struct of `f` (a method of `class`, or a module function), when it has one.
pub(crate) fn emit_options_struct(ctx: &Ctx<'_>, class: Option<&str>, f: &Function) -> TokenStream {
    if !generated::has_options(f) {
        return TokenStream::new();
    }
    let name = struct_ident(class, f);
    let params = emit_params(f);
    let mut borrows = false;
    let fields = f.params.iter().zip(params).filter(|(p, _)| p.default.is_some()).map(|(p, tokens)| {
        // `name: Option<T>` from the stub's parameter, each `&` given the struct's lifetime.
        let ty = tokens.into_iter().skip_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ':')).skip(1);
        let ty = with_lifetime(ty.collect(), &mut borrows);
        let field = param_ident(&p.name.rust);
        let doc =
            emit_doc(&format!("`{}` (`None`: Python's default, `{}`).", p.name.py, p.default.as_deref().unwrap_or("")));
        quote!(#doc pub #field: #ty,)
    });
    let fields: Vec<TokenStream> = fields.collect();
    let generics = borrows.then(|| quote!(<'a>));
    let owner = match class {
        Some(c) => format!("`{}.{}.{}`", ctx.module.name.py, c, f.name.py),
        None => format!("`{}.{}`", ctx.module.name.py, f.name.py),
    };
    let doc = emit_doc(&format!(
        "The defaulted arguments of {owner}, for its `{}` form: set what you pass, `..Default::default()` for the rest.",
        with_name(f)
    ));
    quote! {
        #doc
        #[derive(Debug, Default)]
        pub struct #name #generics { #(#fields)* }
    }
}

/// `f_with(required…, options)`: calls the positional stub with the options' fields.
pub(crate) fn emit_with_fn(ctx: &Ctx<'_>, class: Option<&str>, f: &Function, site: Site) -> TokenStream {
    if !generated::has_options(f) {
        return TokenStream::new();
    }
    let err = &ctx.error;
    let options = struct_ident(class, f);
    let with = format_ident!("{}", with_name(f));
    let target = match f.kind {
        FnKind::Constructor => format_ident!("new"),
        _ => ident(&f.name.rust),
    };
    let params = emit_params(f);
    let generics = super::call::emit_generics(f);
    let required = f.params.iter().zip(params).filter(|(p, _)| p.default.is_none()).map(|(_, t)| t);
    let required: Vec<TokenStream> = required.collect();
    let args = f.params.iter().map(|p| {
        let name = param_ident(&p.name.rust);
        match p.default {
            Some(_) => quote!(__pb_options.#name),
            None => quote!(#name),
        }
    });
    let ret = match f.kind {
        FnKind::Constructor => quote!(Self),
        _ => super::call::emit_stub_return_type(&f.returns, err),
    };
    // An intra-doc link that resolves (`cargo doc` with warnings as errors in the test command).
    let link = match site {
        Site::Method { .. } => format!("[`Self::{target}`]"),
        _ => format!("[`{target}`]"),
    };
    let doc = emit_doc(&format!("{link} with the defaulted arguments in one `{options}`."));
    let options_ty = quote!(#options<'_>);
    let options_ty = if struct_borrows(f) { options_ty } else { quote!(#options) };
    let (receiver, call) = match (site, f.kind) {
        // `self::`: a stub named `py` would otherwise be the token (found by the property test).
        (Site::Function, _) => (quote!(), quote!(self::#target(#(#args),*))),
        (Site::AttachedFunction, _) => (quote!(py: ::pybridge::Python<'_>,), quote!(self::#target(py, #(#args),*))),
        (Site::Method { view: true }, FnKind::Constructor | FnKind::Static | FnKind::ClassMethod) => {
            (quote!(py: ::pybridge::Python<'py>,), quote!(Self::#target(py, #(#args),*)))
        }
        (Site::Method { .. }, FnKind::Constructor | FnKind::Static | FnKind::ClassMethod) => {
            (quote!(), quote!(Self::#target(#(#args),*)))
        }
        (Site::Method { .. }, _) => (quote!(&self,), quote!(self.#target(#(#args),*))),
    };
    quote! {
        #doc
        pub fn #with #generics(#receiver #(#required,)* __pb_options: #options_ty) -> ::std::result::Result<#ret, #err> {
            #call
        }
    }
}

fn struct_ident(class: Option<&str>, f: &Function) -> syn::Ident {
    let fname = match f.kind {
        FnKind::Constructor => generated::CONSTRUCTOR,
        _ => f.name.rust.as_str(),
    };
    format_ident!("{}", generated::options_struct(class, fname))
}

fn with_name(f: &Function) -> String {
    match f.kind {
        FnKind::Constructor => generated::with_fn(generated::CONSTRUCTOR),
        _ => generated::with_fn(&f.name.rust),
    }
}

/// Whether the options struct of `f` borrows (takes `<'a>`).
fn struct_borrows(f: &Function) -> bool {
    let mut borrows = false;
    for (p, tokens) in f.params.iter().zip(emit_params(f)) {
        if p.default.is_some() {
            let _ = with_lifetime(tokens, &mut borrows);
        }
    }
    borrows
}

/// `tokens` with `'a` written on every `&` (a struct field cannot elide it).
fn with_lifetime(tokens: TokenStream, borrows: &mut bool) -> TokenStream {
    let mut out = Vec::new();
    for t in tokens {
        match t {
            TokenTree::Punct(p) if p.as_char() == '&' => {
                *borrows = true;
                out.push(TokenTree::Punct(p));
                out.push(TokenTree::Punct(Punct::new('\'', Spacing::Joint)));
                out.push(TokenTree::Ident(format_ident!("a")));
            }
            TokenTree::Group(g) => {
                let inner = with_lifetime(g.stream(), borrows);
                let mut group = Group::new(g.delimiter(), inner);
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}
