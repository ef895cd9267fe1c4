//! The `std::ops` traits behind Python operators (`Add` → `__add__`…), each behind a trait of
//! pybridge's own whose `#[diagnostic::on_unimplemented]` message names the declaration and the
//! fix (as in `protocols.rs`). Two forms, as `pybridge_model::operators::Operands` says:
//!
//! - on clones (a spec's `traits: [Add]`, `impl Add for T`): `T: Clone + Add<Output = T>`,
//!   computing `a.clone() + b.clone()`;
//! - on references (`impl Add<&T> for &T`): `&T: Add<&T, Output = T>`, computing `&a + &b`.
//!
//! `#[diagnostic::do_not_recommend]` on each blanket impl makes rustc report the missing
//! pybridge trait (and its message) rather than one of the bounds behind it.

use std::ops::{Add, BitAnd, BitOr, BitXor, Div, Mul, Neg, Not, Rem, Shl, Shr, Sub};

/// A binary operator: the trait and function on clones, then on references.
macro_rules! binary {
    ($Trait:ident, $method:ident, $Declared:ident, $of:ident, $DeclaredRef:ident, $ref_of:ident,
     $msg:literal, $note:literal, $msg_ref:literal) => {
        #[doc = concat!("`", stringify!($Trait), "` on clones of two values of the class.")]
        #[diagnostic::on_unimplemented(
            message = $msg,
            label = "this class is declared with this operator trait",
            note = $note
        )]
        pub trait $Declared: Sized {
            #[doc = concat!("`a.clone().", stringify!($method), "(b.clone())`.")]
            fn declared(&self, other: &Self) -> Self;
        }

        #[diagnostic::do_not_recommend]
        impl<T: Clone + $Trait<Output = T>> $Declared for T {
            fn declared(&self, other: &Self) -> Self {
                self.clone().$method(other.clone())
            }
        }

        #[doc = concat!("`", stringify!($Trait), "` on references to two values of the class.")]
        #[diagnostic::on_unimplemented(
            message = $msg_ref,
            label = "this class has an operator impl on references",
            note = "make `Output` the type itself, or declare the operator as a method of the `#[py_embed] impl` (the method takes precedence)"
        )]
        pub trait $DeclaredRef: Sized {
            #[doc = concat!("`(&a).", stringify!($method), "(&b)`.")]
            fn declared_ref(&self, other: &Self) -> Self;
        }

        #[diagnostic::do_not_recommend]
        impl<T> $DeclaredRef for T
        where
            for<'a> &'a T: $Trait<&'a T, Output = T>,
        {
            fn declared_ref(&self, other: &Self) -> Self {
                self.$method(other)
            }
        }

        #[doc = concat!("`", stringify!($Trait), "` on clones.")]
        pub fn $of<T: $Declared>(a: &T, b: &T) -> T {
            a.declared(b)
        }

        #[doc = concat!("`", stringify!($Trait), "` on references.")]
        pub fn $ref_of<T: $DeclaredRef>(a: &T, b: &T) -> T {
            a.declared_ref(b)
        }
    };
}
binary!(
    Add,
    add,
    DeclaredAdd,
    add_of,
    DeclaredAddRef,
    add_ref_of,
    "`{Self}` gets `__add__` (`a + b`) from `Add`, which needs `{Self}: Add<Output = {Self}> + Clone`",
    "`a + b` computes `a.clone() + b.clone()`: implement `Add<Output = Self>` and `Clone` for it (with `#[py_embed]`, or `Add<&Self> for &Self`), or remove `Add` from the class's `traits:` in the spec",
    "`{Self}` gets `__add__` (`a + b`) from `Add` on references, which needs `&{Self}: Add<&{Self}, Output = {Self}>`"
);
binary!(
    Sub,
    sub,
    DeclaredSub,
    sub_of,
    DeclaredSubRef,
    sub_ref_of,
    "`{Self}` gets `__sub__` (`a - b`) from `Sub`, which needs `{Self}: Sub<Output = {Self}> + Clone`",
    "`a - b` computes `a.clone() - b.clone()`: implement `Sub<Output = Self>` and `Clone` for it (with `#[py_embed]`, or `Sub<&Self> for &Self`), or remove `Sub` from the class's `traits:` in the spec",
    "`{Self}` gets `__sub__` (`a - b`) from `Sub` on references, which needs `&{Self}: Sub<&{Self}, Output = {Self}>`"
);
binary!(
    Mul,
    mul,
    DeclaredMul,
    mul_of,
    DeclaredMulRef,
    mul_ref_of,
    "`{Self}` gets `__mul__` (`a * b`) from `Mul`, which needs `{Self}: Mul<Output = {Self}> + Clone`",
    "`a * b` computes `a.clone() * b.clone()`: implement `Mul<Output = Self>` and `Clone` for it (with `#[py_embed]`, or `Mul<&Self> for &Self`), or remove `Mul` from the class's `traits:` in the spec",
    "`{Self}` gets `__mul__` (`a * b`) from `Mul` on references, which needs `&{Self}: Mul<&{Self}, Output = {Self}>`"
);
binary!(
    Div,
    div,
    DeclaredDiv,
    div_of,
    DeclaredDivRef,
    div_ref_of,
    "`{Self}` gets `__truediv__` (`a / b`) from `Div`, which needs `{Self}: Div<Output = {Self}> + Clone`",
    "`a / b` computes `a.clone() / b.clone()`: implement `Div<Output = Self>` and `Clone` for it (with `#[py_embed]`, or `Div<&Self> for &Self`), or remove `Div` from the class's `traits:` in the spec",
    "`{Self}` gets `__truediv__` (`a / b`) from `Div` on references, which needs `&{Self}: Div<&{Self}, Output = {Self}>`"
);
binary!(
    Rem,
    rem,
    DeclaredRem,
    rem_of,
    DeclaredRemRef,
    rem_ref_of,
    "`{Self}` gets `__mod__` (`a % b`) from `Rem`, which needs `{Self}: Rem<Output = {Self}> + Clone`",
    "`a % b` computes `a.clone() % b.clone()`: implement `Rem<Output = Self>` and `Clone` for it (with `#[py_embed]`, or `Rem<&Self> for &Self`), or remove `Rem` from the class's `traits:` in the spec",
    "`{Self}` gets `__mod__` (`a % b`) from `Rem` on references, which needs `&{Self}: Rem<&{Self}, Output = {Self}>`"
);
binary!(
    BitAnd,
    bitand,
    DeclaredBitAnd,
    bitand_of,
    DeclaredBitAndRef,
    bitand_ref_of,
    "`{Self}` gets `__and__` (`a & b`) from `BitAnd`, which needs `{Self}: BitAnd<Output = {Self}> + Clone`",
    "`a & b` computes `a.clone() & b.clone()`: implement `BitAnd<Output = Self>` and `Clone` for it (with `#[py_embed]`, or `BitAnd<&Self> for &Self`), or remove `BitAnd` from the class's `traits:` in the spec",
    "`{Self}` gets `__and__` (`a & b`) from `BitAnd` on references, which needs `&{Self}: BitAnd<&{Self}, Output = {Self}>`"
);
binary!(
    BitOr,
    bitor,
    DeclaredBitOr,
    bitor_of,
    DeclaredBitOrRef,
    bitor_ref_of,
    "`{Self}` gets `__or__` (`a | b`) from `BitOr`, which needs `{Self}: BitOr<Output = {Self}> + Clone`",
    "`a | b` computes `a.clone() | b.clone()`: implement `BitOr<Output = Self>` and `Clone` for it (with `#[py_embed]`, or `BitOr<&Self> for &Self`), or remove `BitOr` from the class's `traits:` in the spec",
    "`{Self}` gets `__or__` (`a | b`) from `BitOr` on references, which needs `&{Self}: BitOr<&{Self}, Output = {Self}>`"
);
binary!(
    BitXor,
    bitxor,
    DeclaredBitXor,
    bitxor_of,
    DeclaredBitXorRef,
    bitxor_ref_of,
    "`{Self}` gets `__xor__` (`a ^ b`) from `BitXor`, which needs `{Self}: BitXor<Output = {Self}> + Clone`",
    "`a ^ b` computes `a.clone() ^ b.clone()`: implement `BitXor<Output = Self>` and `Clone` for it (with `#[py_embed]`, or `BitXor<&Self> for &Self`), or remove `BitXor` from the class's `traits:` in the spec",
    "`{Self}` gets `__xor__` (`a ^ b`) from `BitXor` on references, which needs `&{Self}: BitXor<&{Self}, Output = {Self}>`"
);
binary!(
    Shl,
    shl,
    DeclaredShl,
    shl_of,
    DeclaredShlRef,
    shl_ref_of,
    "`{Self}` gets `__lshift__` (`a << b`) from `Shl`, which needs `{Self}: Shl<Output = {Self}> + Clone`",
    "`a << b` computes `a.clone() << b.clone()`: implement `Shl<Output = Self>` and `Clone` for it (with `#[py_embed]`, or `Shl<&Self> for &Self`), or remove `Shl` from the class's `traits:` in the spec",
    "`{Self}` gets `__lshift__` (`a << b`) from `Shl` on references, which needs `&{Self}: Shl<&{Self}, Output = {Self}>`"
);
binary!(
    Shr,
    shr,
    DeclaredShr,
    shr_of,
    DeclaredShrRef,
    shr_ref_of,
    "`{Self}` gets `__rshift__` (`a >> b`) from `Shr`, which needs `{Self}: Shr<Output = {Self}> + Clone`",
    "`a >> b` computes `a.clone() >> b.clone()`: implement `Shr<Output = Self>` and `Clone` for it (with `#[py_embed]`, or `Shr<&Self> for &Self`), or remove `Shr` from the class's `traits:` in the spec",
    "`{Self}` gets `__rshift__` (`a >> b`) from `Shr` on references, which needs `&{Self}: Shr<&{Self}, Output = {Self}>`"
);

