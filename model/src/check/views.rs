//! View classes: exported types with a lifetime (`regex::Match<'h>`, `struct Word<'a>`). A
//! view's Python object keeps alive what it borrows, so a view can only be made where that is
//! known: returned (`V`, `Option<V>`, `Vec<V>`) by a method of the object it borrows (`&self`,
//! the lifetime elided), by a function or method taking the `&'h str`, `&'h [u8]` or
//! `&'h Class` it borrows, or by a view's own method returning views of the same borrow. A
//! named lifetime anywhere else is refused at its token.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Borrow, Bridge, Class, Direction, FnKind, Function, Module, ParamKind, ReturnPolicy};
use crate::resolve::views::{is_anchor_type, returned_view_lifetimes};
use crate::types::{Type, TypeKind};

const WHERE_VIEWS_BORROW: &str = "only a view class borrows: a type with one lifetime (`struct Word<'a>`, spec `rust: regex::Match<'h>`), returned by a `&self` method of what it borrows or by a function taking the `&'h str`, `&'h [u8]` or `&'h Class` it borrows";

/// A named lifetime stands only on a view class's type, on the parameter a function's views
/// borrow, or (in a view class) on what its methods and fields return.
pub(super) fn check_lifetimes(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    for f in &module.functions {
        check_function_lifetimes(module, None, f, diags);
    }
    for c in &module.classes {
        for m in &c.methods {
            check_function_lifetimes(module, Some(c), m, diags);
        }
        let own = c.lifetime.as_ref().map(|l| l.name.as_str());
        for a in &c.attributes {
            refuse_lifetimes(&a.ty, own, diags);
        }
        if let Some(item) = &c.iter_item {
            refuse_lifetimes(item, own, diags);
        }
    }
    for ty in module.constants.iter().map(|c| &c.ty) {
        refuse_lifetimes(ty, None, diags);
    }
    for a in module.exceptions.iter().flat_map(|e| &e.attributes) {
        refuse_lifetimes(&a.ty, None, diags);
    }
    for a in module.enums.iter().flat_map(|e| &e.variants).flat_map(|v| &v.fields) {
        refuse_lifetimes(&a.ty, None, diags);
    }
}

fn check_function_lifetimes(module: &Module, class: Option<&Class>, f: &Function, diags: &mut Diagnostics) {
    let own = class.and_then(|c| c.lifetime.as_ref()).map(|l| l.name.as_str());
    // The lifetime the function's views borrow, when it is a parameter's.
    let lent = match f.borrows {
        Some(Borrow::Param(i)) => f.params.get(i).and_then(|p| p.ty.lifetime.as_ref()).map(|l| l.name.as_str()),
        _ => None,
    };
    // When nothing fits (`check_view_borrow` says why), the lifetimes the return names are not
    // reported again on the parameters.
    let returned =
        if f.borrows.is_none() { returned_view_lifetimes(&f.returns).unwrap_or_default() } else { Vec::new() };
    for (i, p) in f.params.iter().enumerate() {
        let unresolved = p.ty.lifetime.as_ref().is_some_and(|l| returned.contains(&l.name));
        let anchored = f.borrows == Some(Borrow::Param(i)) && p.ty.lifetime.is_some();
        if anchored || unresolved {
            // The parameter's own lifetime is what the views borrow; nothing inside it may have one.
            refuse_nested_lifetimes(&p.ty, diags);
        } else {
            refuse_lifetimes(&p.ty, None, diags);
        }
    }
    let _ = module;
    refuse_lifetimes(&f.returns, lent.or(own), diags);
}

/// Refuses every lifetime in `ty` except `allowed` (and the view classes' lifetimes, which
/// `check_view_borrows` judges).
fn refuse_lifetimes(ty: &Type, allowed: Option<&str>, diags: &mut Diagnostics) {
    ty.walk(&mut |t| {
        let Some(l) = &t.lifetime else { return };
        match &t.kind {
            TypeKind::Class(c) if c.view => {}
            TypeKind::Class(c) if c.unit_enum || !c.borrowed => diags.push(
                Diagnostic::new(
                    l.origin,
                    format!("`{}` borrows with a lifetime, which cannot cross the Python boundary", c.name),
                )
                .help(format!("`{}` has no lifetime of its own: write it without one", c.name)),
            ),
            _ if allowed.is_some_and(|a| a == l.name) => {}
            _ => diags
                .push(Diagnostic::new(l.origin, "lifetimes cannot cross the Python boundary").help(help_for(&l.name))),
        }
    });
}

