//! A guard against input nested so deeply that parsing it recursively would overflow the
//! stack (syn parses types and expressions recursively): `Vec<Vec<Vec<…>>>` a few hundred
//! levels deep, or as many nested brackets. Real code never comes near the limit; fuzzed input
//! did (an ASan build overflowed at 280 levels of `<`). Every front end that hands user text
//! or tokens to syn checks it first.

use proc_macro2::{Span, TokenStream, TokenTree};

/// Deepest nesting accepted, of brackets and of `<` within one statement.
pub const MAX_DEPTH: usize = 64;

/// The span where `tokens` first nests deeper than [`MAX_DEPTH`], if it does.
///
/// ```
/// use std::str::FromStr;
/// let ok = proc_macro2::TokenStream::from_str("Vec<Option<(i64, [u8; 4])>>").unwrap();
/// assert!(pybridge_model::depth::find_deep_nesting(&ok).is_none());
/// let deep = proc_macro2::TokenStream::from_str(&"Vec<".repeat(100)).unwrap();
/// assert!(pybridge_model::depth::find_deep_nesting(&deep).is_some());
/// ```
pub fn find_deep_nesting(tokens: &TokenStream) -> Option<Span> {
    find_at(tokens, 0)
}

fn find_at(tokens: &TokenStream, groups: usize) -> Option<Span> {
    let mut angles = 0usize;
    for tree in tokens.clone() {
        match tree {
            TokenTree::Group(group) => {
                if groups + 1 > MAX_DEPTH {
                    return Some(group.span());
                }
                if let Some(span) = find_at(&group.stream(), groups + 1) {
                    return Some(span);
                }
            }
            // Types hold no `;` outside brackets: a new statement starts the count again.
            TokenTree::Punct(p) if p.as_char() == ';' => angles = 0,
            TokenTree::Punct(p) if p.as_char() == '<' => {
                angles += 1;
                if groups + angles > MAX_DEPTH {
                    return Some(p.span());
                }
            }
            TokenTree::Punct(p) if p.as_char() == '>' => angles = angles.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The diagnostic message for input nested too deeply.
pub fn too_deep_message() -> String {
    format!("this nests more than {MAX_DEPTH} levels deep (brackets or `<…>`), which pybridge does not parse")
}
