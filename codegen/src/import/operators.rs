//! Operators on imported class handles from the dunders a spec declares: a method `__add__`
//! taking one argument gives `&a + b` (`impl Add<B> for &A`), calling Python's `a + b` method;
//! the output is the call's `Result`, as for any stub. `__neg__`/`__invert__` give unary `-`/`!`;
//! a declared `__hash__` gives `Hash` (through Python's `hash()`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use pybridge_model::{Class, FnKind, Function, ParamKind, TypeKind};

use super::{Ctx, ident};
use crate::rust_type::emit_plain_param_type;

/// Binary dunders and the `std::ops` trait and method each gives.
const BINARY: &[(&str, &str, &str)] = &[
    ("__add__", "Add", "add"),
    ("__sub__", "Sub", "sub"),
    ("__mul__", "Mul", "mul"),
    ("__truediv__", "Div", "div"),
    ("__mod__", "Rem", "rem"),
    ("__and__", "BitAnd", "bitand"),
    ("__or__", "BitOr", "bitor"),
    ("__xor__", "BitXor", "bitxor"),
    ("__lshift__", "Shl", "shl"),
    ("__rshift__", "Shr", "shr"),
];

/// Unary dunders and their traits.
const UNARY: &[(&str, &str, &str)] = &[("__neg__", "Neg", "neg"), ("__invert__", "Not", "not")];

/// The operator impls (and `Hash`) of class `c`'s handle.
pub(crate) fn emit_operators(ctx: &Ctx<'_>, c: &Class) -> TokenStream {
    let name = ident(&c.name.rust);
    let err = &ctx.error;
    let instance = |m: &&Function| m.kind == FnKind::Method;
    // One plain operand: positional, required, and a type an impl header can name (not a
    // closure or an iterable, which a stub takes as `impl Trait`).
    let plain = |m: &&Function| {
        m.params.len() == 1
            && m.params[0].default.is_none()
            && m.params[0].kind == ParamKind::Positional
            && !matches!(m.params[0].ty.kind, TypeKind::Callable { .. } | TypeKind::Iterator { .. })
    };
    let binary = c.methods.iter().filter(instance).filter(plain).filter_map(|m| {
        let (_, tr, method) = BINARY.iter().find(|(py, _, _)| *py == m.name.py)?;
        let (tr, method, call) = (format_ident!("{}", tr), format_ident!("{}", method), ident(&m.name.rust));
        let rhs = emit_plain_param_type(&m.params[0].ty);
        let ret = super::call::emit_stub_return_type(&m.returns, err);
        Some(quote! {
            /// Python's operator, through the declared method.
            impl ::std::ops::#tr<#rhs> for &#name {
                type Output = ::std::result::Result<#ret, #err>;

                fn #method(self, __pb_rhs: #rhs) -> Self::Output {
                    self.#call(__pb_rhs)
                }
            }
        })
    });
    let unary = c.methods.iter().filter(instance).filter(|m| m.params.is_empty()).filter_map(|m| {
        let (_, tr, method) = UNARY.iter().find(|(py, _, _)| *py == m.name.py)?;
        let (tr, method, call) = (format_ident!("{}", tr), format_ident!("{}", method), ident(&m.name.rust));
        let ret = super::call::emit_stub_return_type(&m.returns, err);
        Some(quote! {
            /// Python's operator, through the declared method.
            impl ::std::ops::#tr for &#name {
                type Output = ::std::result::Result<#ret, #err>;

                fn #method(self) -> Self::Output {
                    self.#call()
                }
            }
        })
    });
    let hash = c.methods.iter().any(|m| m.name.py == "__hash__" && m.params.is_empty()).then(|| {
        quote! {
            /// A declared `__hash__` says the objects are usable as keys (`==` is Python's).
            impl ::std::cmp::Eq for #name {}

            /// Python's `hash()` (0 when it raises: `Hash` cannot fail).
            impl ::std::hash::Hash for #name {
                fn hash<__PbH: ::std::hash::Hasher>(&self, __pb_state: &mut __PbH) {
                    ::std::hash::Hash::hash(&::pybridge::__private::handle_hash(&self.0), __pb_state);
                }
            }
        }
    });
    quote!(#(#binary)* #(#unary)* #hash)
}
