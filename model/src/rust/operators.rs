//! `impl std::ops::Add for T` (and `Sub`, `Mul`… `Neg`, `Not`) of an exported class in a
//! `#[py_embed]` module: Python operators. `impl Add for T` computes on clones,
//! `impl Add<&T> for &T` on references (see `operators::Operands`); both operands and the result
//! must be the class, or the class declares the operator's method by name (which takes
//! precedence, as for every protocol from a trait).

use syn::spanned::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Dunder, Module};
use crate::operators::{Operands, Operator};
use crate::origin::Origin;

/// Run after every inherent impl is lowered, so a method declared by name is known.
pub(super) fn lower_operator_impl(i: &syn::ItemImpl, module: &mut Module, diags: &mut Diagnostics) {
    let Some((trait_path, _)) = &i.trait_ else { return };
    let Some(op) = trait_path.segments.last().and_then(|s| Operator::from_trait(&s.ident.to_string())) else {
        return;
    };
    let (self_path, operands) = match &*i.self_ty {
        syn::Type::Path(p) => (&p.path, Operands::Cloned),
        syn::Type::Reference(r) if r.mutability.is_none() => match &*r.elem {
            syn::Type::Path(p) => (&p.path, Operands::Borrowed),
            _ => return,
        },
        _ => return,
    };
    let Some(self_ident) = self_path.get_ident() else { return };
    // Operators of other types (`impl Mul<Vec2> for f64`) and of enums are not the class's.
    let Some(class) = module.classes.iter_mut().find(|c| *self_ident == c.name.rust) else { return };
    if class.methods.iter().any(|m| m.name.py == op.python_name()) {
        return;
    }
    if let Some((span, what)) = misfit(i, trait_path, op, operands, self_ident) {
        let (t, py) = (op.trait_name(), op.python_name());
        let sig = if op.is_unary() { format!("fn {py}(&self)") } else { format!("fn {py}(&self, other: …)") };
        diags
            .push(Diagnostic::new(Origin::Rust(span), format!("`{t}` gives Python's `{py}` only {what}")).help(format!(
            "pybridge binds `impl {t} for {self_ident}` (on clones) and `impl {t}<&{self_ident}> for &{self_ident}` \
                     with `type Output = {self_ident}`; for other operands or results declare `{sig} -> …` in the \
                     `#[py_embed] impl` (it takes precedence)"
        )));
        return;
    }
    match class.dunders.iter_mut().find(|d| matches!(d, Dunder::Op(o, _) if *o == op)) {
        // Both forms implemented: references, without clones.
        Some(d) if operands == Operands::Borrowed => *d = Dunder::Op(op, operands),
        Some(_) => {}
        None => class.dunders.push(Dunder::Op(op, operands)),
    }
}

