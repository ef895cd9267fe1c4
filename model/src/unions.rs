//! Import unions and literals: `A | B`, `Union[A, B]` and `Literal["r", "w"]` become one
//! [`TypeKind::Union`], a Rust enum with a variant per member. Nested unions are flattened and
//! `None` taken out as an `Optional` (`int | str | None` is `Option<IntOrStr>`); a union of one
//! type is that type.
//!
//! Names: a variant is named after its type (`int` → `Int`, `list[str]` → `ListStr`, a class
//! by its name) or its literal (`"r"` → `R`, `"r+"` → `RPlus`, `3` → `V3`, `-1` → `Minus1`);
//! the enum after its variants joined by `Or` (`IntOrStr`), unless an `aliases:` entry names it.
//!
//! ```
//! # use pybridge_model::{Diagnostics, Loc, TypeKind, pytype::parse_python_type};
//! let mut diags = Diagnostics::new();
//! let ty = parse_python_type("int | str | None", Loc::new(1, 1, 0), &mut diags).unwrap();
//! let TypeKind::Optional(inner) = ty.kind else { panic!() };
//! let TypeKind::Union(u) = inner.kind else { panic!() };
//! assert_eq!(u.name, "IntOrStr");
//! ```

use crate::origin::Origin;
use crate::types::{IntWidth, Type, TypeKind};

/// A [`TypeKind::Union`]: the generated Rust enum.
#[derive(Clone, Debug)]
pub struct UnionType {
    /// The Rust enum's name: an `aliases:` entry's, or one made of the variant names
    /// (`int | str` → `IntOrStr`, `Literal["r", "w"]` → `ROrW`).
    pub name: String,
    /// Named by an `aliases:` entry.
    pub alias: bool,
    /// The members, as written (nested unions flattened, `None` taken out as an `Optional`).
    pub members: Vec<UnionMember>,
}

/// One member of a [`UnionType`]: a variant of the Rust enum.
#[derive(Clone, Debug)]
pub struct UnionMember {
    /// The variant name (`Int`, `ListStr`, `Point`, `R` for `"r"`).
    pub variant: String,
    /// What the variant holds.
    pub value: MemberValue,
    /// Where the member was written.
    pub origin: Origin,
}

/// What a [`UnionMember`] is.
#[derive(Clone, Debug)]
pub enum MemberValue {
    /// A type: a tuple variant holding the value.
    Type(Type),
    /// A `Literal[...]` value: a unit variant.
    Literal(LiteralValue),
}

/// A value of `Literal[...]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiteralValue {
    /// `"r"`.
    Str(String),
    /// `3`, `-1`.
    Int(i64),
    /// `True`, `False`.
    Bool(bool),
}

impl LiteralValue {
    /// The Python spelling (`'r'`, `3`, `True`).
    pub fn python(&self) -> String {
        match self {
            LiteralValue::Str(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
            LiteralValue::Int(i) => i.to_string(),
            LiteralValue::Bool(true) => "True".into(),
            LiteralValue::Bool(false) => "False".into(),
        }
    }
}

impl UnionType {
    /// The Python annotation (`int | str`, `typing.Literal['r', 'w'] | None`).
    pub fn python(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut literals: Vec<String> = Vec::new();
        for m in &self.members {
            match &m.value {
                MemberValue::Literal(l) => literals.push(l.python()),
                MemberValue::Type(t) => parts.push(t.python()),
            }
        }
        if !literals.is_empty() {
            parts.insert(0, format!("typing.Literal[{}]", literals.join(", ")));
        }
        parts.join(" | ")
    }

