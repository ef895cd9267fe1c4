//! Python operators from the `std::ops` traits (`Add` → `__add__`, `Neg` → `__neg__`…): the
//! one table both front ends read (a spec's `traits:`, the trait impls `#[py_embed]` sees),
//! and the emitters with it (the runtime function each operator calls, its `.pyi` line).

/// An operator trait of `std::ops` that gives a Python operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    /// `Add` → `a + b`.
    Add,
    /// `Sub` → `a - b`.
    Sub,
    /// `Mul` → `a * b`.
    Mul,
    /// `Div` → `a / b` (`__truediv__`).
    Div,
    /// `Rem` → `a % b` (`__mod__`, with the Rust operator's sign rule).
    Rem,
    /// `BitAnd` → `a & b`.
    BitAnd,
    /// `BitOr` → `a | b`.
    BitOr,
    /// `BitXor` → `a ^ b`.
    BitXor,
    /// `Shl` → `a << b` (both operands the class: `Shl<Self>`).
    Shl,
    /// `Shr` → `a >> b`.
    Shr,
    /// `Neg` → `-a`.
    Neg,
    /// `Not` → `~a` (`__invert__`).
    Not,
}

/// How the generated method reaches the Rust operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operands {
    /// On clones of the values: `T: Clone + Add<Output = T>` computes `a.clone() + b.clone()`.
    /// A spec's `traits:` and `#[py_embed]`'s `impl Add for T` give this.
    Cloned,
    /// On references: `&T: Add<&T, Output = T>` computes `&a + &b`, no clone. `#[py_embed]`'s
    /// `impl Add<&T> for &T` gives this (and it wins over `impl Add for T` beside it).
    Borrowed,
}

/// Every operator trait, with its name and its Python method.
const TABLE: &[(Operator, &str, &str)] = &[
    (Operator::Add, "Add", "__add__"),
    (Operator::Sub, "Sub", "__sub__"),
    (Operator::Mul, "Mul", "__mul__"),
    (Operator::Div, "Div", "__truediv__"),
    (Operator::Rem, "Rem", "__mod__"),
    (Operator::BitAnd, "BitAnd", "__and__"),
    (Operator::BitOr, "BitOr", "__or__"),
    (Operator::BitXor, "BitXor", "__xor__"),
    (Operator::Shl, "Shl", "__lshift__"),
    (Operator::Shr, "Shr", "__rshift__"),
    (Operator::Neg, "Neg", "__neg__"),
    (Operator::Not, "Not", "__invert__"),
];

/// The names of the operator traits, in the table's order (for a spec's known traits).
pub const TRAIT_NAMES: &[&str] =
    &["Add", "Sub", "Mul", "Div", "Rem", "BitAnd", "BitOr", "BitXor", "Shl", "Shr", "Neg", "Not"];

impl Operator {
    /// The operator of the `std::ops` trait named `name`.
    ///
    /// ```
    /// use pybridge_model::operators::Operator;
    /// assert_eq!(Operator::from_trait("Rem"), Some(Operator::Rem));
    /// assert_eq!(Operator::from_trait("AddAssign"), None);
    /// ```
    pub fn from_trait(name: &str) -> Option<Operator> {
        TABLE.iter().find(|(_, t, _)| *t == name).map(|(op, _, _)| *op)
    }

    fn row(&self) -> &'static (Operator, &'static str, &'static str) {
        // Every variant has its row (`tests::every_operator_has_one_row`).
        TABLE.iter().find(|(op, _, _)| op == self).unwrap_or(&TABLE[0])
    }

    /// The trait's name (`Add`).
    pub fn trait_name(&self) -> &'static str {
        self.row().1
    }

    /// The Python method (`__add__`).
    pub fn python_name(&self) -> &'static str {
        self.row().2
    }

    /// The Python method, as a one-name list (`Dunder::python_names`).
    pub fn python_names(&self) -> &'static [&'static str] {
        std::slice::from_ref(&self.row().2)
    }

    /// Whether the operator takes no operand besides `self` (`Neg`, `Not`).
    pub fn is_unary(&self) -> bool {
        matches!(self, Operator::Neg | Operator::Not)
    }

    /// The Rust method of the trait (`add`, `bitand`, `neg`).
    pub fn method(&self) -> String {
        self.trait_name().to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operator_has_one_row_and_a_protocol() {
        assert_eq!(TABLE.len(), TRAIT_NAMES.len());
        for (i, (op, name, py)) in TABLE.iter().enumerate() {
            assert_eq!(TRAIT_NAMES[i], *name);
            assert_eq!(op.row().1, *name);
            assert_eq!(Operator::from_trait(name), Some(*op));
            let protocol = crate::protocols::Protocol::named(py).expect("a protocol pybridge binds");
            assert_eq!(protocol.min, usize::from(!op.is_unary()));
        }
        assert_eq!(Operator::BitXor.method(), "bitxor");
        #[cfg(feature = "spec")]
        assert!(TRAIT_NAMES.iter().all(|t| crate::spec::keys::TRAITS.contains(t)));
        assert_eq!(Operator::Div.python_name(), "__truediv__");
    }
}
