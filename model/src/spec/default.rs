//! What a parameter's `default:` may be: a Python expression that documents the default and
//! lands in the `.pyi` and the Rust docs, so it must be one Python would accept as written.
//!
//! The rule is practical, not all of Python: literals (numbers, strings and bytes, `None`,
//! `True`, `False`, `...`), a sign before a number, tuples, lists, sets and dicts of those, and
//! dotted names (`math.pi`, `Color.RED`, `sentinel`). Calls, operators and lambdas are refused:
//! a stub cannot evaluate them and a reader should see the actual value.

use crate::types::{Type, TypeKind};

/// Why `text` is not an accepted default, or `None` when it is.
pub fn check_default(text: &str) -> Option<String> {
    let mut p = Parser { chars: text.char_indices().peekable(), text, depth: 0 };
    let result = p.value().and_then(|()| {
        p.skip_spaces();
        match p.chars.peek() {
            None => Ok(()),
            Some(&(at, _)) => Err(format!("unexpected `{}` after the value", &text[at..])),
        }
    });
    result.err()
}

/// An exported parameter's `default:` as the Rust expression pyo3 evaluates when the argument
/// is omitted: `None` for an `Option`, `True`/`False`, a number or a plain string literal of the
/// parameter's type (inside `Option<T>`, of `T`). Why not, otherwise.
///
/// ```
/// use pybridge_model::spec::default::rust_default;
/// use pybridge_model::{Origin, Type, TypeKind};
/// let float = Type::new(TypeKind::Float { single: false }, Origin::Implied);
/// assert_eq!(rust_default("2", &float).unwrap(), "2.0");
/// let text = Type::new(TypeKind::Str { borrowed: false }, Origin::Implied);
/// assert_eq!(rust_default("'fast'", &text).unwrap(), "::std::string::String::from(\"fast\")");
/// assert!(rust_default("[1, 2]", &float).is_err());
/// ```
pub fn rust_default(text: &str, ty: &Type) -> Result<String, String> {
    let text = text.trim();
    let refuse = || {
        Err(format!(
            "an exported parameter of type `{}` cannot default to `{text}`: write `None` (for an `Option`), `True`/`False`, a number or a string of its type",
            ty.python()
        ))
    };
    match (&ty.kind, text) {
        (TypeKind::Optional(_), "None") => Ok("::core::option::Option::None".into()),
        (TypeKind::Optional(inner), _) => {
            rust_default(text, inner).map(|v| format!("::core::option::Option::Some({v})")).or_else(|_| refuse())
        }
        (TypeKind::Bool, "True") => Ok("true".into()),
        (TypeKind::Bool, "False") => Ok("false".into()),
        (TypeKind::Int(_), _) => match text.replace('_', "").parse::<i128>() {
            Ok(n) => Ok(n.to_string()),
            Err(_) => refuse(),
        },
        (TypeKind::Float { .. }, _) => match text.replace('_', "").parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(format!("{x:?}")),
            _ => refuse(),
        },
        (TypeKind::Str { borrowed }, _) => match plain_string(text) {
            Some(s) if *borrowed => Ok(format!("{s:?}")),
            Some(s) => Ok(format!("::std::string::String::from({s:?})")),
            None => refuse(),
        },
        _ => refuse(),
    }
}

/// The text of a quoted string without escapes or prefixes (`'fast'`, `"a b"`).
fn plain_string(text: &str) -> Option<&str> {
    let quote = text.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
    let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
    (!inner.contains(['\\', quote])).then_some(inner)
}

/// The deepest bracket nesting accepted (the same limit as the YAML tree).
const MAX_DEPTH: usize = 64;

struct Parser<'t> {
    chars: std::iter::Peekable<std::str::CharIndices<'t>>,
    text: &'t str,
    depth: usize,
}