/// `'static` is no view's lifetime; any other lifetime could be one.
fn help_for(lifetime: &str) -> &'static str {
    if lifetime == "static" {
        "Python owns its objects: take `&str`/`&T` without a lifetime, or an owned value"
    } else {
        WHERE_VIEWS_BORROW
    }
}

fn refuse_nested_lifetimes(ty: &Type, diags: &mut Diagnostics) {
    ty.walk(&mut |t| {
        if let Some(l) = &t.lifetime
            && !std::ptr::eq(t, ty)
            && !matches!(&t.kind, TypeKind::Class(c) if c.view)
        {
            diags.push(Diagnostic::new(l.origin, "lifetimes cannot cross the Python boundary").help(help_for(&l.name)));
        }
    });
}

/// A view class is only returned, whole or in an `Option` or a `Vec`: never a parameter, field,
/// constant, item, or part of another type (where nothing would keep its borrow alive).
pub(super) fn check_view_positions(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    let returns = super::TypeSet::of(
        module
            .functions
            .iter()
            .chain(module.classes.iter().flat_map(|c| &c.methods))
            .filter(|f| f.kind != FnKind::Constructor)
            .map(|f| &f.returns),
    );
    // A view class's constructor is refused by `check_view_classes`.
    let constructors = super::TypeSet::of(
        module.classes.iter().flat_map(|c| &c.methods).filter(|f| f.kind == FnKind::Constructor).map(|f| &f.returns),
    );
    for (ty, _) in super::module_types(module).filter(|(ty, _)| !constructors.contains(ty)) {
        let allowed = if returns.contains(ty) { returnable_view(ty) } else { None };
        ty.walk(&mut |t| {
            if let TypeKind::Class(c) = &t.kind
                && c.view
                && !allowed.is_some_and(|a| std::ptr::eq(a, t))
            {
                diags.push(
                    Diagnostic::new(t.origin, format!("the view class `{}` can only be returned", c.name)).help(
                        "a view keeps alive what it borrows from the call that made it: return it as `V`, `Option<V>` or `Vec<V>` (by value)",
                    ),
                );
            }
        });
    }
}

/// The view class in a return shaped `V`, `Option<V>` or `Vec<V>` (by value).
fn returnable_view(ty: &Type) -> Option<&Type> {
    match &ty.kind {
        TypeKind::Class(c) if c.view && !c.borrowed && !c.shared => Some(ty),
        TypeKind::Optional(inner) | TypeKind::List(inner) => {
            matches!(&inner.kind, TypeKind::Class(c) if c.view && !c.borrowed && !c.shared).then_some(&**inner)
        }
        _ => None,
    }
}

/// Every function returning views borrows one thing it can lend ([`Borrow`]), and lends it
/// in a form the runtime can keep alive.
pub(super) fn check_view_borrows(module: &Module, diags: &mut Diagnostics) {
    if module.direction != Direction::Export {
        return;
    }
    for f in &module.functions {
        check_view_borrow(module, None, f, diags);
    }
    for c in &module.classes {
        for m in &c.methods {
            check_view_borrow(module, Some(c), m, diags);
        }
    }
}

fn check_view_borrow(module: &Module, class: Option<&Class>, f: &Function, diags: &mut Diagnostics) {
    if f.kind == FnKind::Constructor {
        return;
    }
    let Some(lifetimes) = returned_view_lifetimes(&f.returns) else { return };
    let at = f.returns.origin;
    if f.release_gil {
        diags.push(
            Diagnostic::new(at, "a function returning views cannot `release_gil`")
                .help("drop `release_gil` (the views are made while the interpreter is held)"),
        );
    }
    if matches!(f.borrows, Some(Borrow::Receiver | Borrow::View)) && f.kind == FnKind::MethodMut {
        diags.push(
            Diagnostic::new(at, "a view cannot borrow `&mut self`")
                .help("take `&self`: Python refuses changes to the object while its views live"),
        );
    }
    if f.kind == FnKind::ClassMethod {
        diags.push(
            Diagnostic::new(at, "a classmethod cannot return views")
                .help("make it a static method or a function taking what the views borrow"),
        );
    }
    match f.borrows {
        Some(Borrow::Param(i)) => check_anchor_param(module, f, i, diags),
        Some(Borrow::Receiver) => {
            if let Some(class) = class {
                check_lendable_receiver(module, class, f, diags);
            }
        }
        Some(Borrow::View) => {}
        None => diags.push(
            Diagnostic::new(at, "nothing here for this view to borrow").help(why_no_borrow(class, f, &lifetimes)),
        ),
    }
}

