//! Import aliases (`aliases:`): each resolved against the classes and the aliases declared
//! before it (a later or its own name is refused), a union alias naming its enum, and every
//! reference to an alias replaced by its type.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::Module;
use crate::types::{Type, TypeKind};

use super::{Names, resolve_class_refs};

/// Resolves each alias of an import module against the classes and the aliases declared before
/// it, names the enum of a union alias after the alias, and returns the resolved aliases (also
/// stored back on the module).
pub(super) fn resolve_aliases(
    module: &mut Module,
    names: &Names<'_>,
    diags: &mut Diagnostics,
) -> Vec<crate::ir::Alias> {
    let mut done: Vec<crate::ir::Alias> = Vec::new();
    let declared: Vec<String> = module.aliases.iter().map(|a| a.name.py.clone()).collect();
    for (i, alias) in module.aliases.iter().enumerate() {
        let mut alias = alias.clone();
        let mut later = None;
        alias.ty.walk_mut(&mut |t| {
            let TypeKind::Class(class) = &t.kind else { return };
            if declared[i..].contains(&class.name) && !done.iter().any(|a| a.name.py == class.name) {
                later = Some((class.name.clone(), t.origin));
                // Resolved as `Any` so the alias still lowers; the error below stops the run.
                t.kind = TypeKind::Any;
            }
        });
        if let Some((name, at)) = later {
            let message = match name == alias.name.py {
                true => format!("alias `{name}` refers to itself"),
                false => format!("alias `{name}` is used before it is declared"),
            };
            diags.push_recoverable(
                Diagnostic::new(at, message)
                    .help("declare each alias after the aliases it uses; a type cannot contain itself"),
            );
        }
        substitute_aliases(&mut alias.ty, &done);
        resolve_class_refs(&mut alias.ty, names, diags);
        name_alias_union(&mut alias);
        done.push(alias);
    }
    module.aliases = done.clone();
    done
}

/// A union alias (`Mode: Literal["r", "w"]`, or one `| None`) names its enum.
fn name_alias_union(alias: &mut crate::ir::Alias) {
    let ty = match &mut alias.ty.kind {
        TypeKind::Optional(inner) => inner.as_mut(),
        _ => &mut alias.ty,
    };
    if let TypeKind::Union(u) = &mut ty.kind {
        u.name = alias.name.rust.clone();
        u.alias = true;
    }
}

/// Replaces each reference to an alias by the alias's (resolved) type.
pub(super) fn substitute_aliases(ty: &mut Type, aliases: &[crate::ir::Alias]) {
    if aliases.is_empty() {
        return;
    }
    ty.walk_mut(&mut |t| {
        if let TypeKind::Class(class) = &t.kind
            && let Some(alias) = aliases.iter().find(|a| a.name.py == class.name)
        {
            let origin = t.origin;
            *t = alias.ty.clone();
            t.origin = origin;
        }
    });
}
