//! Plain Rust with the `std::ops` operators, bound from `traits:` in
//! `specs/examples/numeric_spec.yaml` (no method declared: `a + b` is `Points + Points`).

use std::ops::{Add, BitAnd, BitOr, BitXor, Div, Mul, Neg, Not, Rem, Shl, Shr, Sub};

/// Loyalty points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Points {
    /// How many.
    pub n: i64,
}

impl Points {
    /// `n` points.
    pub fn new(n: i64) -> Points {
        Points { n }
    }
}

/// `impl $Trait for Points` computing `$op` on the counts.
macro_rules! binary {
    ($($Trait:ident $method:ident $op:tt),* $(,)?) => {$(
        impl $Trait for Points {
            type Output = Points;
            fn $method(self, other: Points) -> Points {
                Points { n: self.n $op other.n }
            }
        }
    )*};
}

binary!(Add add +, Sub sub -, Mul mul *, Div div /, Rem rem %, BitAnd bitand &, BitOr bitor |, BitXor bitxor ^);

impl Shl for Points {
    type Output = Points;
    fn shl(self, other: Points) -> Points {
        Points { n: self.n.wrapping_shl(other.n as u32) }
    }
}

impl Shr for Points {
    type Output = Points;
    fn shr(self, other: Points) -> Points {
        Points { n: self.n.wrapping_shr(other.n as u32) }
    }
}

impl Neg for Points {
    type Output = Points;
    fn neg(self) -> Points {
        Points { n: -self.n }
    }
}

impl Not for Points {
    type Output = Points;
    fn not(self) -> Points {
        Points { n: !self.n }
    }
}
