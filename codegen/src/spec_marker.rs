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

/// Replaces each printed marker line with a comment naming `source` and the spec line.
///
/// ```
/// let text = "    #[cfg_attr(any(), pybridge_spec = \"3:9: function `add`\")]\n    fn add() {}\n";
/// assert_eq!(
///     pybridge_codegen::spec_marker::replace_spec_markers(text, "ops.yaml"),
///     "    // from ops.yaml:3:9: function `add`\n    fn add() {}\n"
/// );
/// ```
pub fn replace_spec_markers(text: &str, source: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let trimmed = body.trim_start();
        match trimmed.strip_prefix(MARKER_START).and_then(|rest| rest.strip_suffix(MARKER_END)) {
            Some(what) => {
                let indent = &body[..body.len() - trimmed.len()];
                out.push_str(&format!("{indent}// from {source}:{what}"));
                if line.ends_with('\n') {
                    out.push('\n');
                }
            }
            None => out.push_str(line),
        }
    }
    out
}