/// A unary operator: the trait and function on clones, then on references.
macro_rules! unary {
    ($Trait:ident, $method:ident, $Declared:ident, $of:ident, $DeclaredRef:ident, $ref_of:ident,
     $msg:literal, $note:literal, $msg_ref:literal) => {
        #[doc = concat!("`", stringify!($Trait), "` on a clone of the value.")]
        #[diagnostic::on_unimplemented(
            message = $msg,
            label = "this class is declared with this operator trait",
            note = $note
        )]
        pub trait $Declared: Sized {
            #[doc = concat!("`a.clone().", stringify!($method), "()`.")]
            fn declared(&self) -> Self;
        }

        #[diagnostic::do_not_recommend]
        impl<T: Clone + $Trait<Output = T>> $Declared for T {
            fn declared(&self) -> Self {
                self.clone().$method()
            }
        }

        #[doc = concat!("`", stringify!($Trait), "` on a reference to the value.")]
        #[diagnostic::on_unimplemented(
            message = $msg_ref,
            label = "this class has an operator impl on references",
            note = "make `Output` the type itself, or declare the operator as a method of the `#[py_embed] impl` (the method takes precedence)"
        )]
        pub trait $DeclaredRef: Sized {
            #[doc = concat!("`(&a).", stringify!($method), "()`.")]
            fn declared_ref(&self) -> Self;
        }

        #[diagnostic::do_not_recommend]
        impl<T> $DeclaredRef for T
        where
            for<'a> &'a T: $Trait<Output = T>,
        {
            fn declared_ref(&self) -> Self {
                self.$method()
            }
        }

        #[doc = concat!("`", stringify!($Trait), "` on a clone.")]
        pub fn $of<T: $Declared>(a: &T) -> T {
            a.declared()
        }

        #[doc = concat!("`", stringify!($Trait), "` on a reference.")]
        pub fn $ref_of<T: $DeclaredRef>(a: &T) -> T {
            a.declared_ref()
        }
    };
}

unary!(
    Neg,
    neg,
    DeclaredNeg,
    neg_of,
    DeclaredNegRef,
    neg_ref_of,
    "`{Self}` gets `__neg__` (`-a`) from `Neg`, which needs `{Self}: Neg<Output = {Self}> + Clone`",
    "`-a` computes `-a.clone()`: implement `Neg<Output = Self>` and `Clone` for it (with `#[py_embed]`, or `Neg for &Self`), or remove `Neg` from the class's `traits:` in the spec",
    "`{Self}` gets `__neg__` (`-a`) from `Neg` on a reference, which needs `&{Self}: Neg<Output = {Self}>`"
);

unary!(
    Not,
    not,
    DeclaredNot,
    not_of,
    DeclaredNotRef,
    not_ref_of,
    "`{Self}` gets `__invert__` (`~a`) from `Not`, which needs `{Self}: Not<Output = {Self}> + Clone`",
    "`~a` computes `!a.clone()`: implement `Not<Output = Self>` and `Clone` for it (with `#[py_embed]`, or `Not for &Self`), or remove `Not` from the class's `traits:` in the spec",
    "`{Self}` gets `__invert__` (`~a`) from `Not` on a reference, which needs `&{Self}: Not<Output = {Self}>`"
);
