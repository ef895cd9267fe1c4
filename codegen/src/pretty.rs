//! Pretty-printing a generated file one item at a time.
//!
//! prettyplease prints a `syn::File`, and parsing the whole generated file into one syn tree
//! cost about 25 bytes of memory per byte of output (a 10,000-function spec: hundreds of MiB).
//! Here the token stream is cut into items; each item is parsed and printed alone, and the
//! two containers generated code nests everything in (`mod m { … }` and `const _: () = { … };`)
//! are printed as a shell whose body is printed item by item, at the same depth. Each item is
//! printed inside as many wrapper modules as it is deep, so prettyplease sees the same
//! indentation and breaks lines exactly as it would in the whole file.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::quote;

/// Name of the wrapper modules and of the placeholder item in a container's shell.
const CHUNK: &str = "__pb_pretty_chunk";

/// The pretty-printed file. Tokens are consumed as they are printed (no second copy of the
/// file's tokens is kept); a part that does not parse (a bug in an emitter) is kept as raw token
/// text, so the compiler points at it.
pub fn pretty_items(tokens: TokenStream) -> String {
    let mut out = String::new();
    print_all(split_items(tokens), 0, &mut out);
    out
}

/// Prints items at `depth`; a cut that does not parse as an item is joined with the next one
/// (a `{ … }` inside a type, say), and what never parses is written as raw tokens.
fn print_all(items: Vec<TokenStream>, depth: usize, out: &mut String) {
    let mut pending = TokenStream::new();
    for item in items {
        pending.extend(item);
        if let Some(text) = print_item(&pending, depth) {
            out.push_str(&text);
            pending = TokenStream::new();
        }
    }
    if !pending.is_empty() {
        out.push_str(&pending.to_string());
        out.push('\n');
    }
}

fn print_item(item: &TokenStream, depth: usize) -> Option<String> {
    if let Some((shell, body)) = split_container(item) {
        let items = split_items(body);
        let placeholder = format!("{}const {CHUNK}: () = ();\n", "    ".repeat(depth + 1));
        if items.len() > 1
            && let Some(text) = unparse_at(shell, depth)
            && let Some((head, tail)) = text.split_once(&placeholder)
        {
            let mut out = head.to_string();
            print_all(items, depth + 1, &mut out);
            out.push_str(tail);
            return Some(out);
        }
    }
    unparse_at(item.clone(), depth)
}

/// Prints one item as prettyplease would at `depth` levels of nesting: inside `depth` wrapper
/// modules, whose lines are then cut off.
fn unparse_at(item: TokenStream, depth: usize) -> Option<String> {
    let chunk = Ident::new(CHUNK, Span::call_site());
    let mut tokens = item;
    for _ in 0..depth {
        tokens = quote!(mod #chunk { #tokens });
    }
    let file: syn::File = syn::parse2(tokens).ok()?;
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let inner = lines.get(depth..lines.len().checked_sub(depth)?)?;
    Some(inner.concat())
}

/// A `mod m { … }` or `const _: () = { … };` item, as its shell (the body replaced by a
/// placeholder item) and its body.
fn split_container(item: &TokenStream) -> Option<(TokenStream, TokenStream)> {
    let mut trees: Vec<TokenTree> = item.clone().into_iter().collect();
    let is_word = |t: &TokenTree, w: &str| matches!(t, TokenTree::Ident(i) if i == w);
    let at = trees.iter().rposition(|t| matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace))?;
    let head = &trees[..at];
    let is_mod = head.last().is_some_and(|t| matches!(t, TokenTree::Ident(_)))
        && head.len() >= 2
        && is_word(&head[head.len() - 2], "mod");
    let is_const = head.iter().any(|t| is_word(t, "const"))
        && head.last().is_some_and(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '='));
    if !is_mod && !is_const {
        return None;
    }
    let chunk = Ident::new(CHUNK, Span::call_site());
    let placeholder = TokenTree::Group(Group::new(Delimiter::Brace, quote!(const #chunk: () = ();)));
    // Taken out, not cloned: the body's tokens then have one owner and are split in place.
    let TokenTree::Group(group) = std::mem::replace(&mut trees[at], placeholder) else { return None };
    Some((trees.into_iter().collect(), group.stream()))
}

/// Cuts a token stream into items: an item ends at a `;` or at a `{ … }` body not followed by
/// `;` (a `const … = { … };` takes its `;`). A cut that is not an item makes printing fall back.
fn split_items(tokens: TokenStream) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let mut current: Vec<TokenTree> = Vec::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        let ends = match &tree {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) => {
                g.delimiter() == Delimiter::Brace
                    && !matches!(trees.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            _ => false,
        };
        current.push(tree);
        if ends {
            items.push(current.drain(..).collect());
        }
    }
    if !current.is_empty() {
        items.push(current.into_iter().collect());
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Containers nested in containers, doc comments, and a signature long enough to wrap: the
    /// item-by-item print must be byte-identical to prettyplease on the whole file.
    #[test]
    fn item_by_item_printing_equals_whole_file_printing() {
        let tokens = quote! {
            /// Stubs.
            #[allow(dead_code)]
            pub mod m {
                use ::std::collections::HashMap;
                pub fn a_function_with_a_long_signature(first_argument: i64, second_argument: &HashMap<String, Vec<f64>>) -> ::std::result::Result<i64, ::pybridge::Error> { let x = 1; Ok(x) }
                pub mod attached {
                    pub fn f() {}
                    pub fn g() {}
                }
                #[allow(non_snake_case)]
                const _: () = {
                    struct S { a: i64 }
                    impl S { fn new() -> Self { S { a: 1 } } }
                    static X: i64 = 5;
                };
            }
            fn top() {}
            type T = A<{ 1 }>;
        };
        let whole = prettyplease::unparse(&syn::parse2(tokens.clone()).unwrap());
        assert_eq!(pretty_items(tokens), whole);
    }

    /// What does not parse (an emitter bug) stays as raw tokens, after the items that did.
    #[test]
    fn tokens_that_are_not_items_are_kept_raw() {
        let text = pretty_items(quote!(fn ok() {} fn broken() -> {}));
        assert_eq!(text, "fn ok() {}\nfn broken () -> { }\n");
    }
}
