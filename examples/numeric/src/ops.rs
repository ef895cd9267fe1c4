//! Python operators from `std::ops` trait impls, as a Rust user writes them (the attribute front
//! end; copy the `cdylib` as `numeric_ops.so`): `Add`… as operators, `Index`/`IndexMut` as
//! `v[i]` and `v[i] = x`, `Iterator` as `next()`.

/// `impl Add for Vec3` computes on copies, `impl BitAnd<&Bits> for &Bits` on references.
#[pybridge::py_embed]
pub mod numeric_ops {
    use std::ops::{Add, BitAnd, BitOr, BitXor, Div, Index, IndexMut, Mul, Neg, Not, Rem, Shl, Shr, Sub};

    /// A 3-D vector: `+`, `-`, `/` and unary `-` from its `std::ops` impls (on copies);
    /// `v * k` from `__mul__`, declared by name, which takes precedence over `Mul<f64>`.
    #[py_embed]
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Vec3 {
        /// x.
        #[py_embed(get)]
        pub x: f64,
        /// y.
        #[py_embed(get)]
        pub y: f64,
        /// z.
        #[py_embed(get)]
        pub z: f64,
    }

    #[py_embed]
    impl Vec3 {
        /// A vector.
        #[py_embed(constructor)]
        pub fn new(x: f64, y: f64, z: f64) -> Vec3 {
            Vec3 { x, y, z }
        }
        /// `v * k`: scaled (the `Mul<f64>` impl, which Python could not reach otherwise).
        pub fn __mul__(&self, k: f64) -> Vec3 {
            *self * k
        }
    }

    /// `v[0]`, `v[1]`, `v[2]`; Rust's panic for another index is Python's `IndexError`.
    impl Index<usize> for Vec3 {
        type Output = f64;
        fn index(&self, i: usize) -> &f64 {
            match i {
                0 => &self.x,
                1 => &self.y,
                2 => &self.z,
                _ => panic!("a Vec3 has 3 coordinates, not {}", i + 1),
            }
        }
    }

    /// `v[i] = x`.
    impl IndexMut<usize> for Vec3 {
        fn index_mut(&mut self, i: usize) -> &mut f64 {
            match i {
                0 => &mut self.x,
                1 => &mut self.y,
                2 => &mut self.z,
                _ => panic!("a Vec3 has 3 coordinates, not {}", i + 1),
            }
        }
    }

    /// Counts down to 1: a Python iterator from `impl Iterator` (`next(c)`, `for n in c`).
    #[py_embed]
    #[derive(Debug)]
    pub struct Countdown {
        left: u32,
    }

    #[py_embed]
    impl Countdown {
        /// From `n`.
        #[py_embed(constructor)]
        pub fn new(n: u32) -> Countdown {
            Countdown { left: n }
        }
    }

    impl Iterator for Countdown {
        type Item = u32;
        fn next(&mut self) -> Option<u32> {
            let n = self.left;
            self.left = n.checked_sub(1)?;
            Some(n)
        }
    }

    impl Add for Vec3 {
        type Output = Vec3;
        fn add(self, o: Vec3) -> Vec3 {
            Vec3 { x: self.x + o.x, y: self.y + o.y, z: self.z + o.z }
        }
    }

    impl Sub for Vec3 {
        type Output = Self;
        fn sub(self, o: Vec3) -> Vec3 {
            self + -o
        }
    }

    impl Div for Vec3 {
        type Output = Vec3;
        fn div(self, o: Vec3) -> Vec3 {
            Vec3 { x: self.x / o.x, y: self.y / o.y, z: self.z / o.z }
        }
    }

    impl Neg for Vec3 {
        type Output = Vec3;
        fn neg(self) -> Vec3 {
            Vec3 { x: -self.x, y: -self.y, z: -self.z }
        }
    }

    impl Mul<f64> for Vec3 {
        type Output = Vec3;
        fn mul(self, k: f64) -> Vec3 {
            Vec3 { x: self.x * k, y: self.y * k, z: self.z * k }
        }
    }

    /// A bit set that is not `Clone`: its operators take references (`impl BitAnd<&Bits> for
    /// &Bits`), and `+` too, where both forms exist (references win, nothing is copied).
    #[py_embed]
    #[derive(Debug, PartialEq)]
    pub struct Bits {
        /// The bits.
        #[py_embed(get)]
        pub value: u64,
    }

    #[py_embed]
    impl Bits {
        /// A bit set.
        #[py_embed(constructor)]
        pub fn new(value: u64) -> Bits {
            Bits { value }
        }
    }

    // Written out: `#[py_embed]` reads the impls in the module's source (not macro output).
    impl<'a> BitAnd<&'a Bits> for &'a Bits {
        type Output = Bits;
        fn bitand(self, other: &'a Bits) -> Bits {
            Bits { value: self.value & other.value }
        }
    }

    impl<'a> BitOr<&'a Bits> for &'a Bits {
        type Output = Bits;
        fn bitor(self, other: &'a Bits) -> Bits {
            Bits { value: self.value | other.value }
        }
    }

    impl<'a> BitXor<&'a Bits> for &'a Bits {
        type Output = Bits;
        fn bitxor(self, other: &'a Bits) -> Bits {
            Bits { value: self.value ^ other.value }
        }
    }

    impl<'a> Shl<&'a Bits> for &'a Bits {
        type Output = Bits;
        fn shl(self, other: &'a Bits) -> Bits {
            Bits { value: self.value.wrapping_shl(other.value as u32) }
        }
    }

    impl<'a> Shr<&'a Bits> for &'a Bits {
        type Output = Bits;
        fn shr(self, other: &'a Bits) -> Bits {
            Bits { value: self.value.wrapping_shr(other.value as u32) }
        }
    }

    impl<'a> Rem<&'a Bits> for &'a Bits {
        type Output = Bits;
        fn rem(self, other: &'a Bits) -> Bits {
            Bits { value: self.value.checked_rem(other.value).unwrap_or(self.value) }
        }
    }

    impl<'a> Add<&'a Bits> for &'a Bits {
        type Output = Bits;
        fn add(self, other: &'a Bits) -> Bits {
            Bits { value: self.value.wrapping_add(other.value) }
        }
    }

    impl Add for Bits {
        type Output = Bits;
        fn add(self, other: Bits) -> Bits {
            &self + &other
        }
    }

    impl Not for &Bits {
        type Output = Bits;
        fn not(self) -> Bits {
            Bits { value: !self.value }
        }
    }
}