    /// The member types (not the literals).
    pub fn types(&self) -> impl Iterator<Item = &Type> {
        self.members.iter().filter_map(|m| match &m.value {
            MemberValue::Type(t) => Some(t),
            MemberValue::Literal(_) => None,
        })
    }
}

/// The most members an unnamed union may have (its enum's name grows with each); a longer one
/// needs an `aliases:` entry (check).
pub const MAX_UNNAMED_MEMBERS: usize = 4;

/// `Literal[value]` alone: a union of one literal member.
pub(crate) fn literal_type(value: LiteralValue, origin: Origin) -> Type {
    let variant = literal_variant(&value);
    let member = UnionMember { variant: variant.clone(), value: MemberValue::Literal(value), origin };
    Type::new(TypeKind::Union(Box::new(UnionType { name: variant, alias: false, members: vec![member] })), origin)
}

/// The type of `parts` joined by `|`.
pub(crate) fn make_union(parts: Vec<Type>, origin: Origin) -> Type {
    let mut none = false;
    let mut members: Vec<UnionMember> = Vec::new();
    for part in parts {
        add_part(part, &mut none, &mut members);
    }
    disambiguate_literals(&mut members);
    let inner = match members.len() {
        0 => return Type::unit(origin),
        1 if matches!(members[0].value, MemberValue::Type(_)) => match members.pop().map(|m| m.value) {
            Some(MemberValue::Type(t)) => t,
            _ => unreachable!("the one member is a type"),
        },
        _ => {
            let name = members.iter().map(|m| m.variant.as_str()).collect::<Vec<_>>().join("Or");
            Type::new(TypeKind::Union(Box::new(UnionType { name, alias: false, members })), origin)
        }
    };
    match none {
        true => Type::new(TypeKind::Optional(Box::new(inner)), origin),
        false => inner,
    }
}

fn add_part(part: Type, none: &mut bool, members: &mut Vec<UnionMember>) {
    match part.kind {
        TypeKind::Unit => *none = true,
        TypeKind::Optional(inner) => {
            *none = true;
            add_part(*inner, none, members);
        }
        TypeKind::Union(u) => {
            for m in u.members {
                let duplicate = match &m.value {
                    MemberValue::Literal(l) => {
                        members.iter().any(|x| matches!(&x.value, MemberValue::Literal(y) if y == l))
                    }
                    MemberValue::Type(_) => false,
                };
                if !duplicate {
                    members.push(m);
                }
            }
        }
        _ => {
            let variant = variant_name(&part);
            members.push(UnionMember { variant, origin: part.origin, value: MemberValue::Type(part) });
        }
    }
}

/// Two literals that make the same variant name (`"r"` and `"R"`): the later ones get a
/// number (`R2`). Two types that do are refused by check (they are the same Rust type).
fn disambiguate_literals(members: &mut [UnionMember]) {
    for i in 1..members.len() {
        if !matches!(members[i].value, MemberValue::Literal(_)) {
            continue;
        }
        let base = members[i].variant.clone();
        let mut n = 1;
        while members[..i].iter().any(|m| m.variant == members[i].variant) {
            n += 1;
            members[i].variant = format!("{base}{n}");
        }
    }
}

/// The variant name of a member type (`list[str]` → `ListStr`).
pub fn variant_name(t: &Type) -> String {
    match &t.kind {
        TypeKind::Bool => "Bool".into(),
        TypeKind::Int(IntWidth::I64) => "Int".into(),
        TypeKind::Int(w) => w.rust().to_uppercase(),
        TypeKind::Float { .. } => "Float".into(),
        TypeKind::Str { .. } => "Str".into(),
        TypeKind::Bytes { .. } => "Bytes".into(),
        TypeKind::Unit => "None".into(),
        TypeKind::Optional(t) => format!("Optional{}", variant_name(t)),
        TypeKind::List(t) | TypeKind::Slice(t) | TypeKind::SliceMut(t) | TypeKind::Array(t, _) => {
            format!("List{}", variant_name(t))
        }
        TypeKind::Set(t, _) => format!("Set{}", variant_name(t)),
        TypeKind::Dict(k, v, _) => format!("Dict{}{}", variant_name(k), variant_name(v)),
        TypeKind::Tuple(items) => format!("Tuple{}", items.iter().map(variant_name).collect::<String>()),
        TypeKind::Indirect { target, .. } => variant_name(target),
        TypeKind::Class(c) => camel(c.name.rsplit('.').next().unwrap_or(&c.name)),
        TypeKind::Std(s) => {
            let name = s.row().import_name.unwrap_or(s.row().python);
            camel(name.rsplit('.').next().unwrap_or("Std"))
        }
        TypeKind::Any => "Any".into(),
        TypeKind::Iterator { item, .. } => format!("Iterator{}", variant_name(item)),
        TypeKind::Callable { .. } => "Callable".into(),
        TypeKind::Union(u) => u.name.clone(),
    }
}

/// The variant name of a literal (`"r+"` → `RPlus`, `-1` → `Minus1`).
fn literal_variant(value: &LiteralValue) -> String {
    match value {
        LiteralValue::Bool(true) => "True".into(),
        LiteralValue::Bool(false) => "False".into(),
        LiteralValue::Int(i) if *i < 0 => format!("Minus{}", i.unsigned_abs()),
        LiteralValue::Int(i) => format!("V{i}"),
        LiteralValue::Str(s) => {
            let name = camel(&s.replace('+', " plus "));
            match name.chars().next() {
                None => "Empty".into(),
                Some(c) if c.is_ascii_digit() => format!("V{name}"),
                Some(_) => name,
            }
        }
    }
}

/// `little-endian` → `LittleEndian`: alphanumeric runs, each capitalised (ASCII only).
fn camel(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase()).into_iter();
            first.chain(chars).collect::<String>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Diagnostics;
    use crate::origin::Loc;
    use crate::pytype::parse_python_type;
    use crate::types::{MemberValue, TypeKind, UnionType};

