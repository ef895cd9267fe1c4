//! `impl Index<K> for T` (with `type Output = V`), `impl IndexMut<K> for T` and
//! `impl Iterator for T` (with `type Item = I`) of an exported class in a `#[py_embed]` module:
//! Python's `__getitem__`, `__setitem__` and `__next__` (see `container_traits.rs`). A method
//! the class declares by name takes precedence; `IndexMut` takes its item type from the
//! class's `Index` impl, which Rust requires anyway.

use syn::spanned::Spanned;

use crate::container_traits::ContainerTrait;
use crate::diagnostics::Diagnostics;
use crate::ir::Module;
use crate::origin::Origin;

/// Run after every inherent impl is lowered (a method declared by name is known), `Index`
/// impls before `IndexMut` ones.
pub(super) fn lower_container_impls(items: &[syn::Item], module: &mut Module, diags: &mut Diagnostics) {
    for wanted in [ContainerTrait::Index, ContainerTrait::Iterator, ContainerTrait::IndexMut] {
        for item in items {
            if let syn::Item::Impl(i) = item {
                lower_container_impl(i, wanted, module, diags);
            }
        }
    }
}

fn lower_container_impl(i: &syn::ItemImpl, wanted: ContainerTrait, module: &mut Module, diags: &mut Diagnostics) {
    let Some((trait_path, _)) = &i.trait_ else { return };
    let Some(last) = trait_path.segments.last() else { return };
    if ContainerTrait::named(&last.ident.to_string()) != Some(wanted) {
        return;
    }
    let syn::Type::Path(self_path) = &*i.self_ty else { return };
    let Some(self_ident) = self_path.path.segments.last().map(|s| &s.ident) else { return };
    let Some(class) = module.classes.iter_mut().find(|c| *self_ident == c.name.rust) else { return };
    if class.methods.iter().any(|m| m.name.py == wanted.python_name()) {
        return;
    }
    let origin_of = |span: proc_macro2::Span| Origin::Rust(span);
    let at = Origin::Rust(last.ident.span());
    let key = match &last.arguments {
        syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            syn::GenericArgument::Type(ty) => Some(ty),
            _ => None,
        }),
        _ => None,
    };
    let assoc = |name: &str| {
        i.items.iter().find_map(|item| match item {
            syn::ImplItem::Type(t) if t.ident == name => Some(&t.ty),
            _ => None,
        })
    };
    let lower = |ty: &syn::Type, diags: &mut Diagnostics| crate::rusttype::lower(ty, &origin_of, diags);
    let method = match wanted {
        ContainerTrait::Index => {
            let (Some(k), Some(v)) = (key, assoc("Output")) else { return };
            let (Some(k), Some(v)) = (lower(k, diags), lower(v, diags)) else { return };
            wanted.method(Some(k), v, at)
        }
        ContainerTrait::IndexMut => {
            let output = class.methods.iter().find(|m| m.name.py == "__getitem__").map(|m| m.returns.clone());
            let (Some(k), Some(v)) = (key, output) else { return };
            let Some(k) = lower(k, diags) else { return };
            wanted.method(Some(k), v, at)
        }
        ContainerTrait::Iterator => {
            let Some(item) = assoc("Item") else { return };
            let Some(item) = lower(item, diags) else { return };
            wanted.method(None, item, Origin::Rust(i.self_ty.span()))
        }
    };
    class.methods.push(method);
}