fn why_no_borrow(class: Option<&Class>, f: &Function, lifetimes: &[String]) -> String {
    let mut named: Vec<&String> = lifetimes.iter().filter(|l| *l != "_").collect();
    named.dedup();
    let receiver = matches!(f.kind, FnKind::Method | FnKind::MethodMut | FnKind::Getter);
    if lifetimes.iter().any(|l| l == "_") && !named.is_empty() || named.len() > 1 {
        return "the views a function returns borrow one thing: write one lifetime on all of them".into();
    }
    if let Some(l) = named.first() {
        let written = f.params.iter().filter(|p| p.ty.lifetime.as_ref().is_some_and(|x| x.name == **l)).count();
        if written > 1 {
            return format!(
                "the views borrow one argument, and `'{l}` is on {written} parameters: keep it on the one they borrow"
            );
        }
        return format!(
            "write `'{l}` on the parameter the views borrow (`text: &'{l} str`, `data: &'{l} [u8]` or `obj: &'{l} Class`)"
        );
    }
    match class.and_then(|c| c.lifetime.as_ref()) {
        Some(own) if receiver => format!(
            "a view's method returns views of what the view borrows: write its lifetime (`Match<'{}>`)",
            own.name
        ),
        _ => {
            "name the lifetime of the one parameter the views borrow (`fn first<'h>(text: &'h str) -> Word<'h>`)".into()
        }
    }
}

/// The parameter views borrow is a `&'h str`, `&'h [u8]` or `&'h Class` (of a class, not an
/// enum or a view), passed as a plain argument.
fn check_anchor_param(module: &Module, f: &Function, i: usize, diags: &mut Diagnostics) {
    let Some(p) = f.params.get(i) else { return };
    let class_ok = match &p.ty.kind {
        TypeKind::Class(c) => module.classes.iter().any(|k| k.name.py == c.name && k.lifetime.is_none()),
        _ => true,
    };
    if let TypeKind::Class(c) = &p.ty.kind
        && returned_as_view(module, &c.name)
    {
        diags.push(
            Diagnostic::new(
                p.ty.origin,
                format!("`{}` is also returned as a view (`policy: view`), which cannot lend itself to views", c.name),
            )
            .help("return copies instead of `policy: view` objects, or take a `&str` here"),
        );
    }
    if !is_anchor_type(&p.ty) || !class_ok {
        diags.push(
            Diagnostic::new(p.ty.origin, "views can borrow only a `&str`, `&[u8]` or `&Class` argument")
                .help("take `&'h str` (read in place from a Python `str`), `&'h [u8]` (a `bytes`) or `&'h C` of a class of this module"),
        );
    }
    if matches!(p.kind, ParamKind::VarPositional | ParamKind::VarKeyword) || p.default.is_some() {
        diags.push(
            Diagnostic::new(p.origin, "the argument views borrow must be passed: no default, `*args` or `**kwargs`")
                .help("make it a plain parameter"),
        );
    }
}

/// A `&self` method's views lend the object's value for as long as they live: the class must
/// be sendable and hold its own value, like a borrowing iterator's.
fn check_lendable_receiver(module: &Module, class: &Class, f: &Function, diags: &mut Diagnostics) {
    let at = f.returns.origin;
    if returned_as_view(module, &class.name.py) {
        diags.push(
            Diagnostic::new(
                at,
                format!(
                    "`{}` is also returned as a view (`policy: view`), which cannot lend itself to views",
                    class.name.py
                ),
            )
            .help("return copies instead of `policy: view` objects, or return owned values here"),
        );
    }
    if class.unsendable {
        diags.push(
            Diagnostic::new(at, format!("an `unsendable` class (`{}`) cannot lend itself to views", class.name.py))
                .help("return owned values instead"),
        );
    }
    if class.attributes.iter().any(|a| a.buffer.is_some()) {
        diags.push(
            Diagnostic::new(
                at,
                format!("`{}` exports a buffer, which Python could change under a view", class.name.py),
            )
            .help("return owned values instead, or drop the `buffer` field"),
        );
    }
}

