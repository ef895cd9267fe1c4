//! Reading a located YAML mapping against a [`Section`] of the key catalog: typed getters that
//! report "expected X, found Y" at the value, unknown keys with a suggestion, and missing
//! required keys at the mapping.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::Direction;
use crate::names::{did_you_mean, suggest};
use crate::origin::Origin;
use crate::spec::keys::{Section, Shape, Side, section};
use crate::yaml::{Node, NodeKind};

/// A mapping being read; call [`Fields::finish`] to report unknown and missing keys.
pub struct Fields<'n> {
    node: &'n Node,
    entries: &'n [(Node, Node)],
    section: &'static Section,
    used: Vec<bool>,
    /// The direction of the item, when the section serves both: keys of the other side are
    /// refused (read as absent, reported by `finish`).
    direction: Option<Direction>,
}

impl<'n> Fields<'n> {
    /// Opens `node` as a mapping of `section`, or reports what it is instead.
    pub fn open(node: &'n Node, section_name: &str, diags: &mut Diagnostics) -> Option<Self> {
        Self::open_for(node, section_name, None, diags)
    }

    /// Opens `node` as a mapping of `section` describing an item of `direction`: keys that
    /// belong to the other direction's items are reported by [`Fields::finish`] and read as
    /// absent.
    pub fn open_in(node: &'n Node, section_name: &str, direction: Direction, diags: &mut Diagnostics) -> Option<Self> {
        Self::open_for(node, section_name, Some(direction), diags)
    }

    fn open_for(
        node: &'n Node,
        section_name: &str,
        direction: Option<Direction>,
        diags: &mut Diagnostics,
    ) -> Option<Self> {
        let section = section(section_name);
        match &node.kind {
            NodeKind::Map(entries) => {
                Some(Fields { node, entries, section, used: vec![false; entries.len()], direction })
            }
            _ => {
                diags.push(
                    Diagnostic::new(
                        node.origin(),
                        format!("expected a mapping for {}, found {}", section.what, node.describe()),
                    )
                    .help(format!(
                        "write `key: value` lines; keys of {}: {}",
                        section.what,
                        key_list(section)
                    )),
                );
                None
            }
        }
    }

