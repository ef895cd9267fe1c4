//! Renders diagnostics as text: `file:line:col: error: message`, the source line, a caret
//! underline and a `help:` line, all problems of a run together. One renderer serves the CLI
//! and build.rs.

use std::fmt::Write as _;

use crate::diagnostics::Diagnostic;
use crate::origin::Loc;

/// Renders every diagnostic against the source it points into.
///
/// `path` is printed as given; `source` is the spec text (after BOM removal and lossless
/// decoding), used to show the offending line.
pub fn render_diagnostics(path: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let mut out = String::new();
    for d in diagnostics {
        render_one(&mut out, path, &lines, d);
    }
    let n = diagnostics.len();
    let _ = writeln!(out, "error: pybridge found {} problem{} in {path}", n, if n == 1 { "" } else { "s" });
    out
}

fn render_one(out: &mut String, path: &str, lines: &[&str], d: &Diagnostic) {
    match d.loc() {
        Some(loc) => {
            let _ = writeln!(out, "{path}:{}:{}: error: {}", loc.line, loc.col, d.message);
            render_snippet(out, lines, loc, d.help.as_deref());
        }
        None => {
            let _ = writeln!(out, "{path}: error: {}", d.message);
            if let Some(help) = &d.help {
                let _ = writeln!(out, "  = help: {help}");
            }
        }
    }
    if let Some((origin, note)) = &d.note {
        match origin.loc() {
            Some(loc) => {
                let _ = writeln!(out, "{path}:{}:{}: note: {note}", loc.line, loc.col);
                render_snippet(out, lines, loc, None);
            }
            None => {
                let _ = writeln!(out, "  = note: {note}");
            }
        }
    }
    out.push('\n');
}

fn render_snippet(out: &mut String, lines: &[&str], loc: Loc, help: Option<&str>) {
    let number = loc.line.to_string();
    let gutter = " ".repeat(number.len());
    let text = lines.get(loc.line as usize - 1).copied().unwrap_or("");
    // Tabs are shown as one space so the caret column stays right.
    let shown: String = text.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    let (shown, start) = window(&shown, loc.col.saturating_sub(1));
    let width = shown.chars().count() as u32;
    let len = loc.len.min(width.saturating_sub(start)).max(1);
    let _ = writeln!(out, "{gutter} |");
    let _ = writeln!(out, "{number} | {}", shown.trim_end());
    let mut caret = format!("{gutter} | {}{}", " ".repeat(start as usize), "^".repeat(len as usize));
    if let Some(help) = help {
        caret.push(' ');
        caret.push_str(help);
    }
    let _ = writeln!(out, "{caret}");
}

/// Long lines are cut to a window around the column, marked with `…`; returns the shown text
/// and the caret's offset in it.
fn window(line: &str, start: u32) -> (String, u32) {
    const MAX: usize = 100;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= MAX {
        return (line.to_string(), start);
    }
    let from = (start as usize).saturating_sub(MAX / 2).min(chars.len().saturating_sub(MAX));
    let to = (from + MAX).min(chars.len());
    let mut shown = String::new();
    let mut offset = start - from as u32;
    if from > 0 {
        shown.push('…');
        offset += 1;
    }
    shown.extend(&chars[from..to]);
    if to < chars.len() {
        shown.push('…');
    }
    (shown, offset)
}
