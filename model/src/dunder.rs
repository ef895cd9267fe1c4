//! Python protocols a class gets from the Rust traits it implements (`Debug` → `__repr__`,
//! `Clone` → `__copy__`…): one table both front ends read (the spec's `traits:`, the derives
//! and trait impls `#[py_embed]` sees).

use crate::operators::{Operands, Operator};

/// A Python protocol implemented from a Rust trait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dunder {
    /// `__repr__` from `Debug`.
    Repr,
    /// `__str__` from `Display`.
    Str,
    /// `__eq__`/`__ne__` from `PartialEq`.
    Eq,
    /// `__hash__` from `Hash`.
    Hash,
    /// `__lt__`, `__le__`, `__gt__`, `__ge__` from `PartialOrd`.
    Ord,
    /// `__copy__` and `__deepcopy__` from `Clone`: a new object holding a clone of the value.
    Copy,
    /// An operator from a `std::ops` trait (`Add` → `__add__`), both operands the class and the
    /// result a new object of the class.
    Op(Operator, Operands),
}

impl Dunder {
    /// The protocol a Rust trait gives, for both front ends (a spec's `traits:`, the derives and
    /// trait impls `#[py_embed]` sees): `Eq`/`Ord` give what `PartialEq`/`PartialOrd` give.
    ///
    /// ```
    /// use pybridge_model::Dunder;
    /// assert_eq!(Dunder::from_trait("Ord"), Some(Dunder::Ord));
    /// assert_eq!(Dunder::from_trait("Clone"), Some(Dunder::Copy));
    /// assert_eq!(Dunder::from_trait("Send"), None);
    /// assert_eq!(Dunder::from_trait("Add").map(|d| d.python_names()[0]), Some("__add__"));
    /// ```
    pub fn from_trait(name: &str) -> Option<Dunder> {
        Self::from_trait_name(name)
    }

    /// The Python methods the protocol defines.
    ///
    /// ```
    /// assert_eq!(pybridge_model::Dunder::Repr.python_names(), ["__repr__"]);
    /// ```
    pub fn python_names(&self) -> &'static [&'static str] {
        match self {
            Dunder::Repr => &["__repr__"],
            Dunder::Str => &["__str__"],
            Dunder::Eq => &["__eq__"],
            Dunder::Hash => &["__hash__"],
            Dunder::Ord => &["__lt__", "__le__", "__gt__", "__ge__"],
            Dunder::Copy => &["__copy__", "__deepcopy__"],
            Dunder::Op(op, _) => op.python_names(),
        }
    }

    fn from_trait_name(name: &str) -> Option<Dunder> {
        Some(match name {
            "Debug" => Dunder::Repr,
            "Display" => Dunder::Str,
            "PartialEq" | "Eq" => Dunder::Eq,
            "Hash" => Dunder::Hash,
            "PartialOrd" | "Ord" => Dunder::Ord,
            "Clone" => Dunder::Copy,
            // A spec lists an operator by its trait: the values are cloned (see `Operands`).
            _ => return Operator::from_trait(name).map(|op| Dunder::Op(op, Operands::Cloned)),
        })
    }
}
