//! Python typing syntax → [`Type`]: `list[str]`, `dict[str, float]`, `int | None`,
//! `Optional[int]`, `tuple[int, int, str]`, `Any`, and names of declared classes. A Python
//! `int` is an `i64`; the Rust integer names (`u8`, `u32`, `i128`, `usize`…) pick another width.
//!
//! Errors point at the offending word inside the type string.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::origin::{Loc, Origin};
use crate::types::{ClassRef, IntWidth, Type, TypeKind};

/// Iterator types (`Iterator[T]`, `Iterable[T]`): a stub returns them as a lazy `PyIter<T>`.
const ITERATORS: &[&str] = &[
    "Iterator",
    "Iterable",
    "typing.Iterator",
    "typing.Iterable",
    "collections.abc.Iterator",
    "collections.abc.Iterable",
];

/// Generator types (`Generator[Yield, Send, Return]`): read as iterators of `Yield`.
const GENERATORS: &[&str] = &["Generator", "typing.Generator", "collections.abc.Generator"];

/// The Python type names this parser knows (besides declared classes).
pub const PYTHON_TYPE_NAMES: &[&str] = &[
    "bool",
    "int",
    "float",
    "str",
    "bytes",
    "None",
    "list",
    "dict",
    "set",
    "tuple",
    "Optional",
    "Any",
    "object",
    "List",
    "Dict",
    "Set",
    "Tuple",
    "typing.Any",
    "typing.Optional",
    "Iterator",
    "Iterable",
    "Generator",
    "Callable",
    "Sequence",
    "frozenset",
    "Union",
    "Literal",
    "Mapping",
    "bytearray",
    "complex",
    "BigInt",
    "Json",
    "pathlib.Path",
    "datetime.timedelta",
    "datetime.datetime",
];

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word(String),
    /// A quoted string (`Literal["r"]`).
    Str(String),
    /// An integer (`Literal[3]`, `Literal[-1]`).
    Int(i64),
    Punct(char),
    End,
}

struct Parser<'d> {
    toks: Vec<(Tok, u32, u32)>,
    pos: usize,
    base: Loc,
    diags: &'d mut Diagnostics,
}

/// Parses `text` (whose first character is at `base`) as a Python type annotation.
pub fn parse_python_type(text: &str, base: Loc, diags: &mut Diagnostics) -> Option<Type> {
    let mut toks = tokenize(text, base, diags)?;
    let chars = text.chars().count();
    toks.push((Tok::End, chars as u32, 1));
    // The parser below recurses once per bracket: refuse absurd nesting before it starts.
    let mut depth = 0usize;
    for (tok, at, _) in &toks {
        match tok {
            Tok::Punct('[') | Tok::Punct('(') => depth += 1,
            Tok::Punct(']') | Tok::Punct(')') => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > crate::depth::MAX_DEPTH {
            let at = Loc::new(base.line, base.col + at, 1);
            diags.push(
                Diagnostic::new(Origin::Spec(at), crate::depth::too_deep_message())
                    .help("declare a class for part of the type, or use `Any`"),
            );
            return None;
        }
    }
    let mut parser = Parser { toks, pos: 0, base, diags };
    let ty = parser.union()?;
    match parser.peek() {
        Tok::End => Some(ty),
        _ => {
            let at = parser.here();
            parser.diags.error(at, "unexpected text after the end of the type");
            None
        }
    }
}

/// The tokens of a type annotation (words, quoted strings, integers, punctuation), each with its
/// character offset and length; an unexpected character or literal is reported where it is.
fn tokenize(text: &str, base: Loc, diags: &mut Diagnostics) -> Option<Vec<(Tok, u32, u32)>> {
    let mut toks = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '_' || (c.is_alphanumeric() && !c.is_ascii_digit()) || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i] == '_' || chars[i].is_alphanumeric() || chars[i] == '.') {
                i += 1;
            }
            toks.push((Tok::Word(chars[start..i].iter().collect()), start as u32, (i - start) as u32));
        } else if c == '"' || c == '\'' {
            // A quoted string, for `Literal[...]` (no escapes: typeshed's literals need none).
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != c {
                i += 1;
            }
            if i == chars.len() {
                let at = Loc::new(base.line, base.col + start as u32, 1);
                diags.push(
                    Diagnostic::new(Origin::Spec(at), "this string has no closing quote")
                        .help(format!("end it with `{c}`")),
                );
                return None;
            }
            i += 1;
            let text: String = chars[start + 1..i - 1].iter().collect();
            toks.push((Tok::Str(text), start as u32, (i - start) as u32));
        } else if c.is_ascii_digit() || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if chars.get(i) == Some(&'.') {
                let at = Loc::new(base.line, base.col + start as u32, (i - start + 1) as u32);
                diags.push(
                    Diagnostic::new(Origin::Spec(at), "a float cannot be a literal")
                        .help("`Literal[...]` takes strings, integers, `True`, `False` and `None`, as in Python"),
                );
                return None;
            }
            let text: String = chars[start..i].iter().collect();
            let Ok(value) = text.parse::<i64>() else {
                let at = Loc::new(base.line, base.col + start as u32, (i - start) as u32);
                diags.error(Origin::Spec(at), "this literal does not fit in an `i64`");
                return None;
            };
            toks.push((Tok::Int(value), start as u32, (i - start) as u32));
        } else if "[],|()".contains(c) {
            toks.push((Tok::Punct(c), i as u32, 1));
            i += 1;
        } else {
            let at = Loc::new(base.line, base.col + i as u32, 1);
            diags.push(
                Diagnostic::new(Origin::Spec(at), format!("unexpected character `{c}` in a Python type"))
                    .help("write types in Python typing syntax, such as `list[str]` or `int | None`"),
            );
            return None;
        }
    }
    Some(toks)
}

