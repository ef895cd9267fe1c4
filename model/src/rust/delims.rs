//! Unbalanced brackets in a Rust source file, located: the lexer behind `syn::parse_file` only
//! says "cannot parse string into token stream" at the place it gave up (often the end of the
//! file), so a file that does not lex is scanned here for the bracket that is never closed, or
//! the closing bracket that matches nothing. Comments (nested block comments too), strings, raw
//! strings and character literals are skipped; a `'` starting a lifetime is told apart from a
//! character literal.

use crate::diagnostics::Diagnostic;
use crate::origin::{Loc, Origin};

/// The diagnostic for the first unbalanced bracket of `source`, if there is one.
pub fn unbalanced(source: &str) -> Option<Diagnostic> {
    let chars: Vec<char> = source.chars().collect();
    let mut open: Vec<(char, Loc)> = Vec::new();
    let (mut i, mut line, mut col) = (0usize, 1u32, 1u32);
    while i < chars.len() {
        let c = chars[i];
        let here = Loc::new(line, col, 1);
        let skip = match c {
            '/' if chars.get(i + 1) == Some(&'/') => chars[i..].iter().take_while(|&&c| c != '\n').count(),
            '/' if chars.get(i + 1) == Some(&'*') => block_comment(&chars[i..]),
            '"' => quoted(&chars[i..], '"'),
            'r' | 'b' | 'c' if starts_literal(&chars, i) => prefixed_literal(&chars[i..]),
            '\'' => char_literal(&chars[i..]),
            '(' | '[' | '{' => {
                open.push((c, here));
                1
            }
            ')' | ']' | '}' => {
                let want = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match open.pop() {
                    Some((o, _)) if o == want => 1,
                    // The closer belongs to an outer bracket: the inner one was never closed.
                    Some((o, at)) if open.iter().any(|(outer, _)| *outer == want) => {
                        return Some(
                            Diagnostic::new(Origin::Spec(at), format!("this `{o}` is never closed"))
                                .help(format!("add the matching `{}`", closer(o)))
                                .note(Origin::Spec(here), format!("`{c}` closes an outer bracket before it")),
                        );
                    }
                    Some((o, at)) => {
                        return Some(
                            Diagnostic::new(
                                Origin::Spec(here),
                                format!("`{c}` does not close the `{o}` opened before it"),
                            )
                            .help(format!("close the `{o}` with `{}`", closer(o)))
                            .note(Origin::Spec(at), format!("the `{o}` opened here")),
                        );
                    }
                    None => {
                        return Some(
                            Diagnostic::new(Origin::Spec(here), format!("`{c}` closes nothing"))
                                .help("remove it, or add the opening bracket it was meant to close"),
                        );
                    }
                }
            }
            _ => 1,
        };
        for &c in &chars[i..(i + skip.max(1)).min(chars.len())] {
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        i += skip.max(1);
    }
    let (o, at) = open.pop()?;
    Some(
        Diagnostic::new(Origin::Spec(at), format!("this `{o}` is never closed"))
            .help(format!("add the matching `{}`", closer(o))),
    )
}

fn closer(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// Whether `r"`, `r#"`, `b"`, `b'`, `br"`, `c"` … starts at `i` (not inside an identifier).
fn starts_literal(chars: &[char], i: usize) -> bool {
    if i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_') {
        return false;
    }
    let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
    ["r\"", "r#", "b\"", "b'", "br", "c\"", "cr"].iter().any(|p| rest.starts_with(p))
}

/// Length of a literal with a prefix: raw strings (`r#"…"#`), byte strings and chars.
fn prefixed_literal(chars: &[char]) -> usize {
    let prefix = chars.iter().take_while(|c| matches!(c, 'r' | 'b' | 'c')).count();
    let raw = chars[..prefix].contains(&'r');
    match chars.get(prefix) {
        Some('\'') => prefix + char_literal(&chars[prefix..]),
        Some('"') if !raw => prefix + quoted(&chars[prefix..], '"'),
        Some('"' | '#') => {
            let hashes = chars[prefix..].iter().take_while(|&&c| c == '#').count();
            let body = prefix + hashes + 1;
            let close: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            (body..chars.len()).find(|&j| chars[j..].starts_with(&close)).map_or(chars.len(), |j| j + close.len())
        }
        _ => prefix,
    }
}

/// Length of a quoted literal starting at `chars[0]` (the quote), escapes skipped.
fn quoted(chars: &[char], quote: char) -> usize {
    let mut j = 1;
    while j < chars.len() {
        match chars[j] {
            '\\' => j += 2,
            c if c == quote => return j + 1,
            _ => j += 1,
        }
    }
    chars.len()
}

/// Length of a character literal (`'a'`, `'\n'`, `'\u{1F600}'`), or 1 for a lifetime's `'`.
fn char_literal(chars: &[char]) -> usize {
    match (chars.get(1), chars.get(2)) {
        (Some('\\'), _) => quoted(chars, '\''),
        (Some(_), Some('\'')) => 3,
        _ => 1,
    }
}

/// Length of a block comment (nested ones included).
fn block_comment(chars: &[char]) -> usize {
    let (mut depth, mut j) = (0usize, 0usize);
    while j + 1 < chars.len() {
        match (chars[j], chars[j + 1]) {
            ('/', '*') => {
                depth += 1;
                j += 2;
            }
            ('*', '/') => {
                depth -= 1;
                j += 2;
                if depth == 0 {
                    return j;
                }
            }
            _ => j += 1,
        }
    }
    chars.len()
}

#[cfg(test)]
mod tests {
    use super::unbalanced;

    fn at(source: &str) -> Option<(u32, u32, String)> {
        unbalanced(source).map(|d| {
            let loc = d.loc().unwrap();
            (loc.line, loc.col, d.message)
        })
    }

    #[test]
    fn the_unclosed_bracket_is_found_where_it_opens() {
        let source = "mod m {\n    pub fn f(x: i64 -> i64 {\n        x\n    }\n}\n";
        assert_eq!(at(source), Some((2, 13, "this `(` is never closed".into())));
    }

    #[test]
    fn a_wrong_closer_points_at_itself_and_notes_the_opener() {
        let source =
            "fn f() { let s = \"}\"; /* } /* ) */ */ let c = '}'; let r = r#\"]\"#; }\nfn g<'a>(x: &'a str) { (] }\n";
        let d = unbalanced(source).unwrap();
        assert_eq!((d.loc().unwrap().line, d.loc().unwrap().col), (2, 25));
        assert_eq!(d.note.unwrap().0.loc().unwrap().col, 24);
    }

    #[test]
    fn balanced_sources_pass() {
        assert!(at("fn f<'a>(x: &'a [u8]) -> Vec<char> { vec!['{', b'(', '\\''] }\n").is_none());
    }
}