    /// The value under `key`, if present and not null.
    pub fn get(&mut self, key: &str) -> Option<&'n Node> {
        debug_assert!(self.section.keys.iter().any(|k| k.name == key), "{key} is not in section {}", self.section.name);
        let index = self
            .entries
            .iter()
            .position(|(k, _)| matches!(&k.kind, NodeKind::Scalar { text, .. } if &**text == key))?;
        self.used[index] = true;
        if self.misplaced(key).is_some() {
            return None; // reported by `finish`
        }
        let value = &self.entries[index].1;
        (!value.is_null()).then_some(value)
    }

    /// The origin of the mapping itself.
    pub fn origin(&self) -> Origin {
        self.node.origin()
    }

    /// A string value.
    pub fn str(&mut self, key: &str, diags: &mut Diagnostics) -> Option<(String, Origin)> {
        let node = self.get(key)?;
        read_str(node, &format!("`{key}`"), diags).map(|s| (s, node.origin()))
    }

    /// An integer value.
    pub fn int(&mut self, key: &str, diags: &mut Diagnostics) -> Option<(i64, Origin)> {
        let node = self.get(key)?;
        match &node.kind {
            NodeKind::Scalar { text, quoted: false } => match text.parse::<i64>() {
                Ok(n) => Some((n, node.origin())),
                Err(_) => {
                    diags.error(node.origin(), format!("expected an integer for `{key}`, found {}", node.describe()));
                    None
                }
            },
            _ => {
                diags.error(node.origin(), format!("expected an integer for `{key}`, found {}", node.describe()));
                None
            }
        }
    }

    /// A boolean value (`true` or `false`).
    pub fn bool(&mut self, key: &str, diags: &mut Diagnostics) -> Option<bool> {
        let node = self.get(key)?;
        match &node.kind {
            NodeKind::Scalar { text, quoted: false } if &**text == "true" => Some(true),
            NodeKind::Scalar { text, quoted: false } if &**text == "false" => Some(false),
            _ => {
                diags.push(
                    Diagnostic::new(
                        node.origin(),
                        format!("expected `true` or `false` for `{key}`, found {}", node.describe()),
                    )
                    .help("YAML booleans are the plain words `true` and `false`"),
                );
                None
            }
        }
    }

    /// One of the words allowed by the key's [`Shape::OneOf`].
    pub fn one_of(&mut self, key: &str, diags: &mut Diagnostics) -> Option<String> {
        let allowed = match self.section.keys.iter().find(|k| k.name == key).map(|k| k.shape) {
            Some(Shape::OneOf(words)) => words,
            _ => &[][..],
        };
        let (word, origin) = self.str(key, diags)?;
        if allowed.contains(&word.as_str()) {
            return Some(word);
        }
        let help = suggest(&word, allowed.iter().copied()).unwrap_or_else(|| {
            format!("expected one of: {}", allowed.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", "))
        });
        diags.push(Diagnostic::new(origin, format!("`{word}` is not a valid `{key}`")).help(help));
        None
    }

    /// The items of a list value (empty when absent).
    pub fn list(&mut self, key: &str, diags: &mut Diagnostics) -> &'n [Node] {
        let Some(node) = self.get(key) else { return &[] };
        match &node.kind {
            NodeKind::Seq(items) => items,
            _ => {
                diags.push(
                    Diagnostic::new(node.origin(), format!("expected a list for `{key}`, found {}", node.describe()))
                        .help("write each entry on its own line, starting with `- `"),
                );
                &[]
            }
        }
    }

    /// The key's catalog entry when it belongs to the other direction's items.
    fn misplaced(&self, key: &str) -> Option<&'static crate::spec::keys::Key> {
        let k = self.section.keys.iter().find(|k| k.name == key)?;
        match (k.side, self.direction?) {
            (Side::Export, Direction::Import) | (Side::Import, Direction::Export) => Some(k),
            _ => None,
        }
    }

    /// Reports keys of the other direction, unknown keys (with a suggestion) and missing
    /// required keys. A misspelt required key is reported once, at the misspelling ("did you
    /// mean"), not also as missing; other unknown keys are recoverable (the rest of the mapping
    /// was read).
    pub fn finish(self, diags: &mut Diagnostics) {
        let names = self.section.keys.iter().map(|k| k.name);
        for (key, value) in self.entries {
            let NodeKind::Scalar { text, .. } = &key.kind else { continue };
            // `~` counts as absent, on either side.
            if let Some(k) = self.misplaced(text).filter(|_| !value.is_null()) {
                let side = if k.side == Side::Export { "exported" } else { "imported" };
                diags.push(
                    Diagnostic::new(key.origin(), format!("`{text}` applies only to {side} items")).help(k.elsewhere),
                );
            }
        }
        let mut misspelt: Vec<&str> = Vec::new();
        for ((key, _), used) in self.entries.iter().zip(&self.used) {
            let text = match &key.kind {
                NodeKind::Scalar { text, .. } => &**text,
                _ => "",
            };
            if *used || self.section.keys.iter().any(|k| k.name == text) {
                continue; // read, or a known key with a null value
            }
            let meant = did_you_mean(text, names.clone());
            let help = meant
                .as_ref()
                .map(|m| format!("did you mean `{m}`?"))
                .unwrap_or_else(|| format!("keys of {}: {}", self.section.what, key_list(self.section)));
            let d = Diagnostic::new(key.origin(), format!("unknown key `{text}` in {}", self.section.what)).help(help);
            match self.section.keys.iter().find(|k| k.required && Some(k.name) == meant.as_deref()) {
                Some(k) if self.missing(k.name) => {
                    misspelt.push(k.name);
                    diags.push(d);
                }
                _ => diags.push_recoverable(d),
            }
        }
        for k in self.section.keys.iter().filter(|k| k.required && !misspelt.contains(&k.name)) {
            if let Some(null) = self.null_value(k.name) {
                diags.push(
                    Diagnostic::new(null.origin(), format!("`{}` needs a value, found nothing (null)", k.name))
                        .help(format!("write the value after `{}:` ({})", k.name, k.doc)),
                );
            } else if self.missing(k.name) {
                diags.push(
                    Diagnostic::new(
                        self.node.origin(),
                        format!("{} is missing the required key `{}`", self.section.what, k.name),
                    )
                    .help(format!("add `{}:` ({})", k.name, k.doc)),
                );
            }
        }
    }

    /// The value of `key` when it is present but null (`key: ~`, `key:`).
    fn null_value(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| matches!(&k.kind, NodeKind::Scalar { text, .. } if &**text == key))
            .map(|(_, value)| value)
            .filter(|value| value.is_null())
    }

    /// Whether `key` is absent, or present with a null value.
    fn missing(&self, key: &str) -> bool {
        !self
            .entries
            .iter()
            .any(|(k, value)| matches!(&k.kind, NodeKind::Scalar { text, .. } if &**text == key) && !value.is_null())
    }
}

/// A scalar read as a string (numbers and booleans are taken as their text).
pub fn read_str(node: &Node, what: &str, diags: &mut Diagnostics) -> Option<String> {
    match &node.kind {
        NodeKind::Scalar { text, .. } if !node.is_null() => Some(text.to_string()),
        _ => {
            diags.error(node.origin(), format!("expected a string for {what}, found {}", node.describe()));
            None
        }
    }
}

fn key_list(section: &Section) -> String {
    section.keys.iter().map(|k| format!("`{}`", k.name)).collect::<Vec<_>>().join(", ")
}