impl Parser<'_> {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos].0
    }

    fn here(&self) -> Origin {
        let (_, off, len) = &self.toks[self.pos];
        Origin::Spec(Loc::new(self.base.line, self.base.col + off, *len))
    }

    fn bump(&mut self) -> (Tok, Origin) {
        let origin = self.here();
        let tok = self.toks[self.pos].0.clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        (tok, origin)
    }

    fn expect(&mut self, c: char) -> Option<()> {
        if *self.peek() == Tok::Punct(c) {
            self.bump();
            return Some(());
        }
        let at = self.here();
        self.diags.error(at, format!("expected `{c}` in the type"));
        None
    }

    fn union(&mut self) -> Option<Type> {
        let first = self.primary()?;
        if *self.peek() != Tok::Punct('|') {
            return Some(first);
        }
        let mut parts = vec![first];
        while *self.peek() == Tok::Punct('|') {
            self.bump();
            parts.push(self.primary()?);
        }
        let origin = parts[0].origin;
        Some(crate::unions::make_union(parts, origin))
    }

    fn primary(&mut self) -> Option<Type> {
        let (tok, origin) = self.bump();
        let Tok::Word(word) = tok else {
            self.diags.error(origin, "expected a type name");
            return None;
        };
        let kind = match word.as_str() {
            "bool" => TypeKind::Bool,
            "int" => TypeKind::Int(IntWidth::I64),
            // A Python `int` as another Rust width (`u8`…`u128`, `i8`…`i128`, `isize`, `usize`).
            _ if IntWidth::ALL.iter().any(|(n, _)| *n == word) => {
                TypeKind::Int(IntWidth::ALL.iter().find(|(n, _)| *n == word).map(|(_, w)| *w)?)
            }
            "float" => TypeKind::Float { single: false },
            "str" => TypeKind::Str { borrowed: false },
            "bytes" => TypeKind::Bytes { borrowed: false },
            "None" => TypeKind::Unit,
            "Any" | "typing.Any" | "object" => TypeKind::Any,
            _ if crate::std_types::StdType::from_python(&word).is_some() => {
                TypeKind::Std(crate::std_types::StdType::from_python(&word)?)
            }
            // `Sequence[T]` reads any sequence but a `str` into a `Vec<T>` (and passes a list);
            // `frozenset[T]` reads a `frozenset` or a `set` (and passes a set).
            "list" | "List" | "Sequence" | "typing.Sequence" | "collections.abc.Sequence" => {
                TypeKind::List(Box::new(self.one_arg(&word)?))
            }
            "set" | "Set" | "frozenset" | "FrozenSet" | "typing.FrozenSet" => {
                TypeKind::Set(Box::new(self.one_arg(&word)?), crate::types::Keys::Hashed)
            }
            "Optional" | "typing.Optional" => TypeKind::Optional(Box::new(self.one_arg(&word)?)),
            "dict" | "Dict" | "Mapping" | "typing.Mapping" | "collections.abc.Mapping" => {
                let mut args = self.args(&word)?;
                if args.len() != 2 {
                    self.diags.error(origin, format!("`{word}` takes two types: `{word}[K, V]`"));
                    return None;
                }
                let v = args.pop()?;
                let k = args.pop()?;
                let keys = match word.contains("Mapping") {
                    true => crate::types::Keys::Mapping,
                    false => crate::types::Keys::Hashed,
                };
                TypeKind::Dict(Box::new(k), Box::new(v), keys)
            }
            "tuple" | "Tuple" => TypeKind::Tuple(self.tuple_args(&word)?),
            // `Union[A, B]` is `A | B`; `Literal["r", "w"]` an enum of the values.
            "Union" | "typing.Union" => return Some(crate::unions::make_union(self.args(&word)?, origin)),
            "Literal" | "typing.Literal" => return self.literal(&word, origin),
            // Parameters only (check): a Rust closure Python can call.
            "Callable" | "typing.Callable" | "collections.abc.Callable" => self.callable(&word)?,
            // Returns only (check): read lazily from Rust, one item per `next`.
            _ if ITERATORS.contains(&word.as_str()) => {
                TypeKind::Iterator { item: Box::new(self.one_arg(&word)?), capture: crate::types::Capture::Static }
            }
            _ if GENERATORS.contains(&word.as_str()) => {
                let args = self.args(&word)?;
                if args.len() != 3 {
                    self.diags.error(origin, format!("`{word}` takes three types: `{word}[Yield, Send, Return]`"));
                    return None;
                }
                let item = args.into_iter().next()?;
                TypeKind::Iterator { item: Box::new(item), capture: crate::types::Capture::Static }
            }
            // Any other name is a class; the resolver checks it against the declared classes
            // (and suggests a builtin for a typo such as `flot`).
            _ => TypeKind::Class(ClassRef::named(word.clone())),
        };
        Some(Type::new(kind, origin))
    }

    fn args(&mut self, word: &str) -> Option<Vec<Type>> {
        if *self.peek() != Tok::Punct('[') {
            let at = self.here();
            self.diags.push(
                Diagnostic::new(at, format!("`{word}` needs its item types")).help(format!("write `{word}[...]`")),
            );
            return None;
        }
        self.bump();
        let mut out = vec![self.union()?];
        while *self.peek() == Tok::Punct(',') {
            self.bump();
            out.push(self.union()?);
        }
        self.expect(']')?;
        Some(out)
    }

    /// `Callable[[A, B], R]` (after the word): the parameter types in a bracketed list, then
    /// the return type.
    fn callable(&mut self, word: &str) -> Option<TypeKind> {
        let spelled = |this: &mut Self| {
            let at = this.here();
            this.diags.push(
                Diagnostic::new(at, format!("`{word}` needs its parameter types and return type"))
                    .help(format!("write `{word}[[A, B], R]` (`{word}[[], R]` for none)")),
            );
        };
        if *self.peek() != Tok::Punct('[') {
            spelled(self);
            return None;
        }
        self.bump();
        if *self.peek() != Tok::Punct('[') {
            spelled(self);
            return None;
        }
        self.bump();
        let mut params = Vec::new();
        if *self.peek() != Tok::Punct(']') {
            params.push(self.union()?);
            while *self.peek() == Tok::Punct(',') {
                self.bump();
                params.push(self.union()?);
            }
        }
        if self.bump().0 != Tok::Punct(']') || self.bump().0 != Tok::Punct(',') {
            spelled(self);
            return None;
        }
        let ret = self.union()?;
        if self.bump().0 != Tok::Punct(']') {
            spelled(self);
            return None;
        }
        Some(TypeKind::Callable { params, ret: Box::new(ret) })
    }

    /// `Literal[...]` (after the word): strings, integers, `True`, `False` and `None`.
    fn literal(&mut self, word: &str, origin: Origin) -> Option<Type> {
        self.expect('[')?;
        let mut parts = Vec::new();
        loop {
            let (tok, at) = self.bump();
            let value = match tok {
                Tok::Str(s) => crate::types::LiteralValue::Str(s),
                Tok::Int(i) => crate::types::LiteralValue::Int(i),
                Tok::Word(w) if w == "True" => crate::types::LiteralValue::Bool(true),
                Tok::Word(w) if w == "False" => crate::types::LiteralValue::Bool(false),
                Tok::Word(w) if w == "None" => {
                    parts.push(Type::unit(at));
                    if !self.literal_comma()? {
                        break;
                    }
                    continue;
                }
                _ => {
                    self.diags.push(
                        Diagnostic::new(at, format!("`{word}` takes strings, integers, `True`, `False` or `None`"))
                            .help(format!("write `{word}[\"r\", \"w\"]`")),
                    );
                    return None;
                }
            };
            parts.push(crate::unions::literal_type(value, at));
            if !self.literal_comma()? {
                break;
            }
        }
        Some(crate::unions::make_union(parts, origin))
    }

    /// After a literal: `,` (more follow) or `]` (the end).
    fn literal_comma(&mut self) -> Option<bool> {
        match self.peek() {
            Tok::Punct(',') => {
                self.bump();
                Some(true)
            }
            _ => {
                self.expect(']')?;
                Some(false)
            }
        }
    }

    fn one_arg(&mut self, word: &str) -> Option<Type> {
        let origin = self.here();
        let mut args = self.args(word)?;
        if args.len() != 1 {
            self.diags.error(origin, format!("`{word}` takes one type: `{word}[T]`"));
            return None;
        }
        args.pop()
    }

    fn tuple_args(&mut self, word: &str) -> Option<Vec<Type>> {
        // `tuple[()]` is the empty tuple.
        if self.toks.get(self.pos + 1).map(|t| &t.0) == Some(&Tok::Punct('(')) {
            self.bump();
            self.bump();
            self.expect(')')?;
            self.expect(']')?;
            return Some(Vec::new());
        }
        self.args(word)
    }
}