    fn union_of(text: &str) -> UnionType {
        let mut diags = Diagnostics::new();
        let ty = parse_python_type(text, Loc::new(1, 1, 0), &mut diags).expect(text);
        let ty = match ty.kind {
            TypeKind::Optional(inner) => *inner,
            _ => ty,
        };
        match ty.kind {
            TypeKind::Union(u) => *u,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn variants(u: &UnionType) -> Vec<&str> {
        u.members.iter().map(|m| m.variant.as_str()).collect()
    }

    #[test]
    fn union_names_come_from_members() {
        let u = union_of("int | list[str] | Point");
        assert_eq!(u.name, "IntOrListStrOrPoint");
        assert_eq!(variants(&u), ["Int", "ListStr", "Point"]);
        assert_eq!(union_of("Union[u8, dict[str, float]]").name, "U8OrDictStrFloat");
    }

    #[test]
    fn literals_become_unit_variants() {
        let u = union_of(r#"Literal["r", "r+", 'big-endian', 3, -1, True]"#);
        assert_eq!(variants(&u), ["R", "RPlus", "BigEndian", "V3", "Minus1", "True"]);
        assert!(u.members.iter().all(|m| matches!(m.value, MemberValue::Literal(_))));
        assert_eq!(u.python(), "typing.Literal['r', 'r+', 'big-endian', 3, -1, True]");
    }

    #[test]
    fn nested_unions_flatten_and_none_becomes_optional() {
        let mut diags = Diagnostics::new();
        let ty =
            parse_python_type(r#"Literal["a", None] | Union[int, Literal["a", "A"]]"#, Loc::new(1, 1, 0), &mut diags)
                .unwrap();
        let TypeKind::Optional(inner) = ty.kind else { panic!("{:?}", ty.kind) };
        let TypeKind::Union(u) = inner.kind else { panic!() };
        assert_eq!(variants(&u), ["A", "Int", "A2"]);
        // One type and `None` is a plain optional.
        let ty = parse_python_type("Union[int, None]", Loc::new(1, 1, 0), &mut diags).unwrap();
        assert!(matches!(ty.kind, TypeKind::Optional(ref t) if matches!(t.kind, TypeKind::Int(_))));
        assert_eq!(diags.fatal_count(), 0);
    }
}
