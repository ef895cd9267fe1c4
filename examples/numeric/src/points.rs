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

/// Decimal digits, indexed from the most significant (`Index<usize>`, `IndexMut<usize>` in the
/// spec: `d[0]`, `d[0] = 9`).
#[derive(Clone, Debug, PartialEq)]
pub struct Digits {
    digits: Vec<u8>,
}

impl Digits {
    /// The digits of `n`.
    pub fn new(n: u64) -> Digits {
        Digits { digits: n.to_string().bytes().map(|b| b - b'0').collect() }
    }

    /// The number they spell.
    pub fn value(&self) -> u64 {
        self.digits.iter().fold(0, |n, d| n * 10 + u64::from(*d))
    }
}

impl std::ops::Index<usize> for Digits {
    type Output = u8;
    fn index(&self, i: usize) -> &u8 {
        &self.digits[i]
    }
}

impl std::ops::IndexMut<usize> for Digits {
    fn index_mut(&mut self, i: usize) -> &mut u8 {
        &mut self.digits[i]
    }
}

/// The Fibonacci numbers below a limit (`Iterator<Item = u64>` in the spec).
#[derive(Debug)]
pub struct Fibonacci {
    next: (u64, u64),
    limit: u64,
}

impl Fibonacci {
    /// The numbers below `limit`.
    pub fn new(limit: u64) -> Fibonacci {
        Fibonacci { next: (0, 1), limit }
    }
}

impl Iterator for Fibonacci {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        let (a, b) = self.next;
        (a < self.limit).then(|| {
            self.next = (b, a + b);
            a
        })
    }
}
