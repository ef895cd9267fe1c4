//! The attribute front end reports every unsupported shape at its token, all at once (the
//! trybuild suite pins rustc's rendering; here the positions are checked directly, with
//! proc-macro2's span locations).

use pybridge_model::rust::{Options, Target, lower_rust_module, parse_options};
use pybridge_model::{Diagnostics, Origin};

fn problems(source: &str) -> Vec<(usize, usize, String)> {
    let file = pybridge_model_syn::parse_file(source).unwrap();
    let pybridge_model_syn::Item::Mod(module) = &file.items[0] else { panic!("a module") };
    let mut diags = Diagnostics::new();
    lower_rust_module(module, &Options::default(), &mut diags);
    diags
        .into_sorted()
        .into_iter()
        .map(|d| match d.origin {
            Origin::Rust(span) => (span.start().line, span.start().column + 1, d.message),
            other => panic!("unexpected origin {other:?}"),
        })
        .collect()
}

#[test]
fn unsupported_shapes_are_reported_at_their_tokens_together() {
    let source = "mod m {
    #[py_embed]
    pub fn generic<T>(x: T) {}
    #[py_embed]
    pub fn borrow<'a>(x: &'a str) {}
    #[py_embed]
    pub fn mutate(v: &mut Vec<i64>) {}
    #[py_embed]
    pub async fn later() {}
    #[py_embed]
    pub fn pattern((a, b): (i64, i64)) {}
}";
    let found = problems(source);
    let expect = [
        (3, 20, "generic functions cannot be exported"),
        // (`'a` where it is used is judged by check, which a lowering error stops: the
        // parameter list's `'a` says it.)
        (5, 19, "lifetime parameters cannot cross the Python boundary"),
        (7, 23, "`&mut` arguments cannot cross the Python boundary, except `&mut [T]` of a number type"),
        (9, 9, "`async fn` cannot be exported yet"),
        (11, 20, "parameters must be plain names"),
    ];
    // Exactly these, in source order: nothing missing, nothing extra.
    let expect: Vec<(usize, usize, String)> = expect.iter().map(|(l, c, m)| (*l, *c, m.to_string())).collect();
    assert_eq!(found, expect);
}

#[test]
fn unknown_and_duplicate_options_are_reported_at_the_second_occurrence() {
    let mut diags = Diagnostics::new();
    let tokens: proc_macro2::TokenStream = "name = \"a\", nmae = \"b\", name = \"c\"".parse().unwrap();
    parse_options(tokens, Target::Function, &mut diags);
    let messages: Vec<(usize, String, Option<String>)> =
        diags.into_sorted().into_iter().map(|d| (d.origin.span().start().column, d.message, d.help)).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(messages[0].1, "unknown option `nmae`");
    assert_eq!(messages[0].2.as_deref(), Some("did you mean `name`?"));
    assert_eq!(messages[1].1, "duplicate option `name`");
    assert_eq!(messages[1].0, 24, "at the second `name`");
}
