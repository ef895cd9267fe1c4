//! Where a model node came from: a place in a YAML spec, or a span of Rust tokens.
//!
//! Every node of the model carries an [`Origin`], so that every later phase (resolve, check,
//! emit) can point its diagnostics, and rustc's, at what the user wrote.

use proc_macro2::Span;

/// A place in a spec file: 1-based line and column (in characters), and a width in characters
/// for the caret underline (at least 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters (not bytes).
    pub col: u32,
    /// Width of the underline, in characters.
    pub len: u32,
}

impl Loc {
    /// A location of width `len` at `line`:`col`.
    pub fn new(line: u32, col: u32, len: u32) -> Self {
        Loc { line, col, len: len.max(1) }
    }
}

/// Where a node of the model came from.
#[derive(Clone, Copy, Debug)]
pub enum Origin {
    /// A node of a YAML spec.
    Spec(Loc),
    /// Tokens written by the user (the `#[py_embed]` attribute or a scanned source file).
    Rust(Span),
    /// Made up by pybridge itself (defaults, implied items).
    Implied,
}

impl Origin {
    /// The span that generated code should carry so that rustc's errors land on user tokens.
    pub fn span(&self) -> Span {
        match self {
            Origin::Rust(span) => *span,
            Origin::Spec(_) | Origin::Implied => Span::call_site(),
        }
    }

    /// This origin, or `other` when this one is [`Origin::Implied`].
    pub fn or(self, other: Origin) -> Origin {
        if matches!(self, Origin::Implied) { other } else { self }
    }

    /// The spec location, if this node came from a spec.
    pub fn loc(&self) -> Option<Loc> {
        match self {
            Origin::Spec(loc) => Some(*loc),
            Origin::Rust(span) => {
                // With proc-macro2's `span-locations` (on in the CLI and build.rs, where the
                // source is parsed outside a compiler), spans know their line and column.
                let start = span.start();
                let end = span.end();
                if start.line == 0 {
                    return None;
                }
                let len = if end.line == start.line { end.column.saturating_sub(start.column) } else { 1 };
                Some(Loc::new(start.line as u32, start.column as u32 + 1, len as u32))
            }
            Origin::Implied => None,
        }
    }
}