/// Where the impl does not have both operands and the result of the class's type, and why.
fn misfit(
    i: &syn::ItemImpl,
    trait_path: &syn::Path,
    op: Operator,
    operands: Operands,
    class: &syn::Ident,
) -> Option<(proc_macro2::Span, &'static str)> {
    let is_class = |ty: &syn::Type| matches!(ty, syn::Type::Path(p) if p.qself.is_none() && p.path.is_ident(class));
    let is_self = |ty: &syn::Type| matches!(ty, syn::Type::Path(p) if p.qself.is_none() && p.path.is_ident("Self"));
    let rhs = trait_path.segments.last().map(|s| &s.arguments);
    if let (false, Some(syn::PathArguments::AngleBracketed(args))) = (op.is_unary(), rhs) {
        let fits = match (args.args.len(), args.args.first()) {
            (1, Some(syn::GenericArgument::Type(ty))) => match (operands, ty) {
                (Operands::Cloned, ty) => is_class(ty) || is_self(ty),
                (Operands::Borrowed, syn::Type::Reference(r)) => r.mutability.is_none() && is_class(&r.elem),
                (Operands::Borrowed, ty) => is_self(ty),
            },
            _ => false,
        };
        if !fits {
            let span = args.args.first().map_or(args.span(), Spanned::span);
            return Some((span, "when both operands are the class"));
        }
    }
    let output = i.items.iter().find_map(|item| match item {
        syn::ImplItem::Type(t) if t.ident == "Output" => Some(&t.ty),
        _ => None,
    });
    // `Self` is the reference itself in `impl Add<&T> for &T`.
    match output {
        Some(ty) if !(is_class(ty) || (operands == Operands::Cloned && is_self(ty))) => {
            Some((ty.span(), "when it returns the class itself"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Diagnostics;
    use crate::ir::Dunder;
    use crate::operators::{Operands, Operator};

    type Problems = Vec<(usize, usize, String)>;

    /// The operator dunders of each class and the diagnostics (line, column, message).
    fn lower(items: &str) -> (Vec<(String, Vec<Dunder>)>, Problems) {
        let source = format!("mod m {{\n{items}\n}}");
        let module: syn::ItemMod = syn::parse_str(&source).unwrap();
        let mut diags = Diagnostics::new();
        let m = super::super::lower_rust_module(&module, &Default::default(), &mut diags);
        let classes = m
            .classes
            .iter()
            .map(|c| (c.name.py.clone(), c.dunders.iter().copied().filter(|d| matches!(d, Dunder::Op(..))).collect()))
            .collect();
        let problems = diags
            .into_sorted()
            .into_iter()
            .map(|d| (d.origin.span().start().line, d.origin.span().start().column + 1, d.message))
            .collect();
        (classes, problems)
    }

    const V: &str = "#[py_embed] #[derive(Clone)] pub struct V { x: i64 }";

    #[test]
    fn impls_of_the_class_give_operators_on_clones_or_references() {
        let (classes, problems) = lower(&format!(
            "{V}
impl std::ops::Add for V {{ type Output = V; fn add(self, o: V) -> V {{ o }} }}
impl Sub<V> for V {{ type Output = Self; fn sub(self, o: V) -> V {{ o }} }}
impl<'a> BitOr<&'a V> for &'a V {{ type Output = V; fn bitor(self, o: &V) -> V {{ o.clone() }} }}
impl Add<&V> for &V {{ type Output = V; fn add(self, o: &V) -> V {{ o.clone() }} }}
impl Not for &V {{ type Output = V; fn not(self) -> V {{ self.clone() }} }}
impl Mul<V> for i64 {{ type Output = V; fn mul(self, o: V) -> V {{ o }} }}
impl Display for V {{}}"
        ));
        assert!(problems.is_empty(), "{problems:?}");
        let op = |o, how| Dunder::Op(o, how);
        assert_eq!(
            classes[0].1,
            [
                op(Operator::Add, Operands::Borrowed),
                op(Operator::Sub, Operands::Cloned),
                op(Operator::BitOr, Operands::Borrowed),
                op(Operator::Not, Operands::Borrowed),
            ]
        );
    }

    #[test]
    fn impls_with_other_operands_or_results_are_refused_unless_a_method_is_declared() {
        let (classes, problems) = lower(&format!(
            "{V}
impl Mul<f64> for V {{ type Output = V; fn mul(self, k: f64) -> V {{ self }} }}
impl Sub for V {{ type Output = i64; fn sub(self, o: V) -> i64 {{ 0 }} }}
impl Add<V> for &V {{ type Output = V; fn add(self, o: V) -> V {{ o }} }}
impl Neg for &V {{ type Output = Self; fn neg(self) -> Self {{ self }} }}
impl Div<f64> for V {{ type Output = V; fn div(self, k: f64) -> V {{ self }} }}
#[py_embed] impl V {{ pub fn __truediv__(&self, k: f64) -> V {{ self.clone() }} }}"
        ));
        assert_eq!(classes[0].1, []);
        let expect = [
            (3, 10, "`Mul` gives Python's `__mul__` only when both operands are the class"),
            (4, 32, "`Sub` gives Python's `__sub__` only when it returns the class itself"),
            (5, 10, "`Add` gives Python's `__add__` only when both operands are the class"),
            (6, 33, "`Neg` gives Python's `__neg__` only when it returns the class itself"),
        ];
        let expect: Vec<(usize, usize, String)> = expect.iter().map(|(l, c, m)| (*l, *c, m.to_string())).collect();
        assert_eq!(problems, expect);
    }

    #[test]
    fn derives_named_as_operators_give_nothing() {
        let (classes, problems) =
            lower("#[py_embed] #[derive(Clone, Add, Neg)] pub struct V { x: i64 }\nimpl Add for Other {}");
        assert!(problems.is_empty() && classes[0].1.is_empty(), "{classes:?} {problems:?}");
    }
}
