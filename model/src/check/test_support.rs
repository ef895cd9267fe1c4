//! Shared by the rule tests of `check/` and `resolve.rs`: a spec's diagnostics through the
//! public pipeline ([`crate::load_and_check`]), as `(line, col, message)`.

use crate::origin::Origin;

/// `(line, col, message)` of every problem [`crate::load_and_check`] reports for `yaml`, sorted
/// by position; empty when the spec passes every phase.
pub(crate) fn diagnostics_of(yaml: &str) -> Vec<(u32, u32, String)> {
    let (_, result) = crate::load_and_check(yaml.as_bytes());
    match result {
        Ok(_) => Vec::new(),
        Err(list) => list
            .into_iter()
            .map(|d| match d.origin {
                Origin::Spec(loc) => (loc.line, loc.col, d.message),
                other => panic!("a spec diagnostic without a spec location ({other:?}): {}", d.message),
            })
            .collect(),
    }
}

/// Asserts that `yaml` reports exactly `expected`: one `(line, col, message fragment)` per
/// problem, in position order.
#[track_caller]
pub(crate) fn assert_reports(yaml: &str, expected: &[(u32, u32, &str)]) {
    let found = diagnostics_of(yaml);
    let matches = found.len() == expected.len()
        && found.iter().zip(expected).all(|((line, col, message), (want_line, want_col, fragment))| {
            line == want_line && col == want_col && message.contains(fragment)
        });
    assert!(matches, "expected {expected:#?}\nfound {found:#?}\nfor the spec:\n{yaml}");
}

/// Asserts that `yaml` passes every phase (no diagnostic at all).
#[track_caller]
pub(crate) fn assert_passes(yaml: &str) {
    let found = diagnostics_of(yaml);
    assert!(found.is_empty(), "expected no problem, found {found:#?}\nfor the spec:\n{yaml}");
}
