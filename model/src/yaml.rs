//! A located YAML tree: every node knows its line and column.
//!
//! Built from yaml-rust2's event stream (not its `Yaml` values, which drop positions), with
//! an explicit stack (no recursion), a nesting limit, duplicate-key detection at the second
//! occurrence, and aliases refused outright (which also makes "billion laughs" inputs cost
//! nothing). The spec decoder in `spec/` reads only this tree.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::origin::{Loc, Origin};

/// Specs never need more; deeper input is refused before it can exhaust a stack.
pub const MAX_DEPTH: usize = 64;

/// A YAML node with its location.
#[derive(Clone, Debug)]
pub struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Where it starts (width: the scalar's width, or 1).
    pub loc: Loc,
}

/// A YAML value.
#[derive(Clone, Debug)]
pub enum NodeKind {
    /// A scalar; `quoted` when written in quotes or as a block scalar (never null, never a number).
    Scalar {
        /// The text (boxed: no spare capacity, the tree of a large spec stays small).
        text: Box<str>,
        /// Whether it was quoted.
        quoted: bool,
    },
    /// A sequence.
    Seq(Box<[Node]>),
    /// A mapping, keys in order (duplicates already reported and dropped).
    Map(Box<[(Node, Node)]>),
}

impl Node {
    /// The node's origin.
    pub fn origin(&self) -> Origin {
        Origin::Spec(self.loc)
    }

    /// Whether this is a null (`~`, `null`, or nothing).
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar { text, quoted: false } if matches!(&**text, "" | "~" | "null" | "Null" | "NULL"))
    }

    /// A word for the node's kind, for "expected X, found Y" messages.
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            _ if self.is_null() => "nothing (null)",
            NodeKind::Scalar { quoted: true, .. } => "a string",
            NodeKind::Scalar { text, .. } if text.parse::<i64>().is_ok() => "an integer",
            NodeKind::Scalar { text, .. } if text.parse::<f64>().is_ok() => "a number",
            NodeKind::Scalar { text, .. } if matches!(&**text, "true" | "false") => "a boolean",
            NodeKind::Scalar { .. } => "a string",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// Parses `source` into one located document. Returns `None` (with diagnostics) when the text
/// is not a single well-formed YAML document.
pub fn parse_yaml(source: &str, diags: &mut Diagnostics) -> Option<Node> {
    let mut builder =
        Builder { line_widths: crate::spec::line_widths(source), stack: Vec::new(), root: None, documents: 0 };
    let mut parser = Parser::new_from_str(source);
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            Err(err) => {
                diags.push(crate::yaml_errors::syntax_error(source, &err));
                return None;
            }
        };
        match builder.on_event(event, mark) {
            Ok(true) => break,
            Ok(false) => {}
            Err(d) => {
                diags.push(d);
                return None;
            }
        }
    }
    if builder.root.is_none() {
        diags
            .error(Origin::Spec(Loc::new(1, 1, 1)), "the spec is empty: expected a mapping with at least `version: 1`");
    }
    builder.root
}

enum Open {
    Seq(Loc, Vec<Node>),
    Map(Loc, Vec<(Node, Node)>, Option<Node>),
}

struct Builder {
    /// Characters per line, counted once (counting per scalar made long lines quadratic).
    line_widths: Vec<u32>,
    stack: Vec<Open>,
    root: Option<Node>,
    documents: usize,
}

impl Builder {
    /// Handles one event; `Ok(true)` at the end of the stream.
    fn on_event(&mut self, event: Event, mark: Marker) -> Result<bool, Diagnostic> {
        let loc = Loc::new(mark.line() as u32, mark.col() as u32 + 1, 1);
        match event {
            Event::StreamEnd => return Ok(true),
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Diagnostic::new(
                        Origin::Spec(loc),
                        "a spec holds one YAML document, but a second one starts here",
                    )
                    .help("remove the `---` separator and merge the documents, or split them into two spec files"));
                }
            }
            Event::Alias(_) => {
                return Err(Diagnostic::new(Origin::Spec(loc), "YAML aliases (`*name`) are not supported in specs")
                    .help("write the value out where it is used"));
            }
            Event::Scalar(text, style, _, _) => {
                let quoted = !matches!(style, TScalarStyle::Plain);
                let width = self.scalar_width(loc, &text, style);
                let text = text.into_boxed_str();
                self.push_node(Node { kind: NodeKind::Scalar { text, quoted }, loc: Loc { len: width, ..loc } })?;
            }
            Event::SequenceStart(..) => self.open(Open::Seq(loc, Vec::new()), loc)?,
            Event::MappingStart(..) => self.open(Open::Map(loc, Vec::new(), None), loc)?,
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::Seq(loc, items)) => Node { kind: NodeKind::Seq(items.into_boxed_slice()), loc },
                    Some(Open::Map(loc, entries, _)) => Node { kind: NodeKind::Map(entries.into_boxed_slice()), loc },
                    None => return Ok(false),
                };
                self.push_node(node)?;
            }
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
        }
        Ok(false)
    }

    fn open(&mut self, open: Open, loc: Loc) -> Result<(), Diagnostic> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(crate::yaml_errors::too_deep(loc));
        }
        self.stack.push(open);
        Ok(())
    }

    fn push_node(&mut self, node: Node) -> Result<(), Diagnostic> {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(map_loc, entries, pending)) => match pending.take() {
                None => {
                    // A block mapping's start marker sits after its first key; a flow mapping's
                    // at its `{`. The earlier of the two is where the mapping visibly starts.
                    if entries.is_empty() && (node.loc.line, node.loc.col) < (map_loc.line, map_loc.col) {
                        *map_loc = node.loc;
                    }
                    if !matches!(node.kind, NodeKind::Scalar { .. }) {
                        return Err(Diagnostic::new(node.origin(), "mapping keys must be plain names")
                            .help("write `key: value` with a plain word as the key"));
                    }
                    *pending = Some(node);
                }
                Some(key) => {
                    let text = key_text(&key);
                    if let Some((first, _)) = entries.iter().find(|(k, _)| key_text(k) == text) {
                        return Err(Diagnostic::new(key.origin(), format!("duplicate key `{text}`"))
                            .help("each key may appear once in a mapping; remove or merge one of them")
                            .note(first.origin(), format!("`{text}` first appears here")));
                    }
                    entries.push((key, node));
                }
            },
        }
        Ok(())
    }

    /// The width to underline for a scalar: its text on its line, plus quotes.
    fn scalar_width(&self, loc: Loc, text: &str, style: TScalarStyle) -> u32 {
        let line = self.line_widths.get(loc.line as usize - 1).copied().unwrap_or(0);
        let rest = line.saturating_sub(loc.col - 1);
        let want = match style {
            TScalarStyle::Plain => text.chars().count() as u32,
            TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => text.chars().count() as u32 + 2,
            _ => 1,
        };
        want.min(rest).max(1)
    }
}

fn key_text(node: &Node) -> &str {
    match &node.kind {
        NodeKind::Scalar { text, .. } => text,
        _ => "",
    }
}
