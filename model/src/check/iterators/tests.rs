use crate::check::test_support::{assert_passes, assert_reports};

#[test]
fn iterators_pass_as_whole_returns() {
    let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: evens, params: [{ name: n, type: i64 }], returns: \"impl Iterator<Item = i64>\" }
    - { name: words, params: [{ name: s, type: String }], returns: \"Result<impl Iterator<Item = String> + Send, std::io::Error>\" }
  classes:
    - name: Bag
      methods:
        - { name: items, returns: \"impl Iterator<Item = &i64> + '_\" }
        - { name: names, returns: \"impl Iterator<Item = &str> + use<'_>\" }
        - { name: counted, params: [{ name: s, type: \"&str\" }], returns: \"impl Iterator<Item = i64> + use<>\" }
        - { name: copies, returns: \"impl Iterator<Item = Bag>\" }
";
    assert_passes(spec);
}

#[test]
fn iterators_refused_outside_whole_returns() {
    let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: f, params: [{ name: it, type: \"impl Iterator<Item = i64>\" }] }
    - { name: g, returns: \"Option<impl Iterator<Item = i64>>\" }
    - { name: h, returns: \"impl Iterator<Item = impl Iterator<Item = i64>>\" }
    - { name: u, returns: \"impl Iterator<Item = ()>\" }
";
    assert_reports(
        spec,
        &[
            (5, 46, "an iterator crosses only as the whole return type"),
            (6, 35, "an iterator crosses only as the whole return type"),
            (7, 49, "an iterator crosses only as the whole return type"),
            (8, 49, "`None` (`()`) can only be a whole return type"),
        ],
    );
}

#[test]
fn iterators_refused_where_they_cannot_borrow() {
    let spec = "\
version: 1
module: ext
export:
  functions:
    - { name: f, returns: \"impl Iterator<Item = i64> + '_\" }
    - { name: g, params: [{ name: s, type: \"&str\" }], returns: \"impl Iterator<Item = i64>\" }
  classes:
    - name: Bag
      methods:
        - { name: items, returns: \"impl Iterator<Item = &i64> + '_\" }
        - { name: drain, kind: mut_method, returns: \"impl Iterator<Item = i64>\" }
        - { name: slow, release_gil: true, returns: \"impl Iterator<Item = i64> + use<>\" }
        - { name: refs, returns: \"impl Iterator<Item = &Bag> + use<>\" }
";
    assert_reports(
        spec,
        &[
            (5, 28, "only a `&self` method's iterator can borrow"),
            (6, 45, "an iterator may borrow this argument"),
            (11, 54, "an iterator cannot borrow `&mut self`"),
            (12, 54, "`release_gil` would release the interpreter"),
            (13, 56, "an iterator's items cannot be references to a class"),
        ],
    );
}
