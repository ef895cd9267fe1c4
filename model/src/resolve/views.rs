//! What the views a function returns borrow ([`Borrow`]), by Rust's own rules: a named
//! lifetime (`Option<Match<'h>>`) borrows the one parameter written with it (`&'h str`), or,
//! in a view class's method, what the view itself borrows (its own lifetime); an elided one
//! (`Word<'_>`, `Word`) borrows `self` in a method, or a function's only borrowed parameter.
//! Whatever fits nothing is left `None`, and check (`check/views.rs`) says why.

use crate::ir::{Borrow, FnKind, Function, Module};
use crate::types::{Type, TypeKind};

/// Fills in [`Function::borrows`] for every function and method returning a view class.
pub(super) fn resolve_borrows(module: &mut Module) {
    for f in &mut module.functions {
        f.borrows = borrows_of(f, None);
    }
    for c in &mut module.classes {
        let owner = OwnerView { lifetime: c.lifetime.as_ref().map(|l| l.name.clone()) };
        for m in &mut c.methods {
            m.borrows = borrows_of(m, Some(&owner));
        }
    }
}

/// The class whose method it is: its lifetime, if it is a view class.
struct OwnerView {
    lifetime: Option<String>,
}

/// The lifetimes written on the view classes a return holds (`_` when elided), or `None` when
/// it holds none.
pub(crate) fn returned_view_lifetimes(ty: &Type) -> Option<Vec<String>> {
    let mut found = Vec::new();
    ty.walk(&mut |t| {
        if let TypeKind::Class(c) = &t.kind
            && c.view
        {
            found.push(t.lifetime.as_ref().map_or_else(|| "_".to_string(), |l| l.name.clone()));
        }
    });
    (!found.is_empty()).then_some(found)
}

fn borrows_of(f: &Function, owner: Option<&OwnerView>) -> Option<Borrow> {
    let mut lifetimes = returned_view_lifetimes(&f.returns)?;
    lifetimes.sort();
    lifetimes.dedup();
    let [lifetime] = lifetimes.as_slice() else { return None };
    let receiver = matches!(f.kind, FnKind::Method | FnKind::MethodMut | FnKind::Getter);
    let owner_lifetime = owner.and_then(|o| o.lifetime.as_deref());
    if lifetime == "_" {
        return match (receiver, owner_lifetime) {
            (true, None) => Some(Borrow::Receiver),
            (true, Some(_)) => None,
            (false, _) => {
                only(f.params.iter().enumerate().filter(|(_, p)| is_anchor_type(&p.ty) && p.ty.lifetime.is_none()))
            }
        };
    }
    if receiver && owner_lifetime == Some(lifetime.as_str()) {
        return Some(Borrow::View);
    }
    only(f.params.iter().enumerate().filter(|(_, p)| p.ty.lifetime.as_ref().is_some_and(|l| l.name == *lifetime)))
}

fn only<'a>(mut found: impl Iterator<Item = (usize, &'a crate::ir::Param)>) -> Option<Borrow> {
    match (found.next(), found.next()) {
        (Some((i, _)), None) => Some(Borrow::Param(i)),
        _ => None,
    }
}

/// Whether a parameter of this type can be what views borrow: `&str`, `&[u8]` or `&Class` of a
/// class that is not a view, an enum or another module's.
pub(crate) fn is_anchor_type(ty: &Type) -> bool {
    match &ty.kind {
        TypeKind::Str { borrowed: true } | TypeKind::Bytes { borrowed: true } => true,
        TypeKind::Class(c) => c.borrowed && !c.view && !c.unit_enum && !c.foreign && !c.shared,
        _ => false,
    }
}
