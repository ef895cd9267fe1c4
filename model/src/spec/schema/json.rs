//! The JSON value the schema is built from, and its writer: insertion order kept, objects and
//! arrays that fit on one line written on one line.

use std::fmt::Write as _;

/// A JSON value, kept in insertion order.
#[derive(Clone, Debug)]
pub(super) enum J {
    Obj(Vec<(String, J)>),
    Arr(Vec<J>),
    Str(String),
    Int(i64),
    Bool(bool),
    Null,
}

impl J {
    pub(super) fn obj<K: Into<String>>(pairs: Vec<(K, J)>) -> J {
        J::Obj(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

pub(super) fn s(text: &str) -> J {
    J::Str(text.to_string())
}

pub(super) fn strs(words: &[&str]) -> J {
    J::Arr(words.iter().map(|w| s(w)).collect())
}

/// Objects and arrays that fit on one line are written on one line.
const WIDTH: usize = 120;

pub(super) fn write_json(out: &mut String, value: &J, indent: usize) {
    let one_line = flat(value);
    if indent + one_line.len() <= WIDTH || !matches!(value, J::Obj(_) | J::Arr(_)) {
        out.push_str(&one_line);
        return;
    }
    let pad = "  ".repeat(indent / 2 + 1);
    let close = "  ".repeat(indent / 2);
    match value {
        J::Obj(pairs) => {
            out.push_str("{\n");
            for (i, (key, v)) in pairs.iter().enumerate() {
                let _ = write!(out, "{pad}{}: ", quote(key));
                write_json(out, v, indent + 2);
                out.push_str(if i + 1 < pairs.len() { ",\n" } else { "\n" });
            }
            let _ = write!(out, "{close}}}");
        }
        J::Arr(items) if items.iter().all(|v| !matches!(v, J::Obj(_) | J::Arr(_))) => {
            // Words fill their lines.
            out.push_str("[\n");
            let mut line = pad.clone();
            for (i, v) in items.iter().enumerate() {
                let item = flat(v) + if i + 1 < items.len() { "," } else { "" };
                if line.len() > pad.len() && line.len() + 1 + item.len() > WIDTH {
                    out.push_str(line.trim_end());
                    out.push('\n');
                    line = pad.clone();
                }
                line.push_str(&item);
                line.push(' ');
            }
            out.push_str(line.trim_end());
            let _ = write!(out, "\n{close}]");
        }
        J::Arr(items) => {
            out.push_str("[\n");
            for (i, v) in items.iter().enumerate() {
                out.push_str(&pad);
                write_json(out, v, indent + 2);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            let _ = write!(out, "{close}]");
        }
        _ => {}
    }
}

fn flat(value: &J) -> String {
    match value {
        J::Obj(pairs) if pairs.is_empty() => "{}".into(),
        J::Obj(pairs) => {
            let inner: Vec<String> = pairs.iter().map(|(k, v)| format!("{}: {}", quote(k), flat(v))).collect();
            format!("{{ {} }}", inner.join(", "))
        }
        J::Arr(items) => format!("[{}]", items.iter().map(flat).collect::<Vec<_>>().join(", ")),
        J::Str(text) => quote(text),
        J::Int(n) => n.to_string(),
        J::Bool(b) => b.to_string(),
        J::Null => "null".into(),
    }
}

fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
