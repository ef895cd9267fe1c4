//! The YAML spec front end: bytes → text → located YAML tree → model, every node located.
//!
//! [`load_spec`] runs parse and lowering; [`crate::analyze`] adds resolve and check. Problems
//! come back as [`Diagnostics`] with locations inside the file.

mod class;
pub mod default;
mod foreign;
pub mod keys;
mod lower;
mod reader;
pub mod schema;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::Bridge;
use crate::origin::{Loc, Origin};
use crate::yaml::parse_yaml;

/// Decodes spec bytes: UTF-8 required (the first bad byte is located), a leading BOM dropped.
pub fn decode_source(bytes: &[u8]) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(err) => {
            let good = &bytes[..err.valid_up_to()];
            let text = String::from_utf8_lossy(good);
            let line = text.matches('\n').count() as u32 + 1;
            let col = text.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) as u32 + 1;
            Err(Diagnostic::new(Origin::Spec(Loc::new(line, col, 1)), "the spec is not valid UTF-8")
                .help("save the file as UTF-8"))
        }
    }
}

/// Parses and lowers a spec's text into the model (no resolve or check yet).
pub fn load_spec(source: &str, diags: &mut Diagnostics) -> Option<Bridge> {
    let root = parse_yaml(source, diags)?;
    Some(lower::lower_spec(&root, diags))
}

/// The width in characters of each line of `source` (as `str::lines` splits it), counted in
/// one pass: locations are clamped and underlined against it without rescanning a line.
pub fn line_widths(source: &str) -> Vec<u32> {
    source.lines().map(|line| line.chars().count() as u32).collect()
}

/// Moves every location into the file: line ≤ line count, column ≤ line length + 1.
/// `widths` comes from [`line_widths`].
pub fn clamp_loc(widths: &[u32], loc: Loc) -> Loc {
    let Some(&last) = widths.last() else { return Loc::new(1, 1, 1) };
    let (line, col) = if loc.line as usize > widths.len() || loc.line == 0 {
        (widths.len() as u32, last + 1)
    } else {
        (loc.line, loc.col.clamp(1, widths[loc.line as usize - 1] + 1))
    };
    Loc::new(line, col, loc.len)
}
