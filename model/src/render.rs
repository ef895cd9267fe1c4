//! Renders diagnostics as text: `file:line:col: error: message`, the source line, a caret
//! underline and a `help:` line, all problems of a run together. One renderer serves the CLI
//! and build.rs.
//!
//! Rendering is linear in the source: lines are indexed once ([`SourceIndex`]), a long line is
//! cut to a window around the column without copying the whole line, and carets are placed by
//! display width, so they stay under the text after wide characters (CJK, emoji).

use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

use crate::diagnostics::Diagnostic;
use crate::origin::Loc;

/// Characters shown around the column of a long line.
const WINDOW: usize = 100;
/// Every this many characters of a line, [`SourceIndex`] remembers the byte offset.
const STRIDE: usize = 64;

/// Renders every diagnostic against the source it points into.
///
/// `path` is printed as given; `source` is the spec text (after BOM removal and lossless
/// decoding), used to show the offending line.
pub fn render_diagnostics(path: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    let index = SourceIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        render_one(&mut out, path, &index, d);
    }
    let n = diagnostics.len();
    let _ = writeln!(out, "error: pybridge found {} problem{} in {path}", n, if n == 1 { "" } else { "s" });
    out
}

fn render_one(out: &mut String, path: &str, index: &SourceIndex<'_>, d: &Diagnostic) {
    match d.loc() {
        Some(loc) => {
            let _ = writeln!(out, "{path}:{}:{}: error: {}", loc.line, loc.col, d.message);
            render_snippet(out, index, loc, d.help.as_deref());
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
                render_snippet(out, index, loc, None);
            }
            None => {
                let _ = writeln!(out, "  = note: {note}");
            }
        }
    }
    out.push('\n');
}

fn render_snippet(out: &mut String, index: &SourceIndex<'_>, loc: Loc, help: Option<&str>) {
    let number = loc.line.to_string();
    let gutter = " ".repeat(number.len());
    let col = loc.col.saturating_sub(1) as usize;
    let (shown, before, under) = index.window(loc.line as usize, col, loc.len.max(1) as usize);
    let _ = writeln!(out, "{gutter} |");
    let _ = writeln!(out, "{number} | {}", shown.trim_end());
    let mut caret = format!("{gutter} | {}{}", " ".repeat(before), "^".repeat(under.max(1)));
    if let Some(help) = help {
        caret.push(' ');
        caret.push_str(help);
    }
    let _ = writeln!(out, "{caret}");
}

/// Display width of a character as the snippet shows it: tabs and control characters are shown
/// as one space, wide characters take two columns.
fn shown_char(c: char) -> (char, usize) {
    if c == '\t' || c.is_control() { (' ', 1) } else { (c, c.width().unwrap_or(1)) }
}

/// Lines of a source (text, first checkpoint, length in characters), with a byte offset every
/// `STRIDE` (64) characters, built in one pass.
#[derive(Debug)]
pub struct SourceIndex<'s> {
    lines: Vec<(&'s str, usize, usize)>,
    checkpoints: Vec<usize>,
}

impl<'s> SourceIndex<'s> {
    /// Indexes `source` (lines as `str::lines` splits them).
    pub fn new(source: &'s str) -> Self {
        let mut lines = Vec::new();
        let mut checkpoints = Vec::new();
        for line in source.lines() {
            let first = checkpoints.len();
            let mut chars = 0;
            for (i, (at, _)) in line.char_indices().enumerate() {
                if i % STRIDE == 0 {
                    checkpoints.push(at);
                }
                chars += 1;
            }
            lines.push((line, first, chars));
        }
        SourceIndex { lines, checkpoints }
    }

    /// Line `line` (1-based) from character `col` (0-based) on, and the line's length in
    /// characters; "" past the end.
    fn line_from(&self, line: usize, col: usize) -> (&'s str, usize) {
        let Some(&(text, first, chars)) = line.checked_sub(1).and_then(|i| self.lines.get(i)) else { return ("", 0) };
        if col >= chars {
            return ("", chars);
        }
        let rest = &text[self.checkpoints[first + col / STRIDE]..];
        (rest.char_indices().nth(col % STRIDE).map_or("", |(at, _)| &rest[at..]), chars)
    }

    /// The shown text of a line around character `col`, the display width before the caret and
    /// the display width of `len` characters from `col`. Lines longer than [`WINDOW`]
    /// characters are cut to a window around the column, marked with `…`.
    fn window(&self, line: usize, col: usize, len: usize) -> (String, usize, usize) {
        let chars = self.line_from(line, 0).1;
        let (from, to) = if chars <= WINDOW {
            (0, chars)
        } else {
            let from = col.saturating_sub(WINDOW / 2).min(chars - WINDOW);
            (from, from + WINDOW)
        };
        let mut shown = String::new();
        let mut before = 0;
        if from > 0 {
            shown.push('…');
            before += 1;
        }
        let mut under = 0;
        for (i, c) in self.line_from(line, from).0.chars().take(to - from).enumerate() {
            let (c, width) = shown_char(c);
            shown.push(c);
            if from + i < col {
                before += width;
            } else if from + i < col + len {
                under += width;
            }
        }
        // A column past the end of the line (a problem at the end of the file) keeps its place.
        before += col.saturating_sub(to);
        if to < chars {
            shown.push('…');
        }
        (shown, before, under)
    }
}
