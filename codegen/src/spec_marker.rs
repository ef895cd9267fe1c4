//! Comments naming the spec line each generated item comes from, so that a rustc error in a
//! generated file (a wrong signature, a type that does not convert) leads back to the spec.
//!
//! Token streams cannot carry comments, so emitters put an inert marker attribute on items
//! (`#[cfg_attr(any(), pybridge_spec = "12:7: …")]`, a no-op even if it reached rustc) and
//! [`replace_spec_markers`] turns each printed marker line into `// from spec.yaml:12:7: …`.
//! Items from `#[py_embed]` carry no marker: their spans already point at the user's code.

use proc_macro2::TokenStream;
use quote::quote;

use pybridge_model::Origin;

const MARKER_START: &str = "#[cfg_attr(any(), pybridge_spec = \"";
const MARKER_END: &str = "\")]";

/// The marker for an item declared at `origin` (nothing unless it comes from a spec).
pub fn emit_spec_marker(origin: &Origin, what: &str) -> Option<TokenStream> {
    let Origin::Spec(loc) = origin else { return None };
    let text = format!("{}:{}: {}", loc.line, loc.col, what.replace(['"', '\\', '\n'], "'"));
    Some(quote!(#[cfg_attr(any(), pybridge_spec = #text)]))
}

/// Replaces each printed marker with a comment naming `source` and the spec line: a marker on
/// one line, or the four lines prettyplease wraps a long one into.
///
/// ```
/// let text = "    #[cfg_attr(any(), pybridge_spec = \"3:9: function `add`\")]\n    fn add() {}\n";
/// assert_eq!(
///     pybridge_codegen::spec_marker::replace_spec_markers(text, "ops.yaml"),
///     "    // from ops.yaml:3:9: function `add`\n    fn add() {}\n"
/// );
/// let wrapped = "    #[cfg_attr(\n        any(),\n        pybridge_spec = \"3:9: a long one\"\n    )]\n    m!();\n";
/// assert_eq!(
///     pybridge_codegen::spec_marker::replace_spec_markers(wrapped, "ops.yaml"),
///     "    // from ops.yaml:3:9: a long one\n    m!();\n"
/// );
/// ```
pub fn replace_spec_markers(text: &str, source: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        let (what, used) = match marker_at(&lines[i..]) {
            Some(found) => found,
            None => {
                out.push_str(lines[i]);
                i += 1;
                continue;
            }
        };
        let body = lines[i].trim_end_matches('\n');
        let indent = &body[..body.len() - body.trim_start().len()];
        out.push_str(&format!("{indent}// from {source}:{what}"));
        if lines[i + used - 1].ends_with('\n') {
            out.push('\n');
        }
        i += used;
    }
    out
}

/// The text of the marker starting at `lines[0]` and how many lines it takes.
fn marker_at<'a>(lines: &[&'a str]) -> Option<(&'a str, usize)> {
    let trimmed = |i: usize| lines.get(i).map(|l| l.trim());
    if let Some(what) = trimmed(0)?.strip_prefix(MARKER_START).and_then(|rest| rest.strip_suffix(MARKER_END)) {
        return Some((what, 1));
    }
    let wrapped = trimmed(0)? == "#[cfg_attr(" && trimmed(1)? == "any()," && trimmed(3)? == ")]";
    let what = trimmed(2)?.strip_prefix("pybridge_spec = \"")?.strip_suffix('"')?;
    wrapped.then_some((what, 4))
}