/// Whether some method, function or field returns the class `name` as a view into another
/// object (`policy: view`): such an object reaches its value only through its parent's, and
/// cannot lend it.
fn returned_as_view(module: &Module, name: &str) -> bool {
    let as_view = |ty: &Type| matches!(&ty.kind, TypeKind::Class(r) if r.name == name);
    module.classes.iter().any(|k| {
        k.methods.iter().any(|g| g.policy == ReturnPolicy::View && as_view(&g.returns))
            || k.attributes.iter().any(|a| a.policy == ReturnPolicy::View && as_view(&a.ty))
    }) || module.functions.iter().any(|g| g.policy == ReturnPolicy::View && as_view(&g.returns))
}

/// A view class is made only by what returns it: no constructor, static or class methods,
/// `close`, `pickle`, buffers, operators, `item:` or `unsendable`; its fields that borrow are
/// read-only; its methods may not return iterators that borrow it.
pub(super) fn check_view_classes(module: &Module, diags: &mut Diagnostics) {
    for c in module.classes.iter().filter(|c| c.lifetime.is_some()) {
        let name = &c.name.py;
        let mut refuse = |at, message: String, help: &str| diags.push(Diagnostic::new(at, message).help(help));
        for m in &c.methods {
            match m.kind {
                FnKind::Constructor | FnKind::Static | FnKind::ClassMethod => refuse(
                    m.origin,
                    format!("the view class `{name}` cannot have a constructor, static or class method"),
                    "a view is made by the methods and functions returning it; move this to the class it borrows from",
                ),
                _ if m.iterator_borrows_self() => refuse(
                    m.returns.origin,
                    format!("a method of the view class `{name}` cannot return an iterator borrowing it"),
                    "return a `Vec<T>`, or an iterator that owns its data (`+ use<>`)",
                ),
                _ => {}
            }
        }
        if let Some(item) = &c.iter_item {
            refuse(
                item.origin,
                format!("the view class `{name}` cannot take `__iter__` from `IntoIterator`"),
                "declare a method returning a `Vec<T>`, or `__iter__`/`__next__` methods",
            );
        }
        if c.close.is_some() {
            refuse(c.origin, format!("the view class `{name}` cannot have a `close` method"), "drop `close`");
        }
        if let Some(at) = c.pickle {
            refuse(
                at,
                format!("the view class `{name}` cannot be pickled"),
                "drop `pickle` (a view has no constructor)",
            );
        }
        if c.unsendable {
            refuse(c.origin, format!("the view class `{name}` cannot be `unsendable`"), "a view must be `Send + Sync`");
        }
        for a in &c.attributes {
            if let Some(at) = a.buffer {
                refuse(at, format!("the view class `{name}` cannot export a buffer"), "drop `buffer`");
            }
            let mut borrows = false;
            a.ty.walk(&mut |t| borrows |= t.lifetime.is_some());
            if a.writable && borrows {
                refuse(
                    a.origin,
                    format!("the field `{}` borrows and cannot be set from Python", a.name.py),
                    "make it read-only (`get` only, or `writable: false`)",
                );
            }
        }
        if c.dunders.iter().any(|d| matches!(d, crate::Dunder::Op(..))) {
            refuse(
                c.origin,
                format!("the view class `{name}` cannot take operators from `std::ops` traits"),
                "convert it to an owned class for arithmetic, or declare the operator as a method returning owned values",
            );
        }
    }
}

/// An import stub cannot take or return an exported view class (it has no lifetime to give it).
pub(super) fn check_views_in_imports(bridge: &Bridge, diags: &mut Diagnostics) {
    let Some(export) = bridge.export() else { return };
    let views: Vec<&str> = export.classes.iter().filter(|c| c.lifetime.is_some()).map(|c| c.name.py.as_str()).collect();
    for module in bridge.modules.iter().filter(|m| m.direction == Direction::Import) {
        for (ty, _) in super::module_types(module) {
            ty.walk(&mut |t| {
                if let TypeKind::Class(c) = &t.kind
                    && c.exported
                    && views.contains(&c.name.as_str())
                {
                    diags.push(
                        Diagnostic::new(
                            t.origin,
                            format!("the view class `{}` cannot cross into an import stub", c.name),
                        )
                        .help("a view borrows from the call that made it; pass an owned class instead"),
                    );
                }
            });
        }
    }
}

#[cfg(all(test, feature = "spec"))]
mod tests;
