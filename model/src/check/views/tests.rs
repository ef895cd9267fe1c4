//! The view-class rules (`check/views.rs`) and what the resolver finds each view borrows.

use crate::check::test_support::{assert_passes, assert_reports, diagnostics_of};

/// A spec wrapping `regex` the way `specs/examples/regex_views.yaml` does, plus `extra` lines
/// under `classes:`.
fn regex_spec(extra: &str) -> String {
    format!(
        "\
version: 1
module: rx
export:
  classes:
    - name: Regex
      rust: regex::Regex
      methods:
        - name: find
          params: [{{ name: haystack, type: \"&'h str\" }}]
          returns: \"Option<Match<'h>>\"
    - name: Match
      rust: \"regex::Match<'h>\"
      methods:
        - {{ name: as_str, returns: \"&'h str\" }}
        - {{ name: start, returns: usize }}
{extra}"
    )
}

#[test]
fn views_pass_when_they_borrow_self_an_argument_or_their_own_borrow() {
    assert_passes(&regex_spec(
        r#"    - name: Captures
      rust: "regex::Captures<'h>"
      methods:
        - { name: get, params: [{ name: i, type: usize }], returns: "Option<Match<'h>>" }
    - name: Text
      rust: crate::Text
      methods:
        - { name: words, returns: "Vec<Word>" }
        - { name: first, returns: "Word<'_>" }
    - name: Word
      rust: "crate::Word<'a>"
      attributes:
        - { name: text, type: "&'a str", writable: false }
        - { name: start, type: usize }
"#,
    ));
}

#[test]
fn lifetimes_outside_views_are_refused_at_their_token() {
    let spec = regex_spec(
        r#"    - name: Point
      rust: crate::Point
      methods:
        - name: label
          params: [{ name: text, type: "&'a str" }]
          returns: String
        - { name: other, returns: "Point<'a>" }
"#,
    );
    assert_reports(
        &spec,
        &[(20, 42, "lifetimes cannot cross the Python boundary"), (22, 42, "`Point` borrows with a lifetime")],
    );
}

#[test]
fn a_view_class_is_only_returned() {
    let spec = regex_spec(
        r#"      attributes:
        - { name: last, type: "Option<Match<'h>>" }
  functions:
    - { name: length, params: [{ name: m, type: "Match<'_>" }], returns: usize }
    - { name: by_key, params: [{ name: text, type: "&'h str" }], returns: "HashMap<String, Match<'h>>" }
"#,
    );
    let found = diagnostics_of(&spec);
    let messages: Vec<&str> = found.iter().map(|(_, _, m)| m.as_str()).collect();
    assert_eq!(
        messages.iter().filter(|m| m.contains("the view class `Match` can only be returned")).count(),
        3,
        "{found:#?}"
    );
}

#[test]
fn a_view_needs_one_thing_to_borrow() {
    let spec = regex_spec(
        r#"  functions:
    - { name: nowhere, returns: "Option<Match<'h>>" }
    - name: two
      params: [{ name: a, type: "&'h str" }, { name: b, type: "&'h str" }]
      returns: "Match<'h>"
    - { name: elided, params: [{ name: n, type: usize }], returns: "Match<'_>" }
    - { name: floats, params: [{ name: xs, type: "&'h [f64]" }], returns: "Match<'h>" }
"#,
    );
    assert_reports(
        &spec,
        &[
            (17, 34, "nothing here for this view to borrow"),
            (20, 17, "nothing here for this view to borrow"),
            (21, 69, "nothing here for this view to borrow"),
            (22, 51, "views can borrow only a `&str`, `&[u8]` or `&Class` argument"),
        ],
    );
}

#[test]
fn a_view_class_is_made_only_by_what_returns_it() {
    let spec = regex_spec(
        r#"      pickle: true
      constructor:
        params: [{ name: n, type: usize }]
      attributes:
        - { name: text, type: "&'h str", writable: true }
    - name: Holder
      rust: crate::Holder
      methods:
        - { name: grab, kind: mut_method, returns: "Match<'_>" }
        - { name: fast, params: [{ name: t, type: "&'h str" }], returns: "Match<'h>", release_gil: true }
"#,
    );
    let found = diagnostics_of(&spec);
    let expect = [
        "cannot be pickled",
        "cannot have a constructor",
        "the field `text` borrows and cannot be set from Python",
        "a view cannot borrow `&mut self`",
        "cannot `release_gil`",
    ];
    for fragment in expect {
        assert!(found.iter().any(|(_, _, m)| m.contains(fragment)), "{fragment} missing from {found:#?}");
    }
}

#[test]
fn import_stubs_cannot_take_views() {
    let spec = regex_spec(
        r#"import:
  - module: helpers
    functions:
      - { name: show, params: [{ name: m, type: Match }], returns: str }
"#,
    );
    let found = diagnostics_of(&spec);
    assert!(found.iter().any(|(_, _, m)| m.contains("cannot cross into an import stub")), "{found:#?}");
}

#[test]
fn objects_returned_as_policy_views_cannot_lend_to_views() {
    let spec = regex_spec(
        r#"    - name: Point
      rust: crate::Point
    - name: Segment
      rust: crate::Segment
      attributes:
        - { name: start, type: Point, policy: view }
  functions:
    - { name: near, params: [{ name: p, type: "&'h Point" }], returns: "Match<'h>" }
"#,
    );
    let found = diagnostics_of(&spec);
    assert!(
        found.iter().any(|(_, _, m)| m.contains("`Point` is also returned as a view (`policy: view`)")),
        "{found:#?}"
    );
}
