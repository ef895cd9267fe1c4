//! YAML syntax errors as located diagnostics that say what is wrong where the user must look.
//!
//! yaml-rust2 reports the token it was reading when it gave up, which is often not where the
//! mistake is: a flow `{` or `[` left open is reported on a later line, a tab after `:` at the
//! next character, a NUL byte at the opening quote of its string, and nesting beyond the
//! scanner's own limit as "recursion limit exceeded". This module finds the real place with a
//! small scan of the source (run only when parsing already failed).

use yaml_rust2::scanner::ScanError;

use crate::diagnostics::Diagnostic;
use crate::origin::{Loc, Origin};
use crate::yaml::MAX_DEPTH;

/// The diagnostic for a syntax error of yaml-rust2's.
pub(crate) fn syntax_error(source: &str, err: &ScanError) -> Diagnostic {
    let m = err.marker();
    let at = Loc::new(m.line() as u32, m.col() as u32 + 1, 1);
    let info = err.info();
    if let Some((loc, c)) = forbidden_char(source) {
        return Diagnostic::new(
            Origin::Spec(loc),
            format!("the spec contains the control character U+{:04X}, which YAML does not allow", c as u32),
        )
        .help("remove it (inside double quotes, write an escape such as `\\0` or `\\t` instead)");
    }
    if info.contains("recursion limit") {
        let loc = scan_flow(source, None).too_deep.unwrap_or(at);
        return too_deep(loc);
    }
    if let Some(tab) = tab_before(source, at) {
        return Diagnostic::new(
            Origin::Spec(tab),
            format!("YAML syntax error: a tab where a space is needed ({info})"),
        )
        .help("replace the tab with a space");
    }
    if info.contains("tab") {
        // The scanner reports the token it was reading; point at the tab itself.
        let loc = first_indent_tab(source, m.line()).unwrap_or(at);
        return Diagnostic::new(Origin::Spec(loc), format!("YAML syntax error: {info}"))
            .help("YAML indentation must use spaces, not tabs");
    }
    let diagnostic = Diagnostic::new(Origin::Spec(at), format!("YAML syntax error: {info}"));
    if (info.contains("flow") || info.contains("end of stream"))
        && let Some((opener, c)) = scan_flow(source, Some(at)).innermost
    {
        let close = if c == '{' { '}' } else { ']' };
        return diagnostic
            .help(format!("close the `{c}` with `{close}`, or separate entries with `,`"))
            .note(Origin::Spec(opener), format!("the `{c}` opened here is not closed"));
    }
    diagnostic
}

/// The refusal of nesting beyond [`MAX_DEPTH`], as the tree builder words it.
pub(crate) fn too_deep(loc: Loc) -> Diagnostic {
    Diagnostic::new(Origin::Spec(loc), format!("nesting deeper than {MAX_DEPTH} levels"))
        .help("a spec never needs this much nesting; check for runaway brackets")
}

/// The first character YAML forbids in a stream (C0 controls other than tab, LF and CR; DEL;
/// C1 controls other than NEL; U+FFFE/U+FFFF), with its location.
fn forbidden_char(source: &str) -> Option<(Loc, char)> {
    let bad = |c: char| {
        matches!(c, '\0'..='\x08' | '\x0B' | '\x0C' | '\x0E'..='\x1F' | '\x7F' | '\u{FFFE}' | '\u{FFFF}')
            || (('\u{80}'..='\u{9F}').contains(&c) && c != '\u{85}')
    };
    let (line, text) = source.lines().enumerate().find(|(_, l)| l.chars().any(bad))?;
    let (col, c) = text.chars().enumerate().find(|(_, c)| bad(*c))?;
    Some((Loc::new(line as u32 + 1, col as u32 + 1, 1), c))
}

/// A tab just before the reported column (`key:<TAB>value`): the tab is the mistake.
fn tab_before(source: &str, at: Loc) -> Option<Loc> {
    let line = source.lines().nth(at.line.checked_sub(1)? as usize)?;
    let before = (at.col as usize).checked_sub(2)?;
    (line.chars().nth(before)? == '\t').then(|| Loc::new(at.line, at.col - 1, 1))
}

/// The first tab in a line's indentation, at or after `line` (1-based).
fn first_indent_tab(source: &str, line: usize) -> Option<Loc> {
    source.lines().enumerate().skip(line.saturating_sub(1)).find_map(|(i, text)| {
        let indent: String = text.chars().take_while(|c| c.is_whitespace()).collect();
        indent.find('\t').map(|at| Loc::new(i as u32 + 1, indent[..at].chars().count() as u32 + 1, 1))
    })
}

/// What a bracket scan of the source found.
#[derive(Default)]
struct FlowScan {
    /// The innermost flow collection still open at the end of the scan, and its bracket.
    innermost: Option<(Loc, char)>,
    /// The first bracket that nests deeper than [`MAX_DEPTH`].
    too_deep: Option<Loc>,
}

/// Scans flow brackets outside quotes and comments, up to `until` (or the end). A `[` or `{`
/// counts when it starts a value (after `:`, `-`, `,`, `?`, another bracket or at the start of a
/// line) or anywhere inside a flow collection; `a[0]` in a block scalar does not.
fn scan_flow(source: &str, until: Option<Loc>) -> FlowScan {
    let mut open: Vec<(Loc, char)> = Vec::new();
    let mut scan = FlowScan::default();
    for (i, line) in source.lines().enumerate() {
        let line_no = i as u32 + 1;
        let mut quote: Option<char> = None;
        let mut escaped = false;
        let mut previous = ' ';
        let mut starts_value = true;
        for (col, c) in line.chars().enumerate() {
            let loc = Loc::new(line_no, col as u32 + 1, 1);
            if until.is_some_and(|u| (loc.line, loc.col) >= (u.line, u.col)) {
                scan.innermost = open.last().copied();
                return scan;
            }
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if q == '"' && c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                previous = c;
                continue;
            }
            match c {
                '#' if previous.is_whitespace() => break,
                '"' | '\'' if starts_value || !open.is_empty() => quote = Some(c),
                '[' | '{' if starts_value || !open.is_empty() => {
                    open.push((loc, c));
                    if open.len() > MAX_DEPTH && scan.too_deep.is_none() {
                        scan.too_deep = Some(loc);
                    }
                }
                ']' | '}' if !open.is_empty() => {
                    open.pop();
                }
                _ => {}
            }
            if !c.is_whitespace() {
                starts_value = matches!(c, ':' | '-' | ',' | '?' | '[' | '{');
            }
            previous = c;
        }
    }
    scan.innermost = open.last().copied();
    scan
}