impl Parser<'_> {
    fn skip_spaces(&mut self) {
        while self.chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_spaces();
        self.chars.peek().map(|&(_, c)| c)
    }

    fn value(&mut self) -> Result<(), String> {
        match self.peek() {
            None => Err("it is empty".into()),
            Some('(') => self.collection(')'),
            Some('[') => self.collection(']'),
            Some('{') => self.collection('}'),
            Some('-' | '+') => {
                self.chars.next();
                match self.peek() {
                    Some(c) if c.is_ascii_digit() || c == '.' => self.number(),
                    _ => Err("a sign must be followed by a number".into()),
                }
            }
            Some('.') if self.text.trim() == "..." => {
                self.chars.by_ref().take(3).for_each(drop);
                Ok(())
            }
            Some(c) if c.is_ascii_digit() || c == '.' => self.number(),
            Some('\'' | '"') => self.strings(),
            Some(c) if c == '_' || unicode_ident::is_xid_start(c) => self.name_or_prefixed_string(),
            Some(c) => Err(format!("`{c}` cannot start a Python value here")),
        }
    }

    /// `(a, b)`, `[a, b]`, `{a, b}` or `{k: v}`: values separated by commas.
    fn collection(&mut self, close: char) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("it nests more than {MAX_DEPTH} levels deep"));
        }
        self.chars.next();
        loop {
            if self.peek() == Some(close) {
                break;
            }
            self.value()?;
            if close == '}' && self.peek() == Some(':') {
                self.chars.next();
                self.value()?;
            }
            match self.peek() {
                Some(',') => {
                    self.chars.next();
                }
                Some(c) if c == close => break,
                Some(c) => return Err(format!("expected `,` or `{close}`, found `{c}`")),
                None => return Err(format!("a `{close}` is missing")),
            }
        }
        self.chars.next();
        self.depth -= 1;
        Ok(())
    }

    /// Digits, letters, `_` and `.` (with a sign after an exponent): `1_000`, `0x1F`, `1.5e-3`,
    /// `2j`; checked by Rust's parsers once `_` and the radix prefix are handled.
    fn number(&mut self) -> Result<(), String> {
        let mut word = String::new();
        while let Some(&(_, c)) = self.chars.peek() {
            let exponent_sign = matches!(c, '+' | '-') && word.ends_with(['e', 'E']) && !word.starts_with("0x");
            if !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || exponent_sign) {
                break;
            }
            word.push(c);
            self.chars.next();
        }
        let plain = word.replace('_', "");
        let plain = plain.strip_suffix(['j', 'J']).unwrap_or(&plain);
        let lower = plain.to_ascii_lowercase();
        let ok = match lower.get(..2) {
            Some("0x") => i128::from_str_radix(&lower[2..], 16).is_ok(),
            Some("0o") => i128::from_str_radix(&lower[2..], 8).is_ok(),
            Some("0b") => i128::from_str_radix(&lower[2..], 2).is_ok(),
            _ => lower.parse::<f64>().is_ok() && !lower.contains("inf") && !lower.contains("nan"),
        };
        if ok && !word.contains("__") && !word.ends_with('_') {
            Ok(())
        } else {
            Err(format!("`{word}` is not a Python number"))
        }
    }

    /// A dotted name (`math.pi`), or a string with a prefix (`b'…'`, `r"…"`).
    fn name_or_prefixed_string(&mut self) -> Result<(), String> {
        let mut word = String::new();
        while let Some(&(_, c)) = self.chars.peek() {
            if c == '_' || c == '.' || unicode_ident::is_xid_continue(c) {
                word.push(c);
                self.chars.next();
            } else {
                break;
            }
        }
        let prefix = matches!(word.to_ascii_lowercase().as_str(), "r" | "b" | "u" | "rb" | "br");
        if prefix && matches!(self.chars.peek(), Some((_, '\'' | '"'))) {
            return self.strings();
        }
        if word.split('.').all(crate::names::is_identifier) {
            Ok(())
        } else {
            Err(format!("`{word}` is not a dotted Python name"))
        }
    }

    /// One or more adjacent string literals (`'a' "b"`), each closed on its own quote.
    fn strings(&mut self) -> Result<(), String> {
        while let Some(&(_, quote @ ('\'' | '"'))) = self.chars.peek() {
            self.chars.next();
            let mut escaped = false;
            loop {
                match self.chars.next() {
                    None => return Err(format!("a closing {quote} is missing")),
                    Some((_, '\\')) if !escaped => escaped = true,
                    Some((_, c)) if c == quote && !escaped => break,
                    Some(_) => escaped = false,
                }
            }
            self.skip_spaces();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::check_default;

    #[test]
    fn literals_and_dotted_names_are_accepted() {
        for ok in [
            "1",
            "-1",
            "+2.5",
            "1_000",
            "0x1F",
            "1e-3",
            "2j",
            ".5",
            "None",
            "True",
            "False",
            "...",
            "''",
            "'-'",
            "\"a\\\"b\"",
            "b'\\x00'",
            "r'\\d+'",
            "'a' 'b'",
            "(1, 'a')",
            "()",
            "[1, [2, 3]]",
            "{'a': 1, 'b': None}",
            "{1, 2}",
            "math.pi",
            "Color.RED",
            "sentinel",
            "(-1,)",
        ] {
            assert_eq!(check_default(ok), None, "{ok}");
        }
    }

    #[test]
    fn expressions_that_are_not_values_are_refused() {
        for bad in [
            "",
            "foo()",
            "1 + 2",
            "lambda: 0",
            "[1, 2",
            "'open",
            "x y",
            "1.2.3",
            "1__0",
            "-x",
            "f'{x}'",
            "a..b",
            "{1: }",
            "@",
        ] {
            assert!(check_default(bad).is_some(), "{bad}");
        }
        assert!(check_default(&format!("{}{}", "[".repeat(100), "]".repeat(100))).is_some());
    }
}
