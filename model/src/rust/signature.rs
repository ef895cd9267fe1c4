//! `#[py_embed(signature = (a, b = 2.0, /, c, *, d = "x"))]`: PyO3's own signature grammar, so
//! PyO3 users keep their habits. Every Rust parameter is listed once, in the function's order;
//! a default is a Rust expression pyo3 evaluates when Python omits the argument; `/` makes the
//! parameters before it positional-only and `*` the ones after it keyword-only. `*args` (a
//! `Vec<T>` parameter) takes the extra positional arguments and makes the ones after it
//! keyword-only; `**kwargs` (a `HashMap<String, T>`) takes the extra keyword arguments.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};

use crate::code::RustExpr;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Param, ParamKind};
use crate::origin::Origin;

/// One entry of the signature.
enum Entry {
    /// `/`.
    PositionalOnly(Span),
    /// `*`.
    KeywordOnly(Span),
    /// `name` or `name = default`.
    Param { name: syn::Ident, default: Option<TokenStream> },
    /// `*args`.
    VarPositional(syn::Ident),
    /// `**kwargs`.
    VarKeyword(syn::Ident),
}

/// Applies `signature` to the lowered `params`; whether it fits them (problems are reported).
pub(crate) fn apply_signature(group: &Group, params: &mut [Param], diags: &mut Diagnostics) -> bool {
    if group.delimiter() != Delimiter::Parenthesis {
        let message = "`signature` is a parenthesised list: `signature = (a, b = 2.0, *, c)`";
        diags.error(Origin::Rust(group.span()), message);
        return false;
    }
    let Some(entries) = parse_entries(group.stream(), diags) else { return false };
    let mut next = 0;
    let mut kind = ParamKind::Positional;
    let mut ok = true;
    for entry in entries {
        match entry {
            Entry::PositionalOnly(span) => {
                if kind != ParamKind::Positional {
                    diags.error(Origin::Rust(span), "`/` must come before `*` and be given once");
                    ok = false;
                }
                params[..next].iter_mut().for_each(|p| p.kind = ParamKind::PositionalOnly);
            }
            Entry::KeywordOnly(span) if kind == ParamKind::Keyword => {
                diags.error(Origin::Rust(span), "`*` is given twice");
                ok = false;
            }
            Entry::KeywordOnly(_) => kind = ParamKind::Keyword,
            Entry::VarPositional(name) if kind == ParamKind::Keyword => {
                diags.error(Origin::Rust(name.span()), "`*args` comes before the keyword-only parameters, once");
                ok = false;
            }
            Entry::VarPositional(name) => {
                ok &= apply_entry(&name, None, ParamKind::VarPositional, params.get_mut(next), diags);
                next += 1;
                kind = ParamKind::Keyword;
            }
            Entry::VarKeyword(name) => {
                ok &= apply_entry(&name, None, ParamKind::VarKeyword, params.get_mut(next), diags);
                next += 1;
            }
            Entry::Param { name, default } => {
                ok &= apply_entry(&name, default, kind, params.get_mut(next), diags);
                next += 1;
            }
        }
    }
    if let Some(missing) = params.get(next) {
        let message = format!("`signature` does not list the parameter `{}`", missing.name.py);
        diags.push(
            Diagnostic::new(Origin::Rust(group.span()), message)
                .help("list every parameter of the function, in its order (pyo3's rule)"),
        );
        ok = false;
    }
    ok
}

/// Names the next parameter (which must be `name`) and gives it `kind` and its default.
fn apply_entry(
    name: &syn::Ident,
    default: Option<TokenStream>,
    kind: ParamKind,
    param: Option<&mut Param>,
    diags: &mut Diagnostics,
) -> bool {
    let Some(param) = param.filter(|p| crate::names::unraw_ident(name) == p.name.py) else {
        diags.push(
            Diagnostic::new(Origin::Rust(name.span()), format!("`{name}` is not the function's next parameter"))
                .help("list every parameter of the function once, in its order (pyo3's rule)"),
        );
        return false;
    };
    param.kind = kind;
    let Some(tokens) = default else { return true };
    let span = tokens.clone().into_iter().next().map_or(name.span(), |t| t.span());
    match RustExpr::parse(&tokens.to_string()) {
        Ok(expr) => {
            param.default = Some(python_spelling(expr.expr()));
            param.default_origin = Origin::Rust(span);
            param.default_rust = Some(expr);
            true
        }
        Err(_) => {
            diags.error(Origin::Rust(span), format!("the default of `{name}` is not a Rust expression"));
            false
        }
    }
}

/// Splits the tokens at top-level commas into entries.
fn parse_entries(tokens: TokenStream, diags: &mut Diagnostics) -> Option<Vec<Entry>> {
    let mut entries = Vec::new();
    let mut current: Vec<TokenTree> = Vec::new();
    let mut ok = true;
    for tree in tokens
        .into_iter()
        .chain(std::iter::once(TokenTree::Punct(proc_macro2::Punct::new(',', proc_macro2::Spacing::Alone))))
    {
        match &tree {
            TokenTree::Punct(p) if p.as_char() == ',' => {
                if !current.is_empty() {
                    match parse_entry(std::mem::take(&mut current)) {
                        Ok(entry) => entries.push(entry),
                        Err((span, message)) => {
                            diags.error(Origin::Rust(span), message);
                            ok = false;
                        }
                    }
                }
            }
            _ => current.push(tree),
        }
    }
    ok.then_some(entries)
}

fn parse_entry(trees: Vec<TokenTree>) -> Result<Entry, (Span, String)> {
    let first = trees[0].span();
    match (&trees[0], trees.get(1)) {
        (TokenTree::Punct(p), None) if p.as_char() == '/' => Ok(Entry::PositionalOnly(p.span())),
        (TokenTree::Punct(p), None) if p.as_char() == '*' => Ok(Entry::KeywordOnly(p.span())),
        (TokenTree::Punct(p), Some(TokenTree::Ident(name))) if p.as_char() == '*' && trees.len() == 2 => {
            Ok(Entry::VarPositional(name.clone()))
        }
        (TokenTree::Punct(p), Some(TokenTree::Punct(q))) if p.as_char() == '*' && q.as_char() == '*' => {
            match trees.get(2) {
                Some(TokenTree::Ident(name)) if trees.len() == 3 => Ok(Entry::VarKeyword(name.clone())),
                _ => Err((first, "expected `**kwargs`: a parameter name after `**`".into())),
            }
        }
        (TokenTree::Ident(name), None) => Ok(Entry::Param { name: name.clone(), default: None }),
        (TokenTree::Ident(name), Some(TokenTree::Punct(eq))) if eq.as_char() == '=' && trees.len() > 2 => {
            Ok(Entry::Param { name: name.clone(), default: Some(trees[2..].iter().cloned().collect()) })
        }
        _ => Err((first, "expected `name`, `name = default`, `/`, `*`, `*args` or `**kwargs`".into())),
    }
}

/// How the `.pyi` shows a default: literals as Python writes them, anything else as `...`.
fn python_spelling(expr: &syn::Expr) -> String {
    match expr {
        syn::Expr::Lit(lit) => match &lit.lit {
            syn::Lit::Int(i) => i.base10_digits().to_string(),
            syn::Lit::Float(f) => {
                let digits = f.base10_digits();
                if digits.contains(['.', 'e', 'E']) { digits.to_string() } else { format!("{digits}.0") }
            }
            syn::Lit::Bool(b) => if b.value { "True" } else { "False" }.to_string(),
            syn::Lit::Str(s) if !s.value().contains(['\\', '\'']) => format!("'{}'", s.value()),
            _ => "...".into(),
        },
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => match python_spelling(&u.expr).as_str() {
            "..." => "...".into(),
            inner => format!("-{inner}"),
        },
        syn::Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "None") => "None".into(),
        syn::Expr::Call(c)
            if c.args.len() == 1
                && matches!(&*c.func, syn::Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Some")) =>
        {
            python_spelling(&c.args[0])
        }
        _ => "...".into(),
    }
}
